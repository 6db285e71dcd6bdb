//! `oncall handoff`: the outgoing and incoming pair, the outgoing shift's pages, what is still
//! open and the overrides coming up; then, at a terminal, each outgoing role's morale score
//! (recorded as `morale` rows). Without a terminal (or with `--json`) the prompts are skipped.

use chrono::{DateTime, Utc};
use clap::Args;

use crate::app::Ctx;
use crate::error::Result;
use crate::incident::Log;
use crate::output::{Cell, Table, Tone, fmt, prompt};
use crate::retro::Collector;
use crate::retro::handoff::{self, Handoff, Item, PairShift};
use crate::schedule::{Role, Schedule};

#[derive(Debug, Args)]
#[command(
    after_help = "When piped, prints tab-separated rows whose first cell says what they are:
  outgoing|incoming  START  END  MANAGER  ENGINEER
  page|open          ID  SERVICE  URGENCY  PAGED  LEVEL  STATE  TICKET  SUMMARY
  override           ROLE  PERSON  START  END  STATE  REASON"
)]
pub struct HandoffArgs {
    /// Do not ask for the outgoing pair's morale scores
    #[arg(long)]
    no_prompt: bool,
}

pub fn run(ctx: &Ctx, args: &HandoffArgs) -> Result<()> {
    let s = ctx.schedule(None)?;
    let (from, to) = handoff::window(&s, ctx.now);
    let mut collector = Collector::new(from, to);
    let log = Log::new(ctx.root()?);
    for d in log.for_each(|e| collector.apply(e))? {
        ctx.ui.warn(&d.to_string());
    }
    let h = handoff::build(&s, &collector.finish(), ctx.now);
    if ctx.ui.json {
        ctx.ui.json(&h)?;
    } else if ctx.ui.is_tty() {
        ctx.ui.print(&human(ctx, &s, &h))?;
    } else {
        ctx.ui.print(&tsv(&h))?;
    }
    if args.no_prompt {
        return Ok(());
    }
    if ctx.ui.json || !ctx.ui.can_prompt() {
        ctx.ui.status(
            "not asking for morale scores (no terminal); the pair can record them with `oncall morale SCORE`",
        );
        return Ok(());
    }
    ask_morale(ctx, &s, &log, &h.outgoing)
}

/// Asks each outgoing role holder for a score and records the answers in one append.
fn ask_morale(ctx: &Ctx, s: &Schedule, log: &Log, out: &PairShift) -> Result<()> {
    let mut rows = Vec::new();
    for role in Role::BOTH {
        let Some(p) = out.holder(role) else { continue };
        let q = format!(
            "Morale this shift for {} ({role}), 1-5 (Enter to skip)",
            p.name
        );
        if let Some(score) = prompt::score(&ctx.ui, &q)? {
            rows.push(super::morale::event(s, ctx.now, score, &p.id, "at handoff"));
        }
    }
    if rows.is_empty() {
        return Ok(());
    }
    log.append(&rows)?;
    ctx.ui
        .status(&format!("recorded {} morale score(s)", rows.len()));
    Ok(())
}

fn when(t: Option<DateTime<Utc>>, s: &Schedule) -> String {
    t.map_or_else(|| "–".into(), |t| fmt::short(t, s.team.tz))
}

fn name(p: Option<&handoff::Person>) -> String {
    p.map_or_else(|| "nobody".into(), |p| p.name.clone())
}

fn human(ctx: &Ctx, s: &Schedule, h: &Handoff) -> String {
    let ui = &ctx.ui;
    let mut o = match h.handoff_at {
        Some(t) => format!(
            "{} {} ({})\n",
            ui.paint(Tone::Bold, "Handoff at"),
            fmt::stamp(t, s.team.tz),
            fmt::relative(ctx.now, t)
        ),
        None => format!(
            "{}\n",
            ui.paint(Tone::Bold, "No rotation yet: nobody hands off")
        ),
    };
    let mut t = Table::new(&["", "MANAGER", "ENGINEER", "FROM", "UNTIL"]);
    for (label, p) in [("outgoing", &h.outgoing), ("incoming", &h.incoming)] {
        t.row(vec![
            Cell::new(label, Tone::Bold),
            name(p.manager.as_ref()).into(),
            name(p.engineer.as_ref()).into(),
            when(p.start, s).into(),
            when(p.end, s).into(),
        ]);
    }
    o.push_str(&ui.table(&t));
    let list = |o: &mut String, title: String, items: &[Item], empty: &str| {
        o.push_str(&format!("\n{}\n", ui.paint(Tone::Bold, &title)));
        if items.is_empty() {
            o.push_str(&format!("{empty}\n"));
            return;
        }
        let mut t = Table::new(&[
            "ID", "SERVICE", "URG", "PAGED", "WHEN", "LVL", "STATE", "TICKET", "SUMMARY",
        ]);
        for i in items {
            t.row(vec![
                Cell::new(i.id.clone(), Tone::Bold),
                i.service.clone().into(),
                i.urgency.clone().into(),
                fmt::short(i.paged_at, s.team.tz).into(),
                i.landed.word().into(),
                i.level.to_string().into(),
                Cell::new(state(i), if i.open { Tone::Warn } else { Tone::Good }),
                i.ticket.clone().unwrap_or_default().into(),
                i.summary.clone().into(),
            ]);
        }
        o.push_str(&ui.table(&t));
    };
    list(
        &mut o,
        format!("Pages in the outgoing shift ({})", h.pages.len()),
        &h.pages,
        "none: a quiet shift",
    );
    list(
        &mut o,
        format!("Open now ({})", h.open.len()),
        &h.open,
        "none",
    );
    o.push_str(&format!(
        "\n{}\n",
        ui.paint(Tone::Bold, "Overrides coming up")
    ));
    if h.overrides.is_empty() {
        o.push_str("none\n");
    } else {
        let mut t = Table::new(&["ROLE", "PERSON", "FROM", "UNTIL", "STATE", "REASON"]);
        for ov in &h.overrides {
            t.row(vec![
                ov.role.as_str().into(),
                Cell::new(ov.person.name.clone(), Tone::Bold),
                fmt::short(ov.start, s.team.tz).into(),
                fmt::short(ov.end, s.team.tz).into(),
                ov.state.into(),
                ov.reason.clone().unwrap_or_default().into(),
            ]);
        }
        o.push_str(&ui.table(&t));
    }
    o
}

fn state(i: &Item) -> &'static str {
    match (i.open, i.acked_at) {
        (false, _) => "resolved",
        (true, Some(_)) => "acked",
        (true, None) => "unacked",
    }
}

fn tsv(h: &Handoff) -> String {
    let mut t = Table::new(&[]);
    let time = |x: Option<DateTime<Utc>>| x.map(fmt::rfc3339).unwrap_or_default();
    let id = |p: Option<&handoff::Person>| p.map(|p| p.id.clone()).unwrap_or_default();
    for (label, p) in [("outgoing", &h.outgoing), ("incoming", &h.incoming)] {
        t.row(
            [
                label.to_string(),
                time(p.start),
                time(p.end),
                id(p.manager.as_ref()),
                id(p.engineer.as_ref()),
            ]
            .map(Cell::from)
            .to_vec(),
        );
    }
    for (label, items) in [("page", &h.pages), ("open", &h.open)] {
        for i in items {
            t.row(
                [
                    label.to_string(),
                    i.id.clone(),
                    i.service.clone(),
                    i.urgency.clone(),
                    fmt::rfc3339(i.paged_at),
                    i.level.to_string(),
                    state(i).to_string(),
                    i.ticket.clone().unwrap_or_default(),
                    i.summary.clone(),
                ]
                .map(Cell::from)
                .to_vec(),
            );
        }
    }
    for ov in &h.overrides {
        t.row(
            [
                "override".to_string(),
                ov.role.as_str().to_string(),
                ov.person.id.clone(),
                fmt::rfc3339(ov.start),
                fmt::rfc3339(ov.end),
                ov.state.to_string(),
                ov.reason.clone().unwrap_or_default(),
            ]
            .map(Cell::from)
            .to_vec(),
        );
    }
    t.render_tsv()
}
