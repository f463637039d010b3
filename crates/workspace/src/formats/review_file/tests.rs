use chrono::NaiveDate;

use super::*;
use carescore_engine::records::{self, ContactRecord};

fn at(day: u32, hour: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 9, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

fn record(agent: &str, id: Option<&str>) -> ContactRecord {
    ContactRecord {
        id: id.map(str::to_string),
        agent: agent.into(),
        opened_at: at(1, 9),
        answered: true,
        csat: Some(4),
        ..ContactRecord::default()
    }
}

/// A workspace of these records and nothing else of note.
fn of(store: RecordStore) -> Workspace {
    Workspace {
        origin: SavedOrigin::Imported,
        records: Arc::new(store),
        ..Workspace::default()
    }
}

fn fields(list: &[Field]) -> FieldSet {
    let mut set = FieldSet::default();
    for &field in list {
        set.insert(field);
    }
    set
}

#[test]
fn one_record_per_key_the_first_kept() {
    let store = RecordStore::from_records(
        &[
            record("Ann", Some("T-1")),
            record("Bo", Some("T-1")),
            record("Cy", None),
            record("Cy", None),
        ],
        None,
    );
    let document = Document::from_workspace(&of(store));
    assert_eq!(document.records.len(), 2);
    let first = document.records.iter().find(|r| r.key == "T-1").unwrap();
    assert_eq!(first.agent, "Ann");
}

#[test]
fn a_value_makes_its_field_present_and_derived_fields_follow() {
    let store = RecordStore::from_records(
        &[ContactRecord {
            resolved_at: Some(at(1, 10)),
            ..record("Ann", None)
        }],
        Some(fields(&[Field::Agent, Field::OpenedAt])),
    );
    let document = Document::from_workspace(&of(store));
    assert_eq!(
        document.record_fields,
        [
            Field::Agent,
            Field::OpenedAt,
            Field::Resolved,
            Field::ResolvedAt,
            Field::Csat,
            Field::ResolutionSecs
        ]
    );
    assert!(Document::from_json(&document.to_json()).is_ok());
}

#[test]
fn a_record_without_an_id_reads_back_without_one_and_with_its_key() {
    let store = RecordStore::from_records(
        &[record("Ann", None)],
        Some(fields(&[Field::Agent, Field::OpenedAt, Field::Csat])),
    );
    let document = Document::from_workspace(&of(store));
    let back = Document::from_json(&document.to_json())
        .unwrap()
        .record_store();
    assert!(!back.has_field(Field::Id));
    assert_eq!(back.id(0), None);
    assert_eq!(records::keys::record_key(&back, 0), document.records[0].key);
    assert!(document.records[0].key.starts_with('#'));
}

#[test]
fn to_json_sorts_what_a_caller_left_unsorted() {
    let store =
        RecordStore::from_records(&[record("Ann", Some("b")), record("Bo", Some("a"))], None);
    let document = Document::from_workspace(&of(store));
    let mut shuffled = document.clone();
    shuffled.records.reverse();
    assert_eq!(shuffled.to_json(), document.to_json());
    assert!(document.to_json().ends_with("}\n"));
}

#[test]
fn scope_and_mappings_refuse_unknown_keys_too() {
    let store = RecordStore::from_records(&[record("Ann", Some("T-1"))], None);
    let mut value: serde_json::Value =
        serde_json::from_str(&Document::from_workspace(&of(store)).to_json()).unwrap();
    value["scope"] = serde_json::json!({"kind": "workspace", "team": "North"});
    let error = Document::from_value(value.clone()).unwrap_err().to_string();
    assert!(error.starts_with("scope: unknown field `team`"), "{error}");
    value["scope"] = serde_json::json!({"kind": "agent", "agent": "Ann", "period": "2026-W40"});
    assert!(Document::from_value(value.clone()).is_ok());
    value["mappings"] =
        serde_json::json!([{"signature": "s", "headers": [], "mapping": {}, "x": 1}]);
    let error = Document::from_value(value).unwrap_err().to_string();
    assert!(
        error.starts_with("mappings[0].x: unknown field `x`"),
        "{error}"
    );
}

#[test]
fn bytes_may_start_with_a_byte_order_mark_and_serde_runs_the_same_checks() {
    let store = RecordStore::from_records(&[record("Ann", Some("T-1"))], None);
    let text = Document::from_workspace(&of(store)).to_json();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    assert_eq!(Document::from_bytes(&bytes).unwrap().records.len(), 1);
    let via_serde: Document = serde_json::from_str(&text).unwrap();
    assert_eq!(via_serde.to_json(), text);
    let future = text.replace(
        "\"schema_version\": 2,\n  \"scope\"",
        "\"schema_version\": 3,\n  \"scope\"",
    );
    let error = serde_json::from_str::<Document>(&future)
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "saved by a newer version of CareScore (v3): reload the page or update"
    );
}
