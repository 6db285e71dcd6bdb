//! What the Jira Cloud OpenAPI schemas cannot say but Jira enforces: required create fields,
//! one-line summaries, labels without spaces, Atlassian Document Format bodies on Cloud and
//! wiki strings on Data Center, assignee shapes, transition ids, a JQL query.

use serde_json::Value;

use super::jira::Flavor;

pub fn semantics(flavor: Flavor, op: &str, body: &Value) -> Vec<String> {
    let mut p = Vec::new();
    let rich = |v: &Value, what: &str, p: &mut Vec<String>| match flavor {
        Flavor::Cloud => adf(v, what, p),
        Flavor::Datacenter => {
            if !v.is_string() {
                p.push(format!("{what}: Data Center wants wiki text, got {v}"));
            }
        }
    };
    match op {
        "createIssue" => {
            let f = &body["fields"];
            for k in ["project", "issuetype", "summary"] {
                if f.get(k).is_none() {
                    p.push(format!("fields.{k} is required to create an issue"));
                }
            }
            match f["summary"].as_str() {
                Some(s) if s.contains('\n') || s.chars().count() > 255 || s.is_empty() => {
                    p.push("summary must be one line of 1-255 characters".into());
                }
                Some(_) => {}
                None => p.push("summary must be a string".into()),
            }
            rich(&f["description"], "fields.description", &mut p);
            labels(f.get("labels"), &mut p);
            if let Some(a) = f.get("assignee") {
                let key = if flavor == Flavor::Cloud {
                    "accountId"
                } else {
                    "name"
                };
                if a.get(key).is_none() {
                    p.push(format!("assignee needs `{key}`"));
                }
            }
        }
        "addComment" => rich(&body["body"], "body", &mut p),
        "editIssue" => {
            if let Some(ops) = body.pointer("/update/labels").and_then(Value::as_array) {
                for o in ops {
                    if o["add"]
                        .as_str()
                        .is_none_or(|l| l.contains(' ') || l.is_empty())
                    {
                        p.push(format!("label operation {o} is not a label without spaces"));
                    }
                }
            }
        }
        "doTransition"
            if body
                .pointer("/transition/id")
                .and_then(Value::as_str)
                .is_none() =>
        {
            p.push("transition.id is required".into());
        }
        "searchAndReconsileIssuesUsingJqlPost" | "searchDc"
            if body["jql"].as_str().is_none_or(str::is_empty) =>
        {
            p.push("jql is required".into());
        }
        _ => {}
    }
    p
}

fn labels(v: Option<&Value>, p: &mut Vec<String>) {
    let Some(v) = v else { return };
    match v.as_array() {
        Some(list) => {
            for l in list {
                if l.as_str()
                    .is_none_or(|s| s.is_empty() || s.contains(char::is_whitespace))
                {
                    p.push(format!("label {l} must be a string without spaces"));
                }
            }
        }
        None => p.push("labels must be an array".into()),
    }
}

/// Atlassian Document Format: the nodes the client may send.
fn adf(v: &Value, what: &str, p: &mut Vec<String>) {
    if v["type"] != "doc" || v["version"] != 1 || !v["content"].is_array() {
        p.push(format!(
            "{what}: not an ADF doc (type doc, version 1, content)"
        ));
        return;
    }
    fn node(n: &Value, at: &str, p: &mut Vec<String>) {
        let kids = n["content"].as_array();
        match n["type"].as_str() {
            Some("paragraph" | "bulletList" | "listItem") => {
                for (i, c) in kids.into_iter().flatten().enumerate() {
                    node(c, &format!("{at}.content[{i}]"), p);
                }
            }
            Some("text") => {
                if n["text"].as_str().is_none_or(str::is_empty) {
                    p.push(format!("{at}: ADF text nodes must have non-empty text"));
                }
                for m in n["marks"].as_array().into_iter().flatten() {
                    match m["type"].as_str() {
                        Some("strong" | "em" | "code") => {}
                        Some("link") if m.pointer("/attrs/href").is_some_and(Value::is_string) => {}
                        _ => p.push(format!("{at}: unexpected mark {m}")),
                    }
                }
            }
            _ => p.push(format!("{at}: unexpected ADF node {}", n["type"])),
        }
    }
    for (i, c) in v["content"].as_array().into_iter().flatten().enumerate() {
        node(c, &format!("{what}.content[{i}]"), p);
    }
}
