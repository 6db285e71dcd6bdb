//! The system `git`, for what libgit2 (built without network support) cannot do: fetch, pull
//! and push with the user's own credentials, SSH agent and credential helpers.

use super::Git;
use crate::error::{Error, Result};

/// The system `git`, for network operations: users' own credentials, SSH agents and
/// credential helpers just work (as with jj). Never prompts: a missing credential fails.
impl Git {
    /// Runs `git ARGS` in the work tree; stdout on success, else an error with git's words.
    pub fn cli(&self, args: &[&str]) -> Result<String> {
        let mut cmd = std::process::Command::new("git");
        cmd.args(args)
            .current_dir(self.workdir())
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .stdin(std::process::Stdio::null());
        // Merge commits need a committer: use the identity `oncall` commits with.
        if std::env::var_os("GIT_COMMITTER_NAME").is_none()
            && let Some((name, email)) = self.identity()
        {
            cmd.env("GIT_COMMITTER_NAME", name)
                .env("GIT_COMMITTER_EMAIL", email);
        }
        let out = cmd.output().map_err(|e| {
            Error::new("cannot run `git`")
                .cause(e)
                .hint("install git; `oncall sync` uses it for pull and push")
        })?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let said: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(6)
            .collect();
        Err(Error::new(format!("`git {}` failed", args.join(" "))).cause(said.join(" / ")))
    }

    /// The current branch's name, if HEAD is on one.
    pub fn branch(&self) -> Option<String> {
        let head = self.repo.head().ok()?;
        head.shorthand().ok().map(str::to_string)
    }

    /// The remote to sync with: the branch's upstream remote, else `origin`, else the only one.
    pub fn remote(&self) -> Option<String> {
        let names = self.repo.remotes().ok()?;
        let names: Vec<String> = names
            .iter()
            .flatten()
            .flatten()
            .map(str::to_string)
            .collect();
        if let Some(b) = self.branch()
            && let Ok(buf) = self.repo.branch_upstream_remote(&format!("refs/heads/{b}"))
            && let Ok(r) = buf.as_str()
            && names.iter().any(|n| n == r)
        {
            return Some(r.to_string());
        }
        if names.iter().any(|n| n == "origin") {
            return Some("origin".into());
        }
        (names.len() == 1).then(|| names[0].clone())
    }

    /// Whether `refname` (e.g. `refs/remotes/origin/main`) exists.
    pub fn has_ref(&self, refname: &str) -> bool {
        self.repo.find_reference(refname).is_ok()
    }
}
