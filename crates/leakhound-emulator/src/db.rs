//! The emulators' store: one SQLite database (a temporary file by default) holding both
//! helpdesks' records and the ground truth.
//!
//! SQLite rather than memory so that a million tickets per helpdesk (several million comments)
//! fit in a few hundred megabytes of RSS: rows live on disk and only SQLite's page cache is
//! resident. One connection behind a mutex: every method is a short indexed query, and the
//! emulators are test fixtures, not production servers, so serialising them is simpler than a
//! pool and keeps writes trivially consistent (e.g. `updated_at` is strictly increasing).
//!
//! All methods are synchronous. They are quick enough to call from async handlers directly;
//! never hold anything they return across an `.await` that needs the lock (none do: the lock is
//! released before each method returns).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::html;
use crate::model::*;
use crate::time::now_millis;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("the store's lock was poisoned by a panic")]
    Poisoned,
    #[error("invalid input: {0}")]
    Invalid(String),
}

/// Result of store operations.
pub type DbResult<T> = Result<T, DbError>;

/// First ids of each kind of record. Distinct ranges make it obvious in tests and logs when a
/// ticket id is used where a comment id was expected, as with real Zendesk's large ids.
pub mod id_base {
    pub const ZD_USER: i64 = 360_000_000;
    pub const ZD_COMMENT: i64 = 1_000_000_000;
    pub const ZD_AUDIT: i64 = 5_000_000_000;
    pub const ZD_ATTACHMENT: i64 = 9_000_000_000;
    pub const ZD_GROUP: i64 = 36_000;
    pub const ZD_ORGANIZATION: i64 = 37_000;
    pub const HS_TICKET: i64 = 1_000;
    pub const HS_OWNER: i64 = 70;
    pub const HS_NOTE: i64 = 80_000_000_000;
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Asc,
    Desc,
}

impl Order {
    fn sql(self) -> &'static str {
        match self {
            Order::Asc => "ASC",
            Order::Desc => "DESC",
        }
    }
    fn after_op(self) -> &'static str {
        match self {
            Order::Asc => ">",
            Order::Desc => "<",
        }
    }
}

/// What Zendesk ticket listings are ordered by (always tie-broken by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZdTicketSort {
    Id,
    UpdatedAt,
    CreatedAt,
}

impl ZdTicketSort {
    fn column(self) -> &'static str {
        match self {
            ZdTicketSort::Id => "id",
            ZdTicketSort::UpdatedAt => "updated_at",
            ZdTicketSort::CreatedAt => "created_at",
        }
    }
    /// The sort value of a ticket, to build a cursor from the last row of a page.
    pub fn key_of(self, ticket: &ZdTicket) -> i64 {
        match self {
            ZdTicketSort::Id => ticket.id,
            ZdTicketSort::UpdatedAt => ticket.updated_at,
            ZdTicketSort::CreatedAt => ticket.created_at,
        }
    }
}

/// A position in an ordered listing: the sort value and id of the last row seen. The next page
/// holds the rows strictly after it in the listing's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub key: i64,
    pub id: i64,
}

/// HubSpot search operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HsOperator {
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    Between,
    In,
    NotIn,
    HasProperty,
    NotHasProperty,
    ContainsToken,
    NotContainsToken,
}

impl HsOperator {
    /// Parses HubSpot's operator names (`EQ`, `BETWEEN`, ...).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "EQ" => Self::Eq,
            "NEQ" => Self::Neq,
            "LT" => Self::Lt,
            "LTE" => Self::Lte,
            "GT" => Self::Gt,
            "GTE" => Self::Gte,
            "BETWEEN" => Self::Between,
            "IN" => Self::In,
            "NOT_IN" => Self::NotIn,
            "HAS_PROPERTY" => Self::HasProperty,
            "NOT_HAS_PROPERTY" => Self::NotHasProperty,
            "CONTAINS_TOKEN" => Self::ContainsToken,
            "NOT_CONTAINS_TOKEN" => Self::NotContainsToken,
            _ => return None,
        })
    }
}

/// One HubSpot search filter, values as the client sent them (strings).
#[derive(Debug, Clone, PartialEq)]
pub struct HsFilter {
    pub property: String,
    pub operator: HsOperator,
    pub value: Option<String>,
    pub high_value: Option<String>,
    pub values: Vec<String>,
}

/// A HubSpot ticket search: OR of AND-groups, sorts, an offset page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HsSearch {
    pub filter_groups: Vec<Vec<HsFilter>>,
    /// (property, ascending).
    pub sorts: Vec<(String, bool)>,
    pub offset: u64,
    pub limit: u64,
    /// Only tickets last modified at or before this instant are visible: emulates the search
    /// index lagging behind writes. `None` = no lag.
    pub visible_until: Option<Millis>,
}

/// Records written by the generator in one transaction.
#[derive(Debug, Default)]
pub struct Batch {
    pub zd_users: Vec<ZdUser>,
    pub zd_tickets: Vec<ZdTicket>,
    /// Comments (their `attachments` are ignored: use `zd_attachments`).
    pub zd_comments: Vec<ZdComment>,
    /// Attachments with their bytes.
    pub zd_attachments: Vec<(ZdAttachment, Vec<u8>)>,
    pub zd_audits: Vec<ZdAudit>,
    pub hs_owners: Vec<HsOwner>,
    pub hs_tickets: Vec<HsTicket>,
    pub hs_notes: Vec<HsNote>,
    pub ground_truth: Vec<GroundTruthSpan>,
}

impl Batch {
    /// Number of top-level records, to decide when to flush.
    pub fn len(&self) -> usize {
        self.zd_tickets.len() + self.hs_tickets.len() + self.zd_users.len() + self.hs_owners.len()
    }
    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.len() == 0 && self.zd_comments.is_empty() && self.ground_truth.is_empty()
    }
}

struct Inner {
    conn: Connection,
    /// Next id per kind of record; initialised from the table maxima so that records added at
    /// run time continue the generated ranges.
    next_ids: HashMap<&'static str, i64>,
    /// Last `updated_at` handed out, to keep modification times strictly increasing even when
    /// two writes happen within the same millisecond (incremental scans depend on it).
    last_write_ms: Millis,
}

struct Shared {
    inner: Mutex<Inner>,
    path: PathBuf,
    /// Keeps a temporary database directory alive for as long as the store is.
    _temp_dir: Option<tempfile::TempDir>,
}

/// Handle to the store. Cheap to clone; all clones share one database.
#[derive(Clone)]
pub struct Db {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.shared.path)
            .finish()
    }
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS zd_users (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL,
  organization_id INTEGER, locale TEXT NOT NULL, time_zone TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS zd_users_email ON zd_users(email);
CREATE TABLE IF NOT EXISTS zd_tickets (
  id INTEGER PRIMARY KEY, subject TEXT NOT NULL, description TEXT NOT NULL, status TEXT NOT NULL,
  priority TEXT, ticket_type TEXT, requester_id INTEGER NOT NULL, submitter_id INTEGER NOT NULL,
  assignee_id INTEGER, group_id INTEGER, organization_id INTEGER, tags TEXT NOT NULL,
  via_channel TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS zd_tickets_updated ON zd_tickets(updated_at, id);
CREATE INDEX IF NOT EXISTS zd_tickets_created ON zd_tickets(created_at, id);
CREATE TABLE IF NOT EXISTS zd_comments (
  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, audit_id INTEGER NOT NULL,
  author_id INTEGER NOT NULL, body TEXT NOT NULL,
  html_body TEXT, -- NULL: derived from body at read time (saves space for plain comments)
  public INTEGER NOT NULL, via_channel TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS zd_comments_ticket ON zd_comments(ticket_id, id);
CREATE TABLE IF NOT EXISTS zd_attachments (
  id INTEGER PRIMARY KEY, comment_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL,
  file_name TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL,
  token TEXT NOT NULL, inline INTEGER NOT NULL, redacted INTEGER NOT NULL, content BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS zd_attachments_comment ON zd_attachments(comment_id);
CREATE UNIQUE INDEX IF NOT EXISTS zd_attachments_token ON zd_attachments(token);
CREATE TABLE IF NOT EXISTS zd_audits (
  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
  author_id INTEGER NOT NULL, via TEXT NOT NULL, comment_id INTEGER,
  changes TEXT -- JSON array of ZdFieldChange, NULL when empty
);
CREATE INDEX IF NOT EXISTS zd_audits_created ON zd_audits(created_at, id);
CREATE INDEX IF NOT EXISTS zd_audits_ticket ON zd_audits(ticket_id, id);
CREATE TABLE IF NOT EXISTS hs_owners (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
  user_id INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS hs_tickets (
  id INTEGER PRIMARY KEY, subject TEXT NOT NULL, content TEXT NOT NULL, pipeline TEXT NOT NULL,
  pipeline_stage TEXT NOT NULL, priority TEXT, category TEXT, owner_id INTEGER,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, archived INTEGER NOT NULL,
  extra TEXT -- JSON object of other properties, NULL when empty
);
CREATE INDEX IF NOT EXISTS hs_tickets_updated ON hs_tickets(updated_at, id);
CREATE INDEX IF NOT EXISTS hs_tickets_created ON hs_tickets(created_at, id);
CREATE TABLE IF NOT EXISTS hs_notes (
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, timestamp INTEGER NOT NULL, owner_id INTEGER,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS hs_note_tickets (
  ticket_id INTEGER NOT NULL, note_id INTEGER NOT NULL, PRIMARY KEY (ticket_id, note_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS hs_note_tickets_note ON hs_note_tickets(note_id);
CREATE TABLE IF NOT EXISTS ground_truth (
  id INTEGER PRIMARY KEY, helpdesk TEXT NOT NULL, ticket_id INTEGER NOT NULL, field TEXT NOT NULL,
  object_id INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL, kind TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ground_truth_object ON ground_truth(helpdesk, ticket_id, field, object_id);
"#;

const ZD_TICKET_COLS: &str = "id, subject, description, status, priority, ticket_type, requester_id, \
     submitter_id, assignee_id, group_id, organization_id, tags, via_channel, created_at, updated_at";
const ZD_COMMENT_COLS: &str =
    "id, ticket_id, audit_id, author_id, body, html_body, public, via_channel, created_at";
const ZD_ATTACHMENT_COLS: &str =
    "id, comment_id, ticket_id, file_name, content_type, size, token, inline, redacted";
const ZD_USER_COLS: &str =
    "id, name, email, role, organization_id, locale, time_zone, created_at, updated_at";
const HS_TICKET_COLS: &str = "id, subject, content, pipeline, pipeline_stage, priority, category, \
     owner_id, created_at, updated_at, archived, extra";
const HS_OWNER_COLS: &str = "id, email, first_name, last_name, user_id, created_at, updated_at";

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Subject => "subject",
        Field::Content => "content",
        Field::Comment => "comment",
        Field::Attachment => "attachment",
        Field::Note => "note",
    }
}

fn parse_field(name: &str) -> Field {
    match name {
        "subject" => Field::Subject,
        "content" => Field::Content,
        "comment" => Field::Comment,
        "attachment" => Field::Attachment,
        _ => Field::Note,
    }
}

fn zd_ticket_from_row(row: &Row) -> rusqlite::Result<ZdTicket> {
    let tags: String = row.get(11)?;
    Ok(ZdTicket {
        id: row.get(0)?,
        subject: row.get(1)?,
        description: row.get(2)?,
        status: row.get(3)?,
        priority: row.get(4)?,
        ticket_type: row.get(5)?,
        requester_id: row.get(6)?,
        submitter_id: row.get(7)?,
        assignee_id: row.get(8)?,
        group_id: row.get(9)?,
        organization_id: row.get(10)?,
        tags: tags.split_whitespace().map(str::to_string).collect(),
        via_channel: row.get(12)?,
        created_at: row.get(13)?,
        updated_at: row.get(14)?,
    })
}

fn zd_comment_from_row(row: &Row) -> rusqlite::Result<ZdComment> {
    let body: String = row.get(4)?;
    let html_body: Option<String> = row.get(5)?;
    let html_body = html_body.unwrap_or_else(|| html::plain_to_zendesk_html(&body));
    Ok(ZdComment {
        id: row.get(0)?,
        ticket_id: row.get(1)?,
        audit_id: row.get(2)?,
        author_id: row.get(3)?,
        body,
        html_body,
        public: row.get(6)?,
        via_channel: row.get(7)?,
        created_at: row.get(8)?,
        attachments: Vec::new(),
    })
}

fn zd_attachment_from_row(row: &Row) -> rusqlite::Result<ZdAttachment> {
    Ok(ZdAttachment {
        id: row.get(0)?,
        comment_id: row.get(1)?,
        ticket_id: row.get(2)?,
        file_name: row.get(3)?,
        content_type: row.get(4)?,
        size: row.get(5)?,
        token: row.get(6)?,
        inline: row.get(7)?,
        redacted: row.get(8)?,
    })
}

fn zd_user_from_row(row: &Row) -> rusqlite::Result<ZdUser> {
    Ok(ZdUser {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        role: row.get(3)?,
        organization_id: row.get(4)?,
        locale: row.get(5)?,
        time_zone: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

fn hs_ticket_from_row(row: &Row) -> rusqlite::Result<HsTicket> {
    let extra: Option<String> = row.get(11)?;
    Ok(HsTicket {
        id: row.get(0)?,
        subject: row.get(1)?,
        content: row.get(2)?,
        pipeline: row.get(3)?,
        pipeline_stage: row.get(4)?,
        priority: row.get(5)?,
        category: row.get(6)?,
        owner_id: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        archived: row.get(10)?,
        extra_properties: extra
            .and_then(|e| serde_json::from_str(&e).ok())
            .unwrap_or_default(),
    })
}

fn hs_owner_from_row(row: &Row) -> rusqlite::Result<HsOwner> {
    Ok(HsOwner {
        id: row.get(0)?,
        email: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        user_id: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

fn in_list(n: usize) -> String {
    vec!["?"; n].join(",")
}

/// Re-locates ground-truth values after a text changed (edit or redaction): a value still at
/// its old span stays; one that moved is pointed at its occurrence nearest the old start; one
/// that no longer occurs (redacted, edited away) is dropped.
fn relocate_spans(
    conn: &Connection,
    helpdesk: Helpdesk,
    ticket_id: i64,
    field: Field,
    object_id: Option<i64>,
    new_text: &str,
) -> DbResult<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, start, value FROM ground_truth WHERE helpdesk = ?1 AND ticket_id = ?2 \
         AND field = ?3 AND object_id IS ?4",
    )?;
    let rows: Vec<(i64, usize, String)> = stmt
        .query_map(
            params![helpdesk.as_str(), ticket_id, field_name(field), object_id],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize, r.get(2)?)),
        )?
        .collect::<Result<_, _>>()?;
    for (id, start, value) in rows {
        if new_text.get(start..start + value.len()) == Some(value.as_str()) {
            continue;
        }
        let nearest = new_text
            .match_indices(value.as_str())
            .map(|(pos, _)| pos)
            .min_by_key(|pos| pos.abs_diff(start));
        match nearest {
            Some(pos) => conn.execute(
                "UPDATE ground_truth SET start = ?1, end = ?2 WHERE id = ?3",
                params![pos as i64, (pos + value.len()) as i64, id],
            )?,
            None => conn.execute("DELETE FROM ground_truth WHERE id = ?1", params![id])?,
        };
    }
    Ok(())
}

/// Replaces every occurrence of `needle` in `text` by as many `▇` as it has characters, as
/// Zendesk's redaction does. Returns the new text and the number of occurrences.
pub fn redact_occurrences(text: &str, needle: &str) -> (String, usize) {
    if needle.is_empty() {
        return (text.to_string(), 0);
    }
    let count = text.matches(needle).count();
    let blocks: String = "▇".repeat(needle.chars().count());
    (text.replace(needle, &blocks), count)
}

impl Db {
    /// Opens (creating if needed) a database file.
    pub fn open(path: &Path) -> DbResult<Self> {
        Self::open_inner(path.to_path_buf(), None)
    }

    /// Creates a database in a fresh temporary directory, deleted when the last handle drops.
    pub fn open_temporary() -> DbResult<Self> {
        let dir = tempfile::Builder::new()
            .prefix("leakhound-emulator-")
            .tempdir()?;
        let path = dir.path().join("emulator.sqlite3");
        Self::open_inner(path, Some(dir))
    }

    fn open_inner(path: PathBuf, temp_dir: Option<tempfile::TempDir>) -> DbResult<Self> {
        let conn = Connection::open(&path)?;
        // Durability is irrelevant for an emulator; speed and a small page cache matter.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -16000;\
             PRAGMA temp_store = FILE; PRAGMA foreign_keys = OFF;",
        )?;
        conn.execute_batch(SCHEMA)?;
        let mut inner = Inner {
            conn,
            next_ids: HashMap::new(),
            last_write_ms: 0,
        };
        inner.reload_counters()?;
        Ok(Db {
            shared: Arc::new(Shared {
                inner: Mutex::new(inner),
                path,
                _temp_dir: temp_dir,
            }),
        })
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    fn lock(&self) -> DbResult<MutexGuard<'_, Inner>> {
        self.shared.inner.lock().map_err(|_| DbError::Poisoned)
    }

    /// Reads a value of the `meta` table (generator seed, ticket counts...).
    pub fn meta(&self, key: &str) -> DbResult<Option<String>> {
        let inner = self.lock()?;
        Ok(inner
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Writes a value of the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> DbResult<()> {
        let inner = self.lock()?;
        inner.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
            params![key, value],
        )?;
        Ok(())
    }

    /// Writes a generator batch in one transaction.
    pub fn insert_batch(&self, batch: &Batch) -> DbResult<()> {
        let mut inner = self.lock()?;
        let tx = inner.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO zd_users ({ZD_USER_COLS}) VALUES (?,?,?,?,?,?,?,?,?)"
            ))?;
            for u in &batch.zd_users {
                st.execute(params![
                    u.id,
                    u.name,
                    u.email,
                    u.role,
                    u.organization_id,
                    u.locale,
                    u.time_zone,
                    u.created_at,
                    u.updated_at
                ])?;
            }
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO zd_tickets ({ZD_TICKET_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            ))?;
            for t in &batch.zd_tickets {
                insert_zd_ticket(&mut st, t)?;
            }
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO zd_comments ({ZD_COMMENT_COLS}) VALUES (?,?,?,?,?,?,?,?,?)"
            ))?;
            for c in &batch.zd_comments {
                insert_zd_comment(&mut st, c)?;
            }
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO zd_attachments ({ZD_ATTACHMENT_COLS}, content) VALUES (?,?,?,?,?,?,?,?,?,?)"
            ))?;
            for (a, bytes) in &batch.zd_attachments {
                insert_zd_attachment(&mut st, a, bytes)?;
            }
            let mut st = tx.prepare_cached(
                "INSERT INTO zd_audits (id, ticket_id, created_at, author_id, via, comment_id, changes) \
                 VALUES (?,?,?,?,?,?,?)",
            )?;
            for a in &batch.zd_audits {
                insert_zd_audit(&mut st, a)?;
            }
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO hs_owners ({HS_OWNER_COLS}) VALUES (?,?,?,?,?,?,?)"
            ))?;
            for o in &batch.hs_owners {
                st.execute(params![
                    o.id,
                    o.email,
                    o.first_name,
                    o.last_name,
                    o.user_id,
                    o.created_at,
                    o.updated_at
                ])?;
            }
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO hs_tickets ({HS_TICKET_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            ))?;
            for t in &batch.hs_tickets {
                insert_hs_ticket(&mut st, t)?;
            }
            let mut st = tx.prepare_cached(
                "INSERT INTO hs_notes (id, body, timestamp, owner_id, created_at, updated_at) VALUES (?,?,?,?,?,?)",
            )?;
            let mut assoc = tx.prepare_cached(
                "INSERT OR IGNORE INTO hs_note_tickets (ticket_id, note_id) VALUES (?,?)",
            )?;
            for n in &batch.hs_notes {
                st.execute(params![
                    n.id,
                    n.body,
                    n.timestamp,
                    n.owner_id,
                    n.created_at,
                    n.updated_at
                ])?;
                for t in &n.ticket_ids {
                    assoc.execute(params![t, n.id])?;
                }
            }
            let mut st = tx.prepare_cached(
                "INSERT INTO ground_truth (helpdesk, ticket_id, field, object_id, start, end, kind, value) \
                 VALUES (?,?,?,?,?,?,?,?)",
            )?;
            for g in &batch.ground_truth {
                insert_ground_truth(&mut st, g)?;
            }
        }
        tx.commit()?;
        inner.reload_counters()?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Zendesk: reads
    // -----------------------------------------------------------------------------------------

    /// Number of Zendesk tickets (including deleted ones).
    pub fn zd_ticket_count(&self) -> DbResult<u64> {
        let inner = self.lock()?;
        let n: i64 = inner
            .conn
            .query_row("SELECT COUNT(*) FROM zd_tickets", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// One Zendesk ticket.
    pub fn zd_ticket(&self, id: i64) -> DbResult<Option<ZdTicket>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_TICKET_COLS} FROM zd_tickets WHERE id = ?1"
        ))?;
        Ok(st.query_row([id], zd_ticket_from_row).optional()?)
    }

    /// The rows of `select` (`SELECT cols FROM table`) whose id is in `ids`, ordered by id;
    /// missing ids are skipped. One query, whatever the number of ids.
    fn rows_by_ids<T>(
        &self,
        select: &str,
        ids: &[i64],
        from_row: fn(&Row) -> rusqlite::Result<T>,
    ) -> DbResult<Vec<T>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let inner = self.lock()?;
        let mut st = inner.conn.prepare(&format!(
            "{select} WHERE id IN ({}) ORDER BY id",
            in_list(ids.len())
        ))?;
        let rows = st.query_map(params_from_iter(ids), from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Several Zendesk tickets by id (missing ids are skipped), ordered by id.
    pub fn zd_tickets_by_ids(&self, ids: &[i64]) -> DbResult<Vec<ZdTicket>> {
        self.rows_by_ids(
            &format!("SELECT {ZD_TICKET_COLS} FROM zd_tickets"),
            ids,
            zd_ticket_from_row,
        )
    }

    /// A cursor page of Zendesk tickets: up to `limit` tickets strictly after `after` in the order
    /// (`sort`, `order`), tie-broken by id in the same direction. For `page[before]`, call with
    /// the opposite order and reverse the result.
    pub fn zd_tickets_after(
        &self,
        sort: ZdTicketSort,
        order: Order,
        after: Option<Cursor>,
        limit: u64,
    ) -> DbResult<Vec<ZdTicket>> {
        let inner = self.lock()?;
        let col = sort.column();
        let (dir, op) = (order.sql(), order.after_op());
        let rows = match after {
            None => {
                let mut st = inner.conn.prepare_cached(&format!(
                    "SELECT {ZD_TICKET_COLS} FROM zd_tickets ORDER BY {col} {dir}, id {dir} LIMIT ?1"
                ))?;
                let r = st.query_map([limit as i64], zd_ticket_from_row)?;
                r.collect::<Result<Vec<_>, _>>()?
            }
            Some(c) => {
                let mut st = inner.conn.prepare_cached(&format!(
                    "SELECT {ZD_TICKET_COLS} FROM zd_tickets WHERE ({col}, id) {op} (?1, ?2) \
                     ORDER BY {col} {dir}, id {dir} LIMIT ?3"
                ))?;
                let r = st.query_map(params![c.key, c.id, limit as i64], zd_ticket_from_row)?;
                r.collect::<Result<Vec<_>, _>>()?
            }
        };
        Ok(rows)
    }

    /// An offset page of Zendesk tickets in the order (`sort`, `order`).
    pub fn zd_tickets_offset(
        &self,
        sort: ZdTicketSort,
        order: Order,
        offset: u64,
        limit: u64,
    ) -> DbResult<Vec<ZdTicket>> {
        let inner = self.lock()?;
        let col = sort.column();
        let dir = order.sql();
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_TICKET_COLS} FROM zd_tickets ORDER BY {col} {dir}, id {dir} LIMIT ?1 OFFSET ?2"
        ))?;
        let r = st.query_map([limit as i64, offset as i64], zd_ticket_from_row)?;
        Ok(r.collect::<Result<Vec<_>, _>>()?)
    }

    /// Tickets for the incremental export: `updated_at >= start` and `< until` (exclusive, to
    /// keep the newest minute out), ordered by (`updated_at`, id), strictly after `after` when
    /// given. Deleted tickets are included (status `deleted`).
    pub fn zd_tickets_updated_between(
        &self,
        start: Millis,
        until: Millis,
        after: Option<Cursor>,
        limit: u64,
    ) -> DbResult<Vec<ZdTicket>> {
        let inner = self.lock()?;
        let after = after.unwrap_or(Cursor {
            key: i64::MIN,
            id: i64::MIN,
        });
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_TICKET_COLS} FROM zd_tickets WHERE updated_at >= ?1 AND updated_at < ?2 \
             AND (updated_at, id) > (?3, ?4) ORDER BY updated_at, id LIMIT ?5"
        ))?;
        let r = st.query_map(
            params![start, until, after.key, after.id, limit as i64],
            zd_ticket_from_row,
        )?;
        Ok(r.collect::<Result<Vec<_>, _>>()?)
    }

    /// Number of tickets with `start <= updated_at < until`.
    pub fn zd_count_tickets_updated_between(&self, start: Millis, until: Millis) -> DbResult<u64> {
        let inner = self.lock()?;
        let n: i64 = inner.conn.query_row(
            "SELECT COUNT(*) FROM zd_tickets WHERE updated_at >= ?1 AND updated_at < ?2",
            params![start, until],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// Audits (ticket events) for the incremental ticket events export: `start <= created_at <
    /// until`, ordered by (`created_at`, id), strictly after `after` when given, each with its
    /// comment (and the comment's attachments) loaded.
    pub fn zd_audits_between(
        &self,
        start: Millis,
        until: Millis,
        after: Option<Cursor>,
        limit: u64,
    ) -> DbResult<Vec<ZdAudit>> {
        let inner = self.lock()?;
        let after = after.unwrap_or(Cursor {
            key: i64::MIN,
            id: i64::MIN,
        });
        let mut st = inner.conn.prepare_cached(
            "SELECT id, ticket_id, created_at, author_id, via, comment_id, changes FROM zd_audits \
             WHERE created_at >= ?1 AND created_at < ?2 AND (created_at, id) > (?3, ?4) \
             ORDER BY created_at, id LIMIT ?5",
        )?;
        let raw: Vec<(ZdAudit, Option<i64>, Option<String>)> = st
            .query_map(
                params![start, until, after.key, after.id, limit as i64],
                |r| {
                    Ok((
                        ZdAudit {
                            id: r.get(0)?,
                            ticket_id: r.get(1)?,
                            created_at: r.get(2)?,
                            author_id: r.get(3)?,
                            via: r.get(4)?,
                            comment: None,
                            changes: Vec::new(),
                        },
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )?
            .collect::<Result<_, _>>()?;
        drop(st);
        let comment_ids: Vec<i64> = raw.iter().filter_map(|(_, c, _)| *c).collect();
        let mut comments: HashMap<i64, ZdComment> = inner
            .load_comments_by_ids(&comment_ids)?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let mut out = Vec::with_capacity(raw.len());
        for (mut audit, comment_id, changes) in raw {
            audit.comment = comment_id.and_then(|id| comments.remove(&id));
            if let Some(changes) = changes {
                audit.changes = serde_json::from_str(&changes)?;
            }
            out.push(audit);
        }
        Ok(out)
    }

    /// Number of comments of a ticket.
    pub fn zd_comment_count(&self, ticket_id: i64) -> DbResult<u64> {
        let inner = self.lock()?;
        let n: i64 = inner.conn.query_row(
            "SELECT COUNT(*) FROM zd_comments WHERE ticket_id = ?1",
            [ticket_id],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// A cursor page of a ticket's comments (ordered by id = creation order), strictly after the
    /// comment id `after_id` in the given order, with attachments.
    pub fn zd_comments_after(
        &self,
        ticket_id: i64,
        order: Order,
        after_id: Option<i64>,
        limit: u64,
    ) -> DbResult<Vec<ZdComment>> {
        let inner = self.lock()?;
        let (dir, op) = (order.sql(), order.after_op());
        let bound = after_id.unwrap_or(match order {
            Order::Asc => i64::MIN,
            Order::Desc => i64::MAX,
        });
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_COMMENT_COLS} FROM zd_comments WHERE ticket_id = ?1 AND id {op} ?2 \
             ORDER BY id {dir} LIMIT ?3"
        ))?;
        let mut comments: Vec<ZdComment> = st
            .query_map(params![ticket_id, bound, limit as i64], zd_comment_from_row)?
            .collect::<Result<_, _>>()?;
        drop(st);
        inner.attach_attachments(&mut comments)?;
        Ok(comments)
    }

    /// An offset page of a ticket's comments, with attachments.
    pub fn zd_comments_offset(
        &self,
        ticket_id: i64,
        order: Order,
        offset: u64,
        limit: u64,
    ) -> DbResult<Vec<ZdComment>> {
        let inner = self.lock()?;
        let dir = order.sql();
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_COMMENT_COLS} FROM zd_comments WHERE ticket_id = ?1 \
             ORDER BY id {dir} LIMIT ?2 OFFSET ?3"
        ))?;
        let mut comments: Vec<ZdComment> = st
            .query_map(
                params![ticket_id, limit as i64, offset as i64],
                zd_comment_from_row,
            )?
            .collect::<Result<_, _>>()?;
        drop(st);
        inner.attach_attachments(&mut comments)?;
        Ok(comments)
    }

    /// One comment, with attachments.
    pub fn zd_comment(&self, comment_id: i64) -> DbResult<Option<ZdComment>> {
        let inner = self.lock()?;
        Ok(inner.load_comments_by_ids(&[comment_id])?.pop())
    }

    /// One attachment's metadata.
    pub fn zd_attachment(&self, attachment_id: i64) -> DbResult<Option<ZdAttachment>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_ATTACHMENT_COLS} FROM zd_attachments WHERE id = ?1"
        ))?;
        Ok(st
            .query_row([attachment_id], zd_attachment_from_row)
            .optional()?)
    }

    /// An attachment's metadata and bytes by the token of its `content_url`.
    pub fn zd_attachment_by_token(&self, token: &str) -> DbResult<Option<(ZdAttachment, Vec<u8>)>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_ATTACHMENT_COLS}, content FROM zd_attachments WHERE token = ?1"
        ))?;
        Ok(st
            .query_row([token], |r| Ok((zd_attachment_from_row(r)?, r.get(9)?)))
            .optional()?)
    }

    /// An attachment's bytes.
    pub fn zd_attachment_content(&self, attachment_id: i64) -> DbResult<Option<Vec<u8>>> {
        let inner = self.lock()?;
        Ok(inner
            .conn
            .query_row(
                "SELECT content FROM zd_attachments WHERE id = ?1",
                [attachment_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// One user.
    pub fn zd_user(&self, id: i64) -> DbResult<Option<ZdUser>> {
        Ok(self.zd_users_by_ids(&[id])?.pop())
    }

    /// Several users by id (missing ids skipped), ordered by id.
    pub fn zd_users_by_ids(&self, ids: &[i64]) -> DbResult<Vec<ZdUser>> {
        self.rows_by_ids(
            &format!("SELECT {ZD_USER_COLS} FROM zd_users"),
            ids,
            zd_user_from_row,
        )
    }

    /// A user by e-mail (case-insensitive), e.g. to resolve the authenticated agent.
    pub fn zd_user_by_email(&self, email: &str) -> DbResult<Option<ZdUser>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_USER_COLS} FROM zd_users WHERE email = ?1 COLLATE NOCASE LIMIT 1"
        ))?;
        Ok(st
            .query_row([email.to_lowercase()], zd_user_from_row)
            .optional()?)
    }

    /// Users by id after `after_id`, ascending (user listings).
    pub fn zd_users_after(&self, after_id: Option<i64>, limit: u64) -> DbResult<Vec<ZdUser>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_USER_COLS} FROM zd_users WHERE id > ?1 ORDER BY id LIMIT ?2"
        ))?;
        let rows = st.query_map(
            params![after_id.unwrap_or(i64::MIN), limit as i64],
            zd_user_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    // -----------------------------------------------------------------------------------------
    // Zendesk: writes. Each bumps the ticket's `updated_at` (strictly increasing across writes).
    // -----------------------------------------------------------------------------------------

    /// Creates a ticket whose first comment is its description. Returns the ticket and the
    /// creating audit.
    pub fn zd_create_ticket(&self, new: &NewZdTicket) -> DbResult<(ZdTicket, ZdAudit)> {
        let mut inner = self.lock()?;
        let now = inner.write_time();
        let id = inner.next_id("zd_tickets", 1);
        let requester_id = match new.requester_id {
            Some(r) => r,
            None => inner.default_zd_requester()?,
        };
        let (body, html_body) = comment_bodies(&new.comment)?;
        let ticket = ZdTicket {
            id,
            subject: new.subject.clone(),
            description: body.clone(),
            status: new.status.clone().unwrap_or_else(|| "new".into()),
            priority: new.priority.clone(),
            ticket_type: None,
            requester_id,
            submitter_id: requester_id,
            assignee_id: new.assignee_id,
            group_id: None,
            organization_id: None,
            tags: new.tags.clone(),
            via_channel: new
                .comment
                .via_channel
                .clone()
                .unwrap_or_else(|| "api".into()),
            created_at: now,
            updated_at: now,
        };
        let tx = inner.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO zd_tickets ({ZD_TICKET_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            ))?;
            insert_zd_ticket(&mut st, &ticket)?;
        }
        tx.commit()?;
        let changes = vec![
            create_change("subject", ticket.subject.clone().into()),
            create_change("status", ticket.status.clone().into()),
            create_change("requester_id", ticket.requester_id.into()),
        ];
        let author = new.comment.author_id.unwrap_or(requester_id);
        let audit = inner.insert_comment_audit(
            &ticket,
            author,
            &new.comment,
            body,
            html_body,
            changes,
            now,
        )?;
        Ok((ticket, audit))
    }

    /// Updates ticket fields and/or adds a comment (`PUT /api/v2/tickets/{id}.json`). Returns
    /// `None` when the ticket does not exist. The audit lists the changed fields and the comment.
    pub fn zd_update_ticket(
        &self,
        ticket_id: i64,
        update: &ZdTicketUpdate,
    ) -> DbResult<Option<(ZdTicket, ZdAudit)>> {
        let mut inner = self.lock()?;
        let Some(mut ticket) = inner.load_zd_ticket(ticket_id)? else {
            return Ok(None);
        };
        let now = inner.write_time();
        let mut changes = Vec::new();
        let mut change = |name: &str, old: serde_json::Value, new: serde_json::Value| {
            if old != new {
                changes.push(ZdFieldChange {
                    event_type: "Change".into(),
                    field_name: name.into(),
                    value: new,
                    previous_value: Some(old),
                });
            }
        };
        if let Some(subject) = &update.subject {
            change(
                "subject",
                ticket.subject.clone().into(),
                subject.clone().into(),
            );
            ticket.subject = subject.clone();
        }
        if let Some(status) = &update.status {
            change(
                "status",
                ticket.status.clone().into(),
                status.clone().into(),
            );
            ticket.status = status.clone();
        }
        if let Some(priority) = &update.priority {
            change(
                "priority",
                ticket.priority.clone().into(),
                priority.clone().into(),
            );
            ticket.priority = Some(priority.clone());
        }
        if let Some(assignee) = update.assignee_id {
            change("assignee_id", ticket.assignee_id.into(), assignee.into());
            ticket.assignee_id = Some(assignee);
        }
        if let Some(tags) = &update.tags {
            change("tags", ticket.tags.clone().into(), tags.clone().into());
            ticket.tags = tags.clone();
        }
        ticket.updated_at = now;
        inner.conn.execute(
            "UPDATE zd_tickets SET subject = ?1, status = ?2, priority = ?3, assignee_id = ?4, \
             tags = ?5, updated_at = ?6 WHERE id = ?7",
            params![
                ticket.subject,
                ticket.status,
                ticket.priority,
                ticket.assignee_id,
                ticket.tags.join(" "),
                now,
                ticket_id
            ],
        )?;
        if update.subject.is_some() {
            relocate_spans(
                &inner.conn,
                Helpdesk::Zendesk,
                ticket_id,
                Field::Subject,
                None,
                &ticket.subject,
            )?;
        }
        let audit = match &update.comment {
            Some(comment) => {
                let (body, html_body) = comment_bodies(comment)?;
                let author = match comment.author_id {
                    Some(a) => a,
                    None => match ticket.assignee_id {
                        Some(a) => a,
                        None => inner.default_zd_agent()?,
                    },
                };
                inner
                    .insert_comment_audit(&ticket, author, comment, body, html_body, changes, now)?
            }
            None => {
                let author = inner.default_zd_agent()?;
                inner.insert_audit(ticket_id, now, author, "API", None, &changes)?
            }
        };
        Ok(Some((ticket, audit)))
    }

    /// Marks a ticket deleted (status `deleted`, as incremental exports report it).
    pub fn zd_delete_ticket(&self, ticket_id: i64) -> DbResult<bool> {
        let update = ZdTicketUpdate {
            status: Some("deleted".into()),
            ..Default::default()
        };
        Ok(self.zd_update_ticket(ticket_id, &update)?.is_some())
    }

    /// Replaces a comment's plain and HTML bodies (admin edits, `comment_redactions`). Keeps the
    /// ticket description in step when it is the first comment, re-locates ground truth and
    /// bumps the ticket's `updated_at`.
    pub fn zd_replace_comment_bodies(
        &self,
        comment_id: i64,
        body: &str,
        html_body: &str,
    ) -> DbResult<Option<ZdComment>> {
        let mut inner = self.lock()?;
        let Some(comment) = inner.load_comments_by_ids(&[comment_id])?.pop() else {
            return Ok(None);
        };
        let now = inner.write_time();
        inner.conn.execute(
            "UPDATE zd_comments SET body = ?1, html_body = ?2 WHERE id = ?3",
            params![body, html_body, comment_id],
        )?;
        let first: Option<i64> = inner.conn.query_row(
            "SELECT MIN(id) FROM zd_comments WHERE ticket_id = ?1",
            [comment.ticket_id],
            |r| r.get(0),
        )?;
        if first == Some(comment_id) {
            inner.conn.execute(
                "UPDATE zd_tickets SET description = ?1 WHERE id = ?2",
                params![body, comment.ticket_id],
            )?;
        }
        inner.conn.execute(
            "UPDATE zd_tickets SET updated_at = ?1 WHERE id = ?2",
            params![now, comment.ticket_id],
        )?;
        relocate_spans(
            &inner.conn,
            Helpdesk::Zendesk,
            comment.ticket_id,
            Field::Comment,
            Some(comment_id),
            body,
        )?;
        Ok(inner.load_comments_by_ids(&[comment_id])?.pop())
    }

    /// The older redaction: every occurrence of `text` in the comment's plain and HTML bodies
    /// (also in its HTML-escaped form) becomes `▇` characters. Returns the updated comment and
    /// the number of occurrences replaced in the plain body, or `None` if there is no such
    /// comment.
    pub fn zd_redact_comment_text(
        &self,
        comment_id: i64,
        text: &str,
    ) -> DbResult<Option<(ZdComment, usize)>> {
        let Some(comment) = self.zd_comment(comment_id)? else {
            return Ok(None);
        };
        let (body, count) = redact_occurrences(&comment.body, text);
        let (html, _) = redact_occurrences(&comment.html_body, text);
        let (html, _) = redact_occurrences(&html, &html::escape(text));
        Ok(self
            .zd_replace_comment_bodies(comment_id, &body, &html)?
            .map(|c| (c, count)))
    }

    /// Redacts an attachment: it becomes an empty `redacted.txt` (as Zendesk does), its ground
    /// truth is dropped and the ticket's `updated_at` bumped.
    pub fn zd_redact_attachment(&self, attachment_id: i64) -> DbResult<Option<ZdAttachment>> {
        let mut inner = self.lock()?;
        let ticket_id: Option<i64> = inner
            .conn
            .query_row(
                "SELECT ticket_id FROM zd_attachments WHERE id = ?1",
                [attachment_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(ticket_id) = ticket_id else {
            return Ok(None);
        };
        let now = inner.write_time();
        inner.conn.execute(
            "UPDATE zd_attachments SET file_name = 'redacted.txt', content_type = 'text/plain', \
             size = 0, content = x'', redacted = 1 WHERE id = ?1",
            [attachment_id],
        )?;
        inner.conn.execute(
            "UPDATE zd_tickets SET updated_at = ?1 WHERE id = ?2",
            params![now, ticket_id],
        )?;
        relocate_spans(
            &inner.conn,
            Helpdesk::Zendesk,
            ticket_id,
            Field::Attachment,
            Some(attachment_id),
            "",
        )?;
        drop(inner);
        self.zd_attachment(attachment_id)
    }

    // -----------------------------------------------------------------------------------------
    // HubSpot
    // -----------------------------------------------------------------------------------------

    /// Number of HubSpot tickets with the given archived flag.
    pub fn hs_ticket_count(&self, archived: bool) -> DbResult<u64> {
        let inner = self.lock()?;
        let n: i64 = inner.conn.query_row(
            "SELECT COUNT(*) FROM hs_tickets WHERE archived = ?1",
            [archived],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// One HubSpot ticket (archived or not).
    pub fn hs_ticket(&self, id: i64) -> DbResult<Option<HsTicket>> {
        Ok(self.hs_tickets_by_ids(&[id])?.pop())
    }

    /// HubSpot tickets by id, ordered by id; missing ids are skipped.
    pub fn hs_tickets_by_ids(&self, ids: &[i64]) -> DbResult<Vec<HsTicket>> {
        self.rows_by_ids(
            &format!("SELECT {HS_TICKET_COLS} FROM hs_tickets"),
            ids,
            hs_ticket_from_row,
        )
    }

    /// A page of the HubSpot ticket list: ids ascending, strictly after `after_id`.
    pub fn hs_tickets_after(
        &self,
        after_id: Option<i64>,
        limit: u64,
        archived: bool,
    ) -> DbResult<Vec<HsTicket>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {HS_TICKET_COLS} FROM hs_tickets WHERE archived = ?1 AND id > ?2 ORDER BY id LIMIT ?3"
        ))?;
        let rows = st.query_map(
            params![archived, after_id.unwrap_or(i64::MIN), limit as i64],
            hs_ticket_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Runs a HubSpot search over non-archived tickets. Returns the total number of matches and
    /// the requested page. Filter values that do not parse for the property's type make the
    /// search fail with [`DbError::Invalid`] (HubSpot answers 400).
    pub fn hs_search(&self, search: &HsSearch) -> DbResult<(u64, Vec<HsTicket>)> {
        let mut clauses = vec!["archived = 0".to_string()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(until) = search.visible_until {
            clauses.push("updated_at <= ?".into());
            args.push(until.into());
        }
        if !search.filter_groups.is_empty() {
            let mut groups = Vec::new();
            for group in &search.filter_groups {
                let mut ands = Vec::new();
                for filter in group {
                    ands.push(filter_sql(filter, &mut args)?);
                }
                if ands.is_empty() {
                    ands.push("1".into());
                }
                groups.push(format!("({})", ands.join(" AND ")));
            }
            clauses.push(format!("({})", groups.join(" OR ")));
        }
        let where_sql = clauses.join(" AND ");
        let mut order = Vec::new();
        for (prop, asc) in &search.sorts {
            let dir = if *asc { "ASC" } else { "DESC" };
            order.push(format!("{} {dir}", property_sql(prop).0));
        }
        order.push("id ASC".into());
        let inner = self.lock()?;
        let total: i64 = inner.conn.query_row(
            &format!("SELECT COUNT(*) FROM hs_tickets WHERE {where_sql}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let mut page_args = args.clone();
        page_args.push((search.limit as i64).into());
        page_args.push((search.offset as i64).into());
        let mut st = inner.conn.prepare(&format!(
            "SELECT {HS_TICKET_COLS} FROM hs_tickets WHERE {where_sql} ORDER BY {} LIMIT ? OFFSET ?",
            order.join(", ")
        ))?;
        let rows = st.query_map(params_from_iter(page_args.iter()), hs_ticket_from_row)?;
        Ok((total as u64, rows.collect::<Result<_, _>>()?))
    }

    /// Sets properties of a ticket (`PATCH`); `None` clears a property. Read-only properties
    /// must be rejected by the caller. Bumps `hs_lastmodifieddate` and re-locates ground truth.
    pub fn hs_update_ticket(
        &self,
        id: i64,
        properties: &BTreeMap<String, Option<String>>,
    ) -> DbResult<Option<HsTicket>> {
        let mut inner = self.lock()?;
        let Some(mut ticket) = inner.load_hs_ticket(id)? else {
            return Ok(None);
        };
        for (name, value) in properties {
            let text = value.clone().unwrap_or_default();
            match name.as_str() {
                "subject" => ticket.subject = text,
                "content" => ticket.content = text,
                "hs_pipeline" => ticket.pipeline = text,
                "hs_pipeline_stage" => ticket.pipeline_stage = text,
                "hs_ticket_priority" => ticket.priority = value.clone(),
                "hs_ticket_category" => ticket.category = value.clone(),
                "hubspot_owner_id" => {
                    ticket.owner_id = match value.as_deref() {
                        None | Some("") => None,
                        Some(v) => Some(v.parse().map_err(|_| {
                            DbError::Invalid(format!("{v} is not a valid owner id"))
                        })?),
                    }
                }
                other => {
                    match value {
                        Some(v) => ticket.extra_properties.insert(other.to_string(), v.clone()),
                        None => ticket.extra_properties.remove(other),
                    };
                }
            }
        }
        ticket.updated_at = inner.write_time();
        inner.conn.execute(
            "UPDATE hs_tickets SET subject = ?1, content = ?2, pipeline = ?3, pipeline_stage = ?4, \
             priority = ?5, category = ?6, owner_id = ?7, updated_at = ?8, extra = ?9 WHERE id = ?10",
            params![
                ticket.subject,
                ticket.content,
                ticket.pipeline,
                ticket.pipeline_stage,
                ticket.priority,
                ticket.category,
                ticket.owner_id,
                ticket.updated_at,
                extra_json(&ticket.extra_properties)?,
                id
            ],
        )?;
        for (field, text) in [
            (Field::Subject, &ticket.subject),
            (Field::Content, &ticket.content),
        ] {
            relocate_spans(&inner.conn, Helpdesk::Hubspot, id, field, None, text)?;
        }
        Ok(Some(ticket))
    }

    /// Creates a HubSpot ticket (admin endpoint).
    pub fn hs_create_ticket(&self, new: &NewHsTicket) -> DbResult<HsTicket> {
        let mut inner = self.lock()?;
        let now = inner.write_time();
        let ticket = HsTicket {
            id: inner.next_id("hs_tickets", id_base::HS_TICKET),
            subject: new.subject.clone(),
            content: new.content.clone(),
            pipeline: "0".into(),
            pipeline_stage: "1".into(),
            priority: new.priority.clone(),
            category: None,
            owner_id: new.owner_id,
            created_at: now,
            updated_at: now,
            archived: false,
            extra_properties: BTreeMap::new(),
        };
        let mut st = inner.conn.prepare_cached(&format!(
            "INSERT INTO hs_tickets ({HS_TICKET_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        ))?;
        insert_hs_ticket(&mut st, &ticket)?;
        Ok(ticket)
    }

    /// Archives (or restores) a ticket, as HubSpot's DELETE does.
    pub fn hs_set_archived(&self, id: i64, archived: bool) -> DbResult<bool> {
        let mut inner = self.lock()?;
        let now = inner.write_time();
        let n = inner.conn.execute(
            "UPDATE hs_tickets SET archived = ?1, updated_at = ?2 WHERE id = ?3",
            params![archived, now, id],
        )?;
        Ok(n > 0)
    }

    /// Creates a note associated with the given tickets (which must exist: the caller checks).
    pub fn hs_create_note(
        &self,
        body: &str,
        timestamp: Millis,
        owner_id: Option<i64>,
        ticket_ids: &[i64],
    ) -> DbResult<HsNote> {
        let mut inner = self.lock()?;
        let now = inner.write_time();
        let note = HsNote {
            id: inner.next_id("hs_notes", id_base::HS_NOTE),
            body: body.to_string(),
            timestamp,
            owner_id,
            created_at: now,
            updated_at: now,
            ticket_ids: ticket_ids.to_vec(),
        };
        inner.conn.execute(
            "INSERT INTO hs_notes (id, body, timestamp, owner_id, created_at, updated_at) VALUES (?,?,?,?,?,?)",
            params![note.id, note.body, note.timestamp, note.owner_id, now, now],
        )?;
        for t in ticket_ids {
            inner.conn.execute(
                "INSERT OR IGNORE INTO hs_note_tickets (ticket_id, note_id) VALUES (?1, ?2)",
                params![t, note.id],
            )?;
        }
        Ok(note)
    }

    /// Associates an existing note with a ticket. Returns false if either does not exist.
    pub fn hs_associate_note(&self, note_id: i64, ticket_id: i64) -> DbResult<bool> {
        let inner = self.lock()?;
        let exists: bool = inner.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM hs_notes WHERE id = ?1) AND EXISTS(SELECT 1 FROM hs_tickets WHERE id = ?2)",
            params![note_id, ticket_id],
            |r| r.get(0),
        )?;
        if exists {
            inner.conn.execute(
                "INSERT OR IGNORE INTO hs_note_tickets (ticket_id, note_id) VALUES (?1, ?2)",
                params![ticket_id, note_id],
            )?;
        }
        Ok(exists)
    }

    /// Notes by id, with their ticket associations, ordered by id.
    pub fn hs_notes_by_ids(&self, ids: &[i64]) -> DbResult<Vec<HsNote>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let inner = self.lock()?;
        let mut st = inner.conn.prepare(&format!(
            "SELECT id, body, timestamp, owner_id, created_at, updated_at FROM hs_notes \
             WHERE id IN ({}) ORDER BY id",
            in_list(ids.len())
        ))?;
        let mut notes: Vec<HsNote> = st
            .query_map(params_from_iter(ids), |r| {
                Ok(HsNote {
                    id: r.get(0)?,
                    body: r.get(1)?,
                    timestamp: r.get(2)?,
                    owner_id: r.get(3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    ticket_ids: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut assoc = inner.conn.prepare_cached(
            "SELECT ticket_id FROM hs_note_tickets WHERE note_id = ?1 ORDER BY ticket_id",
        )?;
        for note in &mut notes {
            note.ticket_ids = assoc
                .query_map([note.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        Ok(notes)
    }

    /// Ids of the notes associated with a ticket, ascending.
    pub fn hs_note_ids_of_ticket(&self, ticket_id: i64) -> DbResult<Vec<i64>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(
            "SELECT note_id FROM hs_note_tickets WHERE ticket_id = ?1 ORDER BY note_id",
        )?;
        let rows = st.query_map([ticket_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One owner.
    pub fn hs_owner(&self, id: i64) -> DbResult<Option<HsOwner>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {HS_OWNER_COLS} FROM hs_owners WHERE id = ?1"
        ))?;
        Ok(st.query_row([id], hs_owner_from_row).optional()?)
    }

    /// Owners by id after `after_id`, optionally only the one with an e-mail.
    pub fn hs_owners_after(
        &self,
        after_id: Option<i64>,
        limit: u64,
        email: Option<&str>,
    ) -> DbResult<Vec<HsOwner>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {HS_OWNER_COLS} FROM hs_owners WHERE id > ?1 \
             AND (?2 IS NULL OR email = ?2 COLLATE NOCASE) ORDER BY id LIMIT ?3"
        ))?;
        let rows = st.query_map(
            params![after_id.unwrap_or(i64::MIN), email, limit as i64],
            hs_owner_from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    // -----------------------------------------------------------------------------------------
    // Ground truth
    // -----------------------------------------------------------------------------------------

    /// Records ground truth for text added at run time (admin endpoint with generated text).
    pub fn add_ground_truth(&self, spans: &[GroundTruthSpan]) -> DbResult<()> {
        let mut inner = self.lock()?;
        let tx = inner.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO ground_truth (helpdesk, ticket_id, field, object_id, start, end, kind, value) \
                 VALUES (?,?,?,?,?,?,?,?)",
            )?;
            for g in spans {
                insert_ground_truth(&mut st, g)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Ground truth of one ticket (all its fields, comments, attachments and notes).
    pub fn ground_truth_of_ticket(
        &self,
        helpdesk: Helpdesk,
        ticket_id: i64,
    ) -> DbResult<Vec<GroundTruthSpan>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(
            "SELECT helpdesk, ticket_id, field, object_id, start, end, kind, value FROM ground_truth \
             WHERE helpdesk = ?1 AND ticket_id = ?2 ORDER BY field, object_id, start",
        )?;
        let rows = st.query_map(params![helpdesk.as_str(), ticket_id], ground_truth_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A page of the ground truth in insertion order: rows with a row id above `after_row`,
    /// each with its row id (the cursor of the next page). Lets an HTTP export stream millions
    /// of rows without holding the lock or the rows for long.
    pub fn ground_truth_page(
        &self,
        helpdesk: Option<Helpdesk>,
        after_row: i64,
        limit: u64,
    ) -> DbResult<Vec<(i64, GroundTruthSpan)>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(
            "SELECT helpdesk, ticket_id, field, object_id, start, end, kind, value, id FROM ground_truth \
             WHERE id > ?1 AND (?2 IS NULL OR helpdesk = ?2) ORDER BY id LIMIT ?3",
        )?;
        let rows = st.query_map(
            params![after_row, helpdesk.map(Helpdesk::as_str), limit as i64],
            |r| Ok((r.get(8)?, ground_truth_from_row(r)?)),
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Streams the whole ground truth as JSONL (one [`GroundTruthSpan`] per line), optionally of
    /// one helpdesk. Holds the store's lock for the duration: meant for exports, not hot paths.
    pub fn export_ground_truth(
        &self,
        helpdesk: Option<Helpdesk>,
        out: &mut dyn std::io::Write,
    ) -> DbResult<u64> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare(
            "SELECT helpdesk, ticket_id, field, object_id, start, end, kind, value FROM ground_truth \
             WHERE ?1 IS NULL OR helpdesk = ?1 ORDER BY helpdesk, ticket_id, field, object_id, start",
        )?;
        let mut rows = st.query([helpdesk.map(Helpdesk::as_str)])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let span = ground_truth_from_row(row)?;
            serde_json::to_writer(&mut *out, &span)?;
            out.write_all(b"\n")?;
            n += 1;
        }
        Ok(n)
    }
}

fn ground_truth_from_row(r: &Row) -> rusqlite::Result<GroundTruthSpan> {
    let helpdesk: String = r.get(0)?;
    let field: String = r.get(2)?;
    Ok(GroundTruthSpan {
        helpdesk: if helpdesk == "hubspot" {
            Helpdesk::Hubspot
        } else {
            Helpdesk::Zendesk
        },
        ticket_id: r.get(1)?,
        field: parse_field(&field),
        object_id: r.get(3)?,
        start: r.get::<_, i64>(4)? as usize,
        end: r.get::<_, i64>(5)? as usize,
        kind: r.get(6)?,
        value: r.get(7)?,
    })
}

fn create_change(name: &str, value: serde_json::Value) -> ZdFieldChange {
    ZdFieldChange {
        event_type: "Create".into(),
        field_name: name.into(),
        value,
        previous_value: None,
    }
}

/// Plain and HTML bodies of a new comment: derives the missing one. Returns the stored HTML as
/// `None` when it is the default rendering of the plain body (so it is not stored twice).
fn comment_bodies(comment: &NewZdComment) -> DbResult<(String, Option<String>)> {
    match (&comment.body, &comment.html_body) {
        (Some(body), None) => Ok((body.clone(), None)),
        (None, Some(html)) => Ok((html::html_to_plain(html), Some(html.clone()))),
        (Some(body), Some(html)) => Ok((body.clone(), Some(html.clone()))),
        (None, None) => Err(DbError::Invalid(
            "a comment needs a body or html_body".into(),
        )),
    }
}

fn extra_json(extra: &BTreeMap<String, String>) -> DbResult<Option<String>> {
    if extra.is_empty() {
        Ok(None)
    } else {
        Ok(Some(serde_json::to_string(extra)?))
    }
}

/// How a HubSpot property is compared in SQL.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PropKind {
    Text,
    Number,
    Time,
}

/// SQL expression and kind of a HubSpot ticket property.
fn property_sql(name: &str) -> (String, PropKind) {
    let (expr, kind) = match name {
        "hs_object_id" => ("id", PropKind::Number),
        "createdate" => ("created_at", PropKind::Time),
        "hs_lastmodifieddate" | "lastmodifieddate" => ("updated_at", PropKind::Time),
        "subject" => ("subject", PropKind::Text),
        "content" => ("content", PropKind::Text),
        "hs_pipeline" => ("pipeline", PropKind::Text),
        "hs_pipeline_stage" => ("pipeline_stage", PropKind::Text),
        "hs_ticket_priority" => ("priority", PropKind::Text),
        "hs_ticket_category" => ("category", PropKind::Text),
        "hubspot_owner_id" => ("owner_id", PropKind::Number),
        other => {
            // Property names are client input: quote them for json_extract, doubling quotes.
            let quoted = other.replace('\'', "''").replace('"', "\\\"");
            return (
                format!("json_extract(extra, '$.\"{quoted}\"')"),
                PropKind::Text,
            );
        }
    };
    (expr.to_string(), kind)
}

fn filter_value(
    kind: PropKind,
    property: &str,
    value: Option<&String>,
) -> DbResult<rusqlite::types::Value> {
    let value = value.ok_or_else(|| {
        DbError::Invalid(format!("a value is required for a filter on {property}"))
    })?;
    Ok(match kind {
        PropKind::Text => value.clone().into(),
        PropKind::Number => value
            .trim()
            .parse::<i64>()
            .map_err(|_| DbError::Invalid(format!("{value} is not a number ({property})")))?
            .into(),
        PropKind::Time => crate::time::parse_timestamp(value)
            .ok_or_else(|| {
                DbError::Invalid(format!(
                    "{value} is not a valid date (epoch milliseconds or ISO-8601) for {property}"
                ))
            })?
            .into(),
    })
}

fn filter_sql(filter: &HsFilter, args: &mut Vec<rusqlite::types::Value>) -> DbResult<String> {
    let (expr, kind) = property_sql(&filter.property);
    let compare = |op: &str, args: &mut Vec<rusqlite::types::Value>| -> DbResult<String> {
        args.push(filter_value(kind, &filter.property, filter.value.as_ref())?);
        // Text equality in HubSpot search is case-insensitive.
        Ok(if kind == PropKind::Text {
            format!("{expr} {op} ? COLLATE NOCASE")
        } else {
            format!("{expr} {op} ?")
        })
    };
    Ok(match filter.operator {
        HsOperator::Eq => compare("=", args)?,
        HsOperator::Neq => format!("({} OR {expr} IS NULL)", compare("<>", args)?),
        HsOperator::Lt => compare("<", args)?,
        HsOperator::Lte => compare("<=", args)?,
        HsOperator::Gt => compare(">", args)?,
        HsOperator::Gte => compare(">=", args)?,
        HsOperator::Between => {
            args.push(filter_value(kind, &filter.property, filter.value.as_ref())?);
            args.push(filter_value(
                kind,
                &filter.property,
                filter.high_value.as_ref(),
            )?);
            format!("{expr} BETWEEN ? AND ?")
        }
        HsOperator::In | HsOperator::NotIn => {
            if filter.values.is_empty() {
                return Err(DbError::Invalid(format!(
                    "values are required for IN/NOT_IN on {}",
                    filter.property
                )));
            }
            for v in &filter.values {
                args.push(filter_value(kind, &filter.property, Some(v))?);
            }
            let list = in_list(filter.values.len());
            if filter.operator == HsOperator::In {
                format!("{expr} COLLATE NOCASE IN ({list})")
            } else {
                format!("({expr} IS NULL OR {expr} COLLATE NOCASE NOT IN ({list}))")
            }
        }
        HsOperator::HasProperty => format!("({expr} IS NOT NULL AND {expr} <> '')"),
        HsOperator::NotHasProperty => format!("({expr} IS NULL OR {expr} = '')"),
        HsOperator::ContainsToken | HsOperator::NotContainsToken => {
            let token = filter.value.clone().ok_or_else(|| {
                DbError::Invalid(format!("a value is required for {}", filter.property))
            })?;
            // HubSpot tokenises text; a case-insensitive substring match (with `*` as a
            // wildcard) is close enough for an emulator.
            let pattern = format!(
                "%{}%",
                token
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
                    .replace('*', "%")
            );
            args.push(pattern.into());
            if filter.operator == HsOperator::ContainsToken {
                format!("{expr} LIKE ? ESCAPE '\\'")
            } else {
                format!("({expr} IS NULL OR {expr} NOT LIKE ? ESCAPE '\\')")
            }
        }
    })
}

fn insert_zd_ticket(st: &mut rusqlite::CachedStatement<'_>, t: &ZdTicket) -> DbResult<()> {
    st.execute(params![
        t.id,
        t.subject,
        t.description,
        t.status,
        t.priority,
        t.ticket_type,
        t.requester_id,
        t.submitter_id,
        t.assignee_id,
        t.group_id,
        t.organization_id,
        t.tags.join(" "),
        t.via_channel,
        t.created_at,
        t.updated_at
    ])?;
    Ok(())
}

/// Stores a comment; `html_body` is stored only when it differs from the default rendering.
fn insert_zd_comment(st: &mut rusqlite::CachedStatement<'_>, c: &ZdComment) -> DbResult<()> {
    let html = if c.html_body.is_empty() || c.html_body == html::plain_to_zendesk_html(&c.body) {
        None
    } else {
        Some(c.html_body.as_str())
    };
    st.execute(params![
        c.id,
        c.ticket_id,
        c.audit_id,
        c.author_id,
        c.body,
        html,
        c.public,
        c.via_channel,
        c.created_at
    ])?;
    Ok(())
}

fn insert_zd_attachment(
    st: &mut rusqlite::CachedStatement<'_>,
    a: &ZdAttachment,
    bytes: &[u8],
) -> DbResult<()> {
    st.execute(params![
        a.id,
        a.comment_id,
        a.ticket_id,
        a.file_name,
        a.content_type,
        bytes.len() as i64,
        a.token,
        a.inline,
        a.redacted,
        bytes
    ])?;
    Ok(())
}

fn insert_zd_audit(st: &mut rusqlite::CachedStatement<'_>, a: &ZdAudit) -> DbResult<()> {
    let changes = if a.changes.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&a.changes)?)
    };
    st.execute(params![
        a.id,
        a.ticket_id,
        a.created_at,
        a.author_id,
        a.via,
        a.comment.as_ref().map(|c| c.id),
        changes
    ])?;
    Ok(())
}

fn insert_hs_ticket(st: &mut rusqlite::CachedStatement<'_>, t: &HsTicket) -> DbResult<()> {
    st.execute(params![
        t.id,
        t.subject,
        t.content,
        t.pipeline,
        t.pipeline_stage,
        t.priority,
        t.category,
        t.owner_id,
        t.created_at,
        t.updated_at,
        t.archived,
        extra_json(&t.extra_properties)?
    ])?;
    Ok(())
}

fn insert_ground_truth(
    st: &mut rusqlite::CachedStatement<'_>,
    g: &GroundTruthSpan,
) -> DbResult<()> {
    st.execute(params![
        g.helpdesk.as_str(),
        g.ticket_id,
        field_name(g.field),
        g.object_id,
        g.start as i64,
        g.end as i64,
        g.kind,
        g.value
    ])?;
    Ok(())
}

impl Inner {
    fn reload_counters(&mut self) -> DbResult<()> {
        let tables: [(&'static str, i64); 8] = [
            ("zd_tickets", 1),
            ("zd_users", id_base::ZD_USER),
            ("zd_comments", id_base::ZD_COMMENT),
            ("zd_audits", id_base::ZD_AUDIT),
            ("zd_attachments", id_base::ZD_ATTACHMENT),
            ("hs_tickets", id_base::HS_TICKET),
            ("hs_owners", id_base::HS_OWNER),
            ("hs_notes", id_base::HS_NOTE),
        ];
        for (table, base) in tables {
            let max: Option<i64> =
                self.conn
                    .query_row(&format!("SELECT MAX(id) FROM {table}"), [], |r| r.get(0))?;
            self.next_ids
                .insert(table, max.map_or(base, |m| (m + 1).max(base)));
        }
        let last: Option<i64> = self.conn.query_row(
            "SELECT MAX(m) FROM (SELECT MAX(updated_at) AS m FROM zd_tickets \
             UNION ALL SELECT MAX(updated_at) FROM hs_tickets)",
            [],
            |r| r.get(0),
        )?;
        self.last_write_ms = self.last_write_ms.max(last.unwrap_or(0));
        Ok(())
    }

    fn next_id(&mut self, table: &'static str, base: i64) -> i64 {
        let next = self.next_ids.entry(table).or_insert(base);
        let id = *next;
        *next += 1;
        id
    }

    /// A modification time: now, but strictly after every earlier write.
    fn write_time(&mut self) -> Millis {
        let t = now_millis().max(self.last_write_ms + 1);
        self.last_write_ms = t;
        t
    }

    fn load_zd_ticket(&self, id: i64) -> DbResult<Option<ZdTicket>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ZD_TICKET_COLS} FROM zd_tickets WHERE id = ?1"
        ))?;
        Ok(st.query_row([id], zd_ticket_from_row).optional()?)
    }

    fn load_hs_ticket(&self, id: i64) -> DbResult<Option<HsTicket>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {HS_TICKET_COLS} FROM hs_tickets WHERE id = ?1"
        ))?;
        Ok(st.query_row([id], hs_ticket_from_row).optional()?)
    }

    fn load_comments_by_ids(&self, ids: &[i64]) -> DbResult<Vec<ZdComment>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT {ZD_COMMENT_COLS} FROM zd_comments WHERE id IN ({}) ORDER BY id",
            in_list(ids.len())
        ))?;
        let mut comments: Vec<ZdComment> = st
            .query_map(params_from_iter(ids), zd_comment_from_row)?
            .collect::<Result<_, _>>()?;
        self.attach_attachments(&mut comments)?;
        Ok(comments)
    }

    fn attach_attachments(&self, comments: &mut [ZdComment]) -> DbResult<()> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ZD_ATTACHMENT_COLS} FROM zd_attachments WHERE comment_id = ?1 ORDER BY id"
        ))?;
        for c in comments {
            c.attachments = st
                .query_map([c.id], zd_attachment_from_row)?
                .collect::<Result<_, _>>()?;
        }
        Ok(())
    }

    fn default_zd_agent(&self) -> DbResult<i64> {
        let id: Option<i64> = self.conn.query_row(
            "SELECT MIN(id) FROM zd_users WHERE role = 'admin'",
            [],
            |r| r.get(0),
        )?;
        Ok(id.unwrap_or(id_base::ZD_USER))
    }

    fn default_zd_requester(&self) -> DbResult<i64> {
        let id: Option<i64> = self.conn.query_row(
            "SELECT MIN(id) FROM zd_users WHERE role = 'end-user'",
            [],
            |r| r.get(0),
        )?;
        match id {
            Some(id) => Ok(id),
            None => self.default_zd_agent(),
        }
    }

    fn insert_audit(
        &mut self,
        ticket_id: i64,
        at: Millis,
        author_id: i64,
        via: &str,
        comment: Option<ZdComment>,
        changes: &[ZdFieldChange],
    ) -> DbResult<ZdAudit> {
        let audit = ZdAudit {
            id: self.next_id("zd_audits", id_base::ZD_AUDIT),
            ticket_id,
            created_at: at,
            author_id,
            via: via.to_string(),
            comment,
            changes: changes.to_vec(),
        };
        let mut st = self.conn.prepare_cached(
            "INSERT INTO zd_audits (id, ticket_id, created_at, author_id, via, comment_id, changes) \
             VALUES (?,?,?,?,?,?,?)",
        )?;
        insert_zd_audit(&mut st, &audit)?;
        Ok(audit)
    }

    #[allow(clippy::too_many_arguments)]
    fn insert_comment_audit(
        &mut self,
        ticket: &ZdTicket,
        author_id: i64,
        new: &NewZdComment,
        body: String,
        html_body: Option<String>,
        changes: Vec<ZdFieldChange>,
        at: Millis,
    ) -> DbResult<ZdAudit> {
        let audit_id = self.next_id("zd_audits", id_base::ZD_AUDIT);
        let channel = new.via_channel.clone().unwrap_or_else(|| "api".into());
        let mut comment = ZdComment {
            id: self.next_id("zd_comments", id_base::ZD_COMMENT),
            ticket_id: ticket.id,
            audit_id,
            author_id,
            html_body: html_body
                .clone()
                .unwrap_or_else(|| html::plain_to_zendesk_html(&body)),
            body,
            public: new.public,
            via_channel: channel.clone(),
            created_at: at,
            attachments: Vec::new(),
        };
        let mut stored_attachments = Vec::new();
        for a in &new.attachments {
            let id = self.next_id("zd_attachments", id_base::ZD_ATTACHMENT);
            let token = attachment_token(id, &a.file_name);
            stored_attachments.push((
                ZdAttachment {
                    id,
                    comment_id: comment.id,
                    ticket_id: ticket.id,
                    file_name: a.file_name.clone(),
                    content_type: a.content_type.clone(),
                    size: a.content.len() as i64,
                    token,
                    inline: false,
                    redacted: false,
                },
                a.content.clone(),
            ));
        }
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO zd_comments ({ZD_COMMENT_COLS}) VALUES (?,?,?,?,?,?,?,?,?)"
            ))?;
            insert_zd_comment(&mut st, &comment)?;
            let mut st = tx.prepare_cached(&format!(
                "INSERT INTO zd_attachments ({ZD_ATTACHMENT_COLS}, content) VALUES (?,?,?,?,?,?,?,?,?,?)"
            ))?;
            for (a, bytes) in &stored_attachments {
                insert_zd_attachment(&mut st, a, bytes)?;
            }
            tx.execute(
                "UPDATE zd_tickets SET updated_at = ?1 WHERE id = ?2",
                params![at, ticket.id],
            )?;
            let audit = ZdAudit {
                id: audit_id,
                ticket_id: ticket.id,
                created_at: at,
                author_id,
                via: via_label(&channel).into(),
                comment: Some(comment.clone()),
                changes: changes.clone(),
            };
            let mut st = tx.prepare_cached(
                "INSERT INTO zd_audits (id, ticket_id, created_at, author_id, via, comment_id, changes) \
                 VALUES (?,?,?,?,?,?,?)",
            )?;
            insert_zd_audit(&mut st, &audit)?;
        }
        tx.commit()?;
        comment.attachments = stored_attachments.into_iter().map(|(a, _)| a).collect();
        Ok(ZdAudit {
            id: audit_id,
            ticket_id: ticket.id,
            created_at: at,
            author_id,
            via: via_label(&channel).into(),
            comment: Some(comment),
            changes,
        })
    }
}

/// Zendesk's `via` label of ticket events for a channel.
pub fn via_label(channel: &str) -> &'static str {
    match channel {
        "email" => "Mail",
        "web" => "Web form",
        "chat" => "Chat",
        _ => "Web service",
    }
}

/// The `content_url` token of an attachment: stable for a given id and name, not guessable
/// from the id alone without knowing the scheme (good enough for an emulator).
pub fn attachment_token(id: i64, file_name: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("leakhound-attachment:{id}:{file_name}"));
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

// =============================================================================================
// Zendesk additions (Emulator B, `crate::zendesk`). Kept in their own block so the store's
// owner can move them freely. List Tickets leaves deleted tickets out (Zendesk lists them under
// `deleted_tickets` instead; only the incremental exports report them), and the cursor-based
// incremental export can page backwards (`before_cursor`).
// =============================================================================================

impl Db {
    /// Number of Zendesk tickets that List Tickets shows (all but deleted ones).
    pub fn zd_listed_ticket_count(&self) -> DbResult<u64> {
        let inner = self.lock()?;
        let n: i64 = inner.conn.query_row(
            "SELECT COUNT(*) FROM zd_tickets WHERE status != 'deleted'",
            [],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// Like [`Db::zd_tickets_after`], without deleted tickets.
    pub fn zd_listed_tickets_after(
        &self,
        sort: ZdTicketSort,
        order: Order,
        after: Option<Cursor>,
        limit: u64,
    ) -> DbResult<Vec<ZdTicket>> {
        let inner = self.lock()?;
        let col = sort.column();
        let (dir, op) = (order.sql(), order.after_op());
        let after = after.unwrap_or(match order {
            Order::Asc => Cursor {
                key: i64::MIN,
                id: i64::MIN,
            },
            Order::Desc => Cursor {
                key: i64::MAX,
                id: i64::MAX,
            },
        });
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_TICKET_COLS} FROM zd_tickets WHERE status != 'deleted' \
             AND ({col}, id) {op} (?1, ?2) ORDER BY {col} {dir}, id {dir} LIMIT ?3"
        ))?;
        let rows = st.query_map(
            params![after.key, after.id, limit as i64],
            zd_ticket_from_row,
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Like [`Db::zd_tickets_offset`], without deleted tickets.
    pub fn zd_listed_tickets_offset(
        &self,
        sort: ZdTicketSort,
        order: Order,
        offset: u64,
        limit: u64,
    ) -> DbResult<Vec<ZdTicket>> {
        let inner = self.lock()?;
        let col = sort.column();
        let dir = order.sql();
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_TICKET_COLS} FROM zd_tickets WHERE status != 'deleted' \
             ORDER BY {col} {dir}, id {dir} LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = st.query_map([limit as i64, offset as i64], zd_ticket_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The incremental export backwards: up to `limit` tickets strictly before `before` in
    /// (`updated_at`, id) order and at or after `start`, nearest first (the caller reverses
    /// them). Deleted tickets are included, as in the forward export.
    pub fn zd_tickets_updated_before(
        &self,
        start: Millis,
        before: Cursor,
        limit: u64,
    ) -> DbResult<Vec<ZdTicket>> {
        let inner = self.lock()?;
        let mut st = inner.conn.prepare_cached(&format!(
            "SELECT {ZD_TICKET_COLS} FROM zd_tickets WHERE updated_at >= ?1 \
             AND (updated_at, id) < (?2, ?3) ORDER BY updated_at DESC, id DESC LIMIT ?4"
        ))?;
        let rows = st.query_map(
            params![start, before.key, before.id, limit as i64],
            zd_ticket_from_row,
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
