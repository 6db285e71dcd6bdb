//! Atlassian Statuspage (REST v1, `Authorization: OAuth <key>`): an incident's first
//! announcement opens a Statuspage incident, later ones post updates to it.
//!
//! Opening is never done twice: each create carries `metadata.oncall.incident_id`, and
//! before every attempt the page's unresolved incidents are searched for it, so a create that
//! timed out but went through is found and updated rather than repeated.

use reqwest::Method;
use serde_json::{Value, json};

use super::http::{ApiError, Auth, Http};
use super::retry::wait_before_retry;

const SERVICE: &str = "Statuspage";

/// The Statuspage API default base URL.
pub const DEFAULT_API: &str = "https://api.statuspage.io/v1";

/// One page, and the key to change it.
pub struct Statuspage {
    http: Http,
    api: String,
    page_id: String,
    auth: Auth,
}

/// What an update should say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// `investigating`, `identified`, `monitoring` or `resolved`.
    pub status: String,
    pub body: String,
    /// Component id to component status (`operational`, `degraded_performance`...).
    pub components: Vec<(String, String)>,
}

/// The Statuspage incident an announcement landed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub id: String,
    /// The public short link, e.g. `https://stspg.io/abc`.
    pub shortlink: Option<String>,
    /// Whether the incident was opened by this call.
    pub created: bool,
}

impl Statuspage {
    pub fn new(http: Http, api: &str, page_id: &str, auth: Auth) -> Statuspage {
        Statuspage {
            http,
            api: api.trim_end_matches('/').to_string(),
            page_id: page_id.to_string(),
            auth,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/pages/{}/{path}", self.api, self.page_id)
    }

    /// Posts `update` to the Statuspage incident `known` (from the log), or to the one
    /// opened earlier for `oncall_id`, or opens one named `name` with `impact`.
    pub fn announce(
        &self,
        known: Option<&str>,
        oncall_id: &str,
        name: &str,
        impact: &str,
        update: &Update,
    ) -> Result<Posted, ApiError> {
        if let Some(id) = known {
            return self.update(id, update);
        }
        let mut components = serde_json::Map::new();
        for (id, st) in &update.components {
            components.insert(id.clone(), json!(st));
        }
        let ids: Vec<&String> = update.components.iter().map(|(id, _)| id).collect();
        let mut incident = json!({
            "name": name,
            "status": update.status,
            "body": update.body,
            "impact_override": impact,
            "deliver_notifications": true,
            "metadata": {"oncall": {"incident_id": oncall_id}},
        });
        if !ids.is_empty() {
            incident["component_ids"] = json!(ids);
            incident["components"] = Value::Object(components);
        }
        let body = json!({ "incident": incident });
        let op = "open the incident";
        let mut attempt = 0;
        loop {
            if let Some(id) = self.find(oncall_id)? {
                return self.update(&id, update);
            }
            let created = self
                .http
                .send_once(
                    op,
                    Method::POST,
                    &self.url("incidents"),
                    &self.auth,
                    Some(&body),
                )
                .and_then(|r| r.json(SERVICE, op));
            match created {
                Ok(v) => return posted(&v, op, true),
                Err(e) => match wait_before_retry(self.http.policy(), attempt, &e) {
                    Some(wait) => {
                        std::thread::sleep(wait);
                        attempt += 1;
                    }
                    None => return Err(e),
                },
            }
        }
    }

    /// Posts an update (a new entry in the incident's history) to incident `id`.
    pub fn update(&self, id: &str, update: &Update) -> Result<Posted, ApiError> {
        let mut incident = json!({"status": update.status, "body": update.body});
        if !update.components.is_empty() {
            let map: serde_json::Map<String, Value> = update
                .components
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect();
            incident["components"] = Value::Object(map);
            incident["component_ids"] = json!(
                update
                    .components
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>()
            );
        }
        let op = "update the incident";
        let v = self
            .http
            .send_write(
                op,
                Method::PATCH,
                &self.url(&format!("incidents/{id}")),
                &self.auth,
                Some(&json!({ "incident": incident })),
            )?
            .json(SERVICE, op)?;
        posted(&v, op, false)
    }

    /// The unresolved incident opened for `oncall_id`, if any.
    pub fn find(&self, oncall_id: &str) -> Result<Option<String>, ApiError> {
        let op = "list unresolved incidents";
        let v = self
            .http
            .send(
                op,
                Method::GET,
                &self.url("incidents/unresolved"),
                &self.auth,
                None,
            )?
            .json(SERVICE, op)?;
        Ok(v.as_array().and_then(|list| {
            list.iter()
                .find(|i| i["metadata"]["oncall"]["incident_id"].as_str() == Some(oncall_id))
                .and_then(|i| i["id"].as_str().map(str::to_string))
        }))
    }
}

fn posted(v: &Value, op: &str, created: bool) -> Result<Posted, ApiError> {
    let id = v["id"].as_str().ok_or_else(|| ApiError::Decode {
        service: SERVICE,
        op: op.to_string(),
        detail: "no incident `id` in the answer".into(),
    })?;
    Ok(Posted {
        id: id.to_string(),
        shortlink: v["shortlink"].as_str().map(str::to_string),
        created,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_incident() {
        let text = include_str!("../../tests/fixtures/statuspage-incident-response.json");
        let v: Value = serde_json::from_str(text).unwrap();
        let p = posted(&v, "x", true).unwrap();
        assert_eq!(p.id, "f5v3b6dr7k53");
        assert!(p.shortlink.is_some());
        assert!(posted(&json!({}), "x", false).is_err());
    }
}
