//! End to end with a real Prometheus Alertmanager (Debian package `prometheus-alertmanager`):
//! it sends a firing and then a resolved notification to `oncall listen`, which opens and
//! resolves the incident and its Jira ticket (on the loopback Jira). Fails, never skips,
//! when Alertmanager is not installed.

use std::process::{Command, Stdio};

use crate::common::{TestRepo, log_rows, with_jira};
use crate::support::jira::{Flavor, JiraStub, basic};
use crate::support::net::{free_port, http, listen, wait_for};

/// Kills Alertmanager when the test ends, however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn alertmanager_binary() -> &'static str {
    for name in ["prometheus-alertmanager", "alertmanager"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return name;
        }
    }
    panic!(
        "Prometheus Alertmanager is not installed; this end-to-end test needs it: \
         `apt-get install -y prometheus-alertmanager` (Debian/Ubuntu)"
    );
}

fn alert(ends: Option<&str>) -> String {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let ends = ends
        .map(|e| format!(r#","endsAt":"{e}""#))
        .unwrap_or_default();
    format!(
        r#"[{{"labels":{{"alertname":"HighErrorRate","service":"api","severity":"critical","instance":"api-1"}},
        "annotations":{{"summary":"API 5xx above 5%","runbook_url":"https://runbooks.example.com/api"}},
        "startsAt":"{now}"{ends}}}]"#
    )
}

#[test]
fn a_real_alertmanager_pages_and_resolves_through_listen() {
    let bin = alertmanager_binary();
    let repo = TestRepo::new(&with_jira("cloud"));
    let jira = JiraStub::start(
        Flavor::Cloud,
        &basic("bot@example.com", crate::common::JIRA_TOKEN),
    );
    let mut cmd = repo.oncall_std();
    cmd.env("ONCALL_JIRA_URL", &jira.url)
        .env("ONCALL_JIRA_EMAIL", "bot@example.com")
        .env("ONCALL_JIRA_TOKEN", crate::common::JIRA_TOKEN)
        .env("ONCALL_HTTP_TIMEOUT_MS", "2000");
    let listener = listen(cmd);

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("am.yml");
    std::fs::write(
        &config,
        format!(
            "route:\n  receiver: oncall\n  group_by: ['alertname', 'service']\n  group_wait: 1s\n  \
             group_interval: 2s\n  repeat_interval: 1h\nreceivers:\n  - name: oncall\n    webhook_configs:\n      \
             - url: http://{}/alertmanager\n        send_resolved: true\n",
            listener.addr
        ),
    )
    .unwrap();
    let port = free_port();
    let am_addr = format!("127.0.0.1:{port}");
    let _am = Child(
        Command::new(bin)
            .arg(format!("--config.file={}", config.display()))
            .arg(format!(
                "--storage.path={}",
                dir.path().join("data").display()
            ))
            .arg(format!("--web.listen-address={am_addr}"))
            .arg("--cluster.listen-address=")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(10, "Alertmanager to be ready", || {
        std::net::TcpStream::connect(&am_addr).is_ok()
            && http(&am_addr, "GET", "/-/ready", &[], b"").0 == 200
    });
    let json = [("Content-Type", "application/json")];
    let (status, body) = http(
        &am_addr,
        "POST",
        "/api/v2/alerts",
        &json,
        alert(None).as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    wait_for(10, "the page row", || {
        log_rows(&repo).iter().any(|r| r[2] == "page")
    });
    let page = log_rows(&repo)[0].clone();
    assert_eq!(
        (page[3].as_str(), page[4].as_str(), page[12].as_str()),
        ("api", "high", "alertmanager")
    );
    assert_eq!(page[11], "HighErrorRate: API 5xx above 5%");
    wait_for(10, "the ticket", || {
        log_rows(&repo).iter().any(|r| r[9] == "OPS-1")
    });

    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let (status, body) = http(
        &am_addr,
        "POST",
        "/api/v2/alerts",
        &json,
        alert(Some(&now)).as_bytes(),
    );
    assert_eq!(status, 200, "{body}");
    wait_for(12, "the resolve row", || {
        log_rows(&repo).iter().any(|r| r[2] == "resolve")
    });
    wait_for(10, "the ticket's transition", || {
        jira.issues()
            .first()
            .is_some_and(|i| i.transitions == ["31"])
    });
    let rows = log_rows(&repo);
    assert!(
        rows.iter().all(|r| r[1] == page[1]),
        "one incident: {rows:?}"
    );
    assert_eq!(rows.iter().filter(|r| r[2] == "page").count(), 1);
    let issue = &jira.issues()[0];
    assert!(
        issue.fields["description"]
            .to_string()
            .contains("https://runbooks.example.com/api")
    );
    assert!(issue.labels.contains(&format!("oncall-{}", page[1])));
    let err = listener.stderr();
    assert!(
        err.contains("alertmanager: paged") && err.contains("alertmanager: resolved"),
        "{err}"
    );
}
