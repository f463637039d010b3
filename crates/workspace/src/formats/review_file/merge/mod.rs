//! Merging a colleague's review file into my workspace: [`preview_merge`] first (what the
//! file adds, what is identical, what conflicts, section by section), then [`apply_merge`]
//! with a [`Choice`] per conflict, which gives a new [`Workspace`].
//!
//! Items are matched by id: records by key, scorecard versions by effective date, mappings
//! by signature, imports by their whole entry, awards by rule id, surveys, QA reviews, 360
//! reviews, appeals and actions by id; the anonymity threshold and the scheme-review cycle
//! are one item each, and the reviews held are matched by date. An item only the file has
//! is always added; an item equal on both sides is unchanged; an item both have with
//! different contents is a [`Conflict`] listing the differing fields as (field, mine,
//! theirs) texts ([`FieldDiff`]), resolved by [`Choices`] (mine unless told otherwise).
//! Nothing is ever deleted, and a section the file says nothing about (absent: a version 1
//! file, a slice without imports) is left exactly as it is.
//!
//! A peer 360 review arrives under a pseudonym, never its rater: when I hold the same
//! review, the rater I know is kept and only the answers are compared and taken.
//!
//! **The demo is replaced, not mixed.** If my workspace is the generated demo
//! ([`SavedOrigin::Demo`]) and the file holds records, the result's records are the
//! file's only (and its import log the file's), and its origin becomes imported;
//! [`MergePreview::replaces_demo`] says so before anything happens. The other sections
//! merge as usual, so a scorecard or awards edited on the demo are kept.

mod diff;
mod feedback;
mod items;
mod plans;
mod records;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::formats::saved_state::SavedOrigin;
use crate::Workspace;

use super::Document;

/// A part of the work that merges item by item, in the order a preview lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Records,
    ScorecardVersions,
    Mappings,
    Imports,
    Awards,
    Surveys,
    QaReviews,
    Reviews360,
    AnonymityK,
    Appeals,
    Actions,
    ReviewCycle,
    HeldReviews,
}

impl Section {
    /// Every section, in display order.
    pub const ALL: [Section; 13] = [
        Section::Records,
        Section::ScorecardVersions,
        Section::Mappings,
        Section::Imports,
        Section::Awards,
        Section::Surveys,
        Section::QaReviews,
        Section::Reviews360,
        Section::AnonymityK,
        Section::Appeals,
        Section::Actions,
        Section::ReviewCycle,
        Section::HeldReviews,
    ];

    /// A stable token (the serde name), for locale keys such as `review_file.section_surveys`.
    pub fn token(self) -> &'static str {
        match self {
            Section::Records => "records",
            Section::ScorecardVersions => "scorecard_versions",
            Section::Mappings => "mappings",
            Section::Imports => "imports",
            Section::Awards => "awards",
            Section::Surveys => "surveys",
            Section::QaReviews => "qa_reviews",
            Section::Reviews360 => "reviews360",
            Section::AnonymityK => "anonymity_k",
            Section::Appeals => "appeals",
            Section::Actions => "actions",
            Section::ReviewCycle => "review_cycle",
            Section::HeldReviews => "held_reviews",
        }
    }
}

/// One field that differs between my item and theirs, as text; `None` where a side has no
/// value (a missing record field, an unset option). Nested fields are dotted paths:
/// `answers.csat`, `eligibility.min_contacts`, `trail[2].reason`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: String,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

/// The same id on both sides with different contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub section: Section,
    /// The item's id in its section (a record key, a date, `anonymity_k`, ...).
    pub id: String,
    /// Only the fields that differ.
    pub fields: Vec<FieldDiff>,
}

/// What merging would do to one section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SectionPreview {
    /// Ids only the file has, in the file's order: always added.
    pub added: Vec<String>,
    /// The file's items equal to mine.
    pub unchanged: usize,
    pub conflicts: Vec<Conflict>,
}

static NOTHING: SectionPreview = SectionPreview {
    added: Vec::new(),
    unchanged: 0,
    conflicts: Vec::new(),
};

/// What merging would do, per section the file speaks about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MergePreview {
    /// The sections the file holds; the others it says nothing about and stay as they are.
    pub sections: BTreeMap<Section, SectionPreview>,
    /// My workspace is the demo and the file has records: they replace the demo's
    /// (every record of the file is listed as added).
    pub replaces_demo: bool,
}

impl MergePreview {
    /// One section's preview (empty when the file says nothing about it).
    pub fn section(&self, section: Section) -> &SectionPreview {
        self.sections.get(&section).unwrap_or(&NOTHING)
    }

    /// Whether the file holds this section at all.
    pub fn speaks_about(&self, section: Section) -> bool {
        self.sections.contains_key(&section)
    }

    /// Every conflict, section by section.
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.sections
            .values()
            .flat_map(|section| &section.conflicts)
    }

    /// True when merging would change nothing (nothing added, no conflict, no demo to
    /// replace).
    pub fn changes_nothing(&self) -> bool {
        !self.replaces_demo
            && self
                .sections
                .values()
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

    /// "Take all theirs": every conflict resolved with the file's item.
    pub fn take_all_theirs() -> Choices {
        Choices::all(Choice::TakeTheirs)
    }

    /// "Keep all mine": only what the file adds is merged.
    pub fn keep_all_mine() -> Choices {
        Choices::all(Choice::KeepOurs)
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

/// Whether merging `incoming` replaces `current`'s records (see the module documentation).
fn replaces_demo(current: &Workspace, incoming: &Document) -> bool {
    current.origin == SavedOrigin::Demo && !incoming.records.is_empty()
}

/// What merging `incoming` into `current` would do.
pub fn preview_merge(current: &Workspace, incoming: &Document) -> MergePreview {
    let replaces_demo = replaces_demo(current, incoming);
    let mut sections = BTreeMap::new();
    records::preview(current, incoming, replaces_demo, &mut sections);
    feedback::preview(current, incoming, &mut sections);
    plans::preview(current, incoming, &mut sections);
    MergePreview {
        sections,
        replaces_demo,
    }
}

/// `current` with `incoming` merged in: what the file adds is added, conflicts are
/// resolved by `choices`, sections the file says nothing about are kept. When
/// [`MergePreview::replaces_demo`], the records are the file's only.
pub fn apply_merge(current: &Workspace, incoming: &Document, choices: &Choices) -> Workspace {
    let replaces_demo = replaces_demo(current, incoming);
    let mut merged = current.clone();
    records::apply(current, incoming, choices, replaces_demo, &mut merged);
    feedback::apply(current, incoming, choices, &mut merged);
    plans::apply(current, incoming, choices, &mut merged);
    merged
}
