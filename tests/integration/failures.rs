//! A failed harvest told to its publisher (issue 26): the cause in plain words and what
//! to do next, on the sources page (in the reader's language) and in the API, with the
//! technical detail kept behind a disclosure.

use tests::TestApp;

#[actix_web::test]
async fn a_broken_feed_is_said_in_plain_words_with_the_detail_behind() {
    let feeds = tempfile::tempdir().unwrap();
    let broken = feeds.path().join("broken.json");
    std::fs::write(
        &broken,
        "[{\"id\": \"c1\", \"title\": {\"en\": \"Course\"}},",
    )
    .unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let sources = format!(
        "[[sources]]\nid = \"broken\"\ninstitution = \"Broken University\"\ncountry = \"DE\"\n\
         protocol = \"file\"\nurl = {:?}\nformat = \"clearinghouse-json\"\n\
         [[sources]]\nid = \"down\"\ninstitution = \"Down University\"\ncountry = \"PL\"\n\
         protocol = \"http\"\nurl = \"http://127.0.0.1:{port}/feed.json\"\n\
         format = \"clearinghouse-json\"\nallow_private_address = true\n",
        broken.display().to_string()
    );
    let app = TestApp::spawn(&sources).await;
    for (source, kind) in [("broken", "malformed_json"), ("down", "connection_refused")] {
        let run = app.harvest(source).await;
        assert_eq!(run.outcome, model::RunOutcome::Failed, "{run:?}");
        let (status, runs) = app.get(&format!("/api/v1/sources/{source}/runs")).await;
        assert_eq!(status, 200, "{runs}");
        let last = &runs["runs"][0];
        assert_eq!(last["failure"]["kind"], kind, "{last}");
        assert!(
            last["failure"]["next_step"]
                .as_str()
                .is_some_and(|step| step.starts_with("Check")),
            "{last}"
        );
        assert!(last["message"].as_str().is_some(), "the detail is kept");
    }

    let page = app.text("/sources/broken").await;
    assert!(page.contains("The feed is not valid JSON."), "{page}");
    assert!(page.contains("<summary>Technical details</summary>"));
    assert!(
        !page.contains(&feeds.path().display().to_string()),
        "the server's file path is not shown: {page}"
    );
    let page = app.text("/sources/down").await;
    assert!(
        page.contains("The feed&#39;s server refused the connection"),
        "{page}"
    );
    let polish = app.text("/sources/broken?lang=pl").await;
    assert!(
        polish.contains("Kanał nie jest poprawnym JSON."),
        "{polish}"
    );
    assert!(polish.contains("Szczegóły techniczne"));
    // The index says how each went, in one table.
    let index = app.text("/sources").await;
    assert!(index.contains("href=\"/sources/broken\""), "{index}");
    // The Atom feed of the runs says the same to a feed reader.
    let atom = app.text("/sources/down/runs.atom").await;
    assert!(
        atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
        "{atom}"
    );
    assert!(atom.contains("refused the connection"), "{atom}");
    assert!(atom.contains("<entry>"), "{atom}");
    app.stop().await;
}
