//! RANDOMLY_GENERATED_TOKEN: high-entropy tokens near words that say they are secrets
//! ("session token", "signing secret", "recovery code"), whatever their provider.
//!
//! Confidence: the shape alone (length, mixed classes, entropy, none of the look-alikes) is
//! POSSIBLE; a supporting word near it makes it LIKELY. The pattern is searched only near
//! those words, so with the default rules every reported token has its support; words against
//! it ("order", "tracking", "version", "commit", "sha") take it back below LIKELY.
//!
//! Overlap with API_KEY: a value after a key-like name (`token=…`, `client_secret: …`) is a
//! candidate of both. API_KEY rates it higher (its keyword support lifts it to VERY_LIKELY)
//! and has the higher priority (85 against 33), so it keeps the span: this detector reports
//! what API_KEY cannot place, such as a token in a sentence ("the session token we got back
//! was …") or a recovery code. PASSWORD and PASSWORD_IN_CODE own values after password words,
//! which are not this detector's keywords.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::entropy::{self, Classes};
use base64::Engine as _;

/// Words that say a secret value follows. Lowercase, matched case-insensitively.
const KEYWORDS: &[&str] = &[
    "token",
    "secret",
    "session",
    "cookie",
    "nonce",
    "signature",
    "bearer",
    "credential",
    "passphrase",
    "recovery code",
    "backup code",
    "license key",
    "licence key",
    "encryption key",
    "signing key",
    "master key",
    "private key",
    "access key",
    "authorization",
];

/// A run of 20–128 token characters starting within 48 bytes after a keyword.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "RANDOMLY_GENERATED_TOKEN",
    description: "High-entropy generated tokens (session tokens, signing secrets, recovery codes) near secret words, excluding UUIDs, hashes, paths and encoded text",
    patterns: &[Pattern::near(
        "random-token-near-secret-word",
        // '=' only as base64 padding at the end: inside, it is an assignment ("trace_id=…"),
        // and the token is what follows it.
        r"(?-u:\b)(?P<value>[A-Za-z0-9][A-Za-z0-9_+/-]{19,127}={0,2})(?:$|[^A-Za-z0-9_+/=.-]|\.$|\.[^A-Za-z0-9_+/=-])",
        KEYWORDS,
        0,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: KEYWORDS,
        opposing: &[
            "order", "invoice", "tracking", "version", "sku", "ref:", "reference", "commit", "sha",
            "hash", "checksum", "digest", "uuid", "request id", "trace", "build", "serial",
            "example", "placeholder", "sample", "dummy",
        ],
        window: 48,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::Possible,
    },
    priority: 33,
    examples: &[
        Example {
            text: "Here is the session token we got back: Qm9vX2t8Lp3RzW7nYc4TdK1s — is it still valid?",
            finds: &["Qm9vX2t8Lp3RzW7nYc4TdK1s"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "The signing secret 5fJ2kLq9XwR3vTz8NpB6mYc1 was posted in #general by mistake.",
            finds: &["5fJ2kLq9XwR3vTz8NpB6mYc1"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Our license key 7HJK2-QW9PL-ZX4MN-8RT6V-B3CYD stopped working after the upgrade.",
            finds: &["7HJK2-QW9PL-ZX4MN-8RT6V-B3CYD"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "2FA recovery code 8f3K-2mQz-9XwL-4pTn-7bRv, please reset it",
            finds: &["8f3K-2mQz-9XwL-4pTn-7bRv"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "The webhook signature header was t7Rk2vQ9zL4mXp8NwB3cY6dF1gH5jK0s and it failed to verify.",
            finds: &["t7Rk2vQ9zL4mXp8NwB3cY6dF1gH5jK0s"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Your order token is ORD-2024-11-26-000123, use it for tracking.",
        "session id 550e8400-e29b-41d4-a716-446655440000 in the logs",
        "The token checksum e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 matches.",
        "the secret sauce lives in src/components/AuthenticationProvider/index",
        "session: getUserAccountSettingsById2 failed with a timeout",
        "token version 2024-11-26-release-candidate-3 is deployed",
        "auth header was dXNlcm5hbWU6cGFzc3dvcmQxMjM= (base64 of the test login)",
        "session object 507f1f77bcf86cd799439011 expired",
        "The token field is empty in the request, please check the session handling code.",
    ],
};

fn validate(value: &str) -> Option<Verdict> {
    is_random_token(value).then(|| Verdict::format_only(Confidence::Possible))
}

/// True when `value` looks generated: 20–128 characters, letters and digits mixed, high
/// entropy, and none of the shapes of things that are not secrets.
pub fn is_random_token(value: &str) -> bool {
    let len = value.len();
    if !(20..=128).contains(&len) || entropy::is_placeholder(value) || entropy::is_uuid(value) {
        return false;
    }
    let all_hex = value.bytes().all(|b| b.is_ascii_hexdigit());
    // Digests (MD5, SHA-1/224/256/384/512) and MongoDB ObjectIds are identifiers.
    if all_hex && matches!(len, 24 | 32 | 40 | 56 | 64 | 96 | 128) {
        return false;
    }
    let c = Classes::of(value);
    let letters = value.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    if letters < 2 || digits < 2 || u32::from(c.lower) + u32::from(c.upper) + u32::from(c.digit) < 2
    {
        return false;
    }
    if entropy::shannon(value) < 3.5 || entropy::is_sequential(value) {
        return false;
    }
    !(is_wordy(value) || is_path(value) || is_separated_identifier(value) || is_encoded_text(value))
}

/// Mostly made of lower-case words (`getUserAccountSettingsById2`): at least half the
/// characters sit in runs of four or more lower-case letters. A random base62 string has few.
fn is_wordy(value: &str) -> bool {
    let mut in_runs = 0;
    let mut run = 0;
    for b in value.bytes().chain(std::iter::once(b' ')) {
        if b.is_ascii_lowercase() {
            run += 1;
        } else {
            if run >= 4 {
                in_runs += run;
            }
            run = 0;
        }
    }
    in_runs * 2 >= value.len()
}

/// A file path or URL path: two or more `/`-separated segments that are words.
fn is_path(value: &str) -> bool {
    value.contains("//")
        || value
            .split('/')
            .filter(|s| {
                s.len() >= 3
                    && s.bytes()
                        .all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'.' || b == b'-')
            })
            .count()
            >= 2
}

/// Dates, versions and reference numbers joined by `-` or `_` (`2024-11-26-release-3`,
/// `ORD-2024-000123`): three or more parts, each all digits, all one case of letters, or short.
fn is_separated_identifier(value: &str) -> bool {
    let parts: Vec<&str> = value.split(['-', '_']).collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            p.len() <= 2
                || p.bytes().all(|b| b.is_ascii_digit())
                || p.bytes().all(|b| b.is_ascii_lowercase())
                || p.bytes().all(|b| b.is_ascii_uppercase())
        })
}

/// Base64 of text (`dXNlcm5hbWU6…` is "username:…"): decodes to at least 12 bytes of which
/// nearly all are printable ASCII. Random bytes decode to mostly unprintable ones.
fn is_encoded_text(value: &str) -> bool {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let decoded = [STANDARD, URL_SAFE]
        .iter()
        .find_map(|e| e.decode(value).ok())
        .or_else(|| {
            let trimmed = value.trim_end_matches('=');
            [STANDARD_NO_PAD, URL_SAFE_NO_PAD]
                .iter()
                .find_map(|e| e.decode(trimmed).ok())
        });
    let Some(bytes) = decoded else {
        return false;
    };
    let printable = bytes
        .iter()
        .filter(|b| b.is_ascii_graphic() || **b == b' ')
        .count();
    bytes.len() >= 12 && printable * 10 >= bytes.len() * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens() {
        for t in [
            "Qm9vX2t8Lp3RzW7nYc4TdK1s",
            "5fJ2kLq9XwR3vTz8NpB6mYc1",
            "7HJK2-QW9PL-ZX4MN-8RT6V-B3CYD",
            "a8f3c91d07be4e2f95d16c0a7b3e91f45c2d",
            "k2J9x/Lq8+Zr4TnW7vB1mY5cP3dF6g==",
        ] {
            assert!(is_random_token(t), "{t}");
        }
    }

    #[test]
    fn look_alikes() {
        for t in [
            "550e8400-e29b-41d4-a716-446655440000",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "d41d8cd98f00b204e9800998ecf8427e",
            "507f1f77bcf86cd799439011",
            "getUserAccountSettingsById2",
            "src/components/AuthenticationProvider/index",
            "2024-11-26-release-candidate-3",
            "ORD-2024-11-26-000123",
            "dXNlcm5hbWU6cGFzc3dvcmQxMjM=",
            "abcdefghijklmnopqrstuvwx12",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "short12Ab",
            "xxxxxxxxxxxxxxxxxxxxxxxx",
        ] {
            assert!(!is_random_token(t), "{t}");
        }
    }
}
