//! The `leakhound` binary: argument parsing, dispatch and exit codes. Each command lives in a
//! `cmd_*` module; this file stays thin.

mod cmd_demo;
mod cmd_detectors;
mod cmd_eval;
mod cmd_helpdesk;
mod cmd_remediate;
mod cmd_scan;
mod helpdesk;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc rather than the system allocator: a scan makes a few small allocations per
/// finding (its value, context and names), and with glibc's malloc they were 8–9% of the
/// instructions of a PII-dense scan; mimalloc takes 7% off the whole scan
/// (`docs/benchmarks.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code for errors: bad arguments, unreadable rule files, unreadable inputs.
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "leakhound",
    version,
    about = "Find card numbers, SSNs, passwords, API keys and other sensitive data in support tickets and files",
    long_about = "leakhound finds sensitive data (card numbers, SSNs, e-mail addresses, phone numbers, IBANs, \
API keys, private keys, passwords, …) in support tickets and files, scores each finding from VERY_UNLIKELY to \
VERY_LIKELY, and reports it redacted. Everything runs locally: no data leaves the machine.",
    after_help = "Examples:\n  \
  leakhound scan tickets/                      scan a directory with the default rules\n  \
  printf 'card 4111 1111 1111 1111' | leakhound scan - --format jsonl\n  \
  leakhound scan export.csv --rules rules.toml --exit-code 1   fail a CI job on findings\n  \
  leakhound detectors list                     the detector catalogue"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan files, directories or standard input for sensitive data.
    Scan(cmd_scan::ScanArgs),
    /// List the native detectors or check their built-in examples.
    #[command(subcommand)]
    Detectors(cmd_detectors::DetectorsCommand),
    /// The whole job on embedded defaults: emulated HubSpot and Zendesk with synthetic tickets,
    /// a full scan of both, reports, and accuracy against the known values.
    Demo(cmd_demo::DemoArgs),
    /// Measure precision, recall and F1 of every detector on a labelled corpus of synthetic
    /// support tickets (exact and overlap matching, false positives per MB of hard negatives).
    #[command(long_about = cmd_eval::LONG_ABOUT)]
    Eval(cmd_eval::EvalArgs),
    /// Plan the remediation of stored findings (notes, private comments, redaction, owner
    /// alerts) and print it; `--apply` acts on it.
    Remediate(cmd_remediate::RemediateArgs),
    /// Run local HubSpot and Zendesk API emulators with synthetic tickets.
    Emulate(leakhound_emulator::cli::EmulateArgs),
    /// Run a Nightfall-compatible scan API (text scans, file scans, signed webhooks).
    Serve(leakhound_server::cli::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => cmd_scan::run(&args),
        Command::Detectors(cmd) => cmd_detectors::run(&cmd),
        Command::Demo(args) => cmd_demo::run(&args),
        Command::Eval(args) => cmd_eval::run(&args),
        Command::Remediate(args) => cmd_remediate::run(&args),
        Command::Emulate(args) => leakhound_emulator::cli::run(args).map(|()| ExitCode::SUCCESS),
        Command::Serve(args) => leakhound_server::cli::run(&args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`leakhound scan … | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("leakhound: error: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
