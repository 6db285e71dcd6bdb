//! Runbooks as a domain: what a name on the command line refers to, which relative paths may be
//! read at all, how fresh a runbook is, finding text in runbooks, and the page `--edit` starts
//! a new runbook from. Pure: callers read files and git history and pass the results in.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// The folder runbooks live in by default: `runbooks/<service>.md`.
pub const DIR: &str = "runbooks";

/// How old a runbook may get before it is flagged, when `schedule.toml` does not say.
pub fn default_stale_after() -> Duration {
    Duration::days(180)
}

/// What `oncall runbook ARG` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A service name (or the stem of a runbook with no service): `ingest`.
    Name(&'a str),
    /// A path relative to the on-call folder: `runbooks/ingest.md`.
    Path(&'a str),
}

/// Reads a command-line argument as a path when it looks like one (a separator, or a `.md`
/// ending), else as a name.
pub fn target(arg: &str) -> Target<'_> {
    if arg.contains(['/', '\\']) || arg.ends_with(".md") || arg == "." || arg == ".." {
        Target::Path(arg)
    } else {
        Target::Name(arg)
    }
}

/// Why a runbook path is refused before the filesystem is even asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadPath {
    Empty,
    Absolute,
    ParentDir,
    Backslash,
}

impl BadPath {
    pub fn reason(&self) -> &'static str {
        match self {
            BadPath::Empty => "it is empty",
            BadPath::Absolute => "it is absolute",
            BadPath::ParentDir => "it goes up with `..`",
            BadPath::Backslash => "it has a `\\` (write paths with `/`)",
        }
    }
}

/// Checks that `rel` stays inside the folder it is relative to, by its letters alone: not
/// absolute, no `..`, `/` as the only separator. Returns it without `./` parts. (Symlinks are
/// the caller's to check, on the real filesystem.)
pub fn relative_path(rel: &str) -> Result<String, BadPath> {
    if rel.trim().is_empty() {
        return Err(BadPath::Empty);
    }
    if rel.contains('\\') {
        return Err(BadPath::Backslash);
    }
    // `C:/x` is absolute on Windows; refuse it everywhere so a schedule means the same on all.
    let drive = rel.len() >= 2 && rel.as_bytes()[1] == b':';
    if rel.starts_with('/') || drive || std::path::Path::new(rel).is_absolute() {
        return Err(BadPath::Absolute);
    }
    let parts: Vec<&str> = rel
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.contains(&"..") {
        return Err(BadPath::ParentDir);
    }
    if parts.is_empty() {
        return Err(BadPath::Empty);
    }
    Ok(parts.join("/"))
}

/// Whether a service or runbook name can be used to build `runbooks/<name>.md`.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Where a runbook stands, worst first when several apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// There is no file.
    Missing,
    /// The path leaves the repository (a symlink pointing outside): refused.
    Unsafe,
    /// The file is not in git yet: teammates do not have it.
    Untracked,
    /// The working copy has edits that are not committed.
    Modified,
    /// Last changed longer ago than `stale_after`.
    Stale,
    Ok,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Unsafe => "unsafe",
            Status::Untracked => "untracked",
            Status::Modified => "modified",
            Status::Stale => "stale",
            Status::Ok => "ok",
        }
    }
}

/// How fresh a runbook that exists is, from its last commit and the working copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// When the last commit touching it was made; `None` when it was never committed (or
    /// the folder is not under git).
    pub changed: Option<DateTime<Utc>>,
    /// How long ago that was, as of now.
    pub age: Option<Duration>,
    /// Older than the limit.
    pub stale: bool,
    /// The working copy differs from HEAD.
    pub modified: bool,
    /// Not in git at all.
    pub untracked: bool,
}

impl Freshness {
    /// Judges a runbook last changed at `changed` (if ever), as of `now`.
    pub fn judge(
        changed: Option<DateTime<Utc>>,
        modified: bool,
        untracked: bool,
        stale_after: Duration,
        now: DateTime<Utc>,
    ) -> Freshness {
        let age = changed.map(|c| now - c);
        Freshness {
            changed,
            age,
            stale: age.is_some_and(|a| a > stale_after),
            modified: modified && !untracked,
            untracked,
        }
    }

    /// The one word for lists: the most pressing thing to know.
    pub fn status(&self) -> Status {
        if self.untracked {
            Status::Untracked
        } else if self.modified {
            Status::Modified
        } else if self.stale {
            Status::Stale
        } else {
            Status::Ok
        }
    }
}

/// A line that matched a search, with the lines around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// 1-based line number.
    pub line: usize,
    pub text: String,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// A search: case-insensitive unless the query has an upper-case letter (as ripgrep's
/// smart case), so `kafka` finds `Kafka` but `Kafka` finds only `Kafka`.
#[derive(Debug, Clone)]
pub struct Query {
    needle: String,
    fold: bool,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let fold = !text.chars().any(char::is_uppercase);
        Query {
            needle: if fold {
                text.to_lowercase()
            } else {
                text.to_string()
            },
            fold,
        }
    }

    /// Whether `line` contains the query.
    pub fn is_match(&self, line: &str) -> bool {
        if self.fold {
            line.to_lowercase().contains(&self.needle)
        } else {
            line.contains(&self.needle)
        }
    }

    /// The byte ranges of `line` that match, for highlighting.
    pub fn ranges(&self, line: &str) -> Vec<std::ops::Range<usize>> {
        if self.needle.is_empty() {
            return Vec::new();
        }
        // Lower-casing can change byte lengths (rare: `İ`), so search char by char.
        let mut out = Vec::new();
        let mut start = 0;
        while start < line.len() {
            let rest = &line[start..];
            let Some(len) = self.prefix_len(rest) else {
                start += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            out.push(start..start + len);
            start += len.max(1);
        }
        out
    }

    /// How many bytes of `s` the query matches at its start, if it does.
    fn prefix_len(&self, s: &str) -> Option<usize> {
        let mut needle = self.needle.chars().peekable();
        for (i, c) in s.char_indices() {
            let want = needle.next()?;
            let ok = if self.fold {
                c.to_lowercase().eq(std::iter::once(want))
            } else {
                c == want
            };
            if !ok {
                return None;
            }
            if needle.peek().is_none() {
                return Some(i + c.len_utf8());
            }
        }
        None
    }
}

/// Every line of `text` that matches `query`, with up to `context` lines either side.
pub fn search(text: &str, query: &Query, context: usize) -> Vec<Match> {
    let lines: Vec<&str> = text.lines().collect();
    let own = |r: std::ops::Range<usize>| r.map(|i| lines[i].to_string()).collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| query.is_match(l))
        .map(|(i, l)| Match {
            line: i + 1,
            text: (*l).to_string(),
            before: own(i.saturating_sub(context)..i),
            after: own(i + 1..(i + 1 + context).min(lines.len())),
        })
        .collect()
}

/// Runs of lines to show for `matches`: overlapping or touching context is merged, as grep
/// does. Each run is `(first line, last line)`, 1-based and inclusive.
pub fn runs(matches: &[Match]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in matches {
        let (lo, hi) = (m.line - m.before.len(), m.line + m.after.len());
        match out.last_mut() {
            Some(last) if lo <= last.1 + 1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// The page `oncall runbook SERVICE --edit` starts from when the service has none yet.
pub fn template(service: &str, description: Option<&str>) -> String {
    let what = description.unwrap_or("What the service does, who depends on it");
    format!(
        "# {service}: runbook

{what}. What \"broken\" looks like to a customer.

## At a glance

- Dashboard: <https://grafana.example.com/d/{service}>
- Logs: `kubectl logs -n {service} deploy/{service} --since=15m`

## First five minutes

1. Acknowledge the page: `oncall ack INCIDENT`.
2. Check the dashboard: error rate, latency, saturation.
3. Try the mitigations below, in order.

## Mitigation

```sh
# the first thing to try
```

## Escalation

Level 2 after 30 minutes without progress: `oncall escalate INCIDENT`.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        assert_eq!(target("ingest"), Target::Name("ingest"));
        assert_eq!(
            target("runbooks/ingest.md"),
            Target::Path("runbooks/ingest.md")
        );
        assert_eq!(target("ingest.md"), Target::Path("ingest.md"));
        assert_eq!(target("../x"), Target::Path("../x"));
        assert_eq!(target(".."), Target::Path(".."));
        assert!(is_plain_name("stream-processing"));
        assert!(!is_plain_name("../etc"));
        assert!(!is_plain_name(".hidden"));
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        assert_eq!(relative_path("runbooks/a.md").unwrap(), "runbooks/a.md");
        assert_eq!(relative_path("./runbooks//a.md").unwrap(), "runbooks/a.md");
        assert_eq!(relative_path("../a.md"), Err(BadPath::ParentDir));
        assert_eq!(
            relative_path("runbooks/../../a.md"),
            Err(BadPath::ParentDir)
        );
        assert_eq!(relative_path("/etc/passwd"), Err(BadPath::Absolute));
        assert_eq!(relative_path("C:/x.md"), Err(BadPath::Absolute));
        assert_eq!(relative_path("a\\..\\b"), Err(BadPath::Backslash));
        assert_eq!(relative_path(""), Err(BadPath::Empty));
        assert_eq!(relative_path("./"), Err(BadPath::Empty));
    }

    #[test]
    fn freshness() {
        let now = DateTime::parse_from_rfc3339("2026-11-24T00:00:00Z")
            .unwrap()
            .to_utc();
        let limit = default_stale_after();
        let f = Freshness::judge(Some(now - Duration::days(181)), false, false, limit, now);
        assert!(f.stale);
        assert_eq!(f.status(), Status::Stale);
        let f = Freshness::judge(Some(now - Duration::days(180)), true, false, limit, now);
        assert!(!f.stale);
        assert_eq!(f.status(), Status::Modified);
        let f = Freshness::judge(None, true, true, limit, now);
        assert_eq!(f.status(), Status::Untracked);
    }

    #[test]
    fn smart_case_search_with_context() {
        let text = "one\ntwo Kafka\nthree\nfour\nfive\nsix kafka\nseven";
        let q = Query::new("kafka");
        let m = search(text, &q, 1);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].line, 2);
        assert_eq!(m[0].before, ["one"]);
        assert_eq!(m[0].after, ["three"]);
        assert_eq!(runs(&m), [(1, 3), (5, 7)]);
        assert_eq!(search(text, &Query::new("Kafka"), 0).len(), 1);
        assert_eq!(runs(&search(text, &q, 2)), [(1, 7)]);
        assert_eq!(q.ranges("Kafka and KAFKA"), [0..5, 10..15]);
        assert_eq!(Query::new("é").ranges("cafÉ é"), [3..5, 6..8]);
    }
}
