//! Alert payloads from monitoring (Alertmanager, Grafana, PagerDuty, Opsgenie) turned into
//! [`Signal`]s: one per alert group, saying whether it fires, resolved or was acknowledged,
//! with the source's group key for deduplication. Pure: bytes in, signals out.

pub mod alertmanager;
pub mod grafana;
pub mod opsgenie;
pub mod pagerduty;

use std::collections::BTreeMap;

use crate::schedule::Urgency;
use crate::schedule::config::AlertsConfig;

/// Where a payload came from; also the log's `source` cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Alertmanager,
    Grafana,
    Pagerduty,
    Opsgenie,
}

impl Source {
    pub const ALL: [Source; 4] = [
        Source::Alertmanager,
        Source::Grafana,
        Source::Pagerduty,
        Source::Opsgenie,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Alertmanager => "alertmanager",
            Source::Grafana => "grafana",
            Source::Pagerduty => "pagerduty",
            Source::Opsgenie => "opsgenie",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What the source says about the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Firing,
    Resolved,
    Acknowledged,
}

/// One alert group's news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    /// The source's group key (Alertmanager `groupKey`, PagerDuty incident id, Opsgenie alert id).
    pub key: String,
    pub state: State,
    pub service: Option<String>,
    /// Every severity seen in the group (the worst one decides the urgency).
    pub severities: Vec<String>,
    pub summary: String,
    /// One line per alert, for the ticket.
    pub details: Vec<String>,
    /// (label, URL): runbook, graph, dashboard, the source's own page.
    pub links: Vec<(String, String)>,
    /// Alerts the source left out of the payload (`max_alerts`).
    pub truncated: u64,
}

/// A payload that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses a payload from `source`. Unknown fields are ignored; missing essentials are errors.
pub fn parse(source: Source, body: &[u8], cfg: &AlertsConfig) -> Result<Vec<Signal>, ParseError> {
    match source {
        Source::Alertmanager => alertmanager::parse(body, cfg),
        Source::Grafana => grafana::parse(body, cfg),
        Source::Pagerduty => pagerduty::parse(body),
        Source::Opsgenie => opsgenie::parse(body, cfg),
    }
}

/// The urgency of a severity: the configured map first, then the built-in one.
pub fn urgency_of(severity: &str, cfg: &AlertsConfig) -> Option<Urgency> {
    let s = severity.trim();
    if let Some(u) = cfg
        .severity
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(s))
        .map(|(_, u)| *u)
    {
        return Some(u);
    }
    match s.to_ascii_lowercase().as_str() {
        "critical" | "crit" | "error" | "high" | "page" | "emergency" | "alert" | "p1" | "p2"
        | "disaster" => Some(Urgency::High),
        "warning" | "warn" | "info" | "low" | "notice" | "none" | "p3" | "p4" | "p5" => {
            Some(Urgency::Low)
        }
        _ => None,
    }
}

/// The worst urgency among `severities`, if any is known.
pub fn worst_urgency(severities: &[String], cfg: &AlertsConfig) -> Option<Urgency> {
    let all: Vec<Urgency> = severities
        .iter()
        .filter_map(|s| urgency_of(s, cfg))
        .collect();
    if all.contains(&Urgency::High) {
        Some(Urgency::High)
    } else {
        all.first().copied()
    }
}

/// Parses JSON, naming the source in the error.
fn json<'a, T: serde::Deserialize<'a>>(what: &str, body: &'a [u8]) -> Result<T, ParseError> {
    serde_json::from_slice(body).map_err(|e| ParseError(format!("not a valid {what} payload: {e}")))
}

/// `k=v, k=v` for a label set, sorted, leaving out the ones already in `skip`.
fn label_line(labels: &BTreeMap<String, String>, skip: &BTreeMap<String, String>) -> String {
    labels
        .iter()
        .filter(|(k, v)| skip.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_map_to_urgency() {
        let mut cfg = AlertsConfig::default();
        assert_eq!(urgency_of("critical", &cfg), Some(Urgency::High));
        assert_eq!(urgency_of("Warning", &cfg), Some(Urgency::Low));
        assert_eq!(urgency_of("P2", &cfg), Some(Urgency::High));
        assert_eq!(urgency_of("sev-x", &cfg), None);
        cfg.severity.insert("warning".into(), Urgency::High);
        cfg.severity.insert("sev-x".into(), Urgency::Low);
        assert_eq!(urgency_of("warning", &cfg), Some(Urgency::High));
        assert_eq!(urgency_of("SEV-X", &cfg), Some(Urgency::Low));
        assert_eq!(
            worst_urgency(
                &["info".into(), "critical".into()],
                &AlertsConfig::default()
            ),
            Some(Urgency::High)
        );
        assert_eq!(worst_urgency(&[], &cfg), None);
    }
}
