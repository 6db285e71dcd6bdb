//! Showing one runbook: the rendered page, raw output, freshness, staleness, suggestions,
//! paging.

use super::{API_MD, repo_at, script};
use crate::common::{TestRepo, json, run};

/// `oncall` as if on an 80-column terminal, paging through `cat`.
fn tty(repo: &TestRepo) -> assert_cmd::Command {
    let mut cmd = repo.oncall();
    cmd.env("ONCALL_FORCE_TTY", "1")
        .env("COLUMNS", "80")
        .env("PAGER", "cat");
    cmd
}

#[test]
fn renders_at_a_fixed_width() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, out, err) = run(tty(&repo).args(["runbook", "api", "--color", "never"]));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("api_80_columns", out);
}

#[test]
fn renders_in_colour_at_another_width() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, out, err) = run(tty(&repo)
        .env("COLUMNS", "60")
        .args(["runbook", "api", "--color", "always"]));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("api_60_columns_colour", out.replace('\u{1b}', "␛"));
}

#[test]
fn no_color_wins_over_a_terminal() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (_, out, _) = run(tty(&repo).env("NO_COLOR", "1").args(["runbook", "api"]));
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(out.contains("── sh ──"), "{out}");
}

#[test]
fn piped_output_is_the_file_exactly_and_notes_go_to_stderr() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, out, err) = run(repo.oncall().args(["runbook", "api"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, API_MD);
    assert!(
        err.contains(
            "runbooks/api.md: last changed 2026-10-01 (54 days ago) by Test Author: \"Write the API runbook\""
        ),
        "{err}"
    );
    assert!(!err.contains("warning"), "{err}");
    // --raw on a terminal is the file too, and -q mutes the notes.
    let (_, out, err) = run(tty(&repo).args(["runbook", "api", "--raw", "-q"]));
    assert_eq!(out, API_MD);
    assert_eq!(err, "");
}

#[test]
fn freshness_is_the_last_commit_that_touched_the_file() {
    let repo = repo_at("2026-01-10T09:00:00Z", "");
    repo.write("runbooks/api.md", &format!("{API_MD}\nOne more step.\n"));
    repo.commit_all_at("Add one more step", "2026-02-01T10:30:00Z");
    for (i, month) in ["03", "04", "05", "06"].iter().enumerate() {
        repo.write("notes.txt", &format!("note {i}\n"));
        repo.commit_all_at("Unrelated change", &format!("2026-{month}-01T10:00:00Z"));
    }
    let (code, out, err) = run(repo.oncall().args(["runbook", "api", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let git = repo.git(&["log", "-1", "--format=%H", "--", "runbooks/api.md"]);
    assert_eq!(v["last_change"]["commit"], git.trim());
    assert_eq!(v["last_change"]["date"], "2026-02-01T10:30:00Z");
    assert_eq!(v["last_change"]["subject"], "Add one more step");
    assert_eq!(v["last_change"]["author"], "Test Author");
    assert_eq!(v["age_days"], 296);
    assert_eq!(v["stale"], true);
    assert_eq!(v["status"], "stale");
    assert_eq!(v["service"], "api");
    assert_eq!(v["lead"]["name"], "Lead");
    assert!(
        v["markdown"]
            .as_str()
            .unwrap()
            .ends_with("One more step.\n")
    );
}

/// Our answer and `git log -1 -- FILE`'s, for the files that matter here.
fn assert_same_as_git(repo: &TestRepo, step: &str) {
    let (_, out, err) = run(repo.oncall().args(["runbook", "api", "--json"]));
    let git = repo.git(&["log", "-1", "--format=%H %s", "--", "runbooks/api.md"]);
    let v = json(&out);
    let ours = format!(
        "{} {}",
        v["last_change"]["commit"].as_str().unwrap(),
        v["last_change"]["subject"].as_str().unwrap()
    );
    assert_eq!(ours, git.trim(), "after {step}: {err}");
}

#[test]
fn matches_git_log_across_branches_and_merges() {
    let repo = repo_at("2026-01-10T09:00:00Z", "");
    let at = |n: u32| format!("2026-02-{n:02}T10:00:00Z");
    let merge = |branch: &str, n: u32| {
        repo.git(&[
            "-c",
            "core.editor=true",
            "merge",
            "-q",
            "--no-ff",
            "--no-commit",
            branch,
        ]);
        repo.commit_all_at(&format!("Merge {branch}"), &at(n));
    };
    // A side branch edits the runbook; main edits something else; the merge brings the edit.
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("runbooks/api.md", &format!("{API_MD}\nside\n"));
    repo.commit_all_at("Side edit", &at(1));
    repo.git(&["checkout", "-q", "main"]);
    repo.write("other.txt", "main\n");
    repo.commit_all_at("Main other", &at(2));
    merge("side", 3);
    assert_same_as_git(&repo, "merging a branch that edited the runbook");

    // Main edits the runbook; a branch edits something else; its merge must not hide it.
    repo.git(&["checkout", "-q", "-b", "side2"]);
    repo.write("other.txt", "side2\n");
    repo.commit_all_at("Side2 other", &at(4));
    repo.git(&["checkout", "-q", "main"]);
    repo.write("runbooks/api.md", &format!("{API_MD}\nmain\n"));
    repo.commit_all_at("Main edit", &at(5));
    merge("side2", 6);
    assert_same_as_git(&repo, "merging a branch that did not");

    // Both sides edit it and the merge resolves to something new: the merge changed it.
    repo.git(&["checkout", "-q", "-b", "side3"]);
    repo.write("runbooks/api.md", &format!("{API_MD}\nthree\n"));
    repo.commit_all_at("Side3 edit", &at(7));
    repo.git(&["checkout", "-q", "main"]);
    repo.write("runbooks/api.md", &format!("{API_MD}\nfour\n"));
    repo.commit_all_at("Main edit again", &at(8));
    let _ = std::process::Command::new("git")
        .args(["merge", "-q", "--no-ff", "--no-commit", "side3"])
        .current_dir(repo.path())
        .env("HOME", repo.home())
        .output();
    repo.write("runbooks/api.md", &format!("{API_MD}\nthree and four\n"));
    repo.commit_all_at("Merge side3, keeping both", &at(9));
    assert_same_as_git(&repo, "a merge that resolved a conflict");
}

#[test]
fn stale_runbooks_are_flagged() {
    let repo = repo_at("2026-03-01T12:00:00Z", "");
    let (code, _, err) = run(repo.oncall().args(["runbook", "api"]));
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: `runbooks/api.md` was last changed 268 days ago (stale after 180d)"),
        "{err}"
    );
    assert!(err.contains("oncall runbook api --edit"), "{err}");
    let (_, out, _) = run(tty(&repo).args(["runbook", "api", "--color", "never"]));
    assert!(out.contains("warning: `runbooks/api.md` was last changed 268 days ago"));
}

#[test]
fn the_stale_age_is_configurable() {
    let repo = repo_at(
        "2026-03-01T12:00:00Z",
        "[runbooks]\nstale_after = \"52w\"\n",
    );
    let (_, out, _) = run(repo.oncall().args(["runbook", "api", "--json"]));
    assert_eq!(json(&out)["stale"], false);
    assert_eq!(json(&out)["stale_after"], "52w");
    let (_, out, _) = run(repo
        .oncall()
        .args(["runbook", "api", "--json", "--stale-after", "30d"]));
    assert_eq!(json(&out)["stale"], true);
    let (code, _, err) = run(repo
        .oncall()
        .args(["runbook", "api", "--stale-after", "soon"]));
    assert_eq!(code, 2);
    assert!(err.contains("bad `--stale-after`"), "{err}");

    // A bad value in the file is reported, but the runbook is still shown.
    let repo = repo_at(
        "2026-03-01T12:00:00Z",
        "[runbooks]\nstale_after = \"soon\"\n",
    );
    let (code, out, err) = run(repo.oncall().args(["runbook", "api"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, API_MD);
    assert!(err.contains("has 1 problem(s)"), "{err}");
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    assert!(out.contains("bad duration `soon`"), "{out}");
}

#[test]
fn uncommitted_edits_and_new_runbooks_are_flagged() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    repo.write("runbooks/api.md", "# api\n\nedited\n");
    let (_, out, _) = run(repo.oncall().args(["runbook", "api", "--json"]));
    let v = json(&out);
    assert_eq!(
        (v["status"].as_str(), v["modified"].as_bool()),
        (Some("modified"), Some(true))
    );
    let (_, out, err) = run(repo.oncall().args(["runbook", "api"]));
    assert_eq!(out, "# api\n\nedited\n");
    assert!(err.contains("has uncommitted edits"), "{err}");

    repo.write("runbooks/db.md", "# db\n");
    let (code, out, err) = run(repo.oncall().args(["runbook", "db", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["status"], "untracked");
    assert_eq!(v["last_change"], serde_json::Value::Null);
    let (_, _, err) = run(repo.oncall().args(["runbook", "db"]));
    assert!(err.contains("never committed"), "{err}");
    assert!(
        err.contains("is not committed: teammates do not have this page"),
        "{err}"
    );
}

#[test]
fn unknown_services_get_the_nearest_name() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, out, err) = run(repo.oncall().args(["runbook", "apj"]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("error: unknown service `apj`"), "{err}");
    assert!(err.contains("hint: did you mean `api`?"), "{err}");
    let (code, _, err) = run(repo.oncall().args(["runbook", "warehouse"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("`oncall runbook --list` shows every service"),
        "{err}"
    );
}

#[test]
fn a_service_without_a_runbook_says_how_to_start_one() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, _, err) = run(repo.oncall().args(["runbook", "db"]));
    assert_eq!(code, 1);
    assert!(err.contains("error: `db` has no runbook yet"), "{err}");
    assert!(err.contains("there is no `runbooks/db.md`"), "{err}");
    assert!(err.contains("`oncall runbook db --edit`"), "{err}");
}

#[test]
fn a_path_argument_finds_its_service() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, out, err) = run(repo
        .oncall()
        .args(["runbook", "./runbooks/api.md", "--json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["service"], "api");
}

#[test]
fn long_pages_go_through_the_pager_on_a_terminal_only() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let pager = script(&repo, "pager", "echo '--paged--'; cat");
    let paged = |cmd: &mut assert_cmd::Command| run(cmd).1.starts_with("--paged--\n");
    let base = || {
        let mut c = tty(&repo);
        c.env("PAGER", &pager).args(["runbook", "api"]);
        c
    };
    assert!(paged(base().env("LINES", "20")));
    assert!(!paged(base().env("LINES", "500")), "fits: no pager");
    assert!(!paged(base().env("LINES", "20").arg("--no-pager")));
    assert!(!paged(base().env("LINES", "20").env("PAGER", "")));
    let piped = run(repo
        .oncall()
        .env("PAGER", &pager)
        .env("LINES", "20")
        .args(["runbook", "api"]));
    assert_eq!(piped.1, API_MD);
    // A pager that cannot start: the page is printed directly.
    let (code, out, _) = run(base().env("LINES", "20").env("PAGER", "no-such-pager-here"));
    assert_eq!(code, 0);
    assert!(out.contains("api: runbook"), "{out}");
}

#[test]
fn a_problem_elsewhere_in_the_schedule_does_not_hide_the_runbook() {
    let repo = repo_at(
        "2026-10-01T12:00:00Z",
        "[[override]]\nrole = \"engineer\"\nperson = \"nobody\"\nstart = 2026-11-01\nend = 2026-11-02\n",
    );
    let (code, out, err) = run(repo.oncall().args(["runbook", "api"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, API_MD);
    assert!(
        err.contains("warning: `schedule.toml` has 1 problem(s)"),
        "{err}"
    );
}

#[test]
fn outside_git_there_is_no_freshness_but_the_page_shows() {
    let repo = TestRepo::empty();
    repo.write("schedule.toml", &super::schedule(""));
    repo.write("runbooks/api.md", API_MD);
    let (code, out, err) = run(repo.oncall().args(["runbook", "api"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, API_MD);
    assert!(err.contains("not under git"), "{err}");
    assert!(!err.contains("warning"), "{err}");
}
