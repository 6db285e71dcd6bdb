//! `oncall listen`.
use crate::{app::Ctx, error::Result};
use clap::Args;
#[derive(Debug, Args)]
pub struct ListenArgs {}
pub fn run(_ctx: &Ctx, _a: &ListenArgs) -> Result<()> {
    Ok(())
}
