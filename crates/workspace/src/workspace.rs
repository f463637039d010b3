//! The whole of a user's work as one value: the records and everything made on them. The
//! app holds one of these behind one reactive handle, saves it (the saved state), and
//! shares it (the review file); the CLI reads it from a review file.

use std::collections::BTreeSet;
use std::sync::Arc;

use carescore_engine::awards::{default_awards, AwardRule};
use carescore_engine::records::RecordStore;
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scorecard::ScorecardHistory;

use crate::feedback::FeedbackStore;
use crate::formats::review_file::SavedMapping;
use crate::formats::saved_state::{ImportLog, SavedOrigin};
use crate::measured::{Measured, Origin};
use crate::plans::Plans;
use crate::scheme_review::SchemeReview;

/// A user's work. Every part of it is saved with it and travels in review files.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// Where the records came from (the demo's are generated again, never saved).
    pub origin: SavedOrigin,
    /// The contact records, shared with the tables measured from them.
    pub records: Arc<RecordStore>,
    /// The imports applied to these records, oldest first.
    pub imports: Vec<ImportLog>,
    /// The scorecard versions, each with the period it takes effect.
    pub scorecards: ScorecardHistory,
    /// Mappings the user confirmed, found again for the next file with the same headers.
    pub mappings: Vec<SavedMapping>,
    /// The award rules (评优), in the order the Awards page shows them.
    pub awards: Vec<AwardRule>,
    /// Surveys, QA reviews and 360 reviews filled in, the anonymity threshold, appeals.
    pub feedback: FeedbackStore,
    /// The improvement actions (改进计划), in the order they were planned.
    pub actions: Plans,
    /// The scheme's review cycle (定期审查) and the reviews held.
    pub scheme_review: SchemeReview,
}

impl Default for Workspace {
    /// Nothing yet: no records, the default scorecard and awards, nothing filled in.
    fn default() -> Self {
        Workspace {
            origin: SavedOrigin::Empty,
            records: Arc::new(RecordStore::default()),
            imports: Vec::new(),
            scorecards: default_history(),
            mappings: Vec::new(),
            awards: default_awards(),
            feedback: FeedbackStore::default(),
            actions: Plans::default(),
            scheme_review: SchemeReview::default(),
        }
    }
}

/// Records compare by identity (a store is never changed in place, only replaced), the
/// rest by value.
impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.records, &other.records)
            && self.origin == other.origin
            && self.imports == other.imports
            && self.scorecards == other.scorecards
            && self.mappings == other.mappings
            && self.awards == other.awards
            && self.feedback == other.feedback
            && self.actions == other.actions
            && self.scheme_review == other.scheme_review
    }
}

impl Workspace {
    /// Keys of the records that accepted appeals take out of every table.
    pub fn excluded_record_keys(&self) -> BTreeSet<String> {
        self.feedback.excluded_record_keys()
    }

    /// The records measured per agent, team and centre under the scorecards, without the
    /// records of accepted appeals; `None` when there are no records to measure.
    pub fn measure(&self) -> Option<Measured> {
        let origin = match self.origin {
            SavedOrigin::Demo => Origin::Demo,
            SavedOrigin::Imported => Origin::Imported,
            SavedOrigin::Empty => return None,
        };
        let rows_read = if self.imports.is_empty() {
            self.records.len()
        } else {
            self.imports.iter().map(|i| i.rows_read).sum()
        };
        Some(Measured::measure_excluding(
            origin,
            Arc::clone(&self.records),
            Vec::new(),
            rows_read,
            &self.scorecards,
            self.excluded_record_keys(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::demo::{self, DemoConfig};

    #[test]
    fn an_empty_workspace_measures_nothing_and_has_the_defaults() {
        let empty = Workspace::default();
        assert!(empty.measure().is_none());
        assert_eq!(empty.awards, default_awards());
        assert_eq!(empty.scorecards, default_history());
        assert_eq!(empty, empty.clone());
    }

    #[test]
    fn records_compare_by_identity_and_measure_with_their_origin() {
        let config = DemoConfig {
            contacts: 300,
            ..DemoConfig::default()
        };
        let store = demo::record_store(&config).unwrap();
        let demo = Workspace {
            origin: SavedOrigin::Demo,
            records: Arc::new(store.clone()),
            ..Workspace::default()
        };
        let measured = demo.measure().unwrap();
        assert_eq!(measured.origin, Origin::Demo);
        assert_eq!(measured.summary.records, 300);
        let same_records_other_store = Workspace {
            records: Arc::new(store),
            ..demo.clone()
        };
        assert_ne!(demo, same_records_other_store);
    }
}
