//! Binds each channel to the integration that reaches it: reads its credentials (a missing one
//! fails that channel alone, before any network), composes its form, and returns a [`Job`]
//! that sends it and says what happened. Nothing here prints.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};

use super::channels::{Channel, Target};
use super::deliver::{Job, Outcome};
use super::{Facts, Status, compose};
use crate::incident::{Incident, Log};
use crate::integrations::http::{ApiError, Auth, Http, Policy};
use crate::integrations::jira::Jira;
use crate::integrations::statuspage::{self, Statuspage};
use crate::integrations::{chat, email, matrix, settings};
use crate::output::Ui;
use crate::schedule::Schedule;
use crate::schedule::config::{ChatConfig, ChatKind, EmailConfig, StatuspageConfig};
use crate::status_page;
use crate::tickets::{ProblemKind, Tickets};

/// What every job may need, shared read-only by the delivery threads.
pub struct Env {
    pub facts: Facts,
    pub schedule: Schedule,
    pub root: PathBuf,
    pub log: Log,
    pub ui: Ui,
    pub actor: String,
    pub now: DateTime<Utc>,
    /// The incident (`None` for `--test`).
    pub incident: Option<Incident>,
    /// The Atlassian Statuspage incident the log knows for this incident.
    pub statuspage_id: Option<String>,
    /// The static page as it will be after this announcement.
    pub page: Option<status_page::Page>,
    pub policy: Policy,
}

/// The job that delivers `env.facts` to `channel`.
pub fn job(channel: &Channel, env: &Arc<Env>) -> Job {
    let env = Arc::clone(env);
    let c = channel.clone();
    Job {
        name: c.name.clone(),
        kind: c.kind,
        run: Box::new(move || match &c.target {
            Target::Email(cfg) => send_email(&env, &c.name, cfg),
            Target::Chat(cfg) if cfg.kind == ChatKind::Matrix => send_matrix(&env, &c.name, cfg),
            Target::Chat(cfg) => send_chat(&env, &c.name, cfg),
            Target::Static { dir } => write_static(&env, dir),
            Target::Statuspage(cfg) => send_statuspage(&env, cfg),
            Target::Jira => comment_jira(&env),
        }),
    }
}

fn api_failure(e: &ApiError, credential: &str) -> Outcome {
    Outcome::Failed {
        reason: e.to_string(),
        credentials: e.is_auth(),
        hint: e.is_auth().then(|| format!("check `{credential}`")),
    }
}

fn http(service: &'static str, env: &Env) -> Result<Http, Outcome> {
    Http::new(service, env.policy).map_err(|e| Outcome::failed(e.to_string()))
}

/// What ids derived from this announcement start with: the incident (or `test`) and the
/// announcement's time, which a `--retry` keeps, so its ids come out the same.
fn stable_id(env: &Env) -> (String, i64) {
    let who = if env.facts.test {
        "test"
    } else {
        env.facts.incident.as_str()
    };
    (who.to_string(), env.facts.at.timestamp())
}

fn send_email(env: &Env, name: &str, cfg: &EmailConfig) -> Outcome {
    let smtp = match settings::smtp(cfg) {
        Ok(s) => s,
        Err(e) => return Outcome::from_error(&e),
    };
    let form = compose::email(&env.facts);
    let (who, at) = stable_id(env);
    let domain = cfg
        .from
        .rsplit_once('@')
        .map_or("oncall.invalid", |(_, d)| d.trim_end_matches('>'));
    let mail = email::Mail {
        from: cfg.from.clone(),
        to: cfg.to.clone(),
        subject: form.subject,
        text: form.text,
        html: form.html,
        message_id: format!("oncall.{who}.{at}.{name}@{domain}"),
        date: SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(at).unwrap_or(0)),
    };
    let server = format!("{}:{}", smtp.host, smtp.port);
    match email::send(&smtp, env.policy, &mail) {
        Ok(answer) => Outcome::ok(answer, Some(server)),
        Err(e) => Outcome::Failed {
            reason: e.message,
            credentials: e.auth,
            hint: e
                .auth
                .then(|| "check `ONCALL_SMTP_USER` and `ONCALL_SMTP_PASSWORD`".to_string()),
        },
    }
}

fn send_chat(env: &Env, name: &str, cfg: &ChatConfig) -> Outcome {
    let var = settings::chat_url_env(cfg);
    let url = match settings::required(&var, name) {
        Ok(u) => u,
        Err(e) => return Outcome::from_error(&e),
    };
    let (service, body) = match cfg.kind {
        ChatKind::Slack => ("Slack", compose::slack(&env.facts)),
        ChatKind::Mattermost => ("Mattermost", compose::mattermost(&env.facts)),
        ChatKind::Teams => ("Teams", compose::teams(&env.facts)),
        ChatKind::Discord => ("Discord", compose::discord(&env.facts)),
        ChatKind::Webhook | ChatKind::Matrix => ("webhook", compose::webhook(&env.facts)),
    };
    let http = match http(service, env) {
        Ok(h) => h,
        Err(o) => return o,
    };
    let link = Some(chat::redacted(url.expose()));
    match chat::post(&http, cfg.kind, &url, &body) {
        Ok(p) => Outcome::ok(p.detail, link),
        Err(e) => api_failure(&e, &var),
    }
}

fn send_matrix(env: &Env, name: &str, cfg: &ChatConfig) -> Outcome {
    let (Some(hs), Some(room)) = (&cfg.homeserver, &cfg.room) else {
        return Outcome::failed("a matrix channel needs `homeserver` and `room`");
    };
    let var = settings::matrix_token_env(cfg);
    let token = match settings::required(&var, name) {
        Ok(t) => t,
        Err(e) => return Outcome::from_error(&e),
    };
    let http = match http(matrix::Matrix::service(), env) {
        Ok(h) => h,
        Err(o) => return o,
    };
    let (who, at) = stable_id(env);
    let txn = matrix::txn_id(&who, at, name);
    match matrix::Matrix::new(http, hs, token).send(room, &txn, &compose::matrix(&env.facts)) {
        Ok(event) => Outcome::ok("ok", Some(matrix::link(room, &event))),
        Err(e) => api_failure(&e, &var),
    }
}

fn write_static(env: &Env, dir: &str) -> Outcome {
    let path = env.root.join(dir);
    if env.facts.test {
        // A test must not publish anything: prove the folder is writable, then clean up.
        let probe = path.join(".oncall-test");
        let writable = std::fs::create_dir_all(&path)
            .and_then(|()| std::fs::write(&probe, b"test"))
            .and_then(|()| std::fs::remove_file(&probe));
        return match writable {
            Ok(()) => Outcome::ok("writable (test: nothing published)", Some(dir.to_string())),
            Err(e) => Outcome::failed(format!("cannot write to `{dir}`: {e}")),
        };
    }
    let Some(page) = &env.page else {
        return Outcome::failed("no page to write");
    };
    match status_page::write(&path, page) {
        Ok(_) => Outcome::ok(
            "written",
            Some(format!("{}/index.html", dir.trim_end_matches('/'))),
        ),
        Err(e) => Outcome::from_error(&e),
    }
}

fn component_status(status: Status, urgency: &str) -> &'static str {
    match status {
        Status::Resolved => "operational",
        Status::Monitoring => "degraded_performance",
        _ if urgency == "low" => "degraded_performance",
        _ => "partial_outage",
    }
}

fn send_statuspage(env: &Env, cfg: &StatuspageConfig) -> Outcome {
    let token = match settings::required(settings::STATUSPAGE_TOKEN_ENV, "statuspage") {
        Ok(t) => t,
        Err(e) => return Outcome::from_error(&e),
    };
    let Some(page_id) = &cfg.page_id else {
        return Outcome::failed("`[announce.statuspage]` needs `page_id`");
    };
    let http = match http("Statuspage", env) {
        Ok(h) => h,
        Err(o) => return o,
    };
    let api = cfg.api_url.as_deref().unwrap_or(statuspage::DEFAULT_API);
    let sp = Statuspage::new(http, api, page_id, Auth::Scheme("OAuth", token));
    let f = &env.facts;
    let var = settings::STATUSPAGE_TOKEN_ENV;
    if f.test {
        // Posting a test incident would notify every subscriber: only prove access.
        return match sp.find("oncall-test") {
            Ok(_) => Outcome::ok("reachable (test: nothing posted)", None),
            Err(e) => api_failure(&e, var),
        };
    }
    let components: Vec<(String, String)> = cfg
        .components
        .get(&f.service)
        .map(|id| {
            vec![(
                id.clone(),
                component_status(f.status, &f.urgency).to_string(),
            )]
        })
        .unwrap_or_default();
    let update = statuspage::Update {
        status: f.status.as_str().to_string(),
        body: f.message.clone(),
        components,
    };
    let impact = if f.urgency == "low" { "minor" } else { "major" };
    let name = compose::statuspage_name(f);
    match sp.announce(
        env.statuspage_id.as_deref(),
        &f.incident,
        &name,
        impact,
        &update,
    ) {
        Ok(p) => Outcome::Ok {
            detail: if p.created { "opened" } else { "updated" }.into(),
            link: p.shortlink,
            statuspage_id: Some(p.id),
        },
        Err(e) => api_failure(&e, var),
    }
}

fn comment_jira(env: &Env) -> Outcome {
    let (Some(inc), Some(cfg)) = (&env.incident, &env.schedule.jira) else {
        return Outcome::Skipped {
            reason: "needs an incident's ticket (`oncall note` exercises Jira)".into(),
        };
    };
    let tickets = Tickets::new(&env.schedule, &env.log, &env.ui, &env.actor, env.now);
    let jira = settings::jira(cfg).and_then(|st| {
        Jira::new(st, env.policy).map_err(|e| crate::error::Error::new(e.to_string()))
    });
    let jira = match jira {
        Ok(j) => j,
        Err(e) => return Outcome::from_error(&e),
    };
    // The ticket may still be pending (Jira was down at page time): make it now.
    let Some(key) = tickets.ensure(inc, None) else {
        return match tickets.problems().first() {
            Some(p) => Outcome::Failed {
                reason: p.message.clone(),
                credentials: p.kind == ProblemKind::Credentials,
                hint: p.hints.first().cloned(),
            },
            None => Outcome::failed("the incident has no ticket"),
        };
    };
    match jira.comment(&key, &compose::jira(&env.facts)) {
        Ok(id) => Outcome::ok(
            format!("commented on {key}"),
            Some(id.map_or_else(|| jira.browse_url(&key), |id| jira.comment_url(&key, &id))),
        ),
        Err(e) => Outcome::Failed {
            reason: e.to_string(),
            credentials: e.is_auth(),
            hint: e.is_auth().then(|| {
                "check `ONCALL_JIRA_EMAIL` + `ONCALL_JIRA_TOKEN` (Cloud) or `ONCALL_JIRA_PAT`"
                    .into()
            }),
        },
    }
}
