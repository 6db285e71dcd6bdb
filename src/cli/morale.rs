//! `oncall morale SCORE`: records how the week felt (1-5) as a `morale` row of the log, for
//! the retro. The row's `incident` cell is empty, `status` holds the score, `summary` the
//! note, `actor` whose score it is, and `manager`/`engineer` who held each role at the time.

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::Result;
use crate::incident::{Event, EventKind, Log};
use crate::output::fmt;
use crate::retro::Week;
use crate::schedule::resolve::holder_at;
use crate::schedule::{Role, Schedule};

#[derive(Debug, Args)]
pub struct MoraleArgs {
    /// How the week felt, from 1 (awful) to 5 (great)
    #[arg(value_name = "SCORE", value_parser = clap::value_parser!(u8).range(1..=5))]
    score: u8,
    /// A few words on why
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When to record it (default: now); it counts in the retro of the week containing it
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

#[derive(Serialize)]
struct Recorded {
    time: DateTime<Utc>,
    week: String,
    score: u8,
    who: String,
    note: Option<String>,
}

pub fn run(ctx: &Ctx, args: &MoraleArgs) -> Result<()> {
    let s = ctx.schedule(None)?;
    let at = super::parse_past_time(&s, ctx, args.at.as_deref())?;
    let who = ctx.actor(&s);
    let note = args
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    Log::new(ctx.root()?).append(&[event(&s, at, args.score, &who, note.unwrap_or(""))])?;
    let week = Week::containing(s.team.tz, at).label();
    if ctx.ui.json {
        return ctx.ui.json(&Recorded {
            time: at,
            week,
            score: args.score,
            who,
            note: note.map(str::to_string),
        });
    }
    ctx.ui.status(&format!(
        "recorded morale {} for {week} ({}, {})",
        args.score,
        s.name_of(&who),
        fmt::stamp(at, s.team.tz)
    ));
    Ok(())
}

/// A `morale` row: `who` scored the week `score` at `at`.
pub(super) fn event(s: &Schedule, at: DateTime<Utc>, score: u8, who: &str, note: &str) -> Event {
    let holder = |role| holder_at(s, role, at).map_or_else(String::new, |h| h.person.to_string());
    Event {
        time: at,
        kind: EventKind::Morale,
        actor: who.to_string(),
        manager: holder(Role::Manager),
        engineer: holder(Role::Engineer),
        status: score.to_string(),
        summary: note.to_string(),
        source: "manual".into(),
        ..Event::default()
    }
}
