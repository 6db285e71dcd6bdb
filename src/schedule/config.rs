//! Integration settings that live in `schedule.toml` (`[jira]`, `[announce.*]`). Secrets never
//! live here: the tables name environment variables instead. Typed so unknown keys are caught.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::Urgency;

/// `[jira]`: where tickets are opened. Credentials come from the environment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JiraConfig {
    /// Base URL, e.g. `https://example.atlassian.net`; `$ONCALL_JIRA_URL` overrides.
    pub url: Option<String>,
    #[serde(default)]
    pub flavor: JiraFlavor,
    pub project: String,
    #[serde(default = "default_issue_type")]
    pub issue_type: String,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default = "default_transition")]
    pub resolve_transition: String,
}

fn default_issue_type() -> String {
    "Incident".into()
}
fn default_transition() -> String {
    "Done".into()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JiraFlavor {
    /// Jira Cloud: REST v3, Atlassian Document Format, basic auth with email + API token.
    #[default]
    Cloud,
    /// Jira Data Center / Server: REST v2, wiki text, bearer personal access token.
    Datacenter,
}

/// `[announce]`: the channels one status message goes to. Every channel is optional except
/// the static status page, which is on unless `[announce.statuspage]` says otherwise.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnnounceConfig {
    /// How often an open incident should get a public update (`30m` when unset); `oncall
    /// status` flags incidents that went longer.
    pub update_every: Option<String>,
    /// Comment announcements on the incident's Jira ticket when `[jira]` is set (default true).
    pub jira: Option<bool>,
    pub email: Option<EmailConfig>,
    #[serde(default)]
    pub chat: Vec<ChatConfig>,
    pub statuspage: Option<StatuspageConfig>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// The channel's name for `announce --to` (default `email`).
    pub name: Option<String>,
    /// `host:port`; `$ONCALL_SMTP` overrides.
    pub smtp: Option<String>,
    #[serde(default)]
    pub tls: SmtpTls,
    pub from: String,
    pub to: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS (port 587); refuses to go on without TLS.
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same host or a test server.
    None,
}

impl SmtpTls {
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpTls::Starttls => "starttls",
            SmtpTls::Tls => "tls",
            SmtpTls::None => "none",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChatConfig {
    pub kind: ChatKind,
    /// A short name so `announce --to NAME` can pick this channel (default: the kind).
    pub name: Option<String>,
    /// The environment variable holding the webhook URL (the URL is a secret); default
    /// `ONCALL_<KIND>_WEBHOOK`, e.g. `ONCALL_SLACK_WEBHOOK` (`ONCALL_WEBHOOK_URL` for `webhook`).
    pub url_env: Option<String>,
    /// Matrix: homeserver base URL, e.g. `https://matrix.example.org`.
    pub homeserver: Option<String>,
    /// Matrix: the room id, e.g. `!abc:example.org`.
    pub room: Option<String>,
    /// Matrix: the environment variable holding the access token (default `ONCALL_MATRIX_TOKEN`).
    pub token_env: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatKind {
    Slack,
    Mattermost,
    Teams,
    Discord,
    Matrix,
    Webhook,
}

impl ChatKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Slack => "slack",
            ChatKind::Mattermost => "mattermost",
            ChatKind::Teams => "teams",
            ChatKind::Discord => "discord",
            ChatKind::Matrix => "matrix",
            ChatKind::Webhook => "webhook",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatuspageConfig {
    #[serde(default)]
    pub kind: StatuspageKind,
    /// The channel's name for `announce --to` (default `statuspage`).
    pub name: Option<String>,
    /// The page's title (default: the team name).
    pub title: Option<String>,
    /// Static page: the folder to write, relative to the repository (default `status`).
    pub dir: Option<String>,
    /// Atlassian Statuspage: the page id.
    pub page_id: Option<String>,
    /// Atlassian Statuspage: API base URL (default `https://api.statuspage.io/v1`).
    pub api_url: Option<String>,
    /// Atlassian Statuspage: service name to component id, so an incident marks its
    /// service's component degraded until it is resolved.
    #[serde(default)]
    pub components: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatuspageKind {
    /// `status/index.html` + `status/status.json` in the repository.
    #[default]
    Static,
    /// Atlassian Statuspage (`$ONCALL_STATUSPAGE_TOKEN`).
    Statuspage,
    /// No status page.
    None,
}

/// Channel names: short, lowercase, safe in `--to` lists and in the log's `source` cell.
pub fn valid_channel_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && name.len() <= 40
}

impl AnnounceConfig {
    /// How often an open incident should get a public update.
    pub fn update_every(&self) -> chrono::Duration {
        self.update_every
            .as_deref()
            .and_then(|d| super::time::parse_duration(d, "mhd").ok())
            .unwrap_or_else(|| chrono::Duration::minutes(30))
    }

    /// What is wrong with the `[announce]` tables beyond their types, as (message, hint):
    /// a bad `update_every`, names that clash or cannot be typed after `--to`, and a channel
    /// missing what it needs to be reached.
    pub fn problems(&self) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        if let Some(d) = &self.update_every
            && let Err(m) = super::time::parse_duration(d, "mhd")
        {
            out.push((format!("`update_every`: {m}"), None));
        }
        let mut names: Vec<String> = Vec::new();
        let mut name = |n: &Option<String>, default: &str, out: &mut Vec<_>| {
            let n = n.as_deref().unwrap_or(default);
            if !valid_channel_name(n) {
                out.push((
                    format!("channel name `{n}` is not a short lowercase name"),
                    Some("use letters, digits, `-` and `_`, e.g. `devops`".to_string()),
                ));
            } else if names.iter().any(|x| x == n) {
                out.push((
                    format!("two `[announce]` channels are named `{n}`"),
                    Some("give each one its own `name` so `announce --to` can pick it".to_string()),
                ));
            }
            names.push(n.to_string());
        };
        if let Some(e) = &self.email {
            name(&e.name, "email", &mut out);
            if e.to.is_empty() {
                out.push(("`[announce.email]` has no recipients in `to`".into(), None));
            }
        }
        for c in &self.chat {
            name(&c.name, c.kind.as_str(), &mut out);
            if c.kind == ChatKind::Matrix && (c.homeserver.is_none() || c.room.is_none()) {
                out.push((
                    "a matrix channel needs `homeserver` and `room`".into(),
                    Some("e.g. homeserver = \"https://matrix.example.org\", room = \"!abc:example.org\"".into()),
                ));
            }
        }
        if let Some(sp) = &self.statuspage {
            if sp.kind != StatuspageKind::None {
                name(&sp.name, "statuspage", &mut out);
            }
            if sp.kind == StatuspageKind::Statuspage && sp.page_id.is_none() {
                out.push((
                    "`[announce.statuspage]` with kind = \"statuspage\" needs `page_id`".into(),
                    Some(
                        "the page id is in the Statuspage URL: manage.statuspage.io/pages/PAGE_ID"
                            .into(),
                    ),
                ));
            }
        } else {
            name(&None, "statuspage", &mut out);
        }
        if self.jira != Some(false) && names.iter().any(|n| n == "jira") {
            out.push((
                "the channel name `jira` is taken by the Jira ticket channel".into(),
                Some("pick another `name`, or set `jira = false` in `[announce]`".into()),
            ));
        }
        out
    }
}

/// `[alerts]`: how alert payloads (`page --from`, `listen`) become pages.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsConfig {
    /// The alert label naming the service (Opsgenie: a `service:NAME` tag or detail).
    #[serde(default = "default_service_label")]
    pub service_label: String,
    /// The service for alerts without that label (default: `unknown`).
    pub default_service: Option<String>,
    /// The alert label holding the severity.
    #[serde(default = "default_severity_label")]
    pub severity_label: String,
    /// Severity (or PagerDuty urgency, Opsgenie priority) to urgency, on top of the built-in
    /// map: critical/error/high/P1/P2 are high, warning/info/low/P3-P5 are low.
    #[serde(default)]
    pub severity: BTreeMap<String, Urgency>,
}

impl Default for AlertsConfig {
    fn default() -> Self {
        AlertsConfig {
            service_label: default_service_label(),
            default_service: None,
            severity_label: default_severity_label(),
            severity: BTreeMap::new(),
        }
    }
}

fn default_service_label() -> String {
    "service".into()
}
fn default_severity_label() -> String {
    "severity".into()
}

/// `[listen]`: the webhook receiver. Secrets are named by environment variable.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListenConfig {
    /// `HOST:PORT` to listen on (default `127.0.0.1:9095`); `--addr` overrides.
    pub addr: Option<String>,
    /// The variable holding a shared token, sent as `Authorization: Bearer` or `?token=`.
    pub token_env: Option<String>,
    /// The variable holding PagerDuty's webhook signing secret (`X-PagerDuty-Signature`).
    pub pagerduty_secret_env: Option<String>,
    /// The variable holding Grafana's HMAC secret.
    pub grafana_secret_env: Option<String>,
    /// The header carrying Grafana's signature (default `X-Grafana-Alert-Signature`).
    pub grafana_signature_header: Option<String>,
    /// The header carrying the timestamp, when Grafana is set to sign `"<timestamp>:<body>"`
    /// (e.g. `X-Grafana-Alert-Timestamp`); requests older than 5 minutes are then refused.
    pub grafana_timestamp_header: Option<String>,
    /// The largest body accepted, in bytes (default 1 MiB).
    pub max_body: Option<usize>,
}
