//! `leakhound scan hubspot|zendesk`: scan a helpdesk's tickets into the store and write
//! reports.

use crate::helpdesk::{self, Bars, HelpdeskRun};
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use leakhound_connectors::{HubSpotConfig, RatePlan, ZendeskConfig};
use leakhound_engine::{Confidence, Scanner};
use leakhound_pipeline::{
    RemoteScanner, RemoteScannerConfig, RunOptions, ScanMode, SourceConfig, ThreadScanner,
};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Subcommand, Debug)]
pub enum HelpdeskCommand {
    /// HubSpot CRM tickets (subject, content; notes with --notes). Token from
    /// HUBSPOT_ACCESS_TOKEN; HUBSPOT_BASE_URL overrides the API host.
    Hubspot(HelpdeskArgs),
    /// Zendesk tickets with every comment. ZENDESK_SUBDOMAIN plus ZENDESK_EMAIL and
    /// ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN); ZENDESK_BASE_URL overrides the host.
    Zendesk(HelpdeskArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScannerKind {
    /// The in-process engine (default): nothing leaves the machine.
    Local,
    /// A Nightfall-compatible scan API (`--remote-url`, NIGHTFALL_API_KEY, `--rule-uuid`).
    Remote,
}

#[derive(Args, Debug)]
pub struct HelpdeskArgs {
    /// Scan everything again from the start. Without it, the scan resumes from the stored
    /// cursor: only tickets changed since the last run (or the rest of an interrupted run).
    #[arg(long)]
    pub full: bool,

    /// Scan only tickets changed since this date (`2026-05-01` or `2026-05-01T08:00:00Z`,
    /// UTC), whatever the stored cursor says.
    #[arg(long, value_name = "DATE", conflicts_with = "full", value_parser = parse_since)]
    pub since: Option<i64>,

    /// The SQLite store of runs, cursors and findings.
    #[arg(
        long,
        value_name = "FILE",
        env = "LEAKHOUND_STORE",
        default_value = "leakhound.sqlite"
    )]
    pub store: PathBuf,

    /// Where the reports (findings.csv, findings.jsonl) are written.
    #[arg(long, value_name = "DIR", default_value = "leakhound-out")]
    pub out: PathBuf,

    /// A TOML rule file (see `leakhound scan --help`); default: every native detector.
    #[arg(long, value_name = "FILE", env = "LEAKHOUND_RULES")]
    pub rules: Option<PathBuf>,

    /// Report findings at or above this confidence instead of the rules' own thresholds.
    #[arg(long, value_name = "LEVEL", value_parser = crate::cmd_scan::parse_confidence)]
    pub min_confidence: Option<Confidence>,

    /// Which scanner judges the text.
    #[arg(long, value_enum, default_value_t = ScannerKind::Local)]
    pub scanner: ScannerKind,

    /// Base URL of the remote scan API (`--scanner remote`).
    #[arg(
        long,
        value_name = "URL",
        env = "NIGHTFALL_BASE_URL",
        default_value = "https://api.nightfall.ai"
    )]
    pub remote_url: String,

    /// A detection rule UUID for the remote scanner (repeat for several).
    #[arg(
        long = "rule-uuid",
        value_name = "UUID",
        env = "NIGHTFALL_DETECTION_RULE_UUIDS",
        value_delimiter = ','
    )]
    pub rule_uuids: Vec<String>,

    /// Also scan the notes associated with HubSpot tickets.
    #[arg(long)]
    pub notes: bool,

    /// Store raw values in the store and add them to the reports. Off by default: the store
    /// keeps a redacted fragment and a keyed hash.
    #[arg(long)]
    pub store_values: bool,

    /// Do not pace requests on the client side (for emulators and benchmarks). By default
    /// leakhound stays under the plan's limits (HubSpot Professional, Zendesk Enterprise).
    #[arg(long)]
    pub no_rate_limit: bool,

    /// Exit with this code when the run found anything.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub exit_code: u8,

    /// After the scan, plan the remediation of the source's findings (a dry run unless
    /// `--apply`; see `leakhound remediate --help`).
    #[arg(long)]
    pub remediate: bool,

    #[command(flatten)]
    pub remediation: crate::cmd_remediate::RemediationFlags,
}

pub fn run(cmd: &HelpdeskCommand) -> Result<ExitCode> {
    let (args, source_name) = match cmd {
        HelpdeskCommand::Hubspot(a) => (a, "hubspot"),
        HelpdeskCommand::Zendesk(a) => (a, "zendesk"),
    };
    let bars = Bars::new(&[source_name]);
    let source = match cmd {
        HelpdeskCommand::Hubspot(_) => {
            let mut cfg = HubSpotConfig::from_env()?;
            cfg.include_notes = args.notes;
            if args.no_rate_limit {
                cfg.http.plan = RatePlan::UNLIMITED;
            }
            cfg.http.observer = Some(bars.wait_observer("hubspot"));
            SourceConfig::HubSpot(cfg)
        }
        HelpdeskCommand::Zendesk(_) => {
            let mut cfg = ZendeskConfig::from_env()?;
            if args.no_rate_limit {
                cfg.http.plan = RatePlan::UNLIMITED;
            }
            cfg.http.observer = Some(bars.wait_observer("zendesk"));
            SourceConfig::Zendesk(cfg)
        }
    };
    let scanner = build_scanner(args)?;
    let job = HelpdeskRun {
        store_path: args.store.clone(),
        out_dir: args.out.clone(),
        mode: match (args.full, args.since) {
            (true, _) => ScanMode::Full,
            (false, Some(ms)) => ScanMode::Since(ms),
            (false, None) => ScanMode::Incremental,
        },
        scanner,
        options: RunOptions {
            store_raw_values: args.store_values,
            ..RunOptions::default()
        },
        report_values: args.store_values,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let outcome = runtime.block_on(helpdesk::run(vec![source], bars, job))?;
    helpdesk::print_summary(&outcome);
    if args.remediate {
        let code = runtime.block_on(crate::cmd_remediate::after_scan(
            outcome.store.clone(),
            args.rules.as_deref(),
            source_name,
            &args.remediation,
        ))?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    } else if args.remediation.apply {
        bail!("--apply acts on the remediation plan: add --remediate");
    }
    Ok(if outcome.run_summary.findings > 0 && args.exit_code != 0 {
        ExitCode::from(args.exit_code)
    } else {
        ExitCode::SUCCESS
    })
}

fn build_scanner(args: &HelpdeskArgs) -> Result<ThreadScanner> {
    match args.scanner {
        ScannerKind::Local => {
            if !args.rule_uuids.is_empty() {
                bail!("--rule-uuid needs --scanner remote; the local scanner takes --rules FILE");
            }
            let policy =
                crate::cmd_scan::load_policy(args.rules.as_deref(), args.min_confidence, None)?;
            Ok(ThreadScanner::Local(Arc::new(
                Scanner::new(&policy).map_err(|e| anyhow::anyhow!("{e}"))?,
            )))
        }
        ScannerKind::Remote => {
            let key = std::env::var("NIGHTFALL_API_KEY")
                .ok()
                .filter(|k| !k.trim().is_empty())
                .context("--scanner remote needs NIGHTFALL_API_KEY")?;
            let mut cfg = RemoteScannerConfig::new(args.remote_url.clone(), key);
            cfg.detection_rule_uuids = args.rule_uuids.clone();
            if let Some(path) = &args.rules {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read rule file {}", path.display()))?;
                let wire: leakhound_api::WirePolicy = toml::from_str(&text)
                    .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message().trim()))?;
                cfg.detection_rules = wire.detection_rules.unwrap_or_default();
                cfg.detection_rule_uuids
                    .extend(wire.detection_rule_uuids.unwrap_or_default());
            }
            Ok(ThreadScanner::Remote(Arc::new(RemoteScanner::new(cfg)?)))
        }
    }
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` (UTC) into milliseconds since the epoch.
fn parse_since(text: &str) -> Result<i64, String> {
    let bad = || format!("{text:?} is not a date like 2026-05-01 or 2026-05-01T08:00:00Z");
    let (date, time) = match text.trim().split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.trim_end_matches('Z'))),
        None => (text.trim(), None),
    };
    let mut ymd = date.split('-').map(|p| p.parse::<i64>().map_err(|_| bad()));
    let (y, m, d) = (
        ymd.next().ok_or_else(bad)??,
        ymd.next().ok_or_else(bad)??,
        ymd.next().ok_or_else(bad)??,
    );
    if ymd.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    let seconds_of_day = match time {
        None => 0,
        Some(t) => {
            let mut hms = t.split(':').map(|p| p.parse::<i64>().map_err(|_| bad()));
            let h = hms.next().ok_or_else(bad)??;
            let mi = hms.next().unwrap_or(Ok(0))?;
            let se = hms.next().unwrap_or(Ok(0))?;
            if !(0..24).contains(&h) || !(0..60).contains(&mi) || !(0..61).contains(&se) {
                return Err(bad());
            }
            h * 3600 + mi * 60 + se
        }
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Ok((days * 86_400 + seconds_of_day) * 1000)
}

#[cfg(test)]
mod tests {
    use super::parse_since;

    #[test]
    fn since_dates() {
        assert_eq!(parse_since("1970-01-01"), Ok(0));
        assert_eq!(parse_since("2026-05-01"), Ok(1_777_593_600_000));
        assert_eq!(
            parse_since("2026-05-01T08:00:00Z"),
            Ok(1_777_593_600_000 + 8 * 3_600_000)
        );
        assert!(parse_since("2026-13-01").is_err());
        assert!(parse_since("yesterday").is_err());
    }
}
