//! Local emulators of the parts of the HubSpot CRM (v3) and Zendesk Support (v2) APIs that
//! leakhound uses, serving deterministic synthetic tickets whose sensitive spans are known.
//!
//! Layout: [`db`] is the SQLite-backed store shared by both emulators, [`model`] its record
//! types, [`synth`] the seeded generator that fills it, [`hubspot`] and [`zendesk`] the two API
//! front-ends, [`faults`] / [`calls`] / [`admin`] the test knobs, and [`server`] starts both
//! emulators on given listeners. [`cli`] is `leakhound emulate`.

pub mod admin;
pub mod calls;
pub mod cli;
pub mod db;
pub mod faults;
pub mod html;
pub mod hubspot;
pub mod model;
pub mod server;
pub mod state;
pub mod synth;
pub mod time;
pub mod zendesk;

pub use db::Db;
pub use state::{AppState, AuthConfig};
