//! The enrichment: a thread that follows the store's change log behind the writer and
//! embeds what changed.
//!
//! Each step reads up to [`STEP`] records changed after the stored cursor, embeds those
//! whose text changed ([`crate::text_of`]; the hash of the text embedded is kept with
//! the vector), takes the vectors of deleted or emptied records away, updates the sums of
//! the languages touched and hands all of it with the new cursor to `write` (the indexer's
//! writer thread), which stores it in one batch. Only then does the in-memory table take
//! it in. A crash between steps loses at most the step in progress, which is done again
//! at the next start; a new model starts from the beginning of the log (the old model's
//! vectors are never compared with the new one's and are replaced as the log is read).
//!
//! The thread embeds one text at a time on one core, and while a harvest is writing
//! (at least [`HARVEST_WRITES`] change-log entries in [`IDLE_WAIT`]) it waits, at most
//! [`MAX_WAIT_FOR_HARVESTS`] in a row (then one step between waits): the harvest keeps
//! both cores. With nothing to do it sleeps [`IDLE_WAIT`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use store::{EnrichmentWrite, LanguageSum, Store, TextVector};

use crate::{Bridge, BridgeError, text_of};

/// Records read a step.
pub const STEP: usize = 32;

/// How long the thread sleeps when the log has nothing new.
pub const IDLE_WAIT: Duration = Duration::from_millis(500);

/// Change-log entries written in one [`IDLE_WAIT`] from which a harvest is taken to be
/// running: the enrichment then waits, so that the harvest has both cores.
pub const HARVEST_WRITES: u64 = 200;

/// Longest the enrichment waits for harvests in a row: a source harvested without end
/// must not starve it.
pub const MAX_WAIT_FOR_HARVESTS: Duration = Duration::from_secs(300);

/// Runs the enrichment until `stop` is set (or `write` fails because the writer is
/// gone). Failures of one step are logged and kept in the status; the step is tried
/// again after a pause.
pub fn run<E: std::fmt::Display>(
    bridge: &Bridge,
    store: &Store,
    write: impl Fn(EnrichmentWrite) -> Result<(), E>,
    stop: &AtomicBool,
) {
    if bridge.encoder().is_none() {
        return;
    }
    let mut waiting_since: Option<Instant> = None;
    while !stop.load(Ordering::Relaxed) {
        // A harvest writing now goes first: embedding would take a core from it.
        let before = store.last_seq().unwrap_or(0);
        std::thread::sleep(IDLE_WAIT / 5);
        let written = store.last_seq().unwrap_or(0).saturating_sub(before);
        let waited_enough = waiting_since.is_some_and(|s| s.elapsed() >= MAX_WAIT_FOR_HARVESTS);
        if written * 5 >= HARVEST_WRITES && !waited_enough {
            waiting_since.get_or_insert_with(Instant::now);
            std::thread::sleep(IDLE_WAIT);
            continue;
        }
        if !waited_enough {
            waiting_since = None;
        } else {
            // It has waited long enough: one step, then it waits again if need be.
            waiting_since = Some(Instant::now());
        }
        match step(bridge, store, &write) {
            Ok(0) => std::thread::sleep(IDLE_WAIT),
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(%error, "the multilingual enrichment failed; it tries again");
                if let Ok(mut failure) = bridge.status().failure.lock() {
                    *failure = Some(error);
                }
                std::thread::sleep(IDLE_WAIT * 4);
            }
        }
    }
}

/// Runs steps until the enrichment has read the whole change log (for tools and tests
/// that must look up what was just harvested). Returns the records it read.
pub fn catch_up<E: std::fmt::Display>(
    bridge: &Bridge,
    store: &Store,
    write: impl Fn(EnrichmentWrite) -> Result<(), E>,
) -> Result<usize, String> {
    let mut read = 0;
    loop {
        match step(bridge, store, &write)? {
            0 => return Ok(read),
            n => read += n,
        }
    }
}

/// One step: returns how many change-log entries it read.
pub fn step<E: std::fmt::Display>(
    bridge: &Bridge,
    store: &Store,
    write: &impl Fn(EnrichmentWrite) -> Result<(), E>,
) -> Result<usize, String> {
    let Some(encoder) = bridge.encoder() else {
        return Ok(0);
    };
    let _one_step_at_a_time = bridge.stepping.lock().unwrap_or_else(|e| e.into_inner());
    let failed = |e: BridgeError| e.to_string();
    let cursor = store.enrichment_cursor().map_err(|e| failed(e.into()))?;
    let starting_over = cursor.model != encoder.name();
    let from = if starting_over { 0 } else { cursor.seq };
    let last = store.last_seq().map_err(|e| failed(e.into()))?;
    bridge
        .status()
        .backlog
        .store(last.saturating_sub(from), Ordering::Relaxed);
    let records: Vec<model::StoredRecord> = store
        .changes_after(from)
        .take(STEP)
        .collect::<Result<_, _>>()
        .map_err(|e| failed(e.into()))?;
    if records.is_empty() && !starting_over {
        return Ok(0);
    }
    let mut out = EnrichmentWrite {
        model: encoder.name().to_owned(),
        seq: records.last().map_or(from, |r| r.seq),
        reset_sums: starting_over,
        ..EnrichmentWrite::default()
    };
    let mut sums: Vec<(String, LanguageSum)> = if starting_over {
        Vec::new()
    } else {
        store.language_sums().map_err(|e| failed(e.into()))?
    };
    let started = Instant::now();
    let mut embedded = 0u64;
    for record in &records {
        let old = if starting_over {
            None
        } else {
            store
                .text_vector(&record.id, encoder.name())
                .map_err(|e| failed(e.into()))?
        };
        let text = record
            .credential
            .as_ref()
            .filter(|_| !record.deleted)
            .and_then(text_of);
        match (text, old) {
            (Some(text), Some(old)) if old.text_hash == text.hash => {}
            (Some(text), old) => {
                let vector = encoder.embed(&text.text);
                embedded += 1;
                let vector = TextVector::quantise(
                    record.id.clone(),
                    record.provenance.source_id.clone(),
                    &text.lang,
                    text.hash,
                    &vector,
                );
                if let Some(old) = old {
                    add(&mut sums, &old, -1.0);
                }
                add(&mut sums, &vector, 1.0);
                out.put.push(vector);
            }
            (None, Some(old)) => {
                add(&mut sums, &old, -1.0);
                out.removed.push(old.record);
            }
            (None, None) => {}
        }
    }
    out.sums = sums;
    write(out.clone()).map_err(|e| format!("cannot store the vectors: {e}"))?;
    bridge.table().apply(&out);
    let status = bridge.status();
    status.embedded.fetch_add(embedded, Ordering::Relaxed);
    status
        .embedding_micros
        .fetch_add(started.elapsed().as_micros() as u64, Ordering::Relaxed);
    status
        .backlog
        .store(last.saturating_sub(out.seq), Ordering::Relaxed);
    if let Ok(mut failure) = status.failure.lock() {
        *failure = None;
    }
    Ok(records.len().max(usize::from(starting_over)))
}

/// `sums[vector.lang] += sign × vector`.
fn add(sums: &mut Vec<(String, LanguageSum)>, vector: &TextVector, sign: f64) {
    let i = match sums.iter().position(|(lang, _)| *lang == vector.lang) {
        Some(i) => i,
        None => {
            sums.push((vector.lang.clone(), LanguageSum::default()));
            sums.len() - 1
        }
    };
    let sum = &mut sums[i].1;
    if sum.sum.len() < vector.values.len() {
        sum.sum.resize(vector.values.len(), 0.0);
    }
    for (s, x) in sum.sum.iter_mut().zip(vector.to_f32()) {
        *s += sign * f64::from(x);
    }
    sum.count = if sign < 0.0 {
        sum.count.saturating_sub(1)
    } else {
        sum.count + 1
    };
}
