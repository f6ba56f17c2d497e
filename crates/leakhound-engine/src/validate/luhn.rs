//! The Luhn (mod 10) checksum used by payment cards, IMEIs and Canadian SINs.

/// True when the digits of `text` (other characters ignored) pass the Luhn check.
/// Fewer than two digits never pass.
pub fn is_valid(text: &str) -> bool {
    let mut sum = 0u32;
    let mut count = 0usize;
    // Walk from the right: every second digit, starting with the one left of the check
    // digit, is doubled.
    for (i, d) in text.bytes().rev().filter(u8::is_ascii_digit).enumerate() {
        let d = u32::from(d - b'0');
        sum += if i % 2 == 1 {
            let doubled = d * 2;
            if doubled > 9 {
                doubled - 9
            } else {
                doubled
            }
        } else {
            d
        };
        count += 1;
    }
    count >= 2 && sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn table() {
        let valid = [
            "4111111111111111",
            "4111 1111 1111 1111",
            "5500-0000-0000-0004",
            "378282246310005",
            "6011111111111117",
            "79927398713",
        ];
        let invalid = [
            "4111111111111112",
            "1234567812345678",
            "79927398710",
            "0",
            "",
        ];
        for v in valid {
            assert!(is_valid(v), "{v} should pass");
        }
        for v in invalid {
            assert!(!is_valid(v), "{v} should fail");
        }
    }
}
