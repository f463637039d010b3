//! The review file: round trips of records and committed files (example, fixtures of
//! every version, schema). Errors are in `review_file_errors.rs`, merges in
//! `review_file_merge.rs`, whole workspaces, selections and anonymity in
//! `review_file_slices.rs`.
//!
//! `CARESCORE_BLESS=1 cargo test -p carescore-workspace --test review_file` rewrites
//! `docs/review-file.example.json` (and the fixture of the current version) from the code
//! that builds it (never edit them by hand).

#[path = "review_file_support/examples.rs"]
mod examples;
#[path = "review_file_support/json_schema.rs"]
mod json_schema;
#[path = "review_file_support/work.rs"]
mod work;

use std::collections::BTreeMap;
use std::path::PathBuf;

use carescore_engine::feedback::RaterRole;
use carescore_engine::field::Field;
use carescore_engine::records::keys::record_key;
use carescore_engine::records::{ContactRecord, FieldSet, RecordStore};
use carescore_engine::scorecard::defaults::default_history;
use carescore_workspace::formats::review_file::{Document, FORMAT, SCHEMA_VERSION};
use carescore_workspace::formats::saved_state::SavedOrigin;
use carescore_workspace::Workspace;
use chrono::Duration;
use proptest::prelude::*;
use serde_json::{json, Value};

use examples::{at, example_document, fields, v1_fixture_document, v2_fixture_document};

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
        let workspace = |store| Workspace {
            origin: SavedOrigin::Imported,
            records: std::sync::Arc::new(store),
            scorecards: default_history(),
            mappings: vec![examples::ticket_mapping()],
            ..Workspace::default()
        };
        let document = Document::from_workspace(&workspace(store.clone()));
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
        let again = Document::from_workspace(&workspace(back));
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
    let text = read(path);
    assert!(
        text.contains("\"schema_version\": 1,"),
        "the fixture stays version 1"
    );
    let document = Document::from_json(&text).unwrap();
    assert_eq!(document.schema_version, 2, "upgraded on reading");
    assert_eq!(document, v1_fixture_document());
    // Version 1 said nothing of the later sections: absent, so a merge leaves them alone.
    assert_eq!(document.feedback, None);
    assert_eq!(document.actions, None);
    assert_eq!(document.awards, None);
    assert_eq!(document.scheme_review, None);
    assert_eq!(document.imports, None);
    let written = document.to_json();
    assert!(!written.contains("\"feedback\"") && written.contains("\"schema_version\": 2,"));
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
fn the_v2_fixture_loads_with_every_slice() {
    let path = "tests/fixtures/review_file/v2-workspace.json";
    if bless() && SCHEMA_VERSION == 2 {
        std::fs::write(repo_file(path), v2_fixture_document().to_json()).unwrap();
    }
    let document = Document::from_json(&read(path)).unwrap();
    assert_eq!(document, v2_fixture_document());
    assert_eq!(document.records.len(), 6);
    assert_eq!(
        document.imports.as_ref().unwrap()[0].file,
        "工单导出 2026-09.csv"
    );
    let awards = document.awards.as_ref().unwrap();
    assert_eq!(awards.last().unwrap().id, "learning_star");
    assert_eq!(awards[0].eligibility.min_contacts, 2);
    let feedback = document.feedback.as_ref().unwrap();
    assert_eq!(feedback.surveys.len(), 3);
    assert_eq!(feedback.qa_reviews[0].reviewer, "质检 Rita");
    assert_eq!(feedback.anonymity_k, 3);
    assert_eq!(feedback.appeals.len(), 2);
    // 张伟's three peers travel under pseudonyms; 李娜's two are left out.
    let peers: Vec<(&str, Option<&str>, Option<&str>)> = feedback
        .reviews360
        .iter()
        .filter(|r| r.role == RaterRole::Peer)
        .map(|r| (r.subject.as_str(), r.rater.as_deref(), r.peer.as_deref()))
        .collect();
    assert_eq!(
        peers,
        [
            ("张伟", None, Some("peer-1")),
            ("张伟", None, Some("peer-2")),
            ("张伟", None, Some("peer-3"))
        ]
    );
    let manager = feedback
        .reviews360
        .iter()
        .find(|r| r.role == RaterRole::Manager)
        .unwrap();
    assert_eq!(manager.rater.as_deref(), Some("李经理"));
    let actions = document.actions.as_ref().unwrap();
    assert_eq!(
        actions.0.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["act-1", "act-2"]
    );
    let review = document.scheme_review.as_ref().unwrap();
    assert_eq!(review.cycle.as_ref().unwrap().every_months, 6);
    assert_eq!(review.log[0].by, "李经理");
    // And as a workspace: the anonymity rule still counts three distinct peers.
    let workspace = document.to_workspace();
    assert_eq!(workspace.origin, SavedOrigin::Imported);
    assert_eq!(workspace.records.len(), 6);
    assert_eq!(
        workspace.feedback.peer_summary("张伟", "2026-09").peers(),
        3
    );
}

#[test]
fn the_schema_describes_the_committed_files() {
    let schema: Value = serde_json::from_str(&read("../../docs/review-file.schema.json")).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(json_schema::unknown_keywords(&schema), Vec::<String>::new());
    // The schema describes what this version writes: version 1 files are upgraded.
    for path in [
        "../../docs/review-file.example.json",
        "tests/fixtures/review_file/v2-workspace.json",
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
    // A peer review naming its rater, an unknown action status, a threshold of one.
    value["feedback"]["reviews360"][2]["rater"] = json!("李娜");
    value["actions"][0]["status"] = json!("forgotten");
    value["feedback"]["anonymity_k"] = json!(1);
    let problems = json_schema::check(&schema, &value);
    assert_eq!(problems.len(), 6, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("$.feedback.reviews360[2]")),
        "{problems:#?}"
    );
}
