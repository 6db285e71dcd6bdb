//! `oncall schedule`: upcoming shifts as a table, JSON, or an iCalendar feed.

use chrono::{DateTime, Duration, Utc};
use clap::Args;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::Result;
use crate::output::{Cell, Table, Tone, fmt};
use crate::schedule::model::Schedule;
use crate::schedule::resolve::{self, Holder, Shift};
use crate::schedule::{Role, ics};

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Start of the listing (default: now)
    #[arg(long, value_name = "TIME")]
    from: Option<String>,
    /// How many days to cover (default: 14, or 90 with --ics)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=3660))]
    days: Option<u32>,
    /// Only shifts where this person holds a role
    #[arg(long, value_name = "ID")]
    person: Option<String>,
    /// Print an iCalendar feed (one event per person and role, stable UIDs) instead
    #[arg(long)]
    ics: bool,
    /// Read schedule.toml as of this git revision (e.g. `origin/main`)
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
}

#[derive(Serialize)]
struct ScheduleView {
    team: String,
    timezone: String,
    from: String,
    to: String,
    shifts: Vec<ShiftView>,
}

#[derive(Serialize)]
struct ShiftView {
    start: Option<String>,
    end: Option<String>,
    manager: Option<HolderView>,
    engineer: Option<HolderView>,
}

#[derive(Serialize)]
struct HolderView {
    id: String,
    name: String,
    source: &'static str,
    reason: Option<String>,
}

pub fn run(ctx: &Ctx, args: &ScheduleArgs) -> Result<()> {
    let s = ctx.schedule(args.rev.as_deref())?;
    let from = super::parse_time(&s, ctx, "--from", args.from.as_deref())?;
    let days = args.days.unwrap_or(if args.ics { 90 } else { 14 });
    let to = from + Duration::days(days.into());
    let person = args
        .person
        .as_deref()
        .map(|p| super::person_id(&s, p))
        .transpose()?;
    let holds = |h: Option<Holder<'_>>| {
        person
            .as_deref()
            .is_none_or(|p| h.is_some_and(|h| h.person == p))
    };

    if args.ics {
        let mut stints = Vec::new();
        for role in Role::BOTH {
            stints.extend(
                resolve::role_shifts(&s, role, from, to)
                    .into_iter()
                    .filter(|r| r.holder.is_some() && holds(r.holder)),
            );
        }
        stints.sort_by_key(|r| (r.start, r.role));
        return ctx.ui.print(&ics::calendar(&s, &stints, ctx.now));
    }

    let shifts: Vec<Shift<'_>> = resolve::shifts(&s, from, to)
        .into_iter()
        .filter(|sh| holds(sh.manager) || holds(sh.engineer))
        .collect();
    if ctx.ui.json {
        let view = ScheduleView {
            team: s.team.name.clone(),
            timezone: s.team.tz.name().to_string(),
            from: fmt::rfc3339(from),
            to: fmt::rfc3339(to),
            shifts: shifts.iter().map(|sh| shift_view(&s, sh)).collect(),
        };
        return ctx.ui.json(&view);
    }
    if shifts.is_empty() {
        ctx.ui.status(&format!(
            "no shifts for {} in this window",
            person.as_deref().unwrap_or("anyone")
        ));
        return Ok(());
    }
    let tty = ctx.ui.is_tty();
    let mut t = Table::new(&["FROM", "UNTIL", "MANAGER", "ENGINEER", "NOTE"]);
    for sh in &shifts {
        let current = sh.start.is_none_or(|st| st <= ctx.now) && sh.end.is_none_or(|e| ctx.now < e);
        let time = |x: Option<DateTime<Utc>>| match (x, tty) {
            (None, _) => String::new(),
            (Some(x), true) => fmt::short(x, s.team.tz),
            (Some(x), false) => fmt::rfc3339(x),
        };
        let who = |h: Option<Holder<'_>>| match (h, tty) {
            (None, true) => Cell::new("nobody", Tone::Bad),
            (None, false) => Cell::from(""),
            (Some(h), true) => Cell::new(
                s.name_of(h.person),
                if current { Tone::Good } else { Tone::Plain },
            ),
            (Some(h), false) => Cell::from(h.person),
        };
        t.row(vec![
            Cell::new(
                time(sh.start),
                if current { Tone::Bold } else { Tone::Plain },
            ),
            time(sh.end).into(),
            who(sh.manager),
            who(sh.engineer),
            note(&s, sh, current).into(),
        ]);
    }
    if tty {
        ctx.ui.print(&format!(
            "{} on call, {} to {} ({})\n",
            ctx.ui.paint(Tone::Bold, &s.team.name),
            fmt::short(from, s.team.tz),
            fmt::short(to, s.team.tz),
            s.team.tz.name()
        ))?;
    }
    ctx.ui.print(&ctx.ui.table(&t))
}

fn shift_view(s: &Schedule, sh: &Shift<'_>) -> ShiftView {
    let holder = |h: Option<Holder<'_>>| {
        h.map(|h| HolderView {
            id: h.person.to_string(),
            name: s.name_of(h.person).to_string(),
            source: super::who::source_name(h),
            reason: super::who::reason(s, h),
        })
    };
    ShiftView {
        start: sh.start.map(fmt::rfc3339),
        end: sh.end.map(fmt::rfc3339),
        manager: holder(sh.manager),
        engineer: holder(sh.engineer),
    }
}

/// Why this shift looks the way it does: overrides and their reasons, gaps, now.
fn note(s: &Schedule, sh: &Shift<'_>, current: bool) -> String {
    let mut notes = Vec::new();
    if current {
        notes.push("now".to_string());
    }
    for (role, h) in [(Role::Manager, sh.manager), (Role::Engineer, sh.engineer)] {
        match h {
            None => notes.push(format!("no {role}")),
            Some(h) if super::who::source_name(h) == "override" => {
                let why = super::who::reason(s, h).map_or_else(String::new, |r| format!(": {r}"));
                notes.push(format!("{role} override{why}"));
            }
            Some(_) => {}
        }
    }
    notes.join("; ")
}
