//! Redaction: masking, substitution, info-type substitution and RSA encryption of findings.

use crate::rules::{MaskConfig, RedactionMethod};
use base64::Engine as _;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::{Oaep, RsaPublicKey};

/// A redaction method ready to apply (the RSA key parsed once, at compile time).
#[derive(Clone)]
pub(crate) enum Redactor {
    Mask(MaskConfig),
    Substitute(String),
    InfoType,
    Encrypt(Box<RsaPublicKey>),
}

/// Why a redaction config cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RedactionConfigError(pub String);

impl Redactor {
    pub(crate) fn compile(method: &RedactionMethod) -> Result<Redactor, RedactionConfigError> {
        Ok(match method {
            RedactionMethod::Mask(cfg) => Redactor::Mask(cfg.clone()),
            RedactionMethod::Substitute(phrase) => Redactor::Substitute(phrase.clone()),
            RedactionMethod::InfoType => Redactor::InfoType,
            RedactionMethod::Encrypt { public_key_pem } => {
                let pem = public_key_pem.trim();
                let key = RsaPublicKey::from_public_key_pem(pem)
                    .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
                    .map_err(|_| {
                        RedactionConfigError(
                            "cryptoConfig.publicKey is not an RSA public key in PEM form (SPKI \"PUBLIC KEY\" or PKCS#1 \"RSA PUBLIC KEY\")".into(),
                        )
                    })?;
                Redactor::Encrypt(Box::new(key))
            }
        })
    }

    /// The redacted form of `value`, found by the detector called `detector_name`.
    pub(crate) fn apply(&self, value: &str, detector_name: &str) -> String {
        match self {
            Redactor::Mask(cfg) => mask(value, cfg),
            Redactor::Substitute(phrase) => phrase.clone(),
            Redactor::InfoType => format!("[{detector_name}]"),
            Redactor::Encrypt(key) => encrypt(key, value),
        }
    }
}

/// Masks `value` as the scan API's `maskConfig` describes. Ignored characters are kept and do
/// not count towards the characters left unmasked.
pub fn mask(value: &str, cfg: &MaskConfig) -> String {
    let countable = value
        .chars()
        .filter(|c| !cfg.chars_to_ignore.contains(c))
        .count();
    let keep = cfg.num_chars_to_leave_unmasked.min(countable);
    // Index (among countable characters) of the first and one-past-last readable character.
    let (keep_from, keep_to) = if cfg.unmasked_at_end {
        (countable - keep, countable)
    } else {
        (0, keep)
    };
    let mut out = String::with_capacity(value.len());
    let mut index = 0;
    for c in value.chars() {
        if cfg.chars_to_ignore.contains(&c) {
            out.push(c);
            continue;
        }
        if index >= keep_from && index < keep_to {
            out.push(c);
        } else {
            out.push(cfg.masking_char);
        }
        index += 1;
    }
    out
}

/// The short, safe preview of a value used in reports: the first `visible` characters, the
/// rest masked with `*` (the original scripts' "3 characters exposed") — but never more than
/// half of the value, so a short value (a 4-character password, a PIN) is not shown whole.
pub fn preview(value: &str, visible: usize) -> String {
    let half = value.chars().count() / 2;
    mask(
        value,
        &MaskConfig {
            num_chars_to_leave_unmasked: visible.min(half),
            ..MaskConfig::default()
        },
    )
}

fn encrypt(key: &RsaPublicKey, value: &str) -> String {
    let mut rng = rand::thread_rng();
    match key.encrypt(&mut rng, Oaep::new::<sha2::Sha256>(), value.as_bytes()) {
        Ok(cipher) => base64::engine::general_purpose::STANDARD.encode(cipher),
        // The only failure is a value too long for one RSA block: never leak it; say so.
        Err(_) => "[ENCRYPTION FAILED: finding longer than the RSA key allows]".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(c: char, keep: usize, ignore: &[char], at_end: bool) -> MaskConfig {
        MaskConfig {
            masking_char: c,
            chars_to_ignore: ignore.to_vec(),
            num_chars_to_leave_unmasked: keep,
            unmasked_at_end: at_end,
        }
    }

    #[test]
    fn masks_like_the_scan_api() {
        // The live-API example of the Python SDK's integration test.
        assert_eq!(
            mask("4916-6734-7572-5015", &cfg('👀', 3, &['-'], false)),
            "491👀-👀👀👀👀-👀👀👀👀-👀👀👀👀"
        );
        // The redaction tutorial's examples.
        assert_eq!(mask("518-45-7708", &cfg('*', 4, &[], false)), "518-*******");
        assert_eq!(mask("518-45-7708", &cfg('*', 4, &[], true)), "*******7708");
        assert_eq!(
            mask("518-45-7708", &cfg('*', 0, &['-'], false)),
            "***-**-****"
        );
        assert_eq!(
            mask("518-45-7708", &cfg('X', 4, &['-'], true)),
            "XXX-XX-7708"
        );
        assert_eq!(mask("01/11/1995", &cfg('?', 2, &['/'], true)), "??/??/??95");
        assert_eq!(mask("ab", &cfg('*', 9, &[], false)), "ab");
    }

    #[test]
    fn preview_shows_three() {
        assert_eq!(preview("4111111111111111", 3), "411*************");
        assert_eq!(preview("é€", 3), "é*");
        assert_eq!(preview("Ab1!", 3), "Ab**");
        assert_eq!(preview("7", 3), "*");
    }

    #[test]
    fn encryption_round_trips() {
        use rsa::pkcs8::EncodePublicKey;
        use rsa::RsaPrivateKey;
        let mut rng = rand::thread_rng();
        let private = RsaPrivateKey::new(&mut rng, 1024).unwrap();
        let pem = private
            .to_public_key()
            .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
            .unwrap();
        let r = Redactor::compile(&RedactionMethod::Encrypt {
            public_key_pem: pem,
        })
        .unwrap();
        let out = r.apply("4111111111111111", "CREDIT_CARD_NUMBER");
        let cipher = base64::engine::general_purpose::STANDARD
            .decode(out)
            .unwrap();
        let plain = private
            .decrypt(Oaep::new::<sha2::Sha256>(), &cipher)
            .unwrap();
        assert_eq!(plain, b"4111111111111111");
        assert!(Redactor::compile(&RedactionMethod::Encrypt {
            public_key_pem: "nope".into()
        })
        .is_err());
    }
}
