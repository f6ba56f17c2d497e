//! The one ordered list of native detectors. Its order is the order of `leakhound detectors
//! list` and of the documentation.

use crate::detector::NativeDetector;
use crate::detectors;

/// Every native detector leakhound implements.
pub static NATIVE_DETECTORS: &[&NativeDetector] = &[
    &detectors::credit_card::DETECTOR,
    &detectors::us_ssn::DETECTOR,
    &detectors::email::DETECTOR,
    &detectors::phone::DETECTOR,
    &detectors::ip::DETECTOR,
    &detectors::iban::DETECTOR,
    &detectors::us_routing::DETECTOR,
    &detectors::us_itin::DETECTOR,
    &detectors::us_ein::DETECTOR,
    &detectors::us_passport::DETECTOR,
    &detectors::us_drivers_license::DETECTOR,
    &detectors::us_mbi::DETECTOR,
    &detectors::us_hicn::DETECTOR,
    &detectors::us_npi::DETECTOR,
    &detectors::ca_sin::DETECTOR,
    &detectors::ca_bc_phn::DETECTOR,
    &detectors::ca_ohip::DETECTOR,
    &detectors::ca_quebec_hin::DETECTOR,
    &detectors::ca_passport::DETECTOR,
    &detectors::ca_pr_number::DETECTOR,
    &detectors::ca_drivers_license::DETECTOR,
    &detectors::ca_government_id::DETECTOR,
    &detectors::ca_bank_account::DETECTOR,
    &detectors::swift_code::DETECTOR,
    &detectors::cusip::DETECTOR,
    &detectors::uk_nino::DETECTOR,
    &detectors::uk_nhs::DETECTOR,
    &detectors::uk_passport::DETECTOR,
    &detectors::uk_driving_licence::DETECTOR,
    &detectors::uk_utr::DETECTOR,
    &detectors::uk_electoral_roll::DETECTOR,
    &detectors::scotland_chi::DETECTOR,
    &detectors::ireland_ppsn::DETECTOR,
    &detectors::ireland_passport::DETECTOR,
    &detectors::france_insee::DETECTOR,
    &detectors::france_cni::DETECTOR,
    &detectors::france_passport::DETECTOR,
    &detectors::germany_id::DETECTOR,
    &detectors::germany_passport::DETECTOR,
    &detectors::brazil_cpf::DETECTOR,
    &detectors::brazil_cnpj::DETECTOR,
    &detectors::api_key::DETECTOR,
    &detectors::crypto_key::DETECTOR,
    &detectors::password::DETECTOR,
    &detectors::password_in_code::DETECTOR,
    &detectors::db_connection::DETECTOR,
    &detectors::gcp_credentials::DETECTOR,
    &detectors::random_token::DETECTOR,
    &detectors::person_name::DETECTOR,
    &detectors::date_of_birth::DETECTOR,
    &detectors::date::DETECTOR,
    &detectors::street_address::DETECTOR,
    &detectors::location::DETECTOR,
    &detectors::icd9_code::DETECTOR,
    &detectors::icd10_code::DETECTOR,
    &detectors::icd9_description::DETECTOR,
    &detectors::icd10_description::DETECTOR,
    &detectors::fda_drug_name::DETECTOR,
    &detectors::mac_address::DETECTOR,
    &detectors::imei::DETECTOR,
    &detectors::vin::DETECTOR,
    &detectors::combinations::PHI,
    &detectors::combinations::HIPAA,
];

/// Looks a native detector up by its scan-API name (exact, upper case).
pub fn native_detector(name: &str) -> Option<&'static NativeDetector> {
    NATIVE_DETECTORS.iter().copied().find(|d| d.name == name)
}

/// Every example text a pattern of `det` is tried on by the tests of compile-time pattern
/// analyses (`prefix_bound`, required bytes, value splits): the detector's examples and
/// negative examples, and the secret rules' examples.
#[cfg(test)]
pub(crate) fn example_texts(
    det: &'static crate::detector::NativeDetector,
) -> impl Iterator<Item = &'static str> {
    det.examples
        .iter()
        .map(|e| e.text)
        .chain(det.negative_examples.iter().copied())
        .chain(
            crate::detectors::secrets::providers::EXAMPLES
                .iter()
                .map(|(_, text, _)| *text),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta::Regex;

    /// Every detector's examples and negative examples pass through the real scanner.
    #[test]
    fn every_detector_passes_its_examples() {
        let failures = crate::check::check_all();
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn names_and_priorities_are_distinct() {
        for (i, a) in NATIVE_DETECTORS.iter().enumerate() {
            for b in &NATIVE_DETECTORS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.priority, b.priority, "{} and {}", a.name, b.name);
            }
            assert!(
                a.examples.len() >= 4 && a.negative_examples.len() >= 4,
                "{}",
                a.name
            );
            assert_eq!(native_detector(a.name).map(|d| d.name), Some(a.name));
        }
    }

    /// The patterns that join the one multi-pattern pass (keyword-gated ones are compiled
    /// each on its own) compile together, and stay small enough that compiling the default
    /// set is cheap.
    #[test]
    fn all_patterns_compile_together_and_small() {
        let patterns: Vec<&str> = NATIVE_DETECTORS
            .iter()
            .flat_map(|d| d.patterns.iter())
            .filter_map(|p| match p.find {
                crate::detector::Find::Anywhere(regex) => Some(regex),
                _ => None,
            })
            .collect();
        let re = Regex::new_many(&patterns).expect("combined patterns compile");
        let bytes = re.memory_usage();
        eprintln!("{} patterns, memory_usage {} bytes", patterns.len(), bytes);
        let mut each: Vec<(usize, &str)> = NATIVE_DETECTORS
            .iter()
            .flat_map(|d| d.patterns.iter())
            .map(|p| {
                (
                    Regex::new(p.regex().unwrap_or_default()).map_or(0, |r| r.memory_usage()),
                    p.name,
                )
            })
            .collect();
        each.sort_unstable_by(|a, b| b.cmp(a));
        eprintln!("largest alone: {:?}", &each[..8]);
        assert!(bytes < 4 << 20, "combined set uses {bytes} bytes");
        // Keyword-gated patterns: each compiled alone, none large.
        for (size, name) in &each {
            assert!(*size < 256 << 10, "pattern {name} uses {size} bytes alone");
        }
    }

    /// Validators get whatever the patterns let through, including near-misses glued to
    /// non-ASCII text. Feed the full detector set a deterministic soup of keywords, digit
    /// groups, separators and multi-byte characters: nothing may panic and every finding
    /// must sit on character boundaries.
    #[test]
    fn candidate_soup_never_panics() {
        const PIECES: &[&str] = &[
            "ssn ",
            "password: ",
            "pwd=",
            "token=",
            "api_key: ",
            "IBAN ",
            "routing ",
            "+",
            "+1 ",
            "(",
            ") ",
            "-",
            ".",
            ":",
            "::",
            "@",
            "/",
            " ",
            "\n",
            "0",
            "1",
            "7",
            "9",
            "12",
            "255",
            "415",
            "555",
            "2671",
            "021000021",
            "DE89",
            "3704",
            "GB82",
            "WEST",
            "AKIA",
            "ghp_",
            "sk-",
            "sk_live_",
            "eyJ",
            "xoxb-",
            "a",
            "Zx8K",
            "q",
            "é",
            "ü",
            "€",
            "日本",
            "😀",
            "-----BEGIN PRIVATE KEY-----",
            "-----END PRIVATE KEY-----",
            "MIIE",
            "b3Bl",
            "=",
            "\"",
            "'",
            "example.com",
            "fe80",
            "ffff",
            "v",
            "version ",
            // North-American and device detectors (wip/natam).
            "itin ",
            "EIN ",
            "SIN ",
            "passport ",
            "driver's license ",
            "medicare ",
            "NPI ",
            "PHN ",
            "OHIP ",
            "RAMQ ",
            "UCI ",
            "account ",
            "transit ",
            "IMEI ",
            "VIN ",
            "mac ",
            "9",
            "1M8GDM9AXKP",
            "WDL",
            "TREM",
            "3c:22:fb",
            ":0a",
            "0050.56c0",
            ".0001",
            "35-209900-",
            "A1234-",
            "2AC7-HJ9-",
            "8503",
        ];
        let mut policy = crate::ScanPolicy::default_rules();
        for rule in &mut policy.rules {
            for d in &mut rule.detectors {
                d.min_confidence = crate::Confidence::VeryUnlikely;
            }
        }
        let scanner = crate::Scanner::new(&policy).expect("default rules compile");
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = 1 + (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            for f in scanner.scan(&text).findings {
                assert!(
                    text.is_char_boundary(f.byte_range.start)
                        && text.is_char_boundary(f.byte_range.end)
                );
            }
        }
    }

    /// Pattern names are unique across the catalogue: they identify the pattern in
    /// explanations.
    #[test]
    fn pattern_names_are_unique() {
        let mut names: Vec<&str> = NATIVE_DETECTORS
            .iter()
            .flat_map(|d| d.patterns.iter().map(|p| p.name))
            .collect();
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), total);
    }
}
