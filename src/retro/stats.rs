//! The numbers of one retro week, from the collected incidents. Pure.
//!
//! Counting rules:
//! - an incident belongs to the week of its first `page` row; one that spans two weeks counts
//!   in the week it was paged, and shows as open at the end of that week if unresolved then;
//! - the responders are the `manager` and `engineer` of that page row (who held each role
//!   then), or the schedule's holders at that instant when the cells are empty;
//! - `off_hours`: see [`When`]; a page counts once per bucket for the pair;
//! - `ack_seconds`/`resolve_seconds`: from the first page to the first ack / the latest
//!   resolution, over the week's incidents that have that event; the median of an even count
//!   is the mean of the two middle values, in whole seconds;
//! - `escalations.level2` counts the week's incidents that reached level 2 or 3, `level3`
//!   those that reached 3;
//! - shares are over the incidents RESOLVED in the week (latest resolution in the week),
//!   whenever they were paged: the fraction marked documented / automated, rounded to 4
//!   places; `null` when nothing was resolved;
//! - `low_urgency_off_hours`: low-urgency pages outside office hours in the team zone (they
//!   could have waited, yet they paged someone);
//! - `high_no_action`: high-urgency incidents resolved at level 1 with no note, not
//!   documented, not automated, and either never acknowledged before the resolution or
//!   resolved within [`NO_ACTION_WITHIN`] of the page: alerts that paged for nothing;
//! - `morale.mean` averages the scores recorded in the week (rounded to 2 places).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::collect::MoraleRow;
use super::when::When;
use crate::incident::Incident;
use crate::schedule::Role;
use crate::schedule::model::{Schedule, Urgency};
use crate::schedule::resolve::holder_at;

/// A high-urgency page resolved this soon with nothing recorded counts as "no action".
pub const NO_ACTION_WITHIN: Duration = Duration::minutes(15);

/// Median and worst of a set of durations, in seconds. `median` is rounded down to whole
/// seconds for display; JSON carries the exact median (`90.5` for an even count between 90
/// and 91), as statistics tools compute it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spread {
    pub median: Option<i64>,
    pub worst: Option<i64>,
    /// Twice the exact median, so it stays an integer.
    median_x2: Option<i64>,
}

impl Serialize for Spread {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Spread", 2)?;
        match self.median_x2 {
            Some(m) if m % 2 == 0 => st.serialize_field("median", &(m / 2))?,
            Some(m) => st.serialize_field("median", &(m as f64 / 2.0))?,
            None => st.serialize_field("median", &None::<i64>)?,
        }
        st.serialize_field("worst", &self.worst)?;
        st.end()
    }
}

impl Spread {
    pub fn of(mut values: Vec<i64>) -> Spread {
        values.sort_unstable();
        let n = values.len();
        if n == 0 {
            return Spread::default();
        }
        let median_x2 = if n % 2 == 1 {
            2 * values[n / 2]
        } else {
            values[n / 2 - 1] + values[n / 2]
        };
        Spread {
            median: Some(median_x2.div_euclid(2)),
            worst: values.last().copied(),
            median_x2: Some(median_x2),
        }
    }
}

/// Pages per bucket of [`When`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub pages: usize,
    pub office_hours: usize,
    pub evenings: usize,
    pub nights: usize,
    pub weekends: usize,
}

impl Counts {
    fn add(&mut self, w: When) {
        self.pages += 1;
        self.office_hours += usize::from(w.office_hours);
        self.evenings += usize::from(w.evening);
        self.nights += usize::from(w.night);
        self.weekends += usize::from(w.weekend);
    }
}

/// One person's pages in the week, on their own clock.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PersonCounts {
    pub name: String,
    pub timezone: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// Pages taken as manager and as engineer.
    pub as_manager: usize,
    pub as_engineer: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OffHours {
    pub nights: usize,
    pub weekends: usize,
    pub evenings: usize,
    pub office_hours: usize,
    /// Per person (by id) and per role; only for the chosen week, not in `trend[]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_person: Option<BTreeMap<String, PersonCounts>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_role: Option<BTreeMap<&'static str, Counts>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Escalations {
    pub level2: usize,
    pub level3: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Morale {
    pub mean: Option<f64>,
    pub count: usize,
    /// Each score; only for the chosen week, not in `trend[]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scores: Option<Vec<Score>>,
}

/// One morale score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    pub time: DateTime<Utc>,
    pub score: u8,
    pub who: String,
    pub name: String,
    pub note: Option<String>,
}

/// The headline numbers of one week: the chosen one and each entry of `trend[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WeekSummary {
    pub week: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub pages: usize,
    pub off_hours: OffHours,
    pub ack_seconds: Spread,
    pub resolve_seconds: Spread,
    pub escalations: Escalations,
    pub resolved: usize,
    pub documented_share: Option<f64>,
    pub automated_share: Option<f64>,
    pub low_urgency_off_hours: usize,
    pub high_no_action: usize,
    pub open_at_end_count: usize,
    pub morale: Morale,
}

/// What the retro derives about one incident.
#[derive(Debug, Clone)]
pub struct Facts {
    pub urgency: String,
    /// The responders and where the page fell on each one's clock.
    pub manager: Option<(String, When)>,
    pub engineer: Option<(String, When)>,
    /// The pair's view (see [`When::any`]).
    pub pair: When,
    /// Outside office hours in the team zone.
    pub outside_team_hours: bool,
    pub low_urgency_off_hours: bool,
    pub high_no_action: bool,
}

/// The urgency of an incident: its page row's, else its service's, else `unknown`.
pub fn urgency(s: &Schedule, r: &Incident) -> String {
    match r.urgency.as_str() {
        "high" | "low" => r.urgency.clone(),
        "" => s
            .services
            .get(&r.service)
            .map_or_else(|| "unknown".into(), |svc| svc.urgency.as_str().into()),
        other => other.to_ascii_lowercase(),
    }
}

/// Derives the facts of an incident that has a page row.
pub fn facts(s: &Schedule, r: &Incident) -> Facts {
    let paged = r.paged_at.unwrap_or_default();
    let person = |cell: &str, role: Role| {
        let id = if cell.is_empty() {
            holder_at(s, role, paged)?.person.to_string()
        } else {
            cell.to_string()
        };
        let when = When::of(&s.hours, s.zone_of(&id), paged);
        Some((id, when))
    };
    let manager = person(&r.manager, Role::Manager);
    let engineer = person(&r.engineer, Role::Engineer);
    let each: Vec<When> = [&manager, &engineer]
        .into_iter()
        .flatten()
        .map(|(_, w)| *w)
        .collect();
    let pair = When::any(&each);
    let urgency = urgency(s, r);
    let outside_team_hours = !s.hours.is_open(s.team.tz, paged);
    let high_no_action = urgency == Urgency::High.as_str()
        && r.resolved_at.is_some_and(|res| {
            let unacked = r.acked_at.is_none_or(|a| a > res);
            r.level < 2
                && r.notes == 0
                && r.documented != Some(true)
                && r.automated != Some(true)
                && (unacked || res - paged <= NO_ACTION_WITHIN)
        });
    Facts {
        low_urgency_off_hours: urgency == Urgency::Low.as_str() && outside_team_hours,
        urgency,
        manager,
        engineer,
        pair,
        outside_team_hours,
        high_no_action,
    }
}

fn in_range(t: Option<DateTime<Utc>>, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    t.is_some_and(|t| start <= t && t < end)
}

fn share(part: usize, of: usize) -> Option<f64> {
    // Counts are far below 2^52, so the conversions are exact.
    (of > 0).then(|| round(part as f64 / of as f64, 4))
}

/// `1 score`, `2 scores`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `x` rounded to `places` decimal places, for stable JSON.
pub fn round(x: f64, places: i32) -> f64 {
    let p = 10f64.powi(places);
    (x * p).round() / p
}

/// The summary of the week `[start, end)`. `detail` adds the per-person and per-role
/// breakdowns. `incidents` pairs each record with its facts.
pub fn summarize(
    s: &Schedule,
    label: String,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    incidents: &[(&Incident, &Facts)],
    morale: &[MoraleRow],
    detail: bool,
) -> WeekSummary {
    let paged: Vec<&(&Incident, &Facts)> = incidents
        .iter()
        .filter(|(r, _)| in_range(r.paged_at, start, end))
        .collect();
    let mut off = OffHours::default();
    let mut people: BTreeMap<String, PersonCounts> = BTreeMap::new();
    let mut roles: BTreeMap<&'static str, Counts> = BTreeMap::new();
    for (_, f) in &paged {
        off.nights += usize::from(f.pair.night);
        off.weekends += usize::from(f.pair.weekend);
        off.evenings += usize::from(f.pair.evening);
        off.office_hours += usize::from(f.pair.office_hours);
        for (role, who) in [(Role::Manager, &f.manager), (Role::Engineer, &f.engineer)] {
            let Some((id, when)) = who else { continue };
            roles.entry(role.as_str()).or_default().add(*when);
            let p = people.entry(id.clone()).or_insert_with(|| PersonCounts {
                name: s.name_of(id).to_string(),
                timezone: s.zone_of(id).name().to_string(),
                ..PersonCounts::default()
            });
            p.counts.add(*when);
            match role {
                Role::Manager => p.as_manager += 1,
                Role::Engineer => p.as_engineer += 1,
            }
        }
    }
    if detail {
        off.by_person = Some(people);
        off.by_role = Some(roles);
    }
    let since_page =
        |t: Option<DateTime<Utc>>, r: &Incident| Some((t? - r.paged_at?).num_seconds().max(0));
    let resolved: Vec<&Incident> = incidents
        .iter()
        .map(|(r, _)| *r)
        .filter(|r| in_range(r.resolved_at, start, end))
        .collect();
    let week_morale: Vec<&MoraleRow> = morale
        .iter()
        .filter(|m| start <= m.time && m.time < end)
        .collect();
    let scores: Vec<u8> = week_morale.iter().map(|m| m.score).collect();
    WeekSummary {
        week: label,
        start,
        end,
        pages: paged.len(),
        off_hours: off,
        ack_seconds: Spread::of(
            paged
                .iter()
                .filter_map(|(r, _)| since_page(r.acked_at, r))
                .collect(),
        ),
        resolve_seconds: Spread::of(
            paged
                .iter()
                .filter_map(|(r, _)| since_page(r.resolved_at, r))
                .collect(),
        ),
        escalations: Escalations {
            level2: paged.iter().filter(|(r, _)| r.level >= 2).count(),
            level3: paged.iter().filter(|(r, _)| r.level >= 3).count(),
        },
        resolved: resolved.len(),
        documented_share: share(
            resolved
                .iter()
                .filter(|r| r.documented == Some(true))
                .count(),
            resolved.len(),
        ),
        automated_share: share(
            resolved
                .iter()
                .filter(|r| r.automated == Some(true))
                .count(),
            resolved.len(),
        ),
        low_urgency_off_hours: paged
            .iter()
            .filter(|(_, f)| f.low_urgency_off_hours)
            .count(),
        high_no_action: paged.iter().filter(|(_, f)| f.high_no_action).count(),
        open_at_end_count: incidents.iter().filter(|(r, _)| r.open_at(end)).count(),
        morale: Morale {
            mean: (!scores.is_empty()).then(|| {
                let sum: u32 = scores.iter().map(|s| u32::from(*s)).sum();
                round(f64::from(sum) / scores.len() as f64, 2)
            }),
            count: scores.len(),
            scores: detail.then(|| {
                week_morale
                    .iter()
                    .map(|m| Score {
                        time: m.time,
                        score: m.score,
                        who: m.who.clone(),
                        name: s.name_of(&m.who).to_string(),
                        note: (!m.note.is_empty()).then(|| m.note.clone()),
                    })
                    .collect()
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_worst() {
        assert_eq!(Spread::of(vec![]), Spread::default());
        let s = Spread::of(vec![300, 60, 120]);
        assert_eq!((s.median, s.worst), (Some(120), Some(300)));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"median":120,"worst":300}"#
        );
        let even = Spread::of(vec![60, 121, 10, 500]);
        assert_eq!(even.median, Some(90));
        assert_eq!(
            serde_json::to_string(&even).unwrap(),
            r#"{"median":90.5,"worst":500}"#
        );
        assert_eq!(
            serde_json::to_string(&Spread::default()).unwrap(),
            r#"{"median":null,"worst":null}"#
        );
    }

    #[test]
    fn shares_round() {
        assert_eq!(share(2, 3), Some(0.6667));
        assert_eq!(share(0, 0), None);
        assert_eq!(round(3.3333333, 2), 3.33);
    }
}
