//! Integration tests of leakhound-store: one binary, one module per subject.

mod common;
mod hashing;
mod kill;
mod migrations;
mod pages;
mod remediation;
mod runs;
mod stream;
