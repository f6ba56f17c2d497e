//! Data shared by the secret detectors (the provider rule table of API_KEY), and the tests of
//! how the secret detectors share values among themselves.
//!
//! Overlap decisions (each is documented in the detector's file):
//! - a connection string with credentials is DATABASE_CONNECTION_STRING's as a whole, not
//!   PASSWORD's or PASSWORD_IN_CODE's password inside it;
//! - a password in code syntax is PASSWORD_IN_CODE's, in prose PASSWORD's;
//! - a provider-shaped value, or one after a name that says "key" (`api_key=`, "API key is"),
//!   is API_KEY's; one after a bare token or secret word (`session token:`, `X-Auth-Token:`)
//!   is RANDOMLY_GENERATED_TOKEN's;
//! - a credential JSON is GCP_CREDENTIALS's as a whole.

pub mod providers;

#[cfg(test)]
mod tests {
    use crate::{ScanPolicy, Scanner};

    /// With the default rules, each text yields exactly the listed (detector, value) findings.
    #[test]
    fn secret_detectors_share_values_as_documented() {
        let scanner = Scanner::new(&ScanPolicy::default_rules()).expect("default rules compile");
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "DATABASE_URL=postgres://admin:Pg4dm1n2024@db.internal:5432/app",
                &[(
                    "DATABASE_CONNECTION_STRING",
                    "postgres://admin:Pg4dm1n2024@db.internal:5432/app",
                )],
            ),
            (
                r#"{"username": "bob", "password": "qwerty!23"}"#,
                &[("PASSWORD_IN_CODE", "qwerty!23")],
            ),
            (
                "The shared password is Tr0ub4dor&3 for now.",
                &[("PASSWORD", "Tr0ub4dor&3")],
            ),
            (
                "config: api_key=Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A",
                &[("API_KEY", "Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A")],
            ),
            (
                "Here is the session token we got back: Qm9vX2t8Lp3RzW7nYc4TdK1s",
                &[("RANDOMLY_GENERATED_TOKEN", "Qm9vX2t8Lp3RzW7nYc4TdK1s")],
            ),
            (
                "X-Auth-Token: 82c5Mf4260JqSwxnXppRvUqESyMsXytsdI8AGbdK",
                &[(
                    "RANDOMLY_GENERATED_TOKEN",
                    "82c5Mf4260JqSwxnXppRvUqESyMsXytsdI8AGbdK",
                )],
            ),
            (
                "Here is our API key so you can reproduce it: SKcc85c1ef73d80c62c7da66d35b1c1828",
                &[("API_KEY", "SKcc85c1ef73d80c62c7da66d35b1c1828")],
            ),
            (
                "we connect with Server=tcp:pg.acme-corp.net,1433;Initial Catalog=orders;User ID=admin;Password=sonnenschein_9023;Encrypt=True; and get a timeout",
                &[(
                    "DATABASE_CONNECTION_STRING",
                    "Server=tcp:pg.acme-corp.net,1433;Initial Catalog=orders;User ID=admin;Password=sonnenschein_9023;Encrypt=True;",
                )],
            ),
            (
                "application.properties:\nspring.datasource.password=My90Sunshine%\n",
                &[("PASSWORD_IN_CODE", "My90Sunshine%")],
            ),
            (
                "GITHUB_TOKEN=ghp_laeD2TXqbUKA8koKwupdZ5rqBtdVClz8NT8Z",
                &[("API_KEY", "ghp_laeD2TXqbUKA8koKwupdZ5rqBtdVClz8NT8Z")],
            ),
            (
                "token sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, request id 550e8400-e29b-41d4-a716-446655440000",
                &[],
            ),
        ];
        for (text, expected) in cases {
            let outcome = scanner.scan(text);
            let found: Vec<(&str, &str)> = outcome
                .findings
                .iter()
                .map(|f| (f.detector.name.as_str(), f.value()))
                .collect();
            assert_eq!(&found, expected, "in {text:?}");
        }
        // The provider rule, not the generic one, names a prefixed token after a key name.
        let outcome = scanner.scan("GITHUB_TOKEN=ghp_laeD2TXqbUKA8koKwupdZ5rqBtdVClz8NT8Z");
        assert_eq!(outcome.findings[0].explanation.pattern, "github-pat");
    }
}
