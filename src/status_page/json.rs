//! `status/status.json`: the page for machines, shaped like Atlassian Statuspage's public
//! v2 `summary.json` (`page`, `status.indicator`/`description`, `components`, `incidents`
//! with `incident_updates`) so existing consumers can read it. `incidents` holds only what
//! is unresolved (as in Statuspage); `resolved_incidents` holds the recent history.
//! `schema` is bumped if a key ever changes meaning. Documented in the README.
//! Typed views (not `json!`) so the keys come out in reading order.

use serde::Serialize;
use serde_json::Value;

use super::{Page, PageIncident};
use crate::output::fmt::rfc3339;

/// This file's format version.
pub const SCHEMA: &str = "oncall-status/1";

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    page: PageView<'a>,
    status: StatusView,
    components: Vec<ComponentView<'a>>,
    incidents: Vec<IncidentView<'a>>,
    resolved_incidents: Vec<IncidentView<'a>>,
}

#[derive(Serialize)]
struct PageView<'a> {
    name: &'a str,
    time_zone: &'a str,
    updated_at: String,
}

#[derive(Serialize)]
struct StatusView {
    indicator: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct ComponentView<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct IncidentView<'a> {
    id: &'a str,
    name: String,
    status: &'static str,
    impact: &'static str,
    components: [&'a str; 1],
    created_at: String,
    updated_at: String,
    resolved_at: Option<String>,
    incident_updates: Vec<UpdateView<'a>>,
}

#[derive(Serialize)]
struct UpdateView<'a> {
    status: &'static str,
    body: &'a str,
    created_at: String,
}

fn doc(page: &Page) -> Doc<'_> {
    let (indicator, description) = page.indicator();
    Doc {
        schema: SCHEMA,
        page: PageView {
            name: &page.title,
            time_zone: page.tz.name(),
            updated_at: rfc3339(page.generated_at),
        },
        status: StatusView {
            indicator,
            description,
        },
        components: page
            .components
            .iter()
            .map(|c| ComponentView {
                id: &c.service,
                name: &c.title,
                status: c.status,
            })
            .collect(),
        incidents: page.open().map(incident).collect(),
        resolved_incidents: page.resolved().map(incident).collect(),
    }
}

/// The document as a JSON value (for tests and callers that inspect it).
pub fn render(page: &Page) -> Value {
    serde_json::to_value(doc(page)).unwrap_or(Value::Null)
}

/// The document as written to disk: pretty, keys in reading order.
pub fn text(page: &Page) -> String {
    serde_json::to_string_pretty(&doc(page)).unwrap_or_default()
}

fn incident(i: &PageIncident) -> IncidentView<'_> {
    IncidentView {
        id: &i.id,
        name: i.name(),
        status: i.status.as_str(),
        impact: i.impact,
        components: [&i.service],
        created_at: rfc3339(i.started_at),
        updated_at: rfc3339(i.updated_at),
        resolved_at: i.is_resolved().then(|| rfc3339(i.updated_at)),
        incident_updates: i
            .updates
            .iter()
            .map(|u| UpdateView {
                status: u.status.as_str(),
                body: &u.message,
                created_at: rfc3339(u.at),
            })
            .collect(),
    }
}
