//! Loopback stand-ins for the outside systems, shared by the test modules.

pub mod chats;
pub mod hook;
pub mod jira;
pub mod jira_answers;
pub mod jira_rules;
pub mod net;
pub mod peers;
pub mod schema;
pub mod statuspage;
