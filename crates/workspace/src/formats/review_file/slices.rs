//! The sections version 2 added beside records, scorecards and mappings: the import log,
//! award rules, feedback (forms filled in, the anonymity threshold, appeals), improvement
//! actions and the scheme review. Each is optional in a file: absent means "this file says
//! nothing about it" (see the module documentation of [`super`]).
//!
//! Feedback has a file form of its own ([`FeedbackSection`]) because peer 360 reviews
//! travel without their rater: [`super::anonymity`] decides what is written.

use serde::{Deserialize, Serialize};

use carescore_engine::feedback::{Answers, Appeal, QaReview, RaterRole, Review360, SurveyResponse};

use crate::feedback::FeedbackStore;
use crate::formats::saved_state::ImportLog;

use super::anonymity;

/// One applied import as a file holds it (the saved state's [`ImportLog`], refusing
/// unknown keys as every part of a review file does).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportEntry {
    pub file: String,
    pub rows_read: usize,
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub rejected: usize,
}

impl From<&ImportLog> for ImportEntry {
    fn from(log: &ImportLog) -> Self {
        ImportEntry {
            file: log.file.clone(),
            rows_read: log.rows_read,
            added: log.added,
            updated: log.updated,
            duplicates: log.duplicates,
            rejected: log.rejected,
        }
    }
}

impl From<&ImportEntry> for ImportLog {
    fn from(entry: &ImportEntry) -> Self {
        ImportLog {
            file: entry.file.clone(),
            rows_read: entry.rows_read,
            added: entry.added,
            updated: entry.updated,
            duplicates: entry.duplicates,
            rejected: entry.rejected,
        }
    }
}

/// The feedback of a workspace as a file holds it: every key is required when `feedback`
/// is present. Surveys, QA reviews, 360 reviews and appeals are sorted by id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackSection {
    pub surveys: Vec<SurveyResponse>,
    pub qa_reviews: Vec<QaReview>,
    pub reviews360: Vec<ReviewEntry>,
    /// Distinct peers needed before peer figures and comments are shown.
    pub anonymity_k: u32,
    pub appeals: Vec<Appeal>,
}

/// A 360 review as a file holds it. Self and manager reviews name their `rater`; a peer
/// review never does: it carries `peer`, a pseudonym (`peer-1`, `peer-2`, ...) that tells
/// the peers of one subject and period apart and nothing else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEntry {
    pub id: String,
    pub form_id: String,
    /// The agent reviewed.
    pub subject: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer: Option<String>,
    pub role: RaterRole,
    /// A period label (`2026-09`, `2026-Q3`, ...).
    pub period: String,
    pub answers: Answers,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl ReviewEntry {
    /// The workspace's review; a peer's pseudonym becomes its rater, so distinct peers
    /// stay distinct (the anonymity rule counts them).
    pub fn to_review(&self) -> Review360 {
        Review360 {
            id: self.id.clone(),
            form_id: self.form_id.clone(),
            subject: self.subject.clone(),
            rater: self
                .rater
                .clone()
                .or_else(|| self.peer.clone())
                .unwrap_or_default(),
            role: self.role,
            period: self.period.clone(),
            answers: self.answers.clone(),
            comment: self.comment.clone(),
        }
    }

    /// A review as written: peers under `pseudonym`, others under their rater.
    pub(crate) fn of(review: &Review360, pseudonym: Option<String>) -> ReviewEntry {
        let (rater, peer) = match review.role {
            RaterRole::Peer => (None, pseudonym),
            _ => (Some(review.rater.clone()), None),
        };
        ReviewEntry {
            id: review.id.clone(),
            form_id: review.form_id.clone(),
            subject: review.subject.clone(),
            rater,
            peer,
            role: review.role,
            period: review.period.clone(),
            answers: review.answers.clone(),
            comment: review.comment.clone(),
        }
    }
}

impl FeedbackSection {
    /// What a file may carry of `store`: see [`super::anonymity`].
    pub fn from_store(store: &FeedbackStore) -> FeedbackSection {
        anonymity::written(store).canonical()
    }

    /// The feedback store the file describes.
    pub fn to_store(&self) -> FeedbackStore {
        FeedbackStore {
            surveys: self.surveys.clone(),
            qa_reviews: self.qa_reviews.clone(),
            reviews360: self.reviews360.iter().map(ReviewEntry::to_review).collect(),
            anonymity_k: self.anonymity_k,
            appeals: self.appeals.clone(),
        }
    }

    /// Sorted by id, as written.
    pub(crate) fn canonical(mut self) -> FeedbackSection {
        self.surveys.sort_by(|a, b| a.id.cmp(&b.id));
        self.qa_reviews.sort_by(|a, b| a.id.cmp(&b.id));
        self.reviews360.sort_by(|a, b| a.id.cmp(&b.id));
        self.appeals.sort_by(|a, b| a.id().cmp(b.id()));
        self
    }

    pub(crate) fn is_canonical(&self) -> bool {
        self.surveys.is_sorted_by(|a, b| a.id <= b.id)
            && self.qa_reviews.is_sorted_by(|a, b| a.id <= b.id)
            && self.reviews360.is_sorted_by(|a, b| a.id <= b.id)
            && self.appeals.is_sorted_by(|a, b| a.id() <= b.id())
    }
}
