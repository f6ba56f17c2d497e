//! Generated documents are committed and must not go stale.

const REGENERATE: &str = "LEAKHOUND_UPDATE_DOCS=1 cargo test -p leakhound-server --test it docs";

fn check(relative: &str, expected: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    if std::env::var_os("LEAKHOUND_UPDATE_DOCS").is_some() {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{relative} is stale (it must equal what the code generates); regenerate it with:\n    {REGENERATE}"
    );
}

#[test]
fn openapi_json_is_up_to_date() {
    check("docs/openapi.json", &leakhound_server::openapi::document());
}

#[test]
fn api_errors_md_is_up_to_date() {
    check(
        "docs/api-errors.md",
        &leakhound_api::error::render_error_table(),
    );
}

#[test]
fn example_config_is_the_printed_one_and_parses() {
    let config =
        leakhound_server::config::ServerConfig::from_toml(leakhound_server::config::EXAMPLE_CONFIG)
            .unwrap();
    assert_eq!(config.rules.len(), 2);
}
