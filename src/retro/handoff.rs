//! `oncall handoff`: which handoff we are at, who hands over to whom, what the outgoing shift
//! saw, what is still open, and which overrides are coming. Pure.
//!
//! The handoff meant is the nearest one in time: when less than half of the current rotation
//! shift has passed it is the one that just happened (the outgoing pair is the previous
//! shift's), otherwise the one that ends the current shift. Shifts here are the rotation's
//! (handoff to handoff); overrides change who is in them, not where they start and end.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::collect::Collected;
use super::stats;
use super::when::When;
use crate::incident::Incident;
use crate::schedule::Role;
use crate::schedule::model::{Override, Schedule};
use crate::schedule::resolve::{holder_at, rotation_shift_at};

/// Someone holding a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
}

/// A pair on call for a rotation shift.
#[derive(Debug, Clone, Serialize)]
pub struct PairShift {
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub manager: Option<Person>,
    pub engineer: Option<Person>,
}

impl PairShift {
    pub fn holder(&self, role: Role) -> Option<&Person> {
        match role {
            Role::Manager => self.manager.as_ref(),
            Role::Engineer => self.engineer.as_ref(),
        }
    }
}

/// An incident, as the handoff lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub service: String,
    pub urgency: String,
    pub summary: String,
    pub ticket: Option<String>,
    pub paged_at: DateTime<Utc>,
    pub level: u8,
    pub acked_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub open: bool,
    /// Where the page fell for the pair (see `when`).
    pub landed: When,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverrideItem {
    pub role: Role,
    pub person: Person,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub reason: Option<String>,
    /// `active` now, or `upcoming`.
    pub state: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Handoff {
    pub at: DateTime<Utc>,
    /// The handoff instant: the end of the outgoing shift, the start of the incoming one.
    pub handoff_at: Option<DateTime<Utc>>,
    pub outgoing: PairShift,
    pub incoming: PairShift,
    /// Incidents paged during the outgoing shift.
    pub pages: Vec<Item>,
    /// Incidents open now, whenever they were paged.
    pub open: Vec<Item>,
    /// Overrides active now or starting before the incoming shift ends.
    pub overrides: Vec<OverrideItem>,
}

/// The handoff instant nearest to `now` (see the module docs); `None` before any rotation.
pub fn handoff_at(s: &Schedule, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match rotation_shift_at(s, now) {
        (Some(start), Some(end)) => Some(if now - start < end - now { start } else { end }),
        (None, end) => end,
        (Some(start), None) => Some(start),
    }
}

/// The window of the log the handoff needs: the outgoing shift through now.
pub fn window(s: &Schedule, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let h = handoff_at(s, now).unwrap_or(now);
    let from = rotation_shift_at(s, h - Duration::seconds(1))
        .0
        .unwrap_or(h);
    (from.min(now), now.max(h) + Duration::seconds(1))
}

fn person(s: &Schedule, id: &str) -> Person {
    Person {
        id: id.to_string(),
        name: s.name_of(id).to_string(),
    }
}

fn pair(
    s: &Schedule,
    (start, end): (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    at: DateTime<Utc>,
) -> PairShift {
    let who = |role| holder_at(s, role, at).map(|h| person(s, h.person));
    PairShift {
        start,
        end,
        manager: who(Role::Manager),
        engineer: who(Role::Engineer),
    }
}

fn item(s: &Schedule, r: &Incident, now: DateTime<Utc>) -> Item {
    let f = stats::facts(s, r);
    Item {
        id: r.id.clone(),
        service: r.service.clone(),
        urgency: f.urgency,
        summary: r.summary.clone(),
        ticket: (!r.ticket.is_empty()).then(|| r.ticket.clone()),
        paged_at: r.paged_at.unwrap_or_default(),
        level: r.level,
        acked_at: r.acked_at,
        resolved_at: r.resolved_at,
        open: r.open_at(now + Duration::seconds(1)),
        landed: f.pair,
    }
}

/// Builds the handoff at `now` from the records collected over [`window`].
pub fn build(s: &Schedule, c: &Collected, now: DateTime<Utc>) -> Handoff {
    let h = handoff_at(s, now);
    let (outgoing, incoming) = match h {
        Some(h) => {
            let before = h - Duration::seconds(1);
            (
                pair(s, rotation_shift_at(s, before), before),
                pair(s, rotation_shift_at(s, h), h),
            )
        }
        None => (pair(s, (None, None), now), pair(s, (None, None), now)),
    };
    let in_outgoing = |r: &&Incident| match (outgoing.start, outgoing.end, r.paged_at) {
        (Some(a), Some(b), Some(p)) => a <= p && p < b,
        _ => false,
    };
    let pages = c
        .incidents
        .iter()
        .filter(in_outgoing)
        .map(|r| item(s, r, now))
        .collect();
    let open = c
        .incidents
        .iter()
        .filter(|r| r.open_at(now + Duration::seconds(1)))
        .map(|r| item(s, r, now))
        .collect();
    let horizon = incoming.end.unwrap_or(now);
    let overrides = s
        .overrides
        .iter()
        .filter(|o| o.end > now && o.start < horizon)
        .map(|o: &Override| OverrideItem {
            role: o.role,
            person: person(s, &o.person),
            start: o.start,
            end: o.end,
            reason: o.reason.clone(),
            state: if o.start <= now { "active" } else { "upcoming" },
        })
        .collect();
    Handoff {
        at: now,
        handoff_at: h,
        outgoing,
        incoming,
        pages,
        open,
        overrides,
    }
}
