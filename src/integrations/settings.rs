//! The one place integration credentials and HTTP tuning come from: environment variables.
//! Secrets are wrapped in [`Secret`], whose `Debug` and `Display` never show the value, so
//! they cannot leak into errors, logs or `--json` output by accident.

use std::time::Duration;

use crate::error::{Error, Kind, Result};
use crate::schedule::config::{
    ChatConfig, ChatKind, EmailConfig, JiraConfig, JiraFlavor, ListenConfig, SmtpTls,
};

use super::http::{Auth, Policy};

/// A credential. Only [`Secret::expose`] gives the value, for the one header that needs it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A secret from the environment variable `name`, if set and not empty.
pub fn secret(name: &str) -> Option<Secret> {
    var(name).map(|v| Secret(v.trim().to_string()))
}

/// Timeouts and retries: `$ONCALL_HTTP_TIMEOUT_MS` (default 10000), `$ONCALL_HTTP_RETRIES`
/// (retries after the first try, default 2), `$ONCALL_HTTP_BACKOFF_MS` (first backoff, doubled
/// each retry, default 500) and `$ONCALL_HTTP_MAX_WAIT_MS` (the longest `Retry-After` honoured
/// before giving up, default 30000).
pub fn http_policy() -> Policy {
    let ms = |name: &str, default: u64| {
        Duration::from_millis(var(name).and_then(|v| v.parse().ok()).unwrap_or(default))
    };
    Policy {
        timeout: ms("ONCALL_HTTP_TIMEOUT_MS", 10_000),
        retries: var("ONCALL_HTTP_RETRIES")
            .and_then(|v| v.parse().ok())
            .unwrap_or(2),
        backoff: ms("ONCALL_HTTP_BACKOFF_MS", 500),
        max_wait: ms("ONCALL_HTTP_MAX_WAIT_MS", 30_000),
    }
}

/// Everything needed to talk to Jira.
#[derive(Debug, Clone)]
pub struct JiraSettings {
    pub url: String,
    pub flavor: JiraFlavor,
    pub auth: Auth,
    pub config: JiraConfig,
}

/// The Jira base URL (`$ONCALL_JIRA_URL`, else `[jira] url`), for links; needs no credentials.
pub fn jira_url(cfg: &JiraConfig) -> Option<String> {
    var("ONCALL_JIRA_URL")
        .or_else(|| cfg.url.clone())
        .map(|u| u.trim_end_matches('/').to_string())
}

/// Jira settings from `[jira]` and the environment: `$ONCALL_JIRA_URL` overrides the URL;
/// `$ONCALL_JIRA_EMAIL` + `$ONCALL_JIRA_TOKEN` (basic) or `$ONCALL_JIRA_PAT` (bearer).
/// Cloud prefers email + token, Data Center the PAT; either works with either flavor.
pub fn jira(cfg: &JiraConfig) -> Result<JiraSettings> {
    let url = jira_url(cfg).ok_or_else(|| {
        Error::new("Jira has no URL")
            .with_kind(Kind::Credentials)
            .hint("set `url` in `[jira]` in schedule.toml, or `ONCALL_JIRA_URL`")
    })?;
    let basic = match (var("ONCALL_JIRA_EMAIL"), secret("ONCALL_JIRA_TOKEN")) {
        (Some(user), Some(password)) => Some(Auth::Basic { user, password }),
        _ => None,
    };
    let bearer = secret("ONCALL_JIRA_PAT").map(Auth::Bearer);
    let auth = match cfg.flavor {
        JiraFlavor::Cloud => basic.or(bearer),
        JiraFlavor::Datacenter => bearer.or(basic),
    };
    let auth = auth.ok_or_else(|| {
        let e = Error::new("no Jira credentials in the environment").with_kind(Kind::Credentials);
        match cfg.flavor {
            JiraFlavor::Cloud => e.hint(
                "set `ONCALL_JIRA_EMAIL` and `ONCALL_JIRA_TOKEN` (an API token from id.atlassian.com)",
            ),
            JiraFlavor::Datacenter => {
                e.hint("set `ONCALL_JIRA_PAT` (a personal access token from your Jira profile)")
            }
        }
    })?;
    Ok(JiraSettings {
        url,
        flavor: cfg.flavor,
        auth,
        config: cfg.clone(),
    })
}

/// The secrets `listen` checks requests with.
#[derive(Debug, Clone, Default)]
pub struct ListenSecrets {
    pub token: Option<Secret>,
    pub pagerduty: Option<Secret>,
    pub grafana: Option<Secret>,
}

/// Reads the variables `[listen]` names. A named variable that is unset is an error: a
/// receiver that silently drops its authentication would accept anyone's alerts.
pub fn listen(cfg: &ListenConfig) -> Result<ListenSecrets> {
    let read = |name: &Option<String>, key: &str| -> Result<Option<Secret>> {
        match name {
            None => Ok(None),
            Some(n) => secret(n).map(Some).ok_or_else(|| {
                Error::new(format!("`{n}` is not set"))
                    .with_kind(Kind::Credentials)
                    .cause(format!("`[listen] {key}` names it"))
                    .hint(format!("export {n}=... before starting `oncall listen`"))
            }),
        }
    };
    Ok(ListenSecrets {
        token: read(&cfg.token_env, "token_env")?,
        pagerduty: read(&cfg.pagerduty_secret_env, "pagerduty_secret_env")?,
        grafana: read(&cfg.grafana_secret_env, "grafana_secret_env")?,
    })
}

/// Where and how to send email: `[announce.email]` and the environment.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub user: Option<String>,
    pub password: Option<Secret>,
}

/// SMTP settings: `$ONCALL_SMTP` (`host:port`) overrides `smtp`; the port defaults to the
/// one the TLS mode implies (587, 465, 25); AUTH with `$ONCALL_SMTP_USER` +
/// `$ONCALL_SMTP_PASSWORD` when both are set (a relay that needs none is allowed; one without
/// the other is a mistake).
pub fn smtp(cfg: &EmailConfig) -> Result<SmtpSettings> {
    let server = var("ONCALL_SMTP")
        .or_else(|| cfg.smtp.clone())
        .ok_or_else(|| {
            Error::new("email has no SMTP server")
                .hint("set `smtp = \"host:port\"` in `[announce.email]`, or `ONCALL_SMTP`")
        })?;
    let default_port = match cfg.tls {
        SmtpTls::Starttls => 587,
        SmtpTls::Tls => 465,
        SmtpTls::None => 25,
    };
    let (host, port) = match server.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || h.starts_with('[') => {
            let port = p.parse::<u16>().map_err(|_| {
                Error::new(format!("`{server}` is not `host:port`"))
                    .hint("e.g. `smtp.example.com:587`")
            })?;
            (h.trim_matches(['[', ']']).to_string(), port)
        }
        _ => (server.clone(), default_port),
    };
    let user = var("ONCALL_SMTP_USER");
    let password = secret("ONCALL_SMTP_PASSWORD");
    if user.is_some() != password.is_some() {
        let missing = if user.is_none() {
            "ONCALL_SMTP_USER"
        } else {
            "ONCALL_SMTP_PASSWORD"
        };
        return Err(Error::new(format!("`{missing}` is not set"))
            .with_kind(Kind::Credentials)
            .hint("SMTP AUTH needs both `ONCALL_SMTP_USER` and `ONCALL_SMTP_PASSWORD`"));
    }
    Ok(SmtpSettings {
        host,
        port,
        tls: cfg.tls,
        user,
        password,
    })
}

/// The variable holding a chat webhook's URL: `url_env`, else `ONCALL_<KIND>_WEBHOOK`
/// (`ONCALL_WEBHOOK_URL` for the generic webhook).
pub fn chat_url_env(cfg: &ChatConfig) -> String {
    cfg.url_env.clone().unwrap_or_else(|| match cfg.kind {
        ChatKind::Webhook => "ONCALL_WEBHOOK_URL".to_string(),
        k => format!("ONCALL_{}_WEBHOOK", k.as_str().to_ascii_uppercase()),
    })
}

/// The variable holding a Matrix access token: `token_env`, else `ONCALL_MATRIX_TOKEN`.
pub fn matrix_token_env(cfg: &ChatConfig) -> String {
    cfg.token_env
        .clone()
        .unwrap_or_else(|| "ONCALL_MATRIX_TOKEN".to_string())
}

/// The variable holding the Atlassian Statuspage API key.
pub const STATUSPAGE_TOKEN_ENV: &str = "ONCALL_STATUSPAGE_TOKEN";

/// A secret a channel needs, or a credentials error naming the variable and the channel.
pub fn required(name: &str, channel: &str) -> Result<Secret> {
    secret(name).ok_or_else(|| {
        Error::new(format!("`{name}` is not set"))
            .with_kind(Kind::Credentials)
            .cause(format!("channel `{channel}` reads its secret from it"))
            .hint(format!(
                "export {name}=... (secrets never go in schedule.toml)"
            ))
    })
}

/// How long `announce` waits for all channels together: `$ONCALL_ANNOUNCE_TIMEOUT_MS`
/// (default 60000). Each HTTP attempt still has its own timeout from [`http_policy`].
pub fn announce_deadline() -> Duration {
    Duration::from_millis(
        var("ONCALL_ANNOUNCE_TIMEOUT_MS")
            .and_then(|v| v.parse().ok())
            .unwrap_or(60_000),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s}"), "[redacted]");
        assert!(!format!("{s:?}").contains("hunter2"));
        let a = Auth::Basic {
            user: "me@example.com".into(),
            password: s.clone(),
        };
        assert!(!format!("{a:?}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2");
    }
}
