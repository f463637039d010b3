//! Version 2 of the saved state, the current one. Pretty JSON (2-space indent, trailing
//! newline; a damaged state is downloaded for people to read), keys in this order:
//!
//! ```json
//! {"saved_state_version": 2, "origin": "imported",
//!  "imports": [{"file": "calls.csv", "rows_read": 5000, "added": 5000, "updated": 0,
//!               "duplicates": 0, "rejected": 0}],
//!  "scorecards": {"schema_version": 1, "versions": [...]},
//!  "mappings": [{"signature": "...", "headers": [...], "mapping": {...}}],
//!  "awards": [{"id": "service_star", "ranked_by": {"kind": "total"}, ...}],
//!  "feedback": {"surveys": [...], "qa_reviews": [...], "reviews360": [...],
//!               "anonymity_k": 3, "appeals": [...]},
//!  "actions": [{"id": "act-1", ...}],
//!  "scheme_review": {"cycle": {"start": "2026-01-01", "every_months": 12,
//!                              "last_review": "2026-12-15"},
//!                    "log": [{"on": "2026-12-15", "by": "李经理", "note": "..."}]}}
//! ```
//!
//! Every key is required (an empty list or the default written out), unknown keys are
//! refused at the top and in `feedback`, and each slice is validated as on import.

use std::sync::Arc;

use carescore_engine::awards::AwardRule;
use carescore_engine::feedback::{Appeal, QaReview, Review360, SurveyResponse};
use carescore_engine::scorecard::ScorecardHistory;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ImportLog, SavedOrigin, SAVED_STATE_VERSION};
use crate::feedback::FeedbackStore;
use crate::formats::review_file::SavedMapping;
use crate::plans::Plans;
use crate::scheme_review::SchemeReview;
use crate::Workspace;

/// The layout, borrowed from a workspace to write it.
#[derive(Serialize)]
struct Written<'a> {
    saved_state_version: u32,
    origin: SavedOrigin,
    imports: &'a [ImportLog],
    scorecards: &'a ScorecardHistory,
    mappings: &'a [SavedMapping],
    awards: &'a [AwardRule],
    feedback: &'a FeedbackStore,
    actions: &'a Plans,
    scheme_review: &'a SchemeReview,
}

/// The layout as read: the same keys, all required.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Read {
    /// Checked by the chain before this is read.
    #[serde(rename = "saved_state_version")]
    _version: u32,
    origin: SavedOrigin,
    imports: Vec<ImportLog>,
    scorecards: ScorecardHistory,
    mappings: Vec<SavedMapping>,
    awards: Vec<AwardRule>,
    feedback: Feedback,
    actions: Plans,
    scheme_review: SchemeReview,
}

/// `feedback` as read: unlike [`FeedbackStore`]'s own reading, no key may be left out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Feedback {
    surveys: Vec<SurveyResponse>,
    qa_reviews: Vec<QaReview>,
    reviews360: Vec<Review360>,
    anonymity_k: u32,
    appeals: Vec<Appeal>,
}

/// The text of `work` in this layout.
pub(super) fn write(work: &Workspace) -> String {
    let written = Written {
        saved_state_version: SAVED_STATE_VERSION,
        origin: work.origin,
        imports: &work.imports,
        scorecards: &work.scorecards,
        mappings: &work.mappings,
        awards: &work.awards,
        feedback: &work.feedback,
        actions: &work.actions,
        scheme_review: &work.scheme_review,
    };
    let mut text = serde_json::to_string_pretty(&written).expect("a workspace always serialises");
    text.push('\n');
    text
}

/// The workspace (without records) of a document already upgraded to this version. The
/// error names the place of the first problem (`feedback.surveys[2].answers: ...`).
pub(super) fn read(value: Value) -> Result<Workspace, String> {
    let read: Read = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        match path.as_str() {
            "." => e.inner().to_string(),
            _ => format!("{path}: {}", e.inner()),
        }
    })?;
    let scorecards = read
        .scorecards
        .validated()
        .map_err(|e| format!("scorecards: {e}"))?;
    for award in &read.awards {
        award.validate().map_err(|e| format!("awards: {e}"))?;
    }
    read.actions
        .validate()
        .map_err(|e| format!("actions: {e}"))?;
    read.scheme_review
        .validate()
        .map_err(|e| format!("scheme_review: {e}"))?;
    let Feedback {
        surveys,
        qa_reviews,
        reviews360,
        anonymity_k,
        appeals,
    } = read.feedback;
    Ok(Workspace {
        origin: read.origin,
        records: Arc::default(),
        imports: read.imports,
        scorecards,
        mappings: read.mappings,
        awards: read.awards,
        feedback: FeedbackStore {
            surveys,
            qa_reviews,
            reviews360,
            anonymity_k,
            appeals,
        },
        actions: read.actions,
        scheme_review: read.scheme_review,
    })
}
