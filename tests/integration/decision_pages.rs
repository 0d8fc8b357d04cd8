//! One decision on the pages (issue 24, items 2 and 3): its page with its whole history,
//! revised by its institution's officer (errors come back on the form), confirmed to
//! still hold after its credential changed, withdrawn only after a confirmation step
//! with a reason; a withdrawn decision stays visible with that reason, never as "no
//! decision was recorded".

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION};
use serde_json::{Value, json};
use tests::TestApp;

use super::recognitions::{OFFICER_B, OFFICER_C, config, feed, id_of};

const FORM: &str = "application/x-www-form-urlencoded";

fn form_body(fields: &[(&str, &str)]) -> String {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        body.append_pair(name, value);
    }
    body.finish()
}

/// The value of the page's first CSRF field.
pub(crate) fn csrf_of(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a CSRF field") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

struct Visitor<'a> {
    app: &'a TestApp,
    http: reqwest::Client,
    session: Option<String>,
}

impl Visitor<'_> {
    async fn get(&self, path: &str) -> (u16, String) {
        let mut request = self.http.get(format!("{}{path}", self.app.base_url));
        if let Some(session) = &self.session {
            request = request.header(COOKIE, session);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let mut request = self
            .http
            .post(format!("{}{path}", self.app.base_url))
            .header(CONTENT_TYPE, FORM)
            .body(form_body(fields));
        if let Some(session) = &self.session {
            request = request.header(COOKIE, session);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(LOCATION)
            .map(|value| value.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, response.text().await.unwrap())
    }
}

/// The suggestions listed as one types `query`, as `visitor` asks for them.
async fn suggestions(visitor: &Visitor<'_>, query: &str) -> (u16, Value) {
    let (status, body) = visitor
        .get(&format!("/recognise/suggestions?{query}"))
        .await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// A client that shows redirects instead of following them.
fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Someone visiting the pages of `app`: anonymous, or with a session cookie.
fn visitor(app: &TestApp, session: Option<String>) -> Visitor<'_> {
    Visitor {
        app,
        http: no_redirects(),
        session,
    }
}

/// The recognition tests' universities A and B, both harvested, the feeds in `feeds`.
async fn spawn(feeds: &std::path::Path) -> TestApp {
    let app = TestApp::spawn(&config(feeds)).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    app
}

#[actix_web::test]
async fn a_decision_is_revised_confirmed_and_withdrawn_on_its_page_and_its_history_stays() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn(feeds.path()).await;
    let (ds, b_ds) = (id_of("uni-a", "a-ds"), id_of("uni-b", "b-ds"));
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(OFFICER_B)
        .json(&json!({
            "credential": ds,
            "outcome": { "kind": "equivalent", "target": b_ds },
            "rationale": "same outcomes",
            "decided_on": "2026-11-20"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let anonymous = visitor(&app, None);
    let officer = visitor(&app, Some(app.sign_in(OFFICER_B).await));
    let other = visitor(&app, Some(app.sign_in(OFFICER_C).await));
    let page_path = format!("/decisions/{id}");

    // Anyone reads it with its history; only its institution may change it.
    let (status, page) = anonymous.get(&page_path).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Recognition decision: <span lang=\"en\">Data science basics</span>"));
    assert!(page.contains("<td>Recorded</td>"), "{page}");
    assert!(!page.contains("Change this decision"), "{page}");
    let (_, page) = other.get(&page_path).await;
    assert!(!page.contains("Change this decision"));
    let (status, _) = other.get(&format!("{page_path}/withdraw")).await;
    assert_eq!(status, 403);
    let (status, _) = anonymous.get("/decisions/rd-00000000000000000000").await;
    assert_eq!(status, 404);

    // Revised from its page: the form holds the decision as it stands.
    let (_, page) = officer.get(&page_path).await;
    assert!(page.contains("Change this decision"), "{page}");
    assert!(page.contains(r#"value="equivalent" checked"#), "{page}");
    assert!(page.contains(">same outcomes</textarea>"), "{page}");
    let csrf = csrf_of(&page);
    let revise = format!("{page_path}/revise");
    let (status, _, page) = officer
        .post(
            &revise,
            &[
                ("csrf", &csrf),
                ("outcome", "equivalent"),
                ("target", &b_ds),
                ("rationale", ""),
                ("conditions", "with the lab report"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("There is a problem with your revision"),
        "{page}"
    );
    assert!(
        page.contains(r#"value="with the lab report""#),
        "kept: {page}"
    );
    let (status, location, _) = officer
        .post(
            &revise,
            &[
                ("csrf", &csrf),
                ("outcome", "equivalent"),
                ("target", &b_ds),
                ("rationale", "same outcomes, checked against the syllabus"),
                ("conditions", "with the lab report"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{page_path}?revised=1").as_str())
    );
    let (_, page) = anonymous.get(&page_path).await;
    assert!(
        page.contains("<td>Revised: the rationale, the conditions</td>"),
        "{page}"
    );

    // The credential changes upstream: flagged; the officer confirms it still holds.
    std::fs::write(feeds.path().join("a.json"), feed(3)).unwrap();
    app.harvest("uni-a").await;
    let (_, page) = officer.get(&page_path).await;
    assert!(page.contains("It still holds"), "{page}");
    assert!(page.contains("Flagged: the credential changed"), "{page}");
    let (status, _, _) = officer
        .post(
            &revise,
            &[
                ("csrf", &csrf),
                ("outcome", "equivalent"),
                ("target", &b_ds),
                ("rationale", "same outcomes, checked against the syllabus"),
                ("conditions", "with the lab report"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = anonymous.get(&page_path).await;
    assert!(page.contains("Confirmed: it still holds"), "{page}");
    assert!(!page.contains("It still holds</button>"));

    // Withdrawing asks first, and a reason is required.
    let (status, page) = officer.get(&format!("{page_path}/withdraw")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Withdraw this decision?"), "{page}");
    let csrf = csrf_of(&page);
    let withdraw = format!("{page_path}/withdraw");
    let (status, _, page) = officer
        .post(&withdraw, &[("csrf", &csrf), ("reason", "  ")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains(r##"<a href="#reason">Say why"##), "{page}");
    let (status, _, _) = anonymous
        .post(&withdraw, &[("csrf", &csrf), ("reason", "forged")])
        .await;
    assert_eq!(status, 403, "not signed in");
    let reason = "Course B changed: the outcomes no longer match";
    let (status, location, _) = officer
        .post(&withdraw, &[("csrf", &csrf), ("reason", reason)])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{page_path}?withdrawn=1").as_str())
    );
    let (_, page) = anonymous.get(&page_path).await;
    assert!(page.contains(&format!("Reason given: {reason}")), "{page}");
    assert!(
        page.contains(&format!("<td>Withdrawn: {reason}</td>")),
        "{page}"
    );
    let (_, decision) = app.get(&format!("/api/v1/recognitions/{id}")).await;
    assert_eq!(decision["decision"]["withdrawal_reason"], reason);

    // The credential's page says so, never "no decision was recorded".
    let (_, page) = anonymous.get(&format!("/credentials/{ds}")).await;
    assert!(page.contains("1 withdrawn decision"), "{page}");
    assert!(page.contains("No decision about this credential is in force."));
    assert!(!page.contains("No institution has recorded a decision"));
    assert!(page.contains(&format!(r#"href="/decisions/{id}""#)));
    let (_, page) = anonymous.get(&format!("/compare?a={ds}&b={b_ds}")).await;
    assert!(
        page.contains("No decision about A is in force; 1 withdrawn"),
        "{page}"
    );
    app.stop().await;
}

#[actix_web::test]
async fn the_decision_is_recorded_on_the_comparison_page_with_the_candidate_preselected() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn(feeds.path()).await;
    let (ds, b_ds) = (id_of("uni-a", "a-ds"), id_of("uni-b", "b-ds"));
    let compare = format!("/compare?a={ds}&b={b_ds}");
    // Only an officer of B's institution is offered the form.
    let (_, page) = visitor(&app, None).get(&compare).await;
    assert!(!page.contains("Your decision about A"), "{page}");
    let (_, page) = visitor(&app, Some(app.sign_in(OFFICER_C).await))
        .get(&compare)
        .await;
    assert!(!page.contains("Your decision about A"), "{page}");
    let officer = visitor(&app, Some(app.sign_in(OFFICER_B).await));
    let (_, page) = officer.get(&compare).await;
    assert!(page.contains("Your decision about A"), "{page}");
    assert!(page.contains(r#"value="equivalent" checked"#), "{page}");
    assert!(
        page.contains(&format!(r#"value="{b_ds}" checked"#)),
        "B is preselected: {page}"
    );
    assert!(page.contains(&format!(r#"name="compare_with" value="{b_ds}""#)));
    let csrf = csrf_of(&page);
    let action = format!("/credentials/{ds}/decisions");
    // An error comes back on the comparison, the answers kept.
    let (status, _, page) = officer
        .post(
            &action,
            &[
                ("csrf", &csrf),
                ("compare_with", &b_ds),
                ("outcome", "equivalent"),
                ("target", &b_ds),
                ("conditions", "with the lab report"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("compared with"),
        "the comparison page: {page}"
    );
    assert!(page.contains(r##"<a href="#rationale">"##), "{page}");
    assert!(page.contains(r#"value="with the lab report""#));
    let (status, location, _) = officer
        .post(
            &action,
            &[
                ("csrf", &csrf),
                ("compare_with", &b_ds),
                ("outcome", "equivalent"),
                ("target", &b_ds),
                ("rationale", "same outcomes, side by side"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/decisions/rd-") && location.ends_with("?recorded=1"),
        "{location}"
    );
    let (_, page) = officer.get(&location).await;
    assert!(page.contains("Your decision is recorded."), "{page}");
    assert!(page.contains("same outcomes, side by side"));
    app.stop().await;
}

#[actix_web::test]
async fn equivalents_default_to_the_officers_institution_and_never_list_the_credentials_own() {
    let feeds = tempfile::tempdir().unwrap();
    let config = config(feeds.path());
    // University A also publishes a course much like the one held.
    std::fs::write(
        feeds.path().join("a.json"),
        r#"[{"id":"a-ds","title":{"en":"Data science basics"},"credits":{"value":5,"scheme":"ects"},"eqf_level":6},
            {"id":"a-ds-2","title":{"en":"Data science basics, second part"},"credits":{"value":5,"scheme":"ects"},"eqf_level":6}]"#,
    )
    .unwrap();
    let app = TestApp::spawn(&config).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let ds = id_of("uni-a", "a-ds");
    let path = format!("/credentials/{ds}/equivalents");
    // Its own institution's course is a candidate only when that institution is chosen.
    let (_, own) = app
        .get(&format!("/api/v1/credentials/{ds}/equivalents"))
        .await;
    assert!(own.to_string().contains("second part"), "{own}");
    let anonymous = visitor(&app, None);
    let officer = visitor(&app, Some(app.sign_in(OFFICER_B).await));
    // Anyone: every other institution, never the credential's own, institutions and
    // countries chosen by name.
    let (status, page) = anonymous.get(&path).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"<option value="">Any other institution</option>"#),
        "{page}"
    );
    assert!(!page.contains(r#"<option value="uni-a""#), "{page}");
    assert!(
        page.contains(r#"<option value="uni-b">University B</option>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<option value="FR">France</option>"#),
        "{page}"
    );
    assert!(!page.contains("second part"), "{page}");
    assert!(page.contains("Introduction to data science"), "{page}");
    // The officer of University B: her institution, unless she chooses any.
    let (_, page) = officer.get(&path).await;
    assert!(
        page.contains(r#"<option value="uni-b" selected>University B</option>"#),
        "{page}"
    );
    assert!(page.contains("Introduction to data science"), "{page}");
    let (_, page) = officer.get(&format!("{path}?institution=")).await;
    assert!(
        !page.contains(r#"<option value="uni-b" selected>"#),
        "{page}"
    );
    app.stop().await;
}

#[actix_web::test]
async fn the_credential_held_is_found_by_its_words_to_recognise_or_compare_it() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn(feeds.path()).await;
    let (ds, b_ds) = (id_of("uni-a", "a-ds"), id_of("uni-b", "b-ds"));
    let anonymous = visitor(&app, None);
    let officer = visitor(&app, Some(app.sign_in(OFFICER_B).await));
    let (status, page) = anonymous.get("/recognise").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Which credential does the student hold?"),
        "{page}"
    );
    let (status, page) = anonymous.get("/recognise?q=data+science").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!(r#"<a href="/credentials/{ds}/equivalents">"#)),
        "{page}"
    );
    assert!(page.contains("Introduction to data science"), "{page}");
    // An officer of University B looks for a credential from elsewhere: hers are left out.
    let (_, page) = officer.get("/recognise?q=data+science").await;
    assert!(page.contains("Data science basics"), "{page}");
    assert!(!page.contains("Introduction to data science"), "{page}");
    let (_, page) = anonymous.get("/recognise?q=quantum+chromodynamics").await;
    assert!(page.contains("No credential matches"), "{page}");
    // A title typed on the comparison page: choose, never a 404.
    let (status, page) = anonymous
        .get(&format!("/compare?a=Data+science+basics&b={b_ds}"))
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Which credential is A?"), "{page}");
    assert!(
        page.contains(&format!(r#"href="/compare?b={b_ds}&#38;a={ds}""#))
            || page.contains(&format!(
                r#"href="/compare?b={}&#38;a={}""#,
                b_ds,
                ds.replace('.', "%2E")
            )),
        "{page}"
    );
    app.stop().await;
}

#[actix_web::test]
async fn the_equivalent_is_chosen_from_the_whole_catalogue_by_its_words_with_credits_and_level() {
    let feeds = tempfile::tempdir().unwrap();
    let config = config(feeds.path());
    // University B publishes 60 courses: more than the form ranks, one of them far from
    // the credential held in every word.
    let mut courses: Vec<Value> = (0..59)
        .map(|i| {
            json!({
                "id": format!("b-{i}"),
                "title": { "en": format!("Data analysis workshop {i}") },
                "credits": { "value": 3, "scheme": "ects" },
                "eqf_level": 5
            })
        })
        .collect();
    courses.push(json!({
        "id": "b-quantum",
        "title": { "en": "Quantum computing for chemists" },
        "credits": { "value": 4, "scheme": "ects" },
        "eqf_level": 7
    }));
    std::fs::write(
        feeds.path().join("b.json"),
        Value::Array(courses).to_string(),
    )
    .unwrap();
    let app = TestApp::spawn(&config).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let (ds, quantum) = (id_of("uni-a", "a-ds"), id_of("uni-b", "b-quantum"));
    let anonymous = visitor(&app, None);
    let officer = visitor(&app, Some(app.sign_in(OFFICER_B).await));

    // The form offers the best matches first, each with its credits and level, and a
    // search of the whole catalogue; nothing lists the catalogue whole.
    let (_, page) = officer.get(&format!("/credentials/{ds}")).await;
    let offered = page.matches(r#"type="radio" id="target"#).count();
    assert!((1..=10).contains(&offered), "{offered} offered: {page}");
    assert!(page.contains("3 ECTS · EQF level 5"), "{page}");
    assert!(!page.contains(&quantum), "{page}");
    assert!(page.contains(r#"name="target_search""#), "{page}");

    // "Find" brings the form back with what matches first, every answer kept, nothing
    // recorded and nothing wrong.
    let csrf = csrf_of(&page);
    let action = format!("/credentials/{ds}/decisions");
    let (status, _, page) = officer
        .post(
            &action,
            &[
                ("csrf", &csrf),
                ("target_search", "quantum"),
                ("find_target", "1"),
                ("rationale", "same outcomes, checked with the syllabus"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(!page.contains("error-summary"), "{page}");
    assert!(
        page.contains("One of our credentials matches “quantum”"),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            r#"<input type="radio" id="target" name="target" value="{quantum}" autofocus"#
        )),
        "the one found comes first: {page}"
    );
    assert!(page.contains("4 ECTS · EQF level 7"), "{page}");
    assert!(page.contains("same outcomes, checked with the syllabus</textarea>"));
    assert!(page.contains(r#"value="equivalent" checked"#), "{page}");
    let (_, decisions) = app.get("/api/v1/recognitions").await;
    assert_eq!(decisions["total"], 0, "{decisions}");

    // Chosen, it is recorded.
    let (status, location, _) = officer
        .post(
            &action,
            &[
                ("csrf", &csrf),
                ("outcome", "equivalent"),
                ("target", &quantum),
                ("target_search", "quantum"),
                ("rationale", "same outcomes, checked with the syllabus"),
                ("decided_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let (_, decisions) = app.get("/api/v1/recognitions").await;
    assert_eq!(
        decisions["decisions"][0]["outcome"]["target"], quantum,
        "{decisions}"
    );
    // Revising it, the target chosen is among the choices, checked.
    let id = decisions["decisions"][0]["id"].as_str().unwrap().to_owned();
    let (_, page) = officer.get(&format!("/decisions/{id}")).await;
    assert!(
        page.contains(&format!(r#"value="{quantum}" checked"#)),
        "{page}"
    );

    // The list as one types: a credential held (the officer's own left out) opens its
    // equivalents; the officer's own catalogue only for a signed-in officer.
    let (status, found) = suggestions(&anonymous, "q=data").await;
    assert_eq!(status, 200);
    let found = found.as_array().unwrap().clone();
    assert!(!found.is_empty() && found.len() <= 8, "{found:?}");
    let (_, mine) = suggestions(&officer, "q=data").await;
    let mine = mine.as_array().unwrap().clone();
    assert_eq!(mine[0]["id"], ds, "{mine:?}");
    assert_eq!(
        mine[0]["href"],
        format!("/credentials/{ds}/equivalents"),
        "{mine:?}"
    );
    assert!(
        mine.iter()
            .all(|s| s["id"].as_str().unwrap().starts_with("uni-a")),
        "{mine:?}"
    );
    let (status, _) = suggestions(&anonymous, "q=quantum&among=own").await;
    assert_eq!(status, 403);
    let (status, own) = suggestions(&officer, "q=quantum&among=own").await;
    assert_eq!(status, 200);
    assert_eq!(own.as_array().unwrap().len(), 1, "{own}");
    assert_eq!(own[0]["id"], quantum);
    assert_eq!(own[0]["detail"], "4 ECTS · EQF level 7");
    let (_, short) = suggestions(&officer, "q=q&among=own").await;
    assert_eq!(short, json!([]));
    let (status, _) = suggestions(&officer, "q=data&among=everyone").await;
    assert_eq!(status, 400);
    app.stop().await;
}
