//! `oncall note INCIDENT TEXT`: what was tried, what was learned. Appends a `note` row and
//! comments on the ticket. Notes are allowed after resolution (follow-ups, the write-up).

use clap::Args;

use super::lifecycle::{Session, follow_up, report, require_after_page, update};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::incident::EventKind;
use crate::tickets::compose;

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The incident id (or a unique prefix of it)
    incident: String,
    /// The note
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
    /// When it happened, if written down after the fact (default: now)
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

pub fn run(ctx: &Ctx, args: &NoteArgs) -> Result<()> {
    let text = args.text.join(" ").trim().to_string();
    if text.is_empty() {
        return Err(Error::usage("the note is empty"));
    }
    let session = Session::open(ctx)?;
    let at = session.at(args.at.as_deref())?;
    let (inc, event) = update(&session, &args.incident, |inc| {
        require_after_page(inc, at)?;
        let mut e = follow_up(&session, EventKind::Note, inc, at);
        e.summary.clone_from(&text);
        Ok(Some(e))
    })?;
    let tickets = session.tickets();
    tickets.comment(&inc, &compose::note(&session.s, &text, &session.actor));
    let inc = tickets.refreshed(inc);
    report(
        &session,
        &tickets,
        &inc,
        event.as_ref(),
        &format!("noted on {}", inc.id),
    )
}
