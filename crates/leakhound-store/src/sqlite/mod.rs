//! The SQLite backend: one database file in WAL mode.
//!
//! All SQL of this backend lives in this module and in `migrations/sqlite/`, so that a
//! PostgreSQL backend can implement [`Store`] beside it without touching the callers.
//!
//! One connection behind a mutex serves every call. SQLite serialises writers anyway, and a
//! scan writes one page at a time; reads that could be long ([`Store::for_each_finding`])
//! take the lock one chunk at a time, so writers are not starved.

mod migrate;

use crate::key::HashKey;
use crate::model::*;
use crate::{Error, Result, Store};
use leakhound_engine::Confidence;
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// How many findings [`Store::for_each_finding`] reads per lock.
const FINDINGS_CHUNK: usize = 1024;

/// The actor the store names in the audit entries it writes itself.
const STORE_ACTOR: &str = "leakhound";

/// Options for [`SqliteStore::open_with`].
#[derive(Clone, Debug)]
pub struct SqliteOptions {
    /// The hash key to use instead of the one the database keeps, to make hashes comparable
    /// across stores (the CLI passes [`HashKey::from_env`]). A database created with an
    /// external key keeps only its fingerprint, and then requires the key on every open.
    pub hash_key: Option<HashKey>,
    /// How long a call waits for another process's lock before failing.
    pub busy_timeout: Duration,
}

impl Default for SqliteOptions {
    fn default() -> SqliteOptions {
        SqliteOptions {
            hash_key: None,
            busy_timeout: Duration::from_secs(10),
        }
    }
}

/// A [`Store`] in one SQLite file.
///
/// `Debug` shows the path, never the hash key.
pub struct SqliteStore {
    conn: Mutex<Connection>,
    key: HashKey,
    path: Option<PathBuf>,
}

impl fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating it if needed) the database at `path` and brings its schema up to date.
    /// Uses the hash key kept in the database; see [`SqliteStore::open_with`] to supply one.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        SqliteStore::open_with(path, &SqliteOptions::default())
    }

    /// [`SqliteStore::open`] with options.
    pub fn open_with(path: impl AsRef<Path>, options: &SqliteOptions) -> Result<SqliteStore> {
        let path = path.as_ref();
        let created = !path.exists();
        let conn = Connection::open(path)?;
        if created {
            restrict_permissions(path);
        }
        SqliteStore::init(conn, options, Some(path.to_owned()))
    }

    /// A private database in memory, for tests. Nothing survives the store.
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::open_in_memory_with(&SqliteOptions::default())
    }

    /// [`SqliteStore::open_in_memory`] with options.
    pub fn open_in_memory_with(options: &SqliteOptions) -> Result<SqliteStore> {
        SqliteStore::init(Connection::open_in_memory()?, options, None)
    }

    fn init(
        mut conn: Connection,
        options: &SqliteOptions,
        path: Option<PathBuf>,
    ) -> Result<SqliteStore> {
        conn.busy_timeout(options.busy_timeout)?;
        // WAL: readers do not block the writer, and a commit is one append to the log, which
        // a killed process cannot leave half-applied. NORMAL synchronisation is safe against
        // process crashes in WAL mode; a power loss can lose the last commits, never order
        // them differently, so a cursor still never runs ahead of its page.
        // (An in-memory database answers "memory" and keeps its own journal.)
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        migrate::migrate(&mut conn)?;
        let key = setup_key(&mut conn, options.hash_key.as_ref())?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            key,
            path,
        })
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs SQLite's `PRAGMA integrity_check` and foreign key check.
    pub fn check_integrity(&self) -> Result<()> {
        let conn = self.lock();
        let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result != "ok" {
            // The messages name pages and indexes, not row contents.
            return Err(Error::Corrupt(format!("integrity check: {result}")));
        }
        let violations: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if violations != 0 {
            return Err(Error::Corrupt(format!(
                "{violations} foreign key violations"
            )));
        }
        Ok(())
    }

    /// The applied schema version.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .lock()
            .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
                r.get(0)
            })?)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock dropped its transaction, which rolled back, so the
        // connection is in a clean state and the poison can be ignored.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // The file holds the hash key and possibly raw values: readable by its owner only.
    // SQLite gives the -wal and -shm files the same permissions. Best effort: a filesystem
    // without permissions (some mounts) still works.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}

/// Picks the hash key and checks it against the database's.
fn setup_key(conn: &mut Connection, supplied: Option<&HashKey>) -> Result<HashKey> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let meta = |k: &str| -> Result<Option<String>> {
        Ok(tx
            .query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
            .optional()?)
    };
    let fingerprint = meta("hash_key_fingerprint")?;
    let stored = meta("hash_key")?
        .map(|h| HashKey::from_hex(&h))
        .transpose()?;
    let key = match (fingerprint, supplied) {
        (None, supplied) => {
            let key = match supplied {
                Some(k) => k.clone(),
                None => {
                    let k = HashKey::generate();
                    tx.execute(
                        "INSERT INTO meta (key, value) VALUES ('hash_key', ?1)",
                        [k.to_hex()],
                    )?;
                    k
                }
            };
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('hash_key_fingerprint', ?1)",
                [key.fingerprint()],
            )?;
            key
        }
        (Some(fp), Some(k)) if k.fingerprint() == fp => k.clone(),
        (Some(_), Some(_)) => return Err(Error::HashKeyMismatch),
        (Some(fp), None) => match stored {
            Some(k) if k.fingerprint() == fp => k,
            Some(_) => return Err(Error::Corrupt("stored hash key fingerprint".into())),
            None => return Err(Error::HashKeyRequired),
        },
    };
    tx.commit()?;
    Ok(key)
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn from_i64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn confidence_rank(c: Confidence) -> i64 {
    Confidence::ALL.iter().position(|&x| x == c).unwrap_or(0) as i64
}

fn confidence_from_rank(rank: i64) -> Result<Confidence> {
    usize::try_from(rank)
        .ok()
        .and_then(|i| Confidence::ALL.get(i).copied())
        .ok_or_else(|| Error::Corrupt(format!("confidence rank {rank}")))
}

fn ids_json(ids: &[&str]) -> String {
    serde_json::to_string(ids).expect("a list of strings serialises")
}

const RUN_COLUMNS: &str = "id, kind, status, sources, started_at_ms, finished_at_ms,
    tickets_fetched, tickets_scanned, parts_scanned, parts_skipped, findings, api_calls,
    rate_limit_waits, bytes_scanned, errors";

fn run_from_row(r: &Row<'_>) -> Result<RunRecord> {
    let kind: String = r.get(1)?;
    let status: String = r.get(2)?;
    let sources: String = r.get(3)?;
    Ok(RunRecord {
        id: RunId(r.get(0)?),
        kind: RunKind::parse(&kind).ok_or_else(|| Error::Corrupt(format!("run kind {kind}")))?,
        status: RunStatus::parse(&status)
            .ok_or_else(|| Error::Corrupt(format!("run status {status}")))?,
        sources: serde_json::from_str(&sources)
            .map_err(|_| Error::Corrupt("run sources".into()))?,
        started_at_ms: r.get(4)?,
        finished_at_ms: r.get(5)?,
        stats: RunStats {
            tickets_fetched: from_i64(r.get(6)?),
            tickets_scanned: from_i64(r.get(7)?),
            parts_scanned: from_i64(r.get(8)?),
            parts_skipped: from_i64(r.get(9)?),
            findings: from_i64(r.get(10)?),
            api_calls: from_i64(r.get(11)?),
            rate_limit_waits: from_i64(r.get(12)?),
            bytes_scanned: from_i64(r.get(13)?),
            errors: from_i64(r.get(14)?),
        },
    })
}

fn get_run(conn: &Connection, run: RunId) -> Result<Option<RunRecord>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1"))?;
    let mut rows = stmt.query([run.0])?;
    rows.next()?.map(run_from_row).transpose()
}

/// Fails unless `run` exists and is running.
fn require_running(conn: &Connection, run: RunId) -> Result<()> {
    let status: Option<String> = conn
        .query_row("SELECT status FROM runs WHERE id = ?1", [run.0], |r| {
            r.get(0)
        })
        .optional()?;
    match status.as_deref().map(RunStatus::parse) {
        None => Err(Error::NoSuchRun(run)),
        Some(Some(RunStatus::Running)) => Ok(()),
        Some(Some(s)) => Err(Error::RunNotRunning {
            run,
            status: s.as_str(),
        }),
        Some(None) => Err(Error::Corrupt("run status".into())),
    }
}

fn audit(tx: &Transaction<'_>, entry: &AuditEntry) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at_ms, actor, event, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        now_ms(),
        entry.actor,
        entry.event,
        entry.subject,
        entry.detail.to_string()
    ])?;
    Ok(())
}

const FINDING_COLUMNS: &str = "id, source, ticket_id, ticket_url, part_key, detector,
    detector_uuid, native_detector, confidence, byte_start, byte_end, codepoint_start,
    codepoint_end, fragment, value_hash, raw_value, matched_rules, explanation, first_seen_run,
    last_seen_run, created_at_ms";

/// The report order; also the column order of the findings' UNIQUE index, which serves it.
const FINDING_ORDER: &str = "source, ticket_id, part_key, byte_start, byte_end, detector";

fn finding_from_row(r: &Row<'_>) -> Result<StoredFinding> {
    let range = |a: usize, b: usize| -> Result<std::ops::Range<usize>> {
        let start: i64 = r.get(a)?;
        let end: i64 = r.get(b)?;
        let conv = |v: i64| usize::try_from(v).map_err(|_| Error::Corrupt("finding range".into()));
        Ok(conv(start)?..conv(end)?)
    };
    let rules: String = r.get(16)?;
    Ok(StoredFinding {
        id: FindingId(r.get(0)?),
        source: r.get(1)?,
        record: FindingRecord {
            ticket_id: r.get(2)?,
            ticket_url: r.get(3)?,
            part_key: r.get(4)?,
            detector: r.get(5)?,
            detector_uuid: r.get(6)?,
            native_detector: r.get(7)?,
            confidence: confidence_from_rank(r.get(8)?)?,
            byte_range: range(9, 10)?,
            codepoint_range: range(11, 12)?,
            fragment: r.get(13)?,
            value_hash: r.get(14)?,
            raw_value: r.get(15)?,
            matched_rules: serde_json::from_str(&rules)
                .map_err(|_| Error::Corrupt("matched rules".into()))?,
            explanation: r.get(17)?,
        },
        first_seen_run: RunId(r.get(18)?),
        last_seen_run: RunId(r.get(19)?),
        created_at_ms: r.get(20)?,
    })
}

/// Named SQL parameters built at run time.
type NamedParams = Vec<(&'static str, Box<dyn ToSql>)>;

/// The WHERE conditions and named parameters of a [`FindingFilter`].
fn filter_sql(filter: &FindingFilter) -> (String, NamedParams) {
    let mut conds = vec!["1 = 1".to_owned()];
    let mut params: NamedParams = Vec::new();
    if let Some(run) = filter.run {
        conds.push("last_seen_run = :run".into());
        if filter.new_in_run {
            conds.push("first_seen_run = :run".into());
        }
        params.push((":run", Box::new(run.0)));
    }
    if let Some(source) = &filter.source {
        conds.push("source = :source".into());
        params.push((":source", Box::new(source.clone())));
    }
    if let Some(c) = filter.min_confidence {
        conds.push("confidence >= :min_confidence".into());
        params.push((":min_confidence", Box::new(confidence_rank(c))));
    }
    (conds.join(" AND "), params)
}

/// The identity of a finding within its part: the UNIQUE key minus the part.
type FindingSlot = (i64, i64, String);

impl SqliteStore {
    fn commit_page_tx(
        &self,
        tx: &Transaction<'_>,
        run: RunId,
        source: &str,
        page: &PageCommit,
    ) -> Result<()> {
        require_running(tx, run)?;
        let now = now_ms();
        let invalid = |reason: String| Error::InvalidPage {
            source_name: source.to_owned(),
            reason,
        };

        let mut upsert_ticket = tx.prepare_cached(
            "INSERT INTO tickets (source, ticket_id, updated_at_ms, content_hash, last_run_id)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (source, ticket_id) DO UPDATE SET
                 updated_at_ms = excluded.updated_at_ms,
                 content_hash = excluded.content_hash,
                 last_run_id = excluded.last_run_id",
        )?;
        for t in &page.tickets {
            upsert_ticket.execute(params![
                source,
                t.ticket_id,
                t.updated_at_ms,
                t.content_hash,
                run.0
            ])?;
        }

        // A part may arrive before its ticket (Zendesk comment events): keep a ticket row
        // without times or hash, which reads as "changed" until the ticket itself is stored.
        let mut touch_ticket = tx.prepare_cached(
            "INSERT INTO tickets (source, ticket_id, last_run_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (source, ticket_id) DO UPDATE SET last_run_id = excluded.last_run_id",
        )?;
        let mut upsert_part = tx.prepare_cached(
            "INSERT INTO parts (source, ticket_id, part_key, content_hash, last_run_id)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (source, ticket_id, part_key) DO UPDATE SET
                 content_hash = excluded.content_hash,
                 last_run_id = excluded.last_run_id",
        )?;
        let listed: HashSet<&str> = page.tickets.iter().map(|t| t.ticket_id.as_str()).collect();
        let mut parts: Vec<(&str, &str)> = Vec::with_capacity(page.parts.len());
        let mut seen_parts = HashSet::with_capacity(page.parts.len());
        for p in &page.parts {
            if !listed.contains(p.ticket_id.as_str()) {
                touch_ticket.execute(params![source, p.ticket_id, run.0])?;
            }
            upsert_part.execute(params![
                source,
                p.ticket_id,
                p.part_key,
                p.content_hash,
                run.0
            ])?;
            if seen_parts.insert((p.ticket_id.as_str(), p.part_key.as_str())) {
                parts.push((p.ticket_id.as_str(), p.part_key.as_str()));
            }
        }

        let mut by_part: HashMap<(&str, &str), Vec<&FindingRecord>> = HashMap::new();
        for f in &page.findings {
            let part = (f.ticket_id.as_str(), f.part_key.as_str());
            if !seen_parts.contains(&part) {
                return Err(invalid(format!(
                    "a finding in ticket {} part {} is not in the page's parts",
                    f.ticket_id, f.part_key
                )));
            }
            by_part.entry(part).or_default().push(f);
        }

        let mut old_findings = tx.prepare_cached(
            "SELECT id, byte_start, byte_end, detector FROM findings
             WHERE source = ?1 AND ticket_id = ?2 AND part_key = ?3",
        )?;
        // On conflict the row keeps its id and creation time, and its first run unless the
        // value at that place changed.
        let mut upsert_finding = tx.prepare_cached(
            "INSERT INTO findings (source, ticket_id, ticket_url, part_key, detector,
                 detector_uuid, native_detector, confidence, byte_start, byte_end,
                 codepoint_start, codepoint_end, fragment, value_hash, raw_value, matched_rules,
                 explanation, first_seen_run, last_seen_run, created_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?18, ?19)
             ON CONFLICT (source, ticket_id, part_key, byte_start, byte_end, detector)
             DO UPDATE SET
                 ticket_url = excluded.ticket_url,
                 detector_uuid = excluded.detector_uuid,
                 native_detector = excluded.native_detector,
                 confidence = excluded.confidence,
                 codepoint_start = excluded.codepoint_start,
                 codepoint_end = excluded.codepoint_end,
                 fragment = excluded.fragment,
                 first_seen_run = CASE WHEN findings.value_hash = excluded.value_hash
                     THEN findings.first_seen_run ELSE excluded.first_seen_run END,
                 value_hash = excluded.value_hash,
                 raw_value = excluded.raw_value,
                 matched_rules = excluded.matched_rules,
                 explanation = excluded.explanation,
                 last_seen_run = max(findings.last_seen_run, excluded.last_seen_run)",
        )?;
        let mut delete_finding = tx.prepare_cached("DELETE FROM findings WHERE id = ?1")?;

        for (ticket_id, part_key) in parts {
            let mut stale: HashMap<FindingSlot, i64> = old_findings
                .query_map(params![source, ticket_id, part_key], |r| {
                    Ok(((r.get(1)?, r.get(2)?, r.get(3)?), r.get(0)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for f in by_part.remove(&(ticket_id, part_key)).unwrap_or_default() {
                let pos = |v: usize| {
                    i64::try_from(v).map_err(|_| {
                        invalid(format!(
                            "offset out of range in ticket {ticket_id} part {part_key}"
                        ))
                    })
                };
                let (bs, be) = (pos(f.byte_range.start)?, pos(f.byte_range.end)?);
                let (cs, ce) = (pos(f.codepoint_range.start)?, pos(f.codepoint_range.end)?);
                let rules = serde_json::to_string(&f.matched_rules)
                    .map_err(|_| invalid("matched rules do not serialise".into()))?;
                upsert_finding.execute(params![
                    source,
                    f.ticket_id,
                    f.ticket_url,
                    f.part_key,
                    f.detector,
                    f.detector_uuid,
                    f.native_detector,
                    confidence_rank(f.confidence),
                    bs,
                    be,
                    cs,
                    ce,
                    f.fragment,
                    f.value_hash,
                    f.raw_value,
                    rules,
                    f.explanation,
                    run.0,
                    now,
                ])?;
                stale.remove(&(bs, be, f.detector.clone()));
            }
            for id in stale.into_values() {
                delete_finding.execute([id])?;
            }
        }

        // Last, so that the cursor moves only with everything it covers.
        if let Some(cursor) = &page.cursor {
            tx.prepare_cached(
                "INSERT INTO cursors (source, cursor, run_id, updated_at_ms) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (source) DO UPDATE SET
                     cursor = excluded.cursor,
                     run_id = excluded.run_id,
                     updated_at_ms = excluded.updated_at_ms",
            )?
            .execute(params![source, cursor, run.0, now])?;
        }
        Ok(())
    }

    fn read_findings_chunk(
        &self,
        filter: &FindingFilter,
        after: Option<&StoredFinding>,
    ) -> Result<Vec<StoredFinding>> {
        let (mut conds, mut params) = filter_sql(filter);
        if let Some(a) = after {
            // Keyset pagination: a row-value comparison on the UNIQUE index's columns, so
            // each chunk starts with an index seek instead of skipping earlier rows.
            conds.push_str(&format!(
                " AND ({FINDING_ORDER}) > (:a_source, :a_ticket, :a_part, :a_bs, :a_be, :a_det)"
            ));
            params.push((":a_source", Box::new(a.source.clone())));
            params.push((":a_ticket", Box::new(a.record.ticket_id.clone())));
            params.push((":a_part", Box::new(a.record.part_key.clone())));
            params.push((":a_bs", Box::new(a.record.byte_range.start as i64)));
            params.push((":a_be", Box::new(a.record.byte_range.end as i64)));
            params.push((":a_det", Box::new(a.record.detector.clone())));
        }
        let sql = format!(
            "SELECT {FINDING_COLUMNS} FROM findings WHERE {conds}
             ORDER BY {FINDING_ORDER} LIMIT {FINDINGS_CHUNK}"
        );
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql)?;
        let named: Vec<(&str, &dyn ToSql)> = params.iter().map(|(n, v)| (*n, &**v)).collect();
        let mut rows = stmt.query(named.as_slice())?;
        let mut out = Vec::with_capacity(FINDINGS_CHUNK);
        while let Some(r) = rows.next()? {
            out.push(finding_from_row(r)?);
        }
        Ok(out)
    }

    fn action_by_key(conn: &Connection, key: &str) -> Result<Option<ActionRecord>> {
        let mut stmt = conn.prepare_cached(
            "SELECT id, idempotency_key, finding_id, value_hash, source, ticket_id, part_key,
                 kind, run_id, status, result, planned_at_ms, started_at_ms, finished_at_ms
             FROM remediation_actions WHERE idempotency_key = ?1",
        )?;
        let mut rows = stmt.query([key])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let status: String = r.get(9)?;
        Ok(Some(ActionRecord {
            id: r.get(0)?,
            action: PlannedAction {
                idempotency_key: r.get(1)?,
                finding_id: r.get::<_, Option<i64>>(2)?.map(FindingId),
                value_hash: r.get(3)?,
                source: r.get(4)?,
                ticket_id: r.get(5)?,
                part_key: r.get(6)?,
                kind: r.get(7)?,
                run: r.get::<_, Option<i64>>(8)?.map(RunId),
            },
            status: ActionStatus::parse(&status)
                .ok_or_else(|| Error::Corrupt(format!("action status {status}")))?,
            result: r.get(10)?,
            planned_at_ms: r.get(11)?,
            started_at_ms: r.get(12)?,
            finished_at_ms: r.get(13)?,
        }))
    }

    /// Moves an action from one of `from` to `to`, in one transaction with its audit entry.
    fn transition_action(
        &self,
        key: &str,
        from: &[ActionStatus],
        to: ActionStatus,
        result: Option<&str>,
    ) -> Result<ActionRecord> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = SqliteStore::action_by_key(&tx, key)?.ok_or(Error::NoSuchAction)?;
        if !from.contains(&current.status) {
            return Err(Error::ActionTransition {
                id: current.id,
                from: current.status.as_str(),
                to: to.as_str(),
            });
        }
        let now = now_ms();
        if to == ActionStatus::Started {
            tx.execute(
                "UPDATE remediation_actions SET status = 'started', started_at_ms = ?2,
                     finished_at_ms = NULL, result = NULL
                 WHERE id = ?1",
                params![current.id, now],
            )?;
        } else {
            tx.execute(
                "UPDATE remediation_actions SET status = ?2, finished_at_ms = ?3, result = ?4
                 WHERE id = ?1",
                params![current.id, to.as_str(), now, result],
            )?;
        }
        audit(
            &tx,
            &AuditEntry {
                actor: STORE_ACTOR.into(),
                event: format!("action.{}", to.as_str()),
                subject: format!("action:{}", current.id),
                detail: serde_json::json!({
                    "kind": current.action.kind,
                    "source": current.action.source,
                    "ticket_id": current.action.ticket_id,
                }),
            },
        )?;
        let updated = SqliteStore::action_by_key(&tx, key)?.ok_or(Error::NoSuchAction)?;
        tx.commit()?;
        Ok(updated)
    }
}

impl Store for SqliteStore {
    fn begin_run(&self, kind: RunKind, sources: &[&str]) -> Result<RunId> {
        let conn = self.lock();
        conn.execute(
            "INSERT INTO runs (kind, status, sources, started_at_ms) VALUES (?1, 'running', ?2, ?3)",
            params![kind.as_str(), ids_json(sources), now_ms()],
        )?;
        Ok(RunId(conn.last_insert_rowid()))
    }

    fn finish_run(&self, run: RunId, outcome: RunOutcome, stats: &RunStats) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_running(&tx, run)?;
        tx.execute(
            "UPDATE runs SET status = ?2, finished_at_ms = max(?3, started_at_ms),
                 tickets_fetched = ?4, tickets_scanned = ?5, parts_scanned = ?6,
                 parts_skipped = ?7, findings = ?8, api_calls = ?9, rate_limit_waits = ?10,
                 bytes_scanned = ?11, errors = ?12
             WHERE id = ?1",
            params![
                run.0,
                RunStatus::from(outcome).as_str(),
                now_ms(),
                to_i64(stats.tickets_fetched),
                to_i64(stats.tickets_scanned),
                to_i64(stats.parts_scanned),
                to_i64(stats.parts_skipped),
                to_i64(stats.findings),
                to_i64(stats.api_calls),
                to_i64(stats.rate_limit_waits),
                to_i64(stats.bytes_scanned),
                to_i64(stats.errors),
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn run(&self, run: RunId) -> Result<Option<RunRecord>> {
        get_run(&self.lock(), run)
    }

    fn unfinished_runs(&self) -> Result<Vec<RunRecord>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {RUN_COLUMNS} FROM runs WHERE status = 'running' ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(run_from_row(r)?);
        }
        Ok(out)
    }

    fn interrupt_unfinished_runs(&self, except: Option<RunId>) -> Result<Vec<RunId>> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM runs WHERE status = 'running' AND id IS NOT ?1 ORDER BY id")?
            .query_map([except.map(|r| r.0)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for &id in &ids {
            tx.execute(
                "UPDATE runs SET status = 'interrupted', finished_at_ms = max(?2, started_at_ms)
                 WHERE id = ?1",
                params![id, now_ms()],
            )?;
            audit(
                &tx,
                &AuditEntry {
                    actor: STORE_ACTOR.into(),
                    event: "run.interrupted".into(),
                    subject: format!("run:{id}"),
                    detail: serde_json::json!({ "by_run": except.map(|r| r.0) }),
                },
            )?;
        }
        tx.commit()?;
        Ok(ids.into_iter().map(RunId).collect())
    }

    fn cursor(&self, source: &str) -> Result<Option<String>> {
        Ok(self
            .lock()
            .prepare_cached("SELECT cursor FROM cursors WHERE source = ?1")?
            .query_row([source], |r| r.get(0))
            .optional()?)
    }

    fn ticket_states(
        &self,
        source: &str,
        ticket_ids: &[&str],
    ) -> Result<HashMap<String, TicketState>> {
        let conn = self.lock();
        // One statement for any number of ids: the ids travel as one JSON array parameter,
        // which avoids SQLite's limit on bound variables.
        let mut stmt = conn.prepare_cached(
            "SELECT ticket_id, updated_at_ms, content_hash, last_run_id FROM tickets
             WHERE source = ?1 AND ticket_id IN (SELECT value FROM json_each(?2))",
        )?;
        let rows = stmt.query_map(params![source, ids_json(ticket_ids)], |r| {
            Ok((
                r.get(0)?,
                TicketState {
                    updated_at_ms: r.get(1)?,
                    content_hash: r.get(2)?,
                    last_run: RunId(r.get(3)?),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn scanned_parts(
        &self,
        source: &str,
        ticket_ids: &[&str],
    ) -> Result<HashMap<(String, String), String>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT ticket_id, part_key, content_hash FROM parts
             WHERE source = ?1 AND ticket_id IN (SELECT value FROM json_each(?2))",
        )?;
        let rows = stmt.query_map(params![source, ids_json(ticket_ids)], |r| {
            Ok(((r.get(0)?, r.get(1)?), r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn commit_page(&self, run: RunId, source: &str, page: &PageCommit) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.commit_page_tx(&tx, run, source, page)?;
        tx.commit()?;
        Ok(())
    }

    fn value_hash(&self, value: &str) -> String {
        self.key.hash(value)
    }

    fn for_each_finding(
        &self,
        filter: &FindingFilter,
        f: &mut dyn FnMut(StoredFinding) -> Result<()>,
    ) -> Result<()> {
        let mut after: Option<StoredFinding> = None;
        loop {
            let chunk = self.read_findings_chunk(filter, after.as_ref())?;
            let full = chunk.len() == FINDINGS_CHUNK;
            let mut chunk = chunk.into_iter().peekable();
            while let Some(finding) = chunk.next() {
                if chunk.peek().is_none() {
                    after = Some(finding.clone());
                }
                f(finding)?;
            }
            if !full {
                return Ok(());
            }
        }
    }

    fn count_findings(&self, filter: &FindingFilter) -> Result<u64> {
        let (conds, params) = filter_sql(filter);
        let conn = self.lock();
        let mut stmt =
            conn.prepare_cached(&format!("SELECT count(*) FROM findings WHERE {conds}"))?;
        let named: Vec<(&str, &dyn ToSql)> = params.iter().map(|(n, v)| (*n, &**v)).collect();
        let n: i64 = stmt.query_row(named.as_slice(), |r| r.get(0))?;
        Ok(from_i64(n))
    }

    fn run_summary(&self, run: RunId) -> Result<RunSummary> {
        let conn = self.lock();
        let record = get_run(&conn, run)?.ok_or(Error::NoSuchRun(run))?;
        let counts = |column: &str| -> Result<BTreeMap<String, u64>> {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {column}, count(*) FROM findings WHERE last_seen_run = ?1 GROUP BY {column}"
            ))?;
            let rows = stmt.query_map([run.0], |r| Ok((r.get(0)?, from_i64(r.get(1)?))))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let by_detector = counts("detector")?;
        let by_source = counts("source")?;
        let new_findings: i64 = conn.query_row(
            "SELECT count(*) FROM findings WHERE last_seen_run = ?1 AND first_seen_run = ?1",
            [run.0],
            |r| r.get(0),
        )?;
        Ok(RunSummary {
            run: record,
            findings: by_source.values().sum(),
            new_findings: from_i64(new_findings),
            by_detector,
            by_source,
        })
    }

    fn record_action_planned(&self, action: &PlannedAction) -> Result<ActionRecord> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(existing) = SqliteStore::action_by_key(&tx, &action.idempotency_key)? {
            return Ok(existing);
        }
        tx.execute(
            "INSERT INTO remediation_actions (idempotency_key, finding_id, value_hash, source,
                 ticket_id, part_key, kind, status, run_id, planned_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'planned', ?8, ?9)",
            params![
                action.idempotency_key,
                action.finding_id.map(|f| f.0),
                action.value_hash,
                action.source,
                action.ticket_id,
                action.part_key,
                action.kind,
                action.run.map(|r| r.0),
                now_ms(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit(
            &tx,
            &AuditEntry {
                actor: STORE_ACTOR.into(),
                event: "action.planned".into(),
                subject: format!("action:{id}"),
                detail: serde_json::json!({
                    "kind": action.kind,
                    "source": action.source,
                    "ticket_id": action.ticket_id,
                }),
            },
        )?;
        let record =
            SqliteStore::action_by_key(&tx, &action.idempotency_key)?.ok_or(Error::NoSuchAction)?;
        tx.commit()?;
        Ok(record)
    }

    fn record_action_started(&self, idempotency_key: &str) -> Result<ActionRecord> {
        self.transition_action(
            idempotency_key,
            &[ActionStatus::Planned, ActionStatus::Failed],
            ActionStatus::Started,
            None,
        )
    }

    fn record_action_finished(
        &self,
        idempotency_key: &str,
        outcome: ActionOutcome,
        result: &str,
    ) -> Result<ActionRecord> {
        let to = match outcome {
            ActionOutcome::Done => ActionStatus::Done,
            ActionOutcome::Failed => ActionStatus::Failed,
        };
        self.transition_action(idempotency_key, &[ActionStatus::Started], to, Some(result))
    }

    fn action_for(&self, idempotency_key: &str) -> Result<Option<ActionRecord>> {
        SqliteStore::action_by_key(&self.lock(), idempotency_key)
    }

    fn append_audit(&self, entry: &AuditEntry) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        audit(&tx, entry)?;
        tx.commit()?;
        Ok(())
    }

    fn audit_entries(&self, after_id: i64, limit: usize) -> Result<Vec<AuditRecord>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT id, at_ms, actor, event, subject, detail FROM audit_log
             WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![after_id, i64::try_from(limit).unwrap_or(i64::MAX)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let detail: String = r.get(5)?;
            out.push(AuditRecord {
                id: r.get(0)?,
                at_ms: r.get(1)?,
                entry: AuditEntry {
                    actor: r.get(2)?,
                    event: r.get(3)?,
                    subject: r.get(4)?,
                    detail: serde_json::from_str(&detail)
                        .map_err(|_| Error::Corrupt("audit detail".into()))?,
                },
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
