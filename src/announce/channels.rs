//! The channels an announcement can go to, from the `[announce]` tables (plus the incident's
//! Jira ticket when `[jira]` is set, and the static status page, which needs no setup), and
//! which of them `--to` picks: by name, by kind, or by group (`email`, `chat`, `statuspage`,
//! `jira`).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::schedule::Schedule;
use crate::schedule::config::{
    ChatConfig, ChatKind, EmailConfig, StatuspageConfig, StatuspageKind,
};
use crate::schedule::load::nearest;

/// What kind of outside system a channel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    Email,
    Slack,
    Mattermost,
    Teams,
    Discord,
    Matrix,
    Webhook,
    /// `status/index.html` + `status/status.json` in the repository.
    Static,
    /// Atlassian Statuspage.
    Statuspage,
    /// A comment on the incident's Jira ticket.
    Jira,
}

impl ChannelKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Email => "email",
            ChannelKind::Slack => "slack",
            ChannelKind::Mattermost => "mattermost",
            ChannelKind::Teams => "teams",
            ChannelKind::Discord => "discord",
            ChannelKind::Matrix => "matrix",
            ChannelKind::Webhook => "webhook",
            ChannelKind::Static => "static",
            ChannelKind::Statuspage => "statuspage",
            ChannelKind::Jira => "jira",
        }
    }

    /// The group `--to` can name for several kinds at once.
    pub fn group(self) -> &'static str {
        match self {
            ChannelKind::Email => "email",
            ChannelKind::Static | ChannelKind::Statuspage => "statuspage",
            ChannelKind::Jira => "jira",
            _ => "chat",
        }
    }

    fn of_chat(k: ChatKind) -> ChannelKind {
        match k {
            ChatKind::Slack => ChannelKind::Slack,
            ChatKind::Mattermost => ChannelKind::Mattermost,
            ChatKind::Teams => ChannelKind::Teams,
            ChatKind::Discord => ChannelKind::Discord,
            ChatKind::Matrix => ChannelKind::Matrix,
            ChatKind::Webhook => ChannelKind::Webhook,
        }
    }
}

/// Where a channel's configuration lives.
#[derive(Debug, Clone)]
pub enum Target {
    Email(EmailConfig),
    Chat(ChatConfig),
    /// The static page's folder, relative to the repository.
    Static {
        dir: String,
    },
    Statuspage(StatuspageConfig),
    Jira,
}

/// One place an announcement goes.
#[derive(Debug, Clone)]
pub struct Channel {
    /// Unique among the channels: what `--to` and the log call it.
    pub name: String,
    pub kind: ChannelKind,
    pub target: Target,
}

/// The folder of the static status page when `[announce.statuspage]` does not say.
pub const DEFAULT_STATIC_DIR: &str = "status";

/// Every configured channel, in a stable order: email, chat (file order), status page, Jira.
pub fn configured(s: &Schedule) -> Vec<Channel> {
    let a = &s.announce;
    let mut out = Vec::new();
    if let Some(e) = &a.email {
        out.push(Channel {
            name: e.name.clone().unwrap_or_else(|| "email".into()),
            kind: ChannelKind::Email,
            target: Target::Email(e.clone()),
        });
    }
    for c in &a.chat {
        out.push(Channel {
            name: c.name.clone().unwrap_or_else(|| c.kind.as_str().into()),
            kind: ChannelKind::of_chat(c.kind),
            target: Target::Chat(c.clone()),
        });
    }
    let page = a.statuspage.clone();
    let name = page
        .as_ref()
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| "statuspage".into());
    match page {
        None => out.push(Channel {
            name,
            kind: ChannelKind::Static,
            target: Target::Static {
                dir: DEFAULT_STATIC_DIR.into(),
            },
        }),
        Some(p) => match p.kind {
            StatuspageKind::Static => out.push(Channel {
                name,
                kind: ChannelKind::Static,
                target: Target::Static {
                    dir: p.dir.unwrap_or_else(|| DEFAULT_STATIC_DIR.into()),
                },
            }),
            StatuspageKind::Statuspage => out.push(Channel {
                name,
                kind: ChannelKind::Statuspage,
                target: Target::Statuspage(p),
            }),
            StatuspageKind::None => {}
        },
    }
    if s.jira.is_some() && a.jira != Some(false) {
        out.push(Channel {
            name: "jira".into(),
            kind: ChannelKind::Jira,
            target: Target::Jira,
        });
    }
    out
}

/// The channels `to` names (all of them when `to` is empty). Each word is a channel name, a
/// kind (`slack`, `static`...) or a group (`email`, `chat`, `statuspage`, `jira`); a word
/// that matches nothing is a usage error listing what exists.
pub fn select(all: Vec<Channel>, to: &[String]) -> Result<Vec<Channel>> {
    let words: Vec<&str> = to
        .iter()
        .flat_map(|w| w.split(','))
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Ok(all);
    }
    let matches = |c: &Channel, w: &str| c.name == w || c.kind.as_str() == w || c.kind.group() == w;
    for w in &words {
        if !all.iter().any(|c| matches(c, w)) {
            return Err(unknown(&all, w));
        }
    }
    Ok(all
        .into_iter()
        .filter(|c| words.iter().any(|w| matches(c, w)))
        .collect())
}

fn unknown(all: &[Channel], word: &str) -> Error {
    let mut e = Error::usage(format!("no announce channel `{word}`"));
    let mut candidates: Vec<&str> = Vec::new();
    for c in all {
        for n in [c.name.as_str(), c.kind.as_str(), c.kind.group()] {
            if !candidates.contains(&n) {
                candidates.push(n);
            }
        }
    }
    if let Some(n) = nearest(word, candidates.iter().copied()) {
        e = e.hint(format!("did you mean `{n}`?"));
    }
    let list: Vec<String> = all
        .iter()
        .map(|c| format!("{} ({})", c.name, c.kind.as_str()))
        .collect();
    e.hint(format!("configured channels: {}", list.join(", ")))
        .hint("channels are the `[announce]` tables in schedule.toml; `oncall check --channels` lists them")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(extra: &str) -> Schedule {
        let text =
            format!("[team]\nname = \"T\"\ntimezone = \"UTC\"\n[people.a]\nname = \"A\"\n{extra}");
        let loaded = crate::schedule::parse(&text).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.schedule
    }

    const FULL: &str = r#"
[jira]
project = "OPS"
[announce.email]
from = "oncall@example.com"
to = ["status@example.com"]
[[announce.chat]]
kind = "slack"
name = "devops"
[[announce.chat]]
kind = "discord"
[announce.statuspage]
kind = "statuspage"
page_id = "p1"
name = "status"
"#;

    fn names(c: &[Channel]) -> Vec<&str> {
        c.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn static_page_is_on_without_setup() {
        let all = configured(&schedule(""));
        assert_eq!(names(&all), ["statuspage"]);
        assert_eq!(all[0].kind, ChannelKind::Static);
        let off = configured(&schedule("[announce.statuspage]\nkind = \"none\"\n"));
        assert!(off.is_empty());
    }

    #[test]
    fn picks_by_name_kind_and_group() {
        let all = configured(&schedule(FULL));
        assert_eq!(
            names(&all),
            ["email", "devops", "discord", "status", "jira"]
        );
        let pick = |to: &str| names(&select(all.clone(), &[to.to_string()]).unwrap()).join(" ");
        assert_eq!(pick("devops,status"), "devops status");
        assert_eq!(pick("chat"), "devops discord");
        assert_eq!(pick("slack"), "devops");
        assert_eq!(pick("statuspage"), "status");
        assert_eq!(pick("email, jira"), "email jira");
        assert_eq!(pick(""), "email devops discord status jira");
    }

    #[test]
    fn unknown_names_are_usage_errors_with_a_suggestion() {
        let all = configured(&schedule(FULL));
        let e = select(all, &["devosp".into()]).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Usage);
        assert!(e.hints[0].contains("`devops`"), "{:?}", e.hints);
        assert!(e.hints[1].contains("devops (slack)"));
    }

    #[test]
    fn config_problems_are_reported() {
        let text = "[team]\nname = \"T\"\ntimezone = \"UTC\"\n[announce]\nupdate_every = \"soon\"\n[[announce.chat]]\nkind = \"slack\"\n[[announce.chat]]\nkind = \"slack\"\n[[announce.chat]]\nkind = \"matrix\"\nname = \"Ops Room\"\n";
        let loaded = crate::schedule::parse(text).unwrap();
        let msgs: Vec<&str> = loaded.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("update_every")), "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.contains("two `[announce]` channels are named `slack`"))
        );
        assert!(msgs.iter().any(|m| m.contains("`Ops Room`")));
        assert!(msgs.iter().any(|m| m.contains("homeserver")));
    }

    #[test]
    fn announce_config_survives_the_cache() {
        let s = schedule(FULL);
        let bytes = postcard::to_stdvec(&s).unwrap();
        let back: Schedule = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(names(&configured(&back)), names(&configured(&s)));
        assert_eq!(back.announce.update_every(), chrono::Duration::minutes(30));
    }
}
