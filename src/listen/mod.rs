//! The webhook receiver behind `oncall listen`: a small synchronous HTTP server that takes
//! `POST /alertmanager`, `/grafana`, `/pagerduty` and `/opsgenie` (and `GET /healthz`),
//! checks who sent it, limits the body, and hands the payload to a [`Sink`].
//!
//! Requests are handled one at a time, in arrival order: log decisions (is this group
//! already open?) then never race each other, and the answer goes out as soon as the event is
//! durably in the log (2xx), or says it is not (5xx, so the sender retries). Slow follow-up
//! work (Jira) runs after the answer, before the next request.

pub mod auth;

use std::io::Read;

use serde_json::{Value, json};

use crate::alerts::Source;
use crate::integrations::settings::{ListenSecrets, Secret};

/// How the receiver checks requests.
#[derive(Debug, Clone)]
pub struct Settings {
    pub max_body: usize,
    pub secrets: ListenSecrets,
    pub grafana_header: String,
    /// Set when Grafana signs `"<timestamp>:<body>"`: the header with the timestamp.
    pub grafana_timestamp_header: Option<String>,
}

/// An answer to a sender.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    pub fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply {
            status,
            body: json!({"error": message.into()}),
        }
    }
}

/// Where payloads go: `deliver` must only return 2xx once the events are durably logged;
/// `follow_up` runs after the sender has its answer.
pub trait Sink {
    type Done;
    fn deliver(&mut self, source: Source, body: &[u8]) -> Result<(Reply, Self::Done), Reply>;
    fn follow_up(&mut self, done: Self::Done);
    /// A line for the operator (stderr).
    fn say(&mut self, line: &str);
}

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Health,
    Hook(Source),
    NotFound,
    MethodNotAllowed,
}

/// Routes by method and path (the query is ignored).
pub fn route(method: &str, url: &str) -> Route {
    let path = url
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    let source = path.strip_prefix('/').and_then(Source::parse);
    match (method, path, source) {
        ("GET" | "HEAD", "/healthz", _) => Route::Health,
        ("POST" | "PUT", _, Some(s)) => Route::Hook(s),
        (_, "/healthz", _) | (_, _, Some(_)) => Route::MethodNotAllowed,
        _ => Route::NotFound,
    }
}

/// Serves until the process is stopped.
pub fn serve<S: Sink>(server: &tiny_http::Server, settings: &Settings, sink: &mut S) {
    for request in server.incoming_requests() {
        handle(request, settings, sink);
    }
}

fn header<'r>(req: &'r tiny_http::Request, name: &str) -> Option<&'r str> {
    req.headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn respond(req: tiny_http::Request, reply: &Reply) {
    let body = serde_json::to_vec(&reply.body).unwrap_or_default();
    let ct = tiny_http::Header::from_bytes("Content-Type", "application/json")
        .unwrap_or_else(|()| unreachable!("a valid header"));
    let resp = tiny_http::Response::from_data(body)
        .with_status_code(reply.status)
        .with_header(ct);
    let _ = req.respond(resp);
}

fn handle<S: Sink>(mut req: tiny_http::Request, settings: &Settings, sink: &mut S) {
    let url = req.url().to_string();
    let method = req.method().as_str().to_string();
    let source = match route(&method, &url) {
        Route::Health => {
            return respond(
                req,
                &Reply {
                    status: 200,
                    body: json!({"ok": true}),
                },
            );
        }
        Route::NotFound => {
            return respond(
                req,
                &Reply::error(
                    404,
                    "unknown path: POST to /alertmanager, /grafana, /pagerduty or /opsgenie",
                ),
            );
        }
        Route::MethodNotAllowed => return respond(req, &Reply::error(405, "use POST")),
        Route::Hook(s) => s,
    };
    let max = settings.max_body;
    if req.body_length().is_some_and(|n| n > max) {
        sink.say(&format!(
            "{}: refused a body over {max} bytes",
            source.as_str()
        ));
        return respond(req, &Reply::error(413, format!("body over {max} bytes")));
    }
    let mut body = Vec::new();
    if let Err(e) = req.as_reader().take(max as u64 + 1).read_to_end(&mut body) {
        return respond(
            req,
            &Reply::error(400, format!("cannot read the body: {e}")),
        );
    }
    if body.len() > max {
        sink.say(&format!(
            "{}: refused a body over {max} bytes",
            source.as_str()
        ));
        return respond(req, &Reply::error(413, format!("body over {max} bytes")));
    }
    let query = url.split_once('?').map(|(_, q)| q);
    if let Err(r) = check(source, settings, &req, query, &body) {
        sink.say(&format!("{}: refused: {r}", source.as_str()));
        return respond(req, &Reply::error(401, r.to_string()));
    }
    match sink.deliver(source, &body) {
        Ok((reply, done)) => {
            respond(req, &reply);
            sink.follow_up(done);
        }
        Err(reply) => respond(req, &reply),
    }
}

/// The source's signature when its secret is configured, else the shared token when there
/// is one, else nothing (only allowed on a loopback address; `oncall listen` checks).
fn check(
    source: Source,
    settings: &Settings,
    req: &tiny_http::Request,
    query: Option<&str>,
    body: &[u8],
) -> Result<(), auth::Refusal> {
    let s = &settings.secrets;
    match (source, &s.pagerduty, &s.grafana) {
        (Source::Pagerduty, Some(secret), _) => {
            auth::pagerduty(secret, header(req, "X-PagerDuty-Signature"), body)
        }
        (Source::Grafana, _, Some(secret)) => {
            let stamp = settings
                .grafana_timestamp_header
                .as_ref()
                .map(|h| auth::Stamp {
                    value: header(req, h),
                    // Real time, as the sender's clock is: a replayed request is refused.
                    now: std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs()),
                });
            auth::grafana(secret, header(req, &settings.grafana_header), stamp, body)
        }
        _ => match &s.token {
            Some(t) => auth::token(t, header(req, "Authorization"), query),
            None => Ok(()),
        },
    }
}

/// Whether any request can be checked at all.
pub fn has_auth(secrets: &ListenSecrets) -> bool {
    let some = |s: &Option<Secret>| s.is_some();
    some(&secrets.token) || some(&secrets.pagerduty) || some(&secrets.grafana)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(
            route("POST", "/alertmanager"),
            Route::Hook(Source::Alertmanager)
        );
        assert_eq!(
            route("POST", "/grafana/?token=x"),
            Route::Hook(Source::Grafana)
        );
        assert_eq!(route("GET", "/healthz"), Route::Health);
        assert_eq!(route("GET", "/pagerduty"), Route::MethodNotAllowed);
        assert_eq!(route("POST", "/nagios"), Route::NotFound);
        assert_eq!(route("POST", "/"), Route::NotFound);
    }
}
