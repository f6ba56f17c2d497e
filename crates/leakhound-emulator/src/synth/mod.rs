//! Deterministic synthetic helpdesk data, written into the store in batches.
//!
//! Every ticket is generated from its own ChaCha RNG seeded with (seed, helpdesk, ticket
//! number), users and owners likewise, so the data for a seed never depends on batch sizes or
//! on what else was generated, and nothing but the current batch is held in memory: a million
//! tickets per helpdesk stream through a few megabytes.

pub mod text;
pub mod values;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::db::{attachment_token, id_base, via_label, Batch, Db, DbError};
use crate::model::*;
use text::{Lang, Persona, Rendered};

/// `2026-10-01T00:00:00Z`: generated activity ends here (a fixed instant, so data is identical
/// across runs, and in the past, so incremental exports' one-minute rule never hides it).
pub const DEFAULT_ANCHOR_MS: Millis = 1_790_812_800_000;

/// Number of Zendesk agents (besides the admin) and HubSpot owners.
pub const AGENTS: i64 = 20;
/// Number of HubSpot owners.
pub const OWNERS: i64 = 15;

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthConfig {
    /// Seed of everything.
    pub seed: u64,
    /// Tickets per helpdesk.
    pub tickets: u64,
    /// E-mail of the Zendesk admin user (the API credentials' e-mail).
    pub zendesk_admin_email: String,
    /// Generated activity ends at this instant...
    pub anchor_ms: Millis,
    /// ...and starts this many days before it.
    pub span_days: i64,
    /// Tickets per transaction.
    pub batch_tickets: usize,
    /// Set to stop generating early (e.g. on Ctrl-C, so a temporary database of several
    /// gigabytes is still deleted); [`generate`] then fails with "generation cancelled".
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl SynthConfig {
    /// `tickets` per helpdesk for a seed, with the default time range (180 days before the
    /// anchor) and admin e-mail.
    pub fn new(seed: u64, tickets: u64) -> Self {
        SynthConfig {
            seed,
            tickets,
            zendesk_admin_email: crate::state::AuthConfig::default().zendesk_email,
            anchor_ms: DEFAULT_ANCHOR_MS,
            span_days: 180,
            batch_tickets: 2_000,
            cancel: None,
        }
    }

    fn start_ms(&self) -> Millis {
        self.anchor_ms - self.span_days * 86_400_000
    }
}

/// Counts of what was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub zendesk_tickets: u64,
    pub zendesk_comments: u64,
    pub zendesk_attachments: u64,
    pub zendesk_users: u64,
    pub hubspot_tickets: u64,
    pub hubspot_notes: u64,
    pub hubspot_owners: u64,
    pub ground_truth_spans: u64,
    /// True when the store already held this seed's data and nothing was generated.
    pub reused: bool,
}

/// splitmix64: decorrelates the per-record seeds.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The RNG of one record: (seed, stream, index) → independent ChaCha stream.
pub fn record_rng(seed: u64, stream: u64, index: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(mix(mix(seed ^ mix(stream)) ^ index))
}

const STREAM_ZD_TICKET: u64 = 1;
const STREAM_ZD_USER: u64 = 2;
const STREAM_HS_TICKET: u64 = 3;
const STREAM_HS_OWNER: u64 = 4;
/// Stream of tickets added at run time through the admin endpoint.
pub const STREAM_ADMIN: u64 = 5;

/// Number of Zendesk end-users for a ticket count (about one per three tickets).
pub fn end_user_count(tickets: u64) -> i64 {
    (tickets as i64 / 3).max(20)
}

/// Zendesk user number `n`: 0 is the admin, 1..=AGENTS agents, then end-users. Derived from the
/// seed alone, so tickets can name their requester without loading users.
pub fn zendesk_user(seed: u64, n: i64, admin_email: &str, anchor_ms: Millis) -> ZdUser {
    let mut rng = record_rng(seed, STREAM_ZD_USER, n as u64);
    let (first, last) = values::person_name(&mut rng);
    let lang = Lang::pick(&mut rng);
    let created = anchor_ms - rng.gen_range(200..900) * 86_400_000;
    let (name, email, role) = match n {
        0 => (
            "Emulator Admin".to_string(),
            admin_email.to_string(),
            "admin",
        ),
        n if n <= AGENTS => (
            format!("{first} {last}"),
            format!(
                "{}@support.leakhound-emulator.test",
                values::mailbox_name(&first, &last)
            ),
            "agent",
        ),
        _ => (
            format!("{first} {last}"),
            values::email_for(&mut rng, &first, &last),
            "end-user",
        ),
    };
    ZdUser {
        id: id_base::ZD_USER + n,
        name,
        email,
        role: role.to_string(),
        organization_id: if role == "end-user" && rng.gen_bool(0.3) {
            Some(id_base::ZD_ORGANIZATION + rng.gen_range(0..50))
        } else {
            None
        },
        locale: lang.locale().to_string(),
        time_zone: [
            "America/New_York",
            "Europe/Berlin",
            "Europe/Paris",
            "Europe/Madrid",
        ]
        .choose(&mut rng)
        .copied()
        .unwrap_or("UTC")
        .to_string(),
        created_at: created,
        updated_at: created + rng.gen_range(0..100) * 86_400_000,
    }
}

/// HubSpot owner number `n` (0-based).
pub fn hubspot_owner(seed: u64, n: i64, anchor_ms: Millis) -> HsOwner {
    let mut rng = record_rng(seed, STREAM_HS_OWNER, n as u64);
    let (first, last) = values::person_name(&mut rng);
    let created = anchor_ms - rng.gen_range(300..1000) * 86_400_000;
    HsOwner {
        id: id_base::HS_OWNER + n,
        email: format!(
            "{}@crm.leakhound-emulator.test",
            values::mailbox_name(&first, &last)
        ),
        first_name: first,
        last_name: last,
        user_id: 5_000_000 + n * 7 + 3,
        created_at: created,
        updated_at: created + rng.gen_range(0..200) * 86_400_000,
    }
}

/// A random gap between two messages of a thread: minutes to a few days, mostly short.
fn thread_gap(rng: &mut ChaCha8Rng) -> Millis {
    match rng.gen_range(0..10) {
        0..=4 => rng.gen_range(60_000..3_600_000),
        5..=7 => rng.gen_range(3_600_000..86_400_000),
        _ => rng.gen_range(86_400_000..4 * 86_400_000),
    }
}

/// Comments in a thread: 1–50, most threads short.
fn thread_length(rng: &mut ChaCha8Rng) -> usize {
    match rng.gen_range(0..100) {
        0..=54 => rng.gen_range(1..=2),
        55..=84 => rng.gen_range(3..=5),
        85..=97 => rng.gen_range(6..=15),
        _ => rng.gen_range(16..=50),
    }
}

fn spans_to_truth(
    helpdesk: Helpdesk,
    ticket_id: i64,
    field: Field,
    object_id: Option<i64>,
    rendered: &Rendered,
    out: &mut Vec<GroundTruthSpan>,
) {
    out.extend(rendered.spans.iter().map(|s| GroundTruthSpan {
        helpdesk,
        ticket_id,
        field,
        object_id,
        start: s.start,
        end: s.end,
        kind: s.kind.to_string(),
        value: s.value.clone(),
    }));
}

/// Escapes the non-sensitive parts of a rendered text for HTML and wraps paragraphs in `<p>`,
/// keeping the spans exact (sensitive values never contain HTML-special characters).
pub fn to_note_html(rendered: &Rendered) -> Rendered {
    let mut out = Rendered::default();
    out.push("<p>");
    let mut pos = 0;
    let escape_plain = |s: &str| crate::html::escape(s).replace('\n', "<br>");
    for span in &rendered.spans {
        out.push(&escape_plain(&rendered.text[pos..span.start]));
        out.secret(span.kind, &rendered.text[span.start..span.end]);
        pos = span.end;
    }
    out.push(&escape_plain(&rendered.text[pos..]));
    out.push("</p>");
    out
}

/// Ids handed out while generating Zendesk records (sequential, so deterministic).
struct ZdIds {
    comment: i64,
    audit: i64,
    attachment: i64,
}

struct ZdContext<'a> {
    config: &'a SynthConfig,
    end_users: i64,
    ids: ZdIds,
}

const TAGS: &[&str] = &[
    "billing",
    "refund",
    "shipping",
    "login",
    "api",
    "vip",
    "chargeback",
    "bug",
    "account",
    "subscription",
];

/// Generates Zendesk ticket number `n` (1-based; its id is `n`) with its thread into `batch`.
fn zendesk_ticket(ctx: &mut ZdContext<'_>, n: u64, batch: &mut Batch) {
    let cfg = ctx.config;
    let mut rng = record_rng(cfg.seed, STREAM_ZD_TICKET, n);
    let ticket_id = n as i64;
    let slot = (cfg.anchor_ms - cfg.start_ms()) / cfg.tickets.max(1) as i64;
    let created_at = cfg.start_ms() + (n as i64 - 1) * slot + rng.gen_range(0..slot.max(1));
    let requester_n = AGENTS + 1 + rng.gen_range(0..ctx.end_users);
    let requester = zendesk_user(
        cfg.seed,
        requester_n,
        &cfg.zendesk_admin_email,
        cfg.anchor_ms,
    );
    let agent_n = rng.gen_range(1..=AGENTS);
    let agent = zendesk_user(cfg.seed, agent_n, &cfg.zendesk_admin_email, cfg.anchor_ms);
    let (first, last) = requester
        .name
        .split_once(' ')
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .unwrap_or_else(|| (requester.name.clone(), String::new()));
    let mut persona = Persona::random(&mut rng);
    persona.first = first;
    persona.last = last;
    persona.email = requester.email.clone();
    persona.agent = agent.name.clone();
    let lang = Lang::pick(&mut rng);
    let channel = ["email", "web", "chat", "api"]
        .choose(&mut rng)
        .copied()
        .unwrap_or("email");
    let (subject, opening) = text::opening(lang, &persona, &mut rng);
    let mut opening = Some(opening);
    let status = match rng.gen_range(0..100) {
        0..=4 => "new",
        5..=34 => "open",
        35..=49 => "pending",
        50..=54 => "hold",
        55..=79 => "solved",
        _ => "closed",
    };
    let priority = ["low", "normal", "normal", "high", "urgent"]
        .choose(&mut rng)
        .map(|s| s.to_string());
    let assignee = (status != "new").then_some(agent.id);
    let tag_count = rng.gen_range(1..=3);
    let mut tags: Vec<String> = TAGS
        .choose_multiple(&mut rng, tag_count)
        .map(|s| s.to_string())
        .collect();
    tags.push(format!("lang_{}", lang.locale().to_ascii_lowercase()));
    let cutoff = cfg.anchor_ms - 120_000;
    spans_to_truth(
        Helpdesk::Zendesk,
        ticket_id,
        Field::Subject,
        None,
        &subject,
        &mut batch.ground_truth,
    );

    let mut at = created_at;
    let mut description = String::new();
    let comments = thread_length(&mut rng);
    for index in 0..comments {
        if index > 0 {
            at = (at + thread_gap(&mut rng)).min(cutoff);
        }
        let (body, author, public, comment_channel) = if index == 0 {
            (
                opening.take().unwrap_or_default(),
                requester.id,
                true,
                channel,
            )
        } else {
            match rng.gen_range(0..100) {
                0..=44 => (
                    text::agent_reply(lang, &persona, &mut rng),
                    agent.id,
                    true,
                    "web",
                ),
                45..=79 => (
                    text::customer_reply(lang, &persona, &mut rng),
                    requester.id,
                    true,
                    channel,
                ),
                _ => (
                    text::internal_note(&persona, &mut rng),
                    agent.id,
                    false,
                    "web",
                ),
            }
        };
        let comment_id = ctx.ids.comment;
        ctx.ids.comment += 1;
        let audit_id = ctx.ids.audit;
        ctx.ids.audit += 1;
        let html_body = if comment_channel == "email" && rng.gen_bool(0.6) {
            text::email_html(&body.text)
        } else {
            String::new()
        };
        if index == 0 {
            description = body.text.clone();
        }
        spans_to_truth(
            Helpdesk::Zendesk,
            ticket_id,
            Field::Comment,
            Some(comment_id),
            &body,
            &mut batch.ground_truth,
        );
        if rng.gen_bool(0.05) {
            let attachment_id = ctx.ids.attachment;
            ctx.ids.attachment += 1;
            let (file_name, content_type, content) = if rng.gen_bool(0.8) {
                let (name, ctype, rendered) = text::attachment(&persona, &mut rng);
                spans_to_truth(
                    Helpdesk::Zendesk,
                    ticket_id,
                    Field::Attachment,
                    Some(attachment_id),
                    &rendered,
                    &mut batch.ground_truth,
                );
                (name, ctype, rendered.text.into_bytes())
            } else {
                (
                    "screenshot.png".to_string(),
                    "image/png".to_string(),
                    text::TINY_PNG.to_vec(),
                )
            };
            batch.zd_attachments.push((
                ZdAttachment {
                    id: attachment_id,
                    comment_id,
                    ticket_id,
                    token: attachment_token(attachment_id, &file_name),
                    file_name,
                    content_type,
                    size: content.len() as i64,
                    inline: false,
                    redacted: false,
                },
                content,
            ));
        }
        let comment = ZdComment {
            id: comment_id,
            ticket_id,
            audit_id,
            author_id: author,
            body: body.text,
            html_body,
            public,
            via_channel: comment_channel.to_string(),
            created_at: at,
            attachments: Vec::new(),
        };
        let changes = if index == 0 {
            vec![
                create("subject", subject.text.clone().into()),
                create("status", "new".into()),
                create("requester_id", requester.id.into()),
                create("priority", priority.clone().into()),
            ]
        } else {
            Vec::new()
        };
        batch.zd_audits.push(ZdAudit {
            id: audit_id,
            ticket_id,
            created_at: at,
            author_id: author,
            via: via_label(comment_channel).to_string(),
            comment: Some(comment.clone()),
            changes,
        });
        batch.zd_comments.push(comment);
    }
    // Status changes after the conversation (solving, closing) get their own audit.
    if status != "new" {
        at = (at + thread_gap(&mut rng)).min(cutoff);
        let audit_id = ctx.ids.audit;
        ctx.ids.audit += 1;
        batch.zd_audits.push(ZdAudit {
            id: audit_id,
            ticket_id,
            created_at: at,
            author_id: agent.id,
            via: "Web form".into(),
            comment: None,
            changes: vec![ZdFieldChange {
                event_type: "Change".into(),
                field_name: "status".into(),
                value: status.into(),
                previous_value: Some("new".into()),
            }],
        });
    }
    batch.zd_tickets.push(ZdTicket {
        id: ticket_id,
        subject: subject.text,
        description,
        status: status.to_string(),
        priority,
        ticket_type: ["question", "incident", "problem", "task"]
            .choose(&mut rng)
            .map(|s| s.to_string()),
        requester_id: requester.id,
        submitter_id: requester.id,
        assignee_id: assignee,
        group_id: Some(id_base::ZD_GROUP + rng.gen_range(0..4)),
        organization_id: requester.organization_id,
        tags,
        via_channel: channel.to_string(),
        created_at,
        updated_at: at,
    });
}

fn create(name: &str, value: serde_json::Value) -> ZdFieldChange {
    ZdFieldChange {
        event_type: "Create".into(),
        field_name: name.into(),
        value,
        previous_value: None,
    }
}

/// Generates HubSpot ticket number `n` (1-based) and its notes into `batch`.
fn hubspot_ticket(cfg: &SynthConfig, n: u64, next_note_id: &mut i64, batch: &mut Batch) {
    let mut rng = record_rng(cfg.seed, STREAM_HS_TICKET, n);
    let ticket_id = id_base::HS_TICKET + n as i64 - 1;
    let slot = (cfg.anchor_ms - cfg.start_ms()) / cfg.tickets.max(1) as i64;
    let created_at = cfg.start_ms() + (n as i64 - 1) * slot + rng.gen_range(0..slot.max(1));
    let persona = Persona::random(&mut rng);
    let lang = Lang::pick(&mut rng);
    let (subject, mut content) = text::opening(lang, &persona, &mut rng);
    if rng.gen_bool(0.3) {
        content.push("\n\n--- follow-up ---\n");
        content.append(text::customer_reply(lang, &persona, &mut rng));
    }
    let mut updated_at = created_at;
    for _ in 0..rng.gen_range(0..4) {
        updated_at += thread_gap(&mut rng);
    }
    let updated_at = updated_at.min(cfg.anchor_ms - 120_000);
    let owner_id = rng
        .gen_bool(0.85)
        .then(|| id_base::HS_OWNER + rng.gen_range(0..OWNERS));
    spans_to_truth(
        Helpdesk::Hubspot,
        ticket_id,
        Field::Subject,
        None,
        &subject,
        &mut batch.ground_truth,
    );
    spans_to_truth(
        Helpdesk::Hubspot,
        ticket_id,
        Field::Content,
        None,
        &content,
        &mut batch.ground_truth,
    );
    if rng.gen_bool(0.15) {
        for _ in 0..rng.gen_range(1..=2) {
            let note_id = *next_note_id;
            *next_note_id += 1;
            let body = to_note_html(&text::internal_note(&persona, &mut rng));
            spans_to_truth(
                Helpdesk::Hubspot,
                ticket_id,
                Field::Note,
                Some(note_id),
                &body,
                &mut batch.ground_truth,
            );
            let at = created_at + rng.gen_range(0..(updated_at - created_at).max(1));
            batch.hs_notes.push(HsNote {
                id: note_id,
                body: body.text,
                timestamp: at,
                owner_id,
                created_at: at,
                updated_at: at,
                ticket_ids: vec![ticket_id],
            });
        }
    }
    batch.hs_tickets.push(HsTicket {
        id: ticket_id,
        subject: subject.text,
        content: content.text,
        pipeline: "0".into(),
        pipeline_stage: ["1", "2", "3", "4"]
            .choose(&mut rng)
            .copied()
            .unwrap_or("1")
            .into(),
        priority: ["LOW", "MEDIUM", "HIGH"]
            .choose(&mut rng)
            .map(|s| s.to_string()),
        category: rng.gen_bool(0.7).then(|| {
            [
                "PRODUCT_ISSUE",
                "BILLING_ISSUE",
                "FEATURE_REQUEST",
                "GENERAL_INQUIRY",
            ]
            .choose(&mut rng)
            .copied()
            .unwrap_or("GENERAL_INQUIRY")
            .to_string()
        }),
        owner_id,
        created_at,
        updated_at,
        archived: false,
        extra_properties: Default::default(),
    });
}

fn flush(db: &Db, batch: &mut Batch, summary: &mut Summary) -> Result<(), DbError> {
    summary.zendesk_tickets += batch.zd_tickets.len() as u64;
    summary.zendesk_comments += batch.zd_comments.len() as u64;
    summary.zendesk_attachments += batch.zd_attachments.len() as u64;
    summary.zendesk_users += batch.zd_users.len() as u64;
    summary.hubspot_tickets += batch.hs_tickets.len() as u64;
    summary.hubspot_notes += batch.hs_notes.len() as u64;
    summary.hubspot_owners += batch.hs_owners.len() as u64;
    summary.ground_truth_spans += batch.ground_truth.len() as u64;
    db.insert_batch(batch)?;
    *batch = Batch::default();
    Ok(())
}

/// Fills an empty store with `config.tickets` tickets per helpdesk. If the store already holds
/// data generated with the same seed and count (a reused `--db` file) nothing is done; any
/// other non-empty store is refused.
pub fn generate(db: &Db, config: &SynthConfig) -> Result<Summary, DbError> {
    let fingerprint = format!("seed={} tickets={}", config.seed, config.tickets);
    if let Some(existing) = db.meta("generated")? {
        if existing == fingerprint {
            return Ok(Summary {
                reused: true,
                ..Summary::default()
            });
        }
        return Err(DbError::Invalid(format!(
            "the database already holds data generated with {existing}; use another --db path"
        )));
    }
    if db.zd_ticket_count()? > 0 || db.hs_ticket_count(false)? > 0 {
        return Err(DbError::Invalid("the database is not empty".into()));
    }
    let mut summary = Summary::default();
    let mut batch = Batch::default();
    let end_users = end_user_count(config.tickets);
    for n in 0..=(AGENTS + end_users) {
        batch.zd_users.push(zendesk_user(
            config.seed,
            n,
            &config.zendesk_admin_email,
            config.anchor_ms,
        ));
        if batch.zd_users.len() >= 20_000 {
            flush(db, &mut batch, &mut summary)?;
        }
    }
    for n in 0..OWNERS {
        batch
            .hs_owners
            .push(hubspot_owner(config.seed, n, config.anchor_ms));
    }
    flush(db, &mut batch, &mut summary)?;

    let mut ctx = ZdContext {
        config,
        end_users,
        ids: ZdIds {
            comment: id_base::ZD_COMMENT,
            audit: id_base::ZD_AUDIT,
            attachment: id_base::ZD_ATTACHMENT,
        },
    };
    let mut next_note_id = id_base::HS_NOTE;
    for n in 1..=config.tickets {
        zendesk_ticket(&mut ctx, n, &mut batch);
        hubspot_ticket(config, n, &mut next_note_id, &mut batch);
        if batch.zd_tickets.len() >= config.batch_tickets {
            let cancelled = config
                .cancel
                .as_ref()
                .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed));
            if cancelled {
                return Err(DbError::Invalid("generation cancelled".into()));
            }
            flush(db, &mut batch, &mut summary)?;
            if n % 100_000 == 0 {
                tracing::info!(tickets = n, "generated");
            }
        }
    }
    flush(db, &mut batch, &mut summary)?;
    db.set_meta("generated", &fingerprint)?;
    Ok(summary)
}

/// Text of a ticket added at run time through the admin endpoint (stream [`STREAM_ADMIN`],
/// numbered by the caller): a subject and a first message with spans.
pub fn admin_ticket_text(seed: u64, number: u64) -> (Rendered, Rendered, Persona) {
    let mut rng = record_rng(seed, STREAM_ADMIN, number);
    let persona = Persona::random(&mut rng);
    let lang = Lang::pick(&mut rng);
    let (subject, body) = text::opening(lang, &persona, &mut rng);
    (subject, body, persona)
}

/// Text of a follow-up comment added at run time (customer reply or internal note).
pub fn admin_comment_text(seed: u64, number: u64) -> (Rendered, bool) {
    let mut rng = record_rng(seed, STREAM_ADMIN ^ 0xC0, number);
    let persona = Persona::random(&mut rng);
    if rng.gen_bool(0.7) {
        (
            text::customer_reply(Lang::pick(&mut rng), &persona, &mut rng),
            true,
        )
    } else {
        (text::internal_note(&persona, &mut rng), false)
    }
}

/// Ground-truth rows for a rendered text of a given record.
pub fn ground_truth(
    helpdesk: Helpdesk,
    ticket_id: i64,
    field: Field,
    object_id: Option<i64>,
    rendered: &Rendered,
) -> Vec<GroundTruthSpan> {
    let mut out = Vec::new();
    spans_to_truth(helpdesk, ticket_id, field, object_id, rendered, &mut out);
    out
}
