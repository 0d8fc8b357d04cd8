//! The web pages: status codes, escaping of hostile harvested text, the security headers,
//! sign-in and CSRF. (What a browser does with them is tested in `tests/browser/`.)

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use tests::{TestApp, cookie};

const OFFICER: &str = "pages-officer-secret-token";
/// University A's API token, for programs: it has no person, so it does not sign in.
const API_TOKEN: &str = "pages-institution-api-token";
const FORM: &str = "application/x-www-form-urlencoded";

/// An urlencoded form body.
fn form_body(fields: &[(&str, &str)]) -> String {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        body.append_pair(name, value);
    }
    body.finish()
}

/// A feed whose first record is hostile in every field a page shows.
const HOSTILE_FEED: &str = r#"[
  {"id": "evil-1",
   "title": {"en": "<script>alert('title')</script>Evil course"},
   "description": {"en": "<p>Fine text</p><script>alert('desc')</script><img src=x onerror=\"alert('img')\"><a href=\"javascript:alert('link')\">click</a>"},
   "learning_outcomes": [{"text": {"en": "<b onmouseover=alert('lo')>Outcome</b>"}}],
   "awarding_body": {"name": {"en": "<i>Evil</i> University"}, "country": "DE", "url": "javascript:alert('home')"},
   "url": "javascript:alert('offer')",
   "assessment": {"en": "\"><svg onload=alert('attr')>"},
   "credits": {"value": 5, "scheme": "ects"},
   "eqf_level": 6},
  {"id": "plain-1",
   "title": {"en": "Data science basics", "de": "Grundlagen der Datenwissenschaft"},
   "credits": {"value": 6, "scheme": "ects"},
   "eqf_level": 6}
]"#;

/// The server with the hostile feed harvested. The feed lies in the data dir, which is
/// the configuration's base directory (file sources are read only from under it).
async fn spawn() -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let path = data_dir.path().join("feed.json");
    std::fs::write(&path, HOSTILE_FEED).unwrap();
    let app = TestApp::spawn_in(
        data_dir,
        &format!(
            r#"[[sources]]
id = "uni-a"
institution = "University A"
country = "DE"
protocol = "file"
url = "{}"
format = "clearinghouse-json"
[[tokens]]
id = "officer-a"
sha256 = "{}"
institution = "uni-a"
person = "Ana Officer"
[[tokens]]
id = "uni-a-api"
sha256 = "{}"
institution = "uni-a"
"#,
            path.display(),
            server::auth::token_hash_hex(OFFICER),
            server::auth::token_hash_hex(API_TOKEN)
        ),
    )
    .await;
    app.harvest("uni-a").await;
    app
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

async fn page(app: &TestApp, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let response = client()
        .get(format!("{}{path}", app.base_url))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

fn record_id(upstream_id: &str) -> String {
    model::RecordId::new(&model::SourceId::parse("uni-a").unwrap(), upstream_id).to_string()
}

/// The value of `name="csrf"` in a page's form.
fn csrf_of(html: &str) -> String {
    let start = html
        .find(r#"name="csrf" value=""#)
        .expect("the page has a CSRF field")
        + r#"name="csrf" value=""#.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

#[actix_web::test]
async fn pages_answer_with_the_right_status() {
    let app = spawn().await;
    let evil = record_id("evil-1");
    let plain = record_id("plain-1");
    for (path, expected) in [
        ("/".to_owned(), 200),
        (
            "/?q=data&country=DE&eqf_level=6&ects_min=1&sort=ects:desc".to_owned(),
            200,
        ),
        ("/?q=&ects_min=&eqf_max=".to_owned(), 200),
        ("/?eqf_min=12".to_owned(), 400),
        ("/?country=not-a-country".to_owned(), 400),
        (format!("/credentials/{plain}"), 200),
        (format!("/credentials/{evil}"), 200),
        (format!("/credentials/{plain}/equivalents"), 200),
        ("/credentials/uni-a.00000000000000000000".to_owned(), 404),
        ("/credentials/not-an-id".to_owned(), 404),
        ("/compare".to_owned(), 200),
        (format!("/compare?a={plain}&b={evil}"), 200),
        (
            format!("/compare?a={plain}&b=uni-a.00000000000000000000"),
            404,
        ),
        ("/sources".to_owned(), 200),
        ("/sources/uni-a".to_owned(), 200),
        ("/sources/uni-a/runs.atom".to_owned(), 200),
        ("/sources/nowhere".to_owned(), 404),
        ("/docs/publishing".to_owned(), 200),
        ("/docs/normalisation".to_owned(), 200),
        ("/docs/secrets".to_owned(), 404),
        ("/sign-in".to_owned(), 200),
        ("/institutions/uni-a/decisions".to_owned(), 200),
        ("/static/app.css".to_owned(), 200),
        ("/static/app.js".to_owned(), 200),
        ("/static/other.js".to_owned(), 404),
    ] {
        let (status, headers, body) = page(&app, &path).await;
        assert_eq!(status, expected, "{path}: {body}");
        let content_type = headers[CONTENT_TYPE].to_str().unwrap();
        if path.ends_with(".atom") {
            assert_eq!(
                content_type, "application/atom+xml; charset=utf-8",
                "{path}"
            );
            assert!(body.starts_with("<?xml"), "{path}");
        } else if !path.starts_with("/static/app") {
            assert_eq!(content_type, "text/html; charset=utf-8", "{path}");
            assert!(body.starts_with("<!DOCTYPE html>"), "{path}");
        }
    }
    app.stop().await;
}

#[actix_web::test]
async fn hostile_harvested_text_is_escaped_and_urls_are_not_links() {
    let app = spawn().await;
    let (status, _, html) = page(&app, &format!("/credentials/{}", record_id("evil-1"))).await;
    assert_eq!(status, 200);
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    // No markup from the feed survives as markup: every tag it tried is text or gone.
    for tag in [
        "<script",
        "<img",
        "<svg",
        "<b onmouseover",
        "<i>",
        "href=\"javascript:",
    ] {
        assert!(!main.contains(tag), "{tag} in {main}");
    }
    for (shown, as_text) in [
        (
            "title",
            "&#60;script&#62;alert(&#39;title&#39;)&#60;/script&#62;Evil course",
        ),
        ("awarding body", "&#60;i&#62;Evil&#60;/i&#62; University"),
        (
            "outcome",
            "&#60;b onmouseover=alert(&#39;lo&#39;)&#62;Outcome&#60;/b&#62;",
        ),
        (
            "assessment",
            "&#34;&#62;&#60;svg onload=alert(&#39;attr&#39;)&#62;",
        ),
    ] {
        assert!(
            main.contains(as_text),
            "the {shown} is shown as text: {main}"
        );
    }
    // The description, sanitised at harvest, keeps its harmless markup in its container;
    // its script, event handler and javascript: link are gone.
    let description = &main[main.find(r#"<div class="description""#).unwrap()..];
    let description = &description[..description.find("</div>").unwrap()];
    assert!(description.contains("<p>Fine text</p>"), "{description}");
    for gone in ["alert", "onerror", "javascript"] {
        assert!(!description.contains(gone), "{gone} in {description}");
    }

    // The search page shows the hostile title and snippet escaped too.
    let (_, _, html) = page(&app, "/?q=evil").await;
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(main.contains("Evil course"), "{main}");
    for tag in ["<script", "<img", "<svg", "<i>"] {
        assert!(!main.contains(tag), "{tag} in {main}");
    }
    app.stop().await;
}

#[actix_web::test]
async fn pages_carry_a_strict_content_security_policy() {
    let app = spawn().await;
    for path in [
        "/".to_owned(),
        format!("/credentials/{}", record_id("evil-1")),
        "/sources".to_owned(),
        "/sources/uni-a".to_owned(),
        "/sign-in".to_owned(),
        "/credentials/not-an-id".to_owned(),
        "/static/app.js".to_owned(),
    ] {
        let (_, headers, _) = page(&app, &path).await;
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
    }
    app.stop().await;
}

#[actix_web::test]
async fn accept_language_picks_the_text_and_marks_it() {
    let app = spawn().await;
    let response = client()
        .get(format!(
            "{}/credentials/{}",
            app.base_url,
            record_id("plain-1")
        ))
        .header("Accept-Language", "de-AT, de;q=0.9, en;q=0.5")
        .send()
        .await
        .unwrap();
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"<h1 lang="de">Grundlagen der Datenwissenschaft</h1>"#),
        "{html}"
    );
    let (_, _, html) = page(&app, &format!("/credentials/{}", record_id("plain-1"))).await;
    assert!(
        html.contains(r#"<h1 lang="en">Data science basics</h1>"#),
        "{html}"
    );
    app.stop().await;
}

/// The interface language: `?lang=` before the cookie before `Accept-Language` before
/// English; `?lang=` keeps the choice in a cookie; the JSON API stays English whatever the
/// visitor asks for.
#[actix_web::test]
async fn the_interface_language_is_chosen_and_kept_but_the_api_stays_english() {
    let app = spawn().await;
    let http = client();
    let base = &app.base_url;
    let html_lang = |html: &str| {
        let start = html.find("<html lang=\"").expect("<html lang>") + "<html lang=\"".len();
        html[start..start + html[start..].find('"').unwrap()].to_owned()
    };
    let get = |path: &str, headers: &[(&'static str, &str)]| {
        let mut request = http.get(format!("{base}{path}"));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };

    // No cookie, no parameter, no Accept-Language: English, as before.
    let response = get("/", &[]).await.unwrap();
    let vary = response.headers()["vary"].to_str().unwrap().to_owned();
    assert!(
        vary.contains("Cookie") && vary.contains("Accept-Language"),
        "{vary}"
    );
    assert_eq!(html_lang(&response.text().await.unwrap()), "en");

    // Accept-Language alone: Polish, and no cookie is set for a browser's wish.
    let response = get("/", &[("Accept-Language", "pl-PL,pl;q=0.9,en;q=0.5")])
        .await
        .unwrap();
    assert!(response.headers().get(SET_COOKIE).is_none());
    let html = response.text().await.unwrap();
    assert_eq!(html_lang(&html), "pl");
    assert!(html.contains("Znajdź mikropoświadczenia"), "{html}");

    // ?lang=fr: French, kept in a cookie that beats Accept-Language on the next page.
    let response = get("/sources?lang=fr", &[("Accept-Language", "de")])
        .await
        .unwrap();
    let cookie_header = cookie(response.headers(), "lang").expect("?lang= sets the lang cookie");
    assert_eq!(cookie_header, "lang=fr");
    assert_eq!(html_lang(&response.text().await.unwrap()), "fr");
    let response = get(
        "/",
        &[("Accept-Language", "de"), ("Cookie", &cookie_header)],
    )
    .await
    .unwrap();
    let html = response.text().await.unwrap();
    assert_eq!(html_lang(&html), "fr");
    assert!(html.contains("Trouver des microcertifications"), "{html}");
    // An unknown language in the parameter is no choice: the cookie still speaks.
    let response = get("/?lang=xx", &[("Cookie", &cookie_header)])
        .await
        .unwrap();
    assert!(response.headers().get(SET_COOKIE).is_none());
    assert_eq!(html_lang(&response.text().await.unwrap()), "fr");

    // The error page speaks the chosen language too.
    let (status, html) = {
        let response = get("/credentials/not-an-id?lang=de", &[]).await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    };
    assert_eq!(status, 404);
    assert!(html.contains("<h1>Nicht gefunden</h1>"), "{html}");

    // The API answers in English, its codes stable, whatever the visitor chose.
    let response = get(
        "/api/v1/credentials/not-an-id?lang=de",
        &[("Accept-Language", "de"), ("Cookie", "lang=de")],
    )
    .await
    .unwrap();
    assert!(response.headers().get(SET_COOKIE).is_none());
    let in_german: serde_json::Value = response.json().await.unwrap();
    let plain: serde_json::Value = get("/api/v1/credentials/not-an-id", &[])
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(in_german, plain);
    app.stop().await;
}

#[actix_web::test]
async fn forms_without_the_right_csrf_token_are_refused() {
    let app = spawn().await;
    let http = client();
    let base = &app.base_url;

    // Sign-in without the form's cookie and token: refused, no session.
    let response = http
        .post(format!("{base}/sign-in"))
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[("token", OFFICER), ("csrf", "00")]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert!(cookie(response.headers(), "ch_session").is_none());

    // Behind a TLS-terminating proxy, the cookies are Secure.
    let over_tls = http
        .get(format!("{base}/sign-in"))
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    let set_cookie = over_tls.headers()[SET_COOKIE].to_str().unwrap();
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");

    // With the form's cookie but a token from another form: refused.
    let form = http.get(format!("{base}/sign-in")).send().await.unwrap();
    let sign_in_cookie = cookie(form.headers(), "ch_signin").expect("the form sets its cookie");
    let csrf = csrf_of(&form.text().await.unwrap());
    let other_form = http.get(format!("{base}/sign-in")).send().await.unwrap();
    let other_csrf = csrf_of(&other_form.text().await.unwrap());
    let response = http
        .post(format!("{base}/sign-in"))
        .header(COOKIE, &sign_in_cookie)
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[
            ("token", OFFICER),
            ("csrf", other_csrf.as_str()),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);

    // A wrong institution token: refused with the form again.
    let response = http
        .post(format!("{base}/sign-in"))
        .header(COOKIE, &sign_in_cookie)
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[("token", "wrong"), ("csrf", csrf.as_str())]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert!(response.text().await.unwrap().contains("not valid"));

    // The right token and CSRF token: a session cookie, HttpOnly and SameSite=Strict.
    let credential = format!("/credentials/{}", record_id("plain-1"));
    let response = http
        .post(format!("{base}/sign-in"))
        .header(COOKIE, &sign_in_cookie)
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[
            ("token", OFFICER),
            ("csrf", csrf.as_str()),
            ("next", credential.as_str()),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()[LOCATION], credential.as_str());
    let set_cookie = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|value| value.starts_with("ch_session="))
        .expect("a session cookie");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Strict"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "not over TLS: {set_cookie}");
    let session = set_cookie.split(';').next().unwrap().to_owned();

    // Signed in, the credential page offers the decision form with the session's token.
    let page = http
        .get(format!("{base}{credential}"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Record a decision of uni-a"), "{page}");
    let session_csrf = csrf_of(&page);

    // A decision posted with no token, or another session's, is refused.
    for token in ["", "00", csrf.as_str()] {
        let response = http
            .post(format!("{base}{credential}/decisions"))
            .header(COOKIE, &session)
            .header(CONTENT_TYPE, FORM)
            .body(form_body(&[
                ("csrf", token),
                ("outcome", "refused"),
                ("rationale", "forged"),
                ("decided_on", "2026-11-25"),
            ]))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 403, "csrf {token:?}");
    }
    // Without the session cookie, even with a valid-looking token: refused.
    let response = http
        .post(format!("{base}{credential}/decisions"))
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[
            ("csrf", session_csrf.as_str()),
            ("outcome", "refused"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    // So does withdrawing a decision.
    let response = http
        .post(format!("{base}/decisions/rd-00000000000000000000/withdraw"))
        .header(COOKIE, &session)
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[("csrf", "00")]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    // Sign-out needs the token as well.
    let response = http
        .post(format!("{base}/sign-out"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let response = http
        .post(format!("{base}/sign-out"))
        .header(COOKIE, &session)
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[("csrf", session_csrf.as_str())]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    app.stop().await;
}

/// Signs in at `base` with `token` and returns the session cookie.
async fn sign_in(http: &reqwest::Client, base: &str, token: &str) -> String {
    let form = http.get(format!("{base}/sign-in")).send().await.unwrap();
    let sign_in_cookie = cookie(form.headers(), "ch_signin").expect("the form sets its cookie");
    let csrf = csrf_of(&form.text().await.unwrap());
    let response = http
        .post(format!("{base}/sign-in"))
        .header(COOKIE, &sign_in_cookie)
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[("token", token), ("csrf", csrf.as_str())]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    let session = cookie(response.headers(), "ch_session").expect("a session cookie");
    session.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_large_catalogue_is_offered_best_match_first_never_listed_whole() {
    // Uni A publishes hundreds of credentials; one of them is the obvious equivalent of
    // Uni B's course.
    let topics = ["Welding", "Pottery", "Sailing", "Botany", "Chess", "Opera"];
    let mut feed_a: Vec<serde_json::Value> = (0..=300usize)
        .map(|i| {
            serde_json::json!({
                "id": format!("a-{i}"),
                "title": {"en": format!("{} workshop {i}", topics[i % topics.len()])},
                "credits": {"value": 3, "scheme": "ects"},
            })
        })
        .collect();
    feed_a.push(serde_json::json!({
        "id": "a-data",
        "title": {"en": "Introduction to Data Science"},
        "description": {"en": "Data science basics: data cleaning, statistics and visualisation."},
        "credits": {"value": 6, "scheme": "ects"},
    }));
    let feed_b = serde_json::json!([{
        "id": "b-data",
        "title": {"en": "Data science basics"},
        "description": {"en": "Cleaning data, statistics and visualisation for beginners."},
        "credits": {"value": 6, "scheme": "ects"},
    }]);
    let data_dir = tempfile::tempdir().unwrap();
    std::fs::write(
        data_dir.path().join("a.json"),
        serde_json::to_vec(&feed_a).unwrap(),
    )
    .unwrap();
    std::fs::write(data_dir.path().join("b.json"), feed_b.to_string()).unwrap();
    let app = TestApp::spawn_in(
        data_dir,
        &format!(
            r#"[[sources]]
id = "uni-a"
institution = "University A"
country = "DE"
protocol = "file"
url = "a.json"
format = "clearinghouse-json"
[[sources]]
id = "uni-b"
institution = "University B"
country = "FR"
protocol = "file"
url = "b.json"
format = "clearinghouse-json"
[[tokens]]
id = "officer-a"
sha256 = "{}"
institution = "uni-a"
person = "Ana Officer"
"#,
            server::auth::token_hash_hex(OFFICER)
        ),
    )
    .await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let http = client();
    let base = &app.base_url;
    let session = sign_in(&http, base, OFFICER).await;

    let b_data = model::RecordId::new(&model::SourceId::parse("uni-b").unwrap(), "b-data");
    let page = http
        .get(format!("{base}/credentials/{b_data}"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Record a decision of uni-a"), "{page}");
    // No list of every title: the best equivalents as choices, best first, with their
    // credits; the rest of the catalogue is searched by its words.
    assert!(!page.contains("<select id=\"target\""), "{page}");
    let a_data = model::RecordId::new(&model::SourceId::parse("uni-a").unwrap(), "a-data");
    assert!(
        page.contains(&format!(
            r#"<input type="radio" id="target" name="target" value="{a_data}""#
        )),
        "the obvious equivalent first: {page}"
    );
    assert!(page.contains("Introduction to Data Science"), "{page}");
    assert!(page.contains("6 ECTS"), "{page}");
    let offered = page.matches(r#"name="target" value="#).count();
    assert!((1..=10).contains(&offered), "{offered}: {page}");
    assert!(page.contains(r#"name="target_search""#), "{page}");
    app.stop().await;
}

#[actix_web::test]
async fn a_decision_form_with_errors_comes_back_with_every_answer_and_a_summary() {
    let app = spawn().await;
    let http = client();
    let base = app.base_url.clone();
    let session = sign_in(&http, &base, OFFICER).await;
    let credential = format!("/credentials/{}", record_id("plain-1"));
    let form_page = http
        .get(format!("{base}{credential}"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&form_page);
    let post = |fields: Vec<(&'static str, String)>| {
        let (http, session, url) = (
            http.clone(),
            session.clone(),
            format!("{base}{credential}/decisions"),
        );
        async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            let response = http
                .post(url)
                .header(COOKIE, &session)
                .header(CONTENT_TYPE, FORM)
                .body(form_body(&fields))
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let rationale = "Same outcomes & level; the <project> counts";
    // "Recognised for credits" without a number: the same page, the answers kept.
    let (status, page) = post(vec![
        ("csrf", csrf.clone()),
        ("form_id", "abcdef0123".to_owned()),
        ("outcome", "credits".to_owned()),
        ("ects", String::new()),
        ("rationale", rationale.to_owned()),
        ("conditions", "only with the lab".to_owned()),
        ("decided_on", "2026-11-20".to_owned()),
        ("valid_until", "2027-11-20".to_owned()),
        ("private", "true".to_owned()),
    ])
    .await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("<title>Error: "), "{page}");
    assert!(
        page.contains(r#"class="error-summary" role="alert""#),
        "{page}"
    );
    assert!(
        page.contains(r##"<a href="#ects">Say how many ECTS credits are granted</a>"##),
        "{page}"
    );
    assert!(page.contains(r#"id="ects-error""#) && page.contains(r#"aria-invalid="true""#));
    assert!(
        page.contains("Same outcomes &#38; level; the &#60;project&#62; counts</textarea>"),
        "the rationale is kept, escaped: {page}"
    );
    for kept in [
        r#"value="credits" checked"#,
        r#"value="only with the lab""#,
        r#"value="2026-11-20""#,
        r#"value="2027-11-20""#,
        r#"id="private" name="private" value="true" checked"#,
        r#"name="form_id" value="abcdef0123""#,
    ] {
        assert!(page.contains(kept), "{kept} is kept: {page}");
    }
    assert!(page.contains("Sign out"), "still signed in: {page}");
    // Every problem at once, in the form's order; a word for credits is named.
    let (status, page) = post(vec![
        ("csrf", csrf.clone()),
        ("outcome", "credits".to_owned()),
        ("ects", "five".to_owned()),
        ("decided_on", "20 Nov".to_owned()),
    ])
    .await;
    assert_eq!(status, 422);
    let ects = page.find(r##"href="#ects""##).expect("ects is listed");
    let rationale_at = page
        .find(r##"href="#rationale""##)
        .expect("rationale is listed");
    let decided = page
        .find(r##"href="#decided_on""##)
        .expect("the date is listed");
    assert!(ects < rationale_at && rationale_at < decided, "{page}");
    assert!(page.contains("not &#34;five&#34;"), "{page}");
    let (status, page) = post(vec![("csrf", csrf.clone())]).await;
    assert_eq!(status, 422);
    assert!(page.contains(r##"href="#outcome-equivalent""##), "{page}");
    // The rules' own errors come back on the form too: credits out of range.
    let (status, page) = post(vec![
        ("csrf", csrf.clone()),
        ("outcome", "credits".to_owned()),
        ("ects", "500".to_owned()),
        ("rationale", rationale.to_owned()),
        ("decided_on", "2026-11-20".to_owned()),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains(r##"<a href="#ects">ECTS credits must be a number more than 0 and at most 240, not &#34;500&#34;</a>"##),
        "{page}"
    );
    let (status, page) = post(vec![
        ("csrf", csrf.clone()),
        ("outcome", "refused".to_owned()),
        ("rationale", rationale.to_owned()),
        ("decided_on", "2026-11-20".to_owned()),
        ("valid_until", "2026-01-01".to_owned()),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains(r##"<a href="#valid_until">Valid until"##),
        "{page}"
    );
    // Nothing was recorded; corrected, it is.
    let (_, list) = app.get("/api/v1/recognitions").await;
    assert_eq!(list["total"], 0);
    let (status, _) = post(vec![
        ("csrf", csrf.clone()),
        ("outcome", "credits".to_owned()),
        ("ects", "5".to_owned()),
        ("rationale", rationale.to_owned()),
        ("decided_on", "2026-11-20".to_owned()),
    ])
    .await;
    assert_eq!(status, 303);
    let (_, list) = app.get("/api/v1/recognitions").await;
    assert_eq!(list["total"], 1);
    app.stop().await;
}

#[actix_web::test]
async fn officers_sign_in_with_their_own_token_and_are_named_not_with_the_institutions_api_token() {
    let app = spawn().await;
    let http = client();
    let base = app.base_url.clone();
    let form = http.get(format!("{base}/sign-in")).send().await.unwrap();
    let sign_in_cookie = cookie(form.headers(), "ch_signin").unwrap();
    let csrf = csrf_of(&form.text().await.unwrap());
    let response = http
        .post(format!("{base}/sign-in"))
        .header(COOKIE, &sign_in_cookie)
        .header(CONTENT_TYPE, FORM)
        .body(form_body(&[("token", API_TOKEN), ("csrf", csrf.as_str())]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert!(cookie(response.headers(), "ch_session").is_none());
    let page = response.text().await.unwrap();
    assert!(
        page.contains("institution’s API token, for programs"),
        "{page}"
    );
    // The API takes it.
    let response = app
        .client
        .post(format!("{base}/api/v1/recognitions"))
        .bearer_auth(API_TOKEN)
        .json(&serde_json::json!({
            "credential": record_id("plain-1"),
            "outcome": { "kind": "refused" },
            "rationale": "recorded by a program",
            "decided_on": "2026-11-20"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let id = response.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The officer's own token signs in, and the pages name her.
    let session = sign_in(&http, &base, OFFICER).await;
    let page = http
        .get(format!("{base}/decisions/{id}"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Sign out <span class=\"who\">(Ana Officer, University A)</span>"),
        "{page}"
    );
    assert!(
        page.contains("<td>uni-a-api</td>"),
        "a program's token is named by its id: {page}"
    );
    app.stop().await;
}
