//! Appeals (申诉) kept with the feedback: raising, deciding, reopening and commenting on
//! them by id, the reviews of an agent that may be contested, and the appeals about an
//! agent. Pure Rust, tested natively.
//!
//! What an accepted appeal takes out of scoring is the engine's
//! [`excluded_by_appeals`]: reviews leave the feedback tables
//! ([`FeedbackStore::table`]), contact records leave the measured tables (the workspace is
//! measured again without them, see [`crate::measured::Measured::with_exclusions`]).
//! 360 peer reviews are never listed one by one: peers are anonymous.

use std::collections::BTreeSet;

use carescore_engine::feedback::appeals::{AppealError, AppealStatus};
use carescore_engine::feedback::measures::qa_review_score;
use carescore_engine::feedback::{
    excluded_by_appeals, Appeal, AppealTarget, ItemInput, RaterRole, Review360,
};
use carescore_engine::records::keys::content_key;
use carescore_engine::records::RecordStore;
use chrono::{NaiveDate, NaiveDateTime};

use crate::feedback::FeedbackStore;
use crate::measured::PERIOD_KIND;

/// Why an appeal step was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppealProblem {
    /// The engine's rule (reason missing, not open, already open, out of time order).
    Appeal(AppealError),
    /// No appeal has this id.
    Unknown { id: String },
    /// Every step says who took it.
    NameRequired,
    /// The contested contact record is not one of the agent's.
    UnknownRecord { key: String },
}

impl From<AppealError> for AppealProblem {
    fn from(error: AppealError) -> Self {
        AppealProblem::Appeal(error)
    }
}

impl std::fmt::Display for AppealProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppealProblem::Appeal(error) => error.fmt(f),
            AppealProblem::Unknown { id } => write!(f, "no appeal `{id}`"),
            AppealProblem::NameRequired => write!(f, "say who takes this step"),
            AppealProblem::UnknownRecord { key } => {
                write!(f, "no contact record `{key}` of this agent")
            }
        }
    }
}

/// The kinds of review an agent may contest one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewKind {
    Qa,
    Survey,
    SelfReview,
    ManagerReview,
}

/// One review of the agent in the period, as the appeals panel lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ContestableReview {
    pub id: String,
    pub kind: ReviewKind,
    /// QA: the reviewer; 360: the rater; surveys: none (the customer).
    pub by: Option<String>,
    /// QA: the conversation; surveys: the contact, when known.
    pub contact: Option<String>,
    /// QA: the review date; surveys: the answer date; 360: none (the period).
    pub on: Option<NaiveDate>,
    /// QA: 0-100; surveys: CSAT 1-5; 360: none.
    pub score: Option<f64>,
    /// Taken out of scoring by an accepted appeal.
    pub excluded: bool,
}

fn require(text: &str) -> Result<(), AppealProblem> {
    if text.trim().is_empty() {
        return Err(AppealProblem::NameRequired);
    }
    Ok(())
}

impl FeedbackStore {
    /// An appeal id not used yet: `appeal-1`, `appeal-2`, ...
    pub fn next_appeal_id(&self) -> String {
        let highest = self
            .appeals
            .iter()
            .filter_map(|a| a.id().strip_prefix("appeal-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("appeal-{}", highest + 1)
    }

    pub fn appeal(&self, id: &str) -> Option<&Appeal> {
        self.appeals.iter().find(|a| a.id() == id)
    }

    /// The appeal about `target`, if any (one per target: a decided one is reopened
    /// rather than raised again, so its trail stays whole).
    pub fn appeal_on(&self, target: &AppealTarget) -> Option<&Appeal> {
        self.appeals.iter().find(|a| a.target() == target)
    }

    /// Raises an appeal with a fresh id and returns the id.
    pub fn open_appeal(
        &mut self,
        target: AppealTarget,
        by: &str,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<String, AppealProblem> {
        let id = self.next_appeal_id();
        require(by)?;
        if reason.trim().is_empty() {
            return Err(AppealError::ReasonRequired { id }.into());
        }
        if let Some(existing) = self.appeal_on(&target) {
            let id = existing.id().to_string();
            return Err(match existing.status() {
                AppealStatus::Open => AppealError::AlreadyOpen { id },
                status => AppealError::NotOpen { id, status },
            }
            .into());
        }
        let appeal = Appeal::open(&id, target, by.trim(), at, reason.trim());
        self.appeals.push(appeal);
        Ok(id)
    }

    fn appeal_mut(&mut self, id: &str) -> Result<&mut Appeal, AppealProblem> {
        self.appeals
            .iter_mut()
            .find(|a| a.id() == id)
            .ok_or_else(|| AppealProblem::Unknown { id: id.to_string() })
    }

    /// Accepts (`accept`) or rejects an open appeal, with a reason.
    pub fn decide_appeal(
        &mut self,
        id: &str,
        accept: bool,
        by: &str,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<(), AppealProblem> {
        require(by)?;
        self.appeal_mut(id)?
            .decide(accept, by.trim(), at, reason.trim())?;
        Ok(())
    }

    /// Opens a decided appeal again, with a reason.
    pub fn reopen_appeal(
        &mut self,
        id: &str,
        by: &str,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<(), AppealProblem> {
        require(by)?;
        self.appeal_mut(id)?.reopen(by.trim(), at, reason.trim())?;
        Ok(())
    }

    /// Adds a remark to an appeal (a remark needs words, like a reason).
    pub fn comment_appeal(
        &mut self,
        id: &str,
        by: &str,
        at: NaiveDateTime,
        text: &str,
    ) -> Result<(), AppealProblem> {
        require(by)?;
        if text.trim().is_empty() {
            return Err(AppealError::ReasonRequired { id: id.to_string() }.into());
        }
        self.appeal_mut(id)?.comment(by.trim(), at, text.trim())?;
        Ok(())
    }

    /// The contact record keys that accepted appeals take out of the measured tables.
    pub fn excluded_record_keys(&self) -> BTreeSet<String> {
        excluded_by_appeals(&self.appeals).record_keys
    }

    /// The agent a review id belongs to (QA, survey or 360 subject).
    pub fn review_agent(&self, id: &str) -> Option<&str> {
        self.qa_reviews
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.agent.as_str())
            .or_else(|| {
                self.surveys
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.agent.as_str())
            })
            .or_else(|| {
                self.reviews360
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.subject.as_str())
            })
    }

    /// Whether `id` is a 360 peer review: its appeals never show the review itself.
    pub fn is_peer_review(&self, id: &str) -> bool {
        self.reviews360
            .iter()
            .any(|r| r.id == id && r.role == RaterRole::Peer)
    }

    /// The appeals about `agent`, oldest first. A record appeal's agent comes from the
    /// records (`store`).
    pub fn appeals_about<'a>(&'a self, agent: &str, store: &RecordStore) -> Vec<&'a Appeal> {
        self.appeals
            .iter()
            .filter(|appeal| match appeal.target() {
                AppealTarget::Review { id } => self.review_agent(id) == Some(agent),
                AppealTarget::Record { key } => record_of_agent(store, agent, key),
            })
            .collect()
    }

    /// The agent's QA reviews, surveys and self and manager 360 reviews in `period`
    /// (never peer reviews: peers are anonymous), QA first, each by date.
    pub fn contestable_reviews(&self, agent: &str, period: &str) -> Vec<ContestableReview> {
        let exclusions = excluded_by_appeals(&self.appeals);
        let forms = Self::forms();
        let form = |id: &str| forms.iter().find(|f| f.id == id);
        let in_period = |date: NaiveDate| PERIOD_KIND.label_of(date) == period;
        let mut qa: Vec<ContestableReview> = self
            .qa_reviews
            .iter()
            .filter(|q| q.agent == agent && in_period(q.period_date()))
            .map(|q| ContestableReview {
                id: q.id.clone(),
                kind: ReviewKind::Qa,
                by: Some(q.reviewer.clone()),
                contact: Some(q.conversation_id.clone()),
                on: Some(q.reviewed_on),
                score: form(&q.form_id).and_then(|f| qa_review_score(f, q).score),
                excluded: exclusions.excludes_qa_review(q),
            })
            .collect();
        let surveys = self
            .surveys
            .iter()
            .filter(|s| s.agent == agent && in_period(s.submitted_at.date()))
            .map(|s| {
                let csat = form(&s.form_id)
                    .and_then(|f| f.items().find(|i| matches!(i.input, ItemInput::Csat)))
                    .and_then(|item| s.answers.get(&item.id)?.number());
                ContestableReview {
                    id: s.id.clone(),
                    kind: ReviewKind::Survey,
                    by: None,
                    contact: s.contact_id.clone(),
                    on: Some(s.submitted_at.date()),
                    score: csat,
                    excluded: exclusions.excludes_survey(s),
                }
            });
        let reviews360 = self
            .reviews360
            .iter()
            .filter(|r| r.subject == agent && r.period == period)
            .filter_map(|r: &Review360| {
                let kind = match r.role {
                    RaterRole::SelfReview => ReviewKind::SelfReview,
                    RaterRole::Manager => ReviewKind::ManagerReview,
                    RaterRole::Peer => return None,
                };
                Some(ContestableReview {
                    id: r.id.clone(),
                    kind,
                    by: Some(r.rater.clone()),
                    contact: None,
                    on: None,
                    score: None,
                    excluded: exclusions.excludes_review(&r.id),
                })
            });
        qa.extend(surveys);
        qa.sort_by_key(|r| (r.kind != ReviewKind::Qa, r.on));
        qa.extend(reviews360);
        qa
    }
}

/// Whether `key` is the record key of one of `agent`'s records (its id, or the content
/// hash of a record without one).
pub fn record_of_agent(store: &RecordStore, agent: &str, key: &str) -> bool {
    (0..store.len()).any(|i| {
        store.agent(i) == agent
            && match store.id(i) {
                Some(id) => id == key,
                None => content_key(&store.record(i)) == key,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::feedback::builtin;
    use carescore_engine::feedback::response::{Answer, Answers};
    use carescore_engine::feedback::QaReview;
    use carescore_engine::metrics::GroupBy;
    use std::collections::BTreeMap;

    use crate::formats::saved_state;

    fn at(hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 10)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    /// A QA review: full marks, or zero on every non-critical item.
    fn qa(id: &str, agent: &str, full: bool) -> QaReview {
        let form = builtin::all()
            .into_iter()
            .find(|f| f.id == builtin::QA_AFTER_SALES_CHAT)
            .unwrap();
        let mut answers = Answers::new();
        for item in form.items() {
            if let ItemInput::QaCheck {
                points, critical, ..
            } = item.input
            {
                let mark = if full || critical { points } else { 0 };
                answers.insert(item.id.clone(), Answer::Number(f64::from(mark)));
            }
        }
        QaReview {
            id: id.into(),
            form_id: form.id.clone(),
            conversation_id: format!("C-{id}"),
            agent: agent.into(),
            reviewer: "Lee".into(),
            reviewed_on: "2026-03-05".parse().unwrap(),
            conversation_on: None,
            answers,
            item_comments: BTreeMap::new(),
            comment: None,
        }
    }

    fn qa_mean(store: &FeedbackStore) -> Option<f64> {
        store.agent_feedback("Ann", "2026-03").qa_score.value
    }

    fn two_reviews() -> FeedbackStore {
        let mut store = FeedbackStore::default();
        store.qa_reviews.push(qa("qa-1", "Ann", true));
        store.qa_reviews.push(qa("qa-2", "Ann", false));
        store
    }

    fn review(id: &str) -> AppealTarget {
        AppealTarget::Review { id: id.into() }
    }

    #[test]
    fn an_accepted_appeal_takes_a_qa_review_out_and_a_reopened_one_brings_it_back() {
        let mut store = two_reviews();
        let both = qa_mean(&store).unwrap();
        assert!(both < 100.0);
        let id = store
            .open_appeal(review("qa-2"), "Ann", at(9), "wrong rubric")
            .unwrap();
        assert_eq!(id, "appeal-1");
        assert_eq!(
            qa_mean(&store),
            Some(both),
            "an open appeal changes nothing"
        );
        store
            .decide_appeal(&id, true, "Mo", at(10), "rubric was wrong")
            .unwrap();
        assert_eq!(qa_mean(&store), Some(100.0));
        let table = store.table(GroupBy::Agent, &BTreeMap::new());
        assert_eq!(
            table.rows[0].values[table.column("qa_score_mean").unwrap()].sample,
            1
        );
        let listed = store.contestable_reviews("Ann", "2026-03");
        assert!(listed.iter().any(|r| r.id == "qa-2" && r.excluded));
        assert!(listed.iter().any(|r| r.id == "qa-1" && !r.excluded));

        store
            .reopen_appeal(&id, "Ann", at(11), "new evidence")
            .unwrap();
        assert_eq!(qa_mean(&store), Some(both), "reopened: counted again");
        store
            .decide_appeal(&id, false, "Mo", at(12), "rubric applies")
            .unwrap();
        assert_eq!(qa_mean(&store), Some(both), "rejected: still counted");
        let trail = store.appeal(&id).unwrap().trail();
        assert_eq!(trail.len(), 4);
        assert_eq!(trail[1].by, "Mo");
    }

    #[test]
    fn steps_that_break_the_rules_say_why() {
        let mut store = two_reviews();
        assert_eq!(
            store.open_appeal(review("qa-1"), "Ann", at(9), "  "),
            Err(AppealProblem::Appeal(AppealError::ReasonRequired {
                id: "appeal-1".into()
            }))
        );
        assert_eq!(
            store.open_appeal(review("qa-1"), " ", at(9), "x"),
            Err(AppealProblem::NameRequired)
        );
        let id = store
            .open_appeal(review("qa-1"), "Ann", at(9), "x")
            .unwrap();
        assert!(matches!(
            store.open_appeal(review("qa-1"), "Ann", at(9), "again"),
            Err(AppealProblem::Appeal(AppealError::AlreadyOpen { .. }))
        ));
        assert!(matches!(
            store.decide_appeal(&id, true, "Mo", at(10), ""),
            Err(AppealProblem::Appeal(AppealError::ReasonRequired { .. }))
        ));
        assert!(matches!(
            store.reopen_appeal(&id, "Mo", at(10), "why"),
            Err(AppealProblem::Appeal(AppealError::AlreadyOpen { .. }))
        ));
        assert_eq!(
            store.decide_appeal("appeal-9", true, "Mo", at(10), "ok"),
            Err(AppealProblem::Unknown {
                id: "appeal-9".into()
            })
        );
        store.decide_appeal(&id, true, "Mo", at(10), "ok").unwrap();
        assert!(matches!(
            store.decide_appeal(&id, false, "Mo", at(11), "no"),
            Err(AppealProblem::Appeal(AppealError::NotOpen { .. }))
        ));
        assert!(matches!(
            store.open_appeal(review("qa-1"), "Ann", at(11), "again"),
            Err(AppealProblem::Appeal(AppealError::NotOpen { .. }))
        ));
        store.comment_appeal(&id, "Mo", at(12), "noted").unwrap();
        assert_eq!(store.next_appeal_id(), "appeal-2");
    }

    #[test]
    fn appeals_alone_leave_the_store_empty_and_round_trip_in_the_saved_meta() {
        let mut store = two_reviews();
        let id = store
            .open_appeal(review("qa-1"), "Ann", at(9), "x")
            .unwrap();
        store.decide_appeal(&id, true, "Mo", at(10), "ok").unwrap();
        let text = serde_json::to_string(&store).unwrap();
        let back: FeedbackStore = serde_json::from_str(&text).unwrap();
        assert_eq!(back, store);

        let appeals_only = FeedbackStore {
            appeals: store.appeals.clone(),
            ..FeedbackStore::default()
        };
        assert!(appeals_only.is_empty());

        // A meta saved before appeals existed still reads, with none.
        let fixture = include_str!("../tests/fixtures/saved_state/v1-first.json");
        assert!(!fixture.contains("appeals"));
        assert!(saved_state::from_json(fixture)
            .unwrap()
            .feedback
            .appeals
            .is_empty());
        let mut work = saved_state::from_json(fixture).unwrap();
        work.feedback = store.clone();
        let again = saved_state::from_json(&saved_state::to_json(&work)).unwrap();
        assert_eq!(again.feedback.appeals, store.appeals);
        let older = r#"{"surveys": [], "qa_reviews": [], "reviews360": [], "anonymity_k": 3}"#;
        let older: FeedbackStore = serde_json::from_str(older).unwrap();
        assert!(older.appeals.is_empty());
    }

    #[test]
    fn peer_reviews_are_never_listed_and_accepted_ones_leave_the_summary() {
        let mut store = FeedbackStore::default();
        let form = builtin::review360(RaterRole::Peer);
        for rater in ["Bo", "Cy", "Di"] {
            let mut answers = Answers::new();
            for item in form.items() {
                if item.dimension.is_some() {
                    answers.insert(item.id.clone(), Answer::Number(4.0));
                }
            }
            store.reviews360.push(Review360 {
                id: format!("r360-{rater}"),
                form_id: form.id.clone(),
                subject: "Ann".into(),
                rater: rater.into(),
                role: RaterRole::Peer,
                period: "2026-03".into(),
                answers,
                comment: None,
            });
        }
        let mut manager = store.reviews360[0].clone();
        manager.id = "r360-m".into();
        manager.role = RaterRole::Manager;
        manager.form_id = builtin::review360_id(RaterRole::Manager);
        store.reviews360.push(manager);
        let listed = store.contestable_reviews("Ann", "2026-03");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].kind, ReviewKind::ManagerReview);
        assert!(store.is_peer_review("r360-Bo"));

        assert_eq!(store.peer_summary("Ann", "2026-03").peers(), 3);
        let id = store
            .open_appeal(review("r360-Bo"), "Ann", at(9), "x")
            .unwrap();
        store.decide_appeal(&id, true, "Mo", at(10), "ok").unwrap();
        assert_eq!(store.peer_summary("Ann", "2026-03").peers(), 2);
        assert_eq!(
            store.agent_feedback("Ann", "2026-03").manager_review.sample,
            1
        );
    }

    #[test]
    fn an_accepted_record_appeal_leaves_the_record_out_of_the_measures() {
        use crate::measured::Measured;
        use crate::scores::row_index;
        use carescore_engine::demo::DemoConfig;
        use carescore_engine::records::keys::record_key;
        use carescore_engine::scorecard::defaults::default_history;

        let history = default_history();
        let ws = Measured::demo_with(&DemoConfig::default(), &history).unwrap();
        let agent = ws.store.agent(0).to_string();
        let key = record_key(&ws.store, 0);
        let period = PERIOD_KIND.label_of(ws.store.opened_at(0).date());
        assert!(record_of_agent(&ws.store, &agent, &key));
        assert!(!record_of_agent(&ws.store, "Nobody", &key));
        let records = |ws: &Measured| {
            let row = row_index(&ws.agents, &agent, &period).unwrap();
            ws.agents.rows[row].records
        };
        let before = records(&ws);

        let mut store = FeedbackStore::default();
        let target = AppealTarget::Record { key: key.clone() };
        let id = store
            .open_appeal(target, &agent, at(9), "test call")
            .unwrap();
        assert_eq!(store.appeals_about(&agent, &ws.store).len(), 1);
        assert!(store.appeals_about("Nobody", &ws.store).is_empty());
        assert!(ws
            .with_exclusions(&history, store.excluded_record_keys())
            .is_none());
        store.decide_appeal(&id, true, "Mo", at(10), "ok").unwrap();
        let out = ws
            .with_exclusions(&history, store.excluded_record_keys())
            .expect("measured again");
        assert_eq!(records(&out), before - 1);
        assert_eq!(
            out.store.len(),
            ws.store.len(),
            "the store keeps every record"
        );
        assert_eq!(out.excluded_records, BTreeSet::from([key]));

        store.reopen_appeal(&id, &agent, at(11), "again").unwrap();
        let back = out
            .with_exclusions(&history, store.excluded_record_keys())
            .expect("measured again");
        assert_eq!(records(&back), before);
    }
}
