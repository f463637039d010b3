//! Appeals (申诉): an agent contests a contact record or a review. An appeal is decided
//! open -> accepted or rejected, with a reason, and may be reopened; every step is kept
//! in an append-only audit trail (who, when, what), so the history of a score stays
//! explainable. Accepted appeals give the [`Exclusions`] that scoring skips.
//!
//! The trail cannot be edited through the type: fields are private, steps are added by
//! [`Appeal::decide`], [`Appeal::comment`] and [`Appeal::reopen`] only, and a file is
//! read back through the same rules (a trail that breaks them is refused).

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::response::{QaReview, SurveyResponse};

/// What an appeal contests. JSON: `{"kind": "record", "key": "C123"}` or
/// `{"kind": "review", "id": "qa-42"}`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AppealTarget {
    /// A contact record, by its record key ([`crate::records::keys::record_key`]).
    Record { key: String },
    /// A QA review, survey response or 360 review, by its id.
    Review { id: String },
}

/// Where an appeal stands: the last decision in its trail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealStatus {
    Open,
    Accepted,
    Rejected,
}

/// What happened at one step of an appeal. JSON: `{"action": "accepted", "reason": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum AppealAction {
    /// The appeal was raised, with the agent's grounds.
    Opened {
        reason: String,
    },
    /// A remark that changes nothing.
    Commented {
        text: String,
    },
    Accepted {
        reason: String,
    },
    Rejected {
        reason: String,
    },
    /// A decided appeal is open again (new evidence).
    Reopened {
        reason: String,
    },
}

/// One step of the audit trail. (No `deny_unknown_fields` here: serde does not support
/// it with `flatten`; [`AppealAction`] refuses unknown keys instead.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Who took the step.
    pub by: String,
    /// When (local time, no zone).
    pub at: NaiveDateTime,
    #[serde(flatten)]
    pub action: AppealAction,
}

/// Why a step cannot be added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AppealError {
    /// Only an open appeal can be decided.
    NotOpen { id: String, status: AppealStatus },
    /// Only a decided appeal can be reopened.
    AlreadyOpen { id: String },
    /// Accepting, rejecting and reopening need a reason.
    ReasonRequired { id: String },
    /// Steps are in time order: this one is dated before the last.
    BeforeLastStep { id: String },
    /// A file's trail must start with the appeal being opened, and only then.
    BadTrail { id: String },
}

impl std::fmt::Display for AppealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppealError::NotOpen { id, status } => {
                let status = match status {
                    AppealStatus::Open => "open",
                    AppealStatus::Accepted => "accepted",
                    AppealStatus::Rejected => "rejected",
                };
                write!(f, "appeal `{id}` is already {status}; reopen it first")
            }
            AppealError::AlreadyOpen { id } => write!(f, "appeal `{id}` is already open"),
            AppealError::ReasonRequired { id } => {
                write!(f, "appeal `{id}`: a decision needs a reason")
            }
            AppealError::BeforeLastStep { id } => write!(
                f,
                "appeal `{id}`: a step cannot be dated before the previous one"
            ),
            AppealError::BadTrail { id } => write!(
                f,
                "appeal `{id}`: the trail must start with `opened` and follow open -> decided -> reopened"
            ),
        }
    }
}

impl std::error::Error for AppealError {}

/// An appeal and its full history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AppealFile")]
pub struct Appeal {
    id: String,
    target: AppealTarget,
    trail: Vec<AuditEntry>,
}

/// An appeal as a file holds it, checked on the way in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppealFile {
    id: String,
    target: AppealTarget,
    trail: Vec<AuditEntry>,
}

impl TryFrom<AppealFile> for Appeal {
    type Error = AppealError;

    fn try_from(file: AppealFile) -> Result<Appeal, AppealError> {
        let mut entries = file.trail.into_iter();
        let bad = || AppealError::BadTrail {
            id: file.id.clone(),
        };
        let first = entries.next().ok_or_else(bad)?;
        let AppealAction::Opened { reason } = first.action else {
            return Err(bad());
        };
        let mut appeal = Appeal::open(&file.id, file.target.clone(), &first.by, first.at, &reason);
        for entry in entries {
            appeal.push(entry).map_err(|error| match error {
                AppealError::BeforeLastStep { .. } => error,
                _ => bad(),
            })?;
        }
        Ok(appeal)
    }
}

impl Appeal {
    /// A new open appeal.
    pub fn open(
        id: &str,
        target: AppealTarget,
        by: &str,
        at: NaiveDateTime,
        reason: &str,
    ) -> Appeal {
        Appeal {
            id: id.to_string(),
            target,
            trail: vec![AuditEntry {
                by: by.to_string(),
                at,
                action: AppealAction::Opened {
                    reason: reason.to_string(),
                },
            }],
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn target(&self) -> &AppealTarget {
        &self.target
    }

    /// Every step, oldest first; the first is always `Opened`.
    pub fn trail(&self) -> &[AuditEntry] {
        &self.trail
    }

    /// The status after the last decision.
    pub fn status(&self) -> AppealStatus {
        self.trail
            .iter()
            .rev()
            .find_map(|entry| match entry.action {
                AppealAction::Opened { .. } | AppealAction::Reopened { .. } => {
                    Some(AppealStatus::Open)
                }
                AppealAction::Accepted { .. } => Some(AppealStatus::Accepted),
                AppealAction::Rejected { .. } => Some(AppealStatus::Rejected),
                AppealAction::Commented { .. } => None,
            })
            .unwrap_or(AppealStatus::Open)
    }

    /// The reason of the decision in force, if decided.
    pub fn decision_reason(&self) -> Option<&str> {
        match &self
            .trail
            .iter()
            .rev()
            .find(|entry| !matches!(entry.action, AppealAction::Commented { .. }))?
            .action
        {
            AppealAction::Accepted { reason } | AppealAction::Rejected { reason } => Some(reason),
            _ => None,
        }
    }

    /// Accepts (`accept = true`) or rejects an open appeal, with a reason.
    pub fn decide(
        &mut self,
        accept: bool,
        by: &str,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<(), AppealError> {
        let reason = reason.to_string();
        let action = if accept {
            AppealAction::Accepted { reason }
        } else {
            AppealAction::Rejected { reason }
        };
        self.push(AuditEntry {
            by: by.to_string(),
            at,
            action,
        })
    }

    /// Adds a remark (any status).
    pub fn comment(&mut self, by: &str, at: NaiveDateTime, text: &str) -> Result<(), AppealError> {
        self.push(AuditEntry {
            by: by.to_string(),
            at,
            action: AppealAction::Commented {
                text: text.to_string(),
            },
        })
    }

    /// Opens a decided appeal again.
    pub fn reopen(&mut self, by: &str, at: NaiveDateTime, reason: &str) -> Result<(), AppealError> {
        self.push(AuditEntry {
            by: by.to_string(),
            at,
            action: AppealAction::Reopened {
                reason: reason.to_string(),
            },
        })
    }

    /// The one way a step is added: in time order, and only where it makes sense.
    fn push(&mut self, entry: AuditEntry) -> Result<(), AppealError> {
        let id = || self.id.clone();
        if self.trail.last().is_some_and(|last| entry.at < last.at) {
            return Err(AppealError::BeforeLastStep { id: id() });
        }
        let status = self.status();
        match &entry.action {
            AppealAction::Opened { .. } => return Err(AppealError::BadTrail { id: id() }),
            AppealAction::Commented { .. } => {}
            AppealAction::Accepted { reason } | AppealAction::Rejected { reason } => {
                if status != AppealStatus::Open {
                    return Err(AppealError::NotOpen { id: id(), status });
                }
                if reason.trim().is_empty() {
                    return Err(AppealError::ReasonRequired { id: id() });
                }
            }
            AppealAction::Reopened { reason } => {
                if status == AppealStatus::Open {
                    return Err(AppealError::AlreadyOpen { id: id() });
                }
                if reason.trim().is_empty() {
                    return Err(AppealError::ReasonRequired { id: id() });
                }
            }
        }
        self.trail.push(entry);
        Ok(())
    }
}

/// What accepted appeals take out of scoring.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusions {
    /// Contact record keys.
    pub record_keys: BTreeSet<String>,
    /// Ids of QA reviews, survey responses and 360 reviews.
    pub review_ids: BTreeSet<String>,
}

impl Exclusions {
    /// Nothing excluded.
    pub fn none() -> Exclusions {
        Exclusions::default()
    }

    pub fn excludes_record(&self, key: &str) -> bool {
        self.record_keys.contains(key)
    }

    pub fn excludes_review(&self, id: &str) -> bool {
        self.review_ids.contains(id)
    }

    /// A survey is out when it is, or its contact is.
    pub fn excludes_survey(&self, response: &SurveyResponse) -> bool {
        self.excludes_review(&response.id)
            || response
                .contact_id
                .as_deref()
                .is_some_and(|key| self.excludes_record(key))
    }

    /// A QA review is out when it is, or its conversation is.
    pub fn excludes_qa_review(&self, review: &QaReview) -> bool {
        self.excludes_review(&review.id) || self.excludes_record(&review.conversation_id)
    }
}

/// The record keys and review ids of the appeals currently accepted (a reopened appeal
/// no longer excludes anything until it is accepted again).
pub fn excluded_by_appeals(appeals: &[Appeal]) -> Exclusions {
    let mut exclusions = Exclusions::default();
    for appeal in appeals {
        if appeal.status() != AppealStatus::Accepted {
            continue;
        }
        match &appeal.target {
            AppealTarget::Record { key } => exclusions.record_keys.insert(key.clone()),
            AppealTarget::Review { id } => exclusions.review_ids.insert(id.clone()),
        };
    }
    exclusions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn record(key: &str) -> AppealTarget {
        AppealTarget::Record {
            key: key.to_string(),
        }
    }

    #[test]
    fn decisions_follow_the_life_cycle_and_keep_the_trail() {
        let mut appeal = Appeal::open("a1", record("C1"), "Ann", at(2, 9), "customer was abusive");
        assert_eq!(appeal.status(), AppealStatus::Open);
        appeal
            .comment("Lee", at(2, 10), "checking the recording")
            .unwrap();
        assert_eq!(
            appeal.decide(true, "Lee", at(2, 11), " "),
            Err(AppealError::ReasonRequired { id: "a1".into() })
        );
        appeal
            .decide(true, "Lee", at(2, 11), "abuse confirmed")
            .unwrap();
        assert_eq!(appeal.status(), AppealStatus::Accepted);
        assert_eq!(appeal.decision_reason(), Some("abuse confirmed"));
        let again = appeal.decide(false, "Lee", at(2, 12), "changed my mind");
        assert_eq!(
            again.unwrap_err().to_string(),
            "appeal `a1` is already accepted; reopen it first"
        );
        assert_eq!(
            appeal.comment("Lee", at(1, 12), "late note"),
            Err(AppealError::BeforeLastStep { id: "a1".into() })
        );
        appeal.reopen("Max", at(3, 9), "new evidence").unwrap();
        assert_eq!(appeal.status(), AppealStatus::Open);
        assert_eq!(appeal.decision_reason(), None);
        appeal
            .decide(false, "Max", at(3, 10), "the agent misquoted the policy")
            .unwrap();
        assert_eq!(appeal.status(), AppealStatus::Rejected);
        let actions: Vec<&str> = appeal
            .trail()
            .iter()
            .map(|entry| match entry.action {
                AppealAction::Opened { .. } => "opened",
                AppealAction::Commented { .. } => "commented",
                AppealAction::Accepted { .. } => "accepted",
                AppealAction::Rejected { .. } => "rejected",
                AppealAction::Reopened { .. } => "reopened",
            })
            .collect();
        assert_eq!(
            actions,
            ["opened", "commented", "accepted", "reopened", "rejected"]
        );
    }

    #[test]
    fn files_round_trip_and_bad_trails_are_refused() {
        let mut appeal = Appeal::open(
            "a1",
            AppealTarget::Review { id: "qa-9".into() },
            "Ann",
            at(2, 9),
            "wrong rubric",
        );
        appeal
            .decide(true, "Lee", at(2, 11), "rubric was wrong")
            .unwrap();
        let json = serde_json::to_value(&appeal).unwrap();
        assert_eq!(
            json["target"],
            serde_json::json!({"kind": "review", "id": "qa-9"})
        );
        assert_eq!(
            json["trail"][1],
            serde_json::json!({"by": "Lee", "at": "2026-03-02T11:00:00",
                               "action": "accepted", "reason": "rubric was wrong"})
        );
        let back: Appeal = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, appeal);

        let mut twice = json.clone();
        let decision = twice["trail"][1].clone();
        twice["trail"].as_array_mut().unwrap().push(decision);
        let error = serde_json::from_value::<Appeal>(twice)
            .unwrap_err()
            .to_string();
        assert!(error.contains("must start with `opened`"), "{error}");
        let mut typo = json.clone();
        typo["trail"][1]["reasn"] = serde_json::json!("x");
        assert!(
            serde_json::from_value::<Appeal>(typo).is_err(),
            "unknown keys are refused"
        );
        let mut headless = json;
        headless["trail"].as_array_mut().unwrap().remove(0);
        assert!(serde_json::from_value::<Appeal>(headless).is_err());
    }

    #[test]
    fn only_accepted_appeals_exclude() {
        let mut accepted = Appeal::open("a1", record("C1"), "Ann", at(2, 9), "x");
        accepted.decide(true, "Lee", at(2, 10), "ok").unwrap();
        let mut rejected = Appeal::open("a2", record("C2"), "Ann", at(2, 9), "x");
        rejected.decide(false, "Lee", at(2, 10), "no").unwrap();
        let open = Appeal::open("a3", record("C3"), "Ann", at(2, 9), "x");
        let mut review = Appeal::open(
            "a4",
            AppealTarget::Review { id: "qa-1".into() },
            "Bo",
            at(2, 9),
            "x",
        );
        review.decide(true, "Lee", at(2, 10), "ok").unwrap();
        let exclusions = excluded_by_appeals(&[accepted, rejected, open, review]);
        assert_eq!(exclusions.record_keys, BTreeSet::from(["C1".to_string()]));
        assert_eq!(exclusions.review_ids, BTreeSet::from(["qa-1".to_string()]));
        assert!(exclusions.excludes_record("C1") && !exclusions.excludes_record("C3"));
    }
}
