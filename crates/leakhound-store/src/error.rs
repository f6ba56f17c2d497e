//! The store's errors.
//!
//! Messages never quote scanned text, raw values, hashes or keys: a store error can end up in
//! a log or on a terminal, and the database it talks about holds sensitive data. They name
//! the record (run id, source, part key) instead.

use crate::RunId;

/// What went wrong in a store operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database failed (I/O, locking, constraint, corruption).
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    /// The database was written by a newer leakhound: it has migrations this build lacks.
    #[error("the store's schema version {found} is newer than this build knows ({known}); upgrade leakhound")]
    SchemaTooNew {
        /// The highest migration applied to the database.
        found: i64,
        /// The highest migration this build embeds.
        known: i64,
    },

    /// An applied migration differs from the one embedded in this build.
    #[error("migration {version} ({name}) was applied with different SQL; the migration file was edited after release")]
    MigrationChanged {
        /// The migration's version.
        version: i64,
        /// The migration's name.
        name: String,
    },

    /// The hash key in use is not the one the store's hashes were made with.
    #[error("the hash key does not match the key this store was created with; hashes would not be comparable")]
    HashKeyMismatch,

    /// The store was created with a caller-supplied hash key and none was given now.
    #[error("this store was created with an external hash key; set LEAKHOUND_HASH_KEY")]
    HashKeyRequired,

    /// A hash key could not be parsed (the value itself is not repeated).
    #[error("invalid hash key: expected 64 hexadecimal characters (32 bytes)")]
    InvalidHashKey,

    /// The run does not exist.
    #[error("run {0} does not exist")]
    NoSuchRun(RunId),

    /// The run is no longer running, so it cannot take pages or be finished again.
    #[error("run {run} is {status}, not running")]
    RunNotRunning {
        /// The run.
        run: RunId,
        /// Its status.
        status: &'static str,
    },

    /// A page to commit is inconsistent; nothing was written.
    #[error("invalid page for source {source_name}: {reason}")]
    InvalidPage {
        /// The source the page was for.
        source_name: String,
        /// What is wrong, naming ticket ids and part keys but never text.
        reason: String,
    },

    /// No remediation action has this idempotency key.
    #[error("no remediation action with this idempotency key")]
    NoSuchAction,

    /// A remediation action cannot move from its status to the one asked for.
    #[error("remediation action {id} is {from}; cannot mark it {to}")]
    ActionTransition {
        /// The action's id.
        id: i64,
        /// Its current status.
        from: &'static str,
        /// The status asked for.
        to: &'static str,
    },

    /// Stored data that the schema's checks should have excluded (a bug or a hand edit).
    #[error("unexpected stored data: {0}")]
    Corrupt(String),

    /// The callback of [`Store::for_each_finding`](crate::Store::for_each_finding) failed;
    /// iteration stopped.
    #[error("finding consumer failed: {0}")]
    Consumer(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// Wraps the error of a [`Store::for_each_finding`](crate::Store::for_each_finding)
    /// callback, such as an I/O error writing a report.
    pub fn consumer(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
        Error::Consumer(err.into())
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
