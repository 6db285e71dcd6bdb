//! What each channel will get, for people (the preview before confirming, `--dry-run`) and
//! for scripts (`--dry-run --json`: the exact payloads). Pure.

use serde::Serialize;
use serde_json::{Value, json};

use super::channels::{Channel, ChannelKind, Target};
use super::{Facts, compose};

/// One channel's preview.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub channel: String,
    pub kind: ChannelKind,
    /// What a person reads.
    pub text: String,
    /// What goes over the wire (JSON bodies; the email's parts; the page entry).
    pub payload: Value,
}

/// The preview of `facts` on `channel`. `statuspage_id` is the Statuspage incident this
/// incident already has, if any.
pub fn preview(channel: &Channel, facts: &Facts, statuspage_id: Option<&str>) -> Preview {
    let (text, payload) = match &channel.target {
        Target::Email(cfg) => {
            let e = compose::email(facts);
            (
                format!(
                    "To: {}\nSubject: {}\n\n{}",
                    cfg.to.join(", "),
                    e.subject,
                    e.text
                ),
                json!({"from": cfg.from, "to": cfg.to, "subject": e.subject, "text": e.text, "html": e.html}),
            )
        }
        Target::Chat(_) => chat(channel.kind, facts),
        Target::Static { dir } => (
            format!(
                "{dir}/index.html and {dir}/status.json: {}: {}",
                facts.status.label(),
                facts.message
            ),
            json!({"status": facts.status.as_str(), "body": facts.message}),
        ),
        Target::Statuspage(_) => {
            let what = match statuspage_id {
                Some(id) => format!("update Statuspage incident {id}"),
                None => format!(
                    "open a Statuspage incident \"{}\"",
                    compose::statuspage_name(facts)
                ),
            };
            (
                format!("{what}: {}: {}", facts.status.label(), facts.message),
                json!({"name": compose::statuspage_name(facts), "status": facts.status.as_str(), "body": facts.message}),
            )
        }
        Target::Jira => {
            let doc = compose::jira(facts);
            let on = facts
                .ticket
                .as_deref()
                .map_or("the incident's ticket (opened first)".to_string(), |t| {
                    t.to_string()
                });
            (format!("comment on {on}:\n{}", doc.to_wiki()), doc.to_adf())
        }
    };
    Preview {
        channel: channel.name.clone(),
        kind: channel.kind,
        text,
        payload,
    }
}

fn chat(kind: ChannelKind, f: &Facts) -> (String, Value) {
    match kind {
        ChannelKind::Slack => {
            let v = compose::slack(f);
            let text = format!(
                "{}\n{}",
                v["blocks"][0]["text"]["text"].as_str().unwrap_or_default(),
                v["blocks"][1]["elements"][0]["text"]
                    .as_str()
                    .unwrap_or_default()
            );
            (text, v)
        }
        ChannelKind::Mattermost => {
            let v = compose::mattermost(f);
            (v["text"].as_str().unwrap_or_default().to_string(), v)
        }
        ChannelKind::Discord => {
            let v = compose::discord(f);
            (v["content"].as_str().unwrap_or_default().to_string(), v)
        }
        ChannelKind::Matrix => {
            let v = compose::matrix(f);
            (v["body"].as_str().unwrap_or_default().to_string(), v)
        }
        ChannelKind::Teams => {
            let v = compose::teams(f);
            let card = &v["attachments"][0]["content"];
            let mut text = format!(
                "card: {}\n{}",
                card["body"][0]["text"].as_str().unwrap_or_default(),
                card["body"][1]["text"].as_str().unwrap_or_default()
            );
            for fact in card["body"][2]["facts"].as_array().into_iter().flatten() {
                text.push_str(&format!(
                    "\n{}: {}",
                    fact["title"].as_str().unwrap_or_default(),
                    fact["value"].as_str().unwrap_or_default()
                ));
            }
            (text, v)
        }
        _ => {
            let v = compose::webhook(f);
            (serde_json::to_string_pretty(&v).unwrap_or_default(), v)
        }
    }
}
