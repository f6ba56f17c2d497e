//! Integration tests of leakhound-server: oneshot router tests and port-0 end-to-end tests.

mod alerts;
mod docs;
mod errors;
mod files;
mod helpers;
mod scan;
