//! Data shared by the secret detectors: the provider rule table of API_KEY.

pub mod providers;
