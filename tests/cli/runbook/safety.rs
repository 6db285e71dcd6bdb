//! Runbooks are read only from inside the repository: `..`, absolute paths and symlinks that
//! lead out are refused, whether they come from the command line or from schedule.toml.

use super::{API_MD, repo_at, script};
use crate::common::{TestRepo, json, run};

/// A file outside the repository that must never be shown.
fn secret() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.md"), "SECRET\n").unwrap();
    dir
}

fn refused(repo: &TestRepo, args: &[&str], code: i32, needle: &str) {
    let (got, out, err) = run(repo.oncall().args(args));
    assert_eq!(got, code, "{args:?}: {err}");
    assert!(!out.contains("SECRET"), "{args:?} leaked: {out}");
    assert!(err.contains(needle), "{args:?}: {err}");
}

#[test]
fn relative_and_absolute_paths_on_the_command_line() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let s = secret();
    let abs = s.path().join("secret.md").display().to_string();
    refused(
        &repo,
        &["runbook", "../secret.md"],
        2,
        "it goes up with `..`",
    );
    refused(
        &repo,
        &["runbook", "runbooks/../../x.md"],
        2,
        "goes up with `..`",
    );
    refused(&repo, &["runbook", ".."], 2, "goes up with `..`");
    refused(&repo, &["runbook", &abs], 2, "it is absolute");
    refused(
        &repo,
        &["runbook", "/etc/passwd", "--search", "root"],
        2,
        "it is absolute",
    );
    refused(
        &repo,
        &["runbook", "../x.md", "--edit"],
        2,
        "refusing to read `../x.md`",
    );
    let (_, _, err) = run(repo.oncall().args(["runbook", "../secret.md"]));
    assert!(
        err.contains("runbooks are read only from inside the repository"),
        "{err}"
    );
}

#[test]
fn paths_in_schedule_toml() {
    let s = secret();
    let abs = s.path().join("secret.md").display().to_string();
    let repo = repo_at(
        "2026-10-01T12:00:00Z",
        &format!(
            "[services.up]\nrunbook = \"../secret.md\"\n\n[services.abs]\nrunbook = \"{abs}\"\n"
        ),
    );
    refused(
        &repo,
        &["runbook", "up"],
        1,
        "refusing to read the runbook of `up`",
    );
    refused(&repo, &["runbook", "abs"], 1, "is absolute");
    let (_, _, err) = run(repo.oncall().args(["runbook", "up"]));
    assert!(err.contains("set `runbook` under [services.up]"), "{err}");
    // The list marks them and goes on; search skips them.
    let (code, out, _) = run(repo.oncall().args(["runbook", "--json"]));
    assert_eq!(code, 0);
    let rows = json(&out);
    let up = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "up")
        .unwrap()
        .clone();
    assert_eq!(up["status"], "unsafe");
    let (code, out, err) = run(repo.oncall().args(["runbook", "--search", "SECRET"]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("skipping up"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlinks_that_lead_outside() {
    use std::os::unix::fs::symlink;
    let s = secret();
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    std::fs::remove_file(repo.file("runbooks/api.md")).unwrap();
    symlink(s.path().join("secret.md"), repo.file("runbooks/api.md")).unwrap();
    refused(
        &repo,
        &["runbook", "api"],
        1,
        "leads outside the on-call repository",
    );
    refused(&repo, &["runbook", "api", "--json"], 1, "leads outside");
    refused(
        &repo,
        &["runbook", "runbooks/api.md", "--raw"],
        1,
        "leads outside",
    );
    refused(
        &repo,
        &["runbook", "api", "--search", "SECRET"],
        1,
        "leads outside",
    );
    let (code, out, err) = run(repo.oncall().args(["runbook", "--search", "SECRET"]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("skipping api"), "{err}");

    // --edit must not write through it either.
    let editor = script(&repo, "editor", "echo pwned >> \"$1\"");
    let (code, _, err) = run(repo
        .oncall()
        .env("EDITOR", &editor)
        .args(["runbook", "api", "--edit"]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        std::fs::read_to_string(s.path().join("secret.md")).unwrap(),
        "SECRET\n"
    );

    // A whole folder that is a symlink out, and one pointing nowhere.
    symlink(s.path(), repo.file("elsewhere")).unwrap();
    refused(
        &repo,
        &["runbook", "elsewhere/secret.md"],
        1,
        "leads outside",
    );
    refused(
        &repo,
        &["runbook", "elsewhere/new.md", "--edit"],
        1,
        "leads outside",
    );
    symlink(s.path().join("nothing.md"), repo.file("runbooks/db.md")).unwrap();
    refused(&repo, &["runbook", "db"], 1, "which does not exist");
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_repository_are_fine() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    std::os::unix::fs::symlink("api.md", repo.file("runbooks/alias.md")).unwrap();
    repo.commit_all_at("Add an alias", "2026-11-01T12:00:00Z");
    let (code, out, err) = run(repo.oncall().args(["runbook", "alias"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, API_MD);
    // Freshness is the real file's, not the symlink's.
    assert!(err.contains("last changed 2026-10-01"), "{err}");
}
