//! The pages' interface language: which of the shipped languages a visitor reads, and
//! the messages, dates and numbers in it.
//!
//! Messages are Fluent files, one folder per language under `server/locales/` (`en`,
//! `de`, `fr`, `pl`, `it`, `es`), compiled into the binary by `fluent-templates`'
//! `static_loader!`; English is the fallback and the reference every other language must
//! match key for key (the completeness test below). Templates call [`Locale::t`] and its
//! siblings through `layout`; page-side Rust calls [`t`] and its siblings, which use the
//! language of the request being answered.
//!
//! The language is chosen once per request by [`choose_language`], a middleware around
//! every page: `?lang=xx` (which also sets the `lang` cookie) before the cookie, before
//! `Accept-Language`, before English. The choice lives in a task-local for the request's
//! future, so that pages, their errors and the error page built without a request read
//! the same one; code run on a blocking thread takes the [`Locale`] with it. The JSON API
//! is left alone: its messages stay English (its codes are the contract).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around placeables: the values are plain words and
        // numbers, and the marks would show in titles and attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The shipped interface languages, English first (the fallback): their BCP 47 tags.
pub const SHIPPED: [&str; 6] = ["en", "de", "fr", "pl", "it", "es"];

/// The name of the cookie that keeps the language chosen with the switcher.
pub const COOKIE: &str = "lang";

/// The query parameter that chooses the language (and sets the cookie).
pub const PARAMETER: &str = "lang";

/// How long the language cookie lasts.
const COOKIE_MAX_AGE_DAYS: i64 = 365;

static IDENTIFIERS: LazyLock<Vec<LanguageIdentifier>> = LazyLock::new(|| {
    SHIPPED
        .iter()
        .map(|tag| tag.parse().expect("shipped language tags are valid"))
        .collect()
});

/// One of the [`SHIPPED`] interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale(usize);

/// English, the fallback.
pub const ENGLISH: Locale = Locale(0);

impl Default for Locale {
    fn default() -> Locale {
        ENGLISH
    }
}

impl Locale {
    /// The shipped language a tag names (`de`, `de-AT`, `DE`), if any.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        SHIPPED
            .iter()
            .position(|shipped| *shipped == primary)
            .map(Locale)
    }

    /// Every shipped language, English first.
    pub fn all() -> impl Iterator<Item = Locale> {
        (0..SHIPPED.len()).map(Locale)
    }

    /// Its BCP 47 tag, for `<html lang>`, `hreflang` and the cookie.
    pub fn tag(self) -> &'static str {
        SHIPPED[self.0]
    }

    fn identifier(self) -> &'static LanguageIdentifier {
        &IDENTIFIERS[self.0]
    }

    /// The message `key` in this language.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(self.identifier(), key)
    }

    /// The message `key` with one text argument `name`.
    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        self.with_args(key, [(name, FluentValue::from(value.to_string()))])
    }

    /// The message `key` with two text arguments.
    pub fn t2(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        name2: &'static str,
        value2: impl std::fmt::Display,
    ) -> String {
        self.with_args(
            key,
            [
                (name, FluentValue::from(value.to_string())),
                (name2, FluentValue::from(value2.to_string())),
            ],
        )
    }

    /// The message `key` with a count `name`, which chooses the plural form; messages
    /// show it as `$shown`, grouped as [`Locale::integer`] writes it.
    pub fn tn(&self, key: &str, name: &'static str, count: usize) -> String {
        self.with_args(
            key,
            [
                (name, FluentValue::from(count as f64)),
                ("shown", FluentValue::from(self.integer(count))),
            ],
        )
    }

    /// The message `key` with `args`.
    pub fn with_args<const N: usize>(
        &self,
        key: &str,
        args: [(&'static str, FluentValue<'static>); N],
    ) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value))
            .collect();
        LOCALES.lookup_with_args(self.identifier(), key, &args)
    }

    /// A whole number with the locale's digit grouping (`12,345`, `12.345`, `12 345`).
    pub fn integer(&self, value: usize) -> String {
        let digits = value.to_string();
        let separator = self.t("number-group-separator");
        // Polish and Spanish leave four-digit numbers ungrouped.
        let min_digits: usize = self.t("number-group-min-digits").parse().unwrap_or(4);
        if digits.len() < min_digits {
            return digits;
        }
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push_str(&separator);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// A number of credits or a score without a useless `.0`, with the locale's decimal
    /// separator (`2.5`, `2,5`).
    pub fn number(&self, value: f64) -> String {
        let text = super::shared::number(value);
        text.replace('.', &self.t("number-decimal-separator"))
    }

    /// A day as the locale writes it in prose (`7 December 2026`, `7. Dezember 2026`,
    /// `7 grudnia 2026`).
    pub fn date(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        self.with_args(
            "date-long",
            [
                ("day", FluentValue::from(date.day().to_string())),
                (
                    "month",
                    FluentValue::from(self.t(&format!("month-{}", date.month()))),
                ),
                ("year", FluentValue::from(date.year().to_string())),
            ],
        )
    }

    /// A moment in UTC as the locale writes it (`7 December 2026, 14:05 UTC`).
    pub fn date_time(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.with_args(
            "date-time",
            [
                ("date", FluentValue::from(self.date(at.date_naive()))),
                ("time", FluentValue::from(at.format("%H:%M").to_string())),
            ],
        )
    }
}

/// A count that chooses a plural form, whatever integer type (or reference to one) a
/// template holds it in.
pub trait Count {
    /// The count.
    fn count(&self) -> usize;
}

macro_rules! count_of_integers {
    ($($integer:ty),*) => {
        $(impl Count for $integer {
            fn count(&self) -> usize {
                usize::try_from(*self).unwrap_or(usize::MAX)
            }
        })*
    };
}

count_of_integers!(usize, u64, u32, i64);

impl<T: Count> Count for &T {
    fn count(&self) -> usize {
        (**self).count()
    }
}

/// How the language of a request was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// `?lang=` or the cookie: the visitor chose it here.
    Explicitly,
    /// `Accept-Language`, or English when it names none of ours.
    ByBrowser,
}

/// The language of the request being answered, and the path and query it was asked
/// with (for the switcher's links on pages built without the request at hand).
#[derive(Debug, Clone)]
pub struct RequestLanguage {
    /// The interface language.
    pub locale: Locale,
    /// How it was chosen.
    pub chosen: Chosen,
    /// The request's path.
    pub path: String,
    /// The request's query string, without the `lang` parameter.
    pub query: String,
}

tokio::task_local! {
    static CURRENT: RequestLanguage;
}

/// The interface language of the request being answered (English outside one).
pub fn current() -> Locale {
    CURRENT
        .try_with(|current| current.locale)
        .unwrap_or(ENGLISH)
}

/// The language of the request being answered, with how it was chosen and its path.
pub fn current_request() -> Option<RequestLanguage> {
    CURRENT.try_with(Clone::clone).ok()
}

/// `work` with the language of the request being answered, for a blocking thread (where
/// the request's task-local is not): `super::i18n::block(carry(work))`.
pub fn carry<T>(work: impl FnOnce() -> T) -> impl FnOnce() -> T {
    let language = current_request();
    move || match language {
        Some(language) => CURRENT.sync_scope(language, work),
        None => work(),
    }
}

/// [`actix_web::web::block`] with the language of the request being answered.
pub async fn block<F, R>(work: F) -> Result<R, actix_web::error::BlockingError>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    actix_web::web::block(carry(work)).await
}

/// The message `key` in the language of the request being answered.
pub fn t(key: &str) -> String {
    current().t(key)
}

/// The message `key` with one text argument, in the language of the request.
pub fn t1(key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
    current().t1(key, name, value)
}

/// The message `key` with two text arguments, in the language of the request.
pub fn t2(
    key: &str,
    name: &'static str,
    value: impl std::fmt::Display,
    name2: &'static str,
    value2: impl std::fmt::Display,
) -> String {
    current().t2(key, name, value, name2, value2)
}

/// The message `key` with a count, in the language of the request.
pub fn tn(key: &str, name: &'static str, count: usize) -> String {
    current().tn(key, name, count)
}

/// The language `request` asks for: `?lang=`, the cookie, `Accept-Language`, English.
pub fn choose(request: &actix_web::HttpRequest) -> (Locale, Chosen, bool) {
    let from_parameter = crate::params::query_pairs(request.query_string())
        .into_iter()
        .find(|(name, _)| name == PARAMETER)
        .and_then(|(_, value)| Locale::from_tag(&value));
    if let Some(locale) = from_parameter {
        return (locale, Chosen::Explicitly, true);
    }
    if let Some(locale) = request
        .cookie(COOKIE)
        .and_then(|cookie| Locale::from_tag(cookie.value()))
    {
        return (locale, Chosen::Explicitly, false);
    }
    let from_browser = super::i18n::content_languages(request)
        .iter()
        .find_map(|tag| Locale::from_tag(tag))
        .unwrap_or(ENGLISH);
    (from_browser, Chosen::ByBrowser, false)
}

/// The query string without its `lang` parameter.
fn query_without_language(query: &str) -> String {
    let kept: Vec<(String, String)> = crate::params::query_pairs(query)
        .into_iter()
        .filter(|(name, _)| name != PARAMETER)
        .collect();
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish()
}

/// The middleware that chooses the interface language of every page request (not the
/// JSON API's, not the static files') and keeps a `?lang=` choice in the cookie.
pub async fn choose_language(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let path = request.path().to_owned();
    if path.starts_with("/api/") || path.starts_with("/static/") {
        return next.call(request).await;
    }
    let (locale, chosen, set_cookie) = choose(request.request());
    // A form sent back with errors is answered at the form's POST address: the switcher
    // leads to the page the form is on (a link is a GET, and the address may have none).
    let language = if request.method() == actix_web::http::Method::GET {
        RequestLanguage {
            locale,
            chosen,
            path,
            query: query_without_language(request.query_string()),
        }
    } else {
        RequestLanguage {
            locale,
            chosen,
            path: page_of_form(&path).to_owned(),
            query: String::new(),
        }
    };
    let mut response = CURRENT.scope(language, next.call(request)).await?;
    if set_cookie {
        let cookie = Cookie::build(COOKIE, locale.tag())
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .max_age(Duration::days(COOKIE_MAX_AGE_DAYS))
            .finish();
        response.response_mut().add_cookie(&cookie)?;
    }
    Ok(response)
}

/// The label of an element of Annex I of the Council Recommendation, in the language of
/// the request.
pub fn annex_label(element: model::AnnexElement) -> String {
    t(&format!("annex-{}", element.as_str()))
}

/// The name of a language (ISO 639-1) in the language of the request; its tag when it
/// has none.
pub fn language_name(tag: &str) -> String {
    let key = format!("language-{}", tag.to_ascii_lowercase());
    let locale = current();
    match LOCALES.lookup_single_language::<&str>(locale.identifier(), &key, None) {
        Ok(name) => name,
        Err(_) => vocab::language_name(tag).map_or_else(|| tag.to_owned(), str::to_owned),
    }
}

/// The languages of instruction of a credential stating `languages` with `offers`
/// ([`model::Offer::languages_of_instruction`]), named in the language of the request.
pub fn languages_of_instruction(languages: &[model::LangTag], offers: &[model::Offer]) -> String {
    model::Offer::languages_of_instruction(languages, offers)
        .iter()
        .map(|tag| language_name(tag))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The label of a facet's value in the language of the request: countries, languages
/// and ISCED-F broad and narrow fields from the EU's vocabularies (`vocab.ftl`), the
/// closed facets' values. Institutions are named by [`crate::institutions`], which
/// labels their counts.
pub fn facet_label(facet: search::Facet, value: &str) -> String {
    use search::Facet;
    let key = match facet {
        Facet::Country => format!("country-{}", value.to_ascii_uppercase()),
        Facet::Language => format!("language-{}", value.to_ascii_lowercase()),
        Facet::IscedBroad | Facet::IscedNarrow => format!("isced-{value}"),
        Facet::Institution => return facet.label(value),
        _ => format!("value-{}-{value}", facet.name()),
    };
    LOCALES
        .lookup_single_language::<&str>(current().identifier(), &key, None)
        .unwrap_or_else(|_| facet.label(value))
}

/// The name of an ISCED-F field with its code ("Information and Communication
/// Technologies (ICTs) (061)") in the language of the request: broad and narrow fields by
/// their own name, a detailed (4-digit) field by its narrow field's, as `vocab` names it
/// in English.
pub fn isced_field(code: &str) -> String {
    let named = match code.len() {
        2 | 3 => Some(code),
        4 => code.get(..3),
        _ => None,
    };
    let label = named.and_then(|named| {
        LOCALES
            .lookup_single_language::<&str>(current().identifier(), &format!("isced-{named}"), None)
            .ok()
    });
    match label.or_else(|| vocab::isced_label(code).map(str::to_owned)) {
        Some(label) => format!("{label} ({code})"),
        None => code.to_owned(),
    }
}

/// The page whose form posts to `path`: `/credentials/{id}/decisions` is on the
/// credential's page, `/decisions/{id}/revise` on the decision's, the upload's forgetting
/// on the upload form; other forms post to the address of their own page.
fn page_of_form(path: &str) -> &str {
    if path.starts_with("/credentials/")
        && let Some(page) = path.strip_suffix("/decisions")
    {
        return page;
    }
    if path.starts_with("/decisions/")
        && let Some(page) = path.strip_suffix("/revise")
    {
        return page;
    }
    match path {
        "/recognise/upload/forget" => "/recognise/upload",
        "/sign-out" => "/",
        _ => path,
    }
}

/// The languages to show harvested text in, best first: the interface language when
/// the visitor chose it here, then `Accept-Language`.
pub fn content_languages(request: &actix_web::HttpRequest) -> Vec<String> {
    let mut languages = crate::views::accept_languages(request);
    if let Some(current) = current_request()
        && current.chosen == Chosen::Explicitly
    {
        languages.insert(0, current.locale.tag().to_owned());
    }
    languages
}

/// The languages to name an institution in, best first: the interface language, then
/// `languages` (those of harvested text): a Polish page names institutions in Polish
/// where their configuration gives a Polish name.
pub fn naming_languages(languages: &[String]) -> Vec<String> {
    let mut wanted = Vec::with_capacity(languages.len() + 1);
    wanted.push(current().tag().to_owned());
    wanted.extend(languages.iter().cloned());
    wanted
}

/// One entry of the language switcher.
#[derive(Debug, Clone)]
pub struct LanguageOption {
    /// The language's tag.
    pub tag: &'static str,
    /// Its name in itself (`Deutsch`).
    pub name: String,
    /// The current page in that language.
    pub href: String,
    /// Whether it is the language of this page.
    pub current: bool,
}

/// The switcher's entries for the current request: this page in each language.
pub fn switcher(locale: Locale) -> Vec<LanguageOption> {
    let (path, query) = current_request()
        .map(|current| (current.path, current.query))
        .unwrap_or_else(|| ("/".to_owned(), String::new()));
    Locale::all()
        .map(|option| {
            let mut href = format!("{path}?");
            if !query.is_empty() {
                href.push_str(&query);
                href.push('&');
            }
            href.push_str(PARAMETER);
            href.push('=');
            href.push_str(option.tag());
            LanguageOption {
                tag: option.tag(),
                name: option.t("language-own-name"),
                href,
                current: option == locale,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// The message ids of one language's Fluent files.
    fn keys_of(tag: &str) -> BTreeSet<String> {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(tag);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&folder).expect("a folder per shipped language") {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|ext| ext != "ftl") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let resource =
                fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| {
                    panic!("{} does not parse: {errors:?}", path.display())
                });
            for entry in resource.body {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    assert!(
                        keys.insert(message.id.name.to_owned()),
                        "{tag}: {} is defined twice",
                        message.id.name
                    );
                }
            }
        }
        keys
    }

    /// The keys that `source` passes to `t`, `t1`, `t2`, `tn` or `with_args` as a
    /// literal (on the same line as the call or the next).
    fn keys_used(source: &str, into: &mut BTreeSet<String>) {
        for call in ["t(", "t1(", "t2(", "tn(", "with_args("] {
            for (at, _) in source.match_indices(call) {
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let Some(rest) = source[at + call.len()..].trim_start().strip_prefix('"') else {
                    continue;
                };
                if let Some(end) = rest.find('"') {
                    let key = &rest[..end];
                    if !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        into.insert(key.to_owned());
                    }
                }
            }
        }
    }

    fn files_under(folder: &Path, extension: &str, into: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files_under(&path, extension, into);
            } else if path.extension().is_some_and(|ext| ext == extension) {
                into.push(path);
            }
        }
    }

    #[test]
    fn every_language_has_every_message_and_no_other() {
        let english = keys_of("en");
        let mut problems = Vec::new();
        for tag in &SHIPPED[1..] {
            let keys = keys_of(tag);
            for missing in english.difference(&keys) {
                problems.push(format!("{tag} lacks {missing}"));
            }
            for orphan in keys.difference(&english) {
                problems.push(format!("{tag} has {orphan}, which English does not"));
            }
        }
        assert!(
            problems.is_empty(),
            "translations incomplete:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn every_kind_of_harvest_failure_is_said() {
        // Their keys are made from the kind's name, which the scan of the sources cannot
        // see; the completeness test above carries them into every language.
        let english = keys_of("en");
        for kind in model::FailureKind::ALL {
            let key = kind.name().replace('_', "-");
            for part in ["cause", "next"] {
                let wanted = format!("failure-{key}-{part}");
                assert!(english.contains(&wanted), "no message {wanted}");
            }
        }
    }

    #[test]
    fn every_message_used_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        files_under(&root.join("templates"), "html", &mut files);
        files_under(&root.join("src"), "rs", &mut files);
        let mut used = BTreeSet::new();
        for file in files {
            if file.ends_with("i18n.rs") {
                continue;
            }
            keys_used(&std::fs::read_to_string(&file).unwrap(), &mut used);
        }
        assert!(
            used.len() > 20,
            "the scan finds the keys templates use: {used:?}"
        );
        let english = keys_of("en");
        let unknown: Vec<&String> = used.difference(&english).collect();
        assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
    }

    #[test]
    fn every_message_formats_in_every_language() {
        // A message that names a missing message or term comes out with its id in
        // braces; one with a broken selector the same.
        for locale in Locale::all() {
            for key in keys_of(locale.tag()) {
                let text = locale.with_args(
                    &key,
                    [
                        ("count", FluentValue::from(2.0)),
                        ("shown", FluentValue::from("2")),
                    ],
                );
                assert!(!text.is_empty(), "{}: {key} is empty", locale.tag());
                assert!(
                    !text.contains("{-") && !text.contains("{???"),
                    "{}: {key} refers to something missing: {text}",
                    locale.tag()
                );
            }
        }
    }

    #[test]
    fn every_closed_facet_value_has_a_label() {
        let english = keys_of("en");
        for facet in search::Facet::ALL {
            for value in facet.closed_values() {
                let key = format!("value-{}-{value}", facet.name());
                assert!(english.contains(&key), "{key} is missing");
            }
        }
        for element in model::AnnexElement::MANDATORY {
            let key = format!("annex-{}", element.as_str());
            assert!(english.contains(&key), "{key} is missing");
        }
    }

    #[test]
    fn vocabulary_labels_follow_the_language() {
        let german = RequestLanguage {
            locale: Locale::from_tag("de").unwrap(),
            chosen: Chosen::Explicitly,
            path: "/".to_owned(),
            query: String::new(),
        };
        CURRENT.sync_scope(german, || {
            assert_eq!(facet_label(search::Facet::Country, "PL"), "Polen");
            assert_eq!(facet_label(search::Facet::Language, "fi"), "Finnisch");
            assert_eq!(facet_label(search::Facet::EqfLevel, "6"), "EQR-Niveau 6");
            assert_eq!(
                isced_field("06"),
                "Informations- und Kommunikationstechnologien (IKT) (06)"
            );
            assert_eq!(
                isced_field("0613"),
                "Informations- und Kommunikationstechnologien (IKT) (0613)"
            );
            assert_eq!(isced_field("023"), "Sprachen (023)");
            assert_eq!(language_name("sv"), "Schwedisch");
        });
        assert_eq!(facet_label(search::Facet::Country, "PL"), "Poland");
    }

    #[test]
    fn a_form_sent_back_switches_language_on_its_page() {
        for (posted, page) in [
            (
                "/credentials/demo-tu.abc/decisions",
                "/credentials/demo-tu.abc",
            ),
            ("/decisions/d-1/revise", "/decisions/d-1"),
            ("/decisions/d-1/withdraw", "/decisions/d-1/withdraw"),
            ("/recognise/upload", "/recognise/upload"),
            ("/recognise/upload/forget", "/recognise/upload"),
            ("/sign-in", "/sign-in"),
        ] {
            assert_eq!(page_of_form(posted), page, "{posted}");
        }
    }

    #[test]
    fn tags_name_shipped_languages() {
        assert_eq!(Locale::from_tag("de-AT").map(Locale::tag), Some("de"));
        assert_eq!(Locale::from_tag("PL").map(Locale::tag), Some("pl"));
        assert_eq!(Locale::from_tag("sv"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn dates_and_numbers_as_each_language_writes_them() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let de = Locale::from_tag("de").unwrap();
        let fr = Locale::from_tag("fr").unwrap();
        let pl = Locale::from_tag("pl").unwrap();
        assert_eq!(ENGLISH.date(day), "7 December 2026");
        assert_eq!(de.date(day), "7. Dezember 2026");
        assert_eq!(fr.date(day), "7 décembre 2026");
        assert_eq!(pl.date(day), "7 grudnia 2026");
        assert_eq!(ENGLISH.number(2.5), "2.5");
        assert_eq!(de.number(2.5), "2,5");
        assert_eq!(ENGLISH.integer(12345), "12,345");
        assert_eq!(de.integer(12345), "12.345");
        assert_eq!(pl.integer(1234), "1234");
        assert_eq!(pl.integer(12345), "12\u{a0}345");
    }

    #[test]
    fn plurals_follow_each_language() {
        let pl = Locale::from_tag("pl").unwrap();
        assert_eq!(ENGLISH.tn("search-found", "count", 1), "1 offer found");
        assert_eq!(pl.tn("search-found", "count", 1), "Znaleziono 1 ofertę");
        assert_eq!(pl.tn("search-found", "count", 3), "Znaleziono 3 oferty");
        assert_eq!(pl.tn("search-found", "count", 5), "Znaleziono 5 ofert");
    }
}
