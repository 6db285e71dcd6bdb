//! `check`: the lint over a schedule and a window of time. Pure: the caller says which
//! runbook files exist. Errors and warnings fail the check; info findings are for a look only.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::model::{Role, Schedule};
use super::resolve::{role_shifts, shifts};
use super::time::{LocalKind, format_duration, local_kind, to_local};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One thing `check` found.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable machine name: `invalid`, `no-rotation`, `gap`, `same-person`, `unavailable`,
    /// `contact`, `runbook`, `dst`, `override-overlap`, `escalation`.
    pub kind: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(serialize_with = "ser_time")]
    pub start: Option<DateTime<Utc>>,
    #[serde(serialize_with = "ser_time")]
    pub end: Option<DateTime<Utc>>,
    pub person: Option<String>,
    pub role: Option<Role>,
    pub hint: Option<String>,
    /// `file:line:col`, for problems in the file itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

fn ser_time<S: serde::Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_some(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        None => s.serialize_none(),
    }
}

impl Finding {
    pub fn new(kind: &'static str, severity: Severity, message: String) -> Self {
        Finding {
            kind,
            severity,
            message,
            start: None,
            end: None,
            person: None,
            role: None,
            hint: None,
            location: None,
        }
    }
    fn span(mut self, start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>) -> Self {
        self.start = start;
        self.end = end;
        self
    }
    fn who(mut self, person: Option<&str>, role: Option<Role>) -> Self {
        self.person = person.map(str::to_string);
        self.role = role;
        self
    }
    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Lints `s` over `[from, to)`. `fmt_time` renders an instant for messages.
pub fn lint(
    s: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    runbook_exists: impl Fn(&str) -> bool,
    fmt_time: impl Fn(DateTime<Utc>) -> String,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if s.rotations.is_empty() {
        out.push(
            Finding::new(
                "no-rotation",
                Severity::Error,
                "there is no [[rotation]]: nobody is ever on call".into(),
            )
            .hint("add a [[rotation]] with `start`, `every` and `pairs`"),
        );
    }
    gaps(s, from, to, &fmt_time, &mut out);
    same_person(s, from, to, &fmt_time, &mut out);
    unavailable(s, from, to, &fmt_time, &mut out);
    override_overlaps(s, from, to, &fmt_time, &mut out);
    contacts(s, from, &mut out);
    escalation(s, &mut out);
    for svc in s.services.values() {
        if !runbook_exists(&svc.runbook) {
            out.push(
                Finding::new(
                    "runbook",
                    Severity::Warning,
                    format!("service `{}` has no runbook at `{}`", svc.name, svc.runbook),
                )
                .hint(format!(
                    "write `{}`: what the service does, its dashboards, and what to try first",
                    svc.runbook
                )),
            );
        }
    }
    dst(s, from, to, &fmt_time, &mut out);
    out.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.start.cmp(&b.start)));
    out
}

fn clip(t: Option<DateTime<Utc>>, from: DateTime<Utc>, to: DateTime<Utc>) -> Option<DateTime<Utc>> {
    t.map(|t| t.clamp(from, to))
}

fn gaps(
    s: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    f: &impl Fn(DateTime<Utc>) -> String,
    out: &mut Vec<Finding>,
) {
    if s.rotations.is_empty() {
        return;
    }
    for role in Role::BOTH {
        for rs in role_shifts(s, role, from, to)
            .into_iter()
            .filter(|r| r.holder.is_none())
        {
            let start = rs.start.map_or(from, |t| t.max(from));
            let until = rs
                .end
                .map_or_else(|| "for good".to_string(), |e| format!("until {}", f(e)));
            out.push(
                Finding::new(
                    "gap",
                    Severity::Error,
                    format!("nobody is {role} from {} {until}", f(start)),
                )
                .span(Some(start), clip(rs.end, from, to))
                .who(None, Some(role))
                .hint(format!(
                    "`oncall override add --role {role} --person ID --start ... --end ...` fills it"
                )),
            );
        }
    }
}

fn same_person(
    s: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    f: &impl Fn(DateTime<Utc>) -> String,
    out: &mut Vec<Finding>,
) {
    for sh in shifts(s, from, to) {
        if let (Some(m), Some(e)) = (sh.manager, sh.engineer)
            && m.person == e.person
        {
            let start = sh.start.map_or(from, |t| t.max(from));
            let end = sh.end.map_or(to, |t| t.min(to));
            out.push(
                Finding::new(
                    "same-person",
                    Severity::Error,
                    format!(
                        "{} is both manager and engineer from {} until {}",
                        m.person,
                        f(start),
                        f(end)
                    ),
                )
                .span(Some(start), Some(end))
                .who(Some(m.person), None)
                .hint("the pair needs two people: add an override for one of the roles"),
            );
        }
    }
}

fn unavailable(
    s: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    f: &impl Fn(DateTime<Utc>) -> String,
    out: &mut Vec<Finding>,
) {
    for u in s
        .unavailable
        .iter()
        .filter(|u| u.end > from && u.start < to)
    {
        let (a, b) = (u.start.max(from), u.end.min(to));
        for role in Role::BOTH {
            for rs in role_shifts(s, role, a, b) {
                if rs.holder.is_some_and(|h| h.person == u.person) {
                    let start = rs.start.map_or(a, |t| t.max(a));
                    let end = rs.end.map_or(b, |t| t.min(b));
                    let why = u
                        .reason
                        .as_deref()
                        .map_or_else(String::new, |r| format!(" ({r})"));
                    out.push(
                        Finding::new(
                            "unavailable",
                            Severity::Warning,
                            format!("{} is unavailable{why} but is {role} from {} until {}", u.person, f(start), f(end)),
                        )
                        .span(Some(start), Some(end))
                        .who(Some(&u.person), Some(role))
                        .hint(format!("find cover: `oncall override add --role {role} --person ID --start ... --end ...`")),
                    );
                }
            }
        }
    }
}

fn override_overlaps(
    s: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    f: &impl Fn(DateTime<Utc>) -> String,
    out: &mut Vec<Finding>,
) {
    for (i, a) in s.overrides.iter().enumerate() {
        for (j, b) in s.overrides.iter().enumerate().skip(i + 1) {
            let (start, end) = (a.start.max(b.start), a.end.min(b.end));
            if a.role == b.role && start < end && end > from && start < to {
                out.push(
                    Finding::new(
                        "override-overlap",
                        Severity::Warning,
                        format!(
                            "overrides {} ({}) and {} ({}) both cover {} from {} until {}; the later one wins",
                            i + 1, a.person, j + 1, b.person, a.role, f(start), f(end)
                        ),
                    )
                    .span(Some(start), Some(end))
                    .who(Some(&b.person), Some(a.role))
                    .hint("`oncall override list --all` shows them; remove the one that is stale"),
                );
            }
        }
    }
}

/// Everyone who can be paged at some level from `from` on needs a phone and an email.
fn contacts(s: &Schedule, from: DateTime<Utc>, out: &mut Vec<Finding>) {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for (i, r) in s.rotations.iter().enumerate() {
        let ends = s.rotations.get(i + 1).map(|n| n.start);
        if ends.is_none_or(|e| e > from) {
            ids.extend(r.slots.members().into_iter().map(|(_, p)| p));
        }
    }
    ids.extend(
        s.overrides
            .iter()
            .filter(|o| o.end > from)
            .map(|o| o.person.as_str()),
    );
    ids.extend(
        s.escalation
            .iter()
            .flat_map(|l| l.people.iter().map(String::as_str)),
    );
    ids.extend(s.services.values().filter_map(|svc| svc.lead.as_deref()));
    for id in ids {
        let Some(p) = s.person(id) else { continue };
        let missing: Vec<&str> = [("phone", &p.phone), ("email", &p.email)]
            .into_iter()
            .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
            .map(|(k, _)| k)
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    "contact",
                    Severity::Warning,
                    format!("{id} can be paged but has no {}", missing.join(" or ")),
                )
                .who(Some(id), None)
                .hint(format!("add {} to [people.{id}]", missing.join(" and "))),
            );
        }
    }
}

fn escalation(s: &Schedule, out: &mut Vec<Finding>) {
    for n in [2u8, 3] {
        match s.level(n) {
            None => out.push(
                Finding::new("escalation", Severity::Warning, format!("no escalation level {n}"))
                    .hint(format!("add `level{n} = {{ name = \"...\", after = \"30m\", people = [...] }}` under [escalation]")),
            ),
            Some(l) if l.people.is_empty() => out.push(Finding::new(
                "escalation",
                Severity::Warning,
                format!("escalation level {n} ({}) has nobody in it", l.name),
            )),
            Some(_) => {}
        }
    }
}

/// Handoffs in a DST gap or overlap (warnings), and shifts made shorter or longer by a DST
/// change (info: expected, but worth telling the people on those shifts).
fn dst(
    s: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    f: &impl Fn(DateTime<Utc>) -> String,
    out: &mut Vec<Finding>,
) {
    let tz = s.team.tz;
    for (i, r) in s.rotations.iter().enumerate() {
        let era_end = s.rotations.get(i + 1).map(|n| n.start);
        let (a, b) = (from.max(r.start), era_end.map_or(to, |e| e.min(to)));
        if a >= b {
            continue;
        }
        let (k0, k1) = (r.shift_index(tz, a), r.shift_index(tz, b));
        for k in k0..=k1 {
            let step = r.every * i32::try_from(k).unwrap_or(i32::MAX);
            let local = r.start_local + step;
            let at = r.handoff(tz, k);
            if at < a || at >= b {
                continue;
            }
            let wall = local.format("%H:%M on %a %d %b");
            match local_kind(tz, local) {
                LocalKind::Gap => out.push(
                    Finding::new(
                        "dst",
                        Severity::Warning,
                        format!("handoff at {wall} does not exist (clocks spring forward); it happens at {}", f(at)),
                    )
                    .span(Some(at), None)
                    .hint("move the rotation's handoff out of 01:00-03:00 local time"),
                ),
                LocalKind::Overlap => out.push(
                    Finding::new(
                        "dst",
                        Severity::Warning,
                        format!("handoff at {wall} happens twice (clocks fall back); it is at the first, {}", f(at)),
                    )
                    .span(Some(at), None)
                    .hint("move the rotation's handoff out of 01:00-03:00 local time"),
                ),
                LocalKind::Normal => {}
            }
            let next = r.handoff(tz, k + 1);
            let real = next - at;
            if real != r.every
                && era_end.is_none_or(|e| next <= e)
                && to_local(tz, next) == local + r.every
            {
                out.push(
                    Finding::new(
                        "dst",
                        Severity::Info,
                        format!(
                            "the shift from {} is {} long, not {} (daylight-saving change)",
                            f(at),
                            format_duration(real),
                            format_duration(r.every)
                        ),
                    )
                    .span(Some(at), Some(next)),
                );
            }
        }
    }
}
