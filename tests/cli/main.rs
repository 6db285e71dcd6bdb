//! The single integration-test binary: each module runs the real `oncall` binary against
//! temporary git repositories built by `common::TestRepo`, with the clock pinned.

mod common;
mod support;

mod alertmanager_e2e;
mod alerts;
mod announce;
#[cfg(feature = "bench")]
mod announce_bench;
mod announce_cli;
mod announce_email;
mod announce_matrix;
mod announce_statuspage;
mod check;
mod completions;
mod handoff;
mod init;
mod jira;
mod listen;
mod log_concurrency;
mod morale;
mod overrides;
mod page;
mod pty;
mod retro;
mod retro_output;
mod runbook;
mod schedule;
mod status_page;
mod sync;
mod who;
