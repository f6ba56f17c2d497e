//! The native detectors, one file each. The order of the catalogue is
//! [`crate::registry::NATIVE_DETECTORS`].

pub mod api_key;
pub mod credit_card;
pub mod crypto_key;
pub mod email;
pub mod iban;
pub mod ip;
pub mod password;
pub mod phone;
pub mod us_routing;
pub mod us_ssn;
pub mod date;
pub mod date_of_birth;
pub mod person_name;
pub mod street_address;
pub mod location;
pub mod icd9_code;
pub mod icd10_code;
pub mod icd9_description;
pub mod icd10_description;
pub mod fda_drug_name;
