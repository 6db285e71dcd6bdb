//! The current instant: `$ONCALL_NOW` (RFC 3339) when set, for tests and what-ifs, else the
//! system clock. The only place the binary reads the clock.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};

/// The instant "now" for this run.
pub fn now() -> Result<DateTime<Utc>> {
    match std::env::var("ONCALL_NOW") {
        Ok(v) if !v.trim().is_empty() => DateTime::parse_from_rfc3339(v.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                Error::usage(format!("`ONCALL_NOW` is not an RFC 3339 time: `{v}`"))
                    .cause(e)
                    .hint("e.g. ONCALL_NOW=2026-11-24T03:12:45Z, or unset it to use the clock")
            }),
        _ => Ok(Utc::now()),
    }
}
