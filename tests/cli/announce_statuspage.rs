//! Announcing to Atlassian Statuspage (a loopback stand-in held to the published OpenAPI
//! subset) and to the incident's Jira ticket (the loopback Jira of the incident tests):
//! the first announcement opens the Statuspage incident and later ones update it, the id
//! travels in the log, a lost create is never repeated, a bad key is exit 4; the Jira
//! channel comments on the ticket and links the comment.

use crate::common::{BASIC, JIRA_TOKEN, TestRepo, jira_env, log_rows, run, with_jira};
use crate::support::chats::{assert_no_secret, page, results};
use crate::support::hook::Answer;
use crate::support::jira::{Flavor, JiraStub, basic};
use crate::support::statuspage::{KEY, PAGE, StatuspageStub};

fn repo(sp: &StatuspageStub) -> TestRepo {
    TestRepo::new(&format!(
        "{BASIC}\n[announce.statuspage]\nkind = \"statuspage\"\npage_id = \"{PAGE}\"\napi_url = \"{}\"\ncomponents = {{ api = \"6p7x5zn55x73\" }}\n",
        sp.api()
    ))
}

fn announce(repo: &TestRepo, args: &[&str], key: &str) -> (i32, String, String) {
    let out = run(repo
        .oncall()
        .env("ONCALL_STATUSPAGE_TOKEN", key)
        .env("ONCALL_HTTP_TIMEOUT_MS", "1000")
        .env("ONCALL_HTTP_BACKOFF_MS", "20")
        .arg("announce")
        .args(args)
        .arg("--yes"));
    assert_no_secret(repo, &out);
    assert!(!out.1.contains(KEY) && !out.2.contains(KEY), "key leaked");
    out
}

fn methods(sp: &StatuspageStub) -> Vec<String> {
    sp.hook
        .requests()
        .iter()
        .map(|r| {
            let path = r.url.split('/').next_back().unwrap_or_default().to_string();
            format!("{} {}", r.method, path)
        })
        .collect()
}

#[test]
fn the_first_announcement_opens_the_incident_and_later_ones_update_it() {
    let sp = StatuspageStub::start();
    let repo = repo(&sp);
    let id = page(&repo);
    let (code, out, err) = announce(&repo, &[&id, "We are investigating errors."], KEY);
    assert_eq!(code, 0, "{err}");
    let r = &results(&out)[0];
    assert_eq!(
        (r.0.as_str(), r.1.as_str(), r.2.as_str()),
        ("statuspage", "statuspage", "ok")
    );
    assert_eq!(r.3, "https://stspg.io/inc000000001");
    assert_eq!(r.4, "opened");
    assert_eq!(methods(&sp), ["GET unresolved", "POST incidents"]);
    let create = sp.hook.requests()[1].json();
    let inc = &create["incident"];
    assert_eq!(inc["name"], "The API: service disruption");
    assert_eq!(inc["status"], "investigating");
    assert_eq!(inc["impact_override"], "major");
    assert_eq!(inc["body"], "We are investigating errors.");
    assert_eq!(inc["metadata"]["oncall"]["incident_id"], id.as_str());
    assert_eq!(inc["components"]["6p7x5zn55x73"], "partial_outage");
    assert_eq!(
        log_rows(&repo).last().unwrap()[12],
        "ok=statuspage;failed=;statuspage=inc000000001"
    );

    // Later announcements go straight to the known incident.
    let (code, out, err) = announce(&repo, &[&id, "Fixed.", "--status", "resolved"], KEY);
    assert_eq!(code, 0, "{err}");
    assert_eq!(results(&out)[0].4, "updated");
    assert_eq!(methods(&sp)[2..], ["PATCH inc000000001"]);
    let patch = sp.hook.requests()[2].json();
    assert_eq!(patch["incident"]["status"], "resolved");
    assert_eq!(
        patch["incident"]["components"]["6p7x5zn55x73"],
        "operational"
    );
    let all = sp.incidents();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["status"], "resolved");
    assert_eq!(all[0]["incident_updates"].as_array().unwrap().len(), 2);
    assert!(
        !repo.file("status").exists(),
        "no static page when Statuspage is the page"
    );
}

#[test]
fn a_create_that_went_through_unanswered_is_found_not_repeated() {
    let sp = StatuspageStub::start();
    let repo = repo(&sp);
    let id = page(&repo);
    // The create goes through, but its answer is lost (a 502 from a proxy): the retry
    // finds the incident by its oncall id and updates it instead of opening another.
    sp.hook.then([Answer::Default, Answer::Lost(502)]);
    let (code, out, err) = announce(&repo, &[&id, "Investigating."], KEY);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        methods(&sp),
        [
            "GET unresolved",
            "POST incidents",
            "GET unresolved",
            "PATCH inc000000001"
        ]
    );
    assert_eq!(sp.incidents().len(), 1);
    assert!(log_rows(&repo).last().unwrap()[12].ends_with("statuspage=inc000000001"));

    // An incident opened by a teammate's clone (not yet synced) is found the same way.
    let other = page(&repo);
    let seeded = sp.seed(&other);
    let (code, _, err) = announce(&repo, &[&other, "Also investigating."], KEY);
    assert_eq!(code, 0, "{err}");
    assert_eq!(methods(&sp).last().unwrap(), &format!("PATCH {seeded}"));
    assert_eq!(sp.incidents().len(), 2);
}

#[test]
fn a_refused_key_is_a_credentials_failure() {
    let sp = StatuspageStub::start();
    let repo = repo(&sp);
    let id = page(&repo);
    let (code, out, err) = announce(&repo, &[&id, "Investigating."], "wrong-key");
    assert_eq!(code, 4, "{out}{err}");
    assert!(results(&out)[0].4.contains("401"), "{out}");
    assert!(
        err.contains("hint: statuspage: check `ONCALL_STATUSPAGE_TOKEN`"),
        "{err}"
    );
    assert_eq!(sp.hook.count(), 1, "a 401 is not retried");
}

#[test]
fn jira_gets_a_comment_on_the_ticket() {
    let repo = TestRepo::new(&with_jira("cloud"));
    let stub = JiraStub::start(Flavor::Cloud, &basic("bot@example.com", JIRA_TOKEN));
    let mut cmd = repo.oncall();
    jira_env(&mut cmd, &stub.url);
    let (code, out, err) = run(cmd.args(["page", "api", "--summary", "checkout 5xx"]));
    assert_eq!(code, 0, "{err}");
    let id = out.split('\t').next().unwrap().to_string();
    let mut cmd = repo.oncall();
    jira_env(&mut cmd, &stub.url);
    let (code, out, err) = run(cmd.args([
        "announce",
        &id,
        "Rolled back; watching.",
        "--status",
        "monitoring",
        "--to",
        "jira",
        "--yes",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains(JIRA_TOKEN) && !err.contains(JIRA_TOKEN));
    let r = &results(&out)[0];
    assert_eq!(
        (r.0.as_str(), r.2.as_str(), r.4.as_str()),
        ("jira", "ok", "commented on OPS-1")
    );
    assert!(
        r.3.starts_with(&format!("{}/browse/OPS-1?focusedCommentId=", stub.url)),
        "{}",
        r.3
    );
    let comments = &stub.issues()[0].comments;
    let text = comments.last().unwrap().to_string();
    assert!(text.contains("Public update: Monitoring"), "{text}");
    assert!(text.contains("Rolled back; watching."));
    let row = log_rows(&repo).last().unwrap().clone();
    assert_eq!(
        (row[2].as_str(), row[12].as_str()),
        ("announce", "ok=jira;failed=")
    );
}

#[test]
fn throttling_is_waited_out_and_an_unreachable_api_fails_the_channel() {
    let sp = StatuspageStub::start();
    let repo = repo(&sp);
    let id = page(&repo);
    // Statuspage allows one request a second per key: 429 with Retry-After, then fine.
    sp.hook
        .then([Answer::json(429, &serde_json::json!({"message": "Rate limited"})).retry_after(1)]);
    let (code, out, err) = announce(&repo, &[&id, "Investigating."], KEY);
    assert_eq!(code, 0, "{out}{err}");
    let reqs = sp.hook.requests();
    assert_eq!(
        methods(&sp),
        ["GET unresolved", "GET unresolved", "POST incidents"]
    );
    assert!(reqs[1].at - reqs[0].at >= std::time::Duration::from_secs(1));

    // Nothing listening at the API address: the channel fails; with nothing else
    // configured, nothing took it (exit 1) and nothing is logged.
    let dead = TestRepo::new(&format!(
        "{BASIC}\n[announce.statuspage]\nkind = \"statuspage\"\npage_id = \"{PAGE}\"\napi_url = \"{}/v1\"\n",
        crate::support::hook::closed_port_url()
    ));
    let id = page(&dead);
    let (code, out, err) = announce(&dead, &[&id, "Investigating."], KEY);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        results(&out)[0].4.contains("cannot reach Statuspage"),
        "{out}"
    );
    assert_eq!(log_rows(&dead).len(), 1);
}
