//! (4) Equivalents in process: latency of the lookup and recall@10 of the corpus's
//! near-duplicate groups, with one recorded decision for every ten records (recorded
//! first through the rules of `POST /api/v1/recognitions`, their rate measured), so the
//! lookup weighs the evidence of 100k decisions at 1M.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use bench::corpus::{Corpus, Variant};
use bench::feed_server;
use model::{RecordId, SourceId};
use recognition::decisions::{Draft, DraftOutcome, Officer};
use recognition::equivalence::EquivalenceRequest;

use super::SOURCE_ID;
use super::table::{Table, verdict};

/// Up to `n` records that belong to a near-duplicate group, spread over the corpus.
pub(crate) fn equivalence_sample(corpus: &Corpus, n: usize) -> Vec<u64> {
    let mut out = Vec::new();
    let step = (corpus.n_records / (n as u64 * 3)).max(1);
    let mut i = 0;
    while i < corpus.n_records && out.len() < n {
        if corpus.group(i).is_some() {
            out.push(i);
        }
        i += step;
    }
    out
}

pub(crate) fn in_process_equivalents(
    config_path: &Path,
    corpus: &Corpus,
    sample: &[u64],
    table: &mut Table,
) -> anyhow::Result<()> {
    let config = Arc::new(config::Config::load(config_path)?);
    let state = server::app::open_state(config)?;
    let indexer = &state.indexer;
    let source = SourceId::parse(SOURCE_ID)?;
    record_decisions(&state, corpus, &source, sample, table)?;
    let request = EquivalenceRequest {
        institution: None,
        country: None,
        limit: 10,
        threshold: 0.0,
        ..EquivalenceRequest::default()
    };
    let mut latencies_ms = Vec::new();
    // Recall of the other members of the group, by how they differ from the query.
    let (mut found_same, mut all_same, mut found_translated, mut all_translated) = (0, 0, 0, 0);
    for &i in sample {
        let id = RecordId::new(&source, &feed_server::oai_identifier(i));
        let record = indexer
            .store()
            .get(&id)?
            .with_context(|| format!("record {i} stored"))?;
        let started = Instant::now();
        let found = state.equivalents(&record, &request)?;
        latencies_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let group = corpus.group(i).context("a group member")?;
        let hits: HashSet<u64> = found
            .hits
            .iter()
            .filter_map(|hit| Corpus::index_of(&hit.record.provenance.upstream_id))
            .collect();
        let query_variant = group.variant;
        for other in group.first..group.first + group.size {
            if other == i {
                continue;
            }
            let other_variant = corpus.group(other).map_or(Variant::Original, |g| g.variant);
            let crosses_language =
                query_variant == Variant::Translated || other_variant == Variant::Translated;
            let hit = hits.contains(&other);
            if crosses_language {
                all_translated += 1;
                found_translated += usize::from(hit);
            } else {
                all_same += 1;
                found_same += usize::from(hit);
            }
        }
    }
    let (p50, p99) = bench::median_p99(&mut latencies_ms);
    table.add(
        "4 equivalents",
        &format!(
            "`equivalence::find` in process with the decisions above, {} lookups, limit 10",
            sample.len()
        ),
        format!("p50 {p50:.1} ms, p99 {p99:.1} ms"),
        String::new(),
        format!("p99 ≤ 30 ms: {}", verdict(p99 <= 30.0)),
    );
    let recall = |found: usize, all: usize| {
        if all == 0 {
            f64::NAN
        } else {
            found as f64 / all as f64
        }
    };
    table.add(
        "4 equivalents",
        "recall@10 of near-duplicate group members: same language (reworded) / other language (translated)",
        format!(
            "{:.3} ({found_same}/{all_same}) / {:.3} ({found_translated}/{all_translated})",
            recall(found_same, all_same),
            recall(found_translated, all_translated)
        ),
        format!("overall {:.3}", recall(found_same + found_translated, all_same + all_translated)),
        String::new(),
    );
    Ok(())
}

/// Records one decision for every [`RECORDS_PER_DECISION`] records (none about the
/// sample looked up): the credential recognised as a member of its near-duplicate group,
/// or as a record far from it when it has none (a decision an officer could take), all
/// at the corpus's one institution so that every lookup weighs them all.
fn record_decisions(
    state: &server::state::AppState,
    corpus: &Corpus,
    source: &SourceId,
    sample: &[u64],
    table: &mut Table,
) -> anyhow::Result<()> {
    let n = usize::try_from(corpus.n_records / RECORDS_PER_DECISION)?;
    let officer = Officer {
        institution: SOURCE_ID,
        actor: "suite",
        admin: false,
        publishes_feed: true,
    };
    let sampled: HashSet<u64> = sample.iter().copied().collect();
    let drafts = (1..corpus.n_records)
        .step_by(usize::try_from(RECORDS_PER_DECISION)?)
        .filter(|about| !sampled.contains(about))
        .take(n)
        .map(|about| {
            let target = match corpus.group(about) {
                Some(group) if group.size > 1 => {
                    group.first + (about - group.first + 1) % group.size
                }
                _ => (about + corpus.n_records / 2) % corpus.n_records,
            };
            Draft {
                credential: RecordId::new(source, &feed_server::oai_identifier(about)).to_string(),
                outcome: DraftOutcome::Equivalent {
                    target: RecordId::new(source, &feed_server::oai_identifier(target)).to_string(),
                },
                rationale: "suite decision".to_owned(),
                decided_on: chrono::Utc::now().date_naive(),
                conditions: None,
                valid_until: None,
                private: false,
                institution: None,
            }
        });
    let bench::Recorded {
        count: recorded,
        record_secs,
        sync_secs,
    } = bench::record_decisions(state, &officer, drafts)?;
    let rate = recorded as f64 / record_secs.max(f64::MIN_POSITIVE);
    table.add(
        "4 equivalents",
        &format!(
            "record {recorded} decisions (rules of `POST /api/v1/recognitions`, each flushed), then the evidence catches up"
        ),
        format!("{rate:.0}/s; evidence caught up in {sync_secs:.1} s"),
        String::new(),
        format!("≥ 500/s: {}", verdict(rate >= 500.0)),
    );
    Ok(())
}

/// One recorded decision for this many records.
const RECORDS_PER_DECISION: u64 = 10;
