//! The native detectors, one file each. The order of the catalogue is
//! [`crate::registry::NATIVE_DETECTORS`].

/// A regex fragment for the keyword-gated patterns of numbers that have no check digit: a
/// label that names the number after it as something else ("order 518249301", "tracking
/// no. …", "loyalty member no. …", "Transaction reference …"). A pattern puts it, followed by
/// its own shape and without a `value` group, as the first alternative: the labelled number
/// is then consumed by a match that has no value and never becomes a candidate. This is
/// directional on purpose: a label names the number that follows it, while the same word
/// after a value usually starts the next sentence ("… is 518249301.\nTracking number …"),
/// which the context window's opposing words cannot tell apart.
macro_rules! other_label {
    () => {
        r"(?-u:\b)(?i-u:order|invoice|tracking|booking|reservation|confirmation|transaction|reference|ref|ticket|case|member|sku|serial|phone|tel|fax|mobile|flight)(?:[ \t]*(?i-u:number|no\.?|nr\.?|num|#|id|code|ref\.?|reference)){0,2}[ \t]*[:#=-]?[ \t]*"
    };
}

pub mod api_key;
pub mod brazil_cnpj;
pub mod brazil_cpf;
pub mod ca_bank_account;
pub mod ca_bc_phn;
pub mod ca_drivers_license;
pub mod ca_government_id;
pub mod ca_ohip;
pub mod ca_passport;
pub mod ca_pr_number;
pub mod ca_quebec_hin;
pub mod ca_sin;
pub mod combinations;
pub mod credit_card;
pub mod crypto_key;
pub mod cusip;
pub mod date;
pub mod date_of_birth;
pub mod db_connection;
pub mod email;
pub mod fda_drug_name;
pub mod france_cni;
pub mod france_insee;
pub mod france_passport;
pub mod gcp_credentials;
pub mod germany_id;
pub mod germany_passport;
pub mod iban;
pub mod icd10_code;
pub mod icd10_description;
pub mod icd9_code;
pub mod icd9_description;
pub mod imei;
pub mod ip;
pub mod ireland_passport;
pub mod ireland_ppsn;
pub mod location;
pub mod mac_address;
pub mod password;
pub mod password_in_code;
pub mod person_name;
pub mod phone;
pub mod random_token;
pub mod scotland_chi;
pub mod secrets;
pub mod street_address;
pub mod swift_code;
pub mod uk_driving_licence;
pub mod uk_electoral_roll;
pub mod uk_nhs;
pub mod uk_nino;
pub mod uk_passport;
pub mod uk_utr;
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
