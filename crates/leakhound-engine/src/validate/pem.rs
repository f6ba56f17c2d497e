//! Private-key blocks: PEM armour (`-----BEGIN … PRIVATE KEY-----`), OpenSSH's own container
//! and PGP secret-key blocks, checked by structure: matching labels, a body of base64, and
//! the first decoded bytes being what that kind of key starts with.

use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

const B64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What the structure of a private-key block says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PemStatus {
    /// Labels agree and the body decodes to the start of that kind of key (or is encrypted).
    Valid,
    /// Labels agree but the body is too short to be a key: truncated or elided when pasted.
    /// What is left still gives part of the key away.
    Truncated,
    /// The body decodes to something that is not this kind of key.
    BadBody,
    /// Not a private-key block at all (labels disagree, or a public key or certificate).
    NotKey,
}

/// Fewer base64 characters than this cannot hold any private key (the smallest, an Ed25519
/// key in PKCS#8, has exactly 64).
const MIN_BODY: usize = 64;

/// Judges a whole `-----BEGIN …-----` … `-----END …-----` block.
pub fn status(block: &str) -> PemStatus {
    let Some((begin, rest)) = label(block, "-----BEGIN ") else {
        return PemStatus::NotKey;
    };
    let Some(end_at) = rest.rfind("-----END ") else {
        return PemStatus::NotKey;
    };
    let Some((end, _)) = label(&rest[end_at..], "-----END ") else {
        return PemStatus::NotKey;
    };
    if begin != end || !begin.contains("PRIVATE KEY") {
        return PemStatus::NotKey;
    }
    let body = &rest[..end_at];
    // Header lines ("Proc-Type: 4,ENCRYPTED", "DEK-Info: …", PGP "Version: …") hold a colon;
    // a PGP checksum line starts with '='. Neither is part of the key bytes.
    let mut encrypted = begin.contains("ENCRYPTED");
    let mut first = [0u8; 24];
    let mut n_first = 0usize;
    let mut total = 0usize;
    for line in body.lines().map(str::trim) {
        if line.contains(':') {
            encrypted |= line.contains("ENCRYPTED");
            continue;
        }
        if line.starts_with('=') {
            continue;
        }
        for b in line.bytes() {
            if !(b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=') {
                return PemStatus::Truncated;
            }
            if n_first < first.len() {
                first[n_first] = b;
                n_first += 1;
            }
            total += 1;
        }
    }
    if total < MIN_BODY {
        return PemStatus::Truncated;
    }
    if encrypted {
        return PemStatus::Valid;
    }
    let mut decoded = [0u8; 18];
    let Ok(n) = B64.decode_slice(&first[..n_first], &mut decoded) else {
        return PemStatus::BadBody;
    };
    let decoded = &decoded[..n];
    let ok = if begin.contains("OPENSSH") {
        decoded.starts_with(b"openssh-key-v1\0")
    } else if begin.contains("PGP") {
        // A PGP packet header always has its top bit set.
        decoded.first().is_some_and(|b| b & 0x80 != 0)
    } else {
        // PKCS#1, SEC1, PKCS#8 and DSA keys are all a DER SEQUENCE.
        decoded.first() == Some(&0x30)
    };
    if ok {
        PemStatus::Valid
    } else {
        PemStatus::BadBody
    }
}

/// Reads the label after `prefix` up to the closing `-----`, returning it and the text after.
fn label<'a>(text: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    let after = text.strip_prefix(prefix)?;
    let close = after.find("-----")?;
    Some((after[..close].trim(), &after[close + 5..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EC: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oBHJNPVDzVc/oAoGCCqGSM49\nAwEHoUQDQgAEbM0QnfZyQEjvZYIRXfjOX3lEHoT2UzYOVt4R5ZKPTgWS3eGqu1j8\nfDVp8mV5QZD0RjjJdYF9yBfvLfBGYCO6oQ==\n-----END EC PRIVATE KEY-----";

    #[test]
    fn valid_blocks() {
        assert_eq!(status(EC), PemStatus::Valid);
        let pkcs8 = EC.replace("EC PRIVATE KEY", "PRIVATE KEY");
        assert_eq!(status(&pkcs8), PemStatus::Valid);
        let openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACB7dXNlZGZvcnRlc3Rpbmdvbmx5X25vdF9hX3JlYWxfa2V5AAAAkA==\n-----END OPENSSH PRIVATE KEY-----";
        assert_eq!(status(openssh), PemStatus::Valid);
        let legacy_encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nq2ZKMnX9fXzXk3hQ1l0rj7rU5mE1m7iW2Zk8Cq2o3Yb6Lx1pVq9dT8eRf0gHs4Jk\nZ5wY7uVt3sR2qP1oN0mL9kJ8iH7gF6eD5cB4aA3zZ2yX1wV0uT9sR8qP7oN6mL5k\n-----END RSA PRIVATE KEY-----";
        assert_eq!(status(legacy_encrypted), PemStatus::Valid);
    }

    #[test]
    fn near_misses() {
        let mismatched = EC.replace("END EC PRIVATE", "END RSA PRIVATE");
        assert_eq!(status(&mismatched), PemStatus::NotKey);
        let public = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbM0QnfZyQEjvZYIRXfjOX3lEHoT2\n-----END PUBLIC KEY-----";
        assert_eq!(status(public), PemStatus::NotKey);
        let snipped = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...(snip)...\n-----END RSA PRIVATE KEY-----";
        assert_eq!(status(snipped), PemStatus::Truncated);
        let not_der = "-----BEGIN PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5\n-----END PRIVATE KEY-----";
        assert_eq!(status(not_der), PemStatus::BadBody);
        assert_eq!(status("-----BEGIN PRIVATE KEY-----"), PemStatus::NotKey);
        assert_eq!(status(""), PemStatus::NotKey);
    }
}
