//! Incidents derived from the log. Pure and order-tolerant: rows from two clones merged by
//! git (union merge) or written after the fact with `--at` may be out of time order, so each
//! field is folded by time (first page, first ack, highest level, latest announcement...).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::event::{EventKind, EventRef};

/// One incident as the log tells it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incident {
    pub id: String,
    pub service: String,
    pub urgency: String,
    pub summary: String,
    pub source: String,
    /// When it was paged (the earliest `page` row); `None` if that row is missing.
    pub paged_at: Option<DateTime<Utc>>,
    /// The latest `page` row (a re-fire of a resolved incident reopens it).
    pub last_paged_at: Option<DateTime<Utc>>,
    /// Who held each role when it was paged.
    pub manager: String,
    pub engineer: String,
    pub acked_at: Option<DateTime<Utc>>,
    pub acked_by: String,
    /// The level reached: 1, 2 or 3.
    pub level: u8,
    /// When level 2 and level 3 were first reached.
    pub level2_at: Option<DateTime<Utc>>,
    pub level3_at: Option<DateTime<Utc>>,
    /// The tracking ticket (the latest non-empty `ticket` cell).
    pub ticket: String,
    pub(crate) ticket_at: Option<DateTime<Utc>>,
    /// The latest public announcement and its status.
    pub last_announce_at: Option<DateTime<Utc>>,
    pub public_status: String,
    /// The first and the latest resolution (they differ when a re-fire reopened it).
    pub first_resolve: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub documented: Option<bool>,
    pub automated: Option<bool>,
    pub notes: u32,
    /// The latest event of any kind.
    pub last_event_at: Option<DateTime<Utc>>,
}

impl Incident {
    /// Open until resolved, and open again if paged after its last resolution.
    pub fn is_open(&self) -> bool {
        match (self.resolved_at, self.last_paged_at) {
            (None, _) => true,
            (Some(r), Some(p)) => p > r,
            (Some(_), None) => false,
        }
    }

    /// Whether it was open at instant `t`: paged before `t`, and not resolved before `t`
    /// unless paged again after that resolution (a re-fire reopens it). Between the first and
    /// the latest resolution only those two are known, which is exact for incidents resolved
    /// at most twice.
    pub fn open_at(&self, t: DateTime<Utc>) -> bool {
        let Some(paged) = self.paged_at else {
            return false;
        };
        if paged >= t {
            return false;
        }
        let resolved = [self.resolved_at, self.first_resolve]
            .into_iter()
            .flatten()
            .find(|r| *r < t);
        match resolved {
            None => true,
            Some(r) => self.last_paged_at.is_some_and(|p| p < t && p > r),
        }
    }

    /// Closed for good before `t`: paged and resolved before it, and not paged again since.
    pub(crate) fn closed_before(&self, t: DateTime<Utc>) -> bool {
        match (self.paged_at, self.last_paged_at, self.resolved_at) {
            (Some(first), Some(last), Some(r)) => first < t && r < t && last <= r,
            _ => false,
        }
    }

    /// Empties it for reuse, keeping the capacity of its strings (the retro recycles them).
    pub(crate) fn clear(&mut self) {
        let keep = |s: &mut String| {
            let mut s = std::mem::take(s);
            s.clear();
            s
        };
        *self = Incident {
            id: keep(&mut self.id),
            service: keep(&mut self.service),
            urgency: keep(&mut self.urgency),
            summary: keep(&mut self.summary),
            source: keep(&mut self.source),
            manager: keep(&mut self.manager),
            engineer: keep(&mut self.engineer),
            acked_by: keep(&mut self.acked_by),
            ticket: keep(&mut self.ticket),
            public_status: keep(&mut self.public_status),
            ..Incident::default()
        };
    }

    /// Folds one row of this incident in, in any order.
    pub(crate) fn apply(&mut self, e: &EventRef<'_>) {
        let earlier = |cur: Option<DateTime<Utc>>| cur.is_none_or(|c| e.time < c);
        let later = |cur: Option<DateTime<Utc>>| cur.is_none_or(|c| e.time >= c);
        fill(&mut self.service, e.service);
        fill(&mut self.urgency, e.urgency);
        fill(&mut self.summary, e.summary);
        fill(&mut self.source, e.source);
        if let Some(l) = e.level {
            self.level = self.level.max(l);
        }
        if !e.ticket.is_empty() && later(self.ticket_at) {
            set(&mut self.ticket, e.ticket);
            self.ticket_at = Some(e.time);
        }
        match e.kind {
            EventKind::Page => {
                if earlier(self.paged_at) {
                    self.paged_at = Some(e.time);
                    // The first page row says what the incident is and who was paged.
                    set(&mut self.service, e.service);
                    set(&mut self.urgency, e.urgency);
                    set(&mut self.summary, e.summary);
                    set(&mut self.source, e.source);
                    set(&mut self.manager, e.manager);
                    set(&mut self.engineer, e.engineer);
                }
                if later(self.last_paged_at) {
                    self.last_paged_at = Some(e.time);
                }
            }
            EventKind::Ack => {
                if earlier(self.acked_at) {
                    self.acked_at = Some(e.time);
                    set(&mut self.acked_by, e.actor);
                }
            }
            EventKind::Escalate => {
                let level = e.level.unwrap_or(self.level.max(1) + 1).min(3);
                self.level = self.level.max(level);
                if level >= 2 && earlier(self.level2_at) {
                    self.level2_at = Some(e.time);
                }
                if level >= 3 && earlier(self.level3_at) {
                    self.level3_at = Some(e.time);
                }
            }
            EventKind::Announce => {
                if later(self.last_announce_at) {
                    self.last_announce_at = Some(e.time);
                    e.status.clone_into(&mut self.public_status);
                }
            }
            EventKind::Note => self.notes += 1,
            EventKind::Resolve => {
                if earlier(self.first_resolve) {
                    self.first_resolve = Some(e.time);
                }
                if later(self.resolved_at) {
                    self.resolved_at = Some(e.time);
                    self.documented = e.documented;
                    self.automated = e.automated;
                }
            }
            EventKind::Morale => {}
        }
        if later(self.last_event_at) {
            self.last_event_at = Some(e.time);
        }
        self.level = self.level.max(1);
    }
}

fn fill(field: &mut String, value: &str) {
    if field.is_empty() && !value.is_empty() {
        value.clone_into(field);
    }
}

fn set(field: &mut String, value: &str) {
    if !value.is_empty() {
        value.clone_into(field);
    }
}

/// Why an incident id given on the command line matched nothing, or too much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    NotFound,
    Ambiguous(Vec<String>),
}

/// What a focused [`Replay`] keeps of the incidents outside its focus: enough to know
/// whether they exist and whether they are open, in a few dozen bytes each.
#[derive(Debug, Clone, Copy, Default)]
struct Brief {
    paged_at: Option<DateTime<Utc>>,
    last_paged_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
}

impl Brief {
    fn apply(&mut self, e: &EventRef<'_>) {
        let earlier = |cur: Option<DateTime<Utc>>| cur.is_none_or(|c| e.time < c);
        let later = |cur: Option<DateTime<Utc>>| cur.is_none_or(|c| e.time >= c);
        match e.kind {
            EventKind::Page => {
                if earlier(self.paged_at) {
                    self.paged_at = Some(e.time);
                }
                if later(self.last_paged_at) {
                    self.last_paged_at = Some(e.time);
                }
            }
            EventKind::Resolve if later(self.resolved_at) => self.resolved_at = Some(e.time),
            _ => {}
        }
    }

    /// The same rule as [`Incident::is_open`].
    fn is_open(&self) -> bool {
        match (self.resolved_at, self.last_paged_at) {
            (None, _) => true,
            (Some(r), Some(p)) => p > r,
            (Some(_), None) => false,
        }
    }
}

/// Which incidents a [`Replay`] keeps whole.
type Focus = Box<dyn Fn(&str) -> bool>;

/// Incidents folded from events, in any order. A focused replay keeps whole only the
/// incidents its focus selects (say, the ids starting with what someone typed) and a brief
/// of the rest, so a command about one incident needs little memory however long the log.
#[derive(Default)]
pub struct Replay {
    incidents: HashMap<String, Incident>,
    others: HashMap<String, Brief>,
    focus: Option<Focus>,
}

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replay")
            .field("incidents", &self.incidents.len())
            .field("others", &self.others.len())
            .finish()
    }
}

impl Replay {
    pub fn new() -> Replay {
        Replay::default()
    }

    /// A replay that keeps whole only the incidents whose id `focus` accepts.
    pub fn focused(focus: impl Fn(&str) -> bool + 'static) -> Replay {
        Replay {
            focus: Some(Box::new(focus)),
            ..Replay::default()
        }
    }

    /// Folds one event in. Rows without an incident id (e.g. `morale`) are ignored.
    pub fn apply(&mut self, e: EventRef<'_>) {
        if e.incident.is_empty() || e.kind == EventKind::Morale {
            return;
        }
        if let Some(focus) = &self.focus
            && !focus(e.incident)
        {
            match self.others.get_mut(e.incident) {
                Some(b) => b.apply(&e),
                None => {
                    let mut b = Brief::default();
                    b.apply(&e);
                    self.others.insert(e.incident.to_string(), b);
                }
            }
            return;
        }
        if let Some(inc) = self.incidents.get_mut(e.incident) {
            inc.apply(&e);
            return;
        }
        let mut inc = Incident {
            id: e.incident.to_string(),
            ..Incident::default()
        };
        inc.apply(&e);
        self.incidents.insert(inc.id.clone(), inc);
    }

    /// A whole incident (only those in focus, for a focused replay).
    pub fn get(&self, id: &str) -> Option<&Incident> {
        self.incidents.get(id)
    }

    /// Whether the log has any row for this incident id (in focus or not).
    pub fn contains(&self, id: &str) -> bool {
        self.incidents.contains_key(id) || self.others.contains_key(id)
    }

    /// The ids of the paged incidents that are open, in focus or not, sorted.
    pub fn open_ids(&self) -> Vec<String> {
        let whole = self
            .incidents
            .values()
            .filter(|i| i.is_open() && i.paged_at.is_some())
            .map(|i| i.id.clone());
        let brief = self
            .others
            .iter()
            .filter(|(_, b)| b.is_open() && b.paged_at.is_some())
            .map(|(id, _)| id.clone());
        let mut ids: Vec<String> = whole.chain(brief).collect();
        ids.sort();
        ids
    }

    /// The incident with this id, or the only one whose id starts with it.
    pub fn find(&self, id: &str) -> Result<&Incident, Lookup> {
        if let Some(i) = self.incidents.get(id) {
            return Ok(i);
        }
        let mut hits: Vec<&Incident> = self
            .incidents
            .values()
            .filter(|i| i.id.starts_with(id))
            .collect();
        match hits.len() {
            0 => Err(Lookup::NotFound),
            1 => Ok(hits.remove(0)),
            _ => {
                let mut ids: Vec<String> = hits.iter().map(|i| i.id.clone()).collect();
                ids.sort();
                Err(Lookup::Ambiguous(ids))
            }
        }
    }

    /// All incidents, oldest page first.
    pub fn incidents(&self) -> Vec<&Incident> {
        let mut all: Vec<&Incident> = self.incidents.values().collect();
        all.sort_by(|a, b| a.paged_at.cmp(&b.paged_at).then_with(|| a.id.cmp(&b.id)));
        all
    }

    /// Open incidents, oldest page first.
    pub fn open(&self) -> Vec<&Incident> {
        self.incidents()
            .into_iter()
            .filter(|i| i.is_open())
            .collect()
    }

    /// How many incidents the log knows (in focus or not).
    pub fn len(&self) -> usize {
        self.incidents.len() + self.others.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::event::Event;

    fn ev(time: &str, id: &str, kind: EventKind) -> Event {
        Event {
            time: DateTime::parse_from_rfc3339(time)
                .unwrap()
                .with_timezone(&Utc),
            incident: id.into(),
            kind,
            ..Event::default()
        }
    }

    #[test]
    fn folds_out_of_order_rows() {
        let mut page = ev("2026-11-24T03:00:00Z", "a1", EventKind::Page);
        page.service = "ingest".into();
        page.manager = "alice".into();
        page.level = Some(1);
        let mut ack2 = ev("2026-11-24T03:09:00Z", "a1", EventKind::Ack);
        ack2.actor = "late".into();
        let mut ack1 = ev("2026-11-24T03:04:00Z", "a1", EventKind::Ack);
        ack1.actor = "dave".into();
        let mut esc = ev("2026-11-24T03:40:00Z", "a1", EventKind::Escalate);
        esc.level = Some(2);
        let mut ticket = ev("2026-11-24T03:05:00Z", "a1", EventKind::Note);
        ticket.ticket = "OPS-7".into();
        let mut res = ev("2026-11-24T04:00:00Z", "a1", EventKind::Resolve);
        res.documented = Some(true);
        res.automated = Some(false);
        let mut r = Replay::new();
        for e in [&res, &ack2, &esc, &page, &ticket, &ack1] {
            r.apply(e.as_ref());
        }
        let i = r.get("a1").unwrap();
        assert_eq!(i.paged_at, Some(page.time));
        assert_eq!(i.service, "ingest");
        assert_eq!(i.manager, "alice");
        assert_eq!(i.acked_at, Some(ack1.time));
        assert_eq!(i.acked_by, "dave");
        assert_eq!(i.level, 2);
        assert_eq!(i.level2_at, Some(esc.time));
        assert_eq!(i.level3_at, None);
        assert_eq!(i.ticket, "OPS-7");
        assert_eq!(i.resolved_at, Some(res.time));
        assert_eq!(i.documented, Some(true));
        assert_eq!(i.notes, 1);
        assert!(!i.is_open());
    }

    #[test]
    fn escalate_without_level_goes_one_up_and_a_late_page_reopens() {
        let mut r = Replay::new();
        r.apply(ev("2026-11-24T03:00:00Z", "b", EventKind::Page).as_ref());
        r.apply(ev("2026-11-24T03:30:00Z", "b", EventKind::Escalate).as_ref());
        r.apply(ev("2026-11-24T03:45:00Z", "b", EventKind::Escalate).as_ref());
        assert_eq!(r.get("b").unwrap().level, 3);
        r.apply(ev("2026-11-24T04:00:00Z", "b", EventKind::Resolve).as_ref());
        assert!(r.open().is_empty());
        r.apply(ev("2026-11-24T05:00:00Z", "b", EventKind::Page).as_ref());
        assert_eq!(r.open().len(), 1);
    }

    #[test]
    fn finds_by_unique_prefix() {
        let mut r = Replay::new();
        for id in ["k7m2q", "k7x9p", "ab3cd"] {
            r.apply(ev("2026-11-24T03:00:00Z", id, EventKind::Page).as_ref());
        }
        assert_eq!(r.find("ab").unwrap().id, "ab3cd");
        assert_eq!(r.find("k7m2q").unwrap().id, "k7m2q");
        assert_eq!(
            r.find("k7").unwrap_err(),
            Lookup::Ambiguous(vec!["k7m2q".into(), "k7x9p".into()])
        );
        assert_eq!(r.find("zz").unwrap_err(), Lookup::NotFound);
    }

    #[test]
    fn a_focused_replay_keeps_only_its_incidents_whole() {
        let mut full = Replay::new();
        let mut focused = Replay::focused(|id| id.starts_with("k7"));
        let rows = [
            ev("2026-11-24T03:00:00Z", "k7m2q", EventKind::Page),
            ev("2026-11-24T03:01:00Z", "ab3cd", EventKind::Page),
            ev("2026-11-24T03:02:00Z", "zz9yy", EventKind::Page),
            ev("2026-11-24T03:05:00Z", "k7m2q", EventKind::Ack),
            ev("2026-11-24T03:30:00Z", "ab3cd", EventKind::Resolve),
        ];
        for e in &rows {
            full.apply(e.as_ref());
            focused.apply(e.as_ref());
        }
        assert_eq!(
            focused.get("k7m2q"),
            full.get("k7m2q"),
            "whole, the same as unfocused"
        );
        assert!(
            focused.get("ab3cd").is_none(),
            "outside the focus: only a brief"
        );
        assert!(focused.contains("ab3cd") && !focused.contains("nope"));
        assert_eq!(
            focused.open_ids(),
            vec!["k7m2q".to_string(), "zz9yy".to_string()]
        );
        assert_eq!(
            focused.open_ids(),
            full.open().iter().map(|i| i.id.clone()).collect::<Vec<_>>()
        );
        assert_eq!((focused.len(), full.len()), (3, 3));
    }
}
