//! Crash safety: a writer is killed with SIGKILL at random moments, and after each kill the
//! database opens cleanly and holds exactly the pages its cursor covers.
//!
//! The writer is this test binary run again with [`CHILD_ENV`] set, executing only
//! [`kill_child_writer`]; without the variable that test does nothing.

use crate::common::*;
use leakhound_store::*;
use rand::Rng;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_ENV: &str = "LEAKHOUND_STORE_KILL_CHILD_DB";
/// Set for every other writer: it first commits the last stored page again.
const REPLAY_ENV: &str = "LEAKHOUND_STORE_KILL_CHILD_REPLAY";
const READY: &str = "leakhound-store-child-ready";
const SOURCE: &str = "emu";
const TICKETS_PER_PAGE: usize = 10;
const PARTS_PER_TICKET: usize = 4;
const FINDINGS_PER_PART: usize = 3;
const KILLS: usize = 20;

/// Page `p` of a deterministic stream: tickets `p*T .. (p+1)*T`, each with a subject and
/// three comments, each with three findings; its cursor names the page.
fn page(store: &dyn Store, p: usize) -> PageCommit {
    let mut page = PageCommit {
        cursor: Some(format!("page:{p}")),
        ..PageCommit::default()
    };
    for t in p * TICKETS_PER_PAGE..(p + 1) * TICKETS_PER_PAGE {
        let id = t.to_string();
        page.tickets.push(ticket(store, &id, t as i64));
        for k in 0..PARTS_PER_TICKET {
            let key = if k == 0 {
                "subject".to_owned()
            } else {
                format!("comment:{t}{k}")
            };
            page.parts
                .push(part(store, &id, &key, &format!("{id}/{key}")));
            for i in 0..FINDINGS_PER_PART {
                page.findings
                    .push(finding(store, &id, &key, i * 30, "CREDIT_CARD_NUMBER"));
            }
        }
    }
    page
}

/// The writer: resumes after the stored cursor like the pipeline does (with [`REPLAY_ENV`],
/// at the last stored page, as a rerun that overlaps would), then commits pages until killed.
#[test]
fn kill_child_writer() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = SqliteStore::open(&path).unwrap();
    let run = store.begin_run(RunKind::Incremental, &[SOURCE]).unwrap();
    store.interrupt_unfinished_runs(Some(run)).unwrap();
    let stored = store
        .cursor(SOURCE)
        .unwrap()
        .map(|c| c.trim_start_matches("page:").parse::<usize>().unwrap());
    let start = match stored {
        None => 0,
        Some(p) if std::env::var_os(REPLAY_ENV).is_some() => p,
        Some(p) => p + 1,
    };
    println!("{READY}");
    for p in start.. {
        store.commit_page(run, SOURCE, &page(&store, p)).unwrap();
    }
}

/// Checks that the store holds pages `0..=n` for cursor `page:n` (none without a cursor),
/// completely and once, and returns `n + 1`.
fn check_consistent(path: &std::path::Path) -> usize {
    let store = SqliteStore::open(path).expect("opens cleanly after a kill");
    store.check_integrity().expect("integrity_check ok");
    let pages = match store.cursor(SOURCE).unwrap() {
        None => 0,
        Some(c) => c.trim_start_matches("page:").parse::<usize>().unwrap() + 1,
    };

    let conn = rusqlite::Connection::open(path).unwrap();
    let count = |table: &str| -> usize {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap() as usize
    };
    // Exact counts: a page stored without its cursor would make them larger, a cursor
    // stored without its page smaller, a duplicate larger.
    let tickets = pages * TICKETS_PER_PAGE;
    assert_eq!(count("tickets"), tickets, "tickets for {pages} pages");
    assert_eq!(
        count("parts"),
        tickets * PARTS_PER_TICKET,
        "parts for {pages} pages"
    );
    assert_eq!(
        count("findings"),
        tickets * PARTS_PER_TICKET * FINDINGS_PER_PART,
        "findings for {pages} pages"
    );
    // And the last covered page is all there, with the right hashes.
    if pages > 0 {
        let expected = page(&store, pages - 1);
        let ids: Vec<&str> = expected
            .tickets
            .iter()
            .map(|t| t.ticket_id.as_str())
            .collect();
        let stored = store.scanned_parts(SOURCE, &ids).unwrap();
        assert_eq!(stored.len(), expected.parts.len());
        for p in &expected.parts {
            assert_eq!(
                stored[&(p.ticket_id.clone(), p.part_key.clone())],
                p.content_hash
            );
        }
    }
    assert!(
        store.unfinished_runs().unwrap().len() <= 1,
        "only the killed writer's run"
    );
    pages
}

#[cfg(unix)]
#[test]
fn kill_9_at_random_moments_never_splits_a_page_from_its_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kill.db");
    // Create the store first so the children share its key and schema.
    drop(SqliteStore::open(&path).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut rng = rand::thread_rng();
    let mut progress = Vec::with_capacity(KILLS);
    for i in 0..KILLS {
        let mut command = Command::new(&exe);
        command
            .args([
                "kill::kill_child_writer",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .env_remove(REPLAY_ENV);
        if i % 2 == 1 {
            command.env(REPLAY_ENV, "1");
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child has opened the store and is about to write, so the kill
        // lands among commits rather than during process start-up. (libtest prints the
        // marker after its "test name ... " prefix, on the same line.)
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = lines.any(|l| l.map(|l| l.contains(READY)).unwrap_or(false));
        assert!(ready, "child did not start: {:?}", child.wait());
        std::thread::sleep(Duration::from_millis(rng.gen_range(5..=50)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success(), "the child was killed, it did not finish");
        drop(lines);

        progress.push(check_consistent(&path));
    }
    eprintln!("pages stored after each kill: {progress:?}");
    assert!(
        progress.last() > progress.first() || progress[0] > 0,
        "the writers made progress: {progress:?}"
    );

    // The next run finds the killed writer's run and marks it interrupted.
    let store = SqliteStore::open(&path).unwrap();
    let unfinished = store.unfinished_runs().unwrap();
    assert_eq!(unfinished.len(), 1);
    let run = store.begin_run(RunKind::Incremental, &[SOURCE]).unwrap();
    assert_eq!(
        store.interrupt_unfinished_runs(Some(run)).unwrap(),
        [unfinished[0].id]
    );
    // Every writer but the last was marked interrupted by its successor.
    let interrupted: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM runs WHERE status = 'interrupted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(interrupted as usize, KILLS);
}
