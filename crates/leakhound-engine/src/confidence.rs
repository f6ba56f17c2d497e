//! The five confidence levels of the scan API, ordered from low to high.

use std::fmt;

/// How sure the engine is that a finding is what its detector says.
///
/// The order matters: `minConfidence` in a detection rule keeps findings whose confidence is
/// greater than or equal to the threshold.
///
/// The scheme every native detector follows:
/// - the text has the detector's format only → [`Confidence::Possible`];
/// - its checksum or structural validation also passes → [`Confidence::Likely`];
/// - and words around it support the type ("card", "ssn", "routing") → [`Confidence::VeryLikely`];
/// - words around it speak against it ("order", "invoice", "tracking", "version") lower it;
/// - a failed checksum or a known-invalid number puts it at [`Confidence::Unlikely`] or below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Almost certainly not the type (for example a known test or invalid number).
    VeryUnlikely,
    /// Has the shape but failed validation, or context speaks strongly against it.
    Unlikely,
    /// Has the format only.
    Possible,
    /// Format and checksum or structure agree.
    Likely,
    /// Validated and supported by the surrounding words.
    VeryLikely,
}

impl Confidence {
    /// Every level, from low to high.
    pub const ALL: [Confidence; 5] = [
        Confidence::VeryUnlikely,
        Confidence::Unlikely,
        Confidence::Possible,
        Confidence::Likely,
        Confidence::VeryLikely,
    ];

    /// The scan API's name of the level, such as `VERY_LIKELY`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::VeryUnlikely => "VERY_UNLIKELY",
            Confidence::Unlikely => "UNLIKELY",
            Confidence::Possible => "POSSIBLE",
            Confidence::Likely => "LIKELY",
            Confidence::VeryLikely => "VERY_LIKELY",
        }
    }

    /// Parses the scan API's name of a level (case-insensitive, `-` or `_`).
    pub fn parse(name: &str) -> Option<Confidence> {
        let wanted = name.trim().replace('-', "_");
        Confidence::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(&wanted))
    }

    /// Moves the level up (positive) or down (negative) by `steps`, saturating at both ends.
    pub fn shifted(self, steps: i8) -> Confidence {
        let index = Confidence::ALL.iter().position(|&c| c == self).unwrap_or(0) as i32;
        let moved = (index + i32::from(steps)).clamp(0, 4) as usize;
        Confidence::ALL[moved]
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_names_round_trip() {
        assert!(Confidence::VeryUnlikely < Confidence::VeryLikely);
        for c in Confidence::ALL {
            assert_eq!(Confidence::parse(c.as_str()), Some(c));
        }
        assert_eq!(
            Confidence::parse("very-likely"),
            Some(Confidence::VeryLikely)
        );
        assert_eq!(Confidence::parse("sure"), None);
    }

    #[test]
    fn shifting_saturates() {
        assert_eq!(Confidence::Likely.shifted(1), Confidence::VeryLikely);
        assert_eq!(Confidence::Likely.shifted(5), Confidence::VeryLikely);
        assert_eq!(Confidence::Possible.shifted(-9), Confidence::VeryUnlikely);
    }
}
