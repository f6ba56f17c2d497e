//! International Mobile Equipment Identities (3GPP TS 23.003): 14 digits (TAC and serial),
//! 15 with the Luhn check digit, or 16 for the IMEISV (the check digit replaced by a
//! two-digit software version, so no checksum).

use crate::validate::luhn;

/// The digits of an IMEI with spaces or dashes anywhere (python-stdnum's `compact`), when
/// there are 14, 15 or 16 of them and nothing else.
pub fn compact(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(16);
    for c in text.trim().bytes() {
        match c {
            b' ' | b'-' => {}
            b'0'..=b'9' if out.len() < 16 => out.push(c),
            _ => return None,
        }
    }
    (14..=16).contains(&out.len()).then_some(out)
}

/// python-stdnum's `imei.is_valid`: 15 digits must pass Luhn; 14 and 16 have no check digit.
pub fn is_valid(text: &str) -> bool {
    match compact(text) {
        Some(d) if d.len() == 15 => luhn::is_valid(std::str::from_utf8(&d).unwrap_or("")),
        Some(_) => true,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in [
            "49-015420-323751",
            "35-209900-176148-1",
            "35-209900-176148-23",
            "350077-52-323751-3",
            "354178036859789",
            "35686800-004141-20",
            "490154203237518",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "35-417803-685978-1",
            "354178036859788",
            "3541780368597",
            "35417803685978901",
            "35417803685978a",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
    }
}
