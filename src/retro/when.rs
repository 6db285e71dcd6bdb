//! When a page landed for a person: in office hours, in the evening, at night, on a weekend,
//! on that person's own wall clock. Pure.
//!
//! The rules, for the page instant seen in the person's zone:
//! - `night`: the local time is in [22:00, 08:00), any day;
//! - `weekend`: the local date is a Saturday or a Sunday (at any hour, so a Saturday 03:00
//!   page is both a night and a weekend page);
//! - `office_hours`: within `[hours]` (its days, start and end, not a holiday) applied to the
//!   person's own zone (a Berlin engineer's office hours are 09:00-18:00 Berlin time), and
//!   neither night nor weekend;
//! - `evening`: everything else: a weekday from 08:00 to 22:00 outside office hours (before
//!   or after work, or a holiday).
//!
//! So `office_hours`, `evening` and `night or weekend` split every page exactly once.

use chrono::{DateTime, Datelike, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use crate::schedule::model::Hours;
use crate::schedule::time::to_local;

/// Where a page fell on one person's clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct When {
    pub office_hours: bool,
    pub evening: bool,
    pub night: bool,
    pub weekend: bool,
}

const NIGHT_START: NaiveTime = match NaiveTime::from_hms_opt(22, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
const NIGHT_END: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

impl When {
    /// Classifies the instant `t` for someone living in `tz`.
    pub fn of(hours: &Hours, tz: Tz, t: DateTime<Utc>) -> When {
        let local = to_local(tz, t);
        let night = local.time() >= NIGHT_START || local.time() < NIGHT_END;
        let weekend = matches!(local.weekday(), Weekday::Sat | Weekday::Sun);
        let office_hours = !night && !weekend && hours.is_open(tz, t);
        When {
            office_hours,
            evening: !office_hours && !night && !weekend,
            night,
            weekend,
        }
    }

    /// The pair's view of one page: night (weekend) if it was night (a weekend) for at least
    /// one of them; office hours only if it was office hours for all of them; else evening.
    pub fn any(all: &[When]) -> When {
        let night = all.iter().any(|w| w.night);
        let weekend = all.iter().any(|w| w.weekend);
        let office_hours = !all.is_empty() && all.iter().all(|w| w.office_hours);
        When {
            office_hours,
            evening: !office_hours && !night && !weekend,
            night,
            weekend,
        }
    }

    /// A short word for tables: the most disruptive of the four (`office` for office hours).
    pub fn word(&self) -> &'static str {
        match (self.night, self.weekend) {
            (true, true) => "weekend night",
            (true, false) => "night",
            (false, true) => "weekend",
            _ if self.evening => "evening",
            _ => "office",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn classifies_in_the_persons_zone() {
        let h = Hours::default();
        // Tue 24 Nov 15:00Z: 10:00 in New York (office), 16:00 in Berlin (office).
        let t = utc("2026-11-24T15:00:00Z");
        assert!(When::of(&h, New_York, t).office_hours);
        assert!(When::of(&h, Berlin, t).office_hours);
        // 20:00Z: 15:00 in New York (office), 21:00 in Berlin (evening).
        let t = utc("2026-11-24T20:00:00Z");
        assert!(When::of(&h, New_York, t).office_hours);
        assert_eq!(When::of(&h, Berlin, t).word(), "evening");
        // 22:30Z: 17:30 New York, 23:30 Berlin (night).
        let t = utc("2026-11-24T22:30:00Z");
        let ny = When::of(&h, New_York, t);
        let be = When::of(&h, Berlin, t);
        assert!(ny.office_hours && be.night);
        let pair = When::any(&[ny, be]);
        assert!(pair.night && !pair.office_hours && !pair.evening);
        // Sat 28 Nov 03:00 New York: both night and weekend.
        let w = When::of(&h, New_York, utc("2026-11-28T08:00:00Z"));
        assert!(w.night && w.weekend && !w.evening);
        assert_eq!(w.word(), "weekend night");
        // 08:00 sharp is not night any more; 21:59 is evening; 22:00 is night.
        assert_eq!(
            When::of(&h, New_York, utc("2026-11-24T13:00:00Z")).word(),
            "evening"
        );
        assert_eq!(
            When::of(&h, New_York, utc("2026-11-25T02:59:00Z")).word(),
            "evening"
        );
        assert_eq!(
            When::of(&h, New_York, utc("2026-11-25T03:00:00Z")).word(),
            "night"
        );
    }
}
