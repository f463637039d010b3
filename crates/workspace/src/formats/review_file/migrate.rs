//! Upgrading older review files: a chain of steps, each turning the JSON of version N into
//! version N + 1, so a file of any older version is read by walking the chain.
//!
//! Policy: every change to the file's shape (a new key, a renamed one, a new section such
//! as reviews or improvement plans) bumps [`SCHEMA_VERSION`] and adds one step here, plus a
//! committed fixture of the old version in `tests/fixtures/review_file/` that must keep
//! loading. Steps work on plain JSON values, not on today's types, so an old step never
//! has to change when the types do.

use serde_json::Value;

use super::error::DocumentError;
use super::SCHEMA_VERSION;

/// One upgrade: the JSON of version N in, the JSON of version N + 1 out (or why not).
pub type Step = fn(Value) -> Result<Value, String>;

/// `STEPS[i]` upgrades version `i + 1` to `i + 2`.
pub const STEPS: &[Step] = &[v1_to_v2];

/// The sections version 2 added.
const ADDED_IN_V2: [&str; 5] = ["imports", "awards", "feedback", "actions", "scheme_review"];

/// Version 1 to 2: version 2 added optional sections (imports, awards, feedback, actions,
/// the scheme review). A version 1 file has none of them and stays as it is: an absent
/// section means "this file says nothing about it", so merging an old file never empties
/// the recipient's forms or plans. A file that says version 1 but holds one of them was
/// not written by a version 1 CareScore, and is refused rather than half-trusted.
pub fn v1_to_v2(value: Value) -> Result<Value, String> {
    let object = value.as_object().ok_or("a review file is a JSON object")?;
    if let Some(key) = ADDED_IN_V2.iter().find(|key| object.contains_key(**key)) {
        return Err(format!(
            "a version 1 file has no `{key}` (it came with version 2); set \"schema_version\" \
             to 2 if the file was written for version 2"
        ));
    }
    Ok(value)
}

/// Upgrades a file of version `from` (1 ..= [`SCHEMA_VERSION`]) to the current version.
pub fn to_current(value: Value, from: u32) -> Result<Value, DocumentError> {
    debug_assert_eq!(STEPS.len() as u32 + 1, SCHEMA_VERSION);
    migrate_with(value, from, STEPS)
}

/// Walks `steps` from version `from` to `steps.len() + 1`, setting `schema_version` after
/// each step so a step never has to.
fn migrate_with(mut value: Value, from: u32, steps: &[Step]) -> Result<Value, DocumentError> {
    let last = steps.len() as u32 + 1;
    for version in from.max(1)..last {
        value = steps[(version - 1) as usize](value).map_err(|reason| {
            DocumentError::invalid(
                format!(
                    "upgrading this version {from} file (step {version} to {})",
                    version + 1
                ),
                reason,
            )
        })?;
        if let Value::Object(object) = &mut value {
            object.insert("schema_version".into(), Value::from(version + 1));
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A made-up version 2 that renamed `records` to `contacts`.
    fn rename_records(mut value: Value) -> Result<Value, String> {
        let object = value.as_object_mut().ok_or("not an object")?;
        let records = object.remove("records").ok_or("no records")?;
        object.insert("contacts".into(), records);
        Ok(value)
    }

    /// A made-up version 3 that added an empty `reviews` section.
    fn add_reviews(mut value: Value) -> Result<Value, String> {
        value["reviews"] = json!([]);
        Ok(value)
    }

    #[test]
    fn the_chain_runs_every_step_from_the_file_version() {
        let steps: [Step; 2] = [rename_records, add_reviews];
        let v1 = json!({"schema_version": 1, "records": [1, 2]});
        let current = migrate_with(v1, 1, &steps).unwrap();
        assert_eq!(
            current,
            json!({"schema_version": 3, "contacts": [1, 2], "reviews": []})
        );
        let v2 = json!({"schema_version": 2, "contacts": []});
        let current = migrate_with(v2, 2, &steps).unwrap();
        assert_eq!(
            current,
            json!({"schema_version": 3, "contacts": [], "reviews": []})
        );
        let v3 = json!({"schema_version": 3});
        assert_eq!(migrate_with(v3.clone(), 3, &steps).unwrap(), v3);
    }

    #[test]
    fn a_failing_step_names_the_versions() {
        let steps: [Step; 1] = [rename_records];
        let error = migrate_with(json!({"schema_version": 1}), 1, &steps).unwrap_err();
        assert_eq!(
            error.to_string(),
            "upgrading this version 1 file (step 1 to 2): no records"
        );
    }

    #[test]
    fn version_1_becomes_version_2_saying_nothing_of_the_new_sections() {
        assert_eq!(STEPS.len() as u32 + 1, SCHEMA_VERSION);
        let v1 = json!({"schema_version": 1, "records": [], "mappings": []});
        assert_eq!(
            to_current(v1, 1).unwrap(),
            json!({"schema_version": 2, "records": [], "mappings": []})
        );
        let v2 = json!({"schema_version": 2, "feedback": null});
        assert_eq!(to_current(v2.clone(), 2).unwrap(), v2);
        let forged = json!({"schema_version": 1, "actions": []});
        let error = to_current(forged, 1).unwrap_err().to_string();
        assert!(
            error.starts_with(
                "upgrading this version 1 file (step 1 to 2): a version 1 file has no `actions`"
            ),
            "{error}"
        );
    }
}
