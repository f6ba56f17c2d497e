//! The `leakhound` binary: argument parsing, dispatch and exit codes. Commands live in `cmd_*`.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "leakhound", version, about = "Find sensitive data in support tickets and files")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run local HubSpot and Zendesk API emulators with synthetic tickets.
    Emulate(leakhound_emulator::cli::EmulateArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Emulate(args) => leakhound_emulator::cli::run(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("leakhound: error: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
