//! `oncall runbook --search TEXT`: matching lines with context, as JSON, grep-style rows when
//! piped, and highlighted groups on a terminal.

use super::{API_MD, repo_at};
use crate::common::{json, run};

/// The 1-based numbers of the fixture's lines containing `needle`.
fn lines_with(needle: &str) -> Vec<usize> {
    API_MD
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect()
}

#[test]
fn finds_lines_with_context_as_json() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    repo.write(
        "runbooks/kafka.md",
        "# Kafka\n\nUse kubectl to find the broker pods.\n",
    );
    let (code, out, err) = run(repo
        .oncall()
        .args(["runbook", "--search", "kubectl", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["query"], "kubectl");
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["service"], "api");
    assert_eq!(results[0]["path"], "runbooks/api.md");
    let found: Vec<u64> = results[0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["line"].as_u64().unwrap())
        .collect();
    let want: Vec<u64> = lines_with("kubectl").iter().map(|&n| n as u64).collect();
    assert_eq!(found, want);
    let first = &results[0]["matches"][0];
    assert_eq!(first["before"].as_array().unwrap().len(), 2);
    assert_eq!(first["after"][0], "   ```");
    assert_eq!(results[1]["service"], serde_json::Value::Null);
    assert_eq!(results[1]["path"], "runbooks/kafka.md");
}

#[test]
fn ignores_case_unless_the_query_has_capitals() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let count = |q: &str| {
        let (_, out, _) = run(repo.oncall().args(["runbook", "--search", q, "--json"]));
        json(&out)["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["matches"].as_array().unwrap().len())
            .sum::<usize>()
    };
    assert_eq!(count("roll back"), 2);
    assert_eq!(count("Roll back"), 1);
    assert_eq!(count("ROLL BACK"), 0);
}

#[test]
fn piped_rows_are_grep_style() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let n = lines_with("rollout undo")[0];
    let (code, out, err) =
        run(repo
            .oncall()
            .args(["runbook", "--search", "rollout undo", "-C", "1"]));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = API_MD.lines().collect();
    assert_eq!(
        out,
        format!(
            "runbooks/api.md-{}-{}\nrunbooks/api.md:{n}:{}\nrunbooks/api.md-{}-{}\n",
            n - 1,
            lines[n - 2],
            lines[n - 1],
            n + 1,
            lines[n]
        )
    );
    assert!(err.contains("1 matching line(s) in 1 runbook(s)"), "{err}");
    let (_, out, _) = run(repo
        .oncall()
        .args(["runbook", "--search", "kubectl", "-C", "0"]));
    assert_eq!(
        out.matches("\n--\n").count(),
        lines_with("kubectl").len() - 1,
        "{out}"
    );
}

#[test]
fn a_terminal_gets_groups_with_line_numbers() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    let n = lines_with("rollout undo")[0];
    let (code, out, _) = run(repo
        .oncall()
        .env("ONCALL_FORCE_TTY", "1")
        .env("PAGER", "cat")
        .args(["runbook", "--search", "rollout undo", "--color", "never"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("runbooks/api.md (api)\n"), "{out}");
    assert!(out.contains(&format!("{n}: kubectl rollout undo")), "{out}");
    let (_, out, _) = run(repo
        .oncall()
        .env("ONCALL_FORCE_TTY", "1")
        .env("PAGER", "cat")
        .args(["runbook", "--search", "undo", "--color", "always"]));
    assert!(
        out.contains("rollout \u{1b}[1m\u{1b}[33mundo\u{1b}[0m"),
        "{out:?}"
    );
}

#[test]
fn nothing_found_exits_1_and_one_service_can_be_searched() {
    let repo = repo_at("2026-10-01T12:00:00Z", "");
    repo.write("runbooks/kafka.md", "# Kafka\n\nkubectl get pods\n");
    let (code, out, err) = run(repo.oncall().args(["runbook", "--search", "no such words"]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("no runbook mentions `no such words`"), "{err}");
    let (code, out, _) = run(repo
        .oncall()
        .args(["runbook", "api", "--search", "kubectl", "--json"]));
    assert_eq!(code, 0);
    assert_eq!(json(&out)["results"].as_array().unwrap().len(), 1);
    let (code, _, err) = run(repo.oncall().args(["runbook", "db", "--search", "x"]));
    assert_eq!(code, 1);
    assert!(err.contains("`db` has no runbook yet"), "{err}");
}
