use proptest::prelude::*;

use super::*;
use crate::demo::{self, DemoConfig};
use crate::records::ContactRecord;

fn demo_store(contacts: usize) -> RecordStore {
    demo::record_store(&DemoConfig {
        contacts,
        ..DemoConfig::default()
    })
    .expect("valid demo config")
}

/// Column-by-column equality (floats by bits, so NaN for missing compares equal).
fn assert_same(a: &RecordStore, b: &RecordStore) {
    let bits = |column: &[f32]| column.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        a.strings.texts().collect::<Vec<_>>(),
        b.strings.texts().collect::<Vec<_>>()
    );
    assert_eq!(a.present, b.present);
    assert_eq!(a.agent, b.agent);
    assert_eq!(a.team, b.team);
    assert_eq!(a.channel, b.channel);
    assert_eq!(a.topic, b.topic);
    assert_eq!(a.opened_at, b.opened_at);
    assert_eq!(a.answered, b.answered);
    assert_eq!(bits(&a.first_response_secs), bits(&b.first_response_secs));
    assert_eq!(bits(&a.handle_secs), bits(&b.handle_secs));
    assert_eq!(a.resolved, b.resolved);
    assert_eq!(bits(&a.resolution_secs), bits(&b.resolution_secs));
    assert_eq!(a.first_contact_resolved, b.first_contact_resolved);
    assert_eq!(a.reopen_count, b.reopen_count);
    assert_eq!(a.reassign_count, b.reassign_count);
    assert_eq!(a.complaint, b.complaint);
    assert_eq!(a.csat, b.csat);
    assert_eq!(a.sla_met, b.sla_met);
    assert_eq!(a.id_text, b.id_text);
    assert_eq!(a.id_ends, b.id_ends);
}

fn corrupt_message(bytes: &[u8]) -> String {
    match RecordStore::from_snapshot(bytes) {
        Err(SnapshotError::Corrupt(what)) => what,
        other => panic!("expected a corrupt error, got {:?}", other.map(|s| s.len())),
    }
}

#[test]
fn the_demo_store_round_trips() {
    let store = demo_store(5_000);
    assert!(store.has_field(Field::Id), "the demo has ids to check");
    let bytes = store.to_snapshot();
    assert_eq!(&bytes[..4], b"CSRS");
    assert_eq!(&bytes[4..8], &1u32.to_le_bytes());
    let back = RecordStore::from_snapshot(&bytes).expect("loads");
    assert_same(&store, &back);
    assert_eq!(back.record(4_321), store.record(4_321));
    // The rebuilt lookup map works: interning a known name gives its old id.
    let mut back = back;
    let name = store.agent(0).to_string();
    assert_eq!(back.strings_mut().intern(&name), store.agent_ids()[0]);
}

#[test]
fn stores_without_ids_and_empty_stores_round_trip() {
    let mut fields = FieldSet::default();
    fields.insert(Field::Agent);
    fields.insert(Field::OpenedAt);
    let record = ContactRecord {
        agent: "王芳".into(),
        csat: Some(5),
        ..ContactRecord::default()
    };
    for store in [
        RecordStore::default(),
        RecordStore::from_records(&[record.clone(), record], Some(fields)),
    ] {
        let back = RecordStore::from_snapshot(&store.to_snapshot()).expect("loads");
        assert_same(&store, &back);
    }
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = demo_store(2_000).to_snapshot();
    for step in 0..50 {
        let cut = bytes.len() * step / 50;
        let message = corrupt_message(&bytes[..cut]);
        assert!(!message.is_empty(), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        corrupt_message(&longer),
        "1 unexpected bytes after the records"
    );
}

#[test]
fn wrong_magic_and_versions_are_named() {
    let mut bytes = demo_store(100).to_snapshot();
    bytes[4..8].copy_from_slice(&7u32.to_le_bytes());
    let error = RecordStore::from_snapshot(&bytes).unwrap_err();
    assert_eq!(error, SnapshotError::NewerFormat(7));
    assert_eq!(
        error.to_string(),
        "saved records are from a newer CareScore (format 7)"
    );
    bytes[4..8].copy_from_slice(&0u32.to_le_bytes());
    assert_eq!(corrupt_message(&bytes), "unknown format 0");
    bytes[..4].copy_from_slice(b"PK\x03\x04");
    let error = RecordStore::from_snapshot(&bytes).unwrap_err();
    assert_eq!(
        error.to_string(),
        "saved records are corrupt: these bytes are not CareScore saved records"
    );
}

/// A snapshot of `store` after `edit` breaks one invariant.
fn tampered(edit: impl FnOnce(&mut RecordStore)) -> String {
    let mut store = demo_store(50);
    edit(&mut store);
    corrupt_message(&store.to_snapshot())
}

#[test]
fn broken_invariants_are_named() {
    assert_eq!(
        tampered(|s| {
            s.csat.pop();
        }),
        "the csat column has 49 entries for 50 records"
    );
    assert!(tampered(|s| s.team[3] = 999).starts_with("record 3 names team text 999 of only"));
    assert_eq!(
        tampered(|s| s.resolved[7] = 3),
        "record 7 has resolved 3 (expected yes, no or unknown)"
    );
    assert_eq!(
        tampered(|s| s.answered[1] = 2),
        "record 1 has answered 2 (expected 0 or 1)"
    );
    assert_eq!(
        tampered(|s| s.csat[2] = 6),
        "record 2 has csat 6 (expected 0 (missing) to 5)"
    );
    assert_eq!(
        tampered(|s| s.handle_secs[4] = f32::INFINITY),
        "record 4 has an infinite handle_secs"
    );
    assert_eq!(
        tampered(|s| s.opened_at[5] = i64::MAX),
        "record 5 opens at an impossible time"
    );
    assert_eq!(
        tampered(|s| s.resolution_secs[6] = f32::MAX),
        "record 6 is resolved at an impossible time"
    );
    assert_eq!(tampered(|s| s.id_ends[8] = 0), "record 8 has a broken id");
    assert_eq!(
        tampered(|s| s.id_ends[9] = u32::MAX),
        "record 9 has a broken id"
    );
    assert_eq!(
        tampered(|s| s.id_text.push('x')),
        "the id text runs past the last record"
    );
    assert_eq!(
        tampered(|s| s.present = FieldSet(1 << 31)),
        "unknown fields in the field list (0x80000000)"
    );
    assert_eq!(
        tampered(|s| {
            s.present = FieldSet::default();
        }),
        "record ids are saved but the id field is not"
    );
    // Ids on a multi-byte character boundary only.
    assert_eq!(
        tampered(|s| {
            s.id_text = "单".repeat(50);
            s.id_ends = (1..=50).map(|i| i * 3).collect();
            s.id_ends[0] = 1;
        }),
        "record 0 has a broken id"
    );
    // Two ids for one name: rewrite the second saved text into the first.
    let record = |agent: &str| ContactRecord {
        agent: agent.into(),
        ..ContactRecord::default()
    };
    let mut bytes = RecordStore::from_records(&[record("ab"), record("cd")], None).to_snapshot();
    assert_eq!(&bytes[8..15], b"\x02\x02ab\x02cd", "texts lead the body");
    bytes[13..15].copy_from_slice(b"ab");
    assert_eq!(corrupt_message(&bytes), "text 1 (\"ab\") is listed twice");
}

#[test]
fn duplicate_texts_are_rejected() {
    let error = StringTable::from_texts(vec!["a".into(), "b".into(), "a".into()]).unwrap_err();
    assert_eq!(error, "text 2 (\"a\") is listed twice");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Flipped bytes anywhere give an error or a store that is sound to use: it never
    /// panics, neither loading nor reading every record back.
    #[test]
    fn flipped_bytes_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..6)) {
        thread_local! {
            static BYTES: Vec<u8> = demo_store(300).to_snapshot();
        }
        let mut bytes = BYTES.with(Clone::clone);
        for (index, mask) in flips {
            let at = index.index(bytes.len());
            bytes[at] ^= mask;
        }
        if let Ok(store) = RecordStore::from_snapshot(&bytes) {
            for index in 0..store.len() {
                let record = store.record(index);
                let _ = (record, store.id(index), store.agent(index));
            }
            let _ = (store.agent_names(), store.team_names(), store.channel_names(), store.topic_names());
        }
    }
}
