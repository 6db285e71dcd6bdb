//! `oncall sync`: two clones page independently; syncing both leaves both logs holding every
//! row (the union merge), through the system git and a bare "remote" in a temp folder.

use crate::common::{BASIC, TestRepo, json, log_rows, run};

fn clone_of(bare: &std::path::Path) -> TestRepo {
    let repo = TestRepo::empty();
    let out = std::process::Command::new("git")
        .args(["clone", "-q"])
        .arg(bare)
        .arg(repo.path())
        .env("HOME", repo.home())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    repo
}

#[test]
fn two_clones_page_and_sync_and_both_keep_every_row() {
    let origin = TestRepo::new(BASIC);
    let remote = tempfile::tempdir().unwrap();
    let bare = remote.path().join("oncall.git");
    origin.git(&["clone", "-q", "--bare", ".", bare.to_str().unwrap()]);
    let a = clone_of(&bare);
    let b = clone_of(&bare);
    for (repo, summary) in [(&a, "from a"), (&b, "from b"), (&b, "from b again")] {
        let (code, _, err) = run(repo.oncall().args(["page", "api", "-s", summary]));
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run(a.oncall().args(["--json", "sync"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(
        (v["committed_rows"].as_u64(), v["pulled_rows"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(v["pushed"], "origin/main");
    let (code, _, err) = run(b.oncall().args(["sync"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("committed 2 row(s)") && err.contains("pulled 1 row(s)"),
        "{err}"
    );
    let (code, out, err) = run(a.oncall().args(["--json", "sync"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["pulled_rows"], 2);
    for repo in [&a, &b] {
        let mut s: Vec<String> = log_rows(repo).iter().map(|r| r[11].clone()).collect();
        s.sort();
        assert_eq!(s, ["from a", "from b", "from b again"]);
        assert!(repo.git(&["status", "--porcelain"]).trim().is_empty());
        assert_eq!(repo.read(".gitattributes"), "pages.csv merge=union\n");
    }
    let (_, out, _) = run(a.oncall().args(["--json", "status"]));
    assert_eq!(json(&out).as_array().unwrap().len(), 3);
}

#[test]
fn sync_without_a_remote_commits_and_says_so() {
    let repo = TestRepo::new(BASIC);
    let (code, _, _) = run(repo.oncall().args(["page", "api", "-s", "x"]));
    assert_eq!(code, 0);
    let (code, _, err) = run(repo.oncall().args(["sync"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("committed 1 row(s)") && err.contains("no git remote"),
        "{err}"
    );
    assert!(repo.git(&["log", "-1", "--format=%s"]).contains("page log"));
}

#[test]
fn an_unreachable_remote_is_a_clear_error() {
    let repo = TestRepo::new(BASIC);
    repo.git(&["remote", "add", "origin", "/nonexistent/remote.git"]);
    let (code, _, _) = run(repo.oncall().args(["page", "api", "-s", "x"]));
    assert_eq!(code, 0);
    let (code, _, err) = run(repo.oncall().args(["sync"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("git fetch") && err.contains("hint:"), "{err}");
    // The rows were committed locally before the network step.
    assert!(repo.git(&["status", "--porcelain"]).trim().is_empty());
}
