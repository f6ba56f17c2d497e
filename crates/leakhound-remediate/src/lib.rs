//! Remediation of stored findings: notes (HubSpot) and private comments (Zendesk) that say
//! what was found in redacted form, redaction of the values in the helpdesk, and alerts to
//! the ticket's owner.
//!
//! - [`build_plan`] reads the store and says what the findings call for and what is already
//!   done; [`Plan::render`] shows it with redacted previews only. Building a plan writes
//!   nothing and calls no helpdesk: that is the dry run.
//! - [`Remediator::apply`] runs the pending actions. Each is recorded in the store before it
//!   starts and after it ends (see [`apply`]), so a rerun never repeats one and a killed run
//!   is finished by the next. Every finished action goes to the store's audit log and to an
//!   optional JSONL file ([`AuditFile`]).
//! - Which actions a finding gets is configured per detection rule ([`RemediationConfig`],
//!   the `[remediation]` section of a rule file), with an override for all.
//!
//! ## Zendesk redaction: which endpoint
//!
//! leakhound uses the newer `PUT /api/v2/comment_redactions/{id}.json`: it sends the
//! comment's current `html_body` back with each occurrence of the value wrapped in
//! `<redact>` tags. Zendesk checks that the HTML without the tags is the comment's current
//! HTML, so nothing else can change, and it works on closed and archived tickets. When a
//! value cannot be located in the HTML's text alone (split by markup, or inside an attribute
//! such as a `mailto:` link), it falls back to the older
//! `PUT /api/v2/tickets/{t}/comments/{c}/redact.json {"text": value}`, which replaces every
//! occurrence wherever it is (and is refused on closed tickets). Either way the comment is
//! checked afterwards: the action is done only if the value is gone from both bodies.
//!
//! Values are never stored: the redaction re-reads the comment, takes the text at the
//! finding's byte range, and checks its keyed hash against the finding's (or, when the text
//! moved, scans the comment again with the same policy and matches by hash). If the value is
//! no longer there, the action is recorded as skipped with that reason.

#![deny(missing_docs)]

pub mod alert;
pub mod apply;
pub mod audit;
pub mod config;
pub mod plan;
pub mod text;

pub use alert::{Alert, AlertSender, Recipient, SendFuture};
pub use apply::{ApplyReport, Error, Remediator};
pub use audit::{AuditFile, AuditLine};
pub use config::{parse_actions, ActionKind, AlertTemplates, RemediationConfig};
pub use plan::{build_plan, FindingRef, Plan, PlanItem, PlanOptions, TicketPlan};
