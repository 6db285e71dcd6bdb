//! `oncall who`: the pair on call now or at `--at`, with contacts, local times, the shift's
//! end, the next pair, and escalation levels 2 and 3. Offline: reads only `schedule.toml`.

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::Result;
use crate::output::{Cell, Table, Tone, fmt};
use crate::schedule::Role;
use crate::schedule::model::{Level, Schedule};
use crate::schedule::resolve::{self, Holder, Source};
use crate::schedule::time::format_duration;

#[derive(Debug, Args)]
pub struct WhoArgs {
    /// The time to look at (default: now), e.g. `2026-12-24 03:00` or `+8h`
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Read schedule.toml as of this git revision (e.g. `origin/main`)
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
}

/// `--json` output. `at`, `manager.id`, `manager.name`, `engineer.id`, `engineer.name`,
/// `shift.start`, `shift.end`, `escalation[].level`, `escalation[].people[]` are stable.
#[derive(Serialize)]
struct WhoView {
    at: String,
    team: TeamView,
    manager: Option<OnCall>,
    engineer: Option<OnCall>,
    shift: Span,
    next: Option<Next>,
    escalation: Vec<LevelView>,
}

#[derive(Serialize)]
struct TeamView {
    name: String,
    timezone: String,
}

#[derive(Serialize)]
pub(super) struct Contact {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub chat: Option<String>,
    pub timezone: String,
    /// Their wall clock at `at`, RFC 3339 with their offset.
    pub local_time: String,
}

#[derive(Serialize)]
struct OnCall {
    #[serde(flatten)]
    contact: Contact,
    /// When this person took the role, and when they hand it on.
    since: Option<String>,
    until: Option<String>,
    /// `rotation` or `override`.
    source: &'static str,
    reason: Option<String>,
}

#[derive(Serialize)]
struct Span {
    start: Option<String>,
    end: Option<String>,
}

#[derive(Serialize)]
struct Next {
    start: Option<String>,
    manager: Option<Contact>,
    engineer: Option<Contact>,
}

#[derive(Serialize)]
struct LevelView {
    level: u8,
    name: String,
    after: Option<String>,
    after_seconds: Option<i64>,
    people: Vec<String>,
    contacts: Vec<Contact>,
}

pub fn run(ctx: &Ctx, args: &WhoArgs) -> Result<()> {
    let s = ctx.schedule(args.rev.as_deref())?;
    let at = super::parse_time(&s, ctx, "--at", args.at.as_deref())?;
    let view = build(&s, at);
    for (role, holder) in [("manager", &view.manager), ("engineer", &view.engineer)] {
        if holder.is_none() {
            ctx.ui.warn(&format!(
                "nobody is {role} at {}: the schedule has a gap (`oncall check` lists gaps)",
                fmt::stamp(at, s.team.tz)
            ));
        }
    }
    if ctx.ui.json {
        ctx.ui.json(&view)
    } else if ctx.ui.is_tty() {
        ctx.ui.print(&human(ctx, &s, &view, at))
    } else {
        ctx.ui.print(&ctx.ui.table(&rows(&view)))
    }
}

fn build(s: &Schedule, at: DateTime<Utc>) -> WhoView {
    let shift = resolve::shift_at(s, at);
    let on_call = |role: Role| {
        let rs = resolve::role_shift_at(s, role, at);
        rs.holder.map(|h| OnCall {
            contact: contact(s, h.person, at),
            since: rs.start.map(fmt::rfc3339),
            until: rs.end.map(fmt::rfc3339),
            source: source_name(h),
            reason: reason(s, h),
        })
    };
    let next = shift.end.map(|end| {
        let n = resolve::shift_at(s, end);
        Next {
            start: Some(fmt::rfc3339(end)),
            manager: n.manager.map(|h| contact(s, h.person, at)),
            engineer: n.engineer.map(|h| contact(s, h.person, at)),
        }
    });
    WhoView {
        at: fmt::rfc3339(at),
        team: TeamView {
            name: s.team.name.clone(),
            timezone: s.team.tz.name().to_string(),
        },
        manager: on_call(Role::Manager),
        engineer: on_call(Role::Engineer),
        shift: Span {
            start: shift.start.map(fmt::rfc3339),
            end: shift.end.map(fmt::rfc3339),
        },
        next,
        escalation: s.escalation.iter().map(|l| level_view(s, l, at)).collect(),
    }
}

pub(super) fn contact(s: &Schedule, id: &str, at: DateTime<Utc>) -> Contact {
    let tz = s.zone_of(id);
    let p = s.person(id);
    Contact {
        id: id.to_string(),
        name: s.name_of(id).to_string(),
        email: p.and_then(|p| p.email.clone()),
        phone: p.and_then(|p| p.phone.clone()),
        chat: p.and_then(|p| p.chat.clone()),
        timezone: tz.name().to_string(),
        local_time: at
            .with_timezone(&tz)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

pub(super) fn source_name(h: Holder<'_>) -> &'static str {
    match h.source {
        Source::Rotation { .. } => "rotation",
        Source::Override { .. } => "override",
    }
}

pub(super) fn reason(s: &Schedule, h: Holder<'_>) -> Option<String> {
    match h.source {
        Source::Override { index } => s.overrides.get(index).and_then(|o| o.reason.clone()),
        Source::Rotation { .. } => None,
    }
}

fn level_view(s: &Schedule, l: &Level, at: DateTime<Utc>) -> LevelView {
    LevelView {
        level: l.level,
        name: l.name.clone(),
        after: l.after.map(format_duration),
        after_seconds: l.after.map(|d| d.num_seconds()),
        people: l.people.clone(),
        contacts: l.people.iter().map(|p| contact(s, p, at)).collect(),
    }
}

/// Tab-separated rows for scripts: role, id, name, phone, email, chat, their local time, and
/// until (on call) / from (next) / after (levels).
fn rows(v: &WhoView) -> Table {
    let mut t = Table::new(&[
        "ROLE",
        "ID",
        "NAME",
        "PHONE",
        "EMAIL",
        "CHAT",
        "LOCAL TIME",
        "WHEN",
    ]);
    let mut push = |role: &str, c: &Contact, when: Option<&str>| {
        t.row(
            [
                role,
                &c.id,
                &c.name,
                opt(&c.phone),
                opt(&c.email),
                opt(&c.chat),
                &c.local_time,
                when.unwrap_or(""),
            ]
            .map(Cell::from)
            .to_vec(),
        );
    };
    for (role, oc) in [("manager", &v.manager), ("engineer", &v.engineer)] {
        if let Some(oc) = oc {
            push(role, &oc.contact, oc.until.as_deref());
        }
    }
    if let Some(n) = &v.next {
        for (role, c) in [("next-manager", &n.manager), ("next-engineer", &n.engineer)] {
            if let Some(c) = c {
                push(role, c, n.start.as_deref());
            }
        }
    }
    for l in &v.escalation {
        for c in &l.contacts {
            push(&format!("level{}", l.level), c, l.after.as_deref());
        }
    }
    t
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn human(ctx: &Ctx, s: &Schedule, v: &WhoView, at: DateTime<Utc>) -> String {
    let ui = &ctx.ui;
    let tz = s.team.tz;
    let parse = |t: &str| {
        DateTime::parse_from_rfc3339(t)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    };
    let local = |c: &Contact| {
        let zone = s.zone_of(&c.id);
        at.with_timezone(&zone).format("%H:%M %Z").to_string()
    };
    let mut out = format!(
        "{} on call at {}\n",
        ui.paint(Tone::Bold, &s.team.name),
        fmt::stamp(at, tz)
    );
    let mut notes = Vec::new();
    let mut t = Table::new(&["ROLE", "NAME", "PHONE", "CHAT", "LOCAL TIME", "UNTIL"]);
    for (role, oc) in [(Role::Manager, &v.manager), (Role::Engineer, &v.engineer)] {
        let title = role.title().trim_start_matches("Incident ");
        let Some(oc) = oc else {
            t.row(vec![
                Cell::new(title, Tone::Bold),
                Cell::new("nobody: gap in the schedule", Tone::Bad),
            ]);
            continue;
        };
        let c = &oc.contact;
        let until = oc
            .until
            .as_deref()
            .and_then(parse)
            .map_or_else(String::new, |u| {
                format!("{} ({})", fmt::short(u, tz), fmt::relative(at, u))
            });
        if oc.source == "override" {
            let why = oc
                .reason
                .as_deref()
                .map_or_else(String::new, |r| format!(": {r}"));
            notes.push(format!("{} is covering the {role} role{why}", c.name));
        }
        t.row(vec![
            Cell::new(title, Tone::Bold),
            Cell::new(c.name.clone(), Tone::Good),
            opt(&c.phone).into(),
            opt(&c.chat).into(),
            local(c).into(),
            until.into(),
        ]);
    }
    for l in &v.escalation {
        let after = l
            .after
            .as_ref()
            .map_or_else(|| l.name.clone(), |a| format!("after {a} ({})", l.name));
        for c in &l.contacts {
            t.row(vec![
                Cell::new(format!("Level {}", l.level), Tone::Dim),
                c.name.clone().into(),
                opt(&c.phone).into(),
                opt(&c.chat).into(),
                local(c).into(),
                Cell::new(after.clone(), Tone::Dim),
            ]);
        }
    }
    out.push_str(&ui.table(&t));
    for n in notes {
        out.push_str(&format!("{} {n}\n", ui.paint(Tone::Accent, "note:")));
    }
    if let Some(n) = &v.next {
        let name =
            |c: &Option<Contact>| c.as_ref().map_or("nobody".to_string(), |c| c.name.clone());
        let when = n
            .start
            .as_deref()
            .and_then(parse)
            .map_or_else(String::new, |st| {
                format!("{} ({})", fmt::stamp(st, tz), fmt::relative(at, st))
            });
        out.push_str(&format!(
            "{} {} (manager) + {} (engineer) from {when}\n",
            ui.paint(Tone::Dim, "next:"),
            name(&n.manager),
            name(&n.engineer)
        ));
    }
    out
}
