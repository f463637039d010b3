//! A conflict's differing fields side by side, as text a person reads: the two items are
//! flattened to their leaf values (`answers.csat`, `eligibility.min_contacts`,
//! `scorecard.dimensions[1].weight`) and only the leaves that differ are kept.

use serde::Serialize;
use serde_json::Value;

use super::FieldDiff;

/// The fields where `mine` and `theirs` differ: `mine`'s fields (keys in alphabetical
/// order, list items in theirs), then fields only `theirs` has. `root` names a value that is not an object (`anonymity_k`).
pub(crate) fn field_diffs<T: Serialize>(mine: &T, theirs: &T, root: &str) -> Vec<FieldDiff> {
    let mine = leaves(mine, root);
    let theirs = leaves(theirs, root);
    let mut diffs: Vec<FieldDiff> = Vec::new();
    for (field, value) in &mine {
        let other = theirs.iter().find(|(f, _)| f == field).map(|(_, v)| v);
        if other != Some(value) {
            diffs.push(FieldDiff {
                field: field.clone(),
                mine: Some(value.clone()),
                theirs: other.cloned(),
            });
        }
    }
    for (field, value) in &theirs {
        if !mine.iter().any(|(f, _)| f == field) {
            diffs.push(FieldDiff {
                field: field.clone(),
                mine: None,
                theirs: Some(value.clone()),
            });
        }
    }
    diffs
}

/// Every leaf of `item` as (path, text); `null` leaves are left out (missing).
fn leaves<T: Serialize>(item: &T, root: &str) -> Vec<(String, String)> {
    let value = serde_json::to_value(item).expect("merge items always serialise");
    let mut out = Vec::new();
    match &value {
        Value::Object(object) if !object.is_empty() => {
            for (key, inner) in object {
                walk(inner, key.clone(), &mut out);
            }
        }
        other => walk(other, root.to_string(), &mut out),
    }
    out
}

fn walk(value: &Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(flag) => out.push((path, flag.to_string())),
        Value::Number(number) => out.push((path, plain_number(number))),
        Value::String(text) => out.push((path, text.clone())),
        Value::Array(items) if items.is_empty() => out.push((path, "(none)".into())),
        Value::Object(object) if object.is_empty() => out.push((path, "(none)".into())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{index}]"), out);
            }
        }
        Value::Object(object) => {
            for (key, item) in object {
                walk(item, format!("{path}.{key}"), out);
            }
        }
    }
}

/// A number as people write it: `3`, not `3.0`, for a whole float.
fn plain_number(number: &serde_json::Number) -> String {
    match number.as_f64() {
        Some(value) if number.is_f64() && value.fract() == 0.0 && value.abs() < 1e15 => {
            format!("{}", value as i64)
        }
        _ => number.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_differing_leaves_are_listed_with_readable_values() {
        let mine = json!({"id": "a", "answers": {"csat": 4.0, "comment": "ok"}, "tags": ["x"]});
        let theirs = json!({"id": "a", "answers": {"csat": 2}, "tags": ["x", "y"], "new": true});
        let diffs = field_diffs(&mine, &theirs, "item");
        let shown: Vec<(&str, Option<&str>, Option<&str>)> = diffs
            .iter()
            .map(|d| (d.field.as_str(), d.mine.as_deref(), d.theirs.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                ("answers.comment", Some("ok"), None),
                ("answers.csat", Some("4"), Some("2")),
                ("new", None, Some("true")),
                ("tags[1]", None, Some("y")),
            ]
        );
        let k = field_diffs(&3u32, &5u32, "anonymity_k");
        assert_eq!(k[0].field, "anonymity_k");
        assert_eq!(
            (k[0].mine.as_deref(), k[0].theirs.as_deref()),
            (Some("3"), Some("5"))
        );
    }
}
