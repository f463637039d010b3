//! `SavedMeta`, the saved state's reader and writer before version 2, kept as a thin
//! wrapper so callers move to [`super::to_json`] / [`super::from_json`] on a `Workspace`
//! one at a time. Deprecated: remove it once nothing names it.

use super::{from_json, to_json, ImportLog, SavedOrigin};
use crate::feedback::FeedbackStore;
use crate::formats::review_file::SavedMapping;
use crate::plans::Plans;
use crate::scheme_review::SchemeReview;
use crate::Workspace;
use carescore_engine::awards::AwardRule;
use carescore_engine::scorecard::ScorecardHistory;

/// Deprecated: a [`Workspace`] without its records; use [`super::to_json`] and
/// [`super::from_json`] on the workspace itself.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedMeta {
    pub origin: SavedOrigin,
    pub imports: Vec<ImportLog>,
    pub scorecards: ScorecardHistory,
    pub mappings: Vec<SavedMapping>,
    pub awards: Vec<AwardRule>,
    pub feedback: FeedbackStore,
    pub actions: Plans,
    pub scheme_review: SchemeReview,
}

impl SavedMeta {
    /// The current version's text (see [`super::to_json`]).
    pub fn to_json(&self) -> String {
        to_json(&self.clone().into_workspace())
    }

    /// Any version's text (see [`super::from_json`]); the error as text.
    pub fn from_json(text: &str) -> Result<SavedMeta, String> {
        from_json(text)
            .map(SavedMeta::from)
            .map_err(|e| e.to_string())
    }

    /// The workspace, without records.
    pub fn into_workspace(self) -> Workspace {
        Workspace {
            origin: self.origin,
            records: Default::default(),
            imports: self.imports,
            scorecards: self.scorecards,
            mappings: self.mappings,
            awards: self.awards,
            feedback: self.feedback,
            actions: self.actions,
            scheme_review: self.scheme_review,
        }
    }
}

impl From<Workspace> for SavedMeta {
    /// Everything but the records.
    fn from(work: Workspace) -> Self {
        SavedMeta {
            origin: work.origin,
            imports: work.imports,
            scorecards: work.scorecards,
            mappings: work.mappings,
            awards: work.awards,
            feedback: work.feedback,
            actions: work.actions,
            scheme_review: work.scheme_review,
        }
    }
}
