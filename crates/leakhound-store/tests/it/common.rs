//! Builders shared by the tests.

use leakhound_engine::Confidence;
use leakhound_store::*;

/// A finding at `start..start + 19` of a part, with a value derived from its place.
pub fn finding(
    store: &dyn Store,
    ticket: &str,
    part: &str,
    start: usize,
    detector: &str,
) -> FindingRecord {
    let value = format!("4111-{ticket}-{part}-{start}");
    FindingRecord {
        ticket_id: ticket.into(),
        ticket_url: Some(format!("https://example.test/tickets/{ticket}")),
        part_key: part.into(),
        detector: detector.into(),
        detector_uuid: None,
        native_detector: Some(detector.into()),
        confidence: Confidence::Likely,
        byte_range: start..start + 19,
        codepoint_range: start..start + 19,
        fragment: format!("411{}", "*".repeat(16)),
        value_hash: store.value_hash(&value),
        raw_value: None,
        matched_rules: vec![RuleRef {
            name: "Default".into(),
            uuid: Some("00000000-0000-0000-0000-000000000001".into()),
        }],
        explanation: Some("pattern card-grouped, luhn passed".into()),
    }
}

pub fn ticket(store: &dyn Store, id: &str, updated_at_ms: i64) -> TicketSeen {
    TicketSeen {
        ticket_id: id.into(),
        updated_at_ms,
        content_hash: store.value_hash(&format!("ticket {id} at {updated_at_ms}")),
    }
}

pub fn part(store: &dyn Store, ticket: &str, key: &str, text: &str) -> PartScanned {
    PartScanned {
        ticket_id: ticket.into(),
        part_key: key.into(),
        content_hash: store.value_hash(text),
    }
}

/// Every finding, in the store's order.
pub fn all_findings(store: &dyn Store, filter: &FindingFilter) -> Vec<StoredFinding> {
    let mut out = Vec::new();
    store
        .for_each_finding(filter, &mut |f| {
            out.push(f);
            Ok(())
        })
        .unwrap();
    out
}
