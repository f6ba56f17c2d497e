//! The native detectors, one file each. The order of the catalogue is
//! [`crate::registry::NATIVE_DETECTORS`].

pub mod api_key;
pub mod credit_card;
pub mod crypto_key;
pub mod date;
pub mod date_of_birth;
pub mod email;
pub mod fda_drug_name;
pub mod iban;
pub mod icd10_code;
pub mod icd10_description;
pub mod icd9_code;
pub mod icd9_description;
pub mod ip;
pub mod location;
pub mod password;
pub mod person_name;
pub mod phone;
pub mod street_address;
pub mod us_routing;
pub mod us_ssn;
