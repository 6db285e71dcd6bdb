//! The `schedule.toml` that `oncall init` writes: small, valid, commented, ready to edit.

use chrono::{Datelike, Duration, NaiveDate};

/// A starting `schedule.toml`: four people in two pairs, weekly from this week's Monday
/// 10:00 (so somebody is on call from the start).
pub fn schedule(team: &str, timezone: &str, today: NaiveDate) -> String {
    let monday = today - Duration::days(today.weekday().num_days_from_monday().into());
    let team = team.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"# The on-call schedule. Every date-time without an offset is wall-clock time in team.timezone.
# Edit it, then run `oncall check`. Reference: the README of the oncall project.

[team]
name = "{team}"
timezone = "{timezone}"

# People: `timezone` is optional (default: the team's); `who` shows each person's local time.
[people.alice]
name = "Alice Example"
email = "alice@example.com"
chat = "@alice"
phone = "+1-555-0100"

[people.bob]
name = "Bob Example"
email = "bob@example.com"
chat = "@bob"
phone = "+1-555-0101"

[people.carol]
name = "Carol Example"
email = "carol@example.com"
chat = "@carol"
phone = "+1-555-0102"

[people.dave]
name = "Dave Example"
email = "dave@example.com"
chat = "@dave"
phone = "+1-555-0103"

[people.lead]
name = "Team Lead"
email = "lead@example.com"
phone = "+1-555-0200"

[people.head]
name = "Head of Engineering"
email = "head@example.com"
phone = "+1-555-0300"

# The rotation: the Incident Manager and the Incident Engineer hand off together every week.
# Use `managers = [...]` and `engineers = [...]` instead of `pairs` to rotate them independently.
[[rotation]]
start = {monday}T10:00:00
every = "1w"
pairs = [
  {{ manager = "alice", engineer = "bob" }},
  {{ manager = "carol", engineer = "dave" }},
]

# Overrides (someone covers a role for a while): `oncall override add` writes them here.

[escalation]
level2 = {{ name = "Team lead", after = "30m", people = ["lead"] }}
level3 = {{ name = "Head of engineering", after = "60m", people = ["head"] }}

[hours]
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "09:00"
end = "18:00"
holidays = []

[services.example]
description = "An example service: rename it and write its runbook"
urgency = "high"
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_schedule() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let text = schedule("Team \"Q\"", "Europe/Berlin", today);
        let loaded = crate::schedule::parse(&text).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let s = loaded.schedule;
        assert_eq!(s.team.name, "Team \"Q\"");
        assert_eq!(
            s.rotations[0].start_local.to_string(),
            "2026-11-23 10:00:00"
        );
    }
}
