//! API_KEY: provider API keys and tokens, and high-entropy values assigned to key-like names.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::entropy::{self, Classes};
use crate::validate::jwt;

/// Provider-prefixed credentials (AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI,
/// Anthropic), JSON Web Tokens, and generic secrets: a high-entropy value right after a name
/// such as `api_key`, `token` or `client_secret`.
///
/// The prefixes make provider keys near-certain, so the validator's job is mostly to reject
/// documentation samples and placeholders; the generic pattern leans on entropy and shape
/// (not a UUID, not a digest, not words) because its keyword is all it has.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "API_KEY",
    description: "API keys and tokens: AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI, Anthropic, JWTs and high-entropy secrets after key names",
    patterns: &[
        Pattern::new("aws-access-key-id", r"(?-u:\b)(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z2-7]{16}(?-u:\b)"),
        Pattern::new("aws-secret-access-key", r#"(?i-u:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(?P<value>[A-Za-z0-9/+]{40})(?:$|[^A-Za-z0-9/+=])"#),
        Pattern::new("github-pat", r"(?-u:\b)ghp_[A-Za-z0-9]{36}(?-u:\b)"),
        Pattern::new("github-app-token", r"(?-u:\b)gh[ousr]_[A-Za-z0-9]{36}(?-u:\b)"),
        Pattern::new("github-fine-grained-pat", r"(?-u:\b)github_pat_[A-Za-z0-9_]{82}(?-u:\b)"),
        Pattern::new("gitlab-pat", r"(?-u:\b)glpat-[A-Za-z0-9_-]{20,64}"),
        Pattern::new("slack-token", r"(?-u:\b)xox[baprs]-[0-9A-Za-z]{6,20}-[0-9A-Za-z-]{8,160}"),
        Pattern::new("slack-app-token", r"(?-u:\b)xapp-[0-9]-[A-Z0-9]{8,16}-[0-9]{8,16}-[A-Za-z0-9]{32,80}"),
        Pattern::new("slack-webhook", r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{20,120}"),
        // Publishable keys (`pk_live_…`) are meant to be public and have no pattern.
        Pattern::new("stripe-secret-key", r"(?-u:\b)[rs]k_(?:live|test)_[0-9A-Za-z]{16,247}(?-u:\b)"),
        Pattern::new("google-api-key", r"(?-u:\b)AIza[0-9A-Za-z_-]{35}"),
        // Before the OpenAI pattern: both match `sk-ant-…` and the earlier one names it.
        Pattern::new("anthropic-api-key", r"(?-u:\b)sk-ant-[A-Za-z0-9_-]{32,160}"),
        Pattern::new("openai-api-key", r"(?-u:\b)sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}"),
        // JWTs have no useful length bound (a header with an x5c chain runs to kilobytes);
        // unbounded repeats of one class cost the automaton nothing.
        Pattern::new("jwt", r"(?-u:\b)eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}"),
        Pattern::new("generic-secret-assignment", r#"(?i-u:api[_-]?key|apikey|api[_-]?token|api[_-]?secret|access[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|secret[_-]?key|private[_-]?token|authorization|secret|token|auth)["']?[ \t]{0,3}(?::=|=>|:|=|(?i-u:is)[ \t])[ \t]{0,3}["'`]?(?:(?i-u:bearer|token|basic)[ \t]{1,3})?(?P<value>[A-Za-z0-9_/+=~-]{20,128})(?:$|[^A-Za-z0-9_/+=~.-]|\.$|\.[^A-Za-z0-9_/+=~-])"#),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "key", "token", "secret", "api", "credential", "bearer", "authorization", "leak", "revoke", "rotate",
            "webhook", "env", "export ", "config",
        ],
        opposing: &["example", "placeholder", "dummy", "sample", "fake", "documentation", "redacted"],
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
    ],
    negative_examples: &[
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
    if entropy::is_placeholder(value) || starts("pk_") {
        return None;
    }
    if starts("sk_test_") || starts("rk_test_") {
        // Test-mode keys move no money; still a credential to the account's test data.
        return body_random(&value[8..], 3.0)
            .then(|| Verdict::passed(Confidence::Possible, "stripe-test-key"));
    }
    let provider: Option<(usize, &'static str)> = [
        ("ghp_", "github-token-format"),
        ("gho_", "github-token-format"),
        ("ghu_", "github-token-format"),
        ("ghs_", "github-token-format"),
        ("ghr_", "github-token-format"),
        ("github_pat_", "github-token-format"),
        ("glpat-", "gitlab-token-format"),
        ("xoxb-", "slack-token-format"),
        ("xoxp-", "slack-token-format"),
        ("xoxa-", "slack-token-format"),
        ("xoxr-", "slack-token-format"),
        ("xoxs-", "slack-token-format"),
        ("xapp-", "slack-token-format"),
        ("https://hooks.slack.com/", "slack-webhook-url"),
        ("sk_live_", "stripe-key-format"),
        ("rk_live_", "stripe-key-format"),
        ("AIza", "google-key-format"),
        ("sk-ant-", "anthropic-key-format"),
    ]
    .into_iter()
    .find(|(p, _)| starts(p))
    .map(|(p, check)| (p.len(), check));
    if let Some((prefix_len, check)) = provider {
        return body_random(&value[prefix_len..], 3.0)
            .then(|| Verdict::passed(Confidence::Likely, check));
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
    generic_secret(value).then(|| Verdict::passed(Confidence::Likely, "entropy"))
}

/// `AKIA…`-style AWS access key ids: a known four-character prefix and 16 base32 characters.
fn is_aws_key_id(value: &str) -> bool {
    const PREFIXES: [&str; 8] = [
        "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA",
    ];
    let b = value.as_bytes();
    b.len() == 20
        && (PREFIXES.iter().any(|p| value.starts_with(p))
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
        assert_eq!(c("550e8400-e29b-41d4-a716-446655440000"), None);
        assert_eq!(
            c("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            None
        );
        assert_eq!(c("12345678901234567890123"), None);
        assert_eq!(c("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), None);
        assert_eq!(c("this_is_not_a_real_token_value"), None);
        assert_eq!(c("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), None);
        assert_eq!(c("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"), None);
    }
}
