//! The form files' committed fixtures of version 1 (a blank 360 manager form and its
//! answers) keep reading, through the chain, with their values.

use carescore_engine::feedback::{Answer, RaterRole};
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::form_file::{FileKind, FilledResponse, FormFile, VERSION};

const BLANK: &str = include_str!("fixtures/form_file/v1-blank.carescore-form.json");
const ANSWERS: &str = include_str!("fixtures/form_file/v1-answers.carescore-form.json");

#[test]
fn the_version_1_blank_form_reads_with_its_subject() {
    let file = FormFile::read("blank.json", BLANK, &FeedbackStore::forms()).unwrap();
    assert_eq!(file.kind, FileKind::Blank);
    assert_eq!(file.template.id, "builtin.review360_manager");
    assert_eq!(file.subject.agent, "王芳");
    assert_eq!(file.subject.period.as_deref(), Some("2026-09"));
    assert_eq!(file.subject.reviewer_role, Some(RaterRole::Manager));
    assert!(file.answers.is_none());
}

#[test]
fn the_version_1_answers_file_reads_with_its_answers() {
    let file = FormFile::read("answers.json", ANSWERS, &FeedbackStore::forms()).unwrap();
    assert_eq!(file.kind, FileKind::Answers);
    let Some(FilledResponse::Review360(review)) = &file.answers else {
        panic!("a 360 review: {:?}", file.answers);
    };
    assert_eq!(review.id, "r360-recv-1790000000000");
    assert_eq!(review.rater, "李经理");
    assert_eq!(review.answers.get("cs_empathy"), Some(&Answer::Number(4.0)));
    assert_eq!(review.comment.as_deref(), Some("主动分担工单"));
    let mut store = FeedbackStore::default();
    file.answers.clone().unwrap().add_to(&mut store).unwrap();
    assert_eq!(store.reviews360.len(), 1);
}

#[test]
fn a_newer_answers_file_is_refused_in_the_shared_words() {
    assert_eq!(VERSION, 1);
    let newer = ANSWERS.replacen("\"version\": 1", "\"version\": 2", 1);
    let error = FormFile::read("a.json", &newer, &FeedbackStore::forms()).unwrap_err();
    assert_eq!(
        error,
        "a.json: saved by a newer version of CareScore (v2): reload the page or update"
    );
}
