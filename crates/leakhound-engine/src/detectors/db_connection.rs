//! DATABASE_CONNECTION_STRING: connection strings that carry a password.
//!
//! A connection string without credentials (`postgres://db.internal:5432/app`) names a server,
//! which is not sensitive: only strings with a real password are findings.
//!
//! Overlaps: the password inside a URI is also a PASSWORD candidate (`url-credentials`) and
//! may be a PASSWORD_IN_CODE one; this detector reports the whole string at VERY_LIKELY, so
//! with the default rules it keeps the span (same confidence, longer span) and the password
//! is not reported twice. A rule that asks only for PASSWORD still gets the password alone.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};
use crate::validate::entropy;

/// URIs (`postgres://user:pass@host/db`, `mongodb+srv://…`, `redis://:pass@…`, `amqp://…`,
/// `mssql://…`, `jdbc:mysql://user:pass@…`), JDBC URLs with a `password=` parameter, and
/// ADO.NET / ODBC strings (`Server=…;User Id=…;Password=…;`).
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "DATABASE_CONNECTION_STRING",
    description: "Database connection strings with credentials: postgres/mysql/mongodb/redis/amqp/mssql URIs, JDBC URLs, ADO.NET and ODBC strings",
    patterns: &[
        Pattern::near(
            "db-uri-credentials",
            r"(?-u:\b)(?i:postgres(?:ql)?|mysql(?:x)?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|couchdb|neo4j(?:\+s)?|jdbc:[a-z0-9]{2,20}(?::[a-z]{2,12})?)://[\x21-\x7E&&[^:/@'`<>]]{0,64}:[\x21-\x7E&&[^/@'`<>]]{1,100}@[A-Za-z0-9._-]{1,120}(?::[0-9]{1,5})?(?:/(?:[A-Za-z0-9._%/?=&+,-]{0,120}[A-Za-z0-9_%/=&+-])?)?",
            &["postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver", "oracle", "cockroach", "clickhouse", "couchdb", "neo4j"],
            5,
            0,
        ),
        Pattern::near(
            "jdbc-password-parameter",
            r"(?-u:\b)jdbc:[a-z0-9]{2,20}(?::[a-z]{2,12})?:[\x21-\x7E&&[^'`<>]]{0,150}?[;?&](?i:password|pwd)=[\x21-\x7E&&[^;&'`<>]]{1,100}[\x21-\x7E&&[^'`<>]]{0,150}",
            &["jdbc:"],
            0,
            0,
        ),
        Pattern::near(
            "ado-net-password",
            r"(?-u:\b)(?i:server|data source|host|address|addr)[ \t]{0,3}=[ \t]{0,3}[\x20-\x7E&&[^;'`]]{1,100};[\x20-\x7E&&[^'`]]{0,200}?(?-u:\b)(?i:password|pwd)[ \t]{0,3}=[ \t]{0,3}[\x21-\x7E&&[^;'`]][\x20-\x7E&&[^;'`]]{0,99};?(?:[ \t]?[A-Za-z][A-Za-z0-9_ ]{0,24}=[\x21-\x7E&&[^;'`\x22=]]{1,48};?){0,4}",
            // "pass", not "password": where two keywords start at one place the pass reports
            // only one of them, and PASSWORD's "pass" hid "password" (the string was lost to
            // PASSWORD's partial value).
            &["pass", "pwd"],
            400,
            0,
        ),
    ],
    validate,
    context: ContextPolicy {
        supporting: &["database", "connection", "dsn", "conn", "datasource", "db_", "url"],
        opposing: &["example", "placeholder", "sample", "e.g.", "template"],
        window: 40,
        boost: 1,
        penalty: 2,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 87,
    examples: &[
        Example {
            text: "DATABASE_URL=postgres://app_rw:Gh7kq2LxVb9@db-prod.internal:5432/orders",
            finds: &["postgres://app_rw:Gh7kq2LxVb9@db-prod.internal:5432/orders"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "our worker uses mongodb+srv://svc_ingest:pR4zT8mQw1@cluster0.ab12c.mongodb.net/events?retryWrites=true and keeps timing out",
            finds: &["mongodb+srv://svc_ingest:pR4zT8mQw1@cluster0.ab12c.mongodb.net/events?retryWrites=true"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "cache: redis://:Zq8vN3kPw2Lt@cache.internal:6379/0",
            finds: &["redis://:Zq8vN3kPw2Lt@cache.internal:6379/0"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "spring.datasource.url=jdbc:sqlserver://sql01.corp:1433;databaseName=crm;user=crm_app;password=Wq3!rT8zKm; fails",
            finds: &["jdbc:sqlserver://sql01.corp:1433;databaseName=crm;user=crm_app;password=Wq3!rT8zKm;"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "\"ConnectionStrings\": { \"Main\": \"Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=shop;User ID=shopadmin;Password=Kd8#mPq2Lz;Encrypt=True;\" }",
            finds: &["Server=tcp:sql-prod.database.windows.net,1433;Initial Catalog=shop;User ID=shopadmin;Password=Kd8#mPq2Lz;Encrypt=True;"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "The app crashes on start, connection string is Server=tcp:10.20.3.14,1433;Initial Catalog=app_prod;User ID=admin;Password=la55Bailey&;Encrypt=True;",
            finds: &["Server=tcp:10.20.3.14,1433;Initial Catalog=app_prod;User ID=admin;Password=la55Bailey&;Encrypt=True;"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "broker amqps://billing:V7tR2mXq9Kp@mq.internal:5671/prod is refusing connections",
            finds: &["amqps://billing:V7tR2mXq9Kp@mq.internal:5671/prod"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "mysql://root:S3cure-Pa55@10.0.4.12:3306/wordpress",
            finds: &["mysql://root:S3cure-Pa55@10.0.4.12:3306/wordpress"],
            min_confidence: Confidence::VeryLikely,
        },
    ],
    negative_examples: &[
        "The app connects to postgres://db.internal:5432/app without a password (IAM auth).",
        "Set DATABASE_URL=postgres://user:password@localhost:5432/mydb as in the README.",
        "Use mongodb://${MONGO_USER}:${MONGO_PASS}@mongo:27017/app in the compose file.",
        "Server=sql01;Database=crm;Trusted_Connection=True; is what we use now.",
        "redis://localhost:6379/0 is the default cache address.",
        "Connection string: Server=db;User Id=sa;Password=<your password>;",
        "jdbc:mysql://db.internal:3306/app?useSSL=true works without credentials",
        "mysql://admin:****@db.internal/app was redacted by the bot",
    ],
};

/// Words that stand for a password in documentation (`user:password@host`).
const PLACEHOLDER_PASSWORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "pw",
    "mypassword",
    "yourpassword",
    "changeme",
    "admin",
    "root",
    "user",
    "username",
    "test",
    "example",
    "xxx",
    "none",
    "null",
];

fn validate(candidate: &str) -> Option<Verdict> {
    let password = password_of(candidate)?;
    let trimmed = password.trim();
    if trimmed.len() < 3
        || entropy::is_placeholder(trimmed)
        || PLACEHOLDER_PASSWORDS.contains(&trimmed.to_ascii_lowercase().as_str())
        || trimmed.starts_with('$')
    {
        return None;
    }
    // The scheme or the keys of the string say what it is: a connection string with a real
    // password is as certain as a private-key block.
    Some(Verdict::passed(
        Confidence::VeryLikely,
        "connection-credentials",
    ))
}

/// The password of a connection string: the `password=`/`pwd=` parameter, or the part of a
/// URI's authority between the user name and `@`.
fn password_of(candidate: &str) -> Option<&str> {
    let lower = candidate.to_ascii_lowercase();
    for key in ["password=", "pwd="] {
        if let Some(at) = find_key(&lower, key) {
            let rest = &candidate[at + key.len()..];
            let rest = rest.trim_start();
            let end = rest.find([';', '&']).unwrap_or(rest.len());
            return Some(&rest[..end]);
        }
    }
    let after_scheme = &candidate[candidate.find("://")? + 3..];
    let at = after_scheme.rfind('@')?;
    let userinfo = &after_scheme[..at];
    let colon = userinfo.find(':')?;
    Some(&userinfo[colon + 1..])
}

/// Where `key` (`password=`) starts as a key: after a separator or at the start, with
/// optional spaces before `=` folded (`Password = x` is found as `password=`).
fn find_key(lower: &str, key: &str) -> Option<usize> {
    let name = &key[..key.len() - 1];
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        let before_ok =
            at == 0 || matches!(lower.as_bytes()[at - 1], b';' | b'?' | b'&' | b' ' | b'\t');
        let after = &lower[at + name.len()..];
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        if before_ok && after[spaces..].starts_with('=') {
            // Point at a virtual `key` so that `at + key.len()` is just past the `=`.
            return Some(at + spaces);
        }
        from = at + name.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_found_in_each_form() {
        assert_eq!(
            password_of("postgres://app:Gh7kq2@db:5432/x"),
            Some("Gh7kq2")
        );
        assert_eq!(password_of("redis://:Zq8vN3@cache:6379"), Some("Zq8vN3"));
        assert_eq!(
            password_of("jdbc:sqlserver://h:1433;user=a;password=Wq3!rT;"),
            Some("Wq3!rT")
        );
        assert_eq!(
            password_of("jdbc:mysql://h/app?user=a&password=Wq3rT9&useSSL=true"),
            Some("Wq3rT9")
        );
        assert_eq!(
            password_of("Server=s;User Id=a;Password = Kd8#mP;"),
            Some("Kd8#mP")
        );
        assert_eq!(password_of("Server=s;Uid=a;Pwd=Kd8#mP"), Some("Kd8#mP"));
        assert_eq!(password_of("postgres://db:5432/x"), None);
    }

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(
            c("postgres://app:Gh7kq2LxVb9@db:5432/x"),
            Some(Confidence::VeryLikely)
        );
        assert_eq!(c("postgres://user:password@localhost/db"), None);
        assert_eq!(c("mongodb://u:${MONGO_PASS}@m:27017"), None);
        assert_eq!(c("mysql://admin:****@db/app"), None);
        assert_eq!(c("Server=db;User Id=sa;Password=<your password>;"), None);
        assert_eq!(c("Server=db;User Id=sa;Password=;"), None);
        assert_eq!(c("redis://:ab@cache"), None);
    }
}
