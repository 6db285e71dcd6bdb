//! Wall-clock rules: local time to instant (with the spec's DST gap and overlap policy),
//! parsing times given on the command line, and durations (`30m`, `12h`, `1w`). Pure.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant of a wall-clock time in `tz`.
///
/// A time that does not exist (the spring-forward gap) maps to the first instant after the
/// gap; a time that occurs twice (the fall-back overlap) maps to its first occurrence.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, second) => first.min(second).with_timezone(&Utc),
        LocalResult::None => first_instant_after_gap(tz, local),
    }
}

/// What kind of wall-clock time `local` is in `tz`: normal, in a gap, or in an overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    Normal,
    /// Skipped by a spring-forward change.
    Gap,
    /// Repeated by a fall-back change.
    Overlap,
}

pub fn local_kind(tz: Tz, local: NaiveDateTime) -> LocalKind {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(_) => LocalKind::Normal,
        LocalResult::Ambiguous(..) => LocalKind::Overlap,
        LocalResult::None => LocalKind::Gap,
    }
}

/// The smallest instant whose local time is at or after `local`, for a `local` inside a gap.
/// Gaps are at most a few hours long, so a binary search over seconds takes ~15 steps.
fn first_instant_after_gap(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let naive_utc = local.and_utc();
    // Any real UTC offset is within ±26 h, so the answer lies in this window.
    let mut lo = naive_utc - Duration::hours(26);
    let mut hi = naive_utc + Duration::hours(26);
    while hi - lo > Duration::seconds(1) {
        let mid = lo + (hi - lo) / 2;
        if to_local(tz, mid) >= local {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // `hi` is within a second of the transition; transitions are on whole seconds.
    let hi_trunc = DateTime::<Utc>::from_timestamp(hi.timestamp(), 0).unwrap_or(hi);
    if to_local(tz, hi_trunc) >= local {
        hi_trunc
    } else {
        hi
    }
}

/// The wall-clock time of `t` in `tz`.
pub fn to_local(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// Parses a time given on the command line.
///
/// Accepts RFC 3339 (`2026-11-24T03:12:45Z`, any offset), or a wall-clock time in `tz`:
/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS]`; also `now` and a
/// relative offset from `now` such as `+8h`, `-30m`, `+2d`.
pub fn parse_time(input: &str, tz: Tz, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let s = input.trim();
    if s.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Some(rest) = s.strip_prefix('+') {
        return parse_duration(rest, "mhdw").map(|d| now + d);
    }
    // `-30m` is relative; `-2026-...` is not a time at all.
    if let Some(rest) = s.strip_prefix('-')
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && !rest.contains('-')
    {
        return parse_duration(rest, "mhdw").map(|d| now - d);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    // RFC 3339 also allows a space between date and time.
    if let Ok(t) = DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)) {
        return Ok(t.with_timezone(&Utc));
    }
    parse_local(s)
        .map(|local| resolve_local(tz, local))
        .ok_or_else(|| {
            format!(
                "`{input}` is not a time: use RFC 3339 (2026-11-24T03:12:45Z), \
                 `YYYY-MM-DD[ HH:MM[:SS]]` in the team zone, `now`, or `+8h`"
            )
        })
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]` as a wall-clock time.
pub fn parse_local(s: &str) -> Option<NaiveDateTime> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d.and_time(NaiveTime::MIN));
    }
    let s = s.replacen('T', " ", 1);
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&s, f).ok())
}

/// Parses a duration such as `30m`, `12h`, `1d`, `2w` or `1d12h`, allowing only the unit
/// letters in `units`. Days and weeks are 24 h and 168 h of wall-clock time.
pub fn parse_duration(input: &str, units: &str) -> Result<Duration, String> {
    let allowed = || {
        let names: Vec<String> = units.chars().map(|c| format!("`{c}`")).collect();
        names.join(", ")
    };
    let s = input.trim();
    if s.is_empty() {
        return Err(format!(
            "empty duration: expected e.g. `30m`, `12h`, `1w` (units {})",
            allowed()
        ));
    }
    let mut total = Duration::zero();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.is_empty() || !units.contains(c) {
            return Err(format!(
                "bad duration `{input}`: expected a number and a unit, e.g. `12h` or `1w` (units {})",
                allowed()
            ));
        }
        let n: i64 = digits
            .parse()
            .map_err(|_| format!("bad duration `{input}`: number too large"))?;
        let unit = match c {
            'm' => Duration::minutes(1),
            'h' => Duration::hours(1),
            'd' => Duration::days(1),
            _ => Duration::weeks(1),
        };
        total +=
            unit * i32::try_from(n).map_err(|_| format!("bad duration `{input}`: too large"))?;
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(format!(
            "bad duration `{input}`: the number needs a unit, e.g. `{digits}h` (units {})",
            allowed()
        ));
    }
    if total <= Duration::zero() {
        return Err(format!("bad duration `{input}`: must be longer than zero"));
    }
    Ok(total)
}

/// Formats a duration compactly for people: `45m`, `3h 20m`, `6d 4h`.
pub fn human_duration(d: Duration) -> String {
    let mins = d.num_minutes().abs();
    let (days, hours, minutes) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    let s = match (days, hours, minutes) {
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    };
    if d < Duration::zero() {
        format!("-{s}")
    } else {
        s
    }
}

/// Formats a duration the way it would be written in `schedule.toml` (`168h` → `1w`).
pub fn format_duration(d: Duration) -> String {
    let m = d.num_minutes();
    if m % (7 * 1440) == 0 {
        format!("{}w", m / (7 * 1440))
    } else if m % 1440 == 0 {
        format!("{}d", m / 1440)
    } else if m % 60 == 0 {
        format!("{}h", m / 60)
    } else {
        format!("{m}m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Australia::Lord_Howe, Europe::Berlin};

    fn local(s: &str) -> NaiveDateTime {
        parse_local(s).unwrap()
    }
    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn gap_maps_to_first_instant_after_it() {
        // 2026-03-08 02:30 does not exist in New York: clocks jump 02:00 EST -> 03:00 EDT.
        assert_eq!(
            resolve_local(New_York, local("2026-03-08 02:30")),
            utc("2026-03-08T07:00:00Z")
        );
        assert_eq!(
            resolve_local(New_York, local("2026-03-08 02:00")),
            utc("2026-03-08T07:00:00Z")
        );
        // EU: 2026-03-29 02:00 CET -> 03:00 CEST.
        assert_eq!(
            resolve_local(Berlin, local("2026-03-29 02:15")),
            utc("2026-03-29T01:00:00Z")
        );
        // Lord Howe: 2026-10-04 02:00 -> 02:30 (a half-hour change).
        assert_eq!(
            resolve_local(Lord_Howe, local("2026-10-04 02:10")),
            utc("2026-10-03T15:30:00Z")
        );
        assert_eq!(
            local_kind(Lord_Howe, local("2026-10-04 02:10")),
            LocalKind::Gap
        );
    }

    #[test]
    fn overlap_maps_to_first_occurrence() {
        // 2026-11-01 01:30 happens twice in New York; the first is EDT (UTC-4).
        assert_eq!(
            resolve_local(New_York, local("2026-11-01 01:30")),
            utc("2026-11-01T05:30:00Z")
        );
        assert_eq!(
            local_kind(New_York, local("2026-11-01 01:30")),
            LocalKind::Overlap
        );
        // EU: 2026-10-25 02:30 happens twice; first is CEST (UTC+2).
        assert_eq!(
            resolve_local(Berlin, local("2026-10-25 02:30")),
            utc("2026-10-25T00:30:00Z")
        );
        // Lord Howe: 2026-04-05 01:45 happens twice (02:00 +11 -> 01:30 +10:30).
        assert_eq!(
            resolve_local(Lord_Howe, local("2026-04-05 01:45")),
            utc("2026-04-04T14:45:00Z")
        );
    }

    #[test]
    fn parses_command_line_times() {
        let now = utc("2026-11-24T12:00:00Z");
        assert_eq!(
            parse_time("2026-11-24T03:12:45Z", New_York, now).unwrap(),
            utc("2026-11-24T03:12:45Z")
        );
        assert_eq!(
            parse_time("2026-11-24T03:12:45+01:00", New_York, now).unwrap(),
            utc("2026-11-24T02:12:45Z")
        );
        assert_eq!(
            parse_time("2026-11-24", New_York, now).unwrap(),
            utc("2026-11-24T05:00:00Z")
        );
        assert_eq!(
            parse_time("2026-11-24 10:00", New_York, now).unwrap(),
            utc("2026-11-24T15:00:00Z")
        );
        assert_eq!(
            parse_time("2026-11-24T10:00", New_York, now).unwrap(),
            utc("2026-11-24T15:00:00Z")
        );
        assert_eq!(
            parse_time("2026-07-01 10:00:30", New_York, now).unwrap(),
            utc("2026-07-01T14:00:30Z")
        );
        assert_eq!(parse_time("now", New_York, now).unwrap(), now);
        assert_eq!(
            parse_time("+8h", New_York, now).unwrap(),
            utc("2026-11-24T20:00:00Z")
        );
        assert_eq!(
            parse_time("-30m", New_York, now).unwrap(),
            utc("2026-11-24T11:30:00Z")
        );
        assert!(parse_time("tomorrow-ish", New_York, now).is_err());
        assert!(parse_time("2026-13-01", New_York, now).is_err());
    }

    #[test]
    fn parses_durations() {
        assert_eq!(parse_duration("30m", "mhd").unwrap(), Duration::minutes(30));
        assert_eq!(parse_duration("1w", "hdw").unwrap(), Duration::weeks(1));
        assert_eq!(parse_duration("1d12h", "hdw").unwrap(), Duration::hours(36));
        assert!(parse_duration("30m", "hdw").is_err());
        assert!(parse_duration("12", "hdw").is_err());
        assert!(parse_duration("0h", "hdw").is_err());
        assert!(parse_duration("h", "hdw").is_err());
        assert!(parse_duration("", "hdw").is_err());
        assert!(parse_duration("99999999999h", "hdw").is_err());
    }

    #[test]
    fn formats_durations() {
        assert_eq!(human_duration(Duration::minutes(45)), "45m");
        assert_eq!(human_duration(Duration::minutes(200)), "3h 20m");
        assert_eq!(human_duration(Duration::hours(148)), "6d 4h");
        assert_eq!(format_duration(Duration::hours(168)), "1w");
        assert_eq!(format_duration(Duration::hours(36)), "36h");
        assert_eq!(format_duration(Duration::minutes(30)), "30m");
    }
}
