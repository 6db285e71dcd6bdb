//! `oncall sync`.
use crate::{app::Ctx, error::Result};
use clap::Args;
#[derive(Debug, Args)]
pub struct SyncArgs {}
pub fn run(_ctx: &Ctx, _a: &SyncArgs) -> Result<()> {
    Ok(())
}
