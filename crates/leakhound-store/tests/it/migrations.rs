use leakhound_store::*;

#[test]
fn migrations_apply_on_a_new_file_and_reopen_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leakhound.db");
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 2);
    let run = store.begin_run(RunKind::Full, &["hubspot"]).unwrap();
    drop(store);

    for _ in 0..3 {
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), 2);
        assert!(store.run(run).unwrap().is_some(), "data survives reopening");
        store.check_integrity().unwrap();
    }

    let conn = rusqlite::Connection::open(&path).unwrap();
    let applied: Vec<(i64, String)> = conn
        .prepare("SELECT version, name FROM schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        applied,
        [(1, "scans".to_owned()), (2, "remediation".to_owned())]
    );

    // Every table of ours is STRICT.
    let lax: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_table_list
             WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(lax.is_empty(), "not STRICT: {lax:?}");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leakhound.db");
    drop(SqliteStore::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO schema_migrations VALUES (99, 'future', 'x', 0)",
        [],
    )
    .unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::SchemaTooNew {
                found: 99,
                known: 2
            }
        ),
        "{err}"
    );
}

#[test]
fn check_constraints_reject_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leakhound.db");
    drop(SqliteStore::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let bad_status = conn.execute(
        "INSERT INTO runs (kind, status, sources, started_at_ms) VALUES ('full', 'sleeping', '[]', 0)",
        [],
    );
    assert!(bad_status.is_err());
    let finished_but_running = conn.execute(
        "INSERT INTO runs (kind, status, sources, started_at_ms, finished_at_ms)
         VALUES ('full', 'running', '[]', 0, 1)",
        [],
    );
    assert!(finished_but_running.is_err());
    let not_json = conn.execute(
        "INSERT INTO runs (kind, status, sources, started_at_ms) VALUES ('full', 'running', 'x', 0)",
        [],
    );
    assert!(not_json.is_err());
}
