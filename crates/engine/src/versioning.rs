//! Versioned JSON formats: check the version, refuse a newer one, walk the chain of
//! upgrades. One piece for every JSON format CareScore reads (the scorecard here; the saved
//! state, form files and review files in carescore-workspace, which re-exports this as
//! `formats::versioning`). It lives in the engine because the scorecard format does, and
//! the engine cannot depend on the workspace crate.
//!
//! A format declares a [`Chain`]: the key holding its version and its upgrade steps. The
//! current version is the number of steps plus one, so a version cannot be bumped without
//! a step, nor a step added without a bump. Steps work on plain JSON, never on today's
//! types, so an old step never has to change when the types do.

use std::fmt;

use serde_json::Value;

/// One upgrade: the JSON of version N in, the JSON of version N + 1 out (or why not).
pub type Step = fn(Value) -> Result<Value, String>;

/// A format's version key and its chain of upgrades.
#[derive(Clone, Copy, Debug)]
pub struct Chain {
    /// The key holding the version (`schema_version`, `saved_state_version`, ...). It is
    /// never renamed: an older build looks for it to recognise a newer document.
    pub key: &'static str,
    /// `steps[i]` upgrades version `i + 1` to `i + 2`.
    pub steps: &'static [Step],
}

/// Why a document's version cannot be read or upgraded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionError {
    /// The document is not a JSON object.
    NotAnObject,
    /// The version key is absent.
    Missing { key: &'static str },
    /// The version is not a whole number from 1 (the JSON found, as text).
    Invalid { key: &'static str, found: String },
    /// Written by a newer CareScore: nothing in it is looked at.
    Newer { version: u64 },
    /// An upgrade step refused the document.
    Step { from: u32, to: u32, reason: String },
}

/// What every format says of a newer document, in the same words.
pub fn newer_message(version: u64) -> String {
    format!("saved by a newer version of CareScore (v{version}): reload the page or update")
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionError::NotAnObject => write!(f, "not a JSON object"),
            VersionError::Missing { key } => write!(f, "no `{key}`: every version says it"),
            VersionError::Invalid { key, found } => {
                write!(f, "`{key}` is {found}, not a version number")
            }
            VersionError::Newer { version } => write!(f, "{}", newer_message(*version)),
            VersionError::Step { from, to, reason } => {
                write!(f, "upgrading from version {from} to {to}: {reason}")
            }
        }
    }
}

impl std::error::Error for VersionError {}

impl Chain {
    pub const fn new(key: &'static str, steps: &'static [Step]) -> Chain {
        Chain { key, steps }
    }

    /// The version this build writes, and the newest it reads.
    pub const fn current(&self) -> u32 {
        self.steps.len() as u32 + 1
    }

    /// The document's version, refusing a newer one before anything else is looked at.
    pub fn version_of(&self, value: &Value) -> Result<u32, VersionError> {
        let object = value.as_object().ok_or(VersionError::NotAnObject)?;
        let found = object
            .get(self.key)
            .ok_or(VersionError::Missing { key: self.key })?;
        match found.as_u64() {
            Some(version) if version > u64::from(self.current()) => {
                Err(VersionError::Newer { version })
            }
            Some(version @ 1..) => Ok(version as u32),
            _ => Err(VersionError::Invalid {
                key: self.key,
                found: found.to_string(),
            }),
        }
    }

    /// Upgrades a document of version `from` to the current version, setting the version
    /// key after each step so a step never has to.
    pub fn upgrade(&self, mut value: Value, from: u32) -> Result<Value, VersionError> {
        for version in from.max(1)..self.current() {
            let step = self.steps[(version - 1) as usize];
            value = step(value).map_err(|reason| VersionError::Step {
                from: version,
                to: version + 1,
                reason,
            })?;
            if let Value::Object(object) = &mut value {
                object.insert(self.key.into(), Value::from(version + 1));
            }
        }
        Ok(value)
    }

    /// [`Chain::version_of`] then [`Chain::upgrade`]: the document as the current version,
    /// and the version it was written in.
    pub fn to_current(&self, value: Value) -> Result<(Value, u32), VersionError> {
        let from = self.version_of(&value)?;
        Ok((self.upgrade(value, from)?, from))
    }
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

    const THREE: Chain = Chain::new("v", &[rename_records, add_reviews]);

    #[test]
    fn the_chain_runs_every_step_from_the_document_version() {
        assert_eq!(THREE.current(), 3);
        let (v3, from) = THREE.to_current(json!({"v": 1, "records": [1]})).unwrap();
        assert_eq!(from, 1);
        assert_eq!(v3, json!({"v": 3, "contacts": [1], "reviews": []}));
        let (v3, from) = THREE.to_current(json!({"v": 2, "contacts": []})).unwrap();
        assert_eq!(from, 2);
        assert_eq!(v3, json!({"v": 3, "contacts": [], "reviews": []}));
        let current = json!({"v": 3, "x": 1});
        assert_eq!(THREE.to_current(current.clone()).unwrap(), (current, 3));
    }

    #[test]
    fn a_newer_document_is_refused_in_the_shared_words() {
        let error = THREE.to_current(json!({"v": 4})).unwrap_err();
        assert_eq!(error, VersionError::Newer { version: 4 });
        assert_eq!(
            error.to_string(),
            "saved by a newer version of CareScore (v4): reload the page or update"
        );
    }

    #[test]
    fn missing_odd_and_failing_versions_say_why() {
        let missing = THREE.version_of(&json!({"records": []})).unwrap_err();
        assert_eq!(missing.to_string(), "no `v`: every version says it");
        for odd in [json!(0), json!("2"), json!(1.5), json!(-1)] {
            let error = THREE.version_of(&json!({ "v": odd })).unwrap_err();
            assert!(matches!(error, VersionError::Invalid { .. }), "{odd}");
        }
        assert_eq!(
            THREE.version_of(&json!([1])),
            Err(VersionError::NotAnObject)
        );
        let failed = THREE.to_current(json!({"v": 1})).unwrap_err();
        assert_eq!(
            failed.to_string(),
            "upgrading from version 1 to 2: no records"
        );
    }
}
