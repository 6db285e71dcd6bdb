//! The command line: global flags, the subcommands, and dispatch. Only `cli/` knows clap.
//!
//! House rules: each subcommand lives in its own file with an `XArgs` struct (its doc comments
//! are the help text) and a `run(ctx, args)` function that orders the steps of the command;
//! domain rules live in the domain modules and all printing goes through `ctx.ui`.

mod ack;
mod announce;
mod announce_view;
mod check;
mod check_channels;
mod completions;
mod escalate;
mod handoff;
mod init;
mod lifecycle;
mod listen;
mod morale;
mod note;
mod overrides;
mod page;
mod resolve;
mod retro;
mod runbook;
mod schedule;
mod status;
mod sync;
mod who;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::app::Ctx;
use crate::error::Result;
use crate::output::ColorChoice;

const AFTER_HELP: &str = "\
Exit codes: 0 ok; 1 failure or findings; 2 usage; 4 missing or rejected credentials;
5 partial delivery (some channels failed); 130 cancelled.

Times are RFC 3339 (2026-11-24T03:12:45Z) or `YYYY-MM-DD[ HH:MM[:SS]]` in the team zone;
`$ONCALL_NOW` stands in for the current time.";

/// Incident response for on-call pairs, over a git repository of plain files.
#[derive(Debug, Parser)]
#[command(name = "oncall", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand accepts, before or after its name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The on-call repository (default: the nearest folder upwards with schedule.toml)
    #[arg(long, global = true, value_name = "DIR", env = "ONCALL_REPO")]
    pub repo: Option<PathBuf>,
    /// Machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Only data and errors: no status lines, warnings or hints
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Who is on call now (or at a time): the pair, their contacts and local time, levels 2 and 3
    Who(who::WhoArgs),
    /// Upcoming shifts as a table, JSON or an iCalendar feed
    Schedule(schedule::ScheduleArgs),
    /// Lint the schedule: gaps, clashes, absences, missing contacts and runbooks, DST handoffs
    Check(check::CheckArgs),
    /// Create a new on-call repository
    Init(init::InitArgs),
    /// Add, list or remove overrides (someone covering a role for a while)
    #[command(subcommand)]
    Override(overrides::OverrideCommand),
    /// Show a service's runbook with how fresh it is; list, search or edit runbooks
    Runbook(runbook::RunbookArgs),
    /// Record a page: log it with the pair on call, open the Jira ticket, print the incident id
    Page(page::PageArgs),
    /// Acknowledge an incident: someone has it
    Ack(ack::AckArgs),
    /// Escalate an incident to level 2 (team leads) or 3 (VP and CTO)
    Escalate(escalate::EscalateArgs),
    /// Add a note to an incident (and its ticket)
    Note(note::NoteArgs),
    /// Resolve an incident, saying whether the fix is documented and automated
    Resolve(resolve::ResolveArgs),
    /// Open incidents: age, level, ticket, time since the last public update
    Status(status::StatusArgs),
    /// One status message to every channel at once: email, chat, the status page, Jira
    Announce(announce::AnnounceArgs),
    /// Receive alert webhooks (Alertmanager, Grafana, PagerDuty, Opsgenie) and page from them
    Listen(listen::ListenArgs),
    /// Make pending tickets, then commit, pull and push the page log
    Sync(sync::SyncArgs),
    /// The weekly retro: pages, off-hours load, response times, learning, morale and trends
    Retro(retro::RetroArgs),
    /// Record how the week felt (1-5) for the retro
    Morale(morale::MoraleArgs),
    /// Hand over the shift: both pairs, the shift's pages, open incidents, overrides, morale
    Handoff(handoff::HandoffArgs),
    /// Print shell completions
    Completions(completions::CompletionsArgs),
}

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> Result<()> {
    let g = cli.global;
    let ctx = Ctx::new(g.repo, g.color, g.json, g.quiet)?;
    match cli.command {
        Command::Who(a) => who::run(&ctx, &a),
        Command::Schedule(a) => schedule::run(&ctx, &a),
        Command::Check(a) => check::run(&ctx, &a),
        Command::Init(a) => init::run(&ctx, &a),
        Command::Override(c) => overrides::run(&ctx, &c),
        Command::Runbook(a) => runbook::run(&ctx, &a),
        Command::Page(a) => page::run(&ctx, &a),
        Command::Ack(a) => ack::run(&ctx, &a),
        Command::Escalate(a) => escalate::run(&ctx, &a),
        Command::Note(a) => note::run(&ctx, &a),
        Command::Resolve(a) => resolve::run(&ctx, &a),
        Command::Status(a) => status::run(&ctx, &a),
        Command::Announce(a) => announce::run(&ctx, &a),
        Command::Listen(a) => listen::run(&ctx, &a),
        Command::Sync(a) => sync::run(&ctx, &a),
        Command::Retro(a) => retro::run(&ctx, &a),
        Command::Morale(a) => morale::run(&ctx, &a),
        Command::Handoff(a) => handoff::run(&ctx, &a),
        Command::Completions(a) => completions::run(&ctx, &a),
    }
}

/// Parses a `--at`/`--from` style time in the schedule's zone.
fn parse_time(
    s: &crate::schedule::Schedule,
    ctx: &Ctx,
    flag: &str,
    value: Option<&str>,
) -> Result<chrono::DateTime<chrono::Utc>> {
    match value {
        None => Ok(ctx.now),
        Some(v) => crate::schedule::time::parse_time(v, s.team.tz, ctx.now)
            .map_err(|m| crate::error::Error::usage(format!("bad `{flag}`: {m}"))),
    }
}

/// A `--at` that records something already done: now when absent; a time in the future (beyond
/// a minute of clock skew) is refused.
fn parse_past_time(
    s: &crate::schedule::Schedule,
    ctx: &Ctx,
    value: Option<&str>,
) -> Result<chrono::DateTime<chrono::Utc>> {
    let t = parse_time(s, ctx, "--at", value)?;
    if t > ctx.now + chrono::Duration::minutes(1) {
        return Err(crate::error::Error::usage(format!(
            "`--at` is in the future ({})",
            crate::output::fmt::rfc3339(t)
        ))
        .hint("`--at` records something that already happened; leave it out for now"));
    }
    Ok(t)
}

/// The id of a person named on the command line, with a suggestion for a typo.
fn person_id(s: &crate::schedule::Schedule, id: &str) -> Result<String> {
    if s.people.contains_key(id) {
        return Ok(id.to_string());
    }
    let mut e = crate::error::Error::usage(format!("unknown person `{id}`"));
    if let Some(n) = crate::schedule::load::nearest(id, s.people.keys().map(String::as_str)) {
        e = e.hint(format!("did you mean `{n}`?"));
    } else {
        e = e.hint("people are the `[people.ID]` tables in schedule.toml");
    }
    Err(e)
}
