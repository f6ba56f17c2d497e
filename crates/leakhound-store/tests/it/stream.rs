use crate::common::*;
use leakhound_store::*;

#[test]
fn a_hundred_thousand_findings_stream_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("s.db")).unwrap();
    let run = store.begin_run(RunKind::Full, &["a", "b"]).unwrap();
    let detectors = ["CREDIT_CARD_NUMBER", "EMAIL_ADDRESS"];
    // 2 sources × 100 pages × 100 tickets × 1 part × 5 findings = 100,000. Tickets are
    // committed out of order so the order comes from the store, not from insertion.
    for source in ["b", "a"] {
        for p in (0..100).rev() {
            let mut page = PageCommit::default();
            for t in 0..100 {
                let id = format!("{}", p * 100 + t);
                page.tickets.push(ticket(&store, &id, 1));
                page.parts.push(part(&store, &id, "content", &id));
                for k in 0..5 {
                    page.findings.push(finding(
                        &store,
                        &id,
                        "content",
                        100 - k * 20,
                        detectors[k % 2],
                    ));
                }
            }
            store.commit_page(run, source, &page).unwrap();
        }
    }

    let filter = FindingFilter::default();
    assert_eq!(store.count_findings(&filter).unwrap(), 100_000);
    let mut n = 0u64;
    let mut last: Option<(String, String, String, usize, usize, String)> = None;
    store
        .for_each_finding(&filter, &mut |f| {
            let key = (
                f.source,
                f.record.ticket_id,
                f.record.part_key,
                f.record.byte_range.start,
                f.record.byte_range.end,
                f.record.detector,
            );
            if let Some(prev) = &last {
                assert!(*prev < key, "out of order at {n}: {prev:?} then {key:?}");
            }
            last = Some(key);
            n += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(n, 100_000);

    // The callback can stop the stream with its own error, and may call the store.
    let mut seen = 0;
    let err = store
        .for_each_finding(&filter, &mut |_| {
            seen += 1;
            store.cursor("a")?;
            if seen == 1500 {
                return Err(Error::consumer(std::io::Error::other("disk full")));
            }
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, Error::Consumer(_)));
    assert_eq!(seen, 1500);
}
