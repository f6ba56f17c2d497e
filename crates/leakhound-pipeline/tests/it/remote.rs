//! `--scanner remote`: the pipeline through a Nightfall-compatible scan API (a real
//! `leakhound serve` on loopback) finds exactly what the in-process engine finds.

use crate::{emulators, finding_keys, local_scanner, sources, Quiet};
use leakhound_pipeline::{
    run_source, RemoteScanner, RemoteScannerConfig, RunOptions, ScanMode, ThreadScanner,
};
use leakhound_server::config::ServerConfig;
use leakhound_store::{RunKind, SqliteStore, Store};
use std::sync::Arc;

const RULE_UUID: &str = "6c0e8a2e-0d8b-4c55-9d8e-3b1f1a2b3c4d";

fn server_config(data_dir: &std::path::Path) -> ServerConfig {
    // The same detectors as the local engine's default rules.
    let detectors: String = leakhound_engine::ScanPolicy::default_rules().rules[0]
        .detectors
        .iter()
        .map(|d| match &d.kind {
            leakhound_engine::DetectorKind::Native(name) => format!(
                "[[rules.detectors]]\nnightfallDetector = \"{name}\"\nminConfidence = \"LIKELY\"\n"
            ),
            _ => String::new(),
        })
        .collect();
    let toml = format!(
        "api_keys = [\"NF-pipeline-test\"]\nsigning_secret = \"s\"\ndata_dir = {:?}\n\n[rate_limit]\nrequests_per_second = 1000.0\nburst = 1000\n\n[[rules]]\nuuid = \"{RULE_UUID}\"\nname = \"Everything\"\nlogicalOp = \"ANY\"\n{detectors}",
        data_dir.display().to_string()
    );
    ServerConfig::from_toml(&toml).expect("test config parses")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remote_scanner_finds_what_the_local_engine_finds() {
    let (_db, emu) = emulators(120).await;
    let dir = tempfile::tempdir().unwrap();
    let state = leakhound_server::AppState::new(server_config(dir.path())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api = format!("http://{}", listener.local_addr().unwrap());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(leakhound_server::serve(listener, state, async move {
        let _ = stop_rx.await;
    }));

    let mut config = RemoteScannerConfig::new(api.clone(), "NF-pipeline-test");
    config.detection_rule_uuids.push(RULE_UUID.into());
    // Small requests, so one page takes several batches and long threads get cut in pieces.
    config.max_request_bytes = 20_000;
    let remote = ThreadScanner::Remote(Arc::new(RemoteScanner::new(config).unwrap()));

    let (_, zendesk) = sources(&emu);
    let mut results = Vec::new();
    for scanner in [local_scanner(), remote] {
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
        let run = store.begin_run(RunKind::Full, &["zendesk"]).unwrap();
        run_source(
            zendesk.clone(),
            ScanMode::Full,
            store.clone(),
            run,
            scanner,
            RunOptions::default(),
            Arc::new(Quiet),
        )
        .await
        .unwrap();
        results.push(finding_keys(&*store));
    }
    assert!(!results[0].is_empty());
    assert_eq!(results[0], results[1], "remote and local findings differ");

    // A wrong key stops the run with the API's error, not silently.
    let mut bad = RemoteScannerConfig::new(api, "NF-wrong");
    bad.detection_rule_uuids.push(RULE_UUID.into());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
    let run = store.begin_run(RunKind::Full, &["zendesk"]).unwrap();
    let err = run_source(
        zendesk,
        ScanMode::Full,
        store,
        run,
        ThreadScanner::Remote(Arc::new(RemoteScanner::new(bad).unwrap())),
        RunOptions::default(),
        Arc::new(Quiet),
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(err.contains("401"), "{err}");
    assert!(
        !err.contains("NF-wrong"),
        "the key must not appear in errors: {err}"
    );

    let _ = stop_tx.send(());
    server.await.unwrap().unwrap();
    emu.shutdown().await.unwrap();
}
