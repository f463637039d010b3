//! Changing the work: each change replaces the value in the one handle and saves it. A
//! change that must land whole (an import, a review file) is saved first and shown only
//! once saved; the others are shown at once and saved in the background (a failure shows
//! in the save-status banner).

use std::sync::Arc;

use carescore_engine::awards::AwardRule;
use carescore_engine::scorecard::ScorecardHistory;
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::review_file::SavedMapping;
use carescore_workspace::formats::saved_state::{ImportLog, SavedOrigin};
use carescore_workspace::measured::Measured;
use carescore_workspace::plans::Plans;
use carescore_workspace::scheme_review::SchemeReview;
use carescore_workspace::Workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, Shared, WorkspaceState};
use crate::storage::workspace_db::{RecordsWrite, SaveError};

/// Replaces the mapping with the same signature, or adds it.
fn upsert_mapping(mappings: &mut Vec<SavedMapping>, mapping: SavedMapping) {
    mappings.retain(|m| m.signature != mapping.signature);
    mappings.push(mapping);
}

impl AppState {
    /// Replaces the records with `measured`'s (an import checked in the data worker),
    /// saving first: if the save fails nothing changes, and the error says why.
    pub async fn apply_records(
        &self,
        measured: Measured,
        log: Option<ImportLog>,
        mapping: Option<SavedMapping>,
    ) -> Result<(), SaveError> {
        let mut work = self.work.get_untracked();
        work.origin = SavedOrigin::Imported;
        work.records = Arc::clone(&measured.store);
        if let Some(log) = log {
            work.imports.push(log);
        }
        if let Some(mapping) = mapping {
            upsert_mapping(&mut work.mappings, mapping);
        }
        let snapshot = work.records.to_snapshot();
        self.persistence
            .save_work(&work, RecordsWrite::Replace(&snapshot))
            .await?;
        self.period.set(None);
        // The import measured every record; accepted record appeals leave some out.
        let measured = measured
            .with_exclusions(&work.scorecards, work.excluded_record_keys())
            .unwrap_or(measured);
        self.work.set(work);
        self.measured
            .set(WorkspaceState::Loaded(Shared::new(measured)));
        Ok(())
    }

    /// Replaces the whole work with `work` (a review file merged or opened), saving first
    /// like [`AppState::apply_records`].
    pub async fn apply_workspace(&self, work: Workspace) -> Result<(), SaveError> {
        let records = match work.origin {
            SavedOrigin::Imported => Some(work.records.to_snapshot()),
            SavedOrigin::Demo | SavedOrigin::Empty => None,
        };
        let write = match &records {
            Some(snapshot) => RecordsWrite::Replace(snapshot),
            None => RecordsWrite::Remove,
        };
        self.persistence.save_work(&work, write).await?;
        self.period.set(None);
        self.put(work);
        Ok(())
    }

    /// Saves the work's small part after a change; failures show in the save-status banner.
    fn save_in_background(&self) {
        let state = *self;
        let work = self.work.get_untracked();
        spawn_local(async move {
            let _ = state.persistence.save_work(&work, RecordsWrite::Keep).await;
        });
    }

    /// Saves the work after its records were replaced by the demo or emptied.
    pub(super) fn save_records_removed(&self) {
        let state = *self;
        let work = self.work.get_untracked();
        spawn_local(async move {
            let _ = state
                .persistence
                .save_work(&work, RecordsWrite::Remove)
                .await;
        });
    }

    /// Replaces the scorecard history; scores follow, tables are not re-measured.
    pub fn set_history(&self, history: ScorecardHistory) {
        self.work.update(|w| w.scorecards = history);
        self.save_in_background();
    }

    /// Replaces the award rules and saves them; the caller validates them first.
    pub fn set_awards(&self, awards: Vec<AwardRule>) {
        self.work.update(|w| w.awards = awards);
        self.save_in_background();
    }

    /// Replaces the feedback and saves it; scores follow (only the feedback is
    /// aggregated again). The caller validates the responses first.
    pub fn set_feedback(&self, feedback: FeedbackStore) {
        // When accepted record appeals change, the records are measured again without
        // them (the one feedback change that re-measures).
        let excluded = feedback.excluded_record_keys();
        let remeasured = self
            .workspace_untracked()
            .and_then(|m| m.with_exclusions(&self.history.get_untracked(), excluded));
        self.work.update(|w| w.feedback = feedback);
        if let Some(measured) = remeasured {
            self.measured
                .set(WorkspaceState::Loaded(Shared::new(measured)));
        }
        self.save_in_background();
    }

    /// Replaces the improvement actions and saves them.
    pub fn set_actions(&self, actions: Plans) {
        self.work.update(|w| w.actions = actions);
        self.save_in_background();
    }

    /// Replaces the scheme review and saves it; the caller validates it first.
    pub fn set_scheme_review(&self, review: SchemeReview) {
        self.work.update(|w| w.scheme_review = review);
        self.save_in_background();
    }
}
