//! CANADA_BANK_ACCOUNT: Canadian bank account numbers with their transit and institution.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{filler, luhn};

/// A Canadian account as written for a deposit: five-digit branch transit, three-digit
/// institution number, then the 7–12 digit account (`12345-003-1234567`, or the 15–20 digits
/// run together as on a void cheque's MICR line), or institution first as in direct-deposit
/// and EFT forms (`003 12345 1234567`). Searched only near banking words. The
/// institution number is checked against the Payments Canada numbers of the major
/// institutions (BMO 001, Scotiabank 002, RBC 003, TD 004, National 006, CIBC 010, HSBC 016,
/// CWB 030, Laurentian 039, Bank of Canada 177, ATB 219, PC Financial 326, Manulife 540,
/// Tangerine 614, Desjardins 815, Central 1 809/828, Meridian 837); a run of digits written
/// together must name one of them and not look like a card (Luhn-valid, 16–19 digits).
/// Account numbers have no check digit, so a candidate is
/// `POSSIBLE` by format and `LIKELY` with a banking word nearby.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CANADA_BANK_ACCOUNT",
    description: "Canadian bank account numbers (transit 5 + institution 3 + account 7-12 digits), near banking words",
    patterns: &[Pattern::near(
        "ca-bank-account-near-keyword",
        r"(?-u:\b)(?:[0-9]{5}[- ][0-9]{3}[- ][0-9]{7,12}|[0-9]{3}[- ][0-9]{5}[- ][0-9]{7,12}|[0-9]{15,20})(?-u:\b)",
        // Not "account" or "bank" alone (every ticket has them), nor "transit" alone
        // (parcels are in transit) or "eft" alone ("left", "theft").
        &[
            "bank account", "account number", "account no", "acct", "transit n", "transit #", "transit:", "institution",
            "chequing", "cheque", "direct deposit", " eft", "eft:", "compte", "banking", "depot direct", "bancaire",
        ],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "transit", "institution", "bank account", "account number", "account no", "acct", "chequing", "checking",
            "cheque", "direct deposit", "eft", "banking", "compte", "succursale", "rbc", "bmo", "cibc", "scotiabank",
            "desjardins", "tangerine", "td bank", "td canada", "bancaire", "dépôt direct", "depot direct",
        ],
        opposing: &["order", "invoice", "tracking", "ticket", "ref:", "ref#", "sku", "serial", "card", "phone"],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 216,
    examples: &[
        Example { text: "Please deposit to 07302-003-5012948 (RBC chequing).", finds: &["07302-003-5012948"], min_confidence: Confidence::Likely },
        Example { text: "Bank account 10482-004-92837461 for the refund", finds: &["10482-004-92837461"], min_confidence: Confidence::Likely },
        Example { text: "For EFT, use 00011 815 0412967", finds: &["00011 815 0412967"], min_confidence: Confidence::Likely },
        Example { text: "The void cheque shows 552180010712345671", finds: &["552180010712345671"], min_confidence: Confidence::Likely },
        Example { text: "Canadian bank account: 006 73657 07661274", finds: &["006 73657 07661274"], min_confidence: Confidence::Likely },
        Example {
            text: "Mon compte bancaire canadien pour le dépôt direct : 25164-001-2848391",
            finds: &["25164-001-2848391"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Order 07302-003-5012948 shipped.",
        "Account 552189990712345678 (institution 999 does not exist)",
        "bank account tracking 10482-004-92837461",
        "Invoice 10482-004-92837461 was paid from the account.",
        "Please check account number 4958932620559367 and the bank transfer.",
        // Institution first, but no such institution.
        "Bank account 999 73657 07661274 was closed.",
    ],
};

/// Payments Canada institution numbers of the major banks and credit-union centrals.
const INSTITUTIONS: [u16; 18] = [
    1, 2, 3, 4, 6, 10, 16, 30, 39, 177, 219, 326, 540, 614, 809, 815, 828, 837,
];

fn validate(text: &str) -> Option<Verdict> {
    let d: Vec<u8> = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if !(15..=20).contains(&d.len()) || filler::is_filler(text) {
        return None;
    }
    let grouped = text.len() != d.len();
    // Institution first (`003 12345 1234567`) only when grouped so; otherwise after the
    // transit.
    let institution_first = grouped && matches!(text.as_bytes()[3], b' ' | b'-');
    let at = if institution_first { 0 } else { 5 };
    let institution = u16::from(d[at]) * 100 + u16::from(d[at + 1]) * 10 + u16::from(d[at + 2]);
    // Digits run together that pass Luhn in a card's length are a card number (or a
    // reference built like one) far more often than an account.
    if !grouped && (16..=19).contains(&d.len()) && (2..=6).contains(&d[0]) && luhn::is_valid(text) {
        return None;
    }
    if INSTITUTIONS.contains(&institution) {
        Some(Verdict::passed(Confidence::Possible, "institution-number"))
    } else if grouped && !institution_first {
        Some(Verdict::format_only(Confidence::Possible))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t| validate(t).map(|v| v.check);
        assert_eq!(
            c("07302-003-5012948"),
            Some(crate::detector::Check::Passed("institution-number"))
        );
        assert_eq!(
            c("14725-678-9012385"),
            Some(crate::detector::Check::FormatOnly)
        );
        assert_eq!(
            c("552180010712345671"),
            Some(crate::detector::Check::Passed("institution-number"))
        );
        assert_eq!(c("552189990712345678"), None);
        assert_eq!(
            c("006 73657 07661274"),
            Some(crate::detector::Check::Passed("institution-number"))
        );
        assert_eq!(c("999 73657 07661274"), None);
        assert_eq!(c("00000-000-0000000"), None);
        assert_eq!(c("07302-003-501294"), None);
    }
}
