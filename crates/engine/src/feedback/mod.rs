//! Feedback forms and the improvement loop: the "collect feedback -> score -> contest ->
//! improve -> review the scheme" half of the plan-do-check-act cycle a service centre runs.
//!
//! - [`form`]: form templates (survey, QA rubric, 360 per rater role, scheme feedback)
//!   with bilingual labels; [`builtin`] holds ready-made ones.
//! - [`response`]: filled forms (survey responses, QA reviews, 360 reviews);
//!   [`validate`] checks them against their template.
//! - [`measures`]: feedback aggregated per group and period into
//!   [`crate::measure::MeasureTable`]s with new metric ids (`qa_score_mean`,
//!   `survey_nps`, `peer_teamwork_mean`, ...) that merge into the contact table.
//! - [`anonymity`]: [`anonymity::PeerSummary`], the only shape in which peer reviews
//!   leave the workspace; [`peer_rule`]: the one rule for which peer figures show.
//! - [`calibration`] and [`alpha`]: reviewer agreement (spread, drift, Krippendorff's
//!   alpha).
//! - [`appeals`]: contesting a record or review, with an audit trail; accepted appeals
//!   give the exclusions scoring skips.
//! - [`plans`]: improvement actions, verification, suggested targets, overdue actions;
//!   [`review_cycle`]: when the scheme itself is due for review.
//!
//! Every type here is plain serde data with stable string ids, meant for review files.
//! Messages are plain English; the UI translates around them.

pub mod alpha;
pub mod anonymity;
pub mod appeals;
pub mod builtin;
pub mod calibration;
pub mod form;
pub mod measures;
pub mod peer_rule;
mod periods;
pub mod plans;
pub mod response;
pub mod review_cycle;
pub mod validate;

pub use anonymity::{PeerComments, PeerSummary};
pub use appeals::{excluded_by_appeals, Appeal, AppealTarget, Exclusions};
pub use form::{FormKind, FormTemplate, Item, ItemInput, RaterRole, Section};
pub use plans::{suggest_target, verify, ImprovementAction, Verification};
pub use response::{Answer, Answers, QaReview, Review360, SurveyResponse};
