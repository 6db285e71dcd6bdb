//! `announce` as a command: picking channels with `--to`, the preview of `--dry-run` (and its
//! JSON), refusing to send without `--yes` when nobody can be asked, `--test`, the JSON
//! result, `check --channels`, and `status` flagging incidents overdue for an update.

use crate::common::{BASIC, TestRepo, json, log_rows, run};
use crate::support::chats::{CHATS, chats, oncall, page, results};

#[test]
fn to_picks_channels_by_name_kind_or_group_and_suggests_on_typos() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    let id = page(&repo);
    let (code, out, err) = oncall(
        &repo,
        &c,
        &["announce", &id, "x", "--to", "devops,statuspage", "--yes"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = results(&out).into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["devops", "statuspage"]);
    let (code, out, _) = oncall(
        &repo,
        &c,
        &["announce", &id, "x", "--to", "chat", "--yes"],
        &[],
    );
    assert_eq!(code, 0);
    assert_eq!(results(&out).len(), 5);
    let (code, out, _) = oncall(
        &repo,
        &c,
        &[
            "announce", &id, "x", "--to", "teams", "--to", "webhook", "--yes",
        ],
        &[],
    );
    assert_eq!(code, 0);
    let names: Vec<String> = results(&out).into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["teams", "product"]);

    let (code, out, err) = oncall(
        &repo,
        &c,
        &["announce", &id, "x", "--to", "devosp", "--yes"],
        &[],
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no announce channel `devosp`"), "{err}");
    assert!(err.contains("did you mean `devops`?"), "{err}");
    assert!(
        err.contains("devops (slack), mattermost (mattermost)"),
        "{err}"
    );
    assert_eq!(c.devops.count(), 2);
}

#[test]
fn dry_run_shows_each_form_and_sends_nothing() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    let id = page(&repo);
    let (code, out, err) = oncall(
        &repo,
        &c,
        &["announce", &id, "Errors <b>up</b>", "--dry-run"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    for want in [
        &format!("Announcement for {id} (api): Investigating"),
        "── devops (slack) ──",
        "*[Investigating] The API*\nErrors &lt;b&gt;up&lt;/b&gt;",
        "── teams (teams) ──",
        "── product (webhook) ──",
        "\"type\": \"oncall.announcement\"",
        "── statuspage (static) ──",
        "status/index.html and status/status.json: Investigating: Errors <b>up</b>",
    ] {
        assert!(out.contains(want), "{want:?} not in:\n{out}");
    }
    let (code, out, _) = oncall(
        &repo,
        &c,
        &[
            "announce",
            &id,
            "Errors",
            "--dry-run",
            "--json",
            "--to",
            "discord",
        ],
        &[],
    );
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["channels"][0]["kind"], "discord");
    assert_eq!(
        v["channels"][0]["payload"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    assert_eq!(c.devops.count() + c.discord.count(), 0);
    assert_eq!(log_rows(&repo).len(), 1, "nothing logged");
    assert!(!repo.file("status").exists());
}

#[test]
fn without_a_terminal_it_needs_yes() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    let id = page(&repo);
    let (code, out, err) = oncall(&repo, &c, &["announce", &id, "x"], &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(c.devops.count(), 0);
    let (code, _, err) = oncall(&repo, &c, &["announce", "nosuch", "x", "--yes"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("no incident `nosuch`"), "{err}");
    let (code, _, err) = oncall(&repo, &c, &["announce", &id, "--retry", "--yes"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("has no announcement to retry"), "{err}");
}

#[test]
fn json_reports_each_channel() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    let id = page(&repo);
    let (code, out, err) = oncall(
        &repo,
        &c,
        &[
            "announce",
            &id,
            "Fixed.",
            "--status",
            "resolved",
            "--json",
            "--yes",
            "--to",
            "devops,product",
        ],
        &[("PRODUCT_HOOK", "")],
    );
    assert_eq!(code, 5, "{err}");
    let v = json(&out);
    assert_eq!(v["incident"], id.as_str());
    assert_eq!(v["status"], "resolved");
    assert_eq!(
        (v["delivered"].as_u64(), v["failed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["logged"], true);
    let ch = &v["channels"];
    assert_eq!(
        (ch[0]["channel"].as_str(), ch[0]["result"].as_str()),
        (Some("devops"), Some("ok"))
    );
    assert!(ch[0]["ms"].is_u64());
    assert_eq!(ch[1]["result"], "failed");
    assert_eq!(ch[1]["credentials"], true);
    assert!(ch[1]["reason"].as_str().unwrap().contains("PRODUCT_HOOK"));
}

#[test]
fn test_messages_are_marked_and_never_published_or_logged() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    let (code, out, err) = oncall(&repo, &c, &["announce", "--test"], &[]);
    assert_eq!(code, 0, "{err}");
    let rows = results(&out);
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[5].4, "writable (test: nothing published)");
    for h in [&c.devops, &c.mattermost, &c.teams, &c.discord] {
        assert_eq!(h.count(), 1);
        assert!(
            h.requests()[0].body.contains("[TEST]"),
            "{}",
            h.requests()[0].body
        );
    }
    // The generic webhook says it in a field a program can check.
    assert_eq!(c.product.count(), 1);
    assert_eq!(c.product.requests()[0].json()["test"], true);
    assert!(!repo.file("status/index.html").exists());
    assert!(!repo.file("pages.csv").exists());
    assert!(err.contains("test sent: 6 of 6"), "{err}");
}

#[test]
fn check_channels_shows_targets_and_missing_credentials_without_secrets() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    let (code, out, err) = oncall(
        &repo,
        &c,
        &["check", "--channels", "--json"],
        &[("PRODUCT_HOOK", "")],
    );
    assert_eq!(code, 4, "{err}");
    let v = json(&out);
    let state: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["channel"].as_str().unwrap(), c["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        state,
        [
            ("devops", "ok"),
            ("mattermost", "ok"),
            ("teams", "ok"),
            ("discord", "ok"),
            ("product", "missing"),
            ("statuspage", "ok"),
        ]
    );
    assert_eq!(v[0]["credentials"][0], "ONCALL_SLACK_WEBHOOK");
    assert!(v[0]["target"].as_str().unwrap().ends_with("/…"));
    assert!(
        err.contains("hint: product: export PRODUCT_HOOK=..."),
        "{err}"
    );
    assert_eq!(c.devops.count(), 0, "check sends nothing");
}

#[test]
fn status_flags_incidents_overdue_for_a_public_update() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let (code, _, err) =
        run(repo
            .oncall()
            .args(["page", "api", "--summary", "s", "--at", "2026-11-24 09:50"]));
    assert_eq!(code, 0, "{err}");
    let (_, out, err) = run(repo.oncall().args(["status", "--json"]));
    let v = json(&out);
    assert_eq!(
        v[0]["update_due"], true,
        "paged 25m ago, update_every is 20m"
    );
    assert_eq!(v[0]["update_every_seconds"], 1200);
    let id = v[0]["id"].as_str().unwrap().to_string();
    assert!(err.is_empty());
    let (_, _, err) = run(repo.oncall().arg("status"));
    assert!(
        err.contains(&format!(
            "hint: {id}: no public update yet (update every 20m)"
        )),
        "{err}"
    );

    let (code, _, err) =
        run(repo
            .oncall()
            .args(["announce", &id, "Looking.", "--to", "statuspage", "--yes"]));
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(repo.oncall().args(["status", "--json"]));
    assert_eq!(json(&out)[0]["update_due"], false);
    let (_, out, _) = run(repo
        .oncall()
        .env("ONCALL_NOW", "2026-11-24T15:40:00Z")
        .env("ONCALL_FORCE_TTY", "1")
        .env("COLUMNS", "200")
        .arg("status"));
    assert!(
        out.contains("25m ago (investigating) · update due"),
        "{out}"
    );
}
