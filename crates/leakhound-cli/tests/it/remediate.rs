//! `leakhound remediate` against `leakhound emulate`: the dry run changes nothing, `--apply`
//! posts private comments, redacts and e-mails the assignee (an SMTP sink on loopback), a
//! second `--apply` changes nothing, and a run killed with SIGKILL is finished by the next.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use leakhound_store::{FindingFilter, SqliteStore, Store};
use serde_json::Value;

struct Emulator {
    child: Child,
    env: Vec<(String, String)>,
    zendesk_url: String,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_emulator(tickets: u64, latency_ms: u64) -> Emulator {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leakhound"))
        .args(["emulate", "--tickets", &tickets.to_string(), "--seed", "5"])
        .args(["--latency-ms", &latency_ms.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("emulator starts");
    let stdout = child.stdout.take().unwrap();
    let mut env = vec![("ZENDESK_SUBDOMAIN".to_string(), "test".to_string())];
    let mut zendesk_url = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if line == "ready" {
            break;
        }
        let mut words = line.split_whitespace();
        let helpdesk = words.next().unwrap_or_default();
        let url = words.next().unwrap_or_default().to_string();
        let fields: BTreeMap<String, String> = words
            .filter_map(|w| w.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        match helpdesk {
            "hubspot:" => {
                env.push(("HUBSPOT_BASE_URL".into(), url));
                env.push(("HUBSPOT_ACCESS_TOKEN".into(), fields["token"].clone()));
            }
            "zendesk:" => {
                zendesk_url = url.clone();
                env.push(("ZENDESK_BASE_URL".into(), url));
                env.push(("ZENDESK_EMAIL".into(), fields["email"].clone()));
                env.push(("ZENDESK_API_TOKEN".into(), fields["token"].clone()));
            }
            _ => {}
        }
    }
    assert_eq!(env.len(), 6, "emulator printed its URLs: {env:?}");
    Emulator {
        child,
        env,
        zendesk_url,
    }
}

fn leakhound(emu: &Emulator, dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("leakhound"));
    cmd.args(args)
        .arg("--store")
        .arg(dir.join("store.sqlite"))
        .env("LEAKHOUND_AUDIT_LOG", dir.join("audit.jsonl"))
        .env_remove("LEAKHOUND_RULES")
        .envs(emu.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    cmd
}

fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A blocking HTTP call to the emulator (auth as the agent), JSON answer.
fn zendesk(emu: &Emulator, method: &str, path: &str) -> Value {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let env: BTreeMap<&str, &str> = emu
        .env
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let url = format!("{}{path}", emu.zendesk_url);
    rt.block_on(async {
        let client = reqwest::Client::new();
        let req = match method {
            "DELETE" => client.delete(url),
            _ => client.get(url),
        };
        let resp = req
            .basic_auth(
                format!("{}/token", env["ZENDESK_EMAIL"]),
                Some(env["ZENDESK_API_TOKEN"]),
            )
            .send()
            .await
            .unwrap();
        let text = resp.text().await.unwrap();
        serde_json::from_str(&text).unwrap_or(Value::Null)
    })
}

fn write_calls(emu: &Emulator) -> u64 {
    let calls = zendesk(emu, "GET", "/_admin/calls");
    calls["calls"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !k.starts_with("GET "))
        .map(|(_, n)| n.as_u64().unwrap())
        .sum()
}

fn raw_values(dir: &Path) -> BTreeSet<String> {
    let store = SqliteStore::open(dir.join("store.sqlite")).unwrap();
    let mut out = BTreeSet::new();
    store
        .for_each_finding(&FindingFilter::default(), &mut |f| {
            out.extend(f.record.raw_value);
            Ok(())
        })
        .unwrap();
    out
}

/// Leakhound comments per ticket, read through the API.
fn leakhound_comments(emu: &Emulator, tickets: u64) -> BTreeMap<u64, usize> {
    let mut out = BTreeMap::new();
    for t in 1..=tickets {
        let page = zendesk(
            emu,
            "GET",
            &format!("/api/v2/tickets/{t}/comments.json?per_page=100"),
        );
        let n = page["comments"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .filter(|c| {
                        c["body"]
                            .as_str()
                            .is_some_and(|b| b.contains("leakhound-ref: "))
                    })
                    .count()
            })
            .unwrap_or(0);
        if n > 0 {
            out.insert(t, n);
        }
    }
    out
}

#[test]
fn dry_run_changes_nothing_apply_acts_once_and_alerts_reach_the_smtp_sink() {
    let emu = start_emulator(60, 0);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(leakhound(&emu, d, &["scan", "zendesk", "--store-values"])
        .arg("--out")
        .arg(d.join("out")));
    let values = raw_values(d);
    assert!(values.len() > 10);

    zendesk(&emu, "DELETE", "/_admin/calls");
    let plan = ok(&mut leakhound(
        &emu,
        d,
        &[
            "remediate",
            "--source",
            "zendesk",
            "--actions",
            "note,redact,alert",
        ],
    ));
    assert!(plan.contains("dry run: nothing was changed"), "{plan}");
    assert!(plan.contains("redact  comment:"), "{plan}");
    for v in &values {
        assert!(!plan.contains(v.as_str()), "a raw value in the plan");
    }
    let calls = zendesk(&emu, "GET", "/_admin/calls");
    assert_eq!(calls["total"], 0, "the dry run called Zendesk: {calls}");

    let rt = tokio::runtime::Runtime::new().unwrap();
    let sink = rt
        .block_on(leakhound_notify::test_util::SmtpSink::start())
        .unwrap();
    let port = sink.addr().port().to_string();
    let apply = [
        "remediate",
        "--source",
        "zendesk",
        "--actions",
        "note,redact,alert",
        "--apply",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port,
        "--smtp-tls",
        "none",
        "--smtp-from",
        "leakhound@example.test",
    ];
    let out = ok(&mut leakhound(&emu, d, &apply));
    assert!(out.contains("audit log:"), "{out}");
    let mails = sink.messages();
    assert!(!mails.is_empty(), "{out}");
    // Each e-mail goes to the assignee of a ticket it names, and holds no raw value.
    let mut assignees = BTreeMap::new();
    for m in &mails {
        let raw = format!("{m:?}\n{}", m.raw_body());
        for v in &values {
            assert!(!raw.contains(v.as_str()), "a raw value in an e-mail");
        }
        let subject = m.subject().unwrap();
        let ticket = subject.rsplit(' ').next().unwrap().to_string();
        let t = zendesk(&emu, "GET", &format!("/api/v2/tickets/{ticket}.json"));
        let assignee = t["ticket"]["assignee_id"].as_u64().unwrap();
        let user = zendesk(&emu, "GET", &format!("/api/v2/users/{assignee}.json"));
        let email = user["user"]["email"].as_str().unwrap().to_string();
        assert!(m.header("To").unwrap().contains(&email), "{subject}");
        assignees.insert(ticket, email);
    }
    assert_eq!(assignees.len(), mails.len(), "one e-mail per ticket");
    let audit = std::fs::read_to_string(d.join("audit.jsonl")).unwrap();
    for v in &values {
        assert!(!audit.contains(v.as_str()), "a raw value in the audit log");
    }
    let comments = leakhound_comments(&emu, 60);
    assert!(!comments.is_empty() && comments.values().all(|n| *n == 1));

    // Again: nothing to do, no write, no e-mail.
    zendesk(&emu, "DELETE", "/_admin/calls");
    let out = ok(&mut leakhound(&emu, d, &apply));
    assert!(out.contains("nothing to do"), "{out}");
    assert_eq!(write_calls(&emu), 0);
    assert_eq!(sink.messages().len(), mails.len());
    assert_eq!(leakhound_comments(&emu, 60), comments);
}

#[test]
fn a_killed_remediation_is_finished_by_the_next_run_without_repeats() {
    let tickets = 120;
    let emu = start_emulator(tickets, 25);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(leakhound(&emu, d, &["scan", "zendesk"])
        .arg("--out")
        .arg(d.join("out")));
    let apply = ["remediate", "--actions", "note,redact", "--apply"];
    let mut hit_running = 0;
    for delay_ms in [600u64, 900, 400, 1300] {
        let mut child = leakhound(&emu, d, &apply)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            hit_running += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    assert!(
        hit_running >= 2,
        "only {hit_running} kills hit a running remediation"
    );
    ok(&mut leakhound(&emu, d, &apply));
    let out = ok(&mut leakhound(&emu, d, &apply));
    assert!(out.contains("nothing to do"), "{out}");

    // Every ticket with findings got exactly one private comment (closed ones none).
    let comments = leakhound_comments(&emu, tickets);
    assert!(comments.len() > 20, "{comments:?}");
    assert!(comments.values().all(|n| *n == 1), "{comments:?}");
    // Redacted values are gone: a fresh scan of the comments finds none of them.
    let store = SqliteStore::open(d.join("store.sqlite")).unwrap();
    let entries = store.audit_entries(0, 1_000_000).unwrap();
    let redacted = entries
        .iter()
        .filter(|e| e.entry.event == "remediation.redact.done")
        .count();
    assert!(redacted > 0);
}

#[test]
fn demo_remediate_leaves_none_of_the_redacted_values() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin("leakhound"))
        .args(["demo", "--tickets", "80", "--remediate", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("rescan of the "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let (_, rest) = line.split_once(": ").unwrap();
    let mut words = rest.split_whitespace();
    let still: u64 = words.next().unwrap().parse().unwrap();
    assert_eq!(words.next(), Some("of"));
    let total: u64 = words.next().unwrap().parse().unwrap();
    assert!(total > 0, "{line}");
    assert_eq!(still, 0, "{line}");
}
