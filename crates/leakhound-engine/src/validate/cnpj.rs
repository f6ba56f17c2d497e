//! Brazilian CNPJ (Cadastro Nacional da Pessoa Jurídica): twelve characters (digits, and
//! since July 2026 also capital letters, valued as their ASCII code − 48) and two check
//! digits (mod 11, weights 5..2 9..2 then 6..2 9..2). As python-stdnum's `br.cnpj` (spaces,
//! dashes, dots and slashes ignored; twelve leading zeros rejected).

use super::compact::compact;

fn check_digit(values: &[u32]) -> u32 {
    const WEIGHTS: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let weights = &WEIGHTS[WEIGHTS.len() - values.len()..];
    let sum: u32 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
    (11 - sum % 11) % 11 % 10
}

/// The fourteen compacted bytes of a valid CNPJ.
pub fn checked(text: &str) -> Option<[u8; 14]> {
    let c = compact(text, " -./", true)?;
    let b: [u8; 14] = c.bytes().try_into().ok()?;
    if !b
        .iter()
        .all(|x| x.is_ascii_digit() || x.is_ascii_uppercase())
        || b[..12] == [b'0'; 12]
    {
        return None;
    }
    let mut values = [0u32; 13];
    for (v, &x) in values.iter_mut().zip(&b[..12]) {
        *v = u32::from(x) - 48;
    }
    let d1 = check_digit(&values[..12]);
    values[12] = d1;
    let d2 = check_digit(&values);
    (u32::from(b[12]) == d1 + 48 && u32::from(b[13]) == d2 + 48).then_some(b)
}

/// True when `text` is a valid CNPJ, as python-stdnum's `br.cnpj.is_valid`.
pub fn is_valid(text: &str) -> bool {
    checked(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (n, ok) in [
            ("16.727.230/0001-97", true),
            ("16727230000197", true),
            ("16.727.230.0001-97", true),
            ("12. ABC.345 /01DE\u{2013}35", true),
            ("12.abc.345/01de-35", true),
            ("11.222.333/0001-81", true),
            ("16.727.230.0001-98", false),
            ("16.727.230/0001=97", false),
            ("00.000.000/0000-00", false),
            ("1672723000019", false),
            ("12.ABC.345/01DE-3A", false),
            ("", false),
        ] {
            assert_eq!(is_valid(n), ok, "{n}");
        }
    }
}
