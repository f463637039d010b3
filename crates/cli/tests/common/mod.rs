//! Shared by the CLI tests: run the built binary, and a scratch directory per test.

#![allow(dead_code)] // each test file uses its own subset

pub mod review;

use std::path::PathBuf;
use std::process::{Command, Output};

/// A scratch directory unique to one test of one test binary run.
pub fn scratch(suite: &str, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carescore-{suite}-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the `carescore` binary cargo built for these tests.
pub fn carescore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carescore"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
