//! How `announce` looks: the preview (stderr before confirming; stdout for `--dry-run`), the
//! per-channel result table (stdout: a table on a terminal, TSV when piped, or `--json`),
//! hints on stderr, and the exit code: 5 when some channels failed, 4 when none took it for
//! lack of credentials, 1 when none took it otherwise.

use serde::Serialize;

use crate::announce::Facts;
use crate::announce::deliver::{Outcome, Report};
use crate::announce::preview::Preview;
use crate::error::{Error, Kind, Result};
use crate::output::{Cell, Table, Tone, Ui, fmt};

#[derive(Serialize)]
struct PreviewView<'a> {
    incident: Option<&'a str>,
    status: &'a str,
    time: String,
    message: &'a str,
    test: bool,
    channels: &'a [Preview],
}

/// The preview: on stdout when it is the output (`--dry-run`), else on stderr.
pub fn print_preview(ui: &Ui, f: &Facts, previews: &[Preview], to_stdout: bool) -> Result<()> {
    if to_stdout && ui.json {
        return ui.json(&PreviewView {
            incident: (!f.test).then_some(f.incident.as_str()),
            status: f.status.as_str(),
            time: fmt::rfc3339(f.at),
            message: &f.message,
            test: f.test,
            channels: previews,
        });
    }
    let paint = |tone, s: &str| {
        if to_stdout {
            ui.paint(tone, s)
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let what = if f.test {
        "Test announcement".to_string()
    } else {
        format!(
            "Announcement for {} ({}): {}",
            f.incident,
            f.service,
            f.status.label()
        )
    };
    out.push_str(&paint(Tone::Bold, &what));
    out.push('\n');
    for p in previews {
        out.push('\n');
        out.push_str(&paint(
            Tone::Accent,
            &format!("── {} ({}) ──", p.channel, p.kind.as_str()),
        ));
        out.push('\n');
        out.push_str(p.text.trim_end());
        out.push('\n');
    }
    if to_stdout {
        ui.print(&out)
    } else {
        ui.status(&out);
        Ok(())
    }
}

#[derive(Serialize)]
struct ResultView<'a> {
    incident: Option<&'a str>,
    status: &'a str,
    time: String,
    message: &'a str,
    test: bool,
    retry: bool,
    logged: bool,
    delivered: usize,
    failed: usize,
    channels: &'a [Report],
}

/// The result table (or JSON), hints, and the exit code.
pub fn report(ui: &Ui, f: &Facts, reports: &[Report], retry: bool, logged: bool) -> Result<()> {
    let ok = reports.iter().filter(|r| r.outcome.is_ok()).count();
    let failed: Vec<&Report> = reports.iter().filter(|r| r.outcome.is_failed()).collect();
    if ui.json {
        ui.json(&ResultView {
            incident: (!f.test).then_some(f.incident.as_str()),
            status: f.status.as_str(),
            time: fmt::rfc3339(f.at),
            message: &f.message,
            test: f.test,
            retry,
            logged,
            delivered: ok,
            failed: failed.len(),
            channels: reports,
        })?;
    } else {
        ui.print(&ui.table(&table(reports)))?;
    }
    for r in &failed {
        if let Outcome::Failed { hint: Some(h), .. } = &r.outcome {
            ui.hint(&format!("{}: {h}", r.channel));
        }
    }
    if failed.is_empty() {
        let what = if f.test { "test sent" } else { "announced" };
        ui.status(&format!(
            "{what}: {ok} of {} channel(s) took it",
            reports.len()
        ));
        return Ok(());
    }
    let names: Vec<&str> = failed.iter().map(|r| r.channel.as_str()).collect();
    if ok > 0 {
        let mut e = Error::new(format!(
            "{} of {} channel(s) failed: {}",
            failed.len(),
            reports.len(),
            names.join(", ")
        ))
        .with_kind(Kind::Partial);
        if !f.test {
            e = e.hint(format!(
                "`oncall announce {} --retry` re-sends to those channels only",
                f.incident
            ));
        }
        return Err(e);
    }
    let credentials = failed.iter().any(|r| {
        matches!(
            r.outcome,
            Outcome::Failed {
                credentials: true,
                ..
            }
        )
    });
    let mut e = Error::new("no channel took the announcement").with_kind(if credentials {
        Kind::Credentials
    } else {
        Kind::Failure
    });
    if retry {
        e = e.hint(format!(
            "nothing was logged: once fixed, `oncall announce {} --retry` again",
            f.incident
        ));
    } else if !f.test {
        e = e.hint("nothing was logged: fix the channels and run the same command again");
    }
    Err(e.hint("`oncall check --channels` shows what each channel needs"))
}

fn table(reports: &[Report]) -> Table {
    let mut t = Table::new(&["CHANNEL", "KIND", "RESULT", "MS", "LINK", "DETAIL"]);
    for r in reports {
        let (result, tone, link, detail) = match &r.outcome {
            Outcome::Ok { detail, link, .. } => ("ok", Tone::Good, link.clone(), detail.clone()),
            Outcome::Failed { reason, .. } => ("failed", Tone::Bad, None, reason.clone()),
            Outcome::Skipped { reason } => ("skipped", Tone::Dim, None, reason.clone()),
        };
        t.row(vec![
            Cell::new(r.channel.clone(), Tone::Bold),
            r.kind.as_str().into(),
            Cell::new(result, tone),
            r.ms.to_string().into(),
            link.unwrap_or_default().into(),
            detail.into(),
        ]);
    }
    t
}
