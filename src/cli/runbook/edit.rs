//! `oncall runbook SERVICE --edit`: the Incident Manager's "update the runbooks" duty in one
//! command. Opens the runbook in `$VISUAL` or `$EDITOR` (a missing one starts from a
//! template) and, when the file changed, commits just that file with a message naming the
//! service.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde::Serialize;

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::files::{Inside, write_atomic};
use crate::runbook;
use crate::schedule::Schedule;

use super::entry;

#[derive(Serialize)]
struct EditView<'a> {
    service: Option<&'a str>,
    path: &'a str,
    created: bool,
    changed: bool,
    commit: Option<String>,
}

pub fn run(ctx: &Ctx, s: &Schedule, name: &str, no_commit: bool) -> Result<()> {
    let e = entry::find(ctx, s, name).map_err(|err| {
        err.hint(format!(
            "to start a runbook that belongs to no service, give its path: `oncall runbook {}/{name}.md --edit`",
            runbook::DIR
        ))
    })?;
    let inside = e.locate(ctx)?;
    let editor = editor()?;
    let git = if no_commit { None } else { ctx.git()? };
    match git {
        // Fail before anyone spends ten minutes editing.
        Some(g) => drop(g.signature()?),
        None if !no_commit => ctx
            .ui
            .warn("not a git repository: the runbook will be saved but not committed"),
        None => {}
    }
    let path = inside.path().to_path_buf();
    let created = matches!(inside, Inside::Absent(_));
    let before = if created {
        let text = runbook::template(&e.name, e.service.and_then(|s| s.description.as_deref()));
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|err| {
                Error::new(format!("cannot create `{}`", dir.display())).cause(err)
            })?;
        }
        write_atomic(&path, text.as_bytes())?;
        text.into_bytes()
    } else {
        fs::read(&path).map_err(|err| Error::new(format!("cannot read `{}`", e.path)).cause(err))?
    };
    let rel = e.real_path(ctx, &path)?;
    let was_dirty = !created && git.is_some_and(|g| g.is_dirty(&rel));

    if let Err(err) = launch(&editor, &path) {
        if created && fs::read(&path).ok().as_deref() == Some(&before[..]) {
            let _ = fs::remove_file(&path);
        }
        return Err(err);
    }
    let after = fs::read(&path).map_err(|err| {
        Error::new(format!(
            "`{}` is gone after editing; nothing committed",
            e.path
        ))
        .cause(err)
    })?;
    let changed = after != before;
    let service = e.service.map(|svc| svc.name.as_str());
    if !changed {
        if created {
            // An untouched template is not a runbook: leave no file behind.
            let _ = fs::remove_file(&path);
        }
        if ctx.ui.json {
            return ctx.ui.json(&EditView {
                service,
                path: &e.path,
                created: false,
                changed: false,
                commit: None,
            });
        }
        ctx.ui.status(&if created {
            format!("no changes: `{}` was not created", e.path)
        } else if was_dirty {
            format!(
                "no changes in the editor; `{}` still has uncommitted edits from before",
                e.path
            )
        } else {
            format!("no changes to `{}`; nothing to commit", e.path)
        });
        return Ok(());
    }
    if was_dirty {
        ctx.ui.warn(&format!(
            "`{}` had uncommitted edits before this one: they are in this commit too",
            e.path
        ));
    }
    let verb = if created { "start" } else { "update" };
    let message = format!(
        "runbook: {verb} the {} runbook\n\nEdited with `oncall runbook {} --edit` ({}).",
        e.name, name, e.path
    );
    let commit = git.map(|g| g.commit_files(&[&rel], &message)).transpose()?;
    if ctx.ui.json {
        return ctx.ui.json(&EditView {
            service,
            path: &e.path,
            created,
            changed: true,
            commit,
        });
    }
    ctx.ui.status(&match &commit {
        Some(c) => format!("committed {c}: runbook: {verb} the {} runbook", e.name),
        None => format!("saved `{}` (not committed)", e.path),
    });
    Ok(())
}

/// The editor to run, split on whitespace (`code -w`): `$VISUAL`, else `$EDITOR`.
fn editor() -> Result<Vec<String>> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.split_whitespace().map(String::from).collect::<Vec<_>>())
        .find(|words| !words.is_empty())
        .ok_or_else(|| {
            Error::new("no editor to open the runbook in: neither `VISUAL` nor `EDITOR` is set")
                .hint(
                    "set one, e.g. `export EDITOR=vim`, or `export EDITOR=\"code -w\"` for VS Code",
                )
        })
}

/// Runs the editor on `path` in this terminal and waits for it.
fn launch(editor: &[String], path: &Path) -> Result<()> {
    let shown = editor.join(" ");
    let status = Command::new(&editor[0])
        .args(&editor[1..])
        .arg(path)
        .status()
        .map_err(|err| {
            Error::new(format!("cannot start the editor `{shown}`"))
                .cause(err)
                .hint("check `VISUAL` / `EDITOR`: the first word must be a program on your PATH")
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "the editor `{shown}` failed ({status}); nothing committed"
        ))
        .hint(format!(
            "your edits, if any, are still in `{}`: `git commit` it when it is right",
            path.display()
        )))
    }
}
