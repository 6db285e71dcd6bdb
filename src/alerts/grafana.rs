//! Grafana Alerting's webhook contact point: Alertmanager's shape with `version` "1" and
//! extra fields (`orgId`, `title`, `state`, per-alert `dashboardURL`, `values`...), which
//! are ignored except the dashboard link.

use super::alertmanager::{Message, signal};
use super::{ParseError, Signal, json};
use crate::schedule::config::AlertsConfig;

pub fn parse(body: &[u8], cfg: &AlertsConfig) -> Result<Vec<Signal>, ParseError> {
    let m: Message = json("Grafana", body)?;
    signal(&m, cfg).map(|s| vec![s])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::State;

    #[test]
    fn grafana_payloads() {
        let cfg = AlertsConfig {
            default_service: None,
            ..AlertsConfig::default()
        };
        let docs = include_str!("../../tests/fixtures/grafana-webhook-docs-firing.json");
        let s = parse(docs.as_bytes(), &cfg).unwrap();
        assert_eq!(s[0].key, "{}:{}");
        assert_eq!(s[0].state, State::Firing);
        assert_eq!(s[0].service, None);
        assert_eq!(s[0].details.len(), 2);
        let v11 = include_str!("../../tests/fixtures/grafana-webhook-v11-firing.json");
        let s = parse(v11.as_bytes(), &cfg).unwrap();
        assert_eq!(s[0].summary, "Memory (copy): High memory usage");
        assert!(s[0].links.iter().any(|(k, _)| k == "dashboard"));
    }
}
