//! Running helpdesk scans for the CLI: store, pipeline, progress bars, reports and summary.
//! Shared by `leakhound scan hubspot|zendesk` and `leakhound demo`.

use anyhow::{Context, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use leakhound_connectors::{WaitEvent, WaitObserver};
use leakhound_pipeline::{
    run_source, PageStats, Progress, RunOptions, ScanMode, SourceConfig, SourceSummary,
    ThreadScanner,
};
use leakhound_store::{FindingFilter, RunId, RunKind, RunOutcome, RunStats, RunSummary, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Progress bars, one per source: tickets fetched, findings, rate, and visible waits.
pub struct Bars {
    multi: MultiProgress,
    /// Fixed at construction: each source's bar and its running totals.
    bars: HashMap<&'static str, (ProgressBar, Mutex<PageStats>)>,
}

impl Bars {
    pub fn new(sources: &[&'static str]) -> Arc<Bars> {
        let multi = MultiProgress::new();
        let style =
            ProgressStyle::with_template("{spinner} {prefix:8} {msg} [{elapsed}] {per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bars = sources
            .iter()
            .map(|s| {
                let bar = multi.add(
                    ProgressBar::new_spinner()
                        .with_style(style.clone())
                        .with_prefix(*s),
                );
                bar.enable_steady_tick(std::time::Duration::from_millis(200));
                bar.set_message("starting");
                (*s, (bar, Mutex::new(PageStats::default())))
            })
            .collect();
        Arc::new(Bars { multi, bars })
    }

    /// An observer for the connectors' waits, shown on the source's bar.
    pub fn wait_observer(self: &Arc<Self>, source: &'static str) -> WaitObserver {
        let me = self.clone();
        Arc::new(move |event: &WaitEvent| {
            if let Some((bar, _)) = me.bars.get(source) {
                bar.set_message(event.to_string());
            }
        })
    }

    pub fn finish(&self) {
        for (bar, _) in self.bars.values() {
            bar.finish_and_clear();
        }
        let _ = self.multi.clear();
    }
}

impl Progress for Bars {
    fn page_stored(&self, source: &str, stats: &PageStats) {
        let Some((bar, totals)) = self.bars.get(source) else {
            return;
        };
        let Ok(mut total) = totals.lock() else {
            return;
        };
        *total += *stats;
        bar.inc(stats.tickets);
        bar.set_message(format!(
            "{} tickets fetched, {} scanned, {} findings, {} API calls",
            total.tickets, total.tickets_scanned, total.findings, total.api_calls
        ));
    }
}

/// What a helpdesk scan needs besides the sources.
pub struct HelpdeskRun {
    pub store_path: PathBuf,
    pub out_dir: PathBuf,
    pub mode: ScanMode,
    pub scanner: ThreadScanner,
    pub options: RunOptions,
    pub report_values: bool,
}

/// The result of a helpdesk scan.
pub struct Outcome {
    pub summaries: Vec<SourceSummary>,
    pub run_summary: RunSummary,
    pub reports: leakhound_pipeline::report::ReportFiles,
    pub store: Arc<dyn Store>,
}

/// Scans the sources concurrently into the store, then writes the reports. A source that
/// fails does not stop the others; the run is marked failed and the first error returned
/// after what was done is stored.
pub async fn run(sources: Vec<SourceConfig>, bars: Arc<Bars>, job: HelpdeskRun) -> Result<Outcome> {
    let store_path = job.store_path.clone();
    let store: Arc<dyn Store> = Arc::new(
        tokio::task::spawn_blocking(move || {
            // LEAKHOUND_HASH_KEY (hex, 32 bytes) makes value hashes comparable across stores.
            let options = leakhound_store::SqliteOptions {
                hash_key: leakhound_store::HashKey::from_env()?,
                ..leakhound_store::SqliteOptions::default()
            };
            leakhound_store::SqliteStore::open_with(&store_path, &options)
        })
        .await?
        .with_context(|| format!("opening the store {}", job.store_path.display()))?,
    );
    let names: Vec<&'static str> = sources.iter().map(|s| s.name()).collect();
    let kind = match job.mode {
        ScanMode::Full => RunKind::Full,
        ScanMode::Incremental | ScanMode::Since(_) => RunKind::Incremental,
    };
    let run = {
        let s = store.clone();
        let names = names.clone();
        tokio::task::spawn_blocking(move || -> Result<RunId> {
            let run = s.begin_run(kind, &names)?;
            s.interrupt_unfinished_runs(Some(run))?;
            Ok(run)
        })
        .await??
    };

    let tasks: Vec<_> = sources
        .into_iter()
        .map(|source| {
            let store = store.clone();
            let scanner = job.scanner.clone();
            let options = job.options.clone();
            let progress: Arc<dyn Progress> = bars.clone();
            tokio::spawn(run_source(
                source, job.mode, store, run, scanner, options, progress,
            ))
        })
        .collect();
    let mut summaries = Vec::new();
    let mut first_error = None;
    for (task, name) in tasks.into_iter().zip(&names) {
        match task.await? {
            Ok(summary) => summaries.push(summary),
            Err(e) => {
                if first_error.is_none() {
                    first_error = Some(anyhow::anyhow!("{name}: {e}"));
                }
            }
        }
    }
    bars.finish();

    let mut stats = RunStats::default();
    for s in &summaries {
        stats.tickets_fetched += s.totals.tickets;
        stats.tickets_scanned += s.totals.tickets_scanned;
        stats.parts_scanned += s.totals.parts_scanned;
        stats.findings += s.totals.findings;
        stats.api_calls += s.calls.total;
        stats.bytes_scanned += s.totals.bytes_scanned;
    }
    let outcome = if first_error.is_some() {
        RunOutcome::Failed
    } else {
        RunOutcome::Completed
    };
    let s = store.clone();
    tokio::task::spawn_blocking(move || s.finish_run(run, outcome, &stats)).await??;
    if let Some(e) = first_error {
        return Err(e.context("the scan stopped; everything scanned before the error is stored, and the next run resumes there"));
    }

    let s = store.clone();
    let out_dir = job.out_dir.clone();
    let report_values = job.report_values;
    let (reports, run_summary) = tokio::task::spawn_blocking(move || -> Result<_> {
        // Reports list every current finding of the scanned sources, so a run that resumed
        // an interrupted one still reports everything.
        let reports = write_reports_for(&*s, &names, &out_dir, report_values)?;
        Ok((reports, s.run_summary(run)?))
    })
    .await??;
    Ok(Outcome {
        summaries,
        run_summary,
        reports,
        store,
    })
}

fn write_reports_for(
    store: &dyn Store,
    sources: &[&str],
    dir: &Path,
    with_values: bool,
) -> Result<leakhound_pipeline::report::ReportFiles> {
    let filter = if sources.len() == 1 {
        FindingFilter {
            source: Some(sources[0].to_string()),
            ..FindingFilter::default()
        }
    } else {
        FindingFilter::default()
    };
    Ok(leakhound_pipeline::report::write_reports(
        store,
        &filter,
        dir,
        with_values,
    )?)
}

/// Prints what a run did, per source and per detector.
pub fn print_summary(outcome: &Outcome) {
    use owo_colors::OwoColorize;
    for s in &outcome.summaries {
        let secs = s.elapsed.as_secs_f64().max(1e-9);
        let per_1000 = if s.totals.tickets > 0 {
            s.calls.total as f64 * 1000.0 / s.totals.tickets as f64
        } else {
            0.0
        };
        anstream::println!(
            "{:8} {} tickets fetched, {} scanned ({} parts, {} skipped as unchanged), {} findings, {} API calls ({:.1} per 1,000 tickets), {:.1} s, {:.0} tickets/s",
            s.source.bold(),
            s.totals.tickets,
            s.totals.tickets_scanned,
            s.totals.parts_scanned,
            s.totals.parts_skipped,
            s.totals.findings,
            s.calls.total,
            per_1000,
            secs,
            s.totals.tickets as f64 / secs
        );
        if s.calls.rate_limited > 0 || s.calls.retries > 0 {
            anstream::println!(
                "         {} retries, {} rate-limited answers, {:.1} s waited",
                s.calls.retries,
                s.calls.rate_limited,
                s.calls.waited.as_secs_f64()
            );
        }
        for w in &s.warnings {
            anstream::println!("         warning: {w}");
        }
    }
    if !outcome.run_summary.by_detector.is_empty() {
        anstream::println!("findings by detector:");
        for (detector, n) in &outcome.run_summary.by_detector {
            anstream::println!("  {detector:40} {n}");
        }
    }
    anstream::println!(
        "reports: {} and {} ({} findings, fragments redacted)",
        outcome.reports.csv.display(),
        outcome.reports.jsonl.display(),
        outcome.reports.findings
    );
}
