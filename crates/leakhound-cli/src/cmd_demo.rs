//! `leakhound demo`: the whole job on embedded defaults. Starts the HubSpot and Zendesk
//! emulators in-process with seeded synthetic tickets, scans both helpdesks end to end over
//! real HTTP into a SQLite store, writes the reports, and scores the findings against the
//! emulators' ground truth.

use crate::helpdesk::{self, Bars, HelpdeskRun};
use anyhow::{Context, Result};
use clap::Args;
use leakhound_connectors::{HubSpotConfig, RatePlan, ZendeskAuth, ZendeskConfig};
use leakhound_emulator::db::Db;
use leakhound_emulator::model::{Field, GroundTruthSpan};
use leakhound_emulator::server::{self, EmulatorOptions};
use leakhound_emulator::state::AuthConfig;
use leakhound_emulator::synth::{self, SynthConfig};
use leakhound_engine::{ScanPolicy, Scanner};
use leakhound_pipeline::eval::{self, GoldSpan, Predicted};
use leakhound_pipeline::{RunOptions, ScanMode, SourceConfig, ThreadScanner};
use leakhound_store::{FindingFilter, Store};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Synthetic tickets per helpdesk.
    #[arg(long, default_value_t = 1000)]
    pub tickets: u64,
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Folder for the store (leakhound.sqlite) and the reports; its old store is replaced.
    #[arg(long, value_name = "DIR", default_value = "leakhound-demo")]
    pub out: PathBuf,
    /// Also scan HubSpot notes.
    #[arg(long)]
    pub notes: bool,
    /// Then remediate: notes and private comments on every ticket with findings, Zendesk
    /// comment redaction, and a rescan of the redacted tickets.
    #[arg(long)]
    pub remediate: bool,
}

pub fn run(args: &DemoArgs) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(run_async(args))
}

async fn run_async(args: &DemoArgs) -> Result<ExitCode> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let store_path = args.out.join("leakhound.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", store_path.display()));
        if path.exists() {
            std::fs::remove_file(&path)
                .with_context(|| format!("removing the old demo store {}", path.display()))?;
        }
    }

    eprintln!(
        "generating {} synthetic tickets per helpdesk (seed {}) …",
        args.tickets, args.seed
    );
    let db = Db::open_temporary().context("creating the emulators' database")?;
    let synth_config = SynthConfig::new(args.seed, args.tickets);
    let generated = {
        let db = db.clone();
        tokio::task::spawn_blocking(move || synth::generate(&db, &synth_config))
            .await?
            .context("generating tickets")?
    };
    let hubspot_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let zendesk_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let auth = AuthConfig::default();
    let options = EmulatorOptions {
        auth: auth.clone(),
        seed: args.seed,
        ..EmulatorOptions::default()
    };
    let emulators = server::start(db.clone(), options, hubspot_listener, zendesk_listener)?;
    eprintln!(
        "HubSpot emulator at {}, Zendesk emulator at {}",
        emulators.hubspot_url(),
        emulators.zendesk_url()
    );

    let bars = Bars::new(&["hubspot", "zendesk"]);
    let mut hubspot = HubSpotConfig::new(auth.hubspot_token.clone());
    hubspot.base_url = emulators.hubspot_url().to_string();
    hubspot.include_notes = args.notes;
    hubspot.http.observer = Some(bars.wait_observer("hubspot"));
    let mut zendesk = ZendeskConfig::new(
        "demo",
        ZendeskAuth::ApiToken {
            email: auth.zendesk_email.clone(),
            token: auth.zendesk_token.clone(),
        },
    );
    zendesk.base_url = emulators.zendesk_url().to_string();
    zendesk.agent_url = emulators.zendesk_url().to_string();
    // The emulators enforce no limits by default; keep the client's Enterprise pacing off too
    // so the demo shows the pipeline's own speed.
    zendesk.http.plan = RatePlan::UNLIMITED;
    zendesk.http.observer = Some(bars.wait_observer("zendesk"));

    let scanner =
        Arc::new(Scanner::new(&ScanPolicy::default_rules()).map_err(|e| anyhow::anyhow!("{e}"))?);
    let job = HelpdeskRun {
        store_path: store_path.clone(),
        out_dir: args.out.clone(),
        mode: ScanMode::Full,
        scanner: ThreadScanner::Local(scanner),
        options: RunOptions::default(),
        report_values: false,
    };
    let (hubspot_cfg, zendesk_cfg) = (hubspot.clone(), zendesk.clone());
    let outcome = helpdesk::run(
        vec![
            SourceConfig::HubSpot(hubspot),
            SourceConfig::Zendesk(zendesk),
        ],
        bars,
        job,
    )
    .await?;
    // Scored before any remediation: a redaction also removes its value from the ground truth.
    let notes = args.notes;
    let store = outcome.store.clone();
    let evaluation = tokio::task::spawn_blocking(move || score(&db, &*store, notes)).await??;
    let remediation = match args.remediate {
        true => Some(
            crate::cmd_remediate::demo(outcome.store.clone(), hubspot_cfg, zendesk_cfg, &args.out)
                .await?,
        ),
        false => None,
    };
    emulators.shutdown().await?;

    println!(
        "generated {} HubSpot tickets ({} notes) and {} Zendesk tickets ({} comments) with {} known sensitive values",
        generated.hubspot_tickets, generated.hubspot_notes, generated.zendesk_tickets, generated.zendesk_comments, generated.ground_truth_spans
    );
    helpdesk::print_summary(&outcome);
    println!("store: {}", store_path.display());

    print_evaluation(&evaluation);
    if let Some(text) = remediation {
        print!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the ground truth of what was scanned (attachments are not scanned by the helpdesk
/// scan; notes only with `--notes`) and the stored findings, and scores them.
fn score(db: &Db, store: &dyn Store, notes: bool) -> Result<eval::Evaluation> {
    let mut gold = Vec::new();
    let mut after = 0;
    loop {
        let page = db
            .ground_truth_page(None, after, 10_000)
            .context("reading the ground truth")?;
        let Some((last, _)) = page.last() else { break };
        after = *last;
        gold.extend(
            page.into_iter()
                .filter_map(|(_, span)| gold_span(span, notes)),
        );
    }
    let mut predicted = Vec::new();
    store.for_each_finding(&FindingFilter::default(), &mut |f| {
        predicted.push(Predicted {
            source: f.source.clone(),
            ticket_id: f.record.ticket_id.clone(),
            part: f.record.part_key.clone(),
            range: f.record.byte_range.clone(),
            kind: f
                .record
                .native_detector
                .clone()
                .unwrap_or_else(|| f.record.detector.clone()),
        });
        Ok(())
    })?;
    Ok(eval::evaluate(gold, predicted))
}

fn gold_span(span: GroundTruthSpan, notes: bool) -> Option<GoldSpan> {
    let part = match span.field {
        Field::Subject => "subject".to_string(),
        Field::Content => "content".to_string(),
        Field::Comment => format!("comment:{}", span.object_id?),
        Field::Note if notes => format!("note:{}", span.object_id?),
        Field::Note | Field::Attachment => return None,
    };
    Some(GoldSpan {
        source: span.helpdesk.as_str().to_string(),
        ticket_id: span.ticket_id.to_string(),
        part,
        range: span.start..span.end,
        kind: span.kind,
    })
}

fn print_evaluation(e: &eval::Evaluation) {
    println!("accuracy against the emulators' ground truth (a finding counts when it overlaps a known value of its type):");
    println!(
        "  {:36} {:>6} {:>6} {:>6} {:>6} {:>9} {:>7}",
        "detector", "gold", "TP", "FP", "FN", "precision", "recall"
    );
    for (kind, c) in &e.by_type {
        println!(
            "  {kind:36} {:>6} {:>6} {:>6} {:>6} {:>9.3} {:>7.3}",
            c.gold(),
            c.true_positives,
            c.false_positives,
            c.false_negatives,
            c.precision(),
            c.recall()
        );
    }
    let all = e.overall();
    println!(
        "  {:36} {:>6} {:>6} {:>6} {:>6} {:>9.3} {:>7.3}",
        "all",
        all.gold(),
        all.true_positives,
        all.false_positives,
        all.false_negatives,
        all.precision(),
        all.recall()
    );
}
