//! EMAIL_ADDRESS: e-mail addresses as people write them.

use crate::confidence::Confidence;
use crate::detector::{ContextPolicy, Example, NativeDetector, Pattern, Verdict};

/// The practical subset of RFC 5322 addresses (no quoted local parts, no IP-literal domains):
/// a dot-atom local part and a host name ending in an alphabetic top-level domain. The
/// validator rejects what only looks like an address: retina asset names (`icon@2x.png`),
/// hosts without a public TLD and malformed labels.
pub static DETECTOR: NativeDetector = NativeDetector {
    name: "EMAIL_ADDRESS",
    description: "E-mail addresses (dot-atom local part, host name with an alphabetic TLD)",
    // Gated on '@': the pattern is searched only where one occurs, up to 130 bytes before it
    // (64 local-part characters of up to two bytes each, and the one before).
    patterns: &[Pattern::near(
        "email",
        // The local part may hold Latin letters with diacritics (U+00C0–U+024F: "müller@",
        // "josé@"), so an ASCII word boundary cannot mark its start: the pattern consumes
        // the character before instead, which must not be part of a local part. Without
        // that, "Müller@…" would be found as "ller@…", and the scanner, which tries every
        // start position, would also report the tail of every dotted local part.
        // The first local-part character is a letter, digit or '_' so that "email=bob@x.com"
        // starts the value at "bob". Host labels use a star rather than `{0,62}`: eight
        // bounded labels would multiply into a large automaton; the validator enforces the
        // 63-character limit instead.
        r"(?:^|[^A-Za-z0-9_.%+\x{C0}-\x{24F}-])(?P<value>[A-Za-z0-9_\x{C0}-\x{24F}][A-Za-z0-9._%+'\x{C0}-\x{24F}-]{0,63}@(?:[A-Za-z0-9][A-Za-z0-9-]*\.){1,8}[A-Za-z]{2,24})(?-u:\b)",
        &["@"],
        130,
        0,
    )],
    validate,
    context: ContextPolicy {
        supporting: &[
            "email", "e-mail", "mail", "contact", "reply", "courriel", "correo", "reach me",
        ],
        opposing: &[],
        window: 40,
        boost: 1,
        penalty: 0,
        cap_without_support: Confidence::VeryLikely,
    },
    priority: 70,
    examples: &[
        Example {
            text: "Please send the invoice to jane.doe@example.com by Monday.",
            finds: &["jane.doe@example.com"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "My email is j.smith+support@mail.co.uk, not the old one.",
            finds: &["j.smith+support@mail.co.uk"],
            min_confidence: Confidence::VeryLikely,
        },
        Example {
            text: "cc: Max_Mustermann@firma-beispiel.de, anna.o'brien@acme.io",
            finds: &["Max_Mustermann@firma-beispiel.de", "anna.o'brien@acme.io"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Kontakt: jürgen.müller@beispiel.de oder josé@correo.es",
            finds: &["jürgen.müller@beispiel.de", "josé@correo.es"],
            min_confidence: Confidence::Likely,
        },
        Example {
            text: "Le client (client-42@support.example.fr) a écrit deux fois.",
            finds: &["client-42@support.example.fr"],
            min_confidence: Confidence::Likely,
        },
    ],
    negative_examples: &[
        "The attached image@2x.png and icon@3x.jpg are blurry on retina screens.",
        "The server rejects user@localhost logins since the upgrade.",
        "Please upgrade lodash@4.17.21 and react@18.2.0 before deploying.",
        "Clone it with git@github.com:acme/app.git and run make.",
        "Ping @jane_doe on Slack about order #12345@2024.",
        "Quoted “@handle” and `user@` alone are not addresses.",
        "The bundle is at assets/logo@2x.webp and fonts/inter@1.0.woff2 now.",
    ],
};

/// File extensions that end asset names such as `logo@2x.png`; none is a top-level domain in
/// use for mail (`.zip` and `.mov` exist but carry no mail in practice).
const FILE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "heic", "avif", "pdf",
    "js", "mjs", "css", "scss", "map", "html", "htm", "json", "xml", "txt", "log", "md", "ts",
    "tsx", "jsx", "woff", "woff2", "ttf", "otf", "zip", "gz", "tgz", "mov", "mp4", "mp3", "wav",
    "lock", "yml", "yaml", "toml", "ini", "cfg", "conf", "exe", "dll",
];

/// Reserved or private-network names that never receive mail from outside (RFC 2606, RFC 6762).
const PRIVATE_TLDS: &[&str] = &[
    "localhost",
    "localdomain",
    "local",
    "internal",
    "invalid",
    "lan",
    "home",
    "corp",
];

/// Hosts whose `git@` address is an SSH remote, not a mailbox.
const GIT_HOSTS: &[&str] = &[
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "ssh.dev.azure.com",
    "codeberg.org",
];

fn validate(text: &str) -> Option<Verdict> {
    let (local, domain) = text.rsplit_once('@')?;
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return None;
    }
    let tld = domain.rsplit('.').next()?;
    if FILE_EXTENSIONS.iter().any(|e| tld.eq_ignore_ascii_case(e)) {
        return None;
    }
    if domain.split('.').any(|label| {
        label.is_empty() || label.len() > 63 || label.starts_with('-') || label.ends_with('-')
    }) {
        return None;
    }
    if PRIVATE_TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t)) {
        return Some(Verdict::failed(Confidence::Unlikely, "email-public-tld"));
    }
    if local.eq_ignore_ascii_case("git") && GIT_HOSTS.iter().any(|h| domain.eq_ignore_ascii_case(h))
    {
        return Some(Verdict::failed(
            Confidence::VeryUnlikely,
            "email-git-ssh-remote",
        ));
    }
    Some(Verdict::passed(Confidence::Likely, "email-structure"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let c = |t: &str| validate(t).map(|v| v.confidence);
        assert_eq!(c("jane.doe@example.com"), Some(Confidence::Likely));
        assert_eq!(c("a@b.co"), Some(Confidence::Likely));
        assert_eq!(c("image@2x.png"), None);
        assert_eq!(c("x.@example.com"), None);
        assert_eq!(c("a..b@example.com"), None);
        assert_eq!(c("bob@-bad.com"), None);
        assert_eq!(c("root@server.local"), Some(Confidence::Unlikely));
        assert_eq!(c("git@github.com"), Some(Confidence::VeryUnlikely));
    }
}
