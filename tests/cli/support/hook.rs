//! A loopback HTTP endpoint for the announce channels (Slack, Mattermost, Teams, Discord, a
//! generic webhook, Statuspage): it records every request, answers from a script of faults
//! (any status with an optional `Retry-After`, a delay, a connection that never answers)
//! and then from a default answer, and checks each request's shape with a test-supplied
//! rule. Every request is served on its own thread, so slow answers overlap as real servers'
//! do. A rule violation fails the test when the stub is dropped.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub at: Instant,
    pub method: String,
    /// Path and query.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

/// How to answer.
#[derive(Debug, Clone)]
pub enum Answer {
    Reply {
        status: u16,
        body: String,
        content_type: &'static str,
        retry_after: Option<u64>,
        delay: Duration,
    },
    /// Accept the request and never answer (the client must time out).
    Hang,
    /// Answer as the endpoint normally would (a placeholder in a script).
    Default,
    /// Do what the endpoint normally does, but answer this status instead: the work went
    /// through and the answer was lost (a proxy timing out).
    Lost(u16),
}

impl Answer {
    pub fn text(status: u16, body: &str) -> Answer {
        Answer::Reply {
            status,
            body: body.to_string(),
            content_type: "text/plain; charset=utf-8",
            retry_after: None,
            delay: Duration::ZERO,
        }
    }

    pub fn json(status: u16, body: &Value) -> Answer {
        Answer::Reply {
            status,
            body: body.to_string(),
            content_type: "application/json",
            retry_after: None,
            delay: Duration::ZERO,
        }
    }

    pub fn retry_after(mut self, secs: u64) -> Answer {
        if let Answer::Reply { retry_after, .. } = &mut self {
            *retry_after = Some(secs);
        }
        self
    }

    pub fn delayed(mut self, by: Duration) -> Answer {
        if let Answer::Reply { delay, .. } = &mut self {
            *delay = by;
        }
        self
    }
}

type Responder = dyn Fn(&Seen) -> Answer + Send + Sync;
type Rule = dyn Fn(&Seen) -> Vec<String> + Send + Sync;

struct State {
    script: VecDeque<Answer>,
    seen: Vec<Seen>,
    errors: Vec<String>,
    hung: Vec<tiny_http::Request>,
}

/// A loopback endpoint.
pub struct Hook {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Hook {
    /// Starts an endpoint answering with `respond` and checking each request with `rule`.
    pub fn start(
        respond: impl Fn(&Seen) -> Answer + Send + Sync + 'static,
        rule: impl Fn(&Seen) -> Vec<String> + Send + Sync + 'static,
    ) -> Hook {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let state = Arc::new(Mutex::new(State {
            script: VecDeque::new(),
            seen: Vec::new(),
            errors: Vec::new(),
            hung: Vec::new(),
        }));
        let respond: Arc<Responder> = Arc::new(respond);
        let rule: Arc<Rule> = Arc::new(rule);
        let (srv, st) = (server.clone(), state.clone());
        let thread = std::thread::spawn(move || {
            for req in srv.incoming_requests() {
                let (st, respond, rule) = (st.clone(), respond.clone(), rule.clone());
                std::thread::spawn(move || handle(&st, &*respond, &*rule, req));
            }
        });
        Hook {
            url,
            state,
            server,
            thread: Some(thread),
        }
    }

    /// The next requests get these answers, in order, before the default one.
    pub fn then(&self, answers: impl IntoIterator<Item = Answer>) {
        self.state.lock().unwrap().script.extend(answers);
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    pub fn count(&self) -> usize {
        self.state.lock().unwrap().seen.len()
    }
}

fn handle(state: &Mutex<State>, respond: &Responder, rule: &Rule, mut req: tiny_http::Request) {
    let mut body = String::new();
    let _ = std::io::Read::read_to_string(req.as_reader(), &mut body);
    let seen = Seen {
        at: Instant::now(),
        method: req.method().as_str().to_string(),
        url: req.url().to_string(),
        headers: req
            .headers()
            .iter()
            .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_string()))
            .collect(),
        body,
    };
    let problems = rule(&seen);
    let answer = {
        let mut st = state.lock().unwrap();
        st.errors.extend(
            problems
                .into_iter()
                .map(|p| format!("{} {}: {p}", seen.method, seen.url)),
        );
        st.seen.push(seen.clone());
        st.script.pop_front()
    }
    .unwrap_or(Answer::Default);
    let answer = match answer {
        Answer::Default => respond(&seen),
        Answer::Lost(status) => {
            let _ = respond(&seen);
            Answer::text(status, "upstream timed out")
        }
        a => a,
    };
    match answer {
        Answer::Hang => state.lock().unwrap().hung.push(req),
        Answer::Default | Answer::Lost(_) => unreachable!("resolved above"),
        Answer::Reply {
            status,
            body,
            content_type,
            retry_after,
            delay,
        } => {
            std::thread::sleep(delay);
            let mut resp = tiny_http::Response::from_data(body).with_status_code(status);
            resp.add_header(tiny_http::Header::from_bytes("Content-Type", content_type).unwrap());
            if let Some(s) = retry_after {
                resp.add_header(
                    tiny_http::Header::from_bytes("Retry-After", s.to_string()).unwrap(),
                );
            }
            let _ = req.respond(resp);
        }
    }
}

impl Drop for Hook {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let st = self.state.lock().unwrap();
        if !std::thread::panicking() {
            assert!(
                st.errors.is_empty(),
                "requests off their expected shape:\n{}",
                st.errors.join("\n")
            );
        }
    }
}

/// The usual checks for a JSON webhook POST; `more` adds the kind's own.
pub fn json_post(seen: &Seen, more: impl Fn(&Value) -> Vec<String>) -> Vec<String> {
    let mut p = Vec::new();
    if seen.method != "POST" {
        p.push(format!("method {} is not POST", seen.method));
    }
    if !seen
        .header("Content-Type")
        .is_some_and(|c| c.starts_with("application/json"))
    {
        p.push("Content-Type is not application/json".into());
    }
    match serde_json::from_str::<Value>(&seen.body) {
        Ok(v) => p.extend(more(&v)),
        Err(e) => p.push(format!("body is not JSON: {e}")),
    }
    p
}

/// A URL where nothing listens (a port that was free a moment ago).
pub fn closed_port_url() -> String {
    format!("http://127.0.0.1:{}", super::net::free_port())
}
