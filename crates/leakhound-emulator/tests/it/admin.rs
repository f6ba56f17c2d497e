//! The admin API and the fault wrapper on both emulators: per-emulator counters and knobs,
//! Zendesk-shaped injected errors, ground truth of records added while running.

use leakhound_emulator::db::Db;
use leakhound_emulator::model::{Field, GroundTruthSpan};
use leakhound_emulator::server::{self, EmulatorOptions, RunningEmulators};
use leakhound_emulator::synth::{self, SynthConfig};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

async fn start(tickets: u64) -> RunningEmulators {
    let db = Db::open_temporary().expect("temporary store");
    synth::generate(&db, &SynthConfig::new(5, tickets)).expect("synthetic data");
    let hs = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let zd = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    server::start(db, EmulatorOptions::default(), hs, zd).expect("start")
}

fn zendesk_auth(running: &RunningEmulators) -> String {
    use base64::Engine as _;
    let auth = &running.zendesk.auth;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}/token:{}",
            auth.zendesk_email, auth.zendesk_token
        ))
    )
}

#[tokio::test]
async fn faults_and_counters_are_per_emulator_and_zendesk_errors_have_zendesks_shape() {
    let running = start(5).await;
    let client = Client::new();
    let zd = running.zendesk_url().to_string();
    let hs = running.hubspot_url().to_string();
    let patched = client
        .patch(format!("{zd}/_admin/faults"))
        .json(&json!({"error_rate": 1.0, "error_statuses": [500]}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), StatusCode::OK);
    let failed = client
        .get(format!("{zd}/api/v2/tickets.json"))
        .header("authorization", zendesk_auth(&running))
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body: Value = failed.json().await.unwrap();
    assert_eq!(body["error"], "InternalServerError");
    // The HubSpot emulator is unaffected, and each counts only its own calls.
    let ok = client
        .get(format!("{hs}/crm/v3/owners/70"))
        .bearer_auth(&running.hubspot.auth.hubspot_token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let zd_calls: Value = client
        .get(format!("{zd}/_admin/calls"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let hs_calls: Value = client
        .get(format!("{hs}/_admin/calls"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(zd_calls["total"], 1);
    assert_eq!(zd_calls["statuses"]["GET /api/v2/tickets.json"]["500"], 1);
    assert_eq!(hs_calls["total"], 1);
    // Invalid knobs are refused and leave the configuration as it was.
    let refused = client
        .patch(format!("{zd}/_admin/faults"))
        .json(&json!({"error_statuses": [200]}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let current: Value = client
        .get(format!("{zd}/_admin/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(current["error_statuses"], json!([500]));
    let unknown = client
        .get(format!("{zd}/api/v2/nothing-here.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    running.shutdown().await.unwrap();
}

#[tokio::test]
async fn comments_added_while_running_have_exact_ground_truth() {
    let running = start(10).await;
    let client = Client::new();
    let zd = running.zendesk_url().to_string();
    let before = running.zendesk.db.zd_ticket(4).unwrap().unwrap();
    let mut spans: Vec<GroundTruthSpan> = Vec::new();
    // Generated comments carry sensitive values often, but not always: add a few.
    for _ in 0..6 {
        let added: Value = client
            .post(format!("{zd}/_admin/tickets/4/comments"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        spans.extend(
            serde_json::from_value::<Vec<GroundTruthSpan>>(added["ground_truth"].clone()).unwrap(),
        );
    }
    assert!(!spans.is_empty());
    for span in &spans {
        assert_eq!(span.field, Field::Comment);
        let comment = running
            .zendesk
            .db
            .zd_comment(span.object_id.unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(
            comment.body.get(span.start..span.end),
            Some(span.value.as_str())
        );
    }
    let after = running.zendesk.db.zd_ticket(4).unwrap().unwrap();
    assert!(after.updated_at > before.updated_at);
    let created: Value = client
        .post(format!("{zd}/_admin/tickets"))
        .json(&json!({"subject": "typed by hand", "body": "no secrets here", "public": false}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(created["ticket"]["subject"], "typed by hand");
    assert_eq!(created["ground_truth"], json!([]));
    let jsonl = client
        .get(format!("{zd}/_admin/ground-truth"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows: Vec<GroundTruthSpan> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows
        .iter()
        .all(|r| r.helpdesk == leakhound_emulator::model::Helpdesk::Zendesk));
    assert!(spans.iter().all(|s| rows.contains(s)));
    let bad = client
        .post(format!("{zd}/_admin/tickets"))
        .body("{oops")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    running.shutdown().await.unwrap();
}
