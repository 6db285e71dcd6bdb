//! `oncall listen`: webhooks become log rows, answered 2xx only once logged; requests are
//! checked (shared token, PagerDuty and Grafana HMAC signatures), bodies limited, bad input
//! refused with a 4xx and nothing written; a log that cannot be written answers 5xx.

use oncall::integrations::settings::Secret;
use oncall::listen::auth::sign;

use crate::common::{BASIC, TestRepo, log_rows, run};
use crate::support::net::{Running, http, listen};

const TOKEN: &str = "hook-t0ken-secret";
const PD_SECRET: &str = "pd-signing-secret";
const GRAFANA_SECRET: &str = "grafana-hmac-secret";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn secured() -> (TestRepo, Running) {
    let repo = TestRepo::new(&format!(
        "{BASIC}\n[listen]\ntoken_env = \"HOOK_TOKEN\"\npagerduty_secret_env = \"PD_SECRET\"\n\
         grafana_secret_env = \"GRAFANA_SECRET\"\ngrafana_signature_header = \"X-Sig\"\nmax_body = 20000\n"
    ));
    let mut cmd = repo.oncall_std();
    cmd.env("HOOK_TOKEN", TOKEN)
        .env("PD_SECRET", PD_SECRET)
        .env("GRAFANA_SECRET", GRAFANA_SECRET);
    let l = listen(cmd);
    (repo, l)
}

#[test]
fn a_shared_token_guards_the_hooks() {
    let (repo, l) = secured();
    let body = fixture("alertmanager-firing.json");
    let bearer = format!("Bearer {TOKEN}");
    for (headers, path, want) in [
        (vec![], "/alertmanager", 401),
        (
            vec![("Authorization", "Bearer wrong")],
            "/alertmanager",
            401,
        ),
        (vec![("Authorization", TOKEN)], "/alertmanager", 401),
        (vec![], "/alertmanager?token=wrong", 401),
    ] {
        let (status, answer) = http(&l.addr, "POST", path, &headers, &body);
        assert_eq!(status, want, "{headers:?} {path}: {answer}");
    }
    assert!(
        !repo.file("pages.csv").exists(),
        "nothing written before a valid request"
    );
    let (status, answer) = http(
        &l.addr,
        "POST",
        "/alertmanager",
        &[("Authorization", &bearer)],
        &body,
    );
    assert_eq!(status, 200, "{answer}");
    let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(v["incidents"][0]["action"], "paged");
    // The answer came after the row was synced: it is there as soon as we look.
    assert_eq!(log_rows(&repo).len(), 1);
    assert_eq!(log_rows(&repo)[0][6], "alertmanager");
    let (status, answer) = http(
        &l.addr,
        "POST",
        &format!("/alertmanager?token={TOKEN}"),
        &[],
        &body,
    );
    assert_eq!(status, 200);
    assert!(answer.contains("already-open"), "{answer}");
    let (status, _) = http(&l.addr, "GET", "/healthz", &[], b"");
    assert_eq!(status, 200);
    assert!(!l.stderr().contains(TOKEN), "{}", l.stderr());
}

#[test]
fn pagerduty_and_grafana_signatures() {
    let (repo, l) = secured();
    let pd = fixture("pagerduty-v3-incident-triggered.json");
    let good = format!("v1={}", sign(&Secret::new(PD_SECRET), &pd));
    let rotated = format!("v1={},{good}", "ab".repeat(32));
    let wrong = format!("v1={}", sign(&Secret::new("other"), &pd));
    let bearer = format!("Bearer {TOKEN}");
    for (headers, want) in [
        (vec![], 401),
        (vec![("X-PagerDuty-Signature", wrong.as_str())], 401),
        // The shared token does not replace PagerDuty's signature once a secret is set.
        (vec![("Authorization", bearer.as_str())], 401),
        (vec![("X-PagerDuty-Signature", rotated.as_str())], 200),
    ] {
        let (status, answer) = http(&l.addr, "POST", "/pagerduty", &headers, &pd);
        assert_eq!(status, want, "{headers:?}: {answer}");
    }
    let g = fixture("grafana-webhook-v11-firing.json");
    let sig = sign(&Secret::new(GRAFANA_SECRET), &g);
    let (status, _) = http(
        &l.addr,
        "POST",
        "/grafana",
        &[("X-Grafana-Alert-Signature", &sig)],
        &g,
    );
    assert_eq!(status, 401, "the configured header name is X-Sig");
    let mut tampered = g.clone();
    tampered.push(b' ');
    let (status, _) = http(&l.addr, "POST", "/grafana", &[("X-Sig", &sig)], &tampered);
    assert_eq!(status, 401);
    let (status, answer) = http(&l.addr, "POST", "/grafana", &[("X-Sig", &sig)], &g);
    assert_eq!(status, 200, "{answer}");
    let sources: Vec<String> = log_rows(&repo).iter().map(|r| r[12].clone()).collect();
    assert_eq!(sources, ["pagerduty", "grafana"]);
    let err = l.stderr();
    assert!(
        err.contains("refused: wrong X-PagerDuty-Signature"),
        "{err}"
    );
    assert!(
        !err.contains(PD_SECRET) && !err.contains(GRAFANA_SECRET),
        "{err}"
    );
}

#[test]
fn bad_requests_get_a_4xx_and_write_nothing() {
    let (repo, l) = secured();
    let bearer = format!("Bearer {TOKEN}");
    let auth = [("Authorization", bearer.as_str())];
    let big = vec![b' '; 30_000];
    for (method, path, body, want) in [
        ("POST", "/alertmanager", big.as_slice(), 413),
        ("POST", "/alertmanager", b"{not json".as_slice(), 400),
        (
            "POST",
            "/alertmanager",
            br#"{"groupKey":"","status":"firing","alerts":[]}"#.as_slice(),
            400,
        ),
        (
            "POST",
            "/opsgenie",
            br#"{"action":"Create"}"#.as_slice(),
            400,
        ),
        ("POST", "/nagios", b"{}".as_slice(), 404),
        ("GET", "/alertmanager", b"".as_slice(), 405),
    ] {
        let (status, answer) = http(&l.addr, method, path, &auth, body);
        assert_eq!(status, want, "{method} {path}: {answer}");
        assert!(answer.contains("error"), "{answer}");
    }
    assert!(!repo.file("pages.csv").exists());
    // Still serving after all that.
    let (status, _) = http(
        &l.addr,
        "POST",
        "/alertmanager",
        &auth,
        &fixture("alertmanager-firing.json"),
    );
    assert_eq!(status, 200);
}

#[test]
fn a_log_that_cannot_be_written_answers_5xx_so_the_sender_retries() {
    let repo = TestRepo::new(BASIC);
    repo.write("pages.csv", "name,amount\nnot,a log\n");
    let l = listen(repo.oncall_std());
    let (status, answer) = http(
        &l.addr,
        "POST",
        "/alertmanager",
        &[],
        &fixture("alertmanager-firing.json"),
    );
    assert_eq!(status, 500, "{answer}");
    assert!(l.stderr().contains("NOT LOGGED"), "{}", l.stderr());
    assert_eq!(repo.read("pages.csv"), "name,amount\nnot,a log\n");
}

#[test]
fn listen_refuses_to_start_unsafely() {
    let repo = TestRepo::new(BASIC);
    let (code, _, err) = run(repo.oncall().args(["listen", "--addr", "0.0.0.0:0"]));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("without authentication") && err.contains("token_env"),
        "{err}"
    );
    let repo = TestRepo::new(&format!("{BASIC}\n[listen]\ntoken_env = \"HOOK_TOKEN\"\n"));
    let (code, _, err) = run(repo.oncall().args(["listen", "--addr", "127.0.0.1:0"]));
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("`HOOK_TOKEN` is not set"), "{err}");
    let (code, _, err) = run(repo.oncall().args(["listen", "--addr", "nonsense"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn grafana_signatures_with_a_timestamp_refuse_replays() {
    let repo = TestRepo::new(&format!(
        "{BASIC}\n[listen]\ngrafana_secret_env = \"GRAFANA_SECRET\"\n\
         grafana_timestamp_header = \"X-Grafana-Alert-Timestamp\"\n"
    ));
    let mut cmd = repo.oncall_std();
    cmd.env("GRAFANA_SECRET", GRAFANA_SECRET);
    let l = listen(cmd);
    let g = fixture("grafana-webhook-v11-firing.json");
    let signed = |ts: u64| {
        let mut msg = format!("{ts}:").into_bytes();
        msg.extend_from_slice(&g);
        (ts.to_string(), sign(&Secret::new(GRAFANA_SECRET), &msg))
    };
    // Grafana signs with the sender's real clock, so the test does too.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (old_ts, old_sig) = signed(now - 3600);
    let headers = [
        ("X-Grafana-Alert-Timestamp", old_ts.as_str()),
        ("X-Grafana-Alert-Signature", old_sig.as_str()),
    ];
    let (status, _) = http(&l.addr, "POST", "/grafana", &headers, &g);
    assert_eq!(status, 401, "an hour-old signature is a replay");
    let unstamped = sign(&Secret::new(GRAFANA_SECRET), &g);
    let (status, _) = http(
        &l.addr,
        "POST",
        "/grafana",
        &[("X-Grafana-Alert-Signature", &unstamped)],
        &g,
    );
    assert_eq!(status, 401, "the timestamp is required");
    assert!(log_rows(&repo).is_empty());
    let (ts, sig) = signed(now);
    let headers = [
        ("X-Grafana-Alert-Timestamp", ts.as_str()),
        ("X-Grafana-Alert-Signature", sig.as_str()),
    ];
    let (status, answer) = http(&l.addr, "POST", "/grafana", &headers, &g);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(log_rows(&repo).len(), 1);
}
