//! `oncall check`: each lint, exit codes, JSON, and every problem in the file listed at once.

use crate::common::{BASIC, TestRepo, json, run};

fn repo_with(extra: &str) -> TestRepo {
    let repo = TestRepo::new(&format!("{BASIC}\n{extra}"));
    repo.write("runbooks/api.md", "# api\n");
    repo.commit_all("runbook");
    repo
}

fn kinds(out: &str) -> Vec<String> {
    json(out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_good_schedule_passes() {
    let repo = repo_with("");
    let (code, out, err) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 0, "{out}{err}");
    let v = json(&out);
    assert_eq!(v["ok"], true);
    assert_eq!(v["errors"], 0);
    let (code, _, err) = run(repo.oncall().arg("check"));
    assert_eq!(code, 0);
    assert!(err.contains("looks good"), "{err}");
}

#[test]
fn finds_a_missing_runbook() {
    let repo = TestRepo::new(BASIC);
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    assert_eq!(kinds(&out), ["runbook"]);
}

#[test]
fn finds_gaps_before_the_first_rotation() {
    let repo = repo_with("");
    let (code, out, _) =
        run(repo
            .oncall()
            .args(["check", "--json", "--from", "2025-12-20", "--days", "30"]));
    assert_eq!(code, 1);
    let v = json(&out);
    let gaps: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "gap")
        .collect();
    assert_eq!(gaps.len(), 2, "one per role: {out}");
    assert_eq!(gaps[0]["end"], "2026-01-05T15:00:00Z");
    assert_eq!(gaps[0]["severity"], "error");
}

#[test]
fn finds_one_person_in_both_roles() {
    let repo = repo_with(
        "[[override]]\nrole = \"engineer\"\nperson = \"alice\"\nstart = 2026-11-25T00:00:00\nend = 2026-11-26T00:00:00\n",
    );
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(f["kind"], "same-person");
    assert_eq!(f["person"], "alice");
    assert_eq!(f["start"], "2026-11-25T05:00:00Z");
}

#[test]
fn finds_shifts_during_an_absence() {
    let repo = repo_with(
        "[[unavailable]]\nperson = \"dave\"\nstart = 2026-12-01\nend = 2026-12-03\nreason = \"wedding\"\n",
    );
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(f["kind"], "unavailable");
    assert_eq!(f["person"], "dave");
    assert_eq!(f["role"], "engineer");
    assert!(f["message"].as_str().unwrap().contains("wedding"));
}

#[test]
fn finds_missing_contact_details_at_any_level() {
    let repo = repo_with("");
    repo.write(
        "schedule.toml",
        &BASIC.replace("phone = \"+1-555-0300\"\n", ""),
    );
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(f["kind"], "contact");
    assert_eq!(f["person"], "vp");
    assert!(f["message"].as_str().unwrap().contains("phone"));
}

#[test]
fn finds_dst_handoffs_worth_a_look() {
    let text = BASIC.replace(
        "start = 2026-01-05T10:00:00\nevery = \"1w\"",
        "start = 2026-01-05T02:30:00\nevery = \"1d\"",
    );
    let repo = TestRepo::new(&text);
    repo.write("runbooks/api.md", "# api\n");
    let (code, out, _) =
        run(repo
            .oncall()
            .args(["check", "--json", "--from", "2026-03-01", "--days", "14"]));
    assert_eq!(code, 1);
    let v = json(&out);
    let dst: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "dst")
        .collect();
    let warn = dst
        .iter()
        .find(|f| f["severity"] == "warning")
        .expect("a handoff in the gap");
    assert!(
        warn["message"].as_str().unwrap().contains("does not exist"),
        "{warn}"
    );
    assert_eq!(warn["start"], "2026-03-08T07:00:00Z");
    assert!(
        dst.iter().any(|f| f["severity"] == "info"),
        "the 23h shift is noted"
    );
}

#[test]
fn lists_every_problem_in_the_file() {
    let text = BASIC
        .replace("engineer = \"bob\" }", "engineer = \"bbo\" }")
        .replace("\"lead\"]", "\"laed\"]");
    let repo = TestRepo::new(&text);
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    let v = json(&out);
    let invalid: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "invalid")
        .collect();
    assert_eq!(invalid.len(), 2, "{out}");
    assert!(invalid.iter().all(|f| {
        f["location"]
            .as_str()
            .unwrap()
            .starts_with("schedule.toml:")
    }));
    let (_, human, _) = run(repo
        .oncall()
        .arg("check")
        .env("ONCALL_FORCE_TTY", "1")
        .env("NO_COLOR", "1"));
    assert!(
        human.contains("did you mean `bob`?") && human.contains("did you mean `lead`?"),
        "{human}"
    );
    assert!(human.contains("^"), "{human}");
}

#[test]
fn finds_no_rotation_and_missing_escalation() {
    let repo = TestRepo::new("[team]\nname = \"T\"\ntimezone = \"UTC\"\n");
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    let k = kinds(&out);
    assert!(
        k.contains(&"no-rotation".to_string()) && k.contains(&"escalation".to_string()),
        "{k:?}"
    );
}

#[test]
fn a_runbook_outside_the_repository_does_not_count() {
    let repo = repo_with("");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("api.md"), "# elsewhere\n").unwrap();
    std::fs::remove_file(repo.file("runbooks/api.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("api.md"), repo.file("runbooks/api.md"))
        .unwrap();
    let (code, out, _) = run(repo.oncall().args(["check", "--json"]));
    assert_eq!(code, 1);
    assert_eq!(kinds(&out), ["runbook"]);
}
