//! Running detectors' built-in examples: the proof every detector carries
//! (`leakhound detectors check` and the engine's tests).

use crate::confidence::Confidence;
use crate::detector::NativeDetector;
use crate::rules::{DetectionRule, DetectorSpec, LogicalOp, ScanPolicy};
use crate::scan::Scanner;

/// Runs `detector`'s examples and negative examples and returns one message per mismatch
/// (empty when all pass). Messages quote the example texts, which are synthetic.
pub fn check_detector(detector: &NativeDetector) -> Vec<String> {
    let mut spec = DetectorSpec::native(detector.name);
    spec.min_confidence = Confidence::VeryUnlikely;
    let policy = ScanPolicy {
        rules: vec![DetectionRule {
            name: "check".into(),
            uuid: None,
            logical_op: LogicalOp::Any,
            detectors: vec![spec],
        }],
        ..ScanPolicy::default()
    };
    let scanner = match Scanner::new(&policy) {
        Ok(s) => s,
        Err(e) => return vec![format!("{}: does not compile: {e}", detector.name)],
    };
    let mut failures = Vec::new();
    if detector.examples.is_empty() || detector.negative_examples.is_empty() {
        failures.push(format!(
            "{}: needs at least one example and one negative example",
            detector.name
        ));
    }
    for example in detector.examples {
        let outcome = scanner.scan(example.text);
        let found: Vec<(&str, Confidence)> = outcome
            .findings
            .iter()
            .map(|f| (f.value(), f.confidence))
            .collect();
        let confident: Vec<&str> = found
            .iter()
            .filter(|(_, c)| *c >= example.min_confidence)
            .map(|(v, _)| *v)
            .collect();
        if confident != example.finds {
            failures.push(format!(
                "{}: in {:?} expected {:?} at {} or above, found {:?}",
                detector.name, example.text, example.finds, example.min_confidence, found
            ));
        }
    }
    for text in detector.negative_examples {
        let outcome = scanner.scan(text);
        let wrong: Vec<(&str, Confidence)> = outcome
            .findings
            .iter()
            .filter(|f| f.confidence >= Confidence::Likely)
            .map(|f| (f.value(), f.confidence))
            .collect();
        if !wrong.is_empty() {
            failures.push(format!(
                "{}: negative example {:?} found {:?}",
                detector.name, text, wrong
            ));
        }
    }
    failures
}

/// Runs the examples of every native detector.
pub fn check_all() -> Vec<String> {
    crate::registry::NATIVE_DETECTORS
        .iter()
        .flat_map(|d| check_detector(d))
        .collect()
}
