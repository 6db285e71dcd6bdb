//! `oncall retro`: every number below was worked out by hand from the log in [`LOG`] (see the
//! comments next to each row) for the week 2026-W47, Mon 16 Nov 05:00Z to Mon 23 Nov 05:00Z
//! in New York. Carol lives in Berlin (UTC+1), Alice in Los Angeles (UTC-8), Bob and Dave in
//! New York (UTC-5); office hours are Mon-Fri 09:00-18:00 on each person's clock.

use serde_json::{Value, json};

use crate::common::{BASIC, TestRepo, json, run};

/// BASIC plus a low-urgency service and an override in the week after NOW.
pub fn schedule() -> String {
    format!(
        "{BASIC}
[services.reports]
urgency = \"low\"

[[override]]
role = \"engineer\"
person = \"dave\"
start = 2026-11-26T18:00:00
end = 2026-11-28T10:00:00
reason = \"covering for bob\"
"
    )
}

pub const HEADER: &str = "time,incident,event,service,urgency,level,actor,manager,engineer,ticket,status,summary,source,documented,automated\n";

/// The log. Per-person buckets on their own clocks are noted after each page.
pub const LOG: &str = "\
2026-10-01T12:00:00Z,o9,page,api,high,1,grafana,alice,bob,OPS-9,,Forgotten alert,grafana,,
2026-11-10T15:00:00Z,g7,page,api,high,1,grafana,alice,bob,OPS-7,,Old but resolved in W47,grafana,,
2026-11-17T15:00:00Z,a1,page,api,high,1,alertmanager,carol,dave,OPS-11,,API 5xx spike,alertmanager,,
2026-11-17T15:02:00Z,a1,ack,api,,,dave,carol,dave,,,,manual,,
2026-11-17T15:10:00Z,a1,note,api,,,dave,carol,dave,,,rolled back deploy,manual,,
2026-11-17T15:30:00Z,a1,resolve,api,,,dave,carol,dave,,,,manual,true,false
2026-11-17T16:00:00Z,g7,resolve,api,,,bob,carol,dave,,,,manual,true,true
2026-11-18T04:40:00Z,b2,ack,api,,,dave,carol,dave,,,,manual,,
2026-11-18T04:30:00Z,b2,page,api,high,1,alertmanager,carol,dave,OPS-12,,\"disk | full <b>\",alertmanager,,
2026-11-18T05:00:00Z,b2,escalate,api,,2,dave,carol,dave,,,,manual,,
2026-11-18T06:30:00Z,b2,resolve,api,,,dave,carol,dave,,,,manual,false,true
garbage line that is damaged
2026-11-19T22:00:00Z,c3,page,reports,low,1,grafana,,,OPS-13,,Report job slow,grafana,,
2026-11-19T22:30:00Z,c3,ack,reports,,,dave,carol,dave,,,,manual,,
2026-11-20T14:00:00Z,c3,resolve,reports,,,dave,carol,dave,,,,manual,false,false
2026-11-20T21:00:00Z,,morale,,,,carol,carol,dave,,4,busy but fine,manual,,
2026-11-20T23:30:00Z,h8,page,api,high,1,grafana,bob,dave,OPS-14,,Latency,grafana,,
2026-11-20T23:35:00Z,h8,ack,api,,,dave,bob,dave,,,,manual,,
2026-11-20T23:50:00Z,h8,note,api,,,dave,bob,dave,,,cache warmed,manual,,
2026-11-21T00:30:00Z,h8,resolve,api,,,dave,bob,dave,,,,manual,true,false
2026-11-21T15:00:00Z,,morale,,,,dave,carol,dave,,2,too many pages,manual,,
2026-11-21T15:30:00Z,,morale,,,,dave,carol,dave,,9,typo,manual,,
2026-11-21T16:00:00Z,d4,page,reports,low,1,grafana,alice,bob,OPS-15,,Nightly export late,grafana,,
2026-11-21T16:05:00Z,d4,resolve,reports,,,bob,alice,bob,,,,manual,false,false
2026-11-22T12:00:00Z,e5,page,api,high,1,alertmanager,carol,dave,,,Flapping healthcheck,alertmanager,,
2026-11-22T12:05:00Z,e5,resolve,api,,,alertmanager,carol,dave,,,,alertmanager,,
2026-11-22T23:00:00Z,f6,page,api,high,1,alertmanager,carol,dave,OPS-16,,Database failover,alertmanager,,
2026-11-22T23:20:00Z,f6,ack,api,,,dave,carol,dave,,,,manual,,
2026-11-23T00:30:00Z,f6,escalate,api,,3,dave,carol,dave,,,,manual,,
2026-11-23T08:00:00Z,f6,resolve,api,,,dave,carol,dave,,,,manual,true,false
2026-11-23T16:00:00Z,,morale,,,,alice,alice,bob,,5,,manual,,
2026-11-24T14:00:00Z,i10,page,api,high,1,grafana,zed,bob,OPS-17,,New week page,grafana,,
";
// Where each W47 page landed (pair = night/weekend if so for either, office only if for both):
// a1 Tue 17 15:00Z: carol 16:00 office, dave 10:00 office           -> office
// b2 Wed 18 04:30Z: carol 05:30 night, dave Tue 23:30 night          -> night
// c3 Thu 19 22:00Z (roles from the schedule: carol, dave):
//                   carol 23:00 night, dave 17:00 office             -> night
// h8 Fri 20 23:30Z: bob 18:30 evening, dave 18:30 evening            -> evening
// d4 Sat 21 16:00Z: alice Sat 08:00 weekend, bob Sat 11:00 weekend   -> weekend (low urgency)
// e5 Sun 22 12:00Z: carol Sun 13:00 weekend, dave Sun 07:00 night+wk -> night+weekend
// f6 Sun 22 23:00Z: carol Mon 00:00 night, dave Sun 18:00 weekend    -> night+weekend

pub fn repo_with_log() -> TestRepo {
    let repo = TestRepo::new(&schedule());
    repo.write("pages.csv", &format!("{HEADER}{LOG}"));
    repo
}

pub fn retro(repo: &TestRepo, args: &[&str]) -> (Value, String) {
    let (code, out, err) = run(repo.oncall().arg("retro").arg("--json").args(args));
    assert_eq!(code, 0, "{err}");
    (json(&out), err)
}

#[test]
fn week_numbers_checked_by_hand() {
    let repo = repo_with_log();
    let (v, err) = retro(&repo, &["--week", "2026-W47", "--weeks", "2"]);
    assert_eq!(v["week"], "2026-W47");
    assert_eq!(v["start"], "2026-11-16T05:00:00Z");
    assert_eq!(v["end"], "2026-11-23T05:00:00Z");
    assert_eq!(v["complete"], true);
    assert_eq!(v["pages"], 7);
    assert_eq!(v["by_service"], json!({"api": 5, "reports": 2}));
    assert_eq!(v["by_urgency"], json!({"high": 5, "low": 2}));
    let off = &v["off_hours"];
    assert_eq!(off["nights"], 4); // b2 c3 e5 f6
    assert_eq!(off["weekends"], 3); // d4 e5 f6
    assert_eq!(off["evenings"], 1); // h8
    assert_eq!(off["office_hours"], 1); // a1
    // acks: a1 120, h8 300, b2 600 (its ack row comes first in the file), f6 1200, c3 1800.
    assert_eq!(v["ack_seconds"], json!({"median": 600, "worst": 1800}));
    // resolves: d4 300, e5 300, a1 1800, h8 3600, b2 7200, f6 32400 (next week), c3 57600.
    assert_eq!(
        v["resolve_seconds"],
        json!({"median": 3600, "worst": 57600})
    );
    assert_eq!(v["escalations"], json!({"level2": 2, "level3": 1}));
    // Resolved in the week: a1 b2 c3 d4 e5 h8, and g7 (paged in W46); not f6.
    assert_eq!(v["resolved"], 7);
    assert_eq!(v["documented_share"], 0.4286); // a1 h8 g7
    assert_eq!(v["automated_share"], 0.2857); // b2 g7
    assert_eq!(v["urgency_to_fix"]["low_urgency_off_hours"], json!(["d4"]));
    assert_eq!(v["urgency_to_fix"]["high_no_action"], json!(["e5"]));
    assert_eq!(v["morale"]["mean"], 3.0); // 4 and 2; the 9 is skipped
    assert_eq!(v["morale"]["count"], 2);
    assert_eq!(v["morale"]["scores"][0]["note"], "busy but fine");
    let open: Vec<&str> = v["open_at_end"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(open, ["o9", "f6"]);
    // 52 days 17 hours from 1 Oct 12:00Z to 23 Nov 05:00Z; f6 six hours.
    assert_eq!(v["open_at_end"][0]["age_seconds"], 4_554_000);
    assert_eq!(v["open_at_end"][0]["paged_week"], "2026-W40");
    assert_eq!(v["open_at_end"][1]["age_seconds"], 21_600);
    // Damaged rows and bad morale scores are skipped with a warning naming them.
    assert!(
        err.contains("warning: pages.csv line 13:") && err.contains("skipped"),
        "{err}"
    );
    assert!(err.contains("score `9`"), "{err}");
}

#[test]
fn who_got_woken_up_per_person_and_role() {
    let repo = repo_with_log();
    let (v, _) = retro(&repo, &["--week", "2026-W47"]);
    let p = &v["off_hours"]["by_person"];
    let counts = |id: &str| {
        let c = &p[id];
        [
            &c["pages"],
            &c["office_hours"],
            &c["evenings"],
            &c["nights"],
            &c["weekends"],
        ]
        .map(|x| x.as_u64().unwrap())
    };
    assert_eq!(counts("carol"), [5, 1, 0, 3, 1]);
    assert_eq!(p["carol"]["timezone"], "Europe/Berlin");
    assert_eq!(p["carol"]["as_manager"], 5);
    assert_eq!(counts("dave"), [6, 2, 1, 2, 2]);
    assert_eq!(p["dave"]["as_engineer"], 6);
    assert_eq!(counts("alice"), [1, 0, 0, 0, 1]);
    assert_eq!(counts("bob"), [2, 0, 1, 0, 1]);
    let r = &v["off_hours"]["by_role"];
    assert_eq!(
        r["manager"],
        json!({"pages": 7, "office_hours": 1, "evenings": 1, "nights": 3, "weekends": 2})
    );
    assert_eq!(
        r["engineer"],
        json!({"pages": 7, "office_hours": 2, "evenings": 1, "nights": 2, "weekends": 3})
    );
    // c3's row had no manager/engineer: the schedule's holders at the page were used.
    let c3 = v["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "c3")
        .unwrap();
    assert_eq!(c3["manager"], "carol");
    assert_eq!(c3["engineer"], "dave");
    assert_eq!(c3["landed"]["manager"]["night"], true);
    assert_eq!(c3["landed"]["engineer"]["office_hours"], true);
}

#[test]
fn trend_is_oldest_first_and_counts_each_week() {
    let repo = repo_with_log();
    let (v, _) = retro(&repo, &["--week", "2026-W47", "--weeks", "2"]);
    let t = v["trend"].as_array().unwrap();
    let weeks: Vec<&str> = t.iter().map(|w| w["week"].as_str().unwrap()).collect();
    assert_eq!(weeks, ["2026-W45", "2026-W46", "2026-W47"]);
    // W45: nothing paged, nothing resolved; only o9 open.
    assert_eq!(t[0]["pages"], 0);
    assert!(t[0]["ack_seconds"]["median"].is_null());
    assert!(t[0]["documented_share"].is_null());
    assert!(t[0]["morale"]["mean"].is_null());
    assert_eq!(t[0]["open_at_end_count"], 1);
    // W46: g7, Tue 10:00 in New York but 07:00 for Alice in Los Angeles: a night page.
    assert_eq!(t[1]["pages"], 1);
    assert_eq!(t[1]["off_hours"]["nights"], 1);
    assert_eq!(t[1]["open_at_end_count"], 2);
    // The chosen week is the last entry, without the per-person breakdown.
    assert_eq!(t[2]["pages"], 7);
    assert_eq!(t[2]["off_hours"]["nights"], 4);
    assert_eq!(t[2]["documented_share"], 0.4286);
    assert!(t[2]["off_hours"].get("by_person").is_none());
}

#[test]
fn an_incident_spanning_two_weeks_counts_where_it_was_paged() {
    let repo = repo_with_log();
    // Default week: the one containing NOW (Tue 24 Nov), i.e. 2026-W48.
    let (v, _) = retro(&repo, &["--weeks", "1"]);
    assert_eq!(v["week"], "2026-W48");
    assert_eq!(v["complete"], false);
    // f6 was paged in W47 and resolved in W48: not a W48 page, but a W48 resolution.
    assert_eq!(v["pages"], 1);
    assert_eq!(v["incidents"][0]["id"], "i10");
    assert_eq!(v["resolved"], 1);
    assert_eq!(v["documented_share"], 1.0);
    assert_eq!(v["automated_share"], 0.0);
    // zed is not in [people]: the team zone, Tue 09:00, office hours for both.
    assert_eq!(
        v["off_hours"]["by_person"]["zed"]["timezone"],
        "America/New_York"
    );
    assert_eq!(v["off_hours"]["office_hours"], 1);
    assert_eq!(v["morale"]["mean"], 5.0);
    let open: Vec<&str> = v["open_at_end"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(open, ["o9", "i10"]);
    // f6 in W47's view is open at the end and took 9 hours.
    let (w47, _) = retro(&repo, &["--week", "2026-11-20"]);
    let f6 = w47["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "f6")
        .unwrap();
    assert_eq!(f6["open_at_end"], true);
    assert_eq!(f6["resolve_seconds"], 32_400);
    assert_eq!(f6["level"], 3);
    assert_eq!(f6["ticket"], "OPS-16");
    let (same, _) = retro(&repo, &["--week"]);
    assert_eq!(same["week"], "2026-W48");
    let (last, _) = retro(&repo, &["--week", "last"]);
    assert_eq!(last["week"], "2026-W47");
}

#[test]
fn a_week_with_no_pages() {
    let repo = repo_with_log();
    let (v, err) = retro(&repo, &["--week", "2026-W45", "--weeks", "0"]);
    assert_eq!(v["pages"], 0);
    assert_eq!(v["by_service"], json!({}));
    assert_eq!(v["ack_seconds"], json!({"median": null, "worst": null}));
    assert!(v["documented_share"].is_null() && v["automated_share"].is_null());
    assert!(v["morale"]["mean"].is_null());
    assert_eq!(v["morale"]["count"], 0);
    assert_eq!(v["incidents"], json!([]));
    assert_eq!(v["trend"].as_array().unwrap().len(), 1);
    // Damaged rows are reported wherever they are: the whole log is read.
    assert!(err.contains("line 13"), "{err}");
    // No log at all is a week with no pages too.
    let empty = TestRepo::new(&schedule());
    let (v, _) = retro(&empty, &[]);
    assert_eq!(v["pages"], 0);
    assert_eq!(v["trend"].as_array().unwrap().len(), 5);
}

#[test]
fn dst_weeks_in_the_team_zone() {
    let repo = TestRepo::new(&schedule());
    repo.write(
        "pages.csv",
        &format!(
            "{HEADER}\
2026-10-26T04:30:00Z,p1,page,api,high,1,x,bob,dave,,,Mon 00:30 EDT: first minutes of W44,manual,,
2026-11-01T05:30:00Z,p2,page,api,high,1,x,alice,carol,,,Sun 01:30 EDT (before the fall back),manual,,
2026-11-02T04:30:00Z,p3,page,api,high,1,x,bob,dave,,,Sun 23:30 EST: still W44 (169 h),manual,,
2026-03-08T07:30:00Z,s1,page,api,high,1,x,alice,carol,,,Sun 03:30 EDT just after the gap,manual,,
2026-03-09T04:30:00Z,s2,page,api,high,1,x,bob,dave,,,Mon 00:30 EDT: W11 (W10 is 167 h),manual,,
"
        ),
    );
    let (v, _) = retro(&repo, &["--week", "2026-W44", "--weeks", "1"]);
    assert_eq!(v["start"], "2026-10-26T04:00:00Z");
    assert_eq!(v["end"], "2026-11-02T05:00:00Z");
    assert_eq!(v["pages"], 3);
    assert_eq!(v["trend"][1]["week"], "2026-W44");
    let (v, _) = retro(&repo, &["--week", "2026-W45", "--weeks", "0"]);
    assert_eq!(v["pages"], 0);
    let (v, _) = retro(&repo, &["--week", "2026-W10", "--weeks", "0"]);
    assert_eq!(v["start"], "2026-03-02T05:00:00Z");
    assert_eq!(v["end"], "2026-03-09T04:00:00Z");
    assert_eq!(v["pages"], 1);
    // s1: Sun 03:30 EDT in New York; Sat 23:30 PST for Alice; Sun 08:30 CET for Carol.
    let s1 = &v["incidents"][0];
    assert_eq!(s1["landed"]["manager"]["night"], true);
    assert_eq!(s1["landed"]["manager"]["weekend"], true);
    assert_eq!(s1["landed"]["engineer"]["night"], false);
    assert_eq!(s1["landed"]["engineer"]["weekend"], true);
    let (v, _) = retro(&repo, &["--week", "2026-W11", "--weeks", "0"]);
    assert_eq!(v["pages"], 1);
    assert_eq!(v["incidents"][0]["id"], "s2");
}

#[test]
fn runbook_changed_after_the_page_from_git() {
    let repo = TestRepo::new(&schedule());
    repo.write("runbooks/api.md", "# api\n");
    repo.commit_all_at("api runbook", "2026-11-10T12:00:00Z");
    repo.write("runbooks/api.md", "# api\n\nRoll back first.\n");
    repo.commit_all_at("api runbook: roll back first", "2026-11-17T16:00:00Z");
    repo.write("pages.csv", &format!("{HEADER}{LOG}"));
    let (v, _) = retro(&repo, &["--week", "2026-W47"]);
    let by_id = |id: &str| {
        v["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    // a1 paged 15:00Z, runbook changed 16:00Z; b2 and later api pages saw no change after.
    assert_eq!(by_id("a1")["runbook_changed_after_page"], true);
    assert_eq!(by_id("a1")["runbook_changed_at"], "2026-11-17T16:00:00Z");
    assert_eq!(by_id("b2")["runbook_changed_after_page"], false);
    assert_eq!(by_id("c3")["runbook"], "runbooks/reports.md");
    assert_eq!(by_id("c3")["runbook_changed_after_page"], false);
    assert_eq!(
        v["runbooks"],
        json!({"checked": true, "incidents": 7, "changed_after_page": 1})
    );
    // Outside git there is no evidence either way.
    let plain = TestRepo::empty();
    plain.write("schedule.toml", &schedule());
    plain.write("pages.csv", &format!("{HEADER}{LOG}"));
    let (v, _) = retro(&plain, &["--week", "2026-W47"]);
    assert_eq!(v["runbooks"]["checked"], false);
    assert!(v["incidents"][0]["runbook_changed_after_page"].is_null());
}

#[test]
fn bad_week_values_are_usage_errors() {
    let repo = repo_with_log();
    for bad in ["2026-W54", "2026-Wxx", "next tuesday", "2026-13-01"] {
        let (code, out, err) = run(repo.oncall().args(["retro", "--week", bad]));
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("error: bad `--week`"), "{err}");
        assert!(err.contains("hint:"), "{err}");
    }
    let (code, _, _) = run(repo.oncall().args(["retro", "--weeks", "9999"]));
    assert_eq!(code, 2);
    let (code, _, err) = run(repo.oncall().args(["retro", "--json", "--markdown"]));
    assert_eq!(code, 2);
    assert!(err.contains("cannot be combined"), "{err}");
}
