//! PagerDuty V3 webhooks: one event per request. `incident.triggered` and `.reopened` page,
//! `.acknowledged` acks, `.resolved` resolves; other events (notes, priority changes, service
//! events, pings) are accepted and ignored. The PagerDuty incident id is the group key.

use serde::Deserialize;

use super::{ParseError, Signal, State, json};

#[derive(Debug, Deserialize)]
struct Envelope {
    event: Event,
}

#[derive(Debug, Deserialize)]
struct Event {
    event_type: String,
    #[serde(default)]
    resource_type: String,
    data: Option<Data>,
}

#[derive(Debug, Deserialize)]
struct Data {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    html_url: String,
    service: Option<Reference>,
    #[serde(default)]
    urgency: String,
    priority: Option<Reference>,
}

#[derive(Debug, Deserialize)]
struct Reference {
    #[serde(default)]
    summary: String,
}

pub fn parse(body: &[u8]) -> Result<Vec<Signal>, ParseError> {
    let env: Envelope = json("PagerDuty", body)?;
    let state = match env.event.event_type.as_str() {
        "incident.triggered" | "incident.reopened" => State::Firing,
        "incident.acknowledged" => State::Acknowledged,
        "incident.resolved" => State::Resolved,
        _ => return Ok(Vec::new()),
    };
    if env.event.resource_type != "incident" {
        return Ok(Vec::new());
    }
    let d = env
        .event
        .data
        .ok_or_else(|| ParseError("the incident event has no `data`".into()))?;
    if d.id.trim().is_empty() {
        return Err(ParseError("the incident has no `id`".into()));
    }
    let mut severities = Vec::new();
    if !d.urgency.is_empty() {
        severities.push(d.urgency.clone());
    }
    if let Some(p) = d.priority.filter(|p| !p.summary.is_empty()) {
        severities.push(p.summary);
    }
    let mut links = Vec::new();
    if !d.html_url.is_empty() {
        links.push(("pagerduty".to_string(), d.html_url));
    }
    Ok(vec![Signal {
        key: d.id,
        state,
        service: d.service.map(|s| s.summary).filter(|s| !s.is_empty()),
        severities,
        summary: if d.title.is_empty() {
            "PagerDuty incident".into()
        } else {
            d.title
        },
        details: Vec::new(),
        links,
        truncated: 0,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incident_events() {
        let t = include_str!("../../tests/fixtures/pagerduty-v3-incident-triggered.json");
        let s = parse(t.as_bytes()).unwrap();
        assert_eq!(s[0].key, "PFQZPSY");
        assert_eq!(s[0].state, State::Firing);
        assert_eq!(s[0].service.as_deref(), Some("pig208"));
        assert_eq!(s[0].severities, ["high"]);
        assert_eq!(s[0].summary, "Test Incident 3");
        let r = include_str!("../../tests/fixtures/pagerduty-v3-incident-resolved.json");
        assert_eq!(parse(r.as_bytes()).unwrap()[0].state, State::Resolved);
        let ping = r#"{"event":{"event_type":"pagey.ping","resource_type":"pagey","data":null}}"#;
        assert!(parse(ping.as_bytes()).unwrap().is_empty());
        assert!(
            parse(br#"{"event":{"event_type":"incident.triggered","resource_type":"incident"}}"#)
                .is_err()
        );
        assert!(parse(b"{}").is_err());
    }
}
