//! The review file: round trips, committed files (example, fixtures, schema), errors with
//! their places, merges and selections.
//!
//! `CARESCORE_BLESS=1 cargo test -p carescore-engine --test document` rewrites
//! `docs/review-file.example.json` from the code that builds it (never edit it by hand).

#[path = "review_file_support/examples.rs"]
mod examples;
#[path = "review_file_support/json_schema.rs"]
mod json_schema;

use std::collections::BTreeMap;
use std::path::PathBuf;

use carescore_engine::field::Field;
use carescore_engine::period::PeriodKind;
use carescore_engine::records::keys::record_key;
use carescore_engine::records::{ContactRecord, FieldSet, RecordStore};
use carescore_engine::scorecard::defaults::default_history;
use carescore_workspace::formats::review_file::{
    apply_merge, preview_merge, Choice, Choices, Document, DocumentError, RecordEntry, Scope,
    Section, Selection, FORMAT, SCHEMA_VERSION,
};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use serde_json::{json, Value};

use examples::{at, example_document, fields, v1_fixture_document};

fn repo_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repo_file(relative))
        .unwrap_or_else(|error| panic!("{relative}: {error}"))
}

fn bless() -> bool {
    std::env::var_os("CARESCORE_BLESS").is_some()
}

// ---------------------------------------------------------------------------------------
// Round trips of arbitrary stores.

const AGENTS: [&str; 8] = [
    "张伟",
    "李娜",
    "Maria Santos",
    "<script>alert(\"x\")</script>",
    "O'Brien & \"Sons\"",
    "emoji 🙂 agent",
    "tab\there\nnewline",
    "#not-a-key",
];
const OPTIONAL: [Field; 15] = [
    Field::Id,
    Field::Team,
    Field::Channel,
    Field::Topic,
    Field::Answered,
    Field::FirstResponseSecs,
    Field::HandleSecs,
    Field::Resolved,
    Field::ResolvedAt,
    Field::FirstContactResolved,
    Field::ReopenCount,
    Field::ReassignCount,
    Field::Complaint,
    Field::Csat,
    Field::SlaMet,
];

/// Values for one record; fields not in the source are set to missing by `build`.
type Raw = (
    (usize, Option<u16>, Option<usize>, Option<usize>, i64),
    (bool, Option<f64>, Option<f64>, Option<bool>, Option<u32>),
    (
        Option<bool>,
        Option<u32>,
        Option<u32>,
        Option<bool>,
        Option<u8>,
    ),
    Option<bool>,
);

fn raw_strategy() -> impl Strategy<Value = Raw> {
    let secs = || prop_oneof![Just(None), (0.0..1e7f64).prop_map(Some), Just(Some(0.1))];
    let tri = || proptest::option::of(any::<bool>());
    (
        (
            0..AGENTS.len(),
            proptest::option::of(0u16..40),
            proptest::option::of(0..AGENTS.len()),
            proptest::option::of(0..3usize),
            0i64..400_000_000,
        ),
        (
            any::<bool>(),
            secs(),
            secs(),
            tri(),
            proptest::option::of(prop_oneof![0u32..100_000_000, Just(70_000)]),
        ),
        (
            tri(),
            proptest::option::of(0u32..100_000),
            proptest::option::of(0u32..5),
            tri(),
            proptest::option::of(1u8..=5),
        ),
        tri(),
    )
}

fn build(present: FieldSet, raw: &[Raw]) -> RecordStore {
    let has = |field| present.contains(field);
    let start = at("2020-01-01T00:00:00");
    let records: Vec<ContactRecord> = raw
        .iter()
        .map(
            |(
                (agent, id, team, topic, opened),
                (answered, frt, handle, resolved, res_secs),
                (fcr, reopen, reassign, complaint, csat),
                sla,
            )| {
                let opened_at = start + Duration::seconds(*opened);
                ContactRecord {
                    id: id.filter(|_| has(Field::Id)).map(|n| format!("T-{n}")),
                    agent: AGENTS[*agent].to_string(),
                    team: team
                        .filter(|_| has(Field::Team))
                        .map(|i| AGENTS[i].to_string()),
                    channel: Some("chat".to_string()).filter(|_| has(Field::Channel)),
                    topic: topic
                        .filter(|_| has(Field::Topic))
                        .map(|i| format!("topic {i}")),
                    opened_at,
                    answered: *answered || !has(Field::Answered),
                    first_response_secs: frt.filter(|_| has(Field::FirstResponseSecs)),
                    handle_secs: handle.filter(|_| has(Field::HandleSecs)),
                    resolved: resolved.filter(|_| has(Field::Resolved)),
                    resolved_at: res_secs
                        .filter(|_| has(Field::ResolvedAt))
                        .map(|secs| opened_at + Duration::seconds(i64::from(secs))),
                    first_contact_resolved: fcr.filter(|_| has(Field::FirstContactResolved)),
                    reopen_count: reopen.filter(|_| has(Field::ReopenCount)),
                    reassign_count: reassign.filter(|_| has(Field::ReassignCount)),
                    complaint: complaint.filter(|_| has(Field::Complaint)),
                    csat: csat.filter(|_| has(Field::Csat)),
                    sla_met: sla.filter(|_| has(Field::SlaMet)),
                }
            },
        )
        .collect();
    RecordStore::from_records(&records, Some(present))
}

fn present_strategy() -> impl Strategy<Value = FieldSet> {
    proptest::collection::vec(any::<bool>(), OPTIONAL.len()).prop_map(|flags| {
        let mut set = fields(&[Field::Agent, Field::OpenedAt]);
        for (field, on) in OPTIONAL.iter().zip(flags) {
            if on {
                set.insert(*field);
            }
        }
        // As an import lists them: resolved_at brings its derived fields.
        if set.contains(Field::ResolvedAt) {
            set.insert(Field::Resolved);
            set.insert(Field::ResolutionSecs);
        }
        set
    })
}

/// The first record of each key, by key.
fn by_key(store: &RecordStore) -> BTreeMap<String, ContactRecord> {
    let mut map = BTreeMap::new();
    for index in 0..store.len() {
        map.entry(record_key(store, index))
            .or_insert_with(|| store.record(index));
    }
    map
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn export_import_export_is_byte_identical(
        present in present_strategy(),
        raw in proptest::collection::vec(raw_strategy(), 0..40),
    ) {
        let store = build(present, &raw);
        let scorecards = default_history();
        let document = Document::from_workspace(&store, Some(&scorecards), &[examples::ticket_mapping()]);
        let text = document.to_json();
        let read = Document::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&read, &document);
        prop_assert_eq!(read.to_json(), text.clone());

        let back = read.record_store();
        prop_assert_eq!(back.present_fields(), store.present_fields());
        prop_assert_eq!(by_key(&back), by_key(&store));
        prop_assert_eq!(back.len(), by_key(&store).len());
        for (index, entry) in read.records.iter().enumerate() {
            prop_assert_eq!(&record_key(&back, index), &entry.key);
        }
        // And once more through a store: nothing drifts.
        let again = Document::from_workspace(&back, Some(&scorecards), &[examples::ticket_mapping()]);
        prop_assert_eq!(again.to_json(), text);
    }
}

// ---------------------------------------------------------------------------------------
// Committed files.

#[test]
fn the_example_is_what_to_json_writes() {
    let text = example_document().to_json();
    let path = "../../docs/review-file.example.json";
    if bless() {
        std::fs::write(repo_file(path), &text).unwrap();
    }
    assert_eq!(
        read(path),
        text,
        "rerun with CARESCORE_BLESS=1 to regenerate"
    );
    let document = Document::from_json(&text).unwrap();
    assert_eq!(document.records.len(), 6);
    let store = document.record_store();
    assert_eq!(store.team_names(), ["华东一组", "华南二组"]);
    assert_eq!(store.agent_names(), ["Maria Santos", "张伟", "李娜"]);
    assert!(!store.has_field(Field::SlaMet), "absent fields stay absent");
    assert_eq!(
        document
            .records
            .iter()
            .filter(|r| r.key.starts_with('#'))
            .count(),
        2
    );
}

#[test]
fn the_v1_fixture_loads_as_the_document_it_was_made_from() {
    let path = "tests/fixtures/review_file/v1-workspace.json";
    if bless() && SCHEMA_VERSION == 1 {
        std::fs::write(repo_file(path), v1_fixture_document().to_json()).unwrap();
    }
    let document = Document::from_json(&read(path)).unwrap();
    assert_eq!(document, v1_fixture_document());
    let store = document.record_store();
    assert_eq!(store.len(), 4);
    assert!(
        !store.has_field(Field::Csat),
        "csat was not in the source: N/A, not 0"
    );
    assert!(!store.has_field(Field::Id));
    assert_eq!(document.scorecards.unwrap().versions.len(), 2);
}

#[test]
fn the_schema_describes_the_committed_files() {
    let schema: Value = serde_json::from_str(&read("../../docs/review-file.schema.json")).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(json_schema::unknown_keywords(&schema), Vec::<String>::new());
    for path in [
        "../../docs/review-file.example.json",
        "tests/fixtures/review_file/v1-workspace.json",
    ] {
        let value: Value = serde_json::from_str(&read(path)).unwrap();
        assert_eq!(
            json_schema::check(&schema, &value),
            Vec::<String>::new(),
            "{path}"
        );
    }
    // The enums are this build's.
    let names: Vec<Value> = Field::MAPPABLE
        .into_iter()
        .chain([Field::ResolutionSecs])
        .map(|f| Value::from(f.name()))
        .collect();
    assert_eq!(schema["$defs"]["field"]["enum"], Value::Array(names));
    assert_eq!(schema["properties"]["format"]["const"], FORMAT);
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        SCHEMA_VERSION
    );
    let record_keys: Vec<&str> = schema["$defs"]["record"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = carescore_workspace::formats::review_file::RECORD_KEYS.to_vec();
    expected.sort_unstable();
    let mut record_keys = record_keys;
    record_keys.sort_unstable();
    assert_eq!(record_keys, expected);
    // And it refuses what the reader refuses.
    let mut value: Value =
        serde_json::from_str(&read("../../docs/review-file.example.json")).unwrap();
    value["scope"] = json!({"kind": "galaxy"});
    value["records"][0]["csat"] = json!("five");
    value["surprise"] = json!(1);
    let problems = json_schema::check(&schema, &value);
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

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
fn a_future_version_asks_to_update() {
    let mut value = example_value();
    value["schema_version"] = json!(7);
    assert_eq!(
        Document::from_json(&value.to_string()).unwrap_err(),
        DocumentError::FutureVersion { found: 7 }
    );
    assert_eq!(
        error_of(&value),
        "this review file is version 7; this CareScore reads up to version 1 — update CareScore"
    );
    // Even when the rest is of a shape this build cannot know.
    assert!(
        error_of(&json!({"format": FORMAT, "schema_version": 2, "records": "?"}))
            .contains("version 2")
    );
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
    let text = r#"{"format": "carescore.review-file", "schema_version": 1,
        "scope": {"kind": "workspace"}, "record_fields": ["opened_at", "agent", "resolved_at"],
        "records": [{"agent": "张伟", "opened_at": "2026-09-01T09:00:00", "handle_secs": null,
                     "resolved_at": "2026-09-01T10:00:00"}],
        "mappings": []}"#;
    let document = Document::from_json(text).unwrap();
    assert_eq!(document.scorecards, None);
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
// Merges.

fn doc_of(records: &[ContactRecord], history_reason: Option<&str>) -> Document {
    let store = RecordStore::from_records(
        records,
        Some(fields(&[
            Field::Id,
            Field::Agent,
            Field::Team,
            Field::OpenedAt,
            Field::Csat,
        ])),
    );
    let mut history = default_history();
    if let Some(reason) = history_reason {
        history.versions[0].reason = reason.into();
    }
    Document::from_workspace(&store, history_reason.map(|_| &history), &[])
}

fn rec(id: &str, agent: &str, csat: u8) -> ContactRecord {
    ContactRecord {
        id: Some(id.into()),
        agent: agent.into(),
        team: Some("华东一组".into()),
        opened_at: at("2026-09-01T09:00:00"),
        answered: true,
        csat: Some(csat),
        ..ContactRecord::default()
    }
}

#[test]
fn merging_a_file_into_itself_changes_nothing() {
    let document = example_document();
    let preview = preview_merge(&document, &document);
    assert!(preview.changes_nothing());
    assert_eq!(preview.records.unchanged, 6);
    assert_eq!(preview.scorecard_versions.unchanged, 1);
    assert_eq!(preview.mappings.unchanged, 1);
    for choice in [Choice::KeepOurs, Choice::TakeTheirs] {
        let merged = apply_merge(&document, &document, &Choices::all(choice));
        assert_eq!(merged.to_json(), document.to_json());
    }
}

#[test]
fn a_merge_adds_theirs_and_resolves_conflicts_by_choice() {
    let ours = doc_of(
        &[rec("T-1", "张伟", 5), rec("T-2", "李娜", 4)],
        Some("ours"),
    );
    let theirs = doc_of(
        &[rec("T-2", "李娜", 2), rec("T-3", "王芳", 3)],
        Some("theirs"),
    );
    let preview = preview_merge(&ours, &theirs);
    assert_eq!(preview.records.added, ["T-3"]);
    assert_eq!(preview.records.unchanged, 0);
    assert_eq!(preview.records.conflicts.len(), 1);
    let conflict = &preview.records.conflicts[0];
    assert_eq!(
        (conflict.section, conflict.id.as_str()),
        (Section::Records, "T-2")
    );
    assert!(conflict.ours.contains("\"csat\": 4") && conflict.theirs.contains("\"csat\": 2"));
    assert_eq!(preview.scorecard_versions.conflicts[0].id, "1970-01-01");
    assert_eq!(preview.conflicts().count(), 2);

    // Default: ours. Take their record but keep our scorecard.
    let kept = apply_merge(&ours, &theirs, &Choices::default());
    let mut choices = Choices::default();
    choices.set(Section::Records, "T-2", Choice::TakeTheirs);
    let taken = apply_merge(&ours, &theirs, &choices);

    let expected = doc_of(
        &[
            rec("T-1", "张伟", 5),
            rec("T-2", "李娜", 2),
            rec("T-3", "王芳", 3),
        ],
        Some("ours"),
    );
    assert_eq!(taken.to_json(), expected.to_json());
    let expected_kept = doc_of(
        &[
            rec("T-1", "张伟", 5),
            rec("T-2", "李娜", 4),
            rec("T-3", "王芳", 3),
        ],
        Some("ours"),
    );
    assert_eq!(kept.to_json(), expected_kept.to_json());
    let all_theirs = apply_merge(&ours, &theirs, &Choices::all(Choice::TakeTheirs));
    assert_eq!(all_theirs.scorecards.unwrap().versions[0].reason, "theirs");
}

#[test]
fn merging_disjoint_files_does_not_depend_on_order_or_grouping() {
    let a = doc_of(&[rec("T-1", "张伟", 5)], None);
    let b = doc_of(&[rec("T-2", "李娜", 4)], None);
    let c = example_document();
    let keep = Choices::default();
    let ab_c = apply_merge(&apply_merge(&a, &b, &keep), &c, &keep);
    let a_bc = apply_merge(&a, &apply_merge(&b, &c, &keep), &keep);
    let c_ba = apply_merge(&c, &apply_merge(&b, &a, &keep), &keep);
    assert_eq!(ab_c.to_json(), a_bc.to_json());
    assert_eq!(ab_c.to_json(), c_ba.to_json());
    assert_eq!(ab_c.records.len(), 8);
    // Fields are the union: the example's fields plus nothing new from a and b.
    assert_eq!(ab_c.record_fields, c.record_fields);
    // The merge is a valid file.
    assert_eq!(Document::from_json(&ab_c.to_json()).unwrap(), ab_c);
}

// ---------------------------------------------------------------------------------------
// Selections.

#[test]
fn a_selection_keeps_matching_records_and_every_scorecard_version() {
    let document = example_document();
    let team = Selection {
        team: Some("华东一组".into()),
        period: Some((PeriodKind::Month, "2026-09".into())),
        ..Selection::default()
    };
    let slice = document.select(&team);
    assert_eq!(slice.records.len(), 4);
    assert_eq!(
        slice.scope,
        Scope::Team {
            team: "华东一组".into(),
            period: Some("2026-09".into())
        }
    );
    assert!(
        slice.mappings.is_empty(),
        "a slice does not carry the sender's mappings"
    );
    assert_eq!(slice.scorecards, document.scorecards);
    assert_eq!(slice.record_fields, document.record_fields);
    let text = slice.to_json();
    assert_eq!(Document::from_json(&text).unwrap().to_json(), text);

    let agent = Selection {
        agent: Some("李娜".into()),
        team: Some("华东一组".into()),
        period: Some((PeriodKind::Day, "2026-09-16".into())),
    };
    let slice = document.select(&agent);
    assert_eq!(slice.records.len(), 1);
    assert!(matches!(slice.scope, Scope::Agent { ref agent, .. } if agent == "李娜"));

    let week = document.select(&Selection {
        period: Some((PeriodKind::Week, "2026-W36".into())),
        ..Selection::default()
    });
    assert_eq!(
        week.records.len(),
        4,
        "1-3 September 2026 are in ISO week 36"
    );
    assert_eq!(
        week.scope,
        Scope::Period {
            period: "2026-W36".into()
        }
    );

    let everything = document.select(&Selection {
        period: Some((PeriodKind::All, "all".into())),
        ..Selection::default()
    });
    assert_eq!(everything, document);
}

#[test]
fn record_entries_are_plain_values() {
    let document = example_document();
    let entry: &RecordEntry = &document.records[0];
    assert_eq!(entry.to_record().agent, entry.agent);
    assert_eq!(
        NaiveDate::from_ymd_opt(2026, 9, 1)
            .unwrap()
            .and_hms_opt(9, 12, 5)
            .unwrap(),
        document
            .records
            .iter()
            .find(|r| r.key == "T-1001")
            .unwrap()
            .opened_at
    );
}
