//! Time formatting and parsing without a calendar dependency: both APIs only need UTC
//! ISO-8601 strings and Unix timestamps, which the civil-date algorithm below covers exactly.

use crate::model::Millis;

/// Current time in Unix milliseconds.
pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or(0)
}

/// Days since 1970-01-01 → (year, month, day). Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01. Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn split(ms: Millis) -> (i64, u32, u32, i64, i64, i64, i64) {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    (y, m, d, sod / 3600, (sod % 3600) / 60, sod % 60, millis)
}

/// `2026-01-15T10:30:00.000Z` — HubSpot's format.
pub fn iso_millis(ms: Millis) -> String {
    let (y, mo, d, h, mi, s, milli) = split(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// `2026-01-15T10:30:00Z` — Zendesk's format (seconds precision).
pub fn iso_seconds(ms: Millis) -> String {
    let (y, mo, d, h, mi, s, _) = split(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Unix seconds of a millisecond timestamp (rounding down, as Zendesk's exports do).
pub fn unix_seconds(ms: Millis) -> i64 {
    ms.div_euclid(1000)
}

/// Parses a timestamp given either as epoch milliseconds (`"1735689600000"`) or as ISO-8601
/// (`2026-01-15`, `2026-01-15T10:30:00Z`, `...:00.123Z`, `...+02:00`), as HubSpot's search
/// accepts both. Returns `None` on anything else.
pub fn parse_timestamp(text: &str) -> Option<Millis> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    parse_iso(text)
}

/// Parses an ISO-8601 UTC or offset timestamp into epoch milliseconds.
pub fn parse_iso(text: &str) -> Option<Millis> {
    let bytes = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)? as u32, num(8..10)? as u32);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * 86_400_000;
    if bytes.len() == 10 {
        return Some(ms);
    }
    if bytes.len() < 19 || (bytes[10] != b'T' && bytes[10] != b' ') {
        return None;
    }
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || mi > 59 || s > 60 {
        return None;
    }
    ms += (h * 3600 + mi * 60 + s) * 1000;
    let mut rest = &text[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits: String = frac.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            return None;
        }
        let padded = format!("{:0<3}", &digits[..digits.len().min(3)]);
        ms += padded.parse::<i64>().ok()?;
        rest = &frac[digits.len()..];
    }
    match rest {
        "" | "Z" | "z" => Some(ms),
        offset if (offset.starts_with('+') || offset.starts_with('-')) && offset.len() == 6 => {
            let sign = if offset.starts_with('-') { -1 } else { 1 };
            let oh: i64 = offset.get(1..3)?.parse().ok()?;
            let om: i64 = offset.get(4..6)?.parse().ok()?;
            Some(ms - sign * (oh * 3600 + om * 60) * 1000)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        let ms = 1_735_689_600_123; // 2025-01-01T00:00:00.123Z
        assert_eq!(iso_millis(ms), "2025-01-01T00:00:00.123Z");
        assert_eq!(iso_seconds(ms), "2025-01-01T00:00:00Z");
        assert_eq!(parse_timestamp("2025-01-01T00:00:00.123Z"), Some(ms));
        assert_eq!(parse_timestamp("1735689600123"), Some(ms));
        assert_eq!(parse_timestamp("2025-01-01T01:00:00+01:00"), Some(ms - 123));
        assert_eq!(parse_timestamp("2025-01-01"), Some(ms - 123));
        assert_eq!(parse_timestamp("nonsense"), None);
        assert_eq!(iso_millis(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }
}
