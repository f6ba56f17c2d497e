//! File scans end to end: uploads, the durable queue, webhooks and findings documents.

use crate::helpers::*;
use axum::body::Body;
use axum::http::Request;
use leakhound_api::webhook::signature;
use serde_json::{json, Value};
use std::time::Duration;

async fn next(r: &mut Receiver) -> Received {
    tokio::time::timeout(Duration::from_secs(30), r.rx.recv())
        .await
        .expect("a notification within 30 s")
        .unwrap()
}

#[tokio::test]
async fn chunks_arrive_out_of_order_and_finish_checks_them() {
    let app = app();
    let size = 10 * 1024 * 1024 + 10;
    let init = app
        .post("/v3/upload", json!({"fileSizeBytes": size}).to_string())
        .await;
    assert_eq!(init.status, 200);
    assert_eq!(init.body["chunkSize"], 10485760);
    let id = init.body["id"].as_str().unwrap().to_string();
    let patch = |offset: usize, len: usize| {
        Request::patch(format!("/v3/upload/{id}"))
            .header("authorization", format!("Bearer {KEY}"))
            .header("x-upload-offset", offset.to_string())
            .body(Body::from(vec![b'a'; len]))
            .unwrap()
    };
    assert_eq!(app.send(patch(10 * 1024 * 1024, 10)).await.status, 204);
    let early = app.post(&format!("/v3/upload/{id}/finish"), "").await;
    assert_eq!(early.body["code"], 40027, "{}", early.body);
    assert_eq!(app.send(patch(0, 10 * 1024 * 1024)).await.status, 204);
    let done = app.post(&format!("/v3/upload/{id}/finish"), "").await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["id"], id.as_str());
    assert_eq!(done.body["mimeType"], "text/plain");
}

#[tokio::test]
async fn csv_scan_end_to_end_with_signed_webhook_and_findings_document() {
    let app = app();
    let mut hook = receiver(Hook::Good).await;
    let (base, stop, server) = spawn_server(app.state.clone()).await;
    let csv = "id,note\n1,all good\n2,card 4111-1111-1111-1111 thanks\n";
    let id = upload(&app, csv.as_bytes(), None).await;
    let reply = app
        .post(
            &format!("/v3/upload/{id}/scan"),
            json!({"policy": {"webhookURL": hook.url, "detectionRuleUUIDs": [CARD_RULE]}, "requestMetadata": "ticket 7"})
                .to_string(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body, json!({"id": id, "message": "scan initiated"}));
    let got = next(&mut hook).await;
    assert_eq!(hook.challenges.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(
        got.signature,
        signature(SECRET, &got.timestamp, got.body.as_bytes())
    );
    assert!(!got.body.contains(": "), "compact JSON: {}", got.body);
    let note: Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(note["uploadID"], id.as_str());
    assert_eq!(note["findingsPresent"], true);
    assert_eq!(note["requestMetadata"], "ticket 7");
    let url = note["findingsURL"].as_str().unwrap();
    assert!(url.starts_with(&base), "{url}");
    let doc: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    let f = &doc["findings"][0];
    assert_eq!(f["location"]["rowRange"], json!({"start": 3, "end": 3}));
    assert_eq!(f["location"]["columnRange"], json!({"start": 2, "end": 2}));
    assert_eq!(f["location"]["lineRange"], json!({"start": 3, "end": 3}));
    insta::assert_json_snapshot!("csv_findings_document", redact(&doc));
    insta::assert_json_snapshot!("csv_notification", redact(&note));
    // A tampered link is refused in the API's error shape.
    let bad = reqwest::get(url.replace("Signature=", "Signature=0"))
        .await
        .unwrap();
    assert_eq!(bad.status(), 404);
    assert_eq!(bad.json::<Value>().await.unwrap()["code"], 40402);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn json_values_are_scanned_with_their_path_and_retries_deliver() {
    let app = app();
    let mut hook = receiver(Hook::FailFirst(1)).await;
    let (_base, stop, server) = spawn_server(app.state.clone()).await;
    let doc = json!({"tickets": [{"id": 1, "body": "fine"}, {"id": 2, "body": "ssn 489-36-8350"}]});
    let id = upload(&app, doc.to_string().as_bytes(), Some("application/json")).await;
    let reply = app
        .post(
            &format!("/v3/upload/{id}/scan"),
            json!({"policy": {"alertConfig": {"url": {"address": hook.url}},
                "detectionRules": [{"detectors": [{"nightfallDetector": "US_SOCIAL_SECURITY_NUMBER"}]}]}})
                .to_string(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let got = next(&mut hook).await;
    let note: Value = serde_json::from_str(&got.body).unwrap();
    let doc: Value = reqwest::get(note["findingsURL"].as_str().unwrap())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["findings"][0]["path"], "$.tickets[1].body");
    assert_eq!(doc["findings"][0]["finding"], "489-36-8350");
    let job = app.state.queue.job(&id).unwrap().unwrap();
    assert_eq!(job.attempts, 2, "one failed delivery, then success");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_queued_job_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut hook = receiver(Hook::Good).await;
    let id = {
        // First process: accepts the scan, but its workers never run (not served).
        let app = TestApp {
            state: leakhound_server::AppState::new(config(dir.path())).unwrap(),
            _dir: tempfile::tempdir().unwrap(),
        };
        let id = upload(&app, b"my card 4111 1111 1111 1111", None).await;
        let r = app
            .post(
                &format!("/v3/upload/{id}/scan"),
                json!({"policyUUID": POLICY}).to_string(),
            )
            .await;
        // The example policy has no webhook: scanning with it is refused...
        assert_eq!(r.body["code"], 40030, "{}", r.body);
        let r = app
            .post(
                &format!("/v3/upload/{id}/scan"),
                json!({"policy": {"webhookURL": hook.url, "detectionRuleUUIDs": [CARD_RULE]}})
                    .to_string(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        id
    };
    // Second process on the same data directory.
    let state = leakhound_server::AppState::new(config(dir.path())).unwrap();
    let (_base, stop, server) = spawn_server(state.clone()).await;
    let got = next(&mut hook).await;
    let note: Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(note["uploadID"], id.as_str());
    assert_eq!(note["findingsPresent"], true);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    let job = state.queue.job(&id).unwrap().unwrap();
    assert_eq!(job.state, leakhound_store::jobs::JobState::Done);
}
