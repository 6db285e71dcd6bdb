//! Prometheus Alertmanager's webhook payload (`version` "4"), also the base of Grafana's.
//!
//! Quirks handled: `groupKey` is the dedup key (stable per route and group); the top-level
//! `status` is computed from the alerts in the payload, which `max_alerts` may have cut
//! (`truncatedAlerts`), so "resolved" with truncated alerts does not prove the group is over;
//! `endsAt` is `0001-01-01T00:00:00Z` while firing. Unknown fields (newer versions add some)
//! are ignored.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{ParseError, Signal, State, json, label_line};
use crate::schedule::config::AlertsConfig;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Message {
    pub group_key: String,
    pub status: String,
    pub alerts: Vec<Alert>,
    #[serde(default)]
    pub truncated_alerts: u64,
    #[serde(default)]
    pub group_labels: BTreeMap<String, String>,
    #[serde(default)]
    pub common_labels: BTreeMap<String, String>,
    #[serde(default)]
    pub common_annotations: BTreeMap<String, String>,
    #[serde(default, rename = "externalURL")]
    pub external_url: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Alert {
    pub status: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    #[serde(default, rename = "generatorURL")]
    pub generator_url: String,
    #[serde(default, rename = "dashboardURL")]
    pub dashboard_url: String,
}

pub fn parse(body: &[u8], cfg: &AlertsConfig) -> Result<Vec<Signal>, ParseError> {
    let m: Message = json("Alertmanager", body)?;
    signal(&m, cfg).map(|s| vec![s])
}

/// The one signal of a group notification.
pub(super) fn signal(m: &Message, cfg: &AlertsConfig) -> Result<Signal, ParseError> {
    if m.group_key.trim().is_empty() {
        return Err(ParseError("`groupKey` is empty".into()));
    }
    if m.alerts.is_empty() {
        return Err(ParseError("`alerts` is empty".into()));
    }
    for s in std::iter::once(&m.status).chain(m.alerts.iter().map(|a| &a.status)) {
        if s != "firing" && s != "resolved" {
            return Err(ParseError(format!(
                "status `{s}` is neither `firing` nor `resolved`"
            )));
        }
    }
    let any_firing = m.status == "firing" || m.alerts.iter().any(|a| a.status == "firing");
    let state = if any_firing {
        State::Firing
    } else {
        State::Resolved
    };
    let label = |key: &str| {
        m.common_labels
            .get(key)
            .or_else(|| m.group_labels.get(key))
            .or_else(|| m.alerts.iter().find_map(|a| a.labels.get(key)))
            .filter(|v| !v.trim().is_empty())
            .cloned()
    };
    let service = label(&cfg.service_label);
    let mut severities: Vec<String> = m
        .alerts
        .iter()
        .filter_map(|a| a.labels.get(&cfg.severity_label).cloned())
        .collect();
    severities.sort();
    severities.dedup();
    let annotation = |key: &str| {
        m.common_annotations
            .get(key)
            .or_else(|| m.alerts.iter().find_map(|a| a.annotations.get(key)))
            .filter(|v| !v.trim().is_empty())
            .cloned()
    };
    let name = label("alertname");
    let summary = match (name, annotation("summary")) {
        (Some(n), Some(s)) => format!("{n}: {s}"),
        (Some(n), None) => n,
        (None, Some(s)) => s,
        (None, None) => "alert".to_string(),
    };
    let details = m
        .alerts
        .iter()
        .map(|a| {
            let what = a
                .annotations
                .get("description")
                .or_else(|| a.annotations.get("summary"))
                .map(String::as_str)
                .unwrap_or_default();
            let labels = label_line(&a.labels, &m.common_labels);
            let mut line = a.status.clone();
            if !labels.is_empty() {
                line.push_str(&format!(" {{{labels}}}"));
            }
            if !what.is_empty() {
                line.push_str(&format!(": {what}"));
            }
            line
        })
        .collect();
    let mut links = Vec::new();
    if let Some(r) = annotation("runbook_url") {
        links.push(("runbook".to_string(), r));
    }
    if let Some(a) = m.alerts.iter().find(|a| !a.generator_url.is_empty()) {
        links.push(("source".to_string(), a.generator_url.clone()));
    }
    if let Some(a) = m.alerts.iter().find(|a| !a.dashboard_url.is_empty()) {
        links.push(("dashboard".to_string(), a.dashboard_url.clone()));
    }
    if !m.external_url.is_empty() {
        links.push(("alerts".to_string(), m.external_url.clone()));
    }
    Ok(Signal {
        key: m.group_key.clone(),
        state,
        service,
        severities,
        summary,
        details,
        links,
        truncated: m.truncated_alerts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRING: &str = include_str!("../../tests/fixtures/alertmanager-firing.json");
    const RESOLVED: &str = include_str!("../../tests/fixtures/alertmanager-resolved.json");
    const MAX1: &str = include_str!("../../tests/fixtures/alertmanager-max-alerts-firing.json");

    #[test]
    fn a_firing_group_is_one_signal() {
        let s = parse(FIRING.as_bytes(), &AlertsConfig::default()).unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(
            s.key,
            "{}:{alertname=\"HighErrorRate\", service=\"checkout\"}"
        );
        assert_eq!(s.state, State::Firing);
        assert_eq!(s.service.as_deref(), Some("checkout"));
        assert_eq!(s.severities, ["critical"]);
        assert_eq!(s.summary, "HighErrorRate: Checkout 5xx rate above 5%");
        assert_eq!(s.details.len(), 2);
        assert!(
            s.details[0].contains("instance=checkout-1:8080"),
            "{:?}",
            s.details
        );
        assert_eq!(s.links[0].1, "https://runbooks.example.com/checkout-5xx");
    }

    #[test]
    fn resolved_and_truncated_groups() {
        let s = parse(RESOLVED.as_bytes(), &AlertsConfig::default()).unwrap();
        assert_eq!(s[0].state, State::Resolved);
        assert_eq!(s[0].truncated, 0);
        let s = parse(MAX1.as_bytes(), &AlertsConfig::default()).unwrap();
        assert_eq!(s[0].truncated, 1);
        // The partial-resolve capture: status computed from the one alert left in.
        let partial = MAX1.replace("\"firing\"", "\"resolved\"");
        let s = parse(partial.as_bytes(), &AlertsConfig::default()).unwrap();
        assert_eq!((s[0].state, s[0].truncated), (State::Resolved, 1));
    }

    #[test]
    fn configurable_labels_and_bad_payloads() {
        let cfg = AlertsConfig {
            service_label: "job".into(),
            ..AlertsConfig::default()
        };
        let s = parse(FIRING.as_bytes(), &cfg).unwrap();
        assert_eq!(s[0].service.as_deref(), Some("checkout"));
        for bad in [
            "",
            "[]",
            "{\"status\":\"firing\"}",
            "{\"groupKey\":\"\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\"}]}",
            "{\"groupKey\":\"k\",\"status\":\"firing\",\"alerts\":[]}",
            "{\"groupKey\":\"k\",\"status\":\"burning\",\"alerts\":[{\"status\":\"firing\"}]}",
        ] {
            assert!(parse(bad.as_bytes(), &cfg).is_err(), "{bad}");
        }
    }
}
