//! Scanning throughput of the default detector set on generated support-ticket text.
//!
//! Four corpora of about 4 MiB each, generated deterministically (seeded ChaCha8) from the
//! templates and word lists below:
//!
//! - `dense-ascii`: every ticket (0.5–2 KB) carries several sensitive values (cards, SSNs,
//!   e-mails, phones, IPs, IBANs, routing numbers, API keys, JWTs, passwords, now and then a
//!   PEM private key) among hard negatives (order numbers, UUIDs, timestamps, versions,
//!   tracking codes, digests).
//! - `sparse-ascii`: ordinary ticket prose and pasted logs, about one value per 10 KB.
//! - `dense-mixed` / `sparse-mixed`: the same with German, French, Spanish, Russian, Greek,
//!   Chinese, Japanese and emoji sentences mixed in.
//!
//! Groups: `compile` (building the default scanner), `scan_tickets` (one `scan` call per
//! ticket), `scan_many` (one `scan_many` call per 32 tickets, as the pipeline, the scan API
//! and `leakhound scan` of a directory scan them), `candidate_pass` (the one multi-pattern
//! pass alone, per ticket: the ceiling of `scan_tickets`), `scan_tickets_foundation` (the ten
//! detectors of the foundation issue's benchmark; `scan_many_foundation` the same 32 at a
//! time), `first_scan` (a new scanner's first pass over each corpus, its lazy DFA states
//! built on the way, as a one-off CLI run pays) and `scan_whole` (the corpus as one text).
//! Before measuring,
//! each corpus's size, ticket count, planted values and findings per MB go to stderr.
//!
//! ```text
//! cargo bench -p leakhound-engine --bench scan
//! cargo bench -p leakhound-engine --bench scan -- scan_tickets/dense-ascii
//! LEAKHOUND_BENCH_BYTES=1000000 cargo bench -p leakhound-engine --bench scan
//! LEAKHOUND_BENCH_DUMP=/tmp cargo bench -p leakhound-engine --bench scan -- compile
//! ```
//!
//! `LEAKHOUND_BENCH_BYTES` sets the size of each corpus; `LEAKHOUND_BENCH_DUMP` writes each
//! corpus (tickets joined by blank lines) to `<dir>/<corpus>.txt` for inspection or profiling.

use criterion::{
    black_box, criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, SamplingMode,
    Throughput,
};
use leakhound_engine::{ScanPolicy, Scanner};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// The allocator the `leakhound` binary ships with (see `leakhound-cli`'s `main.rs`), so that
/// the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The detectors the foundation issue (3) benchmarked, before the full catalogue.
const FOUNDATION_DETECTORS: &[&str] = &[
    "CREDIT_CARD_NUMBER",
    "US_SOCIAL_SECURITY_NUMBER",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "IP_ADDRESS",
    "IBAN_CODE",
    "US_BANK_ROUTING_MICR",
    "API_KEY",
    "CRYPTOGRAPHIC_KEY",
    "PASSWORD",
];

/// Bytes of ticket text per corpus (override with `LEAKHOUND_BENCH_BYTES`).
const DEFAULT_CORPUS_BYTES: usize = 4 << 20;

/// How many sensitive values a corpus carries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Density {
    /// Several per ticket: roughly 7,000 per MB.
    Dense,
    /// About one per 10 KB.
    Sparse,
}

struct CorpusSpec {
    name: &'static str,
    density: Density,
    mixed_script: bool,
    seed: u64,
}

const CORPORA: &[CorpusSpec] = &[
    CorpusSpec {
        name: "dense-ascii",
        density: Density::Dense,
        mixed_script: false,
        seed: 0x1ea4_0001,
    },
    CorpusSpec {
        name: "sparse-ascii",
        density: Density::Sparse,
        mixed_script: false,
        seed: 0x1ea4_0002,
    },
    CorpusSpec {
        name: "dense-mixed",
        density: Density::Dense,
        mixed_script: true,
        seed: 0x1ea4_0003,
    },
    CorpusSpec {
        name: "sparse-mixed",
        density: Density::Sparse,
        mixed_script: true,
        seed: 0x1ea4_0004,
    },
];

// ---------------------------------------------------------------------------------------------
// Word lists and templates. `{}` is where a generated value goes.
// ---------------------------------------------------------------------------------------------

const FIRST_NAMES: &[&str] = &[
    "james", "maria", "wei", "fatima", "lukas", "sofia", "olivier", "chloe", "diego", "lucia",
    "ivan", "olga", "nikos", "eleni", "yuki", "hiroshi", "priya", "arjun", "emma", "noah", "liam",
    "ava", "mateo", "zoe",
];
const LAST_NAMES: &[&str] = &[
    "smith",
    "garcia",
    "chen",
    "khan",
    "muller",
    "rossi",
    "dubois",
    "martin",
    "lopez",
    "fernandez",
    "petrov",
    "ivanova",
    "papadopoulos",
    "tanaka",
    "sato",
    "sharma",
    "patel",
    "johnson",
    "brown",
    "nguyen",
    "kim",
    "silva",
];
const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "outlook.com",
    "yahoo.fr",
    "web.de",
    "mail.ru",
    "acme-corp.io",
    "example.co.uk",
    "proton.me",
    "company.es",
    "icloud.com",
    "fastmail.fm",
    "uni-hamburg.de",
];
const PASSWORD_WORDS: &[&str] = &[
    "Summer",
    "Winter",
    "Dragon",
    "Monkey",
    "Sunshine",
    "Qwerty",
    "Welcome",
    "Letmein",
    "Football",
    "Berlin",
    "Paris",
    "Madrid",
    "Tr0ub4dor",
    "correcthorse",
    "P@ssw0rd",
    "Hunter",
];

const PROSE_EN: &[&str] = &[
    "Hi team, I have been trying to log in since yesterday evening and the app keeps spinning.",
    "I was charged twice for the same subscription this month, can you please look into it?",
    "The export to CSV stops at about 80 percent and then nothing happens at all.",
    "We upgraded to the new plan last week but the dashboard still shows the old limits.",
    "Could you tell me when my refund will be processed? It has been more than ten days.",
    "After the latest update the mobile app crashes as soon as I open the settings page.",
    "Our finance department needs a corrected invoice with the new company address.",
    "Thanks for the quick reply, unfortunately the workaround did not help on our side.",
    "The password reset e-mail never arrives, I checked the spam folder as well.",
    "I am attaching the logs our admin collected this morning, hope that helps.",
    "Please escalate this, our whole support floor cannot work while the sync is down.",
    "The parcel was marked as delivered but nobody here received anything.",
    "I would like to cancel my account and have all my personal data deleted.",
    "Is there a way to add a second user to the account without paying for another seat?",
    "When I click on pay now the page reloads and my cart is empty again.",
    "Our integration started returning errors around noon and we have not changed anything.",
    "The customer says the discount code was accepted but the total did not change.",
    "Kind regards and thank you for your patience with this one.",
    "Let me know if you need anything else from me to move this forward.",
    "The webhook deliveries are failing with a timeout since the maintenance window.",
    "I changed my billing details but the old card is still being charged.",
    "Our auditors asked for a copy of the data processing agreement, where can I find it?",
    "The two-factor code from the authenticator app is always rejected.",
    "Can you merge my two accounts? I accidentally signed up with my work address.",
];
const PROSE_MIXED: &[&str] = &[
    "Guten Tag, ich kann mich seit gestern nicht mehr anmelden, die Seite lädt endlos.",
    "Die Überweisung ist fehlgeschlagen, obwohl genügend Guthaben auf dem Konto war.",
    "Könnten Sie bitte die Rechnung für März erneut schicken? Vielen Dank im Voraus.",
    "Bonjour, je n'arrive pas à me connecter depuis hier soir, pouvez-vous vérifier ?",
    "J'ai été débité deux fois pour la même commande, merci de corriger rapidement.",
    "La mise à jour a supprimé toutes mes préférences, c'est très gênant.",
    "Hola, ¿podrían ayudarme? La aplicación dice «error de pago» cada vez.",
    "Mi pedido llegó dañado y quisiera solicitar un reembolso lo antes posible.",
    "Señores, la factura tiene un error en la dirección de envío.",
    "Здравствуйте, не могу войти в личный кабинет уже второй день.",
    "Деньги списали, а заказ так и не оформился. Прошу разобраться.",
    "Καλησπέρα, η πληρωμή μου απορρίφθηκε χωρίς κάποιο μήνυμα σφάλματος.",
    "Ευχαριστώ πολύ για τη γρήγορη απάντηση.",
    "您好，我的账户无法登录，请帮忙处理一下，谢谢。",
    "订单已经付款了，但是状态一直显示未支付。",
    "お世話になっております。請求書の金額について質問があります。",
    "アプリを更新してから同期ができなくなりました。",
    "Thanks so much!! 🙏🔥 You saved my day 😊",
    "Still broken 😡😡 this is the third ticket about it ⚠️",
    "Merci beaucoup 👍 ça marche à nouveau ✅",
];
const GREETINGS_EN: &[&str] = &[
    "Hello,",
    "Hi there,",
    "Dear support team,",
    "Good morning,",
    "Hey,",
];
const GREETINGS_MIXED: &[&str] = &[
    "Hallo,",
    "Bonjour,",
    "Hola,",
    "Здравствуйте,",
    "Γεια σας,",
    "您好，",
    "こんにちは、",
];
const SIGN_OFFS_EN: &[&str] = &["Best regards,", "Thanks,", "Cheers,", "Kind regards,"];
const SIGN_OFFS_MIXED: &[&str] = &[
    "Mit freundlichen Grüßen,",
    "Cordialement,",
    "Saludos,",
    "С уважением,",
    "谢谢！",
    "よろしくお願いします。",
];
const SUBJECTS: &[&str] = &[
    "Login not working",
    "Double charge on my card",
    "Refund request",
    "Export fails",
    "Account deletion",
    "Webhook timeouts",
    "Invoice correction",
    "App crashes on start",
    "Cannot reset password",
    "Parcel not received",
];
const SERVICES: &[&str] = &[
    "OrderService",
    "PaymentGateway",
    "AuthController",
    "SyncWorker",
    "MailRelay",
    "InvoiceJob",
];
const LOG_LEVELS: &[&str] = &["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"];
const LOG_MESSAGES: &[&str] = &[
    "request completed",
    "retrying upstream call",
    "cache miss for key",
    "connection reset by peer",
    "payment authorised",
    "token refreshed",
    "job finished",
    "slow query detected",
];

/// Templates per kind of sensitive value, English and (for mixed-script corpora) others.
struct Templates {
    en: &'static [&'static str],
    intl: &'static [&'static str],
}

const CARD_T: Templates = Templates {
    en: &[
        "My card number is {} and it expires 09/27.",
        "Please refund the charge on card {} as soon as possible.",
        "The customer paid with a Visa card {} yesterday.",
        "cc: {} exp 11/26 cvv on file",
        "They charged my credit card {} twice.",
    ],
    intl: &[
        "Meine Kreditkarte: {} (gültig bis 08/27).",
        "Ma carte bancaire {} a été débitée deux fois.",
        "Mi tarjeta {} fue rechazada.",
        "Номер карты {}, срок 12/26.",
        "我的信用卡号是{}，请退款。",
    ],
};
const SSN_T: Templates = Templates {
    en: &[
        "My SSN is {} if you need it for verification.",
        "social security number: {}",
        "For the tax form, SSN {}.",
    ],
    intl: &[
        "Sozialversicherungsnummer (US) SSN {}.",
        "Mon SSN américain est le {}.",
    ],
};
const EMAIL_T: Templates = Templates {
    en: &[
        "You can reach me at {} any time.",
        "Please send the invoice to {} instead.",
        "From: {}",
        "cc {} on the reply please.",
    ],
    intl: &[
        "Meine E-Mail-Adresse ist {}.",
        "Mon adresse e-mail : {}",
        "Mi correo es {}",
        "Моя почта {}",
        "我的邮箱是{}",
    ],
};
const PHONE_T: Templates = Templates {
    en: &[
        "Call me back on {} after 5pm.",
        "phone: {}",
        "My mobile number is {}.",
        "Tel. {} (office)",
    ],
    intl: &[
        "Rufen Sie mich unter {} an.",
        "Mon numéro de téléphone est le {}.",
        "Mi teléfono es {}.",
        "Мой телефон {}",
        "電話番号は{}です。",
    ],
};
const IPV4_T: Templates = Templates {
    en: &[
        "The requests come from IP {} according to our firewall.",
        "client_ip={} blocked",
        "Login attempt from {} was not me.",
    ],
    intl: &[
        "Die Anfragen kommen von der IP {}.",
        "Connexion depuis l'adresse {}.",
    ],
};
const IPV6_T: Templates = Templates {
    en: &[
        "Our server address is {} on the new network.",
        "remote_addr={}",
    ],
    intl: &["Adresse IPv6 du serveur : {}"],
};
const IBAN_T: Templates = Templates {
    en: &[
        "Please wire the refund to IBAN {}.",
        "Our bank account: {}",
        "IBAN: {} (business account)",
    ],
    intl: &[
        "Bitte überweisen Sie auf IBAN {}.",
        "Mon IBAN est {}.",
        "Mi cuenta IBAN {}",
    ],
};
const ABA_T: Templates = Templates {
    en: &[
        "The routing number is {} and the account ends in 4821.",
        "ABA routing {} for the direct deposit.",
        "routing no. {}",
    ],
    intl: &["US routing number {} (Bank of America)."],
};
const AWS_T: Templates = Templates {
    en: &[
        "aws_access_key_id = {}",
        "We rotated the key {} this morning.",
        "AWS_ACCESS_KEY_ID={}",
    ],
    intl: &["Der Schlüssel {} wurde kompromittiert."],
};
const AWS_SECRET_T: Templates = Templates {
    en: &["aws_secret_access_key = {}", "AWS_SECRET_ACCESS_KEY={}"],
    intl: &["secret: {}"],
};
const GITHUB_T: Templates = Templates {
    en: &[
        "GITHUB_TOKEN={}",
        "I pasted my token {} into the config by mistake.",
        "git clone https://{}@github.com/acme/app.git",
    ],
    intl: &["Mon jeton GitHub : {}"],
};
const SLACK_T: Templates = Templates {
    en: &["SLACK_BOT_TOKEN={}", "slack token {} in the env file"],
    intl: &["Token de Slack: {}"],
};
const STRIPE_T: Templates = Templates {
    en: &[
        "STRIPE_SECRET_KEY={}",
        "Our Stripe key {} leaked in the build log.",
    ],
    intl: &["Stripe-Schlüssel {}"],
};
const JWT_T: Templates = Templates {
    en: &[
        "Authorization: Bearer {}",
        "The session token {} expired too early.",
        "jwt={}",
    ],
    intl: &["Le jeton {} a expiré."],
};
const PASSWORD_T: Templates = Templates {
    en: &[
        "password: {}",
        "My login is {} just in case.",
        "pwd={}",
        "The temporary password {} does not work.",
    ],
    intl: &[
        "Passwort: {}",
        "mot de passe : {}",
        "contraseña: {}",
        "пароль: {}",
    ],
};

/// The kinds of sensitive value the generator plants, with their weights.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Card,
    Ssn,
    Email,
    Phone,
    Ipv4,
    Ipv6,
    Iban,
    Aba,
    AwsKey,
    AwsSecret,
    GitHub,
    Slack,
    Stripe,
    Jwt,
    Password,
}

const KINDS: &[(Kind, u32)] = &[
    (Kind::Card, 12),
    (Kind::Ssn, 8),
    (Kind::Email, 14),
    (Kind::Phone, 14),
    (Kind::Ipv4, 8),
    (Kind::Ipv6, 3),
    (Kind::Iban, 6),
    (Kind::Aba, 4),
    (Kind::AwsKey, 3),
    (Kind::AwsSecret, 2),
    (Kind::GitHub, 3),
    (Kind::Slack, 2),
    (Kind::Stripe, 3),
    (Kind::Jwt, 3),
    (Kind::Password, 6),
];

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE32_UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX: &[u8] = b"0123456789abcdef";
const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

struct Generator {
    rng: ChaCha8Rng,
    mixed: bool,
    /// Sensitive values planted so far.
    planted: usize,
}

impl Generator {
    fn new(seed: u64, mixed: bool) -> Generator {
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            mixed,
            planted: 0,
        }
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.choose(&mut self.rng).copied().unwrap_or_default()
    }

    fn chars(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| char::from(alphabet[self.rng.gen_range(0..alphabet.len())]))
            .collect()
    }

    fn digits(&mut self, n: usize) -> String {
        self.chars(b"0123456789", n)
    }

    fn num(&mut self, range: std::ops::Range<u64>) -> u64 {
        self.rng.gen_range(range)
    }

    // ----- sensitive values ------------------------------------------------------------------

    fn card(&mut self) -> String {
        // (prefix, length, grouping)
        let (prefix, len): (String, usize) = match self.num(0..10) {
            0..=3 => ("4".into(), 16),
            4 | 5 => (format!("5{}", self.num(1..6)), 16),
            6 => (format!("{}", self.num(2221..2721)), 16),
            7 => (if self.rng.gen_bool(0.5) { "34" } else { "37" }.into(), 15),
            8 => ("6011".into(), 16),
            _ => (format!("{}", self.num(3528..3590)), 16),
        };
        let mut digits: Vec<u8> = prefix.bytes().map(|b| b - b'0').collect();
        while digits.len() < len - 1 {
            digits.push(self.num(0..10) as u8);
        }
        digits.push(luhn_check_digit(&digits));
        let s: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        match (len, self.num(0..3)) {
            (_, 0) => s,
            (15, _) => format!("{} {} {}", &s[..4], &s[4..10], &s[10..]),
            (_, sep) => {
                let sep = if sep == 1 { " " } else { "-" };
                format!(
                    "{}{sep}{}{sep}{}{sep}{}",
                    &s[..4],
                    &s[4..8],
                    &s[8..12],
                    &s[12..]
                )
            }
        }
    }

    fn ssn(&mut self) -> String {
        let area = loop {
            let a = self.num(1..900);
            if a != 666 {
                break a;
            }
        };
        let group = self.num(1..100);
        let serial = self.num(1..10_000);
        if self.rng.gen_bool(0.8) {
            format!("{area:03}-{group:02}-{serial:04}")
        } else {
            format!("{area:03} {group:02} {serial:04}")
        }
    }

    fn email(&mut self) -> String {
        let first = self.pick(FIRST_NAMES);
        let last = self.pick(LAST_NAMES);
        let domain = self.pick(MAIL_DOMAINS);
        match self.num(0..4) {
            0 => format!("{first}.{last}@{domain}"),
            1 => format!("{}{last}@{domain}", &first[..1]),
            2 => format!("{first}_{last}{}@{domain}", self.num(1..100)),
            _ => format!("{first}@{domain}"),
        }
    }

    fn phone(&mut self) -> String {
        const US_AREAS: &[&str] = &[
            "212", "312", "415", "617", "646", "702", "818", "917", "303", "512", "206", "404",
        ];
        let area = self.pick(US_AREAS);
        let exchange = self.num(201..1000);
        let exchange = if exchange == 555 { 556 } else { exchange };
        let line = self.num(0..10_000);
        match self.num(0..9) {
            0 => format!("({area}) {exchange}-{line:04}"),
            1 => format!("{area}-{exchange}-{line:04}"),
            2 => format!("{area}.{exchange}.{line:04}"),
            3 => format!("+1 {area} {exchange} {line:04}"),
            4 => format!("+1-{area}-{exchange}-{line:04}"),
            5 => format!("+44 20 7{} {}", self.digits(3), self.digits(4)),
            6 => format!("+44 7{} {}", self.digits(3), self.digits(6)),
            7 => format!("+49 30 {}", self.digits(8)),
            _ => format!(
                "+33 6 {} {} {} {}",
                self.digits(2),
                self.digits(2),
                self.digits(2),
                self.digits(2)
            ),
        }
    }

    fn ipv4(&mut self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.num(1..224),
            self.num(0..256),
            self.num(0..256),
            self.num(1..255)
        )
    }

    fn ipv6(&mut self) -> String {
        let groups: Vec<String> = (0..8)
            .map(|_| format!("{:x}", self.num(0..0x10000)))
            .collect();
        match self.num(0..3) {
            0 => groups.join(":"),
            1 => format!("2001:db8:{}::{}", groups[2], groups[7]),
            _ => format!(
                "fe80::{}:{}:{}:{}",
                groups[4], groups[5], groups[6], groups[7]
            ),
        }
    }

    fn iban(&mut self) -> String {
        let (country, bban) = match self.num(0..5) {
            0 => ("DE", self.digits(18)),
            1 => (
                "GB",
                format!(
                    "{}{}",
                    self.pick(&["NWBK", "BARC", "HBUK", "MIDL"]),
                    self.digits(14)
                ),
            ),
            2 => ("FR", self.digits(23)),
            3 => ("ES", self.digits(20)),
            _ => (
                "NL",
                format!(
                    "{}{}",
                    self.pick(&["ABNA", "INGB", "RABO"]),
                    self.digits(10)
                ),
            ),
        };
        let check = 98 - mod97(&format!("{bban}{country}00"));
        let compact = format!("{country}{check:02}{bban}");
        if self.rng.gen_bool(0.7) {
            let bytes = compact.as_bytes();
            bytes
                .chunks(4)
                .map(|c| std::str::from_utf8(c).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            compact
        }
    }

    fn aba(&mut self) -> String {
        let first = [self.num(1..13), self.num(21..33)][self.num(0..2) as usize];
        let mut d: Vec<u64> = vec![first / 10, first % 10];
        while d.len() < 8 {
            d.push(self.num(0..10));
        }
        let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
        d.push((10 - sum % 10) % 10);
        d.iter().map(|x| x.to_string()).collect()
    }

    fn jwt(&mut self) -> String {
        let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = format!(
            r#"{{"sub":"{}","name":"{} {}","iat":{},"exp":{}}}"#,
            self.num(100_000..999_999),
            self.pick(FIRST_NAMES),
            self.pick(LAST_NAMES),
            1_700_000_000 + self.num(0..50_000_000),
            1_760_000_000 + self.num(0..50_000_000)
        );
        let payload = base64url(payload.as_bytes());
        let signature = self.chars(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            43,
        );
        format!("{header}.{payload}.{signature}")
    }

    fn password(&mut self) -> String {
        match self.num(0..4) {
            0 => format!("{}{}!", self.pick(PASSWORD_WORDS), self.num(10..2030)),
            1 => self.chars(
                b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*",
                14,
            ),
            2 => format!(
                "{}_{}#{}",
                self.pick(PASSWORD_WORDS),
                self.pick(PASSWORD_WORDS),
                self.num(0..100)
            ),
            _ => format!(
                "{}.{} / {}{}",
                self.pick(FIRST_NAMES),
                self.pick(LAST_NAMES),
                self.pick(PASSWORD_WORDS),
                self.num(1..99)
            ),
        }
    }

    fn pem_block(&mut self) -> String {
        let (label, lead) = if self.rng.gen_bool(0.6) {
            ("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA")
        } else {
            ("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAA")
        };
        let mut out = format!(
            "-----BEGIN {label}-----\n{lead}{}\n",
            self.chars(BASE64, 64 - lead.len())
        );
        for _ in 0..self.num(8..25) {
            out.push_str(&self.chars(BASE64, 64));
            out.push('\n');
        }
        let tail = self.num(10..60) as usize;
        let _ = writeln!(out, "{}==", self.chars(BASE64, tail));
        let _ = write!(out, "-----END {label}-----");
        out
    }

    fn value(&mut self, kind: Kind) -> (String, &'static Templates) {
        match kind {
            Kind::Card => (self.card(), &CARD_T),
            Kind::Ssn => (self.ssn(), &SSN_T),
            Kind::Email => (self.email(), &EMAIL_T),
            Kind::Phone => (self.phone(), &PHONE_T),
            Kind::Ipv4 => (self.ipv4(), &IPV4_T),
            Kind::Ipv6 => (self.ipv6(), &IPV6_T),
            Kind::Iban => (self.iban(), &IBAN_T),
            Kind::Aba => (self.aba(), &ABA_T),
            Kind::AwsKey => (format!("AKIA{}", self.chars(BASE32_UPPER, 16)), &AWS_T),
            Kind::AwsSecret => (self.chars(BASE64, 40), &AWS_SECRET_T),
            Kind::GitHub => (format!("ghp_{}", self.chars(ALNUM, 36)), &GITHUB_T),
            Kind::Slack => (
                format!(
                    "xoxb-{}-{}-{}",
                    self.digits(11),
                    self.digits(13),
                    self.chars(ALNUM, 24)
                ),
                &SLACK_T,
            ),
            Kind::Stripe => (format!("sk_live_{}", self.chars(ALNUM, 24)), &STRIPE_T),
            Kind::Jwt => (self.jwt(), &JWT_T),
            Kind::Password => (self.password(), &PASSWORD_T),
        }
    }

    /// One sentence carrying one sensitive value.
    fn sensitive_sentence(&mut self) -> String {
        let total: u32 = KINDS.iter().map(|(_, w)| w).sum();
        let mut roll = self.rng.gen_range(0..total);
        let kind = KINDS
            .iter()
            .find(|(_, w)| {
                if roll < *w {
                    true
                } else {
                    roll -= w;
                    false
                }
            })
            .map_or(Kind::Email, |(k, _)| *k);
        let (value, templates) = self.value(kind);
        let template = if self.mixed && self.rng.gen_bool(0.5) {
            self.pick(templates.intl)
        } else {
            self.pick(templates.en)
        };
        self.planted += 1;
        template.replacen("{}", &value, 1)
    }

    // ----- hard negatives and filler ---------------------------------------------------------

    fn uuid(&mut self) -> String {
        format!(
            "{}-{}-4{}-a{}-{}",
            self.chars(HEX, 8),
            self.chars(HEX, 4),
            self.chars(HEX, 3),
            self.chars(HEX, 3),
            self.chars(HEX, 12)
        )
    }

    fn timestamp(&mut self) -> String {
        format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            self.num(1..13),
            self.num(1..29),
            self.num(0..24),
            self.num(0..60),
            self.num(0..60),
            self.num(0..1000)
        )
    }

    fn hard_negative(&mut self) -> String {
        match self.num(0..14) {
            0 => format!(
                "Order #{} was placed on {}.",
                self.num(10_000_000..99_999_999),
                self.timestamp()
            ),
            1 => format!("Request ID {} (please quote it in replies).", self.uuid()),
            2 => format!(
                "Version {}.{}.{} of the app, build {}.",
                self.num(1..20),
                self.num(0..30),
                self.num(0..200),
                self.num(10_000..99_999)
            ),
            3 => format!("Tracking number 1Z{} via UPS.", self.chars(UPPER_ALNUM, 16)),
            4 => format!(
                "USPS tracking {} {} {} {} {} 00",
                9400,
                self.digits(4),
                self.digits(4),
                self.digits(4),
                self.digits(4)
            ),
            5 => format!(
                "Invoice INV-2024-{:06} for {} EUR is attached.",
                self.num(0..999_999),
                self.num(10..9_999)
            ),
            6 => format!(
                "Windows {}.0.{}.{} and Chrome/{}.0.{}.{}",
                10,
                self.num(19_000..22_700),
                self.num(1000..4000),
                self.num(110..125),
                self.num(5000..6500),
                self.num(10..200)
            ),
            7 => format!("commit {} broke the export.", self.chars(HEX, 40)),
            8 => format!("sha256: {}", self.chars(HEX, 64)),
            9 => format!(
                "Case CASE-{:08}, priority P{}, opened {}.",
                self.num(0..99_999_999),
                self.num(1..5),
                self.timestamp()
            ),
            10 => format!("Reference number {} (not a card).", self.digits(16)),
            11 => format!(
                "Total charged: ${}.{:02} on 2024-{:02}-{:02}.",
                self.num(1..5_000),
                self.num(0..100),
                self.num(1..13),
                self.num(1..29)
            ),
            12 => format!(
                "Timestamp {} ms, epoch {}.",
                1_700_000_000_000 + self.num(0..99_999_999_999),
                1_700_000_000 + self.num(0..99_999_999)
            ),
            _ => format!(
                "SKU {}-{}-{}, qty {}.",
                self.chars(UPPER_ALNUM, 4),
                self.digits(4),
                self.chars(UPPER_ALNUM, 2),
                self.num(1..20)
            ),
        }
    }

    fn log_line(&mut self) -> String {
        let mut line = format!(
            "{} {:5} [{}-{}] {} - {} order={} latency_ms={} trace_id={}",
            self.timestamp(),
            self.pick(LOG_LEVELS),
            self.pick(&["http-nio-8080-exec", "worker", "pool-2-thread"]),
            self.num(1..16),
            self.pick(SERVICES),
            self.pick(LOG_MESSAGES),
            self.num(10_000_000..99_999_999),
            self.num(1..3000),
            self.uuid(),
        );
        if self.rng.gen_bool(0.1) {
            let _ = write!(
                line,
                "\n\tat com.acme.{}.handle({}.java:{})",
                self.pick(SERVICES),
                self.pick(SERVICES),
                self.num(20..900)
            );
        }
        line
    }

    fn prose(&mut self) -> String {
        if self.mixed && self.rng.gen_bool(0.5) {
            self.pick(PROSE_MIXED).to_string()
        } else {
            self.pick(PROSE_EN).to_string()
        }
    }

    // ----- tickets ---------------------------------------------------------------------------

    fn ticket(&mut self, density: Density) -> String {
        let target = self.num(500..2000) as usize;
        let mut t = String::with_capacity(target + 256);
        let _ = writeln!(
            t,
            "Ticket #{} | Subject: {} | Priority: normal",
            self.num(100_000..999_999),
            self.pick(SUBJECTS)
        );
        let greeting = if self.mixed && self.rng.gen_bool(0.5) {
            self.pick(GREETINGS_MIXED)
        } else {
            self.pick(GREETINGS_EN)
        };
        t.push_str(greeting);
        t.push_str("\n\n");
        // Sparse: one value in about one ticket of eight (average ticket ~1.25 KB).
        let mut sparse_value = density == Density::Sparse && self.rng.gen_bool(0.125);
        let pem = density == Density::Dense && self.rng.gen_bool(0.03);
        let with_logs = self.rng.gen_bool(if density == Density::Sparse {
            0.3
        } else {
            0.15
        });
        while t.len() < target {
            let roll = self.num(0..100);
            let sentence = match density {
                Density::Dense if roll < 52 => self.sensitive_sentence(),
                Density::Dense if roll < 70 => self.hard_negative(),
                Density::Sparse if roll < 15 => self.hard_negative(),
                _ if with_logs && roll >= 85 => {
                    let n = self.num(2..6);
                    (0..n)
                        .map(|_| self.log_line())
                        .collect::<Vec<_>>()
                        .join("\n")
                }
                _ => self.prose(),
            };
            t.push_str(&sentence);
            t.push(if self.rng.gen_bool(0.3) { '\n' } else { ' ' });
            if sparse_value && t.len() > target / 2 {
                let sentence = self.sensitive_sentence();
                t.push_str(&sentence);
                t.push(' ');
                sparse_value = false;
            }
        }
        if pem {
            t.push_str("\nHere is the key file from the server:\n");
            let block = self.pem_block();
            t.push_str(&block);
            t.push('\n');
            self.planted += 1;
        }
        let sign_off = if self.mixed && self.rng.gen_bool(0.5) {
            self.pick(SIGN_OFFS_MIXED)
        } else {
            self.pick(SIGN_OFFS_EN)
        };
        let _ = write!(
            t,
            "\n{sign_off}\n{} {}",
            self.pick(FIRST_NAMES),
            self.pick(LAST_NAMES)
        );
        t
    }
}

fn luhn_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// ISO 7064 mod 97 of an IBAN rearranged for checking (letters count as 10..35).
fn mod97(s: &str) -> u32 {
    s.chars().fold(0u32, |acc, c| match c.to_digit(36) {
        Some(v) if v >= 10 => (acc * 100 + v) % 97,
        Some(v) => (acc * 10 + v) % 97,
        None => acc,
    })
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Corpora and benchmarks
// ---------------------------------------------------------------------------------------------

struct Corpus {
    name: &'static str,
    tickets: Vec<String>,
    /// The tickets joined by blank lines.
    whole: String,
    planted: usize,
}

impl Corpus {
    fn generate(spec: &CorpusSpec, bytes: usize) -> Corpus {
        let mut generator = Generator::new(spec.seed, spec.mixed_script);
        let mut tickets = Vec::new();
        let mut total = 0;
        while total < bytes {
            let ticket = generator.ticket(spec.density);
            total += ticket.len();
            tickets.push(ticket);
        }
        let whole = tickets.join("\n\n");
        Corpus {
            name: spec.name,
            tickets,
            whole,
            planted: generator.planted,
        }
    }

    fn ticket_bytes(&self) -> usize {
        self.tickets.iter().map(String::len).sum()
    }

    /// Prints size, ticket count, planted values and findings per MB (one untimed pass).
    fn report(&self, scanner: &Scanner) {
        let bytes = self.ticket_bytes();
        let mb = bytes as f64 / 1e6;
        let non_ascii = self.whole.chars().filter(|c| !c.is_ascii()).count();
        let started = Instant::now();
        let mut by_detector: BTreeMap<String, usize> = BTreeMap::new();
        let mut findings = 0;
        for ticket in &self.tickets {
            for finding in scanner.scan(ticket).findings {
                findings += 1;
                *by_detector
                    .entry(finding.detector.name.clone())
                    .or_default() += 1;
            }
        }
        let elapsed = started.elapsed().as_secs_f64();
        let whole_findings = scanner.scan(&self.whole).findings.len();
        eprintln!(
            "corpus {:<13} {:>9} bytes ({:.2} MiB, {:.2} MB), {} tickets (avg {} B), {} non-ASCII chars",
            self.name,
            bytes,
            bytes as f64 / f64::from(1 << 20),
            mb,
            self.tickets.len(),
            bytes / self.tickets.len().max(1),
            non_ascii,
        );
        eprintln!(
            "  planted {:.0}/MB; findings {:.0}/MB ticket by ticket ({} total), {} as one text; one untimed pass {:.1} MB/s",
            self.planted as f64 / mb,
            findings as f64 / mb,
            findings,
            whole_findings,
            mb / elapsed,
        );
        let per_detector: Vec<String> = by_detector
            .iter()
            .map(|(name, n)| format!("{name} {:.0}", *n as f64 / mb))
            .collect();
        eprintln!(
            "  findings/MB by detector: {}",
            if per_detector.is_empty() {
                "none".into()
            } else {
                per_detector.join(", ")
            }
        );
    }
}

fn corpus_bytes() -> usize {
    std::env::var("LEAKHOUND_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CORPUS_BYTES)
}

fn bench_scan(c: &mut Criterion) {
    self_check();
    let policy = ScanPolicy::default_rules();
    let scanner = Scanner::new(&policy).expect("the default policy compiles");
    let detectors: Vec<&str> = scanner.native_detectors().collect();
    eprintln!(
        "default policy: {} native detectors: {}",
        detectors.len(),
        detectors.join(", ")
    );
    let bytes = corpus_bytes();
    let corpora: Vec<Corpus> = CORPORA
        .iter()
        .map(|spec| Corpus::generate(spec, bytes))
        .collect();
    let dump = std::env::var_os("LEAKHOUND_BENCH_DUMP").map(std::path::PathBuf::from);
    for corpus in &corpora {
        corpus.report(&scanner);
        if let Some(dir) = &dump {
            let path = dir.join(format!("{}.txt", corpus.name));
            std::fs::write(&path, &corpus.whole)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
    }

    let mut group = c.benchmark_group("compile");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("default_rules", |b| {
        b.iter(|| Scanner::new(black_box(&policy)))
    });
    group.finish();

    per_ticket(c, "scan_tickets", &corpora, |t| {
        scanner.scan(t).findings.len()
    });
    // The same tickets scanned 32 at a time, as the pipeline, the scan API and `leakhound
    // scan` of a directory do.
    per_batch(c, "scan_many", &corpora, |batch| {
        scanner
            .scan_many(batch)
            .iter()
            .map(|o| o.findings.len())
            .sum()
    });
    // What limits `scan_tickets`: the one multi-pattern pass alone, and the detectors of the
    // foundation issue's benchmark (the catalogue's keyword-gated secret rules included).
    per_ticket(c, "candidate_pass", &corpora, |t| scanner.candidate_pass(t));
    let foundation_policy = {
        let mut policy = ScanPolicy::default_rules();
        policy.rules[0].detectors = FOUNDATION_DETECTORS
            .iter()
            .map(|n| leakhound_engine::DetectorSpec::native(n))
            .collect();
        policy
    };
    let foundation = Scanner::new(&foundation_policy).expect("the foundation detectors compile");
    per_ticket(c, "scan_tickets_foundation", &corpora, |t| {
        foundation.scan(t).findings.len()
    });
    per_batch(c, "scan_many_foundation", &corpora, |batch| {
        foundation
            .scan_many(batch)
            .iter()
            .map(|o| o.findings.len())
            .sum()
    });

    // A new scanner's first scan: its lazy DFAs build their states as the text needs them,
    // which a one-off `leakhound scan` pays on every run. (The scanner is compiled outside
    // the measurement; `compile` measures that.)
    let mut group = c.benchmark_group("first_scan");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .sampling_mode(SamplingMode::Flat);
    for corpus in &corpora {
        group.throughput(Throughput::Bytes(corpus.ticket_bytes() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(corpus.name),
            corpus,
            |b, corpus| {
                b.iter_batched(
                    || Scanner::new(&policy).expect("the default policy compiles"),
                    |fresh| {
                        corpus
                            .tickets
                            .iter()
                            .map(|t| fresh.scan(t).findings.len())
                            .sum::<usize>()
                    },
                    BatchSize::PerIteration,
                );
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("scan_whole");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sampling_mode(SamplingMode::Flat);
    for corpus in &corpora {
        group.throughput(Throughput::Bytes(corpus.whole.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(corpus.name),
            corpus,
            |b, corpus| {
                b.iter(|| scanner.scan(black_box(&corpus.whole)).findings.len());
            },
        );
    }
    group.finish();
}

/// A group that calls `work` once per ticket of each corpus.
fn per_ticket(c: &mut Criterion, name: &str, corpora: &[Corpus], work: impl Fn(&str) -> usize) {
    per_chunk(c, name, corpora, 1, |tickets| work(tickets[0]));
}

/// Tickets per `scan_many` call in the `scan_many` groups (the pipeline's batch).
const BATCH: usize = 32;

/// A group that calls `work` once per batch of [`BATCH`] tickets of each corpus.
fn per_batch(c: &mut Criterion, name: &str, corpora: &[Corpus], work: impl Fn(&[&str]) -> usize) {
    per_chunk(c, name, corpora, BATCH, work);
}

/// A group that calls `work` on each corpus's tickets, `size` at a time.
fn per_chunk(
    c: &mut Criterion,
    name: &str,
    corpora: &[Corpus],
    size: usize,
    work: impl Fn(&[&str]) -> usize,
) {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sampling_mode(SamplingMode::Flat);
    for corpus in corpora {
        group.throughput(Throughput::Bytes(corpus.ticket_bytes() as u64));
        let tickets: Vec<&str> = corpus.tickets.iter().map(String::as_str).collect();
        group.bench_with_input(
            BenchmarkId::from_parameter(corpus.name),
            &tickets,
            |b, tickets| {
                b.iter(|| {
                    tickets
                        .chunks(size)
                        .map(|chunk| work(black_box(chunk)))
                        .sum::<usize>()
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_scan);
criterion_main!(benches);

/// Checks the generator's checksum helpers against known values, so the planted values are
/// the valid ones the detectors should find.
fn self_check() {
    assert_eq!(
        luhn_check_digit(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        1
    );
    assert_eq!(mod97("WEST12345698765432GB82"), 1);
    assert_eq!(
        base64url(br#"{"alg":"HS256","typ":"JWT"}"#),
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    );
}
