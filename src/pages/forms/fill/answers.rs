//! From what was typed to a stored response: the answers read per item, the subject
//! checked for the form's kind, and the engine's check of the whole response. Every
//! problem is kept with the item or subject field it belongs to.

use std::collections::BTreeMap;

use carescore_engine::feedback::response::NOT_APPLICABLE;
use carescore_engine::feedback::validate::{check_qa_review, check_review360, check_survey};
use carescore_engine::feedback::{
    Answer, Answers, FormKind, FormTemplate, ItemInput, QaReview, RaterRole, Review360,
    SurveyResponse,
};
use carescore_workspace::draft::parse_number;
use carescore_workspace::feedback::FeedbackStore;
use chrono::NaiveDate;
use leptos::prelude::*;

use super::subject::Subject;
use super::{Problem, Slot};
use crate::state::AppState;

/// The typed answers: raw text per item id (a number, an option id, free text or `n/a`).
/// Blank answers are left out; a required item without one, and a number that does not
/// read, become problems here (the engine checks ranges and kinds afterwards).
pub fn parse_answers(
    form: &FormTemplate,
    raw: &BTreeMap<String, String>,
) -> (Answers, Vec<(Slot, Problem)>) {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    for item in form.items() {
        let text = raw.get(&item.id).map(|t| t.trim()).unwrap_or("");
        if text.is_empty() {
            if item.required {
                problems.push((item.id.clone(), Problem::Key("forms.required")));
            }
            continue;
        }
        let answer = match &item.input {
            ItemInput::FreeText | ItemInput::SingleChoice { .. } => Answer::Text(text.to_string()),
            ItemInput::QaCheck { .. } if text.eq_ignore_ascii_case(NOT_APPLICABLE) => {
                Answer::Text(NOT_APPLICABLE.to_string())
            }
            _ => match parse_number(text) {
                Some(value) => Answer::Number(value),
                None => {
                    problems.push((item.id.clone(), Problem::Key("forms.not_a_number")));
                    continue;
                }
            },
        };
        answers.insert(item.id.clone(), answer);
    }
    (answers, problems)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The new store with the response added, if the subject and the engine accept it; every
/// problem found is added to `found`.
pub(super) fn build_response(
    state: AppState,
    form: &FormTemplate,
    subject: Subject,
    answers: Answers,
    found: &mut Vec<(Slot, Problem)>,
) -> Option<FeedbackStore> {
    let mut store = (*state.feedback_untracked().0).clone();
    let text = |signal: RwSignal<String>| signal.get_untracked().trim().to_string();
    let agent = text(subject.agent);
    if agent.is_empty() {
        found.push(("subject.agent".into(), Problem::Key("forms.need_agent")));
    }
    let mut need = |slot: &str, value: Option<String>, key: &'static str| {
        if value.is_none() {
            found.push((slot.to_string(), Problem::Key(key)));
        }
        value
    };
    let engine = match form.kind {
        FormKind::Survey | FormKind::SchemeFeedback => {
            let date = need(
                "subject.date",
                parse_date(&text(subject.date)).map(|d| d.to_string()),
                "forms.need_date",
            );
            let reference = text(subject.reference);
            let response = SurveyResponse {
                id: store.next_id("survey"),
                form_id: form.id.clone(),
                contact_id: (!reference.is_empty()).then_some(reference),
                agent,
                submitted_at: parse_date(&date?)?.and_hms_opt(12, 0, 0)?,
                answers,
            };
            let problems = check_survey(form, &response);
            store.surveys.push(response);
            problems
        }
        FormKind::Qa => {
            let reference = text(subject.reference);
            let conversation = need(
                "subject.reference",
                (!reference.is_empty()).then_some(reference),
                "forms.need_conversation",
            );
            let reviewer = text(subject.reviewer);
            let reviewer = need(
                "subject.reviewer",
                (!reviewer.is_empty()).then_some(reviewer),
                "forms.need_reviewer",
            );
            let conversation_on = need(
                "subject.date",
                parse_date(&text(subject.date)).map(|d| d.to_string()),
                "forms.need_date",
            );
            let reviewed_on = need(
                "subject.reviewed_on",
                parse_date(&text(subject.reviewed_on)).map(|d| d.to_string()),
                "forms.need_date",
            );
            let comment = text(subject.comment);
            let review = QaReview {
                id: store.next_id("qa"),
                form_id: form.id.clone(),
                conversation_id: conversation?,
                agent,
                reviewer: reviewer?,
                reviewed_on: parse_date(&reviewed_on?)?,
                conversation_on: Some(parse_date(&conversation_on?)?),
                answers,
                item_comments: BTreeMap::new(),
                comment: (!comment.is_empty()).then_some(comment),
            };
            let problems = check_qa_review(form, &review);
            store.qa_reviews.push(review);
            problems
        }
        FormKind::Review360 { role } => {
            let rater = if role == RaterRole::SelfReview {
                agent.clone()
            } else {
                text(subject.reviewer)
            };
            let rater = need(
                "subject.reviewer",
                (!rater.is_empty()).then_some(rater),
                "forms.need_rater",
            );
            let period = text(subject.period);
            let period = need(
                "subject.period",
                (!period.is_empty()).then_some(period),
                "forms.need_period",
            );
            let review = Review360 {
                id: store.next_id("r360"),
                form_id: form.id.clone(),
                subject: agent,
                rater: rater?,
                role,
                period: period?,
                answers,
                comment: None,
            };
            let problems = check_review360(form, &review);
            store.reviews360.push(review);
            problems
        }
    };
    for problem in engine {
        let slot = problem
            .item_id
            .clone()
            .unwrap_or_else(|| "form".to_string());
        // Our own sentence for an item says it already (a required item left blank).
        if !found.iter().any(|(s, _)| *s == slot) {
            found.push((slot, Problem::Engine(problem.message)));
        }
    }
    Some(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::feedback::builtin;

    #[test]
    fn answers_are_typed_by_item_and_blank_required_items_are_problems() {
        let form = builtin::qa_after_sales_chat();
        let mut raw = BTreeMap::new();
        raw.insert("greeting".to_string(), " 4,5 ".to_string());
        raw.insert("identity_check".to_string(), "N/A".to_string());
        raw.insert("tone".to_string(), "lots".to_string());
        let (answers, problems) = parse_answers(&form, &raw);
        assert_eq!(answers["greeting"], Answer::Number(4.5));
        assert!(answers["identity_check"].is_not_applicable());
        assert!(!answers.contains_key("tone"));
        let slots: Vec<&str> = problems.iter().map(|(s, _)| s.as_str()).collect();
        assert!(slots.contains(&"tone"), "{slots:?}");
        assert!(problems.contains(&("tone".to_string(), Problem::Key("forms.not_a_number"))));
        let required = form.items().filter(|i| i.required).count();
        // Every required item but the two answered, plus the unreadable number.
        assert_eq!(problems.len(), required - 2);

        let survey = builtin::customer_survey();
        let mut raw = BTreeMap::new();
        raw.insert("csat".to_string(), "5".to_string());
        raw.insert("comment".to_string(), "  ".to_string());
        let (answers, problems) = parse_answers(&survey, &raw);
        assert_eq!(answers.len(), 1);
        assert!(problems.is_empty());
        let (_, problems) = parse_answers(&survey, &BTreeMap::new());
        assert_eq!(
            problems,
            [("csat".to_string(), Problem::Key("forms.required"))]
        );
    }
}
