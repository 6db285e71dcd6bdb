//! `page --from`: alert payloads from Alertmanager, Grafana, PagerDuty and Opsgenie become
//! one incident per alert group, deduplicated on the group key; resolved payloads resolve;
//! malformed payloads are refused with nothing written.

use crate::common::{BASIC, TestRepo, json, log_rows, run};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn from(repo: &TestRepo, source: &str, file: &str) -> serde_json::Value {
    let (code, out, err) =
        run(repo
            .oncall()
            .args(["--json", "page", "--from", source, &fixture(file)]));
    assert_eq!(code, 0, "{err}");
    json(&out)
}

#[test]
fn alertmanager_groups_page_once_resolve_and_page_again() {
    let repo = TestRepo::new(BASIC);
    let v = from(&repo, "alertmanager", "alertmanager-firing.json");
    assert_eq!(v[0]["action"], "paged");
    let id = v[0]["incident"].as_str().unwrap().to_string();
    let r = &log_rows(&repo)[0];
    assert_eq!(
        (r[2].as_str(), r[3].as_str(), r[4].as_str(), r[12].as_str()),
        ("page", "checkout", "high", "alertmanager")
    );
    assert_eq!(r[11], "HighErrorRate: Checkout 5xx rate above 5%");
    // Re-delivered (Alertmanager retries, repeat_interval): the same incident, no new row.
    let v = from(&repo, "alertmanager", "alertmanager-firing.json");
    assert_eq!(
        (v[0]["incident"].as_str(), v[0]["action"].as_str()),
        (Some(id.as_str()), Some("already-open"))
    );
    assert_eq!(log_rows(&repo).len(), 1);
    // The same payload through stdin.
    let body = std::fs::read(fixture("alertmanager-resolved.json")).unwrap();
    let (code, out, err) = run(repo
        .oncall()
        .args(["--json", "page", "--from", "alertmanager", "-"])
        .write_stdin(body));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)[0]["action"], "resolved");
    let v = from(&repo, "alertmanager", "alertmanager-resolved.json");
    assert_eq!(v[0]["action"], "nothing-open");
    assert_eq!(log_rows(&repo).len(), 2);
    // It fires again later: a new incident.
    let v = from(&repo, "alertmanager", "alertmanager-firing.json");
    assert_eq!(v[0]["action"], "paged");
    assert_ne!(v[0]["incident"].as_str().unwrap(), id);
}

#[test]
fn a_truncated_resolve_keeps_the_incident_open() {
    let repo = TestRepo::new(BASIC);
    let v = from(&repo, "alertmanager", "alertmanager-max-alerts-firing.json");
    let id = v[0]["incident"].as_str().unwrap().to_string();
    // The captured partial resolve: status computed from the one alert left in the payload.
    let partial = std::fs::read_to_string(fixture("alertmanager-max-alerts-firing.json"))
        .unwrap()
        .replace("\"firing\"", "\"resolved\"");
    let (code, out, err) = run(repo
        .oncall()
        .args(["--json", "page", "--from", "alertmanager"])
        .write_stdin(partial));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)[0]["action"], "not-resolved-truncated");
    let rows = log_rows(&repo);
    assert_eq!(rows[1][2], "note");
    assert!(rows[1][11].contains("1 alert(s) left out"), "{:?}", rows[1]);
    let (_, out, _) = run(repo.oncall().args(["--json", "status"]));
    assert_eq!(json(&out)[0]["id"], id.as_str());
}

#[test]
fn grafana_pagerduty_and_opsgenie() {
    let repo = TestRepo::new(&format!(
        "{BASIC}\n[alerts]\ndefault_service = \"api\"\nseverity = {{ high = \"low\" }}\n"
    ));
    let v = from(&repo, "grafana", "grafana-webhook-docs-firing.json");
    assert_eq!(v[0]["service"], "api", "no service label: the default");
    let v = from(&repo, "grafana", "grafana-webhook-v11-firing.json");
    assert_eq!(v[0]["action"], "paged");
    let v = from(&repo, "pagerduty", "pagerduty-v3-incident-triggered.json");
    assert_eq!(v[0]["service"], "pig208");
    let v = from(&repo, "opsgenie", "opsgenie-webhook-create.json");
    assert_eq!(v[0]["action"], "paged");
    let rows = log_rows(&repo);
    let urgency: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[12].as_str(), r[4].as_str()))
        .collect();
    // PagerDuty's "high" is mapped to low by the configured map; Opsgenie P3 is low;
    // Grafana's alerts carry no severity, so the default service's urgency (high) applies.
    assert_eq!(
        urgency,
        [
            ("grafana", "high"),
            ("grafana", "high"),
            ("pagerduty", "low"),
            ("opsgenie", "low")
        ]
    );
    let close = std::fs::read_to_string(fixture("opsgenie-webhook-create.json"))
        .unwrap()
        .replace("\"Create\"", "\"Close\"");
    let (code, out, _) = run(repo
        .oncall()
        .args(["--json", "page", "--from", "opsgenie"])
        .write_stdin(close));
    assert_eq!(code, 0);
    assert_eq!(json(&out)[0]["action"], "resolved");
    let (code, out, err) = run(repo.oncall().args(["--json", "page", "--from", "pagerduty"]).write_stdin(
        r#"{"event":{"id":"x","event_type":"pagey.ping","resource_type":"pagey","occurred_at":"2026-11-24T03:00:00Z","data":null}}"#,
    ));
    assert_eq!(code, 0);
    assert_eq!(json(&out), serde_json::json!([]));
    assert!(err.contains("no incident news"), "{err}");
}

#[test]
fn malformed_payloads_are_refused_and_nothing_is_written() {
    let repo = TestRepo::new(BASIC);
    for (source, body) in [
        ("alertmanager", "{"),
        ("alertmanager", "[]"),
        ("alertmanager", r#"{"status":"firing","alerts":[]}"#),
        (
            "alertmanager",
            r#"{"groupKey":"k","status":"maybe","alerts":[{"status":"firing"}]}"#,
        ),
        ("grafana", ""),
        (
            "pagerduty",
            r#"{"event":{"event_type":"incident.triggered","resource_type":"incident"}}"#,
        ),
        (
            "opsgenie",
            r#"{"action":"Create","alert":{"message":"no id"}}"#,
        ),
        ("opsgenie", "\u{0}\u{1}binary"),
    ] {
        let (code, _, err) = run(repo
            .oncall()
            .args(["page", "--from", source])
            .write_stdin(body));
        assert_eq!(code, 1, "{source} {body}: {err}");
        assert!(
            err.contains(&format!("cannot read the {source} payload")),
            "{err}"
        );
        assert!(err.contains("nothing was written"), "{err}");
    }
    let (code, _, err) =
        run(repo
            .oncall()
            .args(["page", "--from", "alertmanager", "/no/such/file.json"]));
    assert_eq!(code, 1);
    assert!(err.contains("/no/such/file.json"), "{err}");
    let (code, _, _) = run(repo.oncall().args(["page", "--from", "nagios", "x"]));
    assert_eq!(code, 2);
    let (code, _, _) = run(repo
        .oncall()
        .args(["page", "--from", "alertmanager", "-s", "x"]));
    assert_eq!(code, 2, "--from and --summary conflict");
    assert!(!repo.file("pages.csv").exists());
}
