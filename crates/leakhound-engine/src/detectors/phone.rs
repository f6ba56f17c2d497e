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
        // "(415) 555-2671", "415-555-2671", "415.555.2671", "1-800-555-0199"; and the
        // Brazilian "(21) 99442-5936", "(11) 3456-7890".
        Pattern::new("phone-nanp", r"(?:(?-u:\b)1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|(?-u:\b)[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}(?-u:\b)|\([1-9][0-9]\) ?9?[2-9][0-9]{3}-[0-9]{4}(?-u:\b)"),
        // Trunk-prefixed national numbers: "020 7946 0958", "030 901820", "01 42 68 53 00".
        // The scanner tries every start position, so the character (or character and space)
        // before is consumed to keep the tail of a longer digit group ("FedEx 7946 0958
        // 1234") from starting a candidate.
        Pattern::new(
            "phone-national-trunk",
            // Not after a dash: `ad4d932f-0748-4183-90e8-…` is a UUID, not a Frankfurt number.
            r"(?:^|[^0-9A-Za-z -]|[^0-9-] )(?P<value>0[1-9][0-9]{0,4}(?:[ -][0-9]{2,8}){1,4})(?-u:\b)",
        ),
        // Ten digits in one run: a US number written without separators. Not after a dash:
        // `S-1-5-21-3189064998-3182631377-…` is a Windows SID.
        Pattern::new("phone-digits", r"(?:^|[^0-9A-Za-z-])(?P<value>[2-9][0-9]{9})(?-u:\b)"),
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
            // Product references in the corpus's other languages ("La référence 321-627-0307
            // est en rupture de stock").
            "référence", "referencia", "referência", "réf.", "artikel",
            // Other identifiers written like phone numbers.
            "mrn", "medical record", "patient id", "licence", "license", "driver", "dl ", "dl#", "dl:", "sid ", "sid:",
            "s-1-5-",
            // Column headers: a table's product column ("sku", "part", "model", "product_id").
            "part ", "model ", "product ", "item ", "batch",
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
        Example {
            text: "Rückruf bitte unter +49 (0)89 301 7919, ab 14 Uhr.",
            finds: &["+49 (0)89 301 7919"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Meu celular é (21) 99442-5936, pode ligar.",
            finds: &["(21) 99442-5936"],
            min_confidence: Confidence::Likely,
        },
        // A contact export: the column header says what the values are, on every row.
        Example {
            text: "Here is the list you asked for:\n\nid,name,city,Phone Number,plan\n1,Ada,Leeds,415-555-2671,pro\n2,Bo,York,2125550147,free\n3,Cy,Bath,+44 20 7946 0958,team\n",
            finds: &["415-555-2671", "2125550147", "+44 20 7946 0958"],
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
        // An order export: the sku column holds phone-shaped product codes, far below its
        // header; the order ids are ten-digit runs.
        "Export attached.\n\norder_id,sku,qty,amount,status\n4155552671,415-555-2671,2,19.99,cancelled\n2125550147,212-555-0147,1,5.00,shipped\n3125550148,312-555-0148,1,5.00,shipped\n6175550149,617-555-0149,3,7.50,pending\n",
        "Part No;Description;Qty\n212-555-0147;USB-C cable;4\n646-555-0198;Charger;1\n",
        "La référence 321-627-0307 est en rupture de stock.",
        "La referencia 614-405-5708 está agotada.",
        "The service runs as S-1-5-21-3189064998-3182631377-98625859-1255 and lacks access.\n-- ops on-call",
        "my Texas DL is 034 269 779",
        "patient mrn 041-629542, lab results attached",
        "o.s.sync.Job - batch 7877603621 retry 1/5\nSent from my phone",
        "Regarding model no. 437-990-9315\n\nthx\n-- ops on-call",
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
    let ssn_shaped = text.len() == 11
        && text.bytes().enumerate().all(|(i, b)| match i {
            3 | 6 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if ssn_shaped {
        return None;
    }
    if let Some(international) = text.strip_prefix('+') {
        // "+49 (0)89 301 7919": the trunk prefix in parentheses, as German, Austrian, Swiss
        // and British numbers are often written, is not dialled from abroad.
        let without_trunk;
        let text = match international.split_once("(0)") {
            Some((code, rest)) if code.trim().bytes().all(|b| b.is_ascii_digit()) => {
                without_trunk = format!("+{code}{rest}");
                without_trunk.as_str()
            }
            _ => text,
        };
        return Some(if is_valid_international(text) {
            Verdict::passed(Confidence::Likely, "libphonenumber")
        } else {
            Verdict::failed(Confidence::Unlikely, "libphonenumber")
        });
    }
    // "(21) 99442-5936": a Brazilian area code in parentheses (North American ones have three
    // digits).
    if text.len() > 4 && text.as_bytes()[0] == b'(' && text.as_bytes()[3] == b')' {
        return is_valid_national("BR", text)
            .then(|| Verdict::passed(Confidence::Likely, "libphonenumber"));
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
        assert_eq!(c("+49 (0)89 301 7919"), Some(Confidence::Likely));
        assert_eq!(c("+44 (0)20 7946 0958"), Some(Confidence::Likely));
        assert_eq!(c("(21) 99442-5936"), Some(Confidence::Likely));
        assert_eq!(c("(11) 3456-7890"), Some(Confidence::Likely));
        assert_eq!(c("(21) 19442-5936"), None);
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
