//! `oncall runbook --search TEXT`: the lines of every runbook (or one service's) that mention
//! TEXT, with context. On a terminal, grouped by runbook with the match highlighted; piped,
//! in grep's `path:line:text` / `path-line-text` form so other tools can read it. Exit 1 when
//! nothing matches, as grep does.

use serde::Serialize;

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::output::{Tone, wrap};
use crate::runbook::{self, Match, Query};
use crate::schedule::Schedule;

use super::RunbookArgs;
use super::entry::{self, Entry};

#[derive(Serialize)]
struct SearchView<'a> {
    query: &'a str,
    results: Vec<FileView<'a>>,
}

#[derive(Serialize)]
struct FileView<'a> {
    service: Option<&'a str>,
    path: &'a str,
    matches: Vec<Match>,
}

pub fn run(ctx: &Ctx, s: &Schedule, args: &RunbookArgs, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::usage("`--search` needs some text to look for"));
    }
    let entries: Vec<Entry<'_>> = match &args.service {
        Some(name) => vec![entry::find(ctx, s, name)?],
        None => entry::all(ctx, s)?,
    };
    let query = Query::new(text);
    let mut results = Vec::new();
    for e in &entries {
        let file = match e.locate(ctx) {
            Ok(crate::files::Inside::Exists(f)) => f,
            Ok(crate::files::Inside::Absent(_)) if args.service.is_some() => {
                return Err(Error::new(format!("`{}` has no runbook yet", e.name))
                    .cause(format!("there is no `{}`", e.path)));
            }
            Ok(crate::files::Inside::Absent(_)) => continue,
            Err(err) if args.service.is_some() => return Err(err),
            Err(err) => {
                ctx.ui
                    .warn(&format!("skipping {}: {}", e.name, err.message));
                continue;
            }
        };
        let Ok(bytes) = std::fs::read(&file) else {
            ctx.ui
                .warn(&format!("cannot read `{}`; skipping it", e.path));
            continue;
        };
        let matches = runbook::search(&String::from_utf8_lossy(&bytes), &query, args.context);
        if !matches.is_empty() {
            results.push(FileView {
                service: e.service.map(|svc| svc.name.as_str()),
                path: &e.path,
                matches,
            });
        }
    }
    let files = results.len();
    let hits: usize = results.iter().map(|r| r.matches.len()).sum();
    if ctx.ui.json {
        ctx.ui.json(&SearchView {
            query: text,
            results,
        })?;
    } else if ctx.ui.is_tty() {
        ctx.ui.page(&human(ctx, &results, &query), !args.no_pager)?;
    } else {
        ctx.ui.print(&grep(&results))?;
    }
    if files > 0 {
        ctx.ui
            .status(&format!("{hits} matching line(s) in {files} runbook(s)"));
        return Ok(());
    }
    ctx.ui.status(&match &args.service {
        Some(name) => format!("the `{name}` runbook does not mention `{text}`"),
        None => format!("no runbook mentions `{text}`"),
    });
    Err(Error::silent())
}

/// Each line to show, with its number and whether it matched.
fn lines(m: &[Match]) -> Vec<Vec<(usize, &str, bool)>> {
    runbook::runs(m)
        .into_iter()
        .map(|(lo, hi)| (lo..=hi).filter_map(|n| line_at(m, n)).collect::<Vec<_>>())
        .collect()
}

/// Line `n` as known from the matches (a match line, or a context line of one).
fn line_at(ms: &[Match], n: usize) -> Option<(usize, &str, bool)> {
    for m in ms {
        if m.line == n {
            return Some((n, &m.text, true));
        }
    }
    for m in ms {
        let first = m.line - m.before.len();
        if (first..m.line).contains(&n) {
            return Some((n, &m.before[n - first], false));
        }
        if (m.line + 1..=m.line + m.after.len()).contains(&n) {
            return Some((n, &m.after[n - m.line - 1], false));
        }
    }
    None
}

/// grep -C form: `path:12:text` for matches, `path-11-text` for context, `--` between runs.
fn grep(results: &[FileView<'_>]) -> String {
    let mut out = String::new();
    let mut first = true;
    for r in results {
        for run in lines(&r.matches) {
            if !first {
                out.push_str("--\n");
            }
            first = false;
            for (n, text, hit) in run {
                let sep = if hit { ':' } else { '-' };
                out.push_str(&format!("{}{sep}{n}{sep}{text}\n", r.path));
            }
        }
    }
    out
}

/// Runbooks as headings, numbered lines, the matched text highlighted.
fn human(ctx: &Ctx, results: &[FileView<'_>], query: &Query) -> String {
    let ui = &ctx.ui;
    let mut out = String::new();
    for (i, r) in results.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let title = match r.service {
            Some(svc) => format!("{} ({})", r.path, svc),
            None => r.path.to_string(),
        };
        out.push_str(&ui.paint(Tone::Accent, &title));
        out.push('\n');
        let runs = lines(&r.matches);
        let digits = runs
            .iter()
            .flatten()
            .map(|(n, _, _)| n.to_string().len())
            .max()
            .unwrap_or(1);
        for (j, run) in runs.iter().enumerate() {
            if j > 0 {
                out.push_str(&ui.paint(Tone::Dim, &format!("{:>digits$}  ┆", "")));
                out.push('\n');
            }
            for &(n, text, hit) in run {
                let num = format!("{n:>digits$}");
                let (num, bar) = if hit {
                    (ui.paint(Tone::Warn, &num), ui.paint(Tone::Warn, ":"))
                } else {
                    (ui.paint(Tone::Dim, &num), ui.paint(Tone::Dim, " "))
                };
                let text = if hit {
                    highlight(ui.color(), text, query)
                } else {
                    wrap::sanitize(text)
                };
                out.push_str(&format!("{num}{bar} {text}\n"));
            }
        }
    }
    out
}

/// `text` with each match of `query` in bold yellow when `color` (without colour, the `:`
/// after the line number marks a matching line). Control characters are defused.
fn highlight(color: bool, text: &str, query: &Query) -> String {
    if !color {
        return wrap::sanitize(text);
    }
    let style = wrap::Style {
        bold: true,
        ..wrap::Style::fg(anstyle::AnsiColor::Yellow)
    };
    let mut out = String::new();
    let mut at = 0;
    for r in query.ranges(text) {
        out.push_str(&wrap::sanitize(&text[at..r.start]));
        out.push_str(&wrap::paint_str(
            &wrap::sanitize(&text[r.clone()]),
            style,
            true,
        ));
        at = r.end;
    }
    out.push_str(&wrap::sanitize(&text[at..]));
    out
}
