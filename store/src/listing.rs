//! Listings: the current records by datestamp, all of them and by source and by country,
//! so that an OAI-PMH list reads only the records it returns.
//!
//! A record's place in a listing is its datestamp (its `updated_at`, in seconds) and the
//! sequence number of its latest change ([`ListingKey`]). Each current record (tombstones
//! included) is in [`Listing::All`], in the [`Listing::Source`] of its id and, by the
//! country of its awarding body, in one [`Listing::Country`]; a tombstone keeps the
//! country of its latest version that stated one, and a tombstone of a record that never
//! stated one is in [`Listing::Uncountried`] of its source, so that a reader can give it
//! the source's country.
//!
//! A listing is stored in **chunks** (`l:`): a chunk's key is the listing and a place no
//! greater than any it holds, its value up to [`CHUNK_PLACES`] places in order, and the
//! chunks of a listing do not overlap (a chunk holds only places below the next chunk's
//! key). One key per place cost a harvest three sled keys a record, most of the listings'
//! cost; a page of records now adds a few chunks to each listing. A place removed (a
//! record changed) rewrites its chunk, and an emptied chunk is removed. Entries are
//! written in the batch that writes the records ([`crate::Batch::put_record`],
//! [`Store::apply`]), with each listing's size (`u:`), so a list knows its size without
//! counting it.
//!
//! Datestamps are the time a record was prepared by the one writer, so they grow with
//! sequence numbers: a record that changes moves behind every position already handed
//! out, and a list resumed at a position misses nothing. New places therefore land after
//! the last chunk, which a batch tops up before it starts new ones; a place that does
//! not (a clock set back) goes into the chunk whose range holds it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use model::{RecordId, StoredRecord};
use serde_json::value::RawValue;

use crate::keys::{LISTING, LISTING_SIZE, key, u64_from};
use crate::record::{RecordJson, decode};
use crate::{Store, StoreError};

/// A listing of the current records ([`Store::listed`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listing {
    /// Every current record.
    All,
    /// The records of a source (the source part of their ids).
    Source(String),
    /// The records whose awarding body is in this country (ISO 3166-1 alpha-2); a
    /// tombstone's is that of its latest version that stated one.
    Country(String),
    /// The tombstones of a source none of whose versions stated a country.
    Uncountried(String),
}

impl Listing {
    const ALL: u8 = b'*';
    const SOURCE: u8 = b's';
    const COUNTRY: u8 = b'c';
    const UNCOUNTRIED: u8 = b't';

    fn name(&self) -> Vec<u8> {
        let (tag, name) = match self {
            Listing::All => (Listing::ALL, ""),
            Listing::Source(source) => (Listing::SOURCE, source.as_str()),
            Listing::Country(country) => (Listing::COUNTRY, country.as_str()),
            Listing::Uncountried(source) => (Listing::UNCOUNTRIED, source.as_str()),
        };
        let mut out = vec![tag];
        out.extend_from_slice(name.as_bytes());
        out
    }

    fn of_name(name: &[u8]) -> Option<Listing> {
        let (tag, rest) = name.split_first()?;
        let rest = std::str::from_utf8(rest).ok()?.to_owned();
        match *tag {
            Listing::ALL if rest.is_empty() => Some(Listing::All),
            Listing::SOURCE => Some(Listing::Source(rest)),
            Listing::COUNTRY => Some(Listing::Country(rest)),
            Listing::UNCOUNTRIED => Some(Listing::Uncountried(rest)),
            _ => None,
        }
    }

    /// `l:`, the listing, `0x00`: the prefix of its entries.
    fn prefix(&self) -> Vec<u8> {
        key(LISTING, &[&self.name(), b""])
    }

    pub(crate) fn size_key(&self) -> Vec<u8> {
        key(LISTING_SIZE, &[&self.name()])
    }

    pub(crate) fn entry_key(&self, place: ListingKey) -> Vec<u8> {
        let mut key = self.prefix();
        key.extend_from_slice(&place.encode());
        key
    }
}

/// A record's place in the listings: its datestamp, then its latest change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListingKey {
    /// The record's `updated_at`, in seconds since the epoch.
    pub datestamp_secs: i64,
    /// The sequence number of its latest change.
    pub seq: u64,
}

impl ListingKey {
    /// The place of `record` in the listings.
    pub fn of(record: &StoredRecord) -> ListingKey {
        ListingKey {
            datestamp_secs: record.updated_at.timestamp(),
            seq: record.seq,
        }
    }

    /// Sixteen bytes that sort as the key does (the datestamp with its sign bit flipped).
    fn encode(self) -> [u8; 16] {
        let mut out = [0; 16];
        out[..8].copy_from_slice(&((self.datestamp_secs as u64) ^ (1 << 63)).to_be_bytes());
        out[8..].copy_from_slice(&self.seq.to_be_bytes());
        out
    }

    fn decode(bytes: &[u8]) -> Option<ListingKey> {
        let bytes: &[u8; 16] = bytes.try_into().ok()?;
        Some(ListingKey {
            datestamp_secs: (u64_from(&bytes[..8]) ^ (1 << 63)) as i64,
            seq: u64_from(&bytes[8..]),
        })
    }
}

/// Which part of a listing to read: after a place already listed, and datestamps from and
/// until a second (both inclusive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListingRange {
    /// Places after this one.
    pub after: Option<ListingKey>,
    /// Datestamps at or after this second.
    pub from_secs: Option<i64>,
    /// Datestamps at or before this second.
    pub until_secs: Option<i64>,
}

impl Store {
    /// The places of the records of `listing` in `range`, in order.
    pub fn listed(
        &self,
        listing: &Listing,
        range: &ListingRange,
    ) -> impl Iterator<Item = Result<ListingKey, StoreError>> + '_ {
        let from = range.from_secs.map(|secs| ListingKey {
            datestamp_secs: secs,
            seq: 0,
        });
        // The first place wanted, and whether it is wanted itself.
        let start = match (range.after, from) {
            (Some(after), Some(from)) if from > after => Some((from, true)),
            (Some(after), _) => Some((after, false)),
            (None, Some(from)) => Some((from, true)),
            (None, None) => None,
        };
        let end = ListingKey {
            datestamp_secs: range.until_secs.unwrap_or(i64::MAX),
            seq: u64::MAX,
        };
        let empty = start.is_some_and(|(start, _)| start > end);
        let wanted = move |place: &ListingKey| match start {
            None => true,
            Some((start, true)) => *place >= start,
            Some((start, false)) => *place > start,
        };
        // The chunk that holds the start (if one does) and those after it.
        let first = match (empty, start) {
            (true, _) => None,
            (false, None) => Some(Ok(listing.prefix())),
            (false, Some((start, _))) => Some(
                self.chunk_at_or_before(listing, start)
                    .map(|found| found.map_or_else(|| listing.prefix(), |(key, _)| key)),
            ),
        };
        let (first, error) = match first {
            None => (None, None),
            Some(Ok(first)) => (Some(first), None),
            Some(Err(err)) => (None, Some(Err(err))),
        };
        let prefix = listing.prefix();
        let chunks = first.map(|first| {
            self.tree().range(first..).take_while(move |entry| {
                entry
                    .as_ref()
                    .map_or(true, |(key, _)| key.starts_with(&prefix))
            })
        });
        error.into_iter().chain(
            chunks
                .into_iter()
                .flatten()
                .flat_map(|chunk| match chunk {
                    Ok((_, places)) => decode_places(&places),
                    Err(err) => vec![Err(StoreError::from(err))],
                })
                .skip_while(move |place| place.as_ref().is_ok_and(|place| !wanted(place)))
                .take_while(move |place| place.as_ref().map_or(true, |place| *place <= end)),
        )
    }

    /// The key and places of the chunk of `listing` whose range holds `place`: the last
    /// chunk whose key is at or before it.
    fn chunk_at_or_before(
        &self,
        listing: &Listing,
        place: ListingKey,
    ) -> Result<Option<(Vec<u8>, sled::IVec)>, StoreError> {
        let chunk = self
            .tree()
            .range(listing.prefix()..=listing.entry_key(place))
            .next_back()
            .transpose()?;
        Ok(chunk.map(|(key, places)| (key.to_vec(), places)))
    }

    /// The last chunk of `listing`, with its key.
    fn last_chunk(&self, listing: &Listing) -> Result<Option<(Vec<u8>, sled::IVec)>, StoreError> {
        let chunk = self
            .tree()
            .scan_prefix(listing.prefix())
            .next_back()
            .transpose()?;
        Ok(chunk.map(|(key, places)| (key.to_vec(), places)))
    }

    /// The places of the records of any of `listings` in `range`, in order, each once.
    pub fn listed_in_any<'a>(
        &'a self,
        listings: &[Listing],
        range: &ListingRange,
    ) -> impl Iterator<Item = Result<ListingKey, StoreError>> + 'a {
        let mut heads: Vec<_> = listings
            .iter()
            .map(|listing| self.listed(listing, range).peekable())
            .collect();
        let mut last: Option<ListingKey> = None;
        std::iter::from_fn(move || {
            loop {
                // An error is answered first; then the least place of the heads.
                let mut least: Option<(usize, ListingKey)> = None;
                for (i, head) in heads.iter_mut().enumerate() {
                    match head.peek() {
                        Some(Err(_)) => return head.next(),
                        Some(Ok(place)) if least.is_none_or(|(_, least)| *place < least) => {
                            least = Some((i, *place));
                        }
                        _ => {}
                    }
                }
                let (i, place) = least?;
                heads[i].next();
                if last == Some(place) {
                    continue;
                }
                last = Some(place);
                return Some(Ok(place));
            }
        })
    }

    /// How many records `listing` holds (kept in the batch of every change).
    pub fn listing_size(&self, listing: &Listing) -> Result<u64, StoreError> {
        Ok(self
            .tree()
            .get(listing.size_key())?
            .map_or(0, |bytes| u64_from(&bytes)))
    }

    /// Every listing that holds a record, with its size.
    pub fn listings(&self) -> Result<Vec<(Listing, u64)>, StoreError> {
        let mut out = Vec::new();
        for entry in self.tree().scan_prefix(LISTING_SIZE) {
            let (key, value) = entry?;
            let listing = Listing::of_name(&key[LISTING_SIZE.len()..])
                .ok_or_else(|| StoreError::Corrupt("a listing size names no listing".to_owned()))?;
            out.push((listing, u64_from(&value)));
        }
        Ok(out)
    }

    /// The record listed at `place`, or `None` if it changed since it was listed there
    /// (its next change is listed further on).
    pub fn listed_record(&self, place: ListingKey) -> Result<Option<StoredRecord>, StoreError> {
        self.tree()
            .get(crate::keys::change_key(place.seq))?
            .map(|value| decode(&RecordJson::of(value)?, "record"))
            .transpose()
    }

    /// The latest country stated by a superseded version of a record.
    pub(crate) fn country_in_history(&self, id: &RecordId) -> Result<Option<String>, StoreError> {
        let prefix = key(crate::keys::HISTORY, &[id.as_str().as_bytes(), b""]);
        for value in self.tree().scan_prefix(prefix).values().rev() {
            let json = RecordJson::of(value?)?;
            let fields: ListedFields = decode(&json, "history entry")?;
            if let Some(country) = fields.credential.and_then(|c| c.country()) {
                return Ok(Some(country));
            }
        }
        Ok(None)
    }
}

/// What the listings need of a stored record's JSON, read without the rest.
#[derive(serde::Deserialize)]
pub(crate) struct ListedFields {
    pub(crate) id: RecordId,
    pub(crate) seq: u64,
    #[serde(default)]
    pub(crate) credential: Option<CountryOnly>,
    pub(crate) updated_at: chrono::DateTime<chrono::Utc>,
}

/// The country of a credential's awarding body, read without the rest of the credential.
#[derive(serde::Deserialize, Default)]
pub(crate) struct CountryOnly {
    #[serde(default)]
    awarding_body: Option<AwardingBodyCountry>,
}

#[derive(serde::Deserialize, Default)]
struct AwardingBodyCountry {
    #[serde(default)]
    country: Option<model::Country>,
}

impl CountryOnly {
    pub(crate) fn country(self) -> Option<String> {
        self.awarding_body
            .and_then(|body| body.country)
            .map(|country| country.as_str().to_owned())
    }
}

/// The country a record states, if it has a credential: from the credential, or from its
/// encoded JSON when the record carries it apart.
pub(crate) fn stated_country(
    record: &StoredRecord,
    credential_json: Option<&RawValue>,
) -> Result<Option<Option<String>>, StoreError> {
    if let Some(credential) = &record.credential {
        return Ok(Some(
            credential
                .awarding_body
                .country
                .as_ref()
                .map(|country| country.as_str().to_owned()),
        ));
    }
    match credential_json {
        Some(json) => {
            let credential: CountryOnly = serde_json::from_str(json.get()).map_err(|err| {
                StoreError::Corrupt(format!("an encoded credential does not decode: {err}"))
            })?;
            Ok(Some(credential.country()))
        }
        None => Ok(None),
    }
}

/// The listings of a record whose country is `country`: the one its credential states
/// or, without a credential (a tombstone), the latest one a version before stated.
pub(crate) fn listings_of(
    id: &RecordId,
    has_credential: bool,
    country: Option<String>,
) -> Vec<Listing> {
    let source = id.source().to_owned();
    let mut listings = vec![Listing::All, Listing::Source(source.clone())];
    match country {
        Some(country) => listings.push(Listing::Country(country)),
        None if !has_credential => listings.push(Listing::Uncountried(source)),
        None => {}
    }
    listings
}

/// Places a chunk holds at most, but for places put into a chunk's range out of order
/// (a clock set back), which may grow it until it is next split.
pub(crate) const CHUNK_PLACES: usize = 64;

/// The places of a chunk's value.
fn decode_places(value: &[u8]) -> Vec<Result<ListingKey, StoreError>> {
    if !value.len().is_multiple_of(16) {
        return vec![Err(StoreError::Corrupt(
            "a listing chunk is not a whole number of places".to_owned(),
        ))];
    }
    value
        .chunks_exact(16)
        .map(|bytes| {
            ListingKey::decode(bytes)
                .ok_or_else(|| StoreError::Corrupt("a listing entry has no place".to_owned()))
        })
        .collect()
}

fn encode_places<'a>(places: impl IntoIterator<Item = &'a ListingKey>) -> Vec<u8> {
    places
        .into_iter()
        .flat_map(|place| place.encode())
        .collect()
}

/// The places of one listing a batch adds and removes.
#[derive(Default)]
struct PlaceChanges {
    added: BTreeSet<ListingKey>,
    removed: BTreeSet<ListingKey>,
}

/// The listing entries and size changes of one batch.
#[derive(Default)]
pub(crate) struct ListingChanges {
    /// For each record written in the batch, the latest country stated by it or a
    /// version before it (what a tombstone written next would keep).
    latest_country: HashMap<RecordId, Option<String>>,
    /// The places each listing gains and loses.
    places: HashMap<Listing, PlaceChanges>,
}

impl ListingChanges {
    /// Lists `record` in place of `previous` (its version before, if any).
    pub(crate) fn put(
        &mut self,
        store: &Store,
        record: &StoredRecord,
        credential_json: Option<&RawValue>,
        previous: Option<(&StoredRecord, Option<&RawValue>)>,
    ) -> Result<(), StoreError> {
        // The latest country stated up to and including `previous`.
        let latest_before = match previous {
            None => None,
            Some((previous, previous_json)) => match self.latest_country.get(&previous.id) {
                Some(country) => country.clone(),
                None => match stated_country(previous, previous_json)? {
                    Some(Some(country)) => Some(country),
                    _ => store.country_in_history(&previous.id)?,
                },
            },
        };
        if let Some((previous, previous_json)) = previous {
            let stated = stated_country(previous, previous_json)?;
            let has_credential = stated.is_some();
            let country = match stated {
                Some(stated) => stated,
                None => latest_before.clone(),
            };
            for listing in listings_of(&previous.id, has_credential, country) {
                self.remove(listing, ListingKey::of(previous));
            }
        }
        let stated = stated_country(record, credential_json)?;
        let has_credential = stated.is_some();
        let country = match &stated {
            Some(stated) => stated.clone(),
            None => latest_before.clone(),
        };
        for listing in listings_of(&record.id, has_credential, country) {
            self.add(listing, ListingKey::of(record));
        }
        let latest = match stated {
            Some(Some(country)) => Some(country),
            _ => latest_before,
        };
        self.latest_country.insert(record.id.clone(), latest);
        Ok(())
    }

    /// Puts `place` in `listing`.
    pub(crate) fn add(&mut self, listing: Listing, place: ListingKey) {
        self.places.entry(listing).or_default().added.insert(place);
    }

    /// Takes `place` out of `listing` (a place this batch added, or one stored).
    fn remove(&mut self, listing: Listing, place: ListingKey) {
        let changes = self.places.entry(listing).or_default();
        if !changes.added.remove(&place) {
            changes.removed.insert(place);
        }
    }

    /// Adds the changed chunks and the new sizes of the listings to `ops`, from what is
    /// stored (the one writer applies batches, so it is still the latest when `ops` is
    /// applied).
    pub(crate) fn write(self, store: &Store, ops: &mut sled::Batch) -> Result<(), StoreError> {
        for (listing, changes) in self.places {
            let change = changes.added.len() as i64 - changes.removed.len() as i64;
            if change != 0 {
                let size = store.listing_size(&listing)?.saturating_add_signed(change);
                if size == 0 {
                    ops.remove(listing.size_key());
                } else {
                    ops.insert(listing.size_key(), &size.to_be_bytes());
                }
            }
            write_chunks(store, ops, &listing, changes)?;
        }
        Ok(())
    }
}

/// Writes the chunks of `listing` that `changes` alter, and the new ones it needs.
fn write_chunks(
    store: &Store,
    ops: &mut sled::Batch,
    listing: &Listing,
    changes: PlaceChanges,
) -> Result<(), StoreError> {
    let PlaceChanges { added, removed } = changes;
    if added.is_empty() && removed.is_empty() {
        return Ok(());
    }
    // The stored chunks touched, by key, with their places as changed.
    let mut touched: BTreeMap<Vec<u8>, BTreeSet<ListingKey>> = BTreeMap::new();
    let load = |touched: &mut BTreeMap<Vec<u8>, BTreeSet<ListingKey>>,
                (key, places): (Vec<u8>, sled::IVec)|
     -> Result<Vec<u8>, StoreError> {
        if !touched.contains_key(&key) {
            let places = decode_places(&places)
                .into_iter()
                .collect::<Result<_, _>>()?;
            touched.insert(key.clone(), places);
        }
        Ok(key)
    };
    let last = store.last_chunk(listing)?;
    let last_place = match &last {
        Some((_, places)) => decode_places(places).pop().transpose()?,
        None => None,
    };
    for place in &removed {
        if let Some(chunk) = store.chunk_at_or_before(listing, *place)? {
            let key = load(&mut touched, chunk)?;
            touched.get_mut(&key).map(|places| places.remove(place));
        }
    }
    // Places after every stored one (as datestamps grow, all of them) top up the last
    // chunk, then start new ones; a place before the first chunk starts a chunk of its
    // own; any other goes into the chunk whose range holds it.
    let mut appended = Vec::new();
    let mut before_first = Vec::new();
    for place in added {
        if last_place.is_none_or(|last| place > last) {
            appended.push(place);
        } else if let Some(chunk) = store.chunk_at_or_before(listing, place)? {
            let key = load(&mut touched, chunk)?;
            touched.get_mut(&key).map(|places| places.insert(place));
        } else {
            before_first.push(place);
        }
    }
    let mut appended = appended.into_iter().peekable();
    if let Some(last) = last {
        let key = load(&mut touched, last)?;
        if let Some(places) = touched.get_mut(&key) {
            while places.len() < CHUNK_PLACES {
                let Some(place) = appended.next() else { break };
                places.insert(place);
            }
        }
    }
    for (key, places) in touched {
        if places.is_empty() {
            ops.remove(key);
            continue;
        }
        // A chunk grown past its size by places out of order is split; its first part
        // keeps its key, which is at or before all of them.
        let places: Vec<ListingKey> = places.into_iter().collect();
        for (i, part) in places.chunks(CHUNK_PLACES).enumerate() {
            let part_key = if i == 0 {
                key.clone()
            } else {
                listing.entry_key(part[0])
            };
            ops.insert(part_key, encode_places(part));
        }
    }
    let appended: Vec<ListingKey> = appended.collect();
    for new in [before_first, appended] {
        for part in new.chunks(CHUNK_PLACES) {
            ops.insert(listing.entry_key(part[0]), encode_places(part));
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests apply batches as the writer does, and write stores of an earlier layout directly"
)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use chrono::{DateTime, Utc};
    use model::{Credential, SourceId};

    use super::*;
    use crate::keys::{LAST_SEQ, LAYOUT, LAYOUT_KEY, change_key, record_key};
    use crate::record::RecordState;

    /// A change to a record: live with the country of its awarding body (or none), or
    /// deleted upstream.
    #[derive(Debug, Clone, Copy)]
    enum Change {
        Live(Option<&'static str>),
        Deleted,
    }

    /// Writes records as the indexer's writer does: one batch a page, the previous
    /// version from the batch when the page wrote it already, a credential sometimes
    /// encoded apart, a datestamp that grows with the sequence number.
    struct Writer<'a> {
        store: &'a Store,
        seq: u64,
        secs: i64,
    }

    impl Writer<'_> {
        fn page(&mut self, changes: &[(&str, &str, Change)]) {
            let mut batch = self.store.batch();
            let mut written: HashMap<RecordId, StoredRecord> = HashMap::new();
            for (source, upstream_id, change) in changes {
                let source = SourceId::parse(source).unwrap();
                let id = RecordId::new(&source, upstream_id);
                let previous = match written.get(&id) {
                    Some(previous) => Some(previous.clone()),
                    None => self.store.get(&id).unwrap(),
                };
                let deleted = matches!(change, Change::Deleted);
                if deleted && previous.as_ref().is_none_or(|previous| previous.deleted) {
                    continue;
                }
                self.seq += 1;
                // Several records share a second.
                self.secs += i64::from(self.seq.is_multiple_of(3));
                let updated_at = DateTime::from_timestamp(1_800_000_000 + self.secs, 0).unwrap();
                let credential = match change {
                    Change::Live(country) => {
                        let mut credential = Credential::default();
                        credential
                            .title
                            .insert("en", &format!("Course {upstream_id}"));
                        credential.awarding_body.country =
                            country.map(|code| model::Country::parse(code).unwrap());
                        Some(credential)
                    }
                    Change::Deleted => None,
                };
                let mut record = StoredRecord {
                    id: id.clone(),
                    seq: self.seq,
                    version: previous.as_ref().map_or(1, |previous| previous.version + 1),
                    deleted,
                    credential,
                    provenance: model::Provenance {
                        source_id: source.clone(),
                        run_id: model::RunId::new(&source, updated_at),
                        upstream_id: (*upstream_id).to_owned(),
                        datestamp: None,
                        harvested_at: updated_at,
                        payload_hash: model::PayloadHash::of(format!("{change:?}").as_bytes()),
                        format: model::Format::ClearinghouseJson,
                        via: Vec::new(),
                    },
                    first_seen: updated_at,
                    updated_at,
                };
                // Every other record carries its credential encoded apart, as the
                // prepare thread hands it to the writer.
                let json = match &record.credential {
                    Some(credential) if self.seq.is_multiple_of(2) => {
                        let json = crate::encode_credential(credential).unwrap();
                        record.credential = None;
                        Some(json)
                    }
                    _ => None,
                };
                let previous_json = previous
                    .as_ref()
                    .and_then(|previous| previous.credential.as_ref())
                    .filter(|_| self.seq.is_multiple_of(5))
                    .and_then(crate::encode_credential);
                let previous_apart = previous.as_ref().map(|previous| {
                    let mut apart = previous.clone();
                    if previous_json.is_some() {
                        apart.credential = None;
                    }
                    apart
                });
                batch
                    .put_record(
                        &record,
                        json.as_deref(),
                        previous_apart
                            .as_ref()
                            .map(|previous| (previous, previous_json.as_deref())),
                    )
                    .unwrap();
                if let Some(json) = json {
                    record.credential = Some(serde_json::from_str(json.get()).unwrap());
                }
                written.insert(id, record);
            }
            batch.set_sequence(self.seq, self.store.counts().unwrap_or_default());
            self.store.apply(batch).unwrap();
        }
    }

    /// The listings as the OAI-PMH headers say, from every current record and its
    /// history, read whole.
    fn expected(store: &Store) -> BTreeSet<(Listing, ListingKey)> {
        let mut out = BTreeSet::new();
        for record in store.changes_after(0) {
            let record = record.unwrap();
            let country = match &record.credential {
                Some(credential) => credential.awarding_body.country.clone(),
                None => store
                    .history(&record.id)
                    .unwrap()
                    .into_iter()
                    .rev()
                    .find_map(|old| old.credential.and_then(|c| c.awarding_body.country)),
            };
            let source = record.id.source().to_owned();
            let place = ListingKey::of(&record);
            out.insert((Listing::All, place));
            out.insert((Listing::Source(source.clone()), place));
            match (country, &record.credential) {
                (Some(country), _) => {
                    out.insert((Listing::Country(country.as_str().to_owned()), place));
                }
                (None, None) => {
                    out.insert((Listing::Uncountried(source), place));
                }
                (None, Some(_)) => {}
            }
        }
        out
    }

    /// What the store lists, chunk by chunk, checking that each chunk holds places in
    /// order, none before its key nor at or after the next chunk's.
    fn listed(store: &Store) -> BTreeSet<(Listing, ListingKey)> {
        let mut out = BTreeSet::new();
        let mut chunks: Vec<(Listing, ListingKey, Vec<ListingKey>)> = Vec::new();
        for entry in store.tree().scan_prefix(LISTING) {
            let (key, value) = entry.unwrap();
            let rest = &key[LISTING.len()..];
            let zero = rest.iter().position(|byte| *byte == 0).unwrap();
            let listing = Listing::of_name(&rest[..zero]).unwrap();
            let key = ListingKey::decode(&rest[zero + 1..]).unwrap();
            let places: Vec<ListingKey> = decode_places(&value)
                .into_iter()
                .map(Result::unwrap)
                .collect();
            assert!(!places.is_empty(), "an empty chunk is removed");
            assert!(
                places.len() <= CHUNK_PLACES,
                "{listing:?}: {}",
                places.len()
            );
            assert!(places.windows(2).all(|pair| pair[0] < pair[1]));
            assert!(
                key <= places[0],
                "{listing:?}: a place before its chunk's key"
            );
            if let Some((previous, _, previous_places)) = chunks.last()
                && *previous == listing
            {
                assert!(
                    *previous_places.last().unwrap() < key,
                    "{listing:?}: chunks overlap"
                );
            }
            for place in &places {
                out.insert((listing.clone(), *place));
            }
            chunks.push((listing, key, places));
        }
        out
    }

    /// How many chunks hold `listing`.
    fn chunks(store: &Store, listing: &Listing) -> usize {
        store.tree().scan_prefix(listing.prefix()).count()
    }

    fn check(store: &Store) {
        let expected = expected(store);
        assert_eq!(listed(store), expected);
        let mut sizes: BTreeMap<Listing, u64> = BTreeMap::new();
        for (listing, _) in &expected {
            *sizes.entry(listing.clone()).or_default() += 1;
        }
        let stored: BTreeMap<Listing, u64> = store.listings().unwrap().into_iter().collect();
        assert_eq!(stored, sizes);
        // Each listing reads back in order, and a range reads what it says.
        for listing in sizes.keys() {
            let all: Vec<ListingKey> = store
                .listed(listing, &ListingRange::default())
                .map(Result::unwrap)
                .collect();
            assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
            if let Some(middle) = all.get(all.len() / 2) {
                let range = ListingRange {
                    after: Some(*middle),
                    from_secs: Some(middle.datestamp_secs - 1),
                    until_secs: Some(middle.datestamp_secs + 1),
                };
                let got: Vec<ListingKey> =
                    store.listed(listing, &range).map(Result::unwrap).collect();
                let want: Vec<ListingKey> = all
                    .iter()
                    .copied()
                    .filter(|place| {
                        place > middle && place.datestamp_secs <= middle.datestamp_secs + 1
                    })
                    .collect();
                assert_eq!(got, want, "{listing:?}");
            }
        }
    }

    use Change::{Deleted, Live};

    #[test]
    fn listings_follow_updates_deletions_and_moves_between_countries() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut writer = Writer {
            store: &store,
            seq: 0,
            secs: 0,
        };
        writer.page(&[
            ("uni", "a", Live(Some("DE"))),
            ("uni", "b", Live(Some("FR"))),
            ("uni", "c", Live(None)),
            ("poly", "d", Live(Some("DE"))),
        ]);
        check(&store);
        // An update moves a record's datestamp; a re-harvest moves it to another country.
        writer.page(&[
            ("uni", "a", Live(Some("DE"))),
            ("uni", "b", Live(Some("IT"))),
        ]);
        check(&store);
        let de = Listing::Country("DE".to_owned());
        assert_eq!(store.listing_size(&de).unwrap(), 2);
        assert_eq!(
            store
                .listing_size(&Listing::Country("FR".to_owned()))
                .unwrap(),
            0
        );
        // A deleted record keeps the country of its last version that stated one; a
        // record that never stated one is listed for its source's.
        writer.page(&[("uni", "b", Deleted), ("uni", "c", Deleted)]);
        check(&store);
        assert_eq!(
            store
                .listing_size(&Listing::Country("IT".to_owned()))
                .unwrap(),
            1
        );
        assert_eq!(
            store
                .listing_size(&Listing::Uncountried("uni".to_owned()))
                .unwrap(),
            1
        );
        // Back again, and changed twice in one page: live without a country, then
        // deleted (keeping the country of the version before), then live.
        writer.page(&[
            ("uni", "b", Live(Some("ES"))),
            ("poly", "d", Live(None)),
            ("poly", "d", Deleted),
            ("uni", "c", Live(Some("PL"))),
            ("uni", "c", Deleted),
            ("uni", "e", Live(Some("DE"))),
            ("uni", "e", Deleted),
        ]);
        check(&store);
        assert_eq!(store.listing_size(&de).unwrap(), 3, "a, d and e");
        assert_eq!(store.listing_size(&Listing::All).unwrap(), 5);
        writer.page(&[("poly", "d", Live(Some("FR"))), ("uni", "e", Live(None))]);
        check(&store);
        assert_eq!(
            store
                .listing_size(&Listing::Source("poly".to_owned()))
                .unwrap(),
            1
        );
    }

    #[test]
    fn listings_stay_right_under_random_harvests() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut writer = Writer {
            store: &store,
            seq: 0,
            secs: 0,
        };
        let mut state = 0x2026_1207_u64;
        let mut next = |n: u64| {
            // SplitMix64: a fixed seed, the same store every run.
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) % n
        };
        const SOURCES: [&str; 3] = ["uni", "poly", "college"];
        const IDS: [&str; 12] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
        const COUNTRIES: [Option<&str>; 4] = [Some("DE"), Some("FR"), Some("AT"), None];
        for _ in 0..60 {
            let page: Vec<(&str, &str, Change)> = (0..1 + next(8))
                .map(|_| {
                    let change = if next(4) == 0 {
                        Deleted
                    } else {
                        Live(COUNTRIES[next(4) as usize])
                    };
                    (SOURCES[next(3) as usize], IDS[next(12) as usize], change)
                })
                .collect();
            writer.page(&page);
            check(&store);
        }
        assert!(store.listing_size(&Listing::All).unwrap() > 10);
    }

    #[test]
    fn chunks_fill_up_split_and_keep_order_when_the_clock_is_set_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut writer = Writer {
            store: &store,
            seq: 0,
            secs: 1_000,
        };
        let ids: Vec<String> = (0..300).map(|i| format!("r{i:03}")).collect();
        let page = |range: std::ops::Range<usize>, country: &'static str| {
            ids[range]
                .iter()
                .map(|id| ("uni", id.as_str(), Live(Some(country))))
                .collect::<Vec<_>>()
        };
        // One page of 150: two full chunks and one of 22.
        writer.page(&page(0..150, "DE"));
        check(&store);
        assert_eq!(chunks(&store, &Listing::All), 3);
        // Pages of 10 top up the last chunk before starting another.
        for start in (150..200).step_by(10) {
            writer.page(&page(start..start + 10, "DE"));
            check(&store);
        }
        assert_eq!(
            chunks(&store, &Listing::All),
            200usize.div_ceil(CHUNK_PLACES)
        );
        // Every record of the first chunk changes: its places move to the end, and the
        // emptied chunk goes.
        writer.page(&page(0..CHUNK_PLACES, "FR"));
        check(&store);
        assert_eq!(store.listing_size(&Listing::All).unwrap(), 200);
        assert_eq!(
            store
                .listing_size(&Listing::Country("FR".to_owned()))
                .unwrap(),
            CHUNK_PLACES as u64
        );
        // The clock is set back before every datestamp, then into the middle of them:
        // the places go before the first chunk, then into the chunks whose ranges hold
        // them, which split when they outgrow a chunk.
        writer.secs = 0;
        writer.page(&page(200..230, "AT"));
        check(&store);
        writer.secs = 1_030;
        writer.page(&page(230..300, "AT"));
        check(&store);
        writer.page(&page(100..260, "NL"));
        check(&store);
        assert_eq!(store.listing_size(&Listing::All).unwrap(), 300);
    }

    #[test]
    fn listings_stay_right_under_random_large_pages_and_clock_steps() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut writer = Writer {
            store: &store,
            seq: 0,
            secs: 10_000,
        };
        let mut state = 0x6c69_7374_u64;
        let mut next = |n: u64| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) % n
        };
        let ids: Vec<String> = (0..400).map(|i| format!("r{i}")).collect();
        const SOURCES: [&str; 2] = ["uni", "poly"];
        const COUNTRIES: [Option<&str>; 3] = [Some("DE"), Some("FR"), None];
        for _ in 0..40 {
            if next(5) == 0 {
                // A clock set back by up to a few minutes.
                writer.secs -= next(300) as i64;
            }
            let page: Vec<(&str, &str, Change)> = (0..1 + next(160))
                .map(|_| {
                    let change = if next(6) == 0 {
                        Deleted
                    } else {
                        Live(COUNTRIES[next(3) as usize])
                    };
                    let id = ids[next(400) as usize].as_str();
                    (SOURCES[next(2) as usize], id, change)
                })
                .collect();
            writer.page(&page);
            check(&store);
        }
        assert!(store.listing_size(&Listing::All).unwrap() > 300);
    }

    #[test]
    fn a_store_of_layout_5_is_listed_again_in_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let listed_before;
        {
            let store = Store::open(dir.path()).unwrap();
            let mut writer = Writer {
                store: &store,
                seq: 0,
                secs: 0,
            };
            let ids: Vec<String> = (0..100).map(|i| format!("r{i}")).collect();
            let page: Vec<(&str, &str, Change)> = ids
                .iter()
                .map(|id| ("uni", id.as_str(), Live(Some("DE"))))
                .collect();
            writer.page(&page);
            writer.page(&page[..10]);
            listed_before = listed(&store);
            // As layout 5 left it: one key per place, with no value.
            let tree = store.tree();
            for key in tree.scan_prefix(LISTING).keys() {
                tree.remove(key.unwrap()).unwrap();
            }
            for (listing, place) in &listed_before {
                tree.insert(listing.entry_key(*place), &[] as &[u8])
                    .unwrap();
            }
            tree.insert(LAYOUT_KEY, &5u64.to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            u64_from(&store.tree().get(LAYOUT_KEY).unwrap().unwrap()),
            LAYOUT
        );
        assert_eq!(listed(&store), listed_before);
        check(&store);
        assert_eq!(chunks(&store, &Listing::All), 2);
        assert_eq!(store.listing_size(&Listing::All).unwrap(), 100);
    }

    #[test]
    fn a_store_of_layout_4_is_listed_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let listed_before;
        {
            let store = Store::open(dir.path()).unwrap();
            let mut writer = Writer {
                store: &store,
                seq: 0,
                secs: 0,
            };
            writer.page(&[
                ("uni", "a", Live(Some("DE"))),
                ("uni", "b", Live(Some("FR"))),
                ("uni", "c", Live(None)),
            ]);
            writer.page(&[
                ("uni", "b", Deleted),
                ("uni", "c", Deleted),
                ("poly", "a", Live(Some("DE"))),
            ]);
            listed_before = listed(&store);
            // As layout 4 left it: no listing, no size, no count of decisions; and what an
            // interrupted upgrade listed of a record changed since.
            let tree = store.tree();
            for prefix in [LISTING, LISTING_SIZE, crate::keys::PUBLISHED_DECISIONS] {
                for key in tree.scan_prefix(prefix).keys() {
                    tree.remove(key.unwrap()).unwrap();
                }
            }
            tree.insert(
                Listing::Country("SE".to_owned()).entry_key(ListingKey {
                    datestamp_secs: 1,
                    seq: 1,
                }),
                &[] as &[u8],
            )
            .unwrap();
            // Two decisions published at some revision, one always private.
            for (id, revision, private) in [
                ("dec-1", 1u32, true),
                ("dec-1", 2, false),
                ("dec-2", 1, false),
                ("dec-3", 1, true),
            ] {
                let mut decision = crate::decisions::tests::decision(id, revision);
                decision.private = private;
                tree.insert(
                    crate::keys::decision_key(id, revision),
                    crate::record::encode(&decision),
                )
                .unwrap();
            }
            tree.insert(LAYOUT_KEY, &4u64.to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            u64_from(&store.tree().get(LAYOUT_KEY).unwrap().unwrap()),
            LAYOUT
        );
        assert_eq!(listed(&store), listed_before);
        check(&store);
        assert_eq!(store.published_decision_count().unwrap(), 2);
        assert_eq!(store.listing_size(&Listing::All).unwrap(), 4);
        // The store goes on being written as usual.
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        let mut writer = Writer {
            store: &store,
            seq: store.last_seq().unwrap(),
            secs: 100,
        };
        writer.page(&[("uni", "c", Live(Some("NL")))]);
        check(&store);
    }

    #[test]
    fn a_store_of_layout_1_is_listed_too() {
        let dir = tempfile::tempdir().unwrap();
        let source = SourceId::parse("src").unwrap();
        let mut credential = Credential::default();
        credential.awarding_body.country = Some(model::Country::parse("DE").unwrap());
        let record = StoredRecord {
            id: RecordId::new(&source, "x"),
            seq: 3,
            version: 1,
            deleted: false,
            credential: Some(credential),
            provenance: model::Provenance {
                source_id: source.clone(),
                run_id: model::RunId::new(&source, Utc::now()),
                upstream_id: "x".to_owned(),
                datestamp: None,
                harvested_at: Utc::now(),
                payload_hash: model::PayloadHash::of(b"x"),
                format: model::Format::ClearinghouseJson,
                via: Vec::new(),
            },
            first_seen: Utc::now(),
            updated_at: Utc::now(),
        };
        {
            let store = Store::open_as_is(dir.path()).unwrap();
            let tree = store.tree();
            tree.insert(record_key(&record.id), crate::record::encode(&record))
                .unwrap();
            tree.insert(change_key(record.seq), record.id.as_str().as_bytes())
                .unwrap();
            tree.insert(LAST_SEQ, &3u64.to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            store.state(&record.id).unwrap(),
            Some(RecordState::of(&record))
        );
        check(&store);
        assert_eq!(
            store
                .listing_size(&Listing::Country("DE".to_owned()))
                .unwrap(),
            1
        );
    }

    #[test]
    fn listings_merge_in_order_each_place_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut writer = Writer {
            store: &store,
            seq: 0,
            secs: 0,
        };
        writer.page(&[
            ("uni", "a", Live(Some("DE"))),
            ("poly", "b", Live(Some("FR"))),
            ("uni", "c", Live(Some("FR"))),
            ("poly", "d", Live(Some("DE"))),
        ]);
        let merged: Vec<u64> = store
            .listed_in_any(
                &[
                    Listing::Country("DE".to_owned()),
                    Listing::Source("uni".to_owned()),
                    Listing::Country("XX".to_owned()),
                ],
                &ListingRange::default(),
            )
            .map(|place| place.unwrap().seq)
            .collect();
        assert_eq!(merged, vec![1, 3, 4]);
        let record = store
            .listed_record(ListingKey {
                datestamp_secs: 0,
                seq: 3,
            })
            .unwrap();
        assert_eq!(record.unwrap().id.source(), "uni");
        assert!(
            store
                .listed_record(ListingKey {
                    datestamp_secs: 0,
                    seq: 9
                })
                .unwrap()
                .is_none()
        );
    }
}
