//! Private means private (issue 23): a decision its institution keeps private is seen by
//! that institution's officers and by admins, and by nobody else, in any answer. The
//! test records one private and one public decision, then walks every read endpoint of
//! the API, the OAI-PMH provider and every page, anonymously and as an officer of another
//! institution (a bearer token for the API, a signed-in session for the pages), and looks
//! for the private decision's id, its rationale and its conditions in every body, and at
//! the counts.

use reqwest::header::COOKIE;
use serde_json::{Value, json};
use tests::TestApp;

use super::recognitions::{OFFICER_B, OFFICER_C, id_of};

const ADMIN: &str = "private-test-admin";
/// Words only the private decision holds.
const SECRET_RATIONALE: &str = "confidential-rationale-7f3a";
const SECRET_CONDITIONS: &str = "confidential-conditions-91c2";

/// The recognition tests' universities and officers, and an admin.
fn config(dir: &std::path::Path) -> String {
    format!(
        "{}[[tokens]]\nid = \"the-admin\"\nsha256 = \"{}\"\ninstitution = \"uni-c\"\nadmin = true\nperson = \"Ada Admin\"\n",
        super::recognitions::config(dir),
        server::auth::token_hash_hex(ADMIN)
    )
}

/// Records a decision with officer B's token; its id.
async fn record(app: &TestApp, body: Value) -> String {
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(OFFICER_B)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let stored: Value = response.json().await.unwrap();
    stored["id"].as_str().unwrap().to_owned()
}

/// How a request is made: anonymously, with a bearer token, or with a page session.
#[derive(Clone, Copy)]
enum As<'a> {
    Anonymous,
    Token(&'a str),
    Session(&'a str),
}

async fn fetch(app: &TestApp, path: &str, who: As<'_>) -> (u16, String) {
    let mut request = app.client.get(format!("{}{path}", app.base_url));
    match who {
        As::Anonymous => {}
        As::Token(token) => request = request.bearer_auth(token),
        As::Session(cookie) => request = request.header(COOKIE, cookie),
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[actix_web::test]
async fn a_private_decision_is_seen_by_its_institution_and_admins_only() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let (held, target, other) = (
        id_of("uni-a", "a-ds"),
        id_of("uni-b", "b-ds"),
        id_of("uni-a", "a-bio"),
    );
    let private_id = record(
        &app,
        json!({
            "credential": held,
            "outcome": { "kind": "equivalent", "target": target },
            "rationale": SECRET_RATIONALE,
            "conditions": SECRET_CONDITIONS,
            "decided_on": "2026-11-20",
            "private": true
        }),
    )
    .await;
    let public_id = record(
        &app,
        json!({
            "credential": other,
            "outcome": { "kind": "refused" },
            "rationale": "a public refusal: no overlap in outcomes",
            "decided_on": "2026-11-21"
        }),
    )
    .await;

    // Every read endpoint and page, with ids and parameters that reach the decisions.
    let api = [
        "/api/v1/recognitions".to_owned(),
        "/api/v1/recognitions?withdrawn=true".to_owned(),
        "/api/v1/recognitions?institution=uni-b".to_owned(),
        format!("/api/v1/recognitions?credential={held}"),
        format!("/api/v1/recognitions?credential={target}"),
        format!("/api/v1/recognitions/{private_id}"),
        format!("/api/v1/credentials/{held}"),
        format!("/api/v1/credentials/{held}/equivalents"),
        format!("/api/v1/credentials/{held}/equivalents?institution=uni-b"),
        format!("/api/v1/credentials/{target}"),
        format!("/api/v1/compare?a={held}&b={target}"),
        "/api/v1/search?q=data".to_owned(),
        "/api/v1/sources".to_owned(),
        "/api/v1/sources/uni-b/report".to_owned(),
        "/api/v1/sources/uni-b/runs".to_owned(),
        "/health".to_owned(),
        "/oai?verb=ListSets".to_owned(),
        "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc".to_owned(),
        "/oai?verb=ListRecords&metadataPrefix=oai_dc&set=decisions".to_owned(),
        format!(
            "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:ch:decision:{private_id}"
        ),
        "/api/v1/agreements/uni-a/uni-b".to_owned(),
        "/api/v1/agreements/uni-a/uni-b?format=csv&withdrawn=true".to_owned(),
    ];
    let pages = [
        "/".to_owned(),
        "/?q=data".to_owned(),
        format!("/credentials/{held}"),
        format!("/credentials/{held}/equivalents"),
        format!("/credentials/{held}/equivalents?institution=uni-b"),
        format!("/credentials/{target}"),
        format!("/compare?a={held}&b={target}"),
        "/institutions/uni-b/decisions".to_owned(),
        "/agreements/uni-a/uni-b".to_owned(),
        "/sources".to_owned(),
    ];
    let session_c = app.sign_in(OFFICER_C).await;
    let outsiders = [
        ("anonymous", As::Anonymous, As::Anonymous),
        (
            "an officer of another institution",
            As::Token(OFFICER_C),
            As::Session(&session_c),
        ),
    ];
    for (who, api_as, page_as) in outsiders {
        for (path, who_as) in api
            .iter()
            .map(|p| (p, api_as))
            .chain(pages.iter().map(|p| (p, page_as)))
        {
            let (status, body) = fetch(&app, path, who_as).await;
            assert!(
                status < 500,
                "{path} as {who}: {status} {}",
                &body[..body.len().min(300)]
            );
            // (A "not found" may repeat the id it was asked for.)
            for secret in [private_id.as_str(), SECRET_RATIONALE, SECRET_CONDITIONS]
                .into_iter()
                .filter(|secret| !path.contains(secret))
            {
                assert!(
                    !body.contains(secret),
                    "{path} as {who} shows the private decision ({secret})"
                );
            }
        }
        // Not there at all, and not counted; OAI-PMH does not know it either (not even
        // as a deleted header: it was never published), and lists the public one.
        let (status, _) = fetch(&app, &format!("/api/v1/recognitions/{private_id}"), api_as).await;
        assert_eq!(status, 404, "as {who}");
        let (_, record) = fetch(
            &app,
            &format!(
                "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:ch:decision:{private_id}"
            ),
            api_as,
        )
        .await;
        assert!(record.contains("idDoesNotExist"), "as {who}: {record}");
        let (_, listed) = fetch(
            &app,
            "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=decisions",
            api_as,
        )
        .await;
        assert!(
            listed.contains(&format!("decision:{public_id}")),
            "{listed}"
        );
        let (_, list) = fetch(&app, "/api/v1/recognitions", api_as).await;
        let list: Value = serde_json::from_str(&list).unwrap();
        assert_eq!(list["total"], 1, "as {who}: {list}");
        assert_eq!(list["decisions"][0]["id"], public_id.as_str());
        let (_, compare) = fetch(
            &app,
            &format!("/api/v1/compare?a={held}&b={target}"),
            api_as,
        )
        .await;
        let compare: Value = serde_json::from_str(&compare).unwrap();
        assert_eq!(
            compare["precedents"].as_array().map(Vec::len),
            Some(0),
            "as {who}: {compare}"
        );
        let (_, found) = fetch(
            &app,
            &format!("/api/v1/credentials/{held}/equivalents?institution=uni-b"),
            api_as,
        )
        .await;
        let found: Value = serde_json::from_str(&found).unwrap();
        for hit in found["hits"].as_array().unwrap() {
            assert_eq!(hit["precedents"]["equivalent"], 0, "as {who}: {hit}");
        }
    }

    // Its institution and an admin see it, in the API and on the pages.
    let session_b = app.sign_in(OFFICER_B).await;
    let session_admin = app.sign_in(ADMIN).await;
    for (who, api_as, page_as) in [
        (
            "its institution",
            As::Token(OFFICER_B),
            As::Session(&session_b),
        ),
        ("an admin", As::Token(ADMIN), As::Session(&session_admin)),
    ] {
        let (status, body) =
            fetch(&app, &format!("/api/v1/recognitions/{private_id}"), api_as).await;
        assert_eq!(status, 200, "as {who}");
        assert!(body.contains(SECRET_RATIONALE));
        let (_, list) = fetch(&app, "/api/v1/recognitions", api_as).await;
        let list: Value = serde_json::from_str(&list).unwrap();
        assert_eq!(list["total"], 2, "as {who}: {list}");
        let (_, compare) = fetch(
            &app,
            &format!("/api/v1/compare?a={held}&b={target}"),
            api_as,
        )
        .await;
        assert!(compare.contains(&private_id), "as {who}: {compare}");
        for path in [
            format!("/credentials/{held}"),
            "/institutions/uni-b/decisions".to_owned(),
            "/agreements/uni-a/uni-b".to_owned(),
        ] {
            let (status, page) = fetch(&app, &path, page_as).await;
            assert_eq!(status, 200);
            assert!(page.contains(SECRET_RATIONALE), "{path} as {who}");
        }
    }
    // Its institution's own lookups weigh it.
    let (_, found) = fetch(
        &app,
        &format!("/api/v1/credentials/{held}/equivalents?institution=uni-b"),
        As::Token(OFFICER_B),
    )
    .await;
    let found: Value = serde_json::from_str(&found).unwrap();
    let hit = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|hit| hit["credential"]["id"] == target.as_str())
        .expect("B's course is a hit");
    assert_eq!(hit["precedents"]["equivalent"], 1, "{hit}");
}
