//! Importing a file into records that are already there, without counting a contact twice.
//!
//! Records are matched by their key ([`super::keys::record_key`]: the id, else a hash of the
//! content). An incoming record whose key is already present with the same content is a
//! duplicate and skipped; one with the same id but other values replaces the old record
//! (the file is newer: a ticket that was reopened, a late rating); within the incoming file
//! the first record of a key wins. So importing the same file twice changes nothing.
//!
//! Speed: a million records against a million must merge in well under a second, so keys
//! are not built as strings. Content is compared through a 128-bit xxHash3 fingerprint of
//! the stored values (texts by the hash of their text, so two stores with different string
//! tables agree), and ids through their 128-bit xxHash3.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{xxh3_128, xxh3_128_with_seed, xxh3_64};

use super::{EncodedRow, FieldSet, RecordStore, NO_TEXT};
use crate::field::Field;

/// What a merge did.
#[derive(Clone, Debug)]
pub struct MergedImport {
    /// The existing records, updated in place, then the added ones in file order.
    pub store: RecordStore,
    pub added: usize,
    /// Same id, other values: the existing record was replaced.
    pub updated: usize,
    /// Already present with the same key and content: skipped.
    pub duplicates: usize,
    /// A key seen earlier in the same incoming file: skipped (the first one counts).
    pub duplicates_in_file: usize,
}

/// What becomes of one incoming record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportClass {
    New,
    /// Replaces existing record `existing` (same id, other values).
    Updated {
        existing: usize,
    },
    /// Identical to existing record `existing`.
    Duplicate {
        existing: usize,
    },
    /// Same key as incoming record `first`, earlier in the file.
    DuplicateInFile {
        first: usize,
    },
}

/// A record's key as 128 bits: the xxHash3-128 of its id, or its content fingerprint (ids
/// and contents hashed apart). Two different keys share it with odds of about 2^-128 per
/// pair, the same trust the content keys already put in the hash; as two `u64`s the map
/// entries stay 24 bytes, so two million of them stay cache-friendly.
fn key(store: &RecordStore, index: usize, print: u128) -> [u64; 2] {
    let wide = match store.id(index) {
        Some(id) => xxh3_128_with_seed(id.as_bytes(), 1),
        None => print,
    };
    [wide as u64, (wide >> 64) as u64]
}

/// Classifies every incoming record against `existing` (none: only duplicates within the
/// file are found).
///
/// Keys are first partitioned by their top bits (sequential passes), then each partition is
/// matched with a hash map small enough to stay in cache: a single map of two million keys
/// misses the cache on nearly every probe. Within a partition records keep their order
/// (existing ones first, then the file's), so the result is that of one map.
pub fn classify_import(existing: Option<&RecordStore>, incoming: &RecordStore) -> Vec<ImportClass> {
    let empty = RecordStore::default();
    let existing = existing.unwrap_or(&empty);
    let base = existing.len();
    // Slots: existing records are `0..base`, incoming ones follow.
    let items: Vec<Item> = [existing, incoming]
        .into_iter()
        .flat_map(|store| {
            let prints = fingerprints(store);
            (0..store.len()).map(move |index| (key(store, index, prints[index]), prints[index]))
        })
        .enumerate()
        .map(|(slot, (key, print))| Item {
            key,
            print,
            slot: slot as u32,
        })
        .collect();
    let mut classes = vec![ImportClass::New; incoming.len()];
    // Per key, the slot it was last placed at and that record's content.
    let mut placed: FxHashMap<[u64; 2], (u32, u128)> = FxHashMap::default();
    for partition in partitioned(items) {
        placed.clear();
        for item in partition {
            let slot = item.slot as usize;
            let entry = placed.entry(item.key);
            if slot < base {
                // The first of equal keys is the one a later import is compared with.
                entry.or_insert((item.slot, item.print));
                continue;
            }
            let index = slot - base;
            classes[index] = match entry {
                Entry::Vacant(vacant) => {
                    vacant.insert((item.slot, item.print));
                    ImportClass::New
                }
                Entry::Occupied(occupied) if occupied.get().0 as usize >= base => {
                    ImportClass::DuplicateInFile {
                        first: occupied.get().0 as usize - base,
                    }
                }
                Entry::Occupied(mut occupied) => {
                    let (old, print) = *occupied.get();
                    // Later copies in this file are duplicates of this one.
                    occupied.insert((item.slot, item.print));
                    let existing = old as usize;
                    if print == item.print {
                        ImportClass::Duplicate { existing }
                    } else {
                        ImportClass::Updated { existing }
                    }
                }
            };
        }
    }
    classes
}

/// One record to match: its key, content fingerprint and slot.
#[derive(Clone, Copy)]
struct Item {
    key: [u64; 2],
    print: u128,
    slot: u32,
}

/// Items per partition aimed at: a map of this many fits in a core's cache.
const PARTITION_SIZE: usize = 4096;

/// `items` grouped by the top bits of their key, each group in slot order.
fn partitioned(items: Vec<Item>) -> Vec<Vec<Item>> {
    let bits = (items.len() / PARTITION_SIZE)
        .checked_ilog2()
        .unwrap_or(0)
        .clamp(1, 16);
    let partition = |item: &Item| (item.key[0] >> (64 - bits)) as usize;
    let mut sizes = vec![0usize; 1 << bits];
    for item in &items {
        sizes[partition(item)] += 1;
    }
    let mut groups: Vec<Vec<Item>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for item in items {
        groups[partition(&item)].push(item);
    }
    groups
}

/// Merges `incoming` (a newly read file) into `existing`. See the module documentation.
pub fn merge_import(existing: &RecordStore, incoming: &RecordStore) -> MergedImport {
    let classes = classify_import(Some(existing), incoming);
    let mut merged = MergedImport {
        store: existing.clone(),
        added: 0,
        updated: 0,
        duplicates: 0,
        duplicates_in_file: 0,
    };
    let changes = classes
        .iter()
        .any(|class| matches!(class, ImportClass::New | ImportClass::Updated { .. }));
    if changes {
        include_fields(&mut merged.store, incoming.present);
    }
    let mut remap = vec![NO_TEXT; incoming.strings.len()];
    for (index, class) in classes.into_iter().enumerate() {
        match class {
            ImportClass::New => {
                let row = encoded(&mut merged.store, incoming, index, &mut remap);
                merged.store.push_encoded(row);
                merged.added += 1;
            }
            ImportClass::Updated { existing } => {
                let row = encoded(&mut merged.store, incoming, index, &mut remap);
                overwrite(&mut merged.store, existing, &row);
                merged.updated += 1;
            }
            ImportClass::Duplicate { .. } => merged.duplicates += 1,
            ImportClass::DuplicateInFile { .. } => merged.duplicates_in_file += 1,
        }
    }
    merged
}

/// Each record's content fingerprint (its id left out): equal exactly when the stored
/// values are equal, whatever the string tables.
pub(crate) fn fingerprints(store: &RecordStore) -> Vec<u128> {
    let text_hashes: Vec<u64> = store
        .strings
        .texts()
        .map(|text| xxh3_64(text.as_bytes()))
        .collect();
    let mut buffer = [0u8; 66];
    (0..store.len())
        .map(|i| {
            let mut at = 0;
            let mut put = |bytes: &[u8]| {
                buffer[at..at + bytes.len()].copy_from_slice(bytes);
                at += bytes.len();
            };
            for id in [
                store.agent[i],
                store.team[i],
                store.channel[i],
                store.topic[i],
            ] {
                match id {
                    NO_TEXT => put(&[0; 9]),
                    id => {
                        put(&[1]);
                        put(&text_hashes[id as usize].to_le_bytes());
                    }
                }
            }
            put(&store.opened_at[i].to_le_bytes());
            for seconds in [
                store.first_response_secs[i],
                store.handle_secs[i],
                store.resolution_secs[i],
            ] {
                let bits = if seconds.is_nan() {
                    f32::NAN.to_bits()
                } else {
                    seconds.to_bits()
                };
                put(&bits.to_le_bytes());
            }
            put(&[
                store.answered[i],
                store.resolved[i],
                store.first_contact_resolved[i],
                store.complaint[i],
                store.sla_met[i],
                store.csat[i],
            ]);
            put(&store.reopen_count[i].to_le_bytes());
            put(&store.reassign_count[i].to_le_bytes());
            debug_assert_eq!(at, buffer.len());
            xxh3_128(&buffer)
        })
        .collect()
}

/// Marks `fields` present in `store` too (as [`RecordStore::append`] does): earlier records
/// get empty ids when ids appear.
fn include_fields(store: &mut RecordStore, fields: FieldSet) {
    let had_ids = store.present.contains(Field::Id);
    store.present = store.present.union(fields);
    if !had_ids && store.present.contains(Field::Id) {
        let end = store.id_text.len() as u32;
        store.id_ends.resize(store.agent.len(), end);
    }
}

/// Record `index` of `from`, its texts interned in `into` (`remap` caches `from`'s text
/// ids, [`NO_TEXT`] for not yet seen).
fn encoded<'a>(
    into: &mut RecordStore,
    from: &'a RecordStore,
    index: usize,
    remap: &mut [u32],
) -> EncodedRow<'a> {
    let mut text = |id: u32| -> u32 {
        if id == NO_TEXT {
            return NO_TEXT;
        }
        let slot = &mut remap[id as usize];
        if *slot == NO_TEXT {
            *slot = into
                .strings
                .intern(from.strings.get(id).expect("ids are in the table"));
        }
        *slot
    };
    EncodedRow {
        id: from.id(index),
        agent: text(from.agent[index]),
        team: text(from.team[index]),
        channel: text(from.channel[index]),
        topic: text(from.topic[index]),
        opened_at: from.opened_at[index],
        answered: from.answered[index] != 0,
        first_response_secs: from.first_response_secs[index],
        handle_secs: from.handle_secs[index],
        resolved: from.resolved[index],
        resolution_secs: from.resolution_secs[index],
        first_contact_resolved: from.first_contact_resolved[index],
        reopen_count: from.reopen_count[index],
        reassign_count: from.reassign_count[index],
        complaint: from.complaint[index],
        csat: from.csat[index],
        sla_met: from.sla_met[index],
    }
}

/// Replaces every value of record `at` but its id (an update keeps its id).
fn overwrite(store: &mut RecordStore, at: usize, row: &EncodedRow<'_>) {
    store.agent[at] = row.agent;
    store.team[at] = row.team;
    store.channel[at] = row.channel;
    store.topic[at] = row.topic;
    store.opened_at[at] = row.opened_at;
    store.answered[at] = u8::from(row.answered);
    store.first_response_secs[at] = row.first_response_secs;
    store.handle_secs[at] = row.handle_secs;
    store.resolved[at] = row.resolved;
    store.resolution_secs[at] = row.resolution_secs;
    store.first_contact_resolved[at] = row.first_contact_resolved;
    store.reopen_count[at] = row.reopen_count;
    store.reassign_count[at] = row.reassign_count;
    store.complaint[at] = row.complaint;
    store.csat[at] = row.csat;
    store.sla_met[at] = row.sla_met;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_csv;
    use crate::records::keys::record_key;
    use crate::records::ContactRecord;

    const FILE: &str = "id,agent,team,opened_at,csat\n\
                        T1,Ann,A,2021-01-04 09:00,5\n\
                        T2,Bo,B,2021-01-04 10:00,4\n\
                        T2,Bo,B,2021-01-04 10:00,1\n\
                        ,Cy,A,2021-01-04 11:00,3\n\
                        ,Cy,A,2021-01-04 11:00,3\n\
                        ,Cy,A,2021-01-04 11:00,2\n";

    fn store(text: &str) -> RecordStore {
        read_csv(text.as_bytes(), None).unwrap().store
    }

    fn records(store: &RecordStore) -> Vec<ContactRecord> {
        (0..store.len()).map(|i| store.record(i)).collect()
    }

    fn texts(store: &RecordStore) -> Vec<String> {
        store.strings().texts().map(str::to_string).collect()
    }

    #[test]
    fn importing_the_same_file_twice_changes_nothing() {
        let first = merge_import(&RecordStore::default(), &store(FILE));
        assert_eq!(
            (
                first.added,
                first.updated,
                first.duplicates,
                first.duplicates_in_file
            ),
            (4, 0, 0, 2)
        );
        let again = merge_import(&first.store, &store(FILE));
        assert_eq!(
            (
                again.added,
                again.updated,
                again.duplicates,
                again.duplicates_in_file
            ),
            (0, 0, 4, 2)
        );
        assert_eq!(records(&again.store), records(&first.store));
        assert_eq!(texts(&again.store), texts(&first.store));
        assert_eq!(again.store.present_fields(), first.store.present_fields());
        // Keys agree with the published record keys.
        let keys: Vec<String> = (0..again.store.len())
            .map(|i| record_key(&again.store, i))
            .collect();
        assert_eq!(keys[..2], ["T1", "T2"]);
        assert!(keys[2].starts_with('#') && keys[3].starts_with('#'));
        assert_ne!(keys[2], keys[3]);
    }

    #[test]
    fn a_changed_record_with_the_same_id_replaces_the_old_one() {
        let existing = store(FILE);
        let newer = "id,agent,team,opened_at,csat,channel\n\
                     T2,Bo,B,2021-01-04 10:00,2,chat\n\
                     T9,Di,C,2021-01-05 10:00,5,phone\n\
                     T1,Ann,A,2021-01-04 09:00,5,\n";
        let merged = merge_import(&existing, &store(newer));
        assert_eq!(
            (
                merged.added,
                merged.updated,
                merged.duplicates,
                merged.duplicates_in_file
            ),
            (1, 1, 1, 0)
        );
        let result = &merged.store;
        assert_eq!(result.len(), existing.len() + 1);
        assert_eq!(result.record(1).csat, Some(2));
        assert_eq!(result.record(1).channel.as_deref(), Some("chat"));
        assert_eq!(result.record(1).id.as_deref(), Some("T2"));
        assert_eq!(result.record(6).agent, "Di");
        assert!(result.has_field(Field::Channel));
        assert_eq!(result.record(0), existing.record(0));
    }

    #[test]
    fn ids_appearing_later_keep_the_columns_aligned() {
        let without_ids = store("agent,opened_at\nAnn,2021-01-04 09:00\n");
        let with_ids =
            store("id,agent,opened_at\nX1,Bo,2021-01-04 09:00\nX2,Ann,2021-01-04 09:00\n");
        let merged = merge_import(&without_ids, &with_ids);
        assert_eq!(merged.added, 2, "an id is another key than a content hash");
        assert_eq!(merged.store.id(0), None);
        assert_eq!(merged.store.id(2), Some("X2"));
    }

    #[test]
    fn fingerprints_do_not_depend_on_the_string_table() {
        let a = store("agent,team,opened_at\nAnn,T,2021-01-04 09:00\n");
        let b = store("agent,team,opened_at\nT,Ann,2021-01-01 09:00\nAnn,T,2021-01-04 09:00\n");
        assert_eq!(fingerprints(&a)[0], fingerprints(&b)[1]);
        assert_ne!(fingerprints(&b)[0], fingerprints(&b)[1]);
    }
}
