//! PASSWORD: passwords people type into tickets ("password: …", "my login is alice / …").

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::entropy::{self, Classes};

/// Credential phrases in English, German, French and Spanish, and variable names ending in
/// `password`/`passwd`/`pwd` (`db_password=`, `PGPASSWORD=`, `MYSQL_ROOT_PASSWORD:`). The finding is the password
/// only (the `value` group), never the keyword. Values are printable ASCII: a class of all
/// non-space Unicode repeated 64 times compiles to hundreds of kilobytes of automaton, and
/// passwords are almost always ASCII (a non-ASCII character ends the value). The last character of a value may not be
/// sentence punctuation (`.`, `,`, `;`, `:`, `)`), so "the password is hunter2." finds
/// `hunter2`.
///
/// What follows a keyword is often not a password at all ("password reset link", "password
/// is incorrect", "password: ********"): the validator rejects masks, template variables and
/// a list of words that describe a password instead of being one.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "PASSWORD",
    description: "Passwords in credential phrases (password/passwd/pwd/pw/pass, Passwort, Kennwort, mot de passe, contraseña, senha, 密码, パスワード, login pairs)",
    patterns: &[
        // "pw is …", "A senha é …", "the password is now …".
        Pattern::near("password-keyword", r#"(?-u:\b)(?:[A-Za-z0-9_-]{0,24}(?i:password|passwd|pwd)|(?i:passwort|kennwort|passcode|passphrase|pass|pw|mot de passe|contraseña|contrasena|clave|senha|palavra-passe))["']?[ \t]{0,2}(?:[:=]|(?i:is|was|ist|lautet|est|es|é)[ \t](?:(?i:now|jetzt|nun|maintenant|ahora|agora)[ \t]{1,2})?)[ \t]{0,3}["'`]?(?P<value>[\x21-\x7E&&[^"'`<>]]{3,63}[\x21-\x7E&&[^"'`<>.,;:)]])"#, &["pass", "pwd", "pw ", "pw:", "pw=", "kennwort", "contrase", "clave", "senha"], 24, 0),
        // "我的密码是 Dragon1994#，…", "パスワードは …": the value is the ASCII run after the word.
        Pattern::near(
            "cjk-password",
            r#"(?:密码|密碼|口令|パスワード|비밀번호)[ \t]{0,2}(?:是|为|為|：|:|=|は|：|는|은)?[ \t]{0,3}[「"']?(?P<value>[\x21-\x7E&&[^"'`<>]]{3,63}[\x21-\x7E&&[^"'`<>.,;:)]])"#,
            &["密码", "密碼", "口令", "パスワード", "비밀번호"],
            0,
            0,
        ),
        // "my login is alice / hunter2", "credentials: bob / S3cr3t!".
        Pattern::near(
            "new-password-phrase",
            // "I tried again with the new password Summer2016* and …": no colon, so the value
            // must hold a digit or a symbol to tell it from "the new password works".
            r#"(?-u:\b)(?i:new|temporary|temp|old|current|initial|default|my)[ \t]{1,2}(?i:password|passwort|pwd)[ \t]{1,2}(?P<value>[A-Za-z]{0,40}[0-9!#$%&*+?@^~=_-][\x21-\x7E&&[^"'`<>]]{0,40}[\x21-\x7E&&[^"'`<>.,;:)]])"#,
            &["pass", "pwd"],
            13,
            0,
        ),
        Pattern::near("login-pair", r#"(?-u:\b)(?i:login|logins|credentials|creds|user/pass|username/password)[ \t]{0,2}(?:[:=]|(?i:is|are)[ \t])[ \t]{0,3}[\x21-\x7E&&[^/:]]{1,64}[ \t]{0,2}/[ \t]{0,2}(?P<value>[\x21-\x7E&&[^"'`<>]]{3,63}[\x21-\x7E&&[^"'`<>.,;:)]])"#, &["login", "credential", "creds", "user/pass", "/pass"], 8, 0),
        // "postgres://admin:S3cret@db.internal:5432/app": the password between ':' and '@'.
        Pattern::near("url-credentials", r"(?-u:\b)[a-z][a-z0-9+.-]{1,20}://[A-Za-z0-9._%-]{1,64}:(?P<value>[\x21-\x7E&&[^:/@]]{3,64})@[A-Za-z0-9]", &["://"], 21, 0),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[],
        // Not plain "example": it would catch "alice@example.com" next to a real password.
        opposing: &[
            "for example",
            "e.g.",
            "placeholder",
            "dummy",
            "sample",
            "default password",
            "such as",
        ],
        window: 40,
        boost: 0,
        // An illustration word next to a password phrase means it is an illustration.
        penalty: 2,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 65,
    examples: &[
        Example {
            text: "I tried again with the new password Summer2016* and it works now, thank you!",
            finds: &["Summer2016*"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: r#"{"username": "bob", "password": "qwerty!23"}"#,
            finds: &["qwerty!23"],
            min_confidence: Confidence::VeryLikely,
        },
        Example { text: "my login is alice / hunter2", finds: &["hunter2"], min_confidence: Confidence::VeryLikely },
        Example {
            text: "username: bob password: S3cr3t! (please change it after)",
            finds: &["S3cr3t!"],
            min_confidence: Confidence::VeryLikely,
        },
        Example { text: "Das Passwort ist Sommer2024#, danke.", finds: &["Sommer2024#"], min_confidence: Confidence::VeryLikely },
        Example {
            text: "db_password=Tr0ub4dor&3x\nMYSQL_ROOT_PASSWORD: Qm9v#Lk22",
            finds: &["Tr0ub4dor&3x", "Qm9v#Lk22"],
            min_confidence: Confidence::VeryLikely,
        },
        Example { text: "我的密码是 Dragon1994#，但是登录不了。", finds: &["Dragon1994#"], min_confidence: Confidence::VeryLikely },
        Example { text: "パスワードは Sakura2024! です。", finds: &["Sakura2024!"], min_confidence: Confidence::VeryLikely },
        Example { text: "A senha é soleil-3792", finds: &["soleil-3792"], min_confidence: Confidence::VeryLikely },
        Example { text: "pw is sunshine.9907 (please change it after)", finds: &["sunshine.9907"], min_confidence: Confidence::VeryLikely },
        Example {
            text: "I reset it again, the password is now Sonnenschein1977# but it still says invalid.",
            finds: &["Sonnenschein1977#"],
            min_confidence: Confidence::VeryLikely,
        },
        Example { text: "Kennwort: Zugang_77", finds: &["Zugang_77"], min_confidence: Confidence::VeryLikely },
        Example { text: "mot de passe : Soleil!2023", finds: &["Soleil!2023"], min_confidence: Confidence::VeryLikely },
        Example { text: "Mi contraseña: Gato_Negro_77", finds: &["Gato_Negro_77"], min_confidence: Confidence::VeryLikely },
        Example { text: "wifi pwd=Tr0ub4dor&3 for the guest network", finds: &["Tr0ub4dor&3"], min_confidence: Confidence::VeryLikely },
        Example { text: "The shared password is correcthorsebattery.", finds: &["correcthorsebattery"], min_confidence: Confidence::Likely },
        Example {
            text: "DATABASE_URL=postgres://admin:Pg4dm1n2024@db.internal:5432/app",
            finds: &["Pg4dm1n2024"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        "I tried the new password and it works now, thanks!",
        "My new password manager keeps logging me out.",
        "I clicked the password reset link but it says expired.",
        "Password: ******** (hidden by the form)",
        "Enter password: <password> in the dialog.",
        "pwd=[redacted] per policy",
        "Your password is incorrect, please try again.",
        "Passwort: xxxx",
        "The password is the same as before.",
        "The password was changed yesterday by the admin.",
        "password: none, it is an open network",
        "Please set password=${DB_PASSWORD} in the environment.",
        "password = os.environ[\"DB_PASSWORD\"]",
        "I forgot my password, can you send a reset?",
        "The bypass: ProxyRule42 and password_hint: favourite colour",
        "Mot de passe oublié, contraseña olvidada: what now?",
        "For example, password: Tr0ub4dor&3 would be rejected as too common.",
        "Last successful login: 09/26/2019, then the account was locked.",
        "The password is now longer than before, and pw: none was set for the guest.",
        "我的密码是什么？",
        "Upward: the pwd command prints the working directory.",
    ],
};

/// Words that describe a password rather than being one ("password is incorrect",
/// "password: required"). Compared case-insensitively with the whole value.
const NOT_PASSWORDS: &[&str] = &[
    "none",
    "null",
    "nil",
    "empty",
    "blank",
    "n/a",
    "unknown",
    "unset",
    "hidden",
    "redacted",
    "removed",
    "masked",
    "reset",
    "expired",
    "expiring",
    "incorrect",
    "wrong",
    "invalid",
    "forgot",
    "forgotten",
    "changed",
    "change",
    "required",
    "missing",
    "needed",
    "correct",
    "valid",
    "not",
    "still",
    "also",
    "now",
    "being",
    "same",
    "different",
    "weak",
    "strong",
    "too",
    "very",
    "long",
    "short",
    "case-sensitive",
    "sensitive",
    "encrypted",
    "stored",
    "saved",
    "sent",
    "attached",
    "below",
    "above",
    "fine",
    "set",
    "unchanged",
    "locked",
    "protected",
    "working",
    "accepted",
    "rejected",
    "updated",
    "something",
    "what",
    "this",
    "that",
    "there",
    "the",
    "your",
    "their",
    "my",
    "his",
    "her",
    "our",
    "mine",
    "yours",
    "manager",
    "policy",
    "field",
    "prompt",
    "and",
    "for",
    "from",
    "with",
    "without",
    "ok",
    "okay",
    "yes",
    "no",
    "true",
    "false",
    "secret",
    "password",
    "passwort",
    "oublié",
    "olvidada",
    "vergessen",
    "falsch",
    "abgelaufen",
    "incorrecto",
    "expiré",
    "now",
    "jetzt",
    "ahora",
    "agora",
    "maintenant",
    "longer",
    "shorter",
    "stronger",
    "weaker",
    "disabled",
    "enabled",
    "enforced",
    "mandatory",
    "optional",
    "visible",
    "active",
    "inactive",
];

fn validate(value: &str) -> Option<Verdict> {
    if value.chars().count() < 4 || entropy::is_placeholder(value) {
        return None;
    }
    let lower = value.to_lowercase();
    if NOT_PASSWORDS.contains(&lower.as_str()) {
        return None;
    }
    // Code that reads the password from somewhere else is not the password.
    if lower.starts_with("os.")
        || lower.starts_with("process.env")
        || lower.starts_with("getenv")
        || lower.starts_with("system.getenv")
        || lower.starts_with("env[")
        || lower.starts_with("env(")
        || lower.starts_with("env.")
        || lower.starts_with("secrets.")
    {
        return None;
    }
    // A date or a numeric range after "login:" ("Last successful login: 09/26/2019").
    if is_date_like(value) {
        return None;
    }
    let c = Classes::of(value);
    if c.count() >= 2 {
        Some(Verdict::passed(
            Confidence::VeryLikely,
            "password-mixed-classes",
        ))
    } else {
        Some(Verdict::passed(Confidence::Likely, "password-plausible"))
    }
}

/// Digit groups joined by date or time separators (`26/2019`, `2024-11-26`, `10:45`).
fn is_date_like(value: &str) -> bool {
    let groups: Vec<&str> = value.split(['/', '-', '.', ':']).collect();
    groups.len() >= 2
        && groups
            .iter()
            .all(|g| (1..=4).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("hunter2"), Some(Confidence::VeryLikely));
        assert_eq!(c("sunshine"), Some(Confidence::Likely));
        assert_eq!(c("********"), None);
        assert_eq!(c("xxxx"), None);
        assert_eq!(c("Incorrect"), None);
        assert_eq!(c("[redacted]"), None);
        assert_eq!(c("${DB_PASSWORD}"), None);
        assert_eq!(c("abc"), None);
        assert_eq!(c("26/2019"), None);
        assert_eq!(c("2024-11-26"), None);
    }
}
