//! `leakhound detectors list|check`.

use anyhow::Result;
use clap::Subcommand;
use leakhound_engine::{catalogue, check, registry};
use std::io::Write;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DetectorsCommand {
    /// Print the native detector catalogue: name and what it finds.
    List {
        /// Also list the scan-API names this build knows but does not detect, with the reason.
        #[arg(long)]
        all: bool,
    },
    /// Run every detector's built-in examples and negative examples; exit 1 on a mismatch.
    Check,
}

pub fn run(cmd: &DetectorsCommand) -> Result<ExitCode> {
    let mut out = anstream::stdout().lock();
    match cmd {
        DetectorsCommand::List { all } => {
            let width = registry::NATIVE_DETECTORS
                .iter()
                .map(|d| d.name.len())
                .max()
                .unwrap_or(0);
            for d in registry::NATIVE_DETECTORS {
                writeln!(out, "{:width$}  {}", d.name, d.description)?;
            }
            if *all {
                for (name, why) in catalogue::NOT_IMPLEMENTED {
                    writeln!(out, "{name:width$}  (not supported: {why})")?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        DetectorsCommand::Check => {
            let mut failed = 0;
            for d in registry::NATIVE_DETECTORS {
                let failures = check::check_detector(d);
                let examples = d.examples.len() + d.negative_examples.len();
                if failures.is_empty() {
                    writeln!(out, "ok    {:40} {examples} examples", d.name)?;
                } else {
                    failed += 1;
                    writeln!(
                        out,
                        "FAIL  {:40} {} of {examples} examples",
                        d.name,
                        failures.len()
                    )?;
                    for f in failures {
                        writeln!(out, "      {f}")?;
                    }
                }
            }
            let total = registry::NATIVE_DETECTORS.len();
            if failed == 0 {
                writeln!(out, "all {total} detectors pass their examples")?;
            } else {
                writeln!(out, "{failed} of {total} detectors fail their examples")?;
            }
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
