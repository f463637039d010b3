//! The saved state: a [`Workspace`] as IndexedDB keeps it (`meta`), everything but the
//! records, which are saved beside it as a snapshot blob. Versioned JSON, read through a
//! chain of upgrades, never trusted. Pure Rust, tested natively.
//!
//! - [`to_json`] writes the current version ([`SAVED_STATE_VERSION`], layout in [`v2`]).
//! - [`from_json`] reads any version: a newer one is [`SavedStateError::Newer`] ("saved by
//!   a newer version of CareScore (v3): reload the page or update"), an older one walks
//!   [`CHAIN`], anything else is [`SavedStateError::Unreadable`] with the reason. The
//!   workspace it returns has no records: the caller attaches the snapshot.
//!
//! Versions:
//! - 0 (before IndexedDB): nothing but a `carescore.workspace.cleared` flag in
//!   localStorage; the app still honours it when no state is saved.
//! - 1 ([`v1`], frozen): keys added one by one while staying version 1, an absent key
//!   meaning a default; an older build met a newer state's unknown key and called it
//!   unreadable. Fixtures of each of its shapes are in
//!   `crates/workspace/tests/fixtures/saved_state/v1-*.json`.
//! - 2 ([`v2`], current): the same slices under the same names as the workspace (and the
//!   review file's version 2 sections), every key required and every unknown one refused.
//!
//! Policy: any change to the written bytes' shape, here or in any nested type (a scorecard,
//! an award rule, a survey, an appeal), bumps the version with one step in [`STEPS`] and a
//! committed fixture of the old version. The golden test in `tests/saved_state.rs` fails on
//! a silent change. The key `saved_state_version` is never renamed: every older build
//! looks for it to say "newer" rather than "unreadable".

pub mod v1;
pub mod v2;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::versioning::{newer_message, Chain, Step, VersionError};
use crate::Workspace;

/// `STEPS[i]` upgrades version `i + 1` to `i + 2`.
pub const STEPS: &[Step] = &[v1::to_v2];

/// The saved state's version key and upgrades.
pub const CHAIN: Chain = Chain::new("saved_state_version", STEPS);

/// The layout written now, and the newest read.
pub const SAVED_STATE_VERSION: u32 = CHAIN.current();

/// Where the records came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SavedOrigin {
    /// The generated demo: its records are not saved, they are generated again.
    Demo,
    /// Imported files (or a review file); the records are saved.
    Imported,
    /// Nothing: the user cleared the workspace.
    Empty,
}

/// One applied import, as the Data page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportLog {
    pub file: String,
    pub rows_read: usize,
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub rejected: usize,
}

/// Why a saved state was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedStateError {
    /// Written by a newer CareScore (a stale cached page met a newer build's save). The
    /// state is intact and must not be overwritten: a reload brings the newer build.
    Newer { version: u64 },
    /// Not a saved state this build can read; the reason says what is wrong, and where.
    Unreadable(String),
}

impl std::fmt::Display for SavedStateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SavedStateError::Newer { version } => write!(f, "{}", newer_message(*version)),
            SavedStateError::Unreadable(reason) => write!(f, "{reason}"),
        }
    }
}

impl std::error::Error for SavedStateError {}

impl From<VersionError> for SavedStateError {
    fn from(error: VersionError) -> Self {
        match error {
            VersionError::Newer { version } => SavedStateError::Newer { version },
            other => SavedStateError::Unreadable(other.to_string()),
        }
    }
}

/// The saved state of `work` (its records are not written): the current version.
pub fn to_json(work: &Workspace) -> String {
    v2::write(work)
}

/// Reads a saved state of any version this build knows, checked as an import would be.
/// The workspace has no records.
pub fn from_json(text: &str) -> Result<Workspace, SavedStateError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| SavedStateError::Unreadable(format!("not valid JSON: {e}")))?;
    let (current, _) = CHAIN.to_current(value)?;
    v2::read(current).map_err(SavedStateError::Unreadable)
}
