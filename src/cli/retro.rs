//! `oncall retro`: the weekly review. Streams the log once through `retro::Collector` for the
//! chosen week and the trend weeks before it, asks git when each paged service's runbook
//! changed, builds the report and prints it (terminal, TSV, `--json`, `--markdown`) or writes
//! `--html FILE`.

use std::path::PathBuf;

use clap::Args;

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::incident::Log;
use crate::output::fmt;
use crate::retro::{self, Collector, RunbookChanges, Week};
use crate::schedule::Schedule;

#[derive(Debug, Args)]
#[command(after_help = "\
An incident counts in the week of its first page. Nights are 22:00-08:00 and weekends Saturday
and Sunday on each responder's own clock; documented/automated shares are of the incidents
resolved in the week.

When piped (without --json or --markdown), prints one tab-separated row per week, oldest first:
WEEK START PAGES NIGHTS WEEKENDS EVENINGS OFFICE_HOURS ACK_MEDIAN_S RESOLVE_MEDIAN_S LEVEL2 LEVEL3
RESOLVED DOCUMENTED_SHARE AUTOMATED_SHARE MORALE_MEAN OPEN_AT_END")]
pub struct RetroArgs {
    /// The week to review: `2026-W48`, a date in it (`2026-11-18`), `this` or `last`
    /// (default and bare `--week`: the week containing now, Monday to Sunday in the team zone)
    #[arg(long, value_name = "WEEK", num_args = 0..=1, default_missing_value = "this")]
    week: Option<String>,
    /// How many weeks before it to show as the trend
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(0..=520))]
    weeks: u32,
    /// Print the report as Markdown meeting notes
    #[arg(long, conflicts_with = "html")]
    markdown: bool,
    /// Write one self-contained HTML page with charts of the trends to FILE
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: &RetroArgs) -> Result<()> {
    if ctx.ui.json && (args.markdown || args.html.is_some()) {
        return Err(Error::usage("`--json` cannot be combined with `--markdown` or `--html`")
            .hint("pick one output: `--json` for scripts, `--markdown` for notes, `--html FILE` for the screen"));
    }
    let s = ctx.schedule(None)?;
    let tz = s.team.tz;
    let spec = args.week.as_deref().unwrap_or("this");
    let week = Week::parse(spec, tz, ctx.now).map_err(|m| {
        Error::usage(format!("bad `--week`: {m}"))
            .hint("e.g. `--week 2026-W47`, `--week 2026-11-18` or `--week last`")
    })?;
    let weeks = week.with_previous(args.weeks);
    let from = weeks.first().map_or(week, |w| *w).start(tz);
    let to = week.end(tz);

    let mut collector = Collector::new(from, to);
    let damaged = Log::new(ctx.root()?).for_each(|e| collector.apply(e))?;
    for d in &damaged {
        ctx.ui.warn(&d.to_string());
    }
    let collected = collector.finish();
    for m in &collected.bad_morale {
        ctx.ui.warn(&format!("pages.csv: {m}"));
    }
    let runbooks = runbook_changes(ctx, &s, &collected, (week.start(tz), to))?;
    let report = retro::report::build(&s, &weeks, &collected, runbooks.as_ref(), ctx.now);

    if let Some(path) = &args.html {
        crate::files::write_atomic(path, retro::html::render(&report, tz).as_bytes())?;
        ctx.ui.status(&format!(
            "wrote {} ({}, {} weeks of trend)",
            path.display(),
            report.summary.week,
            weeks.len()
        ));
        return Ok(());
    }
    if ctx.ui.json {
        return ctx.ui.json(&report);
    }
    if args.markdown {
        return ctx.ui.print(&retro::markdown::render(&report, tz));
    }
    if ctx.ui.is_tty() {
        ctx.ui
            .print(&crate::output::retro::render(&ctx.ui, &report, tz))
    } else {
        ctx.ui.print(&crate::output::retro::tsv(&report))
    }
}

/// When each paged service's runbook changed since its first page of the week; `None` when
/// the folder is not under git. One history walk per service, not per incident.
fn runbook_changes(
    ctx: &Ctx,
    s: &Schedule,
    c: &retro::Collected,
    (start, end): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
) -> Result<Option<RunbookChanges>> {
    let Some(git) = ctx.git()? else {
        return Ok(None);
    };
    let mut out = RunbookChanges::new();
    for (service, first) in retro::report::services_paged(c, start, end) {
        let path = retro::report::runbook_path(s, &service);
        match git.changes_since(&path, first) {
            Ok(mut times) => {
                times.sort();
                out.insert(service, times);
            }
            Err(e) => {
                // History we cannot read is not a reason to withhold the retro.
                ctx.ui.warn(&format!(
                    "cannot tell when `{path}` changed ({}); runbook evidence left out for {service} since {}",
                    e,
                    fmt::rfc3339(first)
                ));
            }
        }
    }
    Ok(Some(out))
}
