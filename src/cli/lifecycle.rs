//! What the incident commands share: the schedule, the log and the actor; looking an
//! incident up by id or prefix; `--at` for events written down after the fact; warnings for
//! damaged log rows; and turning Jira problems into warnings or an exit code.

use chrono::{DateTime, Utc};

use crate::app::Ctx;
use crate::error::{Error, Kind, Result};
use crate::incident::{Damaged, Incident, Log, Lookup, Replay};
use crate::output::Ui;
use crate::schedule::Schedule;
use crate::tickets::{ProblemKind, Tickets};

/// The schedule, the log and who is running the command.
pub(super) struct Session<'c> {
    pub ctx: &'c Ctx,
    pub s: Schedule,
    pub log: Log,
    pub actor: String,
}

impl<'c> Session<'c> {
    pub fn open(ctx: &'c Ctx) -> Result<Session<'c>> {
        let s = ctx.schedule(None)?;
        let log = Log::new(ctx.root()?);
        let actor = ctx.actor(&s);
        Ok(Session { ctx, s, log, actor })
    }

    pub fn tickets(&self) -> Tickets<'_> {
        Tickets::new(&self.s, &self.log, &self.ctx.ui, &self.actor, self.ctx.now)
    }

    /// `--at`, or now. A time in the future is refused: these flags record the past.
    pub fn at(&self, at: Option<&str>) -> Result<DateTime<Utc>> {
        super::parse_past_time(&self.s, self.ctx, at)
    }
}

/// One warning per row a reader skipped.
pub(super) fn warn_damaged(ui: &Ui, damaged: &[Damaged]) {
    for d in damaged {
        ui.warn(&d.to_string());
    }
}

/// The incident with this id or unique id prefix.
pub(super) fn find<'r>(replay: &'r Replay, id: &str) -> Result<&'r Incident> {
    let id = id.trim();
    replay.find(id).map_err(|e| match e {
        Lookup::NotFound => {
            let open = replay.open_ids();
            let mut err = Error::new(format!("no incident `{id}` in the page log"));
            if !open.is_empty() {
                err = err.hint(format!("open incidents: {}", open.join(", ")));
            }
            err.hint("`oncall status` lists open incidents; `oncall sync` fetches teammates' pages")
        }
        Lookup::Ambiguous(ids) => Error::new(format!("`{id}` matches several incidents"))
            .cause(ids.join(", "))
            .hint("type more of the id"),
    })
}

/// Refuses to change an incident that is over.
pub(super) fn require_open(inc: &Incident, what: &str) -> Result<()> {
    if inc.is_open() {
        return Ok(());
    }
    Err(
        Error::new(format!("incident {} is resolved; cannot {what} it", inc.id))
            .hint("page again if it is back: `oncall page SERVICE --summary ...`"),
    )
}

/// Refuses an `--at` before the incident was paged.
pub(super) fn require_after_page(inc: &Incident, at: DateTime<Utc>) -> Result<()> {
    match inc.paged_at {
        Some(p) if at < p => Err(Error::usage(format!(
            "`--at` {} is before incident {} was paged ({})",
            crate::output::fmt::rfc3339(at),
            inc.id,
            crate::output::fmt::rfc3339(p)
        ))
        .hint("give a time after the page (RFC 3339, or `YYYY-MM-DD HH:MM` in the team zone), or leave `--at` out for now")),
        _ => Ok(()),
    }
}

/// Jira problems: warnings when Jira is down (exit 0), an error when credentials are missing
/// or refused (exit 4) or Jira refused the request (exit 1). The log is written either way.
pub(super) fn finish(ui: &Ui, tickets: &Tickets<'_>) -> Result<()> {
    let problems = tickets.problems();
    let Some(worst) = problems.iter().map(|p| p.kind).max() else {
        return Ok(());
    };
    let mut pending: Vec<String> = problems.iter().map(|p| p.incident.clone()).collect();
    pending.sort();
    pending.dedup();
    let sync_hint = format!(
        "the log has the event; the ticket for {} is pending: the next command on it, or `oncall sync`, makes it",
        pending.join(", ")
    );
    if worst == ProblemKind::Down {
        for p in &problems {
            ui.warn(&format!("Jira: {}", p.message));
            for h in &p.hints {
                ui.hint(h);
            }
        }
        ui.hint(&sync_hint);
        return Ok(());
    }
    let mut e =
        Error::new("Jira: the ticket is pending").with_kind(if worst == ProblemKind::Credentials {
            Kind::Credentials
        } else {
            Kind::Failure
        });
    let mut causes: Vec<&str> = Vec::new();
    for p in &problems {
        if !causes.contains(&p.message.as_str()) {
            causes.push(&p.message);
            e = e.cause(&p.message);
        }
    }
    let mut hints: Vec<String> = Vec::new();
    for h in problems.iter().flat_map(|p| p.hints.iter()) {
        if !hints.contains(h) {
            hints.push(h.clone());
        }
    }
    for h in hints {
        e = e.hint(h);
    }
    Err(e.hint(sync_hint))
}

/// Appends the row `build` makes for incident `id` (looked up and checked under the log's
/// lock, so two people resolving at once cannot both succeed), then returns the incident as
/// the log now tells it and the row (`None`: `build` decided there was nothing to write).
pub(super) fn update(
    session: &Session<'_>,
    id: &str,
    build: impl FnOnce(&Incident) -> Result<Option<crate::incident::Event>>,
) -> Result<(Incident, Option<crate::incident::Event>)> {
    // Only the incidents whose id starts with what was typed are folded whole: the rest of
    // the log is kept as a brief, however many years it holds.
    let prefix = id.trim().to_string();
    let replay = Replay::focused(move |i| i.starts_with(prefix.as_str()));
    let (written, _) = session.log.append_with_replay(replay, |replay, damaged| {
        warn_damaged(&session.ctx.ui, damaged);
        let inc = find(replay, id)?;
        let event = build(inc)?;
        // The incident as the log now tells it: the new row folded in, no second read.
        let mut after = inc.clone();
        if let Some(e) = &event {
            after.apply(&e.as_ref());
        }
        Ok((event.iter().cloned().collect(), (after, event)))
    })?;
    Ok(written)
}

/// A row about `inc`, carrying its service, urgency and level.
pub(super) fn follow_up(
    session: &Session<'_>,
    kind: crate::incident::EventKind,
    inc: &Incident,
    at: DateTime<Utc>,
) -> crate::incident::Event {
    let mut e = crate::incident::ingest::row(&session.s, kind, &inc.id, at, &session.actor);
    e.service.clone_from(&inc.service);
    e.urgency.clone_from(&inc.urgency);
    e.level = Some(inc.level.max(1));
    e.source = "manual".into();
    e
}

/// `--json` output of ack, escalate, note and resolve.
#[derive(serde::Serialize)]
struct UpdateView<'a> {
    incident: &'a str,
    event: Option<&'a str>,
    time: Option<String>,
    level: u8,
    open: bool,
    ticket: Option<&'a str>,
    ticket_url: Option<String>,
}

/// Reports what an update did: JSON on stdout with `--json`, a status line otherwise.
pub(super) fn report(
    session: &Session<'_>,
    tickets: &Tickets<'_>,
    inc: &Incident,
    event: Option<&crate::incident::Event>,
    line: &str,
) -> Result<()> {
    let ui = &session.ctx.ui;
    let ticket = (!inc.ticket.is_empty()).then_some(inc.ticket.as_str());
    if ui.json {
        ui.json(&UpdateView {
            incident: &inc.id,
            event: event.map(|e| e.kind.as_str()),
            time: event.map(|e| crate::output::fmt::rfc3339(e.time)),
            level: inc.level,
            open: inc.is_open(),
            ticket,
            ticket_url: ticket.and_then(|k| tickets.url(k)),
        })?;
    } else {
        let mut line = line.to_string();
        if let Some(k) = ticket {
            line.push_str(&format!(" [{k}]"));
        }
        ui.status(&line);
    }
    finish(ui, tickets)
}
