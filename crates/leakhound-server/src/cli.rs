//! `leakhound serve`: the command-line entry point.

use crate::config::{ServerConfig, EXAMPLE_CONFIG};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `leakhound serve`.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "Examples:\n  \
  leakhound serve --print-example-config > leakhound.toml\n  \
  leakhound serve --config leakhound.toml --listen 127.0.0.1:8080\n  \
  LEAKHOUND_API_KEYS=NF-key1,NF-key2 leakhound serve --config leakhound.toml")]
pub struct ServeArgs {
    /// The configuration file (TOML; see --print-example-config).
    #[arg(long, short, env = "LEAKHOUND_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on, such as 127.0.0.1:8080 (port 0 picks a free port; the bound
    /// address is printed on standard output).
    #[arg(long)]
    pub listen: Option<String>,
    /// Directory for uploads, findings documents and the job database.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Print the commented example configuration and exit.
    #[arg(long)]
    pub print_example_config: bool,
    /// Print the OpenAPI document of the API and exit.
    #[arg(long)]
    pub print_openapi: bool,
}

/// Runs `leakhound serve` until Ctrl-C or SIGTERM.
pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    if args.print_example_config {
        print!("{EXAMPLE_CONFIG}");
        return Ok(());
    }
    if args.print_openapi {
        print!("{}", crate::openapi::document());
        return Ok(());
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LEAKHOUND_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    let mut config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            ServerConfig::from_toml(&text).with_context(|| format!("in {}", path.display()))?
        }
        None => ServerConfig::default(),
    };
    config.apply_env(|name| std::env::var(name).ok());
    if let Some(listen) = &args.listen {
        config.listen = listen.clone();
    }
    if let Some(dir) = &args.data_dir {
        config.data_dir = dir.clone();
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let listen = config.listen.clone();
        let state = crate::AppState::new(config)?;
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        let addr = listener.local_addr()?;
        // The one line on standard output: scripts read the bound address from it.
        println!("leakhound serve listening on http://{addr}");
        std::io::stdout().flush()?;
        crate::serve(listener, state, shutdown_signal()).await?;
        Ok(())
    })
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
