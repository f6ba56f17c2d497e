//! Scans a file with the default rules, ticket by ticket (tickets separated by blank lines),
//! a number of times, and prints MB/s: a driver for profilers (`perf record`, callgrind).
//!
//! ```text
//! LEAKHOUND_BENCH_DUMP=/tmp cargo bench -p leakhound-engine --bench scan -- compile
//! cargo run --release -p leakhound-engine --example scan_file -- /tmp/dense-ascii.txt 5
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='scan_file::scan_all' \
//!     target/release/examples/scan_file /tmp/dense-ascii.txt 1
//! ```
//!
//! Callgrind counts instructions, which stay the same however busy the machine is. Each round
//! is timed alone and the best and median rounds are printed. `LEAKHOUND_DETECTORS=A,B`
//! scans with those native detectors only; `LEAKHOUND_LIST=1` prints every finding (ticket,
//! range, detector, confidence) to stderr, to compare two builds line by line.
//! `LEAKHOUND_ONE_BY_ONE=1` scans ticket by ticket with `scan` instead of all tickets with
//! `scan_many` (the list is the same either way: a test holds them to it);
//! `LEAKHOUND_WALK_ONLY=1` times the walk of `scan_many` alone (where matches start).
//! `LEAKHOUND_CUSTOM_REGEX=PATTERN` adds a custom regex detector to the rules.

use leakhound_engine::{ScanPolicy, Scanner};
use std::time::Instant;

/// The allocator the `leakhound` binary ships with (see `leakhound-cli`'s `main.rs`), so that
/// the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: scan_file FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("scan_file: cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let tickets: Vec<&str> = text.split("\n\n").collect();
    // `LEAKHOUND_DETECTORS=CREDIT_CARD_NUMBER,EMAIL_ADDRESS`: only these natives.
    let mut policy = ScanPolicy::default_rules();
    if let Ok(names) = std::env::var("LEAKHOUND_DETECTORS") {
        policy.rules[0].detectors = names
            .split(',')
            .map(|n| leakhound_engine::DetectorSpec::native(n.trim()))
            .collect();
    }
    // `LEAKHOUND_CUSTOM_REGEX='\bREF-\d+\b'`: a custom regex detector besides (as a user's
    // rule file adds one).
    if let Ok(pattern) = std::env::var("LEAKHOUND_CUSTOM_REGEX") {
        policy.rules[0]
            .detectors
            .push(leakhound_engine::DetectorSpec::new(
                leakhound_engine::DetectorKind::Regex(leakhound_engine::RegexSpec {
                    pattern,
                    case_sensitive: true,
                }),
            ));
    }
    let scanner = match Scanner::new(&policy) {
        Ok(scanner) => scanner,
        Err(e) => {
            eprintln!("scan_file: {e}");
            std::process::exit(1);
        }
    };
    // One unmeasured round builds the lazy DFA states and the phone metadata.
    std::hint::black_box(scan_each(&scanner, &tickets));
    // Each round timed alone: on a busy machine the fastest round is the steadiest figure.
    let mut seconds = Vec::with_capacity(rounds);
    let mut findings = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        findings += scan_all(&scanner, &tickets);
        seconds.push(started.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    // `LEAKHOUND_LIST=1`: one line per finding (ticket, range, detector) to compare engines.
    if std::env::var_os("LEAKHOUND_LIST").is_some() {
        for (index, outcome) in scan_each(&scanner, &tickets).into_iter().enumerate() {
            for f in outcome.findings {
                eprintln!(
                    "{index} {:?} {} {}",
                    f.byte_range, f.detector.name, f.confidence
                );
            }
        }
    }
    let megabytes = text.len() as f64 / 1e6;
    // No timed round (`ROUNDS` 0): compiling and the warm-up round only, for profiling them.
    if seconds.is_empty() {
        println!(
            "{} tickets, {megabytes:.1} MB: no timed round",
            tickets.len()
        );
        return;
    }
    println!(
        "{} tickets, {megabytes:.1} MB x {rounds}: {findings} findings, best {:.1} MB/s, median {:.1} MB/s",
        tickets.len(),
        megabytes / seconds[0],
        megabytes / seconds[seconds.len() / 2],
    );
}

/// One round of the measured work, kept out of line so that `valgrind --tool=callgrind
/// --collect-atstart=no --toggle-collect=scan_file::scan_all` counts only it.
#[inline(never)]
fn scan_all(scanner: &Scanner, tickets: &[&str]) -> usize {
    if std::env::var_os("LEAKHOUND_WALK_ONLY").is_some() {
        return scanner.match_starts_walk(tickets);
    }
    scan_each(scanner, tickets)
        .iter()
        .map(|outcome| outcome.findings.len())
        .sum()
}

/// Every ticket's outcome, by `scan_many`, or by `scan` on each with `LEAKHOUND_ONE_BY_ONE`.
fn scan_each(scanner: &Scanner, tickets: &[&str]) -> Vec<leakhound_engine::ScanOutcome> {
    if std::env::var_os("LEAKHOUND_ONE_BY_ONE").is_some() {
        tickets.iter().map(|ticket| scanner.scan(ticket)).collect()
    } else {
        scanner.scan_many(tickets)
    }
}
