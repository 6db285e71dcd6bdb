//! `status/status.json`: the page for machines, shaped like Atlassian Statuspage's public
//! v2 `summary.json` (`page`, `status.indicator`/`description`, `components`, `incidents`
//! with `incident_updates`) so existing consumers can read it. `incidents` holds only what
//! is unresolved (as in Statuspage); `resolved_incidents` holds the recent history.
//! `schema` is bumped if a key ever changes meaning. Documented in the README.

use serde_json::{Value, json};

use super::{Page, PageIncident};
use crate::output::fmt::rfc3339;

/// This file's format version.
pub const SCHEMA: &str = "oncall-status/1";

pub fn render(page: &Page) -> Value {
    let (indicator, description) = page.indicator();
    let components: Vec<Value> = page
        .components
        .iter()
        .map(|c| json!({"id": c.service, "name": c.title, "status": c.status}))
        .collect();
    json!({
        "schema": SCHEMA,
        "page": {
            "name": page.title,
            "time_zone": page.tz.name(),
            "updated_at": rfc3339(page.generated_at),
        },
        "status": {"indicator": indicator, "description": description},
        "components": components,
        "incidents": page.open().map(incident).collect::<Vec<_>>(),
        "resolved_incidents": page.resolved().map(incident).collect::<Vec<_>>(),
    })
}

fn incident(i: &PageIncident) -> Value {
    let updates: Vec<Value> = i
        .updates
        .iter()
        .map(|u| {
            json!({
                "status": u.status.as_str(),
                "body": u.message,
                "created_at": rfc3339(u.at),
            })
        })
        .collect();
    json!({
        "id": i.id,
        "name": i.name(),
        "status": i.status.as_str(),
        "impact": i.impact,
        "components": [i.service],
        "created_at": rfc3339(i.started_at),
        "updated_at": rfc3339(i.updated_at),
        "resolved_at": i.is_resolved().then(|| rfc3339(i.updated_at)),
        "incident_updates": updates,
    })
}
