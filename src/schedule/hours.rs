//! Office hours: whether an instant falls in them and when they next open. Pure.

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;

use super::model::Hours;
use super::time::{resolve_local, to_local};

impl Hours {
    /// Whether `date` is a working day (listed in `days` and not a holiday).
    pub fn is_workday(&self, date: chrono::NaiveDate) -> bool {
        self.days.contains(&date.weekday()) && !self.holidays.contains(&date)
    }

    /// Whether `t` falls within office hours in `tz`.
    pub fn is_open(&self, tz: Tz, t: DateTime<Utc>) -> bool {
        let local = to_local(tz, t);
        self.is_workday(local.date()) && local.time() >= self.start && local.time() < self.end
    }

    /// The first instant at or after `t` within office hours, if any in the next year.
    pub fn next_open(&self, tz: Tz, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let first = to_local(tz, t).date();
        (0..=366)
            .map(|n| first + Duration::days(n))
            .filter(|d| self.is_workday(*d))
            .find_map(|d| {
                let open = resolve_local(tz, d.and_time(self.start));
                let close = resolve_local(tz, d.and_time(self.end));
                (t < close).then(|| open.max(t))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime, Weekday};
    use chrono_tz::America::New_York;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn hours() -> Hours {
        Hours {
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            holidays: vec![NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()],
        }
    }

    #[test]
    fn open_and_closed() {
        let h = hours();
        assert!(h.is_open(New_York, utc("2026-11-24T15:00:00Z"))); // Tue 10:00
        assert!(!h.is_open(New_York, utc("2026-11-24T23:00:00Z"))); // Tue 18:00
        assert!(!h.is_open(New_York, utc("2026-11-28T15:00:00Z"))); // Sat
        assert!(!h.is_open(New_York, utc("2026-12-25T15:00:00Z"))); // holiday
    }

    #[test]
    fn next_opening_skips_nights_weekends_and_holidays() {
        let h = hours();
        // Tue 20:00 -> Wed 09:00
        assert_eq!(
            h.next_open(New_York, utc("2026-11-25T01:00:00Z")),
            Some(utc("2026-11-25T14:00:00Z"))
        );
        // Fri 19:00 -> Mon 09:00
        assert_eq!(
            h.next_open(New_York, utc("2026-11-28T00:00:00Z")),
            Some(utc("2026-11-30T14:00:00Z"))
        );
        // Thu 24 Dec 20:00 -> Mon 28 Dec (25th is a holiday, then the weekend)
        assert_eq!(
            h.next_open(New_York, utc("2026-12-25T01:00:00Z")),
            Some(utc("2026-12-28T14:00:00Z"))
        );
        // already open: now
        assert_eq!(
            h.next_open(New_York, utc("2026-11-24T15:00:00Z")),
            Some(utc("2026-11-24T15:00:00Z"))
        );
    }
}
