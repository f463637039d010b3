//! Checking a filled form against its template: every answer names a known item, has the
//! item's type and range, and every required item is answered. Messages name the item
//! (id and English label) so a user can find it in the file or on screen.

use serde::Serialize;

use super::form::{item_name, FormKind, FormTemplate, ItemInput};
use super::response::{Answer, Answers, QaReview, Review360, SurveyResponse};

/// One problem with a filled form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerProblem {
    /// The item concerned; `None` for a problem with the whole response (wrong form).
    pub item_id: Option<String>,
    /// Plain English, naming the item.
    pub message: String,
}

impl std::fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn problem(item_id: &str, message: String) -> AnswerProblem {
    AnswerProblem {
        item_id: Some(item_id.to_string()),
        message,
    }
}

/// Problems of `answers` against `form`, in form order (unknown items last, by id).
pub fn check_answers(form: &FormTemplate, answers: &Answers) -> Vec<AnswerProblem> {
    let mut problems = Vec::new();
    for item in form.items() {
        let name = item_name(item);
        let Some(answer) = answers.get(&item.id) else {
            if item.required {
                problems.push(problem(
                    &item.id,
                    format!("{name} is required but has no answer"),
                ));
            }
            continue;
        };
        if let Some(message) = answer_problem(&item.input, answer) {
            problems.push(problem(&item.id, format!("{name}: {message}")));
        }
    }
    for id in answers.keys() {
        if form.item(id).is_none() {
            problems.push(problem(
                id,
                format!("item `{id}` is not on form `{}`", form.id),
            ));
        }
    }
    problems
}

/// What is wrong with one answer to an item of this input, if anything.
fn answer_problem(input: &ItemInput, answer: &Answer) -> Option<String> {
    match (input, answer) {
        (ItemInput::QaCheck { allow_na, .. }, answer) if answer.is_not_applicable() => {
            (!allow_na).then(|| "this item cannot be marked n/a".to_string())
        }
        (ItemInput::FreeText, Answer::Text(_)) => None,
        (ItemInput::FreeText, Answer::Number(value)) => {
            Some(format!("expected text, found the number {value}"))
        }
        (ItemInput::SingleChoice { options }, Answer::Text(choice)) => {
            (!options.iter().any(|option| &option.id == choice)).then(|| {
                let known: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
                format!(
                    "`{choice}` is not one of the options ({})",
                    known.join(", ")
                )
            })
        }
        (ItemInput::SingleChoice { .. }, Answer::Number(value)) => Some(format!(
            "expected the id of an option, found the number {value}"
        )),
        (_, Answer::Text(text)) => Some(match input {
            ItemInput::QaCheck { .. } => format!("expected points or \"n/a\", found \"{text}\""),
            _ => format!("expected a number, found \"{text}\""),
        }),
        (input, Answer::Number(value)) => {
            let (min, max) = input.range()?;
            if !value.is_finite() || *value < min || *value > max {
                Some(format!("{value} is outside {min}-{max}"))
            } else if input.wants_whole_number() && value.fract() != 0.0 {
                Some(format!("{value} is not a whole number"))
            } else {
                None
            }
        }
    }
}

/// The whole-response check shared by the three kinds: the right form, of the right kind.
fn check_form(
    form: &FormTemplate,
    form_id: &str,
    kind_ok: bool,
    expected: &str,
    answers: &Answers,
) -> Vec<AnswerProblem> {
    if form.id != form_id {
        return vec![AnswerProblem {
            item_id: None,
            message: format!(
                "the response is for form `{form_id}`, not for form `{}`",
                form.id
            ),
        }];
    }
    if !kind_ok {
        return vec![AnswerProblem {
            item_id: None,
            message: format!("form `{}` is not {expected}", form.id),
        }];
    }
    check_answers(form, answers)
}

/// A survey response answers a survey or scheme-feedback form.
pub fn check_survey(form: &FormTemplate, response: &SurveyResponse) -> Vec<AnswerProblem> {
    let kind_ok = matches!(form.kind, FormKind::Survey | FormKind::SchemeFeedback);
    check_form(
        form,
        &response.form_id,
        kind_ok,
        "a survey or scheme-feedback form",
        &response.answers,
    )
}

/// A QA review answers a QA rubric.
pub fn check_qa_review(form: &FormTemplate, review: &QaReview) -> Vec<AnswerProblem> {
    check_form(
        form,
        &review.form_id,
        form.kind == FormKind::Qa,
        "a QA rubric",
        &review.answers,
    )
}

/// A 360 review answers the 360 questionnaire of its rater's role.
pub fn check_review360(form: &FormTemplate, review: &Review360) -> Vec<AnswerProblem> {
    let expected = format!("a 360 questionnaire for {} raters", review.role.as_str());
    check_form(
        form,
        &review.form_id,
        form.kind == FormKind::Review360 { role: review.role },
        &expected,
        &review.answers,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::builtin;

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs
            .iter()
            .map(|(id, answer)| (id.to_string(), answer.clone()))
            .collect()
    }

    #[test]
    fn survey_answers_are_checked_item_by_item() {
        let form = builtin::customer_survey();
        let good = answers(&[
            ("csat", Answer::Number(5.0)),
            ("nps", Answer::Number(0.0)),
            ("ces", Answer::Number(7.0)),
            ("comment", Answer::Text("很好".into())),
        ]);
        assert_eq!(check_answers(&form, &good), []);
        let bad = answers(&[
            ("nps", Answer::Number(11.0)),
            ("ces", Answer::Number(2.5)),
            ("comment", Answer::Number(3.0)),
            ("colour", Answer::Text("blue".into())),
        ]);
        let messages: Vec<String> = check_answers(&form, &bad)
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(
            messages,
            [
                "item `csat` (Overall, how satisfied are you with the service?) is required but has no answer",
                "item `nps` (How likely are you to recommend us to a friend?): 11 is outside 0-10",
                "item `ces` (The agent made it easy to handle my issue.): 2.5 is not a whole number",
                "item `comment` (Anything else you would like to tell us?): expected text, found the number 3",
                "item `colour` is not on form `builtin.customer_survey`",
            ]
        );
    }

    #[test]
    fn qa_marks_allow_fractions_and_na_only_where_allowed() {
        let form = builtin::qa_after_sales_chat();
        let mut marks = answers(&[
            ("greeting", Answer::Number(2.5)),
            ("identity_check", Answer::Text("n/a".into())),
            ("problem_understanding", Answer::Number(15.0)),
            ("policy_accuracy", Answer::Text("N/A".into())),
            ("refund_return_handling", Answer::Number(25.0)),
            ("tone", Answer::Text("good".into())),
            ("closing", Answer::Number(5.0)),
        ]);
        let problems = check_answers(&form, &marks);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "item `problem_understanding` (Understood the customer's problem): 15 is outside 0-10",
                "item `policy_accuracy` (Policy information was accurate): this item cannot be marked n/a",
                "item `tone` (Polite, patient and empathetic tone): expected points or \"n/a\", found \"good\"",
            ]
        );
        assert_eq!(
            problems[0].item_id.as_deref(),
            Some("problem_understanding")
        );
        marks.insert("problem_understanding".into(), Answer::Number(10.0));
        marks.insert("policy_accuracy".into(), Answer::Number(25.0));
        marks.insert("tone".into(), Answer::Number(9.5));
        assert_eq!(check_answers(&form, &marks), []);
    }

    #[test]
    fn a_response_must_answer_its_own_form_of_the_right_kind() {
        let survey = builtin::customer_survey();
        let review = Review360 {
            id: "r1".into(),
            form_id: survey.id.clone(),
            subject: "Ann".into(),
            rater: "Bo".into(),
            role: crate::feedback::form::RaterRole::Peer,
            period: "2026-Q1".into(),
            answers: Answers::new(),
            comment: None,
        };
        assert_eq!(
            check_review360(&survey, &review)[0].message,
            "form `builtin.customer_survey` is not a 360 questionnaire for peer raters"
        );
        let peer = builtin::review360(crate::feedback::form::RaterRole::Peer);
        assert_eq!(
            check_review360(&peer, &review)[0].message,
            "the response is for form `builtin.customer_survey`, not for form `builtin.review360_peer`"
        );
        let review = Review360 {
            form_id: peer.id.clone(),
            ..review
        };
        // Every 360 statement is required.
        assert!(!check_review360(&peer, &review).is_empty());
    }

    #[test]
    fn single_choice_names_the_options() {
        let form = builtin::scheme_feedback();
        let problems = check_answers(
            &form,
            &answers(&[("weights_fair", Answer::Text("maybe".into()))]),
        );
        assert!(problems.iter().any(|p| p.message
            == "item `weights_fair` (Are the weights of the dimensions fair?): `maybe` is not one of the options (yes, partly, no)"));
    }
}
