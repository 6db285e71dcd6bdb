//! Reading the rotation eras, overrides, absences, escalation levels and services of a
//! `schedule.toml`, each entry checked and located.

use std::collections::BTreeMap;
use std::ops::Range;

use super::super::model::{Level, Override, Role, Rotation, Service, Slots, Unavailable, Urgency};
use super::super::time::resolve_local;
use super::super::walk::Value;
use super::{Validator, nearest, tables};

impl Validator {
    pub(super) fn rotations(&mut self, v: &Value<'_>) -> Vec<Rotation> {
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

    pub(super) fn overrides(&mut self, v: &Value<'_>) -> Vec<Override> {
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

    pub(super) fn unavailable(&mut self, v: &Value<'_>) -> Vec<Unavailable> {
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

    pub(super) fn escalation(&mut self, v: &Value<'_>) -> Vec<Level> {
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

    pub(super) fn services(&mut self, v: &Value<'_>) -> BTreeMap<String, Service> {
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
