//! The saved workspace's small part (`meta` in IndexedDB): versioned JSON, read through
//! migrations, never trusted. Pure Rust, tested natively.
//!
//! ```json
//! {"saved_state_version": 1, "origin": "imported",
//!  "imports": [{"file": "calls.csv", "rows_read": 5000, "added": 5000, "updated": 0,
//!               "duplicates": 0, "rejected": 0}],
//!  "scorecards": {"schema_version": 1, "versions": [...]},
//!  "mappings": [{"signature": "...", "headers": [...], "mapping": {...}}],
//!  "awards": [{"id": "service_star", "ranked_by": {"kind": "total"}, ...}],
//!  "feedback": {"surveys": [...], "qa_reviews": [...], "reviews360": [...],
//!               "anonymity_k": 3, "appeals": [...]},
//!  "scheme_review": {"cycle": {"start": "2026-01-01", "every_months": 12,
//!                              "last_review": "2026-12-15"},
//!                    "log": [{"on": "2026-12-15", "by": "李经理", "note": "..."}]}}
//! ```
//!
//! Versions:
//! - 0 (before IndexedDB): nothing but a `carescore.workspace.cleared` flag in
//!   localStorage; the app still honours it when no state is saved (see `AppState`).
//! - 1: this layout; scorecards and mappings as in a review file (docs/review-file.md),
//!   and the scorecards validated on reading like any imported scheme. `awards` was added
//!   later as an optional field: absent means the built-in awards
//!   ([`default_awards`]); each rule is validated on reading. `feedback` (the forms filled
//!   in the app, [`FeedbackStore`]) and `actions` (improvement plans, [`Plans`]) were added
//!   the same way: absent means none. `scheme_review` (the scheme's review cycle and the
//!   reviews held, [`SchemeReview`]) was added the same way: absent means the default
//!   cycle (yearly) and no review held yet.

use crate::formats::review_file::SavedMapping;
use carescore_engine::awards::{default_awards, AwardRule};
use carescore_engine::scorecard::ScorecardHistory;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::feedback::FeedbackStore;
use crate::plans::Plans;
use crate::scheme_review::SchemeReview;

/// The layout written now.
pub const SAVED_STATE_VERSION: u32 = 1;

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
pub struct ImportLog {
    pub file: String,
    pub rows_read: usize,
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub rejected: usize,
}

/// The saved workspace's small part.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedMeta {
    pub origin: SavedOrigin,
    pub imports: Vec<ImportLog>,
    pub scorecards: ScorecardHistory,
    pub mappings: Vec<SavedMapping>,
    /// The award rules (评优), in the order the Awards page shows them.
    pub awards: Vec<AwardRule>,
    /// Surveys, QA reviews and 360 reviews filled in on the Forms page.
    pub feedback: FeedbackStore,
    /// The improvement actions (改进计划), in the order they were planned.
    pub actions: Plans,
    /// The scheme's review cycle (定期审查) and the reviews held.
    pub scheme_review: SchemeReview,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaV1 {
    saved_state_version: u32,
    origin: SavedOrigin,
    #[serde(default)]
    imports: Vec<ImportLog>,
    scorecards: ScorecardHistory,
    #[serde(default)]
    mappings: Vec<SavedMapping>,
    #[serde(default = "default_awards")]
    awards: Vec<AwardRule>,
    #[serde(default)]
    feedback: FeedbackStore,
    #[serde(default)]
    actions: Plans,
    #[serde(default)]
    scheme_review: SchemeReview,
}

impl SavedMeta {
    /// The JSON written to storage.
    pub fn to_json(&self) -> String {
        let meta = MetaV1 {
            saved_state_version: SAVED_STATE_VERSION,
            origin: self.origin,
            imports: self.imports.clone(),
            scorecards: self.scorecards.clone(),
            mappings: self.mappings.clone(),
            awards: self.awards.clone(),
            feedback: self.feedback.clone(),
            actions: self.actions.clone(),
            scheme_review: self.scheme_review.clone(),
        };
        serde_json::to_string(&meta).expect("serialisable")
    }

    /// Reads saved JSON of any known version. The error says why the state is unreadable;
    /// the caller keeps the state aside rather than losing it.
    pub fn from_json(text: &str) -> Result<SavedMeta, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        let version = value
            .get("saved_state_version")
            .and_then(Value::as_u64)
            .ok_or("no saved_state_version")?;
        if version > u64::from(SAVED_STATE_VERSION) {
            return Err(format!(
                "saved by a newer CareScore (saved state version {version}; this one reads up to {SAVED_STATE_VERSION})"
            ));
        }
        let meta: MetaV1 = serde_json::from_value(value).map_err(|e| e.to_string())?;
        let scorecards = meta
            .scorecards
            .validated()
            .map_err(|e| format!("scorecards: {e}"))?;
        for award in &meta.awards {
            award.validate().map_err(|e| format!("awards: {e}"))?;
        }
        meta.actions
            .validate()
            .map_err(|e| format!("actions: {e}"))?;
        meta.scheme_review
            .validate()
            .map_err(|e| format!("scheme_review: {e}"))?;
        Ok(SavedMeta {
            origin: meta.origin,
            imports: meta.imports,
            scorecards,
            mappings: meta.mappings,
            awards: meta.awards,
            feedback: meta.feedback,
            actions: meta.actions,
            scheme_review: meta.scheme_review,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::feedback::plans::{ActionStatus, ImprovementAction, PlanSubject};
    use carescore_engine::scorecard::defaults::default_history;

    fn meta() -> SavedMeta {
        SavedMeta {
            origin: SavedOrigin::Imported,
            imports: vec![ImportLog {
                file: "通话.csv".into(),
                rows_read: 3,
                added: 2,
                updated: 0,
                duplicates: 1,
                rejected: 0,
            }],
            scorecards: default_history(),
            mappings: Vec::new(),
            awards: default_awards(),
            feedback: FeedbackStore::default(),
            actions: Plans::default(),
            scheme_review: SchemeReview::default(),
        }
    }

    #[test]
    fn saved_meta_round_trips() {
        let saved = meta();
        assert_eq!(SavedMeta::from_json(&saved.to_json()), Ok(saved));
    }

    #[test]
    fn edited_awards_round_trip() {
        let mut saved = meta();
        saved.awards.truncate(2);
        saved.awards[0].eligibility.min_contacts = 250;
        saved.awards[1].enabled = false;
        let back = SavedMeta::from_json(&saved.to_json()).unwrap();
        assert_eq!(back.awards, saved.awards);
        assert_eq!(back.awards[0].eligibility.min_contacts, 250);
        // Removing every award is kept, not replaced by the defaults.
        saved.awards.clear();
        assert!(SavedMeta::from_json(&saved.to_json())
            .unwrap()
            .awards
            .is_empty());
    }

    #[test]
    fn a_state_saved_before_awards_gets_the_default_awards() {
        let mut value: Value = serde_json::from_str(&meta().to_json()).unwrap();
        value.as_object_mut().unwrap().remove("awards");
        let saved = SavedMeta::from_json(&value.to_string()).unwrap();
        assert_eq!(saved.awards, default_awards());
        let text = include_str!("../../tests/fixtures/saved_state/v1-first.json");
        assert!(!text.contains("\"awards\""));
        assert_eq!(SavedMeta::from_json(text).unwrap().awards, default_awards());
    }

    fn planned_action() -> ImprovementAction {
        let card = &default_history().versions[0].scorecard;
        let def = card.metric_def("fcr_rate").unwrap();
        let mut action = ImprovementAction::planned(
            "",
            "每周辅导",
            PlanSubject::Agent {
                agent: "张三".into(),
            },
            &def,
            0.7,
            0.75,
            "李四",
            "2026-08",
        );
        action.status = ActionStatus::InProgress;
        action
    }

    #[test]
    fn improvement_actions_round_trip() {
        let mut saved = meta();
        saved.actions.add(planned_action());
        saved.actions.add(planned_action());
        let back = SavedMeta::from_json(&saved.to_json()).unwrap();
        assert_eq!(back.actions, saved.actions);
        assert_eq!(back.actions.0[1].id, "act-2");
        assert_eq!(back.actions.0[0].status, ActionStatus::InProgress);
    }

    #[test]
    fn a_state_saved_before_actions_has_none() {
        let mut value: Value = serde_json::from_str(&meta().to_json()).unwrap();
        value.as_object_mut().unwrap().remove("actions");
        let saved = SavedMeta::from_json(&value.to_string()).unwrap();
        assert!(saved.actions.0.is_empty());
        let text = include_str!("../../tests/fixtures/saved_state/v1-first.json");
        assert!(!text.contains("\"actions\""));
        assert!(SavedMeta::from_json(text).unwrap().actions.0.is_empty());
    }

    #[test]
    fn invalid_saved_actions_say_why() {
        let mut bad = meta();
        bad.actions.add(planned_action());
        bad.actions.0.push(bad.actions.0[0].clone());
        let why = SavedMeta::from_json(&bad.to_json()).unwrap_err();
        assert!(
            why.starts_with("actions: action id `act-1` is used twice"),
            "{why}"
        );
    }

    #[test]
    fn saved_feedback_round_trips_and_an_older_state_has_none() {
        let mut saved = meta();
        saved.feedback.anonymity_k = 5;
        saved.feedback.reviews360.push(
            serde_json::from_str(
                r#"{"id": "r360-1", "form_id": "builtin.review360_peer", "subject": "Ann",
                    "rater": "Bo", "role": "peer", "period": "2026-03",
                    "answers": {"tw_helps": 4}, "comment": "kind"}"#,
            )
            .unwrap(),
        );
        let back = SavedMeta::from_json(&saved.to_json()).unwrap();
        assert_eq!(back.feedback, saved.feedback);
        assert_eq!(back.feedback.reviews360[0].rater, "Bo");
        let mut value: Value = serde_json::from_str(&meta().to_json()).unwrap();
        value.as_object_mut().unwrap().remove("feedback");
        let older = SavedMeta::from_json(&value.to_string()).unwrap();
        assert_eq!(older.feedback, FeedbackStore::default());
        let text = include_str!("../../tests/fixtures/saved_state/v1-first.json");
        assert!(!text.contains("\"feedback\""));
        assert!(SavedMeta::from_json(text).unwrap().feedback.is_empty());
    }

    #[test]
    fn the_scheme_review_round_trips_and_an_older_state_has_the_default() {
        use crate::scheme_review::HeldReview;
        let mut saved = meta();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        saved.scheme_review.record(
            HeldReview {
                on,
                by: "李经理".into(),
                note: "效率权重 25 → 20".into(),
            },
            &saved.scorecards,
        );
        let back = SavedMeta::from_json(&saved.to_json()).unwrap();
        assert_eq!(back.scheme_review, saved.scheme_review);
        assert_eq!(back.scheme_review.cycle.unwrap().last_review, Some(on));
        let mut value: Value = serde_json::from_str(&meta().to_json()).unwrap();
        value.as_object_mut().unwrap().remove("scheme_review");
        let older = SavedMeta::from_json(&value.to_string()).unwrap();
        assert_eq!(older.scheme_review, SchemeReview::default());
        let text = include_str!("../../tests/fixtures/saved_state/v1-first.json");
        assert!(!text.contains("\"scheme_review\""));
        assert_eq!(
            SavedMeta::from_json(text).unwrap().scheme_review,
            SchemeReview::default()
        );
        let mut bad = meta();
        bad.scheme_review.set_every(999, &bad.scorecards, on);
        let why = SavedMeta::from_json(&bad.to_json()).unwrap_err();
        assert!(why.starts_with("scheme_review:"), "{why}");
    }

    #[test]
    fn an_invalid_saved_award_says_why() {
        let mut bad = meta();
        bad.awards[0].selection = carescore_engine::awards::Selection::TopN { n: 0 };
        let why = SavedMeta::from_json(&bad.to_json()).unwrap_err();
        assert!(why.starts_with("awards: selection:"), "{why}");
    }

    #[test]
    fn the_committed_version_1_fixture_reads() {
        let text = include_str!("../../tests/fixtures/saved_state/v1-first.json");
        let saved = SavedMeta::from_json(text).expect("version 1 reads");
        assert_eq!(saved.origin, SavedOrigin::Imported);
        assert_eq!(saved.imports[0].file, "calls.csv");
        assert_eq!(saved.mappings.len(), 1);
    }

    #[test]
    fn unreadable_states_say_why() {
        let newer = SavedMeta::from_json(r#"{"saved_state_version": 9}"#).unwrap_err();
        assert!(newer.contains("newer CareScore"), "{newer}");
        assert!(SavedMeta::from_json("{")
            .unwrap_err()
            .contains("not valid JSON"));
        let no_version = SavedMeta::from_json(r#"{"origin": "demo"}"#).unwrap_err();
        assert!(no_version.contains("saved_state_version"), "{no_version}");
        let mut bad = meta();
        bad.scorecards.versions.clear();
        assert!(SavedMeta::from_json(&bad.to_json())
            .unwrap_err()
            .starts_with("scorecards:"));
    }
}
