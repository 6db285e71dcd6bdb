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

/// `[announce]`: the channels one status message goes to.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnnounceConfig {
    pub email: Option<EmailConfig>,
    #[serde(default)]
    pub chat: Vec<ChatConfig>,
    pub statuspage: Option<StatuspageConfig>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
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
    #[default]
    Starttls,
    Tls,
    None,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChatConfig {
    pub kind: ChatKind,
    /// A short name so `announce --to NAME` can pick this channel.
    pub name: Option<String>,
    /// The environment variable holding the webhook URL (the URL is a secret).
    pub url_env: Option<String>,
    /// Matrix: homeserver base URL, e.g. `https://matrix.example.org`.
    pub homeserver: Option<String>,
    /// Matrix: the room id, e.g. `!abc:example.org`.
    pub room: Option<String>,
    /// Matrix: the environment variable holding the access token.
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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatuspageConfig {
    #[serde(default)]
    pub kind: StatuspageKind,
    pub name: Option<String>,
    /// Static page: the folder to write, relative to the repository.
    pub dir: Option<String>,
    /// Atlassian Statuspage: the page id.
    pub page_id: Option<String>,
    /// Atlassian Statuspage: API base URL (default `https://api.statuspage.io/v1`).
    pub api_url: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatuspageKind {
    #[default]
    Static,
    Statuspage,
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
    /// The largest body accepted, in bytes (default 1 MiB).
    pub max_body: Option<usize>,
}
