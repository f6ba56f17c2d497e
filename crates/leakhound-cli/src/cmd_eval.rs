//! `leakhound eval`: precision, recall and F1 of the detectors on the labelled corpus of
//! synthetic support tickets (`leakhound-corpus`), with exact-span and overlap matching.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use leakhound_corpus::{Ticket, DETECTORS};
use leakhound_engine::{Confidence, ScanPolicy, Scanner};
use leakhound_pipeline::eval::{evaluate_with, Counts, Evaluation, GoldSpan, Matching, Predicted};
use rayon::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code when `--check-targets` (or a threshold flag) finds a target missed.
const EXIT_TARGETS_MISSED: u8 = 1;

/// The targets of issue #6.
const TARGET_MICRO_F1: f64 = 0.97;
const TARGET_DETECTOR_F1: f64 = 0.90;
const TARGET_MIN_SUPPORT: u64 = 30;
const TARGET_FP_PER_MB: f64 = 1.0;

/// `leakhound eval --help`: what the command measures and how (set on the subcommand in
/// main.rs, whose doc comment would otherwise replace it).
pub const LONG_ABOUT: &str =
    "Measure how well the detectors do on a labelled corpus of synthetic support tickets.

The corpus (crate leakhound-corpus) is generated deterministically from --seed: e-mails, chats, \
web forms, pasted logs and CSV snippets in seven languages, with a gold span (byte range + \
detector name) on every sensitive value and valid check digits where the type has them. At \
least 40% of the tickets hold only hard negatives: order and invoice numbers, tracking codes, \
UUIDs, hashes, timestamps, versions, phone-shaped product codes, Luhn-valid references, \
documentation example keys.

Every ticket is scanned with every native detector at LIKELY (the default rules plus the \
opt-in detectors: names, places, plain dates, diagnosis and drug words, and the combinations \
PROTECTED_HEALTH_INFORMATION and HIPAA_DEFINED_PII), or with --rules, and the findings are \
scored per detector:
  support    gold spans of the type
  TP/FP/FN   true positives, false positives, false negatives
  P, R, F1   precision TP/(TP+FP), recall found/support, F1 = 2PR/(P+R)
with two matchings: exact (the finding's byte range equals the gold span's) and overlap (they \
share a byte). Then micro F1 (over all findings), macro F1 (mean over types with support), a \
type-agnostic F2 (any finding on any gold span counts; recall weighs 4× precision: did \
anything sensitive slip through?) and false positives per MB of hard-negative tickets.

A finding of a closely related type on a gold span (DATE on a date of birth, PASSWORD in a \
connection string, PROTECTED_HEALTH_INFORMATION on a diagnosis code, …) is neither a hit nor \
an error; see leakhound_corpus::tolerated.

Detectors the engine does not implement yet are listed with their support and 0 found.";

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  leakhound eval                                   the default corpus, a table
  leakhound eval --format markdown > table.md      for docs/accuracy.md
  leakhound eval --check-targets                   exit 1 unless issue #6's targets are met
  leakhound eval --write-corpus corpus.jsonl       keep the corpus (JSON Lines) for other tools
  leakhound eval --corpus corpus.jsonl --rules rules.toml")]
pub struct EvalArgs {
    /// Read the corpus from this JSON Lines file instead of generating it (one ticket per
    /// line: id, channel, lang, style, hard_negative, text, spans [{start, end, detector}],
    /// decoys).
    #[arg(long, value_name = "FILE.jsonl", conflicts_with_all = ["seed", "count"])]
    pub corpus: Option<PathBuf>,

    /// Score another tool's findings instead of scanning: JSON Lines of `ticket`, `start`,
    /// `end` (UTF-8 byte offsets) and `detector` (a native detector name). Types that occur
    /// in the file count as implemented.
    #[arg(long, value_name = "FILE.jsonl", conflicts_with_all = ["rules", "min_confidence"])]
    pub findings: Option<PathBuf>,

    /// Also write the corpus to this JSON Lines file.
    #[arg(long, value_name = "FILE.jsonl")]
    pub write_corpus: Option<PathBuf>,

    /// Seed of the generated corpus.
    #[arg(long, default_value_t = leakhound_corpus::DEFAULT_SEED)]
    pub seed: u64,

    /// Number of generated tickets.
    #[arg(long, default_value_t = leakhound_corpus::DEFAULT_COUNT)]
    pub count: usize,

    /// A TOML rule file to scan with instead of every native detector at LIKELY, the
    /// combinations included.
    #[arg(long, value_name = "FILE", env = "LEAKHOUND_RULES")]
    pub rules: Option<PathBuf>,

    /// Count findings at or above this confidence instead of the rules' own thresholds.
    #[arg(long, value_name = "LEVEL", value_parser = crate::cmd_scan::parse_confidence)]
    pub min_confidence: Option<Confidence>,

    /// Score only the detector types the scanner implements (drops the gold of the others).
    #[arg(long)]
    pub only_implemented: bool,

    /// Output: `table` for a terminal, `markdown` for docs, `json` for scripts.
    #[arg(long, short, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,

    /// After the table, show up to N missed values (FN) and false positives (FP) per
    /// detector, with their ticket and surrounding text (the corpus is synthetic). For
    /// detector authors.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,

    /// Exit 1 unless issue #6's targets are met: micro F1 ≥ 0.97, F1 ≥ 0.90 for every
    /// detector with support ≥ 30, ≤ 1 false positive per MB of hard negatives (overlap
    /// matching).
    #[arg(long)]
    pub check_targets: bool,

    /// Micro-F1 target (implies --check-targets).
    #[arg(long, value_name = "F1")]
    pub min_micro_f1: Option<f64>,

    /// Per-detector F1 target for detectors with support ≥ 30 (implies --check-targets).
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,

    /// False-positive budget per MB of hard-negative text (implies --check-targets).
    #[arg(long, value_name = "N")]
    pub max_fp_per_mb: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Markdown,
    Json,
}

/// Everything `leakhound eval` reports.
pub struct Report {
    pub tickets: usize,
    pub hard_negative_tickets: usize,
    pub hard_negative_bytes: usize,
    /// Per type: (scanned, exact counts, overlap counts).
    pub rows: Vec<(String, bool, Counts, Counts)>,
    /// Types the engine implements (scanned or not): a type not scanned but known is "not in
    /// the rules" (such as the combination detectors under --rules that do not name them), else
    /// "not implemented".
    pub known: BTreeSet<String>,
    pub exact: Evaluation,
    pub overlap: Evaluation,
    pub agnostic: Counts,
    pub hard_negative_fps: u64,
    pub fps_by_decoy: BTreeMap<String, u64>,
    /// Missed gold spans and false positives (overlap matching), in corpus order.
    pub errors: Vec<ErrorSample>,
}

/// One missed value or false positive, for `--errors`.
pub struct ErrorSample {
    pub detector: String,
    /// `FN` or `FP`.
    pub what: &'static str,
    pub ticket: String,
    pub value: String,
    /// The value in up to 40 bytes of surrounding text, newlines shown as ⏎.
    pub context: String,
}

fn sample(
    t: &Ticket,
    range: std::ops::Range<usize>,
    detector: &str,
    what: &'static str,
) -> ErrorSample {
    let text = &t.text;
    let mut a = range.start.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (range.end + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let show = |s: &str| s.replace('\n', "⏎");
    ErrorSample {
        detector: detector.to_string(),
        what,
        ticket: t.id.clone(),
        value: show(&text[range.clone()]),
        context: format!(
            "{}[{}]{}",
            show(&text[a..range.start]),
            show(&text[range.clone()]),
            show(&text[range.end..b])
        ),
    }
}

impl Report {
    /// Why a type was not scanned, or `None` when it was.
    pub fn status(&self, name: &str, scanned: bool) -> Option<&'static str> {
        match (scanned, self.known.contains(name)) {
            (true, _) => None,
            (false, true) => Some("not in the rules"),
            (false, false) => Some("not implemented"),
        }
    }

    pub fn fp_per_mb(&self) -> f64 {
        if self.hard_negative_bytes == 0 {
            0.0
        } else {
            self.hard_negative_fps as f64 / (self.hard_negative_bytes as f64 / 1e6)
        }
    }

    /// Mean F1 over the types with support.
    pub fn macro_f1(&self, exact: bool) -> f64 {
        let f: Vec<f64> = self
            .rows
            .iter()
            .map(|(_, _, e, o)| if exact { e } else { o })
            .filter(|c| c.gold() > 0)
            .map(Counts::f1)
            .collect();
        if f.is_empty() {
            0.0
        } else {
            f.iter().sum::<f64>() / f.len() as f64
        }
    }
}

pub fn run(args: &EvalArgs) -> Result<ExitCode> {
    let tickets = match &args.corpus {
        Some(path) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot read corpus {}", path.display()))?;
            leakhound_corpus::read_jsonl(std::io::BufReader::new(file))
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => leakhound_corpus::generate(args.seed, args.count),
    };
    if let Some(path) = &args.write_corpus {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write corpus {}", path.display()))?;
        leakhound_corpus::write_jsonl(&tickets, std::io::BufWriter::new(file))
            .with_context(|| format!("cannot write corpus {}", path.display()))?;
    }
    let report = match &args.findings {
        Some(path) => {
            let (findings, implemented) = read_findings(path, &tickets)?;
            let mut r = score_findings(&tickets, &findings, &implemented, args.only_implemented);
            r.known = implemented;
            r
        }
        None => {
            let policy = match &args.rules {
                Some(_) => {
                    crate::cmd_scan::load_policy(args.rules.as_deref(), args.min_confidence, None)?
                }
                None => {
                    let mut policy = ScanPolicy::every_detector();
                    if let Some(confidence) = args.min_confidence {
                        for d in &mut policy.rules[0].detectors {
                            d.min_confidence = confidence;
                        }
                    }
                    policy
                }
            };
            let scanner = Scanner::new(&policy).map_err(|e| anyhow::anyhow!("{e}"))?;
            score(&tickets, &scanner, args.only_implemented)
        }
    };

    let check = args.check_targets
        || args.min_micro_f1.is_some()
        || args.min_f1.is_some()
        || args.max_fp_per_mb.is_some();
    let targets = Targets {
        micro_f1: args.min_micro_f1.unwrap_or(TARGET_MICRO_F1),
        detector_f1: args.min_f1.unwrap_or(TARGET_DETECTOR_F1),
        fp_per_mb: args.max_fp_per_mb.unwrap_or(TARGET_FP_PER_MB),
    };
    let misses = targets.misses(&report);
    let mut out = anstream::stdout();
    match args.format {
        EvalFormat::Json => {
            let mut j = to_json(&report, check.then_some((&targets, &misses)));
            if args.errors > 0 {
                j["errors"] = errors_json(&report, args.errors);
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&j)?)?;
        }
        EvalFormat::Table => print_table(&mut out, &report, false)?,
        EvalFormat::Markdown => print_table(&mut out, &report, true)?,
    }
    if args.errors > 0 && args.format != EvalFormat::Json {
        print_errors(&mut out, &report, args.errors)?;
    }
    if check && args.format != EvalFormat::Json {
        if misses.is_empty() {
            writeln!(out, "\ntargets met.")?;
        } else {
            writeln!(out, "\ntargets missed ({}):", misses.len())?;
            for m in &misses {
                writeln!(out, "  {m}")?;
            }
        }
    }
    Ok(if check && !misses.is_empty() {
        ExitCode::from(EXIT_TARGETS_MISSED)
    } else {
        ExitCode::SUCCESS
    })
}

/// Findings per ticket: byte range and detector type.
type TicketFindings = Vec<Vec<(std::ops::Range<usize>, String)>>;

/// Reads another tool's findings (JSON Lines: `ticket`, `start`, `end`, `detector`; byte
/// offsets) and returns them per ticket, with the set of types that occur in them.
fn read_findings(
    path: &std::path::Path,
    tickets: &[Ticket],
) -> Result<(TicketFindings, BTreeSet<String>)> {
    #[derive(serde::Deserialize)]
    struct Line {
        ticket: String,
        start: usize,
        end: usize,
        detector: String,
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read findings {}", path.display()))?;
    let index: BTreeMap<&str, usize> = tickets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut out: TicketFindings = vec![Vec::new(); tickets.len()];
    let mut kinds = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line)
            .with_context(|| format!("{}: line {}", path.display(), n + 1))?;
        let i = *index.get(l.ticket.as_str()).with_context(|| {
            format!("{}: line {}: no ticket {}", path.display(), n + 1, l.ticket)
        })?;
        kinds.insert(l.detector.clone());
        out[i].push((l.start..l.end, l.detector));
    }
    Ok((out, kinds))
}

/// Scans every ticket and scores the findings.
pub fn score(tickets: &[Ticket], scanner: &Scanner, only_implemented: bool) -> Report {
    let implemented: BTreeSet<String> = scanner.native_detectors().map(str::to_string).collect();
    let per_chunk: Vec<TicketFindings> = tickets
        .par_chunks(32)
        .map(|chunk| {
            let texts: Vec<&str> = chunk.iter().map(|t| t.text.as_str()).collect();
            scanner
                .scan_many(&texts)
                .into_iter()
                .map(|outcome| {
                    outcome
                        .findings
                        .into_iter()
                        .map(|f| {
                            let kind = f.detector.native.map_or(f.detector.name, str::to_string);
                            (f.byte_range, kind)
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let findings: TicketFindings = per_chunk.into_iter().flatten().collect();
    let mut r = score_findings(tickets, &findings, &implemented, only_implemented);
    r.known = leakhound_engine::registry::NATIVE_DETECTORS
        .iter()
        .map(|d| d.name.to_string())
        .collect();
    r
}

/// Scores findings per ticket against the corpus's gold.
pub fn score_findings(
    tickets: &[Ticket],
    findings: &TicketFindings,
    implemented: &BTreeSet<String>,
    only_implemented: bool,
) -> Report {
    let mut gold = Vec::new();
    let mut predicted = Vec::new();
    let mut agnostic_gold = Vec::new();
    let mut agnostic_pred = Vec::new();
    let mut hard_negative_fps = 0;
    let mut fps_by_decoy: BTreeMap<String, u64> = BTreeMap::new();
    let mut errors = Vec::new();
    let (mut hn_tickets, mut hn_bytes) = (0, 0);
    for (t, found) in tickets.iter().zip(findings) {
        let spans: Vec<&leakhound_corpus::Span> = t
            .spans
            .iter()
            .filter(|s| !only_implemented || implemented.contains(&s.detector))
            .collect();
        if t.hard_negative {
            hn_tickets += 1;
            hn_bytes += t.text.len();
        }
        let mk_gold = |s: &leakhound_corpus::Span, kind: &str| GoldSpan {
            source: "corpus".into(),
            ticket_id: t.id.clone(),
            part: "text".into(),
            range: s.start..s.end,
            kind: kind.into(),
        };
        for s in &spans {
            gold.push(mk_gold(s, &s.detector));
            agnostic_gold.push(mk_gold(s, "*"));
        }
        for (range, kind) in found {
            let overlaps =
                |s: &&&leakhound_corpus::Span| s.start < range.end && range.start < s.end;
            let own = spans.iter().filter(overlaps).any(|s| s.detector == *kind);
            let tolerated = !own
                && spans
                    .iter()
                    .filter(overlaps)
                    .any(|s| leakhound_corpus::tolerated(&s.detector, kind));
            let pred = |kind: &str| Predicted {
                source: "corpus".into(),
                ticket_id: t.id.clone(),
                part: "text".into(),
                range: range.clone(),
                kind: kind.into(),
            };
            agnostic_pred.push(pred("*"));
            if tolerated {
                continue;
            }
            predicted.push(pred(kind));
            if !own {
                errors.push(sample(t, range.clone(), kind, "FP"));
            }
            if t.hard_negative {
                hard_negative_fps += 1;
            }
            if !spans.iter().any(|s| overlaps(&s)) {
                if let Some(d) = t
                    .decoys
                    .iter()
                    .find(|d| d.start < range.end && range.start < d.end)
                {
                    *fps_by_decoy
                        .entry(format!("{kind} on {}", d.kind))
                        .or_default() += 1;
                }
            }
        }
        for s in &spans {
            if !found
                .iter()
                .any(|(r, k)| *k == s.detector && r.start < s.end && s.start < r.end)
            {
                errors.push(sample(t, s.start..s.end, &s.detector, "FN"));
            }
        }
    }
    let exact = evaluate_with(gold.clone(), predicted.clone(), Matching::Exact);
    let overlap = evaluate_with(gold, predicted, Matching::Overlap);
    let agnostic = evaluate_with(agnostic_gold, agnostic_pred, Matching::Covering)
        .by_type
        .remove("*")
        .unwrap_or_default();

    // Every corpus type in catalogue order, then any other type that reported something.
    let mut names: Vec<String> = DETECTORS
        .iter()
        .filter(|d| !only_implemented || implemented.contains(**d))
        .map(|d| d.to_string())
        .collect();
    for k in overlap.by_type.keys() {
        if !names.contains(k) {
            names.push(k.clone());
        }
    }
    let rows = names
        .into_iter()
        .map(|n| {
            let e = exact.by_type.get(&n).copied().unwrap_or_default();
            let o = overlap.by_type.get(&n).copied().unwrap_or_default();
            (n.clone(), implemented.contains(&n), e, o)
        })
        .collect();
    Report {
        tickets: tickets.len(),
        hard_negative_tickets: hn_tickets,
        hard_negative_bytes: hn_bytes,
        rows,
        exact,
        overlap,
        agnostic,
        hard_negative_fps,
        fps_by_decoy,
        errors,
        known: BTreeSet::new(),
    }
}

struct Targets {
    micro_f1: f64,
    detector_f1: f64,
    fp_per_mb: f64,
}

impl Targets {
    fn misses(&self, r: &Report) -> Vec<String> {
        let mut out = Vec::new();
        let micro = r.overlap.overall().f1();
        if micro < self.micro_f1 {
            out.push(format!("micro F1 {micro:.3} < {:.2}", self.micro_f1));
        }
        for (name, scanned, _, o) in &r.rows {
            if o.gold() >= TARGET_MIN_SUPPORT && o.f1() < self.detector_f1 {
                let note = r
                    .status(name, *scanned)
                    .map_or(String::new(), |s| format!(" ({s})"));
                out.push(format!(
                    "{name}: F1 {:.3} < {:.2} (support {}){note}",
                    o.f1(),
                    self.detector_f1,
                    o.gold()
                ));
            }
        }
        if r.fp_per_mb() > self.fp_per_mb {
            out.push(format!(
                "{:.2} false positives per MB of hard negatives > {}",
                r.fp_per_mb(),
                self.fp_per_mb
            ));
        }
        out
    }
}

fn counts_json(c: &Counts) -> serde_json::Value {
    json!({
        "tp": c.true_positives,
        "fp": c.false_positives,
        "fn": c.false_negatives,
        "precision": c.precision(),
        "recall": c.recall(),
        "f1": c.f1(),
    })
}

fn to_json(r: &Report, targets: Option<(&Targets, &Vec<String>)>) -> serde_json::Value {
    let detectors: Vec<_> = r
        .rows
        .iter()
        .map(|(n, implemented, e, o)| {
            json!({
                "detector": n,
                "implemented": implemented,
                "status": r.status(n, *implemented).unwrap_or("scanned"),
                "support": o.gold(),
                "exact": counts_json(e),
                "overlap": counts_json(o),
            })
        })
        .collect();
    json!({
        "corpus": {
            "tickets": r.tickets,
            "hard_negative_tickets": r.hard_negative_tickets,
            "hard_negative_bytes": r.hard_negative_bytes,
        },
        "detectors": detectors,
        "micro": {
            "exact": counts_json(&r.exact.overall()),
            "overlap": counts_json(&r.overlap.overall()),
        },
        "macro_f1": { "exact": r.macro_f1(true), "overlap": r.macro_f1(false) },
        "type_agnostic": {
            "precision": r.agnostic.precision(),
            "recall": r.agnostic.recall(),
            "f2": r.agnostic.f_beta(2.0),
        },
        "hard_negatives": {
            "false_positives": r.hard_negative_fps,
            "megabytes": r.hard_negative_bytes as f64 / 1e6,
            "false_positives_per_mb": r.fp_per_mb(),
            "false_positives_on_decoys": r.fps_by_decoy,
        },
        "targets": targets.map(|(t, misses)| json!({
            "micro_f1": t.micro_f1,
            "detector_f1": t.detector_f1,
            "min_support": TARGET_MIN_SUPPORT,
            "false_positives_per_mb": t.fp_per_mb,
            "met": misses.is_empty(),
            "misses": misses,
        })),
    })
}

fn print_table(out: &mut impl Write, r: &Report, markdown: bool) -> Result<()> {
    let header = [
        "detector",
        "support",
        "exact TP",
        "FP",
        "FN",
        "P",
        "R",
        "F1",
        "overlap TP",
        "FP",
        "FN",
        "P",
        "R",
        "F1",
    ];
    let f3 = |x: f64| format!("{x:.3}");
    let cells = |name: &str, e: &Counts, o: &Counts| -> Vec<String> {
        vec![
            name.to_string(),
            o.gold().to_string(),
            e.true_positives.to_string(),
            e.false_positives.to_string(),
            e.false_negatives.to_string(),
            f3(e.precision()),
            f3(e.recall()),
            f3(e.f1()),
            o.true_positives.to_string(),
            o.false_positives.to_string(),
            o.false_negatives.to_string(),
            f3(o.precision()),
            f3(o.recall()),
            f3(o.f1()),
        ]
    };
    let mut lines: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|(n, scanned, e, o)| {
            let name = match r.status(n, *scanned) {
                None => n.clone(),
                Some(s) => format!("{n} ({s})"),
            };
            cells(&name, e, o)
        })
        .collect();
    lines.push(cells(
        "micro (all types)",
        &r.exact.overall(),
        &r.overlap.overall(),
    ));
    if markdown {
        writeln!(out, "| {} |", header.join(" | "))?;
        writeln!(
            out,
            "|{}",
            header
                .iter()
                .enumerate()
                .map(|(i, _)| if i == 0 { "---|" } else { "---:|" })
                .collect::<String>()
        )?;
        for l in &lines {
            writeln!(out, "| {} |", l.join(" | "))?;
        }
        writeln!(out)?;
    } else {
        let widths: Vec<usize> = (0..header.len())
            .map(|i| {
                lines
                    .iter()
                    .map(|l| l[i].chars().count())
                    .chain([header[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let row = |out: &mut dyn Write, l: &[&str]| -> std::io::Result<()> {
            let mut s = String::new();
            for (i, c) in l.iter().enumerate() {
                if i == 0 {
                    s.push_str(&format!("{c:<w$}", w = widths[0]));
                } else {
                    s.push_str(&format!(" {c:>w$}", w = widths[i]));
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        row(out, &header)?;
        for l in &lines {
            row(out, &l.iter().map(String::as_str).collect::<Vec<_>>())?;
        }
        writeln!(out)?;
    }
    let bullet = if markdown { "- " } else { "" };
    writeln!(
        out,
        "{bullet}corpus: {} tickets, {} hard-negative only ({:.2} MB)",
        r.tickets,
        r.hard_negative_tickets,
        r.hard_negative_bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "{bullet}micro F1: exact {:.3}, overlap {:.3}; macro F1: exact {:.3}, overlap {:.3}",
        r.exact.overall().f1(),
        r.overlap.overall().f1(),
        r.macro_f1(true),
        r.macro_f1(false)
    )?;
    writeln!(
        out,
        "{bullet}type-agnostic (any overlap): precision {:.3}, recall {:.3}, F2 {:.3}",
        r.agnostic.precision(),
        r.agnostic.recall(),
        r.agnostic.f_beta(2.0)
    )?;
    writeln!(
        out,
        "{bullet}false positives on hard-negative tickets: {} ({:.2} per MB)",
        r.hard_negative_fps,
        r.fp_per_mb()
    )?;
    if !r.fps_by_decoy.is_empty() {
        let mut v: Vec<_> = r.fps_by_decoy.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = v.iter().take(12).map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(
            out,
            "{bullet}false positives on decoys: {}",
            list.join(", ")
        )?;
    }
    Ok(())
}

/// The first `n` errors of each detector and kind.
fn limited(r: &Report, n: usize) -> Vec<&ErrorSample> {
    let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut out: Vec<&ErrorSample> = r
        .errors
        .iter()
        .filter(|e| {
            let c = seen.entry((e.detector.as_str(), e.what)).or_default();
            *c += 1;
            *c <= n
        })
        .collect();
    out.sort_by(|a, b| (&a.detector, a.what).cmp(&(&b.detector, b.what)));
    out
}

fn errors_json(r: &Report, n: usize) -> serde_json::Value {
    limited(r, n)
        .iter()
        .map(|e| {
            json!({
                "detector": e.detector,
                "kind": e.what,
                "ticket": e.ticket,
                "value": e.value,
                "context": e.context,
            })
        })
        .collect()
}

fn print_errors(out: &mut impl Write, r: &Report, n: usize) -> Result<()> {
    writeln!(
        out,
        "\nerrors (overlap matching; up to {n} per detector and kind):"
    )?;
    for e in limited(r, n) {
        writeln!(
            out,
            "  {} {} {}: {}",
            e.detector, e.what, e.ticket, e.context
        )?;
    }
    Ok(())
}
