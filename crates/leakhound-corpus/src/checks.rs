//! Check digits, written from the published algorithms and independent of the engine's
//! validators, so the corpus can serve as an oracle for them.

/// Digits of an ASCII digit string.
fn digits(s: &str) -> Vec<u32> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .collect()
}

/// The Luhn (mod 10) check digit to append to `payload`.
pub fn luhn_digit(payload: &str) -> u32 {
    let mut sum = 0;
    for (i, d) in digits(payload).iter().rev().enumerate() {
        let mut d = *d;
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    (10 - sum % 10) % 10
}

/// Whether the digits of `number` pass Luhn.
pub fn luhn_valid(number: &str) -> bool {
    let d = digits(number);
    if d.len() < 2 {
        return false;
    }
    let s: String = d[..d.len() - 1]
        .iter()
        .map(|d| char::from(b'0' + *d as u8))
        .collect();
    luhn_digit(&s) == d[d.len() - 1]
}

/// IBAN check digits for a country code and BBAN (ISO 13616: mod 97 = 1).
pub fn iban_check(country: &str, bban: &str) -> u32 {
    let rearranged = format!("{bban}{country}00");
    98 - mod97(&rearranged)
}

/// The two check digits of a Spanish CCC (the BBAN of a Spanish IBAN): one over "00" and the
/// bank and branch codes (eight digits), one over the ten-digit account, each with the weights
/// 1, 2, 4, 8, 5, 10, 9, 7, 3, 6 mod 11 (11 - r; 10 becomes 1, 11 becomes 0).
pub fn es_ccc_digits(bank_branch: &str, account: &str) -> (u32, u32) {
    const WEIGHTS: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let digit =
        |ten: &[u32]| match 11 - ten.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum::<u32>() % 11 {
            11 => 0,
            10 => 1,
            d => d,
        };
    let mut first = vec![0, 0];
    first.extend(digits(bank_branch));
    (digit(&first), digit(&digits(account)))
}

/// Letters count as 10..35, as IBAN and the French NIR use.
pub fn mod97(s: &str) -> u32 {
    let mut r: u64 = 0;
    for c in s.chars() {
        let v = match c {
            '0'..='9' => u64::from(c as u8 - b'0'),
            'A'..='Z' => u64::from(c as u8 - b'A') + 10,
            _ => continue,
        };
        r = if v >= 10 {
            (r * 100 + v) % 97
        } else {
            (r * 10 + v) % 97
        };
    }
    r as u32
}

/// ABA routing number check: 3·7·1 weights, sum divisible by 10. Returns the ninth digit.
pub fn aba_digit(first8: &str) -> u32 {
    let w = [3, 7, 1, 3, 7, 1, 3, 7];
    let sum: u32 = digits(first8).iter().zip(w).map(|(d, w)| d * w).sum();
    (10 - sum % 10) % 10
}

/// VIN check character (position 9) for a 17-character VIN whose ninth character is ignored.
pub fn vin_check(vin: &str) -> char {
    let w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: char| -> u32 {
        match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A' | 'J' => 1,
            'B' | 'K' | 'S' => 2,
            'C' | 'L' | 'T' => 3,
            'D' | 'M' | 'U' => 4,
            'E' | 'N' | 'V' => 5,
            'F' | 'W' => 6,
            'G' | 'P' | 'X' => 7,
            'H' | 'Y' => 8,
            'R' | 'Z' => 9,
            _ => 0,
        }
    };
    let sum: u32 = vin.chars().zip(w).map(|(c, w)| value(c) * w).sum();
    match sum % 11 {
        10 => 'X',
        r => char::from(b'0' + r as u8),
    }
}

/// NPI check digit: Luhn over "80840" + the first nine digits.
pub fn npi_digit(first9: &str) -> u32 {
    luhn_digit(&format!("80840{first9}"))
}

/// Modulus 11 with weights 10..2 over nine digits (NHS number, Scotland CHI); `None` when
/// the remainder makes no valid number.
pub fn nhs_digit(first9: &str) -> Option<u32> {
    let sum: u32 = digits(first9)
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c),
    }
}

/// BC PHN check digit (digits 2–9 weighted 2,4,8,5,10,9,7,3; mod 11); `None` if invalid.
pub fn bc_phn_digit(first9: &str) -> Option<u32> {
    let w = [2, 4, 8, 5, 10, 9, 7, 3];
    let d = digits(first9);
    let sum: u32 = d[1..9].iter().zip(w).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        10 | 11 => None,
        c => Some(c),
    }
}

/// French NIR key: 97 − (number mod 97) over the 13 digits (Corsica's 2A/2B as 19/18).
pub fn nir_key(first13: &str) -> u32 {
    let n: u64 = first13
        .replace("2A", "19")
        .replace("2B", "18")
        .parse()
        .unwrap_or(0);
    97 - (n % 97) as u32
}

/// ICAO 9303 check digit (weights 7, 3, 1; letters A=10…Z=35).
pub fn icao_digit(s: &str) -> u32 {
    let w = [7, 3, 1];
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            let v = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            };
            v * w[i % 3]
        })
        .sum::<u32>()
        % 10
}

/// Irish PPSN check letter for seven digits and an optional second letter (A, B, H, W…).
pub fn ppsn_letter(seven: &str, second: Option<char>) -> char {
    let mut sum: u32 = digits(seven)
        .iter()
        .zip((2..=8).rev())
        .map(|(d, w)| d * w)
        .sum();
    if let Some(c) = second {
        if c != 'W' {
            sum += (c as u32 - 'A' as u32 + 1) * 9;
        }
    }
    match sum % 23 {
        0 => 'W',
        r => char::from(b'A' + r as u8 - 1),
    }
}

/// UK UTR check digit (the first digit) for the other nine digits.
pub fn utr_digit(last9: &str) -> char {
    let w = [6, 7, 8, 9, 10, 5, 4, 3, 2];
    let sum: u32 = digits(last9).iter().zip(w).map(|(d, w)| d * w).sum();
    b"21987654321"[(sum % 11) as usize] as char
}

/// The two CPF check digits for nine digits.
pub fn cpf_digits(first9: &str) -> (u32, u32) {
    let d = digits(first9);
    let dv = |d: &[u32]| {
        let n = d.len() as u32 + 1;
        let s: u32 = d.iter().enumerate().map(|(i, v)| v * (n - i as u32)).sum();
        match s % 11 {
            0 | 1 => 0,
            r => 11 - r,
        }
    };
    let a = dv(&d);
    let mut d2 = d.clone();
    d2.push(a);
    (a, dv(&d2))
}

/// The two CNPJ check digits for twelve digits.
pub fn cnpj_digits(first12: &str) -> (u32, u32) {
    let d = digits(first12);
    let dv = |d: &[u32]| {
        let w: &[u32] = if d.len() == 12 {
            &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
        } else {
            &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
        };
        let s: u32 = d.iter().zip(w).map(|(a, b)| a * b).sum();
        match s % 11 {
            0 | 1 => 0,
            r => 11 - r,
        }
    };
    let a = dv(&d);
    let mut d2 = d.clone();
    d2.push(a);
    (a, dv(&d2))
}

/// CUSIP check digit for eight characters.
pub fn cusip_digit(first8: &str) -> u32 {
    let mut sum = 0;
    for (i, c) in first8.chars().enumerate() {
        let mut v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            '*' => 36,
            '@' => 37,
            '#' => 38,
            _ => 0,
        };
        if i % 2 == 1 {
            v *= 2;
        }
        sum += v / 10 + v % 10;
    }
    (10 - sum % 10) % 10
}

/// CRC-32 (IEEE), for GitHub token checksums.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `n` in base 62 (0-9A-Za-z), left-padded with zeros to `width`.
pub fn base62(mut n: u32, width: usize) -> String {
    const A: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    while n > 0 {
        out.push(A[(n % 62) as usize]);
        n /= 62;
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published reference values for each algorithm.
    #[test]
    fn known_values() {
        assert!(luhn_valid("4111 1111 1111 1111"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert_eq!(iban_check("DE", "370400440532013000"), 89);
        assert_eq!(iban_check("GB", "NWBK60161331926819"), 29);
        // ES91 2100 0418 4502 0005 1332: bank 2100, branch 0418, CCC digits 45.
        assert_eq!(es_ccc_digits("21000418", "0200051332"), (4, 5));
        assert_eq!(aba_digit("01100001"), 5); // 011000015
        assert_eq!(vin_check("1M8GDM9A_KP042788"), 'X'); // 1M8GDM9AXKP042788
        assert_eq!(npi_digit("123456789"), 3); // 1234567893
        assert_eq!(nhs_digit("943476591"), Some(9)); // 9434765919
        assert_eq!(nir_key("2550814168025"), 38); // 2 55 08 14 168 025 38
        assert_eq!(icao_digit("L01X00T47"), 1); // German ID sample L01X00T471
        assert_eq!(ppsn_letter("1234567", None), 'T'); // 1234567T
        assert_eq!(ppsn_letter("1234567", Some('A')), 'F'); // 1234567FA
        assert_eq!(cpf_digits("111444777"), (3, 5)); // 111.444.777-35
        assert_eq!(cnpj_digits("112223330001"), (8, 1)); // 11.222.333/0001-81
        assert_eq!(cusip_digit("03783310"), 0); // Apple 037833100
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(utr_digit("955839661"), '1'); // 1955839661
    }

    #[test]
    fn nir_key_matches_definition() {
        let n: u64 = 2690149999999;
        assert_eq!(nir_key("2690149999999"), 97 - (n % 97) as u32);
    }
}
