//! Support-ticket text: templates in English, German, French and Spanish with placeholders,
//! rendered with seeded values while recording the byte span of every sensitive value.
//!
//! Placeholders (`{NAME}`): sensitive ones are recorded as ground truth —
//! `CARD SSN EMAIL CUSTOMER_EMAIL PHONE IP IPV6 IBAN ROUTING APIKEY PEM PASSWORD` and the
//! provider-specific keys `AWS_KEY GITHUB_TOKEN SLACK_TOKEN STRIPE_KEY GOOGLE_KEY OPENAI_KEY JWT`;
//! the others fill in realistic, non-sensitive text — `NAME FIRST AGENT COMPANY PRODUCT ORDER
//! TRACKING UUID TS DATE TIME VERSION INVOICE FAKECARD AMOUNT LAST4 CITY`. Templates contain no
//! other braces.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::values::{self, kind, ApiKeyKind};

type R = ChaCha8Rng;

/// A sensitive value's position in a rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub value: String,
}

/// Text under construction with the spans of the sensitive values it contains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub spans: Vec<Span>,
}

impl Rendered {
    /// Appends plain (non-sensitive) text.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Appends a sensitive value and records its span.
    pub fn secret(&mut self, kind: &'static str, value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.spans.push(Span {
            start,
            end: self.text.len(),
            kind,
            value: value.to_string(),
        });
    }

    /// Appends another rendered text, shifting its spans.
    pub fn append(&mut self, other: Rendered) {
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.spans.extend(other.spans.into_iter().map(|s| Span {
            start: s.start + offset,
            end: s.end + offset,
            ..s
        }));
    }
}

/// Language of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
    Fr,
    Es,
}

impl Lang {
    /// English most of the time, the others evenly.
    pub fn pick(rng: &mut R) -> Lang {
        match rng.gen_range(0..20) {
            0..=10 => Lang::En,
            11..=13 => Lang::De,
            14..=16 => Lang::Fr,
            _ => Lang::Es,
        }
    }

    /// Zendesk locale of the language.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }
}

/// Who is writing and to whom: fills the non-random placeholders.
#[derive(Debug, Clone)]
pub struct Persona {
    pub first: String,
    pub last: String,
    pub email: String,
    pub agent: String,
    pub company: &'static str,
    pub product: &'static str,
    pub city: &'static str,
    /// The order this ticket is about: every `{ORDER}` of a thread names the same one.
    pub order: String,
    /// The invoice this ticket is about (`{INVOICE}`).
    pub invoice: String,
}

const COMPANIES: &[&str] = &[
    "Northwind",
    "Brightcart",
    "Velora Home",
    "Kestrel Cloud",
    "Maison Lumière",
    "TiendaSol",
    "Bergwerk Outdoor",
    "Pixelforge",
];
const PRODUCTS: &[&str] = &[
    "Pro plan",
    "wireless headphones",
    "standing desk",
    "espresso machine",
    "API Starter tier",
    "hiking boots",
    "router X200",
    "annual subscription",
    "smart thermostat",
    "backup add-on",
];
const CITIES: &[&str] = &[
    "Chicago", "Austin", "Berlin", "München", "Lyon", "Paris", "Madrid", "Sevilla", "London",
    "Toronto",
];

impl Persona {
    /// A random customer (with their e-mail) and agent.
    pub fn random(rng: &mut R) -> Persona {
        let (first, last) = values::person_name(rng);
        let email = values::email_for(rng, &first, &last);
        let (agent_first, agent_last) = values::person_name(rng);
        Persona {
            first,
            last,
            email,
            agent: format!(
                "{agent_first} {}.",
                &agent_last[..agent_last.char_indices().nth(1).map_or(1, |(i, _)| i)]
            ),
            company: COMPANIES.choose(rng).copied().unwrap_or("Northwind"),
            product: PRODUCTS.choose(rng).copied().unwrap_or("Pro plan"),
            city: CITIES.choose(rng).copied().unwrap_or("Berlin"),
            order: values::order_number(rng),
            invoice: values::invoice_number(rng),
        }
    }
}

/// Renders a template, drawing values from `rng`.
pub fn render(template: &str, p: &Persona, rng: &mut R) -> Rendered {
    let mut out = Rendered::default();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        rest = &after[close + 1..];
        match key {
            "CARD" => out.secret(kind::CREDIT_CARD, &values::credit_card(rng)),
            "SSN" => out.secret(kind::SSN, &values::ssn(rng)),
            "EMAIL" => out.secret(kind::EMAIL, &values::email(rng)),
            "CUSTOMER_EMAIL" => out.secret(kind::EMAIL, &p.email),
            "PHONE" => out.secret(kind::PHONE, &values::phone(rng)),
            "IP" => out.secret(kind::IP, &values::ipv4(rng)),
            "IPV6" => out.secret(kind::IP, &values::ipv6(rng)),
            "IBAN" => out.secret(kind::IBAN, &values::iban(rng)),
            "ROUTING" => out.secret(kind::ROUTING, &values::routing_number(rng)),
            "APIKEY" => out.secret(kind::API_KEY, &values::api_key(rng)),
            "AWS_KEY" => out.secret(kind::API_KEY, &values::api_key_of(rng, ApiKeyKind::Aws)),
            "GITHUB_TOKEN" => {
                out.secret(kind::API_KEY, &values::api_key_of(rng, ApiKeyKind::GitHub))
            }
            "SLACK_TOKEN" => out.secret(kind::API_KEY, &values::api_key_of(rng, ApiKeyKind::Slack)),
            "STRIPE_KEY" => out.secret(kind::API_KEY, &values::api_key_of(rng, ApiKeyKind::Stripe)),
            "GOOGLE_KEY" => out.secret(kind::API_KEY, &values::api_key_of(rng, ApiKeyKind::Google)),
            "OPENAI_KEY" => out.secret(kind::API_KEY, &values::api_key_of(rng, ApiKeyKind::OpenAi)),
            "JWT" => out.secret(kind::API_KEY, &values::api_key_of(rng, ApiKeyKind::Jwt)),
            "PEM" => out.secret(kind::CRYPTO_KEY, &values::pem_private_key(rng)),
            "PASSWORD" => out.secret(kind::PASSWORD, &values::password(rng)),
            "NAME" => out.push(&format!("{} {}", p.first, p.last)),
            "FIRST" => out.push(&p.first),
            "AGENT" => out.push(&p.agent),
            "COMPANY" => out.push(p.company),
            "PRODUCT" => out.push(p.product),
            "CITY" => out.push(p.city),
            "ORDER" => out.push(&p.order),
            "TRACKING" => out.push(&values::tracking_code(rng)),
            "UUID" => out.push(&values::uuid(rng)),
            "TS" => out.push(&timestamp(rng)),
            // Dates within the generated period (spring to autumn 2026), US style.
            "DATE" => out.push(&format!(
                "{:02}/{:02}/2026",
                rng.gen_range(3..10),
                rng.gen_range(1..29)
            )),
            "TIME" => out.push(&format!(
                "{:02}:{:02}",
                rng.gen_range(7..23),
                rng.gen_range(0..60)
            )),
            "VERSION" => out.push(&values::version_string(rng)),
            "INVOICE" => out.push(&p.invoice),
            "FAKECARD" => out.push(&values::luhn_invalid_number(rng)),
            "AMOUNT" => out.push(&format!(
                "{}.{:02}",
                rng.gen_range(5..2000),
                rng.gen_range(0..100)
            )),
            "LAST4" => out.push(&format!("{:04}", rng.gen_range(0..10_000))),
            other => {
                out.push("{");
                out.push(other);
                out.push("}");
            }
        }
    }
    out.push(rest);
    out
}

fn timestamp(rng: &mut R) -> String {
    format!(
        "2026-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        rng.gen_range(1..10),
        rng.gen_range(1..29),
        rng.gen_range(0..24),
        rng.gen_range(0..60),
        rng.gen_range(0..60),
        rng.gen_range(0..1000)
    )
}

fn choose<'a>(rng: &mut R, options: &'a [&'a str]) -> &'a str {
    options.choose(rng).copied().unwrap_or("")
}

// ---- first messages and their subjects ---------------------------------------------------------

/// A kind of first message: its relative frequency, subjects that fit it, and its body.
struct Opening {
    weight: u32,
    subjects: &'static [&'static str],
    body: &'static str,
}

const OPENINGS_EN: &[Opening] = &[
    Opening { weight: 14, subjects: &["Double charge on my card", "Charged twice for {PRODUCT}", "Duplicate payment"],
        body: "Hi,\n\nI was charged twice for my {PRODUCT} on {DATE}. The card used was {CARD} (exp 09/27). Please refund the duplicate charge of ${AMOUNT}. My order number is {ORDER}.\n\nThanks,\n{NAME}\n{PHONE}" },
    Opening { weight: 14, subjects: &["Where is my order {ORDER}?", "Package never arrived", "Delivery delayed"],
        body: "Hello {COMPANY} team,\n\nmy order {ORDER} was supposed to arrive last week but the tracking code {TRACKING} hasn't moved since {DATE}. Can you check with the carrier? You can reach me at {PHONE} or {CUSTOMER_EMAIL}.\n\n{FIRST}" },
    Opening { weight: 10, subjects: &["Can't log in to my account", "Urgent: account locked", "Password reset not working"],
        body: "I can't log in anymore. I reset my password twice. The last one I set was password: {PASSWORD} and it still says invalid credentials. My username is {CUSTOMER_EMAIL}. Please help, I need access today." },
    Opening { weight: 10, subjects: &["Refund request for invoice {INVOICE}", "Refund to my bank account"],
        body: "Hi support,\n\nfor the refund please use my bank account instead of the card:\nIBAN: {IBAN}\nAccount holder: {NAME}\n\nInvoice {INVOICE}, amount {AMOUNT} EUR.\n\nBest,\n{FIRST}" },
    Opening { weight: 8, subjects: &["API returns 500 since version {VERSION}", "Errors after your last release"],
        body: "Hello,\n\nwe're getting HTTP 500s from your API since you rolled out version {VERSION}. Request id {UUID}, timestamp {TS}. Our server IP is {IP} in case you need to allowlist it. We authenticate with the key {APIKEY}. Can you look into it?\n\nThanks, {NAME}" },
    Opening { weight: 6, subjects: &["Please update my payout details", "Direct deposit change"],
        body: "Please update my direct deposit details for the payout: routing number {ROUTING}, account ending in {LAST4}. My SSN for the tax form is {SSN}.\n\nRegards,\n{NAME}" },
    Opening { weight: 10, subjects: &["Wrong item received", "Return label for {ORDER}"],
        body: "Hi, I ordered the {PRODUCT} ({ORDER}) but received something else entirely. The invoice {INVOICE} says ${AMOUNT}. Reference number on the slip: {FAKECARD}. Can I get a return label?\n\n{FIRST}" },
    Opening { weight: 12, subjects: &["Question about my subscription", "Switch to the yearly plan?", "Cancel my {PRODUCT}"],
        body: "Hello,\n\nquick question about my subscription: will I be charged again on {DATE}? I'd like to switch to the yearly plan. Our account runs version {VERSION} of the app, if that matters. Thanks!\n\n{NAME}" },
    Opening { weight: 4, subjects: &["Integration broken after key rotation", "Webhook failures from our servers"],
        body: "Our integration stopped working after we rotated keys. Here is the config we deploy (yes, I know I shouldn't paste it here):\n\nSTRIPE_SECRET_KEY={STRIPE_KEY}\nSLACK_BOT_TOKEN={SLACK_TOKEN}\nDB_HOST={IP}\nDB_PASSWORD={PASSWORD}\n\nAny idea what's wrong?" },
    Opening { weight: 3, subjects: &["CI cannot reach your API", "Deploy pipeline failing"],
        body: "Our CI started failing against your API. Environment of the job:\n\nAWS_ACCESS_KEY_ID={AWS_KEY}\nGITHUB_TOKEN={GITHUB_TOKEN}\nGOOGLE_MAPS_KEY={GOOGLE_KEY}\nOPENAI_API_KEY={OPENAI_KEY}\nRUNNER_IP={IPV6}\n\nThe job id is {UUID}." },
    Opening { weight: 3, subjects: &["Session token rejected", "Logged out every few minutes"],
        body: "Your web app keeps logging me out. The session cookie it sets looks like this:\n\n{JWT}\n\nBrowser version {VERSION}, my IP is {IP}." },
    Opening { weight: 1, subjects: &["SSH access for debugging", "Deploy key for the sync issue"],
        body: "Hi,\n\nwe need to give your team SSH access to debug the sync issue. This is the deploy key, please delete it after use:\n\n{PEM}\n\nHost: {IP}, user deploy.\n\n{NAME}" },
];
const OPENINGS_DE: &[Opening] = &[
    Opening { weight: 3, subjects: &["Doppelte Abbuchung", "Zweimal belastet"],
        body: "Hallo,\n\nmir wurde der {PRODUCT} am {DATE} zweimal abgebucht. Verwendete Karte: {CARD}. Bitte erstatten Sie den doppelten Betrag von {AMOUNT} €. Bestellnummer {ORDER}.\n\nViele Grüße\n{NAME}\nTel. {PHONE}" },
    Opening { weight: 3, subjects: &["Rückerstattung für Rechnung {INVOICE}", "Bitte auf mein Konto erstatten"],
        body: "Guten Tag,\n\nbitte überweisen Sie die Rückerstattung auf mein Konto:\nIBAN {IBAN}\nKontoinhaber: {NAME}\n\nRechnung {INVOICE}.\n\nMit freundlichen Grüßen\n{FIRST}" },
    Opening { weight: 2, subjects: &["Kann mich nicht anmelden", "Konto gesperrt"],
        body: "Hallo Support,\n\nich komme nicht mehr in mein Konto ({CUSTOMER_EMAIL}). Passwort: {PASSWORD} funktioniert nicht mehr. Bitte rufen Sie mich an: {PHONE}.\n\n{NAME}" },
    Opening { weight: 3, subjects: &["Wo bleibt meine Bestellung {ORDER}?", "Paket nicht angekommen"],
        body: "Hallo,\n\nmeine Bestellung {ORDER} ist noch nicht angekommen, Sendungsnummer {TRACKING}. Können Sie nachsehen?\n\nDanke, {FIRST}" },
    Opening { weight: 1, subjects: &["Fehler seit Version {VERSION}", "API-Fehler 500"],
        body: "Sehr geehrte Damen und Herren,\n\nseit dem Update auf Version {VERSION} bekommen wir Fehler. Unser Server {IP} wird abgewiesen, API-Schlüssel {APIKEY}. Request-ID {UUID}.\n\nGruß\n{NAME}" },
];
const OPENINGS_FR: &[Opening] = &[
    Opening { weight: 3, subjects: &["Double prélèvement sur ma carte", "Débité deux fois"],
        body: "Bonjour,\n\nj'ai été débité deux fois pour mon {PRODUCT} le {DATE}. Carte utilisée : {CARD}. Merci de rembourser le doublon de {AMOUNT} €. Commande {ORDER}.\n\nCordialement,\n{NAME}\n{PHONE}" },
    Opening { weight: 3, subjects: &["Demande de remboursement facture {INVOICE}", "Remboursement sur mon compte"],
        body: "Bonjour,\n\npour le remboursement, voici mon RIB :\nIBAN : {IBAN}\nTitulaire : {NAME}\n\nFacture {INVOICE}.\n\nMerci,\n{FIRST}" },
    Opening { weight: 2, subjects: &["Impossible de me connecter", "Compte bloqué"],
        body: "Bonjour, je n'arrive plus à me connecter avec {CUSTOMER_EMAIL}. mot de passe : {PASSWORD}. Pouvez-vous m'appeler au {PHONE} ?\n\n{NAME}" },
    Opening { weight: 3, subjects: &["Où est ma commande {ORDER} ?", "Colis jamais reçu"],
        body: "Bonjour,\n\nma commande {ORDER} n'est jamais arrivée, numéro de suivi {TRACKING}. Pouvez-vous vérifier ?\n\n{FIRST}" },
    Opening { weight: 1, subjects: &["Erreurs depuis la version {VERSION}", "Erreur 500 de l'API"],
        body: "Bonjour,\n\ndepuis la version {VERSION} notre serveur {IP} reçoit des erreurs 500. Clé API : {APIKEY}. Identifiant de requête {UUID}.\n\n{NAME}" },
];
const OPENINGS_ES: &[Opening] = &[
    Opening { weight: 3, subjects: &["Cargo duplicado en mi tarjeta", "Me cobraron dos veces"],
        body: "Hola,\n\nme cobraron dos veces el {PRODUCT} el {DATE}. Tarjeta usada: {CARD}. Por favor devuelvan el cargo duplicado de {AMOUNT} €. Pedido {ORDER}.\n\nSaludos,\n{NAME}\n{PHONE}" },
    Opening { weight: 3, subjects: &["Solicitud de reembolso factura {INVOICE}", "Reembolso a mi cuenta"],
        body: "Hola,\n\npara el reembolso usen mi cuenta:\nIBAN: {IBAN}\nTitular: {NAME}\n\nFactura {INVOICE}.\n\nGracias,\n{FIRST}" },
    Opening { weight: 2, subjects: &["No puedo iniciar sesión", "Cuenta bloqueada"],
        body: "Hola, no puedo entrar en mi cuenta {CUSTOMER_EMAIL}. contraseña: {PASSWORD}. Llámenme al {PHONE} por favor.\n\n{NAME}" },
    Opening { weight: 3, subjects: &["¿Dónde está mi pedido {ORDER}?", "El paquete nunca llegó"],
        body: "Hola,\n\nmi pedido {ORDER} no ha llegado, número de seguimiento {TRACKING}. ¿Pueden revisarlo?\n\n{FIRST}" },
    Opening { weight: 1, subjects: &["Errores desde la versión {VERSION}", "Error 500 en la API"],
        body: "Hola,\n\ndesde la versión {VERSION} nuestro servidor {IP} recibe errores. Clave API: {APIKEY}. ID de solicitud {UUID}.\n\n{NAME}" },
];

/// Rare subjects that themselves carry a sensitive value (people do this).
const SUBJECTS_SENSITIVE: &[&str] = &[
    "Please call me back at {PHONE}",
    "Account {CUSTOMER_EMAIL} locked",
    "Refund to IBAN {IBAN}",
    "Card {CARD} declined",
];

fn pick_weighted<'a>(rng: &mut R, options: &'a [Opening]) -> &'a Opening {
    let total: u32 = options.iter().map(|o| o.weight).sum();
    let mut draw = rng.gen_range(0..total.max(1));
    for option in options {
        if draw < option.weight {
            return option;
        }
        draw -= option.weight;
    }
    &options[0]
}

/// The subject and first message of a ticket: a template, a forwarded e-mail, a chat
/// transcript, a pasted log or a web form, with a subject that fits it (about 4% of subjects
/// carry a sensitive value themselves).
pub fn opening(lang: Lang, p: &Persona, rng: &mut R) -> (Rendered, Rendered) {
    let (subjects, body): (&[&str], Rendered) = match rng.gen_range(0..10) {
        0 => (forwarded_subjects(lang), forwarded_email(lang, p, rng)),
        1 if lang == Lang::En => (
            &["Chat transcript with {NAME}", "Follow-up on our chat"],
            chat_transcript(p, rng),
        ),
        2 if lang == Lang::En => (
            &["Errors in our logs", "Timeouts from your API since {DATE}"],
            pasted_log(p, rng),
        ),
        3 => (form_subjects(lang), web_form(lang, p, rng)),
        _ => {
            let opening = match lang {
                Lang::En => pick_weighted(rng, OPENINGS_EN),
                Lang::De => pick_weighted(rng, OPENINGS_DE),
                Lang::Fr => pick_weighted(rng, OPENINGS_FR),
                Lang::Es => pick_weighted(rng, OPENINGS_ES),
            };
            (opening.subjects, render(opening.body, p, rng))
        }
    };
    let subject = if rng.gen_bool(0.04) {
        render(choose(rng, SUBJECTS_SENSITIVE), p, rng)
    } else {
        render(choose(rng, subjects), p, rng)
    };
    (subject, body)
}

fn forwarded_subjects(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &["Fwd: Payment confirmation", "Fwd: Is this e-mail from you?"],
        Lang::De => &["WG: Zahlungsbestätigung"],
        Lang::Fr => &["TR: Confirmation de paiement"],
        Lang::Es => &["RV: Confirmación de pago"],
    }
}

fn form_subjects(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &["Contact form: billing question", "New web form submission"],
        Lang::De => &["Kontaktformular: Rechnung"],
        Lang::Fr => &["Formulaire de contact : facturation"],
        Lang::Es => &["Formulario de contacto: facturación"],
    }
}

fn forwarded_email(lang: Lang, p: &Persona, rng: &mut R) -> Rendered {
    let (intro, header, from, date, subject, to) = match lang {
        Lang::En => (
            "Forwarding the e-mail below, please advise.",
            "---------- Forwarded message ---------",
            "From",
            "Date",
            "Subject",
            "To",
        ),
        Lang::De => (
            "Siehe weitergeleitete Nachricht unten.",
            "---------- Weitergeleitete Nachricht ----------",
            "Von",
            "Datum",
            "Betreff",
            "An",
        ),
        Lang::Fr => (
            "Je vous transfère le message ci-dessous.",
            "---------- Message transféré ---------",
            "De",
            "Date",
            "Objet",
            "À",
        ),
        Lang::Es => (
            "Les reenvío el correo de abajo.",
            "---------- Mensaje reenviado ---------",
            "De",
            "Fecha",
            "Asunto",
            "Para",
        ),
    };
    let mut out = Rendered::default();
    out.push(intro);
    out.push("\n\n");
    out.push(header);
    out.push("\n");
    out.push(from);
    out.push(": Billing <");
    out.secret(kind::EMAIL, &format!("billing@{}", bank_domain(rng)));
    out.push(">\n");
    out.push(date);
    out.push(": ");
    out.push(&timestamp(rng));
    out.push("\n");
    out.push(subject);
    out.push(": Payment confirmation ");
    out.push(&p.invoice);
    out.push("\n");
    out.push(to);
    out.push(": ");
    out.push(&format!("{} {} <", p.first, p.last));
    out.secret(kind::EMAIL, &p.email);
    out.push(">\n\n");
    let body = match rng.gen_range(0..3) {
        0 => "Dear customer,\n\nwe received your payment of {AMOUNT} USD from account ending {LAST4} (routing {ROUTING}). Transaction reference {UUID}.\n\nIf you did not authorize this payment, call us at {PHONE}.",
        1 => "Your card {CARD} was charged {AMOUNT} EUR for order {ORDER}. Questions? Reply to this e-mail or call {PHONE}.",
        _ => "Your refund of {AMOUNT} EUR will be sent to {IBAN} within 5 business days. Reference {INVOICE}.",
    };
    out.append(render(body, p, rng));
    out
}

fn bank_domain(rng: &mut R) -> &'static str {
    [
        "firstnational-bank.com",
        "paybright.io",
        "sparkasse-online.de",
        "banque-postale.fr",
        "bancosol.es",
    ]
    .choose(rng)
    .copied()
    .unwrap_or("paybright.io")
}

fn chat_transcript(p: &Persona, rng: &mut R) -> Rendered {
    let mut out = Rendered::default();
    out.push("Chat transcript\n");
    let lines: &[(&str, &str)] = &[
        ("visitor", "Hi, I need help with my account"),
        ("agent", "Hello {FIRST}, I'm {AGENT}. How can I help?"),
        (
            "visitor",
            "I got charged but the order {ORDER} shows as cancelled",
        ),
        (
            "agent",
            "Sorry about that. Can you confirm the e-mail on the account?",
        ),
        ("visitor", "{CUSTOMER_EMAIL}"),
        (
            "agent",
            "Thanks. For verification, the last 4 digits of the card?",
        ),
        ("visitor", "here is the whole card {CARD}"),
        (
            "agent",
            "Please don't share full card numbers in chat. I've located the payment.",
        ),
        (
            "visitor",
            "ok. also my ssn is {SSN} if you need it for the credit check",
        ),
        (
            "agent",
            "We never need your SSN. I'll open a ticket for the refund.",
        ),
        ("visitor", "you can call me at {PHONE}"),
    ];
    let n = rng.gen_range(5..=lines.len());
    for (who, line) in &lines[..n] {
        out.push("[");
        out.push(&format!(
            "{:02}:{:02}",
            rng.gen_range(8..20),
            rng.gen_range(0..60)
        ));
        out.push("] ");
        if *who == "visitor" {
            out.push(&format!("{} {}", p.first, p.last));
        } else {
            out.push(&p.agent);
        }
        out.push(": ");
        out.append(render(line, p, rng));
        out.push("\n");
    }
    out
}

fn pasted_log(p: &Persona, rng: &mut R) -> Rendered {
    let mut out = Rendered::default();
    out.push("Here are the logs from our side:\n\n");
    for _ in 0..rng.gen_range(3..9) {
        let line = match rng.gen_range(0..7) {
            0 => {
                "{TS} ERROR [payments] request_id={UUID} client_ip={IP} status=502 upstream timeout"
            }
            1 => "{TS} WARN  [auth] login failed for user={EMAIL} from {IPV6}",
            2 => "{TS} INFO  [sync] agent version {VERSION} started, job {UUID}",
            3 => "{TS} DEBUG [http] Authorization: Bearer {APIKEY}",
            4 => "{TS} ERROR [db] connection refused host={IP} port=5432",
            5 => "{TS} INFO  [worker] processed order {ORDER} in 132 ms",
            _ => "{TS} WARN  [config] loaded env AWS_ACCESS_KEY_ID={AWS_KEY}",
        };
        out.append(render(line, p, rng));
        out.push("\n");
    }
    out.push("\nCan you tell us what is going on?");
    out
}

fn web_form(lang: Lang, p: &Persona, rng: &mut R) -> Rendered {
    let labels = match lang {
        Lang::En => [
            "Name",
            "Email",
            "Phone",
            "Topic",
            "Card number",
            "SSN",
            "Message",
        ],
        Lang::De => [
            "Name",
            "E-Mail",
            "Telefon",
            "Thema",
            "Kartennummer",
            "SSN",
            "Nachricht",
        ],
        Lang::Fr => [
            "Nom",
            "E-mail",
            "Téléphone",
            "Sujet",
            "Numéro de carte",
            "SSN",
            "Message",
        ],
        Lang::Es => [
            "Nombre",
            "Correo",
            "Teléfono",
            "Tema",
            "Número de tarjeta",
            "SSN",
            "Mensaje",
        ],
    };
    let mut out = Rendered::default();
    out.push("Submitted via contact form\n\n");
    out.push(&format!("{}: {} {}\n", labels[0], p.first, p.last));
    out.push(&format!("{}: ", labels[1]));
    out.secret(kind::EMAIL, &p.email);
    out.push(&format!("\n{}: ", labels[2]));
    out.secret(kind::PHONE, &values::phone(rng));
    out.push(&format!("\n{}: Billing\n", labels[3]));
    if rng.gen_bool(0.5) {
        out.push(&format!("{}: ", labels[4]));
        out.secret(kind::CREDIT_CARD, &values::credit_card(rng));
        out.push("\n");
    }
    if lang == Lang::En && rng.gen_bool(0.3) {
        out.push(&format!("{}: ", labels[5]));
        out.secret(kind::SSN, &values::ssn(rng));
        out.push("\n");
    }
    out.push(&format!("{}: ", labels[6]));
    out.append(render(
        match lang {
            Lang::En => "Please check invoice {INVOICE}, I think the amount of {AMOUNT} is wrong.",
            Lang::De => "Bitte prüfen Sie Rechnung {INVOICE}, der Betrag {AMOUNT} stimmt nicht.",
            Lang::Fr => "Merci de vérifier la facture {INVOICE}, le montant {AMOUNT} est faux.",
            Lang::Es => "Revisen la factura {INVOICE}, el importe {AMOUNT} es incorrecto.",
        },
        p,
        rng,
    ));
    out
}

// ---- follow-ups -------------------------------------------------------------------------------

const AGENT_REPLIES_EN: &[&str] = &[
    "Hi {FIRST},\n\nthanks for reaching out. I've forwarded this to our billing team and will get back to you within 24 hours.\n\nBest,\n{AGENT}",
    "Hello {FIRST},\n\nthe refund has been issued and should appear within 5-10 business days. Reference: {INVOICE}.\n\nKind regards,\n{AGENT}\n{COMPANY} Support",
    "Hi {FIRST},\n\nI checked with the carrier: the parcel {TRACKING} is out for delivery. Let me know if it doesn't arrive.\n\n{AGENT}",
    "Hi {FIRST}, for security reasons please never send passwords or full card numbers by e-mail. I've reset your access; you'll get a link shortly.\n\n{AGENT}",
    "Hi {FIRST},\n\nour engineers deployed a fix in version {VERSION}. Could you retry and tell us if the errors persist?\n\n{AGENT}",
    "Hello,\n\nwe tried to call you at {PHONE} but couldn't reach you. Please reply with a good time.\n\n{AGENT}",
];
const AGENT_REPLIES_DE: &[&str] = &[
    "Hallo {FIRST},\n\ndanke für Ihre Nachricht. Ich habe das an die Buchhaltung weitergegeben.\n\nViele Grüße\n{AGENT}",
    "Hallo {FIRST},\n\ndie Erstattung wurde veranlasst (Referenz {INVOICE}).\n\n{AGENT}",
    "Hallo {FIRST}, bitte senden Sie uns niemals Passwörter per E-Mail. Wir haben Ihr Konto zurückgesetzt.\n\n{AGENT}",
];
const AGENT_REPLIES_FR: &[&str] = &[
    "Bonjour {FIRST},\n\nmerci pour votre message, je transmets au service facturation.\n\nCordialement,\n{AGENT}",
    "Bonjour {FIRST},\n\nle remboursement a été effectué (référence {INVOICE}).\n\n{AGENT}",
    "Bonjour {FIRST}, merci de ne jamais envoyer de mot de passe par e-mail. Votre accès a été réinitialisé.\n\n{AGENT}",
];
const AGENT_REPLIES_ES: &[&str] = &[
    "Hola {FIRST},\n\ngracias por escribirnos. Lo he pasado al equipo de facturación.\n\nSaludos,\n{AGENT}",
    "Hola {FIRST},\n\nel reembolso ya está en camino (referencia {INVOICE}).\n\n{AGENT}",
    "Hola {FIRST}, por seguridad no envíe contraseñas por correo. Hemos restablecido su acceso.\n\n{AGENT}",
];
const CUSTOMER_REPLIES_EN: &[&str] = &[
    "Thanks, any update on this?",
    "Still nothing on my statement. The charge was on card {CARD}.",
    "You can also call my mobile {PHONE}, I'm available after 5pm.",
    "I tried again with the new password {PASSWORD} and it works now, thank you!",
    "Here is the refund account again: {IBAN}",
    "My colleague {EMAIL} will take over this ticket from now on.",
    "It happened again at {TS}, request id {UUID}.",
    "Great, that solved it. Thanks {AGENT}!",
    "The package arrived today, thanks.",
];
const CUSTOMER_REPLIES_DE: &[&str] = &[
    "Danke, gibt es schon Neuigkeiten?",
    "Auf meinem Kontoauszug sehe ich noch nichts. Karte {CARD}.",
    "Sie erreichen mich auch unter {PHONE}.",
    "Hier nochmal meine IBAN: {IBAN}",
    "Super, danke!",
];
const CUSTOMER_REPLIES_FR: &[&str] = &[
    "Merci, des nouvelles ?",
    "Toujours rien sur mon relevé. Carte {CARD}.",
    "Vous pouvez aussi m'appeler au {PHONE}.",
    "Voici à nouveau mon IBAN : {IBAN}",
    "Parfait, merci !",
];
const CUSTOMER_REPLIES_ES: &[&str] = &[
    "Gracias, ¿alguna novedad?",
    "Todavía no veo nada en mi extracto. Tarjeta {CARD}.",
    "También pueden llamarme al {PHONE}.",
    "Aquí está otra vez mi IBAN: {IBAN}",
    "Perfecto, ¡gracias!",
];
const INTERNAL_NOTES: &[&str] = &[
    "Internal: verified caller via phone {PHONE}. Customer's card on file {CARD}, chargeback risk low.",
    "Escalated to tier 2. Customer IP {IP}, account {CUSTOMER_EMAIL}.",
    "Note: customer pasted an API key ({APIKEY}) in the thread, asked them to rotate it.",
    "Internal: merged duplicate ticket, see invoice {INVOICE}.",
    "Internal: SSN {SSN} provided for tax form W-9, do not copy elsewhere.",
    "Checked logs, request {UUID} failed on node running {VERSION}.",
    "Payout details confirmed by phone: routing {ROUTING}, account ending {LAST4}.",
    "Waiting for engineering, nothing sensitive here.",
];

/// A public reply of the agent.
pub fn agent_reply(lang: Lang, p: &Persona, rng: &mut R) -> Rendered {
    let t = match lang {
        Lang::En => choose(rng, AGENT_REPLIES_EN),
        Lang::De => choose(rng, AGENT_REPLIES_DE),
        Lang::Fr => choose(rng, AGENT_REPLIES_FR),
        Lang::Es => choose(rng, AGENT_REPLIES_ES),
    };
    render(t, p, rng)
}

/// A follow-up of the customer.
pub fn customer_reply(lang: Lang, p: &Persona, rng: &mut R) -> Rendered {
    let t = match lang {
        Lang::En => choose(rng, CUSTOMER_REPLIES_EN),
        Lang::De => choose(rng, CUSTOMER_REPLIES_DE),
        Lang::Fr => choose(rng, CUSTOMER_REPLIES_FR),
        Lang::Es => choose(rng, CUSTOMER_REPLIES_ES),
    };
    render(t, p, rng)
}

/// A private note of an agent (English: internal notes usually are).
pub fn internal_note(p: &Persona, rng: &mut R) -> Rendered {
    render(choose(rng, INTERNAL_NOTES), p, rng)
}

/// A text attachment: (file name, content type, content).
pub fn attachment(p: &Persona, rng: &mut R) -> (String, String, Rendered) {
    match rng.gen_range(0..4) {
        0 => {
            let mut out = Rendered::default();
            out.push("name,email,phone,card_number,amount\n");
            for _ in 0..rng.gen_range(2..6) {
                let (first, last) = values::person_name(rng);
                out.push(&format!("{first} {last},"));
                out.secret(kind::EMAIL, &values::email_for(rng, &first, &last));
                out.push(",");
                out.secret(kind::PHONE, &values::phone(rng));
                out.push(",");
                out.secret(kind::CREDIT_CARD, &values::credit_card(rng));
                out.push(&format!(
                    ",{}.{:02}\n",
                    rng.gen_range(5..900),
                    rng.gen_range(0..100)
                ));
            }
            ("export.csv".into(), "text/csv".into(), out)
        }
        1 => ("server.log".into(), "text/plain".into(), pasted_log(p, rng)),
        2 => {
            let mut out = Rendered::default();
            out.push("{\n  \"customer\": \"");
            out.push(&format!("{} {}", p.first, p.last));
            out.push("\",\n  \"email\": \"");
            out.secret(kind::EMAIL, &p.email);
            out.push("\",\n  \"order\": \"");
            out.push(&values::order_number(rng));
            out.push("\",\n  \"iban\": \"");
            out.secret(kind::IBAN, &values::iban(rng));
            out.push("\",\n  \"request_id\": \"");
            out.push(&values::uuid(rng));
            out.push("\"\n}\n");
            ("form.json".into(), "application/json".into(), out)
        }
        _ => {
            let mut out = Rendered::default();
            out.push("Notes from the call\n\nCustomer: ");
            out.push(&format!("{} {}\n", p.first, p.last));
            out.append(render(
                "Callback number: {PHONE}\nPrefers refund to {IBAN}\nTicket ref {ORDER}\n",
                p,
                rng,
            ));
            ("call-notes.txt".into(), "text/plain".into(), out)
        }
    }
}

/// A minimal valid 1×1 PNG: a binary attachment without text.
pub const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Renders a comment body as e-mail-client HTML (different from Zendesk's default rendering,
/// so such comments carry a stored `html_body`). The visible text equals the plain body.
pub fn email_html(text: &str) -> String {
    let mut html = String::from("<div class=\"zd-comment\" dir=\"auto\"><div dir=\"ltr\">");
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let lines: Vec<String> = paragraph.split('\n').map(crate::html::escape).collect();
        if i == 0 {
            html.push_str(&format!("<p><strong>{}</strong></p>", lines.join("<br>")));
        } else {
            html.push_str(&format!("<p>{}</p>", lines.join("<br>")));
        }
    }
    html.push_str("</div></div>");
    html
}
