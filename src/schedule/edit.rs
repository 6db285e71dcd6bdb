//! Edits to `schedule.toml` that keep its comments and layout (toml_edit): adding and
//! removing `[[override]]` tables. Pure: text in, text out; the result is re-validated by the
//! caller before anything is written.

use chrono::{Datelike, NaiveDateTime, Timelike};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::model::Role;

/// An override to add, with wall-clock times in the team zone.
#[derive(Debug, Clone)]
pub struct NewOverride {
    pub role: Role,
    pub person: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub reason: Option<String>,
}

fn toml_datetime(t: NaiveDateTime) -> toml_edit::Datetime {
    let small = |n: u32| u8::try_from(n).unwrap_or(0);
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(t.year()).unwrap_or(0),
            month: small(t.month()),
            day: small(t.day()),
        }),
        time: Some(toml_edit::Time {
            hour: small(t.hour()),
            minute: small(t.minute()),
            second: Some(small(t.second())),
            nanosecond: None,
        }),
        offset: None,
    }
}

fn parse(text: &str) -> Result<DocumentMut, String> {
    text.parse::<DocumentMut>()
        .map_err(|e| e.message().to_string())
}

/// Appends an `[[override]]` table after the last existing one (or at the end of the file).
pub fn add_override(text: &str, o: &NewOverride) -> Result<String, String> {
    let mut doc = parse(text)?;
    let mut t = Table::new();
    t["role"] = value(o.role.as_str());
    t["person"] = value(o.person.as_str());
    t["start"] = value(toml_datetime(o.start));
    t["end"] = value(toml_datetime(o.end));
    if let Some(r) = &o.reason {
        t["reason"] = value(r.as_str());
    }
    match doc.get_mut("override") {
        None => {
            let mut aot = ArrayOfTables::new();
            t.decor_mut().set_prefix("\n");
            aot.push(t);
            doc.insert("override", Item::ArrayOfTables(aot));
        }
        Some(item) => {
            let aot = item
                .as_array_of_tables_mut()
                .ok_or("`override` in schedule.toml is not a list of [[override]] tables")?;
            // Place it right after the last [[override]] so the file keeps its order.
            if let Some(pos) = aot.iter().filter_map(Table::position).max() {
                t.set_position(Some(pos));
            }
            t.decor_mut().set_prefix("\n");
            aot.push(t);
        }
    }
    Ok(doc.to_string())
}

/// Removes the `index`-th (0-based, file order) `[[override]]` table with its comments.
pub fn remove_override(text: &str, index: usize) -> Result<String, String> {
    let mut doc = parse(text)?;
    let aot = doc
        .get_mut("override")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or("schedule.toml has no [[override]] tables")?;
    if index >= aot.len() {
        return Err(format!(
            "there is no override {} (there are {})",
            index + 1,
            aot.len()
        ));
    }
    aot.remove(index);
    if aot.is_empty() {
        doc.remove("override");
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::time::parse_local;

    const FILE: &str = r#"# top comment
[team]
name = "T"   # trailing
timezone = "UTC"

[people.a]
name = "A"

# first override
[[override]]
role = "engineer"
person = "a"
start = 2026-01-01T00:00:00
end = 2026-01-02T00:00:00

# escalation comment
[escalation]
level2 = { people = ["a"] }
"#;

    fn new() -> NewOverride {
        NewOverride {
            role: Role::Manager,
            person: "a".into(),
            start: parse_local("2026-02-01 10:00").unwrap(),
            end: parse_local("2026-02-03 10:00").unwrap(),
            reason: Some("cover \"quoted\"".into()),
        }
    }

    #[test]
    fn add_keeps_comments_and_places_after_last_override() {
        let out = add_override(FILE, &new()).unwrap();
        assert!(out.starts_with("# top comment\n[team]\nname = \"T\"   # trailing\n"));
        let added = out.find("start = 2026-02-01T10:00:00").unwrap();
        assert!(added > out.find("end = 2026-01-02T00:00:00").unwrap());
        assert!(added < out.find("# escalation comment").unwrap(), "{out}");
        let parsed: toml::Table = toml::from_str(&out).unwrap();
        let overrides = parsed["override"].as_array().unwrap();
        assert_eq!(overrides.len(), 2);
        assert_eq!(overrides[1]["reason"].as_str(), Some("cover \"quoted\""));
    }

    #[test]
    fn add_to_a_file_without_overrides() {
        let text = "[team]\nname = \"T\"\ntimezone = \"UTC\"\n";
        let out = add_override(text, &new()).unwrap();
        assert!(out.starts_with(text));
        assert!(out.contains("[[override]]\nrole = \"manager\""));
    }

    #[test]
    fn remove_takes_its_comment_and_leaves_the_rest() {
        let out = remove_override(FILE, 0).unwrap();
        assert!(!out.contains("first override"));
        assert!(!out.contains("[[override]]"));
        assert!(out.contains("# escalation comment\n[escalation]"));
        assert!(remove_override(FILE, 1).is_err());
    }
}
