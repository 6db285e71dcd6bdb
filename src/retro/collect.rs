//! The streaming fold behind the retro and the handoff: reads every row of the log once and
//! keeps only small per-incident records for what a time window `[from, to)` needs, so memory
//! depends on the window and on how many incidents are open, never on the log's length.
//!
//! Which rows are kept:
//! - an incident with a `page` row before `to` gets a record (its first page decides which
//!   week it belongs to; it may be older than the window and still open in it);
//! - a record is dropped as soon as it is closed before `from` (paged and resolved before the
//!   window): it cannot be open at the end of any week in the window, nor resolved in one;
//! - a row of an incident with no record yet (an `ack` or `resolve` that a union merge put
//!   before its `page`) starts an "orphan" record: any `resolve` before `to + SLACK` (an old
//!   incident's resolution decides whether it is still open), other rows only within
//!   [`SLACK`] of the window (only the window's incidents need them);
//! - orphans are swept once the log has moved [`SLACK`] past their latest row (the file's
//!   "high-water" time): their `page` row is not coming, so they are not incidents;
//! - `page` rows after `to` only update incidents already known;
//! - `morale` rows count when their time is in the window.
//!
//! The log is mostly in time order, and rows out of order (union merges, `--at`) are hours or
//! days apart, not weeks: a row more than [`SLACK`] before its `page` row in the file is not
//! matched to it. Order within the file does not matter otherwise: each field is folded by
//! time, by `incident::Incident` itself. A closed incident dropped before the window that is paged
//! again later (a re-fire weeks after its resolution) counts as a new incident.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Duration, Utc};

use crate::incident::{EventKind, EventRef, Incident};

/// How far out of the window a row whose incident is not known yet is still kept.
pub const SLACK: Duration = Duration::days(14);

/// A `morale` row: how the week felt for someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoraleRow {
    pub time: DateTime<Utc>,
    pub score: u8,
    /// Whose score it is (the row's `actor`).
    pub who: String,
    pub note: String,
    pub manager: String,
    pub engineer: String,
}

/// What the fold keeps.
#[derive(Debug, Default)]
pub struct Collected {
    /// Incidents with a page row, oldest page first.
    pub incidents: Vec<Incident>,
    /// Morale rows in the window, oldest first.
    pub morale: Vec<MoraleRow>,
    /// Morale rows whose score is not 1-5: what they said, for a warning.
    pub bad_morale: Vec<String>,
}

/// Folds the rows of the log, in any order, for the window `[from, to)`.
#[derive(Debug)]
pub struct Collector {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    records: Ids<Incident>,
    morale: Vec<MoraleRow>,
    bad_morale: Vec<String>,
    /// The latest row time seen so far: the log's high-water mark.
    high_water: Option<DateTime<Utc>>,
    rows: u64,
    /// Cleared records whose string buffers are reused.
    spare: Vec<Incident>,
    /// The most records held at once, for the memory test.
    peak: usize,
}

/// A fast multiply-rotate hash (as in rustc's FxHash) for incident ids: the map is looked up
/// once per row of the log, and the ids come from our own file, so there is no untrusted
/// input to defend against with SipHash.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Ids<V> = HashMap<Box<str>, V, BuildHasherDefault<IdHasher>>;

/// Orphans are swept every this many rows.
const SWEEP_EVERY: u64 = 1 << 16;

impl Collector {
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Collector {
        Collector {
            from,
            to,
            records: Ids::default(),
            morale: Vec::new(),
            bad_morale: Vec::new(),
            high_water: None,
            rows: 0,
            spare: Vec::new(),
            peak: 0,
        }
    }

    /// Folds one row in.
    pub fn apply(&mut self, e: EventRef<'_>) {
        self.high_water = Some(self.high_water.map_or(e.time, |h| h.max(e.time)));
        self.rows += 1;
        if self.rows.is_multiple_of(SWEEP_EVERY) {
            self.sweep();
        }
        if e.kind == EventKind::Morale {
            self.morale(&e);
            return;
        }
        if e.incident.is_empty() {
            return;
        }
        if let Some(rec) = self.records.get_mut(e.incident) {
            rec.apply(&e);
            let done = rec.closed_before(self.from) || rec.paged_at.is_some_and(|p| p >= self.to);
            if done && let Some(rec) = self.records.remove(e.incident) {
                self.recycle(rec);
            }
            return;
        }
        let keep = match e.kind {
            EventKind::Page => e.time < self.to,
            EventKind::Resolve => e.time < self.to + SLACK,
            _ => e.time >= self.from - SLACK && e.time < self.to + SLACK,
        };
        if !keep {
            return;
        }
        let mut rec = self.spare.pop().unwrap_or_default();
        e.incident.clone_into(&mut rec.id);
        rec.apply(&e);
        if rec.closed_before(self.from) {
            self.recycle(rec);
        } else {
            self.records.insert(e.incident.into(), rec);
            self.peak = self.peak.max(self.records.len());
        }
    }

    /// Keeps a dropped record's buffers for the next incident: most incidents before the
    /// window live for a few rows, and reusing their strings saves several allocations each.
    fn recycle(&mut self, mut rec: Incident) {
        if self.spare.len() < 64 {
            rec.clear();
            self.spare.push(rec);
        }
    }

    /// Drops orphans (no `page` row yet) whose latest row is more than [`SLACK`] behind the
    /// log's high-water mark: their page is not coming.
    fn sweep(&mut self) {
        let Some(limit) = self.high_water.map(|h| h - SLACK) else {
            return;
        };
        self.records
            .retain(|_, r| r.paged_at.is_some() || r.last_event_at.is_some_and(|t| t >= limit));
    }

    fn morale(&mut self, e: &EventRef<'_>) {
        if e.time < self.from || e.time >= self.to {
            return;
        }
        match e.status.trim().parse::<u8>() {
            Ok(score @ 1..=5) => self.morale.push(MoraleRow {
                time: e.time,
                score,
                who: e.actor.to_string(),
                note: e.summary.to_string(),
                manager: e.manager.to_string(),
                engineer: e.engineer.to_string(),
            }),
            _ => self.bad_morale.push(format!(
                "the morale row at {} by `{}` has score `{}`, not 1-5; skipped",
                crate::output::fmt::rfc3339(e.time),
                e.actor,
                e.status
            )),
        }
    }

    /// The most incident records held at once during the fold.
    pub fn peak(&self) -> usize {
        self.peak
    }

    pub fn finish(self) -> Collected {
        let mut incidents: Vec<Incident> = self
            .records
            .into_values()
            .filter(|r| r.paged_at.is_some())
            .collect();
        incidents.sort_by(|a, b| a.paged_at.cmp(&b.paged_at).then_with(|| a.id.cmp(&b.id)));
        let mut morale = self.morale;
        morale.sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.who.cmp(&b.who)));
        Collected {
            incidents,
            morale,
            bad_morale: self.bad_morale,
        }
    }
}

#[cfg(test)]
#[path = "collect_tests.rs"]
mod tests;
