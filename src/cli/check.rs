//! `oncall check`: lint the schedule (and the file itself) over the coming days; exit 1 when
//! there is anything to fix.

use chrono::Duration;
use clap::Args;
use serde::Serialize;

use crate::app::Ctx;
use crate::error::{Error, Result};
use crate::output::{Table, Tone, diag, fmt};
use crate::schedule::check::{self, Finding, Severity};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How many days ahead to look
    #[arg(long, value_name = "N", default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=3660))]
    days: u32,
    /// Start of the window (default: now)
    #[arg(long, value_name = "TIME")]
    from: Option<String>,
    /// Check schedule.toml as of this git revision (e.g. `origin/main` in CI)
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
    /// Check the announce channels instead: where each points and whether its credentials
    /// are set (sends nothing; `oncall announce --test` does)
    #[arg(long, conflicts_with_all = ["days", "from", "rev"])]
    channels: bool,
}

#[derive(Serialize)]
struct CheckView<'a> {
    ok: bool,
    from: String,
    to: String,
    errors: usize,
    warnings: usize,
    infos: usize,
    findings: &'a [Finding],
}

pub fn run(ctx: &Ctx, args: &CheckArgs) -> Result<()> {
    if args.channels {
        return super::check_channels::run(ctx);
    }
    let (src, loaded) = ctx.load(args.rev.as_deref())?;
    let s = &loaded.schedule;
    let from = super::parse_time(s, ctx, "--from", args.from.as_deref())?;
    let to = from + Duration::days(args.days.into());
    let root = ctx.root()?.to_path_buf();
    let tz = s.team.tz;

    let mut findings: Vec<Finding> = loaded
        .problems
        .iter()
        .map(|p| {
            let (loc, _) = diag::locate(&src.label, &src.text, p);
            let mut f = Finding::new("invalid", Severity::Error, p.message.clone());
            f.hint = p.hint.clone();
            f.location = Some(loc);
            f
        })
        .collect();
    // The same rules as `oncall runbook`: a runbook that leaves the repository does not count.
    let runbook_exists = |path: &str| {
        crate::runbook::relative_path(path).is_ok()
            && matches!(crate::files::resolve_inside(&root, path), Ok(crate::files::Inside::Exists(p)) if p.is_file())
    };
    findings.extend(check::lint(s, from, to, runbook_exists, |t| {
        fmt::stamp(t, tz)
    }));

    let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if ctx.ui.json {
        ctx.ui.json(&CheckView {
            ok: errors + warnings == 0,
            from: fmt::rfc3339(from),
            to: fmt::rfc3339(to),
            errors,
            warnings,
            infos,
            findings: &findings,
        })?;
    } else if ctx.ui.is_tty() {
        ctx.ui
            .print(&human(ctx, &src, &loaded.problems, &findings))?;
    } else {
        let mut t = Table::new(&["SEVERITY", "KIND", "START", "MESSAGE"]);
        for f in &findings {
            let msg = f
                .location
                .as_ref()
                .map_or_else(|| f.message.clone(), |l| format!("{l}: {}", f.message));
            t.row(vec![
                severity(f.severity).into(),
                f.kind.into(),
                f.start.map(fmt::rfc3339).unwrap_or_default().into(),
                msg.into(),
            ]);
        }
        ctx.ui.print(&ctx.ui.table(&t))?;
    }
    let days = args.days;
    if errors + warnings == 0 {
        ctx.ui.status(&format!(
            "{} looks good for the next {days} days{}",
            src.label,
            if infos > 0 {
                format!(" ({infos} note(s) worth a look)")
            } else {
                String::new()
            }
        ));
        Ok(())
    } else {
        ctx.ui.status(&format!(
            "{errors} error(s), {warnings} warning(s), {infos} note(s) in the next {days} days"
        ));
        Err(Error::silent())
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn human(
    ctx: &Ctx,
    src: &crate::app::Source,
    problems: &[crate::schedule::Problem],
    findings: &[Finding],
) -> String {
    let ui = &ctx.ui;
    let mut out = String::new();
    let mut problems = problems.iter();
    for f in findings {
        let tone = match f.severity {
            Severity::Error => Tone::Bad,
            Severity::Warning => Tone::Warn,
            Severity::Info => Tone::Accent,
        };
        let head = ui.paint(tone, &format!("{}[{}]", severity(f.severity), f.kind));
        match &f.location {
            Some(loc) => {
                out.push_str(&format!("{head} {loc}: {}\n", f.message));
                if let Some(p) = problems.next() {
                    out.push_str(&diag::locate(&src.label, &src.text, p).1);
                }
            }
            None => out.push_str(&format!("{head} {}\n", f.message)),
        }
        if let Some(h) = &f.hint {
            out.push_str(&format!("  {} {h}\n", ui.paint(Tone::Dim, "hint:")));
        }
    }
    out
}
