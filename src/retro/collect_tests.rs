//! Tests of the streaming collector: window membership, out-of-order rows, re-fires,
//! morale rows, and memory that does not grow with the length of the log.

use super::*;
use crate::incident::Event;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn ev(time: &str, id: &str, kind: EventKind) -> Event {
    Event {
        time: utc(time),
        incident: id.into(),
        kind,
        ..Event::default()
    }
}

fn collect(rows: &[Event]) -> Collected {
    let mut c = Collector::new(utc("2026-11-16T05:00:00Z"), utc("2026-11-30T05:00:00Z"));
    for r in rows {
        c.apply(r.as_ref());
    }
    c.finish()
}

#[test]
fn keeps_window_incidents_and_old_open_ones_in_any_order() {
    let rows = [
        // Old and closed before the window: dropped.
        ev("2026-10-01T10:00:00Z", "old", EventKind::Page),
        ev("2026-10-01T11:00:00Z", "old", EventKind::Resolve),
        // Old and still open: kept.
        ev("2026-10-02T10:00:00Z", "stale", EventKind::Page),
        // The ack comes before the page in the file (a union merge).
        ev("2026-11-24T10:05:00Z", "in", EventKind::Ack),
        ev("2026-11-24T10:00:00Z", "in", EventKind::Page),
        ev("2026-12-02T10:00:00Z", "in", EventKind::Resolve),
        // Paged after the window: dropped, including its earlier-in-file ack.
        ev("2026-12-01T10:01:00Z", "after", EventKind::Ack),
        ev("2026-12-01T10:00:00Z", "after", EventKind::Page),
        // Resolved inside the window, paged a little before it.
        ev("2026-11-10T10:00:00Z", "spans", EventKind::Page),
        ev("2026-11-17T10:00:00Z", "spans", EventKind::Resolve),
    ];
    let c = collect(&rows);
    let ids: Vec<&str> = c.incidents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["stale", "spans", "in"]);
    let inc = &c.incidents[2];
    assert_eq!(inc.acked_at, Some(utc("2026-11-24T10:05:00Z")));
    assert_eq!(inc.resolved_at, Some(utc("2026-12-02T10:00:00Z")));
    assert!(inc.open_at(utc("2026-11-30T05:00:00Z")));
    assert!(!inc.open_at(utc("2026-12-07T05:00:00Z")));
    assert!(c.incidents[0].open_at(utc("2026-11-30T05:00:00Z")));
    assert!(c.incidents[1].open_at(utc("2026-11-16T05:00:00Z")));
    assert!(!c.incidents[1].open_at(utc("2026-11-23T05:00:00Z")));
}

#[test]
fn an_old_resolve_before_its_page_in_the_file_still_closes_it() {
    let rows = [
        ev("2026-09-01T11:00:00Z", "x", EventKind::Resolve),
        ev("2026-09-01T10:00:00Z", "x", EventKind::Page),
        // A resolve whose page never comes is swept, not kept for ever.
        ev("2026-09-02T11:00:00Z", "lost", EventKind::Resolve),
    ];
    let mut c = Collector::new(utc("2026-11-16T05:00:00Z"), utc("2026-11-30T05:00:00Z"));
    for r in &rows {
        c.apply(r.as_ref());
    }
    assert_eq!(c.records.len(), 1);
    c.high_water = Some(utc("2026-11-01T00:00:00Z"));
    c.sweep();
    assert!(c.records.is_empty());
    assert!(c.finish().incidents.is_empty());
}

#[test]
fn memory_does_not_grow_with_the_log() {
    // Ten years of an incident every 30 minutes (page, ack, resolve), with every other
    // incident's resolve written before its page (a union merge), then the window.
    let peak = |years: i64| {
        let to = utc("2026-11-30T05:00:00Z");
        let mut c = Collector::new(to - Duration::weeks(5), to);
        let start = to - Duration::days(365 * years);
        let n = years * 365 * 48;
        for k in 0..n {
            let t = start + Duration::minutes(30 * k);
            let id = format!("i{k}");
            let page = Event {
                time: t,
                incident: id.clone(),
                ..Event::default()
            };
            let ack = Event {
                time: t + Duration::minutes(5),
                kind: EventKind::Ack,
                ..page.clone()
            };
            let res = Event {
                time: t + Duration::minutes(50),
                kind: EventKind::Resolve,
                ..page.clone()
            };
            let rows = if k % 2 == 0 {
                [&page, &ack, &res]
            } else {
                [&res, &ack, &page]
            };
            for r in rows {
                c.apply(r.as_ref());
            }
        }
        let peak = c.peak();
        assert_eq!(c.finish().incidents.len(), 5 * 7 * 48 + 1);
        peak
    };
    let (one, ten) = (peak(1), peak(10));
    // The window's own incidents plus a couple of stragglers, whatever the history.
    assert!(one < 2_000, "{one}");
    assert_eq!(one, ten);
}

#[test]
fn a_refire_reopens() {
    let mut rec = Incident::default();
    for e in [
        ev("2026-11-24T10:00:00Z", "x", EventKind::Page),
        ev("2026-11-24T11:00:00Z", "x", EventKind::Resolve),
        ev("2026-11-25T10:00:00Z", "x", EventKind::Page),
    ] {
        rec.apply(&e.as_ref());
    }
    assert!(rec.open_at(utc("2026-11-24T10:30:00Z")));
    assert!(!rec.open_at(utc("2026-11-24T12:00:00Z")));
    assert!(rec.open_at(utc("2026-11-25T12:00:00Z")));
    assert_eq!(rec.paged_at, Some(utc("2026-11-24T10:00:00Z")));
}

#[test]
fn morale_rows_in_the_window_only() {
    let mut m = ev("2026-11-24T10:00:00Z", "", EventKind::Morale);
    m.status = "4".into();
    m.actor = "alice".into();
    let mut out = ev("2026-12-24T10:00:00Z", "", EventKind::Morale);
    out.status = "2".into();
    let mut bad = ev("2026-11-25T10:00:00Z", "", EventKind::Morale);
    bad.status = "9".into();
    let c = collect(&[m, out, bad]);
    assert_eq!(c.morale.len(), 1);
    assert_eq!(c.morale[0].score, 4);
    assert_eq!(c.morale[0].who, "alice");
    assert_eq!(c.bad_morale.len(), 1);
}
