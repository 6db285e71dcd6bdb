//! A JSON-schema subset validator over OpenAPI 3 component schemas: `$ref`, `allOf`, `type`,
//! `properties`, `required`, `additionalProperties`, `items`, `enum`, `nullable`, and
//! `readOnly` (a read-only property sent in a request is an error). Enough to hold the client
//! to the Jira Cloud OpenAPI subset without a crate.

use serde_json::Value;

/// Checks `value` against `schema`; returns every problem found, each with its JSON path.
pub fn validate(spec: &Value, schema: &Value, value: &Value, request: bool) -> Vec<String> {
    let mut errors = Vec::new();
    check(spec, schema, value, "$", request, &mut errors);
    errors
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let path = r.trim_start_matches("#/").split('/');
            let mut cur = spec;
            for p in path {
                cur = &cur[p];
            }
            assert!(!cur.is_null(), "unresolvable $ref {r}");
            resolve(spec, cur)
        }
        None => schema,
    }
}

fn check(
    spec: &Value,
    schema: &Value,
    v: &Value,
    at: &str,
    request: bool,
    errors: &mut Vec<String>,
) {
    let schema = resolve(spec, schema);
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            check(spec, s, v, at, request, errors);
        }
    }
    if v.is_null() {
        if !schema["nullable"].as_bool().unwrap_or(false) && schema.get("type").is_some() {
            errors.push(format!("{at}: null is not allowed"));
        }
        return;
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            _ => true,
        };
        if !ok {
            errors.push(format!("{at}: expected {t}, got {v}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errors.push(format!("{at}: {v} is not one of {e:?}"));
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        if let Some(req) = schema.get("required").and_then(Value::as_array) {
            for r in req.iter().filter_map(Value::as_str) {
                if !obj.contains_key(r) {
                    errors.push(format!("{at}: missing required `{r}`"));
                }
            }
        }
        for (k, val) in obj {
            let here = format!("{at}.{k}");
            match props.and_then(|p| p.get(k)) {
                Some(ps) => {
                    let resolved = resolve(spec, ps);
                    if request
                        && (ps["readOnly"].as_bool() == Some(true)
                            || resolved["readOnly"].as_bool() == Some(true))
                    {
                        errors.push(format!("{here}: read-only, must not be sent"));
                    }
                    check(spec, ps, val, &here, request, errors);
                }
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => errors.push(format!("{here}: unknown property")),
                    Some(s @ Value::Object(_)) => check(spec, s, val, &here, request, errors),
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            check(spec, items, x, &format!("{at}[{i}]"), request, errors);
        }
    }
}

#[test]
fn the_validator_catches_what_it_should() {
    let spec: Value = serde_json::from_str(include_str!(
        "../../fixtures/jira-cloud-openapi-subset.json"
    ))
    .unwrap();
    let bean = serde_json::json!({"$ref": "#/components/schemas/SearchAndReconcileRequestBean"});
    assert!(
        validate(
            &spec,
            &bean,
            &serde_json::json!({"jql": "x", "maxResults": 1}),
            true
        )
        .is_empty()
    );
    let bad = validate(
        &spec,
        &bean,
        &serde_json::json!({"jql": 5, "startAt": 0}),
        true,
    );
    assert_eq!(bad.len(), 2, "{bad:?}");
    let created = serde_json::json!({"$ref": "#/components/schemas/CreatedIssue"});
    let resp: Value = serde_json::from_str(include_str!(
        "../../fixtures/jira-create-issue-response.json"
    ))
    .unwrap();
    assert!(validate(&spec, &created, &resp, false).is_empty());
    assert!(
        !validate(&spec, &created, &resp, true).is_empty(),
        "read-only in a request"
    );
}
