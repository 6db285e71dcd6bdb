//! `oncall morale SCORE`: the row it writes (empty incident, score in `status`, the note
//! neutralised for spreadsheets, the roles at the time) and how the retro counts it.

use crate::common::{json, run};
use crate::retro::{repo_with_log, retro};

#[test]
fn morale_records_a_row_the_retro_counts() {
    let repo = repo_with_log();
    let (code, _, err) = run(repo.oncall().env("ONCALL_ACTOR", "bob").args([
        "morale",
        "3",
        "--note",
        "=cmd|' /C calc'!A0",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded morale 3 for 2026-W48"), "{err}");
    let log = repo.read("pages.csv");
    let last = log.lines().last().unwrap();
    // Empty incident cell; score in `status`; the note neutralised for spreadsheets; roles now.
    assert!(
        last.starts_with(
            "2026-11-24T15:15:00Z,,morale,,,,bob,alice,bob,,3,'=cmd|' /C calc'!A0,manual,,"
        ),
        "{last}"
    );
    let (v, _) = retro(&repo, &["--weeks", "0"]);
    assert_eq!(v["morale"]["count"], 2);
    assert_eq!(v["morale"]["mean"], 4.0); // 5 and 3
    assert_eq!(v["morale"]["scores"][1]["note"], "=cmd|' /C calc'!A0");
    for bad in ["0", "6", "x"] {
        let (code, _, _) = run(repo.oncall().args(["morale", bad]));
        assert_eq!(code, 2, "{bad}");
    }
    let before = repo.read("pages.csv");
    let (code, _, err) = run(repo
        .oncall()
        .args(["morale", "4", "--at", "2026-11-29 12:00"]));
    assert_eq!(code, 2, "a week that has not happened yet");
    assert!(err.contains("in the future"), "{err}");
    assert_eq!(repo.read("pages.csv"), before);
    let (code, out, _) =
        run(repo
            .oncall()
            .args(["morale", "2", "--at", "2026-11-18 12:00", "--json"]));
    assert_eq!(code, 0);
    assert_eq!(json(&out)["week"], "2026-W47");
}
