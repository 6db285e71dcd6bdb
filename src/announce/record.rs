//! How an announcement is kept in the page log, whose columns are fixed: one `announce` row
//! with `status` = the public status, `summary` = the message, and `source` = which channels
//! took it, e.g. `ok=email+devops;failed=discord;statuspage=p31zjtct2jer`.
//!
//! - `ok` and `failed` list channel names (names are `[a-z0-9_-]`, so `+` and `;` are free);
//! - `statuspage=ID` is the Atlassian Statuspage incident this incident maps to, so later
//!   announcements update it instead of opening another (and teammates' clones know it after
//!   `oncall sync`);
//! - `of=TIME` marks a `--retry` row: it re-sent the announcement made at TIME. The original
//!   time is what Matrix transaction ids and email Message-IDs derive from, so a retry is
//!   recognised as the same message.
//!
//! A row whose `source` is not in this form (written by hand, or by an older version) still
//! counts as an announcement, with unknown channels.

use chrono::{DateTime, Utc};

use crate::incident::{Event, EventKind, EventRef};

use super::Status;

/// The channel outcome of one announce row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub ok: Vec<String>,
    pub failed: Vec<String>,
    pub statuspage_id: Option<String>,
    /// Set on a `--retry` row: the time of the announcement it re-sent.
    pub of: Option<DateTime<Utc>>,
}

impl Record {
    /// The `source` cell.
    pub fn encode(&self) -> String {
        let mut s = format!("ok={};failed={}", self.ok.join("+"), self.failed.join("+"));
        if let Some(id) = &self.statuspage_id {
            s.push_str(&format!(";statuspage={id}"));
        }
        if let Some(of) = self.of {
            s.push_str(&format!(";of={}", crate::output::fmt::rfc3339(of)));
        }
        s
    }

    /// Reads a `source` cell; `None` when it is not in the announce form.
    pub fn decode(s: &str) -> Option<Record> {
        let mut r = Record::default();
        let mut seen = false;
        for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=')?;
            let list = || -> Vec<String> {
                v.split('+')
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            match k {
                "ok" => {
                    r.ok = list();
                    seen = true;
                }
                "failed" => r.failed = list(),
                "statuspage" if !v.is_empty() => r.statuspage_id = Some(v.to_string()),
                "of" => {
                    r.of = Some(DateTime::parse_from_rfc3339(v).ok()?.with_timezone(&Utc));
                }
                _ => {}
            }
        }
        seen.then_some(r)
    }
}

/// One announcement as the log tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announced {
    /// When it was announced (for a retry row: the original announcement's time).
    pub at: DateTime<Utc>,
    /// When this row was written.
    pub row_time: DateTime<Utc>,
    pub status: Option<Status>,
    pub message: String,
    pub record: Option<Record>,
}

impl Announced {
    pub fn from_row(e: &EventRef<'_>) -> Option<Announced> {
        if e.kind != EventKind::Announce {
            return None;
        }
        let record = Record::decode(e.source);
        Some(Announced {
            at: record.as_ref().and_then(|r| r.of).unwrap_or(e.time),
            row_time: e.time,
            status: Status::parse(e.status),
            message: e.summary.to_string(),
            record,
        })
    }

    /// Whether this row is a `--retry` of an earlier one.
    pub fn is_retry(&self) -> bool {
        self.record.as_ref().is_some_and(|r| r.of.is_some())
    }
}

/// The announce rows of `incident`, oldest row first.
pub fn history(events: &[Event], incident: &str) -> Vec<Announced> {
    let mut out: Vec<Announced> = events
        .iter()
        .filter(|e| e.incident == incident)
        .filter_map(|e| Announced::from_row(&e.as_ref()))
        .collect();
    out.sort_by_key(|a| a.row_time);
    out
}

/// The Statuspage incident this incident was announced on, if any (the latest one named).
pub fn statuspage_id(history: &[Announced]) -> Option<String> {
    history
        .iter()
        .rev()
        .find_map(|a| a.record.as_ref().and_then(|r| r.statuspage_id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn round_trips() {
        let r = Record {
            ok: vec!["email".into(), "devops".into()],
            failed: vec!["discord".into()],
            statuspage_id: Some("p31zjtct2jer".into()),
            of: Some(t("2026-11-24T15:15:00Z")),
        };
        let s = r.encode();
        assert_eq!(
            s,
            "ok=email+devops;failed=discord;statuspage=p31zjtct2jer;of=2026-11-24T15:15:00Z"
        );
        assert_eq!(Record::decode(&s), Some(r));
        assert_eq!(
            Record::decode("ok=static;failed="),
            Some(Record {
                ok: vec!["static".into()],
                ..Record::default()
            })
        );
        // The form survives the log's formula guard untouched (it starts with a letter).
        assert_eq!(crate::incident::event::safe(&s), s);
    }

    #[test]
    fn other_sources_are_not_records() {
        assert_eq!(Record::decode("manual"), None);
        assert_eq!(Record::decode(""), None);
        assert_eq!(Record::decode("failed=x"), None);
    }

    #[test]
    fn history_reads_retries_and_statuspage_ids() {
        let row = |time: &str, source: &str| Event {
            time: t(time),
            incident: "k7m2q".into(),
            kind: EventKind::Announce,
            status: "identified".into(),
            summary: "found it".into(),
            source: source.into(),
            ..Event::default()
        };
        let events = vec![
            row(
                "2026-11-24T15:20:00Z",
                "ok=a;failed=b;of=2026-11-24T15:15:00Z",
            ),
            row("2026-11-24T15:15:00Z", "ok=a+sp;failed=b+c;statuspage=X1"),
            Event {
                incident: "other".into(),
                ..row("2026-11-24T15:30:00Z", "ok=a;failed=")
            },
        ];
        let h = history(&events, "k7m2q");
        assert_eq!(h.len(), 2);
        assert!(!h[0].is_retry() && h[1].is_retry());
        assert_eq!(h[1].at, t("2026-11-24T15:15:00Z"));
        assert_eq!(h[1].status, Some(Status::Identified));
        assert_eq!(statuspage_id(&h).as_deref(), Some("X1"));
    }
}
