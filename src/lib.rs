//! `oncall`: incident response for on-call pairs over a git repository of plain files.
//!
//! `run` parses the command line, runs the command and turns the outcome into an exit code;
//! everything else is in the modules below.

pub mod alerts;
pub mod announce;
pub mod app;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod error;
pub mod files;
pub mod incident;
pub mod integrations;
pub mod listen;
pub mod markup;
pub mod output;
pub mod repo;
pub mod retro;
pub mod runbook;
pub mod schedule;
pub mod status_page;
pub mod tickets;

use std::process::ExitCode;

use clap::Parser;

/// Runs the binary: parse, dispatch, report. Errors are printed here and nowhere else.
pub fn run() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let (color, quiet) = (cli.global.color, cli.global.quiet);
    match cli::dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::Ui::new(color, false, quiet).report_error(&e);
            ExitCode::from(e.kind.exit_code())
        }
    }
}
