//! Keeping each incident's Jira ticket in step with the log: create it (once: found by its
//! incident label first), comment on acks, escalations and notes, transition it on resolve.
//!
//! Jira trouble never loses a page: the log is written first, and a ticket that could not be
//! made stays *pending* (the incident has no `ticket` cell yet) until the next command that
//! touches the incident, or `oncall sync`, makes it and records it with a `note` row carrying
//! the `ticket` cell. Problems are collected, not printed: the command decides the exit code.

pub mod compose;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::alerts::Signal;
use crate::error::Error;
use crate::incident::ingest::row;
use crate::incident::{EventKind, Incident, Log};
use crate::integrations::http::ApiError;
use crate::integrations::jira::doc::Doc;
use crate::integrations::jira::{Jira, Transitioned};
use crate::integrations::settings;
use crate::output::Ui;
use crate::schedule::Schedule;

/// How bad a Jira problem is, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemKind {
    /// Down, slow, rate-limited, or a detail such as a missing transition: a warning.
    Down,
    /// Jira refused the request (400, 404, 422...): exit 1.
    Refused,
    /// Credentials missing or refused (401, 403): exit 4.
    Credentials,
}

/// Something that went wrong with one incident's ticket.
#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: ProblemKind,
    pub incident: String,
    pub message: String,
    pub hints: Vec<String>,
}

/// The Jira side of the commands.
pub struct Tickets<'a> {
    s: &'a Schedule,
    log: &'a Log,
    ui: &'a Ui,
    actor: String,
    now: DateTime<Utc>,
    jira: Option<Result<Jira, Error>>,
    /// Once Jira timed out or failed with 5xx, later calls in this run are skipped.
    down: Cell<bool>,
    problems: RefCell<Vec<Problem>>,
    /// Tickets found or made in this run (the caller's `Incident` may predate them).
    known: RefCell<HashMap<String, String>>,
}

impl<'a> Tickets<'a> {
    pub fn new(s: &'a Schedule, log: &'a Log, ui: &'a Ui, actor: &str, now: DateTime<Utc>) -> Self {
        let jira = s.jira.as_ref().map(|cfg| {
            let st = settings::jira(cfg)?;
            Jira::new(st, settings::http_policy()).map_err(|e| Error::new(e.to_string()))
        });
        Tickets {
            s,
            log,
            ui,
            actor: actor.to_string(),
            now,
            jira,
            down: Cell::new(false),
            problems: RefCell::new(Vec::new()),
            known: RefCell::new(HashMap::new()),
        }
    }

    /// Whether `[jira]` is configured at all.
    pub fn is_configured(&self) -> bool {
        self.jira.is_some()
    }

    /// `inc` with the ticket this run found or made for it (the rows saying so are in the log
    /// already; this spares reading the log again).
    pub fn refreshed(&self, mut inc: Incident) -> Incident {
        if let Some(key) = self.known.borrow().get(&inc.id) {
            inc.ticket.clone_from(key);
        }
        inc
    }

    /// The page a person opens for `key`, when Jira is usable.
    pub fn url(&self, key: &str) -> Option<String> {
        match &self.jira {
            Some(Ok(j)) if !key.is_empty() => Some(j.browse_url(key)),
            _ => None,
        }
    }

    /// What went wrong so far.
    pub fn problems(&self) -> Vec<Problem> {
        self.problems.borrow().clone()
    }

    fn client(&self, incident: &str) -> Option<&Jira> {
        match self.jira.as_ref()? {
            Ok(_) if self.down.get() => None,
            Ok(j) => Some(j),
            Err(e) => {
                let mut p = self.problems.borrow_mut();
                if !p.iter().any(|p| p.incident == incident) {
                    p.push(Problem {
                        kind: ProblemKind::Credentials,
                        incident: incident.to_string(),
                        message: e.message.clone(),
                        hints: e.hints.clone(),
                    });
                }
                None
            }
        }
    }

    fn fail(&self, incident: &str, e: &ApiError) {
        let kind = if e.is_auth() {
            ProblemKind::Credentials
        } else if e.is_transient() {
            self.down.set(true);
            ProblemKind::Down
        } else {
            ProblemKind::Refused
        };
        let hints = match kind {
            ProblemKind::Credentials => vec![
                "check `ONCALL_JIRA_EMAIL` + `ONCALL_JIRA_TOKEN` (Cloud) or `ONCALL_JIRA_PAT` (Data Center)"
                    .to_string(),
            ],
            ProblemKind::Refused => vec![
                "check `project` and `issue_type` in `[jira]` in schedule.toml".to_string(),
            ],
            ProblemKind::Down => Vec::new(),
        };
        self.problems.borrow_mut().push(Problem {
            kind,
            incident: incident.to_string(),
            message: e.to_string(),
            hints,
        });
    }

    /// The incident's ticket: the one the log knows, else found by its label or created now
    /// and recorded in the log. `None` when Jira is not configured or the ticket is pending.
    pub fn ensure(&self, inc: &Incident, alert: Option<&Signal>) -> Option<String> {
        if !inc.ticket.is_empty() {
            return Some(inc.ticket.clone());
        }
        if let Some(key) = self.known.borrow().get(&inc.id) {
            return Some(key.clone());
        }
        let jira = self.client(&inc.id)?;
        let issue = compose::new_issue(self.s, inc, alert);
        let label = compose::incident_label(&inc.id);
        let _progress = self
            .ui
            .progress(&format!("Jira: opening the ticket for {}…", inc.id));
        match jira.ensure(&label, &issue) {
            Ok((key, created)) => {
                self.record(inc, &key, created);
                self.known.borrow_mut().insert(inc.id.clone(), key.clone());
                Some(key)
            }
            Err(e) => {
                self.fail(&inc.id, &e);
                None
            }
        }
    }

    /// Writes the ticket into the log, so every clone knows it after `sync`.
    fn record(&self, inc: &Incident, key: &str, created: bool) {
        let mut e = row(self.s, EventKind::Note, &inc.id, self.now, &self.actor);
        e.service = inc.service.clone();
        e.urgency = inc.urgency.clone();
        e.level = Some(inc.level.max(1));
        e.ticket = key.to_string();
        e.source = inc.source.clone();
        e.summary = if created {
            format!("Jira ticket {key} opened")
        } else {
            format!("Jira ticket {key} linked")
        };
        if let Err(err) = self.log.append(&[e]) {
            // The ticket exists and carries the incident label: the next run finds it.
            self.ui
                .warn(&format!("could not record ticket {key} in the log: {err}"));
        }
    }

    /// Comments on the incident's ticket (making the ticket first if it is pending).
    pub fn comment(&self, inc: &Incident, text: &Doc) -> Option<String> {
        let key = self.ensure(inc, None)?;
        let jira = self.client(&inc.id)?;
        let _progress = self.ui.progress(&format!("Jira: commenting on {key}…"));
        if let Err(e) = jira.comment(&key, text) {
            self.fail(&inc.id, &e);
        }
        Some(key)
    }

    /// Adds labels to the incident's ticket.
    pub fn label(&self, inc: &Incident, labels: &[String]) {
        let Some(key) = self.ensure(inc, None) else {
            return;
        };
        let Some(jira) = self.client(&inc.id) else {
            return;
        };
        if let Err(e) = jira.add_labels(&key, labels) {
            self.fail(&inc.id, &e);
        }
    }

    /// Comments and transitions the ticket to resolved.
    pub fn resolve(&self, inc: &Incident, text: &Doc) -> Option<String> {
        let key = self.comment(inc, text)?;
        let jira = self.client(&inc.id)?;
        let _progress = self.ui.progress(&format!("Jira: resolving {key}…"));
        match jira.resolve(&key) {
            Ok(Transitioned::Done(_)) => {}
            Ok(Transitioned::NotAvailable(names)) => {
                self.problems.borrow_mut().push(Problem {
                    kind: ProblemKind::Down,
                    incident: inc.id.clone(),
                    message: format!(
                        "ticket {key} has no transition named `{}` (available: {})",
                        self.s
                            .jira
                            .as_ref()
                            .map_or("Done", |j| j.resolve_transition.as_str()),
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    ),
                    hints: vec![
                        "set `resolve_transition` in `[jira]` to one of them, and close this ticket by hand"
                            .into(),
                    ],
                });
            }
            Err(e) => self.fail(&inc.id, &e),
        }
        Some(key)
    }
}

impl Tickets<'_> {
    /// Brings the tickets of alert outcomes in step: a ticket for each new page (with the
    /// alert's details), a comment on acks and truncated resolves, resolution on resolves.
    pub fn follow(
        &self,
        outcomes: &[crate::incident::ingest::Outcome],
        replay: &crate::incident::Replay,
    ) {
        use crate::incident::ingest::Action;
        for o in outcomes {
            let Some(inc) = replay.get(&o.id) else {
                continue;
            };
            let group = o.signal.key.as_str();
            match &o.action {
                Action::Paged => {
                    self.ensure(inc, Some(&o.signal));
                }
                Action::Acknowledged => {
                    self.comment(inc, &Doc::text(format!("Acknowledged in {}.", inc.source)));
                }
                Action::NotResolvedTruncated(n) => {
                    self.comment(
                        inc,
                        &Doc::text(format!(
                            "A resolved notification left {n} alert(s) out (max_alerts), so the group may still fire: not resolved automatically (group {group})."
                        )),
                    );
                }
                Action::Resolved => {
                    self.resolve(inc, &Doc::text(format!("Resolved in {}.", inc.source)));
                }
                Action::AlreadyOpen | Action::AlreadyAcknowledged | Action::NothingOpen => {}
            }
        }
    }
}
