//! A credential as pages show it in brief: loading it by id (404 when there is none), its
//! summary for the headings of other pages, its credits, workload, level, fields,
//! languages and outcomes in words.

use model::{Credential, CreditScheme, Credits, RecordId, StoredRecord};
use search::Facet;

use fluent_templates::fluent_bundle::FluentValue;

use super::i18n::{self, Locale};
use super::shared::{PageError, Text};
use crate::state::AppState;

/// Credits as people read them: "5 ECTS", "3 credits (us-semester-hours)", "4 credits
/// (scheme not stated)".
pub fn credits_text(credits: &Credits, locale: Locale) -> String {
    let value = locale.number(credits.value);
    match &credits.scheme {
        CreditScheme::Ects => locale.t1("credits-ects", "value", value),
        CreditScheme::Other(name) => locale.t2("credits-other", "value", value, "scheme", name),
        CreditScheme::Unspecified => locale.t1("credits-unspecified", "value", value),
    }
}

/// The workload line: credits and hours, whichever are stated.
pub fn workload_text(credential: &Credential, locale: Locale) -> Option<String> {
    let credits = credential
        .credits
        .as_ref()
        .map(|credits| credits_text(credits, locale));
    let hours = credential
        .workload_hours
        .map(|hours| locale.t1("workload-hours", "hours", locale.number(hours)));
    match (credits, hours) {
        (Some(credits), Some(hours)) => Some(locale.t2(
            "workload-credits-and-hours",
            "credits",
            credits,
            "hours",
            hours,
        )),
        (one, other) => one.or(other),
    }
}

/// The EQF level in words, with the national framework's level when stated.
pub fn eqf_text(credential: &Credential, locale: Locale) -> Option<String> {
    credential
        .eqf_level
        .map(|level| match &credential.nqf_level {
            Some(nqf) => locale.t2("eqf-level-with-nqf", "level", level, "nqf", nqf),
            None => locale.t1("eqf-level", "level", level),
        })
}

/// The fields of education, each as "label (ISCED-F code)".
pub fn field_labels(credential: &Credential) -> Vec<String> {
    credential
        .isced_fields
        .iter()
        .map(|code| i18n::isced_field(code.as_str()))
        .collect()
}

/// Languages by their English names, comma-separated.
pub fn language_list(tags: &[model::LangTag]) -> String {
    tags.iter()
        .map(|tag| super::i18n::facet_label(Facet::Language, tag.primary()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The learning outcomes, each in the visitor's language where it can be.
pub fn outcome_texts(credential: &Credential, languages: &[String]) -> Vec<Text> {
    credential
        .learning_outcomes
        .iter()
        .filter_map(|outcome| Text::best(&outcome.text, languages))
        .collect()
}

/// A record id from the URL, or 404.
pub(crate) fn parse_id(text: &str) -> Result<RecordId, PageError> {
    RecordId::parse(text)
        .map_err(|_| PageError::NotFound(i18n::t1("error-no-such-credential-id", "id", text)))
}

/// The current version of a record, or 404; for an uploaded credential (`upload.…`),
/// the record this browser's upload holds ([`super::upload::held`]), else 404 saying why.
pub(crate) async fn load(
    state: &AppState,
    request: &actix_web::HttpRequest,
    id: &RecordId,
) -> Result<StoredRecord, PageError> {
    if id.is_uploaded() {
        return super::upload::held(state, request, id)
            .map(|upload| upload.record)
            .ok_or_else(|| PageError::NotFound(not_held(id)));
    }
    let indexer = state.indexer.clone();
    let wanted = id.clone();
    super::i18n::block(move || indexer.store().get(&wanted))
        .await??
        .ok_or_else(|| PageError::NotFound(i18n::t1("error-no-such-credential", "id", id)))
}

/// Why an uploaded credential is not found: it is held only for the browser that
/// uploaded it, for a while.
pub(crate) fn not_held(id: &RecordId) -> String {
    i18n::current().with_args(
        "error-upload-not-held",
        [
            ("id", FluentValue::from(id.to_string())),
            (
                "count",
                FluentValue::from((crate::uploads::HOLD_SECS / 3600) as f64),
            ),
            ("path", FluentValue::from(super::upload::PATH)),
        ],
    )
}

/// A short summary of a credential, for headings of other pages.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Its page.
    pub href: String,
    /// The record id.
    pub id: String,
    /// Title in the visitor's language.
    pub title: Text,
    /// Awarding body.
    pub institution: Option<Text>,
    /// Country label.
    pub country: Option<String>,
    /// Workload.
    pub workload: Option<String>,
    /// Credits alone (for one-line lists).
    pub ects: Option<String>,
    /// EQF level.
    pub eqf: Option<u8>,
}

impl Summary {
    /// The summary of a credential.
    pub fn new(
        id: &RecordId,
        credential: &Credential,
        institutions: &config::Institutions,
        languages: &[String],
        locale: Locale,
    ) -> Summary {
        Summary {
            workload: workload_text(credential, locale),
            ..Summary::of_parts(
                id,
                (&credential.title, &credential.awarding_body.name),
                (
                    (institutions, &credential.assumed),
                    credential.awarding_body.country.as_ref(),
                ),
                (credential.credits.as_ref(), credential.eqf_level),
                languages,
                locale,
            )
        }
    }

    /// The summary of a search hit (which holds no workload in hours: the credits are
    /// its workload).
    pub fn of_hit(
        id: &RecordId,
        credential: &indexer::HitCredential,
        institutions: &config::Institutions,
        languages: &[String],
        locale: Locale,
    ) -> Summary {
        Summary::of_parts(
            id,
            (&credential.title, &credential.awarding_body.name),
            (
                (institutions, &credential.assumed),
                credential.awarding_body.country.as_ref(),
            ),
            (credential.credits.as_ref(), credential.eqf_level),
            languages,
            locale,
        )
    }

    fn of_parts(
        id: &RecordId,
        (title, awarding_body): (&model::LangText, &model::LangText),
        ((institutions, assumed), country): (
            (&config::Institutions, &model::Assumed),
            Option<&model::Country>,
        ),
        (credits, eqf): (Option<&model::Credits>, Option<model::EqfLevel>),
        languages: &[String],
        locale: Locale,
    ) -> Summary {
        let ects = credits.map(|credits| credits_text(credits, locale));
        Summary {
            href: format!("/credentials/{id}"),
            id: id.to_string(),
            title: Text::best(title, languages).unwrap_or_else(|| untitled(locale)),
            institution: super::shared::awarding_body(
                institutions,
                id.source(),
                (awarding_body, assumed),
                languages,
            ),
            country: country
                .map(|country| super::i18n::facet_label(Facet::Country, country.as_str())),
            workload: ects.clone(),
            ects,
            eqf: eqf.map(|level| level.get()),
        }
    }
}

/// The title shown for a record without one.
pub(crate) fn untitled(locale: Locale) -> Text {
    Text {
        text: locale.t("untitled"),
        lang: locale.tag().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_say_their_scheme() {
        let en = i18n::ENGLISH;
        assert_eq!(credits_text(&Credits::ects(5.0), en), "5 ECTS");
        let unspecified = Credits {
            value: 2.5,
            scheme: CreditScheme::Unspecified,
        };
        assert_eq!(
            credits_text(&unspecified, en),
            "2.5 credits (scheme not stated)"
        );
        let de = i18n::Locale::from_tag("de").unwrap();
        assert_eq!(
            credits_text(&unspecified, de),
            "2,5 Credits (System nicht angegeben)"
        );
        let mut credential = Credential {
            credits: Some(Credits::ects(6.0)),
            workload_hours: Some(150.0),
            ..Credential::default()
        };
        assert_eq!(
            workload_text(&credential, en).as_deref(),
            Some("6 ECTS (150 hours)")
        );
        credential.credits = None;
        assert_eq!(workload_text(&credential, en).as_deref(), Some("150 hours"));
    }
}
