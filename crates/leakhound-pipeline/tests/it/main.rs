//! The pipeline end to end against the emulators over loopback, with a real SQLite store.

use leakhound_connectors::{HubSpotConfig, RatePlan, ZendeskAuth, ZendeskConfig};
use leakhound_emulator::db::Db;
use leakhound_emulator::model::{Field, Helpdesk};
use leakhound_emulator::server::{self, EmulatorOptions, RunningEmulators};
use leakhound_emulator::state::AuthConfig;
use leakhound_emulator::synth::{self, SynthConfig};
use leakhound_engine::{ScanPolicy, Scanner};
use leakhound_pipeline::eval::{evaluate, GoldSpan, Predicted};
use leakhound_pipeline::{
    run_source, PageStats, Progress, RunOptions, ScanMode, SourceConfig, ThreadScanner,
};
use leakhound_store::{FindingFilter, RunKind, SqliteStore, Store};
use std::collections::BTreeMap;
use std::sync::Arc;

mod remote;

struct Quiet;
impl Progress for Quiet {
    fn page_stored(&self, _: &str, _: &PageStats) {}
}

pub async fn emulators(tickets: u64) -> (Db, RunningEmulators) {
    let db = Db::open_temporary().unwrap();
    synth::generate(&db, &SynthConfig::new(7, tickets)).unwrap();
    let a = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let b = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let running = server::start(
        db.clone(),
        EmulatorOptions {
            seed: 7,
            ..EmulatorOptions::default()
        },
        a,
        b,
    )
    .unwrap();
    (db, running)
}

pub fn sources(emu: &RunningEmulators) -> (SourceConfig, SourceConfig) {
    let auth = AuthConfig::default();
    let mut hubspot = HubSpotConfig::new(auth.hubspot_token.clone());
    hubspot.base_url = emu.hubspot_url().to_string();
    hubspot.http.plan = RatePlan::UNLIMITED;
    let mut zendesk = ZendeskConfig::new(
        "test",
        ZendeskAuth::ApiToken {
            email: auth.zendesk_email,
            token: auth.zendesk_token,
        },
    );
    zendesk.base_url = emu.zendesk_url().to_string();
    zendesk.agent_url = emu.zendesk_url().to_string();
    zendesk.http.plan = RatePlan::UNLIMITED;
    (
        SourceConfig::HubSpot(hubspot),
        SourceConfig::Zendesk(zendesk),
    )
}

pub fn local_scanner() -> ThreadScanner {
    ThreadScanner::Local(Arc::new(
        Scanner::new(&ScanPolicy::default_rules()).unwrap(),
    ))
}

async fn scan(
    store: &Arc<dyn Store>,
    source: SourceConfig,
    mode: ScanMode,
) -> leakhound_pipeline::SourceSummary {
    let name = source.name();
    let s = store.clone();
    let run = tokio::task::spawn_blocking(move || s.begin_run(RunKind::Full, &[name]))
        .await
        .unwrap()
        .unwrap();
    run_source(
        source,
        mode,
        store.clone(),
        run,
        local_scanner(),
        RunOptions::default(),
        Arc::new(Quiet),
    )
    .await
    .unwrap()
}

/// (source, ticket, part, start, end, detector) of every stored finding.
pub fn finding_keys(store: &dyn Store) -> Vec<(String, String, String, usize, usize, String)> {
    let mut out = Vec::new();
    store
        .for_each_finding(&FindingFilter::default(), &mut |f| {
            out.push((
                f.source,
                f.record.ticket_id,
                f.record.part_key,
                f.record.byte_range.start,
                f.record.byte_range.end,
                f.record.detector,
            ));
            Ok(())
        })
        .unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_scan_of_both_helpdesks_finds_the_known_values_once() {
    let (db, emu) = emulators(400).await;
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(dir.path().join("s.sqlite")).unwrap());
    let (hubspot, zendesk) = sources(&emu);
    let hs = scan(&store, hubspot, ScanMode::Full).await;
    let zd = scan(&store, zendesk, ScanMode::Full).await;
    assert_eq!(hs.totals.tickets, 400);
    assert_eq!(zd.totals.tickets, 400);
    // The fewest calls: HubSpot lists 100 a page; Zendesk uses the exports, not one comments
    // call per ticket.
    assert!(hs.calls.total <= 5, "{:?}", hs.calls);
    assert!(zd.calls.total <= 10, "{:?}", zd.calls);

    let keys = finding_keys(&*store);
    let mut unique = keys.clone();
    unique.dedup();
    assert_eq!(keys.len(), unique.len(), "no duplicate findings");

    let mut gold = Vec::new();
    for (_, span) in db.ground_truth_page(None, 0, 1_000_000).unwrap() {
        let part = match span.field {
            Field::Subject => "subject".to_string(),
            Field::Content => "content".to_string(),
            Field::Comment => format!("comment:{}", span.object_id.unwrap()),
            Field::Note | Field::Attachment => continue,
        };
        gold.push(GoldSpan {
            source: span.helpdesk.as_str().into(),
            ticket_id: span.ticket_id.to_string(),
            part,
            range: span.start..span.end,
            kind: span.kind,
        });
    }
    let predicted = keys.iter().map(|(s, t, p, a, b, d)| Predicted {
        source: s.clone(),
        ticket_id: t.clone(),
        part: p.clone(),
        range: *a..*b,
        kind: d.clone(),
    });
    let e = evaluate(gold, predicted);
    let all = e.overall();
    assert!(
        all.recall() >= 0.95,
        "recall {:.3}: {:?}",
        all.recall(),
        e.by_type
    );
    assert!(
        all.precision() >= 0.95,
        "precision {:.3}: {:?}",
        all.precision(),
        e.by_type
    );
    emu.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rescans_skip_what_did_not_change_and_find_what_did() {
    let (db, emu) = emulators(150).await;
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
    let (hubspot, zendesk) = sources(&emu);
    let first = scan(&store, hubspot.clone(), ScanMode::Full).await;
    let z_first = scan(&store, zendesk.clone(), ScanMode::Full).await;
    let before = finding_keys(&*store);

    // Nothing changed: a full rescan fetches everything but scans nothing again.
    let again = scan(&store, zendesk, ScanMode::Full).await;
    assert_eq!(again.totals.tickets, z_first.totals.tickets);
    assert_eq!(again.totals.parts_scanned, 0);
    assert_eq!(finding_keys(&*store), before);

    // A HubSpot ticket gets a card number: the incremental run fetches only changed tickets and
    // stores the new finding once.
    let mut props = BTreeMap::new();
    props.insert(
        "content".to_string(),
        Some("new message: my card is 4111 1111 1111 1111, thanks".to_string()),
    );
    let ticket: String = before
        .iter()
        .find(|k| k.0 == "hubspot")
        .expect("a HubSpot finding")
        .1
        .clone();
    db.hs_update_ticket(ticket.parse().unwrap(), &props)
        .unwrap()
        .expect("the ticket exists");
    let incremental = scan(&store, hubspot.clone(), ScanMode::Incremental).await;
    assert!(
        incremental.totals.tickets < first.totals.tickets,
        "{:?}",
        incremental.totals
    );
    assert_eq!(
        incremental.totals.parts_scanned, 1,
        "only the changed content: {:?}",
        incremental.totals
    );
    let after = finding_keys(&*store);
    let new: Vec<_> = after
        .iter()
        .filter(|k| k.0 == "hubspot" && k.1 == ticket && k.2 == "content")
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].5, "CREDIT_CARD_NUMBER");

    // --since: only what changed after the instant, whatever the stored cursor says.
    let ten_minutes_ago = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        - 600_000;
    let since = scan(&store, hubspot.clone(), ScanMode::Since(ten_minutes_ago)).await;
    assert_eq!(since.totals.tickets, 1, "{:?}", since.totals);

    // And again: nothing new, nothing duplicated.
    let _ = scan(&store, hubspot, ScanMode::Incremental).await;
    assert_eq!(finding_keys(&*store), after);
    let _ = Helpdesk::Hubspot;
    emu.shutdown().await.unwrap();
}
