//! Running one helpdesk source through fetch → scan → store.

use crate::remote::RemoteScanner;
use crate::thread::Thread;
use crate::{Error, Result};
use leakhound_connectors::{
    HubSpotConfig, HubSpotSource, Page, StatsSnapshot, ZendeskConfig, ZendeskSource,
};
use leakhound_engine::{Confidence, Scanner};
use leakhound_store::{FindingRecord, PageCommit, PartScanned, RuleRef, RunId, Store, TicketSeen};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Tickets scanned together by one worker thread: enough for the engine's four lanes several
/// times over, few enough that a page still spreads over every core.
const SCAN_BATCH: usize = 32;

/// Which helpdesk to scan, and how to reach it.
#[derive(Clone, Debug)]
pub enum SourceConfig {
    /// HubSpot CRM tickets.
    HubSpot(HubSpotConfig),
    /// Zendesk Support tickets with their comments.
    Zendesk(ZendeskConfig),
}

impl SourceConfig {
    /// The source's name in the store and in reports: `hubspot` or `zendesk`.
    pub fn name(&self) -> &'static str {
        match self {
            SourceConfig::HubSpot(_) => "hubspot",
            SourceConfig::Zendesk(_) => "zendesk",
        }
    }
}

/// Where a run starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanMode {
    /// From the beginning, whatever is stored (unchanged parts are still skipped).
    Full,
    /// From the stored cursor (a full scan when there is none): only what changed, and the
    /// rest of a run that was interrupted.
    Incremental,
    /// Tickets changed at or after this instant (ms since the Unix epoch), whatever is
    /// stored; the cursor it leaves continues from there.
    Since(i64),
}

/// What scans the threads.
#[derive(Clone)]
pub enum ThreadScanner {
    /// The in-process engine, on every core.
    Local(Arc<Scanner>),
    /// A Nightfall-compatible scan API.
    Remote(Arc<RemoteScanner>),
}

/// How a run behaves.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Store raw values next to their hashes (the user's explicit opt-in).
    pub store_raw_values: bool,
    /// Keep each finding's explanation in the store.
    pub keep_explanations: bool,
    /// Pages fetched ahead of the scanner (bounded, so memory stays flat).
    pub pages_in_flight: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            store_raw_values: false,
            keep_explanations: true,
            pages_in_flight: 2,
        }
    }
}

/// Counters of one page (and, summed, of a run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageStats {
    /// Tickets fetched.
    pub tickets: u64,
    /// Tickets with at least one part scanned.
    pub tickets_scanned: u64,
    /// Parts scanned.
    pub parts_scanned: u64,
    /// Parts skipped because they were scanned before and did not change.
    pub parts_skipped: u64,
    /// Findings stored.
    pub findings: u64,
    /// Bytes scanned.
    pub bytes_scanned: u64,
    /// Helpdesk API calls made for the page.
    pub api_calls: u64,
}

impl std::ops::AddAssign for PageStats {
    fn add_assign(&mut self, o: PageStats) {
        self.tickets += o.tickets;
        self.tickets_scanned += o.tickets_scanned;
        self.parts_scanned += o.parts_scanned;
        self.parts_skipped += o.parts_skipped;
        self.findings += o.findings;
        self.bytes_scanned += o.bytes_scanned;
        self.api_calls += o.api_calls;
    }
}

/// Told about a run's progress (the CLI draws progress bars from it).
pub trait Progress: Send + Sync {
    /// A page was stored.
    fn page_stored(&self, source: &str, stats: &PageStats);
}

/// What a run of one source did.
#[derive(Clone, Debug)]
pub struct SourceSummary {
    /// `hubspot` or `zendesk`.
    pub source: &'static str,
    /// Pages stored.
    pub pages: u64,
    /// Summed counters.
    pub totals: PageStats,
    /// The connector's calls per endpoint, retries and waits.
    pub calls: StatsSnapshot,
    /// The connector's warnings (fallbacks taken).
    pub warnings: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
}

enum AnySource {
    HubSpot(Box<HubSpotSource>),
    Zendesk(Box<ZendeskSource>),
}

impl AnySource {
    fn since(config: SourceConfig, since_ms: i64) -> Result<AnySource> {
        Ok(match config {
            SourceConfig::HubSpot(c) => {
                AnySource::HubSpot(Box::new(HubSpotSource::since(c, since_ms)?))
            }
            SourceConfig::Zendesk(c) => AnySource::Zendesk(Box::new(ZendeskSource::since(
                c,
                since_ms.div_euclid(1000),
            )?)),
        })
    }

    fn open(config: SourceConfig, cursor: Option<&str>) -> Result<AnySource> {
        Ok(match (config, cursor) {
            (SourceConfig::HubSpot(c), Some(cur)) => {
                AnySource::HubSpot(Box::new(HubSpotSource::resume(c, cur)?))
            }
            (SourceConfig::HubSpot(c), None) => {
                AnySource::HubSpot(Box::new(HubSpotSource::full(c)?))
            }
            (SourceConfig::Zendesk(c), Some(cur)) => {
                AnySource::Zendesk(Box::new(ZendeskSource::resume(c, cur)?))
            }
            (SourceConfig::Zendesk(c), None) => {
                AnySource::Zendesk(Box::new(ZendeskSource::full(c)?))
            }
        })
    }

    async fn next_page(&mut self) -> Result<Option<Page>> {
        Ok(match self {
            AnySource::HubSpot(s) => s.next_page().await?,
            AnySource::Zendesk(s) => s.next_page().await?,
        })
    }

    fn finish(&self) -> (StatsSnapshot, Vec<String>) {
        match self {
            AnySource::HubSpot(s) => (s.stats().snapshot(), s.warnings().to_vec()),
            AnySource::Zendesk(s) => (s.stats().snapshot(), s.warnings().to_vec()),
        }
    }
}

/// A finding of a thread, whichever scanner produced it.
pub(crate) struct ScannedFinding {
    pub detector: String,
    pub detector_uuid: Option<String>,
    pub native: Option<String>,
    pub confidence: Confidence,
    pub value: String,
    pub byte_range: Range<usize>,
    pub codepoint_range: Range<usize>,
    pub rules: Vec<RuleRef>,
    pub explanation: Option<String>,
}

impl From<&leakhound_engine::Finding> for ScannedFinding {
    fn from(f: &leakhound_engine::Finding) -> Self {
        ScannedFinding {
            detector: f.detector.name.clone(),
            detector_uuid: f.detector.uuid.clone(),
            native: f.detector.native.map(str::to_string),
            confidence: f.confidence,
            value: f.value().to_string(),
            byte_range: f.byte_range.clone(),
            codepoint_range: f.codepoint_range.clone(),
            rules: f
                .matched_rules
                .iter()
                .map(|r| RuleRef {
                    name: r.name.clone(),
                    uuid: r.uuid.clone(),
                })
                .collect(),
            explanation: Some(f.explanation.to_string()),
        }
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(format!("a worker stopped: {e}")))
}

/// Scans one source into the store under `run`. Returns when the source has no more pages,
/// or with the first error (everything stored before it stays stored, cursor included).
pub async fn run_source(
    config: SourceConfig,
    mode: ScanMode,
    store: Arc<dyn Store>,
    run: RunId,
    scanner: ThreadScanner,
    options: RunOptions,
    progress: Arc<dyn Progress>,
) -> Result<SourceSummary> {
    let started = Instant::now();
    let name = config.name();
    let mut source = match mode {
        ScanMode::Full => AnySource::open(config, None)?,
        ScanMode::Since(ms) => AnySource::since(config, ms)?,
        ScanMode::Incremental => {
            let s = store.clone();
            let cursor = blocking(move || s.cursor(name)).await??;
            AnySource::open(config, cursor.as_deref())?
        }
    };

    // Stage 1: fetch, ahead of the scanner by at most `pages_in_flight` pages.
    let (page_tx, mut page_rx) = mpsc::channel::<Result<Page>>(options.pages_in_flight.max(1));
    let fetcher = tokio::spawn(async move {
        loop {
            match source.next_page().await {
                Ok(Some(page)) => {
                    if page_tx.send(Ok(page)).await.is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = page_tx.send(Err(e)).await;
                    break;
                }
            }
        }
        source.finish()
    });

    // Stage 3: store, one page at a time and in order, each with its cursor.
    let (commit_tx, mut commit_rx) = mpsc::channel::<(PageCommit, PageStats)>(1);
    let store_for_commits = store.clone();
    let progress_for_commits = progress.clone();
    let committer = tokio::spawn(async move {
        let mut pages = 0u64;
        let mut totals = PageStats::default();
        while let Some((commit, stats)) = commit_rx.recv().await {
            let s = store_for_commits.clone();
            blocking(move || s.commit_page(run, name, &commit)).await??;
            pages += 1;
            totals += stats;
            progress_for_commits.page_stored(name, &stats);
        }
        Ok::<_, Error>((pages, totals))
    });

    // Stage 2: scan, here.
    let mut failure = None;
    while let Some(page) = page_rx.recv().await {
        let outcome = match page {
            Ok(page) => scan_page(page, name, &store, &scanner, &options).await,
            Err(e) => Err(e),
        };
        match outcome {
            Ok(done) => {
                if commit_tx.send(done).await.is_err() {
                    break;
                }
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    drop(commit_tx);
    drop(page_rx);
    let committed = committer
        .await
        .map_err(|e| Error::Internal(format!("the store stage stopped: {e}")))?;
    let (calls, warnings) = fetcher
        .await
        .map_err(|e| Error::Internal(format!("the fetch stage stopped: {e}")))?;
    if let Some(e) = failure {
        return Err(e);
    }
    let (pages, totals) = committed?;
    Ok(SourceSummary {
        source: name,
        pages,
        totals,
        calls,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// Scans the changed parts of one page and builds what the store commits for it.
async fn scan_page(
    page: Page,
    source: &'static str,
    store: &Arc<dyn Store>,
    scanner: &ThreadScanner,
    options: &RunOptions,
) -> Result<(PageCommit, PageStats)> {
    let store = store.clone();
    // Which parts changed since they were last scanned: one store query per page.
    let (page, plan) = blocking(move || {
        let ids: Vec<&str> = page.docs.iter().map(|d| d.ticket_id.as_str()).collect();
        let known = store.scanned_parts(source, &ids)?;
        let mut tickets = Vec::with_capacity(page.docs.len());
        let mut changed: Vec<Vec<(usize, String)>> = Vec::with_capacity(page.docs.len());
        let mut skipped = 0u64;
        for doc in &page.docs {
            let mut ticket_hash_input = String::new();
            let mut doc_changed = Vec::new();
            for (i, part) in doc.parts.iter().enumerate() {
                let hash = store.value_hash(&part.text);
                ticket_hash_input.push_str(&part.key);
                ticket_hash_input.push('=');
                ticket_hash_input.push_str(&hash);
                ticket_hash_input.push('\n');
                if known.get(&(doc.ticket_id.clone(), part.key.clone())) == Some(&hash) {
                    skipped += 1;
                } else {
                    doc_changed.push((i, hash));
                }
            }
            tickets.push(TicketSeen {
                ticket_id: doc.ticket_id.clone(),
                updated_at_ms: doc.updated_at_ms,
                content_hash: store.value_hash(&ticket_hash_input),
            });
            changed.push(doc_changed);
        }
        Ok::<_, Error>((page, (tickets, changed, skipped, store)))
    })
    .await??;
    let (tickets, changed, skipped, store) = plan;

    let threads: Vec<Thread> = page
        .docs
        .iter()
        .zip(&changed)
        .map(|(doc, parts)| {
            Thread::join(
                parts
                    .iter()
                    .map(|(i, _)| (doc.parts[*i].key.as_str(), doc.parts[*i].text.as_str())),
            )
        })
        .collect();
    let bytes_scanned: u64 = threads.iter().map(|t| t.text.len() as u64).sum();

    let (threads, results): (Vec<Thread>, Vec<Vec<ScannedFinding>>) = match scanner {
        ThreadScanner::Local(engine) => {
            let engine = engine.clone();
            blocking(move || {
                // Tickets a few dozen at a time: the engine scans several texts together faster
                // than one by one (`Scanner::scan_many`: about 2× on sparse ticket text, 1.3×
                // on PII-dense text).
                let chunks: Vec<Vec<Vec<ScannedFinding>>> = threads
                    .par_chunks(SCAN_BATCH)
                    .map(|chunk| {
                        let texts: Vec<&str> = chunk.iter().map(|t| t.text.as_str()).collect();
                        engine
                            .scan_many(&texts)
                            .iter()
                            .map(|outcome| {
                                outcome.findings.iter().map(ScannedFinding::from).collect()
                            })
                            .collect()
                    })
                    .collect();
                let results = chunks.into_iter().flatten().collect();
                (threads, results)
            })
            .await?
        }
        ThreadScanner::Remote(remote) => {
            let texts: Vec<&str> = threads.iter().map(|t| t.text.as_str()).collect();
            let results = remote.scan(&texts).await?;
            (threads, results)
        }
    };

    let store_raw = options.store_raw_values;
    let keep_explanations = options.keep_explanations;
    let (commit, stats) = blocking(move || {
        let mut findings = Vec::new();
        let mut parts = Vec::new();
        let mut tickets_scanned = 0;
        for ((doc, doc_changed), (thread, found)) in page
            .docs
            .iter()
            .zip(&changed)
            .zip(threads.iter().zip(results))
        {
            if doc_changed.is_empty() {
                continue;
            }
            tickets_scanned += 1;
            for (i, hash) in doc_changed {
                parts.push(PartScanned {
                    ticket_id: doc.ticket_id.clone(),
                    part_key: doc.parts[*i].key.clone(),
                    content_hash: hash.clone(),
                });
            }
            for f in found {
                let Some(loc) = thread.locate(&f.byte_range, &f.codepoint_range) else {
                    continue;
                };
                findings.push(FindingRecord {
                    ticket_id: doc.ticket_id.clone(),
                    ticket_url: Some(doc.url.clone()),
                    part_key: thread.key(loc.part).to_string(),
                    detector: f.detector,
                    detector_uuid: f.detector_uuid,
                    native_detector: f.native,
                    confidence: f.confidence,
                    byte_range: loc.byte_range,
                    codepoint_range: loc.codepoint_range,
                    fragment: leakhound_engine::redact::preview(&f.value, 3),
                    value_hash: store.value_hash(&f.value),
                    raw_value: store_raw.then(|| f.value.clone()),
                    matched_rules: f.rules,
                    explanation: if keep_explanations {
                        f.explanation
                    } else {
                        None
                    },
                });
            }
        }
        let stats = PageStats {
            tickets: page.docs.len() as u64,
            tickets_scanned,
            parts_scanned: parts.len() as u64,
            parts_skipped: skipped,
            findings: findings.len() as u64,
            bytes_scanned,
            api_calls: page.api_calls,
        };
        (
            PageCommit {
                tickets,
                parts,
                findings,
                cursor: page.cursor,
            },
            stats,
        )
    })
    .await?;
    Ok((commit, stats))
}
