//! Loopback stand-ins for the outside systems, shared by the test modules.

pub mod jira;
pub mod net;
pub mod schema;
