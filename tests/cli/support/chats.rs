//! The chat endpoints of the announce tests: one loopback [`Hook`] per kind (Slack,
//! Mattermost, Teams, Discord, a generic webhook), each checking its requests' shape; the
//! schedule that configures them; running `oncall` with their secret URLs and checking that
//! no secret shows anywhere; and reading the result table.

use serde_json::{Value, json};

use super::hook::{Answer, Hook, json_post};
use crate::common::{TestRepo, run};

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
        .env("ONCALL_HTTP_TIMEOUT_MS", "1000")
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
