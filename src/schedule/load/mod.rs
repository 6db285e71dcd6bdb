//! Turns the text of `schedule.toml` into a validated [`Schedule`], collecting every problem
//! (unknown keys, unknown people, bad zones, bad durations, `end` before `start`, ...) with its
//! byte span. A syntax error stops parsing; everything else is collected so `check` can list
//! all of it at once, and entries with problems are left out of the schedule. The sections
//! of the file are read in `sections.rs`, times and office hours in `times.rs`.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::Duration;
use chrono_tz::Tz;
use toml::de::{DeTable, DeValue};

use super::config::AnnounceConfig;
use super::model::{Person, Runbooks, Schedule, Team};
use super::time::parse_duration;
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
    "runbooks",
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

mod sections;
mod times;

use times::{When, when};

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
                // Rules serde cannot express: unique, typeable channel names and the like.
                for (message, hint) in a.problems() {
                    self.w.problem(v.span(), message, hint);
                }
                Some(a)
            })
            .unwrap_or_default();
        let runbooks = root
            .get("runbooks")
            .and_then(|v| self.runbooks(v))
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
            runbooks,
            alerts,
            listen,
        }
    }

    fn runbooks(&mut self, v: &Value<'_>) -> Option<Runbooks> {
        let t = self.w.table("[runbooks]", v)?;
        self.w.known_keys(t, &["stale_after"], "[runbooks]");
        let mut r = Runbooks::default();
        if let Some(d) = t
            .get("stale_after")
            .and_then(|d| self.duration("`stale_after`", d, "hdw"))
        {
            r.stale_after = d;
        }
        Some(r)
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
mod tests;
