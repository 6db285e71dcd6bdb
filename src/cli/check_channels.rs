//! `oncall check --channels`: every announce channel, where it points (secrets redacted) and
//! whether its credentials are in the environment. Sends nothing; `announce --test` does.
//! Exit 4 when credentials are missing, 1 when a channel is misconfigured.

use serde::Serialize;

use crate::announce::channels::{self, Channel, Target};
use crate::app::Ctx;
use crate::error::{Error, Kind, Result};
use crate::integrations::{chat, settings, statuspage};
use crate::output::{Cell, Table, Tone};
use crate::schedule::Schedule;
use crate::schedule::config::ChatKind;

/// One channel's state.
#[derive(Debug, Serialize)]
struct ChannelCheck {
    channel: String,
    kind: &'static str,
    /// Where it goes, with secrets redacted.
    target: String,
    /// The environment variables it reads.
    credentials: Vec<String>,
    /// `ok`, `missing` (credentials) or `invalid` (configuration).
    state: &'static str,
    problem: Option<String>,
    hint: Option<String>,
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let s = ctx.schedule(None)?;
    let checks: Vec<ChannelCheck> = channels::configured(&s)
        .iter()
        .map(|c| check(&s, c))
        .collect();
    if ctx.ui.json {
        ctx.ui.json(&checks)?;
    } else {
        let mut t = Table::new(&["CHANNEL", "KIND", "TARGET", "CREDENTIALS", "STATE"]);
        for c in &checks {
            let tone = match c.state {
                "ok" => Tone::Good,
                _ => Tone::Bad,
            };
            let state = c
                .problem
                .as_ref()
                .map_or_else(|| c.state.to_string(), |p| format!("{}: {p}", c.state));
            t.row(vec![
                Cell::new(c.channel.clone(), Tone::Bold),
                c.kind.into(),
                c.target.clone().into(),
                c.credentials.join(" ").into(),
                Cell::new(state, tone),
            ]);
        }
        ctx.ui.print(&ctx.ui.table(&t))?;
    }
    for c in checks.iter().filter(|c| c.hint.is_some()) {
        ctx.ui.hint(&format!(
            "{}: {}",
            c.channel,
            c.hint.as_deref().unwrap_or_default()
        ));
    }
    let missing = checks.iter().filter(|c| c.state == "missing").count();
    let invalid = checks.iter().filter(|c| c.state == "invalid").count();
    if missing + invalid == 0 {
        ctx.ui.status(&format!(
            "{} channel(s) configured; `oncall announce --test` sends each a test message",
            checks.len()
        ));
        return Ok(());
    }
    let kind = if missing > 0 {
        Kind::Credentials
    } else {
        Kind::Failure
    };
    Err(Error::new(format!(
        "{missing} channel(s) without credentials, {invalid} misconfigured"
    ))
    .with_kind(kind))
}

fn check(s: &Schedule, c: &Channel) -> ChannelCheck {
    let mut out = ChannelCheck {
        channel: c.name.clone(),
        kind: c.kind.as_str(),
        target: String::new(),
        credentials: Vec::new(),
        state: "ok",
        problem: None,
        hint: None,
    };
    let fail = |out: &mut ChannelCheck, e: &Error| {
        out.state = if e.kind == Kind::Credentials {
            "missing"
        } else {
            "invalid"
        };
        out.problem = Some(e.to_string());
        out.hint = e.hints.first().cloned();
    };
    match &c.target {
        Target::Email(cfg) => {
            out.credentials = vec!["ONCALL_SMTP_USER".into(), "ONCALL_SMTP_PASSWORD".into()];
            match settings::smtp(cfg) {
                Ok(st) => {
                    out.target = format!(
                        "{}:{} ({}) to {} recipient(s)",
                        st.host,
                        st.port,
                        cfg.tls.as_str(),
                        cfg.to.len()
                    );
                    if st.user.is_none() {
                        out.problem = Some("no AUTH (a relay that needs none)".into());
                    }
                }
                Err(e) => fail(&mut out, &e),
            }
        }
        Target::Chat(cfg) if cfg.kind == ChatKind::Matrix => {
            let var = settings::matrix_token_env(cfg);
            out.target = format!(
                "{} {}",
                cfg.homeserver.as_deref().unwrap_or("?"),
                cfg.room.as_deref().unwrap_or("?")
            );
            if let Err(e) = settings::required(&var, &c.name) {
                fail(&mut out, &e);
            }
            out.credentials = vec![var];
        }
        Target::Chat(cfg) => {
            let var = settings::chat_url_env(cfg);
            match settings::required(&var, &c.name) {
                Ok(url) => {
                    out.target = chat::redacted(url.expose());
                    if reqwest::Url::parse(url.expose()).is_err() {
                        out.state = "invalid";
                        out.problem = Some(format!("`{var}` is not a URL"));
                    }
                }
                Err(e) => fail(&mut out, &e),
            }
            out.credentials = vec![var];
        }
        Target::Static { dir } => out.target = format!("{dir}/index.html, {dir}/status.json"),
        Target::Statuspage(cfg) => {
            let api = cfg.api_url.as_deref().unwrap_or(statuspage::DEFAULT_API);
            out.target = format!(
                "page {} at {}",
                cfg.page_id.as_deref().unwrap_or("?"),
                chat::redacted(api).trim_end_matches("/…")
            );
            let var = settings::STATUSPAGE_TOKEN_ENV;
            if let Err(e) = settings::required(var, &c.name) {
                fail(&mut out, &e);
            }
            out.credentials = vec![var.into()];
        }
        Target::Jira => {
            out.credentials = vec![
                "ONCALL_JIRA_EMAIL".into(),
                "ONCALL_JIRA_TOKEN".into(),
                "ONCALL_JIRA_PAT".into(),
            ];
            if let Some(cfg) = &s.jira {
                out.target = format!(
                    "{} project {}",
                    settings::jira_url(cfg).unwrap_or_else(|| "?".into()),
                    cfg.project
                );
                if let Err(e) = settings::jira(cfg) {
                    fail(&mut out, &e);
                }
            }
        }
    }
    out
}
