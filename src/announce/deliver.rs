//! Delivery: every channel at once, each on its own thread, under one deadline. A channel that
//! fails, hangs or panics never holds up or stops the others; whatever has not answered by
//! the deadline is reported as failed (its thread is left to finish or die with the process).

use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::ChannelKind;

/// What one channel did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "lowercase")]
pub enum Outcome {
    /// Delivered (or accepted).
    Ok {
        detail: String,
        /// Where to see it: a short link, a file, a redacted host. Never a secret.
        link: Option<String>,
        /// The Atlassian Statuspage incident id, for the log.
        #[serde(skip)]
        statuspage_id: Option<String>,
    },
    Failed {
        reason: String,
        /// Missing or refused credentials.
        credentials: bool,
        hint: Option<String>,
    },
    /// Not attempted, and not a failure (e.g. Jira in a `--test`).
    Skipped { reason: String },
}

impl Outcome {
    pub fn ok(detail: impl Into<String>, link: Option<String>) -> Outcome {
        Outcome::Ok {
            detail: detail.into(),
            link,
            statuspage_id: None,
        }
    }

    pub fn failed(reason: impl Into<String>) -> Outcome {
        Outcome::Failed {
            reason: reason.into(),
            credentials: false,
            hint: None,
        }
    }

    /// An application error (e.g. from `settings`): its message, causes and first hint.
    pub fn from_error(e: &crate::error::Error) -> Outcome {
        Outcome::Failed {
            reason: e.to_string(),
            credentials: e.kind == crate::error::Kind::Credentials,
            hint: e.hints.first().cloned(),
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok { .. })
    }

    pub fn is_failed(&self) -> bool {
        matches!(self, Outcome::Failed { .. })
    }
}

/// One channel's work: a name for the report and a function that does the sending.
pub struct Job {
    pub name: String,
    pub kind: ChannelKind,
    pub run: Box<dyn FnOnce() -> Outcome + Send + 'static>,
}

/// One channel's line in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub channel: String,
    pub kind: ChannelKind,
    #[serde(flatten)]
    pub outcome: Outcome,
    pub ms: u64,
}

/// A job's name, kind, and (once it answered) outcome and time taken.
type Slot = (String, ChannelKind, Option<(Outcome, Duration)>);

/// Runs every job in parallel and waits at most `deadline`; the reports come back in the
/// jobs' order. `progress` is told, after each answer, which channels are still pending.
pub fn run(jobs: Vec<Job>, deadline: Duration, mut progress: impl FnMut(&[&str])) -> Vec<Report> {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel::<(usize, Outcome, Duration)>();
    let mut slots: Vec<Slot> = Vec::new();
    for (i, job) in jobs.into_iter().enumerate() {
        slots.push((job.name.clone(), job.kind, None));
        let tx = tx.clone();
        let work = job.run;
        let spawned = std::thread::Builder::new()
            .name(format!("announce-{}", job.name))
            .spawn(move || {
                let t = Instant::now();
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                    .unwrap_or_else(|_| Outcome::failed("internal error (the sender crashed)"));
                let _ = tx.send((i, outcome, t.elapsed()));
            });
        if let Err(e) = spawned {
            slots[i].2 = Some((
                Outcome::failed(format!("cannot start a thread: {e}")),
                Duration::ZERO,
            ));
        }
    }
    drop(tx);
    loop {
        let pending: Vec<&str> = slots
            .iter()
            .filter(|s| s.2.is_none())
            .map(|s| s.0.as_str())
            .collect();
        if pending.is_empty() {
            break;
        }
        progress(&pending);
        let left = deadline.saturating_sub(start.elapsed());
        match rx.recv_timeout(left) {
            Ok((i, outcome, took)) => slots[i].2 = Some((outcome, took)),
            Err(_) => break, // the deadline passed (or every sender is gone)
        }
    }
    slots
        .into_iter()
        .map(|(channel, kind, done)| {
            let (outcome, took) = done.unwrap_or_else(|| {
                (
                    Outcome::failed(format!(
                        "no answer within {}s (it may still arrive)",
                        deadline.as_secs_f64()
                    )),
                    deadline,
                )
            });
            Report {
                channel,
                kind,
                outcome,
                ms: u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(name: &str, sleep_ms: u64, outcome: Outcome) -> Job {
        Job {
            name: name.into(),
            kind: ChannelKind::Webhook,
            run: Box::new(move || {
                std::thread::sleep(Duration::from_millis(sleep_ms));
                outcome
            }),
        }
    }

    #[test]
    fn runs_in_parallel_and_keeps_order() {
        let t = Instant::now();
        let jobs = (0..5)
            .map(|i| job(&format!("c{i}"), 200, Outcome::ok("ok", None)))
            .collect();
        let mut seen = 0;
        let r = run(jobs, Duration::from_secs(5), |_| seen += 1);
        assert!(
            t.elapsed() < Duration::from_millis(450),
            "{:?}",
            t.elapsed()
        );
        let names: Vec<&str> = r.iter().map(|r| r.channel.as_str()).collect();
        assert_eq!(names, ["c0", "c1", "c2", "c3", "c4"]);
        assert!(r.iter().all(|r| r.outcome.is_ok() && r.ms >= 200));
        assert!(seen >= 1);
    }

    #[test]
    fn one_failure_hang_or_panic_does_not_stop_the_others() {
        let jobs = vec![
            job("fast", 0, Outcome::ok("ok", None)),
            job("bad", 0, Outcome::failed("boom")),
            job("slow", 5_000, Outcome::ok("late", None)),
            Job {
                name: "crash".into(),
                kind: ChannelKind::Slack,
                run: Box::new(|| panic!("bug")),
            },
        ];
        let t = Instant::now();
        let r = run(jobs, Duration::from_millis(300), |_| {});
        assert!(t.elapsed() < Duration::from_secs(2));
        assert!(r[0].outcome.is_ok());
        assert_eq!(r[1].outcome, Outcome::failed("boom"));
        match &r[2].outcome {
            Outcome::Failed { reason, .. } => assert!(reason.contains("no answer within 0.3s")),
            o => panic!("{o:?}"),
        }
        assert!(r[3].outcome.is_failed());
    }
}
