//! Jira, through its REST API: Cloud (v3, descriptions and comments in Atlassian Document
//! Format) and Data Center (v2, wiki markup). Every Jira call in the binary is here: find an
//! incident's ticket by its label, create it (never twice), comment, add labels, and
//! transition it on resolve.

pub mod doc;

use reqwest::Method;
use serde_json::{Value, json};

use crate::schedule::config::JiraFlavor;

use super::http::{ApiError, Http, Policy};
use super::settings::JiraSettings;
use doc::Doc;

const SERVICE: &str = "Jira";

/// A new ticket.
#[derive(Debug, Clone)]
pub struct NewIssue {
    pub summary: String,
    pub description: Doc,
    pub labels: Vec<String>,
    /// Cloud account id, or Data Center user name.
    pub assignee: Option<String>,
}

/// What a transition request did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transitioned {
    /// Moved through the transition with this name.
    Done(String),
    /// No transition by that name nor to a done status; these exist.
    NotAvailable(Vec<String>),
}

/// A Jira site and project.
pub struct Jira {
    http: Http,
    settings: JiraSettings,
}

impl Jira {
    pub fn new(settings: JiraSettings, policy: Policy) -> Result<Jira, ApiError> {
        Ok(Jira {
            http: Http::new(SERVICE, policy)?,
            settings,
        })
    }

    /// The page a person opens for `key`.
    pub fn browse_url(&self, key: &str) -> String {
        format!("{}/browse/{key}", self.settings.url)
    }

    fn api(&self, path: &str) -> String {
        let v = match self.settings.flavor {
            JiraFlavor::Cloud => 3,
            JiraFlavor::Datacenter => 2,
        };
        format!("{}/rest/api/{v}/{path}", self.settings.url)
    }

    fn body(&self, d: &Doc) -> Value {
        match self.settings.flavor {
            JiraFlavor::Cloud => d.to_adf(),
            JiraFlavor::Datacenter => Value::String(d.to_wiki()),
        }
    }

    /// A request safe to repeat (reads, searches, label edits).
    fn send(
        &self,
        op: &str,
        m: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ApiError> {
        let r = self
            .http
            .send(op, m, &self.api(path), &self.settings.auth, body)?;
        r.json(SERVICE, op)
    }

    /// A request that must not happen twice (a comment, a transition): not repeated after a
    /// timeout, see `Http::send_write`.
    fn send_write(&self, op: &str, path: &str, body: &Value) -> Result<Value, ApiError> {
        let r = self.http.send_write(
            op,
            Method::POST,
            &self.api(path),
            &self.settings.auth,
            Some(body),
        )?;
        r.json(SERVICE, op)
    }

    /// The key of the project's oldest issue carrying `label`, if any.
    pub fn find_by_label(&self, label: &str) -> Result<Option<String>, ApiError> {
        let jql = format!(
            "project = \"{}\" AND labels = \"{}\" ORDER BY created ASC",
            jql_escape(&self.settings.config.project),
            jql_escape(label)
        );
        let (path, body) = match self.settings.flavor {
            JiraFlavor::Cloud => (
                "search/jql",
                json!({"jql": jql, "fields": ["summary", "labels"], "maxResults": 1}),
            ),
            JiraFlavor::Datacenter => (
                "search",
                json!({"jql": jql, "fields": ["summary", "labels"], "maxResults": 1, "startAt": 0}),
            ),
        };
        let v = self.send("search for the ticket", Method::POST, path, Some(&body))?;
        Ok(v["issues"]
            .as_array()
            .and_then(|i| i.first())
            .and_then(|i| i["key"].as_str())
            .map(str::to_string))
    }

    fn create_body(&self, issue: &NewIssue) -> Value {
        let c = &self.settings.config;
        let mut labels: Vec<String> = c.labels.iter().map(|l| label(l)).collect();
        for l in &issue.labels {
            let l = label(l);
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        let mut fields = json!({
            "project": {"key": c.project},
            "issuetype": {"name": c.issue_type},
            "summary": one_line(&issue.summary, 255),
            "description": self.body(&issue.description),
            "labels": labels,
        });
        if let Some(a) = &issue.assignee {
            fields["assignee"] = match self.settings.flavor {
                JiraFlavor::Cloud => json!({"accountId": a}),
                JiraFlavor::Datacenter => json!({"name": a}),
            };
        }
        json!({"fields": fields})
    }

    /// The ticket labelled `label`, created from `issue` if there is none. Never creates
    /// twice: it searches before every attempt, so a create that timed out but went through
    /// is found rather than repeated. Returns the key and whether it was created now.
    pub fn ensure(&self, label_: &str, issue: &NewIssue) -> Result<(String, bool), ApiError> {
        let body = self.create_body(issue);
        let mut attempt = 0;
        loop {
            if let Some(key) = self.find_by_label(label_)? {
                return Ok((key, false));
            }
            let created = self
                .http
                .send_once(
                    "create the ticket",
                    Method::POST,
                    &self.api("issue"),
                    &self.settings.auth,
                    Some(&body),
                )
                .and_then(|r| r.json(SERVICE, "create the ticket"));
            match created {
                Ok(v) => {
                    return v["key"]
                        .as_str()
                        .map(|k| (k.to_string(), true))
                        .ok_or_else(|| ApiError::Decode {
                            service: SERVICE,
                            op: "create the ticket".into(),
                            detail: "no `key` in the answer".into(),
                        });
                }
                Err(e) => match self.http.wait_before_retry(attempt, &e) {
                    Some(wait) => {
                        std::thread::sleep(wait);
                        attempt += 1;
                    }
                    None => return Err(e),
                },
            }
        }
    }

    /// Adds a comment; returns its id when Jira says.
    pub fn comment(&self, key: &str, text: &Doc) -> Result<Option<String>, ApiError> {
        let body = json!({"body": self.body(text)});
        self.send_write(
            "comment on the ticket",
            &format!("issue/{key}/comment"),
            &body,
        )
        .map(|v| v["id"].as_str().map(str::to_string))
    }

    /// The page a person opens to see comment `id` on `key`.
    pub fn comment_url(&self, key: &str, id: &str) -> String {
        format!(
            "{}?focusedCommentId={id}#comment-{id}",
            self.browse_url(key)
        )
    }

    /// Adds labels, keeping the ones it has.
    pub fn add_labels(&self, key: &str, labels: &[String]) -> Result<(), ApiError> {
        let ops: Vec<Value> = labels.iter().map(|l| json!({"add": label(l)})).collect();
        let body = json!({"update": {"labels": ops}});
        self.send(
            "label the ticket",
            Method::PUT,
            &format!("issue/{key}"),
            Some(&body),
        )
        .map(|_| ())
    }

    /// Moves the ticket through the configured resolve transition (by name, any case), else
    /// through the first transition to a status in the done category.
    pub fn resolve(&self, key: &str) -> Result<Transitioned, ApiError> {
        let v = self.send(
            "list the ticket's transitions",
            Method::GET,
            &format!("issue/{key}/transitions"),
            None,
        )?;
        let list = v["transitions"].as_array().cloned().unwrap_or_default();
        let wanted = &self.settings.config.resolve_transition;
        let by_name = list.iter().find(|t| {
            t["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(wanted))
        });
        let done = || {
            list.iter()
                .find(|t| t["to"]["statusCategory"]["key"].as_str() == Some("done"))
        };
        let Some(t) = by_name.or_else(done) else {
            let names = list
                .iter()
                .filter_map(|t| t["name"].as_str().map(str::to_string))
                .collect();
            return Ok(Transitioned::NotAvailable(names));
        };
        let id = t["id"].as_str().unwrap_or_default().to_string();
        let name = t["name"].as_str().unwrap_or_default().to_string();
        let body = json!({"transition": {"id": id}});
        self.send_write(
            "resolve the ticket",
            &format!("issue/{key}/transitions"),
            &body,
        )?;
        Ok(Transitioned::Done(name))
    }
}

/// A Jira label: no spaces (Jira refuses them), at most 255 characters.
pub fn label(s: &str) -> String {
    let l: String = s
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect();
    l.chars().take(255).collect()
}

fn jql_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn one_line(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > max {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_summaries_fit_jira() {
        assert_eq!(label(" stream processing "), "stream-processing");
        assert_eq!(one_line("a\nb   c", 255), "a b c");
        assert_eq!(one_line(&"x".repeat(300), 255).chars().count(), 255);
        assert_eq!(jql_escape(r#"a"b"#), r#"a\"b"#);
    }
}
