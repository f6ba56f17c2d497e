//! CRYPTOGRAPHIC_KEY: private keys pasted as PEM blocks or PuTTY key files.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::pem::{self, PemStatus};

/// Whole private-key blocks: PEM (`-----BEGIN RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP PRIVATE
/// KEY-----` … `-----END …-----`) and PuTTY `.ppk` files. Public keys and certificates are not
/// findings: publishing them is their purpose.
///
/// The body is matched with an unbounded lazy repeat of a small class rather than a bounded
/// `{16,16384}` one: a bounded repeat that large is compiled into one NFA state per
/// repetition and would dominate the size of the whole detector set, while a lazy star is a
/// single state. Prose after an unterminated `BEGIN` line ends the candidate at the first
/// character outside the class (any `'`, `!`, `?`, `"` or non-ASCII character).
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "CRYPTOGRAPHIC_KEY",
    description: "Private keys: PEM blocks (RSA, EC, DSA, PKCS#8, OpenSSH, PGP) and PuTTY key files",
    patterns: &[
        Pattern::near("pem-private-key", r"-----BEGIN[ A-Z0-9]{0,24} PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\r\n\t :,.()-]{16,}?-----END[ A-Z0-9]{0,24} PRIVATE KEY(?: BLOCK)?-----", &["-----begin"], 0, 0),
        Pattern::near("putty-private-key", r"PuTTY-User-Key-File-[23]: [A-Za-z0-9@.-]{3,64}\r?\n(?:[\x20-\x7E]*\r?\n){2,}?Private-Lines: [0-9]{1,3}\r?\n[A-Za-z0-9+/=\r\n]{16,}?Private-(?:MAC|Hash): [0-9a-fA-F]{40,64}", &["putty-user-key-file-"], 0, 0),
    ],
    validate,
    context: ContextPolicy::NONE,
    priority: 100,
    examples: &[
        Example {
            text: "Here is the key from the server:\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGNRjogbIScJuDVHdLhGrQAFwDAt7hVovdEPuPAB3Dp/oAoGCCqGSM49\nAwEHoUQDQgAEUINyVPC1D+ZTLxCeAQVM23yFCQEI4QsST1K/BHC3D7KfyTh44KZF\nd0TCYMve69dASkV3oe/KPsO0WmkwNIyeYA==\n-----END EC PRIVATE KEY-----\nthanks",
            finds: &["-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGNRjogbIScJuDVHdLhGrQAFwDAt7hVovdEPuPAB3Dp/oAoGCCqGSM49\nAwEHoUQDQgAEUINyVPC1D+ZTLxCeAQVM23yFCQEI4QsST1K/BHC3D7KfyTh44KZF\nd0TCYMve69dASkV3oe/KPsO0WmkwNIyeYA==\n-----END EC PRIVATE KEY-----"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "pkcs8: -----BEGIN PRIVATE KEY-----\r\nMC4CAQAwBQYDK2VwBCIEIJAH1RYMAGXTeAzyjbk1QWdL+UBDz/4Ta5dvDGP9Kb34\r\n-----END PRIVATE KEY-----",
            finds: &["-----BEGIN PRIVATE KEY-----\r\nMC4CAQAwBQYDK2VwBCIEIJAH1RYMAGXTeAzyjbk1QWdL+UBDz/4Ta5dvDGP9Kb34\r\n-----END PRIVATE KEY-----"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "my id_ed25519: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAtDRWZmYaq+384mXV9DAr6lyqC3xxIvIK/mkZi0YGf/wAAAJhGEc4ERhHO\nBAAAAAtzc2gtZWQyNTUxOQAAACAtDRWZmYaq+384mXV9DAr6lyqC3xxIvIK/mkZi0YGf/w\nAAAEDGOoToAsAiU7an9R6NHtcIazOjFxwMPrmnlOlGKwDl1i0NFZmZhqr7fziZdX0MCvqX\nKoLfHEi8gr+aRmLRgZ//AAAADnRlc3RAbGVha2hvdW5kAQIDBAUGBw==\n-----END OPENSSH PRIVATE KEY----- (it is the test box)",
            finds: &["-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAtDRWZmYaq+384mXV9DAr6lyqC3xxIvIK/mkZi0YGf/wAAAJhGEc4ERhHO\nBAAAAAtzc2gtZWQyNTUxOQAAACAtDRWZmYaq+384mXV9DAr6lyqC3xxIvIK/mkZi0YGf/w\nAAAEDGOoToAsAiU7an9R6NHtcIazOjFxwMPrmnlOlGKwDl1i0NFZmZhqr7fziZdX0MCvqX\nKoLfHEi8gr+aRmLRgZ//AAAADnRlc3RAbGVha2hvdW5kAQIDBAUGBw==\n-----END OPENSSH PRIVATE KEY-----"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nq2ZKMnX9fXzXk3hQ1l0rj7rU5mE1m7iW2Zk8Cq2o3Yb6Lx1pVq9dT8eRf0gHs4Jk\nZ5wY7uVt3sR2qP1oN0mL9kJ8iH7gF6eD5cB4aA3zZ2yX1wV0uT9sR8qP7oN6mL5k\n-----END RSA PRIVATE KEY-----",
            finds: &["-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nq2ZKMnX9fXzXk3hQ1l0rj7rU5mE1m7iW2Zk8Cq2o3Yb6Lx1pVq9dT8eRf0gHs4Jk\nZ5wY7uVt3sR2qP1oN0mL9kJ8iH7gF6eD5cB4aA3zZ2yX1wV0uT9sR8qP7oN6mL5k\n-----END RSA PRIVATE KEY-----"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "PuTTY-User-Key-File-2: ssh-ed25519\nEncryption: none\nComment: ed25519-key-20240101\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIHGrNt0Jm5kU2D4cN2hJ0ZrQ9v3h7Dk8nL2pW3sT\nx4yE\nPrivate-Lines: 1\nAAAAIE9f3kq2Zt8VwX0mJ7rP4sN6hL1cD9bG5yA2uT3eR8oQ\nPrivate-MAC: 5b1f3c0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b\n",
            finds: &["PuTTY-User-Key-File-2: ssh-ed25519\nEncryption: none\nComment: ed25519-key-20240101\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIHGrNt0Jm5kU2D4cN2hJ0ZrQ9v3h7Dk8nL2pW3sT\nx4yE\nPrivate-Lines: 1\nAAAAIE9f3kq2Zt8VwX0mJ7rP4sN6hL1cD9bG5yA2uT3eR8oQ\nPrivate-MAC: 5b1f3c0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEUINyVPC1D+ZTLxCeAQVM23yFCQEI\n4QsST1K/BHC3D7KfyTh44KZFd0TCYMve69dASkV3oe/KPsO0WmkwNIyeYA==\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUXvmZ3cYJpX8t0Z5F2b2QzjP0eAcwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC0NFZmZhqr7fziZdX0MCvqXKoLfHEi8gr+aRmLRgZ// test@leakhound",
        "I removed it: -----BEGIN RSA PRIVATE KEY----- [redacted] -----END RSA PRIVATE KEY-----",
        "The file starts with -----BEGIN OPENSSH PRIVATE KEY----- but I won't paste the rest!",
        "-----BEGIN PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5\n-----END PRIVATE KEY-----",
    ],
};

fn validate(block: &str) -> Option<Verdict> {
    if block.starts_with("PuTTY-User-Key-File-") {
        // The pattern already demands the header, the private lines and the MAC.
        return Some(Verdict::passed(Confidence::VeryLikely, "putty-structure"));
    }
    match pem::status(block) {
        // A complete private-key block carries its own context: the armour says what it is.
        PemStatus::Valid => Some(Verdict::passed(Confidence::VeryLikely, "pem-structure")),
        PemStatus::Truncated => Some(Verdict::failed(Confidence::Possible, "pem-structure")),
        PemStatus::BadBody => Some(Verdict::failed(Confidence::Unlikely, "pem-structure")),
        PemStatus::NotKey => None,
    }
}

#[cfg(test)]
mod tests {
    use regex_automata::meta::Regex;

    /// The body repeat must stay small: a bounded `{16,16384}` would not be.
    #[test]
    fn patterns_compile_small() {
        for p in super::DETECTOR.patterns {
            let re = Regex::new(p.regex().unwrap()).unwrap();
            assert!(
                re.memory_usage() < 200_000,
                "{}: {} bytes",
                p.name,
                re.memory_usage()
            );
        }
    }
}
