//! US_DRIVERS_LICENSE_NUMBER: state driver's licence numbers, only with driver's-licence words.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::filler;

/// The formats the 50 states and DC issue (AAMVA / state DMV formats: California `A1234567`,
/// Florida `A123-456-78-901-2`, Illinois `A123-4567-8901`, New Hampshire `29ABC48157`, Iowa
/// `123AB4567`, Washington `WDL` + 9, digits-only states 6–14 digits …), searched only near
/// driver's-licence words. None of them has a public check digit, so a candidate is
/// `POSSIBLE` by its format and `LIKELY` only with a driver's-licence word ("driver's
/// license", "DL#", "DMV") nearby and no software-licence or order word next to it. "License
/// number" alone is not enough: software, medical and business licences have numbers too.
///
/// State names alone are not support: they appear in every postal address next to ZIP codes
/// and phone numbers. Numbers shorter than six digits (a few states issue them) are left out
/// for the same reason.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "US_DRIVERS_LICENSE_NUMBER",
    description: "US driver's licence numbers in the state formats, only near driver's-licence words (driver's license, DL#, DMV)",
    patterns: &[Pattern::near(
        "us-dl-near-keyword",
        concat!(
            other_label!(),
            r"(?:[A-Z][0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{3}-[0-9]|[A-Z][0-9]{3}-[0-9]{4}-[0-9]{4}|[A-Z]-[0-9]{3}-[0-9]{3}-[0-9]{3}-[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}|[A-Z]{1,3}[0-9]{3,14}|[0-9]{6,14}|[0-9]{2}[A-Z]{3}[0-9]{5}|[0-9]{3}[A-Z]{2}[0-9]{4}|[0-9]{7,9}[A-Z]{1,2}|WDL[A-Z0-9]{9})(?-u:\b)",
            // A number labelled as a passport's ("passport no: DL1541873") is not a licence.
            r"|(?-u:\b)(?i-u:passport)[^0-9\n]{0,24}(?:[A-Z][0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{3}-[0-9]|[A-Z][0-9]{3}-[0-9]{4}-[0-9]{4}|[A-Z]-[0-9]{3}-[0-9]{3}-[0-9]{3}-[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}|[A-Z]{1,3}[0-9]{3,14}|[0-9]{6,14}|[0-9]{2}[A-Z]{3}[0-9]{5}|[0-9]{3}[A-Z]{2}[0-9]{4}|[0-9]{7,9}[A-Z]{1,2}|WDL[A-Z0-9]{9})(?-u:\b)",
            r"|(?-u:\b)(?P<value>(?:[A-Z][0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{3}-[0-9]|[A-Z][0-9]{3}-[0-9]{4}-[0-9]{4}|[A-Z]-[0-9]{3}-[0-9]{3}-[0-9]{3}-[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}|[A-Z]{1,3}[0-9]{3,14}|[0-9]{6,14}|[0-9]{2}[A-Z]{3}[0-9]{5}|[0-9]{3}[A-Z]{2}[0-9]{4}|[0-9]{7,9}[A-Z]{1,2}|WDL[A-Z0-9]{9}))(?-u:\b)"
        ),
        // Not "driver" alone: printer and graphics drivers fill IT tickets.
        // " dl " with its spaces: "my Texas DL is …", and never inside "dll" or "handle".
        &["driver's", "driver\u{2019}s", "drivers lic", "driver lic", "driving lic", "dl#", "dl #", "dl:", "dl no", " dl ", "dln", "dmv"],
        48,
        64,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "driver", "driving licen", "driver\u{2019}s", "dl#", "dl #", "dl:", "dl no", "dl is", "dln", "dmv", "state id",
        ],
        // Labels of other numbers before a number ("order …", "Transaction reference …")
        // are in the pattern (`other_label!`), so the next sentence's label does not count.
        opposing: &[
            "license key", "licence key", "product key", "software", "activation", "seat", "subscription",
            "medical licen", "business licen", "contractor", "npi",
            // The tails of other identifiers: "INV-2021-091145", "S-1-5-21-1385896872-…".
            "inv-", "s-1-5",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 203,
    examples: &[
        Example { text: "my texas dl is K176-875-90-546-5\n\n1656063647 DEBUG [scheduler] artifact", finds: &["K176-875-90-546-5"], min_confidence: Confidence::Likely },
        Example { text: "DL# 970 641 285 (state of Florida)\npassport no: DL1541873", finds: &["970 641 285"], min_confidence: Confidence::Likely },
        Example { text: "My driver's license number is D4829136 (California).", finds: &["D4829136"], min_confidence: Confidence::Likely },
        Example { text: "DL# S530-4608-2841 issued in Illinois", finds: &["S530-4608-2841"], min_confidence: Confidence::Likely },
        Example { text: "Texas driver license 24681359, expires 2027", finds: &["24681359"], min_confidence: Confidence::Likely },
        Example { text: "Florida DL: W426-545-30-761-0", finds: &["W426-545-30-761-0"], min_confidence: Confidence::Likely },
        Example { text: "Transaction reference 518963632\nDL# Y186-970-94-395-6 (state of Florida)", finds: &["Y186-970-94-395-6"], min_confidence: Confidence::Likely },
        Example { text: "my Texas DL is UA897935", finds: &["UA897935"], min_confidence: Confidence::Likely },
        Example { text: "NH drivers license 29ABC48157 renewed at the DMV", finds: &["29ABC48157"], min_confidence: Confidence::Likely },
    ],
    negative_examples: &[
        "Software license key ABC123456789 for five seats.",
        "Your license renewal order 55123488 has shipped.",
        "driver's license D1111111 is what the test account uses",
        "DL 12345678 is the sequential placeholder.",
        "The driver arrived at 10:45, tracking 1Z999AA10123456784.",
        "Invoice 48213377 for driver training.",
        "Our software license number is 48213377, please renew it.",
        "Transaction reference 518963632 (DL# on file)",
        "Your license renewal: order 55123488 has shipped.",
        "driving licence no. BROWN403114D95BB\n\n[1664952253514] ERROR [sync] c.a.billing.InvoiceService",
        "Please download the DL installer again.",
        "My Texas DL is pending; re: invoice INV-2021-091145",
        "my Texas DL is pending\nSID S-1-5-21-1385896872-3610794634-40663896-3162",
    ],
};

/// True when the compacted value has one of the state shapes: `L` letters then digits, or
/// the mixed shapes of NH, IA, MO, ME/VT and WA.
fn state_shape(c: &[u8]) -> bool {
    // Washington since 2018: WDL and nine letters or digits.
    if c.len() == 12 && c.starts_with(b"WDL") {
        return c.iter().all(u8::is_ascii_alphanumeric);
    }
    let letters = c.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let rest = &c[letters..];
    let digits_after = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let all_digits_after = digits_after == rest.len();
    match letters {
        // Digits only (AL, AR, CO, CT, GA, KY, MS, NC, NM, NV, PA, SC, SD, TN, TX, UT, WY …),
        // or digits then one or two letters (ME, VT, MO) or the NH / IA mixes.
        0 => {
            let lead = digits_after;
            let tail = &c[lead..];
            let tail_letters = tail.iter().take_while(|b| b.is_ascii_uppercase()).count();
            let after = &tail[tail_letters..];
            if tail.is_empty() {
                (6..=14).contains(&lead)
            } else if after.is_empty() {
                (7..=9).contains(&lead) && (1..=2).contains(&tail_letters)
            } else {
                let after_digits = after.iter().all(u8::is_ascii_digit);
                after_digits
                    && ((lead == 2 && tail_letters == 3 && after.len() == 5)
                        || (lead == 3 && tail_letters == 2 && after.len() == 4))
            }
        }
        // One letter and 4 to 14 digits (CA, FL, IL, MD, MI, MN, NJ, NY, WI, …).
        1 => all_digits_after && (4..=14).contains(&digits_after),
        // Two letters and 3 to 7 digits (OH, OR, WV, ID).
        2 => all_digits_after && (3..=7).contains(&digits_after),
        // Three letters and six digits (ND).
        3 => all_digits_after && digits_after == 6,
        _ => false,
    }
}

/// True for a Unix time of 2017–2027 in seconds (ten digits) or milliseconds (thirteen), the
/// timestamps of pasted log lines. No state issues thirteen plain digits starting so, and
/// only a few ten-digit numbers of the states that issue ten digits are lost.
fn is_epoch_time(c: &[u8]) -> bool {
    let seconds = match c.len() {
        10 => c,
        13 => &c[..10],
        _ => return false,
    };
    if !c.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let s: u64 = std::str::from_utf8(seconds)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (1_480_000_000..1_830_000_000).contains(&s)
}

fn validate(text: &str) -> Option<Verdict> {
    let compact: Vec<u8> = text.bytes().filter(|b| *b != b'-' && *b != b' ').collect();
    if !state_shape(&compact) || filler::is_filler(text) || is_epoch_time(&compact) {
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
            "D4829136",
            "S530-4608-2841",
            "24681359",
            "W426-545-30-761-0",
            "29ABC48157",
            "815AB2967",
            "WDLABCD456DG",
            "OH48213",
            "ABC482913",
            "8294713A",
            "M-482-913-571-204",
            "482 913 571",
            "4829135710",
        ] {
            assert_eq!(
                validate(ok).map(|v| v.confidence),
                Some(Confidence::Possible),
                "{ok}"
            );
        }
        for bad in [
            "D1111111",
            "12345678",
            "ABCD1234",
            "12AB",
            "48291",
            "AB12345678",
            "1AB2",
            "482913571ABC",
            "1656063647",
            "1664952253514",
        ] {
            assert_eq!(validate(bad), None, "{bad}");
        }
    }
}
