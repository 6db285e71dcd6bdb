//! The single integration-test binary: each module runs the real `oncall` binary against
//! temporary git repositories built by `common::TestRepo`, with the clock pinned.

mod common;

mod check;
mod completions;
mod init;
mod overrides;
mod runbook;
mod schedule;
mod who;
