//! Generators of sensitive values that pass the checks real detectors apply (Luhn, SSN area
//! rules, IBAN mod-97, ABA checksum, valid phone number plans), and of look-alikes that must
//! *not* be reported (order numbers, tracking codes, UUIDs, timestamps, version strings,
//! invoice numbers, Luhn-invalid card-length numbers).
//!
//! Every function takes the caller's seeded RNG, so a ticket's values depend only on the seed.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Detector type names, as leakhound's engine reports them.
pub mod kind {
    pub const CREDIT_CARD: &str = "CREDIT_CARD_NUMBER";
    pub const SSN: &str = "US_SOCIAL_SECURITY_NUMBER";
    pub const EMAIL: &str = "EMAIL_ADDRESS";
    pub const PHONE: &str = "PHONE_NUMBER";
    pub const IP: &str = "IP_ADDRESS";
    pub const IBAN: &str = "IBAN_CODE";
    pub const ROUTING: &str = "US_BANK_ROUTING_MICR";
    pub const API_KEY: &str = "API_KEY";
    pub const CRYPTO_KEY: &str = "CRYPTOGRAPHIC_KEY";
    pub const PASSWORD: &str = "PASSWORD";
}

type R = ChaCha8Rng;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// AWS access key ids are base32: upper-case letters and the digits 2–7.
const AWS_KEY_ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn pick_chars(rng: &mut R, alphabet: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
        .collect()
}

fn digits(rng: &mut R, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// Luhn check digit for a string of digits (the digit to append).
pub fn luhn_check_digit(payload: &str) -> u32 {
    let sum: u32 = payload
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = (b - b'0') as u32;
            if i % 2 == 0 {
                let dd = d * 2;
                if dd > 9 {
                    dd - 9
                } else {
                    dd
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// True if the digits of `number` (other characters ignored) pass the Luhn check.
pub fn luhn_valid(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 2 {
        return false;
    }
    let (payload, check) = digits.split_at(digits.len() - 1);
    luhn_check_digit(payload) == check.parse::<u32>().unwrap_or(99)
}

fn group(number: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = Vec::new();
    let mut pos = 0;
    for &s in sizes {
        out.push(&number[pos..pos + s]);
        pos += s;
    }
    out.join(sep)
}

/// A Luhn-valid card number of Visa, Mastercard, Amex or Discover, formatted with spaces,
/// dashes or plain.
pub fn credit_card(rng: &mut R) -> String {
    let (prefix, len): (String, usize) = match rng.gen_range(0..4) {
        0 => ("4".into(), 16),
        1 => {
            if rng.gen_bool(0.7) {
                (format!("5{}", rng.gen_range(1..=5)), 16)
            } else {
                (rng.gen_range(2221..=2720).to_string(), 16)
            }
        }
        2 => (if rng.gen_bool(0.5) { "34" } else { "37" }.into(), 15),
        _ => (
            ["6011", "65", "644", "645", "647", "649"]
                .choose(rng)
                .copied()
                .unwrap_or("6011")
                .into(),
            16,
        ),
    };
    let payload = format!("{prefix}{}", digits(rng, len - 1 - prefix.len()));
    let number = format!("{payload}{}", luhn_check_digit(&payload));
    let sizes: &[usize] = if len == 15 { &[4, 6, 5] } else { &[4, 4, 4, 4] };
    match rng.gen_range(0..3) {
        0 => group(&number, sizes, " "),
        1 => group(&number, sizes, "-"),
        _ => number,
    }
}

/// A 16-digit number that looks like a card but fails the Luhn check (a look-alike).
pub fn luhn_invalid_number(rng: &mut R) -> String {
    let payload = format!("4{}", digits(rng, 14));
    let bad = (luhn_check_digit(&payload) + rng.gen_range(1..10)) % 10;
    group(&format!("{payload}{bad}"), &[4, 4, 4, 4], " ")
}

/// A US SSN with a valid area (not 000, 666 or 900–999), group (not 00) and serial (not 0000),
/// avoiding the well-known advertising numbers.
pub fn ssn(rng: &mut R) -> String {
    let area = loop {
        let a = rng.gen_range(1..900);
        if a != 666 && a != 78 && a != 219 && a != 123 {
            break a;
        }
    };
    let group_no = rng.gen_range(1..100);
    let serial = rng.gen_range(1..10_000);
    match rng.gen_range(0..5) {
        0 => format!("{area:03} {group_no:02} {serial:04}"),
        1 => format!("{area:03}{group_no:02}{serial:04}"),
        _ => format!("{area:03}-{group_no:02}-{serial:04}"),
    }
}

const FIRST_NAMES: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Sarah",
    "Daniel", "Emily", "Kevin", "Laura", "Lukas", "Anna", "Jonas", "Lena", "Felix", "Sophie",
    "Hannah", "Paul", "Léa", "Hugo", "Camille", "Louis", "Chloé", "Manon", "Julien", "Inès",
    "Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Pablo", "Carmen", "Javier", "Elena", "Ada",
    "Priya", "Wei", "Yuki", "Omar", "Fatima", "Noah", "Olivia", "Liam", "Mia", "Ethan", "Zoe",
];
const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Li",
    "Chen",
    "Patel",
    "Kim",
    "Nguyen",
    "Okafor",
    "Silva",
    "Rossi",
    "Novak",
    "Larsen",
];
const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "aol.com",
    "protonmail.com",
    "web.de",
    "gmx.de",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "telefonica.es",
    "hotmail.es",
    "yahoo.es",
    "fastmail.com",
    "comcast.net",
];
const COMPANY_DOMAINS: &[&str] = &[
    "acme-corp.com",
    "globex.io",
    "initech.com",
    "umbrella-group.de",
    "hooli.xyz",
    "stark-industries.com",
    "wayne-enterprises.net",
    "northwind-traders.com",
    "contoso.fr",
    "tecnologias-delta.es",
];

/// A person's name.
pub fn person_name(rng: &mut R) -> (String, String) {
    (
        FIRST_NAMES
            .choose(rng)
            .copied()
            .unwrap_or("Ada")
            .to_string(),
        LAST_NAMES.choose(rng).copied().unwrap_or("Li").to_string(),
    )
}

/// ASCII e-mail local part from a name ("Léa Müller" → "lea.mueller").
pub fn mailbox_name(first: &str, last: &str) -> String {
    let fold = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .map(|c| match c {
                'ä' => "ae".to_string(),
                'ö' => "oe".to_string(),
                'ü' => "ue".to_string(),
                'ß' => "ss".to_string(),
                'é' | 'è' | 'ê' => "e".to_string(),
                'á' | 'à' => "a".to_string(),
                'í' => "i".to_string(),
                'ó' => "o".to_string(),
                'ú' => "u".to_string(),
                'ñ' => "n".to_string(),
                'ç' => "c".to_string(),
                c if c.is_ascii_alphanumeric() => c.to_string(),
                _ => String::new(),
            })
            .collect()
    };
    format!("{}.{}", fold(first), fold(last))
}

/// A personal or business e-mail address.
pub fn email(rng: &mut R) -> String {
    let (first, last) = person_name(rng);
    email_for(rng, &first, &last)
}

/// An e-mail address for a given person.
pub fn email_for(rng: &mut R, first: &str, last: &str) -> String {
    let local = mailbox_name(first, last);
    let local = match rng.gen_range(0..4) {
        0 => format!("{local}{}", rng.gen_range(1..99)),
        1 => local.replace('.', "_"),
        _ => local,
    };
    let domain = if rng.gen_bool(0.7) {
        MAIL_DOMAINS.choose(rng).copied().unwrap_or("gmail.com")
    } else {
        COMPANY_DOMAINS
            .choose(rng)
            .copied()
            .unwrap_or("acme-corp.com")
    };
    format!("{local}@{domain}")
}

const US_AREA_CODES: &[u16] = &[
    201, 202, 206, 212, 213, 305, 310, 312, 404, 415, 503, 512, 602, 617, 702, 713, 718, 773, 808,
    917, 919, 972,
];

/// A valid phone number: US in several formats, or UK, German, French or Spanish
/// international numbers (fixed and mobile ranges).
pub fn phone(rng: &mut R) -> String {
    match rng.gen_range(0..9) {
        0..=3 => {
            let area = *US_AREA_CODES.choose(rng).unwrap_or(&212);
            let exchange = loop {
                let e = rng.gen_range(200..1000);
                if e % 100 != 11 && e != 555 && e != 950 && e != 958 && e != 959 && e != 976 {
                    break e;
                }
            };
            let line = rng.gen_range(1000..10_000);
            match rng.gen_range(0..4) {
                0 => format!("({area}) {exchange}-{line}"),
                1 => format!("{area}-{exchange}-{line}"),
                2 => format!("+1 {area} {exchange} {line}"),
                _ => format!("{area}.{exchange}.{line}"),
            }
        }
        4 => {
            if rng.gen_bool(0.5) {
                format!("+44 20 7{} {}", digits(rng, 3), digits(rng, 4))
            } else {
                // 79xx: a mobile range that is allocated (76xx are pagers, 7700 900 is reserved).
                format!("+44 79{} {}", digits(rng, 2), digits(rng, 6))
            }
        }
        5 | 6 => {
            if rng.gen_bool(0.5) {
                format!("+49 30 {}", rng.gen_range(20_000_000..99_999_999))
            } else {
                // Mobile prefixes differ in subscriber length: 151 has 8 digits, 171 has 7.
                if rng.gen_bool(0.5) {
                    format!("+49 151 {}", rng.gen_range(20_000_000..99_999_999))
                } else {
                    format!("+49 171 {}", rng.gen_range(2_000_000..9_999_999))
                }
            }
        }
        7 => {
            // Regional fixed lines (02–05) and mobiles (06, 07 5x–9x).
            let first = ["2 40", "3 88", "4 72", "5 56", "6 1", "6 7", "7 5", "7 8"]
                .choose(rng)
                .copied()
                .unwrap_or("6 1");
            let tail = if first.len() == 4 { 6 } else { 7 };
            let rest = digits(rng, tail);
            let spaced = if tail == 6 {
                format!("{} {} {}", &rest[0..2], &rest[2..4], &rest[4..6])
            } else {
                format!(
                    "{} {} {} {}",
                    &rest[0..1],
                    &rest[1..3],
                    &rest[3..5],
                    &rest[5..7]
                )
            };
            format!("+33 {first}{}{spaced}", if tail == 6 { " " } else { "" })
        }
        _ => {
            let first = if rng.gen_bool(0.5) { "91" } else { "6" };
            let rest = digits(rng, 9 - first.len());
            let full = format!("{first}{rest}");
            format!("+34 {} {} {}", &full[0..3], &full[3..6], &full[6..9])
        }
    }
}

/// A public IPv4 address (not in private, loopback, link-local or documentation ranges).
pub fn ipv4(rng: &mut R) -> String {
    loop {
        let a = rng.gen_range(1..224u8);
        let b = rng.gen::<u8>();
        if a == 10
            || a == 127
            || a == 0
            || (a == 172 && (16..32).contains(&b))
            || (a == 192 && b == 168)
            || (a == 169 && b == 254)
            || (a == 100 && (64..128).contains(&b))
        {
            continue;
        }
        return format!("{a}.{b}.{}.{}", rng.gen::<u8>(), rng.gen_range(1..255u8));
    }
}

/// A global-unicast IPv6 address, full or `::`-compressed.
pub fn ipv6(rng: &mut R) -> String {
    let prefix = ["2a02", "2001", "2600", "2a01", "2c0f", "2406"]
        .choose(rng)
        .copied()
        .unwrap_or("2a02");
    let mut groups: Vec<String> = vec![prefix.to_string()];
    for _ in 0..7 {
        groups.push(format!("{:x}", rng.gen_range(1..=0xffffu32)));
    }
    if prefix == "2001" && groups[1] == "db8" {
        groups[1] = "db9".into();
    }
    if rng.gen_bool(0.4) {
        format!("{}:{}:{}::{}", groups[0], groups[1], groups[2], groups[7])
    } else {
        groups.join(":")
    }
}

/// An IP address, v4 mostly.
pub fn ip(rng: &mut R) -> String {
    if rng.gen_bool(0.7) {
        ipv4(rng)
    } else {
        ipv6(rng)
    }
}

fn iban_check(country: &str, bban: &str) -> String {
    let rearranged = format!("{bban}{country}00");
    let mut remainder: u32 = 0;
    for c in rearranged.chars() {
        let value = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c.to_ascii_uppercase() as u32 - 'A' as u32 + 10
        };
        for d in value.to_string().chars() {
            remainder = (remainder * 10 + (d as u32 - '0' as u32)) % 97;
        }
    }
    format!("{:02}", 98 - remainder)
}

/// A Spanish BBAN: bank (4) and branch (4), two national check digits (the first over
/// "00" + bank + branch, the second over the account), and the account (10). Real Spanish
/// IBANs always carry them, and validators check them.
fn spanish_bban(rng: &mut R) -> String {
    let bank_branch = digits(rng, 8);
    let account = digits(rng, 10);
    format!(
        "{bank_branch}{}{}{account}",
        spanish_check(&format!("00{bank_branch}")),
        spanish_check(&account)
    )
}

/// One Spanish national check digit over ten digits (weights 1, 2, 4, 8, 5, 10, 9, 7, 3, 6).
fn spanish_check(digits: &str) -> u32 {
    const WEIGHTS: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let sum: u32 = digits
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    match 11 - sum % 11 {
        11 => 0,
        10 => 1,
        d => d,
    }
}

/// True if an IBAN (spaces ignored) passes the mod-97 check.
pub fn iban_valid(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() < 15 {
        return false;
    }
    let rearranged = format!("{}{}", &compact[4..], &compact[..4]);
    let mut remainder: u32 = 0;
    for c in rearranged.chars() {
        let value = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else if c.is_ascii_alphabetic() {
            c.to_ascii_uppercase() as u32 - 'A' as u32 + 10
        } else {
            return false;
        };
        for d in value.to_string().chars() {
            remainder = (remainder * 10 + (d as u32 - '0' as u32)) % 97;
        }
    }
    remainder == 1
}

/// A mod-97-valid IBAN (DE, FR, ES, GB or NL), printed compact or in groups of four.
pub fn iban(rng: &mut R) -> String {
    let (country, bban) = match rng.gen_range(0..5) {
        0 => ("DE", digits(rng, 18)),
        1 => ("FR", format!("{}{}", digits(rng, 21), digits(rng, 2))),
        2 => ("ES", spanish_bban(rng)),
        3 => {
            let bank = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]
                .choose(rng)
                .copied()
                .unwrap_or("NWBK");
            ("GB", format!("{bank}{}", digits(rng, 14)))
        }
        _ => {
            let bank = ["ABNA", "INGB", "RABO"]
                .choose(rng)
                .copied()
                .unwrap_or("INGB");
            ("NL", format!("{bank}{}", digits(rng, 10)))
        }
    };
    let compact = format!("{country}{}{bban}", iban_check(country, &bban));
    if rng.gen_bool(0.5) {
        compact
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        compact
    }
}

/// True if nine digits pass the ABA routing checksum.
pub fn aba_valid(number: &str) -> bool {
    let d: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 {
        return false;
    }
    (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0
}

/// An ABA routing number with a valid Federal Reserve prefix and checksum.
pub fn routing_number(rng: &mut R) -> String {
    let prefixes: Vec<u32> = (1..=12).chain(21..=32).chain(61..=72).chain([80]).collect();
    let prefix = *prefixes.choose(rng).unwrap_or(&21);
    let mut d: Vec<u32> = format!("{prefix:02}")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    for _ in 0..6 {
        d.push(rng.gen_range(0..10));
    }
    let partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5];
    d.push((10 - partial % 10) % 10);
    d.iter().map(|x| x.to_string()).collect()
}

fn base64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// An API key or token of a common provider: AWS access key id, GitHub PAT, Slack bot token,
/// Stripe live secret key, Google API key, OpenAI-style key, or a JWT.
pub fn api_key(rng: &mut R) -> String {
    let provider = match rng.gen_range(0..7) {
        0 => ApiKeyKind::Aws,
        1 => ApiKeyKind::GitHub,
        2 => ApiKeyKind::Slack,
        3 => ApiKeyKind::Stripe,
        4 => ApiKeyKind::Google,
        5 => ApiKeyKind::OpenAi,
        _ => ApiKeyKind::Jwt,
    };
    api_key_of(rng, provider)
}

/// Providers of [`api_key_of`], so text can label a key with the right variable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyKind {
    Aws,
    GitHub,
    Slack,
    Stripe,
    Google,
    OpenAi,
    Jwt,
}

/// An API key or token of one provider.
pub fn api_key_of(rng: &mut R, provider: ApiKeyKind) -> String {
    match provider {
        ApiKeyKind::Aws => format!("AKIA{}", pick_chars(rng, AWS_KEY_ID_CHARS, 16)),
        ApiKeyKind::GitHub => format!("ghp_{}", pick_chars(rng, ALNUM, 36)),
        ApiKeyKind::Slack => format!(
            "xoxb-{}-{}-{}",
            rng.gen_range(1_000_000_000u64..9_999_999_999),
            rng.gen_range(1_000_000_000_000u64..9_999_999_999_999),
            pick_chars(rng, ALNUM, 24)
        ),
        ApiKeyKind::Stripe => format!("sk_live_{}", pick_chars(rng, ALNUM, 24)),
        ApiKeyKind::Google => format!(
            "AIza{}",
            pick_chars(
                rng,
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
                35
            )
        ),
        ApiKeyKind::OpenAi => format!("sk-{}", pick_chars(rng, ALNUM, 48)),
        ApiKeyKind::Jwt => {
            let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
            let (first, last) = person_name(rng);
            let payload = format!(
                r#"{{"sub":"{}","name":"{first} {last}","iat":{},"exp":{}}}"#,
                rng.gen_range(100_000..999_999),
                rng.gen_range(1_700_000_000u64..1_760_000_000),
                rng.gen_range(1_760_000_000u64..1_800_000_000)
            );
            let sig: Vec<u8> = (0..32).map(|_| rng.gen()).collect();
            format!(
                "{header}.{}.{}",
                base64url(payload.as_bytes()),
                base64url(&sig)
            )
        }
    }
}

/// A PEM RSA private key block: well-formed armour and base64 body (random DER-ish bytes
/// starting like a real PKCS#1 key, not a usable key).
pub fn pem_private_key(rng: &mut R) -> String {
    let lines = rng.gen_range(12..26);
    let mut body = String::from("MIIEow");
    body.push_str(&pick_chars(rng, B64, 58));
    let mut out = String::from("-----BEGIN RSA PRIVATE KEY-----\n");
    out.push_str(&body);
    out.push('\n');
    for _ in 1..lines {
        out.push_str(&pick_chars(rng, B64, 64));
        out.push('\n');
    }
    let tail = rng.gen_range(8..60);
    out.push_str(&pick_chars(rng, B64, tail));
    out.push_str("==\n-----END RSA PRIVATE KEY-----");
    out
}

/// A password as users paste them (no HTML-special characters, so HTML renderings keep it
/// byte-identical).
pub fn password(rng: &mut R) -> String {
    const WORDS: &[&str] = &[
        "Summer", "Winter", "Dragon", "Sunshine", "Monkey", "Football", "Princess", "Welcome",
        "Sommer", "Soleil", "Verano", "Hunter", "Shadow", "Master",
    ];
    match rng.gen_range(0..3) {
        0 => format!(
            "{}{}{}",
            WORDS.choose(rng).copied().unwrap_or("Summer"),
            rng.gen_range(1970..2027),
            ["!", "#", "$", "?", "*", "@"]
                .choose(rng)
                .copied()
                .unwrap_or("!")
        ),
        1 => {
            let len = rng.gen_range(10..18);
            pick_chars(
                rng,
                b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%*+-=?@^_",
                len,
            )
        }
        _ => format!(
            "{}-{}-{}{}",
            WORDS
                .choose(rng)
                .copied()
                .unwrap_or("Summer")
                .to_lowercase(),
            WORDS
                .choose(rng)
                .copied()
                .unwrap_or("Winter")
                .to_lowercase(),
            rng.gen_range(10..99),
            ["!", "#", "$", "?"].choose(rng).copied().unwrap_or("!")
        ),
    }
}

// ---- look-alikes -------------------------------------------------------------------------

/// An order number (`#A-4821973`, `ORD-2025-118274`).
pub fn order_number(rng: &mut R) -> String {
    match rng.gen_range(0..3) {
        0 => format!("#A-{}", rng.gen_range(1_000_000..9_999_999)),
        1 => format!(
            "ORD-{}-{:06}",
            rng.gen_range(2024..2027),
            rng.gen_range(0..1_000_000)
        ),
        _ => format!("WEB{}", rng.gen_range(10_000_000..99_999_999)),
    }
}

/// A parcel tracking code (UPS `1Z…`, DHL, La Poste style).
pub fn tracking_code(rng: &mut R) -> String {
    match rng.gen_range(0..3) {
        0 => format!("1Z{}{}", pick_chars(rng, UPPER_ALNUM, 6), digits(rng, 10)),
        1 => format!("JJD{}", digits(rng, 18)),
        _ => format!("6A{}FR", digits(rng, 11)),
    }
}

/// A random UUID (v4 layout).
pub fn uuid(rng: &mut R) -> String {
    let b: [u8; 16] = rng.gen();
    let mut b = b;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(b).to_string()
}

/// A software version with four parts (`10.2.3.4`), which looks like an IPv4 address.
pub fn version_string(rng: &mut R) -> String {
    format!(
        "{}.{}.{}.{}",
        rng.gen_range(1..20),
        rng.gen_range(0..20),
        rng.gen_range(0..50),
        rng.gen_range(0..9999)
    )
}

/// An invoice number (`INV-2025-004321`).
pub fn invoice_number(rng: &mut R) -> String {
    format!(
        "INV-{}-{:06}",
        rng.gen_range(2024..2027),
        rng.gen_range(0..1_000_000)
    )
}

#[cfg(test)]
mod tests {

    /// The published example ES91 2100 0418 4502 0005 1332: national check digits 4 and 5.
    #[test]
    fn spanish_check_digits() {
        assert_eq!(spanish_check("0021000418"), 4);
        assert_eq!(spanish_check("0200051332"), 5);
    }

    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_values_pass_their_checks() {
        let mut rng = R::seed_from_u64(3);
        for _ in 0..2000 {
            let card = credit_card(&mut rng);
            assert!(luhn_valid(&card), "{card}");
            assert!(!luhn_valid(&luhn_invalid_number(&mut rng)));
            let iban = iban(&mut rng);
            assert!(iban_valid(&iban), "{iban}");
            let routing = routing_number(&mut rng);
            assert!(aba_valid(&routing), "{routing}");
            let ssn = ssn(&mut rng);
            let d: String = ssn.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(d.len(), 9);
            assert!(!d.starts_with("000") && !d.starts_with("666") && !d.starts_with('9'));
            assert_ne!(&d[3..5], "00");
            assert_ne!(&d[5..], "0000");
            assert!(ipv4(&mut rng).parse::<std::net::Ipv4Addr>().is_ok());
            assert!(ipv6(&mut rng).parse::<std::net::Ipv6Addr>().is_ok());
        }
        assert!(iban_valid("DE89 3704 0044 0532 0130 00"));
        assert!(aba_valid("021000021"));
    }
}
