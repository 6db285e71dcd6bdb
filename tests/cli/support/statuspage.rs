//! A loopback Atlassian Statuspage held to its OpenAPI subset
//! (`tests/fixtures/statuspage-openapi-subset.json`): create, update and list-unresolved
//! incidents under `/v1/pages/{page_id}/…`, with `Authorization: OAuth <key>` required and
//! every request body validated against the documented schema (answers too). Faults are
//! scripted through the underlying [`Hook`].

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::hook::{Answer, Hook, Seen};
use super::schema::validate;

pub const PAGE: &str = "pg1test0page";
pub const KEY: &str = "sp-s3cr3t-api-key";

pub struct StatuspageStub {
    pub hook: Hook,
    incidents: Arc<Mutex<Vec<Value>>>,
}

fn spec() -> Value {
    serde_json::from_str(include_str!(
        "../../fixtures/statuspage-openapi-subset.json"
    ))
    .unwrap()
}

impl StatuspageStub {
    pub fn start() -> StatuspageStub {
        let incidents: Arc<Mutex<Vec<Value>>> = Arc::default();
        let store = incidents.clone();
        let spec = Arc::new(spec());
        let spec2 = spec.clone();
        let hook = Hook::start(
            move |seen| answer(&spec, &store, seen),
            move |seen| rule(&spec2, seen),
        );
        StatuspageStub { hook, incidents }
    }

    /// The API base URL to configure (`api_url`).
    pub fn api(&self) -> String {
        format!("{}/v1", self.hook.url)
    }

    pub fn incidents(&self) -> Vec<Value> {
        self.incidents.lock().unwrap().clone()
    }

    /// Adds an unresolved incident as if an earlier create had gone through unanswered.
    pub fn seed(&self, oncall_id: &str) -> String {
        let mut list = self.incidents.lock().unwrap();
        let id = format!("seed{:08}", list.len());
        list.push(incident(&id, "seeded", "investigating", "", oncall_id));
        id
    }
}

fn incident(id: &str, name: &str, status: &str, body: &str, oncall: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "status": status,
        "impact": "major",
        "page_id": PAGE,
        "shortlink": format!("https://stspg.io/{id}"),
        "created_at": "2026-11-24T15:15:00Z",
        "updated_at": "2026-11-24T15:15:00Z",
        "metadata": {"oncall": {"incident_id": oncall}},
        "incident_updates": [{"id": format!("{id}u0"), "incident_id": id, "status": status, "body": body}],
        "components": [],
    })
}

fn route(seen: &Seen) -> (String, Option<String>) {
    let path = seen.url.split('?').next().unwrap_or_default();
    let prefix = format!("/v1/pages/{PAGE}/incidents");
    match path.strip_prefix(&prefix) {
        Some("") => ("create".into(), None),
        Some("/unresolved") => ("unresolved".into(), None),
        Some(rest) => (
            "update".into(),
            Some(rest.trim_start_matches('/').to_string()),
        ),
        None => ("unknown".into(), None),
    }
}

fn rule(spec: &Value, seen: &Seen) -> Vec<String> {
    let mut p = Vec::new();
    let schema = match (seen.method.as_str(), route(seen).0.as_str()) {
        ("POST", "create") => Some("postPagesPageIdIncidents"),
        ("PATCH", "update") => Some("patchPagesPageIdIncidents"),
        ("GET", "unresolved") => None,
        (m, r) => {
            p.push(format!("{m} on {r} is not an operation in the subset"));
            None
        }
    };
    if let Some(name) = schema {
        let body = seen.json();
        let s = json!({"$ref": format!("#/components/schemas/{name}")});
        p.extend(validate(spec, &s, &body, true));
        if body["incident"].is_null() {
            p.push("the body is not wrapped in `incident`".into());
        }
        if !seen
            .header("Content-Type")
            .is_some_and(|c| c.starts_with("application/json"))
        {
            p.push("Content-Type is not application/json".into());
        }
        let status = body["incident"]["status"].as_str().unwrap_or_default();
        if !["investigating", "identified", "monitoring", "resolved"].contains(&status) {
            p.push(format!("status `{status}` is not a realtime status"));
        }
    }
    p
}

fn answer(spec: &Value, store: &Mutex<Vec<Value>>, seen: &Seen) -> Answer {
    if seen.header("Authorization") != Some(&format!("OAuth {KEY}")) {
        return Answer::json(401, &json!({"message": "Could not authenticate"}));
    }
    let mut list = store.lock().unwrap();
    let body = seen.json();
    let inc = &body["incident"];
    let out = match route(seen) {
        (r, _) if r == "unresolved" => {
            let open: Vec<Value> = list
                .iter()
                .filter(|i| i["status"] != "resolved")
                .cloned()
                .collect();
            (200, Value::Array(open))
        }
        (r, _) if r == "create" => {
            let id = format!("inc{:09}", list.len() + 1);
            let oncall = inc["metadata"]["oncall"]["incident_id"]
                .as_str()
                .unwrap_or_default();
            let v = incident(
                &id,
                inc["name"].as_str().unwrap_or_default(),
                inc["status"].as_str().unwrap_or_default(),
                inc["body"].as_str().unwrap_or_default(),
                oncall,
            );
            list.push(v.clone());
            (201, v)
        }
        (_, Some(id)) => match list.iter_mut().find(|i| i["id"] == id.as_str()) {
            Some(i) => {
                i["status"] = inc["status"].clone();
                let n = i["incident_updates"].as_array().map_or(0, Vec::len);
                let update = json!({"id": format!("{id}u{n}"), "incident_id": id, "status": inc["status"], "body": inc["body"]});
                if let Some(u) = i["incident_updates"].as_array_mut() {
                    u.insert(0, update);
                }
                (200, i.clone())
            }
            None => (404, json!({"message": "Not found"})),
        },
        _ => (404, json!({"message": "Not found"})),
    };
    if out.0 < 300 {
        let schema = if out.1.is_array() {
            json!({"type": "array", "items": {"$ref": "#/components/schemas/Incident"}})
        } else {
            json!({"$ref": "#/components/schemas/Incident"})
        };
        let bad = validate(spec, &schema, &out.1, false);
        assert!(
            bad.is_empty(),
            "the stub's own answer is off the spec: {bad:?}"
        );
    }
    Answer::json(out.0, &out.1)
}
