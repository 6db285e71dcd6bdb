//! The static status page: `status/index.html` (a self-contained page people open) and
//! `status/status.json` (the same facts for a product to poll, e.g. to show a banner), both
//! rebuilt from the page log's `announce` rows every time, so the page is reproducible from
//! the repository alone. Building the [`Page`] and rendering it are pure (`html`, `json`);
//! only [`write`] touches the disk, through `write_atomic`, so a reader never sees half a file.

pub mod html;
pub mod json;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::announce::Status;
use crate::announce::record::Announced;
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::incident::{Event, Replay};
use crate::schedule::Schedule;

/// Resolved incidents stay in the history this long.
pub const HISTORY_DAYS: i64 = 90;

/// One public update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub at: DateTime<Utc>,
    pub status: Status,
    pub message: String,
}

/// An incident as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageIncident {
    pub id: String,
    pub service: String,
    pub service_title: String,
    /// `minor` or `major` (from the incident's urgency).
    pub impact: &'static str,
    /// The latest public status.
    pub status: Status,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Newest first.
    pub updates: Vec<Update>,
}

impl PageIncident {
    pub fn name(&self) -> String {
        crate::announce::compose::incident_name(&self.service_title)
    }

    pub fn is_resolved(&self) -> bool {
        self.status == Status::Resolved
    }
}

/// A service and how it is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub service: String,
    pub title: String,
    /// Statuspage's words: `operational`, `degraded_performance`, `partial_outage`.
    pub status: &'static str,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub tz: Tz,
    pub generated_at: DateTime<Utc>,
    pub components: Vec<Component>,
    /// Unresolved first, then resolved; newest update first within each.
    pub incidents: Vec<PageIncident>,
}

/// An update not yet in the log (the announcement being delivered now).
#[derive(Debug, Clone)]
pub struct Pending {
    pub incident: String,
    pub update: Update,
}

impl Page {
    /// `none`, `minor` or `major`, and its words (as Statuspage says them).
    pub fn indicator(&self) -> (&'static str, &'static str) {
        let open: Vec<&PageIncident> = self.open().collect();
        if open.iter().any(|i| i.impact == "major") {
            ("major", "Partial System Outage")
        } else if !open.is_empty() {
            ("minor", "Minor Service Outage")
        } else {
            ("none", "All Systems Operational")
        }
    }

    pub fn open(&self) -> impl Iterator<Item = &PageIncident> {
        self.incidents.iter().filter(|i| !i.is_resolved())
    }

    pub fn resolved(&self) -> impl Iterator<Item = &PageIncident> {
        self.incidents.iter().filter(|i| i.is_resolved())
    }
}

/// The page as of `now`, from the log's rows (plus `pending`, not yet written).
pub fn build(
    s: &Schedule,
    title: &str,
    events: &[Event],
    pending: Option<&Pending>,
    now: DateTime<Utc>,
) -> Page {
    let mut replay = Replay::new();
    for e in events {
        replay.apply(e.as_ref());
    }
    let mut updates: std::collections::BTreeMap<&str, Vec<Update>> = Default::default();
    for e in events {
        let Some(a) = Announced::from_row(&e.as_ref()) else {
            continue;
        };
        let Some(status) = a.status else { continue };
        // A `--retry` row re-sent an update that is already on the page.
        if a.is_retry() {
            continue;
        }
        updates.entry(&e.incident).or_default().push(Update {
            at: a.at,
            status,
            message: a.message,
        });
    }
    if let Some(p) = pending {
        updates
            .entry(&p.incident)
            .or_default()
            .push(p.update.clone());
    }
    let mut incidents: Vec<PageIncident> = updates
        .into_iter()
        .filter_map(|(id, mut ups)| {
            // Newest first; updates made in the same second keep the log's order, reversed.
            ups.reverse();
            ups.sort_by_key(|u| std::cmp::Reverse(u.at));
            ups.dedup();
            let latest = ups.first()?.clone();
            let started = ups.last()?.at;
            let inc = replay.get(id);
            let service = inc.map(|i| i.service.clone()).unwrap_or_default();
            let service_title = s
                .services
                .get(&service)
                .and_then(|sv| sv.description.clone())
                .unwrap_or_else(|| service.clone());
            let urgency = inc.map_or("high", |i| i.urgency.as_str());
            Some(PageIncident {
                id: id.to_string(),
                service,
                service_title,
                impact: if urgency == "low" { "minor" } else { "major" },
                status: latest.status,
                started_at: started,
                updated_at: latest.at,
                updates: ups,
            })
        })
        .filter(|i| !i.is_resolved() || now - i.updated_at <= Duration::days(HISTORY_DAYS))
        .collect();
    incidents.sort_by(|a, b| {
        a.is_resolved()
            .cmp(&b.is_resolved())
            .then(b.updated_at.cmp(&a.updated_at))
    });
    let components = s
        .services
        .values()
        .map(|sv| Component {
            service: sv.name.clone(),
            title: sv.description.clone().unwrap_or_else(|| sv.name.clone()),
            status: incidents
                .iter()
                .filter(|i| !i.is_resolved() && i.service == sv.name)
                .map(component_status)
                .max_by_key(|s| severity(s))
                .unwrap_or("operational"),
        })
        .collect();
    Page {
        title: title.to_string(),
        tz: s.team.tz,
        generated_at: now,
        components,
        incidents,
    }
}

fn component_status(i: &PageIncident) -> &'static str {
    match (i.status, i.impact) {
        (Status::Resolved, _) => "operational",
        (Status::Monitoring, _) | (_, "minor") => "degraded_performance",
        _ => "partial_outage",
    }
}

fn severity(s: &str) -> u8 {
    match s {
        "partial_outage" => 2,
        "degraded_performance" => 1,
        _ => 0,
    }
}

/// Writes `index.html` and `status.json` into `dir` (created if needed); returns the paths.
pub fn write(dir: &Path, page: &Page) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::new(format!("cannot create `{}`", dir.display())).cause(e))?;
    let html_path = dir.join("index.html");
    let json_path = dir.join("status.json");
    let json = json::text(page);
    // JSON first: a product polling it sees the new state no later than people do.
    write_atomic(&json_path, format!("{json}\n").as_bytes())?;
    write_atomic(&html_path, html::render(page).as_bytes())?;
    Ok(vec![html_path, json_path])
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
