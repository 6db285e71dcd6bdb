//! `oncall ack INCIDENT`: someone has it. Appends an `ack` row and comments on the ticket.

use clap::Args;

use super::lifecycle::{Session, follow_up, report, require_after_page, require_open, update};
use crate::app::Ctx;
use crate::error::Result;
use crate::incident::EventKind;
use crate::output::fmt;
use crate::tickets::compose;

#[derive(Debug, Args)]
pub struct AckArgs {
    /// The incident id (or a unique prefix of it)
    incident: String,
    /// When it was acknowledged, if written down after the fact (default: now)
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

pub fn run(ctx: &Ctx, args: &AckArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let at = session.at(args.at.as_deref())?;
    let (inc, event) = update(&session, &args.incident, |inc| {
        require_open(inc, "acknowledge")?;
        require_after_page(inc, at)?;
        if inc.acked_at.is_some() {
            return Ok(None);
        }
        Ok(Some(follow_up(&session, EventKind::Ack, inc, at)))
    })?;
    let tickets = session.tickets();
    let line = match (&event, inc.acked_at) {
        (None, Some(t)) => format!(
            "{} was already acknowledged by {} at {}",
            inc.id,
            session.s.name_of(&inc.acked_by),
            fmt::stamp(t, session.s.team.tz)
        ),
        _ => {
            tickets.comment(&inc, &compose::ack(&session.s, &session.actor, at));
            format!("acknowledged {} ({}: {})", inc.id, inc.service, inc.summary)
        }
    };
    // A ticket made just now shows.
    let inc = tickets.refreshed(inc);
    report(&session, &tickets, &inc, event.as_ref(), &line)
}
