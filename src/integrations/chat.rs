//! Chat incoming webhooks: Slack, Mattermost, Microsoft Teams (Workflows), Discord and a
//! generic JSON webhook. Each is one JSON POST to a URL that is itself the secret, so the URL
//! is a [`Secret`] and only [`redacted`] (scheme-less host, no path) ever reaches output.
//! Retries, timeouts and `Retry-After` come from the shared [`Http`] client.

use reqwest::Method;
use serde_json::Value;

use crate::schedule::config::ChatKind;

use super::http::{ApiError, Auth, Http};
use super::settings::Secret;

/// What the chat service said when it took the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    /// A short word for the report: `ok`, `accepted`...
    pub detail: String,
}

/// Posts `body` to the webhook at `url`.
pub fn post(http: &Http, kind: ChatKind, url: &Secret, body: &Value) -> Result<Posted, ApiError> {
    let target = match kind {
        // `wait=true` makes Discord answer only once the message exists (200 + the message),
        // instead of 204 before it is stored.
        ChatKind::Discord => with_query(url.expose(), "wait=true"),
        _ => url.expose().to_string(),
    };
    let r = http.send_write(
        "post the message",
        Method::POST,
        &target,
        &Auth::None,
        Some(body),
    )?;
    let detail = match (kind, r.status) {
        // The Workflows trigger answers 202 before the flow runs; a failing flow only shows
        // in its run history, so say exactly what we know.
        (ChatKind::Teams, 202) => "accepted (202: the flow runs after this)".to_string(),
        (ChatKind::Slack | ChatKind::Mattermost, _) if !r.body.trim().is_empty() => {
            super::http::excerpt(&r.body)
        }
        _ => "ok".to_string(),
    };
    Ok(Posted { detail })
}

fn with_query(url: &str, q: &str) -> String {
    let (base, frag) = url
        .split_once('#')
        .map_or((url, None), |(b, f)| (b, Some(f)));
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut s = format!("{base}{sep}{q}");
    if let Some(f) = frag {
        s.push('#');
        s.push_str(f);
    }
    s
}

/// What may be shown of a secret URL: its host (and a non-default port), never the path,
/// query or credentials. `hooks.slack.com/…`.
pub fn redacted(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(u) => {
            let host = u.host_str().unwrap_or("?");
            match u.port() {
                Some(p) => format!("{host}:{p}/…"),
                None => format!("{host}/…"),
            }
        }
        Err(_) => "(not a URL)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_only_the_host() {
        assert_eq!(
            redacted("https://hooks.slack.com/services/T000/B000/XXXXSECRET"),
            "hooks.slack.com/…"
        );
        assert_eq!(
            redacted("http://user:pw@127.0.0.1:8080/hook?token=abc"),
            "127.0.0.1:8080/…"
        );
        assert_eq!(redacted("not a url"), "(not a URL)");
    }

    #[test]
    fn discord_waits() {
        assert_eq!(
            with_query("https://discord.com/api/webhooks/1/abc", "wait=true"),
            "https://discord.com/api/webhooks/1/abc?wait=true"
        );
        assert_eq!(
            with_query("https://x/h?thread_id=9", "wait=true"),
            "https://x/h?thread_id=9&wait=true"
        );
    }
}
