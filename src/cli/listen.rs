//! `oncall listen`: the webhook receiver, so monitoring can page with no human in the loop.
//! Each notification becomes page/ack/resolve rows (deduplicated per alert group) and the
//! matching Jira work; the sender gets 2xx only once the rows are durably in the log.

use std::net::SocketAddr;

use clap::Args;
use serde_json::json;

use crate::alerts::{self, Source};
use crate::app::{Ctx, SCHEDULE_FILE, Source as TextSource, parse_strict};
use crate::error::{Error, Kind, Result};
use crate::incident::Log;
use crate::incident::ingest::{self, Outcome};
use crate::integrations::settings;
use crate::listen::{self, Reply, Settings, Sink};
use crate::schedule::Schedule;
use crate::tickets::Tickets;

const DEFAULT_ADDR: &str = "127.0.0.1:9095";

#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Where to listen, HOST:PORT (default: `[listen] addr`, else 127.0.0.1:9095; port 0 picks
    /// a free port). Anything but loopback needs `[listen] token_env`.
    #[arg(long, value_name = "HOST:PORT")]
    addr: Option<String>,
}

pub fn run(ctx: &Ctx, args: &ListenArgs) -> Result<()> {
    let s = ctx.schedule(None)?;
    let addr_text = args
        .addr
        .clone()
        .or_else(|| s.listen.addr.clone())
        .unwrap_or_else(|| DEFAULT_ADDR.to_string());
    let addr: SocketAddr = addr_text.parse().map_err(|e| {
        Error::usage(format!("`{addr_text}` is not a HOST:PORT address"))
            .cause(e)
            .hint("e.g. `--addr 127.0.0.1:9095`, or `0.0.0.0:9095` with a token")
    })?;
    let secrets = settings::listen(&s.listen)?;
    if !listen::has_auth(&secrets) {
        if !addr.ip().is_loopback() {
            return Err(Error::new(format!(
                "refusing to listen on {addr} without authentication"
            ))
            .with_kind(Kind::Credentials)
            .hint("set `[listen] token_env = \"ONCALL_LISTEN_TOKEN\"` in schedule.toml and export that variable")
            .hint("or listen on 127.0.0.1 behind a proxy that authenticates"));
        }
        ctx.ui.warn(
            "no token or signature secret configured: anything that can reach this port can page",
        );
    }
    let server = tiny_http::Server::http(addr).map_err(|e| {
        Error::new(format!("cannot listen on {addr}"))
            .cause(e)
            .hint("is another `oncall listen` running? `--addr 127.0.0.1:0` picks a free port")
    })?;
    let bound = server
        .server_addr()
        .to_ip()
        .map_or_else(|| addr.to_string(), |a| a.to_string());
    let settings = Settings {
        max_body: s.listen.max_body.unwrap_or(1024 * 1024),
        secrets,
        grafana_header: s
            .listen
            .grafana_signature_header
            .clone()
            .unwrap_or_else(|| "X-Grafana-Alert-Signature".into()),
        grafana_timestamp_header: s.listen.grafana_timestamp_header.clone(),
    };
    // Not muted by -q: a service manager's log should always say where it listens.
    ctx.ui.notice(&format!(
        "listening on http://{bound} (POST /alertmanager, /grafana, /pagerduty, /opsgenie; GET /healthz)"
    ));
    let mut sink = LogSink {
        ctx,
        log: Log::new(ctx.root()?),
        schedule: s,
    };
    listen::serve(&server, &settings, &mut sink);
    Ok(())
}

/// Delivers payloads into the page log, then follows up in Jira.
struct LogSink<'c> {
    ctx: &'c Ctx,
    log: Log,
    /// The schedule as of the last request; kept when an edit breaks the file, so a typo in
    /// schedule.toml never stops pages from being recorded.
    schedule: Schedule,
}

impl LogSink<'_> {
    fn reload(&mut self) {
        let Ok(root) = self.ctx.root() else { return };
        let text = match std::fs::read_to_string(root.join(SCHEDULE_FILE)) {
            Ok(t) => t,
            Err(e) => {
                return self.say(&format!(
                    "cannot read {SCHEDULE_FILE} ({e}); using the last good one"
                ));
            }
        };
        let src = TextSource {
            label: SCHEDULE_FILE.into(),
            text,
        };
        match parse_strict(&src) {
            Ok(s) => self.schedule = s,
            Err(e) => self.say(&format!(
                "{SCHEDULE_FILE} is invalid ({e}); using the last good one"
            )),
        }
    }
}

impl Sink for LogSink<'_> {
    type Done = (Source, Vec<Outcome>, chrono::DateTime<chrono::Utc>);

    fn deliver(
        &mut self,
        source: Source,
        body: &[u8],
    ) -> std::result::Result<(Reply, Self::Done), Reply> {
        self.reload();
        let signals = alerts::parse(source, body, &self.schedule.alerts).map_err(|e| {
            self.say(&format!("{}: bad payload: {e}", source.as_str()));
            Reply::error(400, e.to_string())
        })?;
        let at = crate::clock::now().unwrap_or(self.ctx.now);
        let s = &self.schedule;
        let ui = &self.ctx.ui;
        let written = self.log.append_with(|replay, damaged| {
            super::lifecycle::warn_damaged(ui, damaged);
            Ok(ingest::plan(
                &signals,
                source,
                replay,
                s,
                at,
                source.as_str(),
            ))
        });
        let outcomes = match written {
            Ok((outcomes, _)) => outcomes,
            Err(e) => {
                self.say(&format!("{}: NOT LOGGED: {e}", source.as_str()));
                // 5xx: Alertmanager, Grafana and PagerDuty retry.
                return Err(Reply::error(500, "cannot write the page log; retry later"));
            }
        };
        let list: Vec<_> = outcomes
            .iter()
            .map(|o| json!({"incident": o.id, "action": super::page::action_name(&o.action)}))
            .collect();
        Ok((
            Reply {
                status: 200,
                body: json!({"incidents": list}),
            },
            (source, outcomes, at),
        ))
    }

    fn follow_up(&mut self, (source, outcomes, at): Self::Done) {
        for o in &outcomes {
            self.say(&format!(
                "{}: {} {} ({})",
                source.as_str(),
                super::page::action_name(&o.action),
                o.id,
                o.signal.summary
            ));
        }
        let Ok((replay, _)) = self.log.replay() else {
            return;
        };
        let tickets = Tickets::new(&self.schedule, &self.log, &self.ctx.ui, source.as_str(), at);
        tickets.follow(&outcomes, &replay);
        for p in tickets.problems() {
            // A webhook never fails on Jira: the ticket stays pending for `oncall sync`.
            self.say(&format!(
                "Jira: {} (ticket for {} pending)",
                p.message, p.incident
            ));
        }
    }

    fn say(&mut self, line: &str) {
        self.ctx.ui.status(line);
    }
}
