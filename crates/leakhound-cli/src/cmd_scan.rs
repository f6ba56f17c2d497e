//! `leakhound scan`: files, directories and standard input, with the default rules or a rule
//! file.

use crate::output::{Format, Printer, Source};
use anyhow::{bail, Context, Result};
use clap::Args;
use leakhound_api::WirePolicy;
use leakhound_engine::{Confidence, ScanPolicy, Scanner};
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A file's text and what was found in it; `None` for a binary file.
type FileScan = Result<Option<(String, leakhound_engine::ScanOutcome)>>;

/// Files larger than this are skipped with a warning (they are rarely tickets; the file
/// extraction pipeline handles large documents).
const MAX_FILE_BYTES: u64 = 256 << 20;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ScanArgs {
    /// Scan a helpdesk instead of files: `leakhound scan hubspot` or `leakhound scan zendesk`.
    #[command(subcommand)]
    pub helpdesk: Option<crate::cmd_helpdesk::HelpdeskCommand>,

    /// Files or directories to scan; `-` (or nothing) reads standard input. Directories are
    /// walked recursively; binary files are skipped. (A file called `hubspot` or `zendesk`:
    /// write `./hubspot`.)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// A TOML rule file (the scan API's policy: `contextBytes`, `[[detectionRules]]` with
    /// `[[detectionRules.detectors]]`). Without it, every native detector at LIKELY or above.
    #[arg(long, value_name = "FILE", env = "LEAKHOUND_RULES")]
    pub rules: Option<PathBuf>,

    /// Output format: `table` for people, `jsonl` (one finding per line, scan-API field
    /// names) or `csv`.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Exit with this code when anything is found (like gitleaks); 0 keeps exit 0.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub exit_code: u8,

    /// Report findings at or above this confidence instead of the rules' own thresholds
    /// (VERY_UNLIKELY, UNLIKELY, POSSIBLE, LIKELY, VERY_LIKELY).
    #[arg(long, value_name = "LEVEL", value_parser = parse_confidence)]
    pub min_confidence: Option<Confidence>,

    /// Bytes of context before and after each finding (0–40; jsonl only).
    #[arg(long, value_name = "N")]
    pub context_bytes: Option<usize>,

    /// Include the raw matched values in the output. Off by default: reports carry only a
    /// redacted fragment with 3 characters visible.
    #[arg(long)]
    pub show_values: bool,

    /// Say why each finding was reported: pattern, validator outcome, context words.
    #[arg(long)]
    pub explain: bool,
}

pub fn parse_confidence(s: &str) -> Result<Confidence, String> {
    Confidence::parse(s).ok_or_else(|| {
        format!("{s:?} is not one of VERY_UNLIKELY, UNLIKELY, POSSIBLE, LIKELY, VERY_LIKELY")
    })
}

pub fn run(args: &ScanArgs) -> Result<ExitCode> {
    if let Some(helpdesk) = &args.helpdesk {
        return crate::cmd_helpdesk::run(helpdesk);
    }
    let policy = load_policy(
        args.rules.as_deref(),
        args.min_confidence,
        args.context_bytes,
    )?;
    let scanner = Scanner::new(&policy).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut printer = Printer::new(args.format, args.show_values, args.explain);
    let mut total = 0usize;
    let mut failures = 0usize;

    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for path in &paths {
        if path.as_os_str() == "-" {
            let mut text = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut text)
                .context("cannot read standard input")?;
            let text = String::from_utf8_lossy(&text);
            let outcome = scanner.scan(&text);
            total += outcome.findings.len();
            printer.print(
                &Source {
                    name: "-",
                    text: &text,
                },
                &outcome.findings,
            )?;
        } else if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                    Ok(_) => {}
                    Err(e) => {
                        failures += 1;
                        eprintln!("leakhound: warning: {e}");
                    }
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            bail!("{}: no such file or directory", path.display());
        }
    }

    let progress = progress_bar(files.len());
    // Scan in parallel, print in input order, in batches so memory stays bounded however many
    // files there are.
    for batch in files.chunks(256) {
        // A few files per thread, scanned together (`Scanner::scan_many`: faster than one by
        // one on many small files).
        let results: Vec<Vec<(PathBuf, FileScan)>> = batch
            .par_chunks(8)
            .map(|paths| {
                let read: Vec<Result<Option<String>>> =
                    paths.iter().map(|p| read_text(p)).collect();
                let texts: Vec<&str> = read
                    .iter()
                    .filter_map(|r| r.as_ref().ok().and_then(Option::as_deref))
                    .collect();
                let mut outcomes = scanner.scan_many(&texts).into_iter();
                progress.inc(paths.len() as u64);
                paths
                    .iter()
                    .zip(read)
                    .map(|(path, r)| {
                        let scanned = r.map(|text| {
                            // One outcome per text read, in order.
                            text.and_then(|t| outcomes.next().map(|outcome| (t, outcome)))
                        });
                        (path.clone(), scanned)
                    })
                    .collect()
            })
            .collect();
        for (path, result) in results.into_iter().flatten() {
            match result {
                Ok(Some((text, outcome))) => {
                    total += outcome.findings.len();
                    let name = path.display().to_string();
                    progress.suspend(|| {
                        printer.print(
                            &Source {
                                name: &name,
                                text: &text,
                            },
                            &outcome.findings,
                        )
                    })?;
                }
                Ok(None) => {}
                Err(e) => {
                    failures += 1;
                    progress.suspend(|| eprintln!("leakhound: warning: {e:#}"));
                }
            }
        }
    }
    progress.finish_and_clear();
    printer.finish(total)?;

    if failures > 0 {
        eprintln!(
            "leakhound: error: {failures} input(s) could not be read; the scan is incomplete"
        );
        return Ok(ExitCode::from(crate::EXIT_ERROR));
    }
    Ok(if total > 0 && args.exit_code != 0 {
        ExitCode::from(args.exit_code)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if files < 50 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} scanning {pos}/{len} files [{bar:30}] {per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The text of a file, or `None` for a binary file (a NUL byte in its first 8 KiB).
fn read_text(path: &Path) -> Result<Option<String>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "{}: skipped, larger than {} MiB",
            path.display(),
            MAX_FILE_BYTES >> 20
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(None);
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }))
}

/// The policy of a scan: the rule file's, or the default rules, with the command line's
/// overrides.
pub fn load_policy(
    rules: Option<&Path>,
    min_confidence: Option<Confidence>,
    context_bytes: Option<usize>,
) -> Result<ScanPolicy> {
    let mut policy = match rules {
        None => ScanPolicy::default_rules(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read rule file {}", path.display()))?;
            let wire: WirePolicy = toml::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message().trim()))
                .with_context(|| {
                    format!(
                        "rule file {} is not valid TOML for a policy",
                        path.display()
                    )
                })?;
            if wire
                .detection_rule_uuids
                .as_ref()
                .is_some_and(|u| !u.is_empty())
            {
                bail!("{}: detectionRuleUUIDs need `leakhound serve`, which stores rules; write the rules inline here", path.display());
            }
            let policy = wire
                .to_engine(40)
                .with_context(|| format!("rule file {}", path.display()))?;
            if policy.rules.is_empty() {
                bail!("{}: no [[detectionRules]] in the rule file", path.display());
            }
            policy
        }
    };
    if let Some(level) = min_confidence {
        for spec in policy.rules.iter_mut().flat_map(|r| r.detectors.iter_mut()) {
            spec.min_confidence = level;
        }
    }
    if let Some(n) = context_bytes {
        if n > 40 {
            bail!("--context-bytes: at most 40, got {n}");
        }
        policy.context_bytes = n;
    }
    Ok(policy)
}
