//! Remediation against the in-process emulators: scan into a store, plan, apply, and read
//! the emulators' database to check what changed (and that nothing else did).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use leakhound_connectors::{
    HubSpotConfig, HubSpotWriter, RatePlan, RetryPolicy, ZendeskAuth, ZendeskConfig, ZendeskWriter,
};
use leakhound_emulator::db::Order;
use leakhound_emulator::server::{start, EmulatorOptions, RunningEmulators};
use leakhound_emulator::synth::{generate, SynthConfig};
use leakhound_emulator::{AuthConfig, Db};
use leakhound_engine::{ScanPolicy, Scanner};
use leakhound_pipeline::{
    run_source, PageStats, Progress, RunOptions, ScanMode, SourceConfig, ThreadScanner,
};
use leakhound_remediate::*;
use leakhound_store::{
    ActionStatus, FindingFilter, PlannedAction, RunKind, RunOutcome, RunStats, SqliteStore, Store,
};
use tokio::net::TcpListener;

struct NoProgress;
impl Progress for NoProgress {
    fn page_stored(&self, _: &str, _: &PageStats) {}
}

async fn emulators(tickets: u64) -> (RunningEmulators, Db) {
    let db = Db::open_temporary().expect("temporary db");
    generate(&db, &SynthConfig::new(11, tickets)).expect("generate");
    let hs = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let zd = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let emu = start(db.clone(), EmulatorOptions::default(), hs, zd).expect("start emulators");
    (emu, db)
}

fn retries() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    }
}

fn hubspot_cfg(emu: &RunningEmulators) -> HubSpotConfig {
    let mut c = HubSpotConfig::new(AuthConfig::default().hubspot_token);
    c.base_url = emu.hubspot_url().to_string();
    c.http.plan = RatePlan::UNLIMITED;
    c.http.retry = retries();
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
    c.agent_url = emu.zendesk_url().to_string();
    c.http.plan = RatePlan::UNLIMITED;
    c.http.retry = retries();
    c
}

fn scanner() -> Arc<Scanner> {
    Arc::new(Scanner::new(&ScanPolicy::default_rules()).unwrap())
}

/// Scans one source into a fresh store, keeping raw values so the test can look for them.
async fn scan(source: SourceConfig) -> Arc<dyn Store> {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
    let name = source.name();
    let run = store.begin_run(RunKind::Full, &[name]).unwrap();
    run_source(
        source,
        ScanMode::Full,
        store.clone(),
        run,
        ThreadScanner::Local(scanner()),
        RunOptions {
            store_raw_values: true,
            ..RunOptions::default()
        },
        Arc::new(NoProgress),
    )
    .await
    .expect("scan");
    store
        .finish_run(run, RunOutcome::Completed, &RunStats::default())
        .unwrap();
    store
}

/// Every raw value the scan stored (kept only for these checks).
fn raw_values(store: &dyn Store) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    store
        .for_each_finding(&FindingFilter::default(), &mut |f| {
            if let Some(v) = f.record.raw_value {
                out.insert(v);
            }
            Ok(())
        })
        .unwrap();
    out
}

fn writes(emu: &leakhound_emulator::AppState) -> u64 {
    emu.calls
        .snapshot()
        .calls
        .iter()
        .filter(|(k, _)| {
            !k.starts_with("GET ") && !k.contains("search") && !k.contains("batch/read")
        })
        .map(|(_, n)| n)
        .sum()
}

fn config(actions: &str) -> RemediationConfig {
    RemediationConfig {
        override_actions: Some(parse_actions(actions).unwrap()),
        ..RemediationConfig::default()
    }
}

/// Zendesk comments of every ticket, by comment id: (ticket, body, html_body, public).
fn zd_comments(db: &Db, tickets: u64) -> BTreeMap<i64, (i64, String, String, bool)> {
    let mut out = BTreeMap::new();
    for t in 1..=tickets as i64 {
        for c in db.zd_comments_after(t, Order::Asc, None, 1000).unwrap() {
            out.insert(c.id, (t, c.body, c.html_body, c.public));
        }
    }
    out
}

fn no_value_in(text: &str, values: &BTreeSet<String>, what: &str) {
    for v in values {
        assert!(!text.contains(v.as_str()), "a raw value appears in {what}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zendesk_private_comments_and_redaction_once_and_nothing_else_changes() {
    let (emu, db) = emulators(40).await;
    let store = scan(SourceConfig::Zendesk(zendesk_cfg(&emu))).await;
    let values = raw_values(&*store);
    assert!(!values.is_empty());
    let before = zd_comments(&db, 40);
    let cfg = config("note,redact");
    let options = PlanOptions {
        sources: vec!["zendesk".into()],
        ..PlanOptions::default()
    };

    // The dry run: a plan, redacted previews only, no write anywhere.
    emu.zendesk.calls.reset();
    let plan = build_plan(&*store, &cfg, &options).unwrap();
    let shown = plan.render();
    no_value_in(&shown, &values, "the plan");
    assert!(plan.pending() > 0, "{shown}");
    assert_eq!(emu.zendesk.calls.total(), 0, "the dry run called Zendesk");
    assert!(
        store.audit_entries(0, 10).unwrap().is_empty(),
        "the dry run wrote to the store"
    );

    let dir = tempfile::tempdir().unwrap();
    let audit = Arc::new(AuditFile::open(&dir.path().join("audit.jsonl")).unwrap());
    let rem = Remediator::new(store.clone(), cfg.clone())
        .with_zendesk(ZendeskWriter::new(&zendesk_cfg(&emu)).unwrap())
        .with_scanner(scanner())
        .with_audit_file(audit.clone());
    let report = rem.apply(&plan).await.unwrap();
    assert_eq!(report.failed(), 0, "{}", report.render());
    let notes = report.count(ActionKind::Note, "done");
    let redactions = report.count(ActionKind::Redact, "done");
    assert!(notes > 0 && redactions > 0, "{}", report.render());

    let after = zd_comments(&db, 40);
    // One private comment per ticket with findings, on that ticket, with no value in it.
    let mut noted: BTreeMap<i64, u32> = BTreeMap::new();
    for (id, (ticket, body, html, public)) in &after {
        if before.contains_key(id) {
            continue;
        }
        assert!(!public, "the note is a private comment");
        assert!(body.contains("leakhound-ref: "), "{body}");
        no_value_in(body, &values, "a private comment");
        no_value_in(html, &values, "a private comment");
        *noted.entry(*ticket).or_default() += 1;
    }
    // Closed tickets refuse updates: their note is recorded as skipped with the reason.
    let mut planned_tickets = BTreeSet::new();
    for (t, item) in plan.items().filter(|(_, i)| i.kind == ActionKind::Note) {
        let id: i64 = t.ticket_id.parse().unwrap();
        let rec = store.action_for(&item.key).unwrap().unwrap();
        assert_eq!(rec.status, ActionStatus::Done);
        if rec.result.as_deref().unwrap_or("").starts_with("skipped") {
            assert_eq!(db.zd_ticket(id).unwrap().unwrap().status, "closed");
        } else {
            planned_tickets.insert(id);
        }
    }
    assert!(!planned_tickets.is_empty());
    assert_eq!(
        noted.keys().copied().collect::<BTreeSet<_>>(),
        planned_tickets
    );
    assert!(noted.values().all(|n| *n == 1), "{noted:?}");

    // Redacted comments: each redacted value is gone; every other character is unchanged.
    let mut redacted_comments = 0;
    for (id, (_, old_body, old_html, _)) in &before {
        let (_, new_body, new_html, _) = &after[id];
        if old_body == new_body && old_html == new_html {
            continue;
        }
        redacted_comments += 1;
        for (old, new) in [(old_body, new_body), (old_html, new_html)] {
            let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
            assert_eq!(o.len(), n.len(), "redaction keeps the length in characters");
            for (a, b) in o.iter().zip(&n) {
                assert!(a == b || *b == '▇', "only redacted characters changed");
            }
        }
        no_value_in(new_body, &values, "a redacted comment");
    }
    assert!(redacted_comments > 0);
    // Every finding planned for redaction in a comment is gone from it.
    for (t, item) in plan.items().filter(|(_, i)| i.kind == ActionKind::Redact) {
        let f = &item.findings[0];
        let Some(("comment", cid)) = f.part_key.split_once(':') else {
            continue;
        };
        let (_, old_body, _, _) = &before[&cid.parse::<i64>().unwrap()];
        let value = &old_body[f.byte_range.clone()];
        let (_, new_body, _, _) = &after[&cid.parse::<i64>().unwrap()];
        assert!(
            !new_body.contains(value),
            "ticket {}: value still there",
            t.ticket_id
        );
    }

    // The audit: store and JSONL, one line per finished action, hashes and no values.
    let lines = std::fs::read_to_string(audit.path()).unwrap();
    no_value_in(&lines, &values, "the audit file");
    let finished: u64 = report.counts.values().sum();
    assert_eq!(lines.lines().count() as u64, finished);
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["source"], "zendesk");
    assert!(first["finding_hashes"][0].as_str().unwrap().len() == 64);
    let entries = store.audit_entries(0, 100_000).unwrap();
    assert!(entries
        .iter()
        .any(|e| e.entry.event == "remediation.redact.done"));
    no_value_in(&format!("{entries:?}"), &values, "the store's audit log");

    // --apply twice: nothing left to do, no write reaches Zendesk.
    emu.zendesk.calls.reset();
    let again = build_plan(&*store, &cfg, &options).unwrap();
    assert_eq!(again.pending(), 0, "{}", again.render());
    let report = rem.apply(&again).await.unwrap();
    assert_eq!(report.count(ActionKind::Note, "done"), 0);
    assert_eq!(
        writes(&emu.zendesk),
        0,
        "{:?}",
        emu.zendesk.calls.snapshot()
    );
    assert_eq!(zd_comments(&db, 40), after);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_note_is_checked_on_the_helpdesk_before_it_is_redone() {
    let (emu, db) = emulators(20).await;
    let store = scan(SourceConfig::Zendesk(zendesk_cfg(&emu))).await;
    let cfg = config("note");
    let plan = build_plan(&*store, &cfg, &PlanOptions::default()).unwrap();
    assert!(plan.tickets.len() >= 2);
    let writer = ZendeskWriter::new(&zendesk_cfg(&emu)).unwrap();
    // Ticket A: the run died after Zendesk took the comment. Ticket B: before sending.
    let (a, b) = (&plan.tickets[0], &plan.tickets[1]);
    for (t, sent) in [(a, true), (b, false)] {
        let item = &t.items[0];
        store
            .record_action_planned(&PlannedAction {
                idempotency_key: item.key.clone(),
                finding_id: None,
                value_hash: None,
                source: t.source.clone(),
                ticket_id: t.ticket_id.clone(),
                part_key: None,
                kind: "note".into(),
                run: None,
            })
            .unwrap();
        store.record_action_started(&item.key).unwrap();
        if sent {
            let body = leakhound_remediate::text::note_plain(&item.findings, 0, &item.key);
            writer
                .add_private_comment(t.ticket_id.parse().unwrap(), &body)
                .await
                .unwrap();
        }
    }
    let count_notes = |ticket: &str| {
        db.zd_comments_after(ticket.parse().unwrap(), Order::Asc, None, 1000)
            .unwrap()
            .iter()
            .filter(|c| c.body.contains("leakhound-ref: "))
            .count()
    };
    let plan = build_plan(&*store, &cfg, &PlanOptions::default()).unwrap();
    let rem = Remediator::new(store.clone(), cfg.clone()).with_zendesk(writer);
    let report = rem.apply(&plan).await.unwrap();
    assert_eq!(
        report.count(ActionKind::Note, "found"),
        1,
        "{}",
        report.render()
    );
    assert_eq!(count_notes(&a.ticket_id), 1, "no second comment on A");
    assert_eq!(count_notes(&b.ticket_id), 1, "B got its comment");
    let rec = store.action_for(&a.items[0].key).unwrap().unwrap();
    assert_eq!(rec.status, ActionStatus::Done);
    assert!(rec.result.unwrap().starts_with("found on the helpdesk"));
}

/// Collects alerts instead of sending them.
#[derive(Default)]
struct Collect(Mutex<Vec<Alert>>);
impl AlertSender for Collect {
    fn send<'a>(&'a self, alert: &'a Alert) -> SendFuture<'a> {
        self.0.lock().unwrap().push(alert.clone());
        Box::pin(async { Ok("collected".to_string()) })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hubspot_notes_opt_in_redaction_and_owner_alerts() {
    let (emu, db) = emulators(40).await;
    let store = scan(SourceConfig::HubSpot(hubspot_cfg(&emu))).await;
    let values = raw_values(&*store);
    let mut cfg = config("note,redact,alert");
    // Without the opt-in, HubSpot text is not redacted.
    let plan = build_plan(&*store, &cfg, &PlanOptions::default()).unwrap();
    assert!(plan.items().all(|(_, i)| i.kind != ActionKind::Redact));
    assert!(!plan.not_redactable.is_empty());
    cfg.hubspot_redact_content = true;
    let plan = build_plan(&*store, &cfg, &PlanOptions::default()).unwrap();
    no_value_in(&plan.render(), &values, "the plan");

    let alerts = Arc::new(Collect::default());
    let rem = Remediator::new(store.clone(), cfg.clone())
        .with_hubspot(HubSpotWriter::new(&hubspot_cfg(&emu)).unwrap())
        .with_scanner(scanner())
        .with_alerts(alerts.clone());
    let report = rem.apply(&plan).await.unwrap();
    assert_eq!(report.failed(), 0, "{}", report.render());

    for t in &plan.tickets {
        let id: i64 = t.ticket_id.parse().unwrap();
        let notes = db
            .hs_notes_by_ids(&db.hs_note_ids_of_ticket(id).unwrap())
            .unwrap();
        let ours: Vec<_> = notes
            .iter()
            .filter(|n| n.body.contains("leakhound-ref: "))
            .collect();
        assert_eq!(ours.len(), 1, "ticket {id}: one note");
        no_value_in(&ours[0].body, &values, "a note");
        let ticket = db.hs_ticket(id).unwrap().unwrap();
        no_value_in(&ticket.content, &values, "redacted content");
    }
    let sent = alerts.0.lock().unwrap().clone();
    assert!(!sent.is_empty());
    for a in &sent {
        let ticket = db.hs_ticket(a.ticket_id.parse().unwrap()).unwrap().unwrap();
        let owner = db.hs_owner(ticket.owner_id.unwrap()).unwrap().unwrap();
        assert_eq!(
            a.to.email, owner.email,
            "the alert goes to the ticket's owner"
        );
        no_value_in(&format!("{a:?}"), &values, "an alert");
    }

    // Twice: no second note, no second alert.
    let again = build_plan(&*store, &cfg, &PlanOptions::default()).unwrap();
    assert_eq!(again.pending(), 0);
    emu.hubspot.calls.reset();
    rem.apply(&again).await.unwrap();
    assert_eq!(writes(&emu.hubspot), 0);
    assert_eq!(alerts.0.lock().unwrap().len(), sent.len());
}
