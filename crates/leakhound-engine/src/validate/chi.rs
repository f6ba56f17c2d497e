//! Scotland's Community Health Index (CHI) numbers: ten digits, the first six the date of
//! birth (DDMMYY), the ninth even for women and odd for men, the tenth a mod-11 check digit
//! computed as for NHS numbers.

use super::nhs;

/// True when day `dd` exists in month `mm` (29 February is accepted for any year: the
/// century is not in the number).
pub fn date_exists(dd: u8, mm: u8) -> bool {
    let days = match mm {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=days).contains(&dd)
}

/// True when `text` (spaces and dashes ignored) is a CHI number: a real date and a valid
/// check digit.
pub fn is_valid(text: &str) -> bool {
    nhs::ten_digits(text)
        .is_some_and(|d| date_exists(d[0] * 10 + d[1], d[2] * 10 + d[3]) && nhs::mod11_ok(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("0101011237", true),
            ("010101 1237", true),
            ("1503824578", true),
            ("2902961006", true),
            ("2405786133", true),
            ("0101011233", false),
            // Check digit right, date impossible.
            ("3202011235", false),
            ("0013011235", false),
            ("3104011230", false),
            // Date right, check digit would be 10.
            ("1503824560", false),
            ("010101123", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
