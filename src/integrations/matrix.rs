//! Matrix, through the client-server API: one `m.room.message` per announcement, sent with
//! `PUT /rooms/{room}/send/m.room.message/{txnId}`. The transaction id is derived from the
//! announcement, not random, so every retry of it (the HTTP layer's, or `announce --retry`
//! in a later run) is the same transaction and the homeserver posts it once.

use reqwest::Method;
use serde_json::Value;

use super::http::{ApiError, Auth, Http};
use super::settings::Secret;

const SERVICE: &str = "Matrix";

/// A room on a homeserver, and the token to post with.
pub struct Matrix {
    http: Http,
    homeserver: String,
    token: Secret,
}

impl Matrix {
    pub fn new(http: Http, homeserver: &str, token: Secret) -> Matrix {
        Matrix {
            http,
            homeserver: homeserver.trim_end_matches('/').to_string(),
            token,
        }
    }

    pub fn service() -> &'static str {
        SERVICE
    }

    /// Sends `content` to `room` as transaction `txn`; returns the event id.
    pub fn send(&self, room: &str, txn: &str, content: &Value) -> Result<String, ApiError> {
        let url = format!(
            "{}/_matrix/client/v3/rooms/{}/send/m.room.message/{}",
            self.homeserver,
            encode(room),
            encode(txn)
        );
        let op = "send the message";
        let r = self.http.send(
            op,
            Method::PUT,
            &url,
            &Auth::Bearer(self.token.clone()),
            Some(content),
        )?;
        r.json(SERVICE, op)?["event_id"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| ApiError::Decode {
                service: SERVICE,
                op: op.into(),
                detail: "no `event_id` in the answer".into(),
            })
    }
}

/// A link anyone in the room can open.
pub fn link(room: &str, event: &str) -> String {
    format!("https://matrix.to/#/{}/{}", encode(room), encode(event))
}

/// The transaction id of one announcement on one channel: stable across retries.
pub fn txn_id(incident: &str, at_unix: i64, channel: &str) -> String {
    format!("oncall-{incident}-{at_unix}-{channel}")
}

/// Percent-encodes everything but RFC 3986 unreserved characters (`!` and `:` in room ids
/// included, as the spec asks).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links() {
        assert_eq!(encode("!a5mk:localhost"), "%21a5mk%3Alocalhost");
        assert_eq!(
            txn_id("k7m2q", 1_795_000_000, "ops"),
            "oncall-k7m2q-1795000000-ops"
        );
        assert_eq!(
            link("!r:x.org", "$ev"),
            "https://matrix.to/#/%21r%3Ax.org/%24ev"
        );
    }
}
