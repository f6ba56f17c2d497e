//! The native detectors, one file each. The order of the catalogue is
//! [`crate::registry::NATIVE_DETECTORS`].

pub mod api_key;
pub mod brazil_cnpj;
pub mod brazil_cpf;
pub mod combinations;
pub mod credit_card;
pub mod crypto_key;
pub mod cusip;
pub mod db_connection;
pub mod email;
pub mod france_cni;
pub mod france_insee;
pub mod france_passport;
pub mod gcp_credentials;
pub mod germany_id;
pub mod germany_passport;
pub mod iban;
pub mod ip;
pub mod ireland_passport;
pub mod ireland_ppsn;
pub mod password;
pub mod password_in_code;
pub mod phone;
pub mod random_token;
pub mod scotland_chi;
pub mod secrets;
pub mod swift_code;
pub mod uk_driving_licence;
pub mod uk_electoral_roll;
pub mod uk_nhs;
pub mod uk_nino;
pub mod uk_passport;
pub mod uk_utr;
pub mod us_routing;
pub mod us_ssn;
