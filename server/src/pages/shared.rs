//! What every page shares: the Content-Security-Policy and hardening headers, the layout
//! around a page, rendering, text in the visitor's language, safe links, and the error
//! page.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, ResponseError};
use askama::Template;
use model::LangText;

use super::i18n::{self, LanguageOption, Locale};
use crate::disk::WritesPaused;
use crate::state::AppState;

/// The Content-Security-Policy of every page: nothing inline, nothing from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
     base-uri 'none'; frame-ancestors 'none'";

/// Adds the hardening headers every page and asset carries.
pub fn security_headers(response: &mut HttpResponseBuilder) {
    response
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((header::REFERRER_POLICY, "same-origin"))
        .insert_header(("Cross-Origin-Opener-Policy", "same-origin"))
        .insert_header((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ));
}

/// An HTML answer with the security headers. Pages depend on the session cookie and on
/// `Accept-Language`, so caches must revalidate and keep variants apart.
pub(crate) fn html(status: StatusCode, body: String) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    security_headers(&mut response);
    response
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        // Pages can carry a session's CSRF token: no shared cache may keep them.
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Cookie, Accept-Language"))
        .body(body)
}

/// Renders a template into an HTML answer.
pub(crate) fn render(
    status: StatusCode,
    template: &impl Template,
) -> Result<HttpResponse, PageError> {
    let body = template
        .render()
        .map_err(|err| PageError::Internal(format!("template failed: {err}")))?;
    Ok(html(status, body))
}

/// What every page shows around its content: the title, navigation and who is signed in.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The `<title>`, before the site name.
    pub title: String,
    /// Which navigation entry is the current page (`search`, `sources`, `sign-in`,
    /// `decisions`, or empty).
    pub current: &'static str,
    /// The institution signed in, if any.
    pub signed_in: Option<SignedIn>,
    /// The stylesheet's URL (with a version for caching).
    pub css_href: &'static str,
    /// The script's URL (with a version for caching).
    pub js_href: &'static str,
    /// The interface language of the page.
    pub locale: Locale,
    /// The language switcher: this page in each shipped language.
    pub languages: Vec<LanguageOption>,
}

/// The signed-in institution, as the layout shows it.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The institution the token acts for (its id, for links).
    pub institution: String,
    /// Its name, in the page's language.
    pub institution_name: String,
    /// The officer signed in.
    pub person: String,
    /// The CSRF token of the session, for the sign-out form.
    pub csrf: String,
}

impl Layout {
    /// The layout of a page for `request`, with the session read from its cookie.
    pub fn new(
        title: impl Into<String>,
        current: &'static str,
        request: &HttpRequest,
        state: &AppState,
    ) -> Layout {
        let signed_in =
            super::session::current(request, &state.config.tokens).map(|session| SignedIn {
                institution: session.caller.institution.clone(),
                institution_name: state
                    .config
                    .institution_name_in(&session.caller.institution, &i18n::naming_languages(&[]))
                    .unwrap_or(&session.caller.institution)
                    .to_owned(),
                person: session.caller.person.clone().unwrap_or_default(),
                csrf: session.csrf_token(),
            });
        let locale = i18n::current();
        Layout {
            title: title.into(),
            current,
            signed_in,
            css_href: super::assets::css_href(),
            js_href: super::assets::js_href(),
            locale,
            languages: i18n::switcher(locale),
        }
    }

    /// A layout without session (for error pages, which have no request at hand).
    pub fn anonymous(title: impl Into<String>) -> Layout {
        let locale = i18n::current();
        Layout {
            title: title.into(),
            current: "",
            signed_in: None,
            css_href: super::assets::css_href(),
            js_href: super::assets::js_href(),
            locale,
            languages: i18n::switcher(locale),
        }
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    /// The message `key` with one text argument, in the page's language.
    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        self.locale.t1(key, name, value)
    }

    /// The message `key` with two text arguments, in the page's language.
    pub fn t2(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
    ) -> String {
        self.locale.t2(key, name, value, name2, value2)
    }

    /// The message `key` with a count that chooses its plural form, in the page's
    /// language.
    pub fn tn(&self, key: &str, name: &'static str, count: impl i18n::Count) -> String {
        self.locale.tn(key, name, count.count())
    }
}

/// A piece of harvested text and the language it is in (empty when unknown, which is what
/// `lang=""` says in HTML).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// The text (escaped when rendered).
    pub text: String,
    /// Its BCP 47 tag, or empty.
    pub lang: String,
}

impl Text {
    /// Text in the language the visitor prefers, else English, else any.
    pub fn best(text: &LangText, languages: &[String]) -> Option<Text> {
        let preferred: Vec<&str> = languages.iter().map(String::as_str).collect();
        text.best_with_lang(&preferred).map(|(tag, value)| Text {
            text: value.to_owned(),
            lang: if tag.is_undetermined() {
                String::new()
            } else {
                tag.to_string()
            },
        })
    }
}

/// `url` if it is an absolute `http` or `https` URL, so that a harvested `javascript:` or
/// `data:` URL never becomes a link.
pub fn safe_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// A local path to go back to after signing in: must start with one `/` (no scheme, no
/// `//host`, no backslash tricks).
pub fn safe_local_path(path: &str) -> Option<&str> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control);
    ok.then_some(path)
}

/// Formats a number of credits without a useless `.0`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The query string as name/value pairs (repeated names kept).
pub(crate) fn query_pairs(request: &HttpRequest) -> Vec<(String, String)> {
    crate::params::query_pairs(request.query_string())
}

/// A page failed: answered as an HTML page with the status.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// A parameter cannot be read.
    #[error("{0}")]
    BadRequest(String),
    /// The form's CSRF token or the session is missing or wrong.
    #[error("{0}")]
    Forbidden(String),
    /// No such record, source or page.
    #[error("{0}")]
    NotFound(String),
    /// A comparison or an equivalence lookup did not finish within the time budget.
    #[error("{0}")]
    OverTimeBudget(#[from] crate::budget::OverBudget),
    /// The data directory's disk is nearly full, or the store failed a write.
    #[error("{0}")]
    WritesPaused(#[from] crate::disk::WritesPaused),
    /// The indexer or store failed; logged, answered without internals.
    #[error("internal error: {0}")]
    Internal(String),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    heading: String,
    message: String,
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::BadRequest(_) => StatusCode::BAD_REQUEST,
            PageError::Forbidden(_) => StatusCode::FORBIDDEN,
            PageError::NotFound(_) => StatusCode::NOT_FOUND,
            PageError::OverTimeBudget(_) | PageError::WritesPaused(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            PageError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let locale = i18n::current();
        let (heading, message) = match self {
            PageError::BadRequest(message) => ("error-heading-bad-request", message.clone()),
            PageError::Forbidden(message) => ("error-heading-forbidden", message.clone()),
            PageError::NotFound(message) => ("error-heading-not-found", message.clone()),
            PageError::OverTimeBudget(over) => (
                "error-heading-over-budget",
                locale.t2(
                    "error-over-budget",
                    "what",
                    locale.t(work_key(over.what)),
                    "budget_ms",
                    locale.integer(over.budget_ms as usize),
                ),
            ),
            PageError::WritesPaused(WritesPaused::DiskNearlyFull(full)) => (
                "error-heading-disk-full",
                locale.t2(
                    "error-disk-full",
                    "available_mb",
                    locale.integer((full.0.available / MB) as usize),
                    "reserve_mb",
                    locale.integer((full.0.reserve / MB) as usize),
                ),
            ),
            PageError::WritesPaused(WritesPaused::StoreCannotWrite(failure)) => (
                "error-heading-disk-full",
                locale.t2(
                    if failure.disk_full {
                        "error-store-cannot-write-full"
                    } else {
                        "error-store-cannot-write"
                    },
                    "at",
                    locale.date_time(failure.at),
                    "error",
                    &failure.error,
                ),
            ),
            PageError::Internal(detail) => {
                tracing::error!(error = %detail, "page failed");
                ("error-heading-internal", locale.t("error-internal"))
            }
        };
        let heading = locale.t(heading);
        // Messages are written lower-case for logs and the API; on a page they open a
        // sentence.
        let mut chars = message.chars();
        let message = match chars.next() {
            Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
            None => message,
        };
        let page = ErrorPage {
            layout: Layout::anonymous(heading.clone()),
            heading,
            message,
        };
        match page.render() {
            Ok(body) => html(self.status_code(), body),
            Err(_) => HttpResponse::build(self.status_code()).body(self.to_string()),
        }
    }
}

/// A mebibyte, as the disk's refusal counts space.
const MB: u64 = 1024 * 1024;

/// The message naming the work that ran over its time budget (`budget::within`'s noun
/// phrase, written in English for the logs and the API).
fn work_key(what: &str) -> &'static str {
    match what {
        "the case file" => "work-case-file",
        "the equivalence lookup" => "work-equivalence-lookup",
        "the comparison" => "work-comparison",
        _ => "work-request",
    }
}

impl From<crate::params::ParamError> for PageError {
    fn from(err: crate::params::ParamError) -> PageError {
        PageError::BadRequest(err.message)
    }
}

/// Failures of the crates below: internal errors, shown without internals.
macro_rules! internal_from {
    ($($error:ty),*) => {
        $(impl From<$error> for PageError {
            fn from(err: $error) -> PageError {
                PageError::Internal(err.to_string())
            }
        })*
    };
}

internal_from!(
    indexer::IndexerError,
    store::StoreError,
    ::search::SearchError,
    recognition::RecognitionError
);

impl From<crate::state::WriteError> for PageError {
    fn from(err: crate::state::WriteError) -> PageError {
        match err {
            crate::state::WriteError::WritesPaused(paused) => paused.into(),
            crate::state::WriteError::Indexer(err) => err.into(),
        }
    }
}

impl From<actix_web::error::BlockingError> for PageError {
    fn from(err: actix_web::error::BlockingError) -> PageError {
        PageError::Internal(err.to_string())
    }
}

/// The name of the language a record found by meaning is described in (`vector_lang`,
/// the language of its longest text), when the title `shown` is in that language; `None`
/// when the shown title is in another of its languages, where naming it would mislead.
pub fn described_in(shown: &Text, vector_lang: &str) -> Option<String> {
    let shown_lang = shown.lang.split('-').next().unwrap_or_default();
    (shown.lang.is_empty() || shown_lang == vector_lang).then(|| {
        if vocab::language_name(vector_lang).is_some() {
            i18n::language_name(vector_lang)
        } else {
            i18n::t("another-language")
        }
    })
}

/// The awarding institution of a record of `source` as a page names it: the configured
/// institution it is filed under ([`crate::institutions`]) in the interface language,
/// else in the languages of harvested text; another awarding body by its name, a
/// claimed one marked as a claim.
pub(crate) fn awarding_body(
    institutions: &config::Institutions,
    source: &str,
    (name, assumed): (&model::LangText, &model::Assumed),
    languages: &[String],
) -> Option<Text> {
    let value = search::InstitutionValue::of(source, name, assumed);
    if let Some(institution) = crate::institutions::institution_of(institutions, &value) {
        let (text, lang) = institution.name_and_language_in(&i18n::naming_languages(languages));
        return Some(Text {
            text: text.to_owned(),
            lang: lang.unwrap_or_default().to_owned(),
        });
    }
    let mut name = Text::best(name, languages).or_else(|| {
        // A source no longer configured, whose records name no one.
        Some(Text {
            text: source.to_owned(),
            lang: String::new(),
        })
    })?;
    if assumed.unverified_awarding_body {
        name.text.push_str(&i18n::t("unverified-claim"));
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_become_links() {
        for (url, expected) in [
            (
                "https://www.tu-demo.example/",
                Some("https://www.tu-demo.example/"),
            ),
            (" http://x.example/a?b=c ", Some("http://x.example/a?b=c")),
            ("javascript:alert(1)", None),
            ("JAVASCRIPT:alert(1)", None),
            ("data:text/html,<script>", None),
            ("/relative", None),
            ("", None),
        ] {
            assert_eq!(safe_url(url).as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        for (path, ok) in [
            ("/credentials/demo-tu.abc", true),
            ("/", true),
            ("//evil.example/", false),
            ("/\\evil.example", false),
            ("https://evil.example/", false),
            ("/a\nb", false),
        ] {
            assert_eq!(safe_local_path(path).is_some(), ok, "{path:?}");
        }
    }

    #[test]
    fn numbers_drop_useless_decimals() {
        for (value, expected) in [(5.0, "5"), (2.5, "2.5"), (7.25, "7.25"), (0.333, "0.33")] {
            assert_eq!(number(value), expected);
        }
    }

    #[test]
    fn text_in_unknown_language_has_empty_lang() {
        let text = LangText::single("und", "Hallo");
        assert_eq!(
            Text::best(&text, &[]),
            Some(Text {
                text: "Hallo".to_owned(),
                lang: String::new()
            })
        );
        let mut text = LangText::single("en", "Data");
        text.insert("de", "Daten");
        assert_eq!(Text::best(&text, &["de-DE".to_owned()]).unwrap().lang, "de");
        assert_eq!(Text::best(&text, &["fr".to_owned()]).unwrap().lang, "en");
    }
}
