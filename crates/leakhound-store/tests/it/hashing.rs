use leakhound_store::*;
use sha2::{Digest, Sha256};

fn plain_sha256(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn value_hash_is_stable_for_a_store_across_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let first = SqliteStore::open(&path).unwrap().value_hash("123-45-6789");
    let again = SqliteStore::open(&path).unwrap().value_hash("123-45-6789");
    assert_eq!(first, again);
    assert_eq!(first.len(), 64);
    assert!(first
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_ne!(
        first,
        plain_sha256("123-45-6789"),
        "keyed, not a plain digest"
    );
}

#[test]
fn stores_with_their_own_keys_hash_differently() {
    let a = SqliteStore::open_in_memory().unwrap();
    let b = SqliteStore::open_in_memory().unwrap();
    assert_ne!(
        a.value_hash("4111111111111111"),
        b.value_hash("4111111111111111")
    );
    assert_ne!(a.value_hash("x"), a.value_hash("y"));
}

#[test]
fn a_shared_key_makes_hashes_comparable_across_stores() {
    let key = HashKey::from_hex(&"0f".repeat(32)).unwrap();
    let options = SqliteOptions {
        hash_key: Some(key.clone()),
        ..SqliteOptions::default()
    };
    let a = SqliteStore::open_in_memory_with(&options).unwrap();
    let b = SqliteStore::open_in_memory_with(&options).unwrap();
    assert_eq!(a.value_hash("v"), b.value_hash("v"));
    assert_eq!(a.value_hash("v"), key.hash("v"));
    assert_ne!(a.value_hash("v"), plain_sha256("v"));
}

#[test]
fn an_external_key_is_required_and_checked_on_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let key = HashKey::generate();
    let with = |k: Option<HashKey>| SqliteOptions {
        hash_key: k,
        ..SqliteOptions::default()
    };
    let h = SqliteStore::open_with(&path, &with(Some(key.clone())))
        .unwrap()
        .value_hash("v");

    // The key itself was not written to the file.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let stored: i64 = conn
        .query_row(
            "SELECT count(*) FROM meta WHERE key = 'hash_key'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0);

    assert!(matches!(
        SqliteStore::open(&path),
        Err(Error::HashKeyRequired)
    ));
    let err = SqliteStore::open_with(&path, &with(Some(HashKey::generate()))).unwrap_err();
    assert!(matches!(err, Error::HashKeyMismatch));
    assert!(!err.to_string().contains(&key.to_hex()));
    let again = SqliteStore::open_with(&path, &with(Some(key))).unwrap();
    assert_eq!(again.value_hash("v"), h);
}

#[test]
fn a_store_with_its_own_key_refuses_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(SqliteStore::open(&path).unwrap());
    let other = SqliteOptions {
        hash_key: Some(HashKey::generate()),
        ..SqliteOptions::default()
    };
    assert!(matches!(
        SqliteStore::open_with(&path, &other),
        Err(Error::HashKeyMismatch)
    ));
}
