//! Outside systems reached over the network. `http` is the shared client (timeouts, retries,
//! typed errors, no secrets in messages); `settings` is the one place credentials and HTTP
//! tuning are read from the environment; `jira` owns every Jira call.

pub mod http;
pub mod jira;
pub mod settings;
