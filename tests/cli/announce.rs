//! `oncall announce` to chat webhooks (Slack, Mattermost, Teams, Discord, a generic webhook)
//! and the static status page, against loopback endpoints that check each request's shape;
//! with faults (500, 429 + Retry-After, a hung connection, a refused connection, a permanent
//! 404), the per-channel report, the log row, `--retry`, and secrets that never leak.

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{BASIC, TestRepo, log_rows, run};
use crate::support::chats::{CHATS, EVIL, SECRET_PATH, chats, oncall, page, results, secret_url};
use crate::support::hook::{Answer, Hook, closed_port_url};

fn body(h: &Hook, i: usize) -> Value {
    h.requests()[i].json()
}

#[test]
fn one_message_reaches_every_chat_and_the_status_page_each_in_its_own_form() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    let id = page(&repo);
    let (code, out, err) = oncall(
        &repo,
        &c,
        &["announce", &id, EVIL, "--status", "identified", "--yes"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let rows = results(&out);
    let names: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.0.as_str(), r.1.as_str(), r.2.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("devops", "slack", "ok"),
            ("mattermost", "mattermost", "ok"),
            ("teams", "teams", "ok"),
            ("discord", "discord", "ok"),
            ("product", "webhook", "ok"),
            ("statuspage", "static", "ok"),
        ]
    );
    // Links show where it went without the secret part of the URL.
    let host = c.devops.url.trim_start_matches("http://");
    assert_eq!(rows[0].3, format!("{host}/…"));
    assert_eq!(rows[5].3, "status/index.html");
    assert!(
        rows[2].4.contains("202"),
        "Teams says what 202 means: {}",
        rows[2].4
    );

    for h in [&c.devops, &c.mattermost, &c.teams, &c.discord, &c.product] {
        assert_eq!(h.count(), 1);
        assert!(h.requests()[0].url.starts_with(SECRET_PATH));
    }
    let s = body(&c.devops, 0);
    assert!(s["blocks"][0]["text"]["text"]
        .as_str()
        .unwrap()
        .contains("Checkout errors &lt;script&gt;alert(1)&lt;/script&gt; &amp; @\u{200B}channel &lt;!everyone&gt;"));
    assert!(
        s["blocks"][1]["elements"][0]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("Incident {id}"))
    );
    assert_eq!(
        body(&c.teams, 0)["attachments"][0]["content"]["body"][0]["text"],
        "[Identified] The API"
    );
    let w = body(&c.product, 0);
    assert_eq!(
        (w["incident"].as_str(), w["status"].as_str()),
        (Some(id.as_str()), Some("identified"))
    );
    assert_eq!(w["message"], EVIL);
    assert_eq!(w["manager"]["id"], "alice");

    // One announce row: public status, the message, which channels took it.
    let log = log_rows(&repo);
    let row = log.last().unwrap();
    assert_eq!(
        (row[1].as_str(), row[2].as_str()),
        (id.as_str(), "announce")
    );
    assert_eq!((row[10].as_str(), row[11].as_str()), ("identified", EVIL));
    assert_eq!(
        row[12],
        "ok=devops+mattermost+teams+discord+product+statuspage;failed="
    );
    assert_eq!((row[7].as_str(), row[8].as_str()), ("alice", "bob"));

    let html = repo.read("status/index.html");
    assert!(html.contains("Checkout errors &lt;script&gt;"));
    assert!(!html.contains("<script>"));
    let json: Value = serde_json::from_str(&repo.read("status/status.json")).unwrap();
    assert_eq!(json["incidents"][0]["status"], "identified");
    assert_eq!(json["incidents"][0]["incident_updates"][0]["body"], EVIL);
}

#[test]
fn faults_are_retried_or_reported_per_channel_and_retry_resends_only_the_failed() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    c.devops.then([Answer::text(500, "rollup_error")]);
    c.discord.then([Answer::json(
        429,
        &json!({"message": "You are being rate limited.", "retry_after": 1.0, "global": false}),
    )
    .retry_after(1)]);
    c.teams.then([Answer::Hang]);
    c.mattermost.then([Answer::text(404, "no_service")]);
    let id = page(&repo);
    let refused = secret_url(&closed_port_url());
    let (code, out, err) = oncall(
        &repo,
        &c,
        &["announce", &id, "We are investigating.", "--yes"],
        &[("PRODUCT_HOOK", &refused)],
    );
    assert_eq!(code, 5, "{out}\n{err}");
    let rows = results(&out);
    let status: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    assert_eq!(
        status,
        [
            ("devops", "ok"),
            ("mattermost", "failed"),
            ("teams", "failed"),
            ("discord", "ok"),
            ("product", "failed"),
            ("statuspage", "ok"),
        ]
    );
    assert!(
        rows[1].4.contains("404") && rows[1].4.contains("no_service"),
        "{}",
        rows[1].4
    );
    assert!(
        rows[2].4.contains("did not answer in time"),
        "{}",
        rows[2].4
    );
    assert!(rows[4].4.contains("cannot reach"), "{}", rows[4].4);
    // 500 retried once; 429 retried no sooner than Retry-After; 404 never retried; the hung
    // connection tried once: a post that timed out may have been delivered, and repeating it
    // could post the message twice.
    assert_eq!(c.devops.count(), 2);
    let d = c.discord.requests();
    assert_eq!(d.len(), 2);
    assert!(
        d[1].at - d[0].at >= Duration::from_millis(1000),
        "{:?}",
        d[1].at - d[0].at
    );
    assert_eq!(c.mattermost.count(), 1);
    assert_eq!(c.teams.count(), 1);
    assert!(
        err.contains("3 of 6 channel(s) failed: mattermost, teams, product"),
        "{err}"
    );
    assert!(
        err.contains(&format!("oncall announce {id} --retry")),
        "{err}"
    );
    let row = log_rows(&repo).last().unwrap().clone();
    assert_eq!(
        row[12],
        "ok=devops+discord+statuspage;failed=mattermost+teams+product"
    );

    // Fixed: only the three that failed get it again, with the same message.
    let (code, out, err) = oncall(&repo, &c, &["announce", &id, "--retry", "--yes"], &[]);
    assert_eq!(code, 0, "{out}\n{err}");
    let names: Vec<String> = results(&out).into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["mattermost", "teams", "product"]);
    assert_eq!((c.devops.count(), c.discord.count()), (2, 2));
    assert_eq!(
        (c.mattermost.count(), c.teams.count(), c.product.count()),
        (2, 2, 1)
    );
    assert_eq!(
        body(&c.mattermost, 0)["text"],
        body(&c.mattermost, 1)["text"],
        "a retry sends the same message"
    );
    let log = log_rows(&repo);
    let retry = log.last().unwrap();
    assert_eq!(retry[11], "We are investigating.");
    assert_eq!(
        retry[12],
        "ok=mattermost+teams+product;failed=;of=2026-11-24T15:15:00Z"
    );
    // The page shows the update once.
    let json: Value = serde_json::from_str(&repo.read("status/status.json")).unwrap();
    assert_eq!(
        json["incidents"][0]["incident_updates"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Nothing left to retry.
    let (code, _, err) = oncall(&repo, &c, &["announce", &id, "--retry", "--yes"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("nothing to retry"), "{err}");
}

#[test]
fn missing_credentials_fail_their_channel_only() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let id = page(&repo);
    let (code, out, err) = run(repo
        .oncall()
        .args(["announce", &id, "Investigating.", "--yes"]));
    assert_eq!(code, 5, "{err}");
    let rows = results(&out);
    assert_eq!(rows.iter().filter(|r| r.2 == "failed").count(), 5);
    assert_eq!(rows[5].2, "ok", "the static page needs no credentials");
    assert!(
        rows[0].4.contains("`ONCALL_SLACK_WEBHOOK` is not set"),
        "{}",
        rows[0].4
    );
    assert!(
        err.contains("hint: product: export PRODUCT_HOOK=..."),
        "{err}"
    );

    // With no channel taking it: exit 4, and nothing logged.
    let only_chat = format!("{BASIC}{CHATS}\n[announce.statuspage]\nkind = \"none\"\n");
    let repo = TestRepo::new(&only_chat);
    let id = page(&repo);
    let (code, _, err) = run(repo
        .oncall()
        .args(["announce", &id, "Investigating.", "--yes"]));
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("no channel took the announcement"));
    assert!(err.contains("nothing was logged"));
    assert_eq!(log_rows(&repo).len(), 1);
}

#[test]
fn a_delay_on_every_channel_is_paid_once() {
    let repo = TestRepo::new(&format!("{BASIC}{CHATS}"));
    let c = chats();
    for h in [&c.devops, &c.mattermost, &c.teams, &c.discord, &c.product] {
        h.then([Answer::text(200, "ok").delayed(Duration::from_millis(300))]);
    }
    let id = page(&repo);
    let t = std::time::Instant::now();
    let (code, _, err) = oncall(
        &repo,
        &c,
        &["announce", &id, "Slow day.", "--yes"],
        &[("ONCALL_HTTP_TIMEOUT_MS", "5000")],
    );
    assert_eq!(code, 0, "{err}");
    // Five channels of 300 ms each in parallel: under the 1.5 s they take in a row, with
    // room for a busy machine (scripts/bench-announce measures it properly).
    assert!(
        t.elapsed() < Duration::from_millis(1400),
        "{:?}",
        t.elapsed()
    );
}
