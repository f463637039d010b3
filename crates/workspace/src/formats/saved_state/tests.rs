use carescore_engine::awards::{default_awards, Selection};
use carescore_engine::feedback::plans::{ActionStatus, ImprovementAction, PlanSubject};
use carescore_engine::scorecard::defaults::default_history;
use chrono::NaiveDate;
use serde_json::Value;

use super::*;
use crate::feedback::FeedbackStore;
use crate::scheme_review::{HeldReview, SchemeReview};

const V1_FIRST: &str = include_str!("../../../tests/fixtures/saved_state/v1-first.json");

fn work() -> Workspace {
    Workspace {
        origin: SavedOrigin::Imported,
        imports: vec![ImportLog {
            file: "通话.csv".into(),
            rows_read: 3,
            added: 2,
            updated: 0,
            duplicates: 1,
            rejected: 0,
        }],
        ..Workspace::default()
    }
}

fn round_trip(work: &Workspace) -> Workspace {
    from_json(&to_json(work)).expect("what this build writes, it reads")
}

/// Saved text with one top-level key removed or replaced.
fn edited(work: &Workspace, key: &str, value: Option<Value>) -> String {
    let mut json: Value = serde_json::from_str(&to_json(work)).unwrap();
    let object = json.as_object_mut().unwrap();
    match value {
        Some(value) => object.insert(key.into(), value),
        None => object.remove(key),
    };
    json.to_string()
}

fn unreadable(text: &str) -> String {
    match from_json(text) {
        Err(SavedStateError::Unreadable(why)) => why,
        other => panic!("expected unreadable, got {other:?}"),
    }
}

#[test]
fn a_workspace_round_trips_without_its_records() {
    let saved = work();
    let back = round_trip(&saved);
    assert_eq!(back.imports, saved.imports);
    assert!(back.records.is_empty());
    // Records compare by identity: give the read one the same store to compare the rest.
    let back = Workspace {
        records: saved.records.clone(),
        ..back
    };
    assert_eq!(back, saved);
    assert!(to_json(&saved).starts_with("{\n  \"saved_state_version\": 2,\n"));
}

#[test]
fn edited_and_removed_awards_round_trip() {
    let mut saved = work();
    saved.awards.truncate(2);
    saved.awards[0].eligibility.min_contacts = 250;
    saved.awards[1].enabled = false;
    let back = round_trip(&saved);
    assert_eq!(back.awards, saved.awards);
    assert_eq!(back.awards[0].eligibility.min_contacts, 250);
    // Removing every award is kept, not replaced by the defaults.
    saved.awards.clear();
    assert!(round_trip(&saved).awards.is_empty());
}

fn planned_action() -> ImprovementAction {
    let card = &default_history().versions[0].scorecard;
    let def = card.metric_def("fcr_rate").unwrap();
    let subject = PlanSubject::Agent {
        agent: "张三".into(),
    };
    let mut action =
        ImprovementAction::planned("", "每周辅导", subject, &def, 0.7, 0.75, "李四", "2026-08");
    action.status = ActionStatus::InProgress;
    action
}

#[test]
fn improvement_actions_round_trip_and_invalid_ones_say_why() {
    let mut saved = work();
    saved.actions.add(planned_action());
    saved.actions.add(planned_action());
    let back = round_trip(&saved);
    assert_eq!(back.actions, saved.actions);
    assert_eq!(back.actions.0[1].id, "act-2");
    assert_eq!(back.actions.0[0].status, ActionStatus::InProgress);
    saved.actions.0.push(saved.actions.0[0].clone());
    let why = unreadable(&to_json(&saved));
    assert!(
        why.starts_with("actions: action id `act-1` is used twice"),
        "{why}"
    );
}

#[test]
fn feedback_round_trips() {
    let mut saved = work();
    saved.feedback.anonymity_k = 5;
    saved.feedback.reviews360.push(
        serde_json::from_str(
            r#"{"id": "r360-1", "form_id": "builtin.review360_peer", "subject": "Ann",
                "rater": "Bo", "role": "peer", "period": "2026-03",
                "answers": {"tw_helps": 4}, "comment": "kind"}"#,
        )
        .unwrap(),
    );
    let back = round_trip(&saved);
    assert_eq!(back.feedback, saved.feedback);
    assert_eq!(back.feedback.reviews360[0].rater, "Bo");
}

#[test]
fn the_scheme_review_round_trips_and_an_invalid_one_says_why() {
    let mut saved = work();
    let on = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    let review = HeldReview {
        on,
        by: "李经理".into(),
        note: "效率权重 25 → 20".into(),
    };
    saved.scheme_review.record(review, &saved.scorecards);
    let back = round_trip(&saved);
    assert_eq!(back.scheme_review, saved.scheme_review);
    assert_eq!(back.scheme_review.cycle.unwrap().last_review, Some(on));
    saved.scheme_review.set_every(999, &saved.scorecards, on);
    assert!(unreadable(&to_json(&saved)).starts_with("scheme_review:"));
}

#[test]
fn an_invalid_award_or_scorecard_history_says_why() {
    let mut bad = work();
    bad.awards[0].selection = Selection::TopN { n: 0 };
    let why = unreadable(&to_json(&bad));
    assert!(why.starts_with("awards: selection:"), "{why}");
    let mut bad = work();
    bad.scorecards.versions.clear();
    assert!(unreadable(&to_json(&bad)).starts_with("scorecards:"));
}

#[test]
fn a_newer_state_is_not_called_unreadable() {
    let newer = from_json(r#"{"saved_state_version": 3, "anything": "at all"}"#).unwrap_err();
    assert_eq!(newer, SavedStateError::Newer { version: 3 });
    assert_eq!(
        newer.to_string(),
        "saved by a newer version of CareScore (v3): reload the page or update"
    );
}

#[test]
fn unreadable_states_say_why() {
    assert!(unreadable("{").starts_with("not valid JSON"));
    let no_version = unreadable(r#"{"origin": "demo"}"#);
    assert!(no_version.contains("saved_state_version"), "{no_version}");
    let zero = unreadable(r#"{"saved_state_version": 0}"#);
    assert!(zero.contains("not a version number"), "{zero}");
}

#[test]
fn version_2_requires_every_key_and_refuses_unknown_ones() {
    let missing = unreadable(&edited(&work(), "actions", None));
    assert!(missing.contains("missing field `actions`"), "{missing}");
    let extra = unreadable(&edited(&work(), "notes", Some(Value::from("x"))));
    assert!(extra.contains("unknown field `notes`"), "{extra}");
    let mut feedback = serde_json::to_value(&work().feedback).unwrap();
    feedback.as_object_mut().unwrap().remove("appeals");
    let partial = unreadable(&edited(&work(), "feedback", Some(feedback)));
    assert!(
        partial.starts_with("feedback: missing field `appeals`"),
        "{partial}"
    );
    let bad_survey = serde_json::json!({"surveys": [{"id": 7}], "qa_reviews": [],
        "reviews360": [], "anonymity_k": 3, "appeals": []});
    let why = unreadable(&edited(&work(), "feedback", Some(bad_survey)));
    assert!(why.starts_with("feedback.surveys[0].id:"), "{why}");
}

#[test]
fn version_1_refuses_a_key_it_never_had_and_fills_what_it_left_out() {
    let mut v1: Value = serde_json::from_str(V1_FIRST).unwrap();
    v1["notes"] = Value::from("x");
    let why = unreadable(&v1.to_string());
    assert!(
        why.starts_with("upgrading from version 1 to 2: unknown field `notes`"),
        "{why}"
    );
    let read = from_json(V1_FIRST).unwrap();
    assert_eq!(read.awards, default_awards());
    assert_eq!(read.feedback, FeedbackStore::default());
    assert!(read.actions.0.is_empty());
    assert_eq!(read.scheme_review, SchemeReview::default());
}

#[test]
fn the_frozen_default_awards_are_todays_built_in_awards() {
    // If the built-in awards change, a version 1 state without awards still means the
    // awards of that time: keep the frozen file and drop this equality.
    let frozen: Vec<carescore_engine::awards::AwardRule> =
        serde_json::from_str(include_str!("v1_default_awards.json")).unwrap();
    assert_eq!(frozen, default_awards());
}
