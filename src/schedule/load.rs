//! Turns the text of `schedule.toml` into a validated [`Schedule`], collecting every problem
//! (unknown keys, unknown people, bad zones, bad durations, `end` before `start`, ...) with its
//! byte span. A syntax error stops parsing; everything else is collected so `check` can list
//! all of it at once, and entries with problems are left out of the schedule.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};

use super::config::AnnounceConfig;
use super::model::{
    Hours, Level, Override, Person, Role, Rotation, Schedule, Service, Slots, Team, Unavailable,
    Urgency,
};
use super::time::{parse_duration, parse_local, resolve_local, to_local};
use super::walk::{Value, Walker};

/// One thing wrong with the file, located by byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

/// A parsed schedule and the problems found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub schedule: Schedule,
    pub problems: Vec<Problem>,
}

/// The top-level tables of `schedule.toml`.
const TOP: &[&str] = &[
    "team",
    "people",
    "rotation",
    "override",
    "unavailable",
    "escalation",
    "hours",
    "services",
    "jira",
    "announce",
    "alerts",
    "listen",
];

/// Parses and validates the text of a `schedule.toml`.
pub fn parse(text: &str) -> Result<Loaded, Problem> {
    let root = toml::de::DeTable::parse(text).map_err(|e| Problem {
        span: e.span(),
        message: e.message().trim().to_string(),
        hint: None,
    })?;
    let mut v = Validator {
        w: Walker::default(),
        people: BTreeMap::new(),
        tz: Tz::UTC,
    };
    let schedule = v.schedule(root.get_ref());
    Ok(Loaded {
        schedule,
        problems: v.w.problems,
    })
}

struct Validator {
    w: Walker,
    people: BTreeMap<String, Person>,
    tz: Tz,
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

/// The elements of an array of tables (`[[rotation]]`), each with its span.
fn tables<'a, 'i>(
    w: &mut Walker,
    name: &str,
    v: &'a Value<'i>,
) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
    let Some(items) = w.array(&format!("`{name}`"), v) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item.get_ref() {
            DeValue::Table(t) => Some((t, item.span())),
            _ => w.wrong(&format!("each [[{name}]]"), item, "a table"),
        })
        .collect()
}

impl Validator {
    fn schedule(&mut self, root: &DeTable<'_>) -> Schedule {
        self.w.known_keys(root, TOP, "schedule.toml");
        let team = self.team(root);
        if let Some(people) = root.get("people") {
            self.read_people(people);
        }
        let rotations = root
            .get("rotation")
            .map(|v| self.rotations(v))
            .unwrap_or_default();
        let overrides = root
            .get("override")
            .map(|v| self.overrides(v))
            .unwrap_or_default();
        let unavailable = root
            .get("unavailable")
            .map(|v| self.unavailable(v))
            .unwrap_or_default();
        let escalation = root
            .get("escalation")
            .map(|v| self.escalation(v))
            .unwrap_or_default();
        let hours = root
            .get("hours")
            .and_then(|v| self.hours(v))
            .unwrap_or_default();
        let services = root
            .get("services")
            .map(|v| self.services(v))
            .unwrap_or_default();
        let jira = root.get("jira").and_then(|v| self.w.serde(v));
        let announce: AnnounceConfig = root
            .get("announce")
            .and_then(|v| {
                let a: AnnounceConfig = self.w.serde(v)?;
                for (message, hint) in a.problems() {
                    self.w.problem(v.span(), message, hint);
                }
                Some(a)
            })
            .unwrap_or_default();
        let alerts = root
            .get("alerts")
            .and_then(|v| self.w.serde(v))
            .unwrap_or_default();
        let listen = root
            .get("listen")
            .and_then(|v| self.w.serde(v))
            .unwrap_or_default();
        Schedule {
            team,
            people: std::mem::take(&mut self.people),
            rotations,
            overrides,
            unavailable,
            escalation,
            hours,
            services,
            jira,
            announce,
            alerts,
            listen,
        }
    }

    fn team(&mut self, root: &DeTable<'_>) -> Team {
        let mut team = Team {
            name: String::new(),
            tz: Tz::UTC,
        };
        let Some(v) = root.get("team") else {
            self.w.problems.push(Problem {
                span: Some(0..0),
                message: "schedule.toml needs a [team] table".into(),
                hint: Some("[team]\nname = \"...\"\ntimezone = \"Europe/Berlin\"".into()),
            });
            return team;
        };
        let Some(t) = self.w.table("[team]", v) else {
            return team;
        };
        self.w.known_keys(t, &["name", "timezone"], "[team]");
        if let Some(name) = self.w.required(t, "name", "[team]", &v.span()) {
            team.name = self
                .w
                .string("`name` in [team]", name)
                .map(|(s, _)| s.to_string())
                .unwrap_or_default();
        }
        if let Some(zone) = self.w.required(t, "timezone", "[team]", &v.span()) {
            team.tz = self.zone(zone).unwrap_or(Tz::UTC);
        }
        self.tz = team.tz;
        team
    }

    fn read_people(&mut self, v: &Value<'_>) {
        let Some(t) = self.w.table("[people]", v) else {
            return;
        };
        for (id, p) in t.iter() {
            let id: &str = id.get_ref();
            let where_ = format!("[people.{id}]");
            let Some(pt) = self.w.table(&where_, p) else {
                continue;
            };
            self.w.known_keys(
                pt,
                &["name", "email", "chat", "phone", "timezone", "jira"],
                &where_,
            );
            let tz = pt.get("timezone").and_then(|z| self.zone(z));
            let person = Person {
                id: id.to_string(),
                name: self
                    .w
                    .opt_string(pt, "name", &where_)
                    .unwrap_or_else(|| id.to_string()),
                email: self.w.opt_string(pt, "email", &where_),
                chat: self.w.opt_string(pt, "chat", &where_),
                phone: self.w.opt_string(pt, "phone", &where_),
                tz,
                jira: self.w.opt_string(pt, "jira", &where_),
            };
            self.people.insert(id.to_string(), person);
        }
    }

    fn zone(&mut self, v: &Value<'_>) -> Option<Tz> {
        let (name, span) = self.w.string("a time zone", v)?;
        if let Ok(tz) = name.parse::<Tz>() {
            return Some(tz);
        }
        let hint = nearest(name, chrono_tz::TZ_VARIANTS.iter().map(|t| t.name())).map_or_else(
            || "use an IANA zone name such as `Europe/Berlin`".into(),
            |n| format!("did you mean `{n}`?"),
        );
        self.w
            .problem(span, format!("unknown time zone `{name}`"), Some(hint));
        None
    }

    /// Checks a reference to a person; returns the id when it is known.
    fn person_ref(&mut self, what: &str, v: &Value<'_>) -> Option<String> {
        let (id, span) = self.w.string(what, v)?;
        if self.people.contains_key(id) {
            return Some(id.to_string());
        }
        let hint = nearest(id, self.people.keys().map(String::as_str)).map_or_else(
            || format!("add a `[people.{id}]` table"),
            |n| format!("did you mean `{n}`?"),
        );
        self.w
            .problem(span, format!("unknown person `{id}`"), Some(hint));
        None
    }

    fn person_list(&mut self, what: &str, v: &Value<'_>) -> Vec<String> {
        let Some(items) = self.w.array(what, v) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.person_ref(what, item))
            .collect()
    }

    fn duration(&mut self, what: &str, v: &Value<'_>, units: &str) -> Option<Duration> {
        let (s, span) = self.w.string(what, v)?;
        parse_duration(s, units)
            .map_err(|m| self.w.problem(span, m, None))
            .ok()
    }

    fn when(&mut self, what: &str, v: &Value<'_>) -> Option<When> {
        when(v.get_ref())
            .map_err(|m| self.w.problem(v.span(), format!("{what}: {m}"), None))
            .ok()
    }

    fn rotations(&mut self, v: &Value<'_>) -> Vec<Rotation> {
        let tz = self.tz;
        let mut out: Vec<(Range<usize>, Rotation)> = Vec::new();
        for (number, (t, span)) in tables(&mut self.w, "rotation", v).into_iter().enumerate() {
            let w = "[[rotation]]";
            self.w
                .known_keys(t, &["start", "every", "pairs", "managers", "engineers"], w);
            let start = self
                .w
                .required(t, "start", w, &span)
                .and_then(|s| self.when("`start`", s))
                .map(|s| s.local(tz));
            let every = self
                .w
                .required(t, "every", w, &span)
                .and_then(|e| self.duration("`every`", e, "hdw"));
            let slots = match (t.get("pairs"), t.get("managers"), t.get("engineers")) {
                (Some(pairs), None, None) => self.pairs(pairs),
                (None, Some(m), Some(e)) => {
                    let (m, e) = (
                        self.person_list("`managers`", m),
                        self.person_list("`engineers`", e),
                    );
                    if m.is_empty() || e.is_empty() {
                        self.w.problem(
                            span.clone(),
                            "`managers` and `engineers` must not be empty",
                            None,
                        );
                        None
                    } else {
                        Some(Slots::Split {
                            managers: m,
                            engineers: e,
                        })
                    }
                }
                (Some(_), _, _) => {
                    let msg =
                        "a rotation has `pairs` and `managers`/`engineers`: use one or the other";
                    self.w.problem(span.clone(), msg, None);
                    None
                }
                _ => {
                    let hint = Some(
                        "e.g. pairs = [{ manager = \"alice\", engineer = \"dave\" }]".to_string(),
                    );
                    self.w.problem(
                        span.clone(),
                        "a rotation needs `pairs`, or both `managers` and `engineers`",
                        hint,
                    );
                    None
                }
            };
            if let (Some(start_local), Some(every), Some(slots)) = (start, every, slots) {
                let start = resolve_local(tz, start_local);
                out.push((
                    span,
                    Rotation {
                        start_local,
                        start,
                        every,
                        slots,
                        number: number + 1,
                    },
                ));
            }
        }
        out.sort_by_key(|(_, r)| r.start);
        for pair in out.windows(2) {
            if pair[0].1.start == pair[1].1.start {
                self.w.problem(
                    pair[1].0.clone(),
                    "two rotations start at the same time",
                    None,
                );
            }
        }
        out.into_iter().map(|(_, r)| r).collect()
    }

    fn pairs(&mut self, v: &Value<'_>) -> Option<Slots> {
        let items = self.w.array("`pairs`", v)?;
        let mut pairs = Vec::new();
        let mut ok = true;
        for item in items {
            let Some(t) = self.w.table("each of `pairs`", item) else {
                ok = false;
                continue;
            };
            self.w.known_keys(t, &["manager", "engineer"], "a pair");
            let m = self
                .w
                .required(t, "manager", "a pair", &item.span())
                .and_then(|m| self.person_ref("`manager`", m));
            let e = self
                .w
                .required(t, "engineer", "a pair", &item.span())
                .and_then(|e| self.person_ref("`engineer`", e));
            match (m, e) {
                (Some(m), Some(e)) => pairs.push((m, e)),
                _ => ok = false,
            }
        }
        if pairs.is_empty() && ok {
            self.w.problem(v.span(), "`pairs` must not be empty", None);
        }
        (ok && !pairs.is_empty()).then_some(Slots::Pairs(pairs))
    }

    /// `start` and `end` of an override or absence: instants, `end` after `start`.
    fn span_times(
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

    fn role(&mut self, v: &Value<'_>) -> Option<Role> {
        let (s, span) = self.w.string("`role`", v)?;
        match s {
            "manager" => Some(Role::Manager),
            "engineer" => Some(Role::Engineer),
            _ => {
                let hint =
                    nearest(s, ["manager", "engineer"]).map(|n| format!("did you mean `{n}`?"));
                self.w.problem(
                    span,
                    format!("unknown role `{s}`: use `manager` or `engineer`"),
                    hint,
                );
                None
            }
        }
    }

    fn overrides(&mut self, v: &Value<'_>) -> Vec<Override> {
        let mut out = Vec::new();
        for (t, span) in tables(&mut self.w, "override", v) {
            let w = "[[override]]";
            self.w
                .known_keys(t, &["role", "person", "start", "end", "reason"], w);
            let role = self
                .w
                .required(t, "role", w, &span)
                .and_then(|r| self.role(r));
            let person = self
                .w
                .required(t, "person", w, &span)
                .and_then(|p| self.person_ref("`person`", p));
            let times = self.span_times(t, w, &span);
            let reason = self.w.opt_string(t, "reason", w);
            if let (Some(role), Some(person), Some((start, end))) = (role, person, times) {
                out.push(Override {
                    role,
                    person,
                    start,
                    end,
                    reason,
                });
            }
        }
        out
    }

    fn unavailable(&mut self, v: &Value<'_>) -> Vec<Unavailable> {
        let mut out = Vec::new();
        for (t, span) in tables(&mut self.w, "unavailable", v) {
            let w = "[[unavailable]]";
            self.w
                .known_keys(t, &["person", "start", "end", "reason"], w);
            let person = self
                .w
                .required(t, "person", w, &span)
                .and_then(|p| self.person_ref("`person`", p));
            let times = self.span_times(t, w, &span);
            let reason = self.w.opt_string(t, "reason", w);
            if let (Some(person), Some((start, end))) = (person, times) {
                out.push(Unavailable {
                    person,
                    start,
                    end,
                    reason,
                });
            }
        }
        out
    }

    fn escalation(&mut self, v: &Value<'_>) -> Vec<Level> {
        let Some(t) = self.w.table("[escalation]", v) else {
            return Vec::new();
        };
        self.w.known_keys(t, &["level2", "level3"], "[escalation]");
        let mut out = Vec::new();
        for (n, key) in [(2u8, "level2"), (3, "level3")] {
            let Some(lv) = t.get(key) else { continue };
            let w = format!("`{key}`");
            let Some(lt) = self.w.table(&w, lv) else {
                continue;
            };
            self.w.known_keys(lt, &["name", "after", "people"], &w);
            let after = lt
                .get("after")
                .and_then(|a| self.duration("`after`", a, "mhd"));
            let people = lt
                .get("people")
                .map(|p| self.person_list("`people`", p))
                .unwrap_or_default();
            let name = self
                .w
                .opt_string(lt, "name", &w)
                .unwrap_or_else(|| format!("Level {n}"));
            out.push(Level {
                level: n,
                name,
                after,
                people,
            });
        }
        out
    }

    fn hours(&mut self, v: &Value<'_>) -> Option<Hours> {
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

    fn services(&mut self, v: &Value<'_>) -> BTreeMap<String, Service> {
        let Some(t) = self.w.table("[services]", v) else {
            return BTreeMap::new();
        };
        let mut out = BTreeMap::new();
        for (name, sv) in t.iter() {
            let name: &str = name.get_ref();
            let w = format!("[services.{name}]");
            let Some(st) = self.w.table(&w, sv) else {
                continue;
            };
            self.w
                .known_keys(st, &["description", "urgency", "runbook", "lead"], &w);
            let urgency = match st.get("urgency") {
                None => Urgency::default(),
                Some(u) => match self.w.string("`urgency`", u) {
                    Some(("high", _)) => Urgency::High,
                    Some(("low", _)) => Urgency::Low,
                    Some((other, span)) => {
                        let hint =
                            nearest(other, ["high", "low"]).map(|n| format!("did you mean `{n}`?"));
                        self.w.problem(
                            span,
                            format!("unknown urgency `{other}`: use `high` or `low`"),
                            hint,
                        );
                        Urgency::default()
                    }
                    None => Urgency::default(),
                },
            };
            let lead = st.get("lead").and_then(|l| self.person_ref("`lead`", l));
            let service = Service {
                name: name.to_string(),
                description: self.w.opt_string(st, "description", &w),
                urgency,
                runbook: self
                    .w
                    .opt_string(st, "runbook", &w)
                    .unwrap_or_else(|| format!("runbooks/{name}.md")),
                lead,
            };
            out.insert(name.to_string(), service);
        }
        out
    }
}

/// Reads a TOML value as a time: a TOML date-time (with or without offset), a date, or a
/// string in RFC 3339 / `YYYY-MM-DD[ HH:MM[:SS]]`.
fn when(v: &DeValue<'_>) -> Result<When, String> {
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
