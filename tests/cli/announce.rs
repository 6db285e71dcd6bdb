//! `oncall announce` to chat webhooks (Slack, Mattermost, Teams, Discord, a generic webhook)
//! and the static status page, against loopback endpoints that check each request's shape;
//! with faults (500, 429 + Retry-After, a hung connection, a refused connection, a permanent
//! 404), the per-channel report, the log row, `--retry`, and secrets that never leak.

use std::time::Duration;

use crate::common::{BASIC, TestRepo, log_rows, run};
use crate::support::hook::{Answer, Hook, closed_port_url, json_post};
use serde_json::{Value, json};

pub const SECRET_PATH: &str = "/services/T0/B0/s3cr3t-hook-path";

pub const CHATS: &str = r#"
[announce]
update_every = "20m"

[[announce.chat]]
kind = "slack"
name = "devops"

[[announce.chat]]
kind = "mattermost"

[[announce.chat]]
kind = "teams"

[[announce.chat]]
kind = "discord"

[[announce.chat]]
kind = "webhook"
name = "product"
url_env = "PRODUCT_HOOK"
"#;

pub const EVIL: &str = "Checkout errors <script>alert(1)</script> & @channel <!everyone>";

fn no_raw_html(v: &Value) -> Vec<String> {
    let s = v.to_string();
    let mut p = Vec::new();
    if s.contains("<script>") {
        p.push("raw <script> from the message".into());
    }
    if s.contains("<!everyone>") || s.contains("@channel") {
        p.push("a mass mention got through".into());
    }
    p
}

pub fn slack() -> Hook {
    Hook::start(
        |_| Answer::text(200, "ok"),
        |s| {
            json_post(s, |v| {
                let mut p = no_raw_html(v);
                if !v["text"].is_string() {
                    p.push("no fallback `text`".into());
                }
                if v["blocks"][0]["type"] != "section" || v["blocks"][0]["text"]["type"] != "mrkdwn"
                {
                    p.push("first block is not a mrkdwn section".into());
                }
                p
            })
        },
    )
}

pub fn mattermost() -> Hook {
    Hook::start(
        |_| Answer::text(200, "ok"),
        |s| {
            json_post(s, |v| {
                let mut p = no_raw_html(v);
                if !v["text"].as_str().is_some_and(|t| t.starts_with("**[")) {
                    p.push("text is not Markdown with a bold headline".into());
                }
                p
            })
        },
    )
}

pub fn teams() -> Hook {
    Hook::start(
        |_| Answer::text(202, ""),
        |s| {
            json_post(s, |v| {
                let a = &v["attachments"][0];
                let mut p = Vec::new();
                if v["type"] != "message"
                    || a["contentType"] != "application/vnd.microsoft.card.adaptive"
                    || a["content"]["type"] != "AdaptiveCard"
                    || !a["content"]["body"].is_array()
                {
                    p.push(format!("not a Workflows Adaptive Card: {v}"));
                }
                p
            })
        },
    )
}

pub fn discord() -> Hook {
    Hook::start(
        |_| Answer::json(200, &json!({"id": "1234", "channel_id": "99", "type": 0})),
        |s| {
            let mut p = json_post(s, |v| {
                let mut p = Vec::new();
                // Discord is Markdown, not HTML: `<script>` is just text there; mentions are not.
                if v["content"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("@channel")
                {
                    p.push("a mass mention got through".into());
                }
                if v["content"].as_str().map_or(0, |c| c.chars().count()) > 2000 {
                    p.push("content over 2000 characters".into());
                }
                if v["allowed_mentions"] != json!({"parse": []}) {
                    p.push("mentions are not switched off".into());
                }
                p
            });
            if !s.url.contains("wait=true") {
                p.push("no ?wait=true".into());
            }
            p
        },
    )
}

pub fn webhook() -> Hook {
    Hook::start(
        |_| Answer::text(204, ""),
        |s| {
            json_post(s, |v| {
                let mut p = Vec::new();
                if v["type"] != "oncall.announcement" || !v["message"].is_string() {
                    p.push(format!("not an oncall.announcement: {v}"));
                }
                p
            })
        },
    )
}

/// The five chat endpoints, in config order.
pub struct Chats {
    pub devops: Hook,
    pub mattermost: Hook,
    pub teams: Hook,
    pub discord: Hook,
    pub product: Hook,
}

pub fn chats() -> Chats {
    Chats {
        devops: slack(),
        mattermost: mattermost(),
        teams: teams(),
        discord: discord(),
        product: webhook(),
    }
}

pub fn secret_url(base: &str) -> String {
    format!("{base}{SECRET_PATH}")
}

/// Runs `oncall` with the chat URLs in the environment and fast HTTP timings, and checks
/// that no secret shows anywhere: stdout, stderr, the log, the status page.
pub fn oncall(
    repo: &TestRepo,
    c: &Chats,
    args: &[&str],
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let mut cmd = repo.oncall();
    cmd.env("ONCALL_SLACK_WEBHOOK", secret_url(&c.devops.url))
        .env("ONCALL_MATTERMOST_WEBHOOK", secret_url(&c.mattermost.url))
        .env("ONCALL_TEAMS_WEBHOOK", secret_url(&c.teams.url))
        .env("ONCALL_DISCORD_WEBHOOK", secret_url(&c.discord.url))
        .env("PRODUCT_HOOK", secret_url(&c.product.url))
        .env("ONCALL_HTTP_TIMEOUT_MS", "700")
        .env("ONCALL_HTTP_BACKOFF_MS", "20")
        .env("ONCALL_HTTP_RETRIES", "2");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = run(cmd.args(args));
    assert_no_secret(repo, &out);
    out
}

pub fn assert_no_secret(repo: &TestRepo, out: &(i32, String, String)) {
    let mut places = vec![("stdout", out.1.clone()), ("stderr", out.2.clone())];
    for f in ["pages.csv", "status/index.html", "status/status.json"] {
        places.push((f, std::fs::read_to_string(repo.file(f)).unwrap_or_default()));
    }
    for (name, text) in places {
        for secret in ["s3cr3t", "hook-path"] {
            assert!(
                !text.contains(secret),
                "a secret leaked into {name}:\n{text}"
            );
        }
    }
}

pub fn page(repo: &TestRepo) -> String {
    let (code, out, err) = run(repo
        .oncall()
        .args(["page", "api", "--summary", "checkout 5xx"]));
    assert_eq!(code, 0, "{err}");
    out.split('\t').next().unwrap().trim().to_string()
}

/// The TSV result table as (channel, kind, result, link, detail) rows.
pub fn results(out: &str) -> Vec<(String, String, String, String, String)> {
    out.lines()
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 6, "not a result row: {l:?}");
            (
                c[0].into(),
                c[1].into(),
                c[2].into(),
                c[4].into(),
                c[5].into(),
            )
        })
        .collect()
}

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
    c.teams.then([Answer::Hang, Answer::Hang, Answer::Hang]);
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
    // connection tried 1 + 2 retries.
    assert_eq!(c.devops.count(), 2);
    let d = c.discord.requests();
    assert_eq!(d.len(), 2);
    assert!(
        d[1].at - d[0].at >= Duration::from_millis(1000),
        "{:?}",
        d[1].at - d[0].at
    );
    assert_eq!(c.mattermost.count(), 1);
    assert_eq!(c.teams.count(), 3);
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
        (2, 4, 1)
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
    // Five channels of 300 ms each in parallel: well under the 1.5 s they take in a row.
    assert!(
        t.elapsed() < Duration::from_millis(1000),
        "{:?}",
        t.elapsed()
    );
}
