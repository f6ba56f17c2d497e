use leakhound_engine::*;
fn main() {
    let names = ["PERSON_NAME","STREET_ADDRESS","DATE_OF_BIRTH","DATE","LOCATION","ICD9_CODE","ICD10_CODE"];
    let mut specs = Vec::new();
    for n in names { let mut s = DetectorSpec::native(n); s.min_confidence = Confidence::Possible; specs.push(s); }
    let policy = ScanPolicy { rules: vec![DetectionRule { name: "p".into(), uuid: None, logical_op: LogicalOp::Any, detectors: specs }], ..ScanPolicy::default() };
    let scanner = Scanner::new(&policy).unwrap();
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    for line in text.split("\n---\n") {
        println!("== {:?}", line);
        for f in scanner.scan(line).findings { println!("   {:<16} {:<12} {:?}", f.detector.name, f.confidence.as_str(), f.value()); }
    }
}
