//! Pure validation functions: checksums and structural rules, each with table tests.
//!
//! They take the candidate text as found (with spaces or dashes) unless they say otherwise,
//! and never allocate on the common path.

pub mod aba;
pub mod address;
pub mod bic;
pub mod chi;
pub mod cnpj;
pub mod compact;
pub mod cpf;
pub mod cusip;
pub mod date;
pub mod dvla;
pub mod entropy;
pub mod iban;
pub mod icao;
pub mod icd;
pub mod jwt;
pub mod luhn;
pub mod nhs;
pub mod nino;
pub mod nir;
pub mod pem;
pub mod person;
pub mod phone;
pub mod pps;
pub mod ssn;
pub mod utr;

/// The ASCII digits of `text`, skipping everything else (spaces, dashes, dots).
pub fn digits(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0')
}

/// How many ASCII digits `text` holds.
pub fn digit_count(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}
