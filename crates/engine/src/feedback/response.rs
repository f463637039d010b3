//! Filled forms: customer survey responses, QA reviews and 360 reviews. Each carries a
//! stable `id` (what appeals name), the id of its form, and answers keyed by item id.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::form::RaterRole;

/// The spelling of "not applicable" for a QA item that allows it.
pub const NOT_APPLICABLE: &str = "n/a";

/// One answer. JSON: a number (`5`, `3.5`) or a string (free text, a choice's option id,
/// or [`NOT_APPLICABLE`] for a QA item).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Number(f64),
    Text(String),
}

impl Answer {
    pub fn number(&self) -> Option<f64> {
        match self {
            Answer::Number(value) => Some(*value),
            Answer::Text(_) => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Answer::Text(text) => Some(text),
            Answer::Number(_) => None,
        }
    }

    /// A QA mark of "not applicable" (`"n/a"`, any case).
    pub fn is_not_applicable(&self) -> bool {
        self.text()
            .is_some_and(|text| text.trim().eq_ignore_ascii_case(NOT_APPLICABLE))
    }
}

/// Answers keyed by item id; sorted so files diff cleanly.
pub type Answers = BTreeMap<String, Answer>;

/// A customer's answers to a survey after a contact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyResponse {
    /// Stable id (the survey tool's response id).
    pub id: String,
    /// The [`super::form::FormTemplate`] answered.
    pub form_id: String,
    /// The contact's record key, when the survey is tied to one (an appeal that excludes
    /// the contact also excludes its survey).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The agent the survey is about.
    pub agent: String,
    /// When the customer submitted it (local time, no zone); decides the period.
    pub submitted_at: NaiveDateTime,
    pub answers: Answers,
}

/// A QA reviewer's marks for one conversation against a QA rubric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QaReview {
    /// Stable id of the review.
    pub id: String,
    /// The QA rubric used.
    pub form_id: String,
    /// The conversation's record key; an appeal that excludes it excludes this review.
    pub conversation_id: String,
    /// The agent whose conversation was reviewed.
    pub agent: String,
    pub reviewer: String,
    pub reviewed_on: NaiveDate,
    /// The conversation's own date, when known: it decides the period (the work happened
    /// then); without it the review date does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_on: Option<NaiveDate>,
    /// Points earned per QA item, or `"n/a"`.
    pub answers: Answers,
    /// Remarks on single items, keyed by item id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub item_comments: BTreeMap<String, String>,
    /// An overall remark for the agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl QaReview {
    /// The date that decides the review's period.
    pub fn period_date(&self) -> NaiveDate {
        self.conversation_on.unwrap_or(self.reviewed_on)
    }
}

/// One rater's 360 questionnaire about one agent for one period. Raw peer reviews never
/// leave the workspace: exports use [`super::anonymity::PeerSummary`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review360 {
    pub id: String,
    pub form_id: String,
    /// The agent reviewed.
    pub subject: String,
    /// Who answered (for a self review, the subject).
    pub rater: String,
    pub role: RaterRole,
    /// Period label ([`crate::period`]) the review covers, e.g. `2026-Q3`.
    pub period: String,
    pub answers: Answers,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_numbers_texts_and_not_applicable() {
        let json = r#"{
            "id": "qa-1", "form_id": "builtin.qa_after_sales_chat", "conversation_id": "C1",
            "agent": "Ann", "reviewer": "Rita", "reviewed_on": "2026-03-02",
            "answers": {"greeting": 5, "tone": 7.5, "identity_check": "n/a"}
        }"#;
        let review: QaReview = serde_json::from_str(json).unwrap();
        assert_eq!(review.answers["greeting"], Answer::Number(5.0));
        assert_eq!(review.answers["tone"].number(), Some(7.5));
        assert!(review.answers["identity_check"].is_not_applicable());
        assert!(!Answer::Text("n/a please".into()).is_not_applicable());
        assert_eq!(review.period_date(), review.reviewed_on);
        let back: QaReview =
            serde_json::from_str(&serde_json::to_string(&review).unwrap()).unwrap();
        assert_eq!(back, review);
        let unknown = json.replace("\"agent\"", "\"agnet\"");
        assert!(serde_json::from_str::<QaReview>(&unknown).is_err());
    }

    #[test]
    fn survey_dates_are_local_wall_time() {
        let json = r#"{"id": "s1", "form_id": "f", "agent": "Ann",
            "submitted_at": "2026-03-02T10:15:00", "answers": {"csat": 4, "comment": "快"}}"#;
        let response: SurveyResponse = serde_json::from_str(json).unwrap();
        assert_eq!(response.submitted_at.to_string(), "2026-03-02 10:15:00");
        assert_eq!(response.answers["comment"].text(), Some("快"));
        let text = serde_json::to_string(&response).unwrap();
        assert!(
            text.contains("\"submitted_at\":\"2026-03-02T10:15:00\""),
            "{text}"
        );
    }
}
