//! The native detectors, one file each. The order of the catalogue is
//! [`crate::registry::NATIVE_DETECTORS`].

pub mod api_key;
pub mod credit_card;
pub mod crypto_key;
pub mod db_connection;
pub mod email;
pub mod gcp_credentials;
pub mod iban;
pub mod ip;
pub mod password;
pub mod password_in_code;
pub mod phone;
pub mod random_token;
pub mod secrets;
pub mod us_routing;
pub mod us_ssn;
