//! Data types shared by the store ([`crate::db`]), the generator ([`crate::synth`]) and the
//! two API front-ends ([`crate::hubspot`], [`crate::zendesk`]).
//!
//! The types are storage-shaped, not wire-shaped: every front-end renders them into its own
//! API's JSON (string ids and ISO-8601 millis for HubSpot, integer ids and ISO seconds for
//! Zendesk). All times are Unix epoch **milliseconds** (UTC) so that both APIs can be served
//! from one representation without rounding surprises; use [`crate::time`] to format them.

use serde::{Deserialize, Serialize};

/// Unix epoch milliseconds, UTC.
pub type Millis = i64;

/// Which emulated helpdesk a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Helpdesk {
    /// HubSpot CRM v3.
    Hubspot,
    /// Zendesk Support API v2.
    Zendesk,
}

impl Helpdesk {
    /// The lowercase name used in ground-truth rows, admin URLs and log lines.
    pub fn as_str(self) -> &'static str {
        match self {
            Helpdesk::Hubspot => "hubspot",
            Helpdesk::Zendesk => "zendesk",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Zendesk
// ---------------------------------------------------------------------------------------------

/// A Zendesk ticket. `description` is a copy of the first comment's plain body, exactly as
/// Zendesk keeps it (it is *not* updated when that comment is later redacted through the
/// comment endpoints, except by the store which keeps both in sync for the emulator's sake).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZdTicket {
    pub id: i64,
    pub subject: String,
    pub description: String,
    /// `new`, `open`, `pending`, `hold`, `solved`, `closed` or `deleted`.
    pub status: String,
    /// `low`, `normal`, `high`, `urgent` or none.
    pub priority: Option<String>,
    /// `problem`, `incident`, `question`, `task` or none.
    pub ticket_type: Option<String>,
    pub requester_id: i64,
    pub submitter_id: i64,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub tags: Vec<String>,
    /// The channel the ticket came in by (`email`, `web`, `chat`, `api`), Zendesk's `via.channel`.
    pub via_channel: String,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// A comment of a Zendesk ticket. The first comment of a ticket is its description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZdComment {
    pub id: i64,
    pub ticket_id: i64,
    /// The id of the audit (ticket event) that created the comment.
    pub audit_id: i64,
    pub author_id: i64,
    /// Plain-text body (`body` and `plain_body` on the wire). Ground-truth spans of a comment are
    /// byte offsets into this string.
    pub body: String,
    /// HTML body (`html_body` on the wire), always present: for comments written as plain text it
    /// is the escaped text wrapped the way Zendesk wraps it (`<div class="zd-comment">…`).
    pub html_body: String,
    pub public: bool,
    /// Zendesk's `via.channel`.
    pub via_channel: String,
    pub created_at: Millis,
    pub attachments: Vec<ZdAttachment>,
}

/// Metadata of an attachment of a Zendesk comment. The bytes are fetched separately with
/// [`crate::db::Db::zd_attachment_content`] (they can be large-ish and most listings don't need
/// them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZdAttachment {
    pub id: i64,
    pub comment_id: i64,
    pub ticket_id: i64,
    pub file_name: String,
    pub content_type: String,
    /// Size of the bytes in octets.
    pub size: i64,
    /// Opaque token used in `content_url` (`{base}/attachments/token/{token}/?name={file_name}`),
    /// like Zendesk's, so URLs are not guessable from ids.
    pub token: String,
    pub inline: bool,
    /// Set once the attachment has been redacted (it is then an empty `redacted.txt`).
    pub redacted: bool,
}

/// A Zendesk user (requester, agent or admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZdUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `end-user`, `agent` or `admin`.
    pub role: String,
    pub organization_id: Option<i64>,
    pub locale: String,
    pub time_zone: String,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// One field change inside an audit (Zendesk "Change"/"Create" child events).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZdFieldChange {
    /// `Create` for the values set when the ticket was created, `Change` afterwards.
    pub event_type: String,
    pub field_name: String,
    pub value: serde_json::Value,
    /// `None` for `Create` events.
    pub previous_value: Option<serde_json::Value>,
}

/// A ticket audit: what Zendesk's incremental ticket events export calls a ticket event. It
/// groups the comment it added (if any) and the field changes made at the same instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZdAudit {
    pub id: i64,
    pub ticket_id: i64,
    pub created_at: Millis,
    pub author_id: i64,
    /// Zendesk's `via` of the event (`Mail`, `Web form`, `Chat`, `API`...).
    pub via: String,
    /// The comment this audit added, loaded with its attachments (current, possibly redacted
    /// text: Zendesk exports serve the redacted text too).
    pub comment: Option<ZdComment>,
    pub changes: Vec<ZdFieldChange>,
}

/// Input of a new comment (ticket update, admin endpoint).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewZdComment {
    /// Defaults to the authenticated agent when `None` (the store uses the ticket's assignee,
    /// else the first admin).
    pub author_id: Option<i64>,
    /// Plain body. If only `html_body` is given, the plain body is derived by stripping tags.
    pub body: Option<String>,
    pub html_body: Option<String>,
    pub public: bool,
    /// `via.channel` of the comment; `api` when `None`.
    pub via_channel: Option<String>,
    /// Attachments uploaded with the comment: (file name, content type, bytes).
    pub attachments: Vec<NewAttachment>,
}

/// A file to attach to a new comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAttachment {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// Field updates of a Zendesk ticket (`PUT /api/v2/tickets/{id}.json`, admin endpoints).
/// `None` leaves a field unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ZdTicketUpdate {
    pub subject: Option<String>,
    pub status: Option<String>,
    pub priority: Option<String>,
    pub assignee_id: Option<i64>,
    pub tags: Option<Vec<String>>,
    pub comment: Option<NewZdComment>,
}

/// A new Zendesk ticket (admin endpoint). The first comment becomes the description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewZdTicket {
    pub subject: String,
    pub comment: NewZdComment,
    pub requester_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub status: Option<String>,
    pub priority: Option<String>,
    pub tags: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// HubSpot
// ---------------------------------------------------------------------------------------------

/// A HubSpot ticket. Core properties have their own fields; anything else set through PATCH
/// lives in `extra_properties`. Use [`HsTicket::property`] to read any property as HubSpot
/// would return it (a string or null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HsTicket {
    pub id: i64,
    pub subject: String,
    pub content: String,
    pub pipeline: String,
    pub pipeline_stage: String,
    /// `LOW`, `MEDIUM`, `HIGH` or none.
    pub priority: Option<String>,
    /// `PRODUCT_ISSUE`, `BILLING_ISSUE`, `FEATURE_REQUEST`, `GENERAL_INQUIRY` or none.
    pub category: Option<String>,
    pub owner_id: Option<i64>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub archived: bool,
    /// Other properties set by clients, by name, as strings.
    pub extra_properties: std::collections::BTreeMap<String, String>,
}

impl HsTicket {
    /// The value of a property as HubSpot serialises it: a string, or `None` (JSON null).
    pub fn property(&self, name: &str) -> Option<String> {
        match name {
            "subject" => Some(self.subject.clone()),
            "content" => Some(self.content.clone()),
            "hs_object_id" => Some(self.id.to_string()),
            "hs_pipeline" => Some(self.pipeline.clone()),
            "hs_pipeline_stage" => Some(self.pipeline_stage.clone()),
            "hs_ticket_priority" => self.priority.clone(),
            "hs_ticket_category" => self.category.clone(),
            "hubspot_owner_id" => self.owner_id.map(|id| id.to_string()),
            "createdate" => Some(crate::time::iso_millis(self.created_at)),
            "hs_lastmodifieddate" => Some(crate::time::iso_millis(self.updated_at)),
            other => self.extra_properties.get(other).cloned(),
        }
    }
}

/// A HubSpot note (engagement) and the tickets it is associated with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HsNote {
    pub id: i64,
    /// `hs_note_body` (HTML).
    pub body: String,
    /// `hs_timestamp`.
    pub timestamp: Millis,
    pub owner_id: Option<i64>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub ticket_ids: Vec<i64>,
}

/// A HubSpot owner (a user that can own CRM records).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HsOwner {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub user_id: i64,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// A new HubSpot ticket (admin endpoint).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewHsTicket {
    pub subject: String,
    pub content: String,
    pub owner_id: Option<i64>,
    pub priority: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Ground truth
// ---------------------------------------------------------------------------------------------

/// Where in a record a sensitive value sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Ticket subject (both helpdesks).
    Subject,
    /// HubSpot ticket `content`.
    Content,
    /// Zendesk comment `body` (plain); `object_id` is the comment id. The first comment of a
    /// Zendesk ticket is also its `description`, with the same spans.
    Comment,
    /// Bytes of a Zendesk attachment; `object_id` is the attachment id.
    Attachment,
    /// HubSpot note `hs_note_body`; `object_id` is the note id.
    Note,
}

/// One known sensitive value: a row of the ground-truth JSONL export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundTruthSpan {
    pub helpdesk: Helpdesk,
    pub ticket_id: i64,
    pub field: Field,
    /// Comment, attachment or note id; absent for ticket fields.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub object_id: Option<i64>,
    /// Byte offset of the first byte of the value in the field's text (UTF-8).
    pub start: usize,
    /// Byte offset just past the value.
    pub end: usize,
    /// Detector type, e.g. `CREDIT_CARD_NUMBER`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The value itself (redundant with the span; handy for debugging and for re-locating the
    /// value after edits).
    pub value: String,
}
