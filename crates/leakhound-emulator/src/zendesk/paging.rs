//! Query-string parsing, opaque cursors and absolute URLs shared by the Zendesk
//! handlers.
//!
//! zenpy builds query strings by hand without percent-encoding (`page[size]=100` goes out with
//! raw brackets) and follows the absolute `links.next` / `next_page` / `after_url` it is given;
//! it only treats a response as Zendesk's when the request URL contains its configured netloc.
//! So cursors here use only URL-safe characters, and every absolute URL is built from the
//! `Host` the client used.

use axum::http::{header, HeaderMap};
use base64::Engine as _;

use super::error::ZdError;
use crate::db::Cursor;
use serde_json::{json, Value};

/// Decoded query parameters, in order; repeated keys are kept.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// First value of `key`, if present and non-empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// `key` parsed as an integer; a malformed value is a 400 like Zendesk's.
    pub fn int(&self, key: &str) -> Result<Option<i64>, ZdError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v.trim().parse::<i64>().map(Some).map_err(|_| {
                ZdError::bad_request(
                    "InvalidPaginationParameter",
                    format!("{key} must be an integer"),
                )
            }),
        }
    }

    /// Whether the request asked for cursor pagination (any `page[...]` parameter).
    pub fn is_cursor(&self) -> bool {
        self.0.iter().any(|(k, _)| k.starts_with("page["))
    }
}

/// Scheme and authority the client used, e.g. `http://127.0.0.1:8702`.
pub fn base_url(headers: &HeaderMap, fallback: &str) -> String {
    match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(host) if !host.is_empty() && host.bytes().all(|b| b.is_ascii_graphic()) => {
            format!("http://{host}")
        }
        _ => fallback.trim_end_matches('/').to_string(),
    }
}

/// Percent-encodes a query component (RFC 3986 unreserved characters pass through).
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Builds `base + path + ?k=v&...` with encoded keys and values.
pub fn url(base: &str, path: &str, query: &[(&str, String)]) -> String {
    let mut s = format!("{base}{path}");
    for (i, (k, v)) in query.iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(&enc(k));
        s.push('=');
        s.push_str(&enc(v));
    }
    s
}

/// Opaque URL-safe token for a position (base64url of `tag|key|id`), like Zendesk's base64
/// cursors. The tag binds a cursor to the listing and order it came from.
pub fn encode_cursor(c: Cursor, tag: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{tag}|{}|{}", c.key, c.id))
}

/// Decodes a token made by [`encode_cursor`] with the same `tag`; anything else is a 400.
pub fn decode_cursor(token: &str, tag: &str) -> Result<Cursor, ZdError> {
    let bad = || {
        ZdError::bad_request(
            "InvalidPaginationParameter",
            "cursor is invalid or does not belong to this request",
        )
    };
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.trim())
        .map_err(|_| bad())?;
    let raw = String::from_utf8(raw).map_err(|_| bad())?;
    let mut parts = raw.split('|');
    if parts.next() != Some(tag) {
        return Err(bad());
    }
    let key = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let id = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(Cursor { key, id })
}

/// Direction of a cursor page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// First page, or `page[after]`.
    Forward,
    /// `page[before]`: the page just before the cursor, still returned in listing order.
    Backward,
}

/// A cursor-paginated request: `page[size]` and at most one of `page[after]` / `page[before]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CursorRequest {
    /// Items per page (1–100, default 100).
    pub size: u64,
    /// Position to page from (`None`: the start of the listing).
    pub from: Option<Cursor>,
    /// Which way to page.
    pub direction: Direction,
}

impl Params {
    /// The `page[...]` parameters of a cursor-paginated request. `tag` identifies the listing
    /// and order, so a cursor of another listing is refused.
    pub fn cursor_request(&self, tag: &str) -> Result<CursorRequest, ZdError> {
        let size = match self.int("page[size]")? {
            None => 100,
            Some(n) if (1..=100).contains(&n) => n as u64,
            Some(_) => {
                return Err(ZdError::bad_request(
                    "InvalidPaginationParameter",
                    "page[size] must be between 1 and 100",
                ))
            }
        };
        let after = self.get("page[after]");
        let before = self.get("page[before]");
        let (from, direction) = match (after, before) {
            (Some(_), Some(_)) => {
                return Err(ZdError::bad_request(
                    "InvalidPaginationParameter",
                    "page[after] and page[before] cannot be used together",
                ))
            }
            (Some(a), None) => (Some(decode_cursor(a, tag)?), Direction::Forward),
            (None, Some(b)) => (Some(decode_cursor(b, tag)?), Direction::Backward),
            (None, None) => (None, Direction::Forward),
        };
        Ok(CursorRequest {
            size,
            from,
            direction,
        })
    }

    /// `page` and `per_page` of an offset-paginated request: (page ≥ 1, per_page 1–100).
    /// Zendesk caps `per_page` at 100 rather than refusing larger values.
    pub fn offset_request(&self) -> Result<(u64, u64), ZdError> {
        let page = match self.int("page")? {
            None => 1,
            Some(n) if n >= 1 => n as u64,
            Some(_) => {
                return Err(ZdError::bad_request(
                    "InvalidPaginationParameter",
                    "page must be a positive integer",
                ))
            }
        };
        let per_page = match self.int("per_page")? {
            None => 100,
            Some(n) if n >= 1 => (n as u64).min(100),
            Some(_) => {
                return Err(ZdError::bad_request(
                    "InvalidPaginationParameter",
                    "per_page must be a positive integer",
                ))
            }
        };
        Ok((page, per_page))
    }
}

/// Builds the `meta` and `links` of a cursor page from the items fetched (up to `size + 1`,
/// in listing order; the extra one only tells that more exist).
///
/// `has_more` is about the direction of travel, as in Zendesk; `links.next` / `links.prev`
/// carry the other parameters of the request (`extra`) so that following them keeps the sort.
pub fn cursor_page<T>(
    mut items: Vec<T>,
    req: &CursorRequest,
    key_of: impl Fn(&T) -> Cursor,
    tag: &str,
    base: &str,
    path: &str,
    extra: &[(&str, String)],
) -> (Vec<T>, Value) {
    let size = req.size as usize;
    let has_more = items.len() > size;
    if has_more {
        match req.direction {
            Direction::Forward => items.truncate(size),
            // Fetched nearest-first and reversed by the caller: the extra item is the first.
            Direction::Backward => {
                items.remove(0);
            }
        }
    }
    let after_cursor = items.last().map(|t| encode_cursor(key_of(t), tag));
    let before_cursor = items.first().map(|t| encode_cursor(key_of(t), tag));
    let link = |key: &str, cursor: &Option<String>| match cursor {
        Some(c) => {
            let mut q: Vec<(&str, String)> =
                vec![(key, c.clone()), ("page[size]", req.size.to_string())];
            q.extend(extra.iter().cloned());
            Value::String(url(base, path, &q))
        }
        None => Value::Null,
    };
    let meta = json!({
        "meta": {
            "has_more": has_more,
            "after_cursor": after_cursor,
            "before_cursor": before_cursor,
        },
        "links": {
            "next": link("page[after]", &after_cursor),
            "prev": link("page[before]", &before_cursor),
        }
    });
    (items, meta)
}

/// `next_page`, `previous_page` and `count` of an offset page.
pub fn offset_links(
    base: &str,
    path: &str,
    page: u64,
    per_page: u64,
    count: u64,
    extra: &[(&str, String)],
) -> Value {
    let link = |p: u64| {
        let mut q: Vec<(&str, String)> =
            vec![("page", p.to_string()), ("per_page", per_page.to_string())];
        q.extend(extra.iter().cloned());
        Value::String(url(base, path, &q))
    };
    let next = if page.saturating_mul(per_page) < count {
        link(page + 1)
    } else {
        Value::Null
    };
    let previous = if page > 1 {
        link(page - 1)
    } else {
        Value::Null
    };
    json!({"next_page": next, "previous_page": previous, "count": count})
}

/// Merges the members of `extra` (an object) into `target` (an object).
pub fn merge(target: &mut Value, extra: Value) {
    if let (Some(t), Value::Object(e)) = (target.as_object_mut(), extra) {
        t.extend(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_foreign_tokens() {
        let c = Cursor {
            key: 1_700_000_000,
            id: 42,
        };
        let t = encode_cursor(c, "t");
        assert!(t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode_cursor(&t, "t").unwrap(), c);
        assert!(decode_cursor(&t, "c").is_err());
        assert!(decode_cursor("%%%", "t").is_err());
        assert!(decode_cursor("", "t").is_err());
    }

    #[test]
    fn url_encodes_brackets() {
        assert_eq!(
            url("http://h", "/a.json", &[("page[after]", "x y".into())]),
            "http://h/a.json?page%5Bafter%5D=x%20y"
        );
    }
}
