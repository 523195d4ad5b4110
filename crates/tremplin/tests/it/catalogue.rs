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

/// The live catalogue exported from a database seeded with the shipped files is the shipped
/// catalogue, file for file.
#[test]
fn export_gives_back_the_shipped_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut cmd = tremplin(tmp.path());
    cmd.arg("--data-dir").arg(&data).args(["migrate"]);
    assert!(run(cmd).status.success());
    // A first start seeds the catalogue; `migrate` alone does not, so serve briefly.
    let server = crate::helpers::Server::start(crate::helpers::serve_cmd(tmp.path(), &data));
    drop(server);
    let out_dir = tmp.path().join("export");
    let mut cmd = tremplin(tmp.path());
    cmd.arg("--data-dir")
        .arg(&data)
        .args(["catalogue", "export"])
        .arg(&out_dir);
    let out = run(cmd);
    assert!(out.status.success(), "{}", out.all());
    let shipped_dir = shipped().join("schemes");
    let mut n = 0;
    for e in std::fs::read_dir(&shipped_dir).unwrap() {
        let e = e.unwrap();
        let original = std::fs::read_to_string(e.path()).unwrap();
        let exported = std::fs::read_to_string(out_dir.join("schemes").join(e.file_name()))
            .unwrap_or_else(|_| panic!("{:?} exported", e.file_name()));
        assert_eq!(original, exported, "{:?}", e.file_name());
        n += 1;
    }
    assert!(n >= 30);
}
