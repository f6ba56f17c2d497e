//! PERSON_NAME: people's names, found where text says a name comes.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::person;
use std::collections::HashSet;
use std::sync::OnceLock;

mod first_names;
use first_names::{FIRST_NAMES, FIRST_NAME_KEYWORDS};

/// One to three capitalised name words, optionally with a middle initial and lower-case
/// particles (`van`, `de la`, `bin`): `Maria`, `John Q. Smith`, `Ludwig van Beethoven`,
/// `Siobhan O'Neill-Byrne`, `José Müller`.
macro_rules! name_re {
    () => {
        r"[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}](?:'[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}])?[a-z\x{DF}-\x{17F}]{1,14}(?:-?[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}][a-z\x{DF}-\x{17F}]{1,14})?(?: [A-Z]\.)?(?: (?:(?:van|von|der|den|de|del|della|di|da|du|la|le|al|bin|ibn|dos|das) ){0,2}[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}](?:'[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}])?[a-z\x{DF}-\x{17F}]{1,14}(?:-?[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}][a-z\x{DF}-\x{17F}]{1,14})?){0,2}"
    };
}

/// A known first name (as on the lists) with an optional middle initial and a surname: kept
/// short because the keyword window is searched up to the longest match. The surname is
/// required: a keyword is found where a word merely begins with a name ("Hal" in "Hallo",
/// "Mona" in "Monat"), and a lone first name without a cue is no finding anyway.
macro_rules! first_and_surname_re {
    () => {
        r"[A-Z][a-z\x{DF}-\x{FF}]{1,15}(?:-[A-Z][a-z\x{DF}-\x{FF}]{1,15})?(?: [A-Z]\.)? (?:(?:van|von|der|den|de|del|della|di|da|du|la|le|al|bin|ibn|dos|das) ){0,2}[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}](?:'[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}])?[a-z\x{DF}-\x{17F}]{1,14}(?:-?[A-Z\x{C0}-\x{DE}\x{100}-\x{17F}][a-z\x{DF}-\x{17F}]{1,14})?"
    };
}

/// Personal names: a known first name (US Census list) with a capitalised surname anywhere
/// ("Jennifer Morales"), and any name-shaped words where the text announces a name:
/// greetings ("Hi Maria,", "Dear Mr. Okafor"), sign-offs ("Thanks,\nJohn Smith", "Regards,
/// Ana"), introductions ("my name is …", "this is … from"), titles ("Mrs. Patel"), cue
/// phrases ("spoke with …", "From: …") and form labels ("Name: …", "Patient name: …").
///
/// The candidate must look like a name (capitalised words, not a common word such as "Team",
/// "Support" or "Everyone"). First name plus surname is LIKELY; a lone name or one whose first
/// word is not a known first name is POSSIBLE; either is one level higher right after its
/// cue. "May", "Will", "Bill" and "Mark" in prose are words: they are not on the first-name
/// list, so without a cue they are not even candidates.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "PERSON_NAME",
    description: "Personal names after greetings, sign-offs, introductions, titles and name labels; known first names as POSSIBLE",
    patterns: &[
        Pattern::near(
            "name-greeting",
            concat!(
                r"(?-u:\b)(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Gg]ood morning|[Gg]ood afternoon|[Gg]ood evening|[Bb]onjour|[Hh]allo|[Hh]ola|[Cc]iao)[ \t]{1,3}(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Sr|Sra)\.?[ \t]{1,3})?(?P<value>",
                name_re!(),
                r")(?:[ \t]{0,3}[,!:\r\n]|[ \t]{0,3}$)"
            ),
            &["hi ", "hi\t", "hello", "hey", "dear", "good morning", "good afternoon", "good evening", "bonjour", "hallo", "hola", "ciao"],
            0,
            0,
        ),
        Pattern::near(
            "name-sign-off",
            concat!(
                r"(?-u:\b)(?:(?:[Tt]hanks|[Tt]hank you|[Mm]any thanks|[Tt]hx|[Rr]egards|[Bb]est regards|[Kk]ind regards|[Ww]arm regards|[Bb]est wishes|[Bb]est|[Cc]heers|[Ss]incerely|[Yy]ours truly|[Yy]ours sincerely|[Cc]ordialement|[Mm]erci d'avance|[Mm]erci beaucoup|[Mm]erci|[Bb]ien cordialement|[Ss]aludos|[Aa]tentamente|[Gg]racias|[Mm]uchas gracias|[Oo]brigad[oa]|[Aa]tenciosamente|[Cc]umprimentos|[Dd]anke(?: sch(?:ö|oe)n)?|[Gg]ru(?:ß|ss))|(?:[Vv]iele [Gg]r(?:ü|ue)(?:ß|ss)e|[Ll]iebe [Gg]r(?:ü|ue)(?:ß|ss)e|[Bb]este [Gg]r(?:ü|ue)(?:ß|ss)e|[Mm]it freundlichen [Gg]r(?:ü|ue)(?:ß|ss)en|[Bb]ien (?:à|a) vous))[ \t]{0,3}[,.!-]?[ \t]{0,3}(?:\r?\n[ \t]{0,3}(?:-{1,2}[ \t]{0,3})?|,?[ \t]{1,3})(?P<value>",
                name_re!(),
                r")[ \t]{0,3}(?:\r?\n|$)"
            ),
            &["thank", "thx", "regards", "best", "cheers", "sincerely", "yours", "cordialement", "merci", "bien \u{e0} vous", "bien a vous", "saludos", "atentamente", "gracias", "obrigad", "atenciosamente", "cumprimentos", "danke", "freundlichen", "gr\u{fc}\u{df}", "gruss", "gr\u{fc}sse", "gruesse"],
            // "mit freundlichen", "viele grüße": the match starts up to six bytes before the
            // keyword.
            6,
            0,
        ),
        Pattern::near(
            "name-introduction",
            concat!(
                r"(?-u:\b)(?:(?:[Mm]y name is|[Mm]y name's|[Jj]e m'appelle|[Jj]e suis|[Mm]e llamo|[Mm]i nombre es|[Mm]ein name ist|[Ii]ch bin)|[Ii]ch hei(?:ß|ss)e)[ \t]{1,3}(?P<value>",
                name_re!(),
                r")"
            ),
            &["my name", "appelle", "je suis", "llamo", "nombre es", "name ist", "ich bin", "ich hei"],
            // "je m'appelle", "mein name ist": the match starts before the keyword.
            6,
            0,
        ),
        Pattern::near(
            "name-this-is-from",
            concat!(
                r"(?-u:\b)(?:[Tt]his is|[Ii] am|[Ii]'m|[Ii]t's)[ \t]{1,3}(?P<value>",
                name_re!(),
                r")[ \t]{1,3}(?:from|at|with|here)(?-u:\b)"
            ),
            &["this is", "i am", "i'm", "it's"],
            0,
            0,
        ),
        Pattern::near(
            "name-relation",
            concat!(
                r"(?-u:\b)(?:(?i-u:(?:on behalf of |for )?my (?:father|mother|dad|mum|mom|wife|husband|son|daughter|brother|sister|colleague|co-?worker|manager|boss|partner|assistant)|registered (?:to|under)|in the name of|on behalf of|mein(?:e)? (?:kollegin|kollege|vater|mutter|frau|mann|chef|chefin|sohn|tochter)|ansprechpartner(?:in)? ist|auf den namen|au nom de|mon coll\x{e8}gue|ma coll\x{e8}gue|mi (?:colega|compa\x{f1}ero|compa\x{f1}era|padre|madre)|a nombre de|(?:no|em) nome de|meu colega|minha colega))[ \t]{0,3},?[ \t]{1,3}(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau)\.?[ \t]{1,2})?(?P<value>",
                name_re!(),
                r")(?:[ \t]{0,3}(?:[,;.!?<(\r\n]|(?-u:\b)(?:and|who|hat|ist|est|qui|que|is|has|set|will)(?-u:\b))|[ \t]{0,3}$)"
            ),
            &["my father", "my mother", "my dad", "my mum", "my mom", "my wife", "my husband", "my son", "my daughter", "my brother", "my sister", "my colleague", "my coworker", "my co-worker", "my manager", "my boss", "my partner", "my assistant", "registered to", "registered under", "name of", "behalf of", "mein kolleg", "meine kolleg", "mein vater", "meine mutter", "meine frau", "mein mann", "mein chef", "meine chef", "mein sohn", "meine tochter", "ansprechpartner", "den namen", "au nom de", "coll\u{e8}gue", "mi colega", "mi compa", "mi padre", "mi madre", "nombre de", "nome de", "meu colega", "minha colega"],
            // "on behalf of my father": the match starts before the "my father" keyword.
            14,
            0,
        ),
        Pattern::near(
            "name-c-est-qui",
            concat!(
                r"(?-u:\b)[Cc]'est[ \t]{1,3}(?P<value>",
                name_re!(),
                r")[ \t]{1,3}qui(?-u:\b)"
            ),
            &["c'est "],
            0,
            0,
        ),
        Pattern::near(
            "name-title",
            concat!(
                r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Monsieur|Madame|Sr|Sra)\.?[ \t]{1,2}(?P<value>",
                name_re!(),
                r")"
            ),
            &["mr", "ms.", "ms ", "miss ", "mx.", "dr.", "dr ", "prof", "herr ", "frau ", "mme", "mlle", "monsieur", "madame", "sr.", "sr ", "sra"],
            0,
            0,
        ),
        Pattern::near(
            "name-label",
            concat!(
                r"(?m:^)[ \t*>-]{0,4}(?i-u:(?:full |first |last |given |family |customer |client |patient |contact |employee |member |account holder |card ?holder |legal |sender |recipient |your |guest |passenger )?name|nom|nombre|vorname|nachname|full name)[ \t]{0,3}[:=][ \t]{0,3}(?P<value>",
                name_re!(),
                r"|[A-Z]{2,20}(?: [A-Z]{2,20}){1,2})[ \t]{0,3}(?:[,;|]|\r?\n|(?m:$))"
            ),
            &["name:", "name :", "name=", "name =", "nom:", "nom :", "nombre:", "nombre :"],
            40,
            0,
        ),
        Pattern::near(
            "name-cue-phrase",
            concat!(
                r"(?-u:\b)(?:[Ss]poke with|[Ss]poke to|[Tt]alked to|[Tt]alking to|[Tt]alked with|[Aa]ssigned to|[Ee]scalated to|[Hh]andled by|[Ss]igned by|[Aa]ttn:?|[Aa]ttention:|[Ff]rom:|[Cc]c:|[Cc]ontact person:?|[Aa]ccount holder:?|[Cc]ardholder:?|[Pp]atient:|[Cc]ustomer:|[Cc]lient:|[Cc]ontact:|[Ee]mployee:|[Mm]ember:|[Gg]uest:|[Pp]assenger:|[Tt]enant:|[Aa]pplicant:|[Ii]nsured:|[Bb]eneficiary:|[Rr]equester:|[Cc]aller:|[Rr]equested by|[Rr]eported by|[Ss]ubmitted by|[Cc]reated by)[ \t]{1,3}(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ \t]{1,2})?(?P<value>",
                name_re!(),
                r")(?:[ \t]{0,3}(?:[,;.!?<(\r\n]|(?-u:\b)(?:and|who|about|from|at|on|yesterday|today)(?-u:\b))|[ \t]{0,3}$)"
            ),
            &["spoke", "talked", "talking", "assigned to", "escalated to", "handled by", "signed by", "attn", "attention", "from:", "cc:", "contact person", "account holder", "cardholder", "patient:", "customer:", "client:", "contact:", "employee:", "member:", "guest:", "passenger:", "tenant:", "applicant:", "insured:", "beneficiary:", "requester:", "caller:", "requested by", "reported by", "submitted by", "created by"],
            0,
            0,
        ),
        // Chinese and Japanese names after a cue: "账户持有人是赵伟。", "契約者は佐藤 健です。",
        // "Name: 中村 美咲", and on the line after a sign-off ("谢谢！", "よろしくお願いします。").
        Pattern::near(
            "name-cjk",
            concat!(
                r"(?:\x{6301}\x{6709}\x{4eba}(?:\x{662f}|[\x{ff1a}:])|\x{59d3}\x{540d}[\x{ff1a}:][ ]?|\x{8054}\x{7cfb}\x{4eba}(?:\x{662f}|[\x{ff1a}:])[ ]?|\x{5951}\x{7d04}\x{8005}(?:\x{306f}|[\x{ff1a}:])|\x{6c0f}\x{540d}[\x{ff1a}:][ ]?|\x{540d}\x{524d}[\x{ff1a}:][ ]?|(?m:^)[Nn]ame:[ ]?|\x{8c22}\x{8c22}[\x{ff01}!\x{3002}]?[ ]?\r?\n|\x{3088}\x{308d}\x{3057}\x{304f}\x{304a}\x{9858}\x{3044}(?:\x{3044}\x{305f})?\x{3057}\x{307e}\x{3059}\x{3002}?[ ]?\r?\n)(?P<value>",
                r"[\x{4e00}-\x{9fff}]{1,3}(?:[ \x{3000}][\x{4e00}-\x{9fff}\x{3040}-\x{30ff}]{1,4}|[\x{4e00}-\x{9fff}]{1,2})",
                r")(?:[\x{3002}\x{ff0c},\x{3001}]|\r?\n|$|\x{3067}\x{3059}|\x{69d8}|\x{3055}\x{3093})"
            ),
            &["\u{6301}\u{6709}\u{4eba}", "\u{59d3}\u{540d}", "\u{8054}\u{7cfb}\u{4eba}", "\u{5951}\u{7d04}\u{8005}", "\u{6c0f}\u{540d}", "\u{540d}\u{524d}", "name:", "\u{8c22}\u{8c22}", "\u{304a}\u{9858}\u{3044}"],
            // "よろしくお願い": the match starts five characters before "お願い".
            15,
            0,
        ),
        // A known first name, alone or with a surname: "Jennifer Morales" anywhere.
        Pattern::near(
            "name-first-name",
            concat!(r"(?-u:\b)(?P<value>", first_and_surname_re!(), r")"),
            FIRST_NAME_KEYWORDS,
            0,
            0,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[
            "hi ", "hello", "hey ", "dear", "good morning", "good afternoon", "good evening",
            "bonjour", "hallo", "hola", "ciao", "thank", "regards", "best,", "best wishes",
            "cheers", "sincerely", "yours", "cordialement", "saludos", "atentamente",
            "freundlichen", "name", "nom:", "nombre", "vorname", "nachname", "appelle",
            "je suis", "llamo", "ich bin", "ich hei", "mein name", "this is", "i am", "i'm", "it's", "mr", "mrs", "ms.",
            "ms ", "miss ", "mx.", "dr.", "dr ", "prof", "herr ", "frau ", "mme", "mlle",
            "monsieur", "madame", "sr.", "sra", "spoke with", "spoke to", "talked to",
            "signed", "attn", "attention:", "cc:", "from:", "assigned to", "escalated to",
            "handled by", "thx", "merci", "bien \u{e0} vous", "gracias", "obrigad", "atenciosamente",
            "danke", "gr\u{fc}\u{df}e", "gr\u{fc}sse", "gruesse", "my father", "my mother", "my colleague",
            "my wife", "my husband", "registered to", "on behalf", "kolleg", "ansprechpartner",
            "den namen", "au nom", "c'est", "coll\u{e8}gue", "nombre de", "nome de", "colega", "contact person", "account holder", "cardholder", "patient:", "customer:", "client:", "contact:", "employee:", "member:", "guest:", "passenger:", "tenant:", "applicant:", "insured:", "beneficiary:", "requester:", "caller:", "requested by", "reported by", "submitted by", "created by",
        ],
        opposing: &[],
        window: 30,
        boost: 1,
        penalty: 1,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 27,
    examples: &[
        Example {
            text: "Hi Maria,\nthe refund was issued today.",
            finds: &["Maria"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Dear Mr. Okafor, your account has been reactivated.",
            finds: &["Okafor"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Please check the router again.\n\nThanks,\nJohn Smith\n",
            finds: &["John Smith"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Hello, my name is Priya Raman and I cannot log in.",
            finds: &["Priya Raman"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Hey, this is Dave Kowalski from accounting, quick question.",
            finds: &["Dave Kowalski"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Customer name: Siobhan O'Neill-Byrne\nPlan: premium",
            finds: &["Siobhan O'Neill-Byrne"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Kind regards, Ludwig van Beethoven",
            finds: &["Ludwig van Beethoven"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "I spoke with Jennifer Okonkwo yesterday and she promised a refund.",
            finds: &["Jennifer Okonkwo"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "From: Łukasz Dvořák <lukasz@example.org>\nSubject: login",
            finds: &["Łukasz Dvořák"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Best regards,\nAnne-Marie Dubois",
            finds: &["Anne-Marie Dubois"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "Contact: Priya Natarajan <priya@example.com>, phone on file",
            finds: &["Priya Natarajan"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Please ask Jennifer Morales to call me back about the claim.",
            finds: &["Jennifer Morales"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "The export still fails after the update.\nthx\nSiobhan O'Brien",
            finds: &["Siobhan O'Brien"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Le paiement a échoué deux fois.\n\nMerci d'avance,\nInès Durand",
            finds: &["Inès Durand"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Die App stürzt ab.\nDanke!\nJürgen Zimmermann",
            finds: &["Jürgen Zimmermann"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "La factura está mal.\nGracias,\nNuria Pérez",
            finds: &["Nuria Pérez"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "I'm writing on behalf of my father, Arthur Pennington.",
            finds: &["Arthur Pennington"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Mein Kollege Lukas S. Fischer hat das eingerichtet.",
            finds: &["Lukas S. Fischer"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "C'est Théo Martin qui gère la facturation chez nous.",
            finds: &["Théo Martin"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "das konto läuft auf den namen Tobias Krüger, bitte prüfen",
            finds: &["Tobias Krüger"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "customer_id,name,email\nC4729196,Priya Walker,priya@example.com",
            finds: &["Priya Walker"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "账户持有人是赵伟。",
            finds: &["赵伟"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "よろしくお願いいたします。\n山本 さくら",
            finds: &["山本 さくら"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Name: 中村 美咲\nEmail: misaki@example.jp",
            finds: &["中村 美咲"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "谢谢！\n刘强",
            finds: &["刘强"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Bonjour Hélène, je vous rappelle demain.",
            finds: &["Hélène"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "Will you check whether May or June works for the upgrade? Mark the ticket as done.",
        "Hi team,\nthe build is green again.\n\nThanks,\nSupport Team",
        "Dear Customer, your order 5521 has shipped.",
        "Hello World example fails to compile.",
        "File name: Invoice March\nSize: 2 MB",
        "Hi there, is anyone around?",
        "Best,\nThe Billing Department",
        "Maria called earlier about the outage.",
        "The parcel went to the Austin Street depot, then to Florence Hospital.",
        "Ticket escalated to Billing yesterday, assigned to Tier Two Support.",
        "From: Acme Support Team <noreply@example.com>",
        "Customer: Globex Corporation, plan: enterprise",
        "Hallo,\n\nUns wurde diesen Monat der falsche Tarif berechnet.",
        "customer: Diagnosis (ICD-9): Rheumatoid arthritis",
        "customer: German ID card number: PT6CJ863C0",
        "Je suis à Bretagne jusqu'à vendredi.",
        "Estou em Salvador esta semana.",
        "ship to: 506 Jasper Ave Vancouver, BC, H3B 1A7",
        "Hi team, my colleague is away, the printer is broken.",
        "我这周在南京出差，谢谢。",
    ],
};

/// Words that make a "first name + capitalised word" an organisation, place or product
/// ("Morgan Stanley" stays possible, but "Austin Street", "Florence Hospital" are not names).
const NOT_SURNAMES: &[&str] = &[
    "airport",
    "ave",
    "avenue",
    "blvd",
    "bank",
    "brand",
    "bridge",
    "center",
    "centre",
    "church",
    "city",
    "clinic",
    "college",
    "company",
    "corp",
    "county",
    "court",
    "drive",
    "foods",
    "foundation",
    "gardens",
    "group",
    "hall",
    "health",
    "hospital",
    "hotel",
    "house",
    "inc",
    "institute",
    "lake",
    "lane",
    "ln",
    "ltd",
    "mall",
    "motors",
    "museum",
    "park",
    "place",
    "plaza",
    "rd",
    "road",
    "school",
    "square",
    "st",
    "station",
    "street",
    "theatre",
    "theater",
    "tower",
    "university",
    "valley",
    "way",
];

fn countries_and_states() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::detector::list_entries(include_str!("../../data/countries_and_states.txt")).collect()
    })
}

fn first_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| FIRST_NAMES.iter().copied().collect())
}

/// Han characters, kana and the spaces between them: a Chinese or Japanese name, which only
/// the cue patterns produce.
fn is_cjk_name(text: &str) -> bool {
    let letters = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}'))
        .count();
    (2..=7).contains(&letters)
        && text.chars().all(
            |c| matches!(c, ' ' | '\u{3000}' | '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'),
        )
}

fn validate(text: &str) -> Option<Verdict> {
    if is_cjk_name(text) {
        return Some(Verdict::passed(Confidence::Likely, "cjk-name-after-cue"));
    }
    if !person::is_plausible_name(text) {
        return None;
    }
    let words: Vec<&str> = text
        .split(' ')
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.ends_with('.'))
        .collect();
    let [first, .., last] = words[..] else {
        return Some(Verdict::format_only(Confidence::Possible));
    };
    // "Anne-Marie": the first part decides.
    let given = first.split('-').next().unwrap_or(first);
    let known_first = first_names().contains(given.to_lowercase().as_str());
    let org_or_place = words.iter().skip(1).any(|w| {
        let lower = w.to_lowercase();
        NOT_SURNAMES.contains(&lower.as_str())
    }) || countries_and_states().contains(last);
    Some(if known_first && !org_or_place {
        Verdict::passed(Confidence::Likely, "first-name-and-surname")
    } else {
        Verdict::format_only(Confidence::Possible)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        for (text, want) in [
            ("Maria", Some(Confidence::Possible)),
            ("Okafor", Some(Confidence::Possible)),
            ("John Smith", Some(Confidence::Likely)),
            ("John Q. Smith", Some(Confidence::Likely)),
            ("Anne-Marie Dubois", Some(Confidence::Likely)),
            ("JOHN SMITH", Some(Confidence::Likely)),
            ("Okafor Chukwuemeka", Some(Confidence::Possible)),
            ("Austin Street", Some(Confidence::Possible)),
            ("Jennifer Texas", Some(Confidence::Possible)),
            ("Rebecca Thornton", Some(Confidence::Likely)),
            ("Team", None),
            ("Support Team", None),
            ("Customer", None),
            ("World", None),
            ("Invoice March", None),
            ("The Billing Department", None),
            ("maria", None),
            ("There", None),
            ("A", None),
        ] {
            assert_eq!(validate(text).map(|v| v.confidence), want, "{text}");
        }
    }

    #[test]
    fn keywords_follow_the_data_file() {
        let listed: Vec<String> =
            crate::detector::list_entries(include_str!("../../data/first_names.txt"))
                .chain(crate::detector::list_entries(include_str!(
                    "../../data/first_names_intl.txt"
                )))
                .map(str::to_lowercase)
                .collect();
        assert_eq!(listed, FIRST_NAMES);
        let keywords: Vec<String> = FIRST_NAMES
            .iter()
            .map(|n| format!("{n} "))
            .chain(FIRST_NAMES.iter().map(|n| format!("{n}-")))
            .collect();
        assert_eq!(keywords, FIRST_NAME_KEYWORDS);
    }
}
