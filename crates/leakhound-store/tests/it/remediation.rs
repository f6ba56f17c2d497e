use crate::common::*;
use leakhound_store::*;

fn planned(key: &str, finding: Option<FindingId>) -> PlannedAction {
    PlannedAction {
        idempotency_key: key.into(),
        finding_id: finding,
        value_hash: Some("ab".repeat(32)),
        source: "zd".into(),
        ticket_id: "7".into(),
        part_key: Some("comment:1".into()),
        kind: "redact_comment".into(),
        run: None,
    }
}

#[test]
fn an_action_is_recorded_once_and_moves_through_its_states() {
    let store = SqliteStore::open_in_memory().unwrap();
    assert_eq!(store.action_for("k1").unwrap(), None);

    let a = store.record_action_planned(&planned("k1", None)).unwrap();
    assert_eq!(a.status, ActionStatus::Planned);
    // A rerun plans the same action: it gets the existing record, not a second one.
    let again = store.record_action_planned(&planned("k1", None)).unwrap();
    assert_eq!(again, a);

    let err = store
        .record_action_finished("k1", ActionOutcome::Done, "ok")
        .unwrap_err();
    assert!(matches!(
        err,
        Error::ActionTransition {
            from: "planned",
            to: "done",
            ..
        }
    ));

    let started = store.record_action_started("k1").unwrap();
    assert_eq!(started.status, ActionStatus::Started);
    assert!(started.started_at_ms.is_some());
    let failed = store
        .record_action_finished("k1", ActionOutcome::Failed, "HTTP 503")
        .unwrap();
    assert_eq!(failed.status, ActionStatus::Failed);
    assert_eq!(failed.result.as_deref(), Some("HTTP 503"));

    // A failed action may be retried; a done one may not be started again.
    store.record_action_started("k1").unwrap();
    let done = store
        .record_action_finished("k1", ActionOutcome::Done, "redacted")
        .unwrap();
    assert_eq!(done.status, ActionStatus::Done);
    assert!(done.finished_at_ms.is_some());
    assert!(matches!(
        store.record_action_started("k1"),
        Err(Error::ActionTransition { from: "done", .. })
    ));
    assert_eq!(
        store
            .record_action_planned(&planned("k1", None))
            .unwrap()
            .status,
        ActionStatus::Done,
        "a rerun sees it done"
    );
    assert!(matches!(
        store.record_action_started("nope"),
        Err(Error::NoSuchAction)
    ));

    let events: Vec<String> = store
        .audit_entries(0, 100)
        .unwrap()
        .into_iter()
        .map(|e| e.entry.event)
        .collect();
    assert_eq!(
        events,
        [
            "action.planned",
            "action.started",
            "action.failed",
            "action.started",
            "action.done"
        ]
    );
}

#[test]
fn an_action_outlives_the_finding_it_acted_on() {
    let store = SqliteStore::open_in_memory().unwrap();
    let run = store.begin_run(RunKind::Full, &["zd"]).unwrap();
    let page = |findings| PageCommit {
        tickets: vec![ticket(&store, "7", 1)],
        parts: vec![part(&store, "7", "comment:1", "text")],
        findings,
        cursor: None,
    };
    store
        .commit_page(
            run,
            "zd",
            &page(vec![finding(&store, "7", "comment:1", 0, "X")]),
        )
        .unwrap();
    let id = all_findings(&store, &FindingFilter::default())[0].id;
    store
        .record_action_planned(&planned("k", Some(id)))
        .unwrap();

    // The comment was redacted, rescanned, and its finding is gone.
    store.commit_page(run, "zd", &page(vec![])).unwrap();
    let a = store.action_for("k").unwrap().unwrap();
    assert_eq!(a.action.finding_id, None);
    assert_eq!(a.action.value_hash, Some("ab".repeat(32)));
}

#[test]
fn the_audit_log_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let store = SqliteStore::open(&path).unwrap();
    for i in 0..3 {
        store
            .append_audit(&AuditEntry {
                actor: "alice".into(),
                event: "report.exported".into(),
                subject: format!("run:{i}"),
                detail: serde_json::json!({ "format": "csv" }),
            })
            .unwrap();
    }
    let all = store.audit_entries(0, 10).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].entry.detail["format"], "csv");
    let rest = store.audit_entries(all[0].id, 1).unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].entry.subject, "run:1");

    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn
        .execute("UPDATE audit_log SET actor = 'mallory'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
}
