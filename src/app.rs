//! The context every command runs in: the terminal, "now", the on-call folder, its git
//! repository and its schedule, each found or loaded once and only when a command needs it.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::cache;
use crate::error::{Error, Result};
use crate::output::{ColorChoice, Ui};
use crate::repo::{self, Git};
use crate::schedule::{self, Loaded, Problem, Schedule};

/// The file that marks an on-call folder.
pub const SCHEDULE_FILE: &str = "schedule.toml";

/// Shared state for one run of the binary.
pub struct Ctx {
    pub ui: Ui,
    pub now: DateTime<Utc>,
    repo_flag: Option<PathBuf>,
    root: OnceCell<PathBuf>,
    git: OnceCell<Option<Git>>,
}

/// Where a schedule's text came from, for messages.
pub struct Source {
    /// `schedule.toml`, or `schedule.toml@origin/main`.
    pub label: String,
    pub text: String,
}

impl Ctx {
    pub fn new(repo: Option<PathBuf>, color: ColorChoice, json: bool, quiet: bool) -> Result<Ctx> {
        Ok(Ctx {
            ui: Ui::new(color, json, quiet),
            now: crate::clock::now()?,
            repo_flag: repo,
            root: OnceCell::new(),
            git: OnceCell::new(),
        })
    }

    /// The on-call folder: `--repo`, else `$ONCALL_REPO` (clap folds both into the flag), else
    /// the nearest folder from the current directory upwards that holds `schedule.toml`.
    pub fn root(&self) -> Result<&Path> {
        if let Some(root) = self.root.get() {
            return Ok(root);
        }
        let root = find_root(self.repo_flag.as_deref())?;
        Ok(self.root.get_or_init(|| root))
    }

    /// The git repository around the on-call folder, if it is under git.
    pub fn git(&self) -> Result<Option<&Git>> {
        if let Some(g) = self.git.get() {
            return Ok(g.as_ref());
        }
        let g = Git::discover(self.root()?)?;
        Ok(self.git.get_or_init(|| g).as_ref())
    }

    /// The git repository, or an error saying why this command needs one.
    pub fn require_git(&self, why: &str) -> Result<&Git> {
        self.git()?.ok_or_else(|| {
            Error::new(format!(
                "`{}` is not in a git repository",
                self.root()
                    .map_or_else(|_| ".".into(), |r| r.display().to_string())
            ))
            .cause(format!("{why} needs git"))
            .hint("run `git init` there, or `oncall init DIR` for a new on-call repository")
        })
    }

    /// The text of `schedule.toml`: the working copy, or as of `rev`. Warns when the working
    /// copy has edits that are not committed, since teammates will not see them.
    pub fn schedule_source(&self, rev: Option<&str>) -> Result<Source> {
        let src = self.read_source(rev)?;
        if rev.is_none() {
            self.warn_if_dirty(&src.text, None)?;
        }
        Ok(src)
    }

    fn read_source(&self, rev: Option<&str>) -> Result<Source> {
        if let Some(rev) = rev {
            let git = self.require_git("`--rev`")?;
            let text = git.read_at(rev, SCHEDULE_FILE)?;
            return Ok(Source {
                label: format!("{SCHEDULE_FILE}@{rev}"),
                text,
            });
        }
        let path = self.root()?.join(SCHEDULE_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::new(format!("cannot read `{}`", path.display())).cause(e))?;
        Ok(Source {
            label: SCHEDULE_FILE.to_string(),
            text,
        })
    }

    /// Parses a schedule, keeping its problems (for `check`). A schedule seen before without
    /// problems comes from the cache.
    pub fn load(&self, rev: Option<&str>) -> Result<(Source, Loaded)> {
        let src = self.read_source(rev)?;
        let key = cache::Key::of(&src.text);
        let (loaded, blob) = match key.and_then(cache::load) {
            Some(entry) => {
                let problems = Vec::new();
                let loaded = Loaded {
                    schedule: entry.schedule,
                    problems,
                };
                (loaded, Some(entry.blob))
            }
            None => {
                let loaded = schedule::parse(&src.text).map_err(|p| problem_error(&src, &p, 0))?;
                let blob = repo::blob_id(src.text.as_bytes());
                if let (Some(key), Some(blob), true) = (key, blob, loaded.problems.is_empty()) {
                    cache::store(key, &loaded.schedule, blob);
                }
                (loaded, blob)
            }
        };
        if rev.is_none() {
            self.warn_if_dirty(&src.text, blob)?;
        }
        Ok((src, loaded))
    }

    /// Warns when the working copy of `schedule.toml` differs from what is committed. `blob` is
    /// the text's git blob id when known (from the cache): if HEAD has the same one the file is
    /// clean without reading the index; otherwise git's own status decides (it applies
    /// line-ending filters, so a checkout with `autocrlf` is not mistaken for an edit).
    fn warn_if_dirty(&self, text: &str, blob: Option<[u8; 20]>) -> Result<()> {
        let Some(git) = self.git()? else {
            return Ok(());
        };
        let same = match (
            git.head_blob_id(SCHEDULE_FILE),
            blob.or_else(|| repo::blob_id(text.as_bytes())),
        ) {
            (Some(head), Some(ours)) => head == ours,
            _ => false,
        };
        if !same && git.is_dirty(SCHEDULE_FILE) {
            self.ui.warn(&format!(
                "`{SCHEDULE_FILE}` has uncommitted changes; using the working copy (teammates do not see them yet; `--rev HEAD` reads the committed one)"
            ));
        }
        Ok(())
    }

    /// The schedule, or an error pointing at the first problem in it.
    pub fn schedule(&self, rev: Option<&str>) -> Result<Schedule> {
        let (src, loaded) = self.load(rev)?;
        match loaded.problems.first() {
            None => Ok(loaded.schedule),
            Some(p) => Err(problem_error(&src, p, loaded.problems.len() - 1)),
        }
    }
}

impl Ctx {
    /// Who is running this command, for the log's `actor` column: `$ONCALL_ACTOR` when set;
    /// else the person in `[people]` whose email is the git identity's; else the git user
    /// name; else `$USER`.
    pub fn actor(&self, s: &Schedule) -> String {
        if let Some(a) = env_nonempty("ONCALL_ACTOR") {
            return a;
        }
        let identity = self.git().ok().flatten().and_then(Git::identity);
        if let Some((name, email)) = identity {
            let by_email = s.people.values().find(|p| {
                p.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            });
            return by_email.map_or(name, |p| p.id.clone());
        }
        env_nonempty("USER").unwrap_or_else(|| "unknown".into())
    }
}

fn env_nonempty(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.trim().is_empty())
}

/// Parses a schedule and refuses it if it has any problem, pointing at the first one.
pub fn parse_strict(src: &Source) -> Result<Schedule> {
    let loaded = schedule::parse(&src.text).map_err(|p| problem_error(src, &p, 0))?;
    match loaded.problems.first() {
        None => Ok(loaded.schedule),
        Some(p) => Err(problem_error(src, p, loaded.problems.len() - 1)),
    }
}

fn find_root(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        if dir.join(SCHEDULE_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        return Err(
            Error::new(format!("no `{SCHEDULE_FILE}` in `{}`", dir.display())).hint(format!(
                "`oncall init {}` creates an on-call repository there",
                dir.display()
            )),
        );
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Error::new("cannot read the current directory").cause(e))?;
    cwd.ancestors()
        .find(|d| d.join(SCHEDULE_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Error::new(format!("no `{SCHEDULE_FILE}` here or in any folder above"))
                .hint("run inside your on-call repository, or pass `--repo DIR` (or set `ONCALL_REPO`)")
                .hint("`oncall init DIR` creates a new one")
        })
}

/// An error for a problem in a schedule: `file:line:col: message`, the line, a caret, a hint.
pub fn problem_error(src: &Source, p: &Problem, more: usize) -> Error {
    let mut e = Error::new(format!("invalid `{}`", src.label));
    let (loc, excerpt) = crate::output::diag::locate(&src.label, &src.text, p);
    e = e.detail(format!("  --> {loc}: {}\n{excerpt}", p.message));
    if let Some(h) = &p.hint {
        e = e.hint(h.clone());
    }
    if more > 0 {
        e = e.hint(format!(
            "{more} more problem(s) in the file: `oncall check` lists them all"
        ));
    }
    e
}
