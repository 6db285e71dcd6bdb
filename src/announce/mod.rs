//! Announcements: one status message, composed once into each channel's form and delivered to
//! every configured channel in parallel. `channels` says which channels exist and which ones
//! `--to` picks; `compose` turns the facts into each form (pure); `record` is how an
//! announcement is written into and read back from the page log; `deliver` runs the sends;
//! `jobs` binds each channel to the integration that reaches it; `preview` shows what each
//! channel will get.

pub mod channels;
pub mod compose;
pub mod deliver;
pub mod jobs;
pub mod preview;
pub mod record;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

pub use channels::{Channel, ChannelKind};

/// The public status of an incident, as status pages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Investigating,
        Status::Identified,
        Status::Monitoring,
        Status::Resolved,
    ];

    /// The word in the log and in Statuspage's API.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Investigating => "investigating",
            Status::Identified => "identified",
            Status::Monitoring => "monitoring",
            Status::Resolved => "resolved",
        }
    }

    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            Status::Investigating => "Investigating",
            Status::Identified => "Identified",
            Status::Monitoring => "Monitoring",
            Status::Resolved => "Resolved",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// Someone in the pair, as announcements name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    /// The chat handle, e.g. `@alice`.
    pub chat: Option<String>,
}

/// Everything an announcement says, before it takes any channel's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub team: String,
    pub incident: String,
    pub service: String,
    /// The service as people know it: its description, else its name.
    pub service_title: String,
    /// `high` or `low`: how bad it is, for status-page impact.
    pub urgency: String,
    pub status: Status,
    pub message: String,
    pub manager: Option<Contact>,
    pub engineer: Option<Contact>,
    pub ticket: Option<String>,
    pub ticket_url: Option<String>,
    /// When the announcement was made (a retry keeps the original time).
    pub at: DateTime<Utc>,
    /// The team's zone, for the times people read.
    pub tz: Tz,
    /// A test message (`announce --test`): marked as such everywhere, logged nowhere.
    pub test: bool,
}
