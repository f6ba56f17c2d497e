//! From a request's rule sources (inline rules, `detectionRuleUUIDs`, `policyUUIDs`,
//! `detectorUUID`s) to one resolved policy, and from that to a compiled, cached scanner.
//!
//! A [`ResolvedPolicy`] is still in wire types and serializable: it is the scanner cache's
//! key and what a queued file-scan job stores, so a job does not depend on the configuration
//! it was queued under.

use crate::config::{stable_uuid, ServerConfig};
use crate::error::ApiError;
use leakhound_api::policy::{WireDetectionRule, WireDetectorSpec, WireRedactionConfig};
use leakhound_api::{ErrorCode, PolicyErrorKind, WireAlertConfig, WirePolicy};
use leakhound_engine::{catalogue, registry, DetectorKind, ScanPolicy, Scanner};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// UUIDs of native detectors seen in Nightfall's SDK mocks and docs; other native detectors
/// get UUIDs derived from their names.
const KNOWN_NATIVE_UUIDS: &[(&str, &str)] = &[
    ("CREDIT_CARD_NUMBER", "74c1815e-c0c3-4df5-8b1e-6cf98864a454"),
    (
        "US_SOCIAL_SECURITY_NUMBER",
        "e30d9a87-f6c7-46b9-a8f4-16547901e069",
    ),
];

/// The UUID reported for a native detector.
pub fn native_uuid(name: &str) -> String {
    KNOWN_NATIVE_UUIDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, u)| (*u).to_string())
        .unwrap_or_else(|| stable_uuid(None, "native", name).expect("derived uuids are valid"))
}

/// One rule of a resolved policy.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResolvedRule {
    /// The stored rule's UUID; `None` for inline rules.
    pub uuid: Option<String>,
    /// The rule with stored detectors substituted.
    pub rule: WireDetectionRule,
}

/// A policy with every UUID resolved.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ResolvedPolicy {
    /// Stored rules first (policy's, then `detectionRuleUUIDs`), then inline rules.
    pub rules: Vec<ResolvedRule>,
    /// Bytes of context.
    pub context_bytes: Option<i64>,
    /// Default redaction.
    pub default_redaction: Option<WireRedactionConfig>,
}

/// The stored detectors, rules and policies of the configuration, by UUID.
pub struct Catalog {
    detectors: HashMap<String, WireDetectorSpec>,
    rules: HashMap<String, WireDetectionRule>,
    policies: HashMap<String, StoredPolicy>,
}

/// A stored policy.
#[derive(Clone, Debug)]
pub struct StoredPolicy {
    /// The policy.
    pub policy: WirePolicy,
    /// Its deprecated file-scan webhook.
    pub webhook_url: Option<String>,
}

fn canonical(uuid: &str) -> Option<String> {
    uuid::Uuid::parse_str(uuid.trim())
        .ok()
        .map(|u| u.to_string())
}

impl Catalog {
    /// Builds the catalog and checks every stored rule and policy compiles.
    pub fn new(config: &ServerConfig) -> anyhow::Result<Catalog> {
        let mut catalog = Catalog {
            detectors: HashMap::new(),
            rules: HashMap::new(),
            policies: HashMap::new(),
        };
        for (i, d) in config.detectors.iter().enumerate() {
            let name = d
                .spec
                .display_name
                .clone()
                .unwrap_or_else(|| format!("#{i}"));
            let uuid = stable_uuid(d.uuid.as_deref(), "detector", &name)?;
            let mut spec = d.spec.clone();
            spec.detector_uuid = Some(uuid.clone());
            if catalog.detectors.insert(uuid.clone(), spec).is_some() {
                anyhow::bail!("detector uuid {uuid} is used twice");
            }
        }
        for r in &config.rules {
            let name = r
                .rule
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| anyhow::anyhow!("every [[rules]] entry needs a name"))?;
            let uuid = stable_uuid(r.uuid.as_deref(), "rule", &name)?;
            if catalog.rules.insert(uuid.clone(), r.rule.clone()).is_some() {
                anyhow::bail!("rule uuid {uuid} is used twice");
            }
        }
        for p in &config.policies {
            let uuid = stable_uuid(p.uuid.as_deref(), "policy", &p.name)?;
            let stored = StoredPolicy {
                policy: p.policy.clone(),
                webhook_url: p.webhook_url.clone(),
            };
            if catalog.policies.insert(uuid.clone(), stored).is_some() {
                anyhow::bail!("policy uuid {uuid} is used twice");
            }
        }
        // Every stored rule and policy must compile now, not fail a request later.
        for uuid in catalog.rules.keys() {
            let resolved = catalog
                .resolve_rule_uuids(std::slice::from_ref(uuid), usize::MAX)
                .map_err(|e| anyhow::anyhow!("rule {uuid}: {}", e.description))?;
            compile(&ResolvedPolicy {
                rules: resolved,
                ..Default::default()
            })
            .map_err(|e| anyhow::anyhow!("rule {uuid}: {}", e.description))?;
        }
        for uuid in catalog.policies.keys() {
            let resolved = catalog
                .resolve(std::slice::from_ref(uuid), None, usize::MAX)
                .map_err(|e| anyhow::anyhow!("policy {uuid}: {}", e.description))?;
            compile(&resolved).map_err(|e| anyhow::anyhow!("policy {uuid}: {}", e.description))?;
        }
        Ok(catalog)
    }

    /// How many stored rules.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// A stored policy.
    pub fn policy(&self, uuid: &str) -> Option<&StoredPolicy> {
        canonical(uuid).and_then(|u| self.policies.get(&u))
    }

    /// Substitutes stored detectors for `detectorUUID`s without a detector of their own.
    fn resolve_detectors(
        &self,
        rule: &WireDetectionRule,
        field: &str,
    ) -> Result<WireDetectionRule, ApiError> {
        let mut rule = rule.clone();
        for (i, d) in rule.detectors.iter_mut().enumerate() {
            let Some(uuid) = present(&d.detector_uuid) else {
                continue;
            };
            let has_own = present(&d.detector_type).is_some()
                || present(&d.nightfall_detector).is_some()
                || d.regex.is_some()
                || d.word_list.is_some();
            if has_own {
                continue;
            }
            let key = canonical(uuid).unwrap_or_default();
            if let Some(stored) = self.detectors.get(&key) {
                *d = stored.clone();
            } else if let Some((name, _)) = KNOWN_NATIVE_UUIDS.iter().find(|(_, u)| *u == key) {
                let uuid = d.detector_uuid.clone();
                *d = WireDetectorSpec {
                    nightfall_detector: Some((*name).to_string()),
                    detector_uuid: uuid,
                    ..d.clone()
                };
            } else {
                return Err(ApiError::new(
                    ErrorCode::UnknownDetectorUuid,
                    format!(
                        "{field}.detectors[{i}].detectorUUID: no detector {uuid} is configured"
                    ),
                )
                .with(format!("{field}.detectors[{i}].detectorUUID"), uuid));
            }
        }
        Ok(rule)
    }

    fn resolve_rule_uuids(
        &self,
        uuids: &[String],
        max: usize,
    ) -> Result<Vec<ResolvedRule>, ApiError> {
        let uuids: Vec<&str> = uuids
            .iter()
            .map(|u| u.trim())
            .filter(|u| !u.is_empty())
            .collect();
        if uuids.len() > max {
            return Err(ApiError::new(
                ErrorCode::TooManyRules,
                format!("detectionRuleUUIDs: at most {max}, got {}", uuids.len()),
            )
            .with("detectionRuleUUIDs", format!("at most {max}")));
        }
        let mut out = Vec::new();
        for (i, uuid) in uuids.iter().enumerate() {
            let key = canonical(uuid);
            let Some(rule) = key.as_ref().and_then(|k| self.rules.get(k)) else {
                return Err(ApiError::new(
                    ErrorCode::UnknownDetectionRule,
                    format!("detectionRuleUUIDs[{i}]: no detection rule {uuid} is configured"),
                )
                .with(format!("detectionRuleUUIDs[{i}]"), *uuid));
            };
            if out
                .iter()
                .any(|r: &ResolvedRule| r.uuid.as_deref() == key.as_deref())
            {
                continue;
            }
            out.push(ResolvedRule {
                uuid: key.clone(),
                rule: self.resolve_detectors(rule, &format!("detectionRuleUUIDs[{i}]"))?,
            });
        }
        Ok(out)
    }

    /// Resolves `policyUUIDs` (at most one) and an inline policy into one policy.
    /// `max_rules` limits inline rules and rule UUIDs (20 for text, 10 for files).
    pub fn resolve(
        &self,
        policy_uuids: &[String],
        inline: Option<&WirePolicy>,
        max_rules: usize,
    ) -> Result<ResolvedPolicy, ApiError> {
        let policy_uuids: Vec<&str> = policy_uuids
            .iter()
            .map(|u| u.trim())
            .filter(|u| !u.is_empty())
            .collect();
        if policy_uuids.len() > leakhound_api::scan::MAX_POLICY_UUIDS {
            return Err(ApiError::new(
                ErrorCode::TooManyPolicies,
                format!("policyUUIDs: at most 1, got {}", policy_uuids.len()),
            )
            .with("policyUUIDs", "at most 1"));
        }
        let mut resolved = ResolvedPolicy::default();
        for uuid in &policy_uuids {
            let Some(stored) = self.policy(uuid) else {
                return Err(ApiError::new(
                    ErrorCode::UnknownPolicy,
                    format!("policyUUIDs[0]: no policy {uuid} is configured"),
                )
                .with("policyUUIDs[0]", *uuid));
            };
            let p = &stored.policy;
            resolved.rules.extend(self.resolve_rule_uuids(
                p.detection_rule_uuids.as_deref().unwrap_or(&[]),
                usize::MAX,
            )?);
            for (i, rule) in p.detection_rules.iter().flatten().enumerate() {
                resolved.rules.push(ResolvedRule {
                    uuid: None,
                    rule: self.resolve_detectors(rule, &format!("detectionRules[{i}]"))?,
                });
            }
            resolved.context_bytes = p.context_bytes;
            resolved.default_redaction = p.default_redaction_config.clone();
        }
        if let Some(p) = inline {
            let uuids = p.detection_rule_uuids.as_deref().unwrap_or(&[]);
            for rule in self.resolve_rule_uuids(uuids, max_rules)? {
                if !resolved
                    .rules
                    .iter()
                    .any(|r| r.uuid.is_some() && r.uuid == rule.uuid)
                {
                    resolved.rules.push(rule);
                }
            }
            let inline_rules = p.detection_rules.as_deref().unwrap_or(&[]);
            if inline_rules.len() > max_rules {
                return Err(ApiError::new(
                    ErrorCode::TooManyRules,
                    format!(
                        "detectionRules: at most {max_rules}, got {}",
                        inline_rules.len()
                    ),
                )
                .with("detectionRules", format!("at most {max_rules}")));
            }
            for (i, rule) in inline_rules.iter().enumerate() {
                resolved.rules.push(ResolvedRule {
                    uuid: None,
                    rule: self.resolve_detectors(rule, &format!("detectionRules[{i}]"))?,
                });
            }
            if p.context_bytes.is_some_and(|c| c != 0) || resolved.context_bytes.is_none() {
                resolved.context_bytes = p.context_bytes;
            }
            if p.default_redaction_config.is_some() {
                resolved.default_redaction = p.default_redaction_config.clone();
            }
        }
        if resolved.rules.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                "detectionRuleUUIDs and detectionRules can't both be empty",
            )
            .with(
                "policy.detectionRules",
                "at least one of (policyUUIDs, detectionRuleUUIDs or detectionRules) must have length greater than 0",
            ));
        }
        Ok(resolved)
    }

    /// The alert config of a request: the inline one, else the stored policy's.
    pub fn alert_config(
        &self,
        policy_uuids: &[String],
        inline: Option<&WireAlertConfig>,
    ) -> Option<WireAlertConfig> {
        inline.cloned().or_else(|| {
            policy_uuids
                .iter()
                .find_map(|u| self.policy(u))
                .and_then(|p| p.policy.alert_config.clone())
        })
    }
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Converts a resolved policy to the engine's, with the API's error codes.
pub fn to_engine(resolved: &ResolvedPolicy) -> Result<ScanPolicy, ApiError> {
    let wire = WirePolicy {
        context_bytes: resolved.context_bytes,
        default_redaction_config: resolved.default_redaction.clone(),
        ..Default::default()
    };
    let mut policy = wire
        .to_engine(leakhound_api::scan::MAX_CONTEXT_BYTES)
        .map_err(policy_error)?;
    let mut inline_index = 0;
    for r in &resolved.rules {
        let index = if r.uuid.is_none() {
            inline_index += 1;
            inline_index - 1
        } else {
            0
        };
        let mut rule = r
            .rule
            .to_engine(index, r.uuid.clone())
            .map_err(policy_error)?;
        for (i, d) in rule.detectors.iter_mut().enumerate() {
            if let DetectorKind::Native(name) = &d.kind {
                let wanted = name.trim().to_ascii_uppercase();
                if registry::native_detector(&wanted).is_none() {
                    let why = catalogue::unsupported_reason(&wanted)
                        .map(|why| format!(" (known but not supported: {why})"))
                        .unwrap_or_default();
                    let field = format!("detectionRules[{index}].detectors[{i}].nightfallDetector");
                    return Err(ApiError::new(
                        ErrorCode::UnknownDetector,
                        format!("{field}: unknown native detector {wanted}{why}"),
                    )
                    .with(field, wanted));
                }
                if d.uuid.is_none() {
                    d.uuid = Some(native_uuid(&wanted));
                }
            }
        }
        policy.rules.push(rule);
    }
    Ok(policy)
}

fn policy_error(e: leakhound_api::PolicyError) -> ApiError {
    let code = match e.kind {
        PolicyErrorKind::RedactionMethods => ErrorCode::InvalidRedactionConfig,
        PolicyErrorKind::ContextBytes => ErrorCode::ContextBytesOutOfRange,
        _ => ErrorCode::InvalidRequest,
    };
    let field = e.field().map(str::to_string);
    let mut err = ApiError::new(code, e.message.clone());
    if let Some(field) = field {
        let detail = e.message[field.len() + 1..].trim().to_string();
        err = err.with(field, detail);
    }
    err
}

/// Compiles a resolved policy (no cache).
pub fn compile(resolved: &ResolvedPolicy) -> Result<Scanner, ApiError> {
    let policy = to_engine(resolved)?;
    Scanner::new(&policy).map_err(|e| {
        let mut err =
            ApiError::new(ErrorCode::InvalidRequest, e.to_string()).with("rule", e.rule.clone());
        if let Some(d) = &e.detector {
            err = err.with("detector", d.clone());
        }
        err
    })
}

/// Compiled scanners by resolved policy: compiling costs far more than scanning a small
/// text, and clients send the same policy again and again.
pub struct ScannerCache {
    capacity: usize,
    map: Mutex<HashMap<String, Arc<Scanner>>>,
}

impl ScannerCache {
    /// A cache of at most `capacity` scanners (cleared when full).
    pub fn new(capacity: usize) -> ScannerCache {
        ScannerCache {
            capacity,
            map: Mutex::new(HashMap::new()),
        }
    }

    /// The scanner of `resolved`, compiled on first use.
    pub fn get(&self, resolved: &ResolvedPolicy) -> Result<Arc<Scanner>, ApiError> {
        let key =
            serde_json::to_string(resolved).map_err(|e| ApiError::internal("cache key", e))?;
        if let Some(s) = self.map.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return Ok(s.clone());
        }
        let scanner = Arc::new(compile(resolved)?);
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= self.capacity {
            map.clear();
        }
        map.insert(key, scanner.clone());
        Ok(scanner)
    }
}
