//! `leakhound remediate` (and `leakhound scan hubspot|zendesk … --remediate`): plan the
//! remediation of stored findings, print it, and with `--apply` act on it.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use leakhound_connectors::{HubSpotConfig, HubSpotWriter, ZendeskConfig, ZendeskWriter};
use leakhound_engine::{Confidence, ScanPolicy, Scanner};
use leakhound_notify::{Mailer, SlackMessage, SmtpConfig, TlsMode, WebhookConfig, WebhookSender};
use leakhound_remediate::{
    build_plan, parse_actions, ActionKind, Alert, AlertSender, AuditFile, Plan, PlanOptions,
    RemediationConfig, Remediator, SendFuture,
};
use leakhound_store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SourceArg {
    Hubspot,
    Zendesk,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SmtpTls {
    None,
    Starttls,
    Tls,
}

fn parse_actions_arg(s: &str) -> Result<BTreeSet<ActionKind>, String> {
    parse_actions(s)
}

/// Remediation flags shared by `remediate` and `scan … --remediate`.
#[derive(Args, Debug, Clone)]
pub struct RemediationFlags {
    /// Act: post notes and private comments, redact, alert. Without it, only the plan is
    /// printed and nothing changes anywhere.
    #[arg(long)]
    pub apply: bool,

    /// Actions for every finding (`note,redact,alert` or `none`), overriding the rule
    /// file's `[remediation]` section (default there: `note`).
    #[arg(long, value_name = "LIST", value_parser = parse_actions_arg)]
    pub actions: Option<BTreeSet<ActionKind>>,

    /// Let `redact` replace HubSpot ticket content and subject by their redacted copy (it
    /// rewrites the customer's words).
    #[arg(long)]
    pub redact_hubspot_content: bool,

    /// The JSONL audit log (one line per finished action), appended to.
    #[arg(
        long,
        value_name = "FILE",
        env = "LEAKHOUND_AUDIT_LOG",
        default_value = "leakhound-audit.jsonl"
    )]
    pub audit_log: PathBuf,

    /// SMTP relay for alert e-mails.
    #[arg(long, value_name = "HOST", env = "LEAKHOUND_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// SMTP port (default by --smtp-tls: 25, 587, 465).
    #[arg(long, value_name = "PORT", env = "LEAKHOUND_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// SMTP transport security.
    #[arg(long, value_enum, default_value_t = SmtpTls::Starttls)]
    pub smtp_tls: SmtpTls,
    /// SMTP user (password in LEAKHOUND_SMTP_PASSWORD).
    #[arg(long, value_name = "USER", env = "LEAKHOUND_SMTP_USER")]
    pub smtp_user: Option<String>,
    /// Sender of alert e-mails.
    #[arg(long, value_name = "ADDRESS", env = "LEAKHOUND_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// Also POST each alert to this URL, signed with LEAKHOUND_ALERT_WEBHOOK_SECRET.
    #[arg(
        long,
        value_name = "URL",
        env = "LEAKHOUND_ALERT_WEBHOOK_URL",
        hide_env_values = true
    )]
    pub webhook_url: Option<String>,
    /// Send webhooks in Slack's format (`{"text":…,"blocks":[…]}`).
    #[arg(long)]
    pub webhook_slack: bool,
}

#[derive(Args, Debug)]
pub struct RemediateArgs {
    /// Only this helpdesk (default: every helpdesk with findings in the store).
    #[arg(long, value_enum)]
    pub source: Option<SourceArg>,

    /// The SQLite store the scans wrote.
    #[arg(
        long,
        value_name = "FILE",
        env = "LEAKHOUND_STORE",
        default_value = "leakhound.sqlite"
    )]
    pub store: PathBuf,

    /// The rule file of the scans: its policy finds values again if a text moved, and its
    /// `[remediation]` section maps rule names to actions.
    #[arg(long, value_name = "FILE", env = "LEAKHOUND_RULES")]
    pub rules: Option<PathBuf>,

    /// Only findings at or above this confidence.
    #[arg(long, value_name = "LEVEL", value_parser = crate::cmd_scan::parse_confidence)]
    pub min_confidence: Option<Confidence>,

    #[command(flatten)]
    pub flags: RemediationFlags,
}

pub fn run(args: &RemediateArgs) -> Result<ExitCode> {
    if !args.store.exists() {
        bail!(
            "no store at {}: scan a helpdesk first (leakhound scan zendesk --store …)",
            args.store.display()
        );
    }
    // The same hash key as the scans (LEAKHOUND_HASH_KEY), or redaction cannot verify values.
    let options = leakhound_store::SqliteOptions {
        hash_key: leakhound_store::HashKey::from_env()?,
        ..leakhound_store::SqliteOptions::default()
    };
    let store: Arc<dyn Store> = Arc::new(
        leakhound_store::SqliteStore::open_with(&args.store, &options)
            .with_context(|| format!("opening the store {}", args.store.display()))?,
    );
    let sources = match args.source {
        Some(SourceArg::Hubspot) => vec!["hubspot".to_string()],
        Some(SourceArg::Zendesk) => vec!["zendesk".to_string()],
        None => Vec::new(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(remediate(
        store,
        args.rules.as_deref(),
        args.min_confidence,
        sources,
        &args.flags,
    ))
}

/// After `scan … --remediate`: the same for the scanned source.
pub async fn after_scan(
    store: Arc<dyn Store>,
    rules: Option<&Path>,
    source: &str,
    flags: &RemediationFlags,
) -> Result<ExitCode> {
    remediate(store, rules, None, vec![source.to_string()], flags).await
}

fn load_config(rules: Option<&Path>, flags: &RemediationFlags) -> Result<RemediationConfig> {
    let mut config = match rules {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read rule file {}", path.display()))?;
            RemediationConfig::from_rules_toml(&text)
                .map_err(|e| anyhow::anyhow!("{}: [remediation]: {e}", path.display()))?
        }
        None => RemediationConfig::default(),
    };
    if flags.actions.is_some() {
        config.override_actions = flags.actions.clone();
    }
    config.hubspot_redact_content |= flags.redact_hubspot_content;
    Ok(config)
}

async fn remediate(
    store: Arc<dyn Store>,
    rules: Option<&Path>,
    min_confidence: Option<Confidence>,
    sources: Vec<String>,
    flags: &RemediationFlags,
) -> Result<ExitCode> {
    let config = load_config(rules, flags)?;
    let policy = crate::cmd_scan::load_policy(rules, None, None)?;
    let options = PlanOptions {
        sources,
        min_confidence,
    };
    let plan = {
        let (s, c, o) = (store.clone(), config.clone(), options.clone());
        tokio::task::spawn_blocking(move || build_plan(&*s, &c, &o)).await??
    };
    print!("{}", plan.render());
    if !flags.apply {
        println!("dry run: nothing was changed. Run again with --apply to act.");
        return Ok(ExitCode::SUCCESS);
    }
    if plan.pending() == 0 {
        println!("nothing to do.");
        return Ok(ExitCode::SUCCESS);
    }
    let remediator = remediator(store, &plan, config, &policy, flags)?;
    let report = remediator.apply(&plan).await?;
    print!("{}", report.render());
    println!("audit log: {}", flags.audit_log.display());
    Ok(if report.failed() > 0 {
        eprintln!(
            "leakhound: {} action(s) failed; they are retried by the next --apply",
            report.failed()
        );
        ExitCode::from(crate::EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    })
}

fn remediator(
    store: Arc<dyn Store>,
    plan: &Plan,
    config: RemediationConfig,
    policy: &ScanPolicy,
    flags: &RemediationFlags,
) -> Result<Remediator> {
    let needs = |source: &str| {
        plan.items()
            .any(|(t, i)| t.source == source && !i.is_done())
    };
    let scanner = Arc::new(Scanner::new(policy).map_err(|e| anyhow::anyhow!("{e}"))?);
    let audit = Arc::new(
        AuditFile::open(&flags.audit_log)
            .with_context(|| format!("opening the audit log {}", flags.audit_log.display()))?,
    );
    let mut r = Remediator::new(store, config)
        .with_scanner(scanner)
        .with_audit_file(audit);
    if needs("hubspot") {
        r = r.with_hubspot(HubSpotWriter::new(&HubSpotConfig::from_env()?)?);
    }
    if needs("zendesk") {
        r = r.with_zendesk(ZendeskWriter::new(&ZendeskConfig::from_env()?)?);
    }
    if plan
        .items()
        .any(|(_, i)| i.kind == ActionKind::Alert && !i.is_done())
    {
        r = r.with_alerts(Arc::new(NotifySender::new(flags)?));
    }
    Ok(r)
}

/// Alerts through `leakhound-notify`: SMTP and/or a signed webhook.
struct NotifySender {
    mailer: Option<Mailer>,
    webhook: Option<(WebhookSender, String, bool)>,
}

impl NotifySender {
    fn new(flags: &RemediationFlags) -> Result<NotifySender> {
        let mailer = match (&flags.smtp_host, &flags.smtp_from) {
            (Some(host), Some(from)) => {
                let mut c = SmtpConfig::new(host.clone(), from.clone());
                c.port = flags.smtp_port;
                c.tls = match flags.smtp_tls {
                    SmtpTls::None => TlsMode::None,
                    SmtpTls::Starttls => TlsMode::Starttls,
                    SmtpTls::Tls => TlsMode::Tls,
                };
                c.username = flags.smtp_user.clone();
                c.apply_env(|k| std::env::var(k).ok());
                Some(Mailer::new(&c).map_err(|e| anyhow::anyhow!("SMTP: {e}"))?)
            }
            (Some(_), None) => bail!("--smtp-host needs --smtp-from (the sender address)"),
            _ => None,
        };
        let webhook = match &flags.webhook_url {
            Some(url) => {
                let secret = std::env::var("LEAKHOUND_ALERT_WEBHOOK_SECRET")
                    .ok()
                    .filter(|s| !s.is_empty())
                    .context("--webhook-url needs LEAKHOUND_ALERT_WEBHOOK_SECRET to sign with")?;
                let sender = WebhookSender::new(WebhookConfig::new(secret))
                    .map_err(|e| anyhow::anyhow!("webhook: {e}"))?;
                Some((sender, url.clone(), flags.webhook_slack))
            }
            None => None,
        };
        if mailer.is_none() && webhook.is_none() {
            bail!("the plan has alerts: give --smtp-host and --smtp-from, or --webhook-url (or leave alert out of --actions)");
        }
        Ok(NotifySender { mailer, webhook })
    }
}

impl AlertSender for NotifySender {
    fn send<'a>(&'a self, alert: &'a Alert) -> SendFuture<'a> {
        Box::pin(async move {
            let mut done = Vec::new();
            if let Some(m) = &self.mailer {
                m.send(&alert.to.email, &alert.subject, &alert.body)
                    .await
                    .map_err(|e| format!("e-mail: {e}"))?;
                done.push(format!("e-mail sent to {}", alert.to.email));
            }
            if let Some((w, url, slack)) = &self.webhook {
                let result = if *slack {
                    let msg = SlackMessage::new(format!("{}\n{}", alert.subject, alert.body));
                    w.post_json(url, &msg).await
                } else {
                    w.post_json(
                        url,
                        &serde_json::json!({
                            "event": "leakhound.alert",
                            "idempotencyKey": alert.key,
                            "source": alert.source,
                            "ticketId": alert.ticket_id,
                            "ticketUrl": alert.ticket_url,
                            "owner": alert.to.email,
                            "count": alert.count,
                            "summary": alert.summary,
                            "subject": alert.subject,
                            "text": alert.body,
                        }),
                    )
                    .await
                };
                result.map_err(|e| format!("webhook: {e}"))?;
                done.push("webhook delivered".to_string());
            }
            Ok(done.join("; "))
        })
    }
}

/// `leakhound demo --remediate`: notes and redactions on the emulated helpdesks, then the
/// redacted Zendesk tickets read again through the comments API and scanned again. (The
/// incremental export never returns the newest minute, so a rescan by export right after
/// the redaction would not see the change yet; reading the comments does.)
pub async fn demo(
    store: Arc<dyn Store>,
    hubspot: HubSpotConfig,
    zendesk: ZendeskConfig,
    out: &Path,
) -> Result<String> {
    let config = RemediationConfig {
        override_actions: Some(BTreeSet::from([ActionKind::Note, ActionKind::Redact])),
        ..RemediationConfig::default()
    };
    let plan = {
        let (s, c) = (store.clone(), config.clone());
        tokio::task::spawn_blocking(move || build_plan(&*s, &c, &PlanOptions::default())).await??
    };
    let scanner =
        Arc::new(Scanner::new(&ScanPolicy::default_rules()).map_err(|e| anyhow::anyhow!("{e}"))?);
    let audit_path = out.join("remediation-audit.jsonl");
    // A demo starts from a fresh store: its audit log starts afresh too.
    let _ = std::fs::remove_file(&audit_path);
    let zd_writer = ZendeskWriter::new(&zendesk)?;
    let remediator = Remediator::new(store.clone(), config)
        .with_hubspot(HubSpotWriter::new(&hubspot)?)
        .with_zendesk(zd_writer.clone())
        .with_scanner(scanner.clone())
        .with_audit_file(Arc::new(AuditFile::open(&audit_path)?));
    let report = remediator.apply(&plan).await?;

    // Which Zendesk values were redacted, and where.
    let mut redacted: std::collections::BTreeMap<u64, BTreeSet<String>> = Default::default();
    for (t, item) in plan
        .items()
        .filter(|(t, i)| t.source == "zendesk" && i.kind == ActionKind::Redact)
    {
        let rec = store.action_for(&item.key)?;
        let done = rec.is_some_and(|r| {
            r.status == leakhound_store::ActionStatus::Done
                && !r.result.as_deref().unwrap_or("").starts_with("skipped")
        });
        if done {
            redacted
                .entry(t.ticket_id.parse()?)
                .or_default()
                .insert(item.findings[0].value_hash.clone());
        }
    }
    let total: usize = redacted.values().map(BTreeSet::len).sum();
    let mut still = 0;
    let mut comments = 0;
    for (ticket, hashes) in &redacted {
        for c in zd_writer.comments(*ticket).await? {
            comments += 1;
            for f in scanner.scan(c.scanned_text()).findings {
                if hashes.contains(&store.value_hash(f.value())) {
                    still += 1;
                }
            }
        }
    }
    let mut text = format!(
        "remediation (notes and private comments, Zendesk redaction):\n{}",
        report.render()
    );
    text.push_str(&format!(
        "rescan of the {} redacted Zendesk tickets ({comments} comments): {still} of {total} redacted values found again\n",
        redacted.len()
    ));
    text.push_str(&format!(
        "remediation audit log: {}\n",
        audit_path.display()
    ));
    Ok(text)
}
