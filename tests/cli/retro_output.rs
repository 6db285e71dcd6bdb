//! What `oncall retro` prints or writes for people: the terminal report, TSV when piped,
//! Markdown notes, and `--html FILE`, a self-contained page that a real browser renders with
//! its charts. The HTML test needs Debian's `chromium` (`apt-get install -y chromium`); it
//! fails, rather than skipping, when it is missing.

use std::path::Path;

use crate::common::run;
use crate::retro::repo_with_log;
use crate::support::peers::headless_chromium;

/// The DOM after Chromium loaded and laid out `page`.
fn render(page: &Path) -> String {
    headless_chromium(page, &["--dump-dom"])
}

#[test]
fn html_page_renders_in_headless_chromium_with_charts() {
    let repo = repo_with_log();
    let page = repo.path().join("retro.html");
    let (code, out, err) = run(repo
        .oncall()
        .args(["retro", "--week", "2026-W47", "--weeks", "3", "--html"])
        .arg(&page));
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "the page goes to the file: {out}");
    assert!(err.contains("wrote"), "{err}");
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing to fetch, no scripts; user text escaped.
    for banned in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(banned), "found {banned}");
    }
    assert!(html.contains("disk | full &lt;b&gt;"), "escaped summary");

    let dom = render(&page);
    assert!(dom.contains("On-call retro: Test Team, 2026-W47"), "{dom}");
    let charts = dom.matches("<svg class=\"chart\"").count();
    assert_eq!(charts, 5, "{dom}");
    for chart in ["pages", "response", "escalations", "learning", "morale"] {
        assert!(dom.contains(&format!("data-chart=\"{chart}\"")), "{chart}");
    }
    // One bar per series and week in the pages chart: 3 series x 4 weeks.
    let points = dom.matches("class=\"point\" data-series=\"pages\"").count();
    assert_eq!(points, 4, "{dom}");
    assert!(
        dom.contains("data-week=\"2026-W47\" data-value=\"7\""),
        "{dom}"
    );
    for week in ["2026-W44", "2026-W45", "2026-W46", "2026-W47"] {
        assert!(dom.contains(&format!(">{week}</text>")), "{week}");
    }
    // The injected tag stayed text in the rendered DOM.
    assert!(!dom.contains("<b>"), "{dom}");
}

#[test]
fn html_to_a_missing_folder_fails_without_a_partial_file() {
    let repo = repo_with_log();
    let (code, _, err) = run(repo
        .oncall()
        .args(["retro", "--html", "no/such/dir/retro.html"]));
    assert_eq!(code, 1);
    assert!(err.contains("error: cannot write"), "{err}");
    assert!(!repo.path().join("no").exists());
}

#[test]
fn terminal_report_tsv_and_markdown() {
    let repo = repo_with_log();
    let (code, out, err) = run(repo
        .oncall()
        .env("ONCALL_FORCE_TTY", "1")
        .env("COLUMNS", "160")
        .args([
            "retro", "--week", "2026-W47", "--weeks", "3", "--color", "never",
        ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("On-call retro: Test Team, 2026-W47"), "{out}");
    assert!(out.contains("2026-W44 → 2026-W47"), "{out}");
    assert!(out.contains('█') && out.contains('▁'), "sparklines: {out}");
    assert!(out.contains("Who got paged when"), "{out}");
    assert!(out.contains("Open at the end of the week"), "{out}");
    assert!(out.contains("could have waited): d4"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour without a real terminal: {out}"
    );

    // Piped: one row per week, oldest first.
    let (code, out, _) = run(repo
        .oncall()
        .args(["retro", "--week", "2026-W47", "--weeks", "2"]));
    assert_eq!(code, 0);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[2][..5],
        ["2026-W47", "2026-11-16T05:00:00Z", "7", "4", "3"]
    );

    let (code, md, _) = run(repo
        .oncall()
        .args(["retro", "--week", "2026-W47", "--markdown"]));
    assert_eq!(code, 0);
    assert!(
        md.starts_with("# On-call retro: Test Team, 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)"),
        "{md}"
    );
    for heading in [
        "## The week in numbers",
        "## Incidents",
        "## Urgency to fix",
        "## Trend",
        "## What to fix next",
    ] {
        assert!(md.contains(heading), "{heading}: {md}");
    }
    assert!(md.contains("| Pages | 7 |"), "{md}");
    assert!(md.contains("| Documented | 43% of 7 |"), "{md}");
    // The pipe and the tag in b2's summary are escaped.
    assert!(md.contains("disk \\| full \\<b\\>"), "{md}");
}
