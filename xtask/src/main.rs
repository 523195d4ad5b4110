//! `cargo xtask test`: the whole test suite in one command, the same locally and in CI.
//!
//! 1. `cargo test --workspace` — unit, property and integration tests (SQLite always;
//!    PostgreSQL too when `TREMPLIN_TEST_PG_URL` is set, otherwise those legs print "skipped");
//! 2. `tremplin catalogue check catalogue` (the shipped scheme files and their examples);
//! 3. the browser tests in `e2e/` against the built binary, on SQLite and (with the URL) on
//!    PostgreSQL. Without Debian's chromium they are skipped with a message, unless
//!    `E2E_REQUIRED=1` (CI) makes that an error.
//!
//! Written in Rust rather than shell so it runs wherever cargo does.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

fn run(step: &str, cmd: &mut Command) -> bool {
    eprintln!("\n== {step}");
    match cmd.current_dir(root()).status() {
        Ok(s) if s.success() => true,
        Ok(s) => {
            eprintln!("== {step}: failed ({s})");
            false
        }
        Err(e) => {
            eprintln!("== {step}: could not start: {e}");
            false
        }
    }
}

fn test(extra: &[String]) -> bool {
    if std::env::var_os("TREMPLIN_TEST_PG_URL").is_none() {
        eprintln!(
            "note: TREMPLIN_TEST_PG_URL is not set: the PostgreSQL legs will be skipped \
             (e.g. TREMPLIN_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test)"
        );
    }
    let mut cargo_test = Command::new(env!("CARGO"));
    cargo_test.args(["test", "--workspace"]).args(extra);
    if !run("cargo test --workspace", &mut cargo_test) {
        return false;
    }
    // The browser tests drive the binary built by `cargo test` (target/debug/tremplin).
    let mut build = Command::new(env!("CARGO"));
    build.args(["build", "--package", "tremplin"]);
    if !run("cargo build --package tremplin", &mut build) {
        return false;
    }
    // The shipped catalogue: every file valid, every example holds.
    let bin = root().join("target/debug/tremplin");
    if !run(
        "tremplin catalogue check catalogue",
        Command::new(bin).args(["catalogue", "check", "catalogue"]),
    ) {
        return false;
    }
    run(
        "browser tests (e2e/run.sh)",
        Command::new("bash").arg("e2e/run.sh"),
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ok = match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask test [extra cargo test arguments]");
            false
        }
    };
    if ok {
        eprintln!("\n== all tests passed");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
