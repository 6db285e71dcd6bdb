//! Retro weeks: ISO weeks (Monday to Sunday) in the team zone, named like `2026-W48`. Pure.
//!
//! A week starts at Monday 00:00 wall-clock time in the team zone and ends where the next one
//! starts, so a week that contains a daylight-saving change is 167 or 169 hours long. Midnight
//! that falls in a DST gap (a few zones change at 00:00) maps to the first instant after it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::schedule::time::{parse_time, resolve_local, to_local};

/// `2026-W48`, `2026W48` or `2026-w48` as (year, week); `None` when it is not of that shape.
fn iso_parts(s: &str) -> Option<(i32, u32)> {
    let (year, week) = s.split_once(['W', 'w'])?;
    let year = year.strip_suffix('-').unwrap_or(year);
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !digits(year) || !digits(week) || week.len() > 2 {
        return None;
    }
    Some((year.parse().ok()?, week.parse().ok()?))
}

/// One ISO week, identified by its Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    monday: NaiveDate,
}

impl Week {
    /// The week containing `date`.
    pub fn of_date(date: NaiveDate) -> Week {
        let back = i64::from(date.weekday().num_days_from_monday());
        Week {
            monday: date - Duration::days(back),
        }
    }

    /// The week containing the instant `t`, as the team zone `tz` sees it.
    pub fn containing(tz: Tz, t: DateTime<Utc>) -> Week {
        Week::of_date(to_local(tz, t).date())
    }

    /// Parses a `--week` value: `2026-W48` (ISO week), `this`/`last`, or any date or time the
    /// command line accepts (`2026-11-18`, `2026-11-18 03:00`, RFC 3339), meaning the week
    /// that contains it.
    pub fn parse(spec: &str, tz: Tz, now: DateTime<Utc>) -> Result<Week, String> {
        let s = spec.trim();
        match s.to_ascii_lowercase().as_str() {
            "" | "this" | "now" | "current" => return Ok(Week::containing(tz, now)),
            "last" | "prev" | "previous" => return Ok(Week::containing(tz, now).offset(-1)),
            _ => {}
        }
        if let Some((year, week)) = iso_parts(s) {
            return NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
                .map(|monday| Week { monday })
                .ok_or_else(|| format!("{year} has no ISO week {week}"));
        }
        parse_time(s, tz, now)
            .map(|t| Week::containing(tz, t))
            .map_err(|_| {
                format!("`{spec}` is not a week: use `YYYY-Www` (2026-W48), a date in the week (2026-11-18), `this` or `last`")
            })
    }

    /// `2026-W48`: the ISO year and week number.
    pub fn label(&self) -> String {
        let iso = self.monday.iso_week();
        format!("{}-W{:02}", iso.year(), iso.week())
    }

    pub fn monday(&self) -> NaiveDate {
        self.monday
    }

    pub fn sunday(&self) -> NaiveDate {
        self.monday + Duration::days(6)
    }

    /// Monday 00:00 in `tz`.
    pub fn start(&self, tz: Tz) -> DateTime<Utc> {
        resolve_local(tz, self.monday.and_time(NaiveTime::MIN))
    }

    /// The next Monday 00:00 in `tz` (exclusive).
    pub fn end(&self, tz: Tz) -> DateTime<Utc> {
        self.offset(1).start(tz)
    }

    /// The week `n` weeks later (earlier when negative).
    pub fn offset(&self, n: i64) -> Week {
        Week {
            monday: self.monday + Duration::weeks(n),
        }
    }

    /// `n` weeks before this one and this one, oldest first.
    pub fn with_previous(&self, n: u32) -> Vec<Week> {
        (0..=i64::from(n)).rev().map(|k| self.offset(-k)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn parses_week_specs() {
        let now = utc("2026-11-24T15:15:00Z");
        let w = Week::parse("2026-W48", New_York, now).unwrap();
        assert_eq!(w.label(), "2026-W48");
        assert_eq!(w.monday(), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(Week::parse("", New_York, now).unwrap(), w);
        assert_eq!(Week::parse("this", New_York, now).unwrap(), w);
        assert_eq!(Week::parse("2026-11-29", New_York, now).unwrap(), w);
        assert_eq!(Week::parse("2026w48", New_York, now).unwrap(), w);
        assert_eq!(
            Week::parse("last", New_York, now).unwrap().label(),
            "2026-W47"
        );
        assert_eq!(
            Week::parse("2026-11-18", New_York, now).unwrap().label(),
            "2026-W47"
        );
        // Monday 03:00 UTC is still Sunday evening in New York.
        assert_eq!(
            Week::parse("2026-11-30T03:00:00Z", New_York, now)
                .unwrap()
                .label(),
            "2026-W48"
        );
        assert!(Week::parse("2026-W54", New_York, now).is_err());
        assert!(Week::parse("2026-Wxx", New_York, now).is_err());
        assert!(Week::parse("2026-W", New_York, now).is_err());
        assert!(Week::parse("next tuesday", New_York, now).is_err());
        // 2027-01-01 is a Friday in ISO week 2026-W53.
        assert_eq!(
            Week::parse("2027-01-01", New_York, now).unwrap().label(),
            "2026-W53"
        );
    }

    #[test]
    fn dst_weeks_are_shorter_or_longer() {
        // 2026-W10 contains Sun 8 March, when New York springs forward.
        let w = Week::parse("2026-W10", New_York, Utc::now()).unwrap();
        assert_eq!(w.start(New_York), utc("2026-03-02T05:00:00Z"));
        assert_eq!(w.end(New_York), utc("2026-03-09T04:00:00Z"));
        assert_eq!((w.end(New_York) - w.start(New_York)).num_hours(), 167);
        // 2026-W44 contains Sun 1 November, when it falls back.
        let w = Week::parse("2026-W44", New_York, Utc::now()).unwrap();
        assert_eq!((w.end(New_York) - w.start(New_York)).num_hours(), 169);
    }

    #[test]
    fn previous_weeks_oldest_first() {
        let w = Week::parse("2026-W02", New_York, Utc::now()).unwrap();
        let labels: Vec<String> = w.with_previous(2).iter().map(Week::label).collect();
        assert_eq!(labels, ["2025-W52", "2026-W01", "2026-W02"]);
    }
}
