//! PASSWORD_IN_CODE: passwords hard-coded in source, configuration and command lines.
//!
//! Overlap with PASSWORD: PASSWORD finds passwords in credential phrases, in prose and in
//! simple `key: value` text, and so also finds many of the values this detector finds. The two
//! agree on the span (the value only) and on the confidence scheme; at equal confidence this
//! detector's higher priority (67 against 65) names the finding, because the syntax around it
//! (quotes, an upper-case environment variable, an XML element, a command-line flag) says the
//! password sits in code. Prose ("the password is hunter2") stays PASSWORD's alone. Inside a
//! connection URI the whole string is DATABASE_CONNECTION_STRING's.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::entropy::{self, Classes};

/// Assignments whose name ends in a password word (`db_password = "…"`, `"password": "…"`,
/// `password: '…'`), upper-case environment variables (`DB_PASSWORD=…`, `PGPASSWORD=…`), XML
/// elements and `<add key="Password" value="…"/>` settings, and command lines (`mysql -u root
/// -p…`, `--password=…`, `sshpass -p …`). The name may carry a prefix (`spring.datasource.`,
/// `MYSQL_ROOT_`) but no suffix other than digits, so `password_hash`, `password_label` and
/// `reset_password_url` are not password assignments.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "PASSWORD_IN_CODE",
    description: "Hard-coded passwords in code and configuration: quoted assignments, env vars, XML settings, CLI flags",
    patterns: &[
        Pattern::near(
            "code-password-quoted",
            r#"(?-u:\b)[A-Za-z0-9_.$-]{0,30}(?i:password|passwd|passwort|pwd|passphrase)[0-9]{0,2}["']?[ \t]{0,3}(?::=|=>|==|\?\?=|=|:)[ \t]{0,3}(?:[A-Za-z]{1,3}[ \t]{0,2})?["'](?P<value>[\x21-\x7E&&[^"'`]]{3,80})["']"#,
            &["pass", "pwd"],
            30,
            0,
        ),
        Pattern::near(
            "env-password",
            r"(?-u:\b)[A-Z0-9_]{0,30}(?:PASSWORD|PASSWD|PWD|PASS|PASSPHRASE)[0-9]{0,2}[ \t]?=[ \t]?(?P<value>[\x21-\x7E&&[^\x22'`$<>;&|]][\x21-\x7E&&[^\x22'`<>;|]]{2,79})(?:$|[ \t\r\n;|&])",
            &["pass", "pwd"],
            30,
            0,
        ),
        Pattern::near(
            "properties-password",
            // Java properties and flattened YAML keys, unquoted: `spring.datasource.password=…`,
            // `mail.smtp.password: …`. The dotted key says it is configuration; a value runs
            // to the end of the line.
            r"(?-u:\b)(?:[A-Za-z0-9_-]{1,30}\.){1,6}[A-Za-z0-9_-]{0,20}(?i:password|passwd|pwd|passphrase)[0-9]{0,2}[ \t]{0,3}[=:][ \t]{0,3}(?P<value>[\x21-\x7E&&[^\x22'`$<>;&|{]][\x21-\x7E&&[^\x22'`<>]]{2,79})(?:$|[ \t]{0,8}\r?\n)",
            &["pass", "pwd"],
            120,
            0,
        ),
        Pattern::near(
            "xml-password-element",
            r"<(?i:password|passwd|pwd|db-password|dbpassword)>(?P<value>[\x21-\x7E&&[^<>]]{3,80})</",
            &["<password", "<passwd", "<pwd", "<db-password", "<dbpassword"],
            0,
            0,
        ),
        Pattern::near(
            "config-password-setting",
            r#"(?i:key)[ \t]{0,3}=[ \t]{0,3}"[A-Za-z0-9_.:-]{0,30}(?i:password|pwd)"[ \t]{1,3}(?i:value)[ \t]{0,3}=[ \t]{0,3}"(?P<value>[\x20-\x7E&&[^"]]{3,80})""#,
            &["key=", "key ="],
            0,
            0,
        ),
        Pattern::near(
            "cli-password-flag",
            // mysql takes its password glued to `-p` (`-p shop` prompts, then names a
            // database); sshpass, redis-cli, mongosh and sqlcmd take it as the next argument.
            r#"(?:(?-u:\b)(?:mysql|mysqldump|mysqladmin|mariadb)[\x20-\x7E]{0,160}?[ \t]-p|(?-u:\b)(?:sshpass|redis-cli|mongosh)[\x20-\x7E]{0,160}?[ \t]-[pa][ \t]{1,3}|(?-u:\b)sqlcmd[\x20-\x7E]{0,160}?[ \t]-P[ \t]{1,3}|--password[= ])["']?(?P<value>[\x21-\x7E&&[^\x22'`\-$<>;&|]][\x21-\x7E&&[^\x22'`<>;&|]]{2,63})["']?(?:$|[ \t\r\n;|&])"#,
            &["mysql", "mariadb", "mongosh", "redis-cli", "sshpass", "sqlcmd", "--password"],
            0,
            0,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &[],
        opposing: &["example", "placeholder", "dummy", "sample", "e.g.", "for instance", "fake", "mock"],
        window: 40,
        boost: 0,
        penalty: 2,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 67,
    examples: &[
        Example {
            text: r#"    db_password = "Tr0ub4dor&3x""#,
            finds: &["Tr0ub4dor&3x"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: r#"const config = { user: "svc_report", password: 'Kq8#vL2mZp' };"#,
            finds: &["Kq8#vL2mZp"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: r#"{"host": "db.internal", "username": "app", "password": "w7Qz!pL3xR"}"#,
            finds: &["w7Qz!pL3xR"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "environment:\n  - MYSQL_ROOT_PASSWORD=Hx9vQ2kLm7\n  - MYSQL_DATABASE=shop",
            finds: &["Hx9vQ2kLm7"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "<connection>\n  <user>etl</user>\n  <password>Bq4!zW8nTe</password>\n</connection>",
            finds: &["Bq4!zW8nTe"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: r#"<add key="SmtpPassword" value="Mv3$kP9qLx" />"#,
            finds: &["Mv3$kP9qLx"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "I ran mysql -h 10.0.0.5 -u root -pZt8Kq2wLm9 shop and it hangs",
            finds: &["Zt8Kq2wLm9"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "backup.sh: pg_dump --password=Rk7mQ2xVb4 --host db shop > dump.sql",
            finds: &["Rk7mQ2xVb4"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "spring.datasource.password=\"springpass2024\"",
            finds: &["springpass2024"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "application.properties:\nspring.datasource.password=My90Sunshine%\n",
            finds: &["My90Sunshine%"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "mail.smtp.user=alerts\nmail.smtp.password: Falcon1992*\nmail.smtp.port=587",
            finds: &["Falcon1992*"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "export PGPASSWORD=hunter22 && psql -h db shop",
            finds: &["hunter22"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        r#"password = os.environ["DB_PASSWORD"]"#,
        r#"password: "${DB_PASSWORD}""#,
        "DB_PASSWORD=${DB_PASSWORD}",
        r#"<password>changeme</password>"#,
        r#"password = "********""#,
        r#"{"password": "<password>"}"#,
        r#"PASSWORD_MIN_LENGTH=12 and password_hash = "$2b$12$abcdefghijklmnopqrstuv""#,
        r#"label = "Password"; placeholder = "Enter your password""#,
        "mysql -u root -p shop   (it prompts for the password)",
        r#"For example, password = "S3cr3t!x" would be rejected."#,
        r#"if (password == "") { return; }"#,
        r#"password: "xxx""#,
        "spring.datasource.password=${DB_PASSWORD}\nspring.datasource.username=app",
        "auth.password.min-length=12\nauth.password.reset-url=https://example.org/reset",
    ],
};

/// Values that name or describe a password instead of being one.
const NOT_PASSWORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pass",
    "secret",
    "none",
    "null",
    "nil",
    "undefined",
    "true",
    "false",
    "string",
    "str",
    "required",
    "optional",
    "hidden",
    "redacted",
    "changeme",
    "change_me",
    "changeit",
    "test",
    "example",
    "placeholder",
    "your_password",
    "yourpassword",
    "mypassword",
    "enter your password",
    "new password",
    "old password",
    "confirm password",
    "text",
    "type",
    "empty",
    "blank",
    "default",
    "value",
    "xxx",
    "todo",
    "tbd",
];

fn validate(value: &str) -> Option<Verdict> {
    let value = value.trim();
    if value.chars().count() < 4 || entropy::is_placeholder(value) {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    if NOT_PASSWORDS.contains(&lower.as_str())
        || lower.starts_with("os.")
        || lower.starts_with("process.env")
        || lower.starts_with("env.")
        || lower.starts_with("env(")
        || lower.starts_with("getenv")
        || lower.starts_with("secrets.")
        || lower.starts_with("vault:")
        || value.contains("${")
        || value.contains("{{")
        || value.contains("%(")
        // Password hashes (bcrypt, argon2, crypt) are not the password.
        || value.starts_with("$2")
        || value.starts_with("$argon2")
        || value.starts_with("$6$")
        || value.starts_with("$5$")
        || value.starts_with("$1$")
    {
        return None;
    }
    let c = Classes::of(value);
    Some(if c.count() >= 2 {
        Verdict::passed(Confidence::VeryLikely, "password-mixed-classes")
    } else {
        Verdict::passed(Confidence::Likely, "password-plausible")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("Tr0ub4dor&3x"), Some(Confidence::VeryLikely));
        assert_eq!(c("sunshine"), Some(Confidence::Likely));
        assert_eq!(c("${DB_PASSWORD}"), None);
        assert_eq!(c("{{ vault_db_password }}"), None);
        assert_eq!(c("<password>"), None);
        assert_eq!(c("changeme"), None);
        assert_eq!(c("****"), None);
        assert_eq!(c("xxx"), None);
        assert_eq!(c("os.environ"), None);
        assert_eq!(c("$2b$12$abcdefghijklmnopqrstuv"), None);
        assert_eq!(c("string"), None);
        assert_eq!(c("abc"), None);
    }
}
