//! The review file: one versioned JSON document holding a workspace (or a slice of it),
//! what colleagues send each other and what the app exports and imports as a backup.
//! `docs/review-file.md` describes the format for people; this module is its only reader
//! and writer. Version 2 carries every slice of a [`Workspace`]: records, scorecards,
//! mappings, imports, awards, feedback (surveys, QA reviews, 360 reviews, `anonymity_k`,
//! appeals), actions and the scheme review.
//!
//! # API (for the app, the CLI and tests)
//!
//! - Export: [`Document::from_workspace`]`(&Workspace)` (every section, peers anonymised),
//!   optionally [`Document::select`]`(&`[`Selection`]`)` for a team / agent / period, then
//!   [`Document::to_json`] (canonical text) and [`file_name`]`(&document.scope, today)`.
//! - Import: [`Document::from_bytes`] (a file as read from disk) or [`Document::from_json`];
//!   an error is a [`DocumentError`] whose text names the JSON path of the problem, and
//!   [`DocumentError::is_newer_version`] tells a file from a newer CareScore ("saved by a
//!   newer version of CareScore (v3): reload the page or update") from a broken one.
//! - Merge: [`preview_merge`]`(&Workspace, &Document) -> `[`MergePreview`]: per
//!   [`Section`] (see [`Section::ALL`] for the display order and [`Section::token`] for
//!   locale keys), a [`SectionPreview`] with the ids `added`, the `unchanged` count and the
//!   [`Conflict`]s, each listing its differing fields as [`FieldDiff`] `{field, mine,
//!   theirs}` texts; [`MergePreview::speaks_about`] says whether the file holds a section
//!   at all, and [`MergePreview::replaces_demo`] that the file's records will replace the
//!   demo's. Then [`apply_merge`]`(&Workspace, &Document, &`[`Choices`]`) -> Workspace`, with
//!   [`Choices::set`]`(section, id, `[`Choice`]`)` per conflict, or
//!   [`Choices::take_all_theirs`] / [`Choices::keep_all_mine`]. The result is the new work
//!   to save; its records are the same `Arc` when the file changed none.
//! - Open as the only work (the CLI, a restore into an empty browser):
//!   [`Document::to_workspace`].
//!
//! # Absent and empty
//!
//! `records`, `record_fields` and `mappings` are required, as in version 1. Every section
//! version 2 added (`imports`, `awards`, `feedback`, `actions`, `scheme_review`) is an
//! optional key: **absent** (or `null`) means "this file says nothing about it" (a
//! version 1 file, a hand-written one, a slice's `imports`), and a merge leaves the
//! recipient's as it is; **present and empty** (`[]`) means "there are none here", which a
//! merge also never turns into deletions (merges only add and replace) but
//! [`Document::to_workspace`] takes literally (no award rules at all, rather than the
//! built-in ones). CareScore writes every section of a whole workspace; a slice writes all
//! but `imports`. Inside `feedback` every key is required.
//!
//! # Peers are anonymous in every file
//!
//! See [`anonymity`]: a peer 360 review is written without its rater, under a pseudonym
//! per subject and period (`peer-1`, ...), and the peer reviews of a subject and period
//! with fewer than `anonymity_k` distinct peers are not written at all (nor the appeals
//! on them). Reading refuses a file that breaks either rule.
//!
//! # Canonical form
//!
//! The same workspace always gives the same bytes: records sorted by key, mappings by
//! signature, scorecard versions by date, surveys, QA reviews, 360 reviews and appeals by
//! id; awards and actions keep the user's order (it is what the pages show), the import
//! log and the reviews held stay oldest first. 2-space indent, trailing newline.
//!
//! [`Document::from_json`] checks `format`, then `schema_version` (a newer file is refused
//! before anything else is read; an older one is upgraded by [`migrate`]), then every
//! value: records as below, scorecards validated, award rules, actions and the review
//! cycle as the saved state checks them, and answers against their forms with the engine's
//! form validation ([`carescore_engine::feedback::validate`]).
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
//! At the top level, in records and in every section version 2 added, a key this version
//! does not know is an error naming it, not ignored: new keys come with a new
//! `schema_version` (and a [`migrate`] step), so an unknown key is a typo or another
//! tool's file, and ignoring it would drop data silently on the next export. (Inside `scorecards`, unknown keys are ignored as the
//! scorecard format itself does.)

pub mod anonymity;
mod decode;
mod error;
pub mod merge;
pub mod migrate;
pub mod naming;
mod read;
mod read_slices;
mod record;
pub mod select;
mod slices;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

use carescore_engine::awards::{default_awards, AwardRule};
use carescore_engine::field::Field;
use carescore_engine::ingest::Mapping;
use carescore_engine::records::keys::record_key;
use carescore_engine::records::{ContactRecord, FieldSet, RecordStore};
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scorecard::ScorecardHistory;

use crate::formats::saved_state::{ImportLog, SavedOrigin};
use crate::plans::Plans;
use crate::scheme_review::SchemeReview;
use crate::Workspace;

pub use error::DocumentError;
pub use merge::{
    apply_merge, preview_merge, Choice, Choices, Conflict, FieldDiff, MergePreview, Section,
    SectionPreview,
};
pub use naming::file_name;
pub use record::{RecordEntry, DATETIME_FORMAT, RECORD_KEYS};
pub use select::Selection;
pub use slices::{FeedbackSection, ImportEntry, ReviewEntry};

/// The `format` tag of every review file.
pub const FORMAT: &str = "carescore.review-file";
/// The version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = migrate::CHAIN.current();

/// A review file. Build it with [`Document::from_workspace`] or read it with
/// [`Document::from_json`]; its `Deserialize` runs the same checks as `from_json`.
///
/// The sections after `mappings` are `None` when the file says nothing about them (a
/// version 1 file, a hand-written one, a slice without imports): see the module
/// documentation.
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
    /// The import log, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imports: Option<Vec<ImportEntry>>,
    /// The award rules, in the order the Awards page shows them (the order is the user's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub awards: Option<Vec<AwardRule>>,
    /// Forms filled in, the anonymity threshold and appeals (peers anonymised).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<FeedbackSection>,
    /// Improvement actions, in the order they were planned (the order is the user's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions: Option<Plans>,
    /// The review cycle and the reviews held, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme_review: Option<SchemeReview>,
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

/// The store's records as file entries, sorted by key. If the store holds two records with
/// one key (imports de-duplicate, so it should not), the first is kept.
pub(crate) fn record_entries(store: &RecordStore) -> Vec<RecordEntry> {
    let mut by_key: BTreeMap<String, RecordEntry> = BTreeMap::new();
    for index in 0..store.len() {
        let key = record_key(store, index);
        if let std::collections::btree_map::Entry::Vacant(slot) = by_key.entry(key) {
            let entry = RecordEntry::new(slot.key().clone(), &store.record(index));
            slot.insert(entry);
        }
    }
    by_key.into_values().collect()
}

/// The fields of `store` plus any a record has a value for, with the derived ones.
pub(crate) fn fields_of(store: &RecordStore, records: &[RecordEntry]) -> Vec<Field> {
    // A value is proof its field was in the source, even in a store built by hand.
    let mut present = store.present_fields();
    for entry in records {
        for field in entry.fields_with_values() {
            present.insert(field);
        }
    }
    with_derived(present).iter().collect()
}

impl Document {
    /// The whole workspace as a review file: every section present, peers anonymised
    /// (see [`anonymity`]), records keyed by [`record_key`]. Of scorecard versions
    /// sharing a date, the one in force is kept.
    pub fn from_workspace(workspace: &Workspace) -> Document {
        let records = record_entries(&workspace.records);
        let record_fields = fields_of(&workspace.records, &records);
        let mut mappings: Vec<SavedMapping> = Vec::new();
        for mapping in &workspace.mappings {
            if !mappings.iter().any(|m| m.signature == mapping.signature) {
                mappings.push(mapping.clone());
            }
        }
        mappings.sort_by(|a, b| a.signature.cmp(&b.signature));
        Document {
            format: FORMAT.to_string(),
            schema_version: SCHEMA_VERSION,
            scope: Scope::Workspace,
            record_fields,
            records,
            scorecards: Some(canonical_history(workspace.scorecards.clone())),
            mappings,
            imports: Some(workspace.imports.iter().map(ImportEntry::from).collect()),
            awards: Some(workspace.awards.clone()),
            feedback: Some(FeedbackSection::from_store(&workspace.feedback)),
            actions: Some(workspace.actions.clone()),
            scheme_review: Some(workspace.scheme_review.clone()),
        }
    }

    /// The workspace the file describes, as if it were the user's only work: records from
    /// [`Document::record_store`] (origin [`SavedOrigin::Imported`]), and for a section
    /// the file says nothing about, what a new workspace has (the default scorecard and
    /// awards, no forms, plans or imports, the yearly review cycle). Peer reviews keep
    /// their pseudonyms as raters. To add a file to existing work, use [`apply_merge`].
    pub fn to_workspace(&self) -> Workspace {
        let defaults = Workspace::default();
        Workspace {
            origin: SavedOrigin::Imported,
            records: Arc::new(self.record_store()),
            imports: self
                .imports
                .as_ref()
                .map_or_else(Vec::new, |list| list.iter().map(ImportLog::from).collect()),
            scorecards: self.scorecards.clone().unwrap_or_else(default_history),
            mappings: self.mappings.clone(),
            awards: self.awards.clone().unwrap_or_else(default_awards),
            feedback: self
                .feedback
                .as_ref()
                .map_or(defaults.feedback, FeedbackSection::to_store),
            actions: self.actions.clone().unwrap_or(defaults.actions),
            scheme_review: self.scheme_review.clone().unwrap_or(defaults.scheme_review),
        }
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
            && self.record_fields.is_sorted()
            && self
                .feedback
                .as_ref()
                .is_none_or(FeedbackSection::is_canonical);
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
        self.feedback = self.feedback.map(FeedbackSection::canonical);
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
