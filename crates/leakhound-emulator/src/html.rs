//! Minimal HTML helpers for comment bodies: Zendesk serves every comment both as plain text and
//! as HTML, and redaction has to keep the two in step. Not a general HTML parser: comment HTML
//! produced by the generator and by clients is simple markup.

/// Escapes `&`, `<`, `>`, `"` and `'` for use in HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
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

/// Renders a plain-text comment as Zendesk does: a `zd-comment` div, one `<p>` per paragraph
/// (blank-line separated), `<br>` for single line breaks.
pub fn plain_to_zendesk_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str("<div class=\"zd-comment\" dir=\"auto\">");
    for paragraph in text.split("\n\n") {
        if paragraph.trim().is_empty() {
            continue;
        }
        out.push_str("<p dir=\"auto\">");
        let lines: Vec<String> = paragraph.split('\n').map(escape).collect();
        out.push_str(&lines.join("<br>"));
        out.push_str("</p>");
    }
    out.push_str("</div>");
    out
}

/// Strips tags and decodes the common entities: the plain text of simple comment HTML.
/// `<br>` becomes a line break and block ends (`</p>`, `</div>`, `</li>`) a blank line.
pub fn html_to_plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            out.push_str(&decode_entities(after));
            rest = "";
            break;
        };
        let tag = after[1..gt].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match (tag.starts_with('/'), name.as_str()) {
            (_, "br") => out.push('\n'),
            (true, "p" | "div" | "li" | "tr" | "blockquote" | "pre")
                if !out.is_empty() && !out.ends_with("\n\n") =>
            {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            _ => {}
        }
        rest = &after[gt + 1..];
    }
    out.push_str(&decode_entities(rest));
    out.trim_end().to_string()
}

/// Decodes `&amp; &lt; &gt; &quot; &#39; &nbsp;` and numeric entities.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_round_trips_through_html() {
        let text = "Hello <team> & co,\nline two\n\nSecond paragraph";
        let html = plain_to_zendesk_html(text);
        assert!(html.contains("&lt;team&gt; &amp; co,<br>line two"));
        assert_eq!(html_to_plain(&html), text);
    }
}
