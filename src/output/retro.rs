//! The retro on a terminal: the week's numbers next to sparklines of their trend, then tables
//! (by service, who got paged when, incidents, urgency to fix, open incidents, morale). When
//! piped, one tab-separated row per week (oldest first) for spreadsheets.

use chrono_tz::Tz;

use super::fmt::{percent, seconds};
use super::spark::spark;
use super::{Cell, Table, Tone, Ui};
use crate::retro::markdown::title;
use crate::retro::report::Report;
use crate::retro::stats::WeekSummary;

fn dash() -> String {
    "–".into()
}

/// The human report.
pub fn render(ui: &Ui, r: &Report, tz: Tz) -> String {
    let w = &r.summary;
    let mut o = format!(
        "{} {}\n",
        ui.paint(Tone::Bold, &format!("On-call retro: {}", title(r, tz))),
        ui.paint(
            Tone::Dim,
            &if r.complete {
                format!("· {}", r.timezone)
            } else {
                format!("· {} · the week is not over yet", r.timezone)
            }
        )
    );
    o.push('\n');
    o.push_str(&ui.table(&numbers(r)));

    if !r.incidents.is_empty() {
        let mut t = Table::new(&["SERVICE", "PAGES", "HIGH", "LOW", "NIGHTS", "WEEKENDS"]);
        for (svc, n) in &r.by_service {
            let of = r.incidents.iter().filter(|i| &i.service == svc);
            let count = |f: fn(&crate::retro::report::IncidentView) -> bool| {
                of.clone().filter(|i| f(i)).count().to_string()
            };
            t.row(vec![
                Cell::new(svc.clone(), Tone::Bold),
                n.to_string().into(),
                count(|i| i.urgency == "high").into(),
                count(|i| i.urgency == "low").into(),
                count(|i| i.night).into(),
                count(|i| i.weekend).into(),
            ]);
        }
        o.push_str(&section(ui, "By service"));
        o.push_str(&ui.table(&t));
    }

    if let Some(people) = w.off_hours.by_person.as_ref().filter(|p| !p.is_empty()) {
        let mut t = Table::new(&[
            "PERSON",
            "LIVES IN",
            "AS MANAGER",
            "AS ENGINEER",
            "OFFICE",
            "EVENINGS",
            "NIGHTS",
            "WEEKENDS",
        ]);
        for p in people.values() {
            let c = &p.counts;
            let hot =
                |n: usize| Cell::new(n.to_string(), if n > 0 { Tone::Warn } else { Tone::Plain });
            t.row(vec![
                Cell::new(p.name.clone(), Tone::Bold),
                Cell::new(city(&p.timezone), Tone::Dim),
                p.as_manager.to_string().into(),
                p.as_engineer.to_string().into(),
                c.office_hours.to_string().into(),
                c.evenings.to_string().into(),
                hot(c.nights),
                hot(c.weekends),
            ]);
        }
        o.push_str(&section(ui, "Who got paged when (on their own clock)"));
        o.push_str(&ui.table(&t));
    }

    o.push_str(&section(ui, "Incidents"));
    if r.incidents.is_empty() {
        o.push_str("No pages this week.\n");
    } else {
        let mut t = Table::new(&[
            "ID", "SERVICE", "TICKET", "PAGED", "WHEN", "LVL", "ACK", "RESOLVE", "DOC", "AUTO",
            "RUNBOOK",
        ]);
        for i in &r.incidents {
            let yes = |b: Option<bool>| match b {
                Some(true) => Cell::new("yes", Tone::Good),
                Some(false) => Cell::new("no", Tone::Warn),
                None => Cell::new("–", Tone::Dim),
            };
            let when = i.landed.pair.word();
            t.row(vec![
                Cell::new(i.id.clone(), Tone::Bold),
                i.service.clone().into(),
                i.ticket.clone().unwrap_or_else(dash).into(),
                // The week is in the title: the weekday and time say when.
                i.paged_at
                    .with_timezone(&tz)
                    .format("%a %H:%M")
                    .to_string()
                    .into(),
                Cell::new(
                    when,
                    if i.night || i.weekend {
                        Tone::Bad
                    } else {
                        Tone::Plain
                    },
                ),
                Cell::new(
                    i.level.to_string(),
                    if i.level > 1 { Tone::Warn } else { Tone::Plain },
                ),
                i.ack_seconds.map_or_else(dash, seconds).into(),
                i.resolve_seconds
                    .map_or_else(|| Cell::new("open", Tone::Warn), |s| seconds(s).into()),
                yes(i.documented),
                yes(i.automated),
                yes(i.runbook_changed_after_page),
            ]);
        }
        o.push_str(&ui.table(&t));
    }

    let fix = &r.urgency_to_fix;
    if !fix.low_urgency_off_hours.is_empty() || !fix.high_no_action.is_empty() {
        o.push_str(&section(ui, "Urgency to fix"));
        if !fix.low_urgency_off_hours.is_empty() {
            o.push_str(&format!(
                "  low urgency, paged outside office hours (could have waited): {}\n",
                fix.low_urgency_off_hours.join(", ")
            ));
        }
        if !fix.high_no_action.is_empty() {
            o.push_str(&format!(
                "  high urgency, resolved with no action (paged for nothing): {}\n",
                fix.high_no_action.join(", ")
            ));
        }
    }

    if !r.open_at_end.is_empty() {
        o.push_str(&section(
            ui,
            if r.complete {
                "Open at the end of the week"
            } else {
                "Open now"
            },
        ));
        let mut t = Table::new(&[
            "ID", "SERVICE", "PAGED", "OPEN FOR", "LVL", "TICKET", "SUMMARY",
        ]);
        for i in &r.open_at_end {
            t.row(vec![
                Cell::new(i.id.clone(), Tone::Bold),
                i.service.clone().into(),
                super::fmt::short(i.paged_at, tz).into(),
                Cell::new(seconds(i.age_seconds), Tone::Warn),
                i.level.to_string().into(),
                i.ticket.clone().unwrap_or_else(dash).into(),
                i.summary.clone().into(),
            ]);
        }
        o.push_str(&ui.table(&t));
    }

    if let Some(scores) = w.morale.scores.as_ref().filter(|s| !s.is_empty()) {
        o.push_str(&section(ui, "Morale"));
        for s in scores {
            let note = s
                .note
                .as_deref()
                .map_or_else(String::new, |n| format!(": {n}"));
            o.push_str(&format!(
                "  {} {}{note}\n",
                ui.paint(Tone::Bold, &s.score.to_string()),
                s.name
            ));
        }
    }
    o
}

/// `America/Los_Angeles` as `Los Angeles`: narrower, and how people say it.
fn city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

fn section(ui: &Ui, name: &str) -> String {
    format!("\n{}\n", ui.paint(Tone::Bold, name))
}

/// The week's figures with a sparkline of each over the trend.
fn numbers(r: &Report) -> Table {
    let w = &r.summary;
    let span = match (r.trend.first(), r.trend.last()) {
        (Some(a), Some(b)) if r.trend.len() > 1 => format!("{} → {}", a.week, b.week),
        _ => String::new(),
    };
    let mut t = Table::new(&["", "THIS WEEK", &span]);
    let line = |t: &mut Table, name: &str, value: String, f: fn(&WeekSummary) -> Option<f64>| {
        let series: Vec<Option<f64>> = r.trend.iter().map(f).collect();
        let spark = if series.len() > 1 {
            spark(&series)
        } else {
            String::new()
        };
        t.row(vec![
            Cell::new(name, Tone::Bold),
            value.into(),
            Cell::new(spark, Tone::Accent),
        ]);
    };
    let spread = |s: crate::retro::stats::Spread| match (s.median, s.worst) {
        (Some(m), Some(x)) => format!("{} / {}", seconds(m), seconds(x)),
        _ => dash(),
    };
    let share =
        |x: Option<f64>| x.map_or_else(dash, |x| format!("{} of {}", percent(x), w.resolved));
    line(&mut t, "Pages", w.pages.to_string(), |s| {
        Some(s.pages as f64)
    });
    line(
        &mut t,
        "Nights (22-08)",
        w.off_hours.nights.to_string(),
        |s| Some(s.off_hours.nights as f64),
    );
    line(&mut t, "Weekends", w.off_hours.weekends.to_string(), |s| {
        Some(s.off_hours.weekends as f64)
    });
    line(&mut t, "Evenings", w.off_hours.evenings.to_string(), |s| {
        Some(s.off_hours.evenings as f64)
    });
    line(
        &mut t,
        "Office hours",
        w.off_hours.office_hours.to_string(),
        |s| Some(s.off_hours.office_hours as f64),
    );
    line(&mut t, "Ack median / worst", spread(w.ack_seconds), |s| {
        s.ack_seconds.median.map(|x| x as f64)
    });
    line(
        &mut t,
        "Resolve median / worst",
        spread(w.resolve_seconds),
        |s| s.resolve_seconds.median.map(|x| x as f64),
    );
    line(
        &mut t,
        "Level 2+ / level 3",
        format!("{} / {}", w.escalations.level2, w.escalations.level3),
        |s| Some(s.escalations.level2 as f64),
    );
    line(&mut t, "Resolved", w.resolved.to_string(), |s| {
        Some(s.resolved as f64)
    });
    line(&mut t, "Documented", share(w.documented_share), |s| {
        s.documented_share
    });
    line(&mut t, "Automated", share(w.automated_share), |s| {
        s.automated_share
    });
    let rb = &r.runbooks;
    t.row(vec![
        Cell::new("Runbook changed after page", Tone::Bold),
        if rb.checked {
            format!("{} of {}", rb.changed_after_page, rb.incidents).into()
        } else {
            Cell::new("not under git", Tone::Dim)
        },
        Cell::default(),
    ]);
    line(
        &mut t,
        "Low urgency, off hours",
        w.low_urgency_off_hours.to_string(),
        |s| Some(s.low_urgency_off_hours as f64),
    );
    line(
        &mut t,
        "High urgency, no action",
        w.high_no_action.to_string(),
        |s| Some(s.high_no_action as f64),
    );
    let morale = w.morale.mean.map_or_else(dash, |m| {
        format!(
            "{m:.1} ({})",
            crate::retro::stats::plural(w.morale.count, "score")
        )
    });
    line(&mut t, "Morale", morale, |s| s.morale.mean);
    line(
        &mut t,
        if r.complete {
            "Open at the end"
        } else {
            "Open now"
        },
        w.open_at_end_count.to_string(),
        |s| Some(s.open_at_end_count as f64),
    );
    t
}

/// One tab-separated row per week, oldest first: week, start, pages, nights, weekends,
/// evenings, office hours, ack median and resolve median (seconds), level 2+, level 3,
/// resolved, documented share, automated share, morale mean, open at the end.
pub fn tsv(r: &Report) -> String {
    let mut t = Table::new(&[]);
    let opt = |x: Option<String>| x.unwrap_or_default();
    for s in &r.trend {
        t.row(
            [
                s.week.clone(),
                super::fmt::rfc3339(s.start),
                s.pages.to_string(),
                s.off_hours.nights.to_string(),
                s.off_hours.weekends.to_string(),
                s.off_hours.evenings.to_string(),
                s.off_hours.office_hours.to_string(),
                opt(s.ack_seconds.median.map(|x| x.to_string())),
                opt(s.resolve_seconds.median.map(|x| x.to_string())),
                s.escalations.level2.to_string(),
                s.escalations.level3.to_string(),
                s.resolved.to_string(),
                opt(s.documented_share.map(|x| x.to_string())),
                opt(s.automated_share.map(|x| x.to_string())),
                opt(s.morale.mean.map(|x| x.to_string())),
                s.open_at_end_count.to_string(),
            ]
            .map(Cell::from)
            .to_vec(),
        );
    }
    t.render_tsv()
}
