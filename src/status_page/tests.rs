//! The status page from a small log: what it shows, in what order, and that people's text
//! stays text.

use chrono::{DateTime, Utc};

use super::*;
use crate::incident::EventKind;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn schedule() -> Schedule {
    let text = r#"
[team]
name = "Data Platform"
timezone = "America/New_York"
[people.a]
name = "A"
[services.api]
description = "The API"
urgency = "high"
[services.dash]
urgency = "low"
"#;
    crate::schedule::parse(text).unwrap().schedule
}

fn page_row(time: &str, id: &str, service: &str, urgency: &str) -> Event {
    Event {
        time: t(time),
        incident: id.into(),
        kind: EventKind::Page,
        service: service.into(),
        urgency: urgency.into(),
        summary: "internal alert text".into(),
        ..Event::default()
    }
}

fn announce(time: &str, id: &str, status: &str, msg: &str, source: &str) -> Event {
    Event {
        time: t(time),
        incident: id.into(),
        kind: EventKind::Announce,
        status: status.into(),
        summary: msg.into(),
        source: source.into(),
        ..Event::default()
    }
}

fn log() -> Vec<Event> {
    vec![
        page_row("2026-11-20T10:00:00Z", "old01", "dash", "low"),
        announce(
            "2026-11-20T10:05:00Z",
            "old01",
            "investigating",
            "Dashboards slow",
            "ok=statuspage;failed=",
        ),
        announce(
            "2026-11-20T11:00:00Z",
            "old01",
            "resolved",
            "Fixed",
            "ok=statuspage;failed=",
        ),
        page_row("2026-11-24T15:00:00Z", "k7m2q", "api", "high"),
        announce(
            "2026-11-24T15:05:00Z",
            "k7m2q",
            "investigating",
            "Errors <script>alert(1)</script>",
            "ok=statuspage;failed=slack",
        ),
        // A retry of the same update must not show twice.
        announce(
            "2026-11-24T15:07:00Z",
            "k7m2q",
            "investigating",
            "Errors <script>alert(1)</script>",
            "ok=slack;failed=;of=2026-11-24T15:05:00Z",
        ),
        // Very old and resolved: out of the history window.
        page_row("2026-01-01T10:00:00Z", "anc01", "api", "high"),
        announce(
            "2026-01-01T10:05:00Z",
            "anc01",
            "resolved",
            "Long ago",
            "manual",
        ),
    ]
}

#[test]
fn builds_current_state_and_history_from_the_log() {
    let pending = Pending {
        incident: "k7m2q".into(),
        update: Update {
            at: t("2026-11-24T15:15:00Z"),
            status: Status::Identified,
            message: "Found a bad deploy".into(),
        },
    };
    let page = build(
        &schedule(),
        "Data Platform status",
        &log(),
        Some(&pending),
        t("2026-11-24T15:15:00Z"),
    );
    assert_eq!(page.indicator(), ("major", "Partial System Outage"));
    let ids: Vec<&str> = page.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["k7m2q", "old01"]);
    let cur = &page.incidents[0];
    assert_eq!(cur.status, Status::Identified);
    assert_eq!(cur.updates.len(), 2);
    assert_eq!(cur.updates[0].message, "Found a bad deploy");
    assert_eq!(cur.name(), "The API: service disruption");
    let comps: Vec<(&str, &str)> = page
        .components
        .iter()
        .map(|c| (c.service.as_str(), c.status))
        .collect();
    assert_eq!(comps, [("api", "partial_outage"), ("dash", "operational")]);

    let html = html::render(&page);
    assert!(html.contains("Partial System Outage"));
    assert!(html.contains("Found a bad deploy"));
    assert!(html.contains("Dashboards slow"));
    assert!(!html.contains("<script>"), "user text must be escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !html.contains("internal alert text"),
        "internal summaries stay internal"
    );
    assert!(!html.contains("Long ago"));

    let json = json::render(&page);
    assert_eq!(json["schema"], "oncall-status/1");
    assert_eq!(json["status"]["indicator"], "major");
    assert_eq!(json["incidents"][0]["id"], "k7m2q");
    assert_eq!(json["incidents"][0]["status"], "identified");
    assert_eq!(
        json["incidents"][0]["incident_updates"][1]["body"],
        "Errors <script>alert(1)</script>"
    );
    assert_eq!(
        json["resolved_incidents"][0]["resolved_at"],
        "2026-11-20T11:00:00Z"
    );
    assert_eq!(json["components"][1]["status"], "operational");
}

#[test]
fn all_clear_when_everything_is_resolved() {
    let page = build(
        &schedule(),
        "S",
        &log()[..3],
        None,
        t("2026-11-24T15:15:00Z"),
    );
    assert_eq!(page.indicator(), ("none", "All Systems Operational"));
    assert!(html::render(&page).contains("class=\"banner none\""));
}

#[test]
fn writes_both_files_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let page = build(&schedule(), "S", &log(), None, t("2026-11-24T15:15:00Z"));
    let out = dir.path().join("status");
    let files = write(&out, &page).unwrap();
    assert_eq!(files.len(), 2);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("status.json")).unwrap()).unwrap();
    assert_eq!(json["status"]["indicator"], "major");
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        2,
        "no temporary files left"
    );
}
