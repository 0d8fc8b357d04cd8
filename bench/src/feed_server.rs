//! A fast OAI-PMH and `clearinghouse-json` feed server on loopback, rendering pages of a
//! [`Corpus`] on the fly.
//!
//! Endpoints:
//! - `GET /oai?verb=Identify`, `ListMetadataFormats`, and `ListRecords` with
//!   `metadataPrefix=oai_dc` or `clearinghouse-json` (the record's JSON inside
//!   `<ch:record>`, as the clearinghouse's own provider serves it); the resumption token is
//!   `<prefix>!<offset>`, so a page costs rendering its records and nothing else;
//! - `GET /feed.json?offset=&limit=`: a slice of the corpus as a `clearinghouse-json` array.
//!
//! HTTP/1.1 with keep-alive, written on a bare tokio `TcpListener` (like the harvester's test
//! server) so the server costs as little CPU as possible next to the harvester it feeds on
//! the same two cores.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::corpus::{self, Corpus};

/// The namespace of `<ch:record>` (as `formats::clearinghouse_json::XML_NAMESPACE`).
pub const CH_NAMESPACE: &str = "https://microhe.eu/ns/clearinghouse-json/1";
/// The repository identifier in OAI identifiers (`oai:bench.example:rec-0000001`).
pub const REPOSITORY_ID: &str = "bench.example";

/// The OAI identifier of record `i`.
pub fn oai_identifier(i: u64) -> String {
    format!("oai:{REPOSITORY_ID}:{}", Corpus::upstream_id(i))
}

/// A metadata format the server disseminates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// Simple Dublin Core.
    OaiDc,
    /// The clearinghouse's JSON in `<ch:record>`.
    ClearinghouseJson,
}

impl Prefix {
    /// Its `metadataPrefix`.
    pub fn name(self) -> &'static str {
        match self {
            Prefix::OaiDc => "oai_dc",
            Prefix::ClearinghouseJson => "clearinghouse-json",
        }
    }

    fn parse(text: &str) -> Option<Prefix> {
        match text {
            "oai_dc" => Some(Prefix::OaiDc),
            "clearinghouse-json" => Some(Prefix::ClearinghouseJson),
            _ => None,
        }
    }
}

/// Escapes `&`, `<` and `>` for XML text and `"` too for attributes.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

fn envelope_start(out: &mut String, request_attributes: &str) {
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"><responseDate>2026-01-01T00:00:00Z</responseDate>"#);
    let _ = write!(
        out,
        "<request {request_attributes}>http://{REPOSITORY_ID}/oai</request>"
    );
}

fn dc_leaf(out: &mut String, name: &str, lang: Option<&str>, text: &str) {
    let _ = match lang {
        Some(lang) => write!(out, "<dc:{name} xml:lang=\"{lang}\">"),
        None => write!(out, "<dc:{name}>"),
    };
    escape_into(out, text);
    let _ = write!(out, "</dc:{name}>");
}

/// Writes the `<metadata>` content of record `i` in `prefix`.
pub fn write_metadata(out: &mut String, record: &corpus::Record, prefix: Prefix) {
    match prefix {
        Prefix::ClearinghouseJson => {
            let _ = write!(out, "<ch:record xmlns:ch=\"{CH_NAMESPACE}\">");
            let json = serde_json::to_string(record).unwrap_or_default();
            escape_into(out, &json);
            out.push_str("</ch:record>");
        }
        Prefix::OaiDc => {
            out.push_str(r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">"#);
            for (lang, text) in &record.title.0 {
                dc_leaf(out, "title", Some(lang), text);
            }
            dc_leaf(out, "publisher", None, record.awarding_body.name.first());
            for (lang, text) in &record.description.0 {
                dc_leaf(out, "description", Some(lang), text);
            }
            for outcome in &record.learning_outcomes {
                for (lang, text) in &outcome.text.0 {
                    dc_leaf(out, "description", Some(lang), text);
                }
            }
            for keyword in &record.keywords {
                dc_leaf(out, "subject", None, keyword);
            }
            for field in &record.isced_fields {
                dc_leaf(out, "subject", None, field);
            }
            dc_leaf(out, "type", None, record.kind);
            for lang in &record.languages {
                dc_leaf(out, "language", None, lang);
            }
            dc_leaf(
                out,
                "format",
                None,
                record.participation.first().copied().unwrap_or("online"),
            );
            dc_leaf(out, "identifier", None, &record.url);
            dc_leaf(out, "date", None, &record.modified);
            out.push_str("</oai_dc:dc>");
        }
    }
}

/// A `ListRecords` response: records `offset..offset + page_size` of `corpus`.
pub fn list_records_page(corpus: &Corpus, prefix: Prefix, offset: u64, page_size: u64) -> String {
    let end = (offset + page_size).min(corpus.n_records);
    let mut out = String::with_capacity((end - offset) as usize * 2600 + 1024);
    let request = if offset == 0 {
        format!("verb=\"ListRecords\" metadataPrefix=\"{}\"", prefix.name())
    } else {
        format!(
            "verb=\"ListRecords\" resumptionToken=\"{}!{offset}\"",
            prefix.name()
        )
    };
    envelope_start(&mut out, &request);
    out.push_str("<ListRecords>");
    for i in offset..end {
        let record = corpus.record(i);
        let _ = write!(
            out,
            "<record><header><identifier>{}</identifier><datestamp>{}</datestamp><setSpec>country:{}</setSpec></header><metadata>",
            oai_identifier(i),
            record.modified,
            record.awarding_body.country
        );
        write_metadata(&mut out, &record, prefix);
        out.push_str("</metadata></record>");
    }
    if offset > 0 || end < corpus.n_records {
        let token = if end < corpus.n_records {
            format!("{}!{end}", prefix.name())
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<resumptionToken completeListSize=\"{}\" cursor=\"{offset}\">{token}</resumptionToken>",
            corpus.n_records
        );
    }
    out.push_str("</ListRecords></OAI-PMH>\n");
    out
}

/// Records `offset..offset + limit` as a `clearinghouse-json` array.
pub fn json_feed(corpus: &Corpus, offset: u64, limit: u64) -> Vec<u8> {
    let end = (offset + limit).min(corpus.n_records);
    let mut out = Vec::with_capacity((end.saturating_sub(offset)) as usize * 2000 + 2);
    out.push(b'[');
    for i in offset..end {
        if i > offset {
            out.extend_from_slice(b",\n");
        }
        let _ = serde_json::to_writer(&mut out, &corpus.record(i));
    }
    out.extend_from_slice(b"]\n");
    out
}

fn oai_error(code: &str, message: &str) -> String {
    let mut out = String::new();
    envelope_start(&mut out, "");
    let _ = write!(out, "<error code=\"{code}\">");
    escape_into(&mut out, message);
    out.push_str("</error></OAI-PMH>\n");
    out
}

fn identify() -> String {
    let mut out = String::new();
    envelope_start(&mut out, "verb=\"Identify\"");
    let _ = writeln!(
        out,
        "<Identify><repositoryName>Benchmark corpus</repositoryName><baseURL>http://{REPOSITORY_ID}/oai</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>bench@example.org</adminEmail><earliestDatestamp>2025-01-01T00:00:00Z</earliestDatestamp><deletedRecord>no</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify></OAI-PMH>"
    );
    out
}

fn list_metadata_formats() -> String {
    let mut out = String::new();
    envelope_start(&mut out, "verb=\"ListMetadataFormats\"");
    let _ = writeln!(
        out,
        "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat><metadataFormat><metadataPrefix>clearinghouse-json</metadataPrefix><schema>http://{REPOSITORY_ID}/oai/clearinghouse-json.xsd</schema><metadataNamespace>{CH_NAMESPACE}</metadataNamespace></metadataFormat></ListMetadataFormats></OAI-PMH>"
    );
    out
}

/// Answers one request: status, content type, body.
fn answer(corpus: &Corpus, page_size: u64, target: &str) -> (u16, &'static str, Vec<u8>) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    const XML: &str = "text/xml; charset=utf-8";
    match path {
        "/oai" => {
            let body = match get("verb") {
                Some("Identify") => identify(),
                Some("ListMetadataFormats") => list_metadata_formats(),
                Some("ListRecords") => {
                    let start = match (get("resumptionToken"), get("metadataPrefix")) {
                        (Some(token), _) => token.split_once('!').and_then(|(prefix, offset)| {
                            Some((Prefix::parse(prefix)?, offset.parse::<u64>().ok()?))
                        }),
                        (None, Some(prefix)) => Prefix::parse(prefix).map(|prefix| (prefix, 0)),
                        (None, None) => None,
                    };
                    match start {
                        Some((prefix, offset)) if offset < corpus.n_records || offset == 0 => {
                            list_records_page(corpus, prefix, offset, page_size)
                        }
                        Some(_) => oai_error("badResumptionToken", "offset past the end"),
                        None if get("resumptionToken").is_some() => {
                            oai_error("badResumptionToken", "not a token of this server")
                        }
                        None => {
                            oai_error("cannotDisseminateFormat", "oai_dc or clearinghouse-json")
                        }
                    }
                }
                _ => oai_error("badVerb", "Identify, ListMetadataFormats or ListRecords"),
            };
            (200, XML, body.into_bytes())
        }
        "/feed.json" => {
            let offset = get("offset").and_then(|v| v.parse().ok()).unwrap_or(0);
            let limit = get("limit")
                .and_then(|v| v.parse().ok())
                .unwrap_or(corpus.n_records);
            (200, "application/json", json_feed(corpus, offset, limit))
        }
        "/health" => (200, "text/plain", b"ok\n".to_vec()),
        _ => (404, "text/plain", b"not found\n".to_vec()),
    }
}

async fn serve_connection(
    mut stream: tokio::net::TcpStream,
    corpus: Arc<Corpus>,
    page_size: u64,
) -> std::io::Result<()> {
    let _ = stream.set_nodelay(true);
    let mut buffer: Vec<u8> = Vec::with_capacity(8192);
    loop {
        // Read one request head (bodies are not expected: only GET is served).
        let head_end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            if buffer.len() > 64 * 1024 {
                return Ok(());
            }
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buffer.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        buffer.drain(..head_end);
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or_default();
        let mut parts = request_line.split(' ');
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or("/").to_owned();
        let version = parts.next().unwrap_or("HTTP/1.1");
        let mut close = version == "HTTP/1.0";
        let mut content_length = 0usize;
        for line in lines {
            if let Some((name, value)) = line.split_once(':') {
                let name = name.trim().to_ascii_lowercase();
                let value = value.trim();
                if name == "connection" {
                    close = value.eq_ignore_ascii_case("close");
                } else if name == "content-length" {
                    content_length = value.parse().unwrap_or(0);
                }
            }
        }
        // A POSTed OAI request carries its arguments in the body.
        let mut target = target;
        if content_length > 0 {
            while buffer.len() < content_length {
                let mut chunk = [0u8; 8192];
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(());
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            let body: Vec<u8> = buffer.drain(..content_length).collect();
            if method == "POST" {
                target = format!(
                    "{}?{}",
                    target.split('?').next().unwrap_or("/"),
                    String::from_utf8_lossy(&body)
                );
            }
        }
        let corpus_for_answer = corpus.clone();
        let (status, content_type, body) =
            tokio::task::spawn_blocking(move || answer(&corpus_for_answer, page_size, &target))
                .await
                .unwrap_or((500, "text/plain", b"internal error\n".to_vec()));
        let reason = if status == 200 { "OK" } else { "Not Found" };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{}\r\n",
            body.len(),
            if close { "Connection: close\r\n" } else { "" }
        );
        stream.write_all(head.as_bytes()).await?;
        if method != "HEAD" {
            stream.write_all(&body).await?;
        }
        if close {
            return Ok(());
        }
    }
}

/// The feed server, running on its own threads until dropped.
pub struct FeedServer {
    /// Where it listens.
    pub addr: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
}

impl FeedServer {
    /// Starts serving `corpus` on a free loopback port, `page_size` records per page.
    pub fn start(corpus: Arc<Corpus>, page_size: u64) -> anyhow::Result<FeedServer> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(4)
            .thread_name("feed-server")
            .enable_all()
            .build()?;
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
        let addr = listener.local_addr()?;
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let corpus = corpus.clone();
                tokio::spawn(async move {
                    let _ = serve_connection(stream, corpus, page_size).await;
                });
            }
        });
        Ok(FeedServer {
            addr,
            runtime: Some(runtime),
        })
    }

    /// The OAI-PMH base URL.
    pub fn oai_url(&self) -> String {
        format!("http://{}/oai", self.addr)
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_chain_by_offset_and_end_with_an_empty_token() {
        let corpus = Corpus::new(1, 250);
        let first = list_records_page(&corpus, Prefix::ClearinghouseJson, 0, 100);
        assert!(first.contains("clearinghouse-json!100</resumptionToken>"));
        assert_eq!(first.matches("<record>").count(), 100);
        let last = list_records_page(&corpus, Prefix::OaiDc, 200, 100);
        assert!(last.contains("cursor=\"200\"></resumptionToken>"));
        assert_eq!(last.matches("<record>").count(), 50);
    }
}
