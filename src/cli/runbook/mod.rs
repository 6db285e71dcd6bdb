//! `oncall runbook`: a service's runbook rendered in the terminal with its freshness from git
//! (this file); every runbook at a glance (`list`); finding text in them (`search`); and
//! editing one and committing it in one step (`edit`).

mod edit;
mod entry;
mod list;
mod search;

use clap::Args;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::output::{Tone, fmt, markdown};
use crate::runbook::Freshness;
use crate::schedule::Schedule;
use crate::schedule::time::format_duration;

use entry::{ChangeView, Entry, Found};

const EXAMPLES: &str = "\
Examples:
  oncall runbook ingest                  the page, who changed it last and when
  oncall runbook ingest > ingest.md      the markdown as it is, into a file
  oncall runbook                         every runbook: last change, stale, missing
  oncall runbook --search \"consumer lag\" where a symptom is covered
  oncall runbook ingest --edit           edit it and commit it in one step";

#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct RunbookArgs {
    /// The service, or a runbook's path inside the repository (e.g. runbooks/kafka.md)
    #[arg(value_name = "SERVICE")]
    service: Option<String>,
    /// List every service, its runbook and when it last changed (the default without SERVICE)
    #[arg(long, conflicts_with_all = ["service", "search", "edit", "raw"])]
    list: bool,
    /// Find runbooks that mention TEXT (ignoring case unless TEXT has capitals); with SERVICE,
    /// only its runbook
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["edit", "raw"])]
    search: Option<String>,
    /// Lines of context around each match of --search
    #[arg(long, short = 'C', value_name = "N", default_value_t = 2)]
    context: usize,
    /// Print the markdown as it is, without rendering (what you get when piped)
    #[arg(long)]
    raw: bool,
    /// Open the runbook in $VISUAL or $EDITOR and commit it if it changed (a missing runbook
    /// starts from a template)
    #[arg(long, requires = "service", conflicts_with = "raw")]
    edit: bool,
    /// With --edit: save the file, but do not commit it
    #[arg(long, requires = "edit")]
    no_commit: bool,
    /// Warn about runbooks last changed longer ago than this, e.g. 90d or 26w (default:
    /// `stale_after` in the [runbooks] table of schedule.toml, else 180d)
    #[arg(long, value_name = "AGE")]
    stale_after: Option<String>,
    /// Never page the output through $PAGER
    #[arg(long)]
    no_pager: bool,
}

pub fn run(ctx: &Ctx, args: &RunbookArgs) -> Result<()> {
    let s = entry::schedule(ctx)?;
    let stale_after = entry::stale_after(&s, args.stale_after.as_deref())?;
    if let Some(query) = &args.search {
        return search::run(ctx, &s, args, query);
    }
    match &args.service {
        Some(name) if args.edit => edit::run(ctx, &s, name, args.no_commit),
        Some(name) => show(ctx, &s, name, args, stale_after),
        None => list::run(ctx, &s, stale_after, args.no_pager),
    }
}

/// `--json` output of one runbook.
#[derive(Serialize)]
struct RunbookView<'a> {
    service: Option<&'a str>,
    description: Option<&'a str>,
    urgency: Option<&'a str>,
    lead: Option<LeadView>,
    path: &'a str,
    status: &'static str,
    last_change: Option<ChangeView>,
    age_days: Option<i64>,
    stale: bool,
    stale_after: String,
    modified: bool,
    untracked: bool,
    markdown: &'a str,
}

#[derive(Serialize)]
struct LeadView {
    id: String,
    name: String,
    phone: Option<String>,
    chat: Option<String>,
}

fn show(
    ctx: &Ctx,
    s: &Schedule,
    name: &str,
    args: &RunbookArgs,
    stale_after: chrono::Duration,
) -> Result<()> {
    let e = entry::find(ctx, s, name)?;
    let Some(found) = e.found(ctx, stale_after)? else {
        let mut err = Error::new(format!("`{}` has no runbook yet", e.name))
            .cause(format!("there is no `{}`", e.path));
        if e.service.is_some() {
            err = err.hint(format!(
                "`oncall runbook {} --edit` starts one from a template and commits it",
                e.name
            ));
        }
        return Err(err);
    };
    let bytes = std::fs::read(&found.file)
        .map_err(|err| Error::new(format!("cannot read `{}`", e.path)).cause(err))?;
    // A runbook with a stray non-UTF-8 byte is still worth reading at 4am.
    let text = String::from_utf8_lossy(&bytes);

    if ctx.ui.json {
        let f = &found.freshness;
        return ctx.ui.json(&RunbookView {
            service: e.service.map(|svc| svc.name.as_str()),
            description: e.service.and_then(|svc| svc.description.as_deref()),
            urgency: e.service.map(|svc| svc.urgency.as_str()),
            lead: lead(s, &e),
            path: &e.path,
            status: f.status().as_str(),
            last_change: found.change.as_ref().map(ChangeView::from),
            age_days: f.age.map(|a| a.num_days()),
            stale: f.stale,
            stale_after: format_duration(stale_after),
            modified: f.modified,
            untracked: f.untracked,
            markdown: &text,
        });
    }
    if ctx.ui.is_tty() && !args.raw {
        let mut page = header(ctx, s, &e, &found, stale_after);
        page.push('\n');
        page.push_str(&markdown::render(
            &text,
            usize::from(ctx.ui.width()),
            ctx.ui.color(),
        ));
        return ctx.ui.page(&page, !args.no_pager);
    }
    // Piped or --raw: stdout is the file exactly (so `> x.md` round-trips); notes on stderr.
    ctx.ui.print(&text)?;
    ctx.ui
        .status(&format!("{}: {}", e.path, changed(ctx, s, &found)));
    for w in warnings(&e, &found.freshness, stale_after) {
        ctx.ui.warn(&w);
    }
    Ok(())
}

fn lead(s: &Schedule, e: &Entry<'_>) -> Option<LeadView> {
    let id = e.service?.lead.as_deref()?;
    let p = s.person(id);
    Some(LeadView {
        id: id.to_string(),
        name: s.name_of(id).to_string(),
        phone: p.and_then(|p| p.phone.clone()),
        chat: p.and_then(|p| p.chat.clone()),
    })
}

/// `last changed 2026-05-02 (206 days ago) by Alice Ng: "subject" (a1b2c3d4)`.
fn changed(ctx: &Ctx, s: &Schedule, found: &Found) -> String {
    match &found.change {
        Some(c) => format!(
            "last changed {} ({}) by {}: \"{}\" ({})",
            fmt::date(c.time, s.team.tz),
            fmt::ago(ctx.now, c.time),
            c.author,
            c.subject,
            c.short_id()
        ),
        None if found.git => "never committed".into(),
        None => "not under git, so its age is unknown".into(),
    }
}

/// What the reader should know before trusting the page.
fn warnings(e: &Entry<'_>, f: &Freshness, stale_after: chrono::Duration) -> Vec<String> {
    let mut out = Vec::new();
    if let (true, Some(age)) = (f.stale, f.age) {
        out.push(format!(
            "`{}` was last changed {} days ago (stale after {}): check it against what you see, \
             and update it afterwards with `oncall runbook {} --edit`",
            e.path,
            age.num_days(),
            format_duration(stale_after),
            e.name
        ));
    }
    if f.untracked {
        out.push(format!(
            "`{}` is not committed: teammates do not have this page",
            e.path
        ));
    } else if f.modified {
        out.push(format!(
            "`{}` has uncommitted edits: this is your working copy, not what teammates have",
            e.path
        ));
    }
    out
}

/// The lines above a rendered runbook: what the service is, who to call, how fresh the page
/// is, and any warnings; then a rule.
fn header(
    ctx: &Ctx,
    s: &Schedule,
    e: &Entry<'_>,
    found: &Found,
    stale_after: chrono::Duration,
) -> String {
    let ui = &ctx.ui;
    let mut out = ui.paint(Tone::Bold, &e.name);
    if let Some(d) = e.service.and_then(|svc| svc.description.as_deref()) {
        out.push_str(&format!(" · {d}"));
    }
    out.push('\n');
    if let Some(svc) = e.service {
        let (tone, when) = match svc.urgency {
            crate::schedule::Urgency::High => (Tone::Bad, "pages at any hour"),
            crate::schedule::Urgency::Low => (Tone::Plain, "waits for office hours"),
        };
        let mut line = format!("urgency {} ({when})", ui.paint(tone, svc.urgency.as_str()));
        if let Some(l) = lead(s, e) {
            let contact: Vec<&str> = [l.phone.as_deref(), l.chat.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            line.push_str(&format!(
                " · level 2: {} ({})",
                ui.paint(Tone::Bold, &l.name),
                l.id
            ));
            if !contact.is_empty() {
                line.push_str(&format!(" {}", contact.join(" ")));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    let f = &found.freshness;
    let tone = if f.stale || f.untracked || f.modified {
        Tone::Warn
    } else {
        Tone::Dim
    };
    out.push_str(&format!(
        "{} · {}\n",
        e.path,
        ui.paint(tone, &changed(ctx, s, found))
    ));
    for w in warnings(e, f, stale_after) {
        out.push_str(&format!("{} {w}\n", ui.paint(Tone::Warn, "warning:")));
    }
    let width = usize::from(ui.width()).min(100);
    out.push_str(&ui.paint(Tone::Dim, &"━".repeat(width)));
    out.push('\n');
    out
}
