//! Every git2 call: finding the git repository around the on-call folder, reading files as of
//! a revision, telling whether a file has uncommitted edits, and committing chosen files with
//! the user's identity. History walks are in `history.rs`; network operations (fetch, pull,
//! push) go through the system `git`, in `cli.rs`.

mod cli;
mod history;

pub use history::Change;

use std::path::{Path, PathBuf};

use git2::{ErrorCode, Repository, Status};

use crate::error::{Context, Error, Result};

/// The git repository holding the on-call folder (which may be a subfolder of it).
pub struct Git {
    repo: Repository,
    /// The on-call folder relative to the work tree, with `/` separators ("" at the top).
    prefix: String,
}

impl Git {
    /// The repository containing `root`, or `None` when `root` is not under git.
    pub fn discover(root: &Path) -> Result<Option<Git>> {
        // libgit2 re-hashes every object it reads (with collision-detecting SHA-1); git does not,
        // and for a history walk over thousands of commits it halves the time.
        git2::opts::strict_hash_verification(false);
        let repo = match Repository::discover(root) {
            Ok(r) => r,
            Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(Error::new("cannot open the git repository").cause(e.message())),
        };
        let Some(workdir) = repo.workdir() else {
            return Ok(None); // a bare repository has no working copy to read
        };
        let workdir = canonical(workdir);
        let root = canonical(root);
        let prefix = root
            .strip_prefix(&workdir)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        Ok(Some(Git { repo, prefix }))
    }

    /// Creates a new repository in `dir`.
    pub fn init(dir: &Path) -> Result<Git> {
        let repo = Repository::init(dir).map_err(|e| {
            Error::new(format!(
                "cannot create a git repository in `{}`",
                dir.display()
            ))
            .cause(e.message())
        })?;
        Ok(Git {
            repo,
            prefix: String::new(),
        })
    }

    /// The path of `file` (relative to the on-call folder) inside the repository.
    fn rel(&self, file: &str) -> String {
        if self.prefix.is_empty() {
            file.to_string()
        } else {
            format!("{}/{file}", self.prefix)
        }
    }

    /// The contents of `file` as of `rev` (any revision git understands: `HEAD`, `origin/main`).
    pub fn read_at(&self, rev: &str, file: &str) -> Result<String> {
        let commit = self
            .repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| {
                Error::new(format!("unknown revision `{rev}`"))
                    .cause(e.message())
                    .hint("`git log --oneline` and `git branch -a` list what exists; fetch first for `origin/...`")
            })?;
        let rel = self.rel(file);
        let entry = commit
            .tree()
            .and_then(|t| t.get_path(Path::new(&rel)))
            .map_err(|_| Error::new(format!("`{rel}` does not exist at revision `{rev}`")))?;
        let blob = entry
            .to_object(&self.repo)
            .and_then(|o| o.peel_to_blob())
            .map_err(|e| {
                Error::new(format!("cannot read `{rel}` at `{rev}`")).cause(e.message())
            })?;
        String::from_utf8(blob.content().to_vec())
            .context(format!("`{rel}` at `{rev}` is not UTF-8"))
    }

    /// Whether `file` differs from what is committed at HEAD (edited, staged or untracked).
    pub fn is_dirty(&self, file: &str) -> bool {
        self.file_state(file) != FileState::Clean
    }

    /// The id of `file`'s blob in HEAD's tree, if HEAD has it: a few object reads, where a
    /// status check reads and verifies the whole index.
    pub fn head_blob_id(&self, file: &str) -> Option<[u8; 20]> {
        let tree = self.repo.head().and_then(|h| h.peel_to_tree()).ok()?;
        let entry = tree.get_path(Path::new(&self.rel(file))).ok()?;
        entry.id().as_bytes().try_into().ok()
    }

    /// How the working copy of `file` compares with HEAD.
    pub fn file_state(&self, file: &str) -> FileState {
        match self.repo.status_file(Path::new(&self.rel(file))) {
            Ok(s) if s.is_empty() || s.contains(Status::IGNORED) => FileState::Clean,
            Ok(s) if s.contains(Status::WT_NEW) => FileState::Untracked,
            Ok(_) => FileState::Modified,
            Err(_) => FileState::Clean,
        }
    }

    /// The identity commits are made with: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` when set (as
    /// git does), else `user.name`/`user.email` from git config.
    pub fn signature(&self) -> Result<git2::Signature<'static>> {
        let env = |k| {
            std::env::var(k)
                .ok()
                .filter(|v: &String| !v.trim().is_empty())
        };
        let sig = match (env("GIT_AUTHOR_NAME"), env("GIT_AUTHOR_EMAIL")) {
            (Some(n), Some(e)) => git2::Signature::now(&n, &e),
            _ => self.repo.signature(),
        };
        sig.map_err(|e| {
            Error::new("no git identity to commit with")
                .cause(e.message())
                .hint("set one: git config --global user.name \"Your Name\" && git config --global user.email you@example.com")
        })
    }

    /// The user's git identity (name, email), as commits would be made with it.
    pub fn identity(&self) -> Option<(String, String)> {
        let sig = self.signature().ok()?;
        Some((sig.name().ok()?.to_string(), sig.email().ok()?.to_string()))
    }

    /// Commits the working-copy contents of `files` (relative to the on-call folder) on top of
    /// HEAD, leaving anything else that is staged or edited alone. Returns the short commit id.
    pub fn commit_files(&self, files: &[&str], message: &str) -> Result<String> {
        let sig = self.signature()?;
        let fail = |e: git2::Error| Error::new("cannot commit").cause(e.message());
        let head = match self.repo.head() {
            Ok(h) => Some(h.peel_to_commit().map_err(fail)?),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => None,
            Err(e) => return Err(fail(e)),
        };
        let base = match &head {
            Some(c) => c.tree().map_err(fail)?,
            None => {
                let empty = self
                    .repo
                    .treebuilder(None)
                    .and_then(|b| b.write())
                    .map_err(fail)?;
                self.repo.find_tree(empty).map_err(fail)?
            }
        };
        let workdir = self.workdir();
        let mut update = git2::build::TreeUpdateBuilder::new();
        for file in files {
            let rel = self.rel(file);
            let path = workdir.join(&rel);
            let oid = self.repo.blob_path(&path).map_err(|e| {
                Error::new(format!("cannot read `{}`", path.display())).cause(e.message())
            })?;
            update.upsert(rel.as_str(), oid, git2::FileMode::Blob);
        }
        let tree_id = update.create_updated(&self.repo, &base).map_err(fail)?;
        let tree = self.repo.find_tree(tree_id).map_err(fail)?;
        let parents: Vec<&git2::Commit<'_>> = head.iter().collect();
        let id = self
            .repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .map_err(fail)?;
        // Stage the same contents so `git status` shows these files as clean.
        let mut index = self.repo.index().map_err(fail)?;
        for file in files {
            index.add_path(Path::new(&self.rel(file))).map_err(fail)?;
        }
        index.write().map_err(fail)?;
        Ok(id.to_string()[..8].to_string())
    }

    /// The top of the working tree.
    pub fn workdir(&self) -> PathBuf {
        self.repo
            .workdir()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }
}

/// How a file in the working copy compares with HEAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// Same as committed (or ignored, or absent on both sides).
    Clean,
    /// Edited, staged or deleted since HEAD.
    Modified,
    /// Not in git at all yet.
    Untracked,
}

/// The id git gives a file with this content (its blob id).
pub fn blob_id(content: &[u8]) -> Option<[u8; 20]> {
    let id = git2::Oid::hash_object(git2::ObjectType::Blob, content).ok()?;
    id.as_bytes().try_into().ok()
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}
