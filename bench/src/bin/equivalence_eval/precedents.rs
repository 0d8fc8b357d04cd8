//! The precedents task on the University of Hong Kong's credit-transfer decisions: does the
//! lookup learn from recorded decisions?
//!
//! Exchange courses (keyed by normalised university and title) are split with a fixed seed
//! into recorded decisions and queries. The queries are looked up at HKU before and after
//! the recorded half's decisions go in through the same code path as
//! `POST /api/v1/recognitions` (`recognition::decisions::draft`, then the writer), next to
//! a plain k-nearest-neighbour vote over the same decisions computed in the same run.
//! `--fit` also fits the weights of the learned signals on the recorded half, each decided
//! course looked up with its own decisions left out, and chooses the Match / Maybe
//! thresholds on those outputs: never on the queries.
//!
//! The protocol:
//! - a row whose exchange title normalises to nothing is skipped (normalised: NFKD,
//!   combining marks dropped, lower case, every run of other than `a-z0-9` one space);
//! - an HKU code (trimmed, upper case) is *specific* unless empty or containing `XXXX`,
//!   whose rows are "elective credit only" decisions;
//! - a course's code is its most frequent non-empty exchange code (ties: first seen), its
//!   targets its specific HKU codes; it is *elective only* when it has none;
//! - split: SplitMix64's finaliser of FNV-1a 64 of `"21\x1f{university}\x1f{title}"`
//!   (both normalised): odd → query, even → recorded;
//! - the pool: every specific HKU code, under its most frequent title (ties: the
//!   smallest), titles only.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context;
use model::{RecordId, SourceId};
use recognition::decisions::{Draft, DraftOutcome, Officer};
use recognition::equivalence::{EquivalenceRequest, Equivalents};
use recognition::evidence::signals::{
    Label, MATCH_PROBABILITY, MAYBE_PROBABILITY, NONE_WEIGHTS, NoneSignals, Signals, WEIGHTS,
};
use server::state::AppState;
use unicode_normalization::UnicodeNormalization;

use super::fit;

/// The split's seed.
const SEED: &str = "21";
/// Credits recorded for an "elective credit only" decision (the data does not say how
/// many).
const ELECTIVE_ECTS: f64 = 5.0;
/// Neighbours of the plain kNN vote.
const KNN_NEIGHBOURS: usize = 10;
/// Hits looked at per query.
const HITS: usize = 10;

/// One exchange course.
struct Course {
    id: String,
    university: String,
    code: Option<String>,
    title: String,
    /// Its decisions: the HKU code, or `None` for elective credit only.
    rows: Vec<Option<String>>,
    /// Its specific HKU codes.
    targets: Vec<String>,
    query: bool,
}

fn normalise(text: &str) -> String {
    let folded: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash = 0xCBF2_9CE4_8422_2325u64;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01B3);
    }
    hash
}

fn splitmix_finaliser(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn is_query(university: &str, title: &str) -> bool {
    splitmix_finaliser(fnv1a64(
        format!("{SEED}\x1f{university}\x1f{title}").as_bytes(),
    )) % 2
        == 1
}

/// The most frequent value (ties: first seen).
fn most_frequent(values: &[String]) -> Option<String> {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for value in values {
        match counts.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => counts.push((value, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .iter()
        .find(|(_, n)| *n == best)
        .map(|(v, _)| (*v).clone())
}

struct Data {
    courses: Vec<Course>,
    /// HKU code → title.
    catalogue: Vec<(String, String)>,
    rows: usize,
}

fn load() -> anyhow::Result<Data> {
    let (decisions, catalogue) = super::hku::read()?;
    let mut by_key: HashMap<(String, String), usize> = HashMap::new();
    // Per course: raw university, raw title, codes seen, rows, whether it is a query.
    type RawCourse = (String, String, Vec<String>, Vec<Option<String>>, bool);
    let mut raw: Vec<RawCourse> = Vec::new();
    let mut rows = 0;
    for decision in decisions {
        let (university, exchange_code, exchange_title) = (
            decision.university.as_str(),
            decision.exchange_code.as_str(),
            decision.exchange_title.as_str(),
        );
        let (university_key, title_key) = (normalise(university), normalise(exchange_title));
        if title_key.is_empty() {
            continue;
        }
        rows += 1;
        let query = is_query(&university_key, &title_key);
        let index = *by_key
            .entry((university_key, title_key))
            .or_insert_with(|| {
                raw.push((
                    university.to_owned(),
                    exchange_title.to_owned(),
                    Vec::new(),
                    Vec::new(),
                    query,
                ));
                raw.len() - 1
            });
        let course = &mut raw[index];
        if !exchange_code.is_empty() && !matches!(exchange_code, "-" | "–" | "—") {
            course.2.push(exchange_code.to_owned());
        }
        course.3.push(decision.hku_code);
    }
    let courses = raw
        .into_iter()
        .enumerate()
        .map(|(i, (university, title, codes, rows, query))| {
            let mut targets: Vec<String> = rows.iter().flatten().cloned().collect();
            targets.sort();
            targets.dedup();
            Course {
                id: format!("x{i}"),
                university,
                code: most_frequent(&codes),
                title,
                rows,
                targets,
                query,
            }
        })
        .collect();
    Ok(Data {
        courses,
        catalogue,
        rows,
    })
}

/// Figures of one method over the queries.
#[derive(Default)]
struct Figures {
    specific: usize,
    hits_at_1: usize,
    hits_at_10: usize,
    reciprocal_ranks: f64,
    elective: usize,
    abstained_elective: usize,
    abstained_specific: usize,
    answered: usize,
    answered_right: usize,
}

impl Figures {
    /// Adds one query: the rank of its first target among the hits (for a query with a
    /// specific course), whether the method abstained, whether its best hit is right.
    fn add(&mut self, specific: bool, rank: Option<usize>, abstained: bool) {
        if specific {
            self.specific += 1;
            if let Some(rank) = rank {
                self.hits_at_1 += usize::from(rank == 1);
                self.hits_at_10 += usize::from(rank <= HITS);
                if rank <= HITS {
                    self.reciprocal_ranks += 1.0 / rank as f64;
                }
            }
            self.abstained_specific += usize::from(abstained);
        } else {
            self.elective += 1;
            self.abstained_elective += usize::from(abstained);
        }
        if !abstained {
            self.answered += 1;
            self.answered_right += usize::from(specific && rank == Some(1));
        }
    }

    fn line(&self, name: &str) -> String {
        let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
        format!(
            "{name:<44} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
            share(self.hits_at_1, self.specific),
            share(self.hits_at_10, self.specific),
            self.reciprocal_ranks / self.specific.max(1) as f64,
            share(self.abstained_elective, self.elective),
            share(self.abstained_specific, self.specific),
            share(self.answered_right, self.answered),
        )
    }
}

/// Runs the task; `fit` also fits the weights on the recorded half.
pub(crate) fn run(fit_weights: bool, verbose: bool) -> anyhow::Result<()> {
    let data = load()?;
    let work = tempfile::tempdir()?;
    let hku = SourceId::parse("hku")?;
    let exchange = SourceId::parse("exchange")?;
    let catalogue: Vec<_> = data
        .catalogue
        .iter()
        .map(|(code, title)| {
            super::feed_record(
                code,
                Some(code),
                title,
                "",
                "The University of Hong Kong",
                Some("HK"),
            )
        })
        .collect();
    let courses: Vec<_> = data
        .courses
        .iter()
        .map(|course| {
            super::feed_record(
                &course.id,
                course.code.as_deref(),
                &course.title,
                "",
                &course.university,
                None,
            )
        })
        .collect();
    std::fs::write(
        work.path().join("hku.json"),
        serde_json::to_vec(&catalogue)?,
    )?;
    std::fs::write(
        work.path().join("exchange.json"),
        serde_json::to_vec(&courses)?,
    )?;
    let config_text = "data_dir = \"data\"\n[server]\nlisten = \"127.0.0.1:0\"\n\
        [[sources]]\nid = \"hku\"\ninstitution = \"The University of Hong Kong\"\ncountry = \"HK\"\nprotocol = \"file\"\nurl = \"hku.json\"\nformat = \"clearinghouse-json\"\n\
        [[sources]]\nid = \"exchange\"\ninstitution = \"Exchange partners\"\ncountry = \"ZZ\"\nprotocol = \"file\"\nurl = \"exchange.json\"\nformat = \"clearinghouse-json\"\n";
    let (runtime, state) = super::open_and_harvest(config_text, work.path(), &["hku", "exchange"])?;
    let code_of: HashMap<RecordId, String> = data
        .catalogue
        .iter()
        .map(|(code, _)| (RecordId::new(&hku, code), code.clone()))
        .collect();
    let queries: Vec<&Course> = data.courses.iter().filter(|c| c.query).collect();
    let recorded: Vec<&Course> = data.courses.iter().filter(|c| !c.query).collect();
    let n_recorded_rows: usize = recorded.iter().map(|c| c.rows.len()).sum();
    println!();
    println!(
        "== HKU precedents: {} decision rows, {} exchange courses (university + title); recorded {} courses ({} decisions), queries {} ({} with a specific HKU course, {} elective only); pool {} HKU courses (titles only); split seed {SEED}",
        data.rows,
        data.courses.len(),
        recorded.len(),
        n_recorded_rows,
        queries.len(),
        queries.iter().filter(|c| !c.targets.is_empty()).count(),
        queries.iter().filter(|c| c.targets.is_empty()).count(),
        data.catalogue.len(),
    );

    let request = EquivalenceRequest {
        institution: Some(hku.clone()),
        limit: HITS,
        threshold: 0.0,
        ..EquivalenceRequest::default()
    };
    let look_up = |course: &Course| -> anyhow::Result<Equivalents> {
        let record = state
            .indexer
            .store()
            .get(&RecordId::new(&exchange, &course.id))?
            .context("exchange course stored")?;
        Ok(state.equivalents(&record, &request)?)
    };
    let rank = |found: &Equivalents, course: &Course| -> Option<usize> {
        found
            .hits
            .iter()
            .position(|hit| {
                std::iter::once(&hit.record.id)
                    .chain(hit.also_listed_as.iter().map(|l| &l.id))
                    .filter_map(|id| code_of.get(id))
                    .any(|code| course.targets.contains(code))
            })
            .map(|i| i + 1)
    };

    // Without decisions.
    let started = Instant::now();
    let mut without = Figures::default();
    for course in &queries {
        let found = look_up(course)?;
        let abstained = found.no_specific.as_ref().is_some_and(|n| n.likely);
        without.add(!course.targets.is_empty(), rank(&found, course), abstained);
    }
    let without_secs = started.elapsed().as_secs_f64();

    // The plain kNN vote over the recorded courses' decisions.
    let knn = Knn::build(&recorded);
    let mut plain = Figures::default();
    for course in &queries {
        let (ranked, abstains) = knn.vote(&course.title);
        let rank = ranked
            .iter()
            .take(HITS)
            .position(|code| course.targets.contains(code))
            .map(|i| i + 1);
        plain.add(!course.targets.is_empty(), rank, abstains);
    }

    // Record the recorded half's decisions, one per row, through the rules of the API.
    let officer = Officer {
        institution: "hku",
        actor: "equivalence-eval",
        admin: false,
        publishes_feed: true,
    };
    let drafts = recorded.iter().flat_map(|course| {
        course.rows.iter().map(|row| Draft {
            credential: RecordId::new(&exchange, &course.id).to_string(),
            outcome: match row {
                Some(code) => DraftOutcome::Equivalent {
                    target: RecordId::new(&hku, code).to_string(),
                },
                None => DraftOutcome::Credits {
                    ects: ELECTIVE_ECTS,
                },
            },
            rationale: "HKU credit-transfer record".to_owned(),
            decided_on: chrono::Utc::now().date_naive(),
            conditions: None,
            valid_until: None,
            private: false,
            institution: None,
        })
    });
    let bench::Recorded {
        count: n_recorded,
        record_secs,
        sync_secs,
    } = bench::record_decisions(&state, &officer, drafts)?;

    // With decisions.
    let started = Instant::now();
    let mut with = Figures::default();
    let mut labels = LabelTally::default();
    let mut calibration = [(0usize, 0usize, 0.0f64); 10];
    let mut latencies_ms = Vec::with_capacity(queries.len());
    for course in &queries {
        let lookup_started = Instant::now();
        let found = look_up(course)?;
        latencies_ms.push(lookup_started.elapsed().as_secs_f64() * 1000.0);
        let abstained = found.no_specific.as_ref().is_some_and(|n| n.likely);
        let rank = rank(&found, course);
        with.add(!course.targets.is_empty(), rank, abstained);
        for (i, hit) in found.hits.iter().enumerate() {
            let right = rank == Some(i + 1);
            labels.add(hit.label, hit.probability, right);
        }
        if let Some(best) = found.hits.first() {
            let bin = ((best.probability * 10.0) as usize).min(9);
            calibration[bin].0 += 1;
            calibration[bin].1 += usize::from(rank == Some(1));
            calibration[bin].2 += best.probability;
        }
        if verbose && rank != Some(1) && !course.targets.is_empty() {
            let got: Vec<String> = found
                .hits
                .iter()
                .take(3)
                .map(|hit| {
                    format!(
                        "{} {:.2}",
                        code_of.get(&hit.record.id).cloned().unwrap_or_default(),
                        hit.probability
                    )
                })
                .collect();
            println!(
                "miss (rank {rank:?}): {} [{}] | expected {:?} | got {got:?}",
                course.title,
                course.code.as_deref().unwrap_or(""),
                course.targets
            );
        }
    }
    let with_secs = started.elapsed().as_secs_f64();
    let (p50, p99) = bench::median_p99(&mut latencies_ms);

    println!(
        "{:<44} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "method (queries with a specific course)", "R@1", "R@10", "MRR", "abst-e", "abst-s", "prec"
    );
    println!("{}", without.line("clearinghouse, no decisions recorded"));
    println!(
        "{}",
        plain.line("plain kNN vote (char 2-4-gram TF-IDF, k=10)")
    );
    println!("{}", with.line("clearinghouse, decisions recorded"));
    println!(
        "(abst-e: share of elective-only queries on which it abstains (\"no specific equivalent\"); abst-s: the same on queries with a specific course; prec: share right of the best hits it gives when it does not abstain, elective-only queries counting as wrong)"
    );
    println!(
        "recording {n_recorded} decisions through recognition::decisions::draft and the writer: {record_secs:.1} s ({:.0}/s); evidence caught up in {sync_secs:.2} s",
        n_recorded as f64 / record_secs.max(1e-9)
    );
    println!(
        "lookups: {} without decisions in {without_secs:.1} s; {} with in {with_secs:.1} s (p50 {p50:.1} ms, p99 {p99:.1} ms)",
        queries.len(),
        queries.len()
    );
    labels.print(MATCH_PROBABILITY, MAYBE_PROBABILITY);
    print!("calibration of the best hit's probability (mean p → share right, n):");
    for (n, right, sum) in calibration {
        if n > 0 {
            print!(
                " {:.2}→{:.2} ({n})",
                sum / n as f64,
                right as f64 / n as f64
            );
        }
    }
    println!();

    if fit_weights {
        fit_on_recorded(&state, &recorded, &code_of, &exchange, &hku)?;
    }
    runtime.block_on(state.indexer.commit())?;
    Ok(())
}

/// Hits by label, right or not.
#[derive(Default)]
struct LabelTally {
    /// (hits, right) for Match, Maybe, Miss, as labelled.
    by_label: [(usize, usize); 3],
    /// (probability, right) of every hit, for thresholds by probability alone.
    all: Vec<(f64, bool)>,
}

impl LabelTally {
    fn add(&mut self, label: Label, probability: f64, right: bool) {
        let slot = match label {
            Label::Match => 0,
            Label::Maybe => 1,
            Label::Miss => 2,
        };
        self.by_label[slot].0 += 1;
        self.by_label[slot].1 += usize::from(right);
        self.all.push((probability, right));
    }

    fn print(&self, match_at: f64, maybe_at: f64) {
        let precision = |(n, right): (usize, usize)| right as f64 / n.max(1) as f64;
        let names = ["Match", "Maybe", "Miss"];
        let parts: Vec<String> = names
            .iter()
            .zip(self.by_label)
            .map(|(name, counts)| {
                format!(
                    "{name} {} hits, precision {:.3}",
                    counts.0,
                    precision(counts)
                )
            })
            .collect();
        println!(
            "labels of the hits (top {HITS} per query, Match needs 3 comparable elements; these titles-only records have none): {}",
            parts.join("; ")
        );
        let band = |low: f64, high: f64| {
            let inside: Vec<&(f64, bool)> = self
                .all
                .iter()
                .filter(|(p, _)| *p >= low && *p < high)
                .collect();
            let right = inside.iter().filter(|(_, r)| *r).count();
            (inside.len(), right)
        };
        let (m, mr) = band(match_at, f64::INFINITY);
        let (y, yr) = band(maybe_at, match_at);
        let (s, sr) = band(0.0, maybe_at);
        println!(
            "by probability alone: p ≥ {match_at}: {m} hits, precision {:.3}; {maybe_at} ≤ p < {match_at}: {y}, precision {:.3}; p < {maybe_at}: {s}, precision {:.3}",
            precision((m, mr)),
            precision((y, yr)),
            precision((s, sr))
        );
    }
}

/// Fits the weights of the learned signals on the recorded half: each decided course is
/// looked up with its own decisions left out, every candidate compared kept.
fn fit_on_recorded(
    state: &AppState,
    recorded: &[&Course],
    code_of: &HashMap<RecordId, String>,
    exchange: &SourceId,
    hku: &SourceId,
) -> anyhow::Result<()> {
    let request = EquivalenceRequest {
        institution: Some(hku.clone()),
        limit: HITS,
        threshold: 0.0,
        all_compared: true,
        ..EquivalenceRequest::default()
    };
    let started = Instant::now();
    let mut choices: Vec<fit::Choice> = Vec::with_capacity(recorded.len());
    for course in recorded {
        let id = RecordId::new(exchange, &course.id);
        let record = state.indexer.store().get(&id)?.context("stored")?;
        let found = state
            .evidence
            .leave_out("hku", &id, || state.equivalents(&record, &request))?;
        let Some(none) = &found.no_specific else {
            continue;
        };
        let options: Vec<Vec<f64>> = found
            .hits
            .iter()
            .map(|hit| option_values(&hit.signals, None))
            .chain(std::iter::once(option_values(
                &Signals::default(),
                Some(&none.signals),
            )))
            .collect();
        let correct: Vec<usize> = if course.targets.is_empty() {
            vec![options.len() - 1]
        } else {
            found
                .hits
                .iter()
                .enumerate()
                .filter(|(_, hit)| {
                    code_of
                        .get(&hit.record.id)
                        .is_some_and(|code| course.targets.contains(code))
                })
                .map(|(i, _)| i)
                .collect()
        };
        if correct.is_empty() {
            continue;
        }
        choices.push(fit::Choice { options, correct });
    }
    println!(
        "fit: {} recorded courses looked up without their own decisions in {:.1} s; {} with the right option among the candidates",
        recorded.len(),
        started.elapsed().as_secs_f64(),
        choices.len()
    );
    let start: Vec<f64> = WEIGHTS.iter().chain(NONE_WEIGHTS.iter()).copied().collect();
    let weights = fit::conditional_logit(&choices, &start, 1e-3);
    let names: Vec<&str> = Signals::NAMES
        .iter()
        .chain(NoneSignals::NAMES.iter())
        .copied()
        .collect();
    for (name, weight) in names.iter().zip(&weights) {
        println!("  {name:<16} {weight:>8.3}");
    }
    let n = Signals::NAMES.len();
    let fmt = |ws: &[f64]| {
        ws.iter()
            .map(|w| format!("{w:.3}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("  WEIGHTS = [{}]", fmt(&weights[..n]));
    println!("  NONE_WEIGHTS = [{}]", fmt(&weights[n..]));
    let (before, after) = (
        fit::log_likelihood(&choices, &start),
        fit::log_likelihood(&choices, &weights),
    );
    println!(
        "  mean log-likelihood per course: {:.4} with the current weights, {:.4} fitted",
        before / choices.len() as f64,
        after / choices.len() as f64
    );
    // Thresholds, on these leave-one-out outputs with the fitted weights: Match from the
    // lowest probability above which hits are at least 80 % right, Maybe from the lowest
    // at which the band below Match is still at least a third right.
    let mut hits: Vec<(f64, bool)> = Vec::new();
    for choice in &choices {
        let p = fit::probabilities(choice, &weights);
        let mut order: Vec<usize> = (0..choice.options.len() - 1).collect();
        order.sort_by(|a, b| p[*b].total_cmp(&p[*a]));
        for i in order.into_iter().take(HITS) {
            hits.push((p[i], choice.correct.contains(&i)));
        }
    }
    hits.sort_by(|a, b| b.0.total_cmp(&a.0));
    // R@1 of the fitted weights, leave-one-out on the recorded half: how method choices
    // (neighbours, vote exponent, signals) are compared without touching the queries. Over
    // every recorded course with a specific course: one whose course is not among the
    // candidates counts as a miss.
    let with_course = recorded.iter().filter(|c| !c.targets.is_empty()).count();
    let mut first_right = 0usize;
    for choice in &choices {
        let none = choice.options.len() - 1;
        if choice.correct.iter().all(|i| *i == none) {
            continue;
        }
        let p = fit::probabilities(choice, &weights);
        let best = (0..none).max_by(|a, b| p[*a].total_cmp(&p[*b]));
        first_right += usize::from(best.is_some_and(|i| choice.correct.contains(&i)));
    }
    println!(
        "  R@1 on the recorded half (leave-one-out, fitted weights): {:.3} of {with_course} courses with a specific course",
        first_right as f64 / with_course.max(1) as f64
    );
    let (match_at, maybe_at) = fit::thresholds(&hits, 0.8, 1.0 / 3.0);
    println!(
        "  thresholds on the recorded half (leave-one-out): Match p ≥ {match_at:.2} (hits above ≥ 80 % right), Maybe p ≥ {maybe_at:.2} (band ≥ 1/3 right)"
    );
    Ok(())
}

fn option_values(signals: &Signals, none: Option<&NoneSignals>) -> Vec<f64> {
    match none {
        None => signals.values().iter().copied().chain([0.0; 4]).collect(),
        Some(none) => [0.0; 13].iter().copied().chain(none.values()).collect(),
    }
}

/// The plain k-nearest-neighbour vote: character 2–4-gram TF-IDF (sublinear term
/// frequency, grams within words) between exchange-course titles, the 10 most similar
/// recorded courses voting for their decisions with their similarity.
struct Knn {
    postings: HashMap<String, Vec<(usize, f64)>>,
    idf: HashMap<String, f64>,
    /// Per recorded course: its outcomes' shares (`None`: elective credit only).
    votes: Vec<Vec<(Option<String>, f64)>>,
}

fn grams(title: &str) -> HashMap<String, f64> {
    let mut tf: HashMap<String, f64> = HashMap::new();
    for word in normalise(title).split(' ') {
        let padded: Vec<char> = format!(" {word} ").chars().collect();
        for n in 2..=4 {
            for window in padded.windows(n) {
                *tf.entry(window.iter().collect()).or_default() += 1.0;
            }
        }
    }
    tf.into_iter()
        .map(|(gram, count)| (gram, 1.0 + f64::ln(count)))
        .collect()
}

impl Knn {
    fn build(recorded: &[&Course]) -> Knn {
        let tfs: Vec<HashMap<String, f64>> = recorded.iter().map(|c| grams(&c.title)).collect();
        let mut df: HashMap<String, f64> = HashMap::new();
        for tf in &tfs {
            for gram in tf.keys() {
                *df.entry(gram.clone()).or_default() += 1.0;
            }
        }
        let n = tfs.len() as f64;
        let idf: HashMap<String, f64> = df
            .into_iter()
            .map(|(gram, df)| (gram, ((1.0 + n) / (1.0 + df)).ln() + 1.0))
            .collect();
        let mut postings: HashMap<String, Vec<(usize, f64)>> = HashMap::new();
        for (i, tf) in tfs.iter().enumerate() {
            let weights = unit(tf.iter().map(|(gram, x)| (gram, x * idf[gram])).collect());
            for (gram, weight) in weights {
                postings.entry(gram.clone()).or_default().push((i, weight));
            }
        }
        let votes = recorded
            .iter()
            .map(|course| {
                let total = course.rows.len() as f64;
                let mut shares: Vec<(Option<String>, f64)> = Vec::new();
                for row in &course.rows {
                    match shares.iter_mut().find(|(o, _)| o == row) {
                        Some((_, share)) => *share += 1.0 / total,
                        None => shares.push((row.clone(), 1.0 / total)),
                    }
                }
                shares
            })
            .collect();
        Knn {
            postings,
            idf,
            votes,
        }
    }

    /// HKU codes by falling vote, and whether "elective only" out-votes the best.
    fn vote(&self, title: &str) -> (Vec<String>, bool) {
        let tf = grams(title);
        let weights = unit(
            tf.iter()
                .filter_map(|(gram, x)| Some((gram, x * self.idf.get(gram)?)))
                .collect(),
        );
        let mut scores: HashMap<usize, f64> = HashMap::new();
        for (gram, weight) in weights {
            for (i, w) in &self.postings[gram] {
                *scores.entry(*i).or_default() += weight * w;
            }
        }
        let mut neighbours: Vec<(usize, f64)> = scores.into_iter().collect();
        neighbours.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        neighbours.truncate(KNN_NEIGHBOURS);
        let mut tally: HashMap<Option<String>, f64> = HashMap::new();
        for (i, similarity) in neighbours {
            for (outcome, share) in &self.votes[i] {
                *tally.entry(outcome.clone()).or_default() += similarity * share;
            }
        }
        let elective = tally.remove(&None).unwrap_or(0.0);
        let mut ranked: Vec<(String, f64)> = tally
            .into_iter()
            .filter_map(|(code, vote)| Some((code?, vote)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let best = ranked.first().map_or(0.0, |(_, vote)| *vote);
        (
            ranked.into_iter().map(|(code, _)| code).collect(),
            elective > 0.0 && elective >= best,
        )
    }
}

/// TF-IDF weights scaled to unit length.
fn unit(weights: Vec<(&String, f64)>) -> Vec<(&String, f64)> {
    let norm = weights
        .iter()
        .map(|(_, w)| w * w)
        .sum::<f64>()
        .sqrt()
        .max(1e-12);
    weights
        .into_iter()
        .map(|(gram, w)| (gram, w / norm))
        .collect()
}
