//! `tremplin catalogue check`: the shipped catalogue is valid and every example holds; broken
//! files are reported with file and line and a non-zero exit.

use std::path::{Path, PathBuf};

use crate::helpers::{run, tremplin};

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalogue")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn the_shipped_catalogue_is_valid_and_its_examples_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = tremplin(tmp.path());
    cmd.args(["catalogue", "check"]).arg(shipped());
    let out = run(cmd);
    assert!(out.status.success(), "{}", out.all());
    assert!(out.stdout.contains("catalogue OK"), "{}", out.stdout);
    let n: usize = out
        .stdout
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!(n >= 30, "at least 30 schemes: {}", out.stdout);
}

#[test]
fn broken_files_are_reported_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cat");
    copy_dir(&shipped(), &dir);
    std::fs::write(
        dir.join("schemes/broken.toml"),
        "id = \"broken\"\nstatus = \n",
    )
    .unwrap();
    let ap = dir.join("schemes/bpifrance-assurance-prospection.toml");
    let text = std::fs::read_to_string(&ap).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.insert(1, "unknown_key = 1".to_string());
    std::fs::write(&ap, lines.join("\n")).unwrap();
    let mut cmd = tremplin(tmp.path());
    cmd.args(["catalogue", "check"]).arg(&dir);
    let out = run(cmd);
    assert!(!out.status.success());
    assert!(
        out.stdout.contains("schemes/broken.toml:2:"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("bpifrance-assurance-prospection.toml:2:")
            && out.stdout.contains("unknown_key"),
        "{}",
        out.stdout
    );
}
