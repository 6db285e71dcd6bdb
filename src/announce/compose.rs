//! One announcement in every channel's form. Pure: [`Facts`] in, strings and JSON out.
//!
//! All text that comes from people (the message, names, the service's description) is
//! escaped for where it lands: HTML for email, Matrix and the status page; Slack's three
//! characters (`&`, `<`, `>`, and nothing else) for Slack and Mattermost; and mass mentions
//! (`@channel`, `@here`, `@everyone`, `@all`, `@room`) are defused in chat with an invisible
//! zero-width space, so a message can never page a whole channel. Discord also gets
//! `allowed_mentions: {parse: []}` and a 2000-character cap.

use crate::markup::html;
use serde_json::{Value, json};

use super::{Contact, Facts};
use crate::integrations::jira::doc::{Block, Doc, Inline};
use crate::output::fmt;

/// Discord refuses `content` longer than this.
pub const DISCORD_MAX: usize = 2000;
/// Slack's limit for one section block's text.
const SLACK_SECTION_MAX: usize = 3000;

/// An email: subject and both bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// `[Investigating] The API` (or the test marker).
pub fn headline(f: &Facts) -> String {
    if f.test {
        format!("[TEST] {}: test announcement", f.team)
    } else {
        format!("[{}] {}", f.status.label(), f.service_title)
    }
}

fn who(c: &Contact) -> String {
    match &c.chat {
        Some(h) => format!("{} ({h})", c.name),
        None => c.name.clone(),
    }
}

fn when(f: &Facts) -> String {
    fmt::stamp(f.at, f.tz)
}

/// The facts under the message, as (label, value, link).
fn details(f: &Facts) -> Vec<(&'static str, String, Option<String>)> {
    let mut d = Vec::new();
    if !f.test {
        d.push(("Status", f.status.label().to_string(), None));
        d.push((
            "Service",
            if f.service_title == f.service {
                f.service.clone()
            } else {
                format!("{} ({})", f.service_title, f.service)
            },
            None,
        ));
        d.push(("Incident", f.incident.clone(), None));
    }
    d.push((
        "Time",
        format!("{} ({})", when(f), fmt::rfc3339(f.at)),
        None,
    ));
    if let Some(m) = &f.manager {
        d.push(("Incident Manager", who(m), None));
    }
    if let Some(e) = &f.engineer {
        d.push(("Incident Engineer", who(e), None));
    }
    if let Some(t) = &f.ticket {
        d.push(("Ticket", t.clone(), f.ticket_url.clone()));
    }
    d
}

/// One line of who/what for chat footers: `Incident k7m2q · Manager: Alice · ...`.
fn footer_parts(f: &Facts) -> Vec<String> {
    let mut p = Vec::new();
    if !f.test {
        p.push(format!("Incident {}", f.incident));
    }
    if let Some(m) = &f.manager {
        p.push(format!("Manager: {}", who(m)));
    }
    if let Some(e) = &f.engineer {
        p.push(format!("Engineer: {}", who(e)));
    }
    p.push(when(f));
    p
}

/// The email: `[Investigating] The API: first line of the message`.
pub fn email(f: &Facts) -> Email {
    let first = f.message.lines().next().unwrap_or_default();
    let subject = if f.test {
        headline(f)
    } else {
        clip(&format!("{}: {first}", headline(f)), 150)
    };
    let d = details(f);
    let width = d.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0) + 1;
    let mut text = format!("{}\n\n{}\n\n", headline(f), f.message.trim_end());
    for (k, v, link) in &d {
        let v = match link {
            Some(l) => format!("{v} <{l}>"),
            None => v.clone(),
        };
        text.push_str(&format!("{:<width$} {v}\n", format!("{k}:")));
    }
    text.push_str(&format!("\n-- \nSent with oncall for {}.\n", f.team));

    let mut rows = String::new();
    for (k, v, link) in &d {
        let v = match link {
            Some(l) => format!("<a href=\"{}\">{}</a>", html(l), html(v)),
            None => html(v),
        };
        rows.push_str(&format!(
            "<tr><th style=\"text-align:left;padding:2px 12px 2px 0;color:#555;font-weight:600\">{}</th><td style=\"padding:2px 0\">{v}</td></tr>\n",
            html(k)
        ));
    }
    let body = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1b1f24;line-height:1.45\">\n<h2 style=\"margin:0 0 12px\">{title}</h2>\n<p style=\"white-space:pre-wrap;font-size:15px\">{msg}</p>\n<table style=\"border-collapse:collapse;font-size:13px\">\n{rows}</table>\n<p style=\"color:#777;font-size:12px\">Sent with oncall for {team}.</p>\n</body></html>\n",
        title = html(&headline(f)),
        msg = html(f.message.trim_end()),
        team = html(&f.team),
    );
    Email {
        subject,
        text,
        html: body,
    }
}

/// Slack incoming webhook: fallback `text` plus a section and a context block (mrkdwn).
pub fn slack(f: &Facts) -> Value {
    let ticket = match (&f.ticket, &f.ticket_url) {
        (Some(t), Some(u)) => Some(format!("<{}|{}>", slack_escape(u), slack_escape(t))),
        (Some(t), None) => Some(slack_escape(t)),
        _ => None,
    };
    let mut footer: Vec<String> = footer_parts(f)
        .iter()
        .map(|p| slack_escape(&defuse(p)))
        .collect();
    footer.extend(ticket);
    let head = format!("*{}*", slack_escape(&headline(f)));
    let room = SLACK_SECTION_MAX - head.chars().count() - 1;
    let msg = clip(&slack_escape(&defuse(f.message.trim_end())), room);
    json!({
        "text": clip(&slack_escape(&defuse(&format!("{}: {}", headline(f), f.message))), 3000),
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": format!("{head}\n{msg}")}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": footer.join(" · ")}]},
        ],
        "unfurl_links": false,
        "unfurl_media": false,
    })
}

/// Mattermost incoming webhook: Markdown `text` (Slack-compatible escaping).
pub fn mattermost(f: &Facts) -> Value {
    let mut footer: Vec<String> = footer_parts(f)
        .iter()
        .map(|p| slack_escape(&defuse(p)))
        .collect();
    match (&f.ticket, &f.ticket_url) {
        (Some(t), Some(u)) => footer.push(format!("[{}]({u})", slack_escape(t))),
        (Some(t), None) => footer.push(slack_escape(t)),
        _ => {}
    }
    json!({
        "text": format!(
            "**{}**\n{}\n\n_{}_",
            slack_escape(&headline(f)),
            slack_escape(&defuse(f.message.trim_end())),
            footer.join(" · ")
        ),
    })
}

/// Microsoft Teams (a Workflows "post to a channel" flow): an Adaptive Card.
pub fn teams(f: &Facts) -> Value {
    let facts: Vec<Value> = details(f)
        .into_iter()
        .map(|(k, v, _)| json!({"title": k, "value": defuse(&v)}))
        .collect();
    let mut card = json!({
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": headline(f), "weight": "Bolder", "size": "Medium", "wrap": true},
            {"type": "TextBlock", "text": defuse(f.message.trim_end()), "wrap": true},
            {"type": "FactSet", "facts": facts},
        ],
    });
    if let (Some(t), Some(u)) = (&f.ticket, &f.ticket_url) {
        card["actions"] = json!([{"type": "Action.OpenUrl", "title": t, "url": u}]);
    }
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": card,
        }],
    })
}

/// Discord webhook: at most 2000 characters, and no mentions at all.
pub fn discord(f: &Facts) -> Value {
    let mut footer = footer_parts(f);
    match (&f.ticket, &f.ticket_url) {
        (Some(t), Some(u)) => footer.push(format!("{t} <{u}>")),
        (Some(t), None) => footer.push(t.clone()),
        _ => {}
    }
    let head = format!("**{}**\n", headline(f));
    let foot = format!("\n*{}*", defuse(&footer.join(" · ")));
    let room = DISCORD_MAX.saturating_sub(head.chars().count() + foot.chars().count());
    let msg = clip(&defuse(f.message.trim_end()), room);
    json!({
        "content": clip(&format!("{head}{msg}{foot}"), DISCORD_MAX),
        "allowed_mentions": {"parse": []},
    })
}

/// Matrix `m.room.message` content: plain text and HTML.
pub fn matrix(f: &Facts) -> Value {
    let d = details(f);
    let mut body = format!("{}\n{}\n", headline(f), defuse(f.message.trim_end()));
    let mut items = String::new();
    for (k, v, link) in &d {
        body.push_str(&format!("\n{k}: {}", defuse(v)));
        if let Some(l) = link {
            body.push_str(&format!(" {l}"));
        }
        let v = match link {
            Some(l) => format!("<a href=\"{}\">{}</a>", html(l), html(&defuse(v))),
            None => html(&defuse(v)),
        };
        items.push_str(&format!("<li><b>{}</b>: {v}</li>", html(k)));
    }
    let formatted = format!(
        "<p><b>{}</b></p><p>{}</p><ul>{items}</ul>",
        html(&headline(f)),
        html(&defuse(f.message.trim_end())).replace('\n', "<br>")
    );
    json!({
        "msgtype": "m.text",
        "body": body,
        "format": "org.matrix.custom.html",
        "formatted_body": formatted,
    })
}

/// A generic webhook: the facts as JSON (documented in the README).
pub fn webhook(f: &Facts) -> Value {
    let person = |c: &Option<Contact>| {
        c.as_ref()
            .map(|c| json!({"id": c.id, "name": c.name, "chat": c.chat}))
    };
    json!({
        "type": "oncall.announcement",
        "test": f.test,
        "team": f.team,
        "incident": (!f.test).then_some(&f.incident),
        "service": (!f.test).then_some(&f.service),
        "service_title": (!f.test).then_some(&f.service_title),
        "status": (!f.test).then_some(f.status.as_str()),
        "message": f.message,
        "time": fmt::rfc3339(f.at),
        "manager": person(&f.manager),
        "engineer": person(&f.engineer),
        "ticket": f.ticket,
        "ticket_url": f.ticket_url,
    })
}

/// The public name of an incident on a status page (at most 255 characters).
pub fn incident_name(service_title: &str) -> String {
    clip(&format!("{service_title}: service disruption"), 255)
}

/// The name of a new Atlassian Statuspage incident.
pub fn statuspage_name(f: &Facts) -> String {
    incident_name(&f.service_title)
}

/// The Jira comment.
pub fn jira(f: &Facts) -> Doc {
    Doc(vec![
        Block::Paragraph(vec![
            Inline::Bold(format!("Public update: {}", f.status.label())),
            Inline::Text(format!(" (announced with oncall, {})", when(f))),
        ]),
        Block::Paragraph(vec![Inline::Text(f.message.trim_end().to_string())]),
    ])
}

/// Slack's escaping: exactly `&`, `<` and `>`.
pub fn slack_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Puts a zero-width space after the `@` of mass mentions, so they show but do not notify.
pub fn defuse(s: &str) -> String {
    const MASS: [&str; 5] = ["channel", "here", "everyone", "all", "room"];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('@') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let word: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if MASS.contains(&word.as_str()) {
            out.push('\u{200B}');
        }
    }
    out.push_str(rest);
    out
}

/// `s` cut to at most `max` characters, ending in `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

#[cfg(test)]
#[path = "compose_tests.rs"]
mod tests;
