//! Whether a short run of words looks like a personal name: capitalised name words, maybe a
//! middle initial and lower-case particles (`van`, `de la`), and none of the words that
//! follow a greeting or sign-off without being names ("Hi Team", "Dear Customer",
//! "Thanks, Support").

/// Lower-case particles allowed between name words.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "al", "bin",
    "ibn", "dos", "das",
];

/// Words that take a capital after "Hi", "Dear", "Thanks," or "Name:" without being names.
/// Sorted, lower case.
const NOT_NAMES: &[&str] = &[
    "a",
    "account",
    "accounts",
    "address",
    "admin",
    "administrator",
    "afternoon",
    "agent",
    "all",
    "also",
    "an",
    "and",
    "anonymous",
    "anyone",
    "assistant",
    "at",
    "bank",
    "best",
    "billing",
    "bitte",
    "both",
    "by",
    "card",
    "care",
    "ceo",
    "cheers",
    "chief",
    "client",
    "clients",
    "colleague",
    "colleagues",
    "company",
    "congratulations",
    "corp",
    "corporation",
    "crew",
    "cto",
    "customer",
    "customers",
    "dad",
    "danke",
    "dear",
    "december",
    "demo",
    "department",
    "dept",
    "desk",
    "developer",
    "diagnosis",
    "director",
    "doctor",
    "document",
    "email",
    "engineer",
    "english",
    "error",
    "estou",
    "estoy",
    "evening",
    "everybody",
    "everyone",
    "example",
    "family",
    "february",
    "file",
    "folks",
    "for",
    "french",
    "friday",
    "friend",
    "friends",
    "from",
    "gang",
    "german",
    "gmbh",
    "good",
    "great",
    "group",
    "guest",
    "guys",
    "he",
    "head",
    "hello",
    "help",
    "helpdesk",
    "her",
    "here",
    "hey",
    "hi",
    "his",
    "holder",
    "hr",
    "i",
    "ich",
    "ihre",
    "important",
    "in",
    "inc",
    "invoice",
    "issue",
    "it",
    "italian",
    "its",
    "january",
    "je",
    "july",
    "junior",
    "just",
    "kind",
    "later",
    "lead",
    "llc",
    "ltd",
    "ma",
    "madam",
    "manager",
    "march",
    "me",
    "mein",
    "meine",
    "meinen",
    "member",
    "members",
    "mes",
    "meu",
    "mi",
    "minha",
    "mis",
    "mom",
    "mon",
    "monday",
    "morning",
    "mr",
    "mrs",
    "ms",
    "my",
    "n/a",
    "na",
    "name",
    "new",
    "no",
    "none",
    "nossa",
    "nosso",
    "notice",
    "notre",
    "november",
    "now",
    "nuestra",
    "nuestro",
    "null",
    "october",
    "of",
    "office",
    "officer",
    "ok",
    "okay",
    "old",
    "on",
    "or",
    "order",
    "our",
    "owner",
    "partner",
    "partners",
    "passport",
    "password",
    "perfect",
    "phone",
    "please",
    "president",
    "problem",
    "product",
    "question",
    "quick",
    "regards",
    "report",
    "representative",
    "request",
    "sales",
    "sample",
    "saturday",
    "senior",
    "september",
    "service",
    "services",
    "she",
    "shop",
    "sincerely",
    "sir",
    "sirs",
    "so",
    "soon",
    "sorry",
    "spanish",
    "specialist",
    "squad",
    "staff",
    "still",
    "store",
    "sunday",
    "support",
    "sure",
    "tbd",
    "team",
    "technician",
    "test",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "ticket",
    "to",
    "today",
    "tomorrow",
    "tonight",
    "truly",
    "tuesday",
    "unknown",
    "unser",
    "unsere",
    "update",
    "urgent",
    "us",
    "user",
    "users",
    "warm",
    "we",
    "wednesday",
    "welcome",
    "well",
    "with",
    "world",
    "yes",
    "yesterday",
    "you",
    "your",
    "yours",
];

/// True when `text` is one to five words that read as a personal name.
pub fn is_plausible_name(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 6 || text.len() > 80 {
        return false;
    }
    let all_caps = words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_uppercase() || c == '-' || c == '\''));
    let mut names = 0;
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let inner = i > 0 && i + 1 < words.len();
        if inner && PARTICLES.contains(&lower.as_str()) && word.chars().all(char::is_lowercase) {
            continue;
        }
        // A middle initial: "Q."
        if inner
            && word.len() == 2
            && word.ends_with('.')
            && word.starts_with(|c: char| c.is_ascii_uppercase())
        {
            continue;
        }
        if NOT_NAMES.binary_search(&lower.as_str()).is_ok() {
            return false;
        }
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase() || word.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return false;
        }
        if !all_caps && !word.chars().any(char::is_lowercase) {
            return false;
        }
        if !word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        {
            return false;
        }
        names += 1;
    }
    names >= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stoplist_is_sorted() {
        assert!(
            NOT_NAMES.windows(2).all(|w| w[0] < w[1]),
            "NOT_NAMES must stay sorted"
        );
    }

    #[test]
    fn names() {
        for (text, ok) in [
            ("Maria", true),
            ("John Smith", true),
            ("John Q. Smith", true),
            ("Ludwig van Beethoven", true),
            ("Maria de la Cruz", true),
            ("Siobhan O'Neill-Byrne", true),
            ("José Müller", true),
            ("JOHN SMITH", true),
            ("McDonald", true),
            ("JOHN", false),
            ("Team", false),
            ("Support Team", false),
            ("The Billing Department", false),
            ("maria", false),
            ("van Beethoven", false),
            ("Ludwig van", false),
            ("R2D2", false),
            ("Q.", false),
        ] {
            assert_eq!(is_plausible_name(text), ok, "{text}");
        }
    }
}
