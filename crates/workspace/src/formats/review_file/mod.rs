//! The review file: one versioned JSON document holding a workspace (or a slice of it),
//! what colleagues send each other and what the app exports and imports.
//! `docs/review-file.md` describes the format for people; this module is its only reader
//! and writer.
//!
//! - [`Document::from_workspace`] / [`Document::record_store`] convert from and to the
//!   engine's types; [`Document::to_json`] writes the canonical text (records sorted by
//!   key, mappings by signature, scorecard versions by date, 2-space indent, trailing
//!   newline), so the same workspace always gives the same bytes and files diff cleanly.
//! - [`Document::from_json`] (or [`Document::from_bytes`] for a file as read) checks
//!   `format`, then `schema_version` (a newer file is refused with "update CareScore"; an
//!   older one is upgraded by [`migrate`]), then every value, naming the place of the first
//!   problem.
//! - [`merge`] previews and applies a colleague's file; [`select`] cuts a team, agent or
//!   period out of a workspace; [`naming`] proposes a file name.
//!
//! # Keys, and why a record without an id stays without one
//!
//! Every record carries `key` = [`record_key`]: its id, or `#` and the hash of its content.
//! Reading a file back, a record gets exactly the `id` it was written with (none when it
//! had none), and its key is recomputed from the store and must equal the file's `key`.
//! The other choice, storing the key as the id of id-less records, would add an `id`
//! field the source never had (so `record_fields` and the next export would change) while
//! buying nothing: the content hash is a documented, portable function of values that the
//! store keeps exactly (durations are written as the exact `f64` of their `f32`), so
//! recomputing it always gives the written key. Hence export -> import -> export is
//! byte-identical and importing a record never changes its key. A file whose `key` does
//! not match (a value edited by hand after export) is refused, because merges identify
//! records by key; a hand-written file may leave `key` out and it is computed.
//!
//! # Fields
//!
//! `record_fields` lists the canonical fields the records' sources had: a metric on a field
//! not listed is N/A, never 0, so a round trip keeps the list exactly. A record may hold a
//! value only for a listed field (`answered: true`, what a missing `answered` means, is
//! allowed anywhere). Fields derived on import are listed with their inputs, as an import
//! lists them (`resolved_at` brings `resolved` and `resolution_secs`, `first_response_at`
//! brings `first_response_secs`).
//!
//! # Unknown keys are refused
//!
//! At the top level and in records, a key this version does not know is an error naming
//! it, not ignored: new keys come with a new `schema_version` (and a [`migrate`] step), so
//! an unknown key is a typo or another tool's file, and ignoring it would drop data
//! silently on the next export. (Inside `scorecards`, unknown keys are ignored as the
//! scorecard format itself does.)

mod error;
pub mod merge;
pub mod migrate;
pub mod naming;
mod read;
mod record;
pub mod select;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use carescore_engine::field::Field;
use carescore_engine::ingest::Mapping;
use carescore_engine::records::keys::record_key;
use carescore_engine::records::{ContactRecord, FieldSet, RecordStore};
use carescore_engine::scorecard::ScorecardHistory;

pub use error::DocumentError;
pub use merge::{
    apply_merge, preview_merge, Choice, Choices, Conflict, MergePreview, Section, SectionPreview,
};
pub use naming::file_name;
pub use record::{RecordEntry, DATETIME_FORMAT, RECORD_KEYS};
pub use select::Selection;

/// The `format` tag of every review file.
pub const FORMAT: &str = "carescore.review-file";
/// The version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A review file. Build it with [`Document::from_workspace`] or read it with
/// [`Document::from_json`]; its `Deserialize` runs the same checks as `from_json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`SCHEMA_VERSION`] once read (older files are upgraded).
    pub schema_version: u32,
    /// What part of a workspace the file holds.
    pub scope: Scope,
    /// The canonical fields the records' sources had, in canonical order.
    pub record_fields: Vec<Field>,
    /// Sorted by key, one record per key.
    pub records: Vec<RecordEntry>,
    pub scorecards: Option<ScorecardHistory>,
    /// Sorted by signature, one per signature.
    pub mappings: Vec<SavedMapping>,
}

/// What part of a workspace a file holds. JSON: `{"kind": "team", "team": "华东一组",
/// "period": "2026-09"}`; `period` is a label of [`carescore_engine::period`] and may be left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scope {
    Workspace,
    Team {
        team: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period: Option<String>,
    },
    Agent {
        agent: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period: Option<String>,
    },
    Period {
        period: String,
    },
}

impl Scope {
    /// The period label the scope is limited to, if any.
    pub fn period(&self) -> Option<&str> {
        match self {
            Scope::Workspace => None,
            Scope::Team { period, .. } | Scope::Agent { period, .. } => period.as_deref(),
            Scope::Period { period } => Some(period),
        }
    }
}

/// A mapping the workspace remembered for files with these headers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedMapping {
    /// A stable id of the headers, computed by whoever saved it; opaque here.
    pub signature: String,
    pub headers: Vec<String>,
    pub mapping: Mapping,
}

impl Document {
    /// The whole workspace as a review file. Records are keyed by [`record_key`]; if the
    /// store holds two records with one key (imports de-duplicate, so it should not), the
    /// first is kept. Of scorecard versions sharing a date, the one in force is kept.
    pub fn from_workspace(
        store: &RecordStore,
        scorecards: Option<&ScorecardHistory>,
        mappings: &[SavedMapping],
    ) -> Document {
        let mut by_key: BTreeMap<String, RecordEntry> = BTreeMap::new();
        for index in 0..store.len() {
            let key = record_key(store, index);
            if let std::collections::btree_map::Entry::Vacant(slot) = by_key.entry(key) {
                let entry = RecordEntry::new(slot.key().clone(), &store.record(index));
                slot.insert(entry);
            }
        }
        let records: Vec<RecordEntry> = by_key.into_values().collect();
        // A value is proof its field was in the source, even in a store built by hand.
        let mut present = store.present_fields();
        for entry in &records {
            for field in entry.fields_with_values() {
                present.insert(field);
            }
        }
        let mut document = Document {
            format: FORMAT.to_string(),
            schema_version: SCHEMA_VERSION,
            scope: Scope::Workspace,
            record_fields: with_derived(present).iter().collect(),
            records,
            scorecards: scorecards.cloned().map(canonical_history),
            mappings: Vec::new(),
        };
        for mapping in mappings {
            if !document
                .mappings
                .iter()
                .any(|saved| saved.signature == mapping.signature)
            {
                document.mappings.push(mapping.clone());
            }
        }
        document
            .mappings
            .sort_by(|a, b| a.signature.cmp(&b.signature));
        document
    }

    /// The records as a store whose present fields are `record_fields`. Record `i` of the
    /// store is `records[i]`, and its [`record_key`] is `records[i].key`.
    pub fn record_store(&self) -> RecordStore {
        let records: Vec<ContactRecord> = self.records.iter().map(RecordEntry::to_record).collect();
        RecordStore::from_records(&records, Some(self.field_set()))
    }

    /// `record_fields` as a set.
    pub fn field_set(&self) -> FieldSet {
        let mut set = FieldSet::default();
        for &field in &self.record_fields {
            set.insert(field);
        }
        set
    }

    /// The canonical text: the same document always gives the same bytes.
    pub fn to_json(&self) -> String {
        let sorted = self.records.is_sorted_by(|a, b| a.key < b.key)
            && self.mappings.is_sorted_by(|a, b| a.signature < b.signature)
            && self
                .scorecards
                .as_ref()
                .is_none_or(|h| h.versions.is_sorted_by_key(|v| v.effective_from))
            && self.record_fields.is_sorted();
        let mut text = if sorted {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string_pretty(&self.clone().canonical())
        }
        .expect("a document always serialises");
        text.push('\n');
        text
    }

    /// Reads a review file's text. See the module documentation for what is checked.
    pub fn from_json(text: &str) -> Result<Document, DocumentError> {
        read::from_text(text)
    }

    /// Reads a review file as it came from disk: UTF-8 (with or without a byte-order mark)
    /// or UTF-16 with a byte-order mark (what some Windows editors save).
    pub fn from_bytes(bytes: &[u8]) -> Result<Document, DocumentError> {
        read::from_bytes(bytes)
    }

    /// Reads a review file already parsed as JSON.
    pub fn from_value(value: serde_json::Value) -> Result<Document, DocumentError> {
        read::from_value(value)
    }

    /// Sorted and de-duplicated as `to_json` writes it.
    fn canonical(mut self) -> Document {
        self.records.sort_by(|a, b| a.key.cmp(&b.key));
        self.records.dedup_by(|b, a| a.key == b.key);
        self.mappings.sort_by(|a, b| a.signature.cmp(&b.signature));
        self.mappings.dedup_by(|b, a| a.signature == b.signature);
        self.record_fields.sort();
        self.record_fields.dedup();
        self.scorecards = self.scorecards.map(canonical_history);
        self
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Document::from_value(value).map_err(serde::de::Error::custom)
    }
}

/// Adds the fields an import derives from others (see the module documentation).
pub(crate) fn with_derived(mut fields: FieldSet) -> FieldSet {
    if fields.contains(Field::FirstResponseAt) {
        fields.insert(Field::FirstResponseSecs);
    }
    if fields.contains(Field::ResolvedAt) {
        fields.insert(Field::Resolved);
        fields.insert(Field::ResolutionSecs);
    }
    fields
}

/// Versions sorted by date; of several on one date, the one in force (the last) is kept.
pub(crate) fn canonical_history(mut history: ScorecardHistory) -> ScorecardHistory {
    history.versions.sort_by_key(|v| v.effective_from);
    let mut kept: Vec<_> = Vec::with_capacity(history.versions.len());
    for version in history.versions {
        if kept
            .last()
            .is_some_and(|last: &carescore_engine::scorecard::ScorecardVersion| {
                last.effective_from == version.effective_from
            })
        {
            kept.pop();
        }
        kept.push(version);
    }
    history.versions = kept;
    history
}

#[cfg(test)]
mod tests;
