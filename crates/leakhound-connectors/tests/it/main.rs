//! Integration tests against the in-process HubSpot and Zendesk emulators over loopback.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use leakhound_connectors::{
    Error, HubSpotConfig, HubSpotSource, Page, RatePlan, RetryPolicy, TicketDoc, ZendeskAuth,
    ZendeskConfig, ZendeskSource,
};
use leakhound_emulator::server::{start, EmulatorOptions, RunningEmulators};
use leakhound_emulator::synth::{generate, SynthConfig};
use leakhound_emulator::{AuthConfig, Db};
use serde_json::json;
use tokio::net::TcpListener;

async fn emulators(tickets: u64) -> RunningEmulators {
    let db = Db::open_temporary().expect("temporary db");
    generate(&db, &SynthConfig::new(7, tickets)).expect("generate");
    let hs = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let zd = TcpListener::bind("127.0.0.1:0").await.unwrap();
    start(db, EmulatorOptions::default(), hs, zd).expect("start emulators")
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(50),
        max_attempts: 10,
        ..RetryPolicy::default()
    }
}

fn hubspot_cfg(emu: &RunningEmulators) -> HubSpotConfig {
    let mut c = HubSpotConfig::new(AuthConfig::default().hubspot_token);
    c.base_url = emu.hubspot_url().to_string();
    c.http.plan = RatePlan::UNLIMITED;
    c.http.retry = fast_retries();
    c
}

fn zendesk_cfg(emu: &RunningEmulators) -> ZendeskConfig {
    let a = AuthConfig::default();
    let mut c = ZendeskConfig::new(
        "emulated",
        ZendeskAuth::ApiToken {
            email: a.zendesk_email,
            token: a.zendesk_token,
        },
    );
    c.base_url = emu.zendesk_url().to_string();
    c.http.plan = RatePlan::UNLIMITED;
    c.http.retry = fast_retries();
    c
}

/// Drains a source, returning every doc and the last cursor.
macro_rules! drain {
    ($src:expr) => {{
        let mut docs: Vec<TicketDoc> = Vec::new();
        let mut cursor = None;
        let mut calls = 0u64;
        while let Some(Page {
            docs: d,
            cursor: c,
            api_calls,
        }) = $src.next_page().await.expect("page")
        {
            docs.extend(d);
            calls += api_calls;
            cursor = c.or(cursor);
        }
        (docs, cursor, calls)
    }};
}

fn assert_unique(docs: &[TicketDoc]) -> HashSet<String> {
    let mut ids = HashSet::new();
    for d in docs {
        assert!(
            ids.insert(d.ticket_id.clone()),
            "ticket {} twice",
            d.ticket_id
        );
    }
    ids
}

fn zendesk_comment_counts(emu: &RunningEmulators) -> (usize, usize) {
    let db = &emu.zendesk.db;
    let n = db.zd_ticket_count().unwrap() as i64;
    let mut live = 0;
    let mut comments = 0;
    for id in 1..=n {
        let t = db.zd_ticket(id).unwrap().unwrap();
        if t.status != "deleted" {
            live += 1;
            comments += db.zd_comment_count(id).unwrap() as usize;
        }
    }
    (live, comments)
}

fn comment_parts(docs: &[TicketDoc]) -> usize {
    docs.iter()
        .flat_map(|d| &d.parts)
        .filter(|p| p.key.starts_with("comment:"))
        .count()
}

#[tokio::test]
async fn hubspot_full_scan_then_incremental_and_resume() {
    let emu = emulators(1000).await;
    let cfg = hubspot_cfg(&emu);
    let mut src = HubSpotSource::full(cfg.clone()).unwrap();
    let (docs_full, cursor, calls) = drain!(src);
    let docs = &docs_full;
    let ids = assert_unique(docs);
    let expected = emu.hubspot.db.hs_ticket_count(false).unwrap() as usize;
    assert_eq!(ids.len(), expected);
    assert!(docs
        .iter()
        .all(|d| d.parts.iter().any(|p| p.key == "content")));
    let server = emu.hubspot.calls.snapshot();
    println!(
        "hubspot full scan: {expected} tickets, {calls} calls ({:?})",
        server.calls
    );
    assert_eq!(calls, server.total);
    assert_eq!(calls, (expected as u64).div_ceil(100));

    // Incremental: nothing changed → nothing delivered; then edit 3 tickets.
    let cursor = cursor.unwrap();
    let mut src = HubSpotSource::resume(cfg.clone(), &cursor).unwrap();
    let (docs, cursor2, _) = drain!(src);
    assert!(docs.is_empty(), "unchanged: {} docs", docs.len());
    let mut changed: Vec<String> = [5usize, 50, 500]
        .iter()
        .map(|&i| docs_full[i].ticket_id.clone())
        .collect();
    for id in &changed {
        let mut props = BTreeMap::new();
        props.insert("content".to_string(), Some(format!("changed {id}")));
        let id: i64 = id.parse().unwrap();
        emu.hubspot
            .db
            .hs_update_ticket(id, &props)
            .unwrap()
            .unwrap();
    }
    changed.sort();
    let mut src = HubSpotSource::resume(cfg.clone(), &cursor2.unwrap()).unwrap();
    let (docs, _, _) = drain!(src);
    let mut got: Vec<String> = docs.iter().map(|d| d.ticket_id.clone()).collect();
    got.sort();
    assert_eq!(got, changed);

    // Resume a full scan mid-way: the rest comes exactly once.
    let mut src = HubSpotSource::full(cfg.clone()).unwrap();
    let first = src.next_page().await.unwrap().unwrap();
    let second = src.next_page().await.unwrap().unwrap();
    let mut src = HubSpotSource::resume(cfg, second.cursor.as_deref().unwrap()).unwrap();
    let (rest, _, _) = drain!(src);
    let mut all = first.docs;
    all.extend(second.docs);
    all.extend(rest);
    assert_eq!(assert_unique(&all).len(), expected);
    emu.shutdown().await.unwrap();
}

#[tokio::test]
async fn hubspot_notes_are_opt_in_and_batched() {
    let emu = emulators(300).await;
    let mut cfg = hubspot_cfg(&emu);
    cfg.include_notes = true;
    let mut src = HubSpotSource::full(cfg).unwrap();
    let (docs, _, calls) = drain!(src);
    let notes = docs
        .iter()
        .flat_map(|d| &d.parts)
        .filter(|p| p.key.starts_with("note:"))
        .count();
    println!(
        "hubspot with notes: {} tickets, {notes} notes, {calls} calls ({:?}), warnings {:?}",
        docs.len(),
        emu.hubspot.calls.snapshot().calls,
        src.warnings()
    );
    assert!(calls <= 3 + 3 * 3, "calls {calls}");
    emu.shutdown().await.unwrap();
}

#[tokio::test]
async fn zendesk_full_scan_every_ticket_once_with_every_comment() {
    let emu = emulators(1000).await;
    let cfg = zendesk_cfg(&emu);
    let mut src = ZendeskSource::full(cfg.clone()).unwrap();
    let (docs, cursor, calls) = drain!(src);
    let ids = assert_unique(&docs);
    let (live, comments) = zendesk_comment_counts(&emu);
    assert_eq!(ids.len(), live);
    assert_eq!(comment_parts(&docs), comments);
    let server = emu.zendesk.calls.snapshot();
    println!(
        "zendesk full scan: {live} tickets, {comments} comments, {calls} calls ({:?})",
        server.calls
    );
    assert_eq!(calls, server.total);
    assert!(
        !server.calls.keys().any(|k| k.contains("comments")),
        "no per-ticket calls"
    );

    // Resume mid-way from the first page's cursor with a small page size.
    let mut small = cfg.clone();
    small.per_page = 150;
    let mut src = ZendeskSource::full(small.clone()).unwrap();
    let first = src.next_page().await.unwrap().unwrap();
    let second = src.next_page().await.unwrap().unwrap();
    let mut src = ZendeskSource::resume(small, second.cursor.as_deref().unwrap()).unwrap();
    let (rest, _, _) = drain!(src);
    let mut all = first.docs;
    all.extend(second.docs);
    all.extend(rest);
    assert_eq!(assert_unique(&all).len(), live);
    assert_eq!(comment_parts(&all), comments);

    // Nothing changed: resuming the final cursor delivers nothing.
    let mut src = ZendeskSource::resume(cfg, &cursor.unwrap()).unwrap();
    let (docs, _, _) = drain!(src);
    assert!(docs.is_empty(), "{} docs", docs.len());
    emu.shutdown().await.unwrap();
}

#[tokio::test]
async fn zendesk_buffer_cap_falls_back_to_per_ticket_comments() {
    let emu = emulators(200).await;
    let mut cfg = zendesk_cfg(&emu);
    cfg.per_page = 50;
    cfg.max_buffered_bytes = 2_000;
    let mut src = ZendeskSource::full(cfg).unwrap();
    let (docs, _, _) = drain!(src);
    let (live, comments) = zendesk_comment_counts(&emu);
    assert_eq!(assert_unique(&docs).len(), live);
    assert_eq!(comment_parts(&docs), comments);
    emu.shutdown().await.unwrap();
}

#[tokio::test]
async fn zendesk_incremental_returns_only_changes() {
    use leakhound_emulator::model::{NewZdComment, ZdTicketUpdate};
    let emu = emulators(200).await;
    let cfg = zendesk_cfg(&emu);
    let mut src = ZendeskSource::full(cfg.clone()).unwrap();
    let (_, cursor, _) = drain!(src);
    for id in [3i64, 30] {
        let update = ZdTicketUpdate {
            comment: Some(NewZdComment {
                body: Some(format!("new comment on {id}")),
                public: false,
                ..NewZdComment::default()
            }),
            ..ZdTicketUpdate::default()
        };
        emu.zendesk
            .db
            .zd_update_ticket(id, &update)
            .unwrap()
            .unwrap();
    }
    // The exports never return the newest minute.
    tokio::time::sleep(Duration::from_secs(62)).await;
    let mut src = ZendeskSource::resume(cfg, &cursor.unwrap()).unwrap();
    let (docs, _, _) = drain!(src);
    let mut got: Vec<&str> = docs.iter().map(|d| d.ticket_id.as_str()).collect();
    got.sort();
    assert_eq!(got, ["3", "30"]);
    for d in &docs {
        let comments: Vec<_> = d
            .parts
            .iter()
            .filter(|p| p.key.starts_with("comment:"))
            .collect();
        assert_eq!(comments.len(), 1, "only the new comment");
        assert!(comments[0].text.contains("new comment"));
    }
    emu.shutdown().await.unwrap();
}

#[tokio::test]
async fn rate_limits_5xx_and_401() {
    let emu = emulators(300).await;
    // 429 with Retry-After: 1 request per second, Retry-After 1.
    emu.hubspot
        .faults
        .patch(&json!({"rate_limit": {"enabled": true, "requests_per_window": 1, "window_ms": 1000}, "retry_after": "1"}))
        .unwrap();
    let waits = Arc::new(AtomicU64::new(0));
    let mut cfg = hubspot_cfg(&emu);
    let w = waits.clone();
    cfg.http.observer = Some(Arc::new(move |e| {
        println!("{e}");
        w.fetch_add(1, Ordering::Relaxed);
    }));
    let mut src = HubSpotSource::full(cfg).unwrap();
    let started = std::time::Instant::now();
    let (docs, _, _) = drain!(src);
    assert_eq!(docs.len(), 300);
    let stats = src.stats().snapshot();
    assert!(stats.rate_limited >= 1, "{stats:?}");
    assert!(waits.load(Ordering::Relaxed) >= 1);
    assert!(started.elapsed() >= Duration::from_secs(1));

    // The client-side limiter keeps under the same limit without any 429.
    emu.hubspot.calls.reset();
    emu.hubspot.limiter.reset();
    let mut cfg = hubspot_cfg(&emu);
    cfg.http.plan = RatePlan {
        general: Some(leakhound_connectors::Rate::new(
            1,
            Duration::from_millis(1100),
        )),
        special: None,
    };
    let mut src = HubSpotSource::full(cfg).unwrap();
    let (docs, _, _) = drain!(src);
    assert_eq!(docs.len(), 300);
    assert_eq!(src.stats().snapshot().rate_limited, 0);

    // 5xx and cut-off bodies are retried.
    emu.zendesk
        .faults
        .patch(&json!({"error_rate": 0.3, "truncate_rate": 0.2}))
        .unwrap();
    let mut src = ZendeskSource::full(zendesk_cfg(&emu)).unwrap();
    let (docs, _, _) = drain!(src);
    let (live, _) = zendesk_comment_counts(&emu);
    assert_eq!(assert_unique(&docs).len(), live);
    println!("zendesk with faults: {:?}", src.stats().snapshot());

    // 401 stops at once with a clear error that does not contain the token.
    let mut cfg = hubspot_cfg(&emu);
    cfg.access_token = "wrong-secret-token".into();
    let mut src = HubSpotSource::full(cfg).unwrap();
    let err = src.next_page().await.unwrap_err();
    let msg = err.to_string();
    println!("{msg}");
    assert!(matches!(err, Error::Api { status: 401, .. }), "{msg}");
    assert!(msg.contains("GET /crm/v3/objects/tickets") && !msg.contains("wrong-secret"));
    assert_eq!(src.stats().total(), 1);

    let mut zcfg = zendesk_cfg(&emu);
    zcfg.auth = ZendeskAuth::OAuth("bad-oauth-secret".into());
    let mut src = ZendeskSource::full(zcfg).unwrap();
    let err = src.next_page().await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
    assert!(!err.to_string().contains("bad-oauth-secret"));
    emu.shutdown().await.unwrap();
}
