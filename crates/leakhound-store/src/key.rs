//! The key of the store's value hashes.

use crate::{Error, Result};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// The environment variable that supplies a hash key shared by several stores.
pub const HASH_KEY_ENV: &str = "LEAKHOUND_HASH_KEY";

/// A 32-byte key for `HMAC-SHA256(key, value)`, the hash under which findings are stored.
///
/// Why keyed: a plain SHA-256 of a card number or an SSN is reversed by hashing every
/// candidate, since the space of such values is small. With a secret key, the hashes still
/// let reports group and compare values (same value, same hash) but reveal nothing to someone
/// who has the database and not the key.
///
/// `Debug` never prints the key.
#[derive(Clone, PartialEq, Eq)]
pub struct HashKey([u8; 32]);

impl HashKey {
    /// A key from the operating system's random source.
    pub fn generate() -> HashKey {
        HashKey(rand::random())
    }

    /// A key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> HashKey {
        HashKey(bytes)
    }

    /// Parses 64 hexadecimal characters (surrounding whitespace ignored).
    pub fn from_hex(hex: &str) -> Result<HashKey> {
        let hex = hex.trim().as_bytes();
        if hex.len() != 64 {
            return Err(Error::InvalidHashKey);
        }
        let mut out = [0u8; 32];
        for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
            let hi = hex_digit(pair[0]).ok_or(Error::InvalidHashKey)?;
            let lo = hex_digit(pair[1]).ok_or(Error::InvalidHashKey)?;
            *byte = hi << 4 | lo;
        }
        Ok(HashKey(out))
    }

    /// The key in [`HASH_KEY_ENV`], if that variable is set and not empty.
    pub fn from_env() -> Result<Option<HashKey>> {
        match std::env::var(HASH_KEY_ENV) {
            Ok(v) if !v.trim().is_empty() => HashKey::from_hex(&v).map(Some),
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(Error::InvalidHashKey),
        }
    }

    /// The key as 64 lowercase hexadecimal characters, for storing it. Treat as a secret.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// `HMAC-SHA256(key, value)` as 64 lowercase hexadecimal characters.
    pub fn hash(&self, value: &str) -> String {
        to_hex(&self.mac(value.as_bytes()))
    }

    /// A public name for the key: an HMAC of a fixed label, so that a store can tell whether
    /// it is given the key its hashes were made with, without keeping the key itself.
    pub fn fingerprint(&self) -> String {
        to_hex(&self.mac(b"leakhound hash key fingerprint v1")[..16])
    }

    fn mac(&self, data: &[u8]) -> [u8; 32] {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for HashKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HashKey(<redacted>)")
    }
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    #[test]
    fn rfc4231_test_case_2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?". The key is padded
        // with zeros to 32 bytes, which HMAC does anyway for keys shorter than the block.
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        assert_eq!(
            HashKey::from_bytes(key).hash("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hex_round_trip_and_errors_do_not_echo() {
        let k = HashKey::generate();
        assert_eq!(HashKey::from_hex(&k.to_hex()).unwrap(), k);
        assert_eq!(
            HashKey::from_hex(&k.to_hex().to_uppercase()).unwrap(),
            k,
            "upper case accepted"
        );
        let bad = "zz".repeat(32);
        let err = HashKey::from_hex(&bad).unwrap_err().to_string();
        assert!(!err.contains("zz"), "{err}");
        assert!(HashKey::from_hex("abc").is_err());
    }

    #[test]
    fn keyed_hash_is_not_plain_sha256() {
        let k = HashKey::from_bytes([0; 32]);
        let plain = to_hex(&Sha256::digest(b"4111111111111111"));
        assert_ne!(k.hash("4111111111111111"), plain);
    }

    #[test]
    fn debug_hides_the_key() {
        let k = HashKey::from_bytes([0xab; 32]);
        assert_eq!(format!("{k:?}"), "HashKey(<redacted>)");
        assert_ne!(k.fingerprint(), k.to_hex()[..32]);
    }
}
