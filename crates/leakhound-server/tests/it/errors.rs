//! Every error code of the table, triggered through the API, with its exact body.

use crate::helpers::*;
use axum::body::Body;
use axum::http::Request;
use leakhound_api::ErrorCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn cc_rule() -> Value {
    json!({"detectors": [{"nightfallDetector": "CREDIT_CARD_NUMBER"}]})
}

/// Triggers each code; the snapshot holds every body, and the test fails when a code of the
/// table is never triggered.
#[tokio::test]
async fn every_error_code_with_its_body() {
    let app = app();
    let mut seen: BTreeMap<u32, Value> = BTreeMap::new();
    let mut record = |name: &str, status: u16, body: Value| {
        let code = body["code"]
            .as_u64()
            .unwrap_or_else(|| panic!("{name}: {body}")) as u32;
        assert_eq!(
            u32::from(status),
            code / 100,
            "{name}: status {status} for {body}"
        );
        for key in ["code", "message", "description", "additionalData"] {
            assert!(body.get(key).is_some(), "{name}: {key} missing in {body}");
        }
        seen.entry(code)
            .or_insert_with(|| json!({"case": name, "body": redact(&body)}));
    };
    macro_rules! scan {
        ($name:expr, $body:expr) => {{
            let r = app.scan($body).await;
            record($name, r.status.as_u16(), r.body);
        }};
    }
    let r = app
        .post("/v3/scan", "{\"payload\": [\"secret 4111\", ")
        .await;
    record("truncated JSON", r.status.as_u16(), r.body);
    let r = app.post("/v3/scan", r#"{"payload": "not a list"}"#).await;
    assert_eq!(
        r.body["additionalData"]["payload"],
        "a value has the wrong type (expected a sequence)"
    );
    scan!(
        "missing payload",
        json!({"policy": {"detectionRules": [cc_rule()]}})
    );
    scan!("no rules", json!({"payload": ["x"]}));
    scan!(
        "payload over 500 KB",
        json!({"payload": ["a".repeat(300_000), "b".repeat(200_001)], "policy": {"detectionRules": [cc_rule()]}})
    );
    scan!(
        "too many items",
        json!({"payload": vec![""; 50_001], "policy": {"detectionRules": [cc_rule()]}})
    );
    scan!(
        "21 rules",
        json!({"payload": ["x"], "policy": {"detectionRules": vec![cc_rule(); 21]}})
    );
    scan!(
        "2 policies",
        json!({"payload": ["x"], "policyUUIDs": [POLICY, CARD_RULE]})
    );
    scan!(
        "contextBytes 41",
        json!({"payload": ["x"], "policy": {"detectionRules": [cc_rule()], "contextBytes": 41}})
    );
    scan!(
        "two redaction methods",
        json!({"payload": ["x"], "policy": {"detectionRules": [cc_rule()],
        "defaultRedactionConfig": {"maskConfig": {}, "substitutionConfig": {"substitutionPhrase": "x"}}}})
    );
    scan!(
        "unknown detector",
        json!({"payload": ["x"], "policy": {"detectionRules": [{"detectors": [{"nightfallDetector": "CREDIT_CARD_NUMBR"}]}]}})
    );
    scan!(
        "unknown rule",
        json!({"payload": ["x"], "policy": {"detectionRuleUUIDs": ["00000000-0000-0000-0000-000000000000"]}})
    );
    scan!(
        "unknown policy",
        json!({"payload": ["x"], "policyUUIDs": ["00000000-0000-0000-0000-000000000000"]})
    );
    scan!(
        "unknown detectorUUID",
        json!({"payload": ["x"], "policy": {"detectionRules": [{"detectors": [{"detectorUUID": "00000000-0000-0000-0000-000000000001"}]}]}})
    );

    // Uploads.
    let r = app.post("/v3/upload", r#"{"fileSizeBytes": -1}"#).await;
    record("negative file size", r.status.as_u16(), r.body);
    let init = app.post("/v3/upload", r#"{"fileSizeBytes": 5}"#).await;
    let id = init.body["id"].as_str().unwrap().to_string();
    let r = app
        .send(
            Request::patch(format!("/v3/upload/{id}"))
                .header("authorization", format!("Bearer {KEY}"))
                .header("x-upload-offset", "3")
                .body(Body::from("ab"))
                .unwrap(),
        )
        .await;
    record("offset not a chunk multiple", r.status.as_u16(), r.body);
    let r = app.post(&format!("/v3/upload/{id}/finish"), "").await;
    record("finish before the chunks", r.status.as_u16(), r.body);
    let r = app
        .post(
            &format!("/v3/upload/{id}/scan"),
            json!({"policyUUID": POLICY}).to_string(),
        )
        .await;
    record("scan before finish", r.status.as_u16(), r.body);
    let r = app
        .post("/v3/upload/00000000-0000-0000-0000-000000000000/finish", "")
        .await;
    record("unknown upload", r.status.as_u16(), r.body);
    let done = upload(&app, b"hello", None).await;
    let r = app
        .post(
            &format!("/v3/upload/{done}/scan"),
            json!({"policy": {"webhookURL": "ftp://x", "detectionRules": [cc_rule()]}}).to_string(),
        )
        .await;
    record("ftp webhook", r.status.as_u16(), r.body);
    let r = app
        .post(
            &format!("/v3/upload/{done}/scan"),
            json!({"policyUUID": POLICY, "requestMetadata": "m".repeat(10_241)}).to_string(),
        )
        .await;
    record("metadata over 10 KB", r.status.as_u16(), r.body);
    let r = app
        .post(&format!("/v3/upload/{done}/scan"), json!({"policy": {"webhookURL": "http://127.0.0.1:9/hook", "detectionRules": [cc_rule()]}}).to_string())
        .await;
    record("unreachable webhook", r.status.as_u16(), r.body);
    let wrong = receiver(Hook::WrongChallenge).await;
    let r = app
        .post(
            &format!("/v3/upload/{done}/scan"),
            json!({"policy": {"webhookURL": wrong.url, "detectionRules": [cc_rule()]}}).to_string(),
        )
        .await;
    record("wrong challenge answer", r.status.as_u16(), r.body);
    let good = receiver(Hook::Good).await;
    let scan_body =
        json!({"policy": {"webhookURL": good.url, "detectionRules": [cc_rule()]}}).to_string();
    let r = app
        .post(&format!("/v3/upload/{done}/scan"), scan_body.clone())
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .post(&format!("/v3/upload/{done}/scan"), scan_body)
        .await;
    record("scanned twice", r.status.as_u16(), r.body);

    // Auth, routes, methods, findings links.
    let r = app
        .send(
            Request::post("/v3/scan")
                .header("authorization", "Bearer NF-wrong")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    record("bad key", r.status.as_u16(), r.body);
    let r = app
        .send(Request::get("/v2/scan").body(Body::empty()).unwrap())
        .await;
    record("unknown route", r.status.as_u16(), r.body);
    let r = app
        .send(
            Request::get("/v3/scan")
                .header("authorization", format!("Bearer {KEY}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    record("GET /v3/scan", r.status.as_u16(), r.body);
    let r = app
        .send(
            Request::get(format!(
                "/v3/findings/{done}.json?Expires=99999999999&Signature=00"
            ))
            .body(Body::empty())
            .unwrap(),
        )
        .await;
    record("forged findings link", r.status.as_u16(), r.body);

    // Limits that need their own configuration.
    let small = app_with(|c| c.limits.max_request_body_bytes = 1024);
    let r = small
        .scan(json!({"payload": ["a".repeat(2000)], "policy": {"detectionRules": [cc_rule()]}}))
        .await;
    record("body over the limit", r.status.as_u16(), r.body);
    let limited = app_with(|c| {
        c.rate_limit.requests_per_second = 0.01;
        c.rate_limit.burst = 1;
    });
    let first = limited
        .scan(json!({"payload": ["x"], "policy": {"detectionRules": [cc_rule()]}}))
        .await;
    assert_eq!(first.headers["x-rate-limit-remaining"], "0");
    let r = limited
        .scan(json!({"payload": ["x"], "policy": {"detectionRules": [cc_rule()]}}))
        .await;
    assert_eq!(r.headers["retry-after"], "100");
    record("rate limited", r.status.as_u16(), r.body);
    let unsigned = app_with(|c| c.signing_secret = None);
    let id = upload(&unsigned, b"x", None).await;
    let r = unsigned
        .post(
            &format!("/v3/upload/{id}/scan"),
            json!({"policy": {"webhookURL": good.url, "detectionRules": [cc_rule()]}}).to_string(),
        )
        .await;
    record(
        "file scan without a signing secret",
        r.status.as_u16(),
        r.body,
    );
    let slow_app = app_with(|c| c.limits.request_timeout_secs = 1);
    let slow = receiver(Hook::Slow(3)).await;
    let id = upload(&slow_app, b"x", None).await;
    let r = slow_app
        .post(
            &format!("/v3/upload/{id}/scan"),
            json!({"policy": {"webhookURL": slow.url, "detectionRules": [cc_rule()]}}).to_string(),
        )
        .await;
    record("request timeout", r.status.as_u16(), r.body);

    let missing: Vec<u32> = ErrorCode::ALL
        .iter()
        .map(|c| c.code())
        .filter(|c| !seen.contains_key(c))
        .collect();
    assert!(missing.is_empty(), "codes never triggered: {missing:?}");
    insta::assert_json_snapshot!("every_error_code", seen);
}

#[tokio::test]
async fn rate_limited_requests_carry_retry_after_and_json() {
    let app = app_with(|c| {
        c.rate_limit.requests_per_second = 1.0;
        c.rate_limit.burst = 2;
    });
    let body = json!({"payload": ["x"], "policy": {"detectionRules": [cc_rule()]}});
    assert_eq!(
        app.scan(body.clone()).await.headers["x-rate-limit-remaining"],
        "1"
    );
    assert_eq!(app.scan(body.clone()).await.status, 200);
    let r = app.scan(body).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "1");
    assert_eq!(r.body["code"], 42900);
}
