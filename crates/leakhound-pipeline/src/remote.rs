//! Scanning through any Nightfall-compatible scan API (`POST /v3/scan`), as the original
//! scripts did: batches under the API's limits (500 KB and 50,000 items per request), rules
//! by UUID or inline, 429s honoured with `Retry-After`.

use crate::run::ScannedFinding;
use crate::{Error, Result};
use leakhound_api::{WireDetectionRule, WireFinding};
use leakhound_engine::text::ceil_char_boundary;
use leakhound_engine::Confidence;
use leakhound_store::RuleRef;
use serde::Serialize;
use std::time::Duration;

/// Where and how to call the remote scan API.
#[derive(Clone)]
pub struct RemoteScannerConfig {
    /// The API's base URL, such as `https://api.nightfall.ai` or a `leakhound serve`.
    pub base_url: String,
    /// The API key (`NIGHTFALL_API_KEY`).
    pub api_key: String,
    /// Stored detection rules to apply, by UUID.
    pub detection_rule_uuids: Vec<String>,
    /// Inline detection rules to apply.
    pub detection_rules: Vec<WireDetectionRule>,
    /// The most payload bytes per request (the API allows 500 KB; leave room for JSON).
    pub max_request_bytes: usize,
    /// The most items per request (the API allows 50,000).
    pub max_request_items: usize,
    /// Retries of a 429 or 5xx before giving up.
    pub max_retries: u32,
    /// Per-request timeout.
    pub timeout: Duration,
}

impl RemoteScannerConfig {
    /// A config with the API's limits and the key from the argument.
    pub fn new(base_url: impl Into<String>, api_key: impl Into<String>) -> Self {
        RemoteScannerConfig {
            base_url: base_url.into(),
            api_key: api_key.into(),
            detection_rule_uuids: Vec::new(),
            detection_rules: Vec::new(),
            max_request_bytes: 480_000,
            max_request_items: 50_000,
            max_retries: 5,
            timeout: Duration::from_secs(60),
        }
    }
}

impl std::fmt::Debug for RemoteScannerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteScannerConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("detection_rule_uuids", &self.detection_rule_uuids)
            .field("detection_rules", &self.detection_rules.len())
            .finish_non_exhaustive()
    }
}

/// A client of a Nightfall-compatible scan API.
#[derive(Debug)]
pub struct RemoteScanner {
    client: reqwest::Client,
    config: RemoteScannerConfig,
}

/// One request item: a piece of a text (a text longer than a request is cut into pieces
/// that overlap, so a value on a cut is still seen whole in one piece).
struct Piece<'a> {
    text_index: usize,
    byte_offset: usize,
    codepoint_offset: usize,
    text: &'a str,
}

/// Bytes shared by two consecutive pieces of a long text: longer than any value we find.
const PIECE_OVERLAP: usize = 4096;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScanRequest<'a> {
    payload: Vec<&'a str>,
    policy: RequestPolicy<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RequestPolicy<'a> {
    #[serde(
        rename = "detectionRuleUUIDs",
        skip_serializing_if = "<[String]>::is_empty"
    )]
    detection_rule_uuids: &'a [String],
    #[serde(skip_serializing_if = "<[WireDetectionRule]>::is_empty")]
    detection_rules: &'a [WireDetectionRule],
}

#[derive(serde::Deserialize)]
struct ScanResponse {
    findings: Vec<Vec<WireFinding>>,
}

impl RemoteScanner {
    /// A scanner; fails when the config has no rules.
    pub fn new(config: RemoteScannerConfig) -> Result<RemoteScanner> {
        if config.detection_rule_uuids.is_empty() && config.detection_rules.is_empty() {
            return Err(Error::Remote(
                "give detection rule UUIDs or inline rules for the remote scanner".into(),
            ));
        }
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .user_agent(concat!("leakhound/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Remote(format!("cannot build the HTTP client: {e}")))?;
        Ok(RemoteScanner { client, config })
    }

    /// Scans `texts`, in as few requests as the limits allow, and returns the findings of
    /// each text with ranges in that text.
    pub(crate) async fn scan(&self, texts: &[&str]) -> Result<Vec<Vec<ScannedFinding>>> {
        let pieces = self.pieces(texts);
        let mut results: Vec<Vec<ScannedFinding>> = texts.iter().map(|_| Vec::new()).collect();
        let mut batch: Vec<&Piece<'_>> = Vec::new();
        let mut batch_bytes = 0;
        for piece in &pieces {
            if !batch.is_empty()
                && (batch_bytes + piece.text.len() > self.config.max_request_bytes
                    || batch.len() >= self.config.max_request_items)
            {
                self.scan_batch(&batch, texts, &mut results).await?;
                batch.clear();
                batch_bytes = 0;
            }
            batch_bytes += piece.text.len();
            batch.push(piece);
        }
        if !batch.is_empty() {
            self.scan_batch(&batch, texts, &mut results).await?;
        }
        for found in &mut results {
            found.sort_by(|a, b| {
                (a.byte_range.start, a.byte_range.end, &a.detector).cmp(&(
                    b.byte_range.start,
                    b.byte_range.end,
                    &b.detector,
                ))
            });
            found.dedup_by(|a, b| a.byte_range == b.byte_range && a.detector == b.detector);
        }
        Ok(results)
    }

    fn pieces<'a>(&self, texts: &[&'a str]) -> Vec<Piece<'a>> {
        let max = self.config.max_request_bytes.max(2 * PIECE_OVERLAP);
        let mut pieces = Vec::new();
        for (text_index, text) in texts.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let mut start = 0;
            let mut codepoint_offset = 0;
            loop {
                let end = if text.len() - start <= max {
                    text.len()
                } else {
                    leakhound_engine::text::floor_char_boundary(text, start + max)
                };
                pieces.push(Piece {
                    text_index,
                    byte_offset: start,
                    codepoint_offset,
                    text: &text[start..end],
                });
                if end == text.len() {
                    break;
                }
                let next = ceil_char_boundary(text, end - PIECE_OVERLAP);
                codepoint_offset += text[start..next].chars().count();
                start = next;
            }
        }
        pieces
    }

    async fn scan_batch(
        &self,
        batch: &[&Piece<'_>],
        texts: &[&str],
        results: &mut [Vec<ScannedFinding>],
    ) -> Result<()> {
        let body = ScanRequest {
            payload: batch.iter().map(|p| p.text).collect(),
            policy: RequestPolicy {
                detection_rule_uuids: &self.config.detection_rule_uuids,
                detection_rules: &self.config.detection_rules,
            },
        };
        let response = self.post_with_retries(&body).await?;
        if response.findings.len() != batch.len() {
            return Err(Error::Remote(format!(
                "the API answered {} finding lists for {} items",
                response.findings.len(),
                batch.len()
            )));
        }
        for (piece, findings) in batch.iter().zip(response.findings) {
            let text = texts[piece.text_index];
            for f in findings {
                let start = piece.byte_offset + f.location.byte_range.start as usize;
                let end = piece.byte_offset + f.location.byte_range.end as usize;
                if end > text.len()
                    || start >= end
                    || !text.is_char_boundary(start)
                    || !text.is_char_boundary(end)
                {
                    continue;
                }
                let cp_start = piece.codepoint_offset + f.location.codepoint_range.start as usize;
                let cp_end = piece.codepoint_offset + f.location.codepoint_range.end as usize;
                let mut rules: Vec<RuleRef> = f
                    .matched_detection_rules
                    .iter()
                    .map(|n| RuleRef {
                        name: n.clone(),
                        uuid: None,
                    })
                    .collect();
                rules.extend(f.matched_detection_rule_uuids.iter().map(|u| RuleRef {
                    name: u.clone(),
                    uuid: Some(u.clone()),
                }));
                results[piece.text_index].push(ScannedFinding {
                    native: None,
                    detector: f.detector.name.clone(),
                    detector_uuid: f.detector.uuid.clone(),
                    confidence: Confidence::parse(&f.confidence).unwrap_or(Confidence::Possible),
                    // The value is taken from our own text, not the response: the API may
                    // withhold it (`removeFinding`).
                    value: text[start..end].to_string(),
                    byte_range: start..end,
                    codepoint_range: cp_start..cp_end,
                    rules,
                    explanation: None,
                });
            }
        }
        Ok(())
    }

    async fn post_with_retries(&self, body: &ScanRequest<'_>) -> Result<ScanResponse> {
        let url = format!("{}/v3/scan", self.config.base_url.trim_end_matches('/'));
        let mut attempt = 0;
        loop {
            attempt += 1;
            let sent = self
                .client
                .post(&url)
                .bearer_auth(&self.config.api_key)
                .json(body)
                .send()
                .await;
            let wait = match sent {
                Ok(resp) if resp.status().is_success() => {
                    return resp.json::<ScanResponse>().await.map_err(|e| {
                        // Not `{e}`: a decode error may quote the answer, i.e. ticket text.
                        let kind = if e.is_decode() {
                            "not the scan API's JSON"
                        } else {
                            "cut off"
                        };
                        Error::Remote(format!("unreadable answer from {url}: {kind}"))
                    });
                }
                Ok(resp) if resp.status().as_u16() == 429 => {
                    let seconds = resp
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .unwrap_or(1);
                    Duration::from_secs(seconds.min(60))
                }
                Ok(resp) if resp.status().is_server_error() => {
                    Duration::from_millis(200 << attempt.min(6))
                }
                Ok(resp) => {
                    let status = resp.status();
                    let body: serde_json::Value = resp.json().await.unwrap_or_default();
                    let message = [
                        body["code"].to_string(),
                        body["message"].as_str().unwrap_or("").to_string(),
                        body["description"].as_str().unwrap_or("").to_string(),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty() && s != "null")
                    .collect::<Vec<_>>()
                    .join(" ");
                    return Err(Error::Remote(format!("{url} answered {status}: {message}")));
                }
                Err(e) if e.is_timeout() || e.is_connect() || e.is_request() => {
                    Duration::from_millis(200 << attempt.min(6))
                }
                Err(e) => return Err(Error::Remote(format!("{url}: {e}"))),
            };
            if attempt > self.config.max_retries {
                return Err(Error::Remote(format!(
                    "{url}: still failing after {} retries",
                    self.config.max_retries
                )));
            }
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_into_overlapping_pieces_on_char_boundaries() {
        let mut cfg = RemoteScannerConfig::new("http://127.0.0.1:1", "k");
        cfg.detection_rule_uuids.push("x".into());
        cfg.max_request_bytes = 10_000;
        let scanner = RemoteScanner::new(cfg).unwrap();
        let text = "é".repeat(12_000);
        let pieces = scanner.pieces(&[text.as_str(), "short"]);
        assert!(pieces.len() >= 3);
        for w in pieces
            .windows(2)
            .filter(|w| w[0].text_index == 0 && w[1].text_index == 0)
        {
            assert!(
                w[1].byte_offset < w[0].byte_offset + w[0].text.len(),
                "pieces overlap"
            );
            assert_eq!(
                w[1].codepoint_offset,
                text[..w[1].byte_offset].chars().count()
            );
        }
        assert_eq!(pieces.last().unwrap().text, "short");
    }
}
