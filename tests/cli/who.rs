//! `oncall who`: the pair, JSON keys, TSV/TTY output, DST handoffs, repo discovery, `--rev`,
//! and schedule errors that name file, line and column.

use crate::common::{BASIC, TestRepo, json, run};

#[test]
fn json_has_the_spec_keys() {
    let repo = TestRepo::new(BASIC);
    let (code, out, err) = run(repo.oncall().args(["who", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["at"], "2026-11-24T15:15:00Z");
    // 2026-11-23 is 46 weeks after 2026-01-05: pair 46 % 2 = 0.
    assert_eq!(v["manager"]["id"], "alice");
    assert_eq!(v["manager"]["name"], "Alice");
    assert_eq!(v["engineer"]["id"], "bob");
    assert_eq!(v["engineer"]["name"], "Bob");
    assert_eq!(v["shift"]["start"], "2026-11-23T15:00:00Z");
    assert_eq!(v["shift"]["end"], "2026-11-30T15:00:00Z");
    assert_eq!(v["escalation"][0]["level"], 2);
    assert_eq!(v["escalation"][0]["people"][0], "lead");
    assert_eq!(v["escalation"][1]["level"], 3);
    assert_eq!(v["escalation"][1]["people"][0], "vp");
    assert_eq!(v["next"]["manager"]["id"], "carol");
    // Alice lives in Los Angeles: her local time is 07:15.
    assert_eq!(v["manager"]["local_time"], "2026-11-24T07:15:00-08:00");
}

#[test]
fn global_flags_work_before_and_after_the_subcommand() {
    let repo = TestRepo::new(BASIC);
    let a = run(repo.oncall().args(["--json", "who"]));
    let b = run(repo.oncall().args(["who", "--json"]));
    assert_eq!(a.0, 0);
    assert_eq!(a.1, b.1);
    let (code, out, _) = run(repo
        .oncall()
        .env_remove("ONCALL_REPO")
        .args(["who", "--repo"])
        .arg(repo.path())
        .arg("--json"));
    assert_eq!(code, 0);
    assert_eq!(json(&out)["manager"]["id"], "alice");
}

#[test]
fn weekly_handoff_stays_at_ten_local_across_spring_forward() {
    let repo = TestRepo::new(BASIC);
    // Week of Mon 2026-03-02 (k = 8, alice/bob) ends Mon 2026-03-09 10:00 EDT = 14:00Z, one
    // hour earlier in UTC than it started (10:00 EST = 15:00Z): a 167-hour shift.
    let (_, out, _) = run(repo
        .oncall()
        .args(["who", "--json", "--at", "2026-03-09T13:59:59Z"]));
    let v = json(&out);
    assert_eq!(v["manager"]["id"], "alice");
    assert_eq!(v["shift"]["start"], "2026-03-02T15:00:00Z");
    assert_eq!(v["shift"]["end"], "2026-03-09T14:00:00Z");
    let (_, out, _) = run(repo
        .oncall()
        .args(["who", "--json", "--at", "2026-03-09 10:00"]));
    assert_eq!(json(&out)["manager"]["id"], "carol");
    // Fall back: the week of 2026-10-26 runs 10:00 EDT (14:00Z) to 10:00 EST (15:00Z).
    let (_, out, _) = run(repo.oncall().args(["who", "--json", "--at", "2026-10-30"]));
    let v = json(&out);
    assert_eq!(v["shift"]["start"], "2026-10-26T14:00:00Z");
    assert_eq!(v["shift"]["end"], "2026-11-02T15:00:00Z");
}

#[test]
fn nobody_before_the_first_rotation() {
    let repo = TestRepo::new(BASIC);
    let (code, out, err) = run(repo
        .oncall()
        .args(["who", "--json", "--at", "2025-12-31 12:00"]));
    assert_eq!(code, 0);
    let v = json(&out);
    assert!(v["manager"].is_null() && v["engineer"].is_null());
    assert_eq!(v["shift"]["end"], "2026-01-05T15:00:00Z");
    assert!(err.contains("nobody is manager"), "{err}");
}

#[test]
fn piped_output_is_tab_separated() {
    let repo = TestRepo::new(BASIC);
    let (code, out, _) = run(repo.oncall().arg("who"));
    assert_eq!(code, 0);
    let first: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(&first[..3], ["manager", "alice", "Alice"]);
    assert!(out.lines().any(|l| l.starts_with("engineer\tbob\t")));
    assert!(out.lines().any(|l| l.starts_with("level2\tlead\t")));
    assert!(out.lines().any(|l| l.starts_with("level3\tvp\t")));
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn terminal_output_is_a_table_and_colour_follows_the_rules() {
    let repo = TestRepo::new(BASIC);
    let (_, out, _) = run(repo
        .oncall()
        .arg("who")
        .env("ONCALL_FORCE_TTY", "1")
        .env("COLUMNS", "120"));
    assert!(out.contains("Manager") && out.contains("Alice") && out.contains("+1-555-0100"));
    assert!(out.contains("Level 2") && out.contains("Lead"));
    assert!(out.contains("next:"));
    assert!(out.contains('\u{1b}'), "colour on a terminal");
    let (_, out, _) = run(repo
        .oncall()
        .arg("who")
        .env("ONCALL_FORCE_TTY", "1")
        .env("NO_COLOR", "1"));
    assert!(!out.contains('\u{1b}'), "never with NO_COLOR");
    let (_, out, _) = run(repo
        .oncall()
        .args(["who", "--color", "never"])
        .env("ONCALL_FORCE_TTY", "1"));
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn finds_the_repo_by_walking_up() {
    let repo = TestRepo::new(BASIC);
    repo.write("runbooks/api.md", "# api\n");
    let (code, out, _) = run(repo
        .oncall()
        .env_remove("ONCALL_REPO")
        .current_dir(repo.file("runbooks"))
        .args(["who", "--json"]));
    assert_eq!(code, 0);
    assert_eq!(json(&out)["manager"]["id"], "alice");
    let elsewhere = TestRepo::empty();
    let (code, _, err) = run(repo
        .oncall()
        .env_remove("ONCALL_REPO")
        .current_dir(elsewhere.path())
        .arg("who"));
    assert_eq!(code, 1);
    assert!(
        err.contains("no `schedule.toml`") && err.contains("hint:"),
        "{err}"
    );
}

#[test]
fn rev_reads_the_committed_schedule_and_dirty_copies_warn() {
    let repo = TestRepo::new(BASIC);
    repo.git(&["branch", "before"]);
    repo.write(
        "schedule.toml",
        &BASIC.replace(
            r#"{ manager = "alice", engineer = "bob" }"#,
            r#"{ manager = "bob", engineer = "alice" }"#,
        ),
    );
    let (_, out, err) = run(repo.oncall().args(["who", "--json"]));
    assert_eq!(json(&out)["manager"]["id"], "bob");
    assert!(err.contains("uncommitted changes"), "{err}");
    let (_, out, err) = run(repo.oncall().args(["who", "--json", "--rev", "HEAD"]));
    assert_eq!(json(&out)["manager"]["id"], "alice");
    assert!(!err.contains("uncommitted"), "{err}");
    repo.commit_all("swap");
    let (_, out, err) = run(repo.oncall().args(["who", "--json", "--rev", "before"]));
    assert_eq!(json(&out)["manager"]["id"], "alice");
    assert!(err.is_empty(), "{err}");
    let (code, _, err) = run(repo.oncall().args(["who", "--rev", "origin/nope"]));
    assert_eq!(code, 1);
    assert!(err.contains("unknown revision `origin/nope`"), "{err}");
}

#[test]
fn schedule_errors_name_file_line_and_column() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "every = \"1w\"",
            "evry = \"1w\"",
            "schedule.toml:",
            "did you mean `every`?",
        ),
        (
            "engineer = \"bob\" }",
            "engineer = \"bbo\" }",
            "unknown person `bbo`",
            "did you mean `bob`?",
        ),
        (
            "timezone = \"America/New_York\"",
            "timezone = \"America/New_Yrok\"",
            "unknown time zone",
            "America/New_York",
        ),
        (
            "every = \"1w\"",
            "every = \"1x\"",
            "bad duration `1x`",
            "schedule.toml:",
        ),
        (
            "after = \"30m\"",
            "after = \"30\"",
            "bad duration `30`",
            "unit",
        ),
    ];
    for (from, to, want1, want2) in cases {
        let repo = TestRepo::new(&BASIC.replacen(from, to, 1));
        let (code, out, err) = run(repo.oncall().arg("who"));
        assert_eq!(code, 1, "{to}: {err}");
        assert!(out.is_empty());
        assert!(err.starts_with("error: invalid `schedule.toml`"), "{err}");
        assert!(err.contains(want1) && err.contains(want2), "{to}:\n{err}");
        // the offending line is shown
        assert!(err.contains(to.split('=').next().unwrap().trim()), "{err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn error_points_at_the_right_line() {
    let text = BASIC.replace("engineer = \"dave\" }", "engineer = \"dvae\" }");
    let line = text.lines().position(|l| l.contains("dvae")).unwrap() + 1;
    let col = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"dvae\"")
        .unwrap()
        + 1;
    let repo = TestRepo::new(&text);
    let (_, _, err) = run(repo.oncall().arg("who"));
    assert!(
        err.contains(&format!(
            "schedule.toml:{line}:{col}: unknown person `dvae`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `dave`?"), "{err}");
}

#[test]
fn end_before_start_is_rejected() {
    let text = format!(
        "{BASIC}\n[[override]]\nrole = \"engineer\"\nperson = \"dave\"\nstart = 2026-11-27T10:00:00\nend = 2026-11-26T10:00:00\n"
    );
    let repo = TestRepo::new(&text);
    let (code, _, err) = run(repo.oncall().arg("who"));
    assert_eq!(code, 1);
    assert!(err.contains("`end` is not after `start`"), "{err}");
}

#[test]
fn bad_times_are_usage_errors() {
    let repo = TestRepo::new(BASIC);
    let (code, _, err) = run(repo.oncall().args(["who", "--at", "yesterday-ish"]));
    assert_eq!(code, 2);
    assert!(err.contains("bad `--at`"), "{err}");
    let (code, _, err) = run(repo.oncall().arg("who").env("ONCALL_NOW", "soon"));
    assert_eq!(code, 2);
    assert!(err.contains("ONCALL_NOW"), "{err}");
    let (code, _, _) = run(repo.oncall().arg("frobnicate"));
    assert_eq!(code, 2);
}

#[test]
fn overrides_change_only_their_role() {
    let text = format!(
        "{BASIC}\n[[override]]\nrole = \"engineer\"\nperson = \"dave\"\nstart = 2026-11-24T09:00:00\nend = 2026-11-25T09:00:00\nreason = \"bob at the dentist\"\n"
    );
    let repo = TestRepo::new(&text);
    let (_, out, _) = run(repo.oncall().args(["who", "--json"]));
    let v = json(&out);
    assert_eq!(v["manager"]["id"], "alice");
    assert_eq!(v["engineer"]["id"], "dave");
    assert_eq!(v["engineer"]["source"], "override");
    assert_eq!(v["engineer"]["reason"], "bob at the dentist");
    assert_eq!(v["engineer"]["until"], "2026-11-25T14:00:00Z");
    assert_eq!(v["shift"]["start"], "2026-11-24T14:00:00Z");
    assert_eq!(v["shift"]["end"], "2026-11-25T14:00:00Z");
    assert_eq!(v["next"]["engineer"]["id"], "bob");
}

#[test]
fn the_cache_never_serves_a_stale_or_damaged_schedule() {
    let repo = TestRepo::new(BASIC);
    let swapped = BASIC.replace(
        r#"{ manager = "alice", engineer = "bob" }"#,
        r#"{ manager = "bob", engineer = "alice" }"#,
    );
    let manager = || {
        json(&run(repo.oncall().args(["who", "--json"])).1)["manager"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(manager(), "alice");
    assert_eq!(manager(), "alice", "served from the cache");
    let cache = repo.home().join(".cache/oncall");
    assert!(
        std::fs::read_dir(&cache).unwrap().count() >= 1,
        "an entry was written"
    );
    repo.write("schedule.toml", &swapped);
    assert_eq!(manager(), "bob", "an edit is seen at once");
    repo.write("schedule.toml", BASIC);
    assert_eq!(manager(), "alice");
    for entry in std::fs::read_dir(&cache).unwrap() {
        std::fs::write(entry.unwrap().path(), b"oncall01 damaged").unwrap();
    }
    assert_eq!(manager(), "alice", "a damaged entry means parsing again");
    let (code, _, err) = run(repo.oncall().args(["who"]).env("ONCALL_NO_CACHE", "1"));
    assert_eq!(code, 0, "{err}");
    // A schedule with problems is never cached: the error shows every time.
    repo.write(
        "schedule.toml",
        &BASIC.replace("engineer = \"bob\" }", "engineer = \"bbo\" }"),
    );
    for _ in 0..2 {
        let (code, _, err) = run(repo.oncall().arg("who"));
        assert_eq!(code, 1);
        assert!(err.contains("unknown person `bbo`"), "{err}");
    }
}

#[test]
fn uncommitted_edits_warn_whether_or_not_the_schedule_is_cached() {
    let repo = TestRepo::new(BASIC);
    let edited = format!("{BASIC}\n# a note nobody has committed\n");
    repo.write("schedule.toml", &edited);
    for run_ in ["parsed", "cached"] {
        let (code, _, err) = run(repo.oncall().args(["who", "--json"]));
        assert_eq!(code, 0);
        assert!(err.contains("uncommitted changes"), "{run_}: {err}");
    }
    repo.commit_all("the note");
    let (_, _, err) = run(repo.oncall().args(["who", "--json"]));
    assert!(err.is_empty(), "committed now, same cache entry: {err}");
    // Untracked (never committed) counts as uncommitted too.
    repo.git(&["rm", "-q", "--cached", "schedule.toml"]);
    repo.git(&["commit", "-q", "-m", "untrack"]);
    let (_, _, err) = run(repo.oncall().args(["who", "--json"]));
    assert!(err.contains("uncommitted changes"), "{err}");
}
