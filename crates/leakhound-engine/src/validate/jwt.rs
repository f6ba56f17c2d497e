//! JSON Web Tokens (RFC 7519, compact JWS form `header.payload.signature`): the header must
//! decode from base64url to a JSON object naming its algorithm. Anything that merely starts
//! with `eyJ` (the base64 of `{"`) but does not decode that way is some other base64 blob.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// base64url, accepting segments with or without `=` padding (some encoders pad).
const B64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// True when `token` has three dot-separated segments, the header decodes to a JSON object
/// with an `"alg"` member and the payload decodes to a JSON object.
///
/// The JSON check is structural (braces and the member name), which is enough to tell a JWT
/// from random base64 without a JSON parser in the engine.
pub fn is_jwt(token: &str) -> bool {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(_sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Some(header) = decode_object(header) else {
        return false;
    };
    if !contains(&header, b"\"alg\"") {
        return false;
    }
    decode_object(payload).is_some()
}

/// Decodes one segment and returns it when it is a UTF-8 text shaped like a JSON object.
fn decode_object(segment: &str) -> Option<Vec<u8>> {
    let bytes = B64URL.decode(segment).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?.trim();
    (text.starts_with('{') && text.ends_with('}')).then_some(bytes)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::is_jwt;

    #[test]
    fn table() {
        // The jwt.io sample token (HS256).
        let sample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assert!(is_jwt(sample));
        // Padded segments are accepted.
        assert!(is_jwt("eyJhbGciOiJub25lIn0=.eyJzdWIiOiJ4In0=.c2ln"));
        // Header without "alg": {"typ":"JWT"}
        assert!(!is_jwt("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));
        // Two segments only.
        assert!(!is_jwt(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
        ));
        // Header is not base64 of a JSON object.
        assert!(!is_jwt(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJzdWIiOiJ4In0.c2ln"
        ));
        assert!(!is_jwt("eyJzZWNyZXQ.eyJ.x"));
        assert!(!is_jwt(""));
    }
}
