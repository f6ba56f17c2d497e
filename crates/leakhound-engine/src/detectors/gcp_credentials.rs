//! GCP_CREDENTIALS: Google Cloud credential files pasted whole (service-account keys, and the
//! `authorized_user` files `gcloud auth application-default login` writes).
//!
//! Overlaps: the `private_key` inside is JSON-escaped (`\n` as two characters), so
//! CRYPTOGRAPHIC_KEY does not see a PEM block there; the `private_key_id` (40 hex) is not an
//! API_KEY candidate (the generic rule never takes pure hex), and the object as a whole is
//! longer than any candidate inside it, so this detector keeps the span.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// One JSON object (no nested braces: credential files are flat) whose `"type"` is
/// `"service_account"` or `"authorized_user"`, wherever the member stands in the object. The
/// object's body is a lazy star of one class (not a bounded repeat, which would compile to one
/// state per character).
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "GCP_CREDENTIALS",
    description: "Google Cloud credential JSON: service-account keys (private_key, client_email) and authorized_user refresh tokens",
    patterns: &[Pattern::near(
        "gcp-credentials-json",
        r#"\{[\t\n\r\x20-\x7E&&[^{}]]*?"type"[ \t\r\n]*:[ \t\r\n]*"(?:service_account|authorized_user)"[\t\n\r\x20-\x7E&&[^{}]]*\}"#,
        &["service_account", "authorized_user"],
        4096,
        0,
    )],
    validate,
    context: ContextPolicy::NONE,
    priority: 97,
    examples: &[
        Example {
            text: "here is the key file we use in CI:\n{\n  \"type\": \"service_account\",\n  \"project_id\": \"acme-billing-prod\",\n  \"private_key_id\": \"3f9c2a1b7d4e8f0a6b5c9d2e1f3a4b7c8d9e0f1a\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7k2Zq\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"ci-deployer@acme-billing-prod.iam.gserviceaccount.com\",\n  \"client_id\": \"104857392018475629103\"\n}\nplease rotate it",
            finds: &["{\n  \"type\": \"service_account\",\n  \"project_id\": \"acme-billing-prod\",\n  \"private_key_id\": \"3f9c2a1b7d4e8f0a6b5c9d2e1f3a4b7c8d9e0f1a\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7k2Zq\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"ci-deployer@acme-billing-prod.iam.gserviceaccount.com\",\n  \"client_id\": \"104857392018475629103\"\n}"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: r#"GOOGLE_CREDENTIALS='{"project_id":"shop-dev-41","type":"service_account","private_key_id":"a1b2c3d4e5f60718293a4b5c6d7e8f9012345678","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgw\n-----END PRIVATE KEY-----\n","client_email":"shop@shop-dev-41.iam.gserviceaccount.com"}'"#,
            finds: &[r#"{"project_id":"shop-dev-41","type":"service_account","private_key_id":"a1b2c3d4e5f60718293a4b5c6d7e8f9012345678","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgw\n-----END PRIVATE KEY-----\n","client_email":"shop@shop-dev-41.iam.gserviceaccount.com"}"#],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: r#"key.json: {"type": "service_account", "project_id": "data-lake-7", "private_key_id": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", "client_email": "etl@data-lake-7.iam.gserviceaccount.com", "client_id": "118273645501928374655"}"#,
            finds: &[r#"{"type": "service_account", "project_id": "data-lake-7", "private_key_id": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", "client_email": "etl@data-lake-7.iam.gserviceaccount.com", "client_id": "118273645501928374655"}"#],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: r#"my ~/.config/gcloud/application_default_credentials.json is {"client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com", "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty", "refresh_token": "1//0gX7kQm2Lz9RvNwTq4hYb8CdPe3Ks6Ju1Fo5Ai0Hl", "type": "authorized_user"}"#,
            finds: &[r#"{"client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com", "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty", "refresh_token": "1//0gX7kQm2Lz9RvNwTq4hYb8CdPe3Ks6Ju1Fo5Ai0Hl", "type": "authorized_user"}"#],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        r#"{"type": "service_account", "project_id": "acme", "private_key": "REDACTED", "client_email": "ci@acme.iam.gserviceaccount.com"}"#,
        r#"The JSON has "type": "service_account" and a private_key field; I removed both before sending."#,
        r#"{"type": "external_account", "audience": "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/x"}"#,
        r#"{"type": "service_account", "project_id": "<your-project>", "private_key_id": "<key-id>", "private_key": "<key>", "client_email": "<sa>@<project>.iam.gserviceaccount.com"}"#,
        r#"{"kind": "ServiceAccount", "metadata": {"name": "builder"}}"#,
    ],
};

fn validate(object: &str) -> Option<Verdict> {
    if object.contains("\"authorized_user\"") {
        // A user's refresh token with its OAuth client: as good as the user's login.
        let token = member(object, "refresh_token")?;
        let secret = member(object, "client_secret")?;
        return (token.len() >= 20 && secret.len() >= 8 && !token.starts_with('<'))
            .then(|| Verdict::passed(Confidence::VeryLikely, "authorized-user-json"));
    }
    let key = member(object, "private_key")
        .filter(|k| k.contains("-----BEGIN") && k.contains("PRIVATE KEY") && k.len() > 64);
    if key.is_some() {
        return Some(Verdict::passed(
            Confidence::VeryLikely,
            "service-account-private-key",
        ));
    }
    let key_id = member(object, "private_key_id")
        .filter(|id| id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit()));
    let email = member(object, "client_email").filter(|e| e.ends_with(".gserviceaccount.com"));
    // Without the key itself the file identifies a key rather than holding it; a redacted
    // private_key ("REDACTED", "") means someone already took it out.
    let redacted = member(object, "private_key").is_some();
    (key_id.is_some() && email.is_some() && !redacted)
        .then(|| Verdict::passed(Confidence::Likely, "service-account-key-id"))
}

/// The string value of member `name` of a flat JSON object, as written (escapes kept).
fn member<'a>(object: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!("\"{name}\"");
    let mut from = 0;
    while let Some(i) = object[from..].find(&needle) {
        let after = object[from + i + needle.len()..].trim_start();
        if let Some(rest) = after.strip_prefix(':') {
            let rest = rest.trim_start().strip_prefix('"')?;
            // The value ends at the first quote not escaped by a backslash.
            let bytes = rest.as_bytes();
            let mut j = 0;
            while j < bytes.len() {
                match bytes[j] {
                    b'\\' => j += 2,
                    b'"' => return Some(&rest[..j]),
                    _ => j += 1,
                }
            }
            return None;
        }
        from += i + needle.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members() {
        let o = r#"{"a": "x\"y", "b":"z", "c" : "w"}"#;
        assert_eq!(member(o, "a"), Some(r#"x\"y"#));
        assert_eq!(member(o, "b"), Some("z"));
        assert_eq!(member(o, "c"), Some("w"));
        assert_eq!(member(o, "d"), None);
    }

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        let full = r#"{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n"}"#;
        assert_eq!(c(full), Some(Confidence::VeryLikely));
        let id_only = r#"{"type":"service_account","private_key_id":"9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d","client_email":"a@b.iam.gserviceaccount.com"}"#;
        assert_eq!(c(id_only), Some(Confidence::Likely));
        let redacted = r#"{"type":"service_account","private_key":"","private_key_id":"9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d","client_email":"a@b.iam.gserviceaccount.com"}"#;
        assert_eq!(c(redacted), None);
        assert_eq!(c(r#"{"type":"service_account"}"#), None);
        assert_eq!(
            c(r#"{"type":"authorized_user","client_secret":"<secret>"}"#),
            None
        );
    }
}
