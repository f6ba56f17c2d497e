//! RANDOMLY_GENERATED_TOKEN: high-entropy tokens near words that say they are secrets
//! ("session token", "signing secret", "recovery code"), whatever their provider.
//!
//! Confidence: the shape alone (length, mixed classes, entropy, none of the look-alikes) is
//! POSSIBLE; a supporting word near it makes it LIKELY. The pattern is searched only near
//! those words, so with the default rules every reported token has its support; words against
//! it ("order", "tracking", "version", "commit", "sha") take it back below LIKELY.
//!
//! Overlap with API_KEY: API_KEY owns provider-shaped credentials (`ghp_…`, `AKIA…`, JWTs)
//! wherever they stand, and values after names that say "key" (`api_key=…`,
//! `client_secret: …`, "our API key is …"); it rates them higher and has the higher priority
//! (85 against 33), so it keeps those spans. A value without a provider's shape after a bare
//! token or secret word (`session token: …`, `X-Auth-Token: …`, `?token=…`, `Authorization:
//! Bearer …`, "webhook secret …") is a generated token, not an API key: it is this
//! detector's alone. PASSWORD and PASSWORD_IN_CODE own values after password words, which
//! are not this detector's keywords.

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
        // and the token is what follows it. The character before the value is no token
        // character either: a run longer than 128 (an inline image) is not cut at a '/' or
        // '+' into a token-sized tail.
        r"(?:^|[^A-Za-z0-9_+/-])(?P<value>[A-Za-z0-9][A-Za-z0-9_+/-]{19,127}={0,2})(?:$|[^A-Za-z0-9_+/=.-]|\.$|\.[^A-Za-z0-9_+/=-])",
        KEYWORDS,
        0,
        48,
    )],
    validate,
    context: ContextPolicy {
        supporting: KEYWORDS,
        opposing: &[
            // Not "reference": an OAuth reference token is a secret, and reference numbers
            // (digits) never pass the token shape; "ref:" still names an identifier.
            "order", "invoice", "tracking", "version", "sku", "ref:", "commit", "sha",
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
            text: "X-Auth-Token: 82c5Mf4260JqSwxnXppRvUqESyMsXytsdI8AGbdK",
            finds: &["82c5Mf4260JqSwxnXppRvUqESyMsXytsdI8AGbdK"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "the reset link has token=xkFrXvB_e8fCY5kfCdlmFSGYP5B1Skqw and it expired immediately",
            finds: &["xkFrXvB_e8fCY5kfCdlmFSGYP5B1Skqw"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "curl -H 'Authorization: Bearer Tq7Lm2XzR9vKp4WnB8cY3dF6gH1jS5aE' https://api.internal/v1/me",
            finds: &["Tq7Lm2XzR9vKp4WnB8cY3dF6gH1jS5aE"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "session token: R8WVUZGnWnGiBDVNteYMwvZH26ymRl8Kwbb\nYour reference number is 187076898.",
            finds: &["R8WVUZGnWnGiBDVNteYMwvZH26ymRl8Kwbb"],
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
        "-----END PRIVATE KEY-----\n\nsrc=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAATAajgFKQ9SkJtGwxKJ/3EMjn4W8wMj58JoKnFifh\"",
        "the session cookie holds /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof",
        "token logo: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGQAAABkCAYAAABw4pVUAAAACXBIWXMAAAsTAAALEwEAmpwYAAAF8klEQVR4nO2dW2wUVRjHf2e2u+3SUgq0tLS0gIJchMQUgRAUiRgvMYGI8UJIvMRL9MWYmPhgYnzRB9/0wURjQozRGB8kGgwmxKDGC+KFq4IgUChQWkrbXbvb3e7MHB+227ltd6Yzc2ZP6/klTbNnZs7M+X/n+853zpndAYVCoVAoFAqFQqFQKBQKhUKhUCgUCoVCoVAoFAqFQqFQKBQKhUKhUCgU/zskvwP4f2LLli3rRo4cuUVK+VVN9+WUUlULmAtKigbLW6H5wEBBhOBBq1IZMDFBAJVVfuZAKLoMD+P4d/PmzfvUp7CzJnBRAAiIAJOBu8BSQAT3uG4vr9+9hGxeQAEKmgYQBAWECLAJ+BnYDKx0PQ7hu75FOGsCFxEQAhYCvwGXAK8BY/tKTdPO+v3KZVcsYGdVIGSGpwfPAm5wuGo+xd3bYGr8OFMmhgbFUfcQMEAW4fFUgZBG+lMjX8ARu1DYQKyL4KwKBEgSIGvRrjOHqHvRwaHYLRXFN5TVc+BlnwVeOSIpfaLLcHqA3V0KhmNG5dzgkAiBWxZHhSnt2QbARVZ0TyW9fnAmwiKC4hFrlmeEgcVxe9kXAg1B+hMYCQwFj4CGgjXLqgmBXRxDyXsD6ZBQVDjvN3rSBzqTInqA9YBrYZvZohR7w6X+6fy9ooQhLlJBtS7ZD3+Rkt7NvVtE7Ii6oiphdkCsrDcxJvFzMR8c9yzcUxBKgq8y3tbXDgA2yfRz3Jn43Hmg0YnDmQ0p6zbG0zlgvOJL81dBuYLyLEAJH8P7f0KMvIREKz5GdchRgJ/HLdRwaGeWXCxS+JtbN4QS/VRNjAv7xhN/f0wcXq2RgR4gLaMcR+B6zGsljzj84nHQbO/s0Gt5TiqP9YUsEtW/Z1m8iwTqSpDMGOq0ycxs8a/rI47J5l3NmQvoYU/tmyVBwKZQqAuyOp3K89LikM6tP9bpvBHbZxdbUj/p8r8a0B7gpUw+C2FA79CXU5v+OqfmG2hBcU2eVAMiDBFSKByYjjx1pnOX1hvzKhmQ3FUwEuAxpQxUEJWGnJHuuX3D+OlHCfnhH4pmWL+A4DH5WyrfM8MaL6UobGsfrx6TPH8cn6mTAYBB4PsJnRnJy9hU5nVe7I5DaE5gzWm0HAsnjRNdjQ9/bx8rW0P7B5uxslcGTB4CvEqg4f2k5IN3u/L6GIh/9KTuomwI9ep2ge49C3dpGCYJvQ3QD3RXVsPd4EzXbLjp8tdxjMtOB9mo2rkN/A6IYAzD3nVjv97vgzvxWLI4LnBXUd9hQFYQq8oFrv5XXjfTM5uxZ0tqhbi9Yt+xBZ/YS2+32cGhNY/Y7tTXkAuwG0pN8cC4KRMhs2ng3t08ufP+O5nrpLm+wkBU5Wro0h3VuNqsKfvUZffGXKh6VSLRj38pJMtm97vvrvPZ3+wyCKLquyDTwXdYFcF8sF+qYZKCZ+R6wNVG2L1DqbxyMCn8ELBe9+Ut2e5hMOVbbzU+5tYM+DwIbFxvtkDnjgJdvcbf5dIP2KdtzmoF27g6QL6S27x5QFfz/EMO/2L3MD3wXMh8uBPwAfA6XAbQnbGYq2gnPgDJZsBBkBRQG3AVnpNjVlM4N1Qmy1z/e7WRHhBGS0Ok/jj+UwH0g0WBuAf0O0zZvBbIsMf+4CBxW4oLsWCYgoi+PxvSLiuRbMxKqO8HMrGAI1e4XoJ0X0bC4hFcwiyhu9AMRBQOxk1R5wGUzixBfQ2nFxBZt+BSQX9Uj9gVXI7/8fThDYGGO4nAxHlpwcBv8Ahr9I8XcvK5vJqW5HD7YStN8JVmPjdOefCnoWl3yAUm3fxGjg0Kz4f5wvOqx7gcNLpDr7tMC/gArMG8Fq+NH6eeGvdeD7g9MzvIiQCB07bR8NNfVNXWucfp0AE7Xl9/D8o0WfxZVdkbo4eb++78T1IpyNRa7F9fi4fLnwvrY27N/lIf0/tcj6j4bWRcx2Ot6rXnx0LUXNq7cfwbtn1lfL7PwDP8u9vxl+3oKyBvgVWD7K5b3cVN/zwgkfVo3sdsVYZq8vQmzPWjGr4wwfH2cKuNmzcbv5T6nrJO/x0dwL/gyS/J9D1hZM1e6s+xCwSoM4n3Lt8lrd/8CfjCKlOcwV6EAAAAASUVORK5CYII= in the login page",
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
    !(is_wordy(value)
        || is_path(value)
        || is_separated_identifier(value)
        || is_encoded_text(value)
        || is_encoded_file(value))
}

/// Base64 of a file (an inline image in `data:image/png;base64,…`, a PDF): it starts with
/// the encoding of the format's magic bytes. Generated tokens have no file header.
fn is_encoded_file(value: &str) -> bool {
    const HEADERS: &[&str] = &[
        "iVBORw0KGgo", // PNG
        "9j/4",        // JPEG ("/9j/4…": the token pattern starts after the '/')
        "R0lGOD",      // GIF
        "UklGR",       // RIFF (WebP, WAV)
        "JVBERi0",     // PDF
        "UEsDB",       // ZIP (docx, xlsx)
        "PHN2Zy",      // "<svg"
        "PD94bW",      // "<?xml"
    ];
    HEADERS.iter().any(|h| value.starts_with(h))
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
    let mut parts = value.split(['-', '_']);
    value.bytes().filter(|b| matches!(b, b'-' | b'_')).count() >= 2
        && parts.all(|p| {
            p.len() <= 2
                || p.bytes().all(|b| b.is_ascii_digit())
                || p.bytes().all(|b| b.is_ascii_lowercase())
                || p.bytes().all(|b| b.is_ascii_uppercase())
        })
}

/// Base64 of text (`dXNlcm5hbWU6…` is "username:…"): decodes to at least 12 bytes of which
/// nearly all are printable ASCII. Random bytes decode to mostly unprintable ones.
fn is_encoded_text(value: &str) -> bool {
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    // Trailing padding dropped, the text decodes without it exactly when it decodes with
    // correct padding. Decoded into a buffer on the stack: a token has at most 128
    // characters, which decode to at most 96 bytes.
    let trimmed = value.trim_end_matches('=');
    let mut buffer = [0u8; 128];
    let Some(len) = [STANDARD_NO_PAD, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|e| e.decode_slice(trimmed, &mut buffer).ok())
    else {
        return false;
    };
    let bytes = &buffer[..len];
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
            "iVBORw0KGgoAAAANSUhEUgAATAajgFKQ9SkJtGwxKJ/3EMjn4W8wMj58JoKnFifh",
            "JVBERi0xLjcKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI",
        ] {
            assert!(!is_random_token(t), "{t}");
        }
    }
}
