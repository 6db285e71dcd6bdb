//! `oncall retro --markdown`: the report as meeting notes (CommonMark with pipe tables), with
//! empty sections at the end for what the team decides. Pure string building; every piece of
//! text from the log is escaped so it cannot break a table or inject markup.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::report::Report;
use super::stats::{Spread, WeekSummary};
use crate::output::fmt::{percent, seconds};

/// Escapes text for a Markdown table cell or paragraph.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%a %d %b %H:%M").to_string()
}

fn spread(s: Spread) -> String {
    match (s.median, s.worst) {
        (Some(m), Some(w)) => format!("{} / {}", seconds(m), seconds(w)),
        _ => "–".into(),
    }
}

fn share(x: Option<f64>, part_of: usize) -> String {
    x.map_or_else(|| "–".into(), |x| format!("{} of {part_of}", percent(x)))
}

fn yes(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "–",
    }
}

/// The header and dates of the week.
pub fn title(r: &Report, tz: Tz) -> String {
    let start = r.summary.start.with_timezone(&tz);
    let last = (r.summary.end - chrono::Duration::seconds(1)).with_timezone(&tz);
    format!(
        "{}, {} ({} – {})",
        r.team,
        r.summary.week,
        start.format("Mon %d %b"),
        last.format("Sun %d %b %Y")
    )
}

/// Renders the whole report.
pub fn render(r: &Report, tz: Tz) -> String {
    let w = &r.summary;
    let mut o = String::new();
    let _ = writeln!(o, "# On-call retro: {}\n", esc(&title(r, tz)));
    let _ = writeln!(
        o,
        "Times in {}; nights are 22:00–08:00 and weekends Saturday and Sunday on each responder's own clock. Generated {}{}.\n",
        r.timezone,
        crate::output::fmt::rfc3339(r.generated_at),
        if r.complete {
            ""
        } else {
            "; the week is not over yet"
        }
    );
    o.push_str("## The week in numbers\n\n| | this week |\n|---|---|\n");
    for (name, value) in numbers(r) {
        let _ = writeln!(o, "| {name} | {value} |");
    }
    o.push('\n');

    if !r.by_service.is_empty() {
        o.push_str("## Pages by service\n\n| Service | Pages |\n|---|---:|\n");
        for (svc, n) in &r.by_service {
            let _ = writeln!(o, "| {} | {n} |", esc(svc));
        }
        let urg: Vec<String> = r
            .by_urgency
            .iter()
            .map(|(u, n)| format!("{n} {}", esc(u)))
            .collect();
        let _ = writeln!(o, "\nBy urgency: {}.\n", urg.join(", "));
    }

    if let Some(people) = &w.off_hours.by_person
        && !people.is_empty()
    {
        o.push_str("## Who got paged when\n\n| Person | Zone | As manager | As engineer | Office hours | Evenings | Nights | Weekends |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for p in people.values() {
            let c = &p.counts;
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                esc(&p.name),
                p.timezone,
                p.as_manager,
                p.as_engineer,
                c.office_hours,
                c.evenings,
                c.nights,
                c.weekends
            );
        }
        o.push('\n');
    }

    o.push_str("## Incidents\n\n");
    if r.incidents.is_empty() {
        o.push_str("No pages this week.\n\n");
    } else {
        o.push_str("| Incident | Service | Urgency | Ticket | Paged | When | Level | Ack | Resolved in | Documented | Automated | Runbook updated | Summary |\n|---|---|---|---|---|---|---:|---|---|---|---|---|---|\n");
        for i in &r.incidents {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                esc(&i.id),
                esc(&i.service),
                esc(&i.urgency),
                esc(i.ticket.as_deref().unwrap_or("–")),
                local(i.paged_at, tz),
                i.landed.pair.word(),
                i.level,
                i.ack_seconds.map_or("–".into(), seconds),
                i.resolve_seconds.map_or_else(|| "open".into(), seconds),
                yes(i.documented),
                yes(i.automated),
                yes(i.runbook_changed_after_page),
                esc(&i.summary)
            );
        }
        o.push('\n');
    }

    o.push_str("## Urgency to fix\n\n");
    let fix = &r.urgency_to_fix;
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "none".to_string()
        } else {
            ids.iter().map(|i| esc(i)).collect::<Vec<_>>().join(", ")
        }
    };
    let _ = writeln!(
        o,
        "- Low urgency, yet paged outside office hours (could have waited): {}",
        list(&fix.low_urgency_off_hours)
    );
    let _ = writeln!(
        o,
        "- High urgency, resolved with no action (paged for nothing): {}\n",
        list(&fix.high_no_action)
    );

    let _ = writeln!(
        o,
        "## {}\n",
        if r.complete {
            "Open at the end of the week"
        } else {
            "Open now"
        }
    );
    if r.open_at_end.is_empty() {
        o.push_str("None.\n\n");
    } else {
        o.push_str("| Incident | Service | Paged | Open for | Level | Ticket | Summary |\n|---|---|---|---|---:|---|---|\n");
        for i in &r.open_at_end {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |",
                esc(&i.id),
                esc(&i.service),
                local(i.paged_at, tz),
                seconds(i.age_seconds),
                i.level,
                esc(i.ticket.as_deref().unwrap_or("–")),
                esc(&i.summary)
            );
        }
        o.push('\n');
    }

    o.push_str("## Morale\n\n");
    match &w.morale.scores {
        Some(scores) if !scores.is_empty() => {
            for s in scores {
                let note = s
                    .note
                    .as_deref()
                    .map_or_else(String::new, |n| format!(": {}", esc(n)));
                let _ = writeln!(o, "- {} ({}){note}", s.score, esc(&s.name));
            }
            o.push('\n');
        }
        _ => o.push_str("No scores recorded this week (`oncall morale SCORE`).\n\n"),
    }

    o.push_str("## Trend\n\n");
    o.push_str(&trend_table(&r.trend));
    o.push_str("\n## What went wrong\n\n- \n\n## What to fix next\n\n- \n");
    o
}

/// The headline figures, as (label, value) pairs; shared with the HTML page.
pub fn numbers(r: &Report) -> Vec<(&'static str, String)> {
    let w = &r.summary;
    let mean = w.morale.mean.map_or_else(
        || "–".into(),
        |m| {
            format!(
                "{m:.1} ({})",
                crate::retro::stats::plural(w.morale.count, "score")
            )
        },
    );
    let rb = &r.runbooks;
    vec![
        ("Pages", w.pages.to_string()),
        ("Nights (22:00–08:00)", w.off_hours.nights.to_string()),
        ("Weekends", w.off_hours.weekends.to_string()),
        ("Evenings", w.off_hours.evenings.to_string()),
        ("Office hours", w.off_hours.office_hours.to_string()),
        (
            "Time to acknowledge (median / worst)",
            spread(w.ack_seconds),
        ),
        (
            "Time to resolve (median / worst)",
            spread(w.resolve_seconds),
        ),
        (
            "Escalated to level 2 / 3",
            format!("{} / {}", w.escalations.level2, w.escalations.level3),
        ),
        ("Resolved", w.resolved.to_string()),
        ("Documented", share(w.documented_share, w.resolved)),
        ("Automated", share(w.automated_share, w.resolved)),
        (
            "Runbook changed after the page",
            if rb.checked {
                format!("{} of {}", rb.changed_after_page, rb.incidents)
            } else {
                "– (not under git)".into()
            },
        ),
        (
            "Low urgency, outside office hours",
            w.low_urgency_off_hours.to_string(),
        ),
        ("High urgency, no action", w.high_no_action.to_string()),
        ("Morale", mean),
        (
            if r.complete {
                "Open at the end"
            } else {
                "Open now"
            },
            w.open_at_end_count.to_string(),
        ),
    ]
}

fn trend_table(trend: &[WeekSummary]) -> String {
    let mut o = String::from(
        "| Week | Pages | Nights | Weekends | Ack median | Resolve median | Level 2 | Level 3 | Documented | Automated | Morale | Open at end |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for t in trend {
        let pct = |x: Option<f64>| x.map_or_else(|| "–".into(), percent);
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            t.week,
            t.pages,
            t.off_hours.nights,
            t.off_hours.weekends,
            t.ack_seconds.median.map_or("–".into(), seconds),
            t.resolve_seconds.median.map_or("–".into(), seconds),
            t.escalations.level2,
            t.escalations.level3,
            pct(t.documented_share),
            pct(t.automated_share),
            t.morale
                .mean
                .map_or_else(|| "–".into(), |m| format!("{m:.1}")),
            t.open_at_end_count
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_table_breaks() {
        assert_eq!(esc("a|b\nc"), "a\\|b c");
        assert_eq!(esc("<script>*x*"), "\\<script\\>\\*x\\*");
    }
}
