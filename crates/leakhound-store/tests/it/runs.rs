use leakhound_store::*;

#[test]
fn a_run_begins_and_finishes_with_its_stats() {
    let store = SqliteStore::open_in_memory().unwrap();
    let run = store
        .begin_run(RunKind::Incremental, &["hubspot", "zendesk:acme"])
        .unwrap();
    let r = store.run(run).unwrap().unwrap();
    assert_eq!(r.status, RunStatus::Running);
    assert_eq!(r.kind, RunKind::Incremental);
    assert_eq!(r.sources, ["hubspot", "zendesk:acme"]);
    assert_eq!(r.finished_at_ms, None);

    let stats = RunStats {
        tickets_fetched: 10,
        tickets_scanned: 9,
        parts_scanned: 30,
        parts_skipped: 4,
        findings: 7,
        api_calls: 3,
        rate_limit_waits: 1,
        bytes_scanned: 12_345,
        errors: 0,
    };
    store
        .finish_run(run, RunOutcome::Completed, &stats)
        .unwrap();
    let r = store.run(run).unwrap().unwrap();
    assert_eq!(r.status, RunStatus::Completed);
    assert_eq!(r.stats, stats);
    assert!(r.finished_at_ms.unwrap() >= r.started_at_ms);

    let again = store
        .finish_run(run, RunOutcome::Failed, &stats)
        .unwrap_err();
    assert!(
        matches!(
            again,
            Error::RunNotRunning {
                status: "completed",
                ..
            }
        ),
        "{again}"
    );
    assert!(matches!(
        store.finish_run(RunId(999), RunOutcome::Failed, &stats),
        Err(Error::NoSuchRun(RunId(999)))
    ));
    assert!(store.run(RunId(999)).unwrap().is_none());
}

#[test]
fn runs_of_a_killed_process_stay_visible_until_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let crashed = {
        let store = SqliteStore::open(&path).unwrap();
        store.begin_run(RunKind::Full, &["hubspot"]).unwrap()
        // dropped without finish_run: what a kill leaves behind
    };

    let store = SqliteStore::open(&path).unwrap();
    let unfinished = store.unfinished_runs().unwrap();
    assert_eq!(unfinished.len(), 1);
    assert_eq!(unfinished[0].id, crashed);

    let run = store.begin_run(RunKind::Incremental, &["hubspot"]).unwrap();
    assert_eq!(
        store.interrupt_unfinished_runs(Some(run)).unwrap(),
        [crashed]
    );
    assert_eq!(
        store.run(crashed).unwrap().unwrap().status,
        RunStatus::Interrupted
    );
    assert_eq!(store.run(run).unwrap().unwrap().status, RunStatus::Running);
    assert_eq!(
        store.unfinished_runs().unwrap().len(),
        1,
        "only the new run"
    );

    // An interrupted run takes no more pages.
    let err = store
        .commit_page(crashed, "hubspot", &PageCommit::default())
        .unwrap_err();
    assert!(matches!(
        err,
        Error::RunNotRunning {
            status: "interrupted",
            ..
        }
    ));

    let audit = store.audit_entries(0, 10).unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].entry.event, "run.interrupted");
    assert_eq!(audit[0].entry.subject, format!("run:{crashed}"));
}

#[test]
fn run_summary_counts_per_detector_and_source() {
    use crate::common::*;
    let store = SqliteStore::open_in_memory().unwrap();
    let r1 = store.begin_run(RunKind::Full, &["a", "b"]).unwrap();
    let page = |store: &SqliteStore, t: &str| PageCommit {
        tickets: vec![ticket(store, t, 1)],
        parts: vec![part(store, t, "content", "x")],
        findings: vec![
            finding(store, t, "content", 0, "CREDIT_CARD_NUMBER"),
            finding(store, t, "content", 30, "EMAIL_ADDRESS"),
            finding(store, t, "content", 60, "EMAIL_ADDRESS"),
        ],
        cursor: None,
    };
    store.commit_page(r1, "a", &page(&store, "1")).unwrap();
    store.commit_page(r1, "b", &page(&store, "2")).unwrap();
    store
        .finish_run(r1, RunOutcome::Completed, &RunStats::default())
        .unwrap();

    let s = store.run_summary(r1).unwrap();
    assert_eq!(s.findings, 6);
    assert_eq!(s.new_findings, 6);
    assert_eq!(s.by_detector["EMAIL_ADDRESS"], 4);
    assert_eq!(s.by_detector["CREDIT_CARD_NUMBER"], 2);
    assert_eq!(s.by_source["a"], 3);
    assert_eq!(s.by_source["b"], 3);

    // A second run rescans source a's ticket only: its findings are seen again, not new.
    let r2 = store.begin_run(RunKind::Incremental, &["a"]).unwrap();
    store.commit_page(r2, "a", &page(&store, "1")).unwrap();
    let s = store.run_summary(r2).unwrap();
    assert_eq!((s.findings, s.new_findings), (3, 0));
    assert_eq!(s.by_source.get("b"), None);
    assert!(matches!(
        store.run_summary(RunId(77)),
        Err(Error::NoSuchRun(_))
    ));
}
