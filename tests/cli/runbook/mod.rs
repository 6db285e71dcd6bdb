//! `oncall runbook`: rendering (snapshots at a fixed width), freshness from commits at chosen
//! dates, staleness, suggestions, list, search, path escapes, and `--edit` with a scripted
//! editor.

mod edit;
mod list;
mod safety;
mod search;
mod show;

use crate::common::{BASIC, TestRepo};

/// The test schedule, with a level-2 lead for `api`, a second service without a runbook,
/// and any `extra` tables.
pub fn schedule(extra: &str) -> String {
    format!(
        "{BASIC}lead = \"lead\"\n\n[services.db]\ndescription = \"The database\"\nurgency = \"low\"\n\n{extra}"
    )
}

/// The API runbook used for rendering.
pub const API_MD: &str = include_str!("../../fixtures/runbook-api.md");

/// A repository whose every commit has a fixed date, so commit ids (shown in headers) are the
/// same on every run: the schedule and `runbooks/api.md` committed on `date`.
pub fn repo_at(date: &str, extra: &str) -> TestRepo {
    let repo = TestRepo::empty();
    repo.git(&["init", "-q", "-b", "main"]);
    repo.write("schedule.toml", &schedule(extra));
    repo.write("runbooks/api.md", API_MD);
    repo.commit_all_at("Write the API runbook", date);
    repo
}

/// Writes an executable shell script (an editor or pager for the test) and returns its path.
pub fn script(repo: &TestRepo, name: &str, body: &str) -> String {
    let path = repo.home().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path.display().to_string()
}
