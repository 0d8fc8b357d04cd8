//! What the provider serves from: the store's records and decisions as OAI-PMH items,
//! their headers and sets, in the order of the change log.

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use model::{RecordId, StoredRecord};
use store::{Decision, Store, StoreError};

use super::request::{ListQuery, MetadataFormat};
use super::token::{Position, TokenKey};

/// What the provider needs to answer.
pub struct Repository<'a> {
    /// The store.
    pub store: &'a Store,
    /// The configured sources (set names, and countries of tombstones).
    pub sources: &'a [config::Source],
    /// The `/oai` URL as the client reached it.
    pub base_url: String,
    /// The repository identifier in item identifiers (`oai:{id}:{record id}`).
    pub repository_id: String,
    /// The key of resumption tokens.
    pub key: &'a TokenKey,
    /// The time of the request.
    pub now: DateTime<Utc>,
}

/// An item of the repository.
pub(super) enum Item {
    Record(Box<StoredRecord>),
    Decision(Box<Decision>),
}

/// An item's header.
pub(super) struct Header {
    pub(super) identifier: String,
    pub(super) datestamp: DateTime<Utc>,
    pub(super) sets: Vec<String>,
    pub(super) deleted: bool,
}

impl Repository<'_> {
    pub(crate) fn identifier(&self, id: &RecordId) -> String {
        format!("oai:{}:{}", self.repository_id, id)
    }

    pub(crate) fn decision_identifier(&self, id: &str) -> String {
        format!("oai:{}:decision:{id}", self.repository_id)
    }

    /// The item an identifier names, if any. The repository part is not checked, so that
    /// a client that reached us under another host name still finds the item.
    pub(super) fn item(&self, identifier: &str) -> Result<Option<Item>, StoreError> {
        let Some((namespace, local)) = identifier
            .strip_prefix("oai:")
            .and_then(|rest| rest.rsplit_once(':'))
        else {
            return Ok(None);
        };
        if namespace.ends_with(":decision") {
            return Ok(self
                .store
                .decision(local)?
                .map(|decision| Item::Decision(Box::new(decision))));
        }
        let Ok(id) = RecordId::parse(local) else {
            return Ok(None);
        };
        Ok(self
            .store
            .get(&id)?
            .map(|record| Item::Record(Box::new(record))))
    }

    pub(super) fn header(&self, item: &Item) -> Result<Header, StoreError> {
        match item {
            Item::Record(record) => Ok(Header {
                identifier: self.identifier(&record.id),
                datestamp: record.updated_at,
                sets: self.record_sets(record)?,
                deleted: record.deleted,
            }),
            // A withdrawn decision, or one its institution keeps private, is listed as
            // deleted: nothing of it is published.
            Item::Decision(decision) => Ok(Header {
                identifier: self.decision_identifier(&decision.id),
                datestamp: decision.recorded_at,
                sets: vec!["decisions".to_owned()],
                deleted: decision.withdrawn || decision.private,
            }),
        }
    }

    /// `source:{id}` and, where known, `country:{CC}` of the awarding body; a tombstone
    /// keeps the country of its last live version (or of its source).
    pub(crate) fn record_sets(&self, record: &StoredRecord) -> Result<Vec<String>, StoreError> {
        let mut sets = vec![format!("source:{}", record.id.source())];
        let country = match &record.credential {
            Some(credential) => credential.awarding_body.country.clone(),
            None => self
                .store
                .history(&record.id)?
                .into_iter()
                .rev()
                .find_map(|old| old.credential.and_then(|c| c.awarding_body.country))
                .or_else(|| {
                    self.sources
                        .iter()
                        .find(|source| source.id.as_str() == record.id.source())
                        .map(|source| source.country.clone())
                }),
        };
        if let Some(country) = country {
            sets.push(format!("country:{country}"));
        }
        Ok(sets)
    }

    /// Visits the items of the repository from `start` in list order, each with the
    /// position just after it, until `visit` breaks.
    pub(super) fn scan(
        &self,
        start: &Position,
        mut visit: impl FnMut(Item, Position) -> Result<ControlFlow<()>, StoreError>,
    ) -> Result<(), StoreError> {
        let after_id = match start {
            Position::Records { after_seq } => {
                for record in self.store.changes_after(*after_seq) {
                    let record = record?;
                    let seq = record.seq;
                    if visit(
                        Item::Record(Box::new(record)),
                        Position::Records { after_seq: seq },
                    )?
                    .is_break()
                    {
                        return Ok(());
                    }
                }
                None
            }
            Position::Decisions { after_id } => Some(after_id.as_str()),
        };
        // Decisions follow the records, in the order of their ids.
        for decision in self.store.all_decisions() {
            let decision = decision?;
            if after_id.is_some_and(|after| decision.id.as_str() <= after) {
                continue;
            }
            let position = Position::Decisions {
                after_id: decision.id.clone(),
            };
            if visit(Item::Decision(Box::new(decision)), position)?.is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    pub(super) fn matches(
        &self,
        query: &ListQuery,
        item: &Item,
    ) -> Result<Option<Header>, StoreError> {
        if !query.format.carries(item) {
            return Ok(None);
        }
        let header = self.header(item)?;
        let second = header.datestamp.timestamp();
        if query.from.is_some_and(|from| second < from)
            || query.until.is_some_and(|until| second > until)
        {
            return Ok(None);
        }
        if let Some(set) = &query.set {
            let in_set = header.sets.iter().any(|spec| {
                spec == set
                    || spec
                        .strip_prefix(set.as_str())
                        .is_some_and(|rest| rest.starts_with(':'))
            });
            if !in_set {
                return Ok(None);
            }
        }
        Ok(Some(header))
    }
}

impl MetadataFormat {
    /// Whether an item can be disseminated in this format.
    pub(super) fn carries(self, item: &Item) -> bool {
        match item {
            Item::Record(_) => true,
            // A decision is not a credential: a harvester of the rich format reads
            // credentials only, so decisions are disseminated in Dublin Core.
            Item::Decision(_) => self == MetadataFormat::OaiDc,
        }
    }
}
