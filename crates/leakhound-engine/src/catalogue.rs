//! The scan API's native detector names that leakhound knows but does not detect (yet), so a
//! rule that names one fails at compile time with the reason instead of silently finding
//! nothing.

/// Native detector names of the scan API that this build does not implement, with why.
pub static NOT_IMPLEMENTED: &[(&str, &str)] = &[];

/// Why `name` cannot be used, when it is a known scan-API name this build does not detect.
pub fn unsupported_reason(name: &str) -> Option<&'static str> {
    NOT_IMPLEMENTED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, why)| *why)
}
