//! The dictd format, as FreeDict's Debian packages install it in `/usr/share/dictd/`:
//! `NAME.index` lists each headword with the offset and length of its entry (base 64,
//! tab separated); `NAME.dict.dz` holds the entries, compressed with dictzip (a gzip file
//! whose extra field allows random access, which a plain gzip reader ignores), or
//! `NAME.dict` uncompressed. Entries whose headword starts with `00database` or
//! `00-database-` describe the dictionary itself.
//!
//! The data is read once from start to end, the entries in the order of their offsets:
//! a large dictionary (German–English: 100 MB uncompressed) never has to be held whole.

use std::io::{self, BufRead, Read, Write};
use std::path::Path;

/// The digits of dictd's base 64 numbers, most significant first, no padding.
const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Bytes read from the data at a time.
const CHUNK: usize = 1 << 16;

/// Entries longer than this are taken as damage and skipped.
const LONGEST_ENTRY: u64 = 1 << 20;

/// One line of an index.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IndexEntry {
    pub(crate) headword: String,
    pub(crate) offset: u64,
    pub(crate) length: u64,
}

/// Whether `headword` names an entry describing the dictionary.
pub(crate) fn is_metadata(headword: &str) -> bool {
    headword.starts_with("00database") || headword.starts_with("00-database-")
}

/// The number a dictd base 64 string writes (`None` if it is not one, or too long).
pub(crate) fn decode_base64(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 10 {
        return None;
    }
    text.bytes().try_fold(0u64, |n, byte| {
        let digit = BASE64.iter().position(|b| *b == byte)?;
        Some(n * 64 + digit as u64)
    })
}

/// `n` in dictd's base 64.
pub(crate) fn encode_base64(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(BASE64[(n % 64) as usize]);
        n /= 64;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// The lines of an index; lines that are not `headword TAB offset TAB length` are
/// skipped (and counted in the second value).
pub(crate) fn read_index(reader: impl BufRead) -> io::Result<(Vec<IndexEntry>, usize)> {
    let mut entries = Vec::new();
    let mut skipped = 0;
    for line in reader.split(b'\n') {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        let mut fields = line.trim_end_matches('\r').split('\t');
        let parsed = match (fields.next(), fields.next(), fields.next()) {
            (Some(headword), Some(offset), Some(length)) if !headword.is_empty() => {
                decode_base64(offset)
                    .zip(decode_base64(length))
                    .map(|(offset, length)| IndexEntry {
                        headword: headword.to_owned(),
                        offset,
                        length,
                    })
            }
            _ => None,
        };
        match parsed {
            Some(entry) => entries.push(entry),
            None => skipped += usize::from(!line.trim().is_empty()),
        }
    }
    Ok((entries, skipped))
}

/// Calls `each(headword, entry text)` for every line of `index`, reading `data` (the
/// uncompressed entries) once, in the order of the entries' offsets. Entries past the
/// end of the data or implausibly long are skipped.
pub(crate) fn for_each_entry(
    mut index: Vec<IndexEntry>,
    mut data: impl Read,
    mut each: impl FnMut(&str, &str),
) -> io::Result<()> {
    index.sort_by_key(|entry| entry.offset);
    // `buffer` holds the data from `buffer_start` on.
    let mut buffer: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut buffer_start = 0u64;
    let mut at_end = false;
    let mut chunk = vec![0u8; CHUNK];
    for entry in index {
        if entry.length > LONGEST_ENTRY {
            continue;
        }
        // Everything before this entry has been read: let it go once it is large.
        let done = entry.offset.saturating_sub(buffer_start);
        if done as usize > 4 * CHUNK {
            let done = (done as usize).min(buffer.len());
            buffer.drain(..done);
            buffer_start += done as u64;
        }
        let end = entry.offset + entry.length;
        while buffer_start + buffer.len() as u64 <= end && !at_end {
            let n = data.read(&mut chunk)?;
            if n == 0 {
                at_end = true;
            }
            buffer.extend_from_slice(&chunk[..n]);
        }
        if entry.offset < buffer_start || end > buffer_start + buffer.len() as u64 {
            continue;
        }
        let start = (entry.offset - buffer_start) as usize;
        let text = String::from_utf8_lossy(&buffer[start..start + entry.length as usize]);
        each(&entry.headword, &text);
    }
    Ok(())
}

/// Writes a dictd dictionary of `entries` (headword, entry text) as `dir/NAME.index` and
/// `dir/NAME.dict` (uncompressed; `NAME.dict.dz` when `compress`), as `dictfmt` would:
/// for tests and tools. An entry's text conventionally starts with a line repeating its
/// headword.
pub fn write_dictd(
    dir: &Path,
    name: &str,
    entries: &[(&str, &str)],
    compress: bool,
) -> io::Result<()> {
    let mut data = Vec::new();
    let mut index = String::new();
    let mut sorted: Vec<&(&str, &str)> = entries.iter().collect();
    sorted.sort_by_key(|(headword, _)| headword.to_lowercase());
    for (headword, text) in sorted {
        let offset = data.len() as u64;
        data.extend_from_slice(text.as_bytes());
        if !text.ends_with('\n') {
            data.push(b'\n');
        }
        let length = data.len() as u64 - offset;
        index.push_str(&format!(
            "{headword}\t{}\t{}\n",
            encode_base64(offset),
            encode_base64(length)
        ));
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(format!("{name}.index")), index)?;
    if compress {
        let file = std::fs::File::create(dir.join(format!("{name}.dict.dz")))?;
        let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::default());
        encoder.write_all(&data)?;
        encoder.finish()?.sync_all()?;
    } else {
        std::fs::write(dir.join(format!("{name}.dict")), data)?;
    }
    Ok(())
}

/// How an entry's text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// The classic FreeDict layout: after the headword line, lines of translations
    /// separated by commas, numbered (`1. …`) when there are several senses; the Ding
    /// German–English dictionary adds indented examples, synonyms and notes, and `see:`
    /// lines.
    Plain,
    /// FreeDict's WikDict dictionaries (Finnish, Polish, Greek): each sense is a line of
    /// translations followed by a gloss *in the source language*, which is not a
    /// translation.
    WikDict,
}

/// The English translations an entry gives, sense by sense, each sense a list of short
/// phrases (`<n>`, `[fin.]`, `(…)` and `{…}` taken out, `to ` before a verb dropped).
pub(crate) fn senses(entry: &str, layout: Layout) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut first_body_line = true;
    for line in entry.lines().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        let numbered = strip_number(trimmed);
        let is_translation = match layout {
            // The first line, and each numbered sense that starts at the margin.
            Layout::WikDict => {
                first_body_line || (indent == 0 && numbered.is_some_and(|rest| !rest.is_empty()))
            }
            // Examples, synonyms and notes are indented further.
            Layout::Plain => {
                indent < 3
                    && !["see:", "Synonym", "Note:"]
                        .iter()
                        .any(|p| trimmed.starts_with(p))
            }
        };
        first_body_line = false;
        if !is_translation {
            continue;
        }
        let mut text = numbered.unwrap_or(trimmed);
        if layout == Layout::WikDict {
            text = strip_trailing_number(text);
        }
        let phrases = phrases(text);
        if !phrases.is_empty() {
            out.push(phrases);
        }
    }
    out
}

/// `text` without a leading sense number (`2. course` → `course`), or `None` when it
/// has none.
fn strip_number(text: &str) -> Option<&str> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    text[digits..].strip_prefix('.').map(str::trim_start)
}

/// `text` without WikDict's trailing number of the next sense (`course 2.`).
fn strip_trailing_number(text: &str) -> &str {
    let Some(head) = text.strip_suffix('.') else {
        return text;
    };
    let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits == head.len() {
        return text;
    }
    let rest = &head[..head.len() - digits];
    if rest.ends_with(char::is_whitespace) {
        rest.trim_end()
    } else {
        text
    }
}

/// Words a phrase has at most: longer ones are explanations, not translations.
const LONGEST_PHRASE_WORDS: usize = 4;

/// Placeholders of English dictionaries that are not translations.
const PLACEHOLDERS: [&str; 8] = ["sth.", "sb.", "sth", "sb", "so.", "sg.", "etw.", "jdm."];

/// The short phrases of one line of translations.
fn phrases(line: &str) -> Vec<String> {
    // Bracketed parts: grammar (`<n>`), domains (`[fin.]`), references (`{…}`), optional
    // words and explanations (`(…)`).
    let mut plain = String::with_capacity(line.len());
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '<' | '[' | '{' | '(' => depth += 1,
            '>' | ']' | '}' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .split([',', ';', '/'])
        .filter_map(|phrase| {
            let words: Vec<&str> = phrase
                .split_whitespace()
                .filter(|word| !PLACEHOLDERS.contains(word))
                .collect();
            let words = match words.split_first() {
                Some((&"to", rest)) if !rest.is_empty() => rest,
                _ => &words[..],
            };
            (!words.is_empty() && words.len() <= LONGEST_PHRASE_WORDS).then(|| words.join(" "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_numbers_read_as_dictd_writes_them() {
        for (text, n) in [
            ("A", 0),
            ("B", 1),
            ("BA", 64),
            ("R6yt", 4_697_261),
            ("//", 4095),
        ] {
            assert_eq!(decode_base64(text), Some(n), "{text}");
            assert_eq!(encode_base64(n), text);
        }
        assert_eq!(decode_base64(""), None);
        assert_eq!(decode_base64("a-b"), None);
        assert_eq!(decode_base64("AAAAAAAAAAAAA"), None);
    }

    #[test]
    fn the_index_and_the_data_are_read_in_the_order_of_the_offsets() {
        let parts = [
            "00-database-short\nA test dictionary\n",
            "kurssi /kˈurssɪ/ <n>\ncourse\n",
            "tiede\nscience\n",
        ];
        let data = parts.concat();
        let at = |i: usize| encode_base64(parts[..i].iter().map(|p| p.len() as u64).sum());
        let length = |i: usize| encode_base64(parts[i].len() as u64);
        // Out of order, a broken line, an empty one, and an entry past the end.
        let index = format!(
            "00databaseshort\t{}\t{}\ntiede\t{}\t{}\nkurssi\t{}\t{}\nbroken line\n\nfar\tZZZ\tB\n",
            at(0),
            length(0),
            at(2),
            length(2),
            at(1),
            length(1)
        );
        let (entries, skipped) = read_index(index.as_bytes()).unwrap();
        assert_eq!(skipped, 1);
        assert_eq!(entries.len(), 4);
        assert!(is_metadata(&entries[0].headword));
        let mut seen = Vec::new();
        for_each_entry(entries, data.as_bytes(), |headword, text| {
            seen.push((headword.to_owned(), text.to_owned()));
        })
        .unwrap();
        let expected: Vec<(String, String)> = [("00databaseshort", 0), ("kurssi", 1), ("tiede", 2)]
            .iter()
            .map(|(headword, i)| ((*headword).to_owned(), parts[*i].to_owned()))
            .collect();
        assert_eq!(
            seen, expected,
            "the entry past the end of the data is skipped"
        );
    }

    #[test]
    fn entries_far_apart_in_a_large_file_are_all_read() {
        let entries: Vec<(String, String)> = (0..5000)
            .map(|i| {
                (
                    format!("word{i:05}"),
                    format!("word{i:05}\ntranslation {i} {}\n", "x".repeat(i % 300)),
                )
            })
            .collect();
        let borrowed: Vec<(&str, &str)> = entries
            .iter()
            .map(|(h, t)| (h.as_str(), t.as_str()))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        write_dictd(dir.path(), "big", &borrowed, true).unwrap();
        let index = std::fs::File::open(dir.path().join("big.index")).unwrap();
        let (index, _) = read_index(io::BufReader::new(index)).unwrap();
        let data = flate2::read::MultiGzDecoder::new(
            std::fs::File::open(dir.path().join("big.dict.dz")).unwrap(),
        );
        let mut count = 0;
        for_each_entry(index, data, |headword, text| {
            let i: usize = headword[4..].parse().unwrap();
            assert_eq!(text, entries[i].1);
            count += 1;
        })
        .unwrap();
        assert_eq!(count, 5000);
    }

    #[test]
    fn senses_of_the_three_layouts() {
        // Classic FreeDict (Swedish, French, …).
        assert_eq!(
            senses(
                "gronder /gʀɔ̃de/ <v>\n1. admonish, scold\n2. menace, threaten\n",
                Layout::Plain
            ),
            vec![vec!["admonish", "scold"], vec!["menace", "threaten"]]
        );
        assert_eq!(
            senses(
                "albérlőket tart\n1. to take boarders\n2. to take in boarders\n",
                Layout::Plain
            ),
            vec![vec!["take boarders"], vec!["take in boarders"]]
        );
        // Ding (German): domains, grammar, examples, synonyms and references dropped.
        let kurs = "Kurs /kˈuːɾs/ <masc, n, sg>\ncourse <n>, class <n> [Am.]\n         Note: in / on sth.\n      \"Kurs / Lehrgang für Fortgeschrittene\"  - advanced course, extension course\n   Synonyms: {Kursus}, {Lehrgang}\n\n see: {Kurse}, {Lehrgänge}\n\n";
        assert_eq!(senses(kurs, Layout::Plain), vec![vec!["course", "class"]]);
        assert_eq!(
            senses(
                "Wissenschaft\n [stud.]  [sci.] scientific study <n>, science <n>\n",
                Layout::Plain
            ),
            vec![vec!["scientific study", "science"]]
        );
        assert_eq!(
            senses(
                "Lehre\nmarket price/rate <n>, find out sth. <v>\n",
                Layout::Plain
            ),
            vec![vec!["market price", "rate", "find out"]]
        );
        // WikDict (Finnish, Polish): glosses in the source language are not translations.
        let kurssi = "kurssi /kˈurssɪ/ <n>\n1. course 2.\noppitunneista muodostuva opintokokonaisuus\n 3.\nsuunta navigoinnissa\n2. quotation, rate\nvaluutan, osakkeiden tms. arvopaperien arvo tai noteeraus\n";
        assert_eq!(
            senses(kurssi, Layout::WikDict),
            vec![vec!["course"], vec!["quotation", "rate"]]
        );
        assert_eq!(
            senses(
                "tiede /tˈiede/ <n>\nscience\nyhtenäinen ja järjestelmällinen varmojen ja yleispätevien tietojen kokonaisuus\n",
                Layout::WikDict
            ),
            vec![vec!["science"]]
        );
        // Long explanations are not phrases.
        assert_eq!(
            senses(
                "x\na word that means something rather long, short\n",
                Layout::Plain
            ),
            vec![vec!["short"]]
        );
        assert_eq!(strip_trailing_number("1990s"), "1990s");
        assert_eq!(strip_trailing_number("economy 2."), "economy");
    }
}
