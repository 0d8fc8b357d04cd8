//! `/docs/publishing` and `/docs/normalisation`: the publishing guide
//! (`docs/publishing.md`), where each source's page sends its publisher (where each
//! Annex I element is read in each format, with examples that `validate` accepts, tested
//! in `formats`), and the normalisation rules it refers to (`docs/normalisation.md`),
//! both compiled in. Rendered once each from CommonMark with `pulldown-cmark`: the
//! maintainers' comments left out, links between the two documents made links between
//! their pages, each format's section anchored by the format's name (`#oai_dc`,
//! `#elm`), the others by their words. They are written in English.

use std::sync::LazyLock;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::shared::{Layout, PageError, render};
use crate::state::AppState;

/// The documents served, by their page's name: as published in the repository.
const DOCUMENTS: [(&str, &str); 2] = [
    ("publishing", include_str!("../../../docs/publishing.md")),
    (
        "normalisation",
        include_str!("../../../docs/normalisation.md"),
    ),
];

/// `text` without its HTML comments (notes to the document's maintainers).
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The anchor of a section: a format's name for its section, else its words.
fn anchor(title: &str) -> String {
    const FORMATS: [(&str, &str); 8] = [
        ("clearinghouse-json", "clearinghouse-json"),
        ("ELMO", "elmo"),
        ("ELM", "elm"),
        ("Open Badges", "open-badges"),
        ("CTDL", "ctdl"),
        ("XCRI-CAP", "xcri-cap"),
        ("EWP", "ewp"),
        ("Dublin Core", "oai_dc"),
    ];
    if let Some((_, format)) = FORMATS.iter().find(|(start, _)| {
        title.starts_with(start)
            && title[start.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    }) {
        return (*format).to_owned();
    }
    title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A document's title (its first heading) and body as HTML.
fn render_document(markdown: &str) -> (String, String) {
    let text = without_comments(markdown);
    let options = Options::ENABLE_TABLES;
    // Each heading's text first, for its anchor.
    let mut titles: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(&text, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(title) = current.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => titles.extend(current.take()),
            _ => {}
        }
    }
    let mut heading = 0;
    let mut title = String::new();
    let mut skipping_first = false;
    let events = Parser::new_ext(&text, options).filter_map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => {
            let text = titles.get(heading).cloned().unwrap_or_default();
            heading += 1;
            if level == HeadingLevel::H1 && title.is_empty() {
                // The page's own heading.
                title = text;
                skipping_first = true;
                return None;
            }
            Some(Event::Start(Tag::Heading {
                level,
                id: Some(anchor(&text).into()),
                classes,
                attrs,
            }))
        }
        Event::End(TagEnd::Heading(_)) if skipping_first => {
            skipping_first = false;
            None
        }
        _ if skipping_first => None,
        // A link to the other document: to its page.
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match dest_url.split_once('#') {
                Some((file, fragment)) => match page_of(file) {
                    Some(page) => format!("/docs/{page}#{fragment}").into(),
                    None => dest_url,
                },
                None => match page_of(&dest_url) {
                    Some(page) => format!("/docs/{page}").into(),
                    None => dest_url,
                },
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        other => Some(other),
    });
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, events);
    (title, body)
}

/// The page of a document linked as `file` (`publishing.md`), when it is served.
fn page_of(file: &str) -> Option<&'static str> {
    let name = file.strip_suffix(".md")?;
    DOCUMENTS
        .iter()
        .find(|(page, _)| *page == name)
        .map(|(page, _)| *page)
}

/// Every document, rendered once.
static RENDERED: LazyLock<Vec<(&'static str, (String, String))>> = LazyLock::new(|| {
    DOCUMENTS
        .iter()
        .map(|(page, markdown)| (*page, render_document(markdown)))
        .collect()
});

#[derive(Template)]
#[template(path = "guide.html")]
struct GuidePage {
    layout: Layout,
    /// The guide, rendered from the repository's own Markdown (trusted, compiled in).
    body: &'static str,
}

/// `GET /docs/{name}`: `publishing` or `normalisation`.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let name = path.into_inner();
    let (title, body) = RENDERED
        .iter()
        .find(|(page, _)| *page == name)
        .map(|(_, rendered)| rendered)
        .ok_or_else(|| {
            PageError::NotFound(super::i18n::t1(
                "error-not-found-page",
                "path",
                format!("/docs/{name}"),
            ))
        })?;
    let page = GuidePage {
        layout: Layout::new(title.clone(), "sources", &request, &state),
        body,
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_has_its_anchor() {
        let (title, body) = &RENDERED[0].1;
        assert!(title.starts_with("Publishing a feed"), "{title}");
        for format in model::Format::ALL {
            assert!(
                body.contains(&format!("id=\"{}\"", format.as_str())),
                "no section #{format}"
            );
        }
        assert!(!body.contains("<!--"), "maintainers' comments left out");
        assert!(body.contains("<table>"), "tables rendered");
        assert!(
            body.contains("href=\"/docs/normalisation\""),
            "linked as a page"
        );
        let (_, rules) = &RENDERED[1].1;
        assert!(rules.contains("href=\"/docs/publishing\""), "and back");
    }
}
