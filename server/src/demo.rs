//! The bundled demo at its first start ([`config::demo`]): every demo source harvested,
//! the demo's recognition decisions recorded through the same rules as an officer's
//! (`recognition::decisions`), then the demo's feed update harvested, which changes a
//! credential one decision relies on, so that the demo shows a decision at risk too.
//!
//! The demo is set up once per data directory: once decisions are stored, later starts
//! only harvest on schedule.

use anyhow::Context;
use chrono::NaiveDate;
use model::{RecordId, SourceId};
use recognition::decisions::{self, Draft, DraftOutcome, Officer};
use serde::Deserialize;

use crate::state::AppState;

/// A demo decision as `demo/decisions.json` states it: records named by source and
/// upstream identifier, as a publisher knows them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDecision {
    institution: String,
    credential: DemoRecord,
    outcome: DemoOutcome,
    rationale: String,
    decided_on: NaiveDate,
    #[serde(default)]
    conditions: Option<String>,
    #[serde(default)]
    valid_until: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRecord {
    source: String,
    upstream_id: String,
}

impl DemoRecord {
    fn id(&self) -> anyhow::Result<RecordId> {
        let source = SourceId::parse(&self.source).map_err(|err| {
            anyhow::anyhow!("demo decision names source {:?}: {err}", self.source)
        })?;
        Ok(RecordId::new(&source, &self.upstream_id))
    }
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum DemoOutcome {
    Equivalent { target: DemoRecord },
    Credits { ects: f64 },
    Refused,
}

/// Whether the demo was set up in this data directory already (it has decisions).
pub fn seeded(state: &AppState) -> anyhow::Result<bool> {
    Ok(state.indexer.store().has_decisions()?)
}

/// Sets up the demo: harvests its feeds, records the demo decisions, harvests the
/// sources the demo updates, then the sources that are not files (the one that is down).
pub async fn seed(state: &AppState) -> anyhow::Result<()> {
    let (files, remote): (Vec<_>, Vec<_>) = state
        .config
        .sources
        .iter()
        .partition(|source| matches!(source.fetch, config::Fetch::File { .. }));
    for source in &files {
        harvest(state, source.id.as_str()).await;
    }
    let wanted: Vec<DemoDecision> = serde_json::from_str(config::demo::DECISIONS)
        .context("the demo's decisions (demo/decisions.json) do not read")?;
    for demo in wanted {
        let officer = Officer {
            institution: &demo.institution,
            actor: "demo",
            admin: false,
            publishes_feed: state.config.source(&demo.institution).is_some(),
        };
        let draft = Draft {
            credential: demo.credential.id()?.to_string(),
            outcome: match &demo.outcome {
                DemoOutcome::Equivalent { target } => DraftOutcome::Equivalent {
                    target: target.id()?.to_string(),
                },
                DemoOutcome::Credits { ects } => DraftOutcome::Credits { ects: *ects },
                DemoOutcome::Refused => DraftOutcome::Refused,
            },
            rationale: demo.rationale.clone(),
            decided_on: demo.decided_on,
            conditions: demo.conditions.clone(),
            valid_until: demo.valid_until,
            private: false,
            institution: None,
        };
        let decision = decisions::draft(state.indexer.store(), &officer, draft)
            .with_context(|| format!("demo decision about {:?}", demo.credential.upstream_id))?;
        state
            .indexer
            .record_decision(decision, "created", None)
            .await?;
    }
    for source in config::demo::write_updates(&state.config.data_dir)? {
        state
            .harvests
            .run(source, false)
            .await
            .with_context(|| format!("the demo's update of {source}"))?;
    }
    tracing::info!("demo set up: feeds harvested, decisions recorded, feed update harvested");
    for source in &remote {
        harvest(state, source.id.as_str()).await;
    }
    Ok(())
}

async fn harvest(state: &AppState, source_id: &str) {
    match state.harvests.run(source_id, false).await {
        Ok(run) => tracing::info!(source_id, outcome = ?run.outcome, "demo source harvested"),
        Err(err) => tracing::warn!(source_id, error = %err, "demo source not harvested"),
    }
}
