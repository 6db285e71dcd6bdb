//! `oncall override add|list|remove`: write overrides into `schedule.toml` keeping its
//! comments and layout, validate the result, and commit it with the user's git identity.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use crate::app::{Ctx, SCHEDULE_FILE, Source, parse_strict};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tone, fmt, prompt};
use crate::schedule::Role;
use crate::schedule::check::{self, Severity};
use crate::schedule::edit::{self, NewOverride};
use crate::schedule::model::{Override, Schedule};
use crate::schedule::time::to_local;

#[derive(Debug, Subcommand)]
pub enum OverrideCommand {
    /// Add an override (someone covers a role for a while) and commit it
    Add(AddArgs),
    /// List current and upcoming overrides, numbered for `remove`
    List(ListArgs),
    /// Remove an override by the number `list` shows, and commit
    Remove(RemoveArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Manager,
    Engineer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Manager => Role::Manager,
            RoleArg::Engineer => Role::Engineer,
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The role being covered
    #[arg(long, value_enum)]
    role: RoleArg,
    /// Who covers it (an id from [people])
    #[arg(long, value_name = "ID")]
    person: String,
    /// When the cover starts, e.g. `2026-11-26 18:00`
    #[arg(long, value_name = "TIME")]
    start: String,
    /// When it ends (exclusive)
    #[arg(long, value_name = "TIME")]
    end: String,
    /// Why, for the team and the calendar
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// Edit schedule.toml but do not commit
    #[arg(long)]
    no_commit: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include overrides that are over
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The override's number, as `oncall override list` shows it
    number: usize,
    /// Do not ask for confirmation
    #[arg(long, short)]
    yes: bool,
    /// Edit schedule.toml but do not commit
    #[arg(long)]
    no_commit: bool,
}

#[derive(Serialize)]
struct OverrideView {
    number: usize,
    role: Role,
    person: String,
    name: String,
    start: String,
    end: String,
    reason: Option<String>,
    /// `active`, `upcoming` or `past` relative to now.
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: &OverrideCommand) -> Result<()> {
    match cmd {
        OverrideCommand::Add(a) => add(ctx, a),
        OverrideCommand::List(a) => list(ctx, a),
        OverrideCommand::Remove(a) => remove(ctx, a),
    }
}

fn view(s: &Schedule, now: DateTime<Utc>, number: usize, o: &Override) -> OverrideView {
    let state = if o.end <= now {
        "past"
    } else if o.start <= now {
        "active"
    } else {
        "upcoming"
    };
    OverrideView {
        number,
        role: o.role,
        person: o.person.clone(),
        name: s.name_of(&o.person).to_string(),
        start: fmt::rfc3339(o.start),
        end: fmt::rfc3339(o.end),
        reason: o.reason.clone(),
        state,
        commit: None,
    }
}

fn list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let s = ctx.schedule(None)?;
    let views: Vec<OverrideView> = s
        .overrides
        .iter()
        .enumerate()
        .map(|(i, o)| view(&s, ctx.now, i + 1, o))
        .filter(|v| args.all || v.state != "past")
        .collect();
    if ctx.ui.json {
        return ctx.ui.json(&views);
    }
    if views.is_empty() {
        ctx.ui.status(if args.all {
            "no overrides"
        } else {
            "no current or upcoming overrides (`--all` shows past ones)"
        });
        return Ok(());
    }
    let tty = ctx.ui.is_tty();
    let mut t = Table::new(&["#", "ROLE", "PERSON", "FROM", "UNTIL", "STATE", "REASON"]);
    for (v, o) in views.iter().map(|v| (v, &s.overrides[v.number - 1])) {
        let time = |x| {
            if tty {
                fmt::short(x, s.team.tz)
            } else {
                fmt::rfc3339(x)
            }
        };
        let tone = match v.state {
            "active" => Tone::Good,
            "past" => Tone::Dim,
            _ => Tone::Plain,
        };
        t.row(vec![
            v.number.to_string().into(),
            v.role.as_str().into(),
            Cell::new(
                if tty {
                    format!("{} ({})", v.name, v.person)
                } else {
                    v.person.clone()
                },
                tone,
            ),
            time(o.start).into(),
            time(o.end).into(),
            Cell::new(v.state, tone),
            v.reason.clone().unwrap_or_default().into(),
        ]);
    }
    ctx.ui.print(&ctx.ui.table(&t))
}

fn add(ctx: &Ctx, args: &AddArgs) -> Result<()> {
    let src = ctx.schedule_source(None)?;
    let s = parse_strict(&src)?;
    let tz = s.team.tz;
    let person = super::person_id(&s, &args.person)?;
    let start = super::parse_time(&s, ctx, "--start", Some(&args.start))?;
    let end = super::parse_time(&s, ctx, "--end", Some(&args.end))?;
    if end <= start {
        return Err(Error::usage("`--end` is not after `--start`").hint(format!(
            "the override would run from {} to {}",
            fmt::stamp(start, tz),
            fmt::stamp(end, tz)
        )));
    }
    let role: Role = args.role.into();
    let new = NewOverride {
        role,
        person: person.clone(),
        start: to_local(tz, start),
        end: to_local(tz, end),
        reason: args.reason.clone(),
    };
    let text = edit::add_override(&src.text, &new)
        .map_err(|m| Error::new("cannot edit schedule.toml").cause(m))?;
    let after = parse_strict(&Source {
        label: src.label.clone(),
        text: text.clone(),
    })?;
    let number = after.overrides.len();

    let what = format!(
        "{person} covers {role} from {} until {}",
        fmt::stamp(start, tz),
        fmt::stamp(end, tz)
    );
    let mut message = format!("override: {what}");
    if let Some(r) = &args.reason {
        message.push_str(&format!("\n\nReason: {r}"));
    }
    let commit = save(ctx, &text, &message, args.no_commit)?;
    for f in check::lint(&after, start, end, |_| true, |t| fmt::stamp(t, tz)) {
        if f.severity != Severity::Info
            && matches!(f.kind, "same-person" | "unavailable" | "override-overlap")
        {
            ctx.ui.warn(&f.message);
        }
    }
    let mut v = view(&after, ctx.now, number, &after.overrides[number - 1]);
    v.commit = commit.clone();
    if ctx.ui.json {
        return ctx.ui.json(&v);
    }
    ctx.ui.status(&format!(
        "added override {number}: {what}{}",
        committed(commit.as_deref())
    ));
    Ok(())
}

fn remove(ctx: &Ctx, args: &RemoveArgs) -> Result<()> {
    let src = ctx.schedule_source(None)?;
    let s = parse_strict(&src)?;
    let tz = s.team.tz;
    let Some(o) = args.number.checked_sub(1).and_then(|i| s.overrides.get(i)) else {
        return Err(
            Error::usage(format!("there is no override {}", args.number)).hint(format!(
                "`oncall override list --all` shows the {} override(s) and their numbers",
                s.overrides.len()
            )),
        );
    };
    let what = format!(
        "{} covering {} from {} until {}",
        o.person,
        o.role,
        fmt::stamp(o.start, tz),
        fmt::stamp(o.end, tz)
    );
    prompt::confirm_or_yes(
        &ctx.ui,
        args.yes,
        &format!("Remove override {}: {what}?", args.number),
    )?;
    let text = edit::remove_override(&src.text, args.number - 1)
        .map_err(|m| Error::new("cannot edit schedule.toml").cause(m))?;
    parse_strict(&Source {
        label: src.label.clone(),
        text: text.clone(),
    })?;
    let commit = save(
        ctx,
        &text,
        &format!("override: remove {what}"),
        args.no_commit,
    )?;
    let mut v = view(&s, ctx.now, args.number, o);
    v.commit = commit.clone();
    if ctx.ui.json {
        return ctx.ui.json(&v);
    }
    ctx.ui.status(&format!(
        "removed override {}: {what}{}",
        args.number,
        committed(commit.as_deref())
    ));
    Ok(())
}

fn committed(commit: Option<&str>) -> String {
    commit.map_or_else(
        || " (not committed)".to_string(),
        |c| format!(" (committed {c})"),
    )
}

/// Writes the new schedule and commits it, refusing to sweep up someone's unrelated edits.
fn save(ctx: &Ctx, text: &str, message: &str, no_commit: bool) -> Result<Option<String>> {
    let path = ctx.root()?.join(SCHEDULE_FILE);
    let git = if no_commit { None } else { ctx.git()? };
    if let Some(git) = git {
        if git.is_dirty(SCHEDULE_FILE) {
            return Err(Error::new(
                "`schedule.toml` has uncommitted changes; not mixing them into this commit",
            )
            .hint("commit or stash them first, or pass `--no-commit` to only edit the file"));
        }
        git.signature()?; // fail before touching the file when there is no identity
    } else if !no_commit {
        ctx.ui
            .warn("not a git repository: editing schedule.toml without committing");
    }
    crate::files::write_atomic(&path, text.as_bytes())?;
    git.map(|g| g.commit_files(&[SCHEDULE_FILE], message))
        .transpose()
}
