//! What a tracking ticket says: its summary, description and labels, and the comments the
//! incident's life adds. Pure: built from the incident as the log tells it and the schedule.

use chrono::{DateTime, Utc};

use crate::alerts::Signal;
use crate::incident::Incident;
use crate::integrations::jira::NewIssue;
use crate::integrations::jira::doc::{Block, Doc, Inline};
use crate::output::fmt;
use crate::schedule::Schedule;

/// The label that marks an incident's ticket, searched for before creating one.
pub fn incident_label(id: &str) -> String {
    format!("oncall-{id}")
}

/// The ticket for `inc`. `alert` adds the alert's details and links when the page came from
/// one and the ticket is made right away.
pub fn new_issue(s: &Schedule, inc: &Incident, alert: Option<&Signal>) -> NewIssue {
    let urgency = if inc.urgency.is_empty() {
        "high"
    } else {
        &inc.urgency
    };
    let summary = format!("[{urgency}] {}: {}", inc.service, inc.summary);
    let person = |id: &str| -> Vec<Inline> {
        if id.is_empty() {
            return vec![Inline::Text("nobody (a gap in the schedule)".into())];
        }
        let mut text = s.name_of(id).to_string();
        if let Some(p) = s.person(id) {
            let contacts: Vec<&str> = [&p.email, &p.phone, &p.chat]
                .into_iter()
                .filter_map(|c| c.as_deref())
                .collect();
            if !contacts.is_empty() {
                text.push_str(&format!(" ({})", contacts.join(", ")));
            }
        }
        vec![Inline::Text(text)]
    };
    let field = |name: &str, mut value: Vec<Inline>| {
        let mut v = vec![Inline::Bold(format!("{name}: "))];
        v.append(&mut value);
        v
    };
    let service = s.services.get(&inc.service);
    let mut service_text = inc.service.clone();
    if let Some(d) = service.and_then(|sv| sv.description.as_deref()) {
        service_text.push_str(&format!(" ({d})"));
    }
    let runbook = service.map_or_else(
        || format!("runbooks/{}.md", inc.service),
        |sv| sv.runbook.clone(),
    );
    let mut facts = vec![
        field("Service", vec![Inline::Text(service_text)]),
        field("Urgency", vec![Inline::Text(urgency.to_string())]),
        field("Incident Manager", person(&inc.manager)),
        field("Incident Engineer", person(&inc.engineer)),
        field(
            "Runbook",
            vec![Inline::Text(format!(
                "{runbook} in the on-call repository (`oncall runbook {}`)",
                inc.service
            ))],
        ),
        field("Source", vec![Inline::Text(inc.source.clone())]),
    ];
    if let Some(t) = inc.paged_at {
        facts.insert(
            0,
            field("Paged", vec![Inline::Text(fmt::stamp(t, s.team.tz))]),
        );
    }
    let mut blocks = vec![
        Block::Paragraph(vec![
            Inline::Text("Incident ".into()),
            Inline::Bold(inc.id.clone()),
            Inline::Text(format!(": {}", inc.summary)),
        ]),
        Block::Bullets(facts),
    ];
    if let Some(sig) = alert {
        if !sig.details.is_empty() {
            blocks.push(Block::Paragraph(vec![Inline::Bold("Alerts".into())]));
            blocks.push(Block::Bullets(
                sig.details
                    .iter()
                    .map(|d| vec![Inline::Text(d.clone())])
                    .collect(),
            ));
        }
        if !sig.links.is_empty() {
            blocks.push(Block::Bullets(
                sig.links
                    .iter()
                    .map(|(k, url)| {
                        vec![
                            Inline::Bold(format!("{k}: ")),
                            Inline::Link {
                                text: url.clone(),
                                href: url.clone(),
                            },
                        ]
                    })
                    .collect(),
            ));
        }
    }
    blocks.push(Block::Paragraph(vec![Inline::Text(format!(
        "Opened by oncall; every event of this incident is in pages.csv (incident {}).",
        inc.id
    ))]));
    let mut labels = vec![incident_label(&inc.id), format!("urgency-{urgency}")];
    if !inc.service.is_empty() {
        labels.insert(1, format!("service-{}", inc.service));
    }
    NewIssue {
        summary,
        description: Doc(blocks),
        labels,
        assignee: s.person(&inc.manager).and_then(|p| p.jira.clone()),
    }
}

/// `Acknowledged by Alice at Tue 2026-11-24 10:15 EST.`
pub fn ack(s: &Schedule, actor: &str, at: DateTime<Utc>) -> Doc {
    Doc::text(format!(
        "Acknowledged by {} at {}.",
        s.name_of(actor),
        fmt::stamp(at, s.team.tz)
    ))
}

/// `Escalated to level 2 (Team leads): Lead A, Lead B.`
pub fn escalate(s: &Schedule, level: u8, people: &[String], actor: &str) -> Doc {
    let name = s.level(level).map_or_else(
        || format!("level {level}"),
        |l| format!("level {level} ({})", l.name),
    );
    let names: Vec<&str> = people.iter().map(|p| s.name_of(p)).collect();
    let who = if names.is_empty() {
        String::new()
    } else {
        format!(": {}", names.join(", "))
    };
    Doc::text(format!(
        "Escalated to {name}{who}. By {}.",
        s.name_of(actor)
    ))
}

/// A note, signed.
pub fn note(s: &Schedule, text: &str, actor: &str) -> Doc {
    Doc(vec![
        Block::Paragraph(vec![Inline::Text(text.to_string())]),
        Block::Paragraph(vec![Inline::Text(format!("— {}", s.name_of(actor)))]),
    ])
}

/// The resolution comment.
pub fn resolve(
    s: &Schedule,
    actor: &str,
    at: DateTime<Utc>,
    documented: bool,
    automated: bool,
    text: Option<&str>,
) -> Doc {
    let yes = |b: bool| if b { "yes" } else { "no" };
    let mut blocks = vec![
        Block::Paragraph(vec![Inline::Text(format!(
            "Resolved by {} at {}.",
            s.name_of(actor),
            fmt::stamp(at, s.team.tz)
        ))]),
        Block::Bullets(vec![
            vec![
                Inline::Bold("Resolution documented: ".into()),
                Inline::Text(yes(documented).into()),
            ],
            vec![
                Inline::Bold("Resolution automated: ".into()),
                Inline::Text(yes(automated).into()),
            ],
        ]),
    ];
    if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
        blocks.push(Block::Paragraph(vec![Inline::Text(t.to_string())]));
    }
    Doc(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ticket_names_the_pair_and_carries_the_labels() {
        let text = r#"
[team]
name = "T"
timezone = "UTC"
[people.a]
name = "Ann"
email = "ann@example.com"
jira = "acc-1"
[people.b]
name = "Ben"
[[rotation]]
start = 2026-01-05T10:00:00
every = "1w"
pairs = [{ manager = "a", engineer = "b" }]
[services.api]
description = "The API"
"#;
        let s = crate::schedule::parse(text).unwrap().schedule;
        let page = crate::incident::Event {
            incident: "k7m2q".into(),
            service: "api".into(),
            urgency: "low".into(),
            summary: "slow".into(),
            source: "manual".into(),
            manager: "a".into(),
            engineer: "b".into(),
            ..crate::incident::Event::default()
        };
        let mut r = crate::incident::Replay::new();
        r.apply(page.as_ref());
        let i = new_issue(&s, r.get("k7m2q").unwrap(), None);
        assert_eq!(i.summary, "[low] api: slow");
        assert_eq!(i.labels, ["oncall-k7m2q", "service-api", "urgency-low"]);
        assert_eq!(i.assignee.as_deref(), Some("acc-1"));
        let wiki = i.description.to_wiki();
        assert!(wiki.contains("Ann (ann@example.com)"), "{wiki}");
        assert!(wiki.contains("Ben"));
        assert!(wiki.contains("runbooks/api.md"));
        assert!(wiki.contains("The API"));
    }
}
