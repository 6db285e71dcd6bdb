//! `oncall override add|list|remove`: edits keep the file's comments and layout, each change
//! is committed with the user's identity, and bad input leaves the file untouched.

use crate::common::{BASIC, TestRepo, json, run};

const ADD: &[&str] = &[
    "override",
    "add",
    "--role",
    "engineer",
    "--person",
    "dave",
    "--start",
    "2026-11-26 18:00",
    "--end",
    "2026-11-30 10:00",
    "--reason",
    "bob away",
];

#[test]
fn add_commits_and_keeps_the_layout() {
    let repo = TestRepo::new(BASIC);
    let before = repo.read("schedule.toml");
    let (code, out, err) = run(repo.oncall().args(ADD).arg("--json"));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["number"], 1);
    assert_eq!(v["start"], "2026-11-26T23:00:00Z");
    assert!(v["commit"].as_str().unwrap().len() >= 7);
    let after = repo.read("schedule.toml");
    assert!(
        after.starts_with(before.trim_end()),
        "the rest of the file is untouched"
    );
    assert!(after.contains("[[override]]\nrole = \"engineer\"\nperson = \"dave\"\nstart = 2026-11-26T18:00:00\nend = 2026-11-30T10:00:00\nreason = \"bob away\""), "{after}");
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    assert_eq!(
        repo.git(&["log", "-1", "--format=%an <%ae>"]).trim(),
        "Test Runner <runner@example.com>"
    );
    assert!(repo.git(&["log", "-1", "--format=%B"]).contains("bob away"));
    let (_, out, _) = run(repo
        .oncall()
        .args(["who", "--json", "--at", "2026-11-27 12:00"]));
    assert_eq!(json(&out)["engineer"]["id"], "dave");
}

#[test]
fn list_and_remove() {
    let repo = TestRepo::new(BASIC);
    run(repo.oncall().args(ADD));
    let (code, out, _) = run(repo.oncall().args(["override", "list", "--json"]));
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v[0]["person"], "dave");
    assert_eq!(v[0]["state"], "upcoming");
    let (code, _, err) = run(repo.oncall().args(["override", "remove", "1"]));
    assert_eq!(code, 2, "needs --yes without a terminal");
    assert!(err.contains("--yes"), "{err}");
    let (code, _, err) = run(repo.oncall().args(["override", "remove", "7", "--yes"]));
    assert_eq!(code, 2);
    assert!(err.contains("no override 7"), "{err}");
    let (code, _, err) = run(repo.oncall().args(["override", "remove", "1", "--yes"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(repo.read("schedule.toml"), BASIC);
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "3");
}

#[test]
fn bad_input_leaves_the_file_alone() {
    let repo = TestRepo::new(BASIC);
    let mut bad = ADD.to_vec();
    bad[5] = "dvae";
    let (code, _, err) = run(repo.oncall().args(&bad));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `dave`?"), "{err}");
    let mut backwards = ADD.to_vec();
    backwards.swap(7, 9);
    let (code, _, err) = run(repo.oncall().args(&backwards));
    assert_eq!(code, 2);
    assert!(err.contains("not after"), "{err}");
    assert_eq!(repo.read("schedule.toml"), BASIC);
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn refuses_to_sweep_up_uncommitted_edits() {
    let repo = TestRepo::new(BASIC);
    let edited = format!("{BASIC}\n# a note in progress\n");
    repo.write("schedule.toml", &edited);
    let (code, _, err) = run(repo.oncall().args(ADD));
    assert_eq!(code, 1);
    assert!(
        err.contains("uncommitted changes") && err.contains("--no-commit"),
        "{err}"
    );
    assert_eq!(repo.read("schedule.toml"), edited);
    let (code, _, _) = run(repo.oncall().args(ADD).arg("--no-commit"));
    assert_eq!(code, 0);
    assert!(repo.read("schedule.toml").contains("# a note in progress"));
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn needs_a_git_identity_and_says_how() {
    let repo = TestRepo::new(BASIC);
    let (code, _, err) = run(repo
        .oncall()
        .args(ADD)
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL"));
    assert_eq!(code, 1);
    assert!(
        err.contains("no git identity") && err.contains("git config"),
        "{err}"
    );
    assert_eq!(repo.read("schedule.toml"), BASIC);
}
