//! `oncall init`: a new repository that works straight away.

use crate::common::{TestRepo, json, run};

#[test]
fn creates_a_working_repository() {
    let base = TestRepo::empty();
    let dir = base.file("team-oncall");
    let (code, out, err) = run(base
        .oncall()
        .env_remove("ONCALL_REPO")
        .args([
            "init",
            "--json",
            "--team",
            "Infra",
            "--timezone",
            "Europe/Berlin",
        ])
        .arg(&dir));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["git_init"], true);
    assert!(v["commit"].is_string());
    assert!(dir.join(".git").is_dir());
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
        "pages.csv merge=union\n"
    );
    assert!(dir.join("runbooks/example.md").is_file());
    let (code, out, err) = run(base
        .oncall()
        .env("ONCALL_REPO", &dir)
        .args(["who", "--json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["manager"]["id"], "alice");
    let (code, _, err) = run(base.oncall().env("ONCALL_REPO", &dir).args(["check"]));
    assert_eq!(code, 0, "a fresh repository passes its own check: {err}");
    let (code, _, err) = run(base
        .oncall()
        .env_remove("ONCALL_REPO")
        .arg("init")
        .arg(&dir));
    assert_eq!(code, 1);
    assert!(err.contains("already has a schedule.toml"), "{err}");
}

#[test]
fn rejects_an_unknown_zone() {
    let base = TestRepo::empty();
    let (code, _, err) = run(base.oncall().env_remove("ONCALL_REPO").args([
        "init",
        "x",
        "--timezone",
        "Europe/Berln",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `Europe/Berlin`?"), "{err}");
    assert!(!base.file("x").exists());
}
