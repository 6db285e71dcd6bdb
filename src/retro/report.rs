//! The retro report: everything the terminal view, `--json`, `--markdown` and `--html` show,
//! built from the collected incidents, the schedule, the weeks and the runbook history. Pure.
//!
//! Stable `--json` keys: `week`, `start`, `end`, `pages`, `by_service`, `by_urgency`,
//! `off_hours.{nights,weekends,evenings,office_hours,by_person,by_role}`,
//! `ack_seconds.{median,worst}`, `resolve_seconds.{median,worst}`,
//! `escalations.{level2,level3}`, `documented_share`, `automated_share`,
//! `morale.{mean,count,scores}`, `incidents[]`, `open_at_end[]`, `trend[]` (oldest first,
//! ending with the chosen week). Counting rules: see `stats`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::collect::Collected;
use super::stats::{self, Facts, WeekSummary};
use super::when::When;
use super::window::Week;
use crate::incident::Incident;
use crate::schedule::model::Schedule;

/// Commit times (oldest first) at which each service's runbook changed, from git.
pub type RunbookChanges = BTreeMap<String, Vec<DateTime<Utc>>>;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub team: String,
    pub timezone: String,
    pub generated_at: DateTime<Utc>,
    /// Whether the week is over; when it is not, "open at end" means "open now".
    pub complete: bool,
    #[serde(flatten)]
    pub summary: WeekSummary,
    pub by_service: BTreeMap<String, usize>,
    pub by_urgency: BTreeMap<String, usize>,
    pub runbooks: RunbookCheck,
    pub urgency_to_fix: UrgencyToFix,
    pub incidents: Vec<IncidentView>,
    pub open_at_end: Vec<OpenView>,
    pub trend: Vec<WeekSummary>,
}

/// Whether runbooks changed in git after the week's pages (evidence of documentation).
#[derive(Debug, Clone, Serialize)]
pub struct RunbookCheck {
    /// False when the on-call folder is not under git.
    pub checked: bool,
    pub incidents: usize,
    pub changed_after_page: usize,
}

/// Alerts whose urgency looks wrong (incident ids).
#[derive(Debug, Clone, Serialize)]
pub struct UrgencyToFix {
    /// Low urgency, yet paged outside office hours (team zone): could have waited.
    pub low_urgency_off_hours: Vec<String>,
    /// High urgency, resolved with no action (see `stats`): paged for nothing.
    pub high_no_action: Vec<String>,
}

/// Where a page landed on each responder's clock.
#[derive(Debug, Clone, Serialize)]
pub struct Landed {
    pub manager: Option<When>,
    pub engineer: Option<When>,
    pub pair: When,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentView {
    pub id: String,
    pub service: String,
    pub urgency: String,
    pub summary: String,
    pub source: String,
    pub ticket: Option<String>,
    pub paged_at: DateTime<Utc>,
    pub manager: Option<String>,
    pub engineer: Option<String>,
    pub acked_at: Option<DateTime<Utc>>,
    pub acked_by: Option<String>,
    pub ack_seconds: Option<i64>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolve_seconds: Option<i64>,
    pub level: u8,
    pub documented: Option<bool>,
    pub automated: Option<bool>,
    pub notes: u32,
    pub open_at_end: bool,
    pub landed: Landed,
    pub night: bool,
    pub weekend: bool,
    /// Outside office hours in the team zone.
    pub outside_office_hours: bool,
    pub runbook: String,
    /// `null` when not under git.
    pub runbook_changed_after_page: Option<bool>,
    /// The first commit changing the runbook after the page.
    pub runbook_changed_at: Option<DateTime<Utc>>,
    pub low_urgency_off_hours: bool,
    pub high_no_action: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenView {
    pub id: String,
    pub service: String,
    pub urgency: String,
    pub summary: String,
    pub ticket: Option<String>,
    pub paged_at: DateTime<Utc>,
    /// The week it was paged in.
    pub paged_week: String,
    /// How long it had been open at the end of the week (or now, if sooner).
    pub age_seconds: i64,
    pub level: u8,
    pub acked: bool,
}

/// The runbook of a service: its `runbook` setting, else `runbooks/<service>.md`.
pub fn runbook_path(s: &Schedule, service: &str) -> String {
    s.services.get(service).map_or_else(
        || format!("runbooks/{service}.md"),
        |svc| svc.runbook.clone(),
    )
}

/// Each service of the week's incidents with its earliest page in `[start, end)`: how far
/// back the runbook history has to be walked.
pub fn services_paged(
    c: &Collected,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> BTreeMap<String, DateTime<Utc>> {
    let mut out: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    for r in &c.incidents {
        if let Some(p) = r.paged_at.filter(|p| start <= *p && *p < end) {
            let e = out.entry(r.service.clone()).or_insert(p);
            *e = (*e).min(p);
        }
    }
    out
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Builds the report for `weeks` (oldest first; the last is the chosen week).
pub fn build(
    s: &Schedule,
    weeks: &[Week],
    c: &Collected,
    runbooks: Option<&RunbookChanges>,
    now: DateTime<Utc>,
) -> Report {
    let tz = s.team.tz;
    let facts: Vec<Facts> = c.incidents.iter().map(|r| stats::facts(s, r)).collect();
    let pairs: Vec<(&Incident, &Facts)> = c.incidents.iter().zip(facts.iter()).collect();
    let mut trend: Vec<WeekSummary> = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let detail = i + 1 == weeks.len();
            let span = (w.start(tz), w.end(tz));
            stats::summarize(s, w.label(), span, &pairs, &c.morale, detail)
        })
        .collect();
    let chosen = weeks
        .last()
        .copied()
        .unwrap_or_else(|| Week::containing(tz, now));
    let (start, end) = (chosen.start(tz), chosen.end(tz));
    let summary = trend.pop().unwrap_or_default();
    // The trend repeats the chosen week without its breakdowns.
    let mut short = summary.clone();
    short.off_hours.by_person = None;
    short.off_hours.by_role = None;
    short.morale.scores = None;
    trend.push(short);

    let week_of = |(r, _): &&(&Incident, &Facts)| r.paged_at.is_some_and(|p| start <= p && p < end);
    let mut by_service = BTreeMap::new();
    let mut by_urgency = BTreeMap::new();
    let mut incidents = Vec::new();
    for (r, f) in pairs.iter().filter(week_of) {
        *by_service.entry(r.service.clone()).or_insert(0) += 1;
        *by_urgency.entry(f.urgency.clone()).or_insert(0) += 1;
        incidents.push(incident_view(s, r, f, end, runbooks));
    }
    let ids = |keep: fn(&IncidentView) -> bool| -> Vec<String> {
        incidents
            .iter()
            .filter(|i| keep(i))
            .map(|i| i.id.clone())
            .collect()
    };
    let urgency_to_fix = UrgencyToFix {
        low_urgency_off_hours: ids(|i| i.low_urgency_off_hours),
        high_no_action: ids(|i| i.high_no_action),
    };
    let runbooks_check = RunbookCheck {
        checked: runbooks.is_some(),
        incidents: incidents.len(),
        changed_after_page: incidents
            .iter()
            .filter(|i| i.runbook_changed_after_page == Some(true))
            .count(),
    };
    let age_at = end.min(now);
    let open_at_end = pairs
        .iter()
        .filter(|(r, _)| r.open_at(end))
        .map(|(r, f)| {
            let paged = r.paged_at.unwrap_or_default();
            OpenView {
                id: r.id.clone(),
                service: r.service.clone(),
                urgency: f.urgency.clone(),
                summary: r.summary.clone(),
                ticket: opt(&r.ticket),
                paged_at: paged,
                paged_week: Week::containing(tz, paged).label(),
                age_seconds: (age_at - paged).num_seconds().max(0),
                level: r.level,
                acked: r.acked_at.is_some_and(|a| a < end),
            }
        })
        .collect();
    Report {
        team: s.team.name.clone(),
        timezone: tz.name().to_string(),
        generated_at: now,
        complete: end <= now,
        summary,
        by_service,
        by_urgency,
        runbooks: runbooks_check,
        urgency_to_fix,
        incidents,
        open_at_end,
        trend,
    }
}

fn incident_view(
    s: &Schedule,
    r: &Incident,
    f: &Facts,
    end: DateTime<Utc>,
    runbooks: Option<&RunbookChanges>,
) -> IncidentView {
    let paged = r.paged_at.unwrap_or_default();
    let since = |t: Option<DateTime<Utc>>| t.map(|t| (t - paged).num_seconds().max(0));
    // A service missing from the map is one whose history could not be read: unknown.
    let changed_at = runbooks
        .and_then(|rb| rb.get(&r.service))
        .map(|times| times.iter().find(|t| **t > paged).copied());
    IncidentView {
        id: r.id.clone(),
        service: r.service.clone(),
        urgency: f.urgency.clone(),
        summary: r.summary.clone(),
        source: r.source.clone(),
        ticket: opt(&r.ticket),
        paged_at: paged,
        manager: f.manager.as_ref().map(|(id, _)| id.clone()),
        engineer: f.engineer.as_ref().map(|(id, _)| id.clone()),
        acked_at: r.acked_at,
        acked_by: r.acked_at.and_then(|_| opt(&r.acked_by)),
        ack_seconds: since(r.acked_at),
        resolved_at: r.resolved_at,
        resolve_seconds: since(r.resolved_at),
        level: r.level,
        documented: r.documented,
        automated: r.automated,
        notes: r.notes,
        open_at_end: r.open_at(end),
        landed: Landed {
            manager: f.manager.as_ref().map(|(_, w)| *w),
            engineer: f.engineer.as_ref().map(|(_, w)| *w),
            pair: f.pair,
        },
        night: f.pair.night,
        weekend: f.pair.weekend,
        outside_office_hours: f.outside_team_hours,
        runbook: runbook_path(s, &r.service),
        runbook_changed_after_page: changed_at.map(|c| c.is_some()),
        runbook_changed_at: changed_at.flatten(),
        low_urgency_off_hours: f.low_urgency_off_hours,
        high_no_action: f.high_no_action,
    }
}
