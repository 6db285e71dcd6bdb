//! `oncall runbook SERVICE --edit` with a scripted `$EDITOR`: commit what changed (and only
//! that file), nothing when nothing changed, a template for a missing runbook.

use super::{repo_at, script};
use crate::common::{TestRepo, json, run};

fn head(repo: &TestRepo) -> String {
    repo.git(&["rev-parse", "HEAD"]).trim().to_string()
}

#[test]
fn commits_the_edited_runbook_naming_the_service() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    // Someone else's unrelated edit must stay out of the commit.
    repo.write("schedule.toml", &(repo.read("schedule.toml") + "\n# wip\n"));
    let editor = script(&repo, "editor", "echo '- Check the CDN too.' >> \"$1\"");
    let (code, out, err) = run(repo
        .oncall()
        .env("EDITOR", &editor)
        .args(["runbook", "api", "--edit"]));
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("committed "), "{err}");
    assert!(
        repo.read("runbooks/api.md")
            .ends_with("- Check the CDN too.\n")
    );
    let log = repo.git(&["log", "-1", "--format=%s%n%an", "--name-only"]);
    assert_eq!(
        log.trim(),
        "runbook: update the api runbook\nTest Runner\n\nrunbooks/api.md"
    );
    assert!(
        repo.git(&["status", "--porcelain"])
            .contains(" M schedule.toml")
    );
    // The page is fresh again.
    let (_, out, _) = run(repo.oncall().args(["runbook", "api", "--json"]));
    assert_eq!(json(&out)["status"], "ok");
    assert_eq!(
        json(&out)["last_change"]["subject"],
        "runbook: update the api runbook"
    );
}

#[test]
fn visual_wins_and_editor_words_are_split() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let body = script(&repo, "body", "echo \"$1 was here\" >> \"$2\"");
    let (code, out, err) = run(repo
        .oncall()
        .env("VISUAL", format!("sh {body} visual"))
        .env("EDITOR", "false")
        .args(["runbook", "api", "--edit", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["changed"], true);
    assert_eq!(v["created"], false);
    assert_eq!(v["commit"].as_str().unwrap().len(), 8);
    assert!(repo.read("runbooks/api.md").ends_with("visual was here\n"));
}

#[test]
fn no_change_means_no_commit() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let before = head(&repo);
    let (code, _, err) = run(repo
        .oncall()
        .env("EDITOR", "true")
        .args(["runbook", "api", "--edit"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no changes to `runbooks/api.md`"), "{err}");
    assert_eq!(head(&repo), before);
}

#[test]
fn a_missing_runbook_starts_from_a_template() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    // Leaving the template untouched creates nothing.
    let (code, _, err) = run(repo
        .oncall()
        .env("EDITOR", "true")
        .args(["runbook", "db", "--edit"]));
    assert_eq!(code, 0, "{err}");
    assert!(!repo.file("runbooks/db.md").exists());

    let editor = script(
        &repo,
        "editor",
        "sed -i 's/the first thing to try/pg_ctl restart/' \"$1\"",
    );
    let (code, _, err) = run(repo
        .oncall()
        .env("EDITOR", &editor)
        .args(["runbook", "db", "--edit"]));
    assert_eq!(code, 0, "{err}");
    let text = repo.read("runbooks/db.md");
    assert!(text.starts_with("# db: runbook\n\nThe database."), "{text}");
    assert!(text.contains("pg_ctl restart"), "{text}");
    let log = repo.git(&["log", "-1", "--format=%s", "--name-only"]);
    assert_eq!(
        log.trim(),
        "runbook: start the db runbook\n\nrunbooks/db.md"
    );

    // A runbook for no service, by path.
    let (code, _, err) =
        run(repo
            .oncall()
            .env("EDITOR", &editor)
            .args(["runbook", "runbooks/kafka.md", "--edit"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        repo.git(&["log", "-1", "--format=%s"])
            .contains("start the kafka runbook")
    );
}

#[test]
fn no_commit_only_saves() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let before = head(&repo);
    let editor = script(&repo, "editor", "echo more >> \"$1\"");
    let (code, _, err) =
        run(repo
            .oncall()
            .env("EDITOR", &editor)
            .args(["runbook", "api", "--edit", "--no-commit"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("saved `runbooks/api.md` (not committed)"),
        "{err}"
    );
    assert_eq!(head(&repo), before);
    assert!(repo.read("runbooks/api.md").ends_with("more\n"));
}

#[test]
fn editor_problems_are_clear_errors() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let before = head(&repo);
    let (code, _, err) = run(repo.oncall().args(["runbook", "api", "--edit"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("neither `VISUAL` nor `EDITOR` is set"),
        "{err}"
    );
    assert!(err.contains("hint: set one"), "{err}");
    let (code, _, err) = run(repo
        .oncall()
        .env("EDITOR", "no-such-editor-anywhere")
        .args(["runbook", "api", "--edit"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("cannot start the editor `no-such-editor-anywhere`"),
        "{err}"
    );
    let (code, _, err) = run(repo
        .oncall()
        .env("EDITOR", "false")
        .args(["runbook", "api", "--edit"]));
    assert_eq!(code, 1);
    assert!(err.contains("failed"), "{err}");
    assert!(err.contains("nothing committed"), "{err}");
    assert_eq!(head(&repo), before);
    // A typo still gets a suggestion, not a new file.
    let (code, _, err) = run(repo
        .oncall()
        .env("EDITOR", "true")
        .args(["runbook", "apj", "--edit"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `api`?"), "{err}");
    assert!(!repo.file("runbooks/apj.md").exists());
}
