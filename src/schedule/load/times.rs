//! Times in a `schedule.toml`: date-times as instants or wall-clock times in the team zone,
//! the `start`/`end` of overrides and absences, and office hours.

use std::ops::Range;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};

use super::super::model::Hours;
use super::super::time::{parse_local, resolve_local, to_local};
use super::super::walk::Value;
use super::Validator;

/// A time as written: an instant (it had an offset) or a wall-clock time in the team zone.
pub(super) enum When {
    Instant(DateTime<Utc>),
    Local(NaiveDateTime),
}

impl When {
    pub(super) fn instant(self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Instant(t) => t,
            When::Local(l) => resolve_local(tz, l),
        }
    }
    pub(super) fn local(self, tz: Tz) -> NaiveDateTime {
        match self {
            When::Instant(t) => to_local(tz, t),
            When::Local(l) => l,
        }
    }
}

impl Validator {
    pub(super) fn span_times(
        &mut self,
        t: &DeTable<'_>,
        w: &str,
        span: &Range<usize>,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let tz = self.tz;
        let start = self
            .w
            .required(t, "start", w, span)
            .and_then(|s| self.when("`start`", s))
            .map(|s| s.instant(tz));
        let end_v = self.w.required(t, "end", w, span)?;
        let end = self.when("`end`", end_v).map(|e| e.instant(tz));
        let (start, end) = (start?, end?);
        if end <= start {
            self.w
                .problem(end_v.span(), "`end` is not after `start`", None);
            return None;
        }
        Some((start, end))
    }

    pub(super) fn hours(&mut self, v: &Value<'_>) -> Option<Hours> {
        let t = self.w.table("[hours]", v)?;
        self.w
            .known_keys(t, &["days", "start", "end", "holidays"], "[hours]");
        let default = Hours::default();
        let days = match t.get("days") {
            None => default.days,
            Some(d) => {
                let days = self.w.strings("`days`", d);
                days.into_iter()
                    .filter_map(|(d, span)| self.weekday(&d, span))
                    .collect()
            }
        };
        let start = t
            .get("start")
            .and_then(|s| self.clock_time(s))
            .unwrap_or(default.start);
        let end = t
            .get("end")
            .and_then(|e| self.clock_time(e))
            .unwrap_or(default.end);
        if end <= start {
            self.w
                .problem(v.span(), "office hours end before they start", None);
        }
        let mut holidays = Vec::new();
        if let Some(h) = t.get("holidays")
            && let Some(items) = self.w.array("`holidays`", h)
        {
            for item in items {
                match self.when("a holiday", item) {
                    Some(When::Local(l)) if l.time() == NaiveTime::MIN => holidays.push(l.date()),
                    Some(_) => {
                        self.w
                            .problem(item.span(), "a holiday is a date such as 2026-12-25", None)
                    }
                    None => {}
                }
            }
        }
        Some(Hours {
            days,
            start,
            end,
            holidays,
        })
    }

    fn weekday(&mut self, d: &str, span: Range<usize>) -> Option<Weekday> {
        d.parse::<Weekday>().ok().or_else(|| {
            let hint = Some("use Mon, Tue, Wed, Thu, Fri, Sat or Sun".to_string());
            self.w.problem(span, format!("unknown day `{d}`"), hint);
            None
        })
    }

    fn clock_time(&mut self, v: &Value<'_>) -> Option<NaiveTime> {
        let parsed = match v.get_ref() {
            DeValue::String(s) => NaiveTime::parse_from_str(s, "%H:%M").ok(),
            DeValue::Datetime(d) if d.date.is_none() && d.offset.is_none() => {
                d.time.and_then(|t| {
                    NaiveTime::from_hms_opt(
                        t.hour.into(),
                        t.minute.into(),
                        t.second.unwrap_or(0).into(),
                    )
                })
            }
            _ => None,
        };
        if parsed.is_none() {
            self.w
                .problem(v.span(), "expected a time of day such as \"09:00\"", None);
        }
        parsed
    }
}

/// Reads a TOML value as a time: a TOML date-time (with or without offset), a date, or a
/// string in RFC 3339 / `YYYY-MM-DD[ HH:MM[:SS]]`.
pub(super) fn when(v: &DeValue<'_>) -> Result<When, String> {
    const EXPECTED: &str =
        "expected a date-time such as 2026-01-05T10:00:00 or a date such as 2026-12-21";
    match v {
        DeValue::Datetime(dt) => {
            let date = dt
                .date
                .ok_or_else(|| format!("a time of day alone is not enough: {EXPECTED}"))?;
            let date =
                NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                    .ok_or_else(|| EXPECTED.to_string())?;
            let time = match dt.time {
                None => NaiveTime::MIN,
                Some(t) => NaiveTime::from_hms_nano_opt(
                    t.hour.into(),
                    t.minute.into(),
                    t.second.unwrap_or(0).into(),
                    t.nanosecond.unwrap_or(0),
                )
                .ok_or_else(|| EXPECTED.to_string())?,
            };
            let local = date.and_time(time);
            Ok(match dt.offset {
                None => When::Local(local),
                Some(toml::value::Offset::Z) => When::Instant(local.and_utc()),
                Some(toml::value::Offset::Custom { minutes }) => {
                    When::Instant(local.and_utc() - Duration::minutes(minutes.into()))
                }
            })
        }
        DeValue::String(s) => {
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                return Ok(When::Instant(t.with_timezone(&Utc)));
            }
            parse_local(s)
                .map(When::Local)
                .ok_or_else(|| format!("`{s}` is not a time: {EXPECTED}"))
        }
        _ => Err(EXPECTED.to_string()),
    }
}
