//! `leakhound emulate`: the command-line entry point of the emulators.
//!
//! On start it generates (or reuses) the data, binds both ports on 127.0.0.1 and prints, then
//! flushes, exactly these lines on stdout — scripts and tests parse them:
//!
//! ```text
//! hubspot: http://127.0.0.1:PORT token=TOKEN
//! zendesk: http://127.0.0.1:PORT email=EMAIL token=TOKEN oauth_token=TOKEN
//! ready
//! ```
//!
//! Progress and diagnostics go to stderr. It runs until SIGINT or SIGTERM.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;

use crate::db::Db;
use crate::faults::FaultConfig;
use crate::model::Helpdesk;
use crate::server::{self, EmulatorOptions};
use crate::state::AuthConfig;
use crate::synth::{self, SynthConfig};

/// Arguments of `leakhound emulate`.
#[derive(Debug, Clone, clap::Args)]
pub struct EmulateArgs {
    /// Port of the HubSpot emulator on 127.0.0.1 (0 = pick a free port).
    #[arg(long, default_value_t = 0)]
    pub hubspot_port: u16,
    /// Port of the Zendesk emulator on 127.0.0.1 (0 = pick a free port).
    #[arg(long, default_value_t = 0)]
    pub zendesk_port: u16,
    /// Number of synthetic tickets per helpdesk.
    #[arg(long, default_value_t = 200)]
    pub tickets: u64,
    /// Seed of the synthetic data generator (and of fault randomness).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// HubSpot private-app token the emulator accepts.
    #[arg(long, default_value_t = AuthConfig::default().hubspot_token)]
    pub hubspot_token: String,
    /// Zendesk agent e-mail for API-token auth (also the admin user's e-mail in the data).
    #[arg(long, default_value_t = AuthConfig::default().zendesk_email)]
    pub zendesk_email: String,
    /// Zendesk API token the emulator accepts.
    #[arg(long, default_value_t = AuthConfig::default().zendesk_token)]
    pub zendesk_token: String,
    /// Zendesk OAuth bearer token the emulator accepts.
    #[arg(long, default_value_t = AuthConfig::default().zendesk_oauth_token)]
    pub zendesk_oauth_token: String,
    /// SQLite file to keep the data in (reused if it holds the same seed and ticket count).
    /// Default: a temporary file deleted on exit.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Write the ground truth (known sensitive spans) as JSONL to this file after generating.
    #[arg(long, value_name = "PATH")]
    pub ground_truth: Option<PathBuf>,
    /// Enforce rate limits (429 with Retry-After) at the real services' limits, or at the ones
    /// given below.
    #[arg(long)]
    pub rate_limit: bool,
    /// HubSpot requests per 10 seconds when rate limits are enforced.
    #[arg(long, default_value_t = 190)]
    pub hubspot_requests_per_10s: u32,
    /// HubSpot search requests per second when rate limits are enforced.
    #[arg(long, default_value_t = 5)]
    pub hubspot_search_per_second: u32,
    /// Zendesk requests per minute when rate limits are enforced.
    #[arg(long, default_value_t = 700)]
    pub zendesk_requests_per_minute: u32,
    /// Zendesk incremental-export requests per minute when rate limits are enforced.
    #[arg(long, default_value_t = 10)]
    pub zendesk_incremental_per_minute: u32,
    /// Share (0–1) of API requests answered with an injected 5xx, on both emulators.
    #[arg(long, default_value_t = 0.0)]
    pub error_rate: f64,
    /// Latency added to every API request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Share (0–1) of successful responses cut off half-way.
    #[arg(long, default_value_t = 0.0)]
    pub truncate_rate: f64,
    /// Share (0–1) of API requests whose connection is dropped without a response.
    #[arg(long, default_value_t = 0.0)]
    pub reset_rate: f64,
    /// Fixed Retry-After value for 429s and injected 503s (default: computed for 429s).
    #[arg(long)]
    pub retry_after: Option<String>,
    /// HubSpot search lags writes by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    pub search_lag_ms: u64,
}

impl EmulateArgs {
    fn fault_config(&self, helpdesk: Helpdesk) -> anyhow::Result<FaultConfig> {
        for (name, share) in [
            ("--error-rate", self.error_rate),
            ("--truncate-rate", self.truncate_rate),
            ("--reset-rate", self.reset_rate),
        ] {
            anyhow::ensure!(
                (0.0..=1.0).contains(&share),
                "{name} must be between 0 and 1"
            );
        }
        let mut config = FaultConfig::off(helpdesk);
        config.error_rate = self.error_rate;
        config.latency_ms = self.latency_ms;
        config.truncate_rate = self.truncate_rate;
        config.reset_rate = self.reset_rate;
        config.retry_after = self.retry_after.clone();
        config.rate_limit.enabled = self.rate_limit;
        match helpdesk {
            Helpdesk::Hubspot => {
                config.rate_limit.requests_per_window = self.hubspot_requests_per_10s;
                config.rate_limit.special_requests_per_window = self.hubspot_search_per_second;
                config.search_lag_ms = self.search_lag_ms;
            }
            Helpdesk::Zendesk => {
                config.rate_limit.requests_per_window = self.zendesk_requests_per_minute;
                config.rate_limit.special_requests_per_window = self.zendesk_incremental_per_minute;
            }
        }
        Ok(config)
    }
}

/// Runs the emulators until SIGINT/SIGTERM.
pub fn run(args: EmulateArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(run_async(args))
}

async fn run_async(args: EmulateArgs) -> anyhow::Result<()> {
    let db = match &args.db {
        Some(path) => Db::open(path).with_context(|| format!("opening {}", path.display()))?,
        None => Db::open_temporary().context("creating a temporary database")?,
    };
    let mut synth_config = SynthConfig::new(args.seed, args.tickets);
    synth_config.zendesk_admin_email = args.zendesk_email.clone();
    let started = Instant::now();
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    synth_config.cancel = Some(cancel.clone());
    let generation_db = db.clone();
    let mut generation =
        tokio::task::spawn_blocking(move || synth::generate(&generation_db, &synth_config));
    // A signal during a long generation stops it cleanly, so the temporary database is removed.
    let generated = tokio::select! {
        result = &mut generation => result,
        signal = wait_for_signal() => {
            signal?;
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = generation.await;
            eprintln!("leakhound emulate: interrupted while generating data");
            return Ok(());
        }
    };
    let summary = generated
        .context("generator task")?
        .context("generating synthetic data")?;
    if summary.reused {
        eprintln!(
            "leakhound emulate: reusing the data in {}",
            db.path().display()
        );
    } else {
        eprintln!(
            "leakhound emulate: generated {} Zendesk tickets ({} comments), {} HubSpot tickets ({} notes), {} ground-truth spans in {:.1}s",
            summary.zendesk_tickets,
            summary.zendesk_comments,
            summary.hubspot_tickets,
            summary.hubspot_notes,
            summary.ground_truth_spans,
            started.elapsed().as_secs_f64()
        );
    }
    if let Some(path) = &args.ground_truth {
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        let n = db.export_ground_truth(None, &mut out)?;
        out.flush()?;
        eprintln!(
            "leakhound emulate: wrote {n} ground-truth spans to {}",
            path.display()
        );
    }

    let hubspot_listener = tokio::net::TcpListener::bind(("127.0.0.1", args.hubspot_port))
        .await
        .with_context(|| format!("binding 127.0.0.1:{}", args.hubspot_port))?;
    let zendesk_listener = tokio::net::TcpListener::bind(("127.0.0.1", args.zendesk_port))
        .await
        .with_context(|| format!("binding 127.0.0.1:{}", args.zendesk_port))?;
    let auth = AuthConfig {
        hubspot_token: args.hubspot_token.clone(),
        zendesk_email: args.zendesk_email.clone(),
        zendesk_token: args.zendesk_token.clone(),
        zendesk_oauth_token: args.zendesk_oauth_token.clone(),
    };
    let options = EmulatorOptions {
        auth: auth.clone(),
        hubspot_faults: args.fault_config(Helpdesk::Hubspot)?,
        zendesk_faults: args.fault_config(Helpdesk::Zendesk)?,
        seed: args.seed,
    };
    let running = server::start(db, options, hubspot_listener, zendesk_listener)?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(
            stdout,
            "hubspot: {} token={}",
            running.hubspot_url(),
            auth.hubspot_token
        )?;
        writeln!(
            stdout,
            "zendesk: {} email={} token={} oauth_token={}",
            running.zendesk_url(),
            auth.zendesk_email,
            auth.zendesk_token,
            auth.zendesk_oauth_token
        )?;
        writeln!(stdout, "ready")?;
        stdout.flush()?;
    }
    wait_for_signal().await?;
    eprintln!("leakhound emulate: shutting down");
    running.shutdown().await
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn wait_for_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .context("installing the SIGTERM handler")?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.context("waiting for Ctrl-C")?,
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    Ok(())
}
