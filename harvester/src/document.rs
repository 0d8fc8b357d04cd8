//! Whole-document feeds: one document over HTTP(S) (`http`) or a local file (`file`),
//! handed on as one [`PageKind::FullDocument`] page that the indexer splits into records.
//!
//! A full document is the complete feed: records of the source missing from it are
//! deleted downstream (the indexer holds a sudden shrink for review). So a document is
//! never replaced by nothing by accident here: an unchanged HTTP feed (304) is stored as
//! an empty *records* page that only carries the checkpoint, and an empty body or file
//! fails the run instead of being handed on.

use std::path::{Path, PathBuf};

use model::{Checkpoint, HarvestPage, PageKind, RawRecord};
use url::Url;

use crate::http::{Conditional, Session};
use crate::{HarvestError, PageSink, Progress, RunOptions};

/// One page holding the whole document as a single raw record.
fn full_document_page(
    source: &config::Source,
    progress: &Progress,
    upstream_id: String,
    payload: Vec<u8>,
    checkpoint: Checkpoint,
) -> HarvestPage {
    HarvestPage {
        source_id: source.id.clone(),
        run_id: progress.run_id.clone(),
        received_at: progress.now(),
        kind: PageKind::FullDocument,
        records: vec![RawRecord {
            source_id: source.id.clone(),
            upstream_id,
            datestamp: None,
            deleted: false,
            sets: Vec::new(),
            format: source.format,
            payload,
        }],
        envelope_errors: Vec::new(),
        checkpoint,
    }
}

/// Fetches an HTTP feed with a conditional GET (`If-None-Match` / `If-Modified-Since`
/// from the checkpoint, unless the run is `full`).
pub(crate) async fn harvest_http<S: PageSink>(
    session: &mut Session<'_>,
    source: &config::Source,
    url: &Url,
    previous: &Checkpoint,
    options: &RunOptions,
    sink: &mut S,
    progress: &mut Progress,
) -> Result<(), HarvestError> {
    let conditional = if options.full {
        Conditional::default()
    } else {
        Conditional {
            etag: previous.etag.clone(),
            last_modified: previous.last_modified.clone(),
        }
    };
    let response = session.get(url, &conditional).await?;
    let unchanged_checkpoint = Checkpoint {
        resume: None,
        ..previous.clone()
    };
    if response.status == 304 {
        tracing::info!(source_id = %source.id, "feed not modified since the last harvest");
        progress.note("the feed is not modified since the last harvest (http 304)");
        let page = HarvestPage {
            source_id: source.id.clone(),
            run_id: progress.run_id.clone(),
            received_at: progress.now(),
            kind: PageKind::Records,
            records: Vec::new(),
            envelope_errors: Vec::new(),
            checkpoint: unchanged_checkpoint,
        };
        return progress.store(sink, page).await;
    }
    let response = response.error_for_status(url)?;
    if response.body.is_empty() {
        return Err(HarvestError::Malformed {
            url: url.to_string(),
            reason: "the document is empty; it was not applied, since an empty feed would \
                     delete every record of the source"
                .to_owned(),
            kind: model::FailureKind::EmptyFeed,
        });
    }
    let checkpoint = Checkpoint {
        etag: response.etag.clone(),
        last_modified: response.last_modified.clone(),
        ..unchanged_checkpoint
    };
    let page = full_document_page(
        source,
        progress,
        url.to_string(),
        response.body.to_vec(),
        checkpoint,
    );
    progress.store(sink, page).await
}

/// Reads a local feed, refusing one outside `file_roots` (after following symbolic
/// links) and one larger than `max_response_bytes`.
pub(crate) async fn harvest_file<S: PageSink>(
    source: &config::Source,
    path: &Path,
    file_roots: &[PathBuf],
    max_response_bytes: u64,
    previous: &Checkpoint,
    sink: &mut S,
    progress: &mut Progress,
) -> Result<(), HarvestError> {
    let file_error = |source| HarvestError::File {
        path: path.to_path_buf(),
        source,
    };
    let canonical = tokio::fs::canonicalize(path).await.map_err(file_error)?;
    confine_to_roots(&canonical, file_roots).await?;
    // The canonical path is read (the configured one is shown), so that a symbolic link
    // swapped after the check cannot lead elsewhere.
    let size_bytes = tokio::fs::metadata(&canonical)
        .await
        .map_err(file_error)?
        .len();
    if size_bytes > max_response_bytes {
        return Err(HarvestError::TooLarge {
            location: path.display().to_string(),
            limit_bytes: max_response_bytes,
            declared_bytes: Some(size_bytes),
        });
    }
    let payload = tokio::fs::read(&canonical).await.map_err(file_error)?;
    if payload.is_empty() {
        return Err(HarvestError::Malformed {
            url: path.display().to_string(),
            reason: "the file is empty; it was not applied, since an empty feed would \
                     delete every record of the source"
                .to_owned(),
            kind: model::FailureKind::EmptyFeed,
        });
    }
    let checkpoint = Checkpoint {
        resume: None,
        ..previous.clone()
    };
    let page = full_document_page(
        source,
        progress,
        path.display().to_string(),
        payload,
        checkpoint,
    );
    progress.store(sink, page).await
}

/// Refuses `canonical` unless it lies in one of `roots` (each canonicalised too; a root
/// that does not exist allows nothing).
async fn confine_to_roots(canonical: &Path, roots: &[PathBuf]) -> Result<(), HarvestError> {
    for root in roots {
        if let Ok(root) = tokio::fs::canonicalize(root).await
            && canonical.starts_with(&root)
        {
            return Ok(());
        }
    }
    Err(HarvestError::FileOutsideRoots {
        path: canonical.to_path_buf(),
        roots: roots
            .iter()
            .map(|root| root.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use model::{Format, RunOutcome};

    use crate::testing::{MemorySink, Reply, TestClock, TestServer, harvest_config, source};
    use crate::{Harvester, RunOptions};

    #[tokio::test]
    async fn an_unchanged_http_feed_costs_one_304_and_deletes_nothing() {
        let server = TestServer::start(|request, _| {
            if request.header("if-none-match") == Some("\"v1\"") {
                Reply::new(304, "")
            } else {
                Reply::new(200, r#"[{"title":"x"}]"#)
                    .header("ETag", "\"v1\"")
                    .header("Last-Modified", "Sun, 10 Mar 2024 12:00:00 GMT")
            }
        })
        .await;
        let feed = source(
            config::Fetch::Http {
                url: server.url("/feed.json"),
            },
            Format::ClearinghouseJson,
        );
        let harvester = Harvester::new(&harvest_config())
            .unwrap()
            .with_clock(Arc::new(TestClock::new()));
        let mut sink = MemorySink::new();

        let first = harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions::default(),
                &mut sink,
            )
            .await;
        assert_eq!(first.outcome, RunOutcome::Succeeded, "{first:?}");
        assert_eq!(first.counts.added, 1);
        assert_eq!(sink.pages[0].kind, model::PageKind::FullDocument);
        assert_eq!(
            sink.pages[0].records[0].upstream_id,
            server.url("/feed.json").as_str()
        );
        assert_eq!(sink.checkpoint.etag.as_deref(), Some("\"v1\""));
        assert_eq!(
            sink.checkpoint.last_modified.as_deref(),
            Some("Sun, 10 Mar 2024 12:00:00 GMT")
        );

        let checkpoint_before = sink.checkpoint.clone();
        let second = harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions::default(),
                &mut sink,
            )
            .await;
        assert_eq!(second.outcome, RunOutcome::Succeeded, "{second:?}");
        assert_eq!(second.pages, 1);
        assert_eq!(second.counts, model::RunCounts::default());
        assert!(second.message.unwrap().contains("304"));
        let page = &sink.pages[1];
        assert_eq!(page.kind, model::PageKind::Records);
        assert!(page.records.is_empty());
        assert_eq!(sink.checkpoint, checkpoint_before);
        assert_eq!(sink.live_ids().len(), 1);
        let requests = server.requests();
        assert_eq!(
            requests[1].header("if-modified-since"),
            Some("Sun, 10 Mar 2024 12:00:00 GMT")
        );

        // --full ignores the validators and fetches the document again.
        harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions { full: true },
                &mut sink,
            )
            .await;
        assert_eq!(server.requests()[2].header("if-none-match"), None);
        assert_eq!(sink.pages[2].kind, model::PageKind::FullDocument);
    }

    #[tokio::test]
    async fn an_empty_http_document_fails_instead_of_emptying_the_source() {
        let server = TestServer::start(|_, _| Reply::new(200, "")).await;
        let feed = source(
            config::Fetch::Http {
                url: server.url("/feed.json"),
            },
            Format::ClearinghouseJson,
        );
        let harvester = Harvester::new(&harvest_config()).unwrap();
        let mut sink = MemorySink::new();
        let run = harvester
            .run(&feed, Default::default(), RunOptions::default(), &mut sink)
            .await;
        assert_eq!(run.outcome, RunOutcome::Failed);
        assert!(run.message.unwrap().contains("empty"));
        assert!(sink.pages.is_empty());
    }

    #[tokio::test]
    async fn a_file_feed_is_one_full_document_and_too_large_files_are_refused() {
        let path = crate::testing::testdata_dir().join("xcri-cap/catalog.xml");
        let feed = source(config::Fetch::File { path: path.clone() }, Format::XcriCap);
        let harvester = Harvester::new(&harvest_config()).unwrap();
        let mut sink = MemorySink::new();
        let run = harvester
            .run(&feed, Default::default(), RunOptions::default(), &mut sink)
            .await;
        assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
        let page = &sink.pages[0];
        assert_eq!(page.kind, model::PageKind::FullDocument);
        assert_eq!(page.records[0].upstream_id, path.display().to_string());
        assert_eq!(page.records[0].payload, std::fs::read(&path).unwrap());
        assert_eq!(page.records[0].format, Format::XcriCap);

        let mut small = harvest_config();
        small.max_response_bytes = 100;
        let run = Harvester::new(&small)
            .unwrap()
            .run(
                &feed,
                Default::default(),
                RunOptions::default(),
                &mut MemorySink::new(),
            )
            .await;
        assert_eq!(run.outcome, RunOutcome::Failed);
        assert!(run.message.unwrap().contains("limit of 100 bytes"));

        let missing = source(
            config::Fetch::File {
                path: path.with_file_name("no-such-feed.xml"),
            },
            Format::XcriCap,
        );
        let run = harvester
            .run(
                &missing,
                Default::default(),
                RunOptions::default(),
                &mut MemorySink::new(),
            )
            .await;
        assert_eq!(run.outcome, RunOutcome::Failed);
        assert!(run.message.unwrap().contains("no-such-feed.xml"));
    }
}
