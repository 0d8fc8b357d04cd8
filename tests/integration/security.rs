//! Access control and limits (issue 9): security headers on every response, the
//! per-client rate limit, the lockout after failed authentications, and bounded query
//! strings and bodies.

use tests::TestApp;

const TOKEN: &str = "security-test-officer-token";

fn tokens_toml() -> String {
    format!(
        "[[tokens]]\nid = \"officer\"\nsha256 = \"{}\"\ninstitution = \"uni-b\"\nperson = \"Sam Officer\"\n",
        server::auth::token_hash_hex(TOKEN)
    )
}

async fn spawn(server_toml: &str) -> TestApp {
    TestApp::spawn_with(tempfile::tempdir().unwrap(), server_toml, &tokens_toml()).await
}

#[actix_web::test]
async fn every_response_carries_the_security_headers_and_pages_keep_their_policy() {
    let app = spawn("rate_limit_per_minute = 0\n").await;
    let client = &app.client;
    let base = &app.base_url;
    let responses = [
        ("/health", client.get(format!("{base}/health"))),
        ("search", client.get(format!("{base}/api/v1/search?q=data"))),
        (
            "bad parameter",
            client.get(format!("{base}/api/v1/search?nope=1")),
        ),
        ("404", client.get(format!("{base}/no/such/thing"))),
        ("oai", client.get(format!("{base}/oai?verb=Identify"))),
        (
            "401",
            client
                .post(format!("{base}/api/v1/recognitions"))
                .body("{}"),
        ),
        ("page", client.get(format!("{base}/"))),
    ];
    for (what, request) in responses {
        let response = request.send().await.unwrap();
        let headers = response.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_else(|| panic!("{what}: no {name} header"))
                .to_owned()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
        assert_eq!(header("x-frame-options"), "DENY", "{what}");
        assert!(!header("referrer-policy").is_empty(), "{what}");
        let policy = header("content-security-policy");
        assert!(policy.starts_with("default-src 'none'"), "{what}: {policy}");
        if what == "page" {
            assert!(
                policy.contains("script-src 'self'"),
                "the page's own policy is kept: {policy}"
            );
            assert_eq!(
                headers.get_all("content-security-policy").iter().count(),
                1,
                "one policy, not two"
            );
        } else {
            assert!(
                policy.contains("frame-ancestors 'none'"),
                "{what}: {policy}"
            );
        }
    }
    app.stop().await;
}

#[actix_web::test]
async fn the_public_api_is_rate_limited_per_client_with_retry_after() {
    let app = spawn("rate_limit_per_minute = 60\nrate_limit_burst = 5\n").await;
    for i in 0..5 {
        let (status, _) = app.get("/api/v1/sources").await;
        assert_eq!(status, 200, "request {i} is within the burst");
    }
    let response = app
        .client
        .get(format!("{}/api/v1/search?q=x", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    assert_eq!(
        response.headers()["x-content-type-options"],
        "nosniff",
        "refusals carry the security headers too"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // Health checks are never limited.
    assert_eq!(app.get("/health").await.0, 200);
    app.stop().await;
}

#[actix_web::test]
async fn failed_authentications_lock_the_address_out_of_authenticated_requests() {
    let app = spawn("rate_limit_per_minute = 0\nfailed_auth_per_minute = 3\n").await;
    let post = |token: &'static str| {
        app.client
            .post(format!("{}/api/v1/recognitions", app.base_url))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body("{}")
            .send()
    };
    for guess in 0..3 {
        let response = post("guessed-token").await.unwrap();
        assert_eq!(response.status().as_u16(), 401, "guess {guess}");
    }
    // Now even the right token waits: the guesser cannot tell a hit from the lockout.
    let locked = post(TOKEN).await.unwrap();
    assert_eq!(locked.status().as_u16(), 429);
    let retry_after: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    let body: serde_json::Value = locked.json().await.unwrap();
    assert_eq!(body["code"], "too_many_failed_authentications");
    // Reading needs no credentials and is not locked out.
    assert_eq!(app.get("/api/v1/sources").await.0, 200);
    app.stop().await;

    // Below the limit, the right token works as ever.
    let app = spawn("rate_limit_per_minute = 0\nfailed_auth_per_minute = 3\n").await;
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(TOKEN)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        400,
        "authenticated, then a bad body"
    );
    app.stop().await;
}

#[actix_web::test]
async fn failures_spread_over_many_addresses_lock_everyone_out() {
    // Each address stays under its own limit; together they pass the server's.
    let app = spawn(
        "rate_limit_per_minute = 0\nfailed_auth_per_minute = 100\nfailed_auth_total_per_minute = 4\n",
    )
    .await;
    let from = |last_octet: u8| {
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from([127, 0, 0, last_octet]))
            .build()
            .unwrap()
    };
    let post = |client: reqwest::Client, token: &'static str| {
        let url = format!("{}/api/v1/recognitions", app.base_url);
        async move {
            client
                .post(url)
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap()
        }
    };
    for octet in 2..6 {
        let response = post(from(octet), "guessed-token").await;
        assert_eq!(
            response.status().as_u16(),
            401,
            "guess from 127.0.0.{octet}"
        );
    }
    // A fresh address, the right token: refused until the server-wide bucket refills.
    let locked = post(from(9), TOKEN).await;
    assert_eq!(locked.status().as_u16(), 429);
    assert!(locked.headers().contains_key("retry-after"));
    let body: serde_json::Value = locked.json().await.unwrap();
    assert_eq!(body["code"], "too_many_failed_authentications");
    assert!(
        body["message"].as_str().unwrap().contains("many addresses"),
        "{body}"
    );
    // Reading needs no credentials and is not locked out.
    assert_eq!(app.get("/api/v1/sources").await.0, 200);
    app.stop().await;
}

#[actix_web::test]
async fn query_strings_and_bodies_are_bounded() {
    let app =
        spawn("rate_limit_per_minute = 0\nmax_body_bytes = 1024\nmax_query_bytes = 4096\n").await;
    let long_query = format!("/api/v1/search?q={}", "a".repeat(5000));
    let (status, body) = app.get(&long_query).await;
    assert_eq!(status, 414);
    assert_eq!(body["code"], "query_too_long");
    let (status, _) = app
        .get(&format!("/api/v1/search?q={}", "a".repeat(3000)))
        .await;
    assert_ne!(
        status, 414,
        "a long query within the bound reaches the handler"
    );

    let post = |body: reqwest::Body| {
        app.client
            .post(format!("{}/api/v1/recognitions", app.base_url))
            .bearer_auth(TOKEN)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let declared = post(reqwest::Body::from(vec![b' '; 4096])).await.unwrap();
    assert_eq!(declared.status().as_u16(), 413);
    // A chunked body declares no length: the body extractor stops at the limit.
    let chunks = (0..8).map(|_| Ok::<_, std::io::Error>(vec![b' '; 512]));
    let streamed = post(reqwest::Body::wrap_stream(futures_util::stream::iter(
        chunks,
    )))
    .await
    .unwrap();
    assert_eq!(streamed.status().as_u16(), 413);
    app.stop().await;
}

#[tokio::test]
async fn a_proxy_from_the_environment_cannot_carry_a_harvest_past_the_address_check() {
    // A "proxy" on loopback that counts the connections it gets and answers none.
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    proxy.set_nonblocking(true).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("clearinghouse.toml");
    // `localhost` resolves to loopback, which the address check refuses; through a
    // proxy the check would never see that address.
    std::fs::write(
        &config_path,
        format!(
            "data_dir = {:?}\n[harvest]\nrequest_timeout_secs = 5\nmax_retries = 0\n\
             [[sources]]\nid = \"inside\"\ninstitution = \"Inside\"\ncountry = \"NL\"\n\
             protocol = \"oai-pmh\"\nurl = \"http://localhost:9/oai\"\n\
             metadata_prefix = \"oai_dc\"\nformat = \"oai_dc\"\n",
            dir.path().join("data").display().to_string()
        ),
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_clearinghouse-under-test"))
        .args(["harvest", "--source", "inside", "--config"])
        .arg(&config_path)
        .env("RUST_LOG", "warn")
        .env("HTTP_PROXY", &proxy_url)
        .env("http_proxy", &proxy_url)
        .env("ALL_PROXY", &proxy_url)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap();
    let proxied = proxy.accept().is_ok();
    assert!(!proxied, "the harvest went through the proxy: {output:?}");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("non-public address"), "{said}");
}

#[actix_web::test]
async fn signing_out_ends_the_session_on_the_server_and_everywhere_ends_them_all() {
    let app = spawn("rate_limit_per_minute = 0\n").await;
    let signed_in = |cookie: String| {
        let request = app
            .client
            .get(format!("{}/sign-in", app.base_url))
            .header(reqwest::header::COOKIE, cookie);
        async move {
            let page = request.send().await.unwrap().text().await.unwrap();
            page.contains("Signed in for uni-b").then(|| {
                let marker = r#"name="csrf" value=""#;
                let start = page.find(marker).unwrap() + marker.len();
                page[start..start + page[start..].find('"').unwrap()].to_owned()
            })
        }
    };
    let sign_out = |cookie: String, csrf: String, everywhere: bool| {
        let body = if everywhere {
            format!("csrf={csrf}&everywhere=true")
        } else {
            format!("csrf={csrf}")
        };
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(format!("{}/sign-out", app.base_url))
            .header(reqwest::header::COOKIE, cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let (laptop, copied, phone) = (
        app.sign_in(TOKEN).await,
        String::new(),
        app.sign_in(TOKEN).await,
    );
    let copied = copied + &laptop;
    let csrf = signed_in(laptop.clone()).await.expect("signed in");
    assert_eq!(
        sign_out(laptop.clone(), csrf, false)
            .await
            .unwrap()
            .status()
            .as_u16(),
        303
    );
    assert!(
        signed_in(copied).await.is_none(),
        "a copy of a signed-out cookie no longer works"
    );
    let csrf = signed_in(phone.clone())
        .await
        .expect("another session goes on");
    // Sessions begin on a whole second: the next one starts after "everywhere".
    let tablet = app.sign_in(TOKEN).await;
    assert!(signed_in(tablet.clone()).await.is_some());
    assert_eq!(
        sign_out(phone.clone(), csrf, true)
            .await
            .unwrap()
            .status()
            .as_u16(),
        303
    );
    assert!(signed_in(phone).await.is_none());
    assert!(
        signed_in(tablet).await.is_none(),
        "every session of the token ended"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let later = app.sign_in(TOKEN).await;
    assert!(signed_in(later).await.is_some(), "signing in again works");
    app.stop().await;
}
