//! PHONE_NUMBER: telephone numbers in international and national formats, validated against
//! libphonenumber's numbering-plan metadata (the `phonenumber` crate).

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::phone::{is_valid_international, is_valid_national};

/// Phone numbers: `+` international numbers in any grouping, North American numbers in the
/// usual formats, 0-prefixed European national numbers, and bare ten-digit runs. A bare run
/// is usually an order or account number, so it stays POSSIBLE unless a phone word is near.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "PHONE_NUMBER",
    description: "Phone numbers, international (+CC) and national (US, UK, DE, FR, …), validated with libphonenumber metadata",
    patterns: &[
        // "+44 20 7946 0958", "+1 (415) 555-2671", "+49 30 901820", "+14155552671".
        Pattern::new("phone-international", r"\+[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,5}\)?){1,6}"),
        // "(415) 555-2671", "415-555-2671", "415.555.2671", "1-800-555-0199".
        Pattern::new("phone-nanp", r"(?:(?-u:\b)1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|(?-u:\b)[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}(?-u:\b)"),
        // Trunk-prefixed national numbers: "020 7946 0958", "030 901820", "01 42 68 53 00".
        // The scanner tries every start position, so the character (or character and space)
        // before is consumed to keep the tail of a longer digit group ("FedEx 7946 0958
        // 1234") from starting a candidate.
        Pattern::new(
            "phone-national-trunk",
            // Not after a dash: `ad4d932f-0748-4183-90e8-…` is a UUID, not a Frankfurt number.
            r"(?:^|[^0-9A-Za-z -]|[^0-9-] )(?P<value>0[1-9][0-9]{0,4}(?:[ -][0-9]{2,8}){1,4})(?-u:\b)",
        ),
        // Ten digits in one run: a US number written without separators.
        Pattern::new("phone-digits", r"(?-u:\b)[2-9][0-9]{9}(?-u:\b)"),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "phone", "tel:", "tel.", "tel ", "telephone", "call", "mobile", "cell", "fax", "whatsapp", "reach me",
            "text me", "sms", "telefon", "téléphone", "teléfono", "telefono", "handy", "portable", "móvil",
        ],
        opposing: &[
            // "ref " and "ref:", not "ref": words match by prefix, and "refund" is no
            // reason to doubt a phone number. Not "ticket": every support ticket has a
            // "Ticket #…" header, often within the window of the line above or below.
            "order", "invoice", "tracking", "ref ", "ref:", "ref#", "ref.", "reference", "account", "acct", "serial", "sku",
            "isbn", "transaction", "confirmation", "po #", "zip", "part number", "part no", "model no", "model number", "artikelnummer", "item no", "product code", "sample", "example", "placeholder", "docs ", "documentation", "tutorial", "dummy",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 40,
    examples: &[
        Example {
            text: "Please call me back at +44 20 7946 0958 after 3pm.",
            finds: &["+44 20 7946 0958"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Our Berlin office: +49 30 901820, ask for Jonas.",
            finds: &["+49 30 901820"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "You can reach me on +1 (415) 555-2671 or (415) 555-2672 tomorrow.",
            finds: &["+1 (415) 555-2671", "(415) 555-2672"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Customer left 415-555-2671 and 212.555.0147 as contacts.",
            finds: &["415-555-2671", "212.555.0147"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mobile: 4155552671 (texts are fine)",
            finds: &["4155552671"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mein Telefon: 030 901820, tagsüber erreichbar.",
            finds: &["030 901820"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "request id ad4d932f-0748-4183-90e8-8a95e5550f92.",
        // Bare ten-digit runs are order and account numbers unless a phone word is near.
        "Your order 4155552671 has shipped.",
        "Invoice 2125550147 is overdue, see attached.",
        "Tracking number 9400111899223344556677 is stuck in Memphis.",
        "Release 2.4.1 came out on 2024-11-26 at 12:30:45.",
        "The UUID 550e8400-e29b-41d4-a716-446655440000 is not a phone.",
        "Ticket 1234567890 was merged into 2345678901 yesterday.",
        "Card 4111 1111 1111 1111 was declined.",
        "Shipped via FedEx 7946 0958 1234 on Monday.",
    ],
};

/// Regions tried, in order, for trunk-prefixed national numbers (`0…`), which cannot be
/// North American: the countries whose formats support tickets most often carry.
const TRUNK_REGIONS: [&str; 8] = ["GB", "DE", "FR", "NL", "IE", "AT", "CH", "AU"];

fn validate(text: &str) -> Option<Verdict> {
    let digits = crate::validate::digit_count(text);
    if !(7..=15).contains(&digits) {
        return None;
    }
    // 3-2-4 with dashes is the SSN's shape ("078-05-1120"), written so by no numbering plan.
    let groups: Vec<usize> = text.split('-').map(str::len).collect();
    if groups == [3, 2, 4] && text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return None;
    }
    if text.starts_with('+') {
        return Some(if is_valid_international(text) {
            Verdict::passed(Confidence::Likely, "libphonenumber")
        } else {
            Verdict::failed(Confidence::Unlikely, "libphonenumber")
        });
    }
    if text.starts_with('0') {
        return TRUNK_REGIONS
            .iter()
            .any(|r| is_valid_national(r, text))
            .then(|| Verdict::passed(Confidence::Likely, "libphonenumber"));
    }
    if !is_valid_national("US", text) {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        // Ten digits with no grouping: valid as a number plan, but that is true of most
        // ten-digit numbers starting 2–9, so it takes a phone word to believe it.
        Some(Verdict::passed(Confidence::Possible, "libphonenumber"))
    } else {
        Some(Verdict::passed(Confidence::Likely, "libphonenumber"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("+44 20 7946 0958"), Some(Confidence::Likely));
        assert_eq!(c("+1 (415) 555-2671"), Some(Confidence::Likely));
        assert_eq!(c("+14155552671"), Some(Confidence::Likely));
        assert_eq!(c("+49 30 901820"), Some(Confidence::Likely));
        // A year glued on after the number: too many digits for any plan.
        assert_eq!(c("+44 20 7946 0958 2024"), None);
        assert_eq!(c("+44 20 7946 095"), Some(Confidence::Unlikely));
        assert_eq!(c("(415) 555-2671"), Some(Confidence::Likely));
        assert_eq!(c("415.555.2671"), Some(Confidence::Likely));
        assert_eq!(c("020 7946 0958"), Some(Confidence::Likely));
        assert_eq!(c("01 42 68 53 00"), Some(Confidence::Likely));
        assert_eq!(c("4155552671"), Some(Confidence::Possible));
        // Area code 123 and exchange 055 do not exist in the North American plan.
        assert_eq!(c("123-456-7890"), None);
        assert_eq!(c("415-055-2671"), None);
        assert_eq!(c("12345"), None);
    }
}
