//! International Bank Account Numbers (ISO 13616): the per-country length from the SWIFT IBAN
//! registry and the ISO 7064 MOD 97-10 check.

/// The IBAN length of every country in the SWIFT IBAN registry (release 99, 2025), sorted by
/// country code for binary search. Partial or "experimental" IBANs (used by some banks in
/// Algeria, Angola, Morocco, …) are left out: they are not registered and their lengths vary.
static LENGTHS: [([u8; 2], u8); 89] = [
    (*b"AD", 24),
    (*b"AE", 23),
    (*b"AL", 28),
    (*b"AT", 20),
    (*b"AZ", 28),
    (*b"BA", 20),
    (*b"BE", 16),
    (*b"BG", 22),
    (*b"BH", 22),
    (*b"BI", 27),
    (*b"BR", 29),
    (*b"BY", 28),
    (*b"CH", 21),
    (*b"CR", 22),
    (*b"CY", 28),
    (*b"CZ", 24),
    (*b"DE", 22),
    (*b"DJ", 27),
    (*b"DK", 18),
    (*b"DO", 28),
    (*b"EE", 20),
    (*b"EG", 29),
    (*b"ES", 24),
    (*b"FI", 18),
    (*b"FK", 18),
    (*b"FO", 18),
    (*b"FR", 27),
    (*b"GB", 22),
    (*b"GE", 22),
    (*b"GI", 23),
    (*b"GL", 18),
    (*b"GR", 27),
    (*b"GT", 28),
    (*b"HN", 28),
    (*b"HR", 21),
    (*b"HU", 28),
    (*b"IE", 22),
    (*b"IL", 23),
    (*b"IQ", 23),
    (*b"IS", 26),
    (*b"IT", 27),
    (*b"JO", 30),
    (*b"KW", 30),
    (*b"KZ", 20),
    (*b"LB", 28),
    (*b"LC", 32),
    (*b"LI", 21),
    (*b"LT", 20),
    (*b"LU", 20),
    (*b"LV", 21),
    (*b"LY", 25),
    (*b"MC", 27),
    (*b"MD", 24),
    (*b"ME", 22),
    (*b"MK", 19),
    (*b"MN", 20),
    (*b"MR", 27),
    (*b"MT", 31),
    (*b"MU", 30),
    (*b"NI", 28),
    (*b"NL", 18),
    (*b"NO", 15),
    (*b"OM", 23),
    (*b"PK", 24),
    (*b"PL", 28),
    (*b"PS", 29),
    (*b"PT", 25),
    (*b"QA", 29),
    (*b"RO", 24),
    (*b"RS", 22),
    (*b"RU", 33),
    (*b"SA", 24),
    (*b"SC", 31),
    (*b"SD", 18),
    (*b"SE", 24),
    (*b"SI", 19),
    (*b"SK", 24),
    (*b"SM", 27),
    (*b"SO", 23),
    (*b"ST", 25),
    (*b"SV", 28),
    (*b"TL", 23),
    (*b"TN", 24),
    (*b"TR", 26),
    (*b"UA", 29),
    (*b"VA", 22),
    (*b"VG", 24),
    (*b"XK", 20),
    (*b"YE", 30),
];

/// The registered IBAN length for a two-letter upper-case country code.
pub fn country_length(country: [u8; 2]) -> Option<usize> {
    LENGTHS
        .binary_search_by(|(code, _)| code.cmp(&country))
        .ok()
        .map(|i| usize::from(LENGTHS[i].1))
}

/// What the checks say about a candidate IBAN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IbanStatus {
    /// Registered country, right length, check digits correct.
    Valid,
    /// Registered country and right length, but MOD 97-10 fails (a typo, or not an IBAN).
    BadChecksum,
    /// Unknown country, wrong length or characters an IBAN never has.
    NotIban,
}

/// Judges a candidate written plain (`DE89370400440532013000`) or in the printed form with
/// single spaces (`DE89 3704 0044 0532 0130 00`). Letters must be upper case, as printed.
pub fn status(text: &str) -> IbanStatus {
    // Compact characters, without allocating: spaces are skipped wherever they are.
    let compact = || text.bytes().filter(|&b| b != b' ');
    let mut head = [0u8; 4];
    let mut len = 0usize;
    for b in compact() {
        if !(b.is_ascii_digit() || b.is_ascii_uppercase()) {
            return IbanStatus::NotIban;
        }
        if len < 4 {
            head[len] = b;
        }
        len += 1;
    }
    if len < 5
        || !head[0].is_ascii_uppercase()
        || !head[1].is_ascii_uppercase()
        || !head[2].is_ascii_digit()
        || !head[3].is_ascii_digit()
    {
        return IbanStatus::NotIban;
    }
    if country_length([head[0], head[1]]) != Some(len) {
        return IbanStatus::NotIban;
    }
    // Check digits 00, 01 and 99 are never produced by the algorithm (ISO 7064: 02–98).
    let check = (head[2] - b'0') * 10 + (head[3] - b'0');
    if !(2..=98).contains(&check) {
        return IbanStatus::BadChecksum;
    }
    // Move the first four characters to the end, map A..Z to 10..35, take the number mod 97.
    let mut rem = 0u32;
    let mut feed = |b: u8| {
        if b.is_ascii_digit() {
            rem = (rem * 10 + u32::from(b - b'0')) % 97;
        } else {
            rem = (rem * 100 + u32::from(b - b'A') + 10) % 97;
        }
    };
    compact().skip(4).for_each(&mut feed);
    head.iter().copied().for_each(&mut feed);
    if rem == 1 {
        IbanStatus::Valid
    } else {
        IbanStatus::BadChecksum
    }
}

/// True when `text` is a valid IBAN once spaces, dashes and dots are removed and letters
/// upper-cased (python-stdnum's `iban.compact`).
pub fn is_valid(text: &str) -> bool {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    status(&compact) == IbanStatus::Valid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(country_length(*b"DE"), Some(22));
        assert_eq!(country_length(*b"NO"), Some(15));
        assert_eq!(country_length(*b"RU"), Some(33));
        assert_eq!(country_length(*b"US"), None);
    }

    #[test]
    fn registry_examples_pass() {
        for iban in [
            "DE89 3704 0044 0532 0130 00",
            "DE89370400440532013000",
            "GB29 NWBK 6016 1331 9268 19",
            "GB82WEST12345698765432",
            "FR14 2004 1010 0505 0001 3M02 606",
            "NL91ABNA0417164300",
            "BE68 5390 0754 7034",
            "AT61 1904 3002 3457 3201",
            "CH93 0076 2011 6238 5295 7",
            "NO9386011117947",
            "BR97 0036 0305 0000 1000 9795 493P 1",
            "BI42 1000 0100 0100 0033 2045 181",
            "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
            "ES91 2100 0418 4502 0005 1332",
        ] {
            assert_eq!(status(iban), IbanStatus::Valid, "{iban}");
        }
    }

    #[test]
    fn checksum_near_misses_fail() {
        for iban in [
            "DE89 3704 0044 0532 0130 01",
            "GB82WEST12345698765433",
            "NL19ABNA0417164300",
            "DE00370400440532013000",
        ] {
            assert_eq!(status(iban), IbanStatus::BadChecksum, "{iban}");
        }
    }

    #[test]
    fn not_ibans() {
        for text in [
            "DE89 3704 0044 0532 0130 0", // one short
            "DE89370400440532013000 1",   // one long
            "XX89370400440532013000",     // no such country
            "US12345678901234567890",     // the US has no IBAN
            "de89370400440532013000",     // lower case
            "DE8937040044-0532013000",    // foreign character
            "D189370400440532013000",
            "",
        ] {
            assert_eq!(status(text), IbanStatus::NotIban, "{text}");
        }
    }
}
