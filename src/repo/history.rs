//! Walking history for one file: the last commit that touched it (as `git log -1 -- FILE`
//! finds it) and the times it changed since an instant. Only the tree entries along the file's
//! path are compared, never whole trees.

use chrono::{DateTime, Utc};
use std::path::Path;

use git2::{ErrorCode, ObjectType, Oid};

use super::Git;
use crate::error::{Error, Result};

impl Git {
    /// The last commit reachable from HEAD that changed `file` (relative to the on-call folder),
    /// the commit `git log -1 -- FILE` shows; `None` when HEAD does not have the file.
    ///
    /// This follows git's default history simplification: from each commit, go on to a
    /// parent that has the same version of the file (a merge that took one side's version
    /// hides the other side); the first commit with no such parent changed the file. Only the
    /// tree entries along the file's path are compared, never whole trees, and a parent whose
    /// root tree (or any directory on the path) has the same id is settled without reading
    /// further, so a walk over thousands of unrelated commits reads one small tree per commit.
    pub fn last_change(&self, file: &str) -> Result<Option<Change>> {
        let rel = self.rel(file);
        let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
        let fail = |e: git2::Error| {
            Error::new(format!("cannot read the history of `{rel}`")).cause(e.message())
        };
        let mut commit = match self.repo.head() {
            Ok(h) => h.peel_to_commit().map_err(fail)?,
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(None);
            }
            Err(e) => return Err(fail(e)),
        };
        let mut path = self.path_ids(commit.tree_id(), &parts).map_err(fail)?;
        if path.len() != parts.len() + 1 {
            return Ok(None); // not in HEAD: never committed, or deleted
        }
        'walk: loop {
            for parent in commit.parents() {
                if parent.tree_id() == path[0] {
                    commit = parent;
                    continue 'walk;
                }
                if let Some(ids) = self.same_entry(parent.tree_id(), &parts, &path) {
                    let ids = ids.map_err(fail)?;
                    path = ids;
                    commit = parent;
                    continue 'walk;
                }
            }
            // No parent has this version of the file (or there is no parent, or a shallow
            // clone hides it): this commit made the change.
            return Ok(Some(Change::of(&commit)));
        }
    }

    /// The ids along `parts` from the tree `root`: the root tree, each folder, then the file;
    /// shorter when some part is missing.
    fn path_ids(&self, root: Oid, parts: &[&str]) -> std::result::Result<Vec<Oid>, git2::Error> {
        let mut ids = vec![root];
        let mut tree = self.repo.find_tree(root)?;
        for (i, part) in parts.iter().enumerate() {
            let Some((id, is_tree)) = tree
                .get_name(part)
                .map(|e| (e.id(), e.kind() == Some(ObjectType::Tree)))
            else {
                break;
            };
            ids.push(id);
            if i + 1 < parts.len() {
                if !is_tree {
                    break;
                }
                tree = self.repo.find_tree(id)?;
            }
        }
        Ok(ids)
    }

    /// When the tree `root` holds the same version of the file as `ours` (ids along the path),
    /// its ids along the path; `None` when it differs. Stops reading as soon as a folder on the
    /// path has the same id as ours (then everything under it is the same too).
    fn same_entry(
        &self,
        root: Oid,
        parts: &[&str],
        ours: &[Oid],
    ) -> Option<std::result::Result<Vec<Oid>, git2::Error>> {
        let mut ids = vec![root];
        let mut tree = match self.repo.find_tree(root) {
            Ok(t) => t,
            Err(e) => return Some(Err(e)),
        };
        for (i, part) in parts.iter().enumerate() {
            let id = tree.get_name(part)?.id();
            ids.push(id);
            if id == ours[i + 1] {
                ids.extend_from_slice(&ours[i + 2..]);
                return Some(Ok(ids));
            }
            if i + 1 == parts.len() {
                return None;
            }
            tree = match self.repo.find_tree(id) {
                Ok(t) => t,
                Err(_) => return None, // a file where ours has a folder: different
            };
        }
        None
    }

    /// When `file` (relative to the on-call folder) changed in the history of HEAD, newest
    /// commits first, down to `since`: the commit times of the commits whose tree entry for
    /// the file differs from their first parent's (and that still have the file). Walks in
    /// git's default newest-first order and stops at the first commit older than `since`, so
    /// the cost is the number of recent commits, not the size of the history. An empty or
    /// unborn repository has no changes.
    pub fn changes_since(
        &self,
        file: &str,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<chrono::DateTime<chrono::Utc>>> {
        let fail = |e: git2::Error| {
            Error::new(format!("cannot read the git history of `{file}`")).cause(e.message())
        };
        let rel = self.rel(file);
        let path = Path::new(&rel);
        let mut walk = self.repo.revwalk().map_err(fail)?;
        match walk.push_head() {
            Ok(()) => {}
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(Vec::new());
            }
            Err(e) => return Err(fail(e)),
        }
        let entry_id = |c: &git2::Commit<'_>| {
            c.tree()
                .ok()
                .and_then(|t| t.get_path(path).ok())
                .map(|e| e.id())
        };
        let mut out = Vec::new();
        for oid in walk {
            let commit = self.repo.find_commit(oid.map_err(fail)?).map_err(fail)?;
            let Some(when) = chrono::DateTime::from_timestamp(commit.time().seconds(), 0) else {
                continue;
            };
            if when < since {
                break;
            }
            let Some(id) = entry_id(&commit) else {
                continue;
            };
            let before = commit.parent(0).ok().and_then(|p| entry_id(&p));
            if before != Some(id) {
                out.push(when);
            }
        }
        Ok(out)
    }
}

/// A commit, as people want to see it next to a file: who, when, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The full commit id.
    pub id: String,
    /// When it was authored (what `git log` shows).
    pub time: DateTime<Utc>,
    pub author: String,
    pub email: String,
    /// The first line of the message.
    pub subject: String,
}

impl Change {
    fn of(c: &git2::Commit<'_>) -> Change {
        let author = c.author();
        let when = author.when();
        Change {
            id: c.id().to_string(),
            time: DateTime::from_timestamp(when.seconds(), 0).unwrap_or_default(),
            author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            subject: c
                .summary_bytes()
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_default(),
        }
    }

    /// The short id people type: 8 hex digits, as `commit_files` reports.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(8)]
    }
}
