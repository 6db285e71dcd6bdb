//! Opsgenie's outgoing webhook. `Create` pages, `Acknowledge` acks, `Close` resolves; other
//! actions are ignored. The alert id is the group key. The service comes from a detail or a
//! `service:NAME` tag (named by `[alerts] service_label`), the urgency from the priority.
//! Timestamps such as `updatedAt` are nanosecond integers beyond 2^53; they are not read, so
//! they can never lose precision or fail a parse.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{ParseError, Signal, State, json};
use crate::schedule::config::AlertsConfig;

#[derive(Debug, Deserialize)]
struct Webhook {
    action: String,
    alert: Alert,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Alert {
    alert_id: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    details: BTreeMap<String, String>,
    priority: Option<serde_json::Value>,
    #[serde(default)]
    entity: String,
}

pub fn parse(body: &[u8], cfg: &AlertsConfig) -> Result<Vec<Signal>, ParseError> {
    let w: Webhook = json("Opsgenie", body)?;
    let state = match w.action.as_str() {
        "Create" => State::Firing,
        "Acknowledge" => State::Acknowledged,
        "Close" => State::Resolved,
        _ => return Ok(Vec::new()),
    };
    let a = w.alert;
    if a.alert_id.trim().is_empty() {
        return Err(ParseError("the alert has no `alertId`".into()));
    }
    let key = &cfg.service_label;
    let service = a.details.get(key).cloned().or_else(|| {
        a.tags.iter().find_map(|t| {
            let (k, v) = t.split_once(':').or_else(|| t.split_once('='))?;
            (k.trim() == key).then(|| v.trim().to_string())
        })
    });
    // Opsgenie sends "P3"; some senders (and the fixture) send 3.
    let severities = match a.priority {
        Some(serde_json::Value::String(p)) => vec![p],
        Some(serde_json::Value::Number(n)) => vec![format!("P{n}")],
        _ => Vec::new(),
    };
    let mut details = Vec::new();
    if !a.entity.is_empty() {
        details.push(format!("entity: {}", a.entity));
    }
    if !a.tags.is_empty() {
        details.push(format!("tags: {}", a.tags.join(", ")));
    }
    Ok(vec![Signal {
        key: a.alert_id,
        state,
        service: service.filter(|s| !s.is_empty()),
        severities,
        summary: if a.message.is_empty() {
            "Opsgenie alert".into()
        } else {
            a.message
        },
        details,
        links: Vec::new(),
        truncated: 0,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Urgency;

    #[test]
    fn opsgenie_create_and_close() {
        let c = include_str!("../../tests/fixtures/opsgenie-webhook-create.json");
        let s = parse(c.as_bytes(), &AlertsConfig::default()).unwrap();
        assert_eq!(s[0].key, "ec03dad6-62c8-4c94-b38b-d88f398e900f");
        assert_eq!(s[0].state, State::Firing);
        assert_eq!(s[0].severities, ["P3"]);
        assert_eq!(
            crate::alerts::worst_urgency(&s[0].severities, &AlertsConfig::default()),
            Some(Urgency::Low)
        );
        let tagged = c.replace("\"vip\"", "\"vip\", \"service:ingest\"");
        let s = parse(tagged.as_bytes(), &AlertsConfig::default()).unwrap();
        assert_eq!(s[0].service.as_deref(), Some("ingest"));
        let close = c.replace("\"Create\"", "\"Close\"");
        assert_eq!(
            parse(close.as_bytes(), &AlertsConfig::default()).unwrap()[0].state,
            State::Resolved
        );
        let other = c.replace("\"Create\"", "\"AddNote\"");
        assert!(
            parse(other.as_bytes(), &AlertsConfig::default())
                .unwrap()
                .is_empty()
        );
    }
}
