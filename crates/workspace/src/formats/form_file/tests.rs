use super::*;
use carescore_engine::feedback::builtin;
use carescore_engine::feedback::{Answer, Answers};

fn peer_form() -> FormTemplate {
    builtin::review360(RaterRole::Peer)
}

fn subject() -> FormSubject {
    FormSubject {
        agent: "Ann Lee".into(),
        period: Some("2026-03".into()),
        reviewer_role: Some(RaterRole::Peer),
        ..FormSubject::default()
    }
}

fn filled(value: f64) -> FilledResponse {
    let form = peer_form();
    let mut answers = Answers::new();
    for item in form.items() {
        if item.dimension.is_some() {
            answers.insert(item.id.clone(), Answer::Number(value));
        }
    }
    FilledResponse::Review360(Review360 {
        id: received_id("r360", 42),
        form_id: form.id.clone(),
        subject: "Ann Lee".into(),
        rater: "Bo".into(),
        role: RaterRole::Peer,
        period: "2026-03".into(),
        answers,
        comment: None,
    })
}

#[test]
fn blank_and_answers_files_round_trip_with_their_names() {
    let known = FeedbackStore::forms();
    let blank = FormFile::blank(peer_form(), subject());
    let name = blank.file_name();
    assert_eq!(
        name,
        "builtin.review360_peer-Ann_Lee-2026-03.carescore-form.json"
    );
    let back = FormFile::read(&name, &blank.to_json(), &known).unwrap();
    assert_eq!(back, blank);

    let answers = FormFile::answers(peer_form(), subject(), filled(4.0));
    assert!(answers
        .file_name()
        .ends_with("2026-03.answers.carescore-form.json"));
    let back = FormFile::read("a.json", &answers.to_json(), &known).unwrap();
    assert_eq!(back, answers);
    let mut store = FeedbackStore::default();
    back.answers.clone().unwrap().add_to(&mut store).unwrap();
    assert_eq!(store.reviews360.len(), 1);
    let again = back.answers.unwrap().add_to(&mut store).unwrap_err();
    assert!(again.contains("r360-recv-42"), "{again}");
    assert_eq!(store.reviews360.len(), 1);
}

#[test]
fn wrong_format_version_and_fields_are_refused_naming_file_and_field() {
    let known = FeedbackStore::forms();
    let json = FormFile::blank(peer_form(), subject()).to_json();
    let edit = |from: &str, to: &str| {
        assert!(json.contains(from), "{from}");
        FormFile::read("x.json", &json.replacen(from, to, 1), &known).unwrap_err()
    };
    let e = edit("\"carescore-form\"", "\"carescore-review\"");
    assert!(e.starts_with("x.json: field `format`"), "{e}");
    let e = edit("\"version\": 1", "\"version\": 2");
    assert_eq!(
        e,
        "x.json: saved by a newer version of CareScore (v2): reload the page or update"
    );
    // A newer file is refused as newer even with keys this version does not know.
    let e = edit("\"version\": 1", "\"version\": 3, \"signature\": \"\"");
    assert!(e.contains("newer version of CareScore (v3)"), "{e}");
    let e = edit("\"version\": 1", "\"version\": 0");
    assert!(e.starts_with("x.json: field `version`: "), "{e}");
    let e = edit("\"kind\": \"blank\"", "\"kind\": \"filled\"");
    assert!(e.contains("field `kind`"), "{e}");
    let e = edit("\"format\"", "\"extra\": 1, \"format\"");
    assert!(e.contains("unknown field `extra`"), "{e}");
    let e = edit("\"agent\"", "\"agnet\"");
    assert!(e.contains("field `subject`") && e.contains("agnet"), "{e}");
    let e = edit("builtin.review360_peer", "custom.form");
    assert!(e.contains("unknown form `custom.form`"), "{e}");
    let e = FormFile::read("y.json", "[1]", &known).unwrap_err();
    assert!(e.starts_with("y.json: "), "{e}");
    let e = FormFile::read("z.json", "not json", &known).unwrap_err();
    assert!(e.contains("not a JSON file"), "{e}");
}

#[test]
fn answers_are_checked_by_the_engine_and_must_match_the_kind() {
    let known = FeedbackStore::forms();
    // 9 on a 1-5 scale: the engine refuses it.
    let bad = FormFile::answers(peer_form(), subject(), filled(9.0));
    let e = FormFile::read("b.json", &bad.to_json(), &known).unwrap_err();
    assert!(e.starts_with("b.json: field `answers`:"), "{e}");

    let mut other = FormFile::answers(peer_form(), subject(), filled(4.0));
    other.subject.agent = "Someone Else".into();
    let e = FormFile::read("c.json", &other.to_json(), &known).unwrap_err();
    assert!(e.contains("Someone Else"), "{e}");

    // A blank file with answers, an answers file without.
    let mut blank = FormFile::blank(peer_form(), subject());
    blank.answers = Some(filled(4.0));
    let e = FormFile::read("d.json", &blank.to_json(), &known).unwrap_err();
    assert!(e.contains("blank form carries no answers"), "{e}");
    let mut empty = FormFile::answers(peer_form(), subject(), filled(4.0));
    empty.answers = None;
    let e = FormFile::read("e.json", &empty.to_json(), &known).unwrap_err();
    assert!(e.contains("missing field `answers`"), "{e}");

    // A survey body in a 360 file does not read as a 360 review.
    let survey = FormFile::answers(
        peer_form(),
        subject(),
        FilledResponse::Survey(SurveyResponse {
            id: "s".into(),
            form_id: builtin::CUSTOMER_SURVEY.into(),
            contact_id: None,
            agent: "Ann Lee".into(),
            submitted_at: "2026-03-02T10:00:00".parse().unwrap(),
            answers: Answers::new(),
        }),
    );
    let e = FormFile::read("f.json", &survey.to_json(), &known).unwrap_err();
    assert!(e.starts_with("f.json: field `answers`:"), "{e}");
}
