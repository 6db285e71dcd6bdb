//! `oncall escalate INCIDENT [--level N]`: bring in level 2 (team leads, the service's lead
//! first) or level 3 (VP and CTO). Appends an `escalate` row, prints who to call, comments
//! on the ticket and labels it with the level.

use clap::Args;

use super::lifecycle::{Session, follow_up, report, require_after_page, require_open, update};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::incident::EventKind;
use crate::output::{Cell, Table, Tone};
use crate::tickets::compose;

#[derive(Debug, Args)]
pub struct EscalateArgs {
    /// The incident id (or a unique prefix of it)
    incident: String,
    /// The level to reach: 2 or 3 (default: one above the current)
    #[arg(long, value_parser = clap::value_parser!(u8).range(2..=3))]
    level: Option<u8>,
    /// When it was escalated, if written down after the fact (default: now)
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

pub fn run(ctx: &Ctx, args: &EscalateArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let s = &session.s;
    let at = session.at(args.at.as_deref())?;
    let (inc, event) = update(&session, &args.incident, |inc| {
        require_open(inc, "escalate")?;
        require_after_page(inc, at)?;
        let current = inc.level.max(1);
        let target = args.level.unwrap_or(current + 1);
        if target > 3 {
            return Err(Error::new(format!(
                "incident {} is already at level 3, the top",
                inc.id
            )));
        }
        if target <= current {
            return Err(Error::new(format!(
                "incident {} is already at level {current}",
                inc.id
            )));
        }
        let mut e = follow_up(&session, EventKind::Escalate, inc, at);
        e.level = Some(target);
        Ok(Some(e))
    })?;
    let level = event.as_ref().and_then(|e| e.level).unwrap_or(inc.level);
    let mut people: Vec<String> = s.level(level).map(|l| l.people.clone()).unwrap_or_default();
    if level == 2
        && let Some(lead) = s.services.get(&inc.service).and_then(|sv| sv.lead.clone())
    {
        people.retain(|p| *p != lead);
        people.insert(0, lead);
    }
    if people.is_empty() {
        ctx.ui.warn(&format!(
            "nobody is listed for level {level}: add `[escalation] level{level}` to schedule.toml"
        ));
    }
    let tickets = session.tickets();
    tickets.comment(&inc, &compose::escalate(s, level, &people, &session.actor));
    tickets.label(&inc, &[format!("level-{level}")]);
    if !ctx.ui.json && !people.is_empty() {
        let mut t = Table::new(&["CALL", "PHONE", "CHAT", "EMAIL"]);
        for p in &people {
            let person = s.person(p);
            let c = |f: fn(&crate::schedule::model::Person) -> &Option<String>| {
                person.and_then(|x| f(x).clone()).unwrap_or_default()
            };
            t.row(vec![
                Cell::new(s.name_of(p), Tone::Bold),
                c(|x| &x.phone).into(),
                c(|x| &x.chat).into(),
                c(|x| &x.email).into(),
            ]);
        }
        ctx.ui.print(&ctx.ui.table(&t))?;
    }
    let inc = tickets.refreshed(inc);
    let name = s
        .level(level)
        .map_or_else(String::new, |l| format!(" ({})", l.name));
    report(
        &session,
        &tickets,
        &inc,
        event.as_ref(),
        &format!("escalated {} to level {level}{name}", inc.id),
    )
}
