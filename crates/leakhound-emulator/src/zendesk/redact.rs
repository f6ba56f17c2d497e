//! Text surgery for Zendesk's two comment-redaction endpoints.
//!
//! Both replace every redacted character with `▇` (U+2587) and must keep the plain and HTML
//! bodies in step while leaving every other character untouched — leakhound's remediation is
//! only trustworthy if "the value is gone and nothing else changed".

use crate::html;

/// The character Zendesk substitutes for each redacted character.
pub const BLOCK: char = '▇';

/// `text` with every character but line breaks turned into `▇` (line breaks are kept so that
/// paragraphs and `<br>`s stay where they were).
fn blocked(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' || c == '\r' { c } else { BLOCK })
        .collect()
}

/// Whether the older endpoint's `text` occurs in a comment (plain body, HTML body, or the HTML
/// body in escaped form). Zendesk refuses the redaction when it does not.
pub fn text_occurs(body: &str, html_body: &str, text: &str) -> bool {
    !text.is_empty()
        && (body.contains(text)
            || html_body.contains(text)
            || html_body.contains(&html::escape(text)))
}

/// Why a `<redact>`-tagged HTML body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagError {
    /// No `<redact>` element at all.
    NothingToRedact,
    /// `<redact>` without `</redact>`, or nested tags.
    Unbalanced,
    /// With the tags removed, the HTML is not the comment's current `html_body`.
    Mismatch,
}

/// Newer endpoint (`PUT /comment_redactions/{c}.json`): `tagged` is the comment's current
/// `html_body` with the sensitive parts wrapped in `<redact>…</redact>`. Inside the tags each
/// text character (an entity such as `&amp;` counts as one) becomes `▇`; markup inside is
/// kept. Returns the new HTML and the decoded text of each redacted part.
pub fn apply_redact_tags(
    current_html: &str,
    tagged: &str,
) -> Result<(String, Vec<String>), TagError> {
    const OPEN: &str = "<redact>";
    const CLOSE: &str = "</redact>";
    let mut untagged = String::with_capacity(tagged.len());
    let mut redacted = String::with_capacity(tagged.len());
    let mut parts = Vec::new();
    let mut rest = tagged;
    while let Some(start) = find_ci(rest, OPEN) {
        let (before, after_open) = (&rest[..start], &rest[start + OPEN.len()..]);
        if find_ci(before, CLOSE).is_some() {
            return Err(TagError::Unbalanced);
        }
        untagged.push_str(before);
        redacted.push_str(before);
        let Some(end) = find_ci(after_open, CLOSE) else {
            return Err(TagError::Unbalanced);
        };
        let inner = &after_open[..end];
        if find_ci(inner, OPEN).is_some() {
            return Err(TagError::Unbalanced);
        }
        untagged.push_str(inner);
        redacted.push_str(&block_out_html_text(inner));
        parts.push(html::html_to_plain(inner));
        rest = &after_open[end + CLOSE.len()..];
    }
    if find_ci(rest, CLOSE).is_some() {
        return Err(TagError::Unbalanced);
    }
    untagged.push_str(rest);
    redacted.push_str(rest);
    if parts.is_empty() {
        return Err(TagError::NothingToRedact);
    }
    if untagged != current_html {
        return Err(TagError::Mismatch);
    }
    Ok((redacted, parts))
}

/// ASCII case-insensitive `find`.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Replaces the text of an HTML fragment with `▇`s, keeping tags.
fn block_out_html_text(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len() * 3);
    let mut chars = fragment.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                // Copy the tag verbatim.
                let end = fragment[i..]
                    .find('>')
                    .map_or(fragment.len(), |e| i + e + 1);
                out.push_str(&fragment[i..end]);
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            '&' => {
                // An entity is one character of text.
                let semi = fragment[i..].find(';').filter(|&e| e <= 10);
                out.push(BLOCK);
                if let Some(e) = semi {
                    let end = i + e + 1;
                    while chars.peek().is_some_and(|(j, _)| *j < end) {
                        chars.next();
                    }
                }
            }
            '\n' | '\r' => out.push(c),
            _ => out.push(BLOCK),
        }
    }
    out
}

/// The plain body after an HTML redaction.
///
/// When the plain body is exactly the text of the old HTML (true for comments the emulator
/// rendered from plain text), the new plain body is the text of the new HTML, which keeps
/// positions exact. Otherwise each redacted part is blocked out wherever it occurs verbatim.
pub fn redacted_plain(body: &str, old_html: &str, new_html: &str, parts: &[String]) -> String {
    if html::html_to_plain(old_html) == body {
        return html::html_to_plain(new_html);
    }
    let mut out = body.to_string();
    for part in parts {
        if !part.trim().is_empty() {
            out = out.replace(part.as_str(), &blocked(part));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_occurrence_checks_escaped_html() {
        let body = "card 4111 1111 1111 1111; A&B";
        let html = html::plain_to_zendesk_html(body);
        assert!(text_occurs(body, &html, "4111 1111"));
        assert!(text_occurs("", &html, "A&B"));
        assert!(!text_occurs(body, &html, "5555"));
        assert!(!text_occurs(body, &html, ""));
    }

    #[test]
    fn tag_redaction_keeps_everything_else() {
        let html = "<div class=\"zd-comment\"><p>My card is 4111 1111 &amp; SSN</p></div>";
        let tagged =
            "<div class=\"zd-comment\"><p>My card is <redact>4111 1111 &amp;</redact> SSN</p></div>";
        let (out, parts) = apply_redact_tags(html, tagged).unwrap();
        assert_eq!(
            out,
            "<div class=\"zd-comment\"><p>My card is ▇▇▇▇▇▇▇▇▇▇▇ SSN</p></div>"
        );
        assert_eq!(parts, vec!["4111 1111 &".to_string()]);
        assert_eq!(
            redacted_plain("My card is 4111 1111 & SSN", html, &out, &parts),
            "My card is ▇▇▇▇▇▇▇▇▇▇▇ SSN"
        );
        // A plain body that is not the HTML's text falls back to verbatim replacement.
        assert_eq!(
            redacted_plain("Note: My card is 4111 1111 & SSN", html, &out, &parts),
            "Note: My card is ▇▇▇▇▇▇▇▇▇▇▇ SSN"
        );
    }

    #[test]
    fn tag_redaction_refuses_bad_input() {
        let html = "<p>abc</p>";
        assert_eq!(
            apply_redact_tags(html, "<p>abc</p>"),
            Err(TagError::NothingToRedact)
        );
        assert_eq!(
            apply_redact_tags(html, "<p><redact>abc</p>"),
            Err(TagError::Unbalanced)
        );
        assert_eq!(
            apply_redact_tags(html, "<p><redact>abd</redact></p>"),
            Err(TagError::Mismatch)
        );
        assert_eq!(
            apply_redact_tags(html, "<p><REDACT>a</REDACT>bc</p>")
                .unwrap()
                .0,
            "<p>▇bc</p>"
        );
    }
}
