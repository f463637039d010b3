//! Review files that cannot be opened, and what CareScore says about them: the place of
//! the problem as a JSON path (items numbered as users count where it helps) and the
//! reason, for every section.

#[path = "review_file_support/examples.rs"]
mod examples;
#[path = "review_file_support/work.rs"]
mod work;

use carescore_engine::field::Field;
use carescore_engine::records::keys::record_key;
use carescore_workspace::formats::review_file::{Document, DocumentError, FORMAT};
use serde_json::{json, Value};

use examples::example_document;

// ---------------------------------------------------------------------------------------
// Errors, with their places.

fn example_value() -> Value {
    serde_json::from_str(&example_document().to_json()).unwrap()
}

fn error_of(value: &Value) -> String {
    Document::from_json(&value.to_string())
        .unwrap_err()
        .to_string()
}

#[test]
fn a_file_from_a_newer_carescore_says_so_and_is_not_unreadable() {
    let mut value = example_value();
    value["schema_version"] = json!(3);
    let error = Document::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error, DocumentError::FutureVersion { found: 3 });
    assert!(error.is_newer_version());
    assert_eq!(
        error.to_string(),
        "saved by a newer version of CareScore (v3): reload the page or update"
    );
    // Before anything else is looked at: the rest may be of a shape this build cannot know.
    assert_eq!(
        error_of(&json!({"format": FORMAT, "schema_version": 12, "records": "?", "x": 1})),
        "saved by a newer version of CareScore (v12): reload the page or update"
    );
    // Broken files are not "newer".
    let broken = Document::from_json("{\"format\": ").unwrap_err();
    assert!(!broken.is_newer_version());
}

#[test]
fn another_format_is_not_a_review_file() {
    let mut value = example_value();
    value["format"] = json!("carescore.scorecard");
    let message = error_of(&value);
    assert!(message.contains("not a CareScore review file"), "{message}");
    assert!(message.contains("\"carescore.scorecard\""), "{message}");
    assert!(error_of(&json!([{"agent": "A"}])).contains("import it as data"));
    assert!(error_of(&json!({"schema_version": 1, "versions": []})).contains("scorecard"));
    assert!(Document::from_json("{\"format\": ")
        .unwrap_err()
        .to_string()
        .contains("ends too early"));
    assert!(Document::from_json("agent,opened_at")
        .unwrap_err()
        .to_string()
        .contains("not valid JSON"));
}

#[test]
fn a_bad_value_names_the_record_as_users_count_and_the_field() {
    let mut value = example_value();
    let records = value["records"].as_array_mut().unwrap();
    while records.len() < 13 {
        let mut copy = records[0].clone();
        copy["key"] = json!(format!("T-9{}", records.len()));
        copy["id"] = copy["key"].clone();
        records.push(copy);
    }
    records[12]["key"] = json!("T-1");
    records[12]["id"] = json!("T-1");
    records[12]["csat"] = json!("five");
    let message = error_of(&value);
    assert!(
        message.starts_with("record 13 (records[12], key T-1), field csat: must be a whole number from 1 to 5, found \"five\""),
        "{message}"
    );
}

#[test]
fn duplicate_keys_and_edited_records_are_refused() {
    let mut value = example_value();
    let first = value["records"][0].clone();
    value["records"].as_array_mut().unwrap().push(first);
    let message = error_of(&value);
    assert!(
        message.starts_with("record 7 (records[6], key #"),
        "{message}"
    );
    assert!(message.contains("same key as record 1"), "{message}");

    let mut value = example_value();
    let hashed = value["records"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r.get("id").is_none())
        .unwrap();
    value["records"][hashed]["agent"] = json!("someone else");
    let message = error_of(&value);
    assert!(
        message.contains(&format!("record {}", hashed + 1)),
        "{message}"
    );
    assert!(
        message.contains("field key: does not match the record"),
        "{message}"
    );
    // Without its key, the edited record is simply a record.
    value["records"][hashed]
        .as_object_mut()
        .unwrap()
        .remove("key");
    let document = Document::from_json(&value.to_string()).unwrap();
    assert!(document
        .records
        .iter()
        .any(|r| r.agent == "someone else" && r.key.starts_with('#')));
}

#[test]
fn a_value_for_an_unlisted_field_is_refused() {
    let mut value = example_value();
    value["records"][0]["sla_met"] = json!(true);
    let message = error_of(&value);
    assert!(
        message.contains("field sla_met: has a value, but record_fields does not list sla_met"),
        "{message}"
    );
}

#[test]
fn an_invalid_scorecard_names_the_version() {
    let mut value = example_value();
    value["scorecards"]["versions"][0]["scorecard"]["dimensions"][1]["weight"] = json!(-5);
    let message = error_of(&value);
    assert!(message.starts_with("scorecards.versions[0] (version 1, effective from 1970-01-01): dimension `efficiency` has a negative"), "{message}");
    let mut value = example_value();
    value["scorecards"]["versions"][0]["scorecard"]["dimensions"][1]["weight"] = json!("heavy");
    let message = error_of(&value);
    assert!(
        message.starts_with("scorecards.versions[0].scorecard.dimensions[1].weight: invalid type"),
        "{message}"
    );
}

#[test]
fn unknown_keys_are_refused_by_name() {
    let mut value = example_value();
    value["reviews"] = json!([]);
    let message = error_of(&value);
    assert!(
        message.contains("feedback, actions, scheme_review"),
        "the message lists the version's keys: {message}"
    );
    let message = error_of(&value);
    assert!(
        message.starts_with("reviews: unknown key at the top level"),
        "{message}"
    );
    let mut value = example_value();
    value["scope"] = json!({"kind": "team", "team": "A", "period": "September"});
    assert!(error_of(&value).starts_with("scope.period: \"September\" is not a period label"));
    let mut value = example_value();
    value["mappings"][0]["mapping"]["colums"] = json!({});
    assert!(
        error_of(&value).starts_with("mappings[0].mapping.colums: unknown field `colums`"),
        "{}",
        error_of(&value)
    );
}

#[test]
fn a_hand_written_minimal_file_reads() {
    let text = r#"{"format": "carescore.review-file", "schema_version": 2,
        "scope": {"kind": "workspace"}, "record_fields": ["opened_at", "agent", "resolved_at"],
        "records": [{"agent": "张伟", "opened_at": "2026-09-01T09:00:00", "handle_secs": null,
                     "resolved_at": "2026-09-01T10:00:00"}],
        "mappings": []}"#;
    let document = Document::from_json(text).unwrap();
    assert_eq!(document.scorecards, None);
    assert_eq!(
        document.feedback, None,
        "absent: the file says nothing about it"
    );
    assert_eq!(
        document.record_fields,
        [
            Field::Agent,
            Field::OpenedAt,
            Field::Resolved,
            Field::ResolvedAt,
            Field::ResolutionSecs
        ],
        "derived fields are listed with their inputs"
    );
    let store = document.record_store();
    assert_eq!(
        store.seconds_column(Field::ResolutionSecs).unwrap(),
        [3600.0]
    );
    assert_eq!(record_key(&store, 0), document.records[0].key);
}

// ---------------------------------------------------------------------------------------
// The sections of version 2.

/// The error of the example with `edit` applied to its JSON.
fn error_after(edit: impl FnOnce(&mut Value)) -> String {
    let mut value = example_value();
    edit(&mut value);
    error_of(&value)
}

#[test]
fn feedback_answers_are_checked_against_their_forms() {
    let message = error_after(|v| v["feedback"]["surveys"][1]["answers"]["csat"] = json!(9));
    assert_eq!(
        message,
        "feedback.surveys[1] (id survey-2), answers.csat: item `csat` (Overall, how satisfied \
         are you with the service?): 9 is outside 1-5"
    );
    let message = error_after(|v| v["feedback"]["qa_reviews"][0]["form_id"] = json!("my.form"));
    assert_eq!(
        message,
        "feedback.qa_reviews[0] (id qa-1), form_id: `my.form` is not a form this CareScore knows"
    );
    let message = error_after(|v| {
        v["feedback"]["reviews360"][0]["answers"]
            .as_object_mut()
            .unwrap()
            .insert("surprise".into(), json!(1));
    });
    assert!(
        message.starts_with(
            "feedback.reviews360[0] (id r360-1), answers.surprise: item `surprise` is not on form"
        ),
        "{message}"
    );
    let message = error_after(|v| v["feedback"]["surveys"][0]["agnet"] = json!("x"));
    assert!(
        message.starts_with("feedback.surveys[0].agnet: unknown field `agnet`"),
        "{message}"
    );
    let message = error_after(|v| v["feedback"]["anonymity_k"] = json!(1));
    assert!(
        message.starts_with("feedback.anonymity_k: must be at least 2"),
        "{message}"
    );
    let message = error_after(|v| v["feedback"]["qa_reviews"][0]["id"] = json!("survey-1"));
    assert!(
        message.starts_with(
            "feedback.qa_reviews[0] (id survey-1): has the same id as feedback.surveys[0]"
        ),
        "{message}"
    );
}

#[test]
fn a_peer_review_never_names_its_rater_and_small_peer_groups_are_refused() {
    let peer = |v: &Value| {
        v["feedback"]["reviews360"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["role"] == "peer")
            .unwrap()
    };
    let message = error_after(|v| {
        let i = peer(v);
        v["feedback"]["reviews360"][i]["rater"] = json!("李娜");
    });
    assert!(
        message.contains(", rater: a peer review never names its rater"),
        "{message}"
    );
    let message = error_after(|v| {
        let i = peer(v);
        v["feedback"]["reviews360"]
            .as_array_mut()
            .unwrap()
            .remove(i);
    });
    assert!(
        message.starts_with("feedback.reviews360: the peer reviews of 张伟 for 2026-09 come from 2 peer(s), fewer than anonymity_k (3)"),
        "{message}"
    );
    let message = error_after(|v| v["feedback"]["reviews360"][0]["period"] = json!("September"));
    assert!(
        message.ends_with("period: \"September\" is not a period label"),
        "{message}"
    );
}

#[test]
fn awards_actions_appeals_and_the_scheme_review_are_validated() {
    let message = error_after(|v| v["awards"][1]["selection"] = json!({"kind": "top_n", "n": 0}));
    assert!(
        message.starts_with("awards[1] (id satisfaction_star): selection: award `satisfaction_star` must pick at least the top 1"),
        "{message}"
    );
    let message = error_after(|v| {
        let first = v["awards"][0].clone();
        v["awards"].as_array_mut().unwrap().push(first);
    });
    assert!(
        message.contains("has the same id as awards[0]"),
        "{message}"
    );
    let message = error_after(|v| v["actions"][1]["id"] = json!("act-1"));
    assert!(
        message.starts_with("actions[1] (id act-1): has the same id as actions[0]"),
        "{message}"
    );
    let message = error_after(|v| v["actions"][0]["baseline"] = json!("high"));
    assert!(
        message.starts_with("actions[0].baseline: invalid type"),
        "{message}"
    );
    let message =
        error_after(|v| v["feedback"]["appeals"][0]["trail"][0]["action"] = json!("accepted"));
    assert!(message.starts_with("feedback.appeals[0]"), "{message}");
    assert!(
        message.contains("the trail must start with `opened`"),
        "{message}"
    );
    let message = error_after(|v| v["scheme_review"]["cycle"]["every_months"] = json!(999));
    assert!(
        message.starts_with("scheme_review.cycle.every_months: a review every 999 months"),
        "{message}"
    );
    let message = error_after(|v| v["imports"][0]["rows"] = json!(1));
    assert!(
        message.starts_with("imports[0].rows: unknown field `rows`"),
        "{message}"
    );
}

#[test]
fn a_version_1_file_cannot_carry_version_2_sections() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/review_file/v1-workspace.json"),
    )
    .unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["actions"] = json!([]);
    let message = error_of(&value);
    assert!(
        message.starts_with(
            "upgrading this version 1 file (step 1 to 2): a version 1 file has no `actions`"
        ),
        "{message}"
    );
}
