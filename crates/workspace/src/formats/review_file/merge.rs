//! Merging a colleague's review file into ours: preview first (what is new, what is the
//! same, what differs), then apply with a choice per difference.
//!
//! Items are matched by id: records by key, scorecard versions by `effective_from` date,
//! mappings by signature. An item only they have is always added; an item equal on both
//! sides is unchanged; an item both have with different contents is a [`Conflict`],
//! resolved by [`Choices`] (ours unless told otherwise). Nothing is ever deleted, so
//! merging a file into itself changes nothing and merging disjoint files is order-free.
//! `record_fields` become the union (a field either source had stays present; records
//! that lacked it hold "missing"). The scope stays ours when both agree, else it becomes
//! the workspace.

use std::collections::BTreeMap;

use serde::Serialize;

use carescore_engine::scorecard::{ScorecardHistory, ScorecardVersion};

use super::{canonical_history, with_derived, Document, RecordEntry, SavedMapping, Scope};

/// A part of a review file that merges item by item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Records,
    ScorecardVersions,
    Mappings,
}

/// The same id on both sides with different contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub section: Section,
    pub id: String,
    /// Our item as pretty JSON, to show beside theirs.
    pub ours: String,
    pub theirs: String,
}

/// What merging would do to one section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SectionPreview {
    /// Ids only the incoming file has (sorted): always added.
    pub added: Vec<String>,
    /// Incoming items equal to ours.
    pub unchanged: usize,
    pub conflicts: Vec<Conflict>,
}

/// What merging would do, per section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MergePreview {
    pub records: SectionPreview,
    pub scorecard_versions: SectionPreview,
    pub mappings: SectionPreview,
}

impl MergePreview {
    pub fn section(&self, section: Section) -> &SectionPreview {
        match section {
            Section::Records => &self.records,
            Section::ScorecardVersions => &self.scorecard_versions,
            Section::Mappings => &self.mappings,
        }
    }

    /// Every conflict, section by section.
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        [&self.records, &self.scorecard_versions, &self.mappings]
            .into_iter()
            .flat_map(|section| &section.conflicts)
    }

    /// True when merging would change nothing (nothing added, no conflict).
    pub fn changes_nothing(&self) -> bool {
        [&self.records, &self.scorecard_versions, &self.mappings]
            .iter()
            .all(|section| section.added.is_empty() && section.conflicts.is_empty())
    }
}

/// Which side wins a conflict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    #[default]
    KeepOurs,
    TakeTheirs,
}

/// A choice per conflict, and one for conflicts not listed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// For conflicts not in `items` ([`Choice::KeepOurs`] by default).
    pub default: Choice,
    pub items: BTreeMap<(Section, String), Choice>,
}

impl Choices {
    /// The same choice for every conflict.
    pub fn all(choice: Choice) -> Choices {
        Choices {
            default: choice,
            items: BTreeMap::new(),
        }
    }

    /// Sets the choice for one conflict.
    pub fn set(&mut self, section: Section, id: impl Into<String>, choice: Choice) -> &mut Self {
        self.items.insert((section, id.into()), choice);
        self
    }

    pub fn choice_for(&self, section: Section, id: &str) -> Choice {
        self.items
            .get(&(section, id.to_string()))
            .copied()
            .unwrap_or(self.default)
    }
}

/// What merging `incoming` into `current` would do.
pub fn preview_merge(current: &Document, incoming: &Document) -> MergePreview {
    MergePreview {
        records: preview_section(
            Section::Records,
            &records_by_id(current),
            &records_by_id(incoming),
        ),
        scorecard_versions: preview_section(
            Section::ScorecardVersions,
            &versions_by_id(current),
            &versions_by_id(incoming),
        ),
        mappings: preview_section(
            Section::Mappings,
            &mappings_by_id(current),
            &mappings_by_id(incoming),
        ),
    }
}

/// `current` with `incoming` merged in: added items added, conflicts resolved by `choices`.
pub fn apply_merge(current: &Document, incoming: &Document, choices: &Choices) -> Document {
    let records = apply_section(
        Section::Records,
        records_by_id(current),
        records_by_id(incoming),
        choices,
    );
    let versions = apply_section(
        Section::ScorecardVersions,
        versions_by_id(current),
        versions_by_id(incoming),
        choices,
    );
    let mappings = apply_section(
        Section::Mappings,
        mappings_by_id(current),
        mappings_by_id(incoming),
        choices,
    );
    let fields = with_derived(current.field_set().union(incoming.field_set()));
    let scorecards = match (&current.scorecards, &incoming.scorecards) {
        (None, None) => None,
        (ours, theirs) => Some(canonical_history(ScorecardHistory {
            schema_version: ours
                .as_ref()
                .or(theirs.as_ref())
                .map_or(carescore_engine::scorecard::SCHEMA_VERSION, |h| {
                    h.schema_version
                }),
            versions: versions.into_values().cloned().collect(),
        })),
    };
    Document {
        format: current.format.clone(),
        schema_version: current.schema_version,
        scope: if current.scope == incoming.scope {
            current.scope.clone()
        } else {
            Scope::Workspace
        },
        record_fields: fields.iter().collect(),
        records: records.into_values().cloned().collect(),
        scorecards,
        mappings: mappings.into_values().cloned().collect(),
    }
}

fn records_by_id(document: &Document) -> BTreeMap<String, &RecordEntry> {
    document
        .records
        .iter()
        .map(|record| (record.key.clone(), record))
        .collect()
}

fn versions_by_id(document: &Document) -> BTreeMap<String, &ScorecardVersion> {
    document
        .scorecards
        .iter()
        .flat_map(|history| &history.versions)
        .map(|version| (version.effective_from.to_string(), version))
        .collect()
}

fn mappings_by_id(document: &Document) -> BTreeMap<String, &SavedMapping> {
    document
        .mappings
        .iter()
        .map(|mapping| (mapping.signature.clone(), mapping))
        .collect()
}

fn preview_section<T: PartialEq + Serialize>(
    section: Section,
    ours: &BTreeMap<String, &T>,
    theirs: &BTreeMap<String, &T>,
) -> SectionPreview {
    let mut preview = SectionPreview::default();
    for (id, their_item) in theirs {
        match ours.get(id) {
            None => preview.added.push(id.clone()),
            Some(our_item) if our_item == their_item => preview.unchanged += 1,
            Some(our_item) => preview.conflicts.push(Conflict {
                section,
                id: id.clone(),
                ours: pretty(our_item),
                theirs: pretty(their_item),
            }),
        }
    }
    preview
}

fn apply_section<'a, T: PartialEq>(
    section: Section,
    mut ours: BTreeMap<String, &'a T>,
    theirs: BTreeMap<String, &'a T>,
    choices: &Choices,
) -> BTreeMap<String, &'a T> {
    for (id, their_item) in theirs {
        let take = match ours.get(&id) {
            None => true,
            Some(our_item) => {
                *our_item != their_item && choices.choice_for(section, &id) == Choice::TakeTheirs
            }
        };
        if take {
            ours.insert(id, their_item);
        }
    }
    ours
}

fn pretty<T: Serialize>(item: &T) -> String {
    serde_json::to_string_pretty(item).expect("document items always serialise")
}
