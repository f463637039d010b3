//! A stable key for every record, so re-importing a file (or merging a colleague's review
//! file) never counts a contact twice: the record's own `id` when it has one, else a hash
//! of its content.
//!
//! The content hash is xxHash3-64 (a documented, portable algorithm: the same on native
//! and wasm, and across releases) of the record's canonical text: its fields, in canonical
//! order, as they would be written to a canonical CSV, separated by U+001F. Two rows that
//! differ in any stored value get different keys; the same row read from CSV, JSON or XLSX
//! gets the same key.

use xxhash_rust::xxh3::xxh3_64;

use super::{ContactRecord, RecordStore};

/// Prefix of content-hash keys; an `id` starting with it is still taken as an id.
pub const HASH_KEY_PREFIX: &str = "#";

/// The key of record `index`: its id, or `#` and 16 hex digits of its content hash.
pub fn record_key(store: &RecordStore, index: usize) -> String {
    match store.id(index) {
        Some(id) => id.to_string(),
        None => content_key(&store.record(index)),
    }
}

/// `#` and the hex xxHash3-64 of the record's canonical text (its id is ignored).
pub fn content_key(record: &ContactRecord) -> String {
    format!(
        "{HASH_KEY_PREFIX}{:016x}",
        xxh3_64(canonical_text(record).as_bytes())
    )
}

/// The record's values in canonical field order, missing values empty, separated by U+001F.
fn canonical_text(record: &ContactRecord) -> String {
    fn opt<T: ToString>(value: Option<T>) -> String {
        value.map(|v| v.to_string()).unwrap_or_default()
    }
    let at = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
    [
        record.agent.clone(),
        opt(record.team.as_deref()),
        opt(record.channel.as_deref()),
        opt(record.topic.as_deref()),
        at(record.opened_at),
        record.answered.to_string(),
        opt(record.first_response_secs),
        opt(record.handle_secs),
        opt(record.resolved),
        opt(record.resolved_at.map(at)),
        opt(record.first_contact_resolved),
        opt(record.reopen_count),
        opt(record.reassign_count),
        opt(record.complaint),
        opt(record.csat),
        opt(record.sla_met),
    ]
    .join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn record() -> ContactRecord {
        ContactRecord {
            agent: "张伟".into(),
            opened_at: NaiveDate::from_ymd_opt(2026, 7, 1)
                .unwrap()
                .and_hms_opt(9, 30, 0)
                .unwrap(),
            answered: true,
            csat: Some(5),
            ..ContactRecord::default()
        }
    }

    #[test]
    fn an_id_is_the_key() {
        let store = RecordStore::from_records(
            &[ContactRecord {
                id: Some("T-1".into()),
                ..record()
            }],
            None,
        );
        assert_eq!(record_key(&store, 0), "T-1");
    }

    #[test]
    fn without_an_id_equal_content_gives_equal_keys_and_any_change_another() {
        let a = content_key(&record());
        assert_eq!(a, content_key(&record()));
        assert_eq!(a.len(), 17);
        assert!(a.starts_with(HASH_KEY_PREFIX));
        let other = ContactRecord {
            csat: Some(4),
            ..record()
        };
        assert_ne!(a, content_key(&other));
        let moved = ContactRecord {
            team: Some("张伟".into()),
            agent: String::new(),
            ..record()
        };
        assert_ne!(a, content_key(&moved), "fields are separated");
    }

    #[test]
    fn the_hash_is_pinned() {
        // Saved workspaces and review files hold these keys: the algorithm must not drift.
        assert_eq!(content_key(&record()), "#62d397f52ded93a8");
    }
}
