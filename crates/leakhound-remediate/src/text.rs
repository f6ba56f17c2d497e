//! Texts: note bodies (redacted previews only), the marker that lets a rerun recognise a note
//! it already posted, and the text surgery of redaction.

use crate::plan::{part_label, summary_groups, FindingRef};
use std::ops::Range;

/// The character helpdesks substitute for each redacted character (Zendesk's `▇`).
pub const BLOCK: char = '▇';

/// The marker written into every note and private comment: derived from the idempotency key
/// (itself derived from no value), so a rerun can find out whether an interrupted attempt
/// reached the helpdesk.
pub fn marker(key: &str) -> String {
    let short: String = key
        .split_once(':')
        .map_or(key, |(_, h)| h)
        .chars()
        .take(16)
        .collect();
    format!("leakhound-ref: {short}")
}

/// Lines like `- CREDIT_CARD_NUMBER ×2 in comment 17: 411*************, 555*************`.
pub fn summary_lines(findings: &[FindingRef]) -> Vec<String> {
    summary_groups(findings)
        .into_iter()
        .map(|((detector, part), frags)| {
            format!(
                "{detector} ×{} in {}: {}",
                frags.len(),
                part_label(&part),
                frags.join(", ")
            )
        })
        .collect()
}

/// The plain text of a Zendesk private comment.
pub fn note_plain(findings: &[FindingRef], redactions: usize, key: &str) -> String {
    let mut s = format!(
        "leakhound found sensitive data in this ticket ({} finding(s)):\n",
        findings.len()
    );
    for l in summary_lines(findings) {
        s.push_str("- ");
        s.push_str(&l);
        s.push('\n');
    }
    if redactions > 0 {
        s.push_str(&format!(
            "\n{redactions} value(s) are being redacted by leakhound.\n"
        ));
    }
    s.push_str("\nValues are shown redacted. Do not copy them elsewhere.\n");
    s.push_str(&marker(key));
    s
}

/// The HTML of a HubSpot note.
pub fn note_html(findings: &[FindingRef], redactions: usize, key: &str) -> String {
    let mut s = format!(
        "<p><strong>leakhound found sensitive data in this ticket</strong> ({} finding(s)):</p><ul>",
        findings.len()
    );
    for l in summary_lines(findings) {
        s.push_str("<li>");
        s.push_str(&escape_html(&l));
        s.push_str("</li>");
    }
    s.push_str("</ul>");
    if redactions > 0 {
        s.push_str(&format!(
            "<p>{redactions} value(s) are being redacted by leakhound.</p>"
        ));
    }
    s.push_str("<p>Values are shown redacted. Do not copy them elsewhere.</p><p>");
    s.push_str(&marker(key));
    s.push_str("</p>");
    s
}

/// HTML escaping as Zendesk renders plain text.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether the comment still holds `value` (plain, or in its HTML verbatim or escaped).
pub fn contains_value(plain: &str, html: &str, value: &str) -> bool {
    !value.is_empty()
        && (plain.contains(value)
            || html.contains(value)
            || html.contains(&escape_html(value))
            || html.contains(&value.replace('&', "&amp;")))
}

/// The comment's `html_body` with every occurrence of each value (verbatim or escaped) inside
/// `<redact>` tags, for `comment_redactions`. `None` when a value cannot be located in the
/// HTML's text alone (absent, split by markup, or inside a tag's attributes): the caller then
/// falls back to the older endpoint, which replaces the text wherever it is.
pub fn tag_values(html: &str, values: &[&str]) -> Option<String> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for v in values {
        let mut found = false;
        let mut forms = vec![v.to_string(), escape_html(v), v.replace('&', "&amp;")];
        forms.dedup();
        for form in forms.iter().filter(|f| !f.is_empty()) {
            let mut from = 0;
            while let Some(pos) = html[from..].find(form.as_str()) {
                let start = from + pos;
                let end = start + form.len();
                if inside_tag(html, start) || form[..].contains(['<', '>']) {
                    return None;
                }
                ranges.push(start..end);
                found = true;
                from = end;
            }
        }
        if !found {
            return None;
        }
    }
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut out = String::with_capacity(html.len() + merged.len() * 17);
    let mut at = 0;
    for r in merged {
        // An entity cut in half would not be the same HTML without the tags.
        if !html.is_char_boundary(r.start) || !html.is_char_boundary(r.end) {
            return None;
        }
        out.push_str(&html[at..r.start]);
        out.push_str("<redact>");
        out.push_str(&html[r.start..r.end]);
        out.push_str("</redact>");
        at = r.end;
    }
    out.push_str(&html[at..]);
    Some(out)
}

/// Whether byte `pos` of `html` lies inside a tag (`<…>`).
fn inside_tag(html: &str, pos: usize) -> bool {
    let before = &html[..pos];
    match (before.rfind('<'), before.rfind('>')) {
        (Some(lt), Some(gt)) => lt > gt,
        (Some(_), None) => true,
        _ => false,
    }
}

/// `text` with each range's characters replaced by `▇` (line breaks kept). Ranges must lie on
/// character boundaries and not overlap.
pub fn block_out(text: &str, ranges: &[Range<usize>]) -> String {
    let mut ranges = ranges.to_vec();
    ranges.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for r in ranges {
        if r.start < at {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.extend(
            text[r.clone()]
                .chars()
                .map(|c| if c == '\n' || c == '\r' { c } else { BLOCK }),
        );
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_tagged_in_text_only() {
        let html = "<div class=\"zd-comment\"><p>card 4111 1111 1111 1111 &amp; A&amp;B</p></div>";
        assert_eq!(
            tag_values(html, &["4111 1111 1111 1111", "A&B"]).unwrap(),
            "<div class=\"zd-comment\"><p>card <redact>4111 1111 1111 1111</redact> &amp; <redact>A&amp;B</redact></p></div>"
        );
        assert_eq!(tag_values(html, &["5555"]), None, "absent");
        let attr = "<p><a href=\"mailto:ada@example.com\">ada@example.com</a></p>";
        assert_eq!(
            tag_values(attr, &["ada@example.com"]),
            None,
            "in an attribute"
        );
        assert!(contains_value("", html, "A&B"));
    }

    #[test]
    fn block_out_keeps_everything_else() {
        assert_eq!(
            block_out("my pin 1234\nok", &[7..11, 14..14]),
            "my pin ▇▇▇▇\nok"
        );
        assert_eq!(
            marker("note:0123456789abcdef0123"),
            "leakhound-ref: 0123456789abcdef"
        );
    }
}
