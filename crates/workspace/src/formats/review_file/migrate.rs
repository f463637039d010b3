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
use crate::formats::versioning::{Chain, Step, VersionError};

/// `STEPS[i]` upgrades version `i + 1` to `i + 2`.
pub const STEPS: &[Step] = &[v1_to_v2];

/// The review file's version key and upgrades: the current version is the number of steps
/// plus one ([`super::SCHEMA_VERSION`]).
pub const CHAIN: Chain = Chain::new("schema_version", STEPS);

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

/// Upgrades a file of version `from` (1 ..= [`super::SCHEMA_VERSION`]) to the current
/// version, through the chain every JSON format shares.
pub fn to_current(value: Value, from: u32) -> Result<Value, DocumentError> {
    CHAIN.upgrade(value, from).map_err(|error| match error {
        VersionError::Step {
            from: step,
            to,
            reason,
        } => DocumentError::invalid(
            format!("upgrading this version {from} file (step {step} to {to})"),
            reason,
        ),
        other => DocumentError::invalid("schema_version", other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn version_1_becomes_version_2_saying_nothing_of_the_new_sections() {
        assert_eq!(CHAIN.current(), super::super::SCHEMA_VERSION);
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
