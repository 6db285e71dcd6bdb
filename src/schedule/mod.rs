//! The on-call domain: the `schedule.toml` model and everything computed from it. Pure: no
//! clock, no files, no git; callers pass text and instants in.

pub mod check;
pub mod config;
pub mod edit;
pub mod hours;
pub mod ics;
pub mod load;
pub mod model;
pub mod resolve;
pub mod template;
pub mod time;
mod walk;

pub use load::{Loaded, Problem, parse};
pub use model::{Role, Schedule, Urgency};
