//! `leakhound emulate` without the rest of the CLI: handy while developing the emulators
//! (`cargo run -p leakhound-emulator --example emulate -- --tickets 1000`). Same flags and
//! output as the real subcommand.

use clap::Parser;

#[derive(Parser)]
#[command(name = "emulate")]
struct Cli {
    #[command(flatten)]
    args: leakhound_emulator::cli::EmulateArgs,
}

fn main() -> anyhow::Result<()> {
    leakhound_emulator::cli::run(Cli::parse().args)
}
