//! `{{placeholder}}` templates for e-mail subjects and bodies.
//!
//! A template is parsed once, against the fixed set of variables its caller provides, so an
//! unknown placeholder is an error when the configuration is loaded, never when a message is
//! sent. Rendering substitutes values verbatim: bodies are `text/plain`, nothing is escaped.
//! Whitespace inside the braces is allowed (`{{ total }}`); `{{` without a closing `}}` is an
//! error. There is no way to write a literal `{{`.

use std::collections::BTreeMap;
use std::fmt;

/// Why a template does not load.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A placeholder names no known variable.
    #[error("unknown placeholder {{{{{name}}}}} (known: {known})")]
    UnknownPlaceholder {
        /// The placeholder's name.
        name: String,
        /// The known variables, comma-separated.
        known: String,
    },
    /// `{{` at this byte offset has no closing `}}`.
    #[error("unclosed {{{{ at byte {offset}")]
    Unclosed {
        /// Byte offset of the `{{`.
        offset: usize,
    },
    /// A placeholder is empty or not an identifier (`[A-Za-z0-9_.]+`).
    #[error("invalid placeholder at byte {offset}")]
    InvalidName {
        /// Byte offset of the `{{`.
        offset: usize,
    },
}

#[derive(Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Var(String),
}

/// A parsed template.
#[derive(Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let vars: Vec<&str> = self
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Var(v) => Some(v.as_str()),
                Part::Text(_) => None,
            })
            .collect();
        f.debug_struct("Template").field("vars", &vars).finish()
    }
}

impl Template {
    /// Parses `source`, accepting only placeholders named in `known`.
    pub fn parse(source: &str, known: &[&str]) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = source;
        let mut offset = 0;
        while let Some(start) = rest.find("{{") {
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let after = &rest[start + 2..];
            let end = after.find("}}").ok_or(TemplateError::Unclosed {
                offset: offset + start,
            })?;
            let name = after[..end].trim();
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
            {
                return Err(TemplateError::InvalidName {
                    offset: offset + start,
                });
            }
            if !known.contains(&name) {
                return Err(TemplateError::UnknownPlaceholder {
                    name: name.to_string(),
                    known: known.join(", "),
                });
            }
            parts.push(Part::Var(name.to_string()));
            let consumed = start + 2 + end + 2;
            offset += consumed;
            rest = &rest[consumed..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { parts })
    }

    /// The variables the template uses, in order of first use.
    pub fn variables(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.parts {
            if let Part::Var(v) = p {
                if !out.contains(&v.as_str()) {
                    out.push(v);
                }
            }
        }
        out
    }

    /// Substitutes each placeholder with its value; a variable missing from `vars` renders
    /// as the empty string.
    pub fn render(&self, vars: &Vars) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Var(v) => out.push_str(vars.get(v).unwrap_or("")),
            }
        }
        out
    }
}

/// Values of template variables.
#[derive(Clone, Debug, Default)]
pub struct Vars(BTreeMap<String, String>);

impl Vars {
    /// No values.
    pub fn new() -> Vars {
        Vars::default()
    }

    /// Sets `name` to `value`.
    pub fn set(&mut self, name: &str, value: impl Into<String>) -> &mut Vars {
        self.0.insert(name.to_string(), value.into());
        self
    }

    /// Sets `name` to `value` (builder form).
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Vars {
        self.set(name, value);
        self
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["total", "kind"];

    #[test]
    fn substitutes_known_placeholders_verbatim() {
        let t = Template::parse("{{total}} in a {{ kind }}: <b>{{total}}</b>", KNOWN).unwrap();
        let vars = Vars::new().with("total", "3").with("kind", "text & <scan>");
        assert_eq!(t.render(&vars), "3 in a text & <scan>: <b>3</b>");
        assert_eq!(t.variables(), ["total", "kind"]);
    }

    #[test]
    fn text_without_placeholders_and_missing_values() {
        assert_eq!(Template::parse("", KNOWN).unwrap().render(&Vars::new()), "");
        let t = Template::parse("a } b { c {{kind}}", KNOWN).unwrap();
        assert_eq!(t.render(&Vars::new()), "a } b { c ");
    }

    #[test]
    fn unknown_unclosed_and_invalid_placeholders_fail_at_parse() {
        assert_eq!(
            Template::parse("x {{nope}}", KNOWN).unwrap_err(),
            TemplateError::UnknownPlaceholder {
                name: "nope".into(),
                known: "total, kind".into()
            }
        );
        assert_eq!(
            Template::parse("ab {{total", KNOWN).unwrap_err(),
            TemplateError::Unclosed { offset: 3 }
        );
        assert_eq!(
            Template::parse("{{total}}{{ a b }}", KNOWN).unwrap_err(),
            TemplateError::InvalidName { offset: 9 }
        );
        assert!(Template::parse("{{}}", KNOWN).is_err());
        let msg = Template::parse("{{nope}}", KNOWN).unwrap_err().to_string();
        assert_eq!(msg, "unknown placeholder {{nope}} (known: total, kind)");
    }
}
