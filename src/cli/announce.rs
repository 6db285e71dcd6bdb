//! `oncall announce INCIDENT MESSAGE`: one status message to every configured channel at once.
//! This file only orders the steps: find the incident, pick the channels, compose, preview
//! and confirm, deliver in parallel, record the outcome in the log, report.

use std::sync::Arc;

use clap::{Args, ValueEnum};

use super::announce_view as view;
use super::lifecycle::{Session, find, follow_up, warn_damaged};
use crate::announce::channels::{self, Channel, ChannelKind};
use crate::announce::record::{self, Announced, Record};
use crate::announce::{Contact, Facts, Status, deliver, jobs, preview};
use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::incident::{EventKind, Incident, Replay};
use crate::integrations::settings;
use crate::output::prompt;
use crate::schedule::{Role, Schedule, resolve::holder_at};
use crate::status_page;

#[derive(Debug, Args)]
#[command(after_help = "\
Channels come from the [announce] tables of schedule.toml (the static status page needs no
setup). --to takes channel names, kinds (slack, static...) or groups (email, chat, statuspage,
jira). Exit codes: 0 every channel took it; 5 some failed (see the table; `--retry` re-sends
to those only); 4 none did, for lack of credentials; 1 none did.")]
pub struct AnnounceArgs {
    /// The incident id (or a unique prefix of it)
    #[arg(required_unless_present = "test")]
    incident: Option<String>,
    /// The message, as customers will read it
    #[arg(required_unless_present_any = ["retry", "test"])]
    message: Option<String>,
    /// The public status (default: the incident's last one, else investigating)
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Only these channels: names, kinds or groups, comma-separated
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    to: Vec<String>,
    /// Print what each channel would get, send nothing
    #[arg(long)]
    dry_run: bool,
    /// Send without asking (required when not interactive)
    #[arg(long, short)]
    yes: bool,
    /// Re-send the last announcement to the channels that failed it
    #[arg(long, conflicts_with_all = ["message", "status", "test"])]
    retry: bool,
    /// Send a clearly marked test message to each channel (public status pages are only
    /// checked, never posted to); nothing is logged
    #[arg(long, conflicts_with_all = ["retry", "status"])]
    test: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StatusArg {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Investigating => Status::Investigating,
            StatusArg::Identified => Status::Identified,
            StatusArg::Monitoring => Status::Monitoring,
            StatusArg::Resolved => Status::Resolved,
        }
    }
}

const TEST_MESSAGE: &str = "This is a test of oncall's announcement channels. No action is needed: if you can read this, this channel works.";

pub fn run(ctx: &Ctx, args: &AnnounceArgs) -> Result<()> {
    let session = Session::open(ctx)?;
    let s = &session.s;
    let selected = channels::select(channels::configured(s), &args.to)?;
    if selected.is_empty() {
        return Err(Error::new("no announce channels are configured")
            .hint("add `[announce.email]`, `[[announce.chat]]` or `[announce.statuspage]` to schedule.toml"));
    }
    if args.test {
        return send_test(&session, selected, args);
    }
    let (events, damaged) = session.log.read_all()?;
    warn_damaged(&ctx.ui, &damaged);
    let mut replay = Replay::new();
    for e in &events {
        replay.apply(e.as_ref());
    }
    let id = args.incident.as_deref().unwrap_or_default();
    let inc = find(&replay, id)?.clone();
    let history = record::history(&events, &inc.id);

    // What to say, when it was said, and to whom.
    let (status, message, at, selected, retry_of) = if args.retry {
        let (last, chosen) = retry_plan(&ctx.ui, &inc, &history, selected)?;
        let status = last.status.unwrap_or(Status::Investigating);
        (status, last.message.clone(), last.at, chosen, Some(last.at))
    } else {
        let message = args.message.clone().unwrap_or_default().trim().to_string();
        if message.is_empty() {
            return Err(Error::usage("the message is empty"));
        }
        let status = args
            .status
            .map(Status::from)
            .or_else(|| Status::parse(&inc.public_status))
            .unwrap_or(Status::Investigating);
        (status, message, ctx.now, selected, None)
    };
    let facts = facts(s, &inc, status, &message, at, false);
    let statuspage_id = record::statuspage_id(&history);
    let previews: Vec<preview::Preview> = selected
        .iter()
        .map(|c| preview::preview(c, &facts, statuspage_id.as_deref()))
        .collect();

    if args.dry_run {
        return view::print_preview(&ctx.ui, &facts, &previews, true);
    }
    if !args.yes && ctx.ui.can_prompt() {
        view::print_preview(&ctx.ui, &facts, &previews, false)?;
    }
    prompt::confirm_or_yes(
        &ctx.ui,
        args.yes,
        &format!("Send this to {} channel(s)?", selected.len()),
    )?;

    // A retry re-sends an update the page already has (the original row).
    let page = selected
        .iter()
        .any(|c| c.kind == ChannelKind::Static)
        .then(|| {
            let pending = retry_of.is_none().then(|| status_page::Pending {
                incident: inc.id.clone(),
                update: status_page::Update {
                    at,
                    status,
                    message: message.clone(),
                },
            });
            status_page::build(s, &page_title(s), &events, pending.as_ref(), ctx.now)
        });
    let env = Arc::new(jobs::Env {
        facts: facts.clone(),
        schedule: s.clone(),
        root: ctx.root()?.to_path_buf(),
        log: session.log.clone(),
        ui: ctx.ui.clone(),
        actor: session.actor.clone(),
        now: ctx.now,
        incident: Some(inc.clone()),
        statuspage_id,
        page,
        policy: settings::http_policy(),
    });
    let reports = deliver_all(ctx, &selected, &env);

    // The log keeps one row per announcement (and per retry) that reached anyone.
    let logged = if reports.iter().any(|r| r.outcome.is_ok()) {
        let mut row = follow_up(&session, EventKind::Announce, &inc, ctx.now);
        row.status = status.as_str().to_string();
        row.summary.clone_from(&message);
        row.source = outcome_record(&reports, retry_of).encode();
        session.log.append(&[row])?;
        true
    } else {
        false
    };
    view::report(&ctx.ui, &facts, &reports, args.retry, logged)
}

/// The last announcement and the channels (still configured, and picked by `--to`) that
/// failed it.
fn retry_plan<'h>(
    ui: &crate::output::Ui,
    inc: &Incident,
    history: &'h [Announced],
    selected: Vec<Channel>,
) -> Result<(&'h Announced, Vec<Channel>)> {
    let last = history.last().ok_or_else(|| {
        Error::new(format!("incident {} has no announcement to retry", inc.id)).hint(format!(
            "`oncall announce {} \"MESSAGE\"` makes one",
            inc.id
        ))
    })?;
    let failed = last
        .record
        .as_ref()
        .map(|r| r.failed.clone())
        .unwrap_or_default();
    if failed.is_empty() {
        return Err(Error::new(format!(
            "every channel took the last announcement of {}; nothing to retry",
            inc.id
        )));
    }
    for name in &failed {
        if !selected.iter().any(|c| &c.name == name) {
            ui.warn(&format!(
                "channel `{name}` failed last time but is not configured or not picked by --to; skipped"
            ));
        }
    }
    let chosen: Vec<Channel> = selected
        .into_iter()
        .filter(|c| failed.contains(&c.name))
        .collect();
    if chosen.is_empty() {
        return Err(Error::new(
            "none of the channels that failed can be retried",
        ));
    }
    Ok((last, chosen))
}

fn send_test(session: &Session<'_>, selected: Vec<Channel>, args: &AnnounceArgs) -> Result<()> {
    let ctx = session.ctx;
    let s = &session.s;
    let mut facts = facts(
        s,
        &Incident::default(),
        Status::Investigating,
        TEST_MESSAGE,
        ctx.now,
        true,
    );
    if let Some(m) = args.message.as_deref().or(args.incident.as_deref()) {
        facts.message = format!("{TEST_MESSAGE}\n{m}");
    }
    if args.dry_run {
        let previews: Vec<preview::Preview> = selected
            .iter()
            .map(|c| preview::preview(c, &facts, None))
            .collect();
        return view::print_preview(&ctx.ui, &facts, &previews, true);
    }
    let env = Arc::new(jobs::Env {
        facts: facts.clone(),
        schedule: s.clone(),
        root: ctx.root()?.to_path_buf(),
        log: session.log.clone(),
        ui: ctx.ui.clone(),
        actor: session.actor.clone(),
        now: ctx.now,
        incident: None,
        statuspage_id: None,
        page: None,
        policy: settings::http_policy(),
    });
    let reports = deliver_all(ctx, &selected, &env);
    view::report(&ctx.ui, &facts, &reports, false, false)
}

fn deliver_all(ctx: &Ctx, selected: &[Channel], env: &Arc<jobs::Env>) -> Vec<deliver::Report> {
    let jobs: Vec<deliver::Job> = selected.iter().map(|c| jobs::job(c, env)).collect();
    let mut progress = None;
    deliver::run(jobs, settings::announce_deadline(), |pending| {
        drop(progress.take()); // erase the previous line first
        progress = Some(
            ctx.ui
                .progress(&format!("announcing… waiting for {}", pending.join(", "))),
        );
    })
}

/// The `source` cell: who took it, who did not, the Statuspage incident, and for a retry
/// the original announcement's time.
fn outcome_record(
    reports: &[deliver::Report],
    retry_of: Option<chrono::DateTime<chrono::Utc>>,
) -> Record {
    let names = |f: fn(&deliver::Outcome) -> bool| -> Vec<String> {
        reports
            .iter()
            .filter(|r| f(&r.outcome))
            .map(|r| r.channel.clone())
            .collect()
    };
    Record {
        ok: names(deliver::Outcome::is_ok),
        failed: names(deliver::Outcome::is_failed),
        statuspage_id: reports.iter().find_map(|r| match &r.outcome {
            deliver::Outcome::Ok { statuspage_id, .. } => statuspage_id.clone(),
            _ => None,
        }),
        of: retry_of,
    }
}

/// The page's heading: `[announce.statuspage] title`, else "<team> status".
fn page_title(s: &Schedule) -> String {
    s.announce
        .statuspage
        .as_ref()
        .and_then(|p| p.title.clone())
        .unwrap_or_else(|| format!("{} status", s.team.name))
}

/// The facts of an announcement: the incident, its service, the pair on call at `at`, the
/// ticket and its link.
fn facts(
    s: &Schedule,
    inc: &Incident,
    status: Status,
    message: &str,
    at: chrono::DateTime<chrono::Utc>,
    test: bool,
) -> Facts {
    let contact = |role| {
        holder_at(s, role, at).map(|h| {
            let p = s.people.get(h.person);
            Contact {
                id: h.person.to_string(),
                name: p.map_or_else(|| h.person.to_string(), |p| p.name.clone()),
                chat: p.and_then(|p| p.chat.clone()),
            }
        })
    };
    let ticket = (!inc.ticket.is_empty()).then(|| inc.ticket.clone());
    let ticket_url = ticket.as_ref().and_then(|t| {
        s.jira
            .as_ref()
            .and_then(settings::jira_url)
            .map(|u| format!("{u}/browse/{t}"))
    });
    Facts {
        team: s.team.name.clone(),
        incident: inc.id.clone(),
        service: inc.service.clone(),
        service_title: s
            .services
            .get(&inc.service)
            .and_then(|sv| sv.description.clone())
            .unwrap_or_else(|| inc.service.clone()),
        urgency: inc.urgency.clone(),
        status,
        message: message.to_string(),
        manager: contact(Role::Manager),
        engineer: contact(Role::Engineer),
        ticket,
        ticket_url,
        at,
        tz: s.team.tz,
        test,
    }
}
