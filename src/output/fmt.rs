//! How times and durations look to people and to scripts.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;

use crate::schedule::time::human_duration;

/// `2026-11-24T15:15:00Z`: the form scripts and TSV get.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `Tue 2026-11-24 10:15 EST`: a full local stamp.
pub fn stamp(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .format("%a %Y-%m-%d %H:%M %Z")
        .to_string()
}

/// `Tue 24 Nov 10:15`: a short local stamp for tables.
pub fn short(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%a %d %b %H:%M").to_string()
}

/// `in 6d 4h`, `3h 20m ago`, `now`.
pub fn relative(now: DateTime<Utc>, t: DateTime<Utc>) -> String {
    let d = t - now;
    if d.num_minutes() == 0 {
        "now".into()
    } else if d > chrono::Duration::zero() {
        format!("in {}", human_duration(d))
    } else {
        format!("{} ago", human_duration(-d))
    }
}

/// `2026-11-24`: a date in `tz`.
pub fn date(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

/// How long ago `t` was, in the unit people use for it: `5 minutes ago`, `3 hours ago`,
/// `212 days ago`. A `t` after `now` (clock skew) is `in the future`.
pub fn ago(now: DateTime<Utc>, t: DateTime<Utc>) -> String {
    let d = now - t;
    let plural = |n: i64, unit: &str| {
        let s = if n == 1 { "" } else { "s" };
        format!("{n} {unit}{s} ago")
    };
    if d < chrono::Duration::zero() {
        "in the future".into()
    } else if d.num_minutes() < 1 {
        "just now".into()
    } else if d.num_hours() < 1 {
        plural(d.num_minutes(), "minute")
    } else if d.num_hours() < 48 {
        plural(d.num_hours(), "hour")
    } else {
        plural(d.num_days(), "day")
    }
}

/// A number of seconds for people: `45s`, `12m`, `3h 20m`, `6d 4h`.
pub fn seconds(secs: i64) -> String {
    if secs.abs() < 60 {
        format!("{secs}s")
    } else {
        human_duration(chrono::Duration::seconds(secs))
    }
}

/// A fraction 0..1 as a whole percentage: `67%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;

    #[test]
    fn formats() {
        let t = DateTime::parse_from_rfc3339("2026-11-24T15:15:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(rfc3339(t), "2026-11-24T15:15:00Z");
        assert_eq!(stamp(t, New_York), "Tue 2026-11-24 10:15 EST");
        assert_eq!(short(t, New_York), "Tue 24 Nov 10:15");
        assert_eq!(relative(t, t + chrono::Duration::hours(148)), "in 6d 4h");
        assert_eq!(
            relative(t, t - chrono::Duration::minutes(200)),
            "3h 20m ago"
        );
        assert_eq!(date(t, New_York), "2026-11-24");
        let ago_ = |m: i64| ago(t, t - chrono::Duration::minutes(m));
        assert_eq!(ago_(0), "just now");
        assert_eq!(ago_(1), "1 minute ago");
        assert_eq!(ago_(200), "3 hours ago");
        assert_eq!(ago_(60 * 24 * 212 + 5), "212 days ago");
        assert_eq!(ago_(-5), "in the future");
        assert_eq!(seconds(45), "45s");
        assert_eq!(seconds(720), "12m");
        assert_eq!(seconds(12_000), "3h 20m");
        assert_eq!(percent(0.6667), "67%");
    }
}
