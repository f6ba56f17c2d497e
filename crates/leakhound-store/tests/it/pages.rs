use crate::common::*;
use leakhound_engine::Confidence;
use leakhound_store::*;

#[test]
fn a_rerun_never_duplicates_and_keeps_ids_and_first_run() {
    let store = SqliteStore::open_in_memory().unwrap();
    let page = |store: &SqliteStore| PageCommit {
        tickets: vec![ticket(store, "1", 100), ticket(store, "2", 200)],
        parts: vec![
            part(store, "1", "subject", "s1"),
            part(store, "1", "comment:11", "c11"),
            part(store, "2", "content", "c2"),
        ],
        findings: vec![
            finding(store, "1", "comment:11", 0, "CREDIT_CARD_NUMBER"),
            finding(store, "1", "comment:11", 0, "PHONE_NUMBER"),
            finding(store, "2", "content", 5, "EMAIL_ADDRESS"),
        ],
        cursor: Some("c1".into()),
    };
    let r1 = store.begin_run(RunKind::Full, &["hs"]).unwrap();
    store.commit_page(r1, "hs", &page(&store)).unwrap();
    let first = all_findings(&store, &FindingFilter::default());
    assert_eq!(first.len(), 3);

    let r2 = store.begin_run(RunKind::Full, &["hs"]).unwrap();
    store.commit_page(r2, "hs", &page(&store)).unwrap();
    store.commit_page(r2, "hs", &page(&store)).unwrap();
    let second = all_findings(&store, &FindingFilter::default());
    assert_eq!(second.len(), 3, "no duplicates");
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.id, b.id, "ids are stable");
        assert_eq!(b.first_seen_run, r1);
        assert_eq!(b.last_seen_run, r2);
        assert_eq!(a.created_at_ms, b.created_at_ms);
        assert_eq!(a.record, b.record);
    }
    let of_r2 = FindingFilter {
        run: Some(r2),
        ..FindingFilter::default()
    };
    assert_eq!(store.count_findings(&of_r2).unwrap(), 3);
    let new_in_r2 = FindingFilter {
        new_in_run: true,
        ..of_r2
    };
    assert_eq!(store.count_findings(&new_in_r2).unwrap(), 0);
}

#[test]
fn a_rescanned_part_loses_its_stale_findings_and_other_parts_keep_theirs() {
    let store = SqliteStore::open_in_memory().unwrap();
    let r1 = store.begin_run(RunKind::Full, &["zd"]).unwrap();
    store
        .commit_page(
            r1,
            "zd",
            &PageCommit {
                tickets: vec![ticket(&store, "7", 1)],
                parts: vec![
                    part(&store, "7", "description", "d"),
                    part(&store, "7", "comment:1", "old text"),
                ],
                findings: vec![
                    finding(&store, "7", "description", 0, "EMAIL_ADDRESS"),
                    finding(&store, "7", "comment:1", 0, "CREDIT_CARD_NUMBER"),
                    finding(&store, "7", "comment:1", 40, "CREDIT_CARD_NUMBER"),
                ],
                cursor: None,
            },
        )
        .unwrap();
    let before = all_findings(&store, &FindingFilter::default());
    let kept_id = before
        .iter()
        .find(|f| f.record.part_key == "comment:1" && f.record.byte_range.start == 40)
        .unwrap()
        .id;

    // comment:1 changed: the finding at 0 is gone, the one at 40 stays, one at 80 is new.
    // The description is not in this page and keeps its finding.
    let r2 = store.begin_run(RunKind::Incremental, &["zd"]).unwrap();
    let mut moved = finding(&store, "7", "comment:1", 40, "CREDIT_CARD_NUMBER");
    moved.confidence = Confidence::VeryLikely;
    store
        .commit_page(
            r2,
            "zd",
            &PageCommit {
                tickets: vec![ticket(&store, "7", 2)],
                parts: vec![part(&store, "7", "comment:1", "new text")],
                findings: vec![
                    moved,
                    finding(&store, "7", "comment:1", 80, "CREDIT_CARD_NUMBER"),
                ],
                cursor: None,
            },
        )
        .unwrap();
    let after = all_findings(&store, &FindingFilter::default());
    let places: Vec<(&str, usize, RunId)> = after
        .iter()
        .map(|f| {
            (
                f.record.part_key.as_str(),
                f.record.byte_range.start,
                f.first_seen_run,
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("comment:1", 40, r1),
            ("comment:1", 80, r2),
            ("description", 0, r1)
        ]
    );
    assert_eq!(after[0].id, kept_id);
    assert_eq!(
        after[0].record.confidence,
        Confidence::VeryLikely,
        "updated in place"
    );
    assert_eq!(after[2].last_seen_run, r1, "not rescanned");

    // A part rescanned with no findings loses them all.
    store
        .commit_page(
            r2,
            "zd",
            &PageCommit {
                parts: vec![part(&store, "7", "comment:1", "clean now")],
                ..PageCommit::default()
            },
        )
        .unwrap();
    let after = all_findings(&store, &FindingFilter::default());
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].record.part_key, "description");
}

#[test]
fn scanned_parts_answers_a_whole_page_in_one_call() {
    let store = SqliteStore::open_in_memory().unwrap();
    let run = store.begin_run(RunKind::Full, &["zd", "other"]).unwrap();
    // 2,500 tickets: more than SQLite's historical limit of 999 bound variables.
    let ids: Vec<String> = (0..2500).map(|i| i.to_string()).collect();
    let mut page = PageCommit::default();
    for id in &ids {
        page.tickets.push(ticket(&store, id, 1));
        page.parts
            .push(part(&store, id, "subject", &format!("s{id}")));
        page.parts.push(part(
            &store,
            id,
            &format!("comment:{id}0"),
            &format!("c{id}"),
        ));
    }
    store.commit_page(run, "zd", &page).unwrap();
    store
        .commit_page(
            run,
            "other",
            &PageCommit {
                tickets: vec![ticket(&store, "5", 1)],
                parts: vec![part(&store, "5", "subject", "other source")],
                ..PageCommit::default()
            },
        )
        .unwrap();

    let asked: Vec<&str> = ids.iter().map(String::as_str).chain(["missing"]).collect();
    let parts = store.scanned_parts("zd", &asked).unwrap();
    assert_eq!(parts.len(), 5000);
    assert_eq!(
        parts[&("5".to_owned(), "subject".to_owned())],
        store.value_hash("s5"),
        "this source's hash, not the other source's"
    );
    assert_eq!(
        parts[&("5".to_owned(), "comment:50".to_owned())],
        store.value_hash("c5")
    );

    let few = store.scanned_parts("zd", &["1", "2"]).unwrap();
    assert_eq!(few.len(), 4);
    assert!(store.scanned_parts("zd", &[]).unwrap().is_empty());

    let states = store.ticket_states("zd", &["1", "missing"]).unwrap();
    assert_eq!(states.len(), 1);
    assert_eq!(states["1"].updated_at_ms, Some(1));
    assert_eq!(states["1"].last_run, run);
}

#[test]
fn a_part_before_its_ticket_is_stored_as_unknown_ticket() {
    let store = SqliteStore::open_in_memory().unwrap();
    let run = store.begin_run(RunKind::Incremental, &["zd"]).unwrap();
    store
        .commit_page(
            run,
            "zd",
            &PageCommit {
                parts: vec![part(&store, "9", "comment:90", "c")],
                findings: vec![finding(&store, "9", "comment:90", 3, "EMAIL_ADDRESS")],
                ..PageCommit::default()
            },
        )
        .unwrap();
    let states = store.ticket_states("zd", &["9"]).unwrap();
    assert_eq!(states["9"].updated_at_ms, None, "reads as changed");
    assert_eq!(store.count_findings(&FindingFilter::default()).unwrap(), 1);
}

#[test]
fn cursors_move_only_with_committed_pages() {
    let store = SqliteStore::open_in_memory().unwrap();
    let run = store.begin_run(RunKind::Incremental, &["a", "b"]).unwrap();
    assert_eq!(store.cursor("a").unwrap(), None);

    let with_cursor = |c: Option<&str>| PageCommit {
        cursor: c.map(str::to_owned),
        ..PageCommit::default()
    };
    store
        .commit_page(run, "a", &with_cursor(Some("{\"v\":1,\"after\":100}")))
        .unwrap();
    store
        .commit_page(run, "b", &with_cursor(Some("b1")))
        .unwrap();
    assert_eq!(
        store.cursor("a").unwrap().as_deref(),
        Some("{\"v\":1,\"after\":100}")
    );
    assert_eq!(store.cursor("b").unwrap().as_deref(), Some("b1"));

    store.commit_page(run, "a", &with_cursor(None)).unwrap();
    assert_eq!(
        store.cursor("a").unwrap().as_deref(),
        Some("{\"v\":1,\"after\":100}"),
        "None keeps it"
    );
    store
        .commit_page(run, "a", &with_cursor(Some("a2")))
        .unwrap();
    assert_eq!(store.cursor("a").unwrap().as_deref(), Some("a2"));

    // A page that fails validation writes nothing, its cursor included.
    let bad = PageCommit {
        tickets: vec![ticket(&store, "1", 1)],
        parts: vec![part(&store, "1", "subject", "s")],
        findings: vec![finding(&store, "1", "comment:404", 0, "EMAIL_ADDRESS")],
        cursor: Some("a3".into()),
    };
    let err = store.commit_page(run, "a", &bad).unwrap_err();
    assert!(matches!(err, Error::InvalidPage { .. }), "{err}");
    assert!(
        err.to_string().contains("comment:404"),
        "names the part: {err}"
    );
    assert_eq!(store.cursor("a").unwrap().as_deref(), Some("a2"));
    assert!(store.ticket_states("a", &["1"]).unwrap().is_empty());

    // So does a page the database refuses (a value hash that is not a hash).
    let mut refused = PageCommit {
        tickets: vec![ticket(&store, "1", 1)],
        parts: vec![part(&store, "1", "subject", "s")],
        findings: vec![finding(&store, "1", "subject", 0, "EMAIL_ADDRESS")],
        cursor: Some("a3".into()),
    };
    refused.findings[0].value_hash = "not a hash".into();
    assert!(store.commit_page(run, "a", &refused).is_err());
    assert_eq!(store.cursor("a").unwrap().as_deref(), Some("a2"));
    assert!(store.ticket_states("a", &["1"]).unwrap().is_empty());
}

#[test]
fn raw_values_are_null_unless_opted_in_and_never_in_debug() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let store = SqliteStore::open(&path).unwrap();
    let run = store.begin_run(RunKind::Full, &["hs"]).unwrap();
    let secret = "4111 1111 1111 1111";
    let default = finding(&store, "1", "content", 0, "CREDIT_CARD_NUMBER");
    let mut opted_in = finding(&store, "1", "content", 40, "CREDIT_CARD_NUMBER");
    opted_in.raw_value = Some(secret.into());
    opted_in.value_hash = store.value_hash(secret);
    assert!(!format!("{opted_in:?}").contains(secret), "{opted_in:?}");
    assert!(format!("{opted_in:?}").contains("<redacted>"));
    store
        .commit_page(
            run,
            "hs",
            &PageCommit {
                tickets: vec![ticket(&store, "1", 1)],
                parts: vec![part(&store, "1", "content", "text")],
                findings: vec![default, opted_in],
                cursor: None,
            },
        )
        .unwrap();

    let conn = rusqlite::Connection::open(&path).unwrap();
    let raw: Vec<Option<String>> = conn
        .prepare("SELECT raw_value FROM findings ORDER BY byte_start")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(raw, [None, Some(secret.to_owned())]);

    let stored = all_findings(&store, &FindingFilter::default());
    assert_eq!(stored[1].record.raw_value.as_deref(), Some(secret));
    assert!(!format!("{:?}", stored[1]).contains(secret));

    // Rescanned without opting in: the stored value is cleared.
    let mut rescanned = finding(&store, "1", "content", 40, "CREDIT_CARD_NUMBER");
    rescanned.value_hash = store.value_hash(secret);
    store
        .commit_page(
            run,
            "hs",
            &PageCommit {
                parts: vec![part(&store, "1", "content", "text")],
                findings: vec![rescanned],
                ..PageCommit::default()
            },
        )
        .unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM findings WHERE raw_value IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn filters_select_by_source_and_confidence() {
    let store = SqliteStore::open_in_memory().unwrap();
    let run = store.begin_run(RunKind::Full, &["a", "b"]).unwrap();
    for (source, conf) in [("a", Confidence::Possible), ("b", Confidence::VeryLikely)] {
        let mut f = finding(&store, "1", "content", 0, "X");
        f.confidence = conf;
        store
            .commit_page(
                run,
                source,
                &PageCommit {
                    tickets: vec![ticket(&store, "1", 1)],
                    parts: vec![part(&store, "1", "content", "t")],
                    findings: vec![f],
                    cursor: None,
                },
            )
            .unwrap();
    }
    let count = |filter: FindingFilter| store.count_findings(&filter).unwrap();
    assert_eq!(count(FindingFilter::default()), 2);
    assert_eq!(
        count(FindingFilter {
            source: Some("a".into()),
            ..Default::default()
        }),
        1
    );
    let likely = FindingFilter {
        min_confidence: Some(Confidence::Likely),
        ..Default::default()
    };
    assert_eq!(count(likely.clone()), 1);
    assert_eq!(all_findings(&store, &likely)[0].source, "b");
    assert_eq!(
        count(FindingFilter {
            run: Some(RunId(run.0 + 1)),
            ..Default::default()
        }),
        0
    );
}
