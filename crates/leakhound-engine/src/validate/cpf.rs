//! Brazilian CPF (Cadastro de Pessoas Físicas): eleven digits, the last two check digits
//! (mod 11 with weights 10..2, then 11..2). As python-stdnum's `br.cpf` (spaces, dots and
//! dashes ignored; all zeros rejected).

use super::compact::compact;

/// The eleven digits of `text` (separators dropped) when they are digits only.
pub fn eleven_digits(text: &str) -> Option<[u8; 11]> {
    let c = compact(text, " -.", false)?;
    if !c.all_digits() {
        return None;
    }
    let b: [u8; 11] = c.bytes().try_into().ok()?;
    Some(b.map(|x| x - b'0'))
}

fn check_digit(d: &[u8], first_weight: u32) -> u8 {
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &x)| (first_weight - i as u32) * u32::from(x))
        .sum();
    ((11 - sum % 11) % 11 % 10) as u8
}

/// True when both check digits of eleven digits match.
pub fn checks(d: &[u8; 11]) -> bool {
    check_digit(&d[..9], 10) == d[9] && check_digit(&d[..10], 11) == d[10]
}

/// True when `text` is a valid CPF, as python-stdnum's `br.cpf.is_valid`. Numbers of one
/// repeated digit pass this (they pass the checksum); the detector rejects them.
pub fn is_valid(text: &str) -> bool {
    eleven_digits(text).is_some_and(|d| d.iter().any(|&x| x != 0) && checks(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("390.533.447-05", true),
            ("39053344705", true),
            ("111.444.777-35", true),
            ("529.982.247-25", true),
            ("111.111.111-11", true),
            ("231.002.999-00", false),
            ("390.533.447=0", false),
            ("390.533.447-06", false),
            ("390.533.447-50", false),
            ("000.000.000-00", false),
            ("3905334470", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
