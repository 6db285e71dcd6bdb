//! The validated on-call model: people, rotation eras, overrides, absences, escalation,
//! office hours and services, with every time already turned into an instant or a
//! wall-clock time in the team zone. Built by `load`; read by everything else.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::config::{AlertsConfig, AnnounceConfig, JiraConfig, ListenConfig};

/// A whole `schedule.toml`. Serde derives are for the on-disk cache (`crate::cache`), not for
/// output: JSON output goes through view structs in `cli/`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Schedule {
    pub team: Team,
    pub people: BTreeMap<String, Person>,
    /// Rotation eras, sorted by start; each runs until the next one starts.
    pub rotations: Vec<Rotation>,
    /// In file order: when two overlap for one role, the later one wins.
    pub overrides: Vec<Override>,
    pub unavailable: Vec<Unavailable>,
    /// Levels 2 and 3, in order (level 1 is always the pair on call).
    pub escalation: Vec<Level>,
    /// Office hours; Mon–Fri 09:00–18:00 when the file has no `[hours]`.
    pub hours: Hours,
    pub services: BTreeMap<String, Service>,
    pub jira: Option<JiraConfig>,
    pub announce: AnnounceConfig,
    pub alerts: AlertsConfig,
    pub listen: ListenConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    pub tz: Tz,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub chat: Option<String>,
    pub phone: Option<String>,
    /// The person's own zone, when it differs from the team's.
    pub tz: Option<Tz>,
    pub jira: Option<String>,
}

/// The two roles of the pair on call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The Incident Manager: the communicator.
    Manager,
    /// The Incident Engineer: the fixer.
    Engineer,
}

impl Role {
    pub const BOTH: [Role; 2] = [Role::Manager, Role::Engineer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Engineer => "engineer",
        }
    }

    /// The role as people say it: "Incident Manager".
    pub fn title(self) -> &'static str {
        match self {
            Role::Manager => "Incident Manager",
            Role::Engineer => "Incident Engineer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `[[rotation]]` era.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rotation {
    /// The first handoff as a wall-clock time in the team zone.
    #[serde(with = "nanos::naive")]
    pub start_local: NaiveDateTime,
    /// The first handoff as an instant (the era begins here).
    #[serde(with = "nanos::instant")]
    pub start: DateTime<Utc>,
    /// Shift length in wall-clock time (days and weeks are calendar days).
    #[serde(with = "nanos::duration")]
    pub every: Duration,
    pub slots: Slots,
    /// 1-based position among the `[[rotation]]` tables in the file.
    pub number: usize,
}

/// Who takes each shift of a rotation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Slots {
    /// Manager and engineer hand off together: shift k is `pairs[k % n]`.
    Pairs(Vec<(String, String)>),
    /// Two lists rotating independently: shift k is `managers[k % m]` and `engineers[k % e]`.
    Split {
        managers: Vec<String>,
        engineers: Vec<String>,
    },
}

impl Slots {
    /// Who holds `role` in shift `k` (k ≥ 0). Lists are never empty (the loader checks).
    pub fn holder(&self, role: Role, k: i64) -> &str {
        fn at<T>(list: &[T], k: i64) -> &T {
            // rem_euclid is never negative, so the cast cannot wrap.
            &list[k.rem_euclid(list.len() as i64) as usize]
        }
        match (self, role) {
            (Slots::Pairs(p), Role::Manager) => &at(p, k).0,
            (Slots::Pairs(p), Role::Engineer) => &at(p, k).1,
            (Slots::Split { managers, .. }, Role::Manager) => at::<String>(managers, k),
            (Slots::Split { engineers, .. }, Role::Engineer) => at::<String>(engineers, k),
        }
    }

    /// Everyone named in the rotation, with the role they take.
    pub fn members(&self) -> Vec<(Role, &str)> {
        match self {
            Slots::Pairs(p) => p
                .iter()
                .flat_map(|(m, e)| [(Role::Manager, m.as_str()), (Role::Engineer, e.as_str())])
                .collect(),
            Slots::Split {
                managers,
                engineers,
            } => managers
                .iter()
                .map(|m| (Role::Manager, m.as_str()))
                .chain(engineers.iter().map(|e| (Role::Engineer, e.as_str())))
                .collect(),
        }
    }
}

/// Someone covering a role for a while. Half-open: `[start, end)`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Override {
    pub role: Role,
    pub person: String,
    #[serde(with = "nanos::instant")]
    pub start: DateTime<Utc>,
    #[serde(with = "nanos::instant")]
    pub end: DateTime<Utc>,
    pub reason: Option<String>,
}

/// A planned absence. Never changes who is on call; `check` uses it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unavailable {
    pub person: String,
    #[serde(with = "nanos::instant")]
    pub start: DateTime<Utc>,
    #[serde(with = "nanos::instant")]
    pub end: DateTime<Utc>,
    pub reason: Option<String>,
}

/// An escalation level beyond the pair.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Level {
    /// 2 or 3.
    pub level: u8,
    pub name: String,
    /// How long after the page this level is brought in.
    #[serde(with = "nanos::opt_duration")]
    pub after: Option<Duration>,
    pub people: Vec<String>,
}

/// Office hours in the team zone; low-urgency pages wait for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    pub days: Vec<Weekday>,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub holidays: Vec<NaiveDate>,
}

impl Default for Hours {
    fn default() -> Self {
        use Weekday::{Fri, Mon, Thu, Tue, Wed};
        Hours {
            days: vec![Mon, Tue, Wed, Thu, Fri],
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
            holidays: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Urgency {
    /// Page now, at any hour.
    #[default]
    High,
    /// Can wait for office hours.
    Low,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::High => "high",
            Urgency::Low => "low",
        }
    }
}

impl fmt::Display for Urgency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    pub description: Option<String>,
    pub urgency: Urgency,
    /// Path of the runbook relative to the repository root.
    pub runbook: String,
    /// This service's level-2 contact, first in line.
    pub lead: Option<String>,
}

impl Schedule {
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.get(id)
    }

    /// The person's display name, or the id when they are not in `[people]`.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.people.get(id).map_or(id, |p| p.name.as_str())
    }

    /// The zone a person lives in (their own, else the team's).
    pub fn zone_of(&self, id: &str) -> Tz {
        self.people
            .get(id)
            .and_then(|p| p.tz)
            .unwrap_or(self.team.tz)
    }

    pub fn level(&self, level: u8) -> Option<&Level> {
        self.escalation.iter().find(|l| l.level == level)
    }
}

/// Exact, compact encodings of times for the cache: nanoseconds since the epoch (i64 covers
/// 1677-2262; anything outside fails to encode, and then the schedule is simply not cached).
mod nanos {
    use chrono::{DateTime, Duration, NaiveDateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    fn to_i64<E: serde::ser::Error>(v: Option<i64>) -> Result<i64, E> {
        v.ok_or_else(|| E::custom("time out of range"))
    }

    pub mod instant {
        use super::*;
        pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_i64(to_i64(t.timestamp_nanos_opt())?)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
            Ok(DateTime::from_timestamp_nanos(i64::deserialize(d)?))
        }
    }

    pub mod naive {
        use super::*;
        pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_i64(to_i64(t.and_utc().timestamp_nanos_opt())?)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
            Ok(DateTime::from_timestamp_nanos(i64::deserialize(d)?).naive_utc())
        }
    }

    pub mod duration {
        use super::*;
        pub fn serialize<S: Serializer>(t: &Duration, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_i64(to_i64(t.num_nanoseconds())?)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
            Ok(Duration::nanoseconds(i64::deserialize(d)?))
        }
    }

    pub mod opt_duration {
        use super::*;
        pub fn serialize<S: Serializer>(t: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_some(&to_i64::<S::Error>(t.num_nanoseconds())?),
                None => s.serialize_none(),
            }
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
            Ok(Option::<i64>::deserialize(d)?.map(Duration::nanoseconds))
        }
    }
}
