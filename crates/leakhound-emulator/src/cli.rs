//! `leakhound emulate`: the command-line entry point of the emulators.

/// Arguments of `leakhound emulate`.
#[derive(Debug, Clone, clap::Args)]
pub struct EmulateArgs {
    /// Port of the HubSpot emulator on 127.0.0.1 (0 = pick a free port).
    #[arg(long, default_value_t = 0)]
    pub hubspot_port: u16,
    /// Port of the Zendesk emulator on 127.0.0.1 (0 = pick a free port).
    #[arg(long, default_value_t = 0)]
    pub zendesk_port: u16,
    /// Number of synthetic tickets per helpdesk.
    #[arg(long, default_value_t = 200)]
    pub tickets: u64,
    /// Seed of the synthetic data generator.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

/// Runs the emulators until Ctrl-C.
pub fn run(_args: EmulateArgs) -> anyhow::Result<()> {
    anyhow::bail!("the emulators are not built yet")
}
