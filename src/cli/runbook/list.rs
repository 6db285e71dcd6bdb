//! `oncall runbook [--list]`: every service, its runbook, when it last changed and by whom, and
//! which ones are missing, stale or not committed. Runbooks no service names are listed too.

use chrono::Duration;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::Result;
use crate::output::{Cell, Table, Tone, fmt};
use crate::runbook::Status;
use crate::schedule::Schedule;

use super::entry::{self, ChangeView, Found};

/// One row of `--json` output.
#[derive(Serialize)]
struct Row<'a> {
    /// The service; `null` for a runbook no service names.
    service: Option<&'a str>,
    name: &'a str,
    description: Option<&'a str>,
    urgency: Option<&'a str>,
    path: &'a str,
    exists: bool,
    status: Status,
    last_change: Option<ChangeView>,
    age_days: Option<i64>,
    stale: bool,
    modified: bool,
    untracked: bool,
    /// Why the runbook was refused (`status` = `unsafe`).
    error: Option<String>,
}

pub fn run(ctx: &Ctx, s: &Schedule, stale_after: Duration, no_pager: bool) -> Result<()> {
    let entries = entry::all(ctx, s)?;
    // A runbook that leads outside the repository is a row ("refused"), not the end of the
    // list; anything else that goes wrong (a broken git repository) is an error.
    let mut found: Vec<Result<Option<Found>>> = Vec::new();
    for e in &entries {
        found.push(match e.locate(ctx) {
            Err(refused) => Err(refused),
            Ok(_) => Ok(e.found(ctx, stale_after)?),
        });
    }
    if ctx.ui.json {
        let rows: Vec<Row<'_>> = entries
            .iter()
            .zip(&found)
            .map(|(e, f)| {
                let ok = f.as_ref().ok().and_then(Option::as_ref);
                let fr = ok.map(|f| f.freshness);
                Row {
                    service: e.service.map(|svc| svc.name.as_str()),
                    name: &e.name,
                    description: e.service.and_then(|svc| svc.description.as_deref()),
                    urgency: e.service.map(|svc| svc.urgency.as_str()),
                    path: &e.path,
                    exists: ok.is_some(),
                    status: entry::status_of(f),
                    last_change: ok.and_then(|f| f.change.as_ref()).map(ChangeView::from),
                    age_days: fr.and_then(|f| f.age).map(|a| a.num_days()),
                    stale: fr.is_some_and(|f| f.stale),
                    modified: fr.is_some_and(|f| f.modified),
                    untracked: fr.is_some_and(|f| f.untracked),
                    error: f.as_ref().err().map(|e| e.message.clone()),
                }
            })
            .collect();
        return ctx.ui.json(&rows);
    }
    for (e, f) in entries.iter().zip(&found) {
        if let Err(err) = f {
            ctx.ui.warn(&format!("{}: {}", e.name, err.message));
        }
    }
    let tty = ctx.ui.is_tty();
    let mut t = Table::new(&["SERVICE", "RUNBOOK", "LAST CHANGE", "BY", "STATUS"]);
    for (e, f) in entries.iter().zip(&found) {
        let status = entry::status_of(f);
        let change = f
            .as_ref()
            .ok()
            .and_then(Option::as_ref)
            .and_then(|f| f.change.as_ref());
        let when = change.map_or_else(String::new, |c| {
            if tty {
                format!(
                    "{} ({})",
                    fmt::date(c.time, s.team.tz),
                    fmt::ago(ctx.now, c.time)
                )
            } else {
                fmt::rfc3339(c.time)
            }
        });
        let service = match (e.service, tty) {
            (Some(svc), _) => Cell::new(svc.name.clone(), Tone::Bold),
            (None, true) => Cell::new("(no service)", Tone::Dim),
            (None, false) => Cell::from(""),
        };
        let author = change.map_or_else(String::new, |c| c.author.clone());
        let mut row = vec![
            service,
            e.path.clone().into(),
            when.into(),
            author.into(),
            Cell::new(mark(status, tty), tone(status)),
        ];
        if !tty {
            // Scripts get the subject too; people read it in `oncall runbook SERVICE`.
            row.push(
                change
                    .map_or_else(String::new, |c| c.subject.clone())
                    .into(),
            );
        }
        t.row(row);
    }
    if t.is_empty() {
        ctx.ui
            .status("no services in schedule.toml and no runbooks in runbooks/");
        return Ok(());
    }
    ctx.ui.page(&ctx.ui.table(&t), !no_pager)?;
    let count = |st: Status| found.iter().filter(|f| entry::status_of(f) == st).count();
    let missing = count(Status::Missing);
    let stale = count(Status::Stale);
    ctx.ui.status(&format!(
        "{} runbook(s): {} ok, {stale} stale, {missing} missing, {} not committed",
        entries.len(),
        count(Status::Ok),
        count(Status::Modified) + count(Status::Untracked)
    ));
    if missing > 0 {
        ctx.ui
            .hint("`oncall runbook SERVICE --edit` starts a missing runbook from a template");
    }
    Ok(())
}

fn mark(status: Status, tty: bool) -> String {
    match (status, tty) {
        (Status::Missing, true) => "✗ missing".into(),
        (Status::Unsafe, true) => "✗ refused".into(),
        (Status::Stale, true) => "⚠ stale".into(),
        (Status::Modified, true) => "✎ edited".into(),
        (Status::Untracked, true) => "✎ uncommitted".into(),
        (Status::Ok, true) => "✓".into(),
        (st, false) => st.as_str().into(),
    }
}

fn tone(status: Status) -> Tone {
    match status {
        Status::Missing | Status::Unsafe => Tone::Bad,
        Status::Stale | Status::Modified | Status::Untracked => Tone::Warn,
        Status::Ok => Tone::Good,
    }
}
