//! Integration tests of leakhound-notify: e-mail through the SMTP sink on loopback, and
//! signed webhooks against a receiver on loopback.

mod email;
mod webhook;
