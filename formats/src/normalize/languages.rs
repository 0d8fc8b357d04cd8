//! The language of a record's text, where its tag is missing or implausible: every
//! format's records pass through [`detect_text_languages`] (in [`crate::parse`]).
//!
//! Feeds tag text wrongly: one real "English" catalogue holds Finnish descriptions in its
//! English field (11 %), and a feed without language tags puts everything under `und`.
//! Search and equivalence read text per language, so such text would be stemmed and
//! compared as the wrong language. Detection itself is [`vocab::detect_language`] and
//! [`vocab::contradicted_tag`]; the rules here decide what moves:
//!
//! - Text of at least [`MIN_LETTERS_ALONE`] letters (a few sentences) is judged on its
//!   own: under `und`, it moves to the language it reliably reads as; under a language
//!   its content reliably contradicts (Finnish text under `en`), to the language it reads
//!   as.
//! - Shorter text, and every title, moves only the way a long text of the same record
//!   moved (from the same tag to the same language), and only when its own words read as
//!   that language too. Short text alone is not evidence enough: whatlang reads the
//!   learning outcome "Participants are able to design lesson plans." as French
//!   (confidence 0.92) and the title "Programming course on Monte Carlo particle
//!   transport simulations D" as French (1.0). A title of fewer than [`MIN_TITLE_WORDS`]
//!   words never moves.
//! - Text moves only to a language its field does not have yet: nothing is ever
//!   overwritten or dropped; when the slot is taken the text stays, with a note.
//! - A description's sanitised HTML moves with its plain text.
//! - Names (of the awarding body, of venues) are not read: names are not sentences.
//!
//! Each move is a note on the record, in words the publisher can act on ("description
//! tagged en reads as Finnish: indexed as fi"); the payload as published is untouched.

use model::{Credential, LangTag, LangText};

/// Letters a text needs to be judged on its own (about 25 words): shorter text follows
/// the record's long text. On the English Virginia Tech catalogue cut to its first 150
/// letters, no description reads as another language; cut to 100, one reads as Danish.
pub const MIN_LETTERS_ALONE: usize = 150;

/// Words a title needs before its own text can move it to another language.
pub const MIN_TITLE_WORDS: usize = 3;

/// Moves text whose language tag is missing or contradicted by the text to the language
/// it reads as, and notes the moves on the record, one note for each language moved from
/// and to (see the module's documentation).
pub fn detect_text_languages(credential: &mut Credential) {
    let mut report = Report::default();
    // Long texts first; their moves, (from, to), are what short texts may follow.
    let mut precedents: Vec<(LangTag, LangTag)> = Vec::new();
    for pass in [Pass::Alone, Pass::Following] {
        let mut moves = Vec::new();
        let mut description_moves = Vec::new();
        for (text, what) in fields(credential) {
            let moved = retag(text, what, pass, &precedents, &mut report);
            if what == "description" {
                description_moves.extend(moved.iter().cloned());
            }
            moves.extend(moved);
        }
        for (from, to) in description_moves {
            move_text(&mut credential.description_html, &from, &to);
        }
        precedents.extend(moves);
    }
    for note in report.notes() {
        super::push_issue(credential, model::Issue::note(note));
    }
}

/// Whether texts are judged on their own or follow the record's long texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Texts of at least [`MIN_LETTERS_ALONE`] letters, titles excepted.
    Alone,
    /// Shorter texts and titles.
    Following,
}

/// The fields of [`fields`], in the order notes name them.
const FIELD_ORDER: [&str; 9] = [
    "title",
    "description",
    "learning outcome",
    "assessment",
    "quality assurance",
    "prerequisites",
    "stackability",
    "supervision",
    "grading",
];

/// The record's free text, by field: not names (of organisations, venues).
fn fields(credential: &mut Credential) -> Vec<(&mut LangText, &'static str)> {
    let mut fields = vec![(&mut credential.description, "description")];
    fields.extend(
        credential
            .learning_outcomes
            .iter_mut()
            .map(|outcome| (&mut outcome.text, "learning outcome")),
    );
    fields.extend([
        (&mut credential.assessment, "assessment"),
        (&mut credential.quality_assurance, "quality assurance"),
        (&mut credential.prerequisites, "prerequisites"),
        (&mut credential.stackability, "stackability"),
        (&mut credential.supervision, "supervision"),
        (&mut credential.grading, "grading"),
        (&mut credential.title, "title"),
    ]);
    fields
}

/// Moves the texts of one field that belong to `pass` and whose language is missing or
/// contradicted; in the second pass, only the way a long text moved (`precedents`).
/// Returns the moves made, as (from, to).
fn retag(
    text: &mut LangText,
    what: &'static str,
    pass: Pass,
    precedents: &[(LangTag, LangTag)],
    report: &mut Report,
) -> Vec<(LangTag, LangTag)> {
    let mut moves = Vec::new();
    let title = what == "title";
    // Only the entries of this pass that may be judged are copied out (the text moves
    // while they are read).
    let entries: Vec<(LangTag, String)> = text
        .0
        .iter()
        .filter(|(tag, value)| {
            let alone = !title && letters(value) >= MIN_LETTERS_ALONE;
            if alone != (pass == Pass::Alone) || (title && words(value) < MIN_TITLE_WORDS) {
                return false;
            }
            // A short text can only follow a long text's move from its own tag: without
            // one there is nothing to detect (most records: detection is the costliest
            // step of reading a record, and this keeps it to the long texts).
            alone || precedents.iter().any(|(from, _)| from == *tag)
        })
        .map(|(tag, value)| (tag.clone(), value.clone()))
        .collect();
    for (tag, value) in entries {
        let alone = pass == Pass::Alone;
        let detected = if tag.is_undetermined() {
            vocab::detect_language(&value)
        } else {
            vocab::contradicted_tag(&value, &tag)
        };
        let Some(detected) = detected.filter(|detected| {
            alone
                || precedents
                    .iter()
                    .any(|(from, to)| *from == tag && *to == detected.tag)
        }) else {
            continue;
        };
        let taken = text
            .languages()
            .any(|present| present.primary() == detected.tag.primary());
        if taken {
            report.left.push(format!(
                "{what} {} reads as {}, but the {what} has {} text already: left under {tag}",
                tagged(&tag),
                detected.name,
                detected.name
            ));
            continue;
        }
        move_text(text, &tag, &detected.tag);
        report.moved(what, &tag, &detected);
        moves.push((tag, detected.tag));
    }
    moves
}

/// "tagged en", or "without a language tag".
fn tagged(tag: &LangTag) -> String {
    if tag.is_undetermined() {
        "without a language tag".to_owned()
    } else {
        format!("tagged {tag}")
    }
}

/// What [`detect_text_languages`] moved, and what it could not.
#[derive(Default)]
struct Report {
    /// Each move from one tag to another: the language's name and the fields moved
    /// (a field named twice is several learning outcomes).
    moved: Vec<(LangTag, LangTag, &'static str, Vec<&'static str>)>,
    /// Text that reads as another language whose slot is taken.
    left: Vec<String>,
}

impl Report {
    fn moved(&mut self, what: &'static str, from: &LangTag, detected: &vocab::DetectedLanguage) {
        match self
            .moved
            .iter_mut()
            .find(|(f, t, _, _)| f == from && *t == detected.tag)
        {
            Some((_, _, _, fields)) => fields.push(what),
            None => self.moved.push((
                from.clone(),
                detected.tag.clone(),
                detected.name,
                vec![what],
            )),
        }
    }

    /// The notes, in plain words: "title and description tagged en read as Finnish:
    /// indexed as fi".
    fn notes(self) -> Vec<String> {
        let mut notes = Vec::new();
        for (from, to, name, fields) in self.moved {
            let mut fields = fields;
            fields.sort_by_key(|what| FIELD_ORDER.iter().position(|field| field == what));
            let mut named: Vec<String> = Vec::new();
            for what in &fields {
                let several = fields.iter().filter(|other| *other == what).count() > 1;
                let label = if several {
                    format!("{what}s")
                } else {
                    (*what).to_owned()
                };
                if !named.contains(&label) {
                    named.push(label);
                }
            }
            let verb = if fields.len() > 1 { "read" } else { "reads" };
            let subject = match named.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => continue,
            };
            notes.push(format!(
                "{subject} {} {verb} as {name}: indexed as {to}",
                tagged(&from)
            ));
        }
        notes.extend(self.left);
        notes
    }
}

/// Moves the text under `from` to `to` when `to` has none.
fn move_text(text: &mut LangText, from: &LangTag, to: &LangTag) {
    if text.0.contains_key(to) {
        return;
    }
    if let Some(value) = text.0.remove(from) {
        text.0.insert(to.clone(), value);
    }
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Words with at least one letter ("Japanese 2" is one word and a number).
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts long enough to be judged on their own (at least [`MIN_LETTERS_ALONE`]).
    const FINNISH_DESCRIPTION: &str = "Opintojaksolla opitaan ihmisten tutkimusta ja heidän \
        tarpeidensa ymmärtämistä sekä vuorovaikutteisten järjestelmien suunnittelua ja \
        arviointia. Opiskelijat tekevät pienryhmissä käyttäjätutkimuksen ja arvioivat \
        prototyyppejä.";
    const ENGLISH_DESCRIPTION: &str = "The course introduces the design of interactive \
        systems: students study users and their needs, design prototypes in small groups \
        and evaluate them with real users before presenting their results.";

    fn tags(text: &LangText) -> Vec<&str> {
        text.languages().map(LangTag::as_str).collect()
    }

    fn notes(credential: &Credential) -> Vec<&str> {
        credential
            .issues
            .iter()
            .map(|issue| issue.message.as_str())
            .collect()
    }

    fn outcome(lang: &str, text: &str) -> model::LearningOutcome {
        model::LearningOutcome {
            text: LangText::single(lang, text),
            skill_uri: None,
        }
    }

    #[test]
    fn the_fixtures_are_long_enough_to_be_judged_alone() {
        assert!(letters(FINNISH_DESCRIPTION) >= MIN_LETTERS_ALONE);
        assert!(letters(ENGLISH_DESCRIPTION) >= MIN_LETTERS_ALONE);
    }

    #[test]
    fn finnish_description_under_en_moves_to_fi_and_the_english_title_stays() {
        let mut credential = Credential::default();
        credential.title.insert("en", "Users and Interaction");
        credential.description.insert("en", FINNISH_DESCRIPTION);
        credential
            .description_html
            .insert("en", &format!("<p>{FINNISH_DESCRIPTION}</p>"));
        detect_text_languages(&mut credential);
        assert_eq!(tags(&credential.title), ["en"]);
        assert_eq!(tags(&credential.description), ["fi"]);
        assert_eq!(tags(&credential.description_html), ["fi"]);
        assert_eq!(
            notes(&credential),
            ["description tagged en reads as Finnish: indexed as fi"]
        );
        // Normalising again changes nothing.
        let once = credential.clone();
        detect_text_languages(&mut credential);
        assert_eq!(credential, once);
    }

    #[test]
    fn text_is_never_lost_when_the_slot_is_taken() {
        let mut credential = Credential::default();
        credential.description.insert("en", FINNISH_DESCRIPTION);
        credential.description.insert(
            "fi-FI",
            "Kurssilla perehdytään vuorovaikutteisten järjestelmien suunnitteluun.",
        );
        detect_text_languages(&mut credential);
        assert_eq!(tags(&credential.description), ["en", "fi-FI"]);
        assert_eq!(
            notes(&credential),
            [
                "description tagged en reads as Finnish, but the description has Finnish \
                 text already: left under en"
            ]
        );
    }

    #[test]
    fn untagged_text_moves_to_its_language() {
        let mut credential = Credential::default();
        credential
            .title
            .insert("und", "Introduction to the design of interactive systems");
        credential.description.insert("und", ENGLISH_DESCRIPTION);
        credential.learning_outcomes = vec![
            outcome(
                "und",
                "Students can evaluate the usability of interactive systems.",
            ),
            outcome(
                "und",
                "Students can report the results of a usability study to a client.",
            ),
            // Too close a call for whatlang: left untagged.
            outcome(
                "und",
                "Students can explain the principles of user-centred design.",
            ),
        ];
        detect_text_languages(&mut credential);
        assert_eq!(tags(&credential.title), ["en"]);
        assert_eq!(tags(&credential.description), ["en"]);
        let outcomes: Vec<Vec<&str>> = credential
            .learning_outcomes
            .iter()
            .map(|outcome| tags(&outcome.text))
            .collect();
        assert_eq!(outcomes, [["en"], ["en"], ["und"]]);
        assert_eq!(
            notes(&credential),
            [
                "title, description and learning outcomes without a language tag read as \
                 English: indexed as en"
            ]
        );
    }

    #[test]
    fn short_text_follows_only_the_records_long_text() {
        // whatlang reliably reads these English outcomes as French: alone, or beside
        // English long text, they stay under `en`.
        let english = [
            "Participants are able to design lesson plans.",
            "Participants are able to implement container deployments.",
        ];
        for text in english {
            assert_eq!(
                vocab::contradicted_tag(text, &LangTag::parse("en").unwrap())
                    .map(|detected| detected.name),
                Some("French"),
                "{text}: whatlang changed; keep an example it misreads"
            );
        }
        let mut credential = Credential::default();
        credential.description.insert("en", ENGLISH_DESCRIPTION);
        credential.learning_outcomes = english.map(|text| outcome("en", text)).to_vec();
        let before = credential.clone();
        detect_text_languages(&mut credential);
        assert_eq!(credential, before);
        // Untagged short text alone stays untagged too.
        let mut untagged = Credential {
            learning_outcomes: english.map(|text| outcome("und", text)).to_vec(),
            ..Credential::default()
        };
        let before = untagged.clone();
        detect_text_languages(&mut untagged);
        assert_eq!(untagged, before);
        // A short Finnish outcome under `en` follows its Finnish description to `fi`.
        let mut finnish = Credential::default();
        finnish.description.insert("en", FINNISH_DESCRIPTION);
        finnish.learning_outcomes = vec![outcome(
            "en",
            "Opiskelija osaa arvioida vuorovaikutteisten järjestelmien käytettävyyttä.",
        )];
        detect_text_languages(&mut finnish);
        assert_eq!(tags(&finnish.learning_outcomes[0].text), ["fi"]);
        assert_eq!(
            notes(&finnish),
            ["description and learning outcome tagged en read as Finnish: indexed as fi"]
        );
    }

    #[test]
    fn short_titles_are_never_moved() {
        // A two-word Finnish title under `en`, beside a Finnish description under `en`: the
        // description moves, the title is too short to judge on its own words.
        let mut credential = Credential::default();
        credential.title.insert("en", "Animaation perusteet");
        credential.description.insert("en", FINNISH_DESCRIPTION);
        detect_text_languages(&mut credential);
        assert_eq!(tags(&credential.title), ["en"]);
        assert_eq!(tags(&credential.description), ["fi"]);
        let mut untagged = Credential::default();
        untagged.title.insert("und", "Sustainable Business");
        untagged.description.insert("und", ENGLISH_DESCRIPTION);
        detect_text_languages(&mut untagged);
        assert_eq!(tags(&untagged.title), ["und"]);
    }

    #[test]
    fn a_tagged_title_moves_only_with_the_records_long_text() {
        // whatlang reads this English title as French: its English description keeps it.
        let title = "Programming course on Monte Carlo particle transport simulations D";
        let mut credential = Credential::default();
        credential.title.insert("en", title);
        credential.description.insert("en", ENGLISH_DESCRIPTION);
        detect_text_languages(&mut credential);
        assert_eq!(tags(&credential.title), ["en"]);
        assert!(credential.issues.is_empty(), "{:?}", credential.issues);
        // Without a description, nothing corroborates it either.
        let mut alone = Credential::default();
        alone.title.insert("en", title);
        detect_text_languages(&mut alone);
        assert_eq!(tags(&alone.title), ["en"]);
        // A Finnish title under `en` moves with its Finnish description.
        let mut finnish = Credential::default();
        finnish
            .title
            .insert("en", "Kestävän liiketoiminnan perusteet");
        finnish.description.insert("en", FINNISH_DESCRIPTION);
        detect_text_languages(&mut finnish);
        assert_eq!(tags(&finnish.title), ["fi"]);
        assert_eq!(tags(&finnish.description), ["fi"]);
        assert_eq!(
            notes(&finnish),
            ["title and description tagged en read as Finnish: indexed as fi"]
        );
        // ... but not with a Finnish description that was tagged right: only a move of the
        // same tag to the same language is a precedent.
        let mut tagged_right = Credential::default();
        tagged_right
            .title
            .insert("en", "Kestävän liiketoiminnan perusteet");
        tagged_right.description.insert("fi", FINNISH_DESCRIPTION);
        let before = tagged_right.clone();
        detect_text_languages(&mut tagged_right);
        assert_eq!(tagged_right, before);
    }

    /// The real catalogues of the shared folder (opt-in), as `examples/language_tags.rs`
    /// measures them: the Finnish and Swedish descriptions of Aalto's "English" pool move,
    /// nothing of JAMK's correctly tagged pairs does.
    #[test]
    fn the_real_catalogues_move_as_measured() {
        let Some(shared) = testkit::shared() else {
            return;
        };
        let read = |file: &str, part: &str, lang: &str| -> Vec<Credential> {
            let path = shared.join("eval/crosslingual").join(file);
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
            let task: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            task[part]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| {
                    // "title. description"
                    let text = item["text"].as_str().unwrap();
                    let (title, description) = text.split_once(". ").unwrap_or((text, ""));
                    let mut credential = Credential {
                        title: LangText::single(lang, title),
                        description: LangText::single(lang, description),
                        ..Credential::default()
                    };
                    detect_text_languages(&mut credential);
                    credential
                })
                .collect()
        };
        let moved = |records: &[Credential], field: fn(&Credential) -> &LangText, lang: &str| {
            let mut to: Vec<String> = records
                .iter()
                .flat_map(|record| field(record).languages())
                .filter(|tag| tag.as_str() != lang)
                .map(|tag| tag.as_str().to_owned())
                .collect();
            to.sort();
            to
        };
        let aalto = read("aalto_desc_sv_en.json", "pool", "en");
        let descriptions = moved(&aalto, |c| &c.description, "en");
        assert!(
            (240..=275).contains(&descriptions.len()),
            "{} of {} descriptions moved (257 measured)",
            descriptions.len(),
            aalto.len()
        );
        assert!(
            descriptions.iter().all(|to| to == "fi" || to == "sv"),
            "{descriptions:?}"
        );
        let titles = moved(&aalto, |c| &c.title, "en");
        assert!(
            titles.len() <= 20 && titles.iter().all(|to| to == "fi"),
            "{titles:?}"
        );
        for (file, part, lang) in [
            ("aalto_desc_sv_en.json", "queries", "sv"),
            ("jamk_fi_en.json", "pool", "en"),
            ("jamk_fi_en.json", "queries", "fi"),
        ] {
            let records = read(file, part, lang);
            assert_eq!(
                moved(&records, |c| &c.description, lang),
                Vec::<String>::new()
            );
            assert_eq!(moved(&records, |c| &c.title, lang), Vec::<String>::new());
        }
    }

    #[test]
    fn names_and_undetectable_languages_are_left() {
        let mut credential = Credential::default();
        credential.awarding_body.name.insert(
            "en",
            "Aalto-yliopiston kauppakorkeakoulu ja taideteollinen korkeakoulu",
        );
        credential.description.insert("ga", FINNISH_DESCRIPTION);
        let before = credential.clone();
        detect_text_languages(&mut credential);
        assert_eq!(credential, before);
    }
}
