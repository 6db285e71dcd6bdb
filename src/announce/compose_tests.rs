//! The forms of one announcement, checked whole (snapshots kept inline) and for escaping.

use chrono::{DateTime, Utc};

use super::*;
use crate::announce::Status;

fn facts(message: &str) -> Facts {
    Facts {
        team: "Data Platform".into(),
        incident: "k7m2q".into(),
        service: "api".into(),
        service_title: "The API".into(),
        urgency: "high".into(),
        status: Status::Identified,
        message: message.into(),
        manager: Some(Contact {
            id: "alice".into(),
            name: "Alice Ng".into(),
            chat: Some("@alice".into()),
        }),
        engineer: Some(Contact {
            id: "bob".into(),
            name: "Bob".into(),
            chat: None,
        }),
        ticket: Some("OPS-12".into()),
        ticket_url: Some("https://jira.example.com/browse/OPS-12".into()),
        at: DateTime::parse_from_rfc3339("2026-11-24T15:15:00Z")
            .unwrap()
            .with_timezone(&Utc),
        tz: chrono_tz::America::New_York,
        test: false,
    }
}

const EVIL: &str = "Errors <script>alert(1)</script> & \"quotes\" for @channel <!everyone> @Here";

#[test]
fn email_text_snapshot() {
    let e = email(&facts(
        "Checkout errors are down to 2%.\nWe rolled back the deploy.",
    ));
    assert_eq!(
        e.subject,
        "[Identified] The API: Checkout errors are down to 2%."
    );
    assert_eq!(
        e.text,
        "[Identified] The API

Checkout errors are down to 2%.
We rolled back the deploy.

Status:            Identified
Service:           The API (api)
Incident:          k7m2q
Time:              Tue 2026-11-24 10:15 EST (2026-11-24T15:15:00Z)
Incident Manager:  Alice Ng (@alice)
Incident Engineer: Bob
Ticket:            OPS-12 <https://jira.example.com/browse/OPS-12>

-- 
Sent with oncall for Data Platform.
"
    );
    assert!(
        e.html
            .contains("<a href=\"https://jira.example.com/browse/OPS-12\">OPS-12</a>")
    );
}

#[test]
fn email_html_escapes_everything_people_wrote() {
    let e = email(&facts(EVIL));
    assert!(!e.html.contains("<script>"), "{}", e.html);
    assert!(
        e.html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;")
    );
    // Plain text stays as written; mentions mean nothing in email.
    assert!(e.text.contains(EVIL));
    assert!(!e.subject.contains('\n'));
}

#[test]
fn slack_escapes_three_characters_and_defuses_mentions() {
    let v = slack(&facts(EVIL));
    let section = v["blocks"][0]["text"]["text"].as_str().unwrap();
    assert_eq!(
        section,
        "*[Identified] The API*\nErrors &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\" for @\u{200B}channel &lt;!everyone&gt; @\u{200B}Here"
    );
    let footer = v["blocks"][1]["elements"][0]["text"].as_str().unwrap();
    assert_eq!(
        footer,
        "Incident k7m2q · Manager: Alice Ng (@alice) · Engineer: Bob · Tue 2026-11-24 10:15 EST · <https://jira.example.com/browse/OPS-12|OPS-12>"
    );
    assert!(!v["text"].as_str().unwrap().contains("<!"));
    let long = slack(&facts(&"x".repeat(5000)));
    assert!(
        long["blocks"][0]["text"]["text"]
            .as_str()
            .unwrap()
            .chars()
            .count()
            <= 3000
    );
}

#[test]
fn mattermost_is_markdown() {
    let v = mattermost(&facts("a < b @all"));
    assert_eq!(
        v["text"],
        "**[Identified] The API**\na &lt; b @\u{200B}all\n\n_Incident k7m2q · Manager: Alice Ng (@alice) · Engineer: Bob · Tue 2026-11-24 10:15 EST · [OPS-12](https://jira.example.com/browse/OPS-12)_"
    );
}

#[test]
fn teams_is_an_adaptive_card() {
    let v = teams(&facts("We found it."));
    assert_eq!(v["type"], "message");
    let a = &v["attachments"][0];
    assert_eq!(a["contentType"], "application/vnd.microsoft.card.adaptive");
    assert!(a["contentUrl"].is_null());
    let c = &a["content"];
    assert_eq!(c["type"], "AdaptiveCard");
    assert_eq!(c["body"][0]["text"], "[Identified] The API");
    assert_eq!(c["body"][1]["text"], "We found it.");
    assert_eq!(c["body"][2]["facts"][0]["title"], "Status");
    assert_eq!(
        c["actions"][0]["url"],
        "https://jira.example.com/browse/OPS-12"
    );
}

#[test]
fn discord_fits_2000_characters_and_pings_nobody() {
    let v = discord(&facts(&"y".repeat(5000)));
    let content = v["content"].as_str().unwrap();
    assert!(content.chars().count() <= DISCORD_MAX);
    assert!(content.starts_with("**[Identified] The API**\nyyy"));
    assert!(content.ends_with("OPS-12 <https://jira.example.com/browse/OPS-12>*"));
    assert_eq!(v["allowed_mentions"]["parse"], serde_json::json!([]));
    let v = discord(&facts("@everyone look"));
    assert!(v["content"].as_str().unwrap().contains("@\u{200B}everyone"));
}

#[test]
fn matrix_has_text_and_escaped_html() {
    let v = matrix(&facts(EVIL));
    assert_eq!(v["msgtype"], "m.text");
    assert_eq!(v["format"], "org.matrix.custom.html");
    let body = v["body"].as_str().unwrap();
    assert!(body.starts_with("[Identified] The API\nErrors <script>"));
    let html = v["formatted_body"].as_str().unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("@\u{200B}channel"));
}

#[test]
fn webhook_and_statuspage_and_jira() {
    let f = facts("ok now");
    let w = webhook(&f);
    assert_eq!(w["type"], "oncall.announcement");
    assert_eq!(w["status"], "identified");
    assert_eq!(w["manager"]["name"], "Alice Ng");
    assert_eq!(w["time"], "2026-11-24T15:15:00Z");
    assert_eq!(statuspage_name(&f), "The API: service disruption");
    let wiki = jira(&f).to_wiki();
    assert!(wiki.starts_with("*Public update: Identified*"), "{wiki}");
    assert!(wiki.contains("ok now"));
}

#[test]
fn test_messages_are_marked() {
    let mut f = facts("This is a test.");
    f.test = true;
    assert_eq!(headline(&f), "[TEST] Data Platform: test announcement");
    assert!(email(&f).subject.starts_with("[TEST]"));
    assert!(!email(&f).text.contains("Incident:"));
    let s = slack(&f);
    assert!(s["text"].as_str().unwrap().starts_with("[TEST]"));
    assert_eq!(webhook(&f)["test"], true);
    assert!(webhook(&f)["incident"].is_null());
}

#[test]
fn helpers() {
    assert_eq!(
        defuse("mail a@b.com @alice @room!"),
        "mail a@b.com @alice @\u{200B}room!"
    );
    assert_eq!(clip("abcdef", 4), "abc…");
    assert_eq!(clip("abc", 4), "abc");
    assert_eq!(slack_escape("a'b"), "a'b");
    assert_eq!(html("a'b"), "a&#39;b");
}
