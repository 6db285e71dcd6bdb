//! The serde shape of `schedule.toml`, as written: every key that can be wrong keeps its
//! byte span so the loader can point at the offending line. Unknown keys are rejected.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::config::{AlertsConfig, AnnounceConfig, JiraConfig, ListenConfig};
use super::model::{Role, Urgency};

pub type Str = Spanned<String>;
pub type Val = Spanned<toml::Value>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    pub team: Spanned<RawTeam>,
    #[serde(default)]
    pub people: BTreeMap<String, Spanned<RawPerson>>,
    #[serde(default)]
    pub rotation: Vec<Spanned<RawRotation>>,
    #[serde(default, rename = "override")]
    pub overrides: Vec<Spanned<RawOverride>>,
    #[serde(default)]
    pub unavailable: Vec<Spanned<RawUnavailable>>,
    #[serde(default)]
    pub escalation: RawEscalation,
    pub hours: Option<Spanned<RawHours>>,
    #[serde(default)]
    pub services: BTreeMap<String, Spanned<RawService>>,
    pub jira: Option<JiraConfig>,
    #[serde(default)]
    pub announce: AnnounceConfig,
    #[serde(default)]
    pub alerts: AlertsConfig,
    #[serde(default)]
    pub listen: ListenConfig,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    pub name: String,
    pub timezone: Str,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: Option<String>,
    pub email: Option<String>,
    pub chat: Option<String>,
    pub phone: Option<String>,
    pub timezone: Option<Str>,
    /// Jira account id (Cloud) or user name (Data Center), for assigning tickets.
    pub jira: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRotation {
    pub start: Val,
    pub every: Str,
    pub pairs: Option<Vec<Spanned<RawPair>>>,
    pub managers: Option<Vec<Str>>,
    pub engineers: Option<Vec<Str>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub manager: Str,
    pub engineer: Str,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOverride {
    pub role: Role,
    pub person: Str,
    pub start: Val,
    pub end: Val,
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnavailable {
    pub person: Str,
    pub start: Val,
    pub end: Val,
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEscalation {
    pub level2: Option<Spanned<RawLevel>>,
    pub level3: Option<Spanned<RawLevel>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub name: Option<String>,
    pub after: Option<Str>,
    #[serde(default)]
    pub people: Vec<Str>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHours {
    pub days: Option<Vec<Str>>,
    pub start: Option<Val>,
    pub end: Option<Val>,
    #[serde(default)]
    pub holidays: Vec<Val>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    pub description: Option<String>,
    pub urgency: Option<Urgency>,
    pub runbook: Option<Str>,
    pub lead: Option<Str>,
}
