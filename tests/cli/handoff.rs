//! `oncall handoff`: the nearest handoff, both pairs, the outgoing shift's pages, open
//! incidents, upcoming overrides; morale prompts are skipped without a terminal.

use crate::common::{TestRepo, json, run};
use crate::retro::{HEADER, LOG, repo_with_log, schedule};

#[test]
fn outgoing_and_incoming_pairs_with_the_shifts_pages() {
    let repo = repo_with_log();
    // NOW is Tue 24 Nov 10:15 in New York: a day after the Monday 10:00 handoff, which is
    // nearer than the next one, so Carol and Dave (16-23 Nov) hand over to Alice and Bob.
    let (code, out, err) = run(repo.oncall().args(["handoff", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["handoff_at"], "2026-11-23T15:00:00Z");
    assert_eq!(v["outgoing"]["start"], "2026-11-16T15:00:00Z");
    assert_eq!(v["outgoing"]["manager"]["id"], "carol");
    assert_eq!(v["outgoing"]["engineer"]["id"], "dave");
    assert_eq!(v["incoming"]["manager"]["id"], "alice");
    assert_eq!(v["incoming"]["engineer"]["id"], "bob");
    assert_eq!(v["incoming"]["end"], "2026-11-30T15:00:00Z");
    let ids = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("pages"), ["a1", "b2", "c3", "h8", "d4", "e5", "f6"]);
    assert_eq!(ids("open"), ["o9", "i10"]);
    assert_eq!(v["overrides"][0]["person"]["id"], "dave");
    assert_eq!(v["overrides"][0]["state"], "upcoming");
    assert!(err.contains("not asking for morale scores"), "{err}");
    assert!(err.contains("warning: pages.csv line 13"), "{err}");
    // Nothing was recorded.
    assert_eq!(repo.read("pages.csv"), format!("{HEADER}{LOG}"));
}

#[test]
fn late_in_the_shift_the_next_handoff_is_meant() {
    let repo = TestRepo::new(&schedule());
    repo.write("pages.csv", HEADER);
    let (code, out, err) = run(repo
        .oncall()
        .env("ONCALL_NOW", "2026-11-27T15:00:00Z")
        .args(["handoff", "--no-prompt"]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not asking"), "{err}");
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "outgoing",
            "2026-11-23T15:00:00Z",
            "2026-11-30T15:00:00Z",
            "alice",
            "bob"
        ]
    );
    assert_eq!(rows[1][0], "incoming");
    assert_eq!(rows[1][3], "carol");
    assert_eq!(rows[2][0], "override");
    let (code, out, _) = run(repo
        .oncall()
        .env("ONCALL_FORCE_TTY", "1")
        .env("ONCALL_NOW", "2026-11-27T15:00:00Z")
        .args(["handoff", "--no-prompt", "--color", "never"]));
    assert_eq!(code, 0);
    assert!(out.contains("Handoff at Mon 2026-11-30 10:00 EST"), "{out}");
    assert!(out.contains("none: a quiet shift"), "{out}");
    assert!(out.contains("covering for bob"), "{out}");
}
