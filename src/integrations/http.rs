//! The shared HTTP client for every integration (Jira today; chat, email relays and status
//! pages later): a timeout on every call, retries with exponential backoff on 5xx, timeouts and
//! connection errors, `429` retried no sooner than its `Retry-After`, other 4xx never retried,
//! and a typed [`ApiError`] naming the service and operation. Errors never carry URLs (a chat
//! webhook URL is a secret) or credentials; response bodies are cut to a short excerpt.

use std::time::Duration;

use reqwest::Method;
use reqwest::blocking::Client;

use super::settings::Secret;

/// How patient to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// For each attempt, connection and response together.
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first backoff; doubled for each retry.
    pub backoff: Duration,
    /// The longest wait honoured; a `Retry-After` beyond it gives up at once.
    pub max_wait: Duration,
}

/// How a request authenticates.
#[derive(Debug, Clone)]
pub enum Auth {
    None,
    /// `Authorization: Basic base64(user:password)`.
    Basic {
        user: String,
        password: Secret,
    },
    /// `Authorization: Bearer token`.
    Bearer(Secret),
    /// `Authorization: <scheme> token`, e.g. Statuspage's `OAuth <key>`.
    Scheme(&'static str, Secret),
}

/// A successful (2xx) answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

impl Response {
    /// The body as JSON (an empty body is `null`).
    pub fn json(&self, service: &'static str, op: &str) -> Result<serde_json::Value, ApiError> {
        if self.body.trim().is_empty() {
            return Ok(serde_json::Value::Null);
        }
        serde_json::from_str(&self.body).map_err(|e| ApiError::Decode {
            service,
            op: op.to_string(),
            detail: e.to_string(),
        })
    }
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer within the timeout.
    Timeout { service: &'static str, op: String },
    /// No connection (refused, DNS, TLS handshake): the request was never sent.
    Unreachable {
        service: &'static str,
        op: String,
        detail: String,
    },
    /// The connection broke during the exchange: the request may have been acted on.
    Network {
        service: &'static str,
        op: String,
        detail: String,
    },
    /// A non-2xx answer.
    Status {
        service: &'static str,
        op: String,
        status: u16,
        /// What the server said, shortened.
        excerpt: String,
        retry_after: Option<Duration>,
    },
    /// A 2xx answer that could not be understood.
    Decode {
        service: &'static str,
        op: String,
        detail: String,
    },
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Worth trying again later: the service is down, slow or busy.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Timeout { .. } | ApiError::Unreachable { .. } | ApiError::Network { .. } => {
                true
            }
            // 420 is Statuspage's (and Twitter's) "slow down", the same as 429.
            ApiError::Status { status, .. } => matches!(status, 420 | 429) || *status >= 500,
            ApiError::Decode { .. } => false,
        }
    }

    /// The service may have acted on the request although we got no answer: repeating a
    /// non-idempotent request after this could do it twice.
    pub fn may_have_acted(&self) -> bool {
        matches!(self, ApiError::Timeout { .. } | ApiError::Network { .. })
    }

    /// The credentials were refused (401, 403).
    pub fn is_auth(&self) -> bool {
        matches!(self.status(), Some(401 | 403))
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Timeout { service, op } => {
                write!(f, "{service} did not answer in time ({op})")
            }
            ApiError::Unreachable {
                service,
                op,
                detail,
            } => write!(f, "cannot reach {service} ({op}): {detail}"),
            ApiError::Network {
                service,
                op,
                detail,
            } => write!(f, "lost the connection to {service} ({op}): {detail}"),
            ApiError::Status {
                service,
                op,
                status,
                excerpt,
                ..
            } => {
                let reason = reqwest::StatusCode::from_u16(*status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("");
                write!(f, "{service} answered {status} {reason} ({op})")?;
                if !excerpt.is_empty() {
                    write!(f, ": {excerpt}")?;
                }
                Ok(())
            }
            ApiError::Decode {
                service,
                op,
                detail,
            } => write!(
                f,
                "{service} sent an answer that cannot be read ({op}): {detail}"
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// A client for one service.
pub struct Http {
    client: Client,
    service: &'static str,
    policy: Policy,
}

impl Http {
    pub fn new(service: &'static str, policy: Policy) -> Result<Http, ApiError> {
        // The project builds reqwest without a default crypto provider; install ring once.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = Client::builder()
            .timeout(policy.timeout)
            .connect_timeout(policy.timeout)
            .user_agent(concat!("oncall/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Network {
                service,
                op: "start the HTTP client".into(),
                detail: e.without_url().to_string(),
            })?;
        Ok(Http {
            client,
            service,
            policy,
        })
    }

    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Sends a request that is safe to repeat (a read, a search, a PUT with a transaction id),
    /// retrying transient failures per the policy, timeouts included.
    pub fn send(
        &self,
        op: &str,
        method: Method,
        url: &str,
        auth: &Auth,
        body: Option<&serde_json::Value>,
    ) -> Result<Response, ApiError> {
        super::retry::retry(self.policy, || {
            self.send_once(op, method.clone(), url, auth, body)
        })
    }

    /// Sends a request that must not happen twice (posting a message, a comment, an update).
    /// It is retried only when the service certainly did not act on it: no connection, a
    /// 429/420, or a 5xx. After a timeout or a broken connection it is not repeated: the
    /// service may have acted and only the answer was lost.
    pub fn send_write(
        &self,
        op: &str,
        method: Method,
        url: &str,
        auth: &Auth,
        body: Option<&serde_json::Value>,
    ) -> Result<Response, ApiError> {
        super::retry::retry(self.policy, || {
            self.send_once(op, method.clone(), url, auth, body)
                .map_err(super::retry::Once)
        })
        .map_err(|once| once.0)
    }

    /// How long to wait before retry number `attempt + 1` after `err`, or `None` to give up:
    /// not transient, out of retries, or told to wait longer than the policy allows.
    pub fn wait_before_retry(&self, attempt: u32, err: &ApiError) -> Option<Duration> {
        super::retry::wait_before_retry(self.policy, attempt, err)
    }

    /// One attempt, no retry.
    pub fn send_once(
        &self,
        op: &str,
        method: Method,
        url: &str,
        auth: &Auth,
        body: Option<&serde_json::Value>,
    ) -> Result<Response, ApiError> {
        let mut req = self
            .client
            .request(method, url)
            .header("Accept", "application/json");
        req = match auth {
            Auth::None => req,
            Auth::Basic { user, password } => req.basic_auth(user, Some(password.expose())),
            Auth::Bearer(token) => req.bearer_auth(token.expose()),
            Auth::Scheme(scheme, token) => {
                let mut value =
                    reqwest::header::HeaderValue::try_from(format!("{scheme} {}", token.expose()))
                        .map_err(|_| ApiError::Network {
                            service: self.service,
                            op: op.to_string(),
                            detail: "the token has characters a header cannot carry".into(),
                        })?;
                value.set_sensitive(true);
                req.header(reqwest::header::AUTHORIZATION, value)
            }
        };
        if let Some(body) = body {
            req = req.json(body);
        }
        let service = self.service;
        let net = |e: reqwest::Error| {
            if e.is_timeout() {
                ApiError::Timeout {
                    service,
                    op: op.to_string(),
                }
            } else if e.is_connect() {
                ApiError::Unreachable {
                    service,
                    op: op.to_string(),
                    detail: root_cause(&e.without_url()),
                }
            } else {
                ApiError::Network {
                    service,
                    op: op.to_string(),
                    detail: root_cause(&e.without_url()),
                }
            }
        };
        let resp = req.send().map_err(net)?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = resp.text().map_err(net)?;
        if (200..300).contains(&status) {
            return Ok(Response { status, body });
        }
        Err(ApiError::Status {
            service,
            op: op.to_string(),
            status,
            excerpt: excerpt(&body),
            retry_after,
        })
    }
}

/// `Retry-After`: delay seconds, or an HTTP date (RFC 9110 allows both).
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    // Real time, not `ONCALL_NOW`: this is how long to actually wait.
    let now = std::time::SystemTime::now();
    let at = std::time::SystemTime::UNIX_EPOCH
        + Duration::from_secs(u64::try_from(at.timestamp()).ok()?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The innermost cause of a transport error, which is the useful part ("connection refused").
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    let top = e.to_string();
    let root = cur.to_string();
    if top == root {
        top
    } else {
        format!("{top}: {root}")
    }
}

/// What an error body says, briefly: Jira's `errorMessages`/`errors`, a `message` field
/// (Statuspage, many others), an `error` string (Matrix), else the first 200 characters.
pub fn excerpt(body: &str) -> String {
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
        let mut parts: Vec<String> = Vec::new();
        if let Some(list) = v.get("errorMessages").and_then(|m| m.as_array()) {
            parts.extend(list.iter().filter_map(|m| m.as_str().map(str::to_string)));
        }
        if let Some(map) = v.get("errors").and_then(|m| m.as_object()) {
            parts.extend(
                map.iter()
                    .map(|(k, m)| format!("{k}: {}", m.as_str().unwrap_or_default())),
            );
        }
        for key in ["message", "error"] {
            if let Some(m) = v.get(key).and_then(|m| m.as_str()) {
                parts.push(m.to_string());
            }
        }
        if !parts.is_empty() {
            return shorten(&parts.join("; "));
        }
    }
    shorten(body)
}

fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 200 {
        let cut: String = one_line.chars().take(200).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            timeout: Duration::from_secs(1),
            retries: 2,
            backoff: Duration::from_millis(100),
            max_wait: Duration::from_secs(5),
        }
    }

    fn status(code: u16, after: Option<u64>) -> ApiError {
        ApiError::Status {
            service: "jira",
            op: "x".into(),
            status: code,
            excerpt: String::new(),
            retry_after: after.map(Duration::from_secs),
        }
    }

    #[test]
    fn writes_are_not_repeated_when_the_service_may_have_acted() {
        use crate::integrations::retry::{Once, Retryable};
        let timeout = ApiError::Timeout {
            service: "slack",
            op: "x".into(),
        };
        let broken = ApiError::Network {
            service: "slack",
            op: "x".into(),
            detail: "reset".into(),
        };
        let refused = ApiError::Unreachable {
            service: "slack",
            op: "x".into(),
            detail: "refused".into(),
        };
        assert!(timeout.is_transient() && !Once(timeout).is_transient());
        assert!(broken.is_transient() && !Once(broken).is_transient());
        assert!(
            Once(refused).is_transient(),
            "never sent: safe to send again"
        );
        assert!(Once(status(503, None)).is_transient());
        assert!(
            Once(status(420, Some(2))).is_transient(),
            "Statuspage's slow down"
        );
        assert_eq!(
            Once(status(429, Some(3))).retry_after(),
            Some(Duration::from_secs(3))
        );
        assert!(!Once(status(400, None)).is_transient());
    }

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        assert_eq!(parse_retry_after(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO),
            "in the past"
        );
        let later = chrono::Utc::now() + chrono::Duration::seconds(30);
        let wait = parse_retry_after(&later.to_rfc2822()).unwrap();
        assert!(
            wait > Duration::from_secs(25) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn retries_only_what_may_succeed_later() {
        let h = Http::new("jira", policy()).unwrap();
        assert_eq!(
            h.wait_before_retry(0, &status(500, None)),
            Some(Duration::from_millis(100))
        );
        assert_eq!(
            h.wait_before_retry(1, &status(503, None)),
            Some(Duration::from_millis(200))
        );
        assert_eq!(h.wait_before_retry(2, &status(503, None)), None);
        assert_eq!(
            h.wait_before_retry(0, &status(429, Some(3))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(h.wait_before_retry(0, &status(429, Some(60))), None);
        for code in [400, 401, 403, 404, 409, 413, 422] {
            assert_eq!(h.wait_before_retry(0, &status(code, None)), None, "{code}");
        }
        let t = ApiError::Timeout {
            service: "jira",
            op: "x".into(),
        };
        assert!(h.wait_before_retry(0, &t).is_some());
    }

    #[test]
    fn excerpts_read_error_bodies() {
        assert_eq!(
            excerpt(r#"{"errorMessages":["Field 'priority' is required"],"errors":{}}"#),
            "Field 'priority' is required"
        );
        assert_eq!(
            excerpt(r#"{"errorMessages":[],"errors":{"summary":"too long"}}"#),
            "summary: too long"
        );
        assert_eq!(
            excerpt("<html>\n  Bad   gateway</html>"),
            "<html> Bad gateway</html>"
        );
        assert!(excerpt(&"x".repeat(500)).chars().count() <= 201);
        let e = status(401, None);
        assert_eq!(e.to_string(), "jira answered 401 Unauthorized (x)");
        assert!(e.is_auth());
    }
}
