//! Integration tests of the emulators over real HTTP (one test binary: `autotests = false`).

mod admin;
mod hubspot;
mod synth;
mod zendesk;
