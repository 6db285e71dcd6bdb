//! `oncall resolve INCIDENT`: it is over. Appends a `resolve` row saying whether the fix was
//! documented and automated (the retro counts both), comments on the ticket and moves it
//! through the configured transition.

use clap::Args;

use super::lifecycle::{Session, follow_up, report, require_after_page, require_open, update};
use crate::app::Ctx;
use crate::error::Result;
use crate::incident::EventKind;
use crate::schedule::time::human_duration;
use crate::tickets::compose;

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The incident id (or a unique prefix of it)
    incident: String,
    /// The fix is written down (a runbook or the ticket says how)
    #[arg(long)]
    documented: bool,
    /// The fix is automated (it will not need a person next time)
    #[arg(long)]
    automated: bool,
    /// How it was resolved, in a line
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When it was resolved, if written down after the fact (default: now)
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

pub fn run(ctx: &Ctx, args: &ResolveArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let at = session.at(args.at.as_deref())?;
    let note = args
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let (inc, event) = update(&session, &args.incident, |inc| {
        require_open(inc, "resolve")?;
        require_after_page(inc, at)?;
        let mut e = follow_up(&session, EventKind::Resolve, inc, at);
        e.documented = Some(args.documented);
        e.automated = Some(args.automated);
        e.summary = note.unwrap_or_default().to_string();
        Ok(Some(e))
    })?;
    let tickets = session.tickets();
    let text = compose::resolve(
        &session.s,
        &session.actor,
        at,
        args.documented,
        args.automated,
        note,
    );
    tickets.resolve(&inc, &text);
    let inc = tickets.refreshed(inc);
    let took = inc
        .paged_at
        .map(|p| format!(" after {}", human_duration(at - p)))
        .unwrap_or_default();
    if !args.documented {
        ctx.ui.hint(
            "not documented: a runbook update (`runbooks/<service>.md`) saves the next person",
        );
    }
    report(
        &session,
        &tickets,
        &inc,
        event.as_ref(),
        &format!("resolved {} ({}){took}", inc.id, inc.service),
    )
}
