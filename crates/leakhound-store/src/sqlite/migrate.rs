//! Embedded schema migrations for SQLite.
//!
//! Each migration is a file `migrations/sqlite/NNNN_name.sql`, embedded in the binary and
//! listed in [`MIGRATIONS`] in order. Applied migrations are recorded in `schema_migrations`
//! with a checksum of their SQL, so that a database is never silently run against a schema
//! that differs from the one it was built with. A released migration is never edited: a
//! change is a new migration.

use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};

/// One embedded migration.
pub(crate) struct Migration {
    pub(crate) version: i64,
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
}

/// Every migration, in the order they apply. A unit test checks this list against the files.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "scans",
        sql: include_str!("../../migrations/sqlite/0001_scans.sql"),
    },
    Migration {
        version: 2,
        name: "remediation",
        sql: include_str!("../../migrations/sqlite/0002_remediation.sql"),
    },
];

/// Brings the database to the latest schema, in one transaction.
///
/// The transaction is `IMMEDIATE` so that two processes opening the same new file do not
/// both apply the migrations: the second waits (busy timeout), then finds them applied.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version       INTEGER PRIMARY KEY NOT NULL,
             name          TEXT NOT NULL,
             -- SHA-256 of the migration's SQL (line endings normalised).
             checksum      TEXT NOT NULL,
             applied_at_ms INTEGER NOT NULL
         ) STRICT;",
    )?;
    let known = MIGRATIONS.last().map_or(0, |m| m.version);
    let found: Option<i64> =
        tx.query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })?;
    if let Some(found) = found.filter(|&f| f > known) {
        return Err(Error::SchemaTooNew { found, known });
    }
    for m in MIGRATIONS {
        let sum = checksum(m.sql);
        let applied: Option<String> = tx
            .query_row(
                "SELECT checksum FROM schema_migrations WHERE version = ?1",
                [m.version],
                |r| r.get(0),
            )
            .optional()?;
        match applied {
            Some(applied) if applied == sum => {}
            Some(_) => {
                return Err(Error::MigrationChanged {
                    version: m.version,
                    name: m.name.to_owned(),
                })
            }
            None => {
                tx.execute_batch(m.sql)?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at_ms)
                     VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![m.version, m.name, sum, super::now_ms()],
                )?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

fn checksum(sql: &str) -> String {
    let digest = Sha256::digest(sql.replace("\r\n", "\n").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migration file that is not listed would never run; a listed one out of order would
    /// run in the wrong order. Both are caught here.
    #[test]
    fn list_matches_files() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{:04}_{}.sql", m.version, m.name))
            .collect();
        assert_eq!(files, listed);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "versions are consecutive from 1");
            let on_disk = std::fs::read_to_string(format!("{dir}/{:04}_{}.sql", m.version, m.name));
            assert_eq!(on_disk.unwrap(), m.sql);
        }
    }

    #[test]
    fn applies_on_empty_database_and_again_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, MIGRATIONS.len() as i64);
    }

    #[test]
    fn edited_and_newer_migrations_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1",
            [],
        )
        .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(Error::MigrationChanged { version: 1, .. })
        ));
        conn.execute(
            "INSERT INTO schema_migrations VALUES (9999, 'future', 'y', 0)",
            [],
        )
        .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(Error::SchemaTooNew { found: 9999, .. })
        ));
    }
}
