//! Integration tests of the engine through its public API: one binary, one module per topic.

mod helpers;
mod many;
mod properties;
mod redaction;
mod rules;
mod scanning;
