//! The feed-quality reports of stored sources ([`formats::conformance`]), shared by
//! `GET /api/v1/sources/{id}/report` and the `/sources` page.
//!
//! A report streams every stored record of its source, so it costs time linear in the
//! source (about a second per 100,000 records) but memory bounded by the number of worst
//! records kept. It is computed once per change of the store, not once per request: the
//! report of a source is kept with the store's last sequence number and reused until
//! that moves, and one request at a time computes it (others wait for its result rather
//! than scanning the same records again).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use formats::conformance::{FailedRecord, RecordReport, SourceReport, SourceReportBuilder};
use indexer::{Indexer, IndexerError};
use model::{HarvestRun, SourceId};

/// The most worst records any request may ask for (the API's `worst` is at most this).
pub const MAX_WORST: usize = 100;

/// The cached reports, one slot per source.
#[derive(Debug, Default)]
pub struct SourceReports {
    slots: Mutex<HashMap<SourceId, Arc<Mutex<Option<Cached>>>>>,
}

#[derive(Debug)]
struct Cached {
    seq: u64,
    report: Arc<SourceReport>,
}

impl SourceReports {
    /// The report of `source` as its records are published now (without what the
    /// indexer assumed from the configuration), with the failures of `last_run` and at
    /// most `max_worst` worst records. Blocking: call it on a blocking thread.
    pub fn report(
        &self,
        indexer: &Indexer,
        source: &SourceId,
        last_run: Option<&HarvestRun>,
        max_worst: usize,
    ) -> Result<SourceReport, IndexerError> {
        let records = self.records_report(indexer, source)?;
        let failures = last_run
            .map(|run| {
                run.errors
                    .iter()
                    .map(|error| FailedRecord {
                        upstream_id: error.upstream_id.clone(),
                        reason: error.reason.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(SourceReport::clone(&records)
            .with_failures(failures)
            .truncate_worst(max_worst.min(MAX_WORST)))
    }

    /// The part of the report that comes from the stored records, from the cache when the
    /// store has not changed since it was computed.
    fn records_report(
        &self,
        indexer: &Indexer,
        source: &SourceId,
    ) -> Result<Arc<SourceReport>, IndexerError> {
        let slot = self
            .slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(source.clone())
            .or_default()
            .clone();
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        // Read before scanning: a change during the scan leaves the cached report older
        // than its sequence number says, so the next request computes it again.
        let seq = indexer.store().last_seq()?;
        if let Some(cached) = slot.as_ref().filter(|cached| cached.seq == seq) {
            return Ok(cached.report.clone());
        }
        let mut builder = SourceReportBuilder::new(MAX_WORST);
        for record in indexer.store().records(Some(source)) {
            let record = record?;
            if record.deleted {
                continue;
            }
            if let Some(credential) = &record.credential {
                builder.add(&RecordReport::new(
                    &record.provenance.upstream_id,
                    &formats::as_published(credential),
                ));
            }
        }
        let report = Arc::new(builder.finish(Vec::new()));
        *slot = Some(Cached {
            seq,
            report: report.clone(),
        });
        Ok(report)
    }
}
