use leakhound_engine::*;

/// A policy with one rule of the given detectors.
pub fn policy(op: LogicalOp, detectors: Vec<DetectorSpec>) -> ScanPolicy {
    ScanPolicy {
        rules: vec![DetectionRule {
            name: String::new(),
            uuid: None,
            logical_op: op,
            detectors,
        }],
        ..ScanPolicy::default()
    }
}

pub fn regex(pattern: &str) -> DetectorSpec {
    DetectorSpec::new(DetectorKind::Regex(RegexSpec {
        pattern: pattern.into(),
        case_sensitive: true,
    }))
}

pub fn words(values: &[&str], case_sensitive: bool) -> DetectorSpec {
    DetectorSpec::new(DetectorKind::WordList(WordListSpec {
        values: values.iter().map(|s| s.to_string()).collect(),
        case_sensitive,
    }))
}

/// (detector name, value) of every finding.
pub fn found(policy: &ScanPolicy, text: &str) -> Vec<(String, String)> {
    scan_once(policy, text)
        .unwrap()
        .findings
        .iter()
        .map(|f| (f.detector.name.clone(), f.value().to_string()))
        .collect()
}
