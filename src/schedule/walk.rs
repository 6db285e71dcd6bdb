//! Reading the parsed TOML tree (`toml::de::DeTable`, every key and value with its byte span)
//! into typed values, collecting a [`Problem`] for every unknown key, missing key and wrong
//! type instead of stopping at the first. Walking the tree directly is several times faster
//! than serde for large schedules: datetimes arrive parsed rather than as strings to re-parse.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::load::{Problem, nearest};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Collects problems while walking.
#[derive(Debug, Default)]
pub struct Walker {
    pub problems: Vec<Problem>,
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Walker {
    pub fn problem(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.problems.push(Problem {
            span: Some(span),
            message: message.into(),
            hint,
        });
    }

    /// Reports a value of the wrong type; returns `None` for convenient chaining.
    pub fn wrong<T>(&mut self, what: &str, v: &Value<'_>, expected: &str) -> Option<T> {
        let message = format!("{what} must be {expected}, not {}", type_name(v.get_ref()));
        self.problem(v.span(), message, None);
        None
    }

    /// Reports every key of `t` not in `allowed`, with the nearest valid key as a hint.
    pub fn known_keys(&mut self, t: &DeTable<'_>, allowed: &[&str], where_: &str) {
        for (k, _) in t.iter() {
            let key: &str = k.get_ref();
            if allowed.contains(&key) {
                continue;
            }
            let hint = unknown_key_hint(key, allowed);
            self.problem(
                k.span(),
                format!("unknown key `{key}` in {where_}"),
                Some(hint),
            );
        }
    }

    pub fn table<'a, 'i>(&mut self, what: &str, v: &'a Value<'i>) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => self.wrong(what, v, "a table"),
        }
    }

    pub fn array<'a, 'i>(&mut self, what: &str, v: &'a Value<'i>) -> Option<&'a [Value<'i>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(a.as_ref()),
            _ => self.wrong(what, v, "an array"),
        }
    }

    /// A string value and its span.
    pub fn string<'a>(&mut self, what: &str, v: &'a Value<'_>) -> Option<(&'a str, Range<usize>)> {
        match v.get_ref() {
            DeValue::String(s) => Some((s.as_ref(), v.span())),
            _ => self.wrong(what, v, "a string"),
        }
    }

    /// An optional string key of `t`. (The message is only built on error: this runs for
    /// every key of every table.)
    pub fn opt_string(&mut self, t: &DeTable<'_>, key: &str, where_: &str) -> Option<String> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => self.wrong(&format!("`{key}` in {where_}"), v, "a string"),
        }
    }

    /// A required key of `t` (whose own span is `span`).
    pub fn required<'a, 'i>(
        &mut self,
        t: &'a DeTable<'i>,
        key: &str,
        where_: &str,
        span: &Range<usize>,
    ) -> Option<&'a Value<'i>> {
        let v = t.get(key);
        if v.is_none() {
            self.problem(span.clone(), format!("{where_} needs `{key}`"), None);
        }
        v
    }

    /// A list of strings, each with its span.
    pub fn strings(&mut self, what: &str, v: &Value<'_>) -> Vec<(String, Range<usize>)> {
        let Some(items) = self.array(what, v) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::String(s) => Some((s.to_string(), item.span())),
                _ => self.wrong(&format!("each of {what}"), item, "a string"),
            })
            .collect()
    }

    /// A table read with serde (for the small integration tables), problems located by span.
    pub fn serde<T: DeserializeOwned>(&mut self, v: &Value<'_>) -> Option<T> {
        let span = v.span();
        let de = toml::de::ValueDeserializer::from(v.clone());
        match T::deserialize(de) {
            Ok(t) => Some(t),
            Err(e) => {
                let message = e.message().trim().to_string();
                let hint = serde_hint(&message);
                self.problems.push(Problem {
                    span: e.span().or(Some(span)),
                    message,
                    hint,
                });
                None
            }
        }
    }
}

/// The hint for an unknown key: the nearest valid one, or where secrets belong instead.
fn unknown_key_hint(key: &str, allowed: &[&str]) -> String {
    let secretish = [
        "token", "password", "secret", "api_key", "apikey", "webhook", "url",
    ];
    let near = nearest(key, allowed.iter().copied());
    if secretish.iter().any(|s| key.to_lowercase().contains(s)) {
        let also = near.map_or_else(String::new, |n| format!("did you mean `{n}`? "));
        return format!(
            "{also}Secrets never go in schedule.toml: put them in an environment variable and name \
             the variable (e.g. `url_env = \"ONCALL_SLACK_WEBHOOK\"`)"
        );
    }
    match near {
        Some(n) => format!("did you mean `{n}`?"),
        None => {
            let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
            format!("valid here: {}", list.join(", "))
        }
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant"), the same
/// hint as for keys we check ourselves.
fn serde_hint(message: &str) -> Option<String> {
    let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (bad, valid) = names.split_first()?;
    if message.starts_with("unknown field") {
        return Some(unknown_key_hint(bad, valid));
    }
    if message.starts_with("unknown variant") {
        return nearest(bad, valid.iter().copied()).map(|n| format!("did you mean `{n}`?"));
    }
    None
}
