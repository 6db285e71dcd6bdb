//! `oncall schedule`: shifts tile the window, `--person`, TSV, and the iCalendar feed read
//! back by an independent parser (the `ical` crate).

use std::collections::HashMap;

use crate::common::{BASIC, TestRepo, json, run};

fn with_override() -> String {
    format!(
        "{BASIC}\n[[override]]\nrole = \"engineer\"\nperson = \"dave\"\nstart = 2026-11-26T18:00:00\nend = 2026-11-30T10:00:00\nreason = \"bob away\"\n"
    )
}

#[test]
fn shifts_meet_end_to_start() {
    let repo = TestRepo::new(&with_override());
    let (code, out, err) = run(repo.oncall().args(["schedule", "--json", "--days", "28"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let shifts = v["shifts"].as_array().unwrap();
    assert!(shifts.len() >= 5);
    assert!(shifts[0]["start"].as_str().unwrap() <= v["from"].as_str().unwrap());
    for w in shifts.windows(2) {
        assert_eq!(w[0]["end"], w[1]["start"]);
    }
    assert!(shifts.last().unwrap()["end"].as_str().unwrap() >= v["to"].as_str().unwrap());
    let covered = &shifts[1];
    assert_eq!(covered["start"], "2026-11-26T23:00:00Z");
    assert_eq!(covered["engineer"]["id"], "dave");
    assert_eq!(covered["engineer"]["source"], "override");
    assert_eq!(covered["engineer"]["reason"], "bob away");
    assert_eq!(covered["manager"]["id"], "alice");
}

#[test]
fn person_filter_and_tsv() {
    let repo = TestRepo::new(BASIC);
    let (code, out, _) = run(repo
        .oncall()
        .args(["schedule", "--days", "28", "--person", "carol"]));
    assert_eq!(code, 0);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows.iter().all(|r| r[2] == "carol" && r[3] == "dave"));
    assert_eq!(rows[0][0], "2026-11-30T15:00:00Z");
    let (code, _, err) = run(repo.oncall().args(["schedule", "--person", "carl"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `carol`?"), "{err}");
}

fn events(ics: &str) -> Vec<HashMap<String, String>> {
    let reader = ical::IcalParser::new(ics.as_bytes());
    let mut out = Vec::new();
    for cal in reader {
        let cal = cal.expect("valid iCalendar");
        let prodids = cal.properties.iter().filter(|p| p.name == "PRODID").count();
        assert_eq!(prodids, 1, "exactly one PRODID");
        for ev in cal.events {
            out.push(
                ev.properties
                    .into_iter()
                    .map(|p| (p.name, p.value.unwrap_or_default()))
                    .collect(),
            );
        }
    }
    out
}

#[test]
fn ics_feed_has_both_roles_and_stable_uids() {
    let repo = TestRepo::new(&with_override());
    let (code, out, _) = run(repo.oncall().args(["schedule", "--ics", "--days", "21"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"));
    let evs = events(&out);
    assert!(
        evs.iter()
            .any(|e| e["SUMMARY"].contains("Incident Manager"))
    );
    assert!(
        evs.iter()
            .any(|e| e["SUMMARY"].contains("Incident Engineer"))
    );
    for e in &evs {
        for k in ["UID", "DTSTART", "DTEND", "DTSTAMP", "SUMMARY"] {
            assert!(e.contains_key(k), "{k} missing in {e:?}");
        }
        assert!(e["DTSTART"] < e["DTEND"]);
    }
    let override_ev = evs
        .iter()
        .find(|e| e["SUMMARY"].contains("Dave") && e["DTSTART"] == "20261126T230000Z")
        .unwrap();
    assert_eq!(override_ev["DTEND"], "20261130T150000Z");
    assert!(override_ev["DESCRIPTION"].contains("bob away"));
    // A later window shares events with this one: same UIDs for the same stints.
    let (_, later, _) =
        run(repo
            .oncall()
            .args(["schedule", "--ics", "--days", "21", "--from", "2026-12-02"]));
    let later = events(&later);
    let uids: Vec<&String> = evs.iter().map(|e| &e["UID"]).collect();
    let shared: Vec<&HashMap<String, String>> =
        later.iter().filter(|e| uids.contains(&&e["UID"])).collect();
    assert!(!shared.is_empty());
    for e in shared {
        let before = evs.iter().find(|x| x["UID"] == e["UID"]).unwrap();
        assert_eq!(before["DTSTART"], e["DTSTART"]);
        assert_eq!(before["DTEND"], e["DTEND"]);
    }
    // Regenerating gives identical output (the clock is pinned).
    let (_, again, _) = run(repo.oncall().args(["schedule", "--ics", "--days", "21"]));
    assert_eq!(again, out);
}

#[test]
fn ics_for_one_person() {
    let repo = TestRepo::new(BASIC);
    let (_, out, _) = run(repo
        .oncall()
        .args(["schedule", "--ics", "--person", "bob", "--days", "35"]));
    let evs = events(&out);
    assert!(!evs.is_empty());
    assert!(evs.iter().all(|e| e["SUMMARY"].contains("Bob")));
}
