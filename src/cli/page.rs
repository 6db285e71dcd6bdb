//! `oncall page`: record a page in the log with who held each role at that time, open its
//! Jira ticket, and print the incident id and ticket URL. With `--from`, map an alert payload
//! (Alertmanager, Grafana, PagerDuty, Opsgenie) to pages, one per alert group, deduplicated.

use std::io::Read;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::lifecycle::{Session, finish};
use crate::alerts::{self, Source};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::incident::ingest::{self, Action, Outcome};
use crate::incident::{EventKind, Replay, id};
use crate::output::{Cell, Table, Tone, fmt};
use crate::schedule::{Schedule, Urgency};

#[derive(Debug, Args)]
pub struct PageArgs {
    /// The service that is down (a name from [services]); with --from, the payload file
    /// (`-` or nothing: standard input)
    #[arg(value_name = "SERVICE")]
    target: Option<String>,
    /// What is wrong, in one line
    #[arg(long, short, value_name = "TEXT", required_unless_present = "from")]
    summary: Option<String>,
    /// high: page now, any hour; low: can wait for office hours (default: the service's)
    #[arg(long, value_enum)]
    urgency: Option<UrgencyArg>,
    /// When it happened, for a page written down after the fact (default: now)
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Read an alert payload instead: one page per alert group, deduplicated on its group key
    #[arg(long, value_enum, value_name = "SOURCE", conflicts_with_all = ["summary", "urgency"])]
    from: Option<SourceArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum UrgencyArg {
    High,
    Low,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum SourceArg {
    Alertmanager,
    Grafana,
    Pagerduty,
    Opsgenie,
}

impl From<SourceArg> for Source {
    fn from(s: SourceArg) -> Source {
        match s {
            SourceArg::Alertmanager => Source::Alertmanager,
            SourceArg::Grafana => Source::Grafana,
            SourceArg::Pagerduty => Source::Pagerduty,
            SourceArg::Opsgenie => Source::Opsgenie,
        }
    }
}

/// `--json` output of a manual page.
#[derive(Serialize)]
struct PageView {
    incident: String,
    time: String,
    service: String,
    urgency: String,
    summary: String,
    manager: String,
    engineer: String,
    ticket: Option<String>,
    ticket_url: Option<String>,
    /// Set for a low-urgency page outside office hours: when the office opens.
    can_wait_until: Option<String>,
}

pub fn run(ctx: &Ctx, args: &PageArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    match args.from {
        Some(from) => from_payload(&session, from.into(), args),
        None => manual(&session, args),
    }
}

fn manual(session: &Session<'_>, args: &PageArgs) -> Result<()> {
    let (ctx, s) = (session.ctx, &session.s);
    let service = args
        .target
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_string();
    check_service(s, &service)?;
    let summary = args
        .summary
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_string();
    if summary.is_empty() {
        return Err(Error::usage("`--summary` is empty").hint("say what is wrong, in one line"));
    }
    let at = session.at(args.at.as_deref())?;
    let urgency = match args.urgency {
        Some(UrgencyArg::High) => Urgency::High,
        Some(UrgencyArg::Low) => Urgency::Low,
        None => s
            .services
            .get(&service)
            .map(|sv| sv.urgency)
            .unwrap_or_default(),
    };
    // A new id only has to differ from every id in the log: no incident is needed whole.
    let ids_only = Replay::focused(|_| false);
    let (event, _) = session
        .log
        .append_with_replay(ids_only, |replay, damaged| {
            super::lifecycle::warn_damaged(&ctx.ui, damaged);
            let id = id::random_id(replay, id::os_random);
            let mut e = ingest::row(s, EventKind::Page, &id, at, &session.actor);
            e.service.clone_from(&service);
            e.urgency = urgency.to_string();
            e.level = Some(1);
            e.summary.clone_from(&summary);
            e.source = "manual".into();
            Ok((vec![e.clone()], e))
        })?;
    let mut replay = Replay::new();
    replay.apply(event.as_ref());
    let inc = replay
        .get(&event.incident)
        .ok_or_else(|| Error::new("the page just written cannot be read back"))?;
    let tickets = session.tickets();
    let ticket = tickets.ensure(inc, None);
    let ticket_url = ticket.as_deref().and_then(|k| tickets.url(k));
    let wait = (urgency == Urgency::Low && !s.hours.is_open(s.team.tz, at))
        .then(|| s.hours.next_open(s.team.tz, at))
        .flatten();
    let view = PageView {
        incident: event.incident.clone(),
        time: fmt::rfc3339(at),
        service,
        urgency: urgency.to_string(),
        summary,
        manager: event.manager.clone(),
        engineer: event.engineer.clone(),
        ticket: ticket.clone(),
        ticket_url: ticket_url.clone(),
        can_wait_until: wait.map(fmt::rfc3339),
    };
    if let Some(open) = wait {
        ctx.ui.status(&format!(
            "low urgency, outside office hours: this can wait until the office opens {} ({})",
            fmt::stamp(open, s.team.tz),
            fmt::relative(ctx.now, open)
        ));
    }
    for (role, who) in [("manager", &event.manager), ("engineer", &event.engineer)] {
        if who.is_empty() {
            ctx.ui.warn(&format!(
                "nobody is {role} at that time: the schedule has a gap"
            ));
        }
    }
    if ctx.ui.json {
        ctx.ui.json(&view)?;
    } else if ctx.ui.is_tty() {
        ctx.ui.print(&human(session, &view))?;
    } else {
        let cells = [
            view.incident.as_str(),
            view.ticket.as_deref().unwrap_or_default(),
            view.ticket_url.as_deref().unwrap_or_default(),
        ];
        ctx.ui.println(&cells.join("\t"))?;
    }
    finish(&ctx.ui, &tickets)
}

fn human(session: &Session<'_>, v: &PageView) -> String {
    let (ui, s) = (&session.ctx.ui, &session.s);
    let mut out = format!(
        "{} {}  {} ({}): {}\n",
        ui.paint(Tone::Bad, "paged"),
        ui.paint(Tone::Bold, &v.incident),
        v.service,
        v.urgency,
        v.summary
    );
    let mut t = Table::new(&["ROLE", "WHO", "CONTACT"]);
    for (role, id) in [
        ("Incident Manager", &v.manager),
        ("Incident Engineer", &v.engineer),
    ] {
        let contact = s.person(id).map_or_else(String::new, |p| {
            [&p.phone, &p.chat, &p.email]
                .into_iter()
                .filter_map(|c| c.as_deref())
                .collect::<Vec<_>>()
                .join("  ")
        });
        let who = if id.is_empty() {
            Cell::new("nobody", Tone::Warn)
        } else {
            Cell::new(s.name_of(id), Tone::Bold)
        };
        t.row(vec![role.into(), who, contact.into()]);
    }
    out.push_str(&ui.table(&t));
    match (&v.ticket, &v.ticket_url) {
        (Some(k), Some(u)) => out.push_str(&format!("ticket  {k}  {u}\n")),
        (Some(k), None) => out.push_str(&format!("ticket  {k}\n")),
        _ => {}
    }
    out
}

/// Manual pages name a service from `[services]` (when the file lists any), so a typo at
/// 4am does not start a separate history.
fn check_service(s: &Schedule, service: &str) -> Result<()> {
    if service.is_empty() {
        return Err(Error::usage(
            "which service? `oncall page SERVICE --summary TEXT`",
        ));
    }
    if s.services.is_empty() || s.services.contains_key(service) {
        return Ok(());
    }
    let mut e = Error::usage(format!("unknown service `{service}`"));
    if let Some(n) = crate::schedule::load::nearest(service, s.services.keys().map(String::as_str))
    {
        e = e.hint(format!("did you mean `{n}`?"));
    }
    let names: Vec<&str> = s.services.keys().map(String::as_str).collect();
    Err(e.hint(format!("services: {}", names.join(", "))))
}

/// `--json` output of one alert group.
#[derive(Serialize)]
pub(super) struct OutcomeView {
    pub incident: String,
    pub action: &'static str,
    pub service: String,
    pub summary: String,
    pub ticket: Option<String>,
}

pub(super) fn action_name(a: &Action) -> &'static str {
    match a {
        Action::Paged => "paged",
        Action::AlreadyOpen => "already-open",
        Action::Acknowledged => "acknowledged",
        Action::AlreadyAcknowledged => "already-acknowledged",
        Action::Resolved => "resolved",
        Action::NotResolvedTruncated(_) => "not-resolved-truncated",
        Action::NothingOpen => "nothing-open",
    }
}

pub(super) fn outcome_views(outcomes: &[Outcome], replay: &Replay) -> Vec<OutcomeView> {
    outcomes
        .iter()
        .map(|o| {
            let inc = replay.get(&o.id);
            OutcomeView {
                incident: o.id.clone(),
                action: action_name(&o.action),
                service: inc.map_or_else(
                    || o.signal.service.clone().unwrap_or_default(),
                    |i| i.service.clone(),
                ),
                summary: o.signal.summary.clone(),
                ticket: inc.map(|i| i.ticket.clone()).filter(|t| !t.is_empty()),
            }
        })
        .collect()
}

fn from_payload(session: &Session<'_>, source: Source, args: &PageArgs) -> Result<()> {
    let ctx = session.ctx;
    let body = read_payload(args.target.as_deref())?;
    let signals = alerts::parse(source, &body, &session.s.alerts).map_err(|e| {
        Error::new(format!("cannot read the {} payload", source.as_str()))
            .cause(e)
            .hint("nothing was written to the log")
    })?;
    if signals.is_empty() {
        ctx.ui.status(&format!(
            "the {} payload has no incident news (nothing to page or resolve)",
            source.as_str()
        ));
        if ctx.ui.json {
            ctx.ui.json(&Vec::<OutcomeView>::new())?;
        }
        return Ok(());
    }
    let at = session.at(args.at.as_deref())?;
    let (outcomes, _) = session.log.append_with(|replay, damaged| {
        super::lifecycle::warn_damaged(&ctx.ui, damaged);
        let (events, outcomes) =
            ingest::plan(&signals, source, replay, &session.s, at, &session.actor);
        Ok((events, outcomes))
    })?;
    let tickets = session.tickets();
    let (replay, _) = session.log.replay()?;
    tickets.follow(&outcomes, &replay);
    let (replay, _) = session.log.replay()?;
    let views = outcome_views(&outcomes, &replay);
    if ctx.ui.json {
        ctx.ui.json(&views)?;
    } else {
        let mut t = Table::new(&["INCIDENT", "ACTION", "SERVICE", "TICKET", "SUMMARY"]);
        for v in &views {
            let tone = match v.action {
                "paged" => Tone::Bad,
                "resolved" => Tone::Good,
                _ => Tone::Dim,
            };
            t.row(vec![
                Cell::new(v.incident.clone(), Tone::Bold),
                Cell::new(v.action, tone),
                v.service.clone().into(),
                v.ticket.clone().unwrap_or_default().into(),
                v.summary.clone().into(),
            ]);
        }
        ctx.ui.print(&ctx.ui.table(&t))?;
    }
    finish(&ctx.ui, &tickets)
}

/// The payload from a file, or standard input for `-` or no file. Capped at 16 MiB.
fn read_payload(file: Option<&str>) -> Result<Vec<u8>> {
    const MAX: u64 = 16 * 1024 * 1024;
    let mut body = Vec::new();
    let read = match file {
        None | Some("-") => std::io::stdin().take(MAX + 1).read_to_end(&mut body),
        Some(path) => std::fs::File::open(path)
            .and_then(|f| f.take(MAX + 1).read_to_end(&mut body))
            .map_err(|e| std::io::Error::new(e.kind(), format!("`{path}`: {e}"))),
    };
    read.map_err(|e| Error::new("cannot read the alert payload").cause(e))?;
    if body.len() as u64 > MAX {
        return Err(Error::new("the alert payload is larger than 16 MiB"));
    }
    Ok(body)
}
