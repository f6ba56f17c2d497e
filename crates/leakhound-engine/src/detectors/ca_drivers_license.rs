//! CANADA_DRIVERS_LICENSE_NUMBER: provincial driver's licence numbers.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::filler;

/// The provincial formats: Ontario `A1234-56789-01234` (letter + 14 digits), Québec
/// `A1234-567890-12` (letter + 12 digits), Newfoundland and Labrador (letter + 9 digits),
/// Nova Scotia (5 letters + 9 digits), Manitoba (`AB-CD-EF-G123HI`), Alberta (`123456-789`
/// or 6–9 digits), and the digit-only numbers of BC (7), Saskatchewan (8), New Brunswick
/// (5–7) and PEI. Searched only near driver's-licence words; `POSSIBLE` by format and
/// `LIKELY` only when a province, "Canada" or a provincial licensing body is named nearby,
/// so a US licence in the same shape stays with US_DRIVERS_LICENSE_NUMBER.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_DRIVERS_LICENSE_NUMBER",
    description: "Canadian provincial driver's licence numbers (Ontario, Québec, NL, NS, MB, AB, BC, SK, NB, PEI formats), near driver's-licence and province words",
    patterns: &[Pattern::near(
        "ca-dl-near-keyword",
        concat!(
            other_label!(),
            r"(?:[A-Z][0-9]{4}-?[0-9]{5}-?[0-9]{5}|[A-Z][0-9]{4}-?[0-9]{6}-?[0-9]{2}|[A-Z][0-9]{9}|[A-Z]{5}[0-9]{9}|[A-Z]{2}-?[A-Z]{2}-?[A-Z]{2}-?[A-Z][0-9]{3}[A-Z]{2}|[0-9]{6}-[0-9]{3}|[0-9]{5,9})(?-u:\b)",
            r"|(?-u:\b)(?P<value>(?:[A-Z][0-9]{4}-?[0-9]{5}-?[0-9]{5}|[A-Z][0-9]{4}-?[0-9]{6}-?[0-9]{2}|[A-Z][0-9]{9}|[A-Z]{5}[0-9]{9}|[A-Z]{2}-?[A-Z]{2}-?[A-Z]{2}-?[A-Z][0-9]{3}[A-Z]{2}|[0-9]{6}-[0-9]{3}|[0-9]{5,9}))(?-u:\b)"
        ),
        &["driver's", "driver\u{2019}s", "drivers lic", "driver lic", "driving lic", "dl#", "dl #", "dl:", "dl no", "permis de conduire", "saaq", "icbc"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "ontario", "quebec", "québec", "alberta", "british columbia", "b.c.", "manitoba", "saskatchewan", "nova scotia",
            "new brunswick", "newfoundland", "labrador", "prince edward", "p.e.i", "canad", "permis de conduire", "saaq",
            "serviceontario", "icbc", "sgi ", "mpi ",
        ],
        // Labels of other numbers before a number ("order …", "loyalty member no. …") are
        // in the pattern (`other_label!`), so the next sentence's label does not count.
        opposing: &[
            "license key", "licence key", "product key", "software", "activation", "seat", "subscription", "passport",
            "business licen",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 214,
    examples: &[
        Example { text: "driver's licence (Canada): L6405-79482-35519\nTracking number 1Z3BMPY72713495645 hasn't moved", finds: &["L6405-79482-35519"], min_confidence: Confidence::Likely },
        Example { text: "Ontario driver's licence M2034-71295-80613", finds: &["M2034-71295-80613"], min_confidence: Confidence::Likely },
        Example { text: "Permis de conduire (Québec) : L2547-180396-07", finds: &["L2547-180396-07"], min_confidence: Confidence::Likely },
        Example { text: "ICBC driver's licence 7043812", finds: &["7043812"], min_confidence: Confidence::Likely },
        Example { text: "Alberta DL: 153928-047", finds: &["153928-047"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "US driver's license D1234567 from California",
        "Ontario driver's licence renewal order 55123488",
        "software licence key 55129043 for our Ontario office",
        "driver's licence M0000-00000-00000 (Ontario test card)",
        "Ontario business licence 7043812 renewed",
        "loyalty member no. 333673952 (not my Ontario driver's licence)",
    ],
};

/// True when the value (separators removed) has one of the provincial shapes.
fn province_shape(c: &[u8]) -> bool {
    let letters = c.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let digits = c[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let rest = &c[letters + digits..];
    match (letters, digits, rest.len()) {
        (0, 5..=9, 0) | (1, 14 | 12 | 9, 0) | (5, 9, 0) => true,
        // Manitoba: seven letters, three digits, two letters.
        (7, 3, 2) => rest.iter().all(u8::is_ascii_uppercase),
        _ => false,
    }
}

fn validate(text: &str) -> Option<Verdict> {
    let compact: Vec<u8> = text.bytes().filter(|b| *b != b'-').collect();
    if !province_shape(&compact) || filler::is_filler(text) {
        return None;
    }
    Some(Verdict::format_only(Confidence::Possible))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for ok in [
            "M2034-71295-80613",
            "L2547-180396-07",
            "7043812",
            "153928-047",
            "A123956780",
            "SMITH482913570",
            "AB-CD-EF-G482HI",
            "40129",
        ] {
            assert_eq!(
                validate(ok).map(|v| v.confidence),
                Some(Confidence::Possible),
                "{ok}"
            );
        }
        for bad in [
            "M0000-00000-00000",
            "1234567",
            "A12345",
            "AB-CD-EF-G482H1",
            "SMIT482913570",
        ] {
            assert_eq!(validate(bad), None, "{bad}");
        }
    }
}
