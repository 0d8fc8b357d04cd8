//! Running a search: the query and filters as one tantivy query, collected in one pass
//! into the page of hits, the exact total and every facet's counts.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, ExistsQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;

use crate::analysis::Bucket;
use crate::collector::{FacetSelection, FacetedCollector};
use crate::highlight::Highlighter;
use crate::query::{self, AnalysedClause, TextKind};
use crate::schema::{date_of, tantivy_date};
use crate::{
    Element, Facet, FacetCounts, FacetValue, MAX_FACET_VALUES, ScoredId, SearchError, SearchIndex,
    SearchRequest, SearchResults, Sort, Unstated,
};

impl SearchIndex {
    /// The language buckets that hold any text in the searcher's segments (looked up once
    /// per searcher generation).
    fn populated_buckets(&self, searcher: &tantivy::Searcher) -> Vec<Bucket> {
        let generation = searcher.generation().generation_id();
        let mut known = match self.populated.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some((known_generation, buckets)) = &*known
            && *known_generation == generation
        {
            return buckets.clone();
        }
        let buckets = self.read_populated_buckets(searcher);
        *known = Some((generation, buckets.clone()));
        buckets
    }

    fn read_populated_buckets(&self, searcher: &tantivy::Searcher) -> Vec<Bucket> {
        Bucket::all()
            .filter(|bucket| {
                searcher.segment_readers().iter().any(|segment| {
                    self.fields.text[bucket.0].iter().any(|field| {
                        segment
                            .inverted_index(*field)
                            .is_ok_and(|inverted| inverted.terms().num_terms() > 0)
                    })
                })
            })
            .collect()
    }

    /// Whether the single-word `clause` is in at least `enough` records, summing its
    /// document frequencies over the fields it looks in (stops counting at `enough`).
    fn docs_with_word(
        &self,
        searcher: &tantivy::Searcher,
        clause: &AnalysedClause,
        enough: u64,
    ) -> bool {
        let mut docs = 0;
        for (bucket, terms) in &clause.terms {
            let [term] = terms.as_slice() else {
                continue;
            };
            for kind in TextKind::ALL {
                if !clause.clause.scope.covers(kind) {
                    continue;
                }
                let term = Term::from_field_text(self.fields.text_field(*bucket, kind), term);
                docs += searcher.doc_freq(&term).unwrap_or(0);
                if docs >= enough {
                    return true;
                }
            }
        }
        false
    }

    /// Runs a search: the query text, the range filters and the facet selections; the
    /// requested page of hits, the exact total and every facet's counts.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let buckets = match &request.lang {
            Some(language) => {
                let mut buckets = vec![Bucket::for_language(language), Bucket::UNDETERMINED];
                buckets.dedup();
                buckets
            }
            None => self.populated_buckets(&searcher),
        };
        let clauses = query::parse(&request.query);
        let mut analysed = query::analyse(&clauses, &buckets);
        if request.typing {
            query::mark_typing(&mut analysed);
        }
        let known_docs = query::known_word_docs(searcher.num_docs());
        for clause in &mut analysed {
            if clause.fuzzy_edits > 0 && self.docs_with_word(&searcher, clause, known_docs) {
                clause.fuzzy_edits = 0;
            }
        }
        let field_of = |bucket: Bucket, kind: TextKind| {
            (f.text_field(bucket, kind), f.pair_field(bucket, kind))
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut positive = false;
        for clause in &analysed {
            let Some(query) = query::clause_query(clause, &field_of) else {
                continue;
            };
            if clause.clause.excluded {
                parts.push((Occur::MustNot, query));
            } else {
                positive = true;
                parts.push((Occur::Must, query));
            }
        }
        if !positive {
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        let filtered = |parts: &[(Occur, Box<dyn Query>)], left_out: Option<Element>| {
            let mut parts: Vec<(Occur, Box<dyn Query>)> = parts
                .iter()
                .map(|(occur, query)| (*occur, query.box_clone()))
                .collect();
            for filter in self.filter_queries(request, left_out) {
                parts.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
            }
            parts
        };
        let query = BooleanQuery::new(filtered(&parts, None));
        let selections = |left_out: Option<Element>| -> Vec<FacetSelection> {
            Facet::ALL
                .iter()
                .map(|facet| FacetSelection {
                    facet: *facet,
                    selected: if left_out == Some(Element::Facet(*facet)) {
                        Vec::new()
                    } else {
                        request.selected(*facet).to_vec()
                    },
                    unstated: request.includes_unstated(Element::Facet(*facet)),
                })
                .collect()
        };
        let generation = self.facet_tables.generation(&searcher)?;
        let collector = FacetedCollector {
            tables: self.facet_tables.clone(),
            generation: generation.clone(),
            selections: selections(None),
            sort: request.sort,
            today: date_of(
                request
                    .today
                    .unwrap_or_else(|| chrono::Utc::now().date_naive()),
            ),
            depth: request.offset.saturating_add(request.limit).max(1),
        };
        let collected = searcher.search(&query, &collector)?;
        // For each element filtered on: the records matching everything else that do not
        // state it. A facet's own counts ignore its selection, so they hold them already;
        // an element with a range filter takes a pass without it, counting only.
        let ranged: Vec<Element> = self
            .range_filters(request)
            .into_iter()
            .map(|(element, _)| element)
            .collect();
        let asked = Element::ALL.into_iter().filter(|element| {
            ranged.contains(element)
                || matches!(element, Element::Facet(facet) if !request.selected(*facet).is_empty())
        });
        let mut unstated = Vec::new();
        for element in asked {
            if let Element::Facet(facet) = element
                && !ranged.contains(&element)
            {
                let position = Facet::ALL
                    .iter()
                    .position(|known| *known == facet)
                    .unwrap_or_default();
                unstated.push(Unstated {
                    element,
                    count: collected.facet_unstated(position),
                    included: request.includes_unstated(element),
                });
                continue;
            }
            let mut parts = filtered(&parts, Some(element));
            parts.push((Occur::MustNot, self.stated_query(element)));
            let counter = FacetedCollector {
                tables: self.facet_tables.clone(),
                generation: generation.clone(),
                selections: selections(Some(element)),
                sort: Sort::default(),
                today: date_of(chrono::NaiveDate::MIN),
                depth: 0,
            };
            let count = searcher.search(&BooleanQuery::new(parts), &counter)?.total;
            unstated.push(Unstated {
                element,
                count,
                included: request.includes_unstated(element),
            });
        }
        let selections = selections(None);
        let mut hits = Vec::with_capacity(request.limit);
        for hit in collected
            .hits
            .iter()
            .skip(request.offset)
            .take(request.limit)
        {
            let (id, seq) = self
                .record_ref(&searcher, hit.address)?
                .ok_or_else(|| SearchError::Corrupt("indexed document without id".to_owned()))?;
            hits.push(ScoredId {
                id,
                seq,
                score: hit.score,
            });
        }
        let facets = selections
            .iter()
            .enumerate()
            .map(|(position, selection)| facet_counts(selection, collected.facet_values(position)))
            .collect();
        Ok(SearchResults {
            total: collected.total,
            hits,
            facets,
            unstated,
            highlighter: Highlighter {
                clauses: analysed
                    .into_iter()
                    .filter(|clause| !clause.clause.excluded)
                    .collect(),
                buckets,
                field: f.id,
            },
        })
    }

    /// The documents that state `element`.
    fn stated_query(&self, element: Element) -> Box<dyn Query> {
        match element {
            Element::Facet(facet) => Box::new(ExistsQuery::new(facet.field_name(), false)),
            Element::StartDate => Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_date_for_search(
                    self.fields.offer_start,
                    tantivy_date(i64::MIN),
                )),
                Bound::Unbounded,
            )),
            Element::ApplicationDeadline => Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_date_for_search(
                    self.fields.application_deadline,
                    tantivy_date(i64::MIN),
                )),
                Bound::Unbounded,
            )),
            Element::Cost => Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_f64(self.fields.cost_eur, f64::MIN)),
                Bound::Unbounded,
            )),
            Element::Duration => Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(self.fields.duration_days, 0)),
                Bound::Unbounded,
            )),
        }
    }

    /// The range and language filters of a request, as queries, leaving out those of
    /// `left_out`. The range filters of an element whose unstated records are let in
    /// also pass the documents that do not state it.
    fn filter_queries(
        &self,
        request: &SearchRequest,
        left_out: Option<Element>,
    ) -> Vec<Box<dyn Query>> {
        let mut filters = Vec::new();
        for (element, filter) in self.range_filters(request) {
            if Some(element) == left_out {
                continue;
            }
            if request.includes_unstated(element) {
                let unstated: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, self.stated_query(element)),
                ]));
                filters.push(Box::new(BooleanQuery::new(vec![
                    (Occur::Should, filter),
                    (Occur::Should, unstated),
                ])) as Box<dyn Query>);
            } else {
                filters.push(filter);
            }
        }
        filters.extend(self.other_filters(request));
        filters
    }

    /// The range filters of a request, each with the element it asks about.
    fn range_filters(&self, request: &SearchRequest) -> Vec<(Element, Box<dyn Query>)> {
        let f = &self.fields;
        let mut filters: Vec<(Element, Box<dyn Query>)> = Vec::new();
        if request.ects_min.is_some() || request.ects_max.is_some() {
            let bound = |value: Option<f64>| {
                value.map_or(Bound::Unbounded, |value| {
                    Bound::Included(Term::from_field_f64(f.ects, value))
                })
            };
            filters.push((
                Element::Facet(Facet::Ects),
                Box::new(RangeQuery::new(
                    bound(request.ects_min),
                    bound(request.ects_max),
                )),
            ));
        }
        if request.eqf_min.is_some() || request.eqf_max.is_some() {
            let bound = |value: Option<u8>| {
                value.map_or(Bound::Unbounded, |value| {
                    Bound::Included(Term::from_field_u64(f.eqf, u64::from(value)))
                })
            };
            filters.push((
                Element::Facet(Facet::EqfLevel),
                Box::new(RangeQuery::new(
                    bound(request.eqf_min),
                    bound(request.eqf_max),
                )),
            ));
        }
        if let Some(date) = request.starts_after {
            filters.push((
                Element::StartDate,
                Box::new(RangeQuery::new(
                    Bound::Excluded(Term::from_field_date_for_search(
                        f.offer_start,
                        date_of(date),
                    )),
                    Bound::Unbounded,
                )),
            ));
        }
        if let Some(euros) = request.cost_max {
            filters.push((
                Element::Cost,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_f64(f.cost_eur, f64::MIN)),
                    Bound::Included(Term::from_field_f64(f.cost_eur, euros)),
                )),
            ));
        }
        if request.duration_min_days.is_some() || request.duration_max_days.is_some() {
            let bound = |days: Option<u32>| {
                days.map_or(Bound::Unbounded, |days| {
                    Bound::Included(Term::from_field_u64(f.duration_days, u64::from(days)))
                })
            };
            filters.push((
                Element::Duration,
                Box::new(RangeQuery::new(
                    bound(request.duration_min_days),
                    bound(request.duration_max_days),
                )),
            ));
        }
        if let Some(day) = request.open_on {
            filters.push((
                Element::ApplicationDeadline,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_date_for_search(
                        f.application_deadline,
                        date_of(day),
                    )),
                    Bound::Unbounded,
                )),
            ));
        }
        filters
    }

    /// The filters of a request that are not about an element of the record: when it
    /// changed, which records or sources, which language of text.
    fn other_filters(&self, request: &SearchRequest) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(since) = request.updated_since {
            let since = tantivy_date(since.timestamp_micros());
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_date_for_search(f.updated, since)),
                Bound::Unbounded,
            )));
        }
        if !request.only.is_empty() {
            filters.push(Box::new(BooleanQuery::new(
                request
                    .only
                    .iter()
                    .map(|id| -> (Occur, Box<dyn Query>) {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f.id, id.as_str()),
                                IndexRecordOption::Basic,
                            )),
                        )
                    })
                    .collect(),
            )));
        }
        if !request.sources.is_empty() {
            filters.push(Box::new(BooleanQuery::new(
                request
                    .sources
                    .iter()
                    .map(|source| -> (Occur, Box<dyn Query>) {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f.source, source.as_str()),
                                IndexRecordOption::Basic,
                            )),
                        )
                    })
                    .collect(),
            )));
        }
        if let Some(language) = &request.lang {
            let languages = [language.as_str(), "und"];
            filters.push(Box::new(BooleanQuery::new(
                languages
                    .iter()
                    .map(|language| -> (Occur, Box<dyn Query>) {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f.text_lang, language),
                                IndexRecordOption::Basic,
                            )),
                        )
                    })
                    .collect(),
            )));
        }
        filters
    }
}

/// The listed values of one facet: closed vocabularies in their order, open facets by
/// count; values with no record are left out unless selected.
fn facet_counts<'a>(selection: &'a FacetSelection, mut values: Vec<(&'a str, u64)>) -> FacetCounts {
    let facet = selection.facet;
    for selected in &selection.selected {
        if !values.iter().any(|(value, _)| value == selected) {
            values.push((selected, 0));
        }
    }
    let closed = !facet.closed_values().is_empty();
    if closed {
        values.sort_by_cached_key(|(value, _)| {
            facet.vocabulary_position(value).unwrap_or(usize::MAX)
        });
    } else {
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut kept = 0;
        values.retain(|(value, _)| {
            kept += 1;
            kept <= MAX_FACET_VALUES || selection.selected.iter().any(|selected| selected == value)
        });
    }
    FacetCounts {
        facet,
        values: values
            .into_iter()
            .map(|(value, count)| FacetValue {
                label: facet.label(value),
                selected: selection.selected.iter().any(|selected| selected == value),
                value: value.to_owned(),
                count,
            })
            .collect(),
    }
}
