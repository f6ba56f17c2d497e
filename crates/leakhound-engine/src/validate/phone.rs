//! Phone-number validation against libphonenumber's metadata (the `phonenumber` crate's
//! database), compiled once per region into our own anchored regexes.
//!
//! `phonenumber::parse` + `is_valid` cost about 20 µs a call (string-keyed regex caches behind
//! a mutex, a parse per region tried); dense ticket text has a thousand phone-shaped
//! candidates per megabyte. The same rules (possible lengths, the general national-number
//! pattern, and at least one number type's pattern: fixed line, mobile, toll free, …) checked
//! with precompiled DFAs cost well under a microsecond.

use phonenumber::metadata::{Descriptor, Metadata, DATABASE};
use regex_automata::meta::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One numbering-plan description: possible lengths and the national-number pattern.
struct Rule {
    lengths: Vec<u16>,
    pattern: Option<Regex>,
}

impl Rule {
    fn new(d: &Descriptor) -> Rule {
        // The metadata keeps the XML's layout: the patterns are meant for verbose mode.
        let source = d.national_number().as_str().trim();
        // An empty or `NA` pattern means the type does not exist in the region.
        let pattern = if source.is_empty() || source == "NA" {
            None
        } else {
            Regex::new(&format!("(?x)\\A(?:{source})\\z")).ok()
        };
        Rule {
            lengths: d.possible_length().to_vec(),
            pattern,
        }
    }

    fn matches(&self, national: &str, fallback_lengths: &[u16]) -> bool {
        let lengths = if self.lengths.is_empty() {
            fallback_lengths
        } else {
            &self.lengths
        };
        if !lengths.is_empty() && !lengths.contains(&(national.len() as u16)) {
            return false;
        }
        self.pattern.as_ref().is_some_and(|p| p.is_match(national))
    }
}

/// A region's compiled rules.
struct Region {
    national_prefix: Option<String>,
    general: Rule,
    types: Vec<Rule>,
}

impl Region {
    fn new(meta: &Metadata) -> Region {
        let d = meta.descriptors();
        let types = [
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.shared_cost(),
            d.personal_number(),
            d.voip(),
            d.pager(),
            d.uan(),
            d.voicemail(),
        ]
        .into_iter()
        .flatten()
        .map(Rule::new)
        .collect();
        Region {
            national_prefix: meta.national_prefix().map(str::to_string),
            general: Rule::new(d.general()),
            types,
        }
    }

    /// libphonenumber's "valid number": a possible length, the general pattern, and the
    /// pattern of some number type.
    fn is_valid_national(&self, national: &str) -> bool {
        self.general.matches(national, &[])
            && self
                .types
                .iter()
                .any(|t| t.matches(national, &self.general.lengths))
    }
}

/// Every region of the database, compiled on first use.
struct Plans {
    by_id: HashMap<String, (usize, u16)>,
    by_code: HashMap<u16, Vec<usize>>,
    compiled: Vec<OnceLock<Region>>,
    metadata: Vec<&'static Metadata>,
}

fn plans() -> &'static Plans {
    static PLANS: OnceLock<Plans> = OnceLock::new();
    PLANS.get_or_init(|| {
        let metadata: Vec<&'static Metadata> = DATABASE.iter().collect();
        let mut by_id = HashMap::new();
        let mut by_code: HashMap<u16, Vec<usize>> = HashMap::new();
        for (i, m) in metadata.iter().enumerate() {
            by_id.insert(m.id().to_string(), (i, m.country_code()));
            let entry = by_code.entry(m.country_code()).or_default();
            // The main country of a shared code is tried first (US for +1, GB for +44).
            if m.is_main_country_for_code() {
                entry.insert(0, i);
            } else {
                entry.push(i);
            }
        }
        let compiled = metadata.iter().map(|_| OnceLock::new()).collect();
        Plans {
            by_id,
            by_code,
            compiled,
            metadata,
        }
    })
}

fn region(index: usize) -> &'static Region {
    let p = plans();
    p.compiled[index].get_or_init(|| Region::new(p.metadata[index]))
}

/// The ASCII digits of `text`, at most 17 (longer is never a phone number).
fn digits_of(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (digits.len() <= 17).then_some(digits)
}

/// True when `text` (an international number starting with `+`, any grouping) is a valid
/// number of some country.
pub fn is_valid_international(text: &str) -> bool {
    let Some(digits) = digits_of(text) else {
        return false;
    };
    let p = plans();
    (1..=3).filter(|&n| n < digits.len()).any(|n| {
        let Ok(code) = digits[..n].parse::<u16>() else {
            return false;
        };
        let national = &digits[n..];
        p.by_code.get(&code).is_some_and(|regions| {
            regions
                .iter()
                .any(|&i| region(i).is_valid_national(national))
        })
    })
}

/// True when `text` is a valid national number of `region_id` (such as `US`, `GB`), written
/// with or without its trunk prefix (`0` in most of Europe) or, for North America, a leading
/// `1`.
pub fn is_valid_national(region_id: &str, text: &str) -> bool {
    let Some(digits) = digits_of(text) else {
        return false;
    };
    let p = plans();
    let Some(&(index, code)) = p.by_id.get(region_id) else {
        return false;
    };
    let r = region(index);
    let mut candidates = vec![digits.as_str()];
    if let Some(prefix) = r.national_prefix.as_deref().filter(|p| !p.is_empty()) {
        if let Some(rest) = digits.strip_prefix(prefix) {
            candidates.push(rest);
        }
    }
    if code == 1 {
        if let Some(rest) = digits.strip_prefix('1') {
            candidates.push(rest);
        }
    }
    candidates.into_iter().any(|national| {
        if code == 1 {
            // A North American number is valid in any NANP region (US, CA, PR, …).
            p.by_code.get(&1).is_some_and(|regions| {
                regions
                    .iter()
                    .any(|&i| region(i).is_valid_national(national))
            })
        } else {
            r.is_valid_national(national)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_phonenumber_on_a_table() {
        let international = [
            "+44 20 7946 0958",
            "+1 (415) 555-2671",
            "+14155552671",
            "+49 30 901820",
            "+33 1 42 68 53 00",
            "+61 2 9374 4000",
            "+44 20 7946 095",
            "+44 20 7946 0958 2024",
            "+1 123 456 7890",
            "+999 1234 5678",
            "+86 10 6552 9988",
            "+91 98765 43210",
        ];
        for text in international {
            let reference = phonenumber::parse(None, text).is_ok_and(|n| phonenumber::is_valid(&n));
            assert_eq!(is_valid_international(text), reference, "{text}");
        }
        let national = [
            ("US", "(415) 555-2671"),
            ("US", "415.555.2671"),
            ("US", "4155552671"),
            ("US", "1-800-555-0199"),
            ("US", "123-456-7890"),
            ("US", "415-055-2671"),
            ("GB", "020 7946 0958"),
            ("FR", "01 42 68 53 00"),
            ("DE", "030 901820"),
            ("GB", "12345"),
        ];
        for (region_id, text) in national {
            let id: phonenumber::country::Id = region_id.parse().unwrap();
            let reference =
                phonenumber::parse(Some(id), text).is_ok_and(|n| phonenumber::is_valid(&n));
            assert_eq!(
                is_valid_national(region_id, text),
                reference,
                "{region_id} {text}"
            );
        }
    }
}
