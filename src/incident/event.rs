//! One row of `pages.csv`: the columns (stable, in this order; new ones only at the end), how a
//! row is written (RFC 4180, one physical line, spreadsheet formulas neutralised) and how a
//! line is read back without allocating (`EventRef`), so replaying a million rows is cheap.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

/// The header of `pages.csv`.
pub const COLUMNS: [&str; 15] = [
    "time",
    "incident",
    "event",
    "service",
    "urgency",
    "level",
    "actor",
    "manager",
    "engineer",
    "ticket",
    "status",
    "summary",
    "source",
    "documented",
    "automated",
];

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum EventKind {
    #[default]
    Page,
    Ack,
    Escalate,
    Announce,
    Note,
    Resolve,
    Morale,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Page,
        EventKind::Ack,
        EventKind::Escalate,
        EventKind::Announce,
        EventKind::Note,
        EventKind::Resolve,
        EventKind::Morale,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Page => "page",
            EventKind::Ack => "ack",
            EventKind::Escalate => "escalate",
            EventKind::Announce => "announce",
            EventKind::Note => "note",
            EventKind::Resolve => "resolve",
            EventKind::Morale => "morale",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        // Runs once per row of the log (millions in a retro): pick the candidate by length
        // and first letter, then compare once.
        let k = match (s.len(), s.as_bytes().first()) {
            (4, Some(b'p')) => EventKind::Page,
            (3, _) => EventKind::Ack,
            (8, Some(b'e')) => EventKind::Escalate,
            (8, _) => EventKind::Announce,
            (4, _) => EventKind::Note,
            (7, _) => EventKind::Resolve,
            (6, _) => EventKind::Morale,
            _ => return None,
        };
        (k.as_str() == s).then_some(k)
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An event, owned. Empty strings stand for empty cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    pub time: DateTime<Utc>,
    pub incident: String,
    pub kind: EventKind,
    pub service: String,
    /// `high`, `low`, or empty.
    pub urgency: String,
    /// The level reached: 1, 2 or 3.
    pub level: Option<u8>,
    /// Who ran the command (or the alert source).
    pub actor: String,
    /// Who held each role at `time`.
    pub manager: String,
    pub engineer: String,
    pub ticket: String,
    /// For `announce` the public status; for `morale` the score 1-5.
    pub status: String,
    pub summary: String,
    /// `manual`, `alertmanager`, `grafana`, `pagerduty`, `opsgenie`.
    pub source: String,
    /// On `resolve`.
    pub documented: Option<bool>,
    pub automated: Option<bool>,
}

/// An event borrowed from a line of the log: no allocation per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRef<'a> {
    pub time: DateTime<Utc>,
    pub incident: &'a str,
    pub kind: EventKind,
    pub service: &'a str,
    pub urgency: &'a str,
    pub level: Option<u8>,
    pub actor: &'a str,
    pub manager: &'a str,
    pub engineer: &'a str,
    pub ticket: &'a str,
    pub status: &'a str,
    pub summary: &'a str,
    pub source: &'a str,
    pub documented: Option<bool>,
    pub automated: Option<bool>,
}

impl EventRef<'_> {
    pub fn to_owned(&self) -> Event {
        Event {
            time: self.time,
            incident: self.incident.to_string(),
            kind: self.kind,
            service: self.service.to_string(),
            urgency: self.urgency.to_string(),
            level: self.level,
            actor: self.actor.to_string(),
            manager: self.manager.to_string(),
            engineer: self.engineer.to_string(),
            ticket: self.ticket.to_string(),
            status: self.status.to_string(),
            summary: self.summary.to_string(),
            source: self.source.to_string(),
            documented: self.documented,
            automated: self.automated,
        }
    }
}

impl Event {
    pub fn as_ref(&self) -> EventRef<'_> {
        EventRef {
            time: self.time,
            incident: &self.incident,
            kind: self.kind,
            service: &self.service,
            urgency: &self.urgency,
            level: self.level,
            actor: &self.actor,
            manager: &self.manager,
            engineer: &self.engineer,
            ticket: &self.ticket,
            status: &self.status,
            summary: &self.summary,
            source: &self.source,
            documented: self.documented,
            automated: self.automated,
        }
    }

    /// The cells of this event, in column order, as they are written.
    pub fn cells(&self) -> [String; 15] {
        let b = |v: Option<bool>| v.map_or_else(String::new, |v| v.to_string());
        [
            self.time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            safe(&self.incident),
            self.kind.as_str().to_string(),
            safe(&self.service),
            safe(&self.urgency),
            self.level.map_or_else(String::new, |l| l.to_string()),
            safe(&self.actor),
            safe(&self.manager),
            safe(&self.engineer),
            safe(&self.ticket),
            safe(&self.status),
            safe(&self.summary),
            safe(&self.source),
            b(self.documented),
            b(self.automated),
        ]
    }
}

/// Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: on one line (line breaks become spaces, so each row is one physical
/// line and a torn write can only damage its own row), and prefixed with `'` when a
/// spreadsheet would run it as a formula. A leading `'` is doubled so reading is exact.
pub fn safe(cell: &str) -> String {
    let one_line: String = cell
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) || c == '\'' => format!("'{one_line}"),
        _ => one_line,
    }
}

/// The inverse of the `'` prefix of [`safe`].
pub fn unsafe_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c| FORMULA_STARTS.contains(&c) || c == '\'') => rest,
        _ => cell,
    }
}

/// Parses the cells of one row (at least the 15 known columns; later columns are ignored).
pub fn parse_cells<'a>(cells: &[&'a str]) -> Result<EventRef<'a>, String> {
    if cells.len() < COLUMNS.len() {
        return Err(format!("{} cells, expected {}", cells.len(), COLUMNS.len()));
    }
    let time =
        parse_time(cells[0]).ok_or_else(|| format!("`{}` is not an RFC 3339 time", cells[0]))?;
    let kind = EventKind::parse(cells[2]).ok_or_else(|| format!("unknown event `{}`", cells[2]))?;
    let level = match cells[5] {
        "" => None,
        l => Some(
            l.parse::<u8>()
                .ok()
                .filter(|l| (1..=3).contains(l))
                .ok_or_else(|| format!("level `{l}` is not 1, 2 or 3"))?,
        ),
    };
    // The log is written with `true`/`false`; a log kept or fixed up in a spreadsheet may say
    // TRUE, yes or 1, and readers take those too.
    let flag = |i: usize| -> Result<Option<bool>, String> {
        let v = cells[i].trim();
        if v.is_empty() {
            return Ok(None);
        }
        match v.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Ok(Some(true)),
            "false" | "no" | "n" | "0" => Ok(Some(false)),
            _ => Err(format!("{} `{v}` is not true or false", COLUMNS[i])),
        }
    };
    Ok(EventRef {
        time,
        incident: unsafe_cell(cells[1]),
        kind,
        service: unsafe_cell(cells[3]),
        urgency: unsafe_cell(cells[4]),
        level,
        actor: unsafe_cell(cells[6]),
        manager: unsafe_cell(cells[7]),
        engineer: unsafe_cell(cells[8]),
        ticket: unsafe_cell(cells[9]),
        status: unsafe_cell(cells[10]),
        summary: unsafe_cell(cells[11]),
        source: unsafe_cell(cells[12]),
        documented: flag(13)?,
        automated: flag(14)?,
    })
}

/// RFC 3339, with a fast path for the `2026-11-24T03:12:45Z` form the log is written in.
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
    {
        let n = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, d| {
                d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
            })
        };
        let date = NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)?;
        return Some(
            date.and_hms_opt(n(11..13)?, n(14..16)?, n(17..19)?)?
                .and_utc(),
        );
    }
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_and_round_trips() {
        for (raw, written) in [
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("+1 555", "'+1 555"),
            ("-5% traffic", "'-5% traffic"),
            ("@alice", "'@alice"),
            ("\tx", "'\tx"),
            ("'quoted'", "''quoted'"),
            ("plain", "plain"),
            ("two\nlines", "two lines"),
        ] {
            assert_eq!(safe(raw), written);
            assert_eq!(unsafe_cell(written), raw.replace('\n', " "));
        }
        assert_eq!(safe("\r\n=x"), "'  =x");
        assert_eq!(safe("\rcmd"), "' cmd");
        // A hand-written cell starting with a quote is left alone.
        assert_eq!(unsafe_cell("'hello"), "'hello");
    }

    #[test]
    fn parses_times() {
        let t = parse_time("2026-11-24T03:12:45Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-24T03:12:45+00:00");
        assert_eq!(parse_time("2026-11-24T04:12:45+01:00"), Some(t));
        assert_eq!(parse_time("2026-02-30T03:12:45Z"), None);
        assert_eq!(parse_time("2026-11-24 03:12"), None);
    }

    #[test]
    fn rejects_bad_cells() {
        let good = [
            "2026-11-24T03:12:45Z",
            "k7m2q",
            "page",
            "api",
            "high",
            "1",
            "me",
            "a",
            "b",
            "",
            "",
            "s",
            "manual",
            "",
            "",
        ];
        assert!(parse_cells(&good).is_ok());
        let mut bad = good;
        bad[2] = "paged";
        assert!(parse_cells(&bad).unwrap_err().contains("unknown event"));
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        for s in [
            "", "Page", "pagE", "escalatE", "announcE", "ack ", "resolved",
        ] {
            assert_eq!(EventKind::parse(s), None, "{s}");
        }
        let mut bad = good;
        bad[5] = "4";
        assert!(parse_cells(&bad).is_err());
        let mut ok = good;
        for (cell, want) in [
            ("TRUE", true),
            ("yes", true),
            ("1", true),
            ("False", false),
            ("0", false),
        ] {
            ok[13] = cell;
            assert_eq!(parse_cells(&ok).unwrap().documented, Some(want), "{cell}");
        }
        let mut bad = good;
        bad[13] = "maybe";
        assert!(parse_cells(&bad).is_err());
        assert!(parse_cells(&good[..14]).is_err());
    }
}
