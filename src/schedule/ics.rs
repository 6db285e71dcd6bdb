//! The iCalendar feed of who is on call: one event per person per role stint, with a UID that
//! stays the same between exports so calendar apps update events instead of duplicating them.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use super::model::Schedule;
use super::resolve::{RoleShift, Source};

/// The feed for `stints` (stints without a holder are skipped). `now` is the DTSTAMP.
pub fn calendar(s: &Schedule, stints: &[RoleShift<'_>], now: DateTime<Utc>) -> String {
    let slug: String = s
        .team
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // `empty()`: the crate's defaults would add a second PRODID, and RFC 5545 allows one.
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//oncall//oncall schedule//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    cal.name(&format!("{} on call", s.team.name));
    for st in stints {
        let (Some(h), Some(start), Some(end)) = (st.holder, st.start, st.end) else {
            continue;
        };
        let name = s.name_of(h.person);
        let role = st.role.title();
        let mut description = format!("{name} is the {role} for {}.", s.team.name);
        if let Source::Override { index } = h.source
            && let Some(o) = s.overrides.get(index)
        {
            let reason = o.reason.as_deref().unwrap_or("no reason given");
            description.push_str(&format!("\nOverride: {reason}"));
        }
        if let Some(p) = s.person(h.person) {
            for (k, v) in [("Phone", &p.phone), ("Email", &p.email), ("Chat", &p.chat)] {
                if let Some(v) = v {
                    description.push_str(&format!("\n{k}: {v}"));
                }
            }
        }
        // Role, person and start identify a stint; they do not change when the window moves.
        let stamp = start.format("%Y%m%dT%H%M%SZ");
        let uid = format!("{}-{}-{stamp}@{slug}.oncall", st.role, h.person);
        cal.push(
            Event::new()
                .uid(&uid)
                .summary(&format!("On call: {name} ({role})"))
                .description(&description)
                .starts(start)
                .ends(end)
                .timestamp(now)
                .done(),
        );
    }
    cal.done().to_string()
}
