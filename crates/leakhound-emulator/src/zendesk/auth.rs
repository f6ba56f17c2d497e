//! Zendesk authentication: HTTP Basic `{email}/token:{api_token}` and OAuth `Bearer`.
//!
//! Zendesk refuses passwords on the API since 2024, so only the two token forms are accepted;
//! anything else is a 401 with `{"error":"Couldn't authenticate you"}`, exactly as zenpy and
//! leakhound's connector see it from the real service.

use axum::http::{header, HeaderMap};
use base64::Engine as _;

use super::error::ZdError;
use crate::state::AuthConfig;

/// Checks the `Authorization` header against `creds`.
pub fn authenticate(headers: &HeaderMap, creds: &AuthConfig) -> Result<(), ZdError> {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Err(ZdError::unauthorized());
    };
    let value = value.trim();
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        // Constant-time comparison is pointless on a loopback emulator; equality is enough.
        if !rest.is_empty() && rest == creds.zendesk_oauth_token {
            return Ok(());
        }
        return Err(ZdError::unauthorized());
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(rest) else {
            return Err(ZdError::unauthorized());
        };
        let Ok(decoded) = String::from_utf8(decoded) else {
            return Err(ZdError::unauthorized());
        };
        let Some((user, password)) = decoded.split_once(':') else {
            return Err(ZdError::unauthorized());
        };
        let Some(email) = user.strip_suffix("/token") else {
            return Err(ZdError::unauthorized());
        };
        // Zendesk matches e-mail addresses case-insensitively.
        if email.eq_ignore_ascii_case(&creds.zendesk_email) && password == creds.zendesk_token {
            return Ok(());
        }
    }
    Err(ZdError::unauthorized())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn creds() -> AuthConfig {
        AuthConfig {
            zendesk_email: "agent@example.com".into(),
            zendesk_token: "tok".into(),
            zendesk_oauth_token: "oauth".into(),
            ..AuthConfig::default()
        }
    }

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    fn basic(user_pass: &str) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(user_pass)
        )
    }

    #[test]
    fn accepts_token_basic_and_bearer() {
        assert!(authenticate(&with(&basic("agent@example.com/token:tok")), &creds()).is_ok());
        assert!(authenticate(&with(&basic("Agent@Example.com/token:tok")), &creds()).is_ok());
        assert!(authenticate(&with("Bearer oauth"), &creds()).is_ok());
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            basic("agent@example.com:tok"),
            basic("agent@example.com/token:nope"),
            basic("other@example.com/token:tok"),
            "Basic !!!".to_string(),
            "Bearer tok".to_string(),
            "Bearer ".to_string(),
            "Token tok".to_string(),
        ] {
            let err = authenticate(&with(&bad), &creds()).unwrap_err();
            assert_eq!(err.status, 401, "{bad}");
        }
        assert!(authenticate(&HeaderMap::new(), &creds()).is_err());
    }
}
