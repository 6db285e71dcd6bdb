//! Jira through its REST API, against a loopback Jira that checks every request against the
//! Cloud OpenAPI subset: tickets on page, comments on the incident's life, the transition on
//! resolve; and Jira's failures (400, 401, 429 with Retry-After, 500, a hung connection):
//! the page is always logged, the ticket stays pending and is made exactly once later.

use crate::common::{JIRA_TOKEN, TestRepo, jira_env, json, log_rows, run, with_jira};
use crate::support::jira::{Fault, Flavor, JiraStub, basic};

const SEARCH: &str = "searchAndReconsileIssuesUsingJqlPost";

fn cloud() -> (TestRepo, JiraStub) {
    let repo = TestRepo::new(&with_jira("cloud"));
    let stub = JiraStub::start(Flavor::Cloud, &basic("bot@example.com", JIRA_TOKEN));
    (repo, stub)
}

fn oncall(repo: &TestRepo, stub: &JiraStub, args: &[&str]) -> (i32, String, String) {
    let mut cmd = repo.oncall();
    jira_env(&mut cmd, &stub.url);
    let out = run(cmd.args(args));
    assert!(
        !out.1.contains(JIRA_TOKEN) && !out.2.contains(JIRA_TOKEN),
        "secret leaked: {out:?}"
    );
    out
}

fn page(repo: &TestRepo, stub: &JiraStub) -> (i32, String, String, String) {
    let (code, out, err) = oncall(repo, stub, &["page", "api", "--summary", "checkout 5xx"]);
    let id = out
        .split('\t')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    (code, out, err, id)
}

#[test]
fn a_cloud_ticket_follows_the_incident_from_page_to_resolve() {
    let (repo, stub) = cloud();
    let (code, out, err, id) = page(&repo, &stub);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim_end(),
        format!("{id}\tOPS-1\t{}/browse/OPS-1", stub.url)
    );
    assert_eq!(stub.ops(), [SEARCH, "createIssue"]);
    let issue = &stub.issues()[0];
    assert_eq!(
        issue.labels,
        [
            "oncall",
            &format!("oncall-{id}"),
            "service-api",
            "urgency-high"
        ]
    );
    assert_eq!(issue.fields["assignee"]["accountId"], "acc-alice");
    assert_eq!(issue.fields["project"]["key"], "OPS");
    assert_eq!(issue.fields["summary"], "[high] api: checkout 5xx");
    let description = issue.fields["description"].to_string();
    for want in [
        "Alice",
        "alice@example.com",
        "Bob",
        "runbooks/api.md",
        "The API",
        "manual",
    ] {
        assert!(description.contains(want), "{want} not in {description}");
    }
    // The ticket is in the log, so every clone knows it.
    let rows = log_rows(&repo);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[1][2].as_str(), rows[1][9].as_str()),
        ("note", "OPS-1")
    );

    for args in [
        vec!["ack", &id[..3]],
        vec!["escalate", &id],
        vec!["note", &id, "rolled", "back", "v42"],
        vec!["resolve", &id, "--documented", "--note", "rollback"],
    ] {
        let (code, _, err) = oncall(&repo, &stub, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    assert_eq!(
        stub.ops()[2..],
        [
            "addComment",
            "addComment",
            "editIssue",
            "addComment",
            "addComment",
            "getTransitions",
            "doTransition"
        ]
    );
    let issue = &stub.issues()[0];
    assert_eq!(issue.comments.len(), 4);
    assert!(issue.comments[2].to_string().contains("rolled back v42"));
    assert!(
        issue.comments[3]
            .to_string()
            .contains("Resolution documented")
    );
    assert!(issue.labels.contains(&"level-2".to_string()));
    assert_eq!(issue.transitions, ["31"]);
    assert_eq!(stub.issues().len(), 1);
    let (_, out, _) = oncall(&repo, &stub, &["status", "--json"]);
    assert_eq!(json(&out).as_array().unwrap().len(), 0);
}

#[test]
fn data_center_gets_v2_wiki_text_and_a_bearer_token() {
    let repo = TestRepo::new(&with_jira("datacenter"));
    let stub = JiraStub::start(Flavor::Datacenter, &format!("Bearer {JIRA_TOKEN}"));
    let (code, _, err, id) = page(&repo, &stub);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stub.ops(), ["searchDc", "createIssue"]);
    let issue = &stub.issues()[0];
    let d = issue.fields["description"].as_str().expect("wiki text");
    assert!(d.contains("*Incident Manager: *Alice"), "{d}");
    assert_eq!(issue.fields["assignee"]["name"], "acc-alice");
    let (code, _, err) = oncall(&repo, &stub, &["resolve", &id]);
    assert_eq!(code, 0, "{err}");
    assert!(stub.issues()[0].comments[0].is_string());
    assert_eq!(stub.issues()[0].transitions, ["31"]);
}

#[test]
fn jira_down_logs_the_page_and_the_next_command_makes_the_ticket_once() {
    let (repo, stub) = cloud();
    stub.fail("createIssue", 3, Fault::status(500));
    let (code, out, err, id) = page(&repo, &stub);
    assert_eq!(code, 0, "down is a warning, not a failure: {err}");
    assert!(
        err.contains("answered 500") && err.contains("pending"),
        "{err}"
    );
    assert_eq!(out, format!("{id}\t\t\n"));
    // Search before each of the three create attempts (never create blind after a 5xx).
    assert_eq!(
        stub.ops(),
        [
            SEARCH,
            "createIssue",
            SEARCH,
            "createIssue",
            SEARCH,
            "createIssue"
        ]
    );
    assert_eq!(log_rows(&repo).len(), 1);
    let (_, out, _) = oncall(&repo, &stub, &["status", "--json"]);
    assert_eq!(json(&out)[0]["ticket"], serde_json::Value::Null);

    let (code, _, err) = oncall(&repo, &stub, &["ack", &id]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stub.issues().len(), 1);
    assert_eq!(stub.issues()[0].comments.len(), 1);
    let (_, out, _) = oncall(&repo, &stub, &["status", "--json"]);
    assert_eq!(json(&out)[0]["ticket"], "OPS-1");
    assert_eq!(
        json(&out)[0]["ticket_url"],
        format!("{}/browse/OPS-1", stub.url)
    );
}

#[test]
fn a_ticket_created_but_not_recorded_is_found_not_made_again() {
    let (repo, stub) = cloud();
    stub.fail("*", 10, Fault::status(503));
    let (code, _, _, id) = page(&repo, &stub);
    assert_eq!(code, 0);
    // Jira made the ticket but the answer was lost.
    stub.seed(&[&format!("oncall-{id}")]);
    let before = stub.ops().len();
    stub.heal();
    let (code, _, err) = oncall(&repo, &stub, &["note", &id, "still", "looking"]);
    assert_eq!(code, 0, "{err}");
    let ops = stub.ops();
    assert!(
        !ops[before..].contains(&"createIssue".to_string()),
        "{ops:?}"
    );
    assert_eq!(stub.issues().len(), 1);
    assert_eq!(log_rows(&repo).last().unwrap()[9], "OPS-1");
}

#[test]
fn rate_limits_are_waited_out_as_retry_after_says() {
    let (repo, stub) = cloud();
    stub.fail(
        SEARCH,
        1,
        Fault::Status {
            code: 429,
            body: r#"{"errorMessages":["Rate limit exceeded."],"errors":{}}"#.into(),
            retry_after: Some(1),
        },
    );
    let (code, _, err, _) = page(&repo, &stub);
    assert_eq!(code, 0, "{err}");
    let r = stub.requests();
    assert_eq!(stub.ops(), [SEARCH, SEARCH, "createIssue"]);
    let gap = r[1].at - r[0].at;
    assert!(
        gap >= std::time::Duration::from_millis(950),
        "retried after {gap:?}"
    );
    assert_eq!(stub.issues().len(), 1);
}

#[test]
fn a_hung_jira_times_out_and_the_page_is_still_logged() {
    let (repo, stub) = cloud();
    stub.fail("*", 20, Fault::Hang);
    let start = std::time::Instant::now();
    let (code, _, err, id) = page(&repo, &stub);
    assert_eq!(code, 0, "{err}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(8),
        "{:?}",
        start.elapsed()
    );
    assert!(err.contains("did not answer in time"), "{err}");
    assert_eq!(log_rows(&repo)[0][1], id);
    // One call timed out three times; nothing else was tried.
    assert_eq!(stub.ops(), [SEARCH, SEARCH, SEARCH]);
}

#[test]
fn missing_credentials_exit_4_and_the_page_is_logged() {
    let (repo, stub) = cloud();
    let (code, out, err) = run(repo.oncall().env("ONCALL_JIRA_URL", &stub.url).args([
        "page",
        "api",
        "--summary",
        "x",
    ]));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("ONCALL_JIRA_TOKEN") && err.contains("pending"),
        "{err}"
    );
    assert_eq!(log_rows(&repo).len(), 1);
    assert_eq!(out.split('\t').next().unwrap(), log_rows(&repo)[0][1]);
    assert!(stub.ops().is_empty());
}

#[test]
fn refused_credentials_exit_4_without_retrying() {
    let repo = TestRepo::new(&with_jira("cloud"));
    let stub = JiraStub::start(Flavor::Cloud, &basic("someone-else@example.com", "other"));
    let (code, _, err, _) = page(&repo, &stub);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("401"), "{err}");
    assert_eq!(stub.ops(), [SEARCH]);
    assert_eq!(log_rows(&repo).len(), 1);
}

#[test]
fn a_bad_request_exits_1_with_jiras_words_and_is_not_retried() {
    let (repo, stub) = cloud();
    let body = include_str!("../fixtures/jira-error-response.json");
    stub.fail(
        "createIssue",
        1,
        Fault::Status {
            code: 400,
            body: body.into(),
            retry_after: None,
        },
    );
    let (code, _, err, _) = page(&repo, &stub);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Field 'priority' is required"), "{err}");
    assert!(
        err.contains("project") && err.contains("issue_type"),
        "{err}"
    );
    assert_eq!(stub.ops(), [SEARCH, "createIssue"]);
    assert_eq!(log_rows(&repo).len(), 1);
}

#[test]
fn sync_makes_pending_tickets_and_closes_resolved_ones() {
    let (repo, stub) = cloud();
    stub.fail("*", 100, Fault::status(502));
    let (_, _, _, open) = page(&repo, &stub);
    let (_, _, _, done) = page(&repo, &stub);
    let (code, _, err) = oncall(&repo, &stub, &["resolve", &done]);
    assert_eq!(code, 0, "{err}");
    stub.heal();
    let (code, out, err) = oncall(&repo, &stub, &["--json", "sync", "--offline"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["tickets_created"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["committed_rows"], 5);
    let issues = stub.issues();
    assert_eq!(issues.len(), 2);
    // Nothing is pending any more: a second sync makes nothing.
    let (_, out, _) = oncall(&repo, &stub, &["--json", "sync", "--offline"]);
    assert_eq!(json(&out)["tickets_created"].as_array().unwrap().len(), 0);
    let closed = issues
        .iter()
        .find(|i| i.labels.contains(&format!("oncall-{done}")))
        .unwrap();
    assert_eq!(closed.transitions, ["31"]);
    let still = issues
        .iter()
        .find(|i| i.labels.contains(&format!("oncall-{open}")))
        .unwrap();
    assert!(still.transitions.is_empty());
    assert!(repo.git(&["status", "--porcelain"]).trim().is_empty());
}
