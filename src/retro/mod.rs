//! The weekly retro and the handoff, computed from the page log. Pure: a function of the
//! log's rows, the schedule, the weeks and "now"; the command code does the reading, the git
//! look-ups and the printing.
//!
//! `collect` folds the streamed rows into small per-incident records, `window` does the week
//! arithmetic, `when` classifies page times on each responder's clock, `stats` counts one
//! week, `report` assembles everything, and `markdown`/`html` render it as text.

pub mod collect;
pub mod handoff;
pub mod html;
pub mod markdown;
pub mod report;
pub mod stats;
mod svg;
pub mod when;
pub mod window;

pub use collect::{Collected, Collector};
pub use report::{Report, RunbookChanges};
pub use window::Week;
