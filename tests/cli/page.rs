//! The incident's life without Jira: page (with who held each role), ack, escalate, note,
//! resolve, status; `--at` for events written down later; office hours for low urgency;
//! and bad input: unknown services and incidents, resolved incidents, future times.

use crate::common::{BASIC, TestRepo, json, log_rows, run};

fn page(repo: &TestRepo, args: &[&str]) -> String {
    let (code, out, err) = run(repo.oncall().arg("page").args(args));
    assert_eq!(code, 0, "{err}");
    out.split('\t').next().unwrap().trim().to_string()
}

#[test]
fn a_page_records_the_pair_on_call_and_prints_the_id() {
    let repo = TestRepo::new(BASIC);
    let (code, out, err) =
        run(repo
            .oncall()
            .args(["page", "api", "--summary", "=HYPERLINK(\"x\") 5xx"]));
    assert_eq!(code, 0, "{err}");
    let id = out.trim_end_matches('\n').split('\t').next().unwrap();
    assert_eq!(id.len(), 5);
    assert!(
        id.bytes()
            .all(|b| b"23456789abcdefghjkmnpqrstuvwxyz".contains(&b)),
        "{id}"
    );
    let rows = log_rows(&repo);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    // time,incident,event,service,urgency,level,actor,manager,engineer,ticket,status,summary,source
    assert_eq!(r[0], "2026-11-24T15:15:00Z");
    assert_eq!(
        (r[1].as_str(), r[2].as_str(), r[3].as_str(), r[4].as_str()),
        (id, "page", "api", "high")
    );
    assert_eq!(
        (r[5].as_str(), r[7].as_str(), r[8].as_str()),
        ("1", "alice", "bob")
    );
    assert_eq!(r[11], "'=HYPERLINK(\"x\") 5xx", "formula neutralised");
    assert_eq!(r[12], "manual");
    assert_eq!(repo.read(".gitattributes"), "pages.csv merge=union\n");
    // --at: who held the roles then (the week before: carol and dave).
    let old = page(
        &repo,
        &["api", "-s", "last week", "--at", "2026-11-17 12:00"],
    );
    let rows = log_rows(&repo);
    assert_eq!(rows[1][1], old);
    assert_eq!(
        (rows[1][7].as_str(), rows[1][8].as_str()),
        ("carol", "dave")
    );
    assert_eq!(rows[1][0], "2026-11-17T17:00:00Z");
}

#[test]
fn the_human_page_output_names_the_pair() {
    let repo = TestRepo::new(BASIC);
    let (code, out, _) = run(repo
        .oncall()
        .env("ONCALL_FORCE_TTY", "1")
        .env("NO_COLOR", "1")
        .args(["page", "api", "-s", "checkout down"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("paged "), "{out}");
    for want in [
        "Incident Manager",
        "Alice",
        "+1-555-0100",
        "@alice",
        "Incident Engineer",
        "Bob",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    let (_, out, _) = run(repo.oncall().args(["--json", "page", "api", "-s", "again"]));
    let v = json(&out);
    assert_eq!(v["manager"], "alice");
    assert_eq!(v["ticket"], serde_json::Value::Null);
}

#[test]
fn a_low_urgency_page_at_night_says_when_the_office_opens() {
    let repo = TestRepo::new(BASIC);
    let (code, out, err) = run(repo
        .oncall()
        .env("ONCALL_NOW", "2026-11-25T04:00:00Z") // Tue 23:00 New York
        .args([
            "--json",
            "page",
            "api",
            "--urgency",
            "low",
            "-s",
            "disk 80%",
        ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("outside office hours") && err.contains("Wed 2026-11-25 09:00 EST"),
        "{err}"
    );
    assert_eq!(json(&out)["can_wait_until"], "2026-11-25T14:00:00Z");
    let (_, _, err) = run(repo
        .oncall()
        .args(["page", "api", "--urgency", "low", "-s", "x"]));
    assert!(!err.contains("office hours"), "during office hours: {err}");
}

#[test]
fn the_life_of_an_incident() {
    let repo = TestRepo::new(BASIC);
    let id = page(&repo, &["api", "-s", "5xx"]);
    let later = |m: &str| format!("2026-11-24T15:{m}:00Z");
    for args in [
        vec![
            "ack".to_string(),
            id[..2].to_string(),
            "--at".into(),
            later("20"),
        ],
        vec!["escalate".into(), id.clone(), "--at".into(), later("45")],
        vec![
            "note".into(),
            id.clone(),
            "rolled back".into(),
            "--at".into(),
            later("46"),
        ],
    ] {
        let (code, _, err) = run(repo.oncall().env("ONCALL_NOW", later("50")).args(&args));
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let (code, out, err) = run(repo
        .oncall()
        .env("ONCALL_NOW", later("50"))
        .args(["--json", "status"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let i = &v[0];
    assert_eq!(i["id"], id.as_str());
    assert_eq!(i["level"], 2);
    assert_eq!(i["acked_at"], later("20"));
    assert_eq!(i["age_seconds"], 35 * 60);
    assert_eq!(i["last_public_update"], serde_json::Value::Null);
    let (code, out, _) = run(repo
        .oncall()
        .env("ONCALL_NOW", later("50"))
        .args(["status"]));
    assert_eq!(code, 0);
    let cells: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        cells[..6],
        [
            id.as_str(),
            "api",
            "high",
            "2026-11-24T15:15:00Z",
            "2",
            &later("20")
        ]
    );
    let (code, _, err) = run(repo.oncall().env("ONCALL_NOW", later("55")).args([
        "resolve",
        &id,
        "--documented",
        "--note",
        "rollback",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("resolved") && err.contains("40m"), "{err}");
    let rows = log_rows(&repo);
    let kinds: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(kinds, ["page", "ack", "escalate", "note", "resolve"]);
    let res = rows.last().unwrap();
    assert_eq!(
        (res[13].as_str(), res[14].as_str(), res[11].as_str()),
        ("true", "false", "rollback")
    );
    assert_eq!(rows[2][5], "2");
    let (_, out, err) = run(repo.oncall().args(["status"]));
    assert!(
        out.is_empty() && err.contains("no open incidents"),
        "{out}{err}"
    );
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let repo = TestRepo::new(BASIC);
    let (code, _, err) = run(repo.oncall().args(["page", "apj", "-s", "x"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown service `apj`") && err.contains("did you mean `api`?"),
        "{err}"
    );
    let (code, _, _) = run(repo.oncall().args(["page", "api"]));
    assert_eq!(code, 2, "--summary is required");
    let (code, _, err) = run(repo
        .oncall()
        .args(["page", "api", "-s", "x", "--at", "+2h"]));
    assert_eq!(code, 2);
    assert!(err.contains("in the future"), "{err}");
    assert!(!repo.file("pages.csv").exists());

    let id = page(&repo, &["api", "-s", "x"]);
    let before = repo.read("pages.csv");
    for (args, code_want, says) in [
        (vec!["ack", "zzzzz"], 1, "no incident `zzzzz`"),
        (vec!["note", "zzzzz", "hello"], 1, "no incident"),
        (vec!["escalate", &id, "--level", "4"], 2, "4"),
        (vec!["escalate", &id, "--level", "1"], 2, "1"),
        (
            vec!["ack", &id, "--at", "2026-11-24 09:00"],
            2,
            "before incident",
        ),
    ] {
        let (code, _, err) = run(repo.oncall().args(&args));
        assert_eq!(code, code_want, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(repo.read("pages.csv"), before);
    let (code, _, _) = run(repo.oncall().args(["resolve", &id]));
    assert_eq!(code, 0);
    let after = repo.read("pages.csv");
    for args in [
        vec!["resolve", &id],
        vec!["ack", &id],
        vec!["escalate", &id],
    ] {
        let (code, _, err) = run(repo.oncall().args(&args));
        assert_eq!(code, 1, "{args:?}");
        assert!(err.contains("is resolved"), "{err}");
    }
    assert_eq!(repo.read("pages.csv"), after);
}

#[test]
fn ambiguous_prefixes_and_repeated_acks() {
    let repo = TestRepo::new(BASIC);
    let rows = "time,incident,event,service,urgency,level,actor,manager,engineer,ticket,status,summary,source,documented,automated\r\n\
        2026-11-24T15:00:00Z,k7m2q,page,api,high,1,x,alice,bob,,,a,manual,,\r\n\
        2026-11-24T15:01:00Z,k7x9p,page,api,high,1,x,carol,dave,,,b,manual,,\r\n";
    repo.write("pages.csv", rows);
    let (code, _, err) = run(repo.oncall().args(["ack", "k7"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("k7m2q, k7x9p") && err.contains("type more"),
        "{err}"
    );
    let (code, _, _) = run(repo.oncall().args(["ack", "k7m"]));
    assert_eq!(code, 0);
    let (code, _, err) = run(repo.oncall().args(["ack", "k7m"]));
    assert_eq!(code, 0);
    assert!(err.contains("already acknowledged"), "{err}");
    assert_eq!(log_rows(&repo).len(), 3);
}

#[test]
fn damaged_rows_are_warnings_in_every_reader() {
    let repo = TestRepo::new(BASIC);
    let rows = "time,incident,event,service,urgency,level,actor,manager,engineer,ticket,status,summary,source,documented,automated\r\n\
        2026-11-24T15:00:00Z,k7m2q,page,api,high,1,x,alice,bob,,,a,manual,,\r\n\
        yesterday,k7x9p,page,api,high,1,x,carol,dave,,,b,manual,,\r\n\
        2026-11-24T15:01:00Z,abcde,page,api,high,1,x,carol,dave,,,\"torn";
    repo.write("pages.csv", rows);
    for args in [
        vec!["status"],
        vec!["--json", "status"],
        vec!["ack", "k7m2q"],
        vec!["page", "api", "-s", "x"],
    ] {
        let (code, _, err) = run(repo.oncall().args(&args));
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            err.contains("pages.csv line 3:") && err.contains("skipped"),
            "{args:?}: {err}"
        );
        assert!(err.contains("pages.csv line 4:"), "{args:?}: {err}");
    }
    // The appends started on fresh lines: the torn row is still the only damage.
    let (code, out, _) = run(repo.oncall().args(["--json", "status"]));
    assert_eq!(code, 0);
    assert_eq!(json(&out).as_array().unwrap().len(), 2);
}

#[test]
fn events_cannot_be_written_down_before_the_page_or_in_the_future() {
    let repo = TestRepo::new(BASIC);
    let id = page(
        &repo,
        &["api", "--summary", "5xx", "--at", "2026-11-24 09:00"],
    );
    let before = repo.read("pages.csv");
    for (cmd, when) in [("ack", "2026-11-24 08:30"), ("resolve", "2026-11-24 08:59")] {
        let (code, _, err) = run(repo.oncall().args([cmd, &id, "--at", when]));
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(
            err.contains("is before incident") && err.contains("hint:"),
            "{err}"
        );
    }
    let (code, _, err) = run(repo.oncall().args(["ack", &id, "--at", "2026-11-25 09:00"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("in the future") && err.contains("hint:"),
        "{err}"
    );
    assert_eq!(repo.read("pages.csv"), before, "nothing written");
}
