//! HubSpot writes for remediation: notes associated with a ticket, opt-in replacement of a
//! ticket's content, and the reads remediation needs (the ticket, its notes, owners).
//!
//! Same HTTP layer as the scans (pacing under the rate plan, 429 honoured — HubSpot often
//! omits `Retry-After`, so the wait falls back to its 10-second window — call counting). A
//! write that fails with a 5xx, a reset or a timeout is not retried here: it may have reached
//! HubSpot, and the caller checks (for the note's marker) before trying again.

use std::collections::HashMap;
use std::fmt;

use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::doc::SourceKind;
use crate::error::{Error, Result};
use crate::http::{AuthHeader, CallStats, HttpClient, LimitClass};
use crate::hubspot::HubSpotConfig;

const EP_TICKET: &str = "GET /crm/v3/objects/tickets/{id}";
const EP_PATCH: &str = "PATCH /crm/v3/objects/tickets/{id}";
const EP_NOTE_CREATE: &str = "POST /crm/v3/objects/notes";
const EP_ASSOC_ONE: &str = "GET /crm/v4/objects/tickets/{id}/associations/notes";
const EP_NOTES_BATCH: &str = "POST /crm/v3/objects/notes/batch/read";
const EP_OWNER: &str = "GET /crm/v3/owners/{id}";
/// HubSpot's default association type: note → ticket.
pub const NOTE_TO_TICKET: u32 = 228;

/// The ticket fields remediation reads. `Debug` prints no text.
#[derive(Clone)]
pub struct HsTicketInfo {
    /// Ticket id.
    pub id: String,
    /// `subject`.
    pub subject: Option<String>,
    /// `content` (the description), exactly as stored.
    pub content: Option<String>,
    /// `hubspot_owner_id`.
    pub owner_id: Option<String>,
}

impl fmt::Debug for HsTicketInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HsTicketInfo")
            .field("id", &self.id)
            .field("owner_id", &self.owner_id)
            .finish_non_exhaustive()
    }
}

/// An owner (the person alerted).
#[derive(Clone, Debug, Deserialize)]
pub struct HsOwnerInfo {
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default, rename = "firstName")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, rename = "lastName")]
    pub last_name: Option<String>,
}

#[derive(Deserialize)]
struct HsObject {
    id: String,
    #[serde(default)]
    properties: HashMap<String, Option<String>>,
}

/// HubSpot writes for remediation.
#[derive(Clone)]
pub struct HubSpotWriter {
    reads: HttpClient,
    writes: HttpClient,
}

impl fmt::Debug for HubSpotWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HubSpotWriter")
            .field("client", &self.reads)
            .finish()
    }
}

impl HubSpotWriter {
    /// A writer with the connector's configuration (base URL, token, rate plan).
    pub fn new(config: &HubSpotConfig) -> Result<Self> {
        if config.access_token.trim().is_empty() {
            return Err(Error::Config("HubSpot access token is empty".into()));
        }
        let auth = AuthHeader::bearer(config.access_token.trim())?;
        let reads = HttpClient::new(SourceKind::HubSpot, &config.base_url, auth, &config.http)?;
        let writes = reads.for_writes();
        Ok(HubSpotWriter { reads, writes })
    }

    /// Counters (reads and writes share them).
    pub fn stats(&self) -> std::sync::Arc<CallStats> {
        self.reads.stats()
    }

    /// The ticket's subject, content and owner.
    pub async fn ticket(&self, ticket_id: &str) -> Result<HsTicketInfo> {
        let url = self.reads.url(
            &format!("/crm/v3/objects/tickets/{ticket_id}"),
            &[("properties", "subject,content,hubspot_owner_id")],
        );
        let (t, _): (HsObject, _) = self
            .reads
            .get_json(url, EP_TICKET, LimitClass::General)
            .await?;
        let prop = |k: &str| t.properties.get(k).cloned().flatten();
        Ok(HsTicketInfo {
            id: t.id.clone(),
            subject: prop("subject"),
            content: prop("content"),
            owner_id: prop("hubspot_owner_id").filter(|s| !s.is_empty()),
        })
    }

    /// Replaces the ticket's `content` (opt-in redaction: it rewrites the customer's words).
    pub async fn update_ticket_property(
        &self,
        ticket_id: &str,
        property: &str,
        value: &str,
    ) -> Result<()> {
        let url = self
            .writes
            .url(&format!("/crm/v3/objects/tickets/{ticket_id}"), &[]);
        let body = json!({"properties": {property: value}});
        self.writes
            .send(
                Method::PATCH,
                url,
                EP_PATCH,
                LimitClass::General,
                Some(&body),
            )
            .await?;
        Ok(())
    }

    /// Creates a note associated with the ticket in one call (`associations` in the body,
    /// type 228 note → ticket), so a note never exists without its ticket. Returns its id.
    pub async fn create_note(
        &self,
        ticket_id: &str,
        html_body: &str,
        timestamp_ms: i64,
        owner_id: Option<&str>,
    ) -> Result<String> {
        let url = self.writes.url("/crm/v3/objects/notes", &[]);
        let mut properties = json!({
            "hs_timestamp": timestamp_ms.to_string(),
            "hs_note_body": html_body,
        });
        if let Some(o) = owner_id {
            properties["hubspot_owner_id"] = json!(o);
        }
        let body = json!({
            "properties": properties,
            "associations": [{
                "to": {"id": ticket_id},
                "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": NOTE_TO_TICKET}]
            }]
        });
        let answer = self
            .writes
            .send(
                Method::POST,
                url,
                EP_NOTE_CREATE,
                LimitClass::General,
                Some(&body),
            )
            .await?;
        match answer.body.get("id") {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            _ => Err(Error::Decode {
                helpdesk: SourceKind::HubSpot,
                endpoint: EP_NOTE_CREATE.into(),
                detail: "no id in the created note".into(),
            }),
        }
    }

    /// The bodies (HTML) of the notes associated with a ticket, by note id.
    pub async fn notes_of_ticket(&self, ticket_id: &str) -> Result<Vec<(String, String)>> {
        #[derive(Deserialize)]
        struct Assoc {
            #[serde(default)]
            results: Vec<To>,
            #[serde(default)]
            paging: Option<Paging>,
        }
        #[derive(Deserialize)]
        struct To {
            #[serde(rename = "toObjectId")]
            to_object_id: Value,
        }
        #[derive(Deserialize)]
        struct Paging {
            next: Option<Next>,
        }
        #[derive(Deserialize)]
        struct Next {
            after: String,
        }
        #[derive(Deserialize)]
        struct Batch {
            #[serde(default)]
            results: Vec<HsObject>,
        }
        let mut ids = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let path = format!("/crm/v4/objects/tickets/{ticket_id}/associations/notes");
            let mut q = vec![("limit", "500")];
            if let Some(a) = &after {
                q.push(("after", a.as_str()));
            }
            let url = self.reads.url(&path, &q);
            let (r, _): (Assoc, _) = self
                .reads
                .get_json(url, EP_ASSOC_ONE, LimitClass::General)
                .await?;
            ids.extend(r.results.iter().map(|t| match &t.to_object_id {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }));
            match r.paging.and_then(|p| p.next) {
                Some(n) => after = Some(n.after),
                None => break,
            }
        }
        let mut out = Vec::new();
        for chunk in ids.chunks(100) {
            let inputs: Vec<Value> = chunk.iter().map(|id| json!({"id": id})).collect();
            let url = self.reads.url("/crm/v3/objects/notes/batch/read", &[]);
            let body = json!({"properties": ["hs_note_body"], "inputs": inputs});
            let (r, _): (Batch, _) = self
                .reads
                .post_json(url, EP_NOTES_BATCH, LimitClass::General, &body)
                .await?;
            for n in r.results {
                let text = n.properties.get("hs_note_body").cloned().flatten();
                out.push((n.id, text.unwrap_or_default()));
            }
        }
        Ok(out)
    }

    /// An owner (`GET /crm/v3/owners/{id}`).
    pub async fn owner(&self, owner_id: &str) -> Result<HsOwnerInfo> {
        let url = self.reads.url(&format!("/crm/v3/owners/{owner_id}"), &[]);
        let (o, _): (HsOwnerInfo, _) = self
            .reads
            .get_json(url, EP_OWNER, LimitClass::General)
            .await?;
        Ok(o)
    }
}
