//! The native detectors, one file each. The order of the catalogue is
//! [`crate::registry::NATIVE_DETECTORS`].

pub mod api_key;
pub mod ca_bank_account;
pub mod ca_bc_phn;
pub mod ca_drivers_license;
pub mod ca_government_id;
pub mod ca_ohip;
pub mod ca_passport;
pub mod ca_pr_number;
pub mod ca_quebec_hin;
pub mod ca_sin;
pub mod credit_card;
pub mod crypto_key;
pub mod email;
pub mod iban;
pub mod imei;
pub mod ip;
pub mod mac_address;
pub mod password;
pub mod phone;
pub mod us_drivers_license;
pub mod us_ein;
pub mod us_hicn;
pub mod us_itin;
pub mod us_mbi;
pub mod us_npi;
pub mod us_passport;
pub mod us_routing;
pub mod us_ssn;
pub mod vin;
