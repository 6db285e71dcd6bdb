//! From alert signals to log rows: one incident per alert group, deduplicated on the group
//! key without storing it. The id of a group's incident is derived from the source and the
//! key (`id::derived_id`), generation 0 the first time it fires, 1 after that incident was
//! resolved and the group fired again, and so on; so a re-delivered or repeated notification
//! finds the same open incident, in every clone. Pure: the caller passes the replayed log,
//! the schedule and the instant.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::event::{Event, EventKind};
use super::id::derived_id;
use super::replay::Replay;
use crate::alerts::{Signal, Source, State, worst_urgency};
use crate::schedule::resolve::holder_at;
use crate::schedule::{Role, Schedule, Urgency};

/// What happened to one signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A new incident was paged.
    Paged,
    /// The group's incident is already open: nothing written.
    AlreadyOpen,
    Acknowledged,
    /// Already acknowledged: nothing written.
    AlreadyAcknowledged,
    Resolved,
    /// A resolved notification with alerts cut by `max_alerts`: the group may still fire, so
    /// the incident stays open and a note says why.
    NotResolvedTruncated(u64),
    /// Resolved or acknowledged, but no open incident for the group: nothing written.
    NothingOpen,
}

/// One signal's outcome, with what a ticket needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub id: String,
    pub action: Action,
    pub signal: Signal,
}

/// A row for `incident` at `at` by `actor`, with who held each role then.
pub fn row(s: &Schedule, kind: EventKind, incident: &str, at: DateTime<Utc>, actor: &str) -> Event {
    let who = |r| holder_at(s, r, at).map_or_else(String::new, |h| h.person.to_string());
    Event {
        time: at,
        incident: incident.to_string(),
        kind,
        actor: actor.to_string(),
        manager: who(Role::Manager),
        engineer: who(Role::Engineer),
        ..Event::default()
    }
}

/// The urgency of a page for `service`: the alert's severity when it maps to one, else the
/// service's own urgency, else high (an unknown alert should wake someone rather than wait).
pub fn urgency(s: &Schedule, service: &str, severities: &[String]) -> Urgency {
    worst_urgency(severities, &s.alerts)
        .or_else(|| s.services.get(service).map(|sv| sv.urgency))
        .unwrap_or(Urgency::High)
}

/// The rows to append for `signals` and what each one did.
pub fn plan(
    signals: &[Signal],
    source: Source,
    replay: &Replay,
    s: &Schedule,
    at: DateTime<Utc>,
    actor: &str,
) -> (Vec<Event>, Vec<Outcome>) {
    // Incidents opened, acked or closed earlier in this same batch.
    let mut overlay: HashMap<String, Seen> = HashMap::new();
    let mut events = Vec::new();
    let mut outcomes = Vec::new();
    for sig in signals {
        let (open, fresh) = locate(source, &sig.key, replay, &overlay);
        let mut out = |id: &str, action: Action| {
            outcomes.push(Outcome {
                id: id.to_string(),
                action,
                signal: sig.clone(),
            });
        };
        match (sig.state, open) {
            (State::Firing, Some(id)) => out(&id, Action::AlreadyOpen),
            (State::Firing, None) => {
                let service = sig
                    .service
                    .clone()
                    .or_else(|| s.alerts.default_service.clone())
                    .unwrap_or_else(|| "unknown".to_string());
                let mut e = row(s, EventKind::Page, &fresh, at, actor);
                e.urgency = urgency(s, &service, &sig.severities).to_string();
                e.service = service;
                e.level = Some(1);
                e.summary = sig.summary.clone();
                e.source = source.as_str().to_string();
                events.push(e);
                overlay.insert(fresh.clone(), Seen::open(source));
                out(&fresh, Action::Paged);
            }
            (State::Acknowledged, Some(id)) => {
                let acked = overlay.get(&id).map_or_else(
                    || replay.get(&id).is_some_and(|i| i.acked_at.is_some()),
                    |seen| seen.acked,
                );
                if acked {
                    out(&id, Action::AlreadyAcknowledged);
                } else {
                    let mut e = follow_up(s, EventKind::Ack, &id, replay, at, actor, source);
                    e.summary = format!("acknowledged in {}", source.as_str());
                    events.push(e);
                    overlay
                        .entry(id.clone())
                        .or_insert_with(|| Seen::open(source))
                        .acked = true;
                    out(&id, Action::Acknowledged);
                }
            }
            (State::Resolved, Some(id)) if sig.truncated > 0 => {
                let mut e = follow_up(s, EventKind::Note, &id, replay, at, actor, source);
                e.summary = format!(
                    "{} sent a resolved notification with {} alert(s) left out (max_alerts): not resolving, as they may still fire",
                    source.as_str(),
                    sig.truncated
                );
                events.push(e);
                out(&id, Action::NotResolvedTruncated(sig.truncated));
            }
            (State::Resolved, Some(id)) => {
                let mut e = follow_up(s, EventKind::Resolve, &id, replay, at, actor, source);
                e.summary = format!("resolved in {}", source.as_str());
                e.documented = Some(false);
                e.automated = Some(false);
                events.push(e);
                overlay.insert(id.clone(), Seen::closed(source));
                out(&id, Action::Resolved);
            }
            (State::Acknowledged | State::Resolved, None) => out(&fresh, Action::NothingOpen),
        }
    }
    (events, outcomes)
}

/// A row about an existing incident, carrying its service, urgency and level.
fn follow_up(
    s: &Schedule,
    kind: EventKind,
    id: &str,
    replay: &Replay,
    at: DateTime<Utc>,
    actor: &str,
    source: Source,
) -> Event {
    let mut e = row(s, kind, id, at, actor);
    if let Some(i) = replay.get(id) {
        e.service = i.service.clone();
        e.urgency = i.urgency.clone();
        e.level = Some(i.level.max(1));
    } else {
        e.level = Some(1);
    }
    e.source = source.as_str().to_string();
    e
}

#[derive(Debug, Clone, Copy)]
struct Seen {
    open: bool,
    acked: bool,
    source: Source,
}

impl Seen {
    fn open(source: Source) -> Seen {
        Seen {
            open: true,
            acked: false,
            source,
        }
    }
    fn closed(source: Source) -> Seen {
        Seen {
            open: false,
            acked: false,
            source,
        }
    }
}

/// The group's open incident, if any, and the id its next incident would get. Walks the
/// generations: an id that exists and is closed is a past incident of this group; an id held
/// by an incident from another source is a hash collision, skipped the same way.
fn locate(
    source: Source,
    key: &str,
    replay: &Replay,
    overlay: &HashMap<String, Seen>,
) -> (Option<String>, String) {
    for generation in 0.. {
        let id = derived_id(source.as_str(), key, generation);
        let state = overlay
            .get(&id)
            .map(|s| (s.open, s.source.as_str()))
            .or_else(|| replay.get(&id).map(|i| (i.is_open(), i.source.as_str())));
        match state {
            None => return (None, id),
            Some((true, src)) if src == source.as_str() => return (Some(id.clone()), id),
            Some(_) => {}
        }
    }
    unreachable!("the generations of a group are unbounded")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::config::AlertsConfig;

    fn schedule() -> Schedule {
        let text = r#"
[team]
name = "T"
timezone = "UTC"
[people.a]
[people.b]
[[rotation]]
start = 2026-01-05T10:00:00
every = "1w"
pairs = [{ manager = "a", engineer = "b" }]
[services.checkout]
urgency = "low"
"#;
        crate::schedule::parse(text).unwrap().schedule
    }

    fn sig(state: State, truncated: u64) -> Signal {
        Signal {
            key: "{}:{alertname=\"X\"}".into(),
            state,
            service: Some("checkout".into()),
            severities: vec!["critical".into()],
            summary: "X: broken".into(),
            details: vec![],
            links: vec![],
            truncated,
        }
    }

    fn at() -> DateTime<Utc> {
        "2026-11-24T03:00:00Z".parse().unwrap()
    }

    fn run(replay: &mut Replay, signals: &[Signal]) -> Vec<Outcome> {
        let (events, outcomes) = plan(
            signals,
            Source::Alertmanager,
            replay,
            &schedule(),
            at(),
            "alertmanager",
        );
        for e in &events {
            replay.apply(e.as_ref());
        }
        outcomes
    }

    #[test]
    fn one_incident_per_group_and_a_refire_is_a_new_one() {
        let mut r = Replay::new();
        let o = run(&mut r, &[sig(State::Firing, 0)]);
        assert_eq!(o[0].action, Action::Paged);
        let first = o[0].id.clone();
        let i = r.get(&first).unwrap();
        assert_eq!(
            (i.service.as_str(), i.urgency.as_str()),
            ("checkout", "high")
        );
        assert_eq!((i.manager.as_str(), i.engineer.as_str()), ("a", "b"));
        assert_eq!(i.source, "alertmanager");
        // Re-delivered: nothing new.
        let o = run(&mut r, &[sig(State::Firing, 0)]);
        assert_eq!(
            (o[0].id.as_str(), &o[0].action),
            (first.as_str(), &Action::AlreadyOpen)
        );
        // Truncated resolve: a note, still open.
        let o = run(&mut r, &[sig(State::Resolved, 2)]);
        assert_eq!(o[0].action, Action::NotResolvedTruncated(2));
        assert!(r.get(&first).unwrap().is_open());
        let o = run(&mut r, &[sig(State::Resolved, 0)]);
        assert_eq!(o[0].action, Action::Resolved);
        assert!(!r.get(&first).unwrap().is_open());
        let o = run(&mut r, &[sig(State::Resolved, 0)]);
        assert_eq!(o[0].action, Action::NothingOpen);
        // Fires again: a new incident with the next generation's id.
        let o = run(&mut r, &[sig(State::Firing, 0)]);
        assert_eq!(o[0].action, Action::Paged);
        assert_ne!(o[0].id, first);
        assert_eq!(
            o[0].id,
            derived_id("alertmanager", &sig(State::Firing, 0).key, 1)
        );
    }

    #[test]
    fn acks_once_and_batches_see_their_own_rows() {
        let mut r = Replay::new();
        let o = run(
            &mut r,
            &[
                sig(State::Firing, 0),
                sig(State::Acknowledged, 0),
                sig(State::Acknowledged, 0),
            ],
        );
        let actions: Vec<_> = o.iter().map(|o| o.action.clone()).collect();
        assert_eq!(
            actions,
            [
                Action::Paged,
                Action::Acknowledged,
                Action::AlreadyAcknowledged
            ]
        );
    }

    #[test]
    fn urgency_falls_back_to_the_service_then_high() {
        let s = schedule();
        assert_eq!(urgency(&s, "checkout", &[]), Urgency::Low);
        assert_eq!(urgency(&s, "checkout", &["critical".into()]), Urgency::High);
        assert_eq!(urgency(&s, "nope", &["weird".into()]), Urgency::High);
        let _ = AlertsConfig::default();
    }
}
