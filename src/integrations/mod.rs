//! Outside systems reached over the network. `http` is the shared client (timeouts, retries,
//! typed errors, no secrets in messages); `settings` is the one place credentials and HTTP
//! tuning are read from the environment; `jira` owns every Jira call; `chat`, `matrix`,
//! `email` and `statuspage` are the announcement channels; `retry` is the one retry loop.

pub mod chat;
pub mod email;
pub mod http;
pub mod jira;
pub mod matrix;
pub mod retry;
pub mod settings;
pub mod statuspage;
