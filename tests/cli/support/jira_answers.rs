//! The loopback Jira's documented answers: 201 + CreatedIssue on create, search results by
//! label, Comment on comment, 204 on edit and transition, the spec's Transitions example plus
//! a `Done` transition to a done-category status.

use serde_json::{Value, json};

use super::jira::{Flavor, Issue, State};

fn quoted_after<'a>(jql: &'a str, key: &str) -> Option<&'a str> {
    let rest = &jql[jql.find(key)? + key.len()..];
    let rest = rest
        .trim_start()
        .strip_prefix('=')?
        .trim_start()
        .strip_prefix('"')?;
    rest.split('"').next()
}

pub(super) fn behave(st: &mut State, op: &str, path: &str, body: &Value) -> (u16, Value) {
    let key_in_path = path.split('/').nth(5).unwrap_or_default().to_string();
    let base = st.base.clone();
    let v = if st.flavor == Flavor::Cloud { 3 } else { 2 };
    match op {
        "createIssue" => {
            let key = format!("OPS-{}", st.issues.len() + 1);
            let id = (10000 + st.issues.len()).to_string();
            let labels = body["fields"]["labels"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            st.issues.push(Issue {
                key: key.clone(),
                fields: body["fields"].clone(),
                labels,
                comments: vec![],
                transitions: vec![],
            });
            (
                201,
                json!({"id": id, "key": key, "self": format!("{base}/rest/api/{v}/issue/{id}")}),
            )
        }
        "searchAndReconsileIssuesUsingJqlPost" | "searchDc" => {
            let jql = body["jql"].as_str().unwrap_or_default();
            let label = quoted_after(jql, "labels").unwrap_or_default();
            let found: Vec<Value> = st
                .issues
                .iter()
                .filter(|i| i.labels.iter().any(|l| l == label))
                .take(body["maxResults"].as_u64().unwrap_or(50) as usize)
                .map(|i| json!({"id": "10000", "key": i.key, "fields": {"labels": i.labels}}))
                .collect();
            if op == "searchDc" {
                (
                    200,
                    json!({"startAt": 0, "maxResults": 1, "total": found.len(), "issues": found}),
                )
            } else {
                (200, json!({"issues": found, "isLast": true}))
            }
        }
        "addComment" => {
            let Some(i) = st.issues.iter_mut().find(|i| i.key == key_in_path) else {
                return (
                    404,
                    json!({"errorMessages": ["Issue does not exist"], "errors": {}}),
                );
            };
            i.comments.push(body["body"].clone());
            let mut c: Value = serde_json::from_str(include_str!(
                "../../fixtures/jira-add-comment-response.json"
            ))
            .unwrap();
            c["body"] = body["body"].clone();
            (201, c)
        }
        "editIssue" => {
            let Some(i) = st.issues.iter_mut().find(|i| i.key == key_in_path) else {
                return (
                    404,
                    json!({"errorMessages": ["Issue does not exist"], "errors": {}}),
                );
            };
            for o in body
                .pointer("/update/labels")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(l) = o["add"].as_str() {
                    i.labels.push(l.to_string());
                }
            }
            (204, Value::Null)
        }
        "getTransitions" => {
            let mut t: Value = serde_json::from_str(include_str!(
                "../../fixtures/jira-get-transitions-response.json"
            ))
            .unwrap();
            t["transitions"].as_array_mut().unwrap().push(json!({
                "id": "31", "name": "Done", "hasScreen": false, "isAvailable": true,
                "to": {"id": "10002", "name": "Done", "statusCategory": {"id": 3, "key": "done", "name": "Done"}}
            }));
            (200, t)
        }
        "doTransition" => {
            let id = body
                .pointer("/transition/id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if !["2", "711", "31"].contains(&id.as_str()) {
                return (
                    400,
                    json!({"errorMessages": [format!("no transition {id}")], "errors": {}}),
                );
            }
            let Some(i) = st.issues.iter_mut().find(|i| i.key == key_in_path) else {
                return (
                    404,
                    json!({"errorMessages": ["Issue does not exist"], "errors": {}}),
                );
            };
            i.transitions.push(id);
            (204, Value::Null)
        }
        other => {
            st.errors.push(format!(
                "the client called {other}, which it has no reason to"
            ));
            (400, json!({"errorMessages": ["unexpected"], "errors": {}}))
        }
    }
}
