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

/// The BBAN structure of every registered country (SWIFT IBAN registry release 101, as
/// python-stdnum ships it in `iban.dat`), sorted by country code: runs of `n` digits, `a`
/// upper-case letters and `c` letters or digits, such as `4a6n8n` for the United Kingdom.
static BBAN: [([u8; 2], &str); 89] = [
    (*b"AD", "4n4n12c"),
    (*b"AE", "3n16n"),
    (*b"AL", "8n16c"),
    (*b"AT", "5n11n"),
    (*b"AZ", "4a20c"),
    (*b"BA", "3n3n8n2n"),
    (*b"BE", "3n7n2n"),
    (*b"BG", "4a4n2n8c"),
    (*b"BH", "4a14c"),
    (*b"BI", "5n5n11n2n"),
    (*b"BR", "8n5n10n1a1c"),
    (*b"BY", "4c4n16c"),
    (*b"CH", "5n12c"),
    (*b"CR", "4n14n"),
    (*b"CY", "3n5n16c"),
    (*b"CZ", "4n16n"),
    (*b"DE", "8n10n"),
    (*b"DJ", "5n5n11n2n"),
    (*b"DK", "4n9n1n"),
    (*b"DO", "4c20n"),
    (*b"EE", "2n14n"),
    (*b"EG", "4n4n17n"),
    (*b"ES", "4n4n1n1n10n"),
    (*b"FI", "3n11n"),
    (*b"FK", "2a12n"),
    (*b"FO", "4n9n1n"),
    (*b"FR", "5n5n11c2n"),
    (*b"GB", "4a6n8n"),
    (*b"GE", "2a16n"),
    (*b"GI", "4a15c"),
    (*b"GL", "4n9n1n"),
    (*b"GR", "3n4n16c"),
    (*b"GT", "4c20c"),
    (*b"HN", "4a20n"),
    (*b"HR", "7n10n"),
    (*b"HU", "3n4n1n15n1n"),
    (*b"IE", "4a6n8n"),
    (*b"IL", "3n3n13n"),
    (*b"IQ", "4a3n12n"),
    (*b"IS", "4n2n6n10n"),
    (*b"IT", "1a5n5n12c"),
    (*b"JO", "4a4n18c"),
    (*b"KW", "4a22c"),
    (*b"KZ", "3n13c"),
    (*b"LB", "4n20c"),
    (*b"LC", "4a24c"),
    (*b"LI", "5n12c"),
    (*b"LT", "5n11n"),
    (*b"LU", "3n13c"),
    (*b"LV", "4a13c"),
    (*b"LY", "3n3n15n"),
    (*b"MC", "5n5n11c2n"),
    (*b"MD", "2c18c"),
    (*b"ME", "3n13n2n"),
    (*b"MK", "3n10c2n"),
    (*b"MN", "4n12n"),
    (*b"MR", "5n5n11n2n"),
    (*b"MT", "4a5n18c"),
    (*b"MU", "4a2n2n12n3n3a"),
    (*b"NI", "4a20n"),
    (*b"NL", "4a10n"),
    (*b"NO", "4n6n1n"),
    (*b"OM", "3n16c"),
    (*b"PK", "4a16c"),
    (*b"PL", "8n16n"),
    (*b"PS", "4a21c"),
    (*b"PT", "4n4n11n2n"),
    (*b"QA", "4a21c"),
    (*b"RO", "4a16c"),
    (*b"RS", "3n13n2n"),
    (*b"RU", "9n5n15c"),
    (*b"SA", "2n18c"),
    (*b"SC", "4a2n2n16n3a"),
    (*b"SD", "2n12n"),
    (*b"SE", "3n16n1n"),
    (*b"SI", "5n8n2n"),
    (*b"SK", "4n6n10n"),
    (*b"SM", "1a5n5n12c"),
    (*b"SO", "4n3n12n"),
    (*b"ST", "4n4n11n2n"),
    (*b"SV", "4a20n"),
    (*b"TL", "3n14n2n"),
    (*b"TN", "2n3n13n2n"),
    (*b"TR", "5n1n16c"),
    (*b"UA", "6n19c"),
    (*b"VA", "3n15n"),
    (*b"VG", "4a16n"),
    (*b"XK", "4n10n2n"),
    (*b"YE", "4a4n18c"),
];

/// True when `bban` (upper case, no spaces) has its country's registered structure.
pub fn bban_structure_ok(country: [u8; 2], bban: &[u8]) -> bool {
    let Ok(i) = BBAN.binary_search_by(|(code, _)| code.cmp(&country)) else {
        return false;
    };
    let mut rest = bban;
    let spec = BBAN[i].1.as_bytes();
    let mut count = 0usize;
    for &c in spec {
        if c.is_ascii_digit() {
            count = count * 10 + usize::from(c - b'0');
            continue;
        }
        if rest.len() < count {
            return false;
        }
        let (run, tail) = rest.split_at(count);
        let ok = match c {
            b'n' => run.iter().all(u8::is_ascii_digit),
            b'a' => run.iter().all(u8::is_ascii_uppercase),
            _ => run.iter().all(u8::is_ascii_alphanumeric),
        };
        if !ok {
            return false;
        }
        rest = tail;
        count = 0;
    }
    rest.is_empty()
}

/// The national check digits inside the BBAN, for the countries python-stdnum checks: Spain
/// (the CCC's two mod-11 digits), Belgium (mod 97 of the account), Montenegro (mod 97 of the
/// BBAN) and Norway (the account number's mod 11). Other countries pass. (python-stdnum also
/// looks Belgian bank codes up in a registry, which leakhound does not ship.)
pub fn national_check_ok(country: [u8; 2], bban: &[u8]) -> bool {
    let digit = |b: u8| u32::from(b - b'0');
    let mod97 = |d: &[u8]| d.iter().fold(0u32, |r, &b| (r * 10 + digit(b)) % 97);
    if !bban.iter().all(u8::is_ascii_digit) {
        return !matches!(&country, b"ES" | b"BE" | b"ME" | b"NO");
    }
    match &country {
        b"ES" if bban.len() == 20 => {
            let check = |d: &[u8]| {
                let s: u32 = d
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| digit(b) << i)
                    .sum::<u32>()
                    % 11;
                if s < 2 {
                    s
                } else {
                    11 - s
                }
            };
            let mut bank = [b'0'; 10];
            bank[2..].copy_from_slice(&bban[..8]);
            check(&bank) == digit(bban[8]) && check(&bban[10..]) == digit(bban[9])
        }
        b"BE" if bban.len() == 12 => {
            let r = mod97(&bban[..10]);
            (if r == 0 { 97 } else { r }) == digit(bban[10]) * 10 + digit(bban[11])
        }
        b"ME" => mod97(bban) == 1,
        b"NO" if bban.len() == 11 => {
            let weights = [6, 7, 8, 9, 4, 5, 6, 7, 8, 9];
            let sum: u32 = weights.iter().zip(bban).map(|(w, &b)| w * digit(b)).sum();
            sum % 11 == digit(bban[10])
        }
        _ => true,
    }
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
    if rem != 1 {
        return IbanStatus::BadChecksum;
    }
    // The BBAN's registered structure and, where defined, its national check digits.
    let bban: Vec<u8> = compact().skip(4).collect();
    let country = [head[0], head[1]];
    if !bban_structure_ok(country, &bban) {
        return IbanStatus::NotIban;
    }
    if !national_check_ok(country, &bban) {
        return IbanStatus::BadChecksum;
    }
    IbanStatus::Valid
}

/// True when `text` is a valid IBAN once spaces, dashes and dots are removed and letters
/// upper-cased (python-stdnum's `iban.compact`).
pub fn is_valid(text: &str) -> bool {
    status(&compact(text)) == IbanStatus::Valid
}

/// [`is_valid`] without the national check digits (python-stdnum's `check_country=False`):
/// a national-check failure is the only way [`status`] says `BadChecksum` after MOD 97-10
/// passed.
pub fn is_valid_without_national_check(text: &str) -> bool {
    let compact = compact(text);
    match status(&compact) {
        IbanStatus::Valid => true,
        IbanStatus::NotIban => false,
        IbanStatus::BadChecksum => {
            let b = compact.as_bytes();
            // MOD 97-10 over the rearranged IBAN, as in `status`.
            let rem = b[4..].iter().chain(&b[..4]).fold(0u32, |rem, &c| {
                if c.is_ascii_digit() {
                    (rem * 10 + u32::from(c - b'0')) % 97
                } else {
                    (rem * 100 + u32::from(c - b'A') + 10) % 97
                }
            });
            rem == 1 && (2..=98).contains(&((b[2] - b'0') * 10 + (b[3] - b'0')))
        }
    }
}

fn compact(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
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
    fn bban_structure_and_national_checks() {
        assert!(BBAN.windows(2).all(|w| w[0].0 < w[1].0));
        // Every structure adds up to the registered length.
        for (code, spec) in BBAN {
            let mut total = 4;
            let mut n = 0;
            for c in spec.bytes() {
                if c.is_ascii_digit() {
                    n = n * 10 + usize::from(c - b'0');
                } else {
                    total += n;
                    n = 0;
                }
            }
            assert_eq!(
                country_length(code),
                Some(total),
                "{}",
                String::from_utf8_lossy(&code)
            );
        }
        // Checksum right, but a letter where digits belong (or the reverse).
        assert_eq!(status("BG93 BNBG 9661 1A20 3456 78"), IbanStatus::NotIban);
        assert_eq!(status("NL56 3003 0A17 1643 00"), IbanStatus::NotIban);
        assert_eq!(status("GI22 NW3K 0000 0000 7099 453"), IbanStatus::NotIban);
        // Checksum right, national check digits wrong.
        assert_eq!(status("ES2121000418450200051331"), IbanStatus::BadChecksum);
        assert_eq!(
            status("ES89 3183 1500 9500 0121 0562"),
            IbanStatus::BadChecksum
        );
        assert_eq!(status("ES91 2100 0418 4502 0005 1332"), IbanStatus::Valid);
        assert_eq!(status("ME25 5050 0001 2345 6789 51"), IbanStatus::Valid);
        assert_eq!(status("NO93 8601 1117 947"), IbanStatus::Valid);
        assert_eq!(status("BE68 5390 0754 7034"), IbanStatus::Valid);
        assert!(is_valid("es91-2100-0418-4502-0005-1332"));
        assert!(is_valid_without_national_check("ES2121000418450200051331"));
        assert!(!is_valid_without_national_check("ES2221000418450200051331"));
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
