//! Who may post alerts: a shared token (`Authorization: Bearer`, or `?token=` for senders
//! that cannot set headers), PagerDuty's `X-PagerDuty-Signature` (`v1=` HMAC-SHA256 of the raw
//! body; several during secret rotation, any may match) and Grafana's HMAC header (lowercase
//! hex HMAC-SHA256 of the body). All comparisons are constant-time. Pure.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::integrations::settings::Secret;

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Missing(&'static str),
    Wrong(&'static str),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Missing(what) => write!(f, "missing {what}"),
            Refusal::Wrong(what) => write!(f, "wrong {what}"),
        }
    }
}

/// Checks the shared token from the `Authorization` header or the `token` query parameter.
pub fn token(
    expected: &Secret,
    authorization: Option<&str>,
    query: Option<&str>,
) -> Result<(), Refusal> {
    let from_header = authorization.and_then(|h| {
        let (scheme, value) = h.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| value.trim().to_string())
    });
    let from_query = query.and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "token")
            .map(|(_, v)| percent_decode(v))
    });
    let Some(given) = from_header.or(from_query) else {
        return Err(Refusal::Missing("token"));
    };
    if bool::from(given.as_bytes().ct_eq(expected.expose().as_bytes())) {
        Ok(())
    } else {
        Err(Refusal::Wrong("token"))
    }
}

fn mac(secret: &Secret) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this cannot fail.
    <Hmac<Sha256> as Mac>::new_from_slice(secret.expose().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"))
}

/// Checks `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]`.
pub fn pagerduty(secret: &Secret, header: Option<&str>, body: &[u8]) -> Result<(), Refusal> {
    const WHAT: &str = "X-PagerDuty-Signature";
    let header = header.ok_or(Refusal::Missing(WHAT))?;
    let mut m = mac(secret);
    m.update(body);
    let ok = header
        .split(',')
        .filter_map(|s| s.trim().strip_prefix("v1="))
        .filter_map(hex)
        .any(|sig| m.clone().verify_slice(&sig).is_ok());
    if ok {
        Ok(())
    } else {
        Err(Refusal::Wrong(WHAT))
    }
}

/// The timestamp Grafana signs with the body when configured to (`"<timestamp>:<body>"`).
pub struct Stamp<'a> {
    /// The timestamp header's value (Unix seconds).
    pub value: Option<&'a str>,
    /// The current Unix time, to refuse replays.
    pub now: u64,
}

/// How far a signed timestamp may be from now.
const STAMP_WINDOW_SECS: u64 = 300;

/// Checks Grafana's signature header: hex HMAC-SHA256 of the body, or of
/// `"<timestamp>:<body>"` with a fresh timestamp when `stamp` is set.
pub fn grafana(
    secret: &Secret,
    header: Option<&str>,
    stamp: Option<Stamp<'_>>,
    body: &[u8],
) -> Result<(), Refusal> {
    const WHAT: &str = "Grafana signature";
    const WHEN: &str = "Grafana signature timestamp";
    let header = header.ok_or(Refusal::Missing(WHAT))?;
    let sig = hex(header.trim()).ok_or(Refusal::Wrong(WHAT))?;
    let mut m = mac(secret);
    if let Some(stamp) = stamp {
        let value = stamp.value.ok_or(Refusal::Missing(WHEN))?.trim();
        let t: u64 = value.parse().map_err(|_| Refusal::Wrong(WHEN))?;
        if t.abs_diff(stamp.now) > STAMP_WINDOW_SECS {
            return Err(Refusal::Wrong(WHEN));
        }
        m.update(value.as_bytes());
        m.update(b":");
    }
    m.update(body);
    m.verify_slice(&sig).map_err(|_| Refusal::Wrong(WHAT))
}

/// Lowercase hex HMAC-SHA256, for tests and senders.
pub fn sign(secret: &Secret, body: &[u8]) -> String {
    let mut m = mac(secret);
    m.update(body);
    m.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 3 <= b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let s = Secret::new("t0k/en");
        assert_eq!(token(&s, Some("Bearer t0k/en"), None), Ok(()));
        assert_eq!(token(&s, Some("bearer t0k/en"), None), Ok(()));
        assert_eq!(token(&s, None, Some("a=1&token=t0k%2Fen")), Ok(()));
        assert_eq!(
            token(&s, Some("Bearer nope"), None),
            Err(Refusal::Wrong("token"))
        );
        assert_eq!(
            token(&s, Some("Basic t0k/en"), None),
            Err(Refusal::Missing("token"))
        );
        assert_eq!(token(&s, None, None), Err(Refusal::Missing("token")));
        assert_eq!(percent_decode("a%"), "a%");
    }

    #[test]
    fn signatures() {
        let s = Secret::new("whsec");
        let body = br#"{"event":{}}"#;
        let good = sign(&s, body);
        assert_eq!(good.len(), 64);
        assert_eq!(pagerduty(&s, Some(&format!("v1={good}")), body), Ok(()));
        let rotated = format!("v1={},v1={good}", "00".repeat(32));
        assert_eq!(pagerduty(&s, Some(&rotated), body), Ok(()));
        assert!(pagerduty(&s, Some(&format!("v1={good}")), b"{}").is_err());
        assert!(pagerduty(&s, Some("v1=zz"), body).is_err());
        assert_eq!(
            pagerduty(&s, None, body),
            Err(Refusal::Missing("X-PagerDuty-Signature"))
        );
        assert_eq!(grafana(&s, Some(&good), None, body), Ok(()));
        assert!(grafana(&s, Some(&good[2..]), None, body).is_err());
        // Signed with a timestamp: "<ts>:<body>", fresh.
        let ts = "1764000000";
        let stamped = sign(
            &s,
            format!("{ts}:")
                .as_bytes()
                .iter()
                .chain(body)
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
        );
        let at = |now: u64| Stamp {
            value: Some(ts),
            now,
        };
        assert_eq!(
            grafana(&s, Some(&stamped), Some(at(1_764_000_100)), body),
            Ok(())
        );
        assert!(
            grafana(&s, Some(&stamped), Some(at(1_764_000_400)), body).is_err(),
            "stale"
        );
        assert!(
            grafana(&s, Some(&good), Some(at(1_764_000_100)), body).is_err(),
            "unstamped"
        );
        assert!(
            grafana(
                &s,
                Some(&stamped),
                Some(Stamp {
                    value: None,
                    now: 1
                }),
                body
            )
            .is_err()
        );
    }
}
