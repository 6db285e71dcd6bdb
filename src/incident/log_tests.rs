//! Page-log tests: round trips, torn rows, damaged rows, header protection, concurrency.

use super::*;
use crate::incident::event::EventKind;
use chrono::{DateTime, Utc};

fn ids(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.incident.as_str()).collect()
}

fn event(n: u32) -> Event {
    Event {
        time: DateTime::parse_from_rfc3339("2026-11-24T03:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + chrono::Duration::seconds(n.into()),
        incident: format!("i{n}"),
        kind: EventKind::Page,
        service: "ingest".into(),
        urgency: "high".into(),
        level: Some(1),
        actor: "alice".into(),
        manager: "alice".into(),
        engineer: "dave".into(),
        summary: format!("=cmd|' /C calc'!A0, \"quoted\", line\nbreak {n}"),
        source: "manual".into(),
        ..Event::default()
    }
}

#[test]
fn round_trips_and_writes_a_header_and_gitattributes() {
    let dir = tempfile::tempdir().unwrap();
    let log = Log::new(dir.path());
    assert_eq!(log.read_all().unwrap(), (vec![], vec![]));
    log.append(&[event(1), event(2)]).unwrap();
    log.append(&[event(3)]).unwrap();
    let text = fs::read_to_string(log.path()).unwrap();
    assert!(text.starts_with("time,incident,event,service,urgency,level,actor,manager,engineer,ticket,status,summary,source,documented,automated\r\n"));
    assert_eq!(text.lines().count(), 4, "one physical line per row");
    assert!(
        text.contains("\"'=cmd|' /C calc'!A0, \"\"quoted\"\", line break 1\""),
        "{text}"
    );
    let (events, damaged) = log.read_all().unwrap();
    assert!(damaged.is_empty());
    assert_eq!(events.len(), 3);
    let mut want = event(2);
    want.summary = want.summary.replace('\n', " ");
    assert_eq!(events[1], want);
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitattributes")).unwrap(),
        "pages.csv merge=union\n"
    );
}

#[test]
fn a_torn_last_row_is_skipped_and_the_next_append_starts_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let log = Log::new(dir.path());
    log.append(&[event(1)]).unwrap();
    // A writer killed mid-row, inside a quoted cell.
    let mut f = OpenOptions::new().append(true).open(log.path()).unwrap();
    f.write_all(b"2026-11-24T03:00:09Z,i9,page,ingest,high,1,alice,alice,dave,,,\"half a sum")
        .unwrap();
    drop(f);
    let (events, damaged) = log.read_all().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        damaged,
        vec![Damaged {
            line: 3,
            reason: "incomplete last row (a write was interrupted)".into()
        }]
    );
    log.append(&[event(2)]).unwrap();
    let (events, damaged) = log.read_all().unwrap();
    assert_eq!(ids(&events), ["i1", "i2"]);
    assert_eq!(damaged.len(), 1);
    assert_eq!(damaged[0].line, 3);
    assert!(
        damaged[0].reason.contains("unbalanced quotes"),
        "{damaged:?}"
    );
}

#[test]
fn damaged_rows_are_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let log = Log::new(dir.path());
    let header = COLUMNS.join(",");
    fs::write(
        log.path(),
        format!(
            "{header}\n\
             2026-11-24T03:00:00Z,a,page,ingest,high,1,x,m,e,,,ok,manual,,\n\
             yesterday,b,page,ingest,high,1,x,m,e,,,bad time,manual,,\n\
             2026-11-24T03:00:00Z,c,paged,ingest,high,1,x,m,e,,,bad kind,manual,,\n\
             2026-11-24T03:00:00Z,d,page,ingest\n\
             \n\
             2026-11-24T03:00:00Z,e,resolve,ingest,high,1,x,m,e,,,ok,manual,true,false,extra,cols\n"
        ),
    )
    .unwrap();
    let (events, damaged) = log.read_all().unwrap();
    assert_eq!(ids(&events), ["a", "e"]);
    assert_eq!(
        damaged.iter().map(|d| d.line).collect::<Vec<_>>(),
        [3, 4, 5]
    );
    assert_eq!(
        damaged[0].to_string(),
        "pages.csv line 3: `yesterday` is not an RFC 3339 time; skipped"
    );
    assert_eq!(events[1].documented, Some(true));
}

#[test]
fn refuses_to_append_to_something_else() {
    let dir = tempfile::tempdir().unwrap();
    let log = Log::new(dir.path());
    fs::write(log.path(), "name,amount\nx,1\n").unwrap();
    assert!(
        log.append(&[event(1)])
            .unwrap_err()
            .message
            .contains("page-log header")
    );
    assert_eq!(
        fs::read_to_string(log.path()).unwrap(),
        "name,amount\nx,1\n"
    );
}

#[test]
fn concurrent_appends_never_interleave() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let root = root.clone();
            std::thread::spawn(move || {
                let log = Log::new(&root);
                for n in 0..25 {
                    log.append(&[event(t * 100 + n)]).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let (events, damaged) = Log::new(&root).read_all().unwrap();
    assert!(damaged.is_empty(), "{damaged:?}");
    assert_eq!(events.len(), 200);
}
