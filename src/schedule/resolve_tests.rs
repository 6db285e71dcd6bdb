//! Resolution tests: DST changes in the US, the EU, New Zealand and Lord Howe (a half-hour
//! change), eras, overrides; and property tests over random schedules and instants.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::*;
use crate::schedule::model::{Hours, Override, Rotation, Schedule, Slots, Team};
use crate::schedule::time::{parse_local, resolve_local};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn local(s: &str) -> NaiveDateTime {
    parse_local(s).unwrap()
}

fn people(ids: &[&str]) -> std::collections::BTreeMap<String, crate::schedule::model::Person> {
    ids.iter()
        .map(|id| {
            let p = crate::schedule::model::Person {
                id: id.to_string(),
                name: id.to_string(),
                email: None,
                chat: None,
                phone: None,
                tz: None,
                jira: None,
            };
            (id.to_string(), p)
        })
        .collect()
}

fn rotation(tz: Tz, start: &str, every: Duration, slots: Slots, number: usize) -> Rotation {
    let start_local = local(start);
    Rotation {
        start_local,
        start: resolve_local(tz, start_local),
        every,
        slots,
        number,
    }
}

fn pairs(list: &[(&str, &str)]) -> Slots {
    Slots::Pairs(
        list.iter()
            .map(|(m, e)| (m.to_string(), e.to_string()))
            .collect(),
    )
}

fn schedule(tz: Tz, rotations: Vec<Rotation>, overrides: Vec<Override>) -> Schedule {
    Schedule {
        team: Team {
            name: "T".into(),
            tz,
        },
        people: people(&["a", "b", "c", "d", "e", "f"]),
        rotations,
        overrides,
        unavailable: vec![],
        escalation: vec![],
        hours: Hours::default(),
        services: Default::default(),
        jira: None,
        alerts: Default::default(),
        listen: Default::default(),
        announce: Default::default(),
    }
}

/// A rotation of the pairs a/b and c/d from `start`, every `every`, with no overrides.
fn two_pairs(tz: Tz, start: &str, every: Duration) -> Schedule {
    schedule(
        tz,
        vec![rotation(
            tz,
            start,
            every,
            pairs(&[("a", "b"), ("c", "d")]),
            1,
        )],
        vec![],
    )
}

fn who<'s>(s: &'s Schedule, role: Role, t: &str) -> Option<&'s str> {
    holder_at(s, role, utc(t)).map(|h| h.person)
}

#[test]
fn us_spring_forward_weekly_handoff_stays_at_ten() {
    let tz = chrono_tz::America::New_York;
    let s = two_pairs(tz, "2026-03-02 10:00", Duration::weeks(1));
    // 10:00 EST = 15:00Z; a week later 10:00 EDT = 14:00Z.
    assert_eq!(who(&s, Role::Manager, "2026-03-09T13:59:59Z"), Some("a"));
    assert_eq!(who(&s, Role::Manager, "2026-03-09T14:00:00Z"), Some("c"));
    let sh = shift_at(&s, utc("2026-03-05T00:00:00Z"));
    assert_eq!(
        (sh.start, sh.end),
        (
            Some(utc("2026-03-02T15:00:00Z")),
            Some(utc("2026-03-09T14:00:00Z"))
        )
    );
    assert_eq!(sh.end.unwrap() - sh.start.unwrap(), Duration::hours(167));
}

#[test]
fn us_fall_back_makes_a_longer_shift() {
    let tz = chrono_tz::America::New_York;
    let s = two_pairs(tz, "2026-10-26 10:00", Duration::weeks(1));
    let sh = shift_at(&s, utc("2026-10-30T00:00:00Z"));
    assert_eq!(sh.end.unwrap() - sh.start.unwrap(), Duration::hours(169));
    assert_eq!(who(&s, Role::Engineer, "2026-11-02T14:59:59Z"), Some("b"));
    assert_eq!(who(&s, Role::Engineer, "2026-11-02T15:00:00Z"), Some("d"));
}

#[test]
fn eu_daily_handoffs_across_both_changes() {
    let tz = chrono_tz::Europe::Berlin;
    let s = two_pairs(tz, "2026-03-27 09:00", Duration::days(1));
    // 2026-03-29: 02:00 CET -> 03:00 CEST. The shift of the 28th is 23 h.
    let sh = shift_at(&s, utc("2026-03-28T12:00:00Z"));
    assert_eq!(
        (sh.start, sh.end),
        (
            Some(utc("2026-03-28T08:00:00Z")),
            Some(utc("2026-03-29T07:00:00Z"))
        )
    );
    // 2026-10-25: 03:00 CEST -> 02:00 CET. The shift of the 24th is 25 h.
    let sh = shift_at(&s, utc("2026-10-24T12:00:00Z"));
    assert_eq!(
        (sh.start, sh.end),
        (
            Some(utc("2026-10-24T07:00:00Z")),
            Some(utc("2026-10-25T08:00:00Z"))
        )
    );
}

#[test]
fn twelve_hour_shifts_are_wall_clock_hours() {
    let tz = chrono_tz::America::New_York;
    let s = two_pairs(tz, "2026-03-07 08:00", Duration::hours(12));
    // Handoffs stay at 08:00 and 20:00 local through the change on the 8th.
    let sh = shift_at(&s, utc("2026-03-08T06:00:00Z")); // 01:00 EST on the 8th
    assert_eq!(
        (sh.start, sh.end),
        (
            Some(utc("2026-03-08T01:00:00Z")),
            Some(utc("2026-03-08T12:00:00Z"))
        )
    );
    assert_eq!(sh.end.unwrap() - sh.start.unwrap(), Duration::hours(11));
}

#[test]
fn handoff_in_the_gap_happens_after_it_and_in_the_overlap_at_the_first() {
    let tz = chrono_tz::America::New_York;
    let s = two_pairs(tz, "2026-03-01 02:30", Duration::days(1));
    // 02:30 on 2026-03-08 does not exist: the handoff is at 03:00 EDT = 07:00Z.
    assert_eq!(s.rotations[0].handoff(tz, 7), utc("2026-03-08T07:00:00Z"));
    assert_eq!(s.rotations[0].handoff(tz, 8), utc("2026-03-09T06:30:00Z"));
    let s = two_pairs(tz, "2026-10-25 01:30", Duration::days(1));
    // 01:30 on 2026-11-01 happens twice: the first (EDT, 05:30Z).
    assert_eq!(s.rotations[0].handoff(tz, 7), utc("2026-11-01T05:30:00Z"));
    assert_eq!(who(&s, Role::Manager, "2026-11-01T05:29:59Z"), Some("a"));
    assert_eq!(who(&s, Role::Manager, "2026-11-01T05:30:00Z"), Some("c"));
    assert_eq!(
        who(&s, Role::Manager, "2026-11-01T06:30:00Z"),
        Some("c"),
        "not again at the second 01:30"
    );
}

#[test]
fn auckland_and_lord_howe() {
    // Auckland: 2026-09-27 02:00 NZST -> 03:00 NZDT. A handoff at 02:30 moves to 03:00.
    let tz = chrono_tz::Pacific::Auckland;
    let s = two_pairs(tz, "2026-09-20 02:30", Duration::weeks(1));
    assert_eq!(s.rotations[0].handoff(tz, 1), utc("2026-09-26T14:00:00Z"));
    let sh = shift_at(&s, utc("2026-09-22T00:00:00Z"));
    assert_eq!(
        sh.end.unwrap() - sh.start.unwrap(),
        Duration::minutes(168 * 60 - 30)
    );
    // Lord Howe moves by half an hour: 2026-10-04 02:00 +10:30 -> 02:30 +11.
    let tz = chrono_tz::Australia::Lord_Howe;
    let s = two_pairs(tz, "2026-09-27 09:00", Duration::weeks(1));
    let sh = shift_at(&s, utc("2026-09-30T00:00:00Z"));
    // 09:00 +10:30 = 22:30Z the day before; 09:00 +11 = 22:00Z.
    assert_eq!(
        (sh.start, sh.end),
        (
            Some(utc("2026-09-26T22:30:00Z")),
            Some(utc("2026-10-03T22:00:00Z"))
        )
    );
    assert_eq!(
        sh.end.unwrap() - sh.start.unwrap(),
        Duration::minutes(168 * 60 - 30)
    );
    // A daily handoff at 02:15 falls in the gap on 2026-10-04 and happens at 02:30 (15:30Z).
    let s = two_pairs(tz, "2026-10-01 02:15", Duration::days(1));
    assert_eq!(s.rotations[0].handoff(tz, 3), utc("2026-10-03T15:30:00Z"));
    // Back in April: 02:00 +11 -> 01:30 +10:30; 01:45 happens twice, the first is +11.
    let s = two_pairs(tz, "2026-04-01 01:45", Duration::days(1));
    assert_eq!(s.rotations[0].handoff(tz, 4), utc("2026-04-04T14:45:00Z"));
}

#[test]
fn a_later_era_cuts_the_shift_in_progress() {
    let tz = chrono_tz::UTC;
    let s = schedule(
        tz,
        vec![
            rotation(
                tz,
                "2026-01-05 10:00",
                Duration::weeks(1),
                pairs(&[("a", "b"), ("c", "d")]),
                1,
            ),
            rotation(
                tz,
                "2026-01-21 00:00",
                Duration::days(1),
                Slots::Split {
                    managers: vec!["e".into()],
                    engineers: vec!["f".into(), "a".into()],
                },
                2,
            ),
        ],
        vec![],
    );
    // Shift k = 2 (from Jan 19) belongs to the first pair again.
    assert_eq!(who(&s, Role::Manager, "2026-01-20T23:59:59Z"), Some("a"));
    let sh = shift_at(&s, utc("2026-01-20T12:00:00Z"));
    assert_eq!(
        sh.end,
        Some(utc("2026-01-21T00:00:00Z")),
        "cut by the new era"
    );
    assert_eq!(who(&s, Role::Manager, "2026-01-21T00:00:00Z"), Some("e"));
    assert_eq!(who(&s, Role::Engineer, "2026-01-21T00:00:00Z"), Some("f"));
    assert_eq!(
        who(&s, Role::Engineer, "2026-01-22T00:00:00Z"),
        Some("a"),
        "counts from its own start"
    );
    assert_eq!(
        who(&s, Role::Manager, "2026-01-05T09:59:59Z"),
        None,
        "nobody before the first"
    );
}

#[test]
fn overrides_win_for_their_role_and_span_and_the_last_listed_wins() {
    let tz = chrono_tz::UTC;
    let o = |role, person: &str, a: &str, b: &str| Override {
        role,
        person: person.into(),
        start: utc(a),
        end: utc(b),
        reason: None,
    };
    let s = schedule(
        tz,
        vec![rotation(
            tz,
            "2026-01-05 10:00",
            Duration::weeks(1),
            pairs(&[("a", "b")]),
            1,
        )],
        vec![
            o(
                Role::Engineer,
                "e",
                "2026-01-06T00:00:00Z",
                "2026-01-08T00:00:00Z",
            ),
            o(
                Role::Engineer,
                "f",
                "2026-01-07T00:00:00Z",
                "2026-01-07T12:00:00Z",
            ),
        ],
    );
    assert_eq!(who(&s, Role::Engineer, "2026-01-05T23:59:59Z"), Some("b"));
    assert_eq!(who(&s, Role::Engineer, "2026-01-06T00:00:00Z"), Some("e"));
    assert_eq!(who(&s, Role::Engineer, "2026-01-07T06:00:00Z"), Some("f"));
    assert_eq!(who(&s, Role::Engineer, "2026-01-07T12:00:00Z"), Some("e"));
    assert_eq!(who(&s, Role::Engineer, "2026-01-08T00:00:00Z"), Some("b"));
    assert_eq!(who(&s, Role::Manager, "2026-01-07T06:00:00Z"), Some("a"));
    let rs = role_shift_at(&s, Role::Engineer, utc("2026-01-07T06:00:00Z"));
    assert_eq!(
        (rs.start, rs.end),
        (
            Some(utc("2026-01-07T00:00:00Z")),
            Some(utc("2026-01-07T12:00:00Z"))
        )
    );
    // The manager's stint is not cut by engineer overrides.
    let rs = role_shift_at(&s, Role::Manager, utc("2026-01-07T06:00:00Z"));
    assert_eq!(
        (rs.start, rs.end),
        (
            Some(utc("2026-01-05T10:00:00Z")),
            Some(utc("2026-01-12T10:00:00Z"))
        )
    );
}

#[test]
fn split_rotations_pair_people_differently() {
    let tz = chrono_tz::UTC;
    let slots = Slots::Split {
        managers: vec!["a".into(), "b".into()],
        engineers: vec!["c".into(), "d".into(), "e".into()],
    };
    let s = schedule(
        tz,
        vec![rotation(
            tz,
            "2026-01-05 10:00",
            Duration::weeks(1),
            slots,
            1,
        )],
        vec![],
    );
    let pairs: Vec<(String, String)> = (0..6)
        .map(|w| {
            let t = utc("2026-01-06T00:00:00Z") + Duration::weeks(w);
            (
                holder_at(&s, Role::Manager, t).unwrap().person.to_string(),
                holder_at(&s, Role::Engineer, t).unwrap().person.to_string(),
            )
        })
        .collect();
    let expect = [
        ("a", "c"),
        ("b", "d"),
        ("a", "e"),
        ("b", "c"),
        ("a", "d"),
        ("b", "e"),
    ];
    assert_eq!(pairs, expect.map(|(m, e)| (m.to_string(), e.to_string())));
}

// ---- property tests ----------------------------------------------------------------------

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
