//! The scan API's native detector names that leakhound knows but does not detect (yet), so a
//! rule that names one fails at compile time with the reason instead of silently finding
//! nothing.

/// Native detector names of the scan API that this build does not implement, with why.
pub static NOT_IMPLEMENTED: &[(&str, &str)] = &[
    (
        "CANADA_BANK_ACCOUNT",
        "planned with the full detector catalogue",
    ),
    ("MAC_ADDRESS", "planned with the full detector catalogue"),
    (
        "IMEI_HARDWARE_ID",
        "planned with the full detector catalogue",
    ),
    (
        "US_VEHICLE_IDENTIFICATION_NUMBER",
        "planned with the full detector catalogue",
    ),
    (
        "US_HEALTHCARE_NPI",
        "planned with the full detector catalogue",
    ),
    (
        "US_HEALTH_INSURANCE_CLAIM_NUMBER",
        "planned with the full detector catalogue",
    ),
    (
        "US_MEDICARE_BENEFICIARY_IDENTIFIER",
        "planned with the full detector catalogue",
    ),
    (
        "US_DRIVERS_LICENSE_NUMBER",
        "planned with the full detector catalogue",
    ),
    ("US_PASSPORT", "planned with the full detector catalogue"),
    (
        "US_EMPLOYER_IDENTIFICATION_NUMBER",
        "planned with the full detector catalogue",
    ),
    (
        "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
        "planned with the full detector catalogue",
    ),
    ("CANADA_BC_PHN", "planned with the full detector catalogue"),
    (
        "CANADA_DRIVERS_LICENSE_NUMBER",
        "planned with the full detector catalogue",
    ),
    (
        "CANADA_GOVERNMENT_ID",
        "planned with the full detector catalogue",
    ),
    ("CANADA_OHIP", "planned with the full detector catalogue"),
    (
        "CANADA_PASSPORT",
        "planned with the full detector catalogue",
    ),
    (
        "CANADA_PERMANENT_RESIDENT_NUMBER",
        "planned with the full detector catalogue",
    ),
    (
        "CANADA_QUEBEC_HIN",
        "planned with the full detector catalogue",
    ),
    (
        "CANADA_SOCIAL_INSURANCE_NUMBER",
        "planned with the full detector catalogue",
    ),
];

/// Why `name` cannot be used, when it is a known scan-API name this build does not detect.
pub fn unsupported_reason(name: &str) -> Option<&'static str> {
    NOT_IMPLEMENTED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, why)| *why)
}
