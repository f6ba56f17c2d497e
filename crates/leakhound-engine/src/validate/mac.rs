//! MAC (EUI-48) addresses: six octets written as hex pairs separated by colons or dashes, or
//! as three groups of four hex digits separated by dots (Cisco).

/// The six octets of `text`. Colon and dash forms are read as python-stdnum's `mac.compact`
/// does (spaces removed, dashes taken as colons, one-digit octets zero-padded); the Cisco
/// `xxxx.xxxx.xxxx` form is accepted as well.
pub fn parse(text: &str) -> Option<[u8; 6]> {
    let t = text.trim();
    let mut out = [0u8; 6];
    if t.contains('.') {
        let groups: Vec<&str> = t.split('.').collect();
        if groups.len() != 3 || groups.iter().any(|g| g.len() != 4) {
            return None;
        }
        for (i, g) in groups.iter().enumerate() {
            let v = u16::from_str_radix(g, 16).ok()?;
            if !g.bytes().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            out[2 * i] = (v >> 8) as u8;
            out[2 * i + 1] = (v & 0xff) as u8;
        }
        return Some(out);
    }
    let cleaned: String = t
        .chars()
        .filter(|&c| c != ' ')
        .map(|c| if c == '-' { ':' } else { c })
        .collect();
    let groups: Vec<&str> = cleaned.split(':').collect();
    if groups.len() != 6 {
        return None;
    }
    for (slot, g) in out.iter_mut().zip(&groups) {
        if !(1..=2).contains(&g.len()) || !g.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        *slot = u8::from_str_radix(g, 16).ok()?;
    }
    Some(out)
}

/// True when `text` is a well-formed MAC address. Unlike python-stdnum's default, the IEEE
/// OUI registry is not consulted (leakhound does not ship it), which is stdnum's
/// `is_valid(…, validate_manufacturer=False)`.
pub fn is_valid(text: &str) -> bool {
    parse(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for v in [
            "d0:50:99:84:a2:a0",
            "D0-50-99-84-A2-A0",
            "d0:5:9:04:a2:a0",
            "fe:54:00:76:07:0a",
            "0050.5684.a2a0",
            "fd:ff:ff:84:a2:a0",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "d0:50:99:84:a2:a0:ff",
            "zz:50:99:84:a2:a0",
            "00:00:00:00:00",
            "123:23:45:67:89:00",
            "d0:50:99:84:a2:",
            "0050.5684.a2a",
            "0050.5684.a2a0.0000",
            "",
        ] {
            assert!(!is_valid(v), "{v}");
        }
        assert_eq!(
            parse("0050.5684.a2a0"),
            Some([0x00, 0x50, 0x56, 0x84, 0xa2, 0xa0])
        );
    }
}
