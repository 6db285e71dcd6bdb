//! Test environment: a temporary on-call repository under git, and the `oncall` binary run
//! against it with a pinned clock, a throwaway HOME and git identity, and no colour.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use tempfile::TempDir;

/// The clock every test runs at unless it says otherwise: Tue 2026-11-24 10:15 New York.
pub const NOW: &str = "2026-11-24T15:15:00Z";

/// A small schedule: New York team, weekly Monday 10:00 handoffs, two pairs, escalation.
pub const BASIC: &str = r#"
[team]
name = "Test Team"
timezone = "America/New_York"

[people.alice]
name = "Alice"
email = "alice@example.com"
phone = "+1-555-0100"
chat = "@alice"
timezone = "America/Los_Angeles"

[people.bob]
name = "Bob"
email = "bob@example.com"
phone = "+1-555-0101"

[people.carol]
name = "Carol"
email = "carol@example.com"
phone = "+49-555-0102"
timezone = "Europe/Berlin"

[people.dave]
name = "Dave"
email = "dave@example.com"
phone = "+1-555-0103"

[people.lead]
name = "Lead"
email = "lead@example.com"
phone = "+1-555-0200"

[people.vp]
name = "VP"
email = "vp@example.com"
phone = "+1-555-0300"

[[rotation]]
start = 2026-01-05T10:00:00
every = "1w"
pairs = [
  { manager = "alice", engineer = "bob" },
  { manager = "carol", engineer = "dave" },
]

[escalation]
level2 = { name = "Leads", after = "30m", people = ["lead"] }
level3 = { name = "Execs", after = "1h", people = ["vp"] }

[services.api]
description = "The API"
urgency = "high"
"#;

/// A temporary on-call repository.
pub struct TestRepo {
    dir: TempDir,
    home: TempDir,
}

impl TestRepo {
    /// A git repository with `schedule` committed as `schedule.toml`.
    pub fn new(schedule: &str) -> TestRepo {
        let repo = TestRepo::empty();
        repo.git(&["init", "-q", "-b", "main"]);
        repo.write("schedule.toml", schedule);
        repo.commit_all("initial schedule");
        repo
    }

    /// An empty folder (not under git) with its own HOME.
    pub fn empty() -> TestRepo {
        TestRepo {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: &str) {
        let p = self.file(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap()
    }

    /// Runs the system `git` in the repository with a fixed identity; returns stdout.
    pub fn git(&self, args: &[&str]) -> String {
        let out = StdCommand::new("git")
            .args(args)
            .current_dir(self.path())
            .env("HOME", self.home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Test Author")
            .env("GIT_AUTHOR_EMAIL", "author@example.com")
            .env("GIT_COMMITTER_NAME", "Test Author")
            .env("GIT_COMMITTER_EMAIL", "author@example.com")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Commits everything, optionally at a given date (RFC 2822 or ISO 8601).
    pub fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    pub fn commit_all_at(&self, message: &str, date: &str) {
        self.git(&["add", "-A"]);
        let out = StdCommand::new("git")
            .args(["commit", "-q", "-m", message])
            .current_dir(self.path())
            .env("HOME", self.home())
            .env("GIT_AUTHOR_NAME", "Test Author")
            .env("GIT_AUTHOR_EMAIL", "author@example.com")
            .env("GIT_COMMITTER_NAME", "Test Author")
            .env("GIT_COMMITTER_EMAIL", "author@example.com")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `oncall` pointed at this repository, at [`NOW`], with a clean environment.
    pub fn oncall(&self) -> Command {
        Command::from_std(self.oncall_std())
    }

    /// The same as [`TestRepo::oncall`], as a plain `std::process::Command` (for servers and
    /// processes a test spawns and kills).
    pub fn oncall_std(&self) -> StdCommand {
        self.with_env(assert_cmd::cargo::cargo_bin!("oncall").as_os_str())
    }

    /// `program` with the environment `oncall` runs with in these tests.
    pub fn with_env(&self, program: &std::ffi::OsStr) -> StdCommand {
        let mut cmd = StdCommand::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("ONCALL_REPO", self.path())
            .env("ONCALL_NOW", NOW)
            .env("RUST_BACKTRACE", "0")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Test Runner")
            .env("GIT_AUTHOR_EMAIL", "runner@example.com")
            .current_dir(self.path());
        cmd
    }
}

/// Runs `cmd` and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Parses stdout as JSON, failing the test with the output when it is not.
pub fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// `BASIC` with a `[jira]` table (the URL comes from `ONCALL_JIRA_URL`) and Jira account ids.
pub fn with_jira(flavor: &str) -> String {
    let s = BASIC.replace("[people.bob]\n", "jira = \"acc-alice\"\n\n[people.bob]\n");
    format!(
        "{s}\n[jira]\nflavor = \"{flavor}\"\nproject = \"OPS\"\nissue_type = \"Incident\"\nlabels = [\"oncall\"]\nresolve_transition = \"Done\"\n"
    )
}

/// Jira credentials and fast HTTP timings for `cmd`.
pub fn jira_env<'c>(cmd: &'c mut Command, url: &str) -> &'c mut Command {
    cmd.env("ONCALL_JIRA_URL", url)
        .env("ONCALL_JIRA_EMAIL", "bot@example.com")
        .env("ONCALL_JIRA_TOKEN", JIRA_TOKEN)
        .env("ONCALL_JIRA_PAT", JIRA_TOKEN)
        .env("ONCALL_HTTP_TIMEOUT_MS", "500")
        .env("ONCALL_HTTP_BACKOFF_MS", "20")
        .env("ONCALL_HTTP_RETRIES", "2")
}

/// The Jira secret used in tests; it must never show up in any output.
pub const JIRA_TOKEN: &str = "s3cr3t-jira-token-value";

/// The log's data rows (without the header).
pub fn log_rows(repo: &TestRepo) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo.file("pages.csv")).unwrap_or_default();
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}
