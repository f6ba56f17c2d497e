//! Local emulators of the parts of the HubSpot CRM and Zendesk Support APIs that leakhound uses.
//! (Being built: see issue 4.)

pub mod cli;
