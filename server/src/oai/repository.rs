//! What the provider serves from: the store's records and decisions as OAI-PMH items,
//! their headers and sets.
//!
//! A list reads only what it returns: the records of its set and datestamps from the
//! store's listings ([`store::Listing`]: all records, by source, by country, each in the
//! order of datestamps), then the decisions. Each record read is still checked against
//! the query ([`Repository::matches`]), so a listing can only narrow what is read, never
//! change what is answered.

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use model::{RecordId, StoredRecord};
use store::{Decision, Listing, ListingKey, ListingRange, Store, StoreError};

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

/// The most entries read to count a list bounded by datestamps; a longer one is
/// answered without its `completeListSize` (the attribute is optional).
pub(super) const COUNT_AT_MOST: u64 = 10_000;

/// What a list reads ([`Repository::plan`]).
pub(super) struct Plan {
    /// The listings of the store whose records may be in the list (empty: none).
    listings: Vec<Listing>,
    /// Whether the recognition decisions follow the records.
    decisions: bool,
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
            // A decision private from the start is not known here at all.
            if !self.store.decision_was_published(local)? {
                return Ok(None);
            }
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
            // A withdrawn decision, or one its institution made private after it was
            // published, is listed as deleted: nothing more of it is published. One
            // private from the start is not listed at all.
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

    /// What a list of `query` reads: the listings of the store whose records may be in
    /// its set (none if no record can be), and whether decisions follow them.
    pub(super) fn plan(&self, query: &ListQuery) -> Result<Plan, StoreError> {
        let configured_in = |country: Option<&str>| -> Vec<Listing> {
            self.sources
                .iter()
                .filter(|source| country.is_none_or(|country| source.country.as_str() == country))
                .map(|source| Listing::Uncountried(source.id.to_string()))
                .collect()
        };
        let listings = match query.set.as_deref() {
            None | Some("source") => vec![Listing::All],
            Some("country") => {
                // Every country listing, and the tombstones of configured sources, which
                // take their source's country.
                let mut all: Vec<Listing> = self
                    .store
                    .listings()?
                    .into_iter()
                    .map(|(listing, _)| listing)
                    .filter(|listing| matches!(listing, Listing::Country(_)))
                    .collect();
                all.extend(configured_in(None));
                all
            }
            Some(set) => match set.split_once(':') {
                Some(("source", id)) if !id.contains(':') => vec![Listing::Source(id.to_owned())],
                Some(("country", code)) if !code.contains(':') => {
                    let mut listings = vec![Listing::Country(code.to_owned())];
                    listings.extend(configured_in(Some(code)));
                    listings
                }
                _ => Vec::new(),
            },
        };
        let decisions = query.format == MetadataFormat::OaiDc
            && matches!(query.set.as_deref(), None | Some("decisions"));
        Ok(Plan {
            listings,
            decisions,
        })
    }

    /// Visits the items of `plan` from `start` in list order, each with the position just
    /// after it, until `visit` breaks: the records of its listings in the order of their
    /// datestamps (those in `range`), then the decisions in the order of their ids.
    pub(super) fn scan(
        &self,
        plan: &Plan,
        range: ListingRange,
        start: &Position,
        mut visit: impl FnMut(Item, Position) -> Result<ControlFlow<()>, StoreError>,
    ) -> Result<(), StoreError> {
        let listings = plan.listings.as_slice();
        let after_id = match start {
            Position::Records { after } => {
                let range = ListingRange {
                    after: *after,
                    ..range
                };
                for place in self.store.listed_in_any(listings, &range) {
                    let place = place?;
                    // A record that changed since it was listed here is listed again
                    // further on.
                    let Some(record) = self.store.listed_record(place)? else {
                        continue;
                    };
                    let position = Position::Records { after: Some(place) };
                    if visit(Item::Record(Box::new(record)), position)?.is_break() {
                        return Ok(());
                    }
                }
                None
            }
            Position::AfterSeq { after_seq } => {
                let start = self.position_after_seq(*after_seq)?;
                return self.scan(plan, range, &start, visit);
            }
            Position::Decisions { after_id } => Some(after_id.as_str()),
        };
        if !plan.decisions {
            return Ok(());
        }
        // Decisions ever published follow the records, in the order of their ids.
        for decision in self.store.published_decisions_after(after_id) {
            let decision = decision?;
            let position = Position::Decisions {
                after_id: decision.id.clone(),
            };
            if visit(Item::Decision(Box::new(decision)), position)?.is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Where a token of version 1, issued at sequence number `after_seq`, goes on: just
    /// before the first record changed after it. Datestamps grow with sequence numbers,
    /// so the records after that place are those changed after `after_seq`.
    fn position_after_seq(&self, after_seq: u64) -> Result<Position, StoreError> {
        Ok(
            match self.store.changes_after(after_seq).next().transpose()? {
                Some(record) => Position::Records {
                    after: Some(ListingKey {
                        datestamp_secs: record.updated_at.timestamp(),
                        seq: record.seq - 1,
                    }),
                },
                None => Position::Decisions {
                    after_id: String::new(),
                },
            },
        )
    }

    /// The size of the list of `query`, when it costs no more than reading
    /// [`COUNT_AT_MOST`] entries: from the sizes the store keeps, or counted when the
    /// list is bounded by datestamps.
    pub(super) fn list_size(
        &self,
        plan: &Plan,
        query: &ListQuery,
    ) -> Result<Option<u64>, StoreError> {
        let listings = plan.listings.as_slice();
        if query.from.is_none() && query.until.is_none() {
            let mut size = 0;
            for listing in listings {
                size += self.store.listing_size(listing)?;
            }
            if plan.decisions {
                size += self.store.published_decision_count()?;
            }
            return Ok(Some(size));
        }
        let range = ListingRange {
            after: None,
            from_secs: query.from,
            until_secs: query.until,
        };
        let mut counted = 0u64;
        for place in self.store.listed_in_any(listings, &range) {
            place?;
            counted += 1;
            if counted > COUNT_AT_MOST {
                return Ok(None);
            }
        }
        if plan.decisions {
            for decision in self.store.published_decisions_after(None) {
                let second = decision?.recorded_at.timestamp();
                if query.from.is_none_or(|from| second >= from)
                    && query.until.is_none_or(|until| second <= until)
                {
                    counted += 1;
                }
                if counted > COUNT_AT_MOST {
                    return Ok(None);
                }
            }
        }
        Ok(Some(counted))
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
