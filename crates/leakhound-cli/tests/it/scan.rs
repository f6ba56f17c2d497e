use crate::{leakhound, run};
use std::io::Write;

#[test]
fn the_issue_example_prints_one_card_at_5_to_24_without_the_number() {
    let (code, stdout, _) = run(leakhound()
        .args(["scan", "-", "--format", "jsonl"])
        .write_stdin("card 4111 1111 1111 1111 ok"));
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["detector"]["name"], "CREDIT_CARD_NUMBER");
    assert_eq!(v["location"]["byteRange"]["start"], 5);
    assert_eq!(v["location"]["byteRange"]["end"], 24);
    assert_eq!(v["location"]["codepointRange"]["end"], 24);
    assert_eq!(v["source"], "-");
    assert!(v.get("finding").is_none());
    assert!(!stdout.contains("4111 1111 1111 1111"));
    assert!(!stdout.contains("4111111111111111"));
}

#[test]
fn show_values_is_an_explicit_opt_in() {
    let (_, stdout, _) = run(leakhound()
        .args(["scan", "-", "--format", "jsonl", "--show-values"])
        .write_stdin("card 4111 1111 1111 1111 ok"));
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["finding"], "4111 1111 1111 1111");
}

#[test]
fn exit_code_on_findings_only_when_asked() {
    let (code, _, _) = run(leakhound()
        .args(["scan", "-", "--exit-code", "7"])
        .write_stdin("4111 1111 1111 1111"));
    assert_eq!(code, 7);
    let (code, _, _) = run(leakhound()
        .args(["scan", "-", "--exit-code", "7"])
        .write_stdin("nothing to see"));
    assert_eq!(code, 0);
}

#[test]
fn sample_as_table() {
    let (code, stdout, stderr) = run(leakhound().args(["scan", "samples/tickets.txt"]));
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("sample_table", stdout);
}

#[test]
fn sample_as_jsonl_with_explanations() {
    let (_, stdout, _) = run(leakhound().args([
        "scan",
        "samples/tickets.txt",
        "--format",
        "jsonl",
        "--explain",
        "--context-bytes",
        "12",
    ]));
    insta::assert_snapshot!("sample_jsonl", stdout);
}

#[test]
fn sample_as_csv() {
    let (_, stdout, _) = run(leakhound().args(["scan", "samples/tickets.txt", "--format", "csv"]));
    assert!(
        stdout.starts_with("source,location,byte_start,byte_end,detector,confidence,fragment\n")
    );
    insta::assert_snapshot!("sample_csv", stdout);
}

#[test]
fn directories_are_walked_and_binary_files_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "card 4111 1111 1111 1111").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/b.log"), "amex: 3782 822463 10005").unwrap();
    std::fs::write(
        dir.path().join("blob.bin"),
        b"\x00\x01card 4111 1111 1111 1111",
    )
    .unwrap();
    let (code, stdout, _) = run(leakhound()
        .args(["scan", "--format", "csv"])
        .arg(dir.path()));
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(stdout.contains("a.txt"));
    assert!(stdout.contains("b.log"));
    assert!(!stdout.contains("blob.bin"));
}

#[test]
fn a_rule_file_selects_detectors() {
    let mut rules = tempfile::NamedTempFile::new().unwrap();
    write!(
        rules,
        r#"
[[detectionRules]]
name = "Ticket codes"
[[detectionRules.detectors]]
detectorType = "REGEX"
displayName = "Ticket code"
regex = {{ pattern = "TK-[0-9]{{6}}", isCaseSensitive = true }}
"#
    )
    .unwrap();
    let (code, stdout, stderr) = run(leakhound()
        .args(["scan", "-", "--format", "jsonl", "--rules"])
        .arg(rules.path())
        .write_stdin("see TK-123456 and 4111 1111 1111 1111"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains(r#""name":"Ticket code""#));
    assert!(stdout.contains(r#""matchedDetectionRules":["Ticket codes"]"#));
}

#[test]
fn errors_are_one_line_on_stderr_with_exit_2() {
    let mut rules = tempfile::NamedTempFile::new().unwrap();
    write!(
        rules,
        "[[detectionRules]]\n[[detectionRules.detectors]]\nnightfallDetector = \"NOPE\"\n"
    )
    .unwrap();
    let (code, stdout, stderr) = run(leakhound()
        .args(["scan", "-", "--rules"])
        .arg(rules.path())
        .write_stdin("x"));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("unknown native detector \"NOPE\""),
        "{stderr}"
    );

    let mut bad_regex = tempfile::NamedTempFile::new().unwrap();
    write!(bad_regex, "[[detectionRules]]\nname = \"R\"\n[[detectionRules.detectors]]\nregex = {{ pattern = \"(oops\" }}\n").unwrap();
    let (code, _, stderr) = run(leakhound()
        .args(["scan", "-", "--rules"])
        .arg(bad_regex.path())
        .write_stdin("x"));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("detection rule \"R\"") && stderr.contains("invalid regex"),
        "{stderr}"
    );

    let mut not_toml = tempfile::NamedTempFile::new().unwrap();
    write!(not_toml, "this is = = not toml").unwrap();
    let (code, _, stderr) = run(leakhound()
        .args(["scan", "-", "--rules"])
        .arg(not_toml.path())
        .write_stdin("x"));
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let (code, _, stderr) = run(leakhound().args(["scan", "does/not/exist"]));
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim(),
        "leakhound: error: does/not/exist: no such file or directory"
    );
}
