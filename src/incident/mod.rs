//! Incidents: the page log (`pages.csv`, append-only, one row per event) and the incident
//! state derived by replaying it. `log` owns the file; `event` owns the row format;
//! `replay` is pure.

pub mod event;
pub mod id;
pub mod ingest;
pub mod log;
pub mod replay;

pub use event::{Event, EventKind, EventRef};
pub use log::{Damaged, Log};
pub use replay::{Incident, Lookup, Replay};
