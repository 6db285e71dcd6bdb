//! Loader tests: settings parsing and typo suggestions.

use super::{nearest, parse};

#[test]
fn runbooks_stale_after_defaults_and_parses() {
    let base = "[team]\nname = \"T\"\ntimezone = \"UTC\"\n";
    let s = parse(base).unwrap().schedule;
    assert_eq!(s.runbooks.stale_after, chrono::Duration::days(180));
    let s = parse(&format!("{base}[runbooks]\nstale_after = \"26w\"\n")).unwrap();
    assert_eq!(s.schedule.runbooks.stale_after, chrono::Duration::weeks(26));
    let bad = parse(&format!("{base}[runbooks]\nstale_after = \"6mo\"\n")).unwrap();
    assert_eq!(bad.problems.len(), 1);
    let typo = parse(&format!("{base}[runbooks]\nstale = \"1w\"\n")).unwrap();
    assert_eq!(
        typo.problems[0].hint.as_deref(),
        Some("did you mean `stale_after`?")
    );
}

#[test]
fn suggests_plausible_typos_only() {
    let people = ["alice", "bob", "dave", "tl-ingest", "tl-warehouse"];
    assert_eq!(nearest("bbo", people), Some("bob"));
    assert_eq!(nearest("dvae", people), Some("dave"));
    assert_eq!(nearest("tl-ingset", people), Some("tl-ingest"));
    assert_eq!(nearest("Alice", people), Some("alice"));
    assert_eq!(nearest("zed", people), None);
    assert_eq!(nearest("evry", ["start", "every", "pairs"]), Some("every"));
}
