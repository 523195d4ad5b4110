//! Start-up failures and `--help`: one clear error line, nothing created on disk.

use crate::helpers::{Output, run, tremplin};

/// Asserts a failed run whose stderr is exactly one `tremplin: error:` line; returns that line.
fn single_error_line(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure: {out:?}");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "stderr is one line: {:?}", out.stderr);
    assert!(
        lines[0].starts_with("tremplin: error:"),
        "stderr starts with `tremplin: error:`: {:?}",
        out.stderr
    );
    lines[0].to_string()
}

#[test]
fn malformed_database_url_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut cmd = tremplin(tmp.path());
    cmd.args(["--bind", "127.0.0.1:0", "--database-url", "nope://x"])
        .arg("--data-dir")
        .arg(&data);
    let out = run(cmd);
    let line = single_error_line(&out);
    assert!(line.contains("nope://x"), "names the URL: {line}");
    assert!(!data.exists(), "the data directory was not created");
    // Nothing at all was written in the working directory either.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn unreachable_postgres_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut cmd = tremplin(tmp.path());
    cmd.args([
        "--bind",
        "127.0.0.1:0",
        "--database-url",
        "postgres://postgres@127.0.0.1:1/test",
    ])
    .arg("--data-dir")
    .arg(&data);
    let out = run(cmd);
    let line = single_error_line(&out);
    assert!(line.contains("database"), "mentions the database: {line}");
    assert!(
        line.contains("127.0.0.1:1"),
        "names the server it tried: {line}"
    );
    assert!(!data.exists(), "the data directory was not created");

    // The password of the URL never reaches the output, through the flag or the variable.
    let mut cmd = tremplin(tmp.path());
    cmd.args([
        "--bind",
        "127.0.0.1:0",
        "--database-url",
        "postgres://user:secret@127.0.0.1:1/x",
    ])
    .arg("--data-dir")
    .arg(&data);
    let out = run(cmd);
    let line = single_error_line(&out);
    assert!(!out.all().contains("secret"), "password leaked: {out:?}");
    assert!(line.contains("user:***@"), "redacted URL shown: {line}");

    let mut cmd = tremplin(tmp.path());
    cmd.env("DATABASE_URL", "postgres://user:secret@127.0.0.1:1/x")
        .env("TREMPLIN_BIND", "127.0.0.1:0")
        .env("TREMPLIN_DATA_DIR", &data);
    let out = run(cmd);
    single_error_line(&out);
    assert!(!out.all().contains("secret"), "password leaked: {out:?}");
    assert!(!data.exists(), "the data directory was not created");
}

#[test]
fn unwritable_data_dir_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let data = file.join("data");
    for args in [&["serve"][..], &["migrate"], &["backup", "copy.db"]] {
        let mut cmd = tremplin(tmp.path());
        cmd.args(["--bind", "127.0.0.1:0"])
            .arg("--data-dir")
            .arg(&data)
            .args(args);
        let out = run(cmd);
        let line = single_error_line(&out);
        assert!(
            line.contains("data directory"),
            "{args:?}: mentions the data directory: {line}"
        );
        assert!(
            line.contains(&data.display().to_string()),
            "{args:?}: names the path: {line}"
        );
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"x", "the file is untouched");
    assert!(!tmp.path().join("copy.db").exists());
}

#[test]
fn help_lists_env_names() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = tremplin(tmp.path());
    cmd.arg("--help");
    let out = run(cmd);
    assert!(out.status.success(), "{out:?}");
    for name in [
        "TREMPLIN_BIND",
        "TREMPLIN_DATA_DIR",
        "DATABASE_URL",
        "TREMPLIN_DEMO",
    ] {
        assert!(out.stdout.contains(name), "--help mentions {name}");
    }
    for sub in ["serve", "backup", "migrate", "admin"] {
        assert!(out.stdout.contains(sub), "--help lists {sub}");
    }
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}
