//! A loopback Jira that holds the client to the Jira Cloud OpenAPI subset
//! (`tests/fixtures/jira-cloud-openapi-subset.json`): every request must match a documented
//! operation, its body must validate against the operation's schema (plus the rules the
//! schema cannot say: ADF bodies on Cloud, wiki strings on Data Center, labels without
//! spaces, one-line summaries), and it must carry the expected credentials. Answers are the
//! documented ones (201 + CreatedIssue, 204, Comment, Transitions...), themselves checked
//! against the response schemas. Faults can be injected per operation: any status with an
//! optional `Retry-After`, or a hung connection. Anything unexpected fails the test when the
//! stub is dropped.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

use serde_json::{Value, json};

use super::jira_answers::behave;
use super::jira_rules::semantics;
use super::schema::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Cloud,
    Datacenter,
}

#[derive(Debug, Clone)]
pub enum Fault {
    Status {
        code: u16,
        body: String,
        retry_after: Option<u64>,
    },
    /// Accept the request and never answer.
    Hang,
}

impl Fault {
    pub fn status(code: u16) -> Fault {
        let body = json!({"errorMessages": [format!("injected {code}")], "errors": {}}).to_string();
        Fault::Status {
            code,
            body,
            retry_after: None,
        }
    }
}

#[derive(Debug, Clone)]
#[allow(dead_code)]
pub struct Request {
    pub at: Instant,
    pub method: String,
    pub path: String,
    /// The OpenAPI operationId (Data Center search: `searchDc`).
    pub op: String,
    pub body: Value,
}

#[derive(Debug, Clone)]
pub struct Issue {
    pub key: String,
    pub fields: Value,
    pub labels: Vec<String>,
    pub comments: Vec<Value>,
    pub transitions: Vec<String>,
}

pub(super) struct State {
    pub(super) spec: Value,
    pub(super) flavor: Flavor,
    pub(super) auth: String,
    pub(super) issues: Vec<Issue>,
    pub(super) faults: Vec<(String, VecDeque<Fault>)>,
    pub(super) requests: Vec<Request>,
    pub(super) errors: Vec<String>,
    pub(super) hung: Vec<tiny_http::Request>,
    pub(super) base: String,
}

pub struct JiraStub {
    pub url: String,
    state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

/// `Authorization` for basic auth.
pub fn basic(user: &str, token: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{user}:{token}").into_bytes();
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    format!("Basic {out}")
}

impl JiraStub {
    /// Starts a stub on a free loopback port that accepts `authorization` exactly.
    pub fn start(flavor: Flavor, authorization: &str) -> JiraStub {
        let spec: Value = serde_json::from_str(include_str!(
            "../../fixtures/jira-cloud-openapi-subset.json"
        ))
        .unwrap();
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let state = Arc::new(Mutex::new(State {
            spec,
            flavor,
            auth: authorization.to_string(),
            issues: Vec::new(),
            faults: Vec::new(),
            requests: Vec::new(),
            errors: Vec::new(),
            hung: Vec::new(),
            base: url.clone(),
        }));
        let (s2, st2) = (server.clone(), state.clone());
        let thread = std::thread::spawn(move || {
            for req in s2.incoming_requests() {
                handle(&st2, req);
            }
        });
        JiraStub {
            url,
            state,
            server,
            thread: Some(thread),
        }
    }

    /// The next `times` requests to `op` get `fault`.
    pub fn fail(&self, op: &str, times: usize, fault: Fault) {
        let mut st = self.state.lock().unwrap();
        let q: VecDeque<Fault> = std::iter::repeat_n(fault, times).collect();
        st.faults.push((op.to_string(), q));
    }

    /// Drops every queued fault.
    pub fn heal(&self) {
        self.state.lock().unwrap().faults.clear();
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn ops(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.op).collect()
    }

    pub fn issues(&self) -> Vec<Issue> {
        self.state.lock().unwrap().issues.clone()
    }

    /// Adds an issue as if someone (or an earlier, lost answer) had created it.
    pub fn seed(&self, labels: &[&str]) -> String {
        let mut st = self.state.lock().unwrap();
        let key = format!("OPS-{}", st.issues.len() + 1);
        st.issues.push(Issue {
            key: key.clone(),
            fields: json!({}),
            labels: labels.iter().map(|l| (*l).to_string()).collect(),
            comments: vec![],
            transitions: vec![],
        });
        key
    }
}

impl Drop for JiraStub {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let st = self.state.lock().unwrap();
        if !std::thread::panicking() {
            assert!(
                st.errors.is_empty(),
                "the Jira stub saw requests off the spec:\n{}",
                st.errors.join("\n")
            );
        }
    }
}

fn respond(req: tiny_http::Request, code: u16, body: &Value, retry_after: Option<u64>) {
    let data = if body.is_null() {
        Vec::new()
    } else {
        serde_json::to_vec(body).unwrap()
    };
    let mut resp = tiny_http::Response::from_data(data).with_status_code(code);
    resp.add_header(tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap());
    if let Some(s) = retry_after {
        resp.add_header(tiny_http::Header::from_bytes("Retry-After", s.to_string()).unwrap());
    }
    let _ = req.respond(resp);
}

/// The spec's path template and operation for a request, if any.
fn operation(spec: &Value, method: &str, path: &str) -> Option<(String, Value)> {
    let segs: Vec<&str> = path.split('/').collect();
    for (tpl, item) in spec["paths"].as_object()? {
        let t: Vec<&str> = tpl.split('/').collect();
        let matches = t.len() == segs.len()
            && t.iter()
                .zip(&segs)
                .all(|(a, b)| a.starts_with('{') || a == b);
        if matches && let Some(op) = item.get(method.to_ascii_lowercase()) {
            return Some((op["operationId"].as_str()?.to_string(), op.clone()));
        }
    }
    None
}

fn handle(state: &Arc<Mutex<State>>, mut req: tiny_http::Request) {
    let mut raw = String::new();
    let _ = std::io::Read::read_to_string(req.as_reader(), &mut raw);
    let method = req.method().as_str().to_string();
    let url = req.url().to_string();
    let path = url.split('?').next().unwrap_or_default().to_string();
    let auth = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .map(|h| h.value.as_str().to_string());
    let content_json = req
        .headers()
        .iter()
        .any(|h| h.field.equiv("Content-Type") && h.value.as_str().starts_with("application/json"));
    let mut st = state.lock().unwrap();
    let flavor = st.flavor;
    let body: Value = if raw.is_empty() {
        Value::Null
    } else {
        match serde_json::from_str(&raw) {
            Ok(v) => v,
            Err(e) => {
                st.errors
                    .push(format!("{method} {path}: body is not JSON: {e}"));
                return respond(
                    req,
                    400,
                    &json!({"errorMessages": ["not JSON"], "errors": {}}),
                    None,
                );
            }
        }
    };
    // Data Center speaks v2: same shapes, wiki strings, and the old search endpoint.
    let (spec_path, op_name) = match flavor {
        Flavor::Cloud => (path.clone(), None),
        Flavor::Datacenter if path == "/rest/api/2/search" => {
            (path.clone(), Some("searchDc".to_string()))
        }
        Flavor::Datacenter => (path.replacen("/rest/api/2/", "/rest/api/3/", 1), None),
    };
    if flavor == Flavor::Cloud && !path.starts_with("/rest/api/3/")
        || flavor == Flavor::Datacenter && !path.starts_with("/rest/api/2/")
    {
        st.errors
            .push(format!("{method} {path}: wrong API version for {flavor:?}"));
    }
    let found = match &op_name {
        Some(n) => Some((n.clone(), Value::Null)),
        None => operation(&st.spec, &method, &spec_path),
    };
    let Some((op, spec_op)) = found else {
        st.errors.push(format!(
            "{method} {path}: not an operation in the OpenAPI subset"
        ));
        return respond(
            req,
            404,
            &json!({"errorMessages": ["no such operation"], "errors": {}}),
            None,
        );
    };
    st.requests.push(Request {
        at: Instant::now(),
        method: method.clone(),
        path: path.clone(),
        op: op.clone(),
        body: body.clone(),
    });
    if auth.as_deref() != Some(st.auth.as_str()) {
        return respond(
            req,
            401,
            &json!({"errorMessages": ["You are not authenticated."], "errors": {}}),
            None,
        );
    }
    if let Some((_, q)) = st
        .faults
        .iter_mut()
        .find(|(o, q)| (o == &op || o == "*") && !q.is_empty())
    {
        match q.pop_front().unwrap() {
            Fault::Hang => return st.hung.push(req),
            Fault::Status {
                code,
                body,
                retry_after,
            } => {
                let v: Value = serde_json::from_str(&body).unwrap_or(Value::String(body));
                return respond(req, code, &v, retry_after);
            }
        }
    }
    // The body against the documented request schema, and what the schema cannot say.
    let mut problems = Vec::new();
    if !body.is_null() && !content_json {
        problems.push("Content-Type is not application/json".to_string());
    }
    if let Some(schema) = spec_op.pointer("/requestBody/content/application~1json/schema") {
        if body.is_null() {
            problems.push("missing request body".into());
        } else {
            problems.extend(validate(&st.spec, schema, &body, true));
        }
    }
    problems.extend(semantics(flavor, &op, &body));
    if !problems.is_empty() {
        for p in &problems {
            st.errors.push(format!("{method} {path} ({op}): {p}"));
        }
        return respond(
            req,
            400,
            &json!({"errorMessages": problems, "errors": {}}),
            None,
        );
    }
    let (code, answer) = behave(&mut st, &op, &path, &body);
    // Our own answers must be the documented ones.
    if let Some(schema) = spec_op.pointer(&format!(
        "/responses/{code}/content/application~1json/schema"
    )) {
        let bad = validate(&st.spec, schema, &answer, false);
        assert!(bad.is_empty(), "stub answer off the spec: {bad:?}");
    }
    respond(req, code, &answer, None);
}
