//! `oncall sync`: make the Jira tickets still pending, then share the page log with the team:
//! commit `pages.csv`, fetch and merge (the `merge=union` rule keeps both sides' rows) and
//! push, through the system `git` so users' own credentials and SSH setup just work.

use chrono::Duration;
use clap::Args;
use serde::Serialize;

use super::lifecycle::{Session, finish, warn_damaged};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::incident::log::{LOG_FILE, ensure_gitattributes};
use crate::integrations::jira::doc::Doc;
use crate::output::fmt;
use crate::repo::Git;

/// Resolved incidents this recent still get a pending ticket made (older ones are history).
const PENDING_WINDOW_DAYS: i64 = 7;

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only make pending tickets and commit; no pull or push
    #[arg(long)]
    offline: bool,
}

#[derive(Serialize, Default)]
struct SyncView {
    tickets_created: Vec<TicketView>,
    tickets_pending: Vec<String>,
    committed_rows: usize,
    commit: Option<String>,
    pulled_rows: usize,
    pushed: Option<String>,
}

#[derive(Serialize)]
struct TicketView {
    incident: String,
    ticket: String,
}

pub fn run(ctx: &Ctx, args: &SyncArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let mut view = SyncView::default();
    let tickets = session.tickets();
    if tickets.is_configured() {
        let (replay, damaged) = session.log.replay()?;
        warn_damaged(&ctx.ui, &damaged);
        let since = ctx.now - Duration::days(PENDING_WINDOW_DAYS);
        for inc in replay.incidents() {
            let recent = inc.is_open() || inc.resolved_at.is_some_and(|r| r >= since);
            if !inc.ticket.is_empty() || !recent {
                continue;
            }
            match tickets.ensure(inc, None) {
                Some(key) => {
                    if !inc.is_open() {
                        let when = inc.resolved_at.map(|t| fmt::stamp(t, session.s.team.tz));
                        tickets.resolve(
                            inc,
                            &Doc::text(format!(
                                "Resolved at {} (recorded while Jira was unavailable).",
                                when.unwrap_or_default()
                            )),
                        );
                    }
                    view.tickets_created.push(TicketView {
                        incident: inc.id.clone(),
                        ticket: key,
                    });
                }
                None => view.tickets_pending.push(inc.id.clone()),
            }
        }
        for t in &view.tickets_created {
            ctx.ui
                .status(&format!("ticket {} for {}", t.ticket, t.incident));
        }
    }
    let git = ctx.require_git("`oncall sync`")?;
    share(ctx, git, args.offline, &mut view)?;
    if ctx.ui.json {
        ctx.ui.json(&view)?;
    }
    finish(&ctx.ui, &tickets)
}

fn rows(text: &str) -> usize {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count()
}

fn share(ctx: &Ctx, git: &Git, offline: bool, view: &mut SyncView) -> Result<()> {
    let root = ctx.root()?;
    let read = || std::fs::read_to_string(root.join(LOG_FILE)).unwrap_or_default();
    if root.join(LOG_FILE).exists() {
        let attrs_changed = ensure_gitattributes(root)?;
        let mut files = vec![];
        if git.is_dirty(LOG_FILE) {
            files.push(LOG_FILE);
        }
        if attrs_changed || git.is_dirty(".gitattributes") {
            files.push(".gitattributes");
        }
        if !files.is_empty() {
            let before = git.read_at("HEAD", LOG_FILE).map(|t| rows(&t)).unwrap_or(0);
            let now_rows = rows(&read());
            view.committed_rows = now_rows.saturating_sub(before);
            let id = git.commit_files(
                &files,
                &format!("oncall: page log ({} new rows)", view.committed_rows),
            )?;
            ctx.ui.status(&format!(
                "committed {} row(s) of {LOG_FILE} ({id})",
                view.committed_rows
            ));
            view.commit = Some(id);
        }
    }
    if offline {
        return Ok(());
    }
    let Some(remote) = git.remote() else {
        ctx.ui
            .status("no git remote: the log is committed here only (add one with `git remote add origin URL`)");
        return Ok(());
    };
    let branch = git.branch().ok_or_else(|| {
        Error::new("HEAD is not on a branch")
            .hint("check out your on-call branch, e.g. `git switch main`")
    })?;
    let progress = ctx.ui.progress(&format!("git: fetching {remote}…"));
    git.cli(&["fetch", "--quiet", &remote])
        .map_err(|e| e.hint("check your network and credentials: `git fetch` must work here"))?;
    drop(progress);
    let tracking = format!("refs/remotes/{remote}/{branch}");
    if git.has_ref(&tracking) {
        let before = rows(&read());
        let upstream = format!("{remote}/{branch}");
        if let Err(e) = git.cli(&["merge", "--no-edit", "--quiet", &upstream]) {
            let _ = git.cli(&["merge", "--abort"]);
            return Err(e
                .hint("the merge was undone; resolve it by hand: `git pull`, fix, commit, then `oncall sync` again")
                .hint("pages.csv merges by keeping both sides (merge=union); other files can conflict"));
        }
        view.pulled_rows = rows(&read()).saturating_sub(before);
        ctx.ui.status(&format!(
            "pulled {} row(s) from {upstream}",
            view.pulled_rows
        ));
    }
    let _progress = ctx.ui.progress(&format!("git: pushing to {remote}…"));
    git.cli(&[
        "push",
        "--quiet",
        &remote,
        &format!("HEAD:refs/heads/{branch}"),
    ])
    .map_err(|e| e.hint("someone pushed meanwhile? run `oncall sync` again"))?;
    ctx.ui.status(&format!("pushed to {remote}/{branch}"));
    view.pushed = Some(format!("{remote}/{branch}"));
    Ok(())
}
