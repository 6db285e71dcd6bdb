//! The single integration-test binary: each module runs the real `oncall` binary against
//! temporary git repositories built by `common::TestRepo`, with the clock pinned.

mod common;

mod check;
mod completions;
mod handoff;
mod init;
mod morale;
mod overrides;
mod retro;
mod retro_output;
mod schedule;
mod who;
