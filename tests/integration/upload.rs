//! "The student brought a file" (issue 24, item 6): a credential file uploaded or pasted
//! on `/recognise/upload` is read by the formats' own code, held for the browser's
//! session only, looked up, compared and decided about like a harvested credential, and
//! the decision is kept against the file's SHA-256 and its claimed issuer, marked "not
//! harvested"; files that cannot be read come back on the form in plain words.
//!
//! The real ELM and Open Badges 3 files are the shared folder's (`CLEARINGHOUSE_SHARED_DIR`,
//! as CI sets it); without it those tests say so once and return. The bad files are
//! written here.

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION};
use serde_json::Value;
use tests::{TestApp, cookie, multipart};

use super::decision_pages::csrf_of;
use super::recognitions::{OFFICER_B, id_of};

const ELM: &str = "elm/elm3-edc-microcredential-annex1-unsigned.jsonld";
const OB3: &str = "open-badges/obv3-microcredential-openbadgecredential-mynextid.json";
const OB2_BROKEN: &str = "open-badges/obv2-badgeclass-1edtech-spec-example.json";

/// University A (`a-ds`) and University B, whose catalogue has equivalents for the real
/// files (data science, digital credentials); an officer of B.
fn config(dir: &std::path::Path) -> String {
    let a_feed = r#"[{"id":"a-ds","title":{"en":"Data science basics"},"credits":{"value":5,"scheme":"ects"},"eqf_level":6}]"#;
    let b_feed = r#"[{"id":"b-ds","title":{"en":"Data science fundamentals"},"description":{"en":"Foundations of data science: data analysis, statistics and machine learning with Python."},"credits":{"value":5,"scheme":"ects"},"eqf_level":6},
                     {"id":"b-mc","title":{"en":"Digital micro-credential creation"},"description":{"en":"Designing and issuing digital micro-credentials and European Digital Credentials."},"credits":{"value":2,"scheme":"ects"},"eqf_level":6},
                     {"id":"b-bio","title":{"en":"Marine biology"},"credits":{"value":5,"scheme":"ects"}}]"#;
    std::fs::write(dir.join("a.json"), a_feed).unwrap();
    std::fs::write(dir.join("b.json"), b_feed).unwrap();
    format!(
        r#"[[sources]]
id = "uni-a"
institution = "University A"
country = "DE"
protocol = "file"
url = "{a}"
format = "clearinghouse-json"
[[sources]]
id = "uni-b"
institution = "University B"
country = "FR"
protocol = "file"
url = "{b}"
format = "clearinghouse-json"
[[tokens]]
id = "officer-b"
sha256 = "{hb}"
institution = "uni-b"
person = "Beata Nowak"
"#,
        a = dir.join("a.json").display(),
        b = dir.join("b.json").display(),
        hb = server::auth::token_hash_hex(OFFICER_B),
    )
}

async fn spawn_with(feeds: &std::path::Path, server_toml: &str) -> TestApp {
    let app = TestApp::spawn_with(
        tempfile::tempdir().unwrap(),
        &format!("rate_limit_per_minute = 0\nfailed_auth_per_minute = 0\n{server_toml}"),
        &config(feeds),
    )
    .await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    app
}

fn sha256_hex(bytes: &[u8]) -> String {
    server::uploads::content_hash(bytes)
        .trim_start_matches("sha256-")
        .to_owned()
}

/// A browser: its cookies (a session when signed in, the uploads' holder once it
/// loaded the form), following no redirect.
struct Browser<'a> {
    app: &'a TestApp,
    http: reqwest::Client,
    cookies: Vec<String>,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp, session: Option<String>) -> Browser<'a> {
        Browser {
            app,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: session.into_iter().collect(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies.join("; ")
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.app.base_url))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Loads the upload form (keeping its holder cookie) and returns its CSRF token.
    async fn open_form(&mut self) -> String {
        let response = self
            .http
            .get(format!("{}/recognise/upload", self.app.base_url))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        if let Some(holder) = cookie(response.headers(), "ch_uploads") {
            self.cookies.retain(|c| !c.starts_with("ch_uploads="));
            self.cookies.push(holder);
        }
        let page = response.text().await.unwrap();
        // The upload form's token (a signed-in page also has the sign-out form's).
        let form = &page[page
            .find(r#"enctype="multipart/form-data""#)
            .expect("the form")..];
        csrf_of(form)
    }

    /// Posts the upload form: (status, Location, page).
    async fn upload(&self, parts: &[(&str, Option<&str>, &[u8])]) -> (u16, String, String) {
        let (content_type, body) = multipart(parts);
        let response = self
            .http
            .post(format!("{}/recognise/upload", self.app.base_url))
            .header(COOKIE, self.cookie_header())
            .header(CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(LOCATION)
            .map(|value| value.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, response.text().await.unwrap())
    }

    /// Uploads `bytes` as the file `name`, expecting one credential: its id.
    async fn upload_file(&mut self, name: &str, bytes: &[u8]) -> String {
        let csrf = self.open_form().await;
        let (status, location, page) = self
            .upload(&[
                ("csrf", None, csrf.as_bytes()),
                ("format", None, b"auto"),
                ("file", Some(name), bytes),
                ("pasted", None, b""),
            ])
            .await;
        assert_eq!(status, 303, "{page}");
        location
            .strip_prefix("/credentials/")
            .and_then(|rest| rest.strip_suffix("?uploaded=1"))
            .unwrap_or_else(|| panic!("went to {location}"))
            .to_owned()
    }

    async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let mut body = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            body.append_pair(name, value);
        }
        let response = self
            .http
            .post(format!("{}{path}", self.app.base_url))
            .header(COOKIE, self.cookie_header())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body.finish())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(LOCATION)
            .map(|value| value.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, response.text().await.unwrap())
    }
}

#[actix_web::test]
async fn an_elm_credential_file_is_looked_up_compared_and_decided_without_being_stored() {
    let Some(elm) = testkit::shared_fixture(ELM) else {
        return;
    };
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn_with(feeds.path(), "").await;
    let mut officer = Browser::new(&app, Some(app.sign_in(OFFICER_B).await));

    // Uploaded: read as ELM, under the file's hash, marked as not harvested.
    let id = officer
        .upload_file("elm3-edc-microcredential-annex1-unsigned.jsonld", &elm)
        .await;
    let hash = sha256_hex(&elm);
    assert_eq!(id, format!("upload.{}", &hash[..20]));
    let (status, page) = officer.get(&format!("/credentials/{id}?uploaded=1")).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Not harvested — uploaded file, issuer claimed, not verified."),
        "{page}"
    );
    assert!(page.contains("Digital micro-credential creation"), "{page}");
    assert!(page.contains("University of Zed"), "{page}");
    assert!(page.contains(&format!("sha256-{hash}")), "{page}");
    assert!(page.contains("a European Digital Credential (European Learning Model)"));

    // Its equivalents at the officer's institution, then the comparison with the best.
    let (status, page) = officer.get(&format!("/credentials/{id}/equivalents")).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("University of Zed (unverified claim)"),
        "the awarding body is a claim: {page}"
    );
    let b_mc = id_of("uni-b", "b-mc");
    assert!(
        page.contains(&format!("/compare?a={id}&#38;b={b_mc}")),
        "{page}"
    );
    let (status, page) = officer.get(&format!("/compare?a={id}&b={b_mc}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Your decision about A"), "{page}");

    // Recorded on the comparison: against the file's hash and its claimed issuer.
    let csrf = {
        let marker = r#"name="csrf" value=""#;
        let form = &page[page.find("decision-form").unwrap()..];
        let start = form.find(marker).unwrap() + marker.len();
        form[start..start + form[start..].find('"').unwrap()].to_owned()
    };
    let (status, location, page) = officer
        .post_form(
            &format!("/credentials/{id}/decisions"),
            &[
                ("csrf", &csrf),
                ("form_id", "0a0b0c0d"),
                ("compare_with", &b_mc),
                ("outcome", "equivalent"),
                ("target", &b_mc),
                (
                    "rationale",
                    "same outcomes; the file's issuer to be confirmed",
                ),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{page}");
    let decision_id = location
        .strip_prefix("/decisions/")
        .and_then(|rest| rest.strip_suffix("?recorded=1"))
        .unwrap()
        .to_owned();
    let (status, api) = app
        .get(&format!("/api/v1/recognitions/{decision_id}"))
        .await;
    assert_eq!(status, 200, "{api}");
    let decision = &api["decision"];
    assert_eq!(decision["credential"], Value::from(id.clone()));
    assert_eq!(decision["not_harvested"], true);
    assert_eq!(
        decision["uploaded"]["content_hash"],
        Value::from(format!("sha256-{hash}"))
    );
    assert_eq!(decision["uploaded"]["claimed_issuer"], "University of Zed");
    assert_eq!(
        decision["uploaded"]["title"],
        "Digital micro-credential creation"
    );
    assert_eq!(decision["uploaded"]["format"], "elm");
    let (_, page) = officer.get(&format!("/decisions/{decision_id}")).await;
    assert!(page.contains("Not harvested"), "{page}");
    assert!(
        page.contains("issuer claimed, not verified: University of Zed"),
        "{page}"
    );

    // Nothing of the file is stored or published: not in the API, the search or OAI-PMH,
    // and another browser does not see it.
    let (status, _) = app.get(&format!("/api/v1/credentials/{id}")).await;
    assert_eq!(status, 404);
    let (_, found) = app
        .get("/api/v1/search?q=micro-credential%20creation")
        .await;
    assert!(
        !found.to_string().contains("upload."),
        "an upload is never indexed: {found}"
    );
    let oai = app
        .text("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=decisions")
        .await;
    assert!(!oai.contains(&decision_id), "{oai}");
    let (status, page) = Browser::new(&app, None)
        .get(&format!("/credentials/{id}"))
        .await;
    assert_eq!(status, 404);
    assert!(
        page.contains("someone uploaded, not a harvested one"),
        "{page}"
    );
    // No agreement with a claimed sender; the decision is listed with the institution's.
    let (_, page) = officer.get("/institutions/uni-b/decisions").await;
    assert!(page.contains("Not harvested"), "{page}");
    assert!(!page.contains("/agreements/upload/"), "{page}");

    // The same file uploaded again is the same credential, with its decision.
    let again = officer.upload_file("again.jsonld", &elm).await;
    assert_eq!(again, id);
    let (_, page) = officer.get(&format!("/credentials/{id}")).await;
    assert!(
        page.contains(&format!("/decisions/{decision_id}")),
        "{page}"
    );

    // Revised through the API, the decision keeps what it knew of the file.
    let response = app
        .client
        .post(format!(
            "{}/api/v1/recognitions/{decision_id}/revisions",
            app.base_url
        ))
        .bearer_auth(OFFICER_B)
        .json(&serde_json::json!({
            "credential": id,
            "outcome": { "kind": "credits", "ects": 2 },
            "rationale": "issuer confirmed; credits only",
            "decided_on": "2026-11-21"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let revised: Value = response.json().await.unwrap();
    assert_eq!(
        revised["uploaded"]["content_hash"],
        Value::from(format!("sha256-{hash}"))
    );
    // A new decision about an upload cannot be made through the API: the file is not
    // there.
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(OFFICER_B)
        .json(&serde_json::json!({
            "credential": id,
            "outcome": { "kind": "refused" },
            "rationale": "no",
            "decided_on": "2026-11-21"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    let error: Value = response.json().await.unwrap();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("recorded on the pages"),
        "{error}"
    );

    // Forgotten when asked.
    let csrf = officer.open_form().await;
    let (status, _, _) = officer
        .post_form("/recognise/upload/forget", &[("csrf", &csrf)])
        .await;
    assert_eq!(status, 303);
    let (status, _) = officer.get(&format!("/credentials/{id}")).await;
    assert_eq!(status, 404);
}

#[actix_web::test]
async fn a_learner_looks_up_an_open_badge_3_file_read_only() {
    let Some(badge) = testkit::shared_fixture(OB3) else {
        return;
    };
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn_with(feeds.path(), "").await;
    let mut learner = Browser::new(&app, None);
    let id = learner
        .upload_file("open-badge-mc-example.json", &badge)
        .await;
    let (status, page) = learner.get(&format!("/credentials/{id}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Data Science Fundamentals"), "{page}");
    assert!(page.contains("an Open Badges 3.0 credential"), "{page}");
    assert!(page.contains("Not harvested — uploaded file"), "{page}");
    let (status, page) = learner.get(&format!("/credentials/{id}/equivalents")).await;
    assert_eq!(status, 200, "{page}");
    let b_ds = id_of("uni-b", "b-ds");
    assert!(
        page.contains(&format!("/compare?a={id}&#38;b={b_ds}")),
        "{page}"
    );
    let (status, page) = learner.get(&format!("/compare?a={id}&b={b_ds}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(!page.contains("Your decision about A"), "read-only: {page}");
    // Pasted instead of uploaded: the same credential.
    let csrf = learner.open_form().await;
    let (status, location, page) = learner
        .upload(&[
            ("csrf", None, csrf.as_bytes()),
            ("format", None, b"auto"),
            ("file", Some(""), b""),
            ("pasted", None, &badge),
        ])
        .await;
    assert_eq!(status, 303, "{page}");
    let pasted_id = location.trim_start_matches("/credentials/");
    // The pasted text is trimmed, so its hash is that of the text as pasted.
    assert!(pasted_id.starts_with("upload."), "{location}");
    // A learner cannot record a decision about it.
    let (status, _, _) = learner
        .post_form(
            &format!("/credentials/{id}/decisions"),
            &[("csrf", &csrf), ("outcome", "refused"), ("rationale", "x")],
        )
        .await;
    assert_eq!(status, 403);
}

#[actix_web::test]
async fn files_that_cannot_be_read_come_back_on_the_form_in_plain_words() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn_with(feeds.path(), "max_upload_bytes = 4096\n").await;
    let mut learner = Browser::new(&app, None);
    let csrf = learner.open_form().await;
    let send = |file: &'static [u8], pasted: &'static [u8], format: &'static [u8]| {
        let csrf = csrf.clone();
        let learner = &learner;
        async move {
            learner
                .upload(&[
                    ("csrf", None, csrf.as_bytes()),
                    ("format", None, format),
                    (
                        "file",
                        Some(if file.is_empty() { "" } else { "x.json" }),
                        file,
                    ),
                    ("pasted", None, pasted),
                ])
                .await
        }
    };

    // Too large: 413, said in plain words; the text over the limit is not sent back.
    let large: &'static [u8] = Box::leak(vec![b'{'; 5000].into_boxed_slice());
    let (status, _, page) = send(large, b"", b"auto").await;
    assert_eq!(status, 413, "{page}");
    assert!(page.contains("The file is larger than 4 KB"), "{page}");
    assert!(page.contains(r#"class="error-summary""#), "{page}");
    let (status, _, page) = send(b"", large, b"auto").await;
    assert_eq!(status, 413, "{page}");
    assert!(
        page.contains("The pasted text is larger than 4 KB"),
        "{page}"
    );

    // Not JSON, broken JSON of a known format, JSON that is no credential.
    let (status, _, page) = send(b"%PDF-1.7 a certificate", b"", b"auto").await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("This is neither JSON nor XML"), "{page}");
    let broken: &[u8] = br#"{"@context": ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], "type": ["OpenBadgeCredential"], "name": "Data"#;
    let (status, _, page) = send(b"", broken, b"auto").await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains(
            "This looks like an Open Badges 3.0 credential, but it cannot be read as one: not valid JSON"
        ),
        "{page}"
    );
    // The pasted text is kept for the person to correct.
    let textarea = &page[page.find("<textarea").unwrap()..page.find("</textarea>").unwrap()];
    assert!(textarea.contains("OpenBadgeCredential"), "{textarea}");
    let (status, _, page) = send(br#"{"hello": "world"}"#, b"", b"auto").await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("No credential could be read from it"),
        "{page}"
    );
    // A format chosen is the one tried, and kept on the form.
    let native: &[u8] = br#"{"id":"n-1","title":{"en":"Marine biology"}}"#;
    let (status, _, page) = send(b"", native, b"open-badges").await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("It cannot be read as an Open Badge (2.0 or 3.0)"),
        "{page}"
    );
    assert!(
        page.contains(r#"<option value="open-badges" selected>"#),
        "{page}"
    );

    // Both, neither, and a form not sent from the page.
    let (status, _, page) = send(native, native, b"auto").await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("Choose a file or paste its text, not both"),
        "{page}"
    );
    let (status, _, page) = send(b"", b"", b"auto").await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("Choose the credential file, or paste its text"),
        "{page}"
    );
    let (status, _, page) = learner
        .upload(&[("csrf", None, b"forged"), ("pasted", None, native)])
        .await;
    assert_eq!(status, 403, "{page}");

    // The native JSON, pasted, is read.
    let (status, location, page) = send(b"", native, b"auto").await;
    assert_eq!(status, 303, "{page}");
    assert!(location.starts_with("/credentials/upload."), "{location}");

    // A real Open Badges 2.0 file published with broken JSON names what it claims.
    if let Some(broken) = testkit::shared_fixture(OB2_BROKEN) {
        let broken: &'static [u8] = Box::leak(broken.into_boxed_slice());
        let (status, _, page) = send(broken, b"", b"auto").await;
        assert_eq!(status, 422, "{page}");
        assert!(
            page.contains(
                "This looks like an Open Badges 2.0 badge, but it cannot be read as one: not valid JSON at line"
            ),
            "{page}"
        );
    }
}
