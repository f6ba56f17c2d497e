//! CREDIT_CARD_NUMBER: payment card numbers (PAN) of the major networks.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::{digit_count, digits, luhn};

/// Payment card numbers: Luhn checksum, issuer ranges and lengths, written plain or in groups
/// separated by spaces or dashes.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CREDIT_CARD_NUMBER",
    description: "Payment card numbers (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro), Luhn-checked",
    patterns: &[
        // 13 to 19 digits in one run.
        Pattern::new("card-plain", r"(?-u:\b)[2-6][0-9]{12,18}(?-u:\b)"),
        // 4-4-4-4(-3), 4-6-5 (Amex) and 4-6-4 (Diners) groups with one separator kind. Not
        // after another group of digits: "9400 5620 6281 5246 7127 93" is a 22-digit tracking
        // number, not a card after "9400".
        Pattern::new("card-grouped", r"(?:^|[^0-9 -]|[^0-9] |[^0-9]-)(?P<value>[2-6][0-9]{3}(?:(?: [0-9]{4}){3}(?: [0-9]{1,3})?|(?:-[0-9]{4}){3}(?:-[0-9]{1,3})?| [0-9]{6} [0-9]{4,5}|-[0-9]{6}-[0-9]{4,5}))(?-u:\b)"),
    ],
    validate,
    context: ContextPolicy {
        supporting: &["card", "credit", "debit card", "visa", "mastercard", "amex", "cc#", "cc number", "pan", "kreditkarte", "carte", "tarjeta", "expir", "cvv", "cvc", "paid with", "pay with", "paying with"],
        opposing: &["order", "invoice", "tracking", "serial", "reference", "ref:", "ref#", "ref.", "ref no", "account id", "transaction id", "member no", "loyalty", "membership", "vorgangsnummer", "test card", "sample", "example", "placeholder", "docs ", "documentation", "tutorial", "dummy"],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 90,
    examples: &[
        Example { text: "card 4111 1111 1111 1111 ok", finds: &["4111 1111 1111 1111"], min_confidence: Confidence::VeryLikely },
        Example { text: "charged 5500-0000-0000-0004 twice", finds: &["5500-0000-0000-0004"], min_confidence: Confidence::Likely },
        Example { text: "amex: 3782 822463 10005", finds: &["3782 822463 10005"], min_confidence: Confidence::Likely },
        Example { text: "pls refund 6011111111111117 thx", finds: &["6011111111111117"], min_confidence: Confidence::Likely },
        Example { text: "Meine Kreditkarte: 4916-6734-7572-5015.", finds: &["4916-6734-7572-5015"], min_confidence: Confidence::VeryLikely },
        Example { text: "i paid with 4875-0408-2984-1071 but the order still says unpaid", finds: &["4875-0408-2984-1071"], min_confidence: Confidence::Likely },
        Example { text: "Visa:\n4111 1111 1111 1111", finds: &["4111 1111 1111 1111"], min_confidence: Confidence::VeryLikely },
    ],
    negative_examples: &[
        "order 4111111111111112 shipped",
        "tracking 1Z999AA10123456784",
        "ref 1234 5678 9012 3456",
        "Your reference number is 5656656958336120. The direct debit shows creditor ID DE98ZZZ09999999999.",
        "timestamp 1700000000000000",
        "card 4111-1111 1111-1111 mixed separators",
        // A label against the type outweighs a card word further away.
        "loyalty member no. 4284644033195987 The charge on card **** **** **** 2613 is wrong.",
        // "Direct debit" is a bank mandate, not a card.
        "Transaction reference 6796006201578715 The direct debit shows creditor ID DE97ZZZ09876543210.",
        "The docs use 4242 4242 4242 4242 as an example value. The direct debit failed.",
        // The tail of a longer grouped number.
        "快递单号 9400 5620 6281 5246 7127 93 一直没有更新。",
    ],
};

/// Issuer ranges and lengths (IIN prefixes as published by the networks).
fn issuer_accepts(first: &[u8], len: usize) -> bool {
    let prefix = |n: usize| -> u32 {
        first
            .iter()
            .take(n)
            .fold(0, |acc, d| acc * 10 + u32::from(*d))
    };
    let p1 = prefix(1);
    let p2 = prefix(2);
    let p3 = prefix(3);
    let p4 = prefix(4);
    let p6 = prefix(6);
    match p1 {
        4 => matches!(len, 13 | 16 | 19),                    // Visa
        5 if (51..=55).contains(&p2) => len == 16,           // Mastercard
        2 if (222_100..=272_099).contains(&p6) => len == 16, // Mastercard 2-series
        3 if p2 == 34 || p2 == 37 => len == 15,              // Amex
        3 if (300..=305).contains(&p3) || p2 == 36 || p2 == 38 || p2 == 39 => {
            (14..=19).contains(&len)
        } // Diners
        3 if (3528..=3589).contains(&p4) => (16..=19).contains(&len), // JCB
        6 if p4 == 6011 || p2 == 65 || (644..=649).contains(&p3) => (16..=19).contains(&len), // Discover
        6 if p2 == 62 => (16..=19).contains(&len), // UnionPay
        5 | 6 if matches!(p2, 50 | 56..=58 | 63 | 67) => (12..=19).contains(&len), // Maestro
        _ => false,
    }
}

fn validate(text: &str) -> Option<Verdict> {
    let len = digit_count(text);
    if !(13..=19).contains(&len) {
        return None;
    }
    let first: Vec<u8> = digits(text).take(6).collect();
    if !issuer_accepts(&first, len) {
        return None;
    }
    // A run of one repeated digit is never a real card (and passes Luhn for some lengths).
    if digits(text).all(|d| d == first[0]) {
        return None;
    }
    if luhn::is_valid(text) {
        Some(Verdict::passed(Confidence::Likely, "luhn"))
    } else {
        Some(Verdict::failed(Confidence::Unlikely, "luhn"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers() {
        for (card, ok) in [
            ("4111111111111111", true),
            ("5500000000000004", true),
            ("2221000000000009", true),
            ("378282246310005", true),
            ("30569309025904", true),
            ("3530111333300000", true),
            ("6011111111111117", true),
            ("1234567812345670", false),
            ("9111111111111111", false),
        ] {
            assert_eq!(
                validate(card).map(|v| v.confidence) == Some(Confidence::Likely),
                ok,
                "{card}"
            );
        }
    }
}
