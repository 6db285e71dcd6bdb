//! `oncall retro --html FILE`: one self-contained page (inline CSS and SVG; no scripts, fonts
//! or links to fetch) with charts of the week-over-week trends and the week's tables, for the
//! screen in the weekly meeting. Pure string building; all text from the log is escaped.

use crate::markup::html as esc;
use std::fmt::Write;

use chrono_tz::Tz;

use super::markdown::{numbers, title};
use super::report::Report;
use super::stats::WeekSummary;
use super::svg::{Chart, Kind, Series};
use crate::output::fmt::{percent, seconds};

const CSS: &str = "
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #eee}
.sub{color:#666;margin-top:0}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{background:#fafafa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:1rem}
svg.chart{width:100%;height:auto;border:1px solid #eee;border-radius:6px;background:#fff}
svg text{font:12px system-ui,sans-serif;fill:#444}svg .chart-title{font-weight:600;fill:#222}
.bad{color:#b00020;font-weight:600}.muted{color:#888}
";

fn cell(s: &str) -> String {
    format!("<td>{}</td>", esc(s))
}

fn num(s: impl std::fmt::Display) -> String {
    format!("<td class=\"n\">{s}</td>")
}

fn yes(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "–",
    }
}

/// Renders the page.
pub fn render(r: &Report, tz: Tz) -> String {
    let w = &r.summary;
    let mut o = String::new();
    let heading = format!("On-call retro: {}", title(r, tz));
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body>\n",
        esc(&heading)
    );
    let _ = writeln!(o, "<h1>{}</h1>", esc(&heading));
    let _ = writeln!(
        o,
        "<p class=\"sub\">Times in {}. Nights are 22:00–08:00 and weekends Saturday and Sunday, on each responder's own clock. Generated {}{}.</p>",
        esc(&r.timezone),
        crate::output::fmt::rfc3339(r.generated_at),
        if r.complete {
            ""
        } else {
            "; the week is not over yet"
        }
    );

    o.push_str("<h2>The week in numbers</h2>\n<table class=\"numbers\">");
    for (name, value) in numbers(r) {
        let _ = write!(o, "<tr><th>{}</th>{}</tr>", esc(name), cell(&value));
    }
    o.push_str("</table>\n");

    o.push_str("<h2>Week over week</h2>\n<div class=\"charts\">\n");
    for chart in charts(r) {
        o.push_str(&chart);
        o.push('\n');
    }
    o.push_str("</div>\n");

    if let Some(people) = &w.off_hours.by_person
        && !people.is_empty()
    {
        o.push_str("<h2>Who got paged when</h2>\n<table><tr><th>Person</th><th>Zone</th><th>As manager</th><th>As engineer</th><th>Office hours</th><th>Evenings</th><th>Nights</th><th>Weekends</th></tr>\n");
        for p in people.values() {
            let c = &p.counts;
            let _ = writeln!(
                o,
                "<tr>{}{}{}{}{}{}{}{}</tr>",
                cell(&p.name),
                cell(&p.timezone),
                num(p.as_manager),
                num(p.as_engineer),
                num(c.office_hours),
                num(c.evenings),
                num(c.nights),
                num(c.weekends)
            );
        }
        o.push_str("</table>\n");
    }

    o.push_str("<h2>Incidents</h2>\n");
    if r.incidents.is_empty() {
        o.push_str("<p>No pages this week.</p>\n");
    } else {
        o.push_str("<table class=\"incidents\"><tr><th>Incident</th><th>Service</th><th>Urgency</th><th>Ticket</th><th>Paged</th><th>When</th><th>Level</th><th>Ack</th><th>Resolved in</th><th>Documented</th><th>Automated</th><th>Runbook updated</th><th>Summary</th></tr>\n");
        for i in &r.incidents {
            let when = i.landed.pair.word();
            let when = if i.night || i.weekend {
                format!("<td class=\"bad\">{when}</td>")
            } else {
                cell(when)
            };
            let _ = writeln!(
                o,
                "<tr>{}{}{}{}{}{when}{}{}{}{}{}{}{}</tr>",
                cell(&i.id),
                cell(&i.service),
                cell(&i.urgency),
                cell(i.ticket.as_deref().unwrap_or("–")),
                cell(
                    &i.paged_at
                        .with_timezone(&tz)
                        .format("%a %d %b %H:%M")
                        .to_string()
                ),
                num(i.level),
                cell(&i.ack_seconds.map_or("–".into(), seconds)),
                cell(&i.resolve_seconds.map_or_else(|| "open".into(), seconds)),
                cell(yes(i.documented)),
                cell(yes(i.automated)),
                cell(yes(i.runbook_changed_after_page)),
                cell(&i.summary)
            );
        }
        o.push_str("</table>\n");
    }

    let fix = &r.urgency_to_fix;
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "none".to_string()
        } else {
            esc(&ids.join(", "))
        }
    };
    let _ = writeln!(
        o,
        "<h2>Urgency to fix</h2>\n<ul><li>Low urgency, yet paged outside office hours (could have waited): {}</li><li>High urgency, resolved with no action (paged for nothing): {}</li></ul>",
        list(&fix.low_urgency_off_hours),
        list(&fix.high_no_action)
    );

    let _ = writeln!(
        o,
        "<h2>{}</h2>",
        if r.complete {
            "Open at the end of the week"
        } else {
            "Open now"
        }
    );
    if r.open_at_end.is_empty() {
        o.push_str("<p>None.</p>\n");
    } else {
        o.push_str("<table><tr><th>Incident</th><th>Service</th><th>Paged</th><th>Open for</th><th>Level</th><th>Ticket</th><th>Summary</th></tr>\n");
        for i in &r.open_at_end {
            let _ = writeln!(
                o,
                "<tr>{}{}{}{}{}{}{}</tr>",
                cell(&i.id),
                cell(&i.service),
                cell(
                    &i.paged_at
                        .with_timezone(&tz)
                        .format("%a %d %b %Y %H:%M")
                        .to_string()
                ),
                cell(&seconds(i.age_seconds)),
                num(i.level),
                cell(i.ticket.as_deref().unwrap_or("–")),
                cell(&i.summary)
            );
        }
        o.push_str("</table>\n");
    }

    o.push_str("<h2>Morale</h2>\n");
    match &w.morale.scores {
        Some(scores) if !scores.is_empty() => {
            o.push_str("<ul>");
            for s in scores {
                let note = s
                    .note
                    .as_deref()
                    .map_or_else(String::new, |n| format!(": {}", esc(n)));
                let _ = write!(o, "<li>{} ({}){note}</li>", s.score, esc(&s.name));
            }
            o.push_str("</ul>\n");
        }
        _ => o.push_str("<p class=\"muted\">No scores recorded this week.</p>\n"),
    }
    o.push_str("</body></html>\n");
    o
}

/// The trend charts, oldest week on the left.
fn charts(r: &Report) -> Vec<String> {
    let weeks: Vec<String> = r.trend.iter().map(|t| t.week.clone()).collect();
    let col = |f: &dyn Fn(&WeekSummary) -> Option<f64>| -> Vec<Option<f64>> {
        r.trend.iter().map(f).collect()
    };
    let n = |x: usize| Some(x as f64);
    // Durations in the unit that suits the slowest median: minutes, hours or days.
    let slowest = r
        .trend
        .iter()
        .flat_map(|t| [t.ack_seconds.median, t.resolve_seconds.median])
        .flatten()
        .max()
        .unwrap_or(0);
    let (unit, suffix) = match slowest {
        s if s <= 2 * 3600 => (60.0, "m"),
        s if s <= 3 * 86400 => (3600.0, "h"),
        _ => (86400.0, "d"),
    };
    let in_unit = |s: Option<i64>| s.map(|s| s as f64 / unit);
    let duration = move |v: f64| format!("{}{suffix}", trim(v));
    let count = |v: f64| format!("{v:.0}");
    let share = |v: f64| percent(v);
    let mean = |v: f64| format!("{v:.1}");
    let list = [
        Chart {
            id: "pages",
            title: "Pages, nights and weekends",
            kind: Kind::Bars,
            weeks: &weeks,
            series: vec![
                Series {
                    name: "pages",
                    values: col(&|t| n(t.pages)),
                },
                Series {
                    name: "nights",
                    values: col(&|t| n(t.off_hours.nights)),
                },
                Series {
                    name: "weekends",
                    values: col(&|t| n(t.off_hours.weekends)),
                },
            ],
            min: 0.0,
            max: 4.0,
            integer: true,
            label: &count,
        },
        Chart {
            id: "response",
            title: "Median time to acknowledge and to resolve",
            kind: Kind::Lines,
            weeks: &weeks,
            series: vec![
                Series {
                    name: "acknowledge",
                    values: col(&|t| in_unit(t.ack_seconds.median)),
                },
                Series {
                    name: "resolve",
                    values: col(&|t| in_unit(t.resolve_seconds.median)),
                },
            ],
            min: 0.0,
            max: 1.0,
            integer: false,
            label: &duration,
        },
        Chart {
            id: "escalations",
            title: "Escalations",
            kind: Kind::Bars,
            weeks: &weeks,
            series: vec![
                Series {
                    name: "level 2+",
                    values: col(&|t| n(t.escalations.level2)),
                },
                Series {
                    name: "level 3",
                    values: col(&|t| n(t.escalations.level3)),
                },
            ],
            min: 0.0,
            max: 4.0,
            integer: true,
            label: &count,
        },
        Chart {
            id: "learning",
            title: "Resolutions documented and automated",
            kind: Kind::Lines,
            weeks: &weeks,
            series: vec![
                Series {
                    name: "documented",
                    values: col(&|t| t.documented_share),
                },
                Series {
                    name: "automated",
                    values: col(&|t| t.automated_share),
                },
            ],
            min: 0.0,
            max: 1.0,
            integer: false,
            label: &share,
        },
        Chart {
            id: "morale",
            title: "Morale (mean score, 1-5)",
            kind: Kind::Lines,
            weeks: &weeks,
            series: vec![Series {
                name: "mean score",
                values: col(&|t| t.morale.mean),
            }],
            min: 1.0,
            max: 5.0,
            integer: false,
            label: &mean,
        },
    ];
    list.iter().map(Chart::render).collect()
}

/// `2.5` as `2.5` and `3.0` as `3`, for axis labels.
fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}
