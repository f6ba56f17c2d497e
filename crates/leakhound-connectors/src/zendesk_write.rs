//! Zendesk writes for remediation: private comments (ticket update), comment redaction (both
//! endpoints), attachment redaction, and the reads remediation needs before writing (a
//! ticket's comments, the ticket, users).
//!
//! Writes go through the same HTTP layer as the scans (pacing, 429 honoured with
//! `Retry-After`, call counting), with one difference: a write that fails with a 5xx, a reset
//! or a timeout is **not** retried here, because it may have reached Zendesk. The caller
//! records it as failed and checks the helpdesk before trying again (see
//! `leakhound-remediate`). A 429 means the write was refused, so it is retried after the
//! server's `Retry-After` — that covers Zendesk's per-ticket limit of 30 updates per 10
//! minutes as well as the account limit.

use std::fmt;

use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::doc::SourceKind;
use crate::error::{Error, Result};
use crate::http::{AuthHeader, CallStats, HttpClient, LimitClass};
use crate::zendesk::{ZendeskAuth, ZendeskConfig};

const EP_COMMENTS: &str = "GET /api/v2/tickets/{id}/comments.json";
const EP_TICKET: &str = "GET /api/v2/tickets/{id}.json";
const EP_UPDATE: &str = "PUT /api/v2/tickets/{id}.json";
const EP_REDACT_OLD: &str = "PUT /api/v2/tickets/{t}/comments/{c}/redact.json";
const EP_REDACT_NEW: &str = "PUT /api/v2/comment_redactions/{c}.json";
const EP_REDACT_ATTACHMENT: &str =
    "PUT /api/v2/tickets/{t}/comments/{c}/attachments/{a}/redact.json";
const EP_USER: &str = "GET /api/v2/users/{id}.json";

/// A comment as remediation needs it. `Debug` prints ids and sizes only.
#[derive(Clone, Deserialize)]
pub struct ZdComment {
    /// Comment id.
    pub id: u64,
    /// Plain body (`body`).
    #[serde(default)]
    pub body: Option<String>,
    /// `plain_body`, what the scan reads first.
    #[serde(default)]
    pub plain_body: Option<String>,
    /// HTML body.
    #[serde(default)]
    pub html_body: Option<String>,
    /// Public or private.
    #[serde(default)]
    pub public: bool,
    /// Attachments.
    #[serde(default)]
    pub attachments: Vec<ZdAttachmentRef>,
}

impl ZdComment {
    /// The text the scan read: `plain_body`, else `body`.
    pub fn scanned_text(&self) -> &str {
        self.plain_body
            .as_deref()
            .or(self.body.as_deref())
            .unwrap_or("")
    }
}

impl fmt::Debug for ZdComment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZdComment")
            .field("id", &self.id)
            .field("public", &self.public)
            .field("text_bytes", &self.scanned_text().len())
            .field("attachments", &self.attachments.len())
            .finish()
    }
}

/// An attachment of a comment.
#[derive(Clone, Debug, Deserialize)]
pub struct ZdAttachmentRef {
    /// Attachment id.
    pub id: u64,
    /// Download URL.
    #[serde(default)]
    pub content_url: Option<String>,
}

/// The ticket fields remediation reads.
#[derive(Clone, Debug, Deserialize)]
pub struct ZdTicketInfo {
    /// Ticket id.
    pub id: u64,
    /// Status (`closed` tickets refuse updates and the older redaction).
    #[serde(default)]
    pub status: Option<String>,
    /// The assignee, who is alerted.
    #[serde(default)]
    pub assignee_id: Option<u64>,
}

/// A user (the assignee to alert).
#[derive(Clone, Debug, Deserialize)]
pub struct ZdUserInfo {
    /// User id.
    pub id: u64,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
}

/// Zendesk writes for remediation.
#[derive(Clone)]
pub struct ZendeskWriter {
    reads: HttpClient,
    writes: HttpClient,
}

impl fmt::Debug for ZendeskWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZendeskWriter")
            .field("client", &self.reads)
            .finish()
    }
}

#[derive(Deserialize)]
struct CommentsPage {
    #[serde(default)]
    comments: Vec<ZdComment>,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    has_more: bool,
    #[serde(default)]
    after_cursor: Option<String>,
}

impl ZendeskWriter {
    /// A writer with the connector's configuration (base URL, credentials, rate plan).
    pub fn new(config: &ZendeskConfig) -> Result<Self> {
        let auth = match &config.auth {
            ZendeskAuth::ApiToken { email, token } => {
                AuthHeader::basic(&format!("{}/token", email.trim()), token.trim())?
            }
            ZendeskAuth::OAuth(t) => AuthHeader::bearer(t.trim())?,
        };
        let reads = HttpClient::new(SourceKind::Zendesk, &config.base_url, auth, &config.http)?;
        let writes = reads.for_writes();
        Ok(ZendeskWriter { reads, writes })
    }

    /// Counters (reads and writes share them).
    pub fn stats(&self) -> std::sync::Arc<CallStats> {
        self.reads.stats()
    }

    /// Every comment of a ticket, oldest first (cursor pages of 100).
    pub async fn comments(&self, ticket_id: u64) -> Result<Vec<ZdComment>> {
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        let path = format!("/api/v2/tickets/{ticket_id}/comments.json");
        loop {
            let mut q = vec![("page[size]", "100".to_string())];
            if let Some(a) = &after {
                q.push(("page[after]", a.clone()));
            }
            let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let url = self.reads.url(&path, &q);
            let (page, _): (CommentsPage, _) = self
                .reads
                .get_json(url, EP_COMMENTS, LimitClass::General)
                .await?;
            out.extend(page.comments);
            match page.meta {
                Some(Meta {
                    has_more: true,
                    after_cursor: Some(a),
                }) => after = Some(a),
                _ => break,
            }
        }
        Ok(out)
    }

    /// The ticket.
    pub async fn ticket(&self, ticket_id: u64) -> Result<ZdTicketInfo> {
        #[derive(Deserialize)]
        struct One {
            ticket: ZdTicketInfo,
        }
        let url = self
            .reads
            .url(&format!("/api/v2/tickets/{ticket_id}.json"), &[]);
        let (one, _): (One, _) = self
            .reads
            .get_json(url, EP_TICKET, LimitClass::General)
            .await?;
        Ok(one.ticket)
    }

    /// A user (for the assignee's e-mail).
    pub async fn user(&self, user_id: u64) -> Result<ZdUserInfo> {
        #[derive(Deserialize)]
        struct One {
            user: ZdUserInfo,
        }
        let url = self
            .reads
            .url(&format!("/api/v2/users/{user_id}.json"), &[]);
        let (one, _): (One, _) = self
            .reads
            .get_json(url, EP_USER, LimitClass::General)
            .await?;
        Ok(one.user)
    }

    /// Adds a **private** comment to a ticket (`PUT /api/v2/tickets/{id}.json`). Returns the
    /// new comment's id when the audit names it.
    pub async fn add_private_comment(&self, ticket_id: u64, body: &str) -> Result<Option<u64>> {
        let url = self
            .writes
            .url(&format!("/api/v2/tickets/{ticket_id}.json"), &[]);
        let request = json!({"ticket": {"comment": {"body": body, "public": false}}});
        let answer = self
            .writes
            .send(
                Method::PUT,
                url,
                EP_UPDATE,
                LimitClass::General,
                Some(&request),
            )
            .await?;
        Ok(answer
            .body
            .pointer("/audit/events")
            .and_then(Value::as_array)
            .and_then(|events| {
                events
                    .iter()
                    .find(|e| e.get("type").and_then(Value::as_str) == Some("Comment"))
            })
            .and_then(|e| e.get("id"))
            .and_then(Value::as_u64))
    }

    /// The newer redaction (`PUT /api/v2/comment_redactions/{comment_id}.json`): `tagged_html`
    /// is the comment's current `html_body` with the sensitive parts inside `<redact>` tags.
    /// Works on closed tickets. Returns the updated comment.
    pub async fn redact_comment_html(
        &self,
        ticket_id: u64,
        comment_id: u64,
        tagged_html: &str,
    ) -> Result<ZdComment> {
        let url = self.writes.url(
            &format!("/api/v2/comment_redactions/{comment_id}.json"),
            &[],
        );
        let request = json!({"ticket_id": ticket_id, "html_body": tagged_html});
        self.comment_answer(EP_REDACT_NEW, url, &request).await
    }

    /// The older redaction (`PUT /api/v2/tickets/{t}/comments/{c}/redact.json`): every
    /// occurrence of `text` in the comment becomes `▇`s. Refused on closed tickets.
    pub async fn redact_comment_text(
        &self,
        ticket_id: u64,
        comment_id: u64,
        text: &str,
    ) -> Result<ZdComment> {
        let url = self.writes.url(
            &format!("/api/v2/tickets/{ticket_id}/comments/{comment_id}/redact.json"),
            &[],
        );
        self.comment_answer(EP_REDACT_OLD, url, &json!({"text": text}))
            .await
    }

    /// Attachment redaction: the file becomes an empty `redacted.txt`.
    pub async fn redact_attachment(
        &self,
        ticket_id: u64,
        comment_id: u64,
        attachment_id: u64,
    ) -> Result<()> {
        let url = self.writes.url(
            &format!(
                "/api/v2/tickets/{ticket_id}/comments/{comment_id}/attachments/{attachment_id}/redact.json"
            ),
            &[],
        );
        self.writes
            .send(
                Method::PUT,
                url,
                EP_REDACT_ATTACHMENT,
                LimitClass::General,
                Some(&json!({})),
            )
            .await?;
        Ok(())
    }

    async fn comment_answer(
        &self,
        endpoint: &'static str,
        url: reqwest::Url,
        request: &Value,
    ) -> Result<ZdComment> {
        #[derive(Deserialize)]
        struct One {
            comment: ZdComment,
        }
        let answer = self
            .writes
            .send(
                Method::PUT,
                url,
                endpoint,
                LimitClass::General,
                Some(request),
            )
            .await?;
        // Not serde's message: it may quote a value of the comment.
        let one: One = serde_json::from_value(answer.body).map_err(|_| Error::Decode {
            helpdesk: SourceKind::Zendesk,
            endpoint: endpoint.to_string(),
            detail: "no comment object in the answer".into(),
        })?;
        Ok(one.comment)
    }
}
