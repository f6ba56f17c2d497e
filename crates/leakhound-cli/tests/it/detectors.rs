use crate::{leakhound, run};

#[test]
fn check_passes() {
    let (code, stdout, _) = run(leakhound().args(["detectors", "check"]));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("CREDIT_CARD_NUMBER"));
}

#[test]
fn list_prints_the_catalogue() {
    let (code, stdout, _) = run(leakhound().args(["detectors", "list"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("detectors_list", stdout);
    // Every scan-API name is implemented: `--all` adds nothing to the list.
    let (_, all, _) = run(leakhound().args(["detectors", "list", "--all"]));
    assert!(all.contains("PERSON_NAME") && !all.contains("not supported"));
    assert_eq!(all, stdout);
}
