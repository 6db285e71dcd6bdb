//! Property tests over random schedules and instants: one holder per role wherever a rotation
//! covers the instant, shifts tile any window, an override changes only its role in its span,
//! and handoffs follow the wall clock.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::schedule;
use crate::schedule::model::{Override, Role, Rotation, Schedule, Slots};
use crate::schedule::resolve::{holder_at, shifts};
use crate::schedule::time::resolve_local;

const ZONES: [Tz; 7] = [
    chrono_tz::UTC,
    chrono_tz::America::New_York,
    chrono_tz::Europe::Berlin,
    chrono_tz::Pacific::Auckland,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Asia::Kolkata,
    chrono_tz::America::Sao_Paulo,
];
const IDS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
const BASE: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn instant(offset_minutes: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(BASE + offset_minutes * 60, 0).unwrap()
}

prop_compose! {
    fn arb_rotation()(
        start in 0i64..(2 * 365 * 24 * 60),
        every in prop::sample::select(vec![1i64, 2, 5, 8, 12, 24, 36, 48, 168, 336]),
        split in any::<bool>(),
        m in prop::collection::vec(0usize..6, 1..4),
        e in prop::collection::vec(0usize..6, 1..5),
    ) -> (i64, i64, bool, Vec<usize>, Vec<usize>) {
        (start, every, split, m, e)
    }
}

prop_compose! {
    fn arb_override()(role in any::<bool>(), p in 0usize..6, start in 0i64..(3 * 365 * 24 * 60), len in 1i64..(20 * 24 * 60))
        -> (bool, usize, i64, i64) { (role, p, start, len) }
}

prop_compose! {
    fn arb_schedule()(
        zone in 0usize..ZONES.len(),
        rots in prop::collection::vec(arb_rotation(), 1..4),
        ovs in prop::collection::vec(arb_override(), 0..6),
    ) -> Schedule {
        let tz = ZONES[zone];
        let mut rotations: Vec<Rotation> = rots
            .into_iter()
            .enumerate()
            .map(|(i, (start, every, split, m, e))| {
                // Starts are whole minutes of wall-clock time in the team zone.
                let start_local = instant(start).naive_utc();
                let slots = if split {
                    Slots::Split { managers: m.iter().map(|&i| IDS[i].to_string()).collect(), engineers: e.iter().map(|&i| IDS[i].to_string()).collect() }
                } else {
                    Slots::Pairs(m.iter().zip(e.iter().cycle()).map(|(&a, &b)| (IDS[a].to_string(), IDS[b].to_string())).collect())
                };
                Rotation { start_local, start: resolve_local(tz, start_local), every: Duration::hours(every), slots, number: i + 1 }
            })
            .collect();
        rotations.sort_by_key(|r| r.start);
        rotations.dedup_by_key(|r| r.start);
        let overrides = ovs
            .into_iter()
            .map(|(role, p, start, len)| Override {
                role: if role { Role::Manager } else { Role::Engineer },
                person: IDS[p].to_string(),
                start: instant(start),
                end: instant(start + len),
                reason: None,
            })
            .collect();
        schedule(tz, rotations, overrides)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Wherever a rotation covers an instant, each role has exactly one holder; before the
    /// first rotation, only an override can fill a role.
    #[test]
    fn one_holder_wherever_a_rotation_covers(s in arb_schedule(), t in 0i64..(3 * 365 * 24 * 60)) {
        let t = instant(t);
        for role in Role::BOTH {
            let covered = s.rotations.first().is_some_and(|r| r.start <= t);
            let overridden = s.overrides.iter().any(|o| o.role == role && o.start <= t && t < o.end);
            prop_assert_eq!(holder_at(&s, role, t).is_some(), covered || overridden);
        }
    }

    /// Consecutive shifts meet with no gap or overlap, cover the window, and hold the same
    /// people from start to end.
    #[test]
    fn shifts_tile_the_window(s in arb_schedule(), from in 0i64..(3 * 365 * 24 * 60), days in 1i64..20) {
        let (from, to) = (instant(from), instant(from) + Duration::days(days));
        let list = shifts(&s, from, to);
        prop_assert!(!list.is_empty());
        prop_assert!(list[0].start.is_none_or(|st| st <= from));
        prop_assert!(list.last().unwrap().end.is_none_or(|e| e >= to));
        for w in list.windows(2) {
            prop_assert_eq!(w[0].end, w[1].start);
            prop_assert!(w[0].start.is_none_or(|st| Some(st) < w[0].end));
        }
        for sh in &list {
            for t in [sh.start, sh.end.map(|e| e - Duration::seconds(1))].into_iter().flatten() {
                for role in Role::BOTH {
                    prop_assert_eq!(holder_at(&s, role, t).map(|h| h.person), sh.holder(role).map(|h| h.person));
                }
            }
        }
    }

    /// An override changes only its role, and only within its span.
    #[test]
    fn an_override_changes_only_its_role_in_its_span(s in arb_schedule(), pick in any::<prop::sample::Index>(), t in 0i64..(3 * 365 * 24 * 60)) {
        prop_assume!(!s.overrides.is_empty());
        let i = pick.index(s.overrides.len());
        let mut without = s.clone();
        let o = without.overrides.remove(i);
        let t = instant(t);
        let other = if o.role == Role::Manager { Role::Engineer } else { Role::Manager };
        prop_assert_eq!(holder_at(&s, other, t).map(|h| h.person), holder_at(&without, other, t).map(|h| h.person));
        let inside = o.start <= t && t < o.end;
        if !inside {
            prop_assert_eq!(holder_at(&s, o.role, t).map(|h| h.person), holder_at(&without, o.role, t).map(|h| h.person));
        } else if !s.overrides[i + 1..].iter().any(|l| l.role == o.role && l.start <= t && t < l.end) {
            prop_assert_eq!(holder_at(&s, o.role, t).map(|h| h.person), Some(o.person.as_str()));
        }
    }

    /// The rotation's handoffs are non-decreasing instants whose wall-clock time is the
    /// nominal one (or just after a gap).
    #[test]
    fn handoffs_follow_the_wall_clock(s in arb_schedule(), k in 0i64..2000) {
        let r = &s.rotations[0];
        let tz = s.team.tz;
        let (a, b) = (r.handoff(tz, k), r.handoff(tz, k + 1));
        prop_assert!(a <= b);
        let nominal = r.start_local + r.every * i32::try_from(k).unwrap();
        let actual = crate::schedule::time::to_local(tz, a);
        prop_assert!(actual >= nominal && actual - nominal <= Duration::hours(1), "{} vs {}", actual, nominal);
        if a < b {
            prop_assert_eq!(r.shift_index(tz, a), k);
        }
    }
}
