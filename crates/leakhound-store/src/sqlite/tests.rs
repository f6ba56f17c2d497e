use super::*;

/// The keyset query of `for_each_finding` must seek in the UNIQUE index, or reading a large
/// report would rescan from the start for every chunk.
#[test]
fn keyset_chunk_query_uses_the_unique_index() {
    let store = SqliteStore::open_in_memory().unwrap();
    let conn = store.lock();
    let plan: Vec<String> = conn
        .prepare(&format!(
            "EXPLAIN QUERY PLAN SELECT {FINDING_COLUMNS} FROM findings
             WHERE 1 = 1 AND ({FINDING_ORDER}) > ('a', 'b', 'c', 1, 2, 'd')
             ORDER BY {FINDING_ORDER} LIMIT 10"
        ))
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let plan = plan.join("\n");
    assert!(
        plan.contains("SEARCH findings USING INDEX sqlite_autoindex_findings_1 ((source,"),
        "seeks in the index, not scans: {plan}"
    );
    assert!(!plan.contains("TEMP B-TREE"), "no sort: {plan}");
}

#[test]
fn pragmas_are_set() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("s.db")).unwrap();
    let conn = store.lock();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    let busy: i64 = conn
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), fk, busy), ("wal", 1, 10_000));
}

#[cfg(unix)]
#[test]
fn new_database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let _store = SqliteStore::open(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn confidence_ranks_round_trip() {
    for c in Confidence::ALL {
        assert_eq!(confidence_from_rank(confidence_rank(c)).unwrap(), c);
    }
    assert!(confidence_from_rank(5).is_err());
}

#[test]
fn debug_of_store_hides_the_key() {
    let store = SqliteStore::open_in_memory().unwrap();
    let debug = format!("{store:?}");
    assert!(!debug.contains(&store.key.to_hex()), "{debug}");
}
