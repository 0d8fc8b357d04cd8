//! `demo/README.md`: what the demo network is, written from the same tables the feeds
//! are, so that its counts are always those of the files beside it.

use std::fmt::Write as _;

use crate::decisions;
use crate::feeds::{self, handwritten};
use crate::network::{BROKEN, Defect, GROUPS, INSTITUTIONS};
use crate::plan::Course;

/// The README.
pub fn readme(courses: &[Vec<Course>], at_risk_id: &str) -> String {
    let mut out = String::new();
    out.push_str(
        "# The demo network\n\n\
         Invented institutions publishing invented micro-credentials, courses and badges, so \
         that a fresh clearinghouse has something to search, compare and decide on. \
         Everything here is **generated** by `bench/src/bin/demo_feeds.rs` (deterministic: \
         running it twice writes the same bytes) from the words of the benchmark corpus \
         (`bench/src/corpus/vocab.rs`), except the first records of `demo-tu`, `demo-lyon` and \
         `demo-krakow`, which were written by hand and are kept as they were. Do not edit \
         the files: change the generator and run\n\n\
         ```sh\ncargo run -p bench --bin demo_feeds -- --out demo\n```\n\n\
         (`-- --out demo --check` says whether the files are up to date without writing).\n\n\
         ## Who publishes what\n\n\
         | source | institution | country | language | format | file | records |\n\
         |---|---|---|---|---|---|---|\n",
    );
    let mut total = 0;
    for (i, institution) in INSTITUTIONS.iter().enumerate() {
        let hand = handwritten::IDS
            .iter()
            .find(|(source, _)| *source == institution.id)
            .map_or(0, |(_, ids)| ids.len());
        let count = courses[i].len() + hand;
        total += count;
        let language = match institution.lang {
            0 => "English",
            1 => "German (+ English)",
            2 => "French (+ English)",
            3 => "Spanish (+ English)",
            4 => "Italian (+ English)",
            _ => "Polish (+ English)",
        };
        let note = if hand > 0 {
            format!("{count} ({hand} hand-written)")
        } else if i == BROKEN {
            format!("{count} ({} broken)", Defect::ALL.len())
        } else {
            count.to_string()
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {language} | `{}` ({}) | `feeds/{}` | {note} |",
            institution.id,
            institution.name,
            institution.country,
            institution.format.name(),
            institution.format.shape(),
            institution.file,
        );
    }
    let _ = writeln!(
        out,
        "\nEight institutions in eight countries, publishing in six languages (German, \
         French, Polish, Spanish, Italian, English) and six formats: {total} records in all \
         ({} read: the broken feed's unreadable records fail), plus a deleted record in \
         the Kraków feed (an OAI-PMH tombstone). Each format carries what it can: `oai_dc` and EWP have no element for \
         learning outcomes (they are in the description, as real feeds do), XCRI-CAP has no \
         EQF level or ISCED-F field, Open Badges credits have no unit, and a share of records \
         lack an assessment, quality assurance, credits or a level, as real feeds do.\n",
        total - Defect::ALL.iter().filter(|defect| defect.fails()).count()
    );
    out.push_str(
        "## Overlaps\n\n\
         The same course is offered at two to four institutions, reworded or in another \
         language, with the same or slightly different credits and level: the equivalents \
         of one member should list the others first. Besides the hand-written ones (data \
         science at `demo-tu`, `demo-lyon` and `demo-krakow`; renewable energy at the same \
         three; cybersecurity at `demo-tu` and `demo-krakow`), the groups are:\n\n",
    );
    for (g, group) in GROUPS.iter().enumerate() {
        let members: Vec<String> = courses
            .iter()
            .flatten()
            .filter(|c| c.group.is_some_and(|(cg, _)| cg == g))
            .map(|c| format!("{} `{}`", c.institution().id, feeds::display_code(c)))
            .collect();
        let _ = writeln!(out, "- {}: {}", group.slug, members.join(", "));
    }
    let _ = writeln!(
        out,
        "\n## The broken feed\n\n`{}` (`feeds/{}`) has {} records with realistic mistakes \
         among its good ones, so that its feed-quality report shows failures and unreadable \
         elements:\n",
        INSTITUTIONS[BROKEN].id,
        INSTITUTIONS[BROKEN].file,
        Defect::ALL.len()
    );
    for defect in Defect::ALL {
        let course = courses[BROKEN]
            .iter()
            .find(|c| c.defect == Some(defect))
            .expect("every defect is in the feed");
        let _ = writeln!(
            out,
            "- `{}`: {}",
            feeds::display_code(course),
            defect.describe()
        );
    }
    out.push_str(
        "\nThe unreachable source of the demo needs no file: the configuration points an \
         `http` source at a closed port.\n\n\
         ## Decisions\n\n\
         `decisions.json` holds recognition decisions to record at start-up, each naming the \
         credential decided on (and the target of an equivalence) by source and upstream \
         id:\n\n",
    );
    for line in decisions::summary(courses) {
        let _ = writeln!(out, "- {line}");
    }
    let (before, after) = decisions::AT_RISK_CREDITS;
    let _ = writeln!(
        out,
        "\n`updates/demo-madrid.jsonld` is the second version of the Madrid feed: the same \
         records, except that `{at_risk_id}` ({} group) now awards {} ECTS instead of {}. \
         Harvesting it after the decisions are recorded flags the `demo-tu` decision that \
         relies on it as at risk (\"credits changed from {} ECTS to {} ECTS\").",
        decisions::AT_RISK_GROUP,
        feeds::number(after),
        feeds::number(before),
        feeds::number(before),
        feeds::number(after),
    );
    out
}
