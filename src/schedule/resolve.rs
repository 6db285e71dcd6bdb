//! Who holds each role at an instant, and the shifts in a range. Pure: a function of the
//! schedule and the instants it is given.
//!
//! The rules (see the spec): handoff k of a rotation is at `start + k × every` in wall-clock
//! time in the team zone, mapped to an instant by [`resolve_local`]; a later rotation cuts the
//! shift in progress at its own start; overrides win for their span and role (the last listed
//! wins among overlapping ones); shifts are half-open `[start, end)`. A shift boundary is any
//! instant at which a handoff, an era change, or an override start or end happens.

use chrono::{DateTime, Utc};

use super::model::{Role, Rotation, Schedule};
use super::time::{resolve_local, to_local};

/// How someone came to hold a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// From the rotation with this 1-based number, shift `k` of it.
    Rotation { number: usize, k: i64 },
    /// From the override at this index in `Schedule::overrides`.
    Override { index: usize },
}

/// A person holding a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder<'s> {
    pub person: &'s str,
    pub source: Source,
}

/// An interval during which the holders of the roles it covers do not change. `None` bounds are
/// open (before the first rotation there is no start; after it, there is always a next handoff).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift<'s> {
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub manager: Option<Holder<'s>>,
    pub engineer: Option<Holder<'s>>,
}

impl<'s> Shift<'s> {
    pub fn holder(&self, role: Role) -> Option<Holder<'s>> {
        match role {
            Role::Manager => self.manager,
            Role::Engineer => self.engineer,
        }
    }
}

/// One role's holder over an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleShift<'s> {
    pub role: Role,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub holder: Option<Holder<'s>>,
}

impl Rotation {
    /// The instant of handoff `k`.
    pub fn handoff(&self, tz: chrono_tz::Tz, k: i64) -> DateTime<Utc> {
        // Durations are at least an hour, so k × every cannot overflow for any real instant.
        resolve_local(
            tz,
            self.start_local + self.every * i32::try_from(k).unwrap_or(i32::MAX),
        )
    }

    /// The shift index in progress at `t` (the largest k with handoff(k) ≤ t), for t ≥ start.
    pub fn shift_index(&self, tz: chrono_tz::Tz, t: DateTime<Utc>) -> i64 {
        let elapsed = to_local(tz, t) - self.start_local;
        let every = self.every.num_seconds().max(1);
        let mut k = elapsed.num_seconds().div_euclid(every).max(0);
        // The wall-clock estimate is off by at most a step or two near DST changes.
        while self.handoff(tz, k + 1) <= t {
            k += 1;
        }
        while k > 0 && self.handoff(tz, k) > t {
            k -= 1;
        }
        k
    }
}

/// The rotation era in force at `t`: its index, and the instant the next era starts.
fn era_at(s: &Schedule, t: DateTime<Utc>) -> Option<(usize, Option<DateTime<Utc>>)> {
    let i = s
        .rotations
        .partition_point(|r| r.start <= t)
        .checked_sub(1)?;
    Some((i, s.rotations.get(i + 1).map(|r| r.start)))
}

/// The rotation's (unclipped by overrides) shift at `t`: index k, start, end.
fn base_shift(s: &Schedule, t: DateTime<Utc>) -> BaseShift<'_> {
    let tz = s.team.tz;
    match era_at(s, t) {
        None => BaseShift {
            rotation: None,
            start: None,
            end: s.rotations.first().map(|r| r.start),
        },
        Some((i, next_era)) => {
            let r = &s.rotations[i];
            let k = r.shift_index(tz, t);
            let start = r.handoff(tz, k);
            let end = r.handoff(tz, k + 1);
            let end = next_era.map_or(end, |n| n.min(end));
            BaseShift {
                rotation: Some((r, k)),
                start: Some(start),
                end: Some(end),
            }
        }
    }
}

struct BaseShift<'s> {
    rotation: Option<(&'s Rotation, i64)>,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
}

impl<'s> BaseShift<'s> {
    fn holder(&self, role: Role) -> Option<Holder<'s>> {
        self.rotation.map(|(r, k)| Holder {
            person: r.slots.holder(role, k),
            source: Source::Rotation {
                number: r.number,
                k,
            },
        })
    }
}

/// The rotation's shift around `t`, ignoring overrides: from the handoff at or before `t` to
/// the next one (cut short where a later rotation starts). Before the first rotation the
/// start is `None` and the end is the first rotation's start.
pub fn rotation_shift_at(
    s: &Schedule,
    t: DateTime<Utc>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let base = base_shift(s, t);
    (base.start, base.end)
}

/// Who holds `role` at `t`, if anyone.
pub fn holder_at(s: &Schedule, role: Role, t: DateTime<Utc>) -> Option<Holder<'_>> {
    override_at(s, role, t).or_else(|| base_shift(s, t).holder(role))
}

fn override_at(s: &Schedule, role: Role, t: DateTime<Utc>) -> Option<Holder<'_>> {
    s.overrides
        .iter()
        .enumerate()
        .rev()
        .find(|(_, o)| o.role == role && o.start <= t && t < o.end)
        .map(|(index, o)| Holder {
            person: &o.person,
            source: Source::Override { index },
        })
}

/// The boundaries around `t` considering the rotation and the overrides for `roles`.
fn bounds(
    s: &Schedule,
    base: &BaseShift<'_>,
    roles: &[Role],
    t: DateTime<Utc>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let (mut start, mut end) = (base.start, base.end);
    for o in s.overrides.iter().filter(|o| roles.contains(&o.role)) {
        for b in [o.start, o.end] {
            if b <= t {
                start = Some(start.map_or(b, |s| s.max(b)));
            } else {
                end = Some(end.map_or(b, |e| e.min(b)));
            }
        }
    }
    (start, end)
}

/// The pair's shift containing `t`: both holders and the boundaries around `t`.
pub fn shift_at(s: &Schedule, t: DateTime<Utc>) -> Shift<'_> {
    let base = base_shift(s, t);
    let (start, end) = bounds(s, &base, &Role::BOTH, t);
    let pick = |role| override_at(s, role, t).or_else(|| base.holder(role));
    Shift {
        start,
        end,
        manager: pick(Role::Manager),
        engineer: pick(Role::Engineer),
    }
}

/// One role's stint containing `t`.
pub fn role_shift_at(s: &Schedule, role: Role, t: DateTime<Utc>) -> RoleShift<'_> {
    let base = base_shift(s, t);
    let (start, end) = bounds(s, &base, &[role], t);
    RoleShift {
        role,
        start,
        end,
        holder: override_at(s, role, t).or_else(|| base.holder(role)),
    }
}

/// The pair's shifts that intersect `[from, to)`, in order, unclipped: the first starts at or
/// before `from`, the last ends at or after `to`, and each ends where the next starts.
pub fn shifts(s: &Schedule, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Shift<'_>> {
    walk(from, to, |t| {
        let sh = shift_at(s, t);
        (sh.end, sh)
    })
}

/// One role's stints that intersect `[from, to)`, unclipped, in order. Boundaries are the
/// rotation's handoffs and that role's overrides, so a stint's start does not depend on `from`.
pub fn role_shifts(
    s: &Schedule,
    role: Role,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<RoleShift<'_>> {
    walk(from, to, |t| {
        let rs = role_shift_at(s, role, t);
        (rs.end, rs)
    })
}

fn walk<T>(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    mut at: impl FnMut(DateTime<Utc>) -> (Option<DateTime<Utc>>, T),
) -> Vec<T> {
    let mut out = Vec::new();
    let mut t = from;
    loop {
        let (end, item) = at(t);
        out.push(item);
        match end {
            Some(e) if e < to && e > t => t = e,
            _ => break,
        }
    }
    out
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
