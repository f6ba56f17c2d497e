//! A bounded loopback load generator for `leakhound serve`.
//!
//! ```text
//! cargo run --release -p leakhound-server --example loadgen -- \
//!     --url http://127.0.0.1:8080 --key NF-… text --bytes 1024 --seconds 10 --concurrency 32
//! cargo run --release -p leakhound-server --example loadgen -- \
//!     --url http://127.0.0.1:8080 --key NF-… files --count 200 --bytes 10240
//! ```
//!
//! `text` sends `POST /v3/scan` with one payload item of `--bytes` bytes of ticket-like text
//! (with a card number, an SSN and an e-mail address) from `--concurrency` connections for
//! `--seconds`, and prints requests/s and latency percentiles. `files` uploads and scans
//! `--count` files to a webhook it serves itself, and prints jobs per minute from the first
//! scan request to the last notification.

use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| default.to_string())
}

fn ticket_text(bytes: usize) -> String {
    let base = "Hi support, my order failed. Card 4111-1111-1111-1111 was charged twice, \
                SSN 489-36-8350 on file, reach me at jane.doe@example.com. Thanks! ";
    let filler = "The package arrived late and the box was damaged; please advise on a refund. ";
    let mut s = String::from(base);
    while s.len() < bytes {
        s.push_str(filler);
    }
    s.truncate(bytes);
    s
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let args: Vec<String> = std::env::args().collect();
    let url = arg(&args, "--url", "http://127.0.0.1:8080");
    let key = arg(&args, "--key", "");
    let bytes: usize = arg(&args, "--bytes", "1024").parse()?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .build()?;
    if args.iter().any(|a| a == "files") {
        return files(
            &client,
            &url,
            &key,
            bytes,
            arg(&args, "--count", "100").parse()?,
        )
        .await;
    }
    let seconds: u64 = arg(&args, "--seconds", "10").parse()?;
    let concurrency: usize = arg(&args, "--concurrency", "32").parse()?;
    let body = serde_json::json!({
        "payload": [ticket_text(bytes)],
        "policy": {"detectionRules": [{"name": "bench", "detectors": [
            {"nightfallDetector": "CREDIT_CARD_NUMBER"},
            {"nightfallDetector": "US_SOCIAL_SECURITY_NUMBER"},
            {"nightfallDetector": "EMAIL_ADDRESS"}
        ]}]}
    })
    .to_string();
    // Warm-up: compile the policy once and open connections.
    for _ in 0..concurrency {
        let r = client
            .post(format!("{url}/v3/scan"))
            .bearer_auth(&key)
            .body(body.clone())
            .send()
            .await?;
        anyhow::ensure!(r.status() == 200, "warm-up got {}", r.status());
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, url, key, body) = (client.clone(), url.clone(), key.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                let ok = match client
                    .post(format!("{url}/v3/scan"))
                    .bearer_auth(&key)
                    .body(body.clone())
                    .send()
                    .await
                {
                    Ok(r) => r.status() == 200 && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    latencies.push(t.elapsed());
                } else {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await?;
        all.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    println!(
        "text payload={bytes}B concurrency={concurrency} seconds={seconds}: requests={} errors={errors} \
         req/s={:.0} p50={:.2}ms p99={:.2}ms max={:.2}ms",
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 0.50).as_secs_f64() * 1000.0,
        percentile(&all, 0.99).as_secs_f64() * 1000.0,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
    );
    Ok(())
}

async fn files(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    bytes: usize,
    count: usize,
) -> anyhow::Result<()> {
    // A webhook that answers challenges and counts notifications.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let hook = format!("http://{}/hook", listener.local_addr()?);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |body: String| {
            let tx = tx.clone();
            async move {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                match v.get("challenge").and_then(|c| c.as_str()) {
                    Some(c) => c.to_string(),
                    None => {
                        let _ = tx.send(());
                        String::new()
                    }
                }
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    let content = ticket_text(bytes);
    let started = Instant::now();
    for _ in 0..count {
        let init: serde_json::Value = client
            .post(format!("{url}/v3/upload"))
            .bearer_auth(key)
            .json(&serde_json::json!({"fileSizeBytes": content.len()}))
            .send()
            .await?
            .json()
            .await?;
        let id = init["id"].as_str().unwrap_or_default().to_string();
        let r = client
            .patch(format!("{url}/v3/upload/{id}"))
            .bearer_auth(key)
            .header("X-Upload-Offset", "0")
            .body(content.clone())
            .send()
            .await?;
        anyhow::ensure!(r.status() == 204, "chunk got {}", r.status());
        client
            .post(format!("{url}/v3/upload/{id}/finish"))
            .bearer_auth(key)
            .send()
            .await?;
        let r = client
            .post(format!("{url}/v3/upload/{id}/scan"))
            .bearer_auth(key)
            .json(&serde_json::json!({"policy": {"webhookURL": hook,
                "detectionRules": [{"detectors": [{"nightfallDetector": "CREDIT_CARD_NUMBER"}]}]}}))
            .send()
            .await?;
        anyhow::ensure!(r.status() == 200, "scan got {}", r.status());
    }
    let submitted = started.elapsed();
    for _ in 0..count {
        tokio::time::timeout(Duration::from_secs(120), rx.recv()).await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "files count={count} size={bytes}B: submitted in {:.2}s, all notified in {elapsed:.2}s, jobs/min={:.0}",
        submitted.as_secs_f64(),
        count as f64 / elapsed * 60.0
    );
    Ok(())
}
