//! Test harness for the end-to-end tests: a controllable OAI-PMH and HTTP feed server on
//! loopback, and [`TestApp`], the real clearinghouse on port 0 with a temp data dir.

#![allow(
    clippy::disallowed_methods,
    reason = "tests talk to the server under test with plain clients; they fetch no feed"
)]

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

/// One record the feed server publishes.
#[derive(Debug, Clone)]
pub struct FeedRecord {
    /// OAI identifier.
    pub identifier: String,
    /// Datestamp, `YYYY-MM-DD`.
    pub datestamp: String,
    /// Whether it is deleted.
    pub deleted: bool,
    /// The metadata element (an `oai_dc:dc`), or broken XML to test failures.
    pub metadata: String,
}

impl FeedRecord {
    /// A Dublin Core record with a title and a description.
    pub fn dc(identifier: &str, title: &str, description: &str) -> FeedRecord {
        FeedRecord {
            identifier: identifier.to_owned(),
            datestamp: "2026-10-01".to_owned(),
            deleted: false,
            metadata: format!(
                r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title xml:lang="en">{title}</dc:title><dc:description>{description}</dc:description><dc:publisher>Feed University</dc:publisher><dc:language>en</dc:language><dc:identifier>{identifier}</dc:identifier></oai_dc:dc>"#
            ),
        }
    }
}

/// What the feed server serves; tests change it between harvests.
#[derive(Debug, Default)]
pub struct FeedState {
    /// The records of the OAI-PMH endpoint, in order.
    pub records: Vec<FeedRecord>,
    /// Records per `ListRecords` page.
    pub page_size: usize,
    /// The document served at `/feed` for `http` sources.
    pub document: String,
    /// Requests received, as query strings (OAI) or paths.
    pub requests: Vec<String>,
    /// How long each `ListRecords` answer is held back, in milliseconds.
    pub delay_ms: u64,
}

/// A feed server on loopback.
pub struct FeedServer {
    /// Its base URL, e.g. `http://127.0.0.1:40123`.
    pub base_url: String,
    /// What it serves.
    pub state: Arc<Mutex<FeedState>>,
    server: actix_web::dev::ServerHandle,
}

impl FeedServer {
    /// Starts a server publishing `records`, `page_size` per page.
    pub fn start(records: Vec<FeedRecord>, page_size: usize) -> FeedServer {
        let state = Arc::new(Mutex::new(FeedState {
            records,
            page_size,
            ..FeedState::default()
        }));
        let data = web::Data::from(state.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/oai", web::get().to(oai))
                .route("/feed", web::get().to(document))
        })
        .workers(1)
        .disable_signals()
        .bind(("127.0.0.1", 0))
        .expect("binds a loopback port");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        FeedServer {
            base_url: format!("http://{addr}"),
            state,
            server: handle,
        }
    }

    /// The OAI-PMH base URL.
    pub fn oai_url(&self) -> String {
        format!("{}/oai", self.base_url)
    }

    /// Changes what is served.
    pub fn edit(&self, change: impl FnOnce(&mut FeedState)) {
        change(&mut self.state.lock().unwrap());
    }

    /// Stops the server.
    pub async fn stop(self) {
        self.server.stop(false).await;
    }
}

fn envelope(verb: &str, body: &str) -> HttpResponse {
    HttpResponse::Ok().content_type("text/xml; charset=utf-8").body(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-25T10:00:00Z</responseDate><request verb="{verb}">http://127.0.0.1/oai</request>{body}</OAI-PMH>"#
    ))
}

async fn oai(state: web::Data<Mutex<FeedState>>, request: HttpRequest) -> HttpResponse {
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(request.query_string().as_bytes())
            .into_owned()
            .collect();
    let get = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    let delay_ms = {
        let mut state = state.lock().unwrap();
        state.requests.push(request.query_string().to_owned());
        state.delay_ms
    };
    if delay_ms > 0 && get("verb").as_deref() == Some("ListRecords") {
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
    }
    let state = state.lock().unwrap();
    match get("verb").as_deref() {
        Some("Identify") => envelope(
            "Identify",
            "<Identify><repositoryName>Feed University</repositoryName><baseURL>http://127.0.0.1/oai</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>oai@feed.example</adminEmail><earliestDatestamp>2000-01-01</earliestDatestamp><deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DD</granularity></Identify>",
        ),
        Some("ListRecords") => {
            // A token is `offset` or `offset|from`: the `from` of the first request goes
            // with the list, as a real repository keeps it.
            let token = get("resumptionToken");
            let (offset, from) = match token.as_deref().map(|token| token.split_once('|')) {
                Some(Some((offset, from))) => (offset.parse().unwrap_or(0), Some(from.to_owned())),
                Some(None) => (
                    token.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0),
                    None,
                ),
                None => (0, get("from")),
            };
            let selected: Vec<&FeedRecord> = state
                .records
                .iter()
                .filter(|record| {
                    from.as_deref()
                        .is_none_or(|from| record.datestamp.as_str() >= from)
                })
                .collect();
            if selected.is_empty() {
                return envelope(
                    "ListRecords",
                    r#"<error code="noRecordsMatch">no records match</error>"#,
                );
            }
            let page: Vec<&&FeedRecord> =
                selected.iter().skip(offset).take(state.page_size).collect();
            let mut body = String::from("<ListRecords>");
            for record in page {
                let status = if record.deleted {
                    r#" status="deleted""#
                } else {
                    ""
                };
                body.push_str(&format!(
                    "<record><header{status}><identifier>{}</identifier><datestamp>{}</datestamp></header>",
                    record.identifier, record.datestamp
                ));
                if !record.deleted {
                    body.push_str(&format!("<metadata>{}</metadata>", record.metadata));
                }
                body.push_str("</record>");
            }
            let next = offset + state.page_size;
            if next < selected.len() {
                body.push_str(&format!(
                    r#"<resumptionToken completeListSize="{}" cursor="{offset}">{next}{}</resumptionToken>"#,
                    selected.len(),
                    from.as_deref().map(|from| format!("|{from}")).unwrap_or_default()
                ));
            }
            body.push_str("</ListRecords>");
            envelope("ListRecords", &body)
        }
        _ => envelope("", r#"<error code="badVerb">illegal verb</error>"#),
    }
}

async fn document(state: web::Data<Mutex<FeedState>>) -> HttpResponse {
    let mut state = state.lock().unwrap();
    state.requests.push("/feed".to_owned());
    HttpResponse::Ok()
        .content_type("application/json")
        .body(state.document.clone())
}

/// The real clearinghouse on port 0 with a temp data dir.
pub struct TestApp {
    /// Its base URL.
    pub base_url: String,
    /// The running server (its state reaches the harvest service directly).
    pub server: server::app::RunningServer,
    /// The data dir (removed on drop).
    pub data_dir: tempfile::TempDir,
    /// A client for requests.
    pub client: reqwest::Client,
}

impl TestApp {
    /// Starts the server with `sources_toml` (`[[sources]]` tables) as its sources.
    pub async fn spawn(sources_toml: &str) -> TestApp {
        let data_dir = tempfile::tempdir().unwrap();
        TestApp::spawn_in(data_dir, sources_toml).await
    }

    /// Starts the server on an existing data dir (to test restarts).
    pub async fn spawn_in(data_dir: tempfile::TempDir, sources_toml: &str) -> TestApp {
        // Tests send requests faster than any client should, and some without a token.
        TestApp::spawn_with(
            data_dir,
            "rate_limit_per_minute = 0\nfailed_auth_per_minute = 0\n",
            sources_toml,
        )
        .await
    }

    /// Starts the server on `data_dir` with `server_toml` (keys of the `[server]` table
    /// besides `listen` and `workers`) and `sources_toml`.
    pub async fn spawn_with(
        data_dir: tempfile::TempDir,
        server_toml: &str,
        sources_toml: &str,
    ) -> TestApp {
        // Feeds are served on loopback and read from temp dirs and the demo feeds: the
        // operator's explicit allowances, which a real deployment would not need.
        let text = format!(
            "data_dir = {:?}\n[server]\nlisten = \"127.0.0.1:0\"\nworkers = 1\n{server_toml}[harvest]\nrequest_timeout_secs = 5\nmax_retries = 1\nallow_private_addresses = true\nfile_roots = {}\n[index]\nwriter_heap_bytes = 20000000\n{sources_toml}",
            data_dir.path().display().to_string(),
            test_file_roots_toml()
        );
        let config =
            config::Config::from_toml_str(&text, data_dir.path()).expect("test config is valid");
        let config = Arc::new(config);
        let state = tokio::task::spawn_blocking(move || server::app::open_state(config))
            .await
            .unwrap()
            .expect("state opens");
        let server = server::app::start(state, false).expect("server starts");
        TestApp {
            base_url: format!("http://{}", server.addr),
            server,
            data_dir,
            client: reqwest::Client::new(),
        }
    }

    /// Harvests a source now, as `clearinghouse harvest --source` does.
    pub async fn harvest(&self, source_id: &str) -> model::HarvestRun {
        self.server
            .state
            .harvests
            .run(source_id, false)
            .await
            .expect("source exists and is idle")
    }

    /// GETs `path` and returns status and JSON body.
    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self
            .client
            .get(format!("{}{path}", self.base_url))
            .send()
            .await
            .expect("request reaches the server");
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or(serde_json::Value::Null);
        (status, body)
    }

    /// Signs in on the pages with `token` through the sign-in form (its cookie and CSRF
    /// token); the session cookie (`ch_session=…`).
    pub async fn sign_in(&self, token: &str) -> String {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        let form = http
            .get(format!("{}/sign-in", self.base_url))
            .send()
            .await
            .expect("request reaches the server");
        let form_cookie = cookie(form.headers(), "ch_signin").expect("the form sets its cookie");
        let html = form.text().await.expect("a page");
        let marker = r#"name="csrf" value=""#;
        let start = html.find(marker).expect("a CSRF field") + marker.len();
        let csrf = &html[start..start + html[start..].find('"').expect("a closing quote")];
        let response = http
            .post(format!("{}/sign-in", self.base_url))
            .header(reqwest::header::COOKIE, form_cookie)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(format!("token={token}&csrf={csrf}"))
            .send()
            .await
            .expect("request reaches the server");
        assert_eq!(response.status().as_u16(), 303, "signed in");
        cookie(response.headers(), "ch_session").expect("a session cookie")
    }

    /// GETs `path` and returns the body as text (a page).
    pub async fn text(&self, path: &str) -> String {
        self.client
            .get(format!("{}{path}", self.base_url))
            .send()
            .await
            .expect("request reaches the server")
            .text()
            .await
            .expect("a text body")
    }

    /// Stops the server and returns its data dir.
    pub async fn stop(self) -> tempfile::TempDir {
        self.server.stop().await;
        self.data_dir
    }
}

/// Writes `feed` as `<dir>/<id>.json` and returns the `[[sources]]` table of a
/// `clearinghouse-json` file source reading it.
pub fn file_source(
    dir: &std::path::Path,
    id: &str,
    institution: &str,
    country: &str,
    feed: &serde_json::Value,
) -> String {
    let path = dir.join(format!("{id}.json"));
    std::fs::write(&path, feed.to_string()).expect("feed written");
    format!(
        "[[sources]]\nid = \"{id}\"\ninstitution = \"{institution}\"\ncountry = \"{country}\"\nprotocol = \"file\"\nurl = {:?}\nformat = \"clearinghouse-json\"\n",
        path.display().to_string()
    )
}

/// A `[[sources]]` table for an OAI-PMH source (on loopback, so allowed to be on a
/// private address).
pub fn oai_source(id: &str, url: &str) -> String {
    format!(
        "[[sources]]\nid = \"{id}\"\ninstitution = \"Feed University\"\ncountry = \"NL\"\nprotocol = \"oai-pmh\"\nurl = \"{url}\"\nmetadata_prefix = \"oai_dc\"\nformat = \"oai_dc\"\nallow_private_address = true\n"
    )
}

/// `harvest.file_roots` for test configurations, as a TOML array: the temp dir (test
/// feeds and data dirs), the repository's demo feeds, and the real feeds of the shared
/// folder when `CLEARINGHOUSE_SHARED_DIR` opts it in (`testkit`).
pub fn test_file_roots_toml() -> String {
    let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut roots = vec![std::env::temp_dir(), repository.join("demo/feeds")];
    if let Some(shared) = testkit::shared_opt_in() {
        roots.push(shared.join("fixtures"));
    }
    let quoted: Vec<String> = roots
        .iter()
        .map(|root| format!("{:?}", root.display().to_string()))
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// The values of facet `facet` in a search answer: value, label and count of each.
pub fn facet_values(found: &serde_json::Value, facet: &str) -> Vec<(String, String, u64)> {
    found["facets"][facet]
        .as_array()
        .expect("the facet is in the answer")
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap_or_default().to_owned(),
                v["label"].as_str().unwrap_or_default().to_owned(),
                v["count"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// The `name=value` of a response's `Set-Cookie` header for `name`.
pub fn cookie(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{name}=")))
        .map(|value| value.split(';').next().unwrap_or(value).to_owned())
}

/// A multipart/form-data body: its content type and bytes. Parts are (name, file name,
/// bytes).
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----clearinghouse-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file_name {
            Some(file_name) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A server on loopback answering every request with the JSON `body` (a feed or an
/// endpoint to check); its URL.
pub fn serve_json(body: String) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.json", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}
