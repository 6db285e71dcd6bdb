//! `oncall init [DIR]`: scaffold a new on-call repository: git init, a commented schedule,
//! an example runbook, `.gitattributes` for the page log, and a first commit.

use std::fs;
use std::path::{Path, PathBuf};

use crate::incident::log::ensure_gitattributes;

use clap::Args;
use serde::Serialize;

use crate::app::{Ctx, SCHEDULE_FILE};
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::repo::Git;
use crate::schedule::template;
use crate::schedule::time::to_local;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create it in (default: the current one)
    dir: Option<PathBuf>,
    /// The team's name
    #[arg(long, value_name = "NAME", default_value = "My Team")]
    team: String,
    /// The team's IANA time zone, e.g. `Europe/Berlin`
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    timezone: String,
}

#[derive(Serialize)]
struct InitView {
    dir: String,
    files: Vec<String>,
    git_init: bool,
    commit: Option<String>,
}

pub fn run(ctx: &Ctx, args: &InitArgs) -> Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let tz: chrono_tz::Tz = args.timezone.parse().map_err(|_| {
        let hint = crate::schedule::load::nearest(
            &args.timezone,
            chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()),
        )
        .map_or(
            "use an IANA zone name such as `Europe/Berlin`".to_string(),
            |n| format!("did you mean `{n}`?"),
        );
        Error::usage(format!("unknown time zone `{}`", args.timezone)).hint(hint)
    })?;
    if dir.join(SCHEDULE_FILE).exists() {
        return Err(
            Error::new(format!("`{}` already has a {SCHEDULE_FILE}", dir.display()))
                .hint("edit it, or pick another folder: `oncall init DIR`"),
        );
    }
    fs::create_dir_all(dir.join("runbooks"))
        .map_err(|e| Error::new(format!("cannot create `{}`", dir.display())).cause(e))?;

    let today = to_local(tz, ctx.now).date();
    let mut files = vec![SCHEDULE_FILE.to_string(), "runbooks/example.md".to_string()];
    write_atomic(
        &dir.join(SCHEDULE_FILE),
        template::schedule(&args.team, tz.name(), today).as_bytes(),
    )?;
    let example = crate::runbook::template(
        "example",
        Some("An example service: rename it and write its runbook"),
    );
    write_new(&dir.join("runbooks/example.md"), &example)?;
    if ensure_gitattributes(&dir)? {
        files.push(".gitattributes".into());
    }

    let (git, git_init) = match Git::discover(&dir)? {
        Some(g) => (g, false),
        None => (Git::init(&dir)?, true),
    };
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let commit = match git.signature() {
        Ok(_) => Some(git.commit_files(
            &refs,
            "Start the on-call repository\n\nScaffolded by `oncall init`.",
        )?),
        Err(e) => {
            ctx.ui.warn(&format!("not committed: {}", e.message));
            for h in &e.hints {
                ctx.ui.hint(h);
            }
            None
        }
    };
    if ctx.ui.json {
        return ctx.ui.json(&InitView {
            dir: dir.display().to_string(),
            files,
            git_init,
            commit,
        });
    }
    ctx.ui.status(&format!(
        "created an on-call repository in `{}`{}{}",
        dir.display(),
        if git_init {
            " (new git repository)"
        } else {
            ""
        },
        commit.map_or_else(String::new, |c| format!(", committed {c}"))
    ));
    ctx.ui.status("next: edit schedule.toml (people, rotation, services), then `oncall check` and `oncall who`");
    Ok(())
}

/// Writes a file only if it does not exist yet (never clobber someone's runbook).
fn write_new(path: &Path, contents: &str) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    write_atomic(path, contents.as_bytes())
}
