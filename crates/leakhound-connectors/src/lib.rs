//! HubSpot and Zendesk connectors: page through a helpdesk's tickets and hand each ticket's
//! texts to the scanner, with a checkpoint after every page.
//!
//! # Overview
//!
//! - [`HubSpotSource`] and [`ZendeskSource`] are constructed for a full scan
//!   ([`HubSpotSource::full`]) or resumed from a stored cursor ([`HubSpotSource::resume`]);
//!   `next_page().await` yields [`Page`]s of [`TicketDoc`]s until `None`. Each page carries an
//!   opaque, versioned JSON cursor covering exactly that page and every earlier one: store it
//!   *after* the page's results are stored, and a run killed at any moment resumes without
//!   missing or repeating a ticket.
//! - Full scans use the fewest calls the APIs allow (HubSpot: the list endpoint, 100 tickets a
//!   call; Zendesk: the ticket and ticket-event exports, 1,000 records a call, instead of one
//!   comments call per ticket; see `CALLS.md`). Later runs resume the cursor and read only
//!   what changed (HubSpot: search on `hs_lastmodifieddate`; Zendesk: the same exports).
//! - The HTTP layer ([`http`], [`retry`], [`ratelimit`]) paces requests under the account's
//!   rate plan, decides retries apart from waiting (429 honours the server's headers; 5xx,
//!   resets, timeouts and cut-off bodies back off with full jitter; other 4xx stop with a
//!   typed [`Error`]), reports waits to an observer and counts calls per endpoint.
//! - Secrets and ticket texts never appear in errors, logs or `Debug` output.
//!
//! # Example
//!
//! ```no_run
//! # async fn run() -> Result<(), leakhound_connectors::Error> {
//! use leakhound_connectors::{ZendeskConfig, ZendeskSource};
//!
//! let mut source = ZendeskSource::full(ZendeskConfig::from_env()?)?;
//! while let Some(page) = source.next_page().await? {
//!     for doc in &page.docs {
//!         println!("{} {}: {} parts", doc.source, doc.ticket_id, doc.parts.len());
//!     }
//!     // store the page's results, then store page.cursor
//! }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod doc;
pub mod error;
pub mod http;
pub mod hubspot;
pub mod hubspot_write;
pub mod ratelimit;
pub mod retry;
pub mod text;
pub mod zendesk;
pub mod zendesk_write;

pub use doc::{DocPart, Page, SourceKind, TicketDoc};
pub use error::{Error, Result};
pub use http::{CallStats, HttpOptions, StatsSnapshot, WaitEvent, WaitKind, WaitObserver};
pub use hubspot::{HubSpotConfig, HubSpotSource};
pub use hubspot_write::HubSpotWriter;
pub use ratelimit::{Rate, RatePlan};
pub use retry::RetryPolicy;
pub use zendesk::{ZendeskAuth, ZendeskConfig, ZendeskSource};
pub use zendesk_write::ZendeskWriter;
