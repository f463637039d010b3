//! Appeals in words: a step's problem, a status, the kind of feedback contested and what an
//! appeal is about.

use carescore_engine::feedback::appeals::{AppealError, AppealStatus};
use carescore_engine::feedback::AppealTarget;
use carescore_workspace::appeals::{AppealProblem, ReviewKind};
use carescore_workspace::feedback::FeedbackStore;

use crate::i18n::I18n;

/// The message of a refused step, in the interface language.
pub(super) fn problem_text(i18n: I18n, problem: &AppealProblem) -> String {
    match problem {
        AppealProblem::Appeal(AppealError::NotOpen { id, status }) => i18n.tf(
            "appeals.error_not_open",
            &[("id", id), ("status", &status_text(i18n, *status))],
        ),
        AppealProblem::Appeal(AppealError::AlreadyOpen { id }) => {
            i18n.tf("appeals.error_already_open", &[("id", id)])
        }
        AppealProblem::Appeal(AppealError::ReasonRequired { .. }) => i18n.t("appeals.error_reason"),
        AppealProblem::Appeal(AppealError::BeforeLastStep { .. }) => i18n.t("appeals.error_clock"),
        AppealProblem::Appeal(AppealError::BadTrail { id }) | AppealProblem::Unknown { id } => {
            i18n.tf("appeals.error_unknown", &[("id", id)])
        }
        AppealProblem::NameRequired => i18n.t("appeals.error_name"),
        AppealProblem::UnknownRecord { key } => {
            i18n.tf("appeals.error_unknown_record", &[("key", key)])
        }
    }
}

pub(super) fn status_text(i18n: I18n, status: AppealStatus) -> String {
    match status {
        AppealStatus::Open => i18n.t("appeals.status_open"),
        AppealStatus::Accepted => i18n.t("appeals.status_accepted"),
        AppealStatus::Rejected => i18n.t("appeals.status_rejected"),
    }
}

pub(super) fn status_token(status: AppealStatus) -> &'static str {
    match status {
        AppealStatus::Open => "open",
        AppealStatus::Accepted => "accepted",
        AppealStatus::Rejected => "rejected",
    }
}

pub(super) fn kind_text(i18n: I18n, kind: ReviewKind) -> String {
    match kind {
        ReviewKind::Qa => i18n.t("appeals.kind_qa"),
        ReviewKind::Survey => i18n.t("appeals.kind_survey"),
        ReviewKind::SelfReview => i18n.t("appeals.kind_self"),
        ReviewKind::ManagerReview => i18n.t("appeals.kind_manager"),
    }
}

/// What the appeal is about, in words. A peer review is never identified (anonymity).
pub(super) fn target_text(i18n: I18n, store: &FeedbackStore, target: &AppealTarget) -> String {
    match target {
        AppealTarget::Record { key } => i18n.tf("appeals.target_record", &[("key", key)]),
        AppealTarget::Review { id } if store.is_peer_review(id) => i18n.t("appeals.target_peer"),
        AppealTarget::Review { id } => {
            if let Some(q) = store.qa_reviews.iter().find(|q| &q.id == id) {
                return i18n.tf(
                    "appeals.target_qa",
                    &[
                        ("conversation", &q.conversation_id),
                        ("reviewer", &q.reviewer),
                    ],
                );
            }
            let kind = store
                .qa_reviews
                .iter()
                .any(|q| &q.id == id)
                .then_some(ReviewKind::Qa)
                .or_else(|| {
                    store
                        .surveys
                        .iter()
                        .any(|s| &s.id == id)
                        .then_some(ReviewKind::Survey)
                })
                .or_else(|| {
                    store.reviews360.iter().find(|r| &r.id == id).map(|r| {
                        if r.role == carescore_engine::feedback::RaterRole::Manager {
                            ReviewKind::ManagerReview
                        } else {
                            ReviewKind::SelfReview
                        }
                    })
                });
            match kind {
                Some(kind) => i18n.tf(
                    "appeals.target_review",
                    &[("kind", &kind_text(i18n, kind)), ("id", id)],
                ),
                None => i18n.tf("appeals.target_gone", &[("id", id)]),
            }
        }
    }
}
