//! A deterministic, labelled corpus of synthetic support tickets: the yardstick for
//! leakhound's detectors (`leakhound eval`).
//!
//! Every ticket is an e-mail, a chat transcript, a web form, a pasted log or a CSV snippet,
//! in English, German, French, Spanish, Portuguese, Chinese or Japanese, formal or sloppy.
//! Gold spans mark every sensitive value the text holds, by byte range and native detector
//! name, the way a careful human would mark it; values carry valid check digits where their
//! type has them, computed by this crate's own [`checks`] (never by the engine's validators,
//! so the corpus is an independent oracle). Hard negatives (order numbers, tracking codes,
//! UUIDs, hashes, timestamps, versions, documentation example keys, …) are recorded as
//! decoys: they are not gold, so any finding on one is a false positive.
//!
//! ```
//! let tickets = leakhound_corpus::generate(7, 50);
//! let t = &tickets[0];
//! for s in &t.spans {
//!     assert!(t.text.is_char_boundary(s.start) && t.text.is_char_boundary(s.end));
//! }
//! ```

pub mod checks;
mod negatives;
mod templates;
mod values;

use rand::seq::SliceRandom;
use rand::{Rng as _, SeedableRng};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

pub(crate) type Rng = rand_chacha::ChaCha8Rng;

/// The seed `leakhound eval` uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 20_261_126;
/// The number of tickets `leakhound eval` generates unless told otherwise.
pub const DEFAULT_COUNT: usize = 3_200;

/// Every detector type the corpus labels: the scan API's native names (nightfall-api.md §2)
/// and leakhound's own `PASSWORD`.
pub const DETECTORS: &[&str] = &[
    "PERSON_NAME",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "STREET_ADDRESS",
    "LOCATION",
    "DATE",
    "DATE_OF_BIRTH",
    "CREDIT_CARD_NUMBER",
    "IBAN_CODE",
    "US_BANK_ROUTING_MICR",
    "SWIFT_CODE",
    "AMERICAN_BANKERS_CUSIP_ID",
    "CANADA_BANK_ACCOUNT",
    "API_KEY",
    "CRYPTOGRAPHIC_KEY",
    "GCP_CREDENTIALS",
    "PASSWORD",
    "PASSWORD_IN_CODE",
    "DATABASE_CONNECTION_STRING",
    "RANDOMLY_GENERATED_TOKEN",
    "IP_ADDRESS",
    "MAC_ADDRESS",
    "IMEI_HARDWARE_ID",
    "US_VEHICLE_IDENTIFICATION_NUMBER",
    "PROTECTED_HEALTH_INFORMATION",
    "HIPAA_DEFINED_PII",
    "ICD9_CODE",
    "ICD9_DIAGNOSIS_DESCRIPTION",
    "ICD10_CODE",
    "ICD10_DIAGNOSIS_DESCRIPTION",
    "FDA_NATIONAL_DRUG_NAME",
    "US_HEALTHCARE_NPI",
    "US_HEALTH_INSURANCE_CLAIM_NUMBER",
    "US_MEDICARE_BENEFICIARY_IDENTIFIER",
    "US_SOCIAL_SECURITY_NUMBER",
    "US_DRIVERS_LICENSE_NUMBER",
    "US_PASSPORT",
    "US_EMPLOYER_IDENTIFICATION_NUMBER",
    "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER",
    "CANADA_BC_PHN",
    "CANADA_DRIVERS_LICENSE_NUMBER",
    "CANADA_GOVERNMENT_ID",
    "CANADA_OHIP",
    "CANADA_PASSPORT",
    "CANADA_PERMANENT_RESIDENT_NUMBER",
    "CANADA_QUEBEC_HIN",
    "CANADA_SOCIAL_INSURANCE_NUMBER",
    "FRANCE_CNI",
    "FRANCE_INSEE",
    "FRANCE_PASSPORT",
    "GERMANY_IDENTITY_NUMBER",
    "GERMANY_PASSPORT",
    "IRELAND_PASSPORT",
    "IRELAND_PPSN",
    "SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER",
    "UK_DRIVERS_LICENSE_NUMBER",
    "UK_ELECTORAL_ROLL_NUMBER",
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "UK_NATIONAL_INSURANCE_NUMBER",
    "UK_PASSPORT",
    "UK_TAXPAYER_REFERENCE",
    "BRAZIL_CPF_NUMBER",
    "BRAZIL_BUSINESS_TAX_ID_NUMBER",
];

/// Pairs (gold type, found type) where a finding of the second type on a gold span of the
/// first is not an error, because the first contains or is a reading of the second: a date
/// of birth is a date, a service-account file holds a private key, a connection string holds
/// a password. Such a finding is neither a true nor a false positive; the gold span still
/// needs a finding of its own type to count as found.
pub const TOLERATED: &[(&str, &str)] = &[
    ("DATE_OF_BIRTH", "DATE"),
    ("STREET_ADDRESS", "LOCATION"),
    ("GCP_CREDENTIALS", "CRYPTOGRAPHIC_KEY"),
    ("GCP_CREDENTIALS", "EMAIL_ADDRESS"),
    ("GCP_CREDENTIALS", "API_KEY"),
    ("GCP_CREDENTIALS", "RANDOMLY_GENERATED_TOKEN"),
    ("DATABASE_CONNECTION_STRING", "PASSWORD"),
    ("DATABASE_CONNECTION_STRING", "PASSWORD_IN_CODE"),
    ("DATABASE_CONNECTION_STRING", "IP_ADDRESS"),
    ("PASSWORD_IN_CODE", "PASSWORD"),
    ("PASSWORD", "PASSWORD_IN_CODE"),
    ("RANDOMLY_GENERATED_TOKEN", "API_KEY"),
    ("API_KEY", "RANDOMLY_GENERATED_TOKEN"),
    (
        "US_HEALTH_INSURANCE_CLAIM_NUMBER",
        "US_SOCIAL_SECURITY_NUMBER",
    ),
];

/// Health information: a `PROTECTED_HEALTH_INFORMATION` finding on one of these is a
/// combination detector reporting its part (health information tied to a person), so it is
/// tolerated like the pairs of [`TOLERATED`].
pub const HEALTH_ELEMENTS: &[&str] = &[
    "ICD9_CODE",
    "ICD10_CODE",
    "ICD9_DIAGNOSIS_DESCRIPTION",
    "ICD10_DIAGNOSIS_DESCRIPTION",
    "FDA_NATIONAL_DRUG_NAME",
    "US_MEDICARE_BENEFICIARY_IDENTIFIER",
    "US_HEALTH_INSURANCE_CLAIM_NUMBER",
    "US_HEALTHCARE_NPI",
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    "SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER",
    "CANADA_OHIP",
    "CANADA_BC_PHN",
    "CANADA_QUEBEC_HIN",
    "HIPAA_DEFINED_PII",
];

/// Identifiers of a person among HIPAA's eighteen (45 CFR 164.514(b)(2)): a
/// `HIPAA_DEFINED_PII` finding on one of these is tolerated.
pub const HIPAA_IDENTIFIERS: &[&str] = &[
    "PERSON_NAME",
    "STREET_ADDRESS",
    "DATE_OF_BIRTH",
    "DATE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "US_SOCIAL_SECURITY_NUMBER",
    "US_DRIVERS_LICENSE_NUMBER",
    "US_VEHICLE_IDENTIFICATION_NUMBER",
    "IMEI_HARDWARE_ID",
    "MAC_ADDRESS",
    "IP_ADDRESS",
    "CREDIT_CARD_NUMBER",
    "IBAN_CODE",
    "CANADA_BANK_ACCOUNT",
    "UK_NATIONAL_INSURANCE_NUMBER",
    "CANADA_SOCIAL_INSURANCE_NUMBER",
    "PROTECTED_HEALTH_INFORMATION",
];

/// Whether a `found` finding on a `gold` span is tolerated (see [`TOLERATED`],
/// [`HEALTH_ELEMENTS`] and [`HIPAA_IDENTIFIERS`]).
pub fn tolerated(gold: &str, found: &str) -> bool {
    TOLERATED.iter().any(|&(g, f)| g == gold && f == found)
        || (found == "PROTECTED_HEALTH_INFORMATION" && HEALTH_ELEMENTS.contains(&gold))
        || (found == "HIPAA_DEFINED_PII" && HIPAA_IDENTIFIERS.contains(&gold))
}

/// A sensitive value in a ticket: byte range (end exclusive) and detector type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub detector: String,
}

/// A hard negative in a ticket: byte range and what it is (`order_number`, `uuid`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoy {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// One labelled ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: String,
    /// `email`, `chat`, `form`, `log` or `csv`.
    pub channel: String,
    /// `en`, `de`, `fr`, `es`, `pt`, `zh` or `ja`.
    pub lang: String,
    /// `formal` or `sloppy`.
    pub style: String,
    /// True when the ticket holds no sensitive value at all (only hard negatives).
    pub hard_negative: bool,
    pub text: String,
    /// Gold: every sensitive value.
    pub spans: Vec<Span>,
    /// Hard negatives (informational: a finding on one is a false positive like any other).
    pub decoys: Vec<Decoy>,
}

/// A piece of ticket text: plain, a labelled value, or a decoy.
pub(crate) enum Piece {
    T(String),
    V(&'static str, String),
    /// A value labelled with its own type and a combination type that reports it.
    W(&'static str, &'static str, String),
    D(&'static str, String),
}

#[derive(Default)]
struct Builder {
    text: String,
    spans: Vec<Span>,
    decoys: Vec<Decoy>,
}

impl Builder {
    fn push(&mut self, piece: Piece, sloppy: bool) {
        match piece {
            Piece::T(t) => {
                if sloppy {
                    self.text.push_str(&t.to_lowercase());
                } else {
                    self.text.push_str(&t);
                }
            }
            Piece::V(kind, v) => {
                let start = self.text.len();
                self.text.push_str(&v);
                self.spans.push(Span {
                    start,
                    end: self.text.len(),
                    detector: kind.to_string(),
                });
            }
            Piece::W(kind, combination, v) => {
                let start = self.text.len();
                self.text.push_str(&v);
                for k in [kind, combination] {
                    self.spans.push(Span {
                        start,
                        end: self.text.len(),
                        detector: k.to_string(),
                    });
                }
            }
            Piece::D(kind, v) => {
                let start = self.text.len();
                self.text.push_str(&v);
                self.decoys.push(Decoy {
                    start,
                    end: self.text.len(),
                    kind: kind.to_string(),
                });
            }
        }
    }
    fn t(&mut self, s: &str) {
        self.text.push_str(s);
    }
    fn all(&mut self, pieces: Vec<Piece>, sloppy: bool) {
        for p in pieces {
            self.push(p, sloppy);
        }
    }
}

/// A template with `{}` (the value) and optionally `{2}` (the companion) filled in.
fn fill(tpl: &str, main: Piece, companion: Option<Piece>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut main = Some(main);
    let mut companion = companion;
    let mut rest = tpl;
    loop {
        let a = rest.find("{}");
        let b = rest.find("{2}");
        let (at, len, is_main) = match (a, b) {
            (Some(a), Some(b)) if b < a => (b, 3, false),
            (Some(a), _) => (a, 2, true),
            (None, Some(b)) => (b, 3, false),
            (None, None) => break,
        };
        out.push(Piece::T(rest[..at].to_string()));
        let p = if is_main {
            main.take()
        } else {
            companion.take()
        };
        if let Some(p) = p {
            out.push(p);
        }
        rest = &rest[at + len..];
    }
    out.push(Piece::T(rest.to_string()));
    out
}

/// A sentence carrying a value of `kind` in `lang`, if the kind has a sentence in it.
fn sentence(rng: &mut Rng, kind: &'static str, lang: &str) -> Option<Vec<Piece>> {
    if COMBINATIONS.contains(&kind) {
        return health_record(rng, kind, lang);
    }
    let options: Vec<&str> = templates::sentences(kind)
        .iter()
        .filter(|(l, _)| *l == lang)
        .map(|(_, t)| *t)
        .collect();
    let tpl = options.choose(rng)?;
    let (v, companion) = values::value(kind, rng, lang);
    Some(fill(
        tpl,
        Piece::V(kind, v),
        companion.map(|(k, v)| Piece::V(k, v)),
    ))
}

/// The combination types: health information tied to a person.
const COMBINATIONS: &[&str] = &["PROTECTED_HEALTH_INFORMATION", "HIPAA_DEFINED_PII"];

/// Identifiers of a person that tie health information to them (nightfall-api.md §2 lists
/// the combinations under Healthcare; Nightfall's PHI detector pairs such identifiers with a
/// health indicator), with sentences of their own.
const PATIENT_IDENTIFIERS: &[&str] = &[
    "PERSON_NAME",
    "DATE_OF_BIRTH",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "STREET_ADDRESS",
    "US_SOCIAL_SECURITY_NUMBER",
];

/// Health information with sentences of its own.
const HEALTH_INFORMATION: &[&str] = &[
    "ICD9_CODE",
    "ICD10_CODE",
    "ICD9_DIAGNOSIS_DESCRIPTION",
    "ICD10_DIAGNOSIS_DESCRIPTION",
    "FDA_NATIONAL_DRUG_NAME",
    "US_MEDICARE_BENEFICIARY_IDENTIFIER",
    "US_HEALTH_INSURANCE_CLAIM_NUMBER",
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER",
];

/// A sentence of a person's identifier beside a sentence of health information, both from
/// their own types' sentences: protected health information. Every health value is labelled
/// with its type and `PROTECTED_HEALTH_INFORMATION` (the health information tied to a
/// person), the identifier with its type and `HIPAA_DEFINED_PII` (a person's identifier
/// beside health information), whichever of the two `kind` is.
fn health_record(rng: &mut Rng, kind: &'static str, lang: &str) -> Option<Vec<Piece>> {
    let tpl = *templates::sentences(kind)
        .iter()
        .filter(|(l, _)| *l == lang)
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .choose(rng)?;
    let id_kind = *PATIENT_IDENTIFIERS.choose(rng).expect("identifiers");
    let health_kind = *HEALTH_INFORMATION.choose(rng).expect("health types");
    let relabel = |pieces: Vec<Piece>, combination: &'static str| -> Vec<Piece> {
        pieces
            .into_iter()
            .map(|p| match p {
                Piece::V(k, v) => Piece::W(k, combination, v),
                p => p,
            })
            .collect()
    };
    let id = relabel(sentence(rng, id_kind, lang)?, "HIPAA_DEFINED_PII");
    let health = relabel(
        sentence(rng, health_kind, lang)?,
        "PROTECTED_HEALTH_INFORMATION",
    );
    let (first, second, gap) = if tpl.starts_with("{2}") {
        (id, health, &tpl[3..tpl.len() - 2])
    } else {
        (health, id, &tpl[2..tpl.len() - 3])
    };
    let mut out = first;
    out.push(Piece::T(gap.to_string()));
    out.extend(second);
    Some(out)
}

fn greeting(rng: &mut Rng, lang: &str) -> &'static str {
    values::pick(
        rng,
        match lang {
            "de" => &["Hallo,", "Sehr geehrte Damen und Herren,", "Guten Tag,"],
            "fr" => &["Bonjour,", "Madame, Monsieur,"],
            "es" => &["Hola,", "Buenos días,"],
            "pt" => &["Olá,", "Bom dia,"],
            "zh" => &["您好，"],
            "ja" => &["お世話になっております。"],
            _ => &["Hello,", "Hi team,", "Hi there,", "Dear Support,", "hey"],
        },
    )
}

fn closing(rng: &mut Rng, lang: &str) -> &'static str {
    values::pick(
        rng,
        match lang {
            "de" => &["Viele Grüße", "Mit freundlichen Grüßen", "Danke!"],
            "fr" => &["Cordialement,", "Merci d'avance,", "Bien à vous,"],
            "es" => &["Saludos,", "Gracias,"],
            "pt" => &["Obrigado,", "Atenciosamente,"],
            "zh" => &["谢谢！"],
            "ja" => &["よろしくお願いいたします。"],
            _ => &["Thanks,", "Best regards,", "Cheers,", "thx"],
        },
    )
}

fn filler(rng: &mut Rng, lang: &str) -> &'static str {
    values::pick(
        rng,
        match lang {
            "de" => &[
                "Seit dem letzten Update kann ich mich nicht mehr anmelden.",
                "Der Export bricht immer wieder ab.",
                "Uns wurde diesen Monat der falsche Tarif berechnet.",
                "Die App stürzt beim Öffnen der Einstellungen ab.",
            ],
            "fr" => &[
                "Je n'arrive plus à me connecter depuis la dernière mise à jour.",
                "L'export échoue à chaque fois.",
                "On nous a facturé le mauvais abonnement ce mois-ci.",
                "L'application plante à l'ouverture des paramètres.",
            ],
            "es" => &[
                "No puedo iniciar sesión desde la última actualización.",
                "La exportación falla a la mitad.",
                "Este mes nos cobraron el plan equivocado.",
            ],
            "pt" => &[
                "Não consigo entrar desde a última atualização.",
                "A exportação falha no meio.",
                "Fomos cobrados no plano errado este mês.",
            ],
            "zh" => &[
                "自从上次更新以后我就无法登录了。",
                "导出总是失败。",
                "这个月的账单金额不对。",
            ],
            "ja" => &[
                "前回のアップデート以降ログインできません。",
                "エクスポートが途中で失敗します。",
                "今月の請求額が間違っています。",
            ],
            _ => &[
                "I can't log in since the last update.",
                "The export keeps failing halfway through.",
                "We were billed for the wrong plan this month.",
                "The mobile app crashes when I open settings.",
                "Our integration stopped syncing overnight.",
                "so the dashboard is blank again",
                "Not sure if this is the right place to ask.",
            ],
        },
    )
}

fn team_signature(rng: &mut Rng) -> &'static str {
    values::pick(
        rng,
        &[
            "— Billing team",
            "Sent from my phone",
            "IT Operations",
            "-- ops on-call",
            "",
        ],
    )
}

/// Generates `count` tickets from `seed`. The same seed and count always give the same
/// corpus; 45% of the tickets are hard-negative only.
pub fn generate(seed: u64, count: usize) -> Vec<Ticket> {
    let mut rng = Rng::seed_from_u64(seed);
    let mut cursor = 0usize;
    let mut support: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    (0..count)
        .map(|i| {
            let hard_negative = i % 20 < 9;
            let mut t = if hard_negative {
                negative_ticket(&mut rng)
            } else {
                // Focus types in turn; a second type, in the same language, from those with
                // the least support so far, so every type reaches its support.
                let focus = DETECTORS[cursor % DETECTORS.len()];
                cursor += 1;
                let (lang, _) = *templates::sentences(focus)
                    .choose(&mut rng)
                    .expect("every detector has sentences");
                let second = if rng.gen_bool(0.45) {
                    DETECTORS
                        .iter()
                        .filter(|d| {
                            **d != focus && templates::sentences(d).iter().any(|(l, _)| *l == lang)
                        })
                        .min_by_key(|d| {
                            (
                                support.get(**d).copied().unwrap_or(0),
                                rng.gen_range(0..1000),
                            )
                        })
                        .copied()
                } else {
                    None
                };
                positive_ticket(&mut rng, lang, focus, second)
            };
            for s in &t.spans {
                if let Some(d) = DETECTORS.iter().find(|d| **d == s.detector) {
                    *support.entry(d).or_default() += 1;
                }
            }
            t.id = format!("t{:05}", i + 1);
            t
        })
        .collect()
}

fn ticket(b: Builder, channel: &str, lang: &str, sloppy: bool, hard_negative: bool) -> Ticket {
    Ticket {
        id: String::new(),
        channel: channel.into(),
        lang: lang.into(),
        style: if sloppy { "sloppy" } else { "formal" }.into(),
        hard_negative,
        text: b.text,
        spans: b.spans,
        decoys: b.decoys,
    }
}

fn positive_ticket(
    rng: &mut Rng,
    lang: &'static str,
    focus: &'static str,
    second: Option<&'static str>,
) -> Ticket {
    let sloppy = rng.gen_bool(0.3);
    let mut body: Vec<Vec<Piece>> = Vec::new();
    if let Some(s) = sentence(rng, focus, lang) {
        body.push(s);
    }
    if let Some(s) = second.and_then(|k| sentence(rng, k, lang)) {
        body.push(s);
    }
    if rng.gen_bool(0.5) {
        body.push(negatives::decoy_sentence(rng, lang));
    }
    body.shuffle(rng);
    let mut b = Builder::default();
    let channel = *[
        "email", "email", "email", "chat", "chat", "form", "form", "log", "log", "csv",
    ]
    .choose(rng)
    .expect("channels");
    match channel {
        "chat" => {
            let mut minute = rng.gen_range(0..50);
            let hour = rng.gen_range(8..20);
            b.t(&format!("[{hour:02}:{minute:02}] agent: "));
            b.t(agent_line(lang));
            b.t("\n");
            for s in body {
                minute += rng.gen_range(0..3);
                b.t(&format!("[{hour:02}:{minute:02}] customer: "));
                b.all(s, sloppy);
                b.t("\n");
            }
        }
        "form" => {
            b.t("Subject: ");
            b.t(filler(rng, lang));
            b.t("\n");
            if rng.gen_bool(0.25) {
                b.t("Name: ");
                b.push(
                    Piece::V("PERSON_NAME", values::person_name(rng, lang)),
                    false,
                );
                b.t("\nEmail: ");
                b.push(Piece::V("EMAIL_ADDRESS", values::email(rng, lang)), false);
                b.t("\n");
            }
            b.t("Message:\n");
            for s in body {
                b.all(s, sloppy);
                b.t("\n");
            }
        }
        "log" | "csv" | "email" => {
            b.t(greeting(rng, lang));
            b.t("\n\n");
            b.push(Piece::T(filler(rng, lang).into()), sloppy);
            for s in body {
                b.t(if sloppy { " " } else { "\n" });
                b.all(s, sloppy);
            }
            b.t("\n\n");
            match channel {
                "log" => b.all(negatives::log_paste(rng), false),
                "csv" => contact_csv(rng, &mut b, lang),
                _ => {}
            }
            b.t(closing(rng, lang));
            b.t("\n");
            if rng.gen_bool(0.3) {
                b.push(
                    Piece::V("PERSON_NAME", values::person_name(rng, lang)),
                    false,
                );
            } else {
                b.t(team_signature(rng));
            }
        }
        _ => unreachable!("listed above"),
    }
    ticket(b, channel, lang, sloppy, false)
}

fn agent_line(lang: &str) -> &'static str {
    match lang {
        "de" => "Hallo! Wie kann ich helfen?",
        "fr" => "Bonjour ! Comment puis-je vous aider ?",
        "es" => "¡Hola! ¿En qué puedo ayudarle?",
        "pt" => "Olá! Como posso ajudar?",
        "zh" => "您好！请问有什么可以帮您？",
        "ja" => "こんにちは。どのようなご用件でしょうか。",
        _ => "Hi! How can I help you today?",
    }
}

/// A pasted contact export: every name, e-mail and phone number is gold.
fn contact_csv(rng: &mut Rng, b: &mut Builder, lang: &str) {
    b.t("customer_id,name,email,phone,plan\n");
    for _ in 0..rng.gen_range(1..4) {
        b.push(
            Piece::D("customer_id", format!("C{}", values::digits(rng, 7))),
            false,
        );
        b.t(",");
        b.push(
            Piece::V("PERSON_NAME", values::person_name(rng, lang)),
            false,
        );
        b.t(",");
        b.push(Piece::V("EMAIL_ADDRESS", values::email(rng, lang)), false);
        b.t(",");
        b.push(Piece::V("PHONE_NUMBER", values::phone(rng, lang)), false);
        b.t(",");
        b.t(values::pick(rng, &["pro", "team", "free", "enterprise"]));
        b.t("\n");
    }
    b.t("\n");
}

fn negative_ticket(rng: &mut Rng) -> Ticket {
    let lang = *["en", "en", "en", "en", "de", "fr", "es", "pt", "zh", "ja"]
        .choose(rng)
        .expect("languages");
    let sloppy = rng.gen_bool(0.3);
    let channel = *["email", "email", "chat", "form", "log", "log", "csv"]
        .choose(rng)
        .expect("channels");
    let mut b = Builder::default();
    let n = rng.gen_range(2..7);
    match channel {
        "chat" => {
            b.t("[09:12] agent: ");
            b.t(agent_line(lang));
            b.t("\n");
            for i in 0..n {
                b.t(&format!("[09:{:02}] customer: ", 13 + i));
                let s = negatives::decoy_sentence(rng, lang);
                b.all(s, sloppy);
                b.t("\n");
            }
        }
        _ => {
            b.t(greeting(rng, lang));
            b.t("\n\n");
            b.push(Piece::T(filler(rng, lang).into()), sloppy);
            for _ in 0..n {
                b.t(" ");
                let s = negatives::decoy_sentence(rng, lang);
                b.all(s, sloppy);
            }
            b.t("\n\n");
            match channel {
                "log" => b.all(negatives::log_paste(rng), false),
                "csv" => b.all(negatives::csv_paste(rng), false),
                _ => {}
            }
            b.t(closing(rng, lang));
            b.t("\n");
            b.t(team_signature(rng));
        }
    }
    ticket(b, channel, lang, sloppy, true)
}

/// Writes tickets as JSON Lines.
pub fn write_jsonl(tickets: &[Ticket], mut out: impl Write) -> std::io::Result<()> {
    for t in tickets {
        serde_json::to_writer(&mut out, t)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Reads tickets from JSON Lines (blank lines are skipped), checking every span.
pub fn read_jsonl(input: impl BufRead) -> Result<Vec<Ticket>, String> {
    let mut tickets = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let t: Ticket = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        for s in &t.spans {
            if s.start > s.end
                || s.end > t.text.len()
                || !t.text.is_char_boundary(s.start)
                || !t.text.is_char_boundary(s.end)
            {
                return Err(format!(
                    "line {}: ticket {}: span {}..{} is not on character boundaries of its text",
                    n + 1,
                    t.id,
                    s.start,
                    s.end
                ));
            }
        }
        tickets.push(t);
    }
    Ok(tickets)
}

#[cfg(test)]
mod tests;
