//! The synthetic data: deterministic per seed, and its ground truth points at the exact text.

use std::collections::{BTreeMap, BTreeSet};

use leakhound_emulator::db::{Db, Order, ZdTicketSort};
use leakhound_emulator::model::{Field, GroundTruthSpan, Helpdesk};
use leakhound_emulator::synth::{self, values, SynthConfig};

fn generated(seed: u64, tickets: u64) -> Db {
    let db = Db::open_temporary().expect("temporary store");
    synth::generate(&db, &SynthConfig::new(seed, tickets)).expect("generation");
    db
}

fn ground_truth(db: &Db) -> Vec<GroundTruthSpan> {
    let mut out = Vec::new();
    db.export_ground_truth(None, &mut out).expect("export");
    String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a ground-truth row"))
        .collect()
}

/// Everything observable of a store, to compare two generations.
fn fingerprint(db: &Db, tickets: u64) -> String {
    let mut out = String::new();
    for t in db
        .zd_tickets_after(ZdTicketSort::Id, Order::Asc, None, tickets)
        .expect("tickets")
    {
        out.push_str(&format!("{t:?}\n"));
        for c in db
            .zd_comments_after(t.id, Order::Asc, None, 100)
            .expect("comments")
        {
            out.push_str(&format!("{c:?}\n"));
        }
    }
    for t in db
        .hs_tickets_after(None, tickets, false)
        .expect("hubspot tickets")
    {
        out.push_str(&format!("{t:?}\n"));
    }
    let mut gt = Vec::new();
    db.export_ground_truth(None, &mut gt).expect("export");
    out.push_str(&String::from_utf8_lossy(&gt));
    out
}

#[test]
fn same_seed_gives_the_same_data_and_another_seed_does_not() {
    let a = fingerprint(&generated(11, 60), 60);
    let b = fingerprint(&generated(11, 60), 60);
    let c = fingerprint(&generated(12, 60), 60);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn a_ticket_does_not_depend_on_how_many_are_generated() {
    let small = generated(5, 30);
    let large = generated(5, 30);
    assert_eq!(
        small.zd_ticket(7).expect("read").map(|t| t.subject),
        large.zd_ticket(7).expect("read").map(|t| t.subject)
    );
}

#[test]
fn ground_truth_spans_point_at_their_values() {
    let db = generated(3, 300);
    let spans = ground_truth(&db);
    assert!(spans.len() > 600, "only {} spans", spans.len());
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for span in &spans {
        let text: String = match (span.helpdesk, span.field) {
            (Helpdesk::Zendesk, Field::Subject) => {
                db.zd_ticket(span.ticket_id).unwrap().unwrap().subject
            }
            (Helpdesk::Zendesk, Field::Comment) => {
                let comment = db.zd_comment(span.object_id.unwrap()).unwrap().unwrap();
                assert_eq!(comment.ticket_id, span.ticket_id);
                comment.body
            }
            (Helpdesk::Zendesk, Field::Attachment) => String::from_utf8(
                db.zd_attachment_content(span.object_id.unwrap())
                    .unwrap()
                    .unwrap(),
            )
            .expect("text attachment"),
            (Helpdesk::Hubspot, Field::Subject) => {
                db.hs_ticket(span.ticket_id).unwrap().unwrap().subject
            }
            (Helpdesk::Hubspot, Field::Content) => {
                db.hs_ticket(span.ticket_id).unwrap().unwrap().content
            }
            (Helpdesk::Hubspot, Field::Note) => {
                let note = db
                    .hs_notes_by_ids(&[span.object_id.unwrap()])
                    .unwrap()
                    .pop()
                    .unwrap();
                assert_eq!(note.ticket_ids, vec![span.ticket_id]);
                note.body
            }
            other => panic!("unexpected field {other:?}"),
        };
        assert_eq!(
            text.get(span.start..span.end),
            Some(span.value.as_str()),
            "{span:?}"
        );
        *kinds
            .entry(match span.kind.as_str() {
                "CREDIT_CARD_NUMBER" => "CREDIT_CARD_NUMBER",
                "US_SOCIAL_SECURITY_NUMBER" => "US_SOCIAL_SECURITY_NUMBER",
                "EMAIL_ADDRESS" => "EMAIL_ADDRESS",
                "PHONE_NUMBER" => "PHONE_NUMBER",
                "IP_ADDRESS" => "IP_ADDRESS",
                "IBAN_CODE" => "IBAN_CODE",
                "US_BANK_ROUTING_MICR" => "US_BANK_ROUTING_MICR",
                "API_KEY" => "API_KEY",
                "CRYPTOGRAPHIC_KEY" => "CRYPTOGRAPHIC_KEY",
                "PASSWORD" => "PASSWORD",
                other => panic!("unknown type {other}"),
            })
            .or_default() += 1;
        match span.kind.as_str() {
            "CREDIT_CARD_NUMBER" => assert!(values::luhn_valid(&span.value), "{}", span.value),
            "IBAN_CODE" => assert!(values::iban_valid(&span.value), "{}", span.value),
            "US_BANK_ROUTING_MICR" => assert!(values::aba_valid(&span.value), "{}", span.value),
            "CRYPTOGRAPHIC_KEY" => {
                assert!(span.value.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
                assert!(span.value.ends_with("\n-----END RSA PRIVATE KEY-----"));
            }
            _ => {}
        }
    }
    assert_eq!(kinds.len(), 10, "every type appears: {kinds:?}");
    let fields: BTreeSet<String> = spans
        .iter()
        .map(|s| format!("{:?}/{:?}", s.helpdesk, s.field))
        .collect();
    assert_eq!(fields.len(), 6, "{fields:?}");
}

#[test]
fn threads_descriptions_languages_and_times_are_realistic() {
    let db = generated(9, 200);
    let tickets = db
        .zd_tickets_after(ZdTicketSort::Id, Order::Asc, None, 200)
        .unwrap();
    assert_eq!(tickets.len(), 200);
    let mut lengths = BTreeSet::new();
    let (mut public, mut private, mut stored_html, mut attachments) = (0, 0, 0, 0);
    for t in &tickets {
        let comments = db.zd_comments_after(t.id, Order::Asc, None, 100).unwrap();
        assert!((1..=50).contains(&comments.len()));
        lengths.insert(comments.len());
        assert_eq!(comments[0].body, t.description);
        assert!(t.updated_at >= t.created_at);
        assert!(comments
            .windows(2)
            .all(|w| w[0].created_at <= w[1].created_at));
        for c in &comments {
            if c.public {
                public += 1
            } else {
                private += 1
            }
            if !c.html_body.contains("<p dir=\"auto\">") {
                stored_html += 1;
            }
            attachments += c.attachments.len();
        }
        let requester = db
            .zd_user(t.requester_id)
            .unwrap()
            .expect("requester exists");
        assert_eq!(requester.role, "end-user");
        assert!(requester.email.contains('@'));
    }
    assert!(lengths.len() > 5, "varied thread lengths: {lengths:?}");
    assert!(public > 0 && private > 0 && stored_html > 0 && attachments > 0);
    let span_days = (tickets.last().unwrap().created_at - tickets[0].created_at) / 86_400_000;
    assert!(span_days > 90, "created over months, got {span_days} days");
    let text: String = tickets.iter().map(|t| t.description.as_str()).collect();
    for marker in ["Hallo", "Bonjour", "Hola", "Hi"] {
        assert!(text.contains(marker), "no {marker} in the generated text");
    }
    // Look-alikes that are not sensitive are part of the text too.
    let lowered = text.to_lowercase();
    assert!(text.contains("INV-"), "invoice numbers");
    assert!(
        lowered.contains("version") || lowered.contains("versión"),
        "version strings"
    );
    let admin = db
        .zd_user_by_email("admin@leakhound-emulator.test")
        .unwrap()
        .expect("admin user");
    assert_eq!(admin.role, "admin");
}

#[test]
fn reusing_a_store_keeps_its_data_and_refuses_other_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.sqlite3");
    let first = synth::generate(&Db::open(&path).unwrap(), &SynthConfig::new(1, 20)).unwrap();
    assert!(!first.reused);
    assert_eq!(first.zendesk_tickets, 20);
    let again = synth::generate(&Db::open(&path).unwrap(), &SynthConfig::new(1, 20)).unwrap();
    assert!(again.reused);
    assert!(synth::generate(&Db::open(&path).unwrap(), &SynthConfig::new(2, 20)).is_err());
}

#[test]
fn redaction_and_edits_keep_the_ground_truth_exact() {
    let db = generated(4, 100);
    let span = ground_truth(&db)
        .into_iter()
        .find(|s| s.field == Field::Comment && s.kind == "CREDIT_CARD_NUMBER")
        .expect("a card in a comment");
    let comment_id = span.object_id.unwrap();
    let before = db
        .ground_truth_of_ticket(Helpdesk::Zendesk, span.ticket_id)
        .unwrap();
    let (comment, count) = db
        .zd_redact_comment_text(comment_id, &span.value)
        .unwrap()
        .unwrap();
    assert!(count >= 1);
    assert!(!comment.body.contains(&span.value));
    assert!(!comment.html_body.contains(&span.value));
    assert!(comment
        .body
        .contains(&"▇".repeat(span.value.chars().count())));
    let after = db
        .ground_truth_of_ticket(Helpdesk::Zendesk, span.ticket_id)
        .unwrap();
    assert_eq!(
        after.len(),
        before.len()
            - before
                .iter()
                .filter(|s| s.object_id == Some(comment_id) && s.value == span.value)
                .count()
    );
    for s in after.iter().filter(|s| s.object_id == Some(comment_id)) {
        assert_eq!(
            comment.body.get(s.start..s.end),
            Some(s.value.as_str()),
            "{s:?}"
        );
    }
}

#[test]
fn phone_numbers_are_valid_for_their_numbering_plan() {
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
    let mut invalid = Vec::new();
    for _ in 0..2000 {
        let number = values::phone(&mut rng);
        // National US formats parse with the US as the default region.
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::US), &number);
        if !parsed.as_ref().is_ok_and(phonenumber::is_valid) {
            invalid.push(number);
        }
    }
    assert!(
        invalid.is_empty(),
        "{} invalid, e.g. {:?}",
        invalid.len(),
        &invalid[..invalid.len().min(10)]
    );
}
