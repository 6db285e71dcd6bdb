//! Turns the text of `schedule.toml` into a validated [`Schedule`], collecting every problem
//! (unknown people, bad zones, bad durations, `end` before `start`, ...) with its byte span.
//! A syntax error stops parsing; semantic problems are all collected so `check` can list them.

use std::ops::Range;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use toml::Spanned;

use super::model::{
    Hours, Level, Override, Person, Rotation, Schedule, Service, Slots, Team, Unavailable,
};
use super::raw::{RawHours, RawLevel, RawSchedule, Str, Val};
use super::time::{parse_duration, parse_local, resolve_local, to_local};

/// One thing wrong with the file, located by byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem {
            span: Some(span),
            message: message.into(),
            hint: None,
        }
    }
    fn hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

/// A parsed schedule and the semantic problems found on the way. Entries with problems are
/// left out of `schedule`, so it is still usable for linting the rest.
#[derive(Debug)]
pub struct Loaded {
    pub schedule: Schedule,
    pub problems: Vec<Problem>,
}

/// Parses and validates the text of a `schedule.toml`.
pub fn parse(text: &str) -> Result<Loaded, Problem> {
    let raw: RawSchedule = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let hint = unknown_key_hint(&message);
        Problem {
            span: e.span(),
            message,
            hint,
        }
    })?;
    let mut v = Validator {
        problems: Vec::new(),
        people: Vec::new(),
    };
    let schedule = v.schedule(raw);
    Ok(Loaded {
        schedule,
        problems: v.problems,
    })
}

struct Validator {
    problems: Vec<Problem>,
    people: Vec<String>,
}

/// A time as written: an instant (it had an offset) or a wall-clock time in the team zone.
enum When {
    Instant(DateTime<Utc>),
    Local(NaiveDateTime),
}

impl When {
    fn instant(self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Instant(t) => t,
            When::Local(l) => resolve_local(tz, l),
        }
    }
    fn local(self, tz: Tz) -> NaiveDateTime {
        match self {
            When::Instant(t) => to_local(tz, t),
            When::Local(l) => l,
        }
    }
}

impl Validator {
    fn schedule(&mut self, raw: RawSchedule) -> Schedule {
        let team_raw = raw.team.into_inner();
        let tz = self.zone(&team_raw.timezone).unwrap_or(Tz::UTC);
        self.people = raw.people.keys().cloned().collect();

        let people = raw
            .people
            .into_iter()
            .map(|(id, p)| {
                let p = p.into_inner();
                let tz = p.timezone.as_ref().and_then(|z| self.zone(z));
                let name = p.name.unwrap_or_else(|| id.clone());
                (
                    id.clone(),
                    Person {
                        id,
                        name,
                        email: p.email,
                        chat: p.chat,
                        phone: p.phone,
                        tz,
                        jira: p.jira,
                    },
                )
            })
            .collect();

        let mut rotations = Vec::new();
        for (i, r) in raw.rotation.into_iter().enumerate() {
            let span = r.span();
            let r = r.into_inner();
            let start = self.when(&r.start).map(|w| w.local(tz));
            let every = self.duration(&r.every, "hdw");
            let slots = match (r.pairs, r.managers, r.engineers) {
                (Some(pairs), None, None) if !pairs.is_empty() => {
                    let pairs: Vec<_> = pairs
                        .into_iter()
                        .map(|p| {
                            let p = p.into_inner();
                            self.person_ref(&p.manager);
                            self.person_ref(&p.engineer);
                            (p.manager.into_inner(), p.engineer.into_inner())
                        })
                        .collect();
                    Some(Slots::Pairs(pairs))
                }
                (None, Some(m), Some(e)) if !m.is_empty() && !e.is_empty() => Some(Slots::Split {
                    managers: self.person_list(m),
                    engineers: self.person_list(e),
                }),
                (Some(_), Some(_), _) | (Some(_), _, Some(_)) => self.fail(Problem::at(
                    span.clone(),
                    "a rotation has `pairs` and `managers`/`engineers`: use one or the other",
                )),
                _ => self.fail(
                    Problem::at(
                        span.clone(),
                        "a rotation needs non-empty `pairs`, or both `managers` and `engineers`",
                    )
                    .hint(Some(
                        "e.g. pairs = [{ manager = \"alice\", engineer = \"dave\" }]".into(),
                    )),
                ),
            };
            if let (Some(start_local), Some(every), Some(slots)) = (start, every, slots) {
                let start = resolve_local(tz, start_local);
                rotations.push((
                    span,
                    Rotation {
                        start_local,
                        start,
                        every,
                        slots,
                        number: i + 1,
                    },
                ));
            }
        }
        rotations.sort_by_key(|(_, r)| r.start);
        for w in rotations.windows(2) {
            if w[0].1.start == w[1].1.start {
                self.problems.push(Problem::at(
                    w[1].0.clone(),
                    "two rotations start at the same time",
                ));
            }
        }
        let rotations = rotations.into_iter().map(|(_, r)| r).collect();

        let overrides = raw
            .overrides
            .into_iter()
            .filter_map(|o| {
                let o = o.into_inner();
                let known = self.person_ref(&o.person);
                let (start, end) = self.span_times(&o.start, &o.end, tz)?;
                known.then(|| Override {
                    role: o.role,
                    person: o.person.into_inner(),
                    start,
                    end,
                    reason: o.reason,
                })
            })
            .collect();

        let unavailable = raw
            .unavailable
            .into_iter()
            .filter_map(|u| {
                let u = u.into_inner();
                let known = self.person_ref(&u.person);
                let (start, end) = self.span_times(&u.start, &u.end, tz)?;
                known.then(|| Unavailable {
                    person: u.person.into_inner(),
                    start,
                    end,
                    reason: u.reason,
                })
            })
            .collect();

        let mut escalation = Vec::new();
        for (n, level) in [(2u8, raw.escalation.level2), (3, raw.escalation.level3)] {
            if let Some(level) = level {
                escalation.push(self.level(n, level.into_inner()));
            }
        }

        let hours = raw.hours.map(|h| self.hours(h)).unwrap_or_default();

        let services = raw
            .services
            .into_iter()
            .map(|(name, s)| {
                let s = s.into_inner();
                if let Some(lead) = &s.lead {
                    self.person_ref(lead);
                }
                let runbook = s
                    .runbook
                    .map_or_else(|| format!("runbooks/{name}.md"), Spanned::into_inner);
                let service = Service {
                    name: name.clone(),
                    description: s.description,
                    urgency: s.urgency.unwrap_or_default(),
                    runbook,
                    lead: s.lead.map(Spanned::into_inner),
                };
                (name, service)
            })
            .collect();

        Schedule {
            team: Team {
                name: team_raw.name,
                tz,
            },
            people,
            rotations,
            overrides,
            unavailable,
            escalation,
            hours,
            services,
            jira: raw.jira,
            announce: raw.announce,
            alerts: raw.alerts,
            listen: raw.listen,
        }
    }

    fn fail<T>(&mut self, p: Problem) -> Option<T> {
        self.problems.push(p);
        None
    }

    fn zone(&mut self, z: &Str) -> Option<Tz> {
        match z.get_ref().parse::<Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                let names = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name());
                let hint = nearest(z.get_ref(), names).map(|n| format!("did you mean `{n}`?"));
                let hint = hint.or(Some("use an IANA zone name such as `Europe/Berlin`".into()));
                self.fail(
                    Problem::at(z.span(), format!("unknown time zone `{}`", z.get_ref()))
                        .hint(hint),
                )
            }
        }
    }

    fn duration(&mut self, d: &Str, units: &str) -> Option<chrono::Duration> {
        parse_duration(d.get_ref(), units)
            .map_err(|m| self.problems.push(Problem::at(d.span(), m)))
            .ok()
    }

    /// Records an unknown person; returns whether the reference is good.
    fn person_ref(&mut self, id: &Str) -> bool {
        if self.people.iter().any(|p| p == id.get_ref()) {
            return true;
        }
        let hint = nearest(id.get_ref(), self.people.iter().map(String::as_str))
            .map(|n| format!("did you mean `{n}`?"))
            .or_else(|| Some(format!("add a `[people.{}]` table", id.get_ref())));
        self.problems
            .push(Problem::at(id.span(), format!("unknown person `{}`", id.get_ref())).hint(hint));
        false
    }

    fn person_list(&mut self, list: Vec<Str>) -> Vec<String> {
        list.into_iter()
            .map(|p| {
                self.person_ref(&p);
                p.into_inner()
            })
            .collect()
    }

    fn when(&mut self, v: &Val) -> Option<When> {
        when(v.get_ref())
            .map_err(|m| self.problems.push(Problem::at(v.span(), m)))
            .ok()
    }

    fn span_times(
        &mut self,
        start: &Val,
        end: &Val,
        tz: Tz,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let s = self.when(start).map(|w| w.instant(tz));
        let e = self.when(end).map(|w| w.instant(tz));
        let (s, e) = (s?, e?);
        if e <= s {
            return self.fail(Problem::at(end.span(), "`end` is not after `start`"));
        }
        Some((s, e))
    }

    fn level(&mut self, n: u8, raw: RawLevel) -> Level {
        let after = raw.after.as_ref().and_then(|a| self.duration(a, "mhd"));
        let people = self.person_list(raw.people);
        Level {
            level: n,
            name: raw.name.unwrap_or_else(|| format!("Level {n}")),
            after,
            people,
        }
    }

    fn hours(&mut self, h: Spanned<RawHours>) -> Hours {
        let span = h.span();
        let h = h.into_inner();
        let default = Hours::default();
        let days = match h.days {
            None => default.days,
            Some(days) => days.iter().filter_map(|d| self.weekday(d)).collect(),
        };
        let start = h
            .start
            .as_ref()
            .and_then(|t| self.clock_time(t))
            .unwrap_or(default.start);
        let end = h
            .end
            .as_ref()
            .and_then(|t| self.clock_time(t))
            .unwrap_or(default.end);
        if end <= start {
            self.problems
                .push(Problem::at(span, "office hours end before they start"));
        }
        let holidays = h
            .holidays
            .iter()
            .filter_map(|d| match self.when(d)? {
                When::Local(l) if l.time() == NaiveTime::MIN => Some(l.date()),
                _ => self.fail(Problem::at(
                    d.span(),
                    "a holiday is a date such as 2026-12-25",
                )),
            })
            .collect();
        Hours {
            days,
            start,
            end,
            holidays,
        }
    }

    fn weekday(&mut self, d: &Str) -> Option<Weekday> {
        match d.get_ref().parse::<Weekday>() {
            Ok(w) => Some(w),
            Err(_) => self.fail(
                Problem::at(d.span(), format!("unknown day `{}`", d.get_ref()))
                    .hint(Some("use Mon, Tue, Wed, Thu, Fri, Sat or Sun".into())),
            ),
        }
    }

    fn clock_time(&mut self, v: &Val) -> Option<NaiveTime> {
        let parsed = match v.get_ref() {
            toml::Value::String(s) => NaiveTime::parse_from_str(s, "%H:%M").ok(),
            toml::Value::Datetime(d) if d.date.is_none() && d.offset.is_none() => {
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
        parsed.or_else(|| {
            self.fail(Problem::at(
                v.span(),
                "expected a time of day such as \"09:00\"",
            ))
        })
    }
}

/// Reads a TOML value as a time: a TOML date-time (with or without offset), a date, or a
/// string in RFC 3339 / `YYYY-MM-DD[ HH:MM[:SS]]`.
fn when(v: &toml::Value) -> Result<When, String> {
    const EXPECTED: &str =
        "expected a date-time such as 2026-01-05T10:00:00 or a date such as 2026-12-21";
    match v {
        toml::Value::Datetime(dt) => {
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
                    When::Instant(local.and_utc() - chrono::Duration::minutes(minutes.into()))
                }
            })
        }
        toml::Value::String(s) => {
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

/// The closest candidate to `word`, if any is close enough to be a plausible typo: within a
/// few edits (transpositions count as one), else very similar by Jaro-Winkler.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let max_edits = (lower.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let cl = c.to_lowercase();
            let edits = strsim::damerau_levenshtein(&lower, &cl);
            let similar = strsim::jaro_winkler(&lower, &cl);
            (edits <= max_edits || similar >= 0.85).then_some((edits, -similar, c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, c)| c)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant"), the
/// nearest valid name as a hint; for secrets, where they belong instead.
fn unknown_key_hint(message: &str) -> Option<String> {
    let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (bad, valid) = names.split_first()?;
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return None;
    }
    let secretish = [
        "token", "password", "secret", "api_key", "apikey", "webhook", "url",
    ];
    if message.starts_with("unknown field")
        && secretish.iter().any(|s| bad.to_lowercase().contains(s))
    {
        if let Some(n) = nearest(bad, valid.iter().copied()) {
            return Some(format!(
                "did you mean `{n}`? Secrets never go in schedule.toml: put them in an environment \
                 variable and name the variable (e.g. `url_env = \"ONCALL_SLACK_WEBHOOK\"`)"
            ));
        }
        return Some(
            "secrets never go in schedule.toml: put them in an environment variable and name the \
             variable (e.g. `url_env = \"ONCALL_SLACK_WEBHOOK\"`)"
                .into(),
        );
    }
    nearest(bad, valid.iter().copied())
        .map(|n| format!("did you mean `{n}`?"))
        .or_else(|| {
            let list: Vec<String> = valid.iter().map(|v| format!("`{v}`")).collect();
            (!list.is_empty()).then(|| format!("valid here: {}", list.join(", ")))
        })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_plausible_typos_only() {
        let people = ["alice", "bob", "dave", "tl-ingest", "tl-warehouse"];
        assert_eq!(nearest("bbo", people), Some("bob"));
        assert_eq!(nearest("dvae", people), Some("dave"));
        assert_eq!(nearest("tl-ingset", people), Some("tl-ingest"));
        assert_eq!(nearest("Alice", people), Some("alice"));
        assert_eq!(nearest("zed", people), None);
        assert_eq!(nearest("evry", ["start", "every", "pairs"]), Some("every"));
    }
}
