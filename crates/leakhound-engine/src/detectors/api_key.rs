//! API_KEY: provider API keys and tokens, and high-entropy values assigned to key-like names.
//!
//! How it shares values with the other secret detectors:
//! - a `value` after a key-like name is API_KEY's (`api_key=…`, `HEROKU_API_KEY=…`); the same
//!   span may also be a RANDOMLY_GENERATED_TOKEN candidate, and API_KEY wins the overlap (higher
//!   confidence with its keyword support, and higher priority at equal confidence);
//! - passwords (`password=…`) are PASSWORD's and PASSWORD_IN_CODE's, never API_KEY's: no API_KEY
//!   keyword is a password word;
//! - credentials inside a connection URI are DATABASE_CONNECTION_STRING's (the longer span wins),
//!   and a service-account JSON is GCP_CREDENTIALS's.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Verdict};
use crate::detectors::secrets::providers::{self, PATTERNS};
use crate::validate::entropy::{self, Classes};
use crate::validate::jwt;

/// Provider credentials (the rule table in [`crate::detectors::secrets::providers`], one `near`
/// pattern per credential type, named by its rule id such as `github-pat`), JSON Web Tokens,
/// and generic secrets: a high-entropy value right after a name such as `api_key`, `token` or
/// `client_secret`.
///
/// The validator sees only the value, so it tells the rules apart by shape:
/// - a value that starts with a provider prefix ([`providers::PREFIXES`]) needs only a body that looks
///   generated;
/// - a value made only of hex digits and dashes (UUIDs, 32/40/64-hex keys) can come only from a
///   provider-name rule (`HEROKU_API_KEY=<uuid>`): the generic rule's value must hold a
///   character outside `[0-9A-Fa-f-]` among its first eight, so "token: <sha256>" and
///   "token: <request uuid>" are never candidates;
/// - no value shorter than 20 characters is a finding (the shortest provider values have 20);
/// - everything else passes the generic rule's test: entropy, mixed classes, and none of the
///   shapes of things that are not secrets.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "API_KEY",
    description: "API keys and tokens: 200+ provider formats (AWS, Azure, GCP, GitHub, Slack, Stripe, OpenAI, …), JWTs and high-entropy secrets after key names",
    patterns: PATTERNS,
    validate,
    context: ContextPolicy {
        supporting: &[
            "key", "token", "secret", "api", "credential", "bearer", "authorization", "leak", "revoke", "rotate",
            "webhook", "env", "export ", "config", "accountkey",
        ],
        // Provider-name rules take UUIDs and hex keys: ids and digests next to such names
        // ("heroku app id: …") must lose their confidence.
        opposing: &[
            "example", "placeholder", "dummy", "sample", "fake", "documentation", "redacted", "app id",
            "request id", "user id", "id:", "id=", "guid", "uuid", "order", "invoice", "tracking", "commit", "checksum", "sha1", "sha256",
            "md5",
        ],
        window: 40,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 85,
    examples: &[
        Example {
            text: "I accidentally pasted my AWS key AKIAEQH5AV2RICPHKQDL into the chat.",
            finds: &["AKIAEQH5AV2RICPHKQDL"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "aws_secret_access_key = zNNAL5wIScGebcy8F5n3+YNBDRzrZSgqbjG3uhkW",
            finds: &["zNNAL5wIScGebcy8F5n3+YNBDRzrZSgqbjG3uhkW"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Our CI log shows ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d in plain text",
            finds: &["ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "fine-grained 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 and glpat-b8DwkNhFdnXsiVpzz63F",
            finds: &[
                "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",
                "glpat-b8DwkNhFdnXsiVpzz63F",
            ],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "SLACK_BOT_TOKEN=xoxb-12768426846-5632122330792-qsajAIxNKu8iS2G8NPRVdD53",
            finds: &["xoxb-12768426846-5632122330792-qsajAIxNKu8iS2G8NPRVdD53"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "alerts go to https://hooks.slack.com/services/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 now",
            finds: &["https://hooks.slack.com/services/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"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Stripe charged with sk_live_51X83RZJzzzzgEOzdmenCkhv yesterday",
            finds: &["sk_live_51X83RZJzzzzgEOzdmenCkhv"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Stripe test mode sk_test_51MdgaKjIg8xNbe3nNyjOq9w works",
            finds: &["sk_test_51MdgaKjIg8xNbe3nNyjOq9w"],
            min_confidence: Confidence::Possible,
        },
        Example {
            text: "GOOGLE_API_KEY=AIzacAUsdMlHUvTCQCyEZDz-TddJ8HyS5SUkCnD",
            finds: &["AIzacAUsdMlHUvTCQCyEZDz-TddJ8HyS5SUkCnD"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "OPENAI_API_KEY=sk-proj-8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1q",
            finds: &["sk-proj-8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1q"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "export ANTHROPIC_API_KEY=sk-ant-api03-9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR1zTOlUcR64cXQLioDnkHIfxIq2HZt-PlJhx2jIclHkCAA",
            finds: &["sk-ant-api03-9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR1zTOlUcR64cXQLioDnkHIfxIq2HZt-PlJhx2jIclHkCAA"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            finds: &["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "config: api_key=Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A; client_secret: \"3GQsMpSscDlkrCaqx9vJupc94tnwlavy\"",
            finds: &["Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A", "3GQsMpSscDlkrCaqx9vJupc94tnwlavy"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Access key id AKIAQ4WZ7RB2MXKD5TJN, and the AWS secret access key is q8Lz3Vt9Xr2Kp7Wn4Bc6Yd1Fg5Hj0Ms2Na8Qe3Ru.",
            finds: &["AKIAQ4WZ7RB2MXKD5TJN", "q8Lz3Vt9Xr2Kp7Wn4Bc6Yd1Fg5Hj0Ms2Na8Qe3Ru"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Deploy failed, the log had HEROKU_API_KEY=bf6da6ee-69bd-84fc-8b33-3d895454f7a9 in it",
            finds: &["bf6da6ee-69bd-84fc-8b33-3d895454f7a9"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "TWILIO_AUTH_TOKEN=7f227d39e53ace0cf5f16ae423949a54 and SENDGRID_API_KEY=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",
            finds: &["7f227d39e53ace0cf5f16ae423949a54", "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"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "DD_API_KEY=91b56635dfea6e9ddbdbba1af894d567",
            finds: &["91b56635dfea6e9ddbdbba1af894d567"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "//registry.npmjs.org/:_authToken=npm_2VVb2FgXTKhnySLRYyvA1lCVm6yyr5icgCal",
            finds: &["npm_2VVb2FgXTKhnySLRYyvA1lCVm6yyr5icgCal"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "DefaultEndpointsProtocol=https;AccountName=contosoprod;AccountKey=N1zLePZlSfnK+9UpXdxgAyJ9ujjnk8hUJQQ+u/R3r4dv1ohf/crVQ3S8UH5Nmkn+SOFFfI/D+/3l6BadJ7lMTi==;EndpointSuffix=core.windows.net",
            finds: &["N1zLePZlSfnK+9UpXdxgAyJ9ujjnk8hUJQQ+u/R3r4dv1ohf/crVQ3S8UH5Nmkn+SOFFfI/D+/3l6BadJ7lMTi=="],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "the bot uses 0145679389:AA-UGemaO-AkgSwlWLsZbGsVY1PS_vYJsEm as its telegram token",
            finds: &["0145679389:AA-UGemaO-AkgSwlWLsZbGsVY1PS_vYJsEm"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "mailchimp key 064477e4425af2f5f8f450c6fba24fc1-us21 in the form",
            finds: &["064477e4425af2f5f8f450c6fba24fc1-us21"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "HF_TOKEN=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, VAULT_TOKEN=hvs.9tS2uDfUebXbCwQKtcy-lDs-1T9I_D983PCihEmhE5Z4Ey6s9lnvOklYp8S1Kp66lW22cbXEMz5o5V6t1zOpM-WBld_0PBw",
            finds: &[
                "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",
                "hvs.9tS2uDfUebXbCwQKtcy-lDs-1T9I_D983PCihEmhE5Z4Ey6s9lnvOklYp8S1Kp66lW22cbXEMz5o5V6t1zOpM-WBld_0PBw",
            ],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "shopify admin 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 and doctl auth with dop_v1_49b45c583ed62641cdfeb121077c8427afb29ed3a40fe1568aa938a6c551dd26",
            finds: &[
                "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",
                "dop_v1_49b45c583ed62641cdfeb121077c8427afb29ed3a40fe1568aa938a6c551dd26",
            ],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "heroku app id: 7c1e5a90-3b2d-4f8e-9a61-d2b4c8e07f35 (from the dashboard URL)",
        "HubSpot contact id: 3F6A9C21-7B4D-4E8F-A1C3-5D7E9B2F4A60 was merged twice",
        "The request id is 3f9a1c7e-52b8-4d06-8e1f-a4c29b7d0e63, token: see the attached screenshot",
        "sentry event 5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c checksum mismatch",
        "Datadog order DD-2024-118273 and invoice 4471-2231 are attached.",
        "GitHub says ghp_ tokens are replaced by fine-grained ones; SG. keys are SendGrid's.",
        "The GitHub docs show ghp_16C7e42F292c6912E7710c838347Ae178B4a and Slack's show xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy.",
        "Our publishable key pk_live_51MxEhh2FDEEtfjgVvVqE1Sk is fine to share.",
        "token: 550e8400-e29b-41d4-a716-446655440000 (that's the request id)",
        "Set api_key: <your-api-key> in the config file.",
        "secret = xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "The release token: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 is a sha256.",
        "The AWS docs use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in every sample.",
        "auth: 12345678901234567890123 is the order reference",
        "Your token is expired, please refresh it from the dashboard.",
        "We use sk-learn-pipeline-tutorial-v2 for training, token=this_is_not_a_real_token_value.",
        "Commit da39a3ee5e6b4b0d3255bfef95601890afd80709 fixed the TOKEN=ABCDEFGHIJKLMNOPQRSTUVWXYZ bug.",
        "In the docs: token=abc123def456ghi789jkl012mno345pqr678 (a fake).",
    ],
};

fn validate(value: &str) -> Option<Verdict> {
    let starts = |p: &str| value.starts_with(p);
    if is_aws_key_id(value) {
        // AWS's documentation key: published everywhere, never valid.
        return Some(if value.contains("EXAMPLE") {
            Verdict::failed(Confidence::VeryUnlikely, "aws-documentation-key")
        } else {
            Verdict::passed(Confidence::Likely, "aws-key-format")
        });
    }
    if DOCUMENTATION_KEYS.contains(&value) {
        // Printed in providers' documentation and tutorials: shared on purpose, never live.
        return Some(Verdict::failed(
            Confidence::VeryUnlikely,
            "documentation-key",
        ));
    }
    if starts("pk_") {
        // Publishable keys are meant to be public.
        return None;
    }
    if starts("sk_test_") || starts("rk_test_") {
        // Test-mode keys move no money; still a credential to the account's test data.
        return body_random(&value[8..], 3.0)
            .then(|| Verdict::passed(Confidence::Possible, "stripe-test-key"));
    }
    // Before the placeholder test: a Twitter bearer token starts with 21 `A`s.
    if let Some(prefix) = providers::prefix_of(value) {
        return body_random(&value[prefix.len()..], 3.0)
            .then(|| Verdict::passed(Confidence::Likely, "provider-prefix"));
    }
    if entropy::is_placeholder(value) {
        return None;
    }
    if starts("eyJ") {
        // A JWT as a whole comes from the `jwt` pattern; the generic pattern stops at its
        // first dot and would otherwise report the header alone.
        return jwt::is_jwt(value).then(|| Verdict::passed(Confidence::Likely, "jwt-header"));
    }
    if let Some(body) = value.strip_prefix("sk-") {
        // OpenAI keys mix all three alphanumeric classes; `sk-learn-…` and friends do not.
        let c = Classes::of(body);
        let ok = c.lower && c.upper && c.digit && body.len() >= 20 && entropy::shannon(body) >= 3.5;
        let check = if body.contains("T3BlbkFJ") {
            "openai-key-marker"
        } else {
            "openai-key-format"
        };
        return ok.then(|| Verdict::passed(Confidence::Likely, check));
    }
    if value.len() < 20 {
        // No rule takes a shorter value; the generic rule's pattern may offer one.
        return None;
    }
    if is_hex_or_uuid(value) {
        // Only a provider-name rule lets these through (see the detector's documentation).
        let ok = entropy::shannon(value) >= 2.5 && !entropy::is_sequential(value);
        return ok.then(|| Verdict::passed(Confidence::Likely, "provider-keyword"));
    }
    if value.len() > 128 {
        // Long provider tokens (session tokens, Facebook, Slack configuration tokens).
        return body_random(value, 4.0).then(|| Verdict::passed(Confidence::Likely, "entropy"));
    }
    generic_secret(value).then(|| Verdict::passed(Confidence::Likely, "entropy"))
}

/// Sample keys printed in providers' documentation (Stripe, GitHub, Slack) and the sample
/// Google API keys that gitleaks allow-lists: findings of them would only be noise.
const DOCUMENTATION_KEYS: &[&str] = &[
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
    "AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
    "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs",
    "AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM",
    "AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU",
    "AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0",
    "AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A",
    "AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c",
    "AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4",
    "AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY",
    "AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM",
    "AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ",
    "AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g",
    "AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU",
    "AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw",
    "AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE",
    "AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY",
];

/// Hex digits, dashes and colons only: UUIDs, hex keys and `hex:hex` credentials.
fn is_hex_or_uuid(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_hexdigit() || b == b'-' || b == b':')
}

/// `AKIA…`-style AWS access key ids: a known four-character prefix and 16 base32 characters.
fn is_aws_key_id(value: &str) -> bool {
    const AWS_PREFIXES: [&str; 10] = [
        "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA",
    ];
    let b = value.as_bytes();
    b.len() == 20
        && (AWS_PREFIXES.iter().any(|p| value.starts_with(p))
            || (value.starts_with("A3T") && (b[3].is_ascii_uppercase() || b[3].is_ascii_digit())))
        && b[4..]
            .iter()
            .all(|&c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(&c))
}

/// True when the part after a provider prefix looks generated rather than typed.
fn body_random(body: &str, min_entropy: f64) -> bool {
    !entropy::is_placeholder(body) && entropy::shannon(body) >= min_entropy
}

/// The generic rule for a value after a key-like name: 20–128 characters, at least two of
/// lower/upper/digit, at least 3.5 bits of entropy per character, and none of the shapes of
/// things that are not secrets (UUIDs, digests, numbers, hyphenated words, typed sequences).
fn generic_secret(value: &str) -> bool {
    if !(20..=128).contains(&value.len())
        || entropy::is_uuid(value)
        || entropy::is_hex_digest(value)
    {
        return false;
    }
    let c = Classes::of(value);
    if u32::from(c.lower) + u32::from(c.upper) + u32::from(c.digit) < 2 {
        return false;
    }
    if looks_like_words(value) || entropy::is_sequential(value) {
        return false;
    }
    entropy::shannon(value) >= 3.5
}

/// `this_is_not_a_real_token`, `my-staging-config-v2`: words joined by separators, no capitals
/// and hardly any digits. Generated secrets are never shaped like this.
fn looks_like_words(value: &str) -> bool {
    let separated = value
        .bytes()
        .filter(|b| matches!(b, b'_' | b'-' | b'/' | b'.'))
        .count()
        >= 1;
    let c = Classes::of(value);
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    separated && !c.upper && digits <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("AKIAEQH5AV2RICPHKQDL"), Some(Confidence::Likely));
        assert_eq!(c("AKIAIOSFODNN7EXAMPLE"), Some(Confidence::VeryUnlikely));
        assert_eq!(
            c("ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"),
            Some(Confidence::Likely)
        );
        assert_eq!(c("ghp_000000000000000000000000000000000000"), None);
        assert_eq!(
            c("sk_test_51MdgaKjIg8xNbe3nNyjOq9w"),
            Some(Confidence::Possible)
        );
        assert_eq!(c("pk_live_51MxEhh2FDEEtfjgVvVqE1Sk"), None);
        assert_eq!(c("sk-learn-pipeline-tutorial-v2"), None);
        assert_eq!(
            c("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"),
            Some(Confidence::Likely)
        );
        assert_eq!(
            c("Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A"),
            Some(Confidence::Likely)
        );
        // Hex and UUID values reach the validator only from provider-name rules.
        assert_eq!(
            c("550e8400-e29b-41d4-a716-446655440000"),
            Some(Confidence::Likely)
        );
        assert_eq!(c("00000000-0000-0000-0000-000000000000"), None);
        assert_eq!(c("0123456789abcdef0123456789abcdef"), None);
        assert_eq!(
            c("AAAAAAAAAAAAAAAAAAAAAMLheQk2%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F"),
            Some(Confidence::Likely)
        );
        assert_eq!(c("sk_live_0000000000000000000000"), None);
        assert_eq!(c("k8Hq2ZpW4xRt9LmN"), None);
        assert_eq!(c("Authorization"), None);
        assert_eq!(c("3f9c2a1b:7d4e8f0a"), None);
        assert_eq!(c("3f9c2a1b7d4e:8f0a6b5c9d2e"), Some(Confidence::Likely));
        assert_eq!(c("12345678901234567890123"), None);
        assert_eq!(c("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), None);
        assert_eq!(c("this_is_not_a_real_token_value"), None);
        assert_eq!(c("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), None);
        assert_eq!(c("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"), None);
    }

    /// Every provider rule finds its example, alone and within the whole detector.
    #[test]
    fn every_provider_rule_finds_its_example() {
        use crate::detector::Find;
        use crate::detectors::secrets::providers::EXAMPLES;
        use crate::rules::{DetectionRule, DetectorSpec, LogicalOp, ScanPolicy};
        use regex_automata::meta::Regex;
        let mut spec = DetectorSpec::native("API_KEY");
        spec.min_confidence = Confidence::VeryUnlikely;
        let policy = ScanPolicy {
            rules: vec![DetectionRule {
                name: "t".into(),
                uuid: None,
                logical_op: LogicalOp::Any,
                detectors: vec![spec],
            }],
            ..ScanPolicy::default()
        };
        let scanner = crate::Scanner::new(&policy).expect("API_KEY compiles");
        let mut failures = Vec::new();
        for pattern in PATTERNS {
            let examples: Vec<_> = EXAMPLES.iter().filter(|e| e.0 == pattern.name).collect();
            if examples.is_empty() {
                failures.push(format!("{}: no example", pattern.name));
            }
            let Find::Near {
                regex, keywords, ..
            } = pattern.find
            else {
                failures.push(format!("{}: not a near pattern", pattern.name));
                continue;
            };
            let re = Regex::new(regex).expect("pattern compiles");
            for (id, text, value) in examples {
                // The rule's own regex finds the value, and one of its keywords is in the text.
                let mut caps = re.create_captures();
                re.captures(*text, &mut caps);
                let span = caps
                    .get_group_by_name("value")
                    .or_else(|| caps.get_match().map(|m| m.span()));
                if span.map(|s| &text[s.range()]) != Some(*value) {
                    failures.push(format!("{id}: own regex finds {span:?} in {text:?}"));
                }
                let lower = text.to_ascii_lowercase();
                if !keywords.iter().any(|k| lower.contains(k)) {
                    failures.push(format!("{id}: no keyword in {text:?}"));
                }
                // The whole detector reports exactly the value, at LIKELY or above.
                let outcome = scanner.scan(text);
                // The finding is named by the rule (more specific rules come first).
                let names: Vec<&str> = outcome
                    .findings
                    .iter()
                    .map(|f| f.explanation.pattern)
                    .collect();
                if names != [*id] {
                    failures.push(format!("{id}: named {names:?}"));
                }
                let found: Vec<(&str, Confidence)> = outcome
                    .findings
                    .iter()
                    .map(|f| (f.value(), f.confidence))
                    .collect();
                // Stripe test-mode keys are POSSIBLE by design.
                let min = if *id == "stripe-test-key" {
                    Confidence::Possible
                } else {
                    Confidence::Likely
                };
                if found.len() != 1 || found[0].0 != *value || found[0].1 < min {
                    failures.push(format!("{id}: API_KEY finds {found:?} in {text:?}"));
                }
            }
        }
        for (id, ..) in EXAMPLES {
            if !PATTERNS.iter().any(|p| p.name == *id) {
                failures.push(format!("example for unknown rule {id}"));
            }
        }
        assert!(PATTERNS.len() >= 150, "{} provider rules", PATTERNS.len());
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Keywords are lower case (the gate matches ASCII case-insensitively on lowercase words)
    /// and no provider rule is gated on a bare common word.
    #[test]
    fn keywords_are_lowercase_and_distinctive() {
        use crate::detector::Find;
        const TOO_COMMON: &[&str] = &["key", "api", "the", "pass", "id", "sk", "ey", "token"];
        for p in PATTERNS {
            let Find::Near { keywords, .. } = p.find else {
                continue;
            };
            assert!(!keywords.is_empty(), "{}", p.name);
            for k in keywords {
                assert_eq!(*k, k.to_ascii_lowercase(), "{}", p.name);
                if p.name != "generic-secret-assignment" {
                    let distinctive = k.len() >= 3 || !k.bytes().all(|b| b.is_ascii_alphanumeric());
                    assert!(!TOO_COMMON.contains(k) && distinctive, "{}: {k}", p.name);
                }
            }
        }
    }
}
