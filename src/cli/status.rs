//! `oncall status`: the open incidents, oldest first: age, level, whether acknowledged, the
//! ticket, and how long since the last public update (an Incident Manager's nudge: an
//! incident that went longer than `[announce] update_every`, default 30m, without one is
//! flagged "update due").

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::Result;
use crate::incident::{Incident, Log};
use crate::integrations::settings;
use crate::output::{Cell, Table, Tone, fmt};
use crate::schedule::time::human_duration;

#[derive(Debug, Args)]
pub struct StatusArgs {}

/// `--json`: one object per open incident.
#[derive(Serialize)]
struct StatusView {
    id: String,
    service: String,
    urgency: String,
    summary: String,
    source: String,
    paged_at: Option<String>,
    age_seconds: Option<i64>,
    level: u8,
    manager: String,
    engineer: String,
    acked_at: Option<String>,
    acked_by: Option<String>,
    ticket: Option<String>,
    ticket_url: Option<String>,
    public_status: Option<String>,
    last_public_update: Option<String>,
    since_public_update_seconds: Option<i64>,
    /// Longer than `update_every` since the last public update (or the page, if none).
    update_due: bool,
    update_every_seconds: i64,
}

pub fn run(ctx: &Ctx, _args: &StatusArgs) -> Result<()> {
    let root = ctx.root()?;
    let (replay, damaged) = Log::new(root).replay()?;
    super::lifecycle::warn_damaged(&ctx.ui, &damaged);
    // The schedule only adds names and links; a broken one must not hide the incidents.
    let schedule = ctx.schedule(None).ok();
    let jira_url = schedule
        .as_ref()
        .and_then(|s| s.jira.as_ref())
        .and_then(settings::jira_url);
    let every = schedule.as_ref().map_or_else(
        || chrono::Duration::minutes(30),
        |s| s.announce.update_every(),
    );
    let open = replay.open();
    let views: Vec<StatusView> = open
        .iter()
        .map(|i| view(i, ctx.now, jira_url.as_deref(), every))
        .collect();
    if ctx.ui.json {
        return ctx.ui.json(&views);
    }
    if open.is_empty() {
        ctx.ui.status("no open incidents");
        return Ok(());
    }
    let tty = ctx.ui.is_tty();
    let mut t = Table::new(&[
        "INCIDENT",
        "SERVICE",
        "URGENCY",
        "AGE",
        "LEVEL",
        "ACKED",
        "TICKET",
        "PUBLIC UPDATE",
        "SUMMARY",
    ]);
    for (i, v) in open.iter().zip(&views) {
        let when = |t: Option<DateTime<Utc>>| match t {
            Some(t) if tty => fmt::relative(ctx.now, t),
            Some(t) => fmt::rfc3339(t),
            None => String::new(),
        };
        let age = match i.paged_at {
            Some(p) if tty => human_duration((ctx.now - p).max(chrono::Duration::zero())),
            Some(p) => fmt::rfc3339(p),
            None => String::new(),
        };
        let mut public = match i.last_announce_at {
            Some(t) if tty => format!("{} ({})", fmt::relative(ctx.now, t), i.public_status),
            Some(t) => fmt::rfc3339(t),
            None if tty => "never".into(),
            None => String::new(),
        };
        if v.update_due && tty {
            public.push_str(" · update due");
        }
        let acked = match (i.acked_at, tty) {
            (Some(_), true) => {
                Cell::new(format!("{} {}", when(i.acked_at), i.acked_by), Tone::Good)
            }
            (Some(_), false) => when(i.acked_at).into(),
            (None, true) => Cell::new("no", Tone::Bad),
            (None, false) => String::new().into(),
        };
        let urgency_tone = if i.urgency == "high" {
            Tone::Bad
        } else {
            Tone::Warn
        };
        t.row(vec![
            Cell::new(i.id.clone(), Tone::Bold),
            i.service.clone().into(),
            Cell::new(i.urgency.clone(), urgency_tone),
            age.into(),
            Cell::new(
                i.level.to_string(),
                if i.level > 1 { Tone::Warn } else { Tone::Plain },
            ),
            acked,
            v.ticket.clone().unwrap_or_default().into(),
            Cell::new(
                public,
                if v.update_due {
                    Tone::Warn
                } else if i.last_announce_at.is_none() {
                    Tone::Dim
                } else {
                    Tone::Plain
                },
            ),
            i.summary.clone().into(),
        ]);
    }
    ctx.ui.print(&ctx.ui.table(&t))?;
    for v in views.iter().filter(|v| v.update_due) {
        let since = v
            .since_public_update_seconds
            .map_or("no public update yet".to_string(), |s| {
                format!(
                    "no public update for {}",
                    human_duration(chrono::Duration::seconds(s))
                )
            });
        ctx.ui.hint(&format!(
            "{}: {since} (update every {}): `oncall announce {} \"...\"`",
            v.id,
            human_duration(every),
            v.id
        ));
    }
    Ok(())
}

fn view(
    i: &Incident,
    now: DateTime<Utc>,
    jira_url: Option<&str>,
    every: chrono::Duration,
) -> StatusView {
    let last = i.last_announce_at.or(i.paged_at);
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    StatusView {
        id: i.id.clone(),
        service: i.service.clone(),
        urgency: i.urgency.clone(),
        summary: i.summary.clone(),
        source: i.source.clone(),
        paged_at: i.paged_at.map(fmt::rfc3339),
        age_seconds: i.paged_at.map(|p| (now - p).num_seconds()),
        level: i.level.max(1),
        manager: i.manager.clone(),
        engineer: i.engineer.clone(),
        acked_at: i.acked_at.map(fmt::rfc3339),
        acked_by: opt(&i.acked_by),
        ticket: opt(&i.ticket),
        ticket_url: jira_url
            .filter(|_| !i.ticket.is_empty())
            .map(|u| format!("{u}/browse/{}", i.ticket)),
        public_status: opt(&i.public_status),
        last_public_update: i.last_announce_at.map(fmt::rfc3339),
        since_public_update_seconds: i.last_announce_at.map(|t| (now - t).num_seconds()),
        update_due: i.public_status != "resolved" && last.is_some_and(|t| now - t > every),
        update_every_seconds: every.num_seconds(),
    }
}
