//! Matrix against a real homeserver (Synapse on loopback): the message is read back from the
//! room (text and escaped HTML); and a send whose answer is lost, retried by the HTTP layer
//! in the same run or by `announce --retry` in a later one, still posts exactly once,
//! because the transaction id comes from the announcement, not from the attempt.
//!
//! Between `oncall` and Synapse sits a loopback proxy that forwards every request and can
//! drop Synapse's answer (the event is created; the client sees a 502).

use serde_json::Value;

use crate::common::{BASIC, TestRepo, log_rows, run};
use crate::support::chats::{assert_no_secret, page, results};
use crate::support::hook::{Answer, Hook};
use crate::support::peers::{request, synapse};

/// A proxy to `upstream` (an `http://host:port` URL).
fn proxy(upstream: &str) -> Hook {
    let upstream = upstream.to_string();
    Hook::start(
        move |seen| {
            let headers: Vec<(&str, &str)> = ["Authorization", "Content-Type"]
                .into_iter()
                .filter_map(|h| seen.header(h).map(|v| (h, v)))
                .collect();
            let url = format!("{upstream}{}", seen.url);
            let (status, body) = request(&seen.method, &url, &headers, &seen.body);
            Answer::Reply {
                status,
                body,
                content_type: "application/json",
                retry_after: None,
                delay: std::time::Duration::ZERO,
            }
        },
        |seen| {
            let mut p = Vec::new();
            if seen.method != "PUT" || !seen.url.contains("/send/m.room.message/oncall-") {
                p.push("not a send with an oncall transaction id".to_string());
            }
            p
        },
    )
}

/// The room's `m.room.message` events, oldest first.
fn messages(info: &Value) -> Vec<Value> {
    let base = info["url"].as_str().unwrap();
    let room = info["room"]
        .as_str()
        .unwrap()
        .replace('!', "%21")
        .replace(':', "%3A");
    let auth = format!("Bearer {}", info["token"].as_str().unwrap());
    let (status, body) = request(
        "GET",
        &format!("{base}/_matrix/client/v3/rooms/{room}/messages?dir=f&limit=100"),
        &[("Authorization", &auth)],
        "",
    );
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    v["chunk"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "m.room.message")
        .cloned()
        .collect()
}

fn matrix_repo(homeserver: &str, room: &str) -> TestRepo {
    TestRepo::new(&format!(
        "{BASIC}\n[[announce.chat]]\nkind = \"matrix\"\nname = \"ops-room\"\nhomeserver = \"{homeserver}\"\nroom = \"{room}\"\ntoken_env = \"MATRIX_BOT_TOKEN\"\n"
    ))
}

fn announce(repo: &TestRepo, token: &str, args: &[&str]) -> (i32, String, String) {
    let out = run(repo
        .oncall()
        .env("MATRIX_BOT_TOKEN", token)
        .env("ONCALL_HTTP_TIMEOUT_MS", "5000")
        .env("ONCALL_HTTP_BACKOFF_MS", "20")
        .env("ONCALL_HTTP_RETRIES", "2")
        .arg("announce")
        .args(args)
        .arg("--yes"));
    assert_no_secret(repo, &out);
    assert!(
        !out.1.contains(token) && !out.2.contains(token),
        "token leaked"
    );
    out
}

#[test]
fn matrix_posts_once_however_often_it_is_retried() {
    let (_hs, info) = synapse();
    let (url, room, token) = (
        info["url"].as_str().unwrap(),
        info["room"].as_str().unwrap(),
        info["token"].as_str().unwrap(),
    );

    // Straight to the homeserver: read the message back.
    let repo = matrix_repo(url, room);
    let id = page(&repo);
    let (code, out, err) = announce(
        &repo,
        token,
        &[&id, "Errors <b>up</b> for @room", "--to", "ops-room"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let r = &results(&out)[0];
    assert_eq!(
        (r.0.as_str(), r.1.as_str(), r.2.as_str()),
        ("ops-room", "matrix", "ok")
    );
    assert!(r.3.starts_with("https://matrix.to/#/%21"), "{}", r.3);
    let got = messages(&info);
    assert_eq!(got.len(), 1);
    let content = &got[0]["content"];
    assert_eq!(content["msgtype"], "m.text");
    assert!(
        content["body"]
            .as_str()
            .unwrap()
            .contains("Errors <b>up</b> for @\u{200B}room")
    );
    assert_eq!(content["format"], "org.matrix.custom.html");
    assert!(
        content["formatted_body"]
            .as_str()
            .unwrap()
            .contains("Errors &lt;b&gt;up&lt;/b&gt;")
    );
    assert_eq!(got[0]["sender"], info["user"]);

    // Through the proxy: the first answer is lost, the HTTP layer retries the same
    // transaction, Synapse answers with the event it already made.
    let p = proxy(url);
    let repo = matrix_repo(&p.url, room);
    let id = page(&repo);
    p.then([Answer::Lost(502)]);
    let (code, out, err) = announce(&repo, token, &[&id, "Second update", "--to", "ops-room"]);
    assert_eq!(code, 0, "{out}{err}");
    let sends = p.requests();
    assert_eq!(sends.len(), 2);
    assert_eq!(sends[0].url, sends[1].url, "same transaction id");
    let got = messages(&info);
    assert_eq!(got.len(), 2, "one new message, not two");

    // Every answer lost in this run: the Matrix channel fails while the static page takes
    // the update, so the run is partial and the log remembers what failed.
    let id = page(&repo);
    p.then([Answer::Lost(502), Answer::Lost(502), Answer::Lost(502)]);
    let (code, out, err) = announce(&repo, token, &[&id, "Third update"]);
    assert_eq!(code, 5, "{out}{err}");
    assert_eq!(
        log_rows(&repo).last().unwrap()[12],
        "ok=statuspage;failed=ops-room"
    );
    assert_eq!(messages(&info).len(), 3, "the lost sends made one event");
    // A later run retries with the same transaction id: still one event.
    let (code, out, err) = announce(&repo, token, &[&id, "--retry"]);
    assert_eq!(code, 0, "{out}{err}");
    let sends = p.requests();
    assert_eq!(sends[sends.len() - 1].url, sends[sends.len() - 2].url);
    let got = messages(&info);
    assert_eq!(got.len(), 3, "--retry did not post twice");
    assert!(
        got[2]["content"]["body"]
            .as_str()
            .unwrap()
            .contains("Third update")
    );
}
