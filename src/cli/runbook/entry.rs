//! Finding runbooks for the `runbook` subcommands: which file a name or path on the command
//! line means, where it really is (never outside the on-call folder), and how fresh git says
//! it is.

use std::path::{Path, PathBuf};

use chrono::Duration;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::files::{self, Escape, Inside};
use crate::output::fmt;
use crate::repo::{Change, FileState};
use crate::runbook::{self, Freshness, Status, Target};
use crate::schedule::Schedule;
use crate::schedule::model::Service;

/// A runbook: a service's, or a file in `runbooks/` that no service names.
pub struct Entry<'s> {
    /// The service name, or the file's stem for a runbook with no service.
    pub name: String,
    pub service: Option<&'s Service>,
    /// As configured: relative to the on-call folder.
    pub path: String,
}

/// Where an entry's file is, and what git knows about it.
pub struct Found {
    /// The real file (symlinks followed), inside the on-call folder.
    pub file: PathBuf,
    pub change: Option<Change>,
    pub freshness: Freshness,
    /// Whether the folder is under git at all.
    pub git: bool,
}

/// The schedule as far as it can be read: a runbook is wanted at 4am even when an unrelated
/// part of `schedule.toml` has a problem, so problems are a warning here, not an error.
pub fn schedule(ctx: &Ctx) -> Result<Schedule> {
    let (src, loaded) = ctx.load(None)?;
    if !loaded.problems.is_empty() {
        ctx.ui.warn(&format!(
            "`{}` has {} problem(s) (`oncall check` lists them); using what could be read",
            src.label,
            loaded.problems.len()
        ));
    }
    Ok(loaded.schedule)
}

/// Every service's runbook, then the files in `runbooks/` that no service names.
pub fn all<'s>(ctx: &Ctx, s: &'s Schedule) -> Result<Vec<Entry<'s>>> {
    let mut out: Vec<Entry<'s>> = s
        .services
        .values()
        .map(|svc| Entry {
            name: svc.name.clone(),
            service: Some(svc),
            path: svc.runbook.clone(),
        })
        .collect();
    let named: Vec<String> = s
        .services
        .values()
        .filter_map(|svc| runbook::relative_path(&svc.runbook).ok())
        .collect();
    for stem in orphans(ctx.root()?) {
        let path = format!("{}/{stem}.md", runbook::DIR);
        if !named.contains(&path) {
            out.push(Entry {
                name: stem,
                service: None,
                path,
            });
        }
    }
    Ok(out)
}

/// The stems of the `*.md` files directly in `runbooks/`, sorted.
fn orphans(root: &Path) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(root.join(runbook::DIR)) else {
        return Vec::new();
    };
    let mut stems: Vec<String> = dir
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".md")?.to_string();
            runbook::is_plain_name(&stem).then_some(stem)
        })
        .collect();
    stems.sort();
    stems
}

/// The runbook a command-line argument means: a service, a runbook with no service, or a
/// path inside the on-call folder.
pub fn find<'s>(ctx: &Ctx, s: &'s Schedule, arg: &str) -> Result<Entry<'s>> {
    let mut entries = all(ctx, s)?;
    match runbook::target(arg) {
        Target::Name(name) => {
            if let Some(i) = entries.iter().position(|e| e.name == name) {
                return Ok(entries.swap_remove(i));
            }
            let near =
                crate::schedule::load::nearest(name, entries.iter().map(|e| e.name.as_str()));
            let err = Error::usage(format!("unknown service `{name}`"));
            Err(match near {
                Some(n) => err.hint(format!("did you mean `{n}`?")),
                None => err.hint("`oncall runbook --list` shows every service and runbook"),
            })
        }
        Target::Path(p) => {
            let rel = runbook::relative_path(p).map_err(|bad| {
                Error::usage(format!(
                    "refusing to read `{p}`: {}, which would leave the on-call repository",
                    bad.reason()
                ))
                .hint("runbooks are read only from inside the repository: name a service, or a path such as `runbooks/ingest.md`")
            })?;
            let same = |e: &Entry<'_>| runbook::relative_path(&e.path).ok().as_ref() == Some(&rel);
            if let Some(i) = entries.iter().position(same) {
                return Ok(entries.swap_remove(i));
            }
            let name = Path::new(&rel)
                .file_stem()
                .map_or_else(|| rel.clone(), |n| n.to_string_lossy().into_owned());
            Ok(Entry {
                name,
                service: None,
                path: rel,
            })
        }
    }
}

impl Entry<'_> {
    /// Where the file really is: refused when the configured path or a symlink on the way
    /// leads outside the on-call folder.
    pub fn locate(&self, ctx: &Ctx) -> Result<Inside> {
        let rel = runbook::relative_path(&self.path).map_err(|bad| {
            let mut e = Error::new(format!(
                "refusing to read the runbook of `{}`: `{}` {}, which would leave the on-call repository",
                self.name, self.path, bad.reason()
            ));
            if let Some(svc) = self.service {
                e = e.hint(format!(
                    "set `runbook` under [services.{}] in schedule.toml to a path inside the repository, such as `runbooks/{}.md`",
                    svc.name, svc.name
                ));
            }
            e
        })?;
        files::resolve_inside(ctx.root()?, &rel).map_err(|escape| match escape {
            Escape::Outside(to) => Error::new(format!(
                "refusing to read `{rel}`: it leads outside the on-call repository, to `{}`",
                to.display()
            ))
            .hint("runbooks are read only from inside the repository: put the file itself there, not a symlink"),
            Escape::Dangling(to) => Error::new(format!(
                "`{rel}` is a symlink to `{}`, which does not exist",
                to.display()
            ))
            .hint("replace the symlink with the runbook itself"),
        })
    }

    /// `file` (a real path from [`Entry::locate`]) relative to the on-call folder, for git.
    pub fn real_path(&self, ctx: &Ctx, file: &Path) -> Result<String> {
        let root = ctx.root()?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        Ok(file.strip_prefix(&root).map_or_else(
            |_| self.path.clone(),
            |p| p.to_string_lossy().replace('\\', "/"),
        ))
    }

    /// The file and its freshness; `None` when there is no file.
    pub fn found(&self, ctx: &Ctx, stale_after: Duration) -> Result<Option<Found>> {
        let Inside::Exists(file) = self.locate(ctx)? else {
            return Ok(None);
        };
        // Ask git about the real file: a symlink inside the repo has its own, useless history.
        let rel = self.real_path(ctx, &file)?;
        let (change, state, git) = match ctx.git()? {
            Some(g) => (g.last_change(&rel)?, g.file_state(&rel), true),
            None => (None, FileState::Clean, false),
        };
        let freshness = Freshness::judge(
            change.as_ref().map(|c| c.time),
            state == FileState::Modified,
            git && (state == FileState::Untracked || change.is_none()),
            stale_after,
            ctx.now,
        );
        Ok(Some(Found {
            file,
            change,
            freshness,
            git,
        }))
    }
}

/// How old a runbook may be: `--stale-after`, else `[runbooks] stale_after`, else 180 days.
pub fn stale_after(s: &Schedule, flag: Option<&str>) -> Result<Duration> {
    match flag {
        None => Ok(s.runbooks.stale_after),
        Some(v) => crate::schedule::time::parse_duration(v, "hdw")
            .map_err(|m| Error::usage(format!("bad `--stale-after`: {m}"))),
    }
}

/// A commit in `--json` output.
#[derive(Serialize)]
pub struct ChangeView {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub email: String,
    pub subject: String,
}

impl From<&Change> for ChangeView {
    fn from(c: &Change) -> ChangeView {
        ChangeView {
            commit: c.id.clone(),
            date: fmt::rfc3339(c.time),
            author: c.author.clone(),
            email: c.email.clone(),
            subject: c.subject.clone(),
        }
    }
}

/// The status of an entry whose file could not be found or was refused.
pub fn status_of(found: &Result<Option<Found>>) -> Status {
    match found {
        Err(_) => Status::Unsafe,
        Ok(None) => Status::Missing,
        Ok(Some(f)) => f.freshness.status(),
    }
}
