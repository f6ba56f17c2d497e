//! A helpdesk scan killed with SIGKILL at any moment loses nothing and duplicates nothing:
//! the next run resumes from the last stored page and the store ends up exactly as after one
//! uninterrupted scan.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

struct Emulator {
    child: Child,
    env: Vec<(String, String)>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_emulator(tickets: u64, latency_ms: u64) -> Emulator {
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let mut child = Command::new(bin)
        .args([
            "emulate",
            "--tickets",
            &tickets.to_string(),
            "--seed",
            "3",
            "--latency-ms",
            &latency_ms.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("emulator starts");
    let stdout = child.stdout.take().unwrap();
    let mut env = vec![("ZENDESK_SUBDOMAIN".to_string(), "test".to_string())];
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if line == "ready" {
            break;
        }
        let mut words = line.split_whitespace();
        let helpdesk = words.next().unwrap_or_default();
        let url = words.next().unwrap_or_default().to_string();
        let fields: Vec<(String, String)> = words
            .filter_map(|w| w.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let get = |k: &str| {
            fields
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        match helpdesk {
            "hubspot:" => {
                env.push(("HUBSPOT_BASE_URL".into(), url));
                env.push(("HUBSPOT_ACCESS_TOKEN".into(), get("token")));
            }
            "zendesk:" => {
                env.push(("ZENDESK_BASE_URL".into(), url));
                env.push(("ZENDESK_EMAIL".into(), get("email")));
                env.push(("ZENDESK_API_TOKEN".into(), get("token")));
            }
            _ => {}
        }
    }
    assert_eq!(
        env.len(),
        6,
        "emulator printed its URLs and credentials: {env:?}"
    );
    Emulator { child, env }
}

fn scan_command(emu: &Emulator, source: &str, store: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("leakhound"));
    cmd.args(["scan", source, "--store"])
        .arg(store)
        .arg("--out")
        .arg(out);
    cmd.envs(emu.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    cmd
}

fn sorted_lines(path: &Path) -> Vec<String> {
    let mut lines: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_killed_scan_resumes_without_missing_or_duplicating() {
    let emu = start_emulator(1200, 40);
    let dir = tempfile::tempdir().unwrap();
    for source in ["hubspot", "zendesk"] {
        let killed_store = dir.path().join(format!("{source}-killed.sqlite"));
        let killed_out = dir.path().join(format!("{source}-killed"));
        // The uninterrupted scan first: its findings are the expected ones, and its duration
        // places the kill points, so that they fall inside the run however fast the build is
        // (a release build scans these tickets in about a second, a debug build in several).
        let clean_store = dir.path().join(format!("{source}-clean.sqlite"));
        let clean_out = dir.path().join(format!("{source}-clean"));
        let started = Instant::now();
        let clean = scan_command(&emu, source, &clean_store, &clean_out)
            .arg("--full")
            .output()
            .unwrap();
        let clean_run = started.elapsed();
        assert!(
            clean.status.success(),
            "{}",
            String::from_utf8_lossy(&clean.stderr)
        );

        let mut hit_running = 0;
        // Kill points spread over the run, as shares of the clean run's duration (in a fixed
        // order, so a failure can be replayed). Each run resumes where the last one stopped,
        // so the first three at least still find work to do.
        for (i, percent) in [12u32, 30, 45, 20, 70, 38].into_iter().enumerate() {
            let delay = clean_run * percent / 100;
            let mut cmd = scan_command(&emu, source, &killed_store, &killed_out);
            let mut child = cmd
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(delay);
            if child.try_wait().unwrap().is_none() {
                hit_running += 1;
            }
            child.kill().unwrap(); // SIGKILL
            let status = child.wait().unwrap();
            assert!(
                status.code().is_none() || status.success(),
                "run {i} of {source}: {status:?}"
            );
        }
        assert!(
            hit_running >= 3,
            "{source}: only {hit_running} kills hit a running scan (clean run {clean_run:?})"
        );
        let finish = scan_command(&emu, source, &killed_store, &killed_out)
            .output()
            .unwrap();
        assert!(
            finish.status.success(),
            "{}",
            String::from_utf8_lossy(&finish.stderr)
        );

        let killed = sorted_lines(&killed_out.join("findings.jsonl"));
        let expected = sorted_lines(&clean_out.join("findings.jsonl"));
        assert!(
            expected.len() > 100,
            "{source}: the clean scan found {}",
            expected.len()
        );
        let mut deduped = killed.clone();
        deduped.dedup();
        assert_eq!(
            deduped.len(),
            killed.len(),
            "{source}: duplicate findings after kills"
        );
        assert_eq!(
            killed.len(),
            expected.len(),
            "{source}: finding count differs after kills"
        );
        assert!(killed == expected, "{source}: findings differ after kills");
    }
}
