//! `oncall completions SHELL`: shell completions generated from the command definition, so
//! they never drift (the checked-in copies under `completions/` are tested against this).

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::app::Ctx;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(ctx: &Ctx, args: &CompletionsArgs) -> Result<()> {
    ctx.ui.print(&generate(args.shell))
}

/// The completion script for `shell`.
pub fn generate(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut super::Cli::command(), "oncall", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
