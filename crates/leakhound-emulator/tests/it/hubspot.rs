//! The HubSpot emulator over real HTTP on 127.0.0.1 (port 0): pagination, search and its cap,
//! batch read, updates, notes, owners, auth, rate limits, fault injection and call counting.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use leakhound_emulator::db::Db;
use leakhound_emulator::server::{self, EmulatorOptions, RunningEmulators};
use leakhound_emulator::synth::{self, SynthConfig};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

struct Hub {
    running: RunningEmulators,
    client: Client,
    base: String,
    token: String,
}

impl Hub {
    async fn start(tickets: u64) -> Hub {
        let db = Db::open_temporary().expect("temporary store");
        synth::generate(&db, &SynthConfig::new(21, tickets)).expect("synthetic data");
        let options = EmulatorOptions::default();
        let token = options.auth.hubspot_token.clone();
        let hs = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let zd = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let running = server::start(db, options, hs, zd).expect("start");
        let base = running.hubspot_url().to_string();
        assert!(base.starts_with("http://127.0.0.1:"));
        Hub {
            running,
            client: Client::new(),
            base,
            token,
        }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }

    async fn json(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let response = self.call(method, path, body).await;
        let status = response.status();
        (status, response.json().await.expect("a JSON body"))
    }

    async fn admin(&self, method: Method, path: &str, body: Value) -> Value {
        let response = self
            .client
            .request(method, format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .expect("admin request");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.unwrap_or(Value::Null)
    }

    async fn stop(self) {
        self.running.shutdown().await.expect("clean shutdown");
    }
}

fn assert_hubspot_error(body: &Value, category: &str) {
    assert_eq!(body["status"], "error", "{body}");
    assert_eq!(body["category"], category, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(body["correlationId"]
        .as_str()
        .is_some_and(|c| c.len() == 36));
}

#[tokio::test]
async fn paging_through_1000_tickets_returns_each_exactly_once() {
    let hub = Hub::start(1000).await;
    let mut ids = Vec::new();
    let mut path = "/crm/v3/objects/tickets?limit=100&properties=subject".to_string();
    let mut pages = 0;
    loop {
        let (status, body) = hub.json(Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK);
        pages += 1;
        for r in body["results"].as_array().expect("results") {
            ids.push(r["id"].as_str().expect("string id").to_string());
            assert!(r["properties"]["subject"].is_string());
            assert!(r["properties"]["hs_lastmodifieddate"]
                .as_str()
                .unwrap()
                .ends_with('Z'));
        }
        match body["paging"]["next"]["after"].as_str() {
            Some(after) => {
                let link = body["paging"]["next"]["link"].as_str().expect("link");
                assert!(link.starts_with(&hub.base), "{link}");
                path =
                    format!("/crm/v3/objects/tickets?limit=100&properties=subject&after={after}");
            }
            None => break,
        }
    }
    assert_eq!(pages, 10);
    assert_eq!(ids.len(), 1000);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 1000);
    hub.stop().await;
}

#[tokio::test]
async fn search_filters_sorts_totals_and_the_10000_cap() {
    let hub = Hub::start(300).await;
    let search = |body: Value| hub.json(Method::POST, "/crm/v3/objects/tickets/search", Some(body));
    let (status, all) = search(json!({"limit": 200, "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}]})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all["total"], 300);
    assert_eq!(all["paging"]["next"]["after"], "200");
    let times: Vec<&str> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["properties"]["hs_lastmodifieddate"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    // Search returns only the three default properties unless asked.
    assert_eq!(
        all["results"][0]["properties"].as_object().unwrap().len(),
        3
    );

    let pivot = times[150];
    let pivot_ms = leakhound_emulator::time::parse_iso(pivot).unwrap();
    let (_, since) = search(json!({"filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": pivot_ms.to_string()}]}], "limit": 10})).await;
    let (_, before) = search(json!({"filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "LT", "value": pivot}]}], "limit": 10})).await;
    assert_eq!(
        since["total"].as_u64().unwrap() + before["total"].as_u64().unwrap(),
        300
    );

    let (_, or_groups) = search(json!({"filterGroups": [
        {"filters": [{"propertyName": "hs_object_id", "operator": "EQ", "value": "1000"}]},
        {"filters": [{"propertyName": "hs_object_id", "operator": "IN", "values": ["1001", "1002"]}]}
    ]})).await;
    assert_eq!(or_groups["total"], 3);
    let (_, has) = search(json!({"filterGroups": [{"filters": [{"propertyName": "hubspot_owner_id", "operator": "HAS_PROPERTY"}]}]})).await;
    let (_, has_not) = search(json!({"filterGroups": [{"filters": [{"propertyName": "hubspot_owner_id", "operator": "NOT_HAS_PROPERTY"}]}]})).await;
    assert_eq!(
        has["total"].as_u64().unwrap() + has_not["total"].as_u64().unwrap(),
        300
    );

    let (status, capped) = search(json!({"after": "10000", "limit": 10})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_hubspot_error(&capped, "VALIDATION_ERROR");
    let (status, _) = search(json!({"limit": 201})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, bad_date) = search(json!({"filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": "yesterday"}]}]})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_hubspot_error(&bad_date, "VALIDATION_ERROR");
    hub.stop().await;
}

#[tokio::test]
async fn malformed_requests_get_hubspot_shaped_400s() {
    let hub = Hub::start(10).await;
    let response = hub
        .client
        .post(format!("{}/crm/v3/objects/tickets/search", hub.base))
        .bearer_auth(&hub.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_hubspot_error(&response.json().await.unwrap(), "VALIDATION_ERROR");
    let (status, body) = hub
        .json(Method::GET, "/crm/v3/objects/tickets?after=abc", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_hubspot_error(&body, "VALIDATION_ERROR");
    let (status, body) = hub
        .json(Method::GET, "/crm/v3/objects/tickets/nope", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_hubspot_error(&body, "OBJECT_NOT_FOUND");
    let (status, body) = hub
        .json(
            Method::PATCH,
            "/crm/v3/objects/tickets/1000",
            Some(json!({"properties": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_hubspot_error(&body, "VALIDATION_ERROR");
    hub.stop().await;
}

#[tokio::test]
async fn wrong_or_missing_tokens_get_401() {
    let hub = Hub::start(5).await;
    for auth in [None, Some("Bearer wrong"), Some("Basic Zm9vOmJhcg==")] {
        let mut request = hub
            .client
            .get(format!("{}/crm/v3/objects/tickets", hub.base));
        if let Some(a) = auth {
            request = request.header("authorization", a);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_hubspot_error(&response.json().await.unwrap(), "INVALID_AUTHENTICATION");
    }
    hub.stop().await;
}

#[tokio::test]
async fn batch_read_update_notes_and_owners() {
    let hub = Hub::start(20).await;
    let (status, batch) = hub
        .json(
            Method::POST,
            "/crm/v3/objects/tickets/batch/read",
            Some(json!({"properties": ["content"], "inputs": [{"id": "1000"}, {"id": "1001"}]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(batch["status"], "COMPLETE");
    assert_eq!(batch["results"].as_array().unwrap().len(), 2);
    let (status, partial) = hub
        .json(
            Method::POST,
            "/crm/v3/objects/tickets/batch/read",
            Some(json!({"inputs": [{"id": "1000"}, {"id": "77777"}]})),
        )
        .await;
    assert_eq!(status, StatusCode::MULTI_STATUS);
    assert_eq!(partial["errors"][0]["context"]["ids"], json!(["77777"]));

    let (_, before) = hub
        .json(
            Method::GET,
            "/crm/v3/objects/tickets/1003?properties=content",
            None,
        )
        .await;
    let (status, updated) = hub
        .json(
            Method::PATCH,
            "/crm/v3/objects/tickets/1003",
            Some(json!({"properties": {"content": "redacted"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated["properties"]["content"], "redacted");
    assert!(updated["updatedAt"].as_str().unwrap() > before["updatedAt"].as_str().unwrap());
    let truth = hub
        .running
        .hubspot
        .db
        .ground_truth_of_ticket(leakhound_emulator::model::Helpdesk::Hubspot, 1003)
        .unwrap();
    assert!(
        truth
            .iter()
            .all(|s| s.field != leakhound_emulator::model::Field::Content),
        "edited-away spans are dropped"
    );

    let (status, note) = hub
        .json(Method::POST, "/crm/v3/objects/notes", Some(json!({
            "properties": {"hs_timestamp": "2026-11-25T10:00:00.000Z", "hs_note_body": "<p>found 2 secrets</p>", "hubspot_owner_id": "70"},
            "associations": [{"to": {"id": "1004"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 228}]}]
        })))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let note_id = note["id"].as_str().unwrap().to_string();
    let (_, assoc) = hub
        .json(
            Method::GET,
            "/crm/v4/objects/tickets/1004/associations/notes",
            None,
        )
        .await;
    assert!(assoc["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["toObjectId"].as_i64() == note_id.parse::<i64>().ok()));
    let (status, wrong_type) = hub
        .json(Method::POST, "/crm/v3/objects/notes", Some(json!({
            "properties": {"hs_timestamp": "1764064800000"},
            "associations": [{"to": {"id": "1004"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 202}]}]
        })))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_hubspot_error(&wrong_type, "VALIDATION_ERROR");

    let (status, bare) = hub
        .json(
            Method::POST,
            "/crm/v3/objects/notes",
            Some(json!({"properties": {"hs_timestamp": "1764064800000", "hs_note_body": "x"}})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let bare_id = bare["id"].as_str().unwrap();
    let (status, _) = hub
        .json(
            Method::PUT,
            &format!("/crm/v4/objects/notes/{bare_id}/associations/default/tickets/1005"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, notes) = hub
        .json(
            Method::POST,
            "/crm/v3/objects/notes/batch/read",
            Some(json!({"properties": ["hs_note_body"], "inputs": [{"id": bare_id}]})),
        )
        .await;
    assert_eq!(notes["results"][0]["properties"]["hs_note_body"], "x");

    let (status, owners) = hub.json(Method::GET, "/crm/v3/owners?limit=5", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(owners["results"].as_array().unwrap().len(), 5);
    let email = owners["results"][1]["email"].as_str().unwrap();
    let (_, by_email) = hub
        .json(Method::GET, &format!("/crm/v3/owners?email={email}"), None)
        .await;
    assert_eq!(by_email["results"][0]["email"], email);
    let (status, owner) = hub.json(Method::GET, "/crm/v3/owners/70", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(owner["id"], "70");
    hub.stop().await;
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after_and_headers() {
    let hub = Hub::start(5).await;
    let (_, _) = hub.json(Method::GET, "/crm/v3/objects/tickets", None).await;
    let response = hub.call(Method::GET, "/crm/v3/objects/tickets", None).await;
    assert_eq!(response.headers()["x-hubspot-ratelimit-max"], "190");
    assert_eq!(
        response.headers()["x-hubspot-ratelimit-interval-milliseconds"],
        "10000"
    );
    assert!(response
        .headers()
        .contains_key("x-hubspot-ratelimit-daily-remaining"));

    hub.admin(Method::PATCH, "/_admin/faults", json!({"rate_limit": {"enabled": true, "requests_per_window": 2, "window_ms": 3000, "special_requests_per_window": 1}})).await;
    for remaining in ["1", "0"] {
        let ok = hub.call(Method::GET, "/crm/v3/objects/tickets", None).await;
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()["x-hubspot-ratelimit-remaining"], remaining);
    }
    let limited = hub.call(Method::GET, "/crm/v3/objects/tickets", None).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3).contains(&retry_after), "{retry_after}");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["policyName"], "TEN_SECONDLY_ROLLING");
    assert_eq!(body["errorType"], "RATE_LIMIT");

    // Search has its own per-second limit and no rate-limit headers.
    let first = hub
        .call(
            Method::POST,
            "/crm/v3/objects/tickets/search",
            Some(json!({})),
        )
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(!first.headers().contains_key("x-hubspot-ratelimit-max"));
    let second = hub
        .call(
            Method::POST,
            "/crm/v3/objects/tickets/search",
            Some(json!({})),
        )
        .await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        second.json::<Value>().await.unwrap()["policyName"],
        "SECONDLY"
    );

    // After the window, requests pass again.
    tokio::time::sleep(Duration::from_millis(3100)).await;
    assert_eq!(
        hub.call(Method::GET, "/crm/v3/objects/tickets", None)
            .await
            .status(),
        StatusCode::OK
    );

    let calls = hub.admin(Method::GET, "/_admin/calls", Value::Null).await;
    assert_eq!(calls["statuses"]["GET /crm/v3/objects/tickets"]["429"], 1);
    hub.stop().await;
}

#[tokio::test]
async fn injected_faults_errors_latency_and_cut_off_bodies() {
    let hub = Hub::start(5).await;
    hub.admin(
        Method::PATCH,
        "/_admin/faults",
        json!({"error_rate": 1.0, "error_statuses": [503], "retry_after": "1"}),
    )
    .await;
    let failed = hub.call(Method::GET, "/crm/v3/objects/tickets", None).await;
    assert_eq!(failed.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(failed.headers()["retry-after"], "1");
    assert_hubspot_error(&failed.json().await.unwrap(), "SERVICE_UNAVAILABLE");

    hub.admin(
        Method::PATCH,
        "/_admin/faults",
        json!({"error_rate": 0.0, "latency_ms": 150}),
    )
    .await;
    let started = Instant::now();
    assert_eq!(
        hub.call(Method::GET, "/crm/v3/objects/tickets", None)
            .await
            .status(),
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(150));

    hub.admin(
        Method::PATCH,
        "/_admin/faults",
        json!({"latency_ms": 0, "truncate_rate": 1.0}),
    )
    .await;
    let cut = hub
        .call(Method::GET, "/crm/v3/objects/tickets?limit=5", None)
        .await;
    assert_eq!(cut.status(), StatusCode::OK);
    assert!(cut.bytes().await.is_err(), "the body must end early");

    hub.admin(
        Method::PATCH,
        "/_admin/faults",
        json!({"truncate_rate": 0.0, "reset_rate": 1.0}),
    )
    .await;
    let dropped = hub
        .client
        .get(format!("{}/crm/v3/objects/tickets", hub.base))
        .bearer_auth(&hub.token)
        .send()
        .await;
    assert!(
        dropped.is_err(),
        "the connection must close without a response"
    );
    hub.admin(Method::PATCH, "/_admin/faults", json!({"reset_rate": 0.0}))
        .await;

    // A share of errors is drawn from the seeded generator: roughly that share fails.
    hub.admin(
        Method::PATCH,
        "/_admin/faults",
        json!({"truncate_rate": 0.0, "error_rate": 0.5, "error_statuses": [500, 502]}),
    )
    .await;
    let mut failures = 0;
    for _ in 0..60 {
        let status = hub
            .call(Method::GET, "/crm/v3/owners/70", None)
            .await
            .status();
        if status.is_server_error() {
            assert!(
                status == StatusCode::INTERNAL_SERVER_ERROR || status == StatusCode::BAD_GATEWAY
            );
            failures += 1;
        }
    }
    assert!((10..=50).contains(&failures), "{failures} of 60 failed");

    // The admin API itself is never faulted, and every API call was counted with its status.
    let calls = hub.admin(Method::GET, "/_admin/calls", Value::Null).await;
    assert_eq!(calls["calls"]["GET /crm/v3/owners/{owner_id}"], 60);
    assert_eq!(calls["statuses"]["GET /crm/v3/objects/tickets"]["503"], 1);
    assert_eq!(
        calls["statuses"]["GET /crm/v3/objects/tickets"]["truncated"],
        1
    );
    assert_eq!(calls["statuses"]["GET /crm/v3/objects/tickets"]["reset"], 1);
    let reset = hub
        .client
        .delete(format!("{}/_admin/calls", hub.base))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        hub.admin(Method::GET, "/_admin/calls", Value::Null).await["total"],
        0
    );
    hub.stop().await;
}

#[tokio::test]
async fn tickets_added_while_running_are_found_by_incremental_search() {
    let hub = Hub::start(50).await;
    let (_, newest) = hub
        .json(Method::POST, "/crm/v3/objects/tickets/search", Some(json!({"sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "DESCENDING"}], "limit": 1})))
        .await;
    let watermark = newest["results"][0]["properties"]["hs_lastmodifieddate"]
        .as_str()
        .unwrap()
        .to_string();
    let created = hub.admin(Method::POST, "/_admin/tickets", json!({})).await;
    let new_id = created["ticket"]["id"].as_i64().unwrap();
    assert!(
        !created["ground_truth"].as_array().unwrap().is_empty()
            || created["ticket"]["content"].is_string()
    );
    hub.admin(
        Method::PATCH,
        "/_admin/tickets/1010",
        json!({"content": "edited while a scan runs"}),
    )
    .await;
    let (_, changed) = hub
        .json(Method::POST, "/crm/v3/objects/tickets/search", Some(json!({"filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GT", "value": watermark}]}]})))
        .await;
    let ids: BTreeSet<String> = changed["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from([new_id.to_string(), "1010".to_string()])
    );

    let jsonl = hub
        .client
        .get(format!("{}/_admin/ground-truth", hub.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(jsonl
        .lines()
        .all(|l| serde_json::from_str::<Value>(l).unwrap()["helpdesk"] == "hubspot"));
    assert!(jsonl.lines().count() > 50);
    hub.stop().await;
}

#[tokio::test]
async fn garbage_input_never_causes_a_server_error() {
    let hub = Hub::start(5).await;
    let bodies = [
        "", "null", "[]", "42", "\"text\"", "{", "{\"inputs\": 5}", "{\"inputs\": [{\"id\": null}]}",
        "{\"properties\": {\"content\": [1, 2]}}", "{\"properties\": {\"BAD NAME\": \"x\"}}",
        "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"x\", \"operator\": \"NOPE\"}]}]}",
        "{\"filterGroups\": [{\"filters\": [{\"operator\": \"EQ\"}]}]}",
        "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"hs_object_id\", \"operator\": \"BETWEEN\", \"value\": \"1\"}]}]}",
        "{\"filterGroups\": [{\"filters\": [{\"propertyName\": \"a'b\\\"c\", \"operator\": \"EQ\", \"value\": \"x\"}]}]}",
        "{\"sorts\": [{\"propertyName\": \"subject\", \"direction\": \"SIDEWAYS\"}]}", "{\"after\": -1}",
        "{\"limit\": \"many\"}", "{\"properties\": {\"hs_timestamp\": \"soon\"}}",
        "{\"properties\": {\"hs_timestamp\": \"1\"}, \"associations\": [{\"to\": {}}]}",
    ];
    let targets = [
        (Method::POST, "/crm/v3/objects/tickets/search"),
        (Method::POST, "/crm/v3/objects/tickets/batch/read"),
        (Method::PATCH, "/crm/v3/objects/tickets/1000"),
        (Method::POST, "/crm/v3/objects/notes"),
        (Method::POST, "/crm/v3/objects/notes/batch/read"),
    ];
    for (method, path) in targets {
        for body in bodies {
            let response = hub
                .client
                .request(method.clone(), format!("{}{path}", hub.base))
                .bearer_auth(&hub.token)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            assert!(
                !status.is_server_error(),
                "{method} {path} {body}: {status}"
            );
            if status.is_client_error() {
                let error: Value = response.json().await.expect("a JSON error body");
                assert_eq!(error["status"], "error", "{method} {path} {body}");
            }
        }
    }
    for query in [
        "limit=0",
        "limit=-5",
        "limit=abc",
        "after=-9223372036854775808",
        "after=9223372036854775807",
        "archived=maybe",
        "properties=%00",
        "associations=notes&after=",
    ] {
        let response = hub
            .call(
                Method::GET,
                &format!("/crm/v3/objects/tickets?{query}"),
                None,
            )
            .await;
        assert!(
            !response.status().is_server_error(),
            "{query}: {}",
            response.status()
        );
        let response = hub
            .call(Method::GET, &format!("/crm/v3/owners?{query}"), None)
            .await;
        assert!(
            !response.status().is_server_error(),
            "owners {query}: {}",
            response.status()
        );
    }
    hub.stop().await;
}

#[tokio::test]
async fn search_can_lag_behind_writes() {
    let hub = Hub::start(10).await;
    hub.admin(
        Method::PATCH,
        "/_admin/faults",
        json!({"search_lag_ms": 60_000}),
    )
    .await;
    let (_, updated) = hub
        .json(
            Method::PATCH,
            "/crm/v3/objects/tickets/1002",
            Some(json!({"properties": {"subject": "changed just now"}})),
        )
        .await;
    let since = json!({"filterGroups": [{"filters": [{"propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": updated["updatedAt"]}]}]});
    let search = || {
        hub.json(
            Method::POST,
            "/crm/v3/objects/tickets/search",
            Some(since.clone()),
        )
    };
    assert_eq!(search().await.1["total"], 0, "not indexed yet");
    // Reads by id see the write at once; only search lags.
    let (_, read) = hub
        .json(
            Method::GET,
            "/crm/v3/objects/tickets/1002?properties=subject",
            None,
        )
        .await;
    assert_eq!(read["properties"]["subject"], "changed just now");
    hub.admin(Method::PATCH, "/_admin/faults", json!({"search_lag_ms": 0}))
        .await;
    assert_eq!(search().await.1["total"], 1);
    hub.stop().await;
}

#[tokio::test]
async fn endpoints_outside_the_tokens_scopes_answer_403() {
    let hub = Hub::start(5).await;
    hub.admin(
        Method::PATCH,
        "/_admin/faults",
        json!({"missing_scopes": ["/crm/v3/owners"]}),
    )
    .await;
    let (status, body) = hub.json(Method::GET, "/crm/v3/owners/70", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_hubspot_error(&body, "MISSING_SCOPES");
    let (status, _) = hub.json(Method::GET, "/crm/v3/objects/tickets", None).await;
    assert_eq!(status, StatusCode::OK);
    // Authentication comes first, as in HubSpot.
    let response = hub
        .client
        .get(format!("{}/crm/v3/owners/70", hub.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    hub.stop().await;
}

#[tokio::test]
async fn paging_a_search_stops_at_10000_results() {
    let hub = Hub::start(10_050).await;
    let mut after: Option<String> = None;
    let mut seen = BTreeSet::new();
    let status = loop {
        let mut body = json!({"limit": 200, "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}]});
        if let Some(a) = &after {
            body["after"] = json!(a);
        }
        let (status, page) = hub
            .json(Method::POST, "/crm/v3/objects/tickets/search", Some(body))
            .await;
        if status != StatusCode::OK {
            assert_hubspot_error(&page, "VALIDATION_ERROR");
            break status;
        }
        assert_eq!(page["total"], 10_050);
        for r in page["results"].as_array().unwrap() {
            seen.insert(r["id"].as_str().unwrap().to_string());
        }
        after = Some(
            page["paging"]["next"]["after"]
                .as_str()
                .expect("more results exist")
                .to_string(),
        );
    };
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(after.as_deref(), Some("10000"));
    assert_eq!(
        seen.len(),
        10_000,
        "exactly the first 10,000, no duplicates"
    );
    hub.stop().await;
}

/// Reads one HTTP/1.1 response (headers and a `Content-Length` body) from a raw connection.
async fn read_response(stream: &mut tokio::net::TcpStream) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_string();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap_or(0))
                })
                .unwrap_or(0);
            while buffer.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            return Some(head);
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

#[tokio::test]
async fn connections_stay_usable_after_requests_whose_body_is_ignored() {
    use tokio::io::AsyncWriteExt;
    let hub = Hub::start(5).await;
    let (_, note) = hub
        .json(
            Method::POST,
            "/crm/v3/objects/notes",
            Some(json!({"properties": {"hs_timestamp": "1764064800000"}})),
        )
        .await;
    let note_id = note["id"].as_str().unwrap();
    let address = hub.base.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    // The v4 default association takes no body; clients send one anyway.
    let body = "{\"unused\": true}";
    // Headers and body in separate writes, as Python's http.client sends them: a handler that
    // answers before the body arrives must not leave it unread (hyper would then close the
    // connection after the response, breaking the client's next request on it at random).
    let head = format!(
        "PUT /crm/v4/objects/notes/{note_id}/associations/default/tickets/1001 HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        hub.token,
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stream.write_all(body.as_bytes()).await.unwrap();
    let head = read_response(&mut stream).await.expect("first response");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let second = format!(
        "GET /crm/v3/owners/70 HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\r\n",
        hub.token
    );
    stream.write_all(second.as_bytes()).await.unwrap();
    let head = read_response(&mut stream)
        .await
        .expect("the same connection serves a second request");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    hub.stop().await;
}
