//! `tremplin matchmaking generate|solve|check` on JSON files.

use crate::helpers::{run, tremplin};

fn gen_args(seed: &str) -> Vec<String> {
    [
        "matchmaking",
        "generate",
        "--participants",
        "53",
        "--structure",
        "ambassador",
        "--hosts",
        "13",
        "--slots",
        "16",
        "--mean-requests",
        "3",
        "--blocked",
        "0.05",
        "--seed",
        seed,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn generate_solve_check_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("i.json");
    let mut cmd = tremplin(tmp.path());
    cmd.args(gen_args("7")).arg("--out").arg(&inst);
    assert!(run(cmd).status.success());
    // Same seed, same bytes.
    let mut again = tremplin(tmp.path());
    again.args(gen_args("7"));
    let out = run(again);
    assert_eq!(
        out.stdout.trim(),
        std::fs::read_to_string(&inst).unwrap().trim()
    );

    let mut solve = tremplin(tmp.path());
    solve
        .args(["matchmaking", "solve"])
        .arg(&inst)
        .args(["--time-limit", "1"]);
    let out = run(solve);
    assert!(out.status.success(), "{}", out.all());
    assert!(
        out.stderr.contains("weight")
            && out.stderr.contains("bound")
            && out.stderr.contains("meetings"),
        "{}",
        out.stderr
    );
    let sched = tmp.path().join("s.json");
    std::fs::write(&sched, &out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("schedule JSON");
    assert!(v["meetings"].as_array().is_some_and(|m| !m.is_empty()));

    let mut chk = tremplin(tmp.path());
    chk.args(["matchmaking", "check"]).arg(&inst).arg(&sched);
    let out = run(chk);
    assert!(out.status.success(), "{}", out.all());
    assert!(out.stdout.contains("schedule OK"));

    // A tampered schedule: the violation is named and the exit code is non-zero.
    let mut bad: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sched).unwrap()).unwrap();
    bad["meetings"][0]["slot"] = serde_json::json!(999);
    std::fs::write(&sched, bad.to_string()).unwrap();
    let mut chk = tremplin(tmp.path());
    chk.args(["matchmaking", "check"]).arg(&inst).arg(&sched);
    let out = run(chk);
    assert!(!out.status.success());
    assert!(out.stdout.contains("999"), "{}", out.stdout);
}

#[test]
fn bad_instances_are_refused_with_the_offending_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("bad.json");
    std::fs::write(
        &inst,
        r#"{"slots": 2, "tables": 1,
            "participants": [{"id": "a", "available": [0, 5]}, {"id": "b", "available": [0, 1]}],
            "requests": [{"a": "a", "b": "zz", "weight": 1}, {"a": "b", "b": "b", "weight": 1},
                         {"a": "a", "b": "b", "weight": 1}, {"a": "b", "b": "a", "weight": 2}]}"#,
    )
    .unwrap();
    let mut solve = tremplin(tmp.path());
    solve.args(["matchmaking", "solve"]).arg(&inst);
    let out = run(solve);
    assert!(!out.status.success());
    for needle in ["zz", "5"] {
        assert!(
            out.stderr.contains(needle),
            "{needle} named: {}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains("same pair") && out.stderr.contains("themself"),
        "{}",
        out.stderr
    );
    std::fs::write(&inst, "{not json").unwrap();
    let mut solve = tremplin(tmp.path());
    solve.args(["matchmaking", "solve"]).arg(&inst);
    assert!(!run(solve).status.success());
}
