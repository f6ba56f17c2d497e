//! The durable queue of file-scan jobs of `leakhound serve`.
//!
//! Kept apart from [`Store`](crate::Store) (scan results of the pipeline): its own SQLite
//! file and its own embedded migrations (`migrations/jobs/`, recorded in
//! `scan_jobs_migrations`), so the server's queue and the results store evolve separately.
//!
//! Every method is one transaction. A job moves `queued → running → (queued → running)* →
//! done | failed`; a process that dies while a job runs leaves it `running`, and
//! [`JobQueue::recover_interrupted`] at the next start queues it again: jobs are at least
//! once, never lost.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// Embedded migrations of the job queue, in order.
const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "scan_jobs",
    include_str!("../migrations/jobs/0001_scan_jobs.sql"),
)];

/// What went wrong in the job queue.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JobError {
    /// The database failed.
    #[error("job database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A job with this id exists already.
    #[error("job {0} exists already")]
    Exists(String),
    /// No job with this id.
    #[error("no job {0}")]
    NotFound(String),
    /// The job database has migrations this build does not know.
    #[error("the job database's schema version {found} is newer than this build knows ({known})")]
    SchemaTooNew {
        /// Highest applied.
        found: i64,
        /// Highest known.
        known: i64,
    },
}

/// The two phases of a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Extract, scan, write the findings document.
    Scan,
    /// Deliver the notification.
    Deliver,
}

impl Phase {
    fn parse(s: &str) -> Phase {
        if s == "deliver" {
            Phase::Deliver
        } else {
            Phase::Scan
        }
    }
}

/// Where a job stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobState {
    /// Waiting to be claimed once due.
    Queued,
    /// Claimed by a worker.
    Running,
    /// Delivered.
    Done,
    /// Gave up.
    Failed,
}

impl JobState {
    fn parse(s: &str) -> JobState {
        match s {
            "running" => JobState::Running,
            "done" => JobState::Done,
            "failed" => JobState::Failed,
            _ => JobState::Queued,
        }
    }
}

/// A job as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// The upload's id.
    pub id: String,
    /// Scan or deliver.
    pub phase: Phase,
    /// Queued, running, done or failed.
    pub state: JobState,
    /// The request JSON.
    pub request: String,
    /// The notification JSON, in the deliver phase.
    pub result: Option<String>,
    /// Attempts made in this phase.
    pub attempts: u32,
    /// When it is due (ms since the epoch).
    pub next_attempt_at_ms: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

/// The job queue.
pub struct JobQueue {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for JobQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobQueue")
    }
}

type Result<T> = std::result::Result<T, JobError>;

const COLUMNS: &str = "id, phase, state, request, result, attempts, next_attempt_at_ms, last_error";

fn row_to_job(r: &rusqlite::Row<'_>) -> rusqlite::Result<Job> {
    Ok(Job {
        id: r.get(0)?,
        phase: Phase::parse(&r.get::<_, String>(1)?),
        state: JobState::parse(&r.get::<_, String>(2)?),
        request: r.get(3)?,
        result: r.get(4)?,
        attempts: r.get(5)?,
        next_attempt_at_ms: r.get(6)?,
        last_error: r.get(7)?,
    })
}

impl JobQueue {
    /// Opens (creating and migrating) the queue in the SQLite file at `path`.
    pub fn open(path: &Path) -> Result<JobQueue> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Self::with_connection(conn)
    }

    /// A queue in memory (tests).
    pub fn open_in_memory() -> Result<JobQueue> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(mut conn: Connection) -> Result<JobQueue> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS scan_jobs_migrations (
                 version       INTEGER PRIMARY KEY NOT NULL,
                 name          TEXT NOT NULL,
                 applied_at_ms INTEGER NOT NULL
             ) STRICT;",
        )?;
        let found: Option<i64> =
            tx.query_row("SELECT max(version) FROM scan_jobs_migrations", [], |r| {
                r.get(0)
            })?;
        let known = MIGRATIONS.last().map_or(0, |m| m.0);
        if let Some(found) = found.filter(|&f| f > known) {
            return Err(JobError::SchemaTooNew { found, known });
        }
        for (version, name, sql) in MIGRATIONS {
            if found.is_some_and(|f| f >= *version) {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO scan_jobs_migrations (version, name, applied_at_ms) VALUES (?1, ?2, ?3)",
                params![version, name, now_ms()],
            )?;
        }
        tx.commit()?;
        Ok(JobQueue {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a new job in the scan phase, due now. Fails with [`JobError::Exists`] if the id
    /// is taken.
    pub fn enqueue(&self, id: &str, request: &str, now_ms: i64) -> Result<()> {
        let conn = self.conn();
        let n = conn.execute(
            "INSERT INTO scan_jobs (id, phase, state, request, next_attempt_at_ms, created_at_ms, updated_at_ms)
             VALUES (?1, 'scan', 'queued', ?2, ?3, ?3, ?3) ON CONFLICT (id) DO NOTHING",
            params![id, request, now_ms],
        )?;
        if n == 0 {
            return Err(JobError::Exists(id.to_string()));
        }
        Ok(())
    }

    /// Puts every `running` job back to `queued`: called once at start, when no worker runs.
    /// Returns how many.
    pub fn recover_interrupted(&self, now_ms: i64) -> Result<usize> {
        Ok(self.conn().execute(
            "UPDATE scan_jobs SET state = 'queued', next_attempt_at_ms = min(next_attempt_at_ms, ?1),
                 updated_at_ms = max(updated_at_ms, ?1)
             WHERE state = 'running'",
            [now_ms],
        )?)
    }

    /// Claims the oldest due queued job: it becomes `running`.
    pub fn claim(&self, now_ms: i64) -> Result<Option<Job>> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let job = tx
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM scan_jobs WHERE state = 'queued' AND next_attempt_at_ms <= ?1
                     ORDER BY next_attempt_at_ms, created_at_ms LIMIT 1"
                ),
                [now_ms],
                row_to_job,
            )
            .optional()?;
        let Some(mut job) = job else {
            return Ok(None);
        };
        tx.execute(
            "UPDATE scan_jobs SET state = 'running', updated_at_ms = max(updated_at_ms, ?2) WHERE id = ?1",
            params![job.id, now_ms],
        )?;
        tx.commit()?;
        job.state = JobState::Running;
        Ok(Some(job))
    }

    /// Records that a running job was scanned: it moves to the deliver phase with the
    /// notification to send, still `running` (the worker delivers right away).
    pub fn scanned(&self, id: &str, result: &str, now_ms: i64) -> Result<()> {
        self.update(
            id,
            "UPDATE scan_jobs SET phase = 'deliver', result = ?2, attempts = 0, updated_at_ms = max(updated_at_ms, ?3)
             WHERE id = ?1",
            params![id, result, now_ms],
        )
    }

    /// Records a failed attempt: the job is queued again at `retry_at_ms`, or `failed` when
    /// `None`.
    pub fn attempt_failed(
        &self,
        id: &str,
        error: &str,
        retry_at_ms: Option<i64>,
        now_ms: i64,
    ) -> Result<()> {
        self.update(
            id,
            "UPDATE scan_jobs SET attempts = attempts + 1, last_error = ?2,
                 state = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'queued' END,
                 next_attempt_at_ms = coalesce(?3, next_attempt_at_ms),
                 updated_at_ms = max(updated_at_ms, ?4)
             WHERE id = ?1",
            params![id, error, retry_at_ms, now_ms],
        )
    }

    /// Records that the notification was delivered.
    pub fn delivered(&self, id: &str, now_ms: i64) -> Result<()> {
        self.update(
            id,
            "UPDATE scan_jobs SET state = 'done', attempts = attempts + 1, last_error = NULL,
                 updated_at_ms = max(updated_at_ms, ?2)
             WHERE id = ?1",
            params![id, now_ms],
        )
    }

    fn update(&self, id: &str, sql: &str, params: impl rusqlite::Params) -> Result<()> {
        let n = self.conn().execute(sql, params)?;
        if n == 0 {
            return Err(JobError::NotFound(id.to_string()));
        }
        Ok(())
    }

    /// The job with this id.
    pub fn job(&self, id: &str) -> Result<Option<Job>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM scan_jobs WHERE id = ?1"),
                [id],
                row_to_job,
            )
            .optional()?)
    }

    /// When the next queued job is due, if any.
    pub fn next_due_at(&self) -> Result<Option<i64>> {
        Ok(self.conn().query_row(
            "SELECT min(next_attempt_at_ms) FROM scan_jobs WHERE state = 'queued'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Jobs per state (`queued`, `running`, `done`, `failed`).
    pub fn counts(&self) -> Result<Vec<(String, u64)>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT state, count(*) FROM scan_jobs GROUP BY state ORDER BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes done and failed jobs last updated before `before_ms`; returns how many.
    pub fn purge_finished(&self, before_ms: i64) -> Result<usize> {
        Ok(self.conn().execute(
            "DELETE FROM scan_jobs WHERE state IN ('done', 'failed') AND updated_at_ms < ?1",
            [before_ms],
        )?)
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_goes_from_queued_to_done_through_a_failed_delivery() {
        let q = JobQueue::open_in_memory().unwrap();
        q.enqueue("a", r#"{"x":1}"#, 100).unwrap();
        assert!(matches!(
            q.enqueue("a", "{}", 100),
            Err(JobError::Exists(_))
        ));
        assert!(q.claim(99).unwrap().is_none(), "not due yet");
        let job = q.claim(100).unwrap().unwrap();
        assert_eq!((job.phase, job.state), (Phase::Scan, JobState::Running));
        assert!(q.claim(100).unwrap().is_none(), "claimed once");
        q.scanned("a", r#"{"n":1}"#, 101).unwrap();
        q.attempt_failed("a", "503", Some(200), 102).unwrap();
        assert_eq!(q.next_due_at().unwrap(), Some(200));
        let job = q.claim(200).unwrap().unwrap();
        assert_eq!(job.phase, Phase::Deliver);
        assert_eq!(job.attempts, 1);
        assert_eq!(job.result.as_deref(), Some(r#"{"n":1}"#));
        q.delivered("a", 201).unwrap();
        assert_eq!(q.job("a").unwrap().unwrap().state, JobState::Done);
        assert_eq!(q.purge_finished(300).unwrap(), 1);
    }

    #[test]
    fn running_jobs_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jobs.sqlite");
        {
            let q = JobQueue::open(&path).unwrap();
            q.enqueue("b", "{}", 1).unwrap();
            q.claim(1).unwrap().unwrap();
            // The process dies here.
        }
        let q = JobQueue::open(&path).unwrap();
        assert!(q.claim(2).unwrap().is_none());
        assert_eq!(q.recover_interrupted(2).unwrap(), 1);
        assert_eq!(q.claim(2).unwrap().unwrap().id, "b");
    }

    #[test]
    fn giving_up_fails_the_job() {
        let q = JobQueue::open_in_memory().unwrap();
        q.enqueue("c", "{}", 1).unwrap();
        q.claim(1).unwrap();
        q.attempt_failed("c", "unreadable", None, 2).unwrap();
        let job = q.job("c").unwrap().unwrap();
        assert_eq!(job.state, JobState::Failed);
        assert_eq!(job.last_error.as_deref(), Some("unreadable"));
    }
}
