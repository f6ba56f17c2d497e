//! What the connectors hand to the pipeline: one [`TicketDoc`] per ticket, in [`Page`]s that
//! carry the checkpoint covering them.

use std::fmt;

/// Which helpdesk a document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// HubSpot CRM tickets.
    HubSpot,
    /// Zendesk Support tickets.
    Zendesk,
}

impl SourceKind {
    /// Lower-case name, as used in cursors, CLI arguments and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::HubSpot => "hubspot",
            SourceKind::Zendesk => "zendesk",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceKind::HubSpot => "HubSpot",
            SourceKind::Zendesk => "Zendesk",
        })
    }
}

/// One ticket as the scanner sees it: the texts to scan, each under a stable key, plus what a
/// report needs to point a person at the ticket.
///
/// `Debug` prints the keys and text lengths but never the texts: tickets are what leakhound
/// looks for secrets in, so a stray `{:?}` in a log must not copy them.
#[derive(Clone, PartialEq, Eq)]
pub struct TicketDoc {
    /// The helpdesk.
    pub source: SourceKind,
    /// The helpdesk's ticket id (HubSpot ids are strings; Zendesk integers, rendered).
    pub ticket_id: String,
    /// Link to the ticket in the helpdesk's agent UI.
    pub url: String,
    /// Last modification time of the ticket, epoch milliseconds (server clock).
    pub updated_at_ms: i64,
    /// Owner (HubSpot `hubspot_owner_id`) or assignee (Zendesk `assignee_id`), if any.
    pub owner_id: Option<String>,
    /// The texts to scan. Incremental scans may deliver only the parts that are new (e.g. new
    /// Zendesk comments); the pipeline's store de-duplicates unchanged parts by hash.
    pub parts: Vec<DocPart>,
}

impl fmt::Debug for TicketDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TicketDoc")
            .field("source", &self.source)
            .field("ticket_id", &self.ticket_id)
            .field("url", &self.url)
            .field("updated_at_ms", &self.updated_at_ms)
            .field("owner_id", &self.owner_id)
            .field("parts", &self.parts)
            .finish()
    }
}

/// One text of a ticket. Keys: `"subject"`, `"content"` (HubSpot), `"description"` (Zendesk,
/// only when the comments could not be read), `"comment:<id>"` (Zendesk comment id, what the
/// redaction endpoints need) and `"note:<id>"` (HubSpot note id).
#[derive(Clone, PartialEq, Eq)]
pub struct DocPart {
    /// Where the text lives in the ticket.
    pub key: String,
    /// The text, plain (HTML already reduced to text where the API offers a plain form).
    pub text: String,
}

impl DocPart {
    /// A part with this key and text.
    pub fn new(key: impl Into<String>, text: impl Into<String>) -> Self {
        DocPart {
            key: key.into(),
            text: text.into(),
        }
    }
}

impl fmt::Debug for DocPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocPart")
            .field("key", &self.key)
            .field("text_len", &self.text.len())
            .finish()
    }
}

/// A batch of documents and the checkpoint that covers them.
#[derive(Debug, Clone)]
pub struct Page {
    /// The tickets of this page; a ticket appears at most once per page.
    pub docs: Vec<TicketDoc>,
    /// Opaque checkpoint (versioned JSON) covering exactly `docs` and every earlier page. Store
    /// it only AFTER the docs are durably stored; resuming from it neither skips nor repeats.
    /// `None` only if the source cannot express a checkpoint (never, today).
    pub cursor: Option<String>,
    /// HTTP requests made to produce this page, retries and refused (429) attempts included.
    pub api_calls: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_texts() {
        let doc = TicketDoc {
            source: SourceKind::Zendesk,
            ticket_id: "7".into(),
            url: "https://x.zendesk.com/agent/tickets/7".into(),
            updated_at_ms: 1,
            owner_id: None,
            parts: vec![DocPart::new("comment:1", "card 4111 1111 1111 1111")],
        };
        let dbg = format!("{doc:?}");
        assert!(!dbg.contains("4111"), "{dbg}");
        assert!(dbg.contains("comment:1") && dbg.contains("text_len"));
    }
}
