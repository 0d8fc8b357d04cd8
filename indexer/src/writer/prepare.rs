//! Preparing a page off the writer thread: payloads parsed, records filled in from the
//! source's configuration, their documents built and credentials encoded: everything of
//! a page that does not depend on the store.

use std::collections::HashSet;
use std::sync::atomic::Ordering;

use chrono::{DateTime, Utc};
use formats::{ParsedRecord, RecordFailure};
use model::{
    Checkpoint, Format, HarvestPage, PageKind, Provenance, RecordError, RecordId, RecordOutcome,
    RunId, SourceId, StoredRecord,
};
use search::{CurrentIndex, SearchIndex};
use serde_json::value::RawValue;
use tokio::sync::mpsc;

use super::{Command, PageJob};
use crate::{IndexerError, PageOutcome, SourceContext};

/// Prepares the pages the harvesters submit, in order, and hands them to the writer.
pub(super) fn prepare_pages(
    mut pages: mpsc::Receiver<PageJob>,
    commands: mpsc::Sender<Command>,
    index: CurrentIndex,
) {
    while let Some(job) = pages.blocking_recv() {
        let PageJob {
            page,
            context,
            sequence,
            reply,
        } = job;
        let refused = sequence
            .as_ref()
            .is_some_and(|sequence| sequence.broken.load(Ordering::Acquire));
        let page = if refused {
            Err(IndexerError::EarlierPageFailed)
        } else {
            prepare(*page, context, &index.get()).map(Box::new)
        };
        let command = Command::ApplyPage {
            page,
            sequence,
            reply,
        };
        if commands.blocking_send(command).is_err() {
            return;
        }
    }
}

/// Everything of a page that does not depend on the store: payloads parsed, records
/// filled in from the source's configuration, their documents and credentials encoded.
fn prepare(
    page: HarvestPage,
    context: SourceContext,
    index: &SearchIndex,
) -> Result<PreparedPage, IndexerError> {
    let limits = context.limits;
    let mut outcome = PageOutcome::default();
    for error in &page.envelope_errors {
        outcome.counts.tally(RecordOutcome::Failed);
        outcome.errors.push(error.clone());
    }
    let mut prepared = PreparedPage {
        source_id: page.source_id,
        run_id: page.run_id,
        received_at: page.received_at,
        prepared_at: Utc::now(),
        format: page
            .records
            .first()
            .map_or(Format::ClearinghouseJson, |raw| raw.format),
        checkpoint: page.checkpoint,
        assumptions: context.assumptions(),
        context,
        items: Vec::with_capacity(page.records.len()),
        outcome: PageOutcome::default(),
        document_ids: None,
    };
    for raw in page.records {
        match page.kind {
            PageKind::Records => {
                if raw.deleted {
                    prepared.items.push(Item::Deleted {
                        upstream_id: raw.upstream_id,
                        datestamp: raw.datestamp,
                        vanished: false,
                    });
                    continue;
                }
                match formats::parse_single_within(raw.format, &raw.payload, &limits) {
                    Ok(mut parsed) => {
                        parsed.upstream_id = raw.upstream_id;
                        if raw.datestamp.is_some() {
                            parsed.datestamp = raw.datestamp;
                        }
                        parsed.payload_hash = model::PayloadHash::of(&raw.payload);
                        let record = prepared.record(parsed, index);
                        prepared.items.push(Item::Parsed(Box::new(record)));
                    }
                    Err(failure) => {
                        outcome.counts.tally(RecordOutcome::Failed);
                        outcome.errors.push(RecordError {
                            upstream_id: Some(raw.upstream_id),
                            reason: failure.reason,
                        });
                    }
                }
            }
            PageKind::FullDocument => {
                let records =
                    formats::parse_within(raw.format, &raw.payload, &limits).map_err(|err| {
                        IndexerError::Document {
                            upstream_id: raw.upstream_id.clone(),
                            reason: err.to_string(),
                            kind: err.failure_kind(),
                        }
                    })?;
                let mut ids = prepared.document_ids.take().unwrap_or_default();
                for record in records {
                    match record {
                        Ok(parsed) => {
                            ids.present
                                .insert(RecordId::new(&prepared.source_id, &parsed.upstream_id));
                            if parsed.deleted {
                                prepared.items.push(Item::Deleted {
                                    upstream_id: parsed.upstream_id,
                                    datestamp: parsed.datestamp,
                                    vanished: false,
                                });
                            } else {
                                let record = prepared.record(parsed, index);
                                prepared.items.push(Item::Parsed(Box::new(record)));
                            }
                        }
                        Err(RecordFailure {
                            upstream_id,
                            reason,
                        }) => {
                            outcome.counts.tally(RecordOutcome::Failed);
                            match &upstream_id {
                                Some(id) => {
                                    ids.present.insert(RecordId::new(&prepared.source_id, id));
                                }
                                None => ids.unidentified_failures += 1,
                            }
                            outcome.errors.push(RecordError {
                                upstream_id,
                                reason,
                            });
                        }
                    }
                }
                prepared.document_ids = Some(ids);
            }
        }
    }
    prepared.outcome = outcome;
    Ok(prepared)
}

/// A page ready for the writer thread.
pub(super) struct PreparedPage {
    pub(super) source_id: SourceId,
    run_id: RunId,
    received_at: DateTime<Utc>,
    /// When the page was prepared: the `updated_at` (and, for new records, the
    /// `first_seen`) of its records, as their documents say.
    prepared_at: DateTime<Utc>,
    /// The format of the page's records.
    format: Format,
    pub(super) checkpoint: Checkpoint,
    pub(super) context: SourceContext,
    /// What the source's configuration says of its records.
    assumptions: formats::SourceAssumptions,
    pub(super) items: Vec<Item>,
    /// Counts and failures of the parsing.
    pub(super) outcome: PageOutcome,
    /// For a whole-document page: what the document holds.
    pub(super) document_ids: Option<DocumentIds>,
}

impl PreparedPage {
    /// The record as it will be stored if it changed, but for what the writer assigns
    /// from the store (sequence number, version, first seen).
    fn record(&self, parsed: ParsedRecord, index: &SearchIndex) -> PreparedRecord {
        let ParsedRecord {
            upstream_id,
            datestamp,
            deleted,
            mut credential,
            payload_hash,
            mut via,
        } = parsed;
        formats::assume(&mut credential, &self.assumptions);
        // Hops through other clearinghouses are republished only from a source the
        // operator configured as one: anyone else could forge them.
        if !via.is_empty() && !self.context.accepts_provenance {
            credential.issues.push(model::Issue::note(format!(
                "the record names {} earlier hop(s) through other clearinghouses; they are not kept, as this source is not configured as a clearinghouse (role = \"clearinghouse\")",
                via.len()
            )));
            via.clear();
        }
        let mut record = StoredRecord {
            id: RecordId::new(&self.source_id, &upstream_id),
            seq: 0,
            version: 1,
            deleted,
            credential: None,
            provenance: Provenance {
                source_id: self.source_id.clone(),
                run_id: self.run_id.clone(),
                upstream_id,
                datestamp,
                harvested_at: self.received_at,
                payload_hash,
                format: self.format,
                via,
            },
            first_seen: self.prepared_at,
            updated_at: self.prepared_at,
        };
        if deleted {
            return PreparedRecord {
                record,
                credential_json: None,
                document: None,
            };
        }
        let document = index.document(&record, &credential);
        // Encoded here, and dropped here too (freeing a credential's many allocations
        // is work): the writer decodes it again only to compare with decisions.
        let credential_json = store::encode_credential(&credential);
        if credential_json.is_none() {
            record.credential = Some(credential);
        }
        PreparedRecord {
            record,
            credential_json,
            document: Some(document),
        }
    }

    /// The tombstone of a record deleted upstream.
    pub(super) fn tombstone(&self, upstream_id: String, datestamp: Option<String>) -> StoredRecord {
        StoredRecord {
            id: RecordId::new(&self.source_id, &upstream_id),
            seq: 0,
            version: 1,
            deleted: true,
            credential: None,
            provenance: Provenance {
                source_id: self.source_id.clone(),
                run_id: self.run_id.clone(),
                upstream_id,
                datestamp,
                harvested_at: self.received_at,
                payload_hash: model::PayloadHash::of(b""),
                format: self.format,
                via: Vec::new(),
            },
            first_seen: self.prepared_at,
            updated_at: self.prepared_at,
        }
    }
}

/// A record ready for the writer thread.
pub(super) struct PreparedRecord {
    /// The record; its credential is in `credential_json` when that is set.
    pub(super) record: StoredRecord,
    /// The credential as the store encodes it (`None` for a tombstone).
    pub(super) credential_json: Option<Box<RawValue>>,
    /// Its index document (`None` for a tombstone).
    pub(super) document: Option<search::Document>,
}

/// One record of a page, for the writer.
pub(super) enum Item {
    /// Read from the page.
    Parsed(Box<PreparedRecord>),
    /// Deleted upstream: marked so by the page, or (`vanished`) no longer in a complete
    /// listing.
    Deleted {
        upstream_id: String,
        datestamp: Option<String>,
        vanished: bool,
    },
}

#[derive(Default)]
pub(super) struct DocumentIds {
    /// The records the document holds (failed ones with an identifier included).
    pub(super) present: HashSet<RecordId>,
    /// Failed records without an identifier.
    pub(super) unidentified_failures: u64,
}
