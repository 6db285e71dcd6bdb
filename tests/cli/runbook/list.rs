//! `oncall runbook` / `--list`: every service, its runbook, when it last changed, and a mark
//! for the ones that have none.

use super::repo_at;
use crate::common::{json, run};

#[test]
fn lists_every_service_and_runbook() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    repo.write("runbooks/kafka.md", "# Kafka rebalancing\n");
    repo.commit_all_at("Kafka notes", "2026-04-01T08:00:00Z");
    let (code, out, err) = run(repo.oncall().args(["runbook", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let rows = v.as_array().unwrap();
    let get = |name: &str| rows.iter().find(|r| r["name"] == name).unwrap().clone();
    let api = get("api");
    assert_eq!(api["service"], "api");
    assert_eq!(api["path"], "runbooks/api.md");
    assert_eq!(api["status"], "ok");
    assert_eq!(api["exists"], true);
    assert_eq!(api["last_change"]["date"], "2026-10-01T12:00:00Z");
    assert_eq!(api["last_change"]["author"], "Test Author");
    let db = get("db");
    assert_eq!(
        (db["status"].as_str(), db["exists"].as_bool()),
        (Some("missing"), Some(false))
    );
    assert_eq!(db["last_change"], serde_json::Value::Null);
    let kafka = get("kafka");
    assert_eq!(kafka["service"], serde_json::Value::Null);
    assert_eq!(kafka["status"], "stale");
    assert_eq!(rows.len(), 3);

    // `--list` is the same thing.
    let (_, again, _) = run(repo.oncall().args(["runbook", "--list", "--json"]));
    assert_eq!(again, out);
}

#[test]
fn a_table_on_a_terminal_and_tab_separated_rows_when_piped() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, out, err) = run(repo
        .oncall()
        .env("ONCALL_FORCE_TTY", "1")
        .env("COLUMNS", "110")
        .args(["runbook", "--color", "never"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("SERVICE"), "{out}");
    assert!(out.contains("2026-10-01 (54 days ago)"), "{out}");
    let db = out.lines().find(|l| l.contains("runbooks/db.md")).unwrap();
    assert!(db.contains("✗ missing"), "{out}");
    assert!(
        err.contains("2 runbook(s): 1 ok, 0 stale, 1 missing"),
        "{err}"
    );
    assert!(
        err.contains("hint: `oncall runbook SERVICE --edit`"),
        "{err}"
    );

    let (_, out, _) = run(repo.oncall().arg("runbook"));
    assert_eq!(
        out,
        "api\trunbooks/api.md\t2026-10-01T12:00:00Z\tTest Author\tok\tWrite the API runbook\n\
         db\trunbooks/db.md\t\t\tmissing\t\n"
    );
}

#[test]
fn list_and_a_service_do_not_mix() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let (code, _, err) = run(repo.oncall().args(["runbook", "api", "--list"]));
    assert_eq!(code, 2, "{err}");
}
