use crate::{leakhound, run};

fn eval_json(args: &[&str]) -> (i32, serde_json::Value) {
    let (code, stdout, stderr) = run(leakhound().args(["eval", "--format", "json"]).args(args));
    assert!(stderr.is_empty(), "{stderr}");
    (code, serde_json::from_str(&stdout).expect("JSON report"))
}

#[test]
fn scores_a_small_generated_corpus() {
    let (code, j) = eval_json(&["--count", "300", "--seed", "5"]);
    assert_eq!(code, 0);
    assert_eq!(j["corpus"]["tickets"], 300);
    assert!(j["corpus"]["hard_negative_tickets"].as_u64().unwrap() >= 120);
    let detectors = j["detectors"].as_array().unwrap();
    assert!(detectors.len() >= leakhound_corpus_count());
    let email = detectors
        .iter()
        .find(|d| d["detector"] == "EMAIL_ADDRESS")
        .unwrap();
    assert_eq!(email["implemented"], true);
    assert!(email["support"].as_u64().unwrap() > 0);
    assert!(email["overlap"]["recall"].as_f64().unwrap() > 0.5);
    for d in detectors {
        for m in ["exact", "overlap"] {
            let f1 = d[m]["f1"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&f1), "{d}");
        }
        // Exact matching never finds more than overlap matching.
        assert!(
            d["exact"]["tp"].as_u64() <= d["overlap"]["tp"].as_u64(),
            "{d}"
        );
    }
    let f2 = j["type_agnostic"]["f2"].as_f64().unwrap();
    assert!(f2 > 0.0 && f2 <= 1.0);
    assert!(j["hard_negatives"]["megabytes"].as_f64().unwrap() > 0.0);
    assert!(j["targets"].is_null());
}

/// The number of detector types the corpus labels (spec names plus PASSWORD).
fn leakhound_corpus_count() -> usize {
    62
}

#[test]
fn targets_decide_the_exit_code() {
    let small = ["--count", "120", "--seed", "9"];
    let (code, j) = eval_json(
        &[
            &small[..],
            &[
                "--min-micro-f1",
                "0",
                "--min-f1",
                "0",
                "--max-fp-per-mb",
                "1e9",
            ],
        ]
        .concat(),
    );
    assert_eq!(code, 0);
    assert_eq!(j["targets"]["met"], true);
    let (code, j) = eval_json(&[&small[..], &["--min-micro-f1", "1.5"]].concat());
    assert_eq!(code, 1);
    assert_eq!(j["targets"]["met"], false);
    assert!(j["targets"]["misses"][0]
        .as_str()
        .unwrap()
        .starts_with("micro F1"));
}

#[test]
fn a_written_corpus_reads_back_to_the_same_scores() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.jsonl");
    let file = file.to_str().unwrap();
    let (_, generated) = eval_json(&["--count", "150", "--seed", "2", "--write-corpus", file]);
    let (_, read) = eval_json(&["--corpus", file]);
    assert_eq!(generated, read);
    let (code, _, stderr) = run(leakhound().args(["eval", "--corpus", "/nonexistent/c.jsonl"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read corpus"), "{stderr}");
}

#[test]
fn table_markdown_and_help() {
    let (code, stdout, _) = run(leakhound().args([
        "eval", "--count", "100", "--format", "markdown", "--errors", "1",
    ]));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("| detector | support |"), "{stdout}");
    // Types without findings say why: not implemented, or not in the rules.
    for (at, _) in stdout.match_indices("(not ") {
        let rest = &stdout[at..];
        assert!(
            rest.starts_with("(not implemented)") || rest.starts_with("(not in the rules)"),
            "{rest}"
        );
    }
    assert!(stdout.contains("type-agnostic"));
    assert!(stdout.contains("errors (overlap matching"));
    let (_, table, _) = run(leakhound().args(["eval", "--count", "100"]));
    assert!(table.starts_with("detector"));
    assert!(table.contains("micro (all types)"));
    let (_, help, _) = run(leakhound().args(["eval", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for word in [
        "exact",
        "overlap",
        "F2",
        "hard negatives",
        "--check-targets",
    ] {
        assert!(help.contains(word), "{word} in {help}");
    }
}

/// Another tool's findings are scored by the same code.
#[test]
fn scores_findings_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let corpus = corpus.to_str().unwrap();
    run(leakhound().args([
        "eval",
        "--count",
        "40",
        "--seed",
        "4",
        "--write-corpus",
        corpus,
    ]));
    let text = std::fs::read_to_string(corpus).unwrap();
    let first: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|t| !t["spans"].as_array().unwrap().is_empty())
        .unwrap();
    let span = &first["spans"][0];
    let findings = dir.path().join("findings.jsonl");
    std::fs::write(
        &findings,
        format!(
            "{}\n{}\n",
            serde_json::json!({"ticket": first["id"], "start": span["start"], "end": span["end"], "detector": span["detector"]}),
            serde_json::json!({"ticket": first["id"], "start": 0, "end": 1, "detector": "MADE_UP"}),
        ),
    )
    .unwrap();
    let (code, j) = eval_json(&["--corpus", corpus, "--findings", findings.to_str().unwrap()]);
    assert_eq!(code, 0);
    let row = |name: &str| {
        j["detectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["detector"] == name)
            .unwrap()
            .clone()
    };
    let hit = row(span["detector"].as_str().unwrap());
    assert_eq!(hit["implemented"], true);
    assert_eq!(hit["exact"]["tp"], 1);
    assert_eq!(hit["exact"]["fp"], 0);
    let made_up = row("MADE_UP");
    assert_eq!(
        (
            made_up["support"].as_u64(),
            made_up["overlap"]["fp"].as_u64()
        ),
        (Some(0), Some(1))
    );
    assert_eq!(j["micro"]["overlap"]["tp"], 1);
}
