//! `/compare?a=&b=`: two credentials side by side on the five elements of recognition
//! practice ([`recognition::compare::compare`]), learning outcomes aligned, substantial
//! differences highlighted, and the decisions already taken about the first.
//!
//! Also the candidate rows of the equivalents page ([`candidates`]), which carry the same
//! verdict badges, and the pieces a decision's case file shows the same way (the element
//! rows, the finding, what a side lacks, the note on precedents).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use model::{Credential, StoredRecord};
use recognition::compare::{Comparison, Element, Missing, Overall, Verdict};
use recognition::equivalence::{Precedents, Relation};
use recognition::evidence::signals::Label;

use super::decisions::{DecisionForm, DecisionItem};
use super::i18n;
use super::records::{Summary, load, parse_id};
use super::shared::{Layout, PageError, Text, render};
use crate::state::AppState;

/// A label for one of the five elements.
pub fn element_label(element: Element) -> String {
    i18n::t(match element {
        Element::Level => "element-level",
        Element::Workload => "element-workload",
        Element::Quality => "element-quality",
        Element::Profile => "element-profile",
        Element::LearningOutcomes => "element-learning-outcomes",
    })
}

/// A verdict as a badge: its CSS class, a symbol and words (never colour alone).
#[derive(Debug, Clone)]
pub struct Badge {
    /// `match`, `minor`, `substantial` or `unknown`.
    pub class: &'static str,
    /// A symbol shown before the words (hidden from screen readers).
    pub symbol: &'static str,
    /// The verdict in words.
    pub label: String,
}

impl Badge {
    /// The badge of a verdict.
    pub fn of(verdict: Verdict) -> Badge {
        match verdict {
            Verdict::Match => Badge {
                class: "match",
                symbol: "✓",
                label: i18n::t("verdict-match"),
            },
            Verdict::MinorDifference => Badge {
                class: "minor",
                symbol: "≈",
                label: i18n::t("verdict-minor"),
            },
            Verdict::SubstantialDifference => Badge {
                class: "substantial",
                symbol: "✗",
                label: i18n::t("verdict-substantial"),
            },
            Verdict::Unknown => Badge {
                class: "unknown",
                symbol: "?",
                label: i18n::t("verdict-unknown"),
            },
        }
    }

    /// The badge of a Match / Maybe / Miss label.
    pub fn of_label(label: Label) -> Badge {
        match label {
            Label::Match => Badge {
                class: "match",
                symbol: "✓",
                label: i18n::t("label-match"),
            },
            Label::Maybe => Badge {
                class: "minor",
                symbol: "~",
                label: i18n::t("label-maybe"),
            },
            Label::Miss => Badge {
                class: "unknown",
                symbol: "–",
                label: i18n::t("label-miss"),
            },
        }
    }
}

/// What a comparison as a whole finds, as shown: a CSS class (green only when enough
/// elements could be compared) and the sentence.
#[derive(Debug, Clone)]
pub struct Finding {
    /// `match`, `substantial` or `unknown`.
    pub class: &'static str,
    /// The finding in words.
    pub text: String,
}

impl Finding {
    /// The finding of a comparison.
    pub fn of(comparison: &Comparison) -> Finding {
        let total = comparison.elements.len();
        let unknown = total - comparison.comparable;
        match comparison.overall {
            Overall::NoSubstantialDifference => Finding {
                class: "match",
                text: if unknown == 0 {
                    i18n::t1("finding-no-difference", "total", total)
                } else {
                    i18n::current().with_args(
                        "finding-no-difference-among-comparable",
                        [
                            ("comparable", comparison.comparable.to_string().into()),
                            ("unknown", unknown.to_string().into()),
                            ("total", total.to_string().into()),
                        ],
                    )
                },
            },
            Overall::SubstantialDifference => {
                let which: Vec<String> = comparison
                    .elements
                    .iter()
                    .filter(|e| e.verdict == Verdict::SubstantialDifference)
                    .map(|e| element_label(e.element))
                    .collect();
                Finding {
                    class: "substantial",
                    text: i18n::t1("finding-substantial", "elements", which.join(", ")),
                }
            }
            Overall::NotEnoughInformation => Finding {
                class: "unknown",
                text: i18n::t2("finding-not-enough", "unknown", unknown, "total", total),
            },
        }
    }
}

/// The elements a side lacks, as labels: `held` for the credential held, else the
/// candidate.
pub(crate) fn lacking(comparison: &Comparison, held: bool) -> Vec<String> {
    comparison
        .elements
        .iter()
        .filter(|e| match e.missing {
            Some(missing) if held => missing.held_lacks(),
            Some(missing) => matches!(missing, Missing::Candidate | Missing::Both),
            None => false,
        })
        .map(|e| element_label(e.element))
        .collect()
}

/// One element compared, as shown.
#[derive(Debug, Clone)]
pub struct ElementRow {
    /// The element's label.
    pub label: String,
    /// A's value.
    pub a: String,
    /// B's value.
    pub b: String,
    /// The verdict.
    pub badge: Badge,
    /// Why.
    pub reason: String,
}

/// The five elements of a comparison, as shown.
pub(crate) fn element_rows(comparison: &Comparison) -> Vec<ElementRow> {
    comparison
        .elements
        .iter()
        .map(|element| ElementRow {
            label: element_label(element.element),
            a: element.a.clone().unwrap_or_else(|| i18n::t("not-stated")),
            b: element.b.clone().unwrap_or_else(|| i18n::t("not-stated")),
            badge: Badge::of(element.verdict),
            reason: element.reason.clone(),
        })
        .collect()
}

/// A share in [0, 1] as a whole percentage.
pub(crate) fn percent(share: f64) -> u32 {
    (share.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// One candidate equivalent, as the equivalents page lists it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The candidate.
    pub summary: Summary,
    /// Match, Maybe or Miss.
    pub label: Badge,
    /// How likely it is the equivalent at its institution, in percent.
    pub probability: u32,
    /// Overall score, in percent.
    pub score: u32,
    /// What the comparison finds.
    pub finding: Finding,
    /// The five elements.
    pub elements: Vec<ElementRow>,
    /// Whether an element differs substantially.
    pub substantial: bool,
    /// Elements the candidate does not state.
    pub candidate_lacks: Vec<String>,
    /// What the institution's recorded decisions say for it, in words.
    pub evidence: Vec<String>,
    /// The compare page of the credential and this candidate.
    pub compare_href: String,
    /// What earlier decisions said about this pairing, if any.
    pub precedents: Option<String>,
    /// The decisions that bear on this pairing, by institution.
    pub precedent_groups: Vec<PrecedentGroup>,
    /// The same course listed under other codes: (page, code).
    pub also_listed_as: Vec<(String, String)>,
    /// When the candidate is in another language and was compared by meaning: "Described
    /// in Finnish: compared by meaning across languages (similarity 71 %)".
    pub across_languages: Option<String>,
}

/// The decisions of one institution that bear on a candidate.
#[derive(Debug, Clone)]
pub struct PrecedentGroup {
    /// The deciding institution's name.
    pub institution: String,
    /// Whether it is the candidate's institution.
    pub here: bool,
    /// Its decisions, newest first.
    pub items: Vec<PrecedentItem>,
}

/// One decision as a precedent, as listed.
#[derive(Debug, Clone)]
pub struct PrecedentItem {
    /// The decision in the list of its institution's decisions.
    pub href: String,
    /// How it bears on the candidate, in words.
    pub relation: String,
    /// Badge class: `match` (for it), `substantial` (against it), `unknown` (elsewhere).
    pub class: &'static str,
    /// When decided.
    pub decided_on: String,
    /// Whether it was about a near-identical credential.
    pub near_identical: bool,
    /// Why it does not count, if it does not: at risk or expired.
    pub not_counted: Option<String>,
}

/// The candidates of one lookup, as the equivalents page shows them.
#[derive(Debug, Clone, Default)]
pub struct CandidateList {
    /// Best first.
    pub candidates: Vec<Candidate>,
    /// How many were compared.
    pub compared: usize,
    /// Elements the credential held does not state: what to ask its institution for.
    pub ask_for: Vec<String>,
    /// Why the institution looked at likely has no specific equivalent, when it likely
    /// has none.
    pub no_specific: Option<String>,
    /// How many credentials the institution looked at decided on.
    pub decided: usize,
}

/// The precedents of a candidate published by `institution`, grouped by deciding
/// institution (the candidate's first).
fn precedent_groups(
    precedents: &Precedents,
    institution: &str,
    config: &config::Config,
) -> Vec<PrecedentGroup> {
    let mut groups: Vec<PrecedentGroup> = Vec::new();
    for precedent in &precedents.all {
        let decision = &precedent.decision;
        let (relation, class) = match precedent.relation {
            Relation::RecognisedAsThis => ("relation-this-course", "match"),
            Relation::Competing => ("relation-another-course", "substantial"),
            Relation::CreditsOnly => ("relation-credits-only", "substantial"),
            Relation::Refused => ("relation-refused", "substantial"),
            Relation::Elsewhere => ("relation-elsewhere", "unknown"),
        };
        let relation = i18n::t(relation);
        let name = config
            .source(&decision.institution)
            .map(|source| source.institution.clone())
            .unwrap_or_else(|| decision.institution.clone());
        let item = PrecedentItem {
            href: format!(
                "/institutions/{}/decisions#decision-{}",
                decision.institution, decision.id
            ),
            relation,
            class,
            decided_on: i18n::current().date(decision.decided_on),
            near_identical: precedent.near_identical,
            not_counted: if decision.at_risk.is_some() {
                Some(i18n::t("precedent-at-risk"))
            } else if precedent.expired {
                Some(i18n::t("precedent-expired"))
            } else {
                None
            },
        };
        let here = decision.institution == institution;
        match groups.iter_mut().find(|g| g.institution == name) {
            Some(group) => group.items.push(item),
            None => groups.push(PrecedentGroup {
                institution: name,
                here,
                items: vec![item],
            }),
        }
    }
    groups
}

/// Narrows the candidates of the equivalents page (`institution`, `country` in the URL).
#[derive(Debug, Clone, Default)]
pub struct CandidateFilter {
    /// Only candidates of this source.
    pub institution: Option<model::SourceId>,
    /// Only candidates whose awarding body is in this country.
    pub country: Option<String>,
    /// No candidate of this source (the held credential's own, across institutions).
    pub exclude: Option<model::SourceId>,
}

/// Candidates for recognising `record`, best first, with what the page says around
/// them.
pub(crate) async fn candidates(
    state: &AppState,
    record: &StoredRecord,
    filter: CandidateFilter,
    languages: &[String],
    viewer: Option<String>,
) -> Result<CandidateList, PageError> {
    let app = state.clone();
    let record = record.clone();
    let languages = languages.to_vec();
    let budget_ms = state.config.server.recognition_budget_ms;
    crate::budget::within("the equivalence lookup", budget_ms, move || {
        let shown = recognition::equivalence::EquivalenceRequest::default().limit;
        let mut found = app.equivalents(
            &record,
            &recognition::equivalence::EquivalenceRequest {
                institution: filter.institution,
                country: filter.country,
                viewer,
                // Room for the candidates of the excluded source, dropped below.
                limit: if filter.exclude.is_some() {
                    2 * shown
                } else {
                    shown
                },
                ..recognition::equivalence::EquivalenceRequest::default()
            },
        )?;
        if let Some(excluded) = &filter.exclude {
            found
                .hits
                .retain(|hit| hit.record.provenance.source_id != *excluded);
            found.hits.truncate(shown);
        }
        let mut ask_for: Vec<String> = Vec::new();
        for hit in &found.hits {
            for element in lacking(&hit.comparison, true) {
                if !ask_for.contains(&element) {
                    ask_for.push(element);
                }
            }
        }
        let candidates = found
            .hits
            .iter()
            .filter_map(|hit| {
                let credential = hit.record.credential.as_ref()?;
                Some(Candidate {
                    summary: Summary::new(
                        &hit.record.id,
                        credential,
                        &app.config.institutions,
                        &languages,
                        super::i18n::current(),
                    ),
                    label: Badge::of_label(hit.label),
                    probability: percent(hit.probability),
                    score: percent(hit.score),
                    finding: Finding::of(&hit.comparison),
                    elements: element_rows(&hit.comparison),
                    substantial: hit.comparison.has_substantial_difference,
                    candidate_lacks: lacking(&hit.comparison, false),
                    evidence: crate::views::explain(&hit.support),
                    compare_href: format!("/compare?a={}&b={}", record.id, hit.record.id),
                    precedents: precedent_note(&hit.precedents),
                    precedent_groups: precedent_groups(
                        &hit.precedents,
                        hit.record.provenance.source_id.as_str(),
                        &app.config,
                    ),
                    also_listed_as: hit
                        .also_listed_as
                        .iter()
                        .map(|listing| {
                            (format!("/credentials/{}", listing.id), listing.code.clone())
                        })
                        .collect(),
                    across_languages: hit.across_languages.as_ref().map(|(lang, similarity)| {
                        let shown = Text::best(&credential.title, &languages)
                            .unwrap_or_else(|| super::records::untitled(super::i18n::current()));
                        let similarity = percent(similarity.max(0.0));
                        match super::shared::described_in(&shown, lang) {
                            Some(name) => i18n::t2(
                                "candidate-described-in",
                                "language",
                                name,
                                "similarity",
                                similarity,
                            ),
                            None => i18n::t1("candidate-by-meaning", "similarity", similarity),
                        }
                    }),
                })
            })
            .collect();
        Ok::<_, PageError>(CandidateList {
            candidates,
            compared: found.candidates_compared,
            ask_for,
            no_specific: found
                .no_specific
                .as_ref()
                .filter(|none| none.likely)
                .map(|none| {
                    crate::views::explain_no_specific(none)
                        .unwrap_or_else(|| i18n::t("equivalents-no-specific-default"))
                }),
            decided: found.decided_credentials,
        })
    })
    .await
}

/// What the network decided about this pairing, for the equivalents page: how many
/// decisions recognised the credential held (or a near-identical one) as equivalent to
/// the candidate, how many of those were about a near-identical credential, and how many
/// taken at the candidate's institution contradict it. `None` when neither.
pub(crate) fn precedent_note(precedents: &Precedents) -> Option<String> {
    let mut parts = Vec::new();
    if precedents.equivalent > 0 {
        let mut text = i18n::tn("precedent-equivalent", "count", precedents.equivalent);
        if precedents.near_identical > 0 {
            text.push_str(&if precedents.near_identical == precedents.equivalent
                && precedents.equivalent > 1
            {
                i18n::t("precedent-near-identical-all")
            } else {
                i18n::tn(
                    "precedent-near-identical",
                    "count",
                    precedents.near_identical,
                )
            });
        }
        parts.push(text);
    }
    if precedents.other > 0 {
        parts.push(i18n::tn("precedent-other", "count", precedents.other));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// One of A's outcomes and the outcome of B that best covers it.
#[derive(Debug)]
pub struct OutcomePair {
    a: Text,
    b: Option<Text>,
    similarity: u32,
    covered: bool,
    /// In different languages, and nothing could compare them.
    not_compared: bool,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    layout: Layout,
    a_input: String,
    b_input: String,
    pair: Option<ComparedPair>,
    /// For an officer of B's institution: the decision about A, B preselected.
    decision_form: Option<DecisionForm>,
    /// What the words typed for A and for B find, to choose from.
    choices: Vec<Choices>,
}

/// The credentials the words typed for one side find: choosing one compares it with
/// the other side as typed.
struct Choices {
    letter: &'static str,
    input: String,
    /// The comparison's URL, the chosen credential's id to be appended.
    href: String,
    found: Vec<super::records::Summary>,
}

struct ComparedPair {
    a: Summary,
    b: Summary,
    score: u32,
    text_similarity: u32,
    finding: Finding,
    ask_for: Vec<String>,
    candidate_lacks: Vec<String>,
    precedent_groups: Vec<PrecedentGroup>,
    elements: Vec<ElementRow>,
    outcomes: Vec<OutcomePair>,
    covered: Option<u32>,
    b_unmatched: Vec<Text>,
    precedents: Vec<DecisionItem>,
    /// How many decisions about A were withdrawn (their history is on A's page).
    withdrawn: usize,
}

fn outcome_text(
    credential: &Credential,
    index: usize,
    fallback: &str,
    languages: &[String],
) -> Text {
    credential
        .learning_outcomes
        .get(index)
        .and_then(|outcome| Text::best(&outcome.text, languages))
        .unwrap_or_else(|| Text {
            text: fallback.to_owned(),
            lang: String::new(),
        })
}

/// `GET /compare?a=&b=`: the comparison, or the form to choose two credentials.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let pairs = super::shared::query_pairs(&request);
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    show(&state, &request, get("a"), get("b"), |form| form).await
}

/// The comparison of `a_input` with `b_input`. When the signed-in officer's institution
/// publishes B, the page ends with the form to record the decision about A, B chosen as
/// the equivalent, as `adjust` makes it (fresh, or sent back with errors: 422).
pub(super) async fn show(
    state: &web::Data<AppState>,
    request: &HttpRequest,
    a_input: String,
    b_input: String,
    adjust: impl FnOnce(DecisionForm) -> DecisionForm,
) -> Result<HttpResponse, PageError> {
    let (state, request) = (state.clone(), request.clone());
    let languages = super::i18n::content_languages(&request);
    // Words where an id was expected: the credentials they find, to choose from.
    let is_id = |input: &str| model::RecordId::parse(input).is_ok();
    let choose = |input: &str| !input.is_empty() && !is_id(input);
    if a_input.is_empty() || b_input.is_empty() || choose(&a_input) || choose(&b_input) {
        let app = state.get_ref().clone();
        let (a_words, b_words) = (a_input.clone(), b_input.clone());
        let langs = languages.clone();
        let (choices_a, choices_b) = super::i18n::block(move || {
            let found = |words: &str| {
                (!words.is_empty() && !is_id(words))
                    .then(|| {
                        super::recognise::find(
                            &app,
                            words,
                            super::recognise::Among::All,
                            super::recognise::FOUND_AT_MOST,
                            false,
                            &langs,
                        )
                    })
                    .transpose()
            };
            Ok::<_, indexer::IndexerError>((found(&a_words)?, found(&b_words)?))
        })
        .await??;
        let encode =
            |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
        let mut choices = Vec::new();
        if let Some(found) = choices_a {
            choices.push(Choices {
                letter: "A",
                input: a_input.clone(),
                href: format!("/compare?b={}&a=", encode(&b_input)),
                found,
            });
        }
        if let Some(found) = choices_b {
            choices.push(Choices {
                letter: "B",
                input: b_input.clone(),
                href: format!("/compare?a={}&b=", encode(&a_input)),
                found,
            });
        }
        let page = ComparePage {
            layout: Layout::new(i18n::t("compare-heading"), "compare", &request, &state),
            a_input,
            b_input,
            pair: None,
            decision_form: None,
            choices,
        };
        return render(StatusCode::OK, &page);
    }
    let a_id = parse_id(&a_input)?;
    let b_id = parse_id(&b_input)?;
    let a_record = load(&state, &request, &a_id).await?;
    let b_record = load(&state, &request, &b_id).await?;
    let (Some(a), Some(b)) = (&a_record.credential, &b_record.credential) else {
        return Err(PageError::NotFound(
            "one of the two credentials was withdrawn by its publisher; there is nothing to compare"
                .to_owned(),
        ));
    };
    let comparison = {
        let (a, b, bridge) = (a.clone(), b.clone(), state.bridge.clone());
        let budget_ms = state.config.server.recognition_budget_ms;
        crate::budget::within("the comparison", budget_ms, move || {
            Ok::<_, PageError>(recognition::compare::compare_across_languages(
                &a, &b, &bridge,
            ))
        })
        .await?
    };
    let matched: Vec<usize> = comparison
        .outcome_alignment
        .iter()
        .filter_map(|pair| pair.b_index)
        .collect();
    let outcomes = comparison
        .outcome_alignment
        .iter()
        .map(|pair| OutcomePair {
            a: outcome_text(a, pair.a_index, &pair.a_text, &languages),
            b: pair.b_index.map(|index| {
                outcome_text(b, index, pair.b_text.as_deref().unwrap_or(""), &languages)
            }),
            similarity: percent(pair.similarity),
            covered: pair.b_index.is_some(),
            not_compared: pair.not_compared_across_languages,
        })
        .collect();
    let b_unmatched = b
        .learning_outcomes
        .iter()
        .enumerate()
        .filter(|(index, _)| !matched.contains(index))
        .filter_map(|(_, outcome)| Text::best(&outcome.text, &languages))
        .collect();
    let institutions = &state.config.institutions;
    let a_summary = Summary::new(&a_id, a, institutions, &languages, super::i18n::current());
    let b_summary = Summary::new(&b_id, b, institutions, &languages, super::i18n::current());
    let viewer = super::session::current(&request, &state.config.tokens);
    let precedents = super::decisions::about(&state, &a_id, &languages, viewer.as_ref()).await?;
    // Precedents are the decisions in force; those withdrawn are only counted.
    let (withdrawn, precedents): (Vec<_>, Vec<_>) =
        precedents.into_iter().partition(|item| item.withdrawn);
    let looking = viewer.as_ref().map(|session| session.caller.clone());
    let decisions = {
        let app = state.get_ref().clone();
        let a_id = a_id.clone();
        super::i18n::block(move || app.indexer.store().decisions_about(&a_id)).await??
    };
    let decisions: Vec<store::Decision> = decisions
        .into_iter()
        .filter(|d| recognition::decisions::visible(d, crate::auth::viewer_of(looking.as_ref())))
        .collect();
    let for_b = recognition::equivalence::precedents::for_candidate(
        &decisions,
        &[],
        &b_id,
        b_record.provenance.source_id.as_str(),
        chrono::Utc::now().date_naive(),
    );
    let precedent_groups = precedent_groups(
        &for_b,
        b_record.provenance.source_id.as_str(),
        &state.config,
    );
    // The decision is recorded where the comparison is: by an officer of B's institution
    // about A (not about one of its own credentials), B chosen as the equivalent.
    let decision_form = match viewer.as_ref().filter(|session| {
        !a_record.deleted
            && session
                .caller
                .may_act_for(b_record.provenance.source_id.as_str())
            && a_record.provenance.source_id != b_record.provenance.source_id
    }) {
        Some(session) => {
            let mut form =
                DecisionForm::new(&state, &a_id, Some(&a_record), session, &languages).await?;
            form.values.outcome = "equivalent".to_owned();
            form.values.target = b_id.to_string();
            form.compare_with = Some(b_id.to_string());
            Some(adjust(form).settled(&state, &languages).await?)
        }
        None => None,
    };
    let has_errors = decision_form
        .as_ref()
        .is_some_and(|form| !form.errors.is_empty());
    let page = ComparePage {
        layout: Layout::new(
            {
                let title = i18n::t2(
                    "compare-title",
                    "a",
                    &a_summary.title.text,
                    "b",
                    &b_summary.title.text,
                );
                if has_errors {
                    i18n::t1("title-error", "title", title)
                } else {
                    title
                }
            },
            "",
            &request,
            &state,
        ),
        a_input,
        b_input,
        decision_form,
        choices: Vec::new(),
        pair: Some(ComparedPair {
            a: a_summary,
            b: b_summary,
            score: percent(comparison.score),
            text_similarity: percent(comparison.text_similarity),
            finding: Finding::of(&comparison),
            ask_for: lacking(&comparison, true),
            candidate_lacks: lacking(&comparison, false),
            precedent_groups,
            elements: element_rows(&comparison),
            outcomes,
            covered: comparison.outcomes_covered.map(percent),
            b_unmatched,
            precedents,
            withdrawn: withdrawn.len(),
        }),
    };
    let status = if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(status, &page)
}

#[cfg(test)]
mod tests {
    use super::{Precedents, precedent_note};

    #[test]
    fn precedent_notes_say_how_many_decisions_and_which_were_near_identical() {
        let note = |equivalent, near_identical, other| {
            precedent_note(&Precedents {
                equivalent,
                direct: equivalent - near_identical,
                near_identical,
                other,
                ..Precedents::default()
            })
        };
        assert_eq!(note(0, 0, 0), None);
        assert_eq!(
            note(1, 0, 0).as_deref(),
            Some("1 decision recognised it as equivalent to this one")
        );
        assert_eq!(
            note(3, 1, 2).as_deref(),
            Some(
                "3 decisions recognised it as equivalent to this one (1 about a near-identical \
                 credential); 2 decisions at its institution decided otherwise (another \
                 course, credits only or refusal)"
            )
        );
        assert_eq!(
            note(2, 2, 0).as_deref(),
            Some(
                "2 decisions recognised it as equivalent to this one (all about a \
                 near-identical credential)"
            )
        );
        assert_eq!(
            note(0, 0, 1).as_deref(),
            Some(
                "1 decision at its institution decided otherwise (another course, credits \
                 only or refusal)"
            )
        );
    }
}
