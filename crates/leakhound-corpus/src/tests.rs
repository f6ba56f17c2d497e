use super::*;
use std::collections::BTreeMap;

fn corpus() -> Vec<Ticket> {
    generate(DEFAULT_SEED, DEFAULT_COUNT)
}

#[test]
fn same_seed_same_corpus_other_seed_other_corpus() {
    let a = generate(11, 300);
    assert_eq!(a, generate(11, 300));
    assert_ne!(a, generate(12, 300));
}

#[test]
fn spans_are_on_char_boundaries_and_hold_their_values() {
    for t in corpus() {
        for s in &t.spans {
            assert!(s.start < s.end, "{}: empty span", t.id);
            assert!(
                t.text.is_char_boundary(s.start) && t.text.is_char_boundary(s.end),
                "{}",
                t.id
            );
            let v = &t.text[s.start..s.end];
            assert_eq!(
                v.trim(),
                v,
                "{}: {} span has surrounding space",
                t.id,
                s.detector
            );
            assert!(DETECTORS.contains(&s.detector.as_str()), "{}", s.detector);
        }
        for d in &t.decoys {
            assert!(
                t.text.is_char_boundary(d.start) && t.text.is_char_boundary(d.end),
                "{}",
                t.id
            );
        }
        // Gold spans never overlap each other or a decoy (a combination type labels the
        // span of its part again).
        let mut all: Vec<(usize, usize)> = t
            .spans
            .iter()
            .filter(|s| !COMBINATIONS.contains(&s.detector.as_str()))
            .map(|s| (s.start, s.end))
            .collect();
        for c in t
            .spans
            .iter()
            .filter(|s| COMBINATIONS.contains(&s.detector.as_str()))
        {
            let part = t.spans.iter().find(|s| {
                (s.start, s.end) == (c.start, c.end) && !COMBINATIONS.contains(&s.detector.as_str())
            });
            let part = part.unwrap_or_else(|| panic!("{}: {} without its part", t.id, c.detector));
            let allowed = if c.detector == "PROTECTED_HEALTH_INFORMATION" {
                HEALTH_ELEMENTS
            } else {
                HIPAA_IDENTIFIERS
            };
            assert!(
                allowed.contains(&part.detector.as_str()),
                "{}",
                part.detector
            );
        }
        all.extend(t.decoys.iter().map(|d| (d.start, d.end)));
        all.sort_unstable();
        for w in all.windows(2) {
            assert!(
                w[0].1 <= w[1].0,
                "{}: overlapping labels in {:?}",
                t.id,
                t.text
            );
        }
    }
}

#[test]
fn every_type_has_support_of_at_least_30() {
    let mut support: BTreeMap<&str, usize> = BTreeMap::new();
    for t in corpus() {
        for s in &t.spans {
            *support
                .entry(
                    DETECTORS
                        .iter()
                        .find(|d| **d == s.detector)
                        .copied()
                        .unwrap_or("?"),
                )
                .or_default() += 1;
        }
    }
    for d in DETECTORS {
        let n = support.get(d).copied().unwrap_or(0);
        assert!(n >= 30, "{d}: support {n}");
    }
}

#[test]
fn at_least_40_percent_hard_negative_and_they_hold_no_gold() {
    let c = corpus();
    assert!(c.len() >= 3000);
    let neg: Vec<&Ticket> = c.iter().filter(|t| t.hard_negative).collect();
    assert!(
        neg.len() * 10 >= c.len() * 4,
        "{} of {}",
        neg.len(),
        c.len()
    );
    assert!(neg
        .iter()
        .all(|t| t.spans.is_empty() && !t.decoys.is_empty()));
    assert!(c
        .iter()
        .filter(|t| !t.hard_negative)
        .all(|t| !t.spans.is_empty()));
    // Several languages and channels.
    let langs: std::collections::BTreeSet<&str> = c.iter().map(|t| t.lang.as_str()).collect();
    assert_eq!(langs.len(), 7, "{langs:?}");
    let channels: std::collections::BTreeSet<&str> = c.iter().map(|t| t.channel.as_str()).collect();
    assert_eq!(channels.len(), 5, "{channels:?}");
}

#[test]
fn checksummed_values_are_valid() {
    for t in corpus() {
        for s in &t.spans {
            let v = &t.text[s.start..s.end];
            let d: String = v.chars().filter(char::is_ascii_digit).collect();
            match s.detector.as_str() {
                "CREDIT_CARD_NUMBER" | "IMEI_HARDWARE_ID" | "CANADA_SOCIAL_INSURANCE_NUMBER" => {
                    assert!(checks::luhn_valid(&d), "{v}")
                }
                "IBAN_CODE" => {
                    let c: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                    let r = format!("{}{}", &c[4..], &c[..4]);
                    assert_eq!(checks::mod97(&r), 1, "{v}");
                    if c.starts_with("ES") {
                        let (a, b) = checks::es_ccc_digits(&c[4..12], &c[14..]);
                        assert_eq!(format!("{a}{b}"), c[12..14], "{v}");
                    }
                }
                "US_HEALTHCARE_NPI" => assert!(checks::luhn_valid(&format!("80840{d}")), "{v}"),
                "BRAZIL_CPF_NUMBER" => {
                    let (a, b) = checks::cpf_digits(&d[..9]);
                    assert_eq!(format!("{a}{b}"), d[9..], "{v}");
                }
                "UK_NATIONAL_HEALTH_SERVICE_NUMBER" | "SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER" => {
                    assert_eq!(checks::nhs_digit(&d[..9]), d[9..].parse().ok(), "{v}")
                }
                "US_VEHICLE_IDENTIFICATION_NUMBER" => {
                    assert_eq!(checks::vin_check(v), v.as_bytes()[8] as char, "{v}")
                }
                _ => {}
            }
        }
    }
}

/// Every labelled phone number is valid in libphonenumber's numbering plans (the reference
/// the spec names; national numbers in the ticket language's country).
#[test]
fn phone_numbers_are_valid() {
    for t in corpus() {
        for s in t.spans.iter().filter(|s| s.detector == "PHONE_NUMBER") {
            let v = &t.text[s.start..s.end];
            let region = match t.lang.as_str() {
                "de" => "DE",
                "fr" => "FR",
                "es" => "ES",
                "pt" => "BR",
                "zh" => "CN",
                "ja" => "JP",
                _ => "US",
            };
            let id: phonenumber::country::Id = region.parse().expect("region");
            // "+49 (0)89 …": the trunk prefix in parentheses is not dialled from abroad.
            let dialled = v.replace("(0)", "");
            let ok =
                phonenumber::parse(Some(id), &dialled).is_ok_and(|n| phonenumber::is_valid(&n));
            assert!(ok, "{}: {v}", t.id);
        }
    }
}

#[test]
fn jsonl_round_trip() {
    let c = generate(3, 40);
    let mut buf = Vec::new();
    write_jsonl(&c, &mut buf).unwrap();
    assert_eq!(read_jsonl(&buf[..]).unwrap(), c);
    let bad = br#"{"id":"x","channel":"email","lang":"en","style":"formal","hard_negative":false,"text":"caf\u00e9","spans":[{"start":0,"end":4,"detector":"DATE"}],"decoys":[]}"#;
    assert!(read_jsonl(&bad[..])
        .unwrap_err()
        .contains("character boundaries"));
}

/// A span is exactly the value pushed, also after sloppy lower-casing changed the byte
/// length of the text before it ('İ' lower-cases to two code points).
#[test]
fn builder_spans_equal_their_values() {
    let mut b = Builder::default();
    b.all(
        fill(
            "İSTANBUL ŞUBESİ: {} — ICD {2}.",
            Piece::V("CREDIT_CARD_NUMBER", "4111 1111 1111 1111".into()),
            Some(Piece::V("ICD10_CODE", "E11.9".into())),
        ),
        true,
    );
    b.push(Piece::D("uuid", "0f0e".into()), false);
    assert_eq!(b.spans.len(), 2);
    assert_eq!(
        &b.text[b.spans[0].start..b.spans[0].end],
        "4111 1111 1111 1111"
    );
    assert_eq!(&b.text[b.spans[1].start..b.spans[1].end], "E11.9");
    assert_eq!(&b.text[b.decoys[0].start..b.decoys[0].end], "0f0e");
    assert!(b.text.starts_with("i̇stanbul"));
}

#[test]
fn combination_findings_on_their_parts_are_tolerated() {
    assert!(tolerated("DATE_OF_BIRTH", "DATE"));
    assert!(!tolerated("DATE", "DATE_OF_BIRTH"));
    assert!(tolerated("ICD10_CODE", "PROTECTED_HEALTH_INFORMATION"));
    assert!(tolerated("PERSON_NAME", "HIPAA_DEFINED_PII"));
    assert!(!tolerated("PERSON_NAME", "PROTECTED_HEALTH_INFORMATION"));
    for (g, f) in TOLERATED {
        assert!(DETECTORS.contains(g) && DETECTORS.contains(f), "{g} {f}");
    }
    for d in HEALTH_ELEMENTS.iter().chain(HIPAA_IDENTIFIERS) {
        assert!(DETECTORS.contains(d), "{d}");
    }
}
