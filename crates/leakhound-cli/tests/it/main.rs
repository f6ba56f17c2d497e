//! End-to-end tests of the `leakhound` binary: exit codes, and insta snapshots of what people
//! read and scripts parse.

mod detectors;
mod eval;
mod kill;
mod remediate;
mod scan;

use assert_cmd::Command;

/// The binary, run from the repository root so sample paths are stable in snapshots.
pub fn leakhound() -> Command {
    let mut cmd = Command::cargo_bin("leakhound").expect("binary built");
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    cmd.env_remove("LEAKHOUND_RULES");
    cmd
}

/// Runs and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}
