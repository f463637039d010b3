//! Contact records held column-wise, so a million of them fit in about 50 bytes each and
//! metric code scans tight arrays instead of chasing structs.
//!
//! Encodings (one entry per record in every column):
//! - text fields (agent, team, channel, topic): `u32` ids into one shared string table,
//!   [`NO_TEXT`] when missing;
//! - `opened_at`: `i64` seconds since 1970-01-01T00:00:00 of the LOCAL wall time as written
//!   in the file (no timezone conversion);
//! - durations: `f32` seconds, NaN when missing (`resolution_secs` = resolved_at - opened_at);
//! - booleans: one tri-state byte ([`TRI_FALSE`], [`TRI_TRUE`], [`TRI_UNKNOWN`]);
//! - counts: `u16`, [`NO_COUNT`] when missing (larger counts saturate);
//! - csat: `u8` 1-5, 0 when missing;
//! - ids: one `String` plus end offsets, only when the id column was mapped.
//!
//! [`RecordStore::has_field`] tells whether a field was in the source at all: a metric that
//! needs an absent field is N/A, never 0.

use chrono::{DateTime, NaiveDateTime};

use crate::field::Field;

pub mod dedupe;
pub mod keys;
mod snapshot;
mod strings;
pub use snapshot::SnapshotError;
pub use strings::StringTable;

/// Id of a missing text value.
pub const NO_TEXT: u32 = u32::MAX;
/// Id of a missing count.
pub const NO_COUNT: u16 = u16::MAX;
pub const TRI_FALSE: u8 = 0;
pub const TRI_TRUE: u8 = 1;
pub const TRI_UNKNOWN: u8 = 2;

/// A set of fields as a bitmask (fields present in the source).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldSet(u32);

impl FieldSet {
    pub fn insert(&mut self, field: Field) {
        self.0 |= 1 << field as u32;
    }

    pub fn contains(self, field: Field) -> bool {
        self.0 & (1 << field as u32) != 0
    }

    pub fn union(self, other: FieldSet) -> FieldSet {
        FieldSet(self.0 | other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::MAPPABLE
            .into_iter()
            .chain([Field::ResolutionSecs])
            .filter(move |field| self.contains(*field))
    }
}

/// One record as plain values, for building a store in code (tests, demo data, manual
/// entry). Ingestion fills the columns directly instead.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactRecord {
    pub id: Option<String>,
    pub agent: String,
    pub team: Option<String>,
    pub channel: Option<String>,
    pub topic: Option<String>,
    pub opened_at: NaiveDateTime,
    pub answered: bool,
    pub first_response_secs: Option<f64>,
    pub handle_secs: Option<f64>,
    pub resolved: Option<bool>,
    pub resolved_at: Option<NaiveDateTime>,
    pub first_contact_resolved: Option<bool>,
    pub reopen_count: Option<u32>,
    pub reassign_count: Option<u32>,
    pub complaint: Option<bool>,
    /// 1 to 5.
    pub csat: Option<u8>,
    pub sla_met: Option<bool>,
}

/// Contact records, column-wise. See the module documentation for the encodings.
#[derive(Clone, Debug, Default)]
pub struct RecordStore {
    strings: StringTable,
    present: FieldSet,
    agent: Vec<u32>,
    team: Vec<u32>,
    channel: Vec<u32>,
    topic: Vec<u32>,
    opened_at: Vec<i64>,
    answered: Vec<u8>,
    first_response_secs: Vec<f32>,
    handle_secs: Vec<f32>,
    resolved: Vec<u8>,
    resolution_secs: Vec<f32>,
    first_contact_resolved: Vec<u8>,
    reopen_count: Vec<u16>,
    reassign_count: Vec<u16>,
    complaint: Vec<u8>,
    csat: Vec<u8>,
    sla_met: Vec<u8>,
    /// Only filled when the id field is present.
    id_text: String,
    id_ends: Vec<u32>,
}

/// Seconds since the epoch of a naive (local wall) date-time.
pub fn naive_to_secs(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp()
}

/// The naive (local wall) date-time of seconds since the epoch.
pub fn secs_to_naive(secs: i64) -> NaiveDateTime {
    DateTime::from_timestamp(secs, 0)
        .expect("stored times are in chrono's range")
        .naive_utc()
}

pub(crate) fn tri(value: Option<bool>) -> u8 {
    match value {
        Some(false) => TRI_FALSE,
        Some(true) => TRI_TRUE,
        None => TRI_UNKNOWN,
    }
}

fn from_tri(byte: u8) -> Option<bool> {
    match byte {
        TRI_FALSE => Some(false),
        TRI_TRUE => Some(true),
        _ => None,
    }
}

fn count_code(value: Option<u32>) -> u16 {
    value.map_or(NO_COUNT, |count| count.min(u32::from(NO_COUNT - 1)) as u16)
}

fn opt_f32(value: Option<f64>) -> f32 {
    value.map_or(f32::NAN, |v| v as f32)
}

fn f32_opt(value: f32) -> Option<f64> {
    (!value.is_nan()).then_some(f64::from(value))
}

/// Columns of one record, already encoded; what ingestion pushes per accepted row.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EncodedRow<'a> {
    pub id: Option<&'a str>,
    pub agent: u32,
    pub team: u32,
    pub channel: u32,
    pub topic: u32,
    pub opened_at: i64,
    pub answered: bool,
    pub first_response_secs: f32,
    pub handle_secs: f32,
    pub resolved: u8,
    pub resolution_secs: f32,
    pub first_contact_resolved: u8,
    pub reopen_count: u16,
    pub reassign_count: u16,
    pub complaint: u8,
    pub csat: u8,
    pub sla_met: u8,
}

impl RecordStore {
    /// An empty store whose source holds `present` fields.
    pub fn with_fields(present: FieldSet) -> RecordStore {
        RecordStore {
            present,
            ..RecordStore::default()
        }
    }

    /// Builds a store from plain records. `present` says which fields the source had; pass
    /// `None` to mark every field present.
    pub fn from_records(records: &[ContactRecord], present: Option<FieldSet>) -> RecordStore {
        let present = present.unwrap_or_else(|| {
            let mut all = FieldSet::default();
            for field in Field::MAPPABLE.into_iter().chain([Field::ResolutionSecs]) {
                all.insert(field);
            }
            all
        });
        let mut store = RecordStore::with_fields(present);
        for record in records {
            store.push_record(record);
        }
        store
    }

    /// Adds one plain record. `resolution_secs` is derived from `resolved_at`.
    pub fn push_record(&mut self, record: &ContactRecord) {
        let opened_at = naive_to_secs(record.opened_at);
        let agent = self.strings.intern(&record.agent);
        let team = self.intern_opt(record.team.as_deref());
        let channel = self.intern_opt(record.channel.as_deref());
        let topic = self.intern_opt(record.topic.as_deref());
        let resolution_secs = record
            .resolved_at
            .map(|at| (naive_to_secs(at) - opened_at) as f64);
        self.push_encoded(EncodedRow {
            id: record.id.as_deref(),
            agent,
            team,
            channel,
            topic,
            opened_at,
            answered: record.answered,
            first_response_secs: opt_f32(record.first_response_secs),
            handle_secs: opt_f32(record.handle_secs),
            resolved: tri(record.resolved),
            resolution_secs: opt_f32(resolution_secs),
            first_contact_resolved: tri(record.first_contact_resolved),
            reopen_count: count_code(record.reopen_count),
            reassign_count: count_code(record.reassign_count),
            complaint: tri(record.complaint),
            csat: record.csat.unwrap_or(0),
            sla_met: tri(record.sla_met),
        });
    }

    fn intern_opt(&mut self, text: Option<&str>) -> u32 {
        text.map_or(NO_TEXT, |text| self.strings.intern(text))
    }

    pub(crate) fn strings_mut(&mut self) -> &mut StringTable {
        &mut self.strings
    }

    pub(crate) fn push_encoded(&mut self, row: EncodedRow<'_>) {
        self.agent.push(row.agent);
        self.team.push(row.team);
        self.channel.push(row.channel);
        self.topic.push(row.topic);
        self.opened_at.push(row.opened_at);
        self.answered.push(u8::from(row.answered));
        self.first_response_secs.push(row.first_response_secs);
        self.handle_secs.push(row.handle_secs);
        self.resolved.push(row.resolved);
        self.resolution_secs.push(row.resolution_secs);
        self.first_contact_resolved.push(row.first_contact_resolved);
        self.reopen_count.push(row.reopen_count);
        self.reassign_count.push(row.reassign_count);
        self.complaint.push(row.complaint);
        self.csat.push(row.csat);
        self.sla_met.push(row.sla_met);
        if self.present.contains(Field::Id) {
            self.id_text.push_str(row.id.unwrap_or(""));
            self.id_ends
                .push(u32::try_from(self.id_text.len()).expect("ids total under 4 GB of text"));
        }
    }

    /// Appends every record of `other` (a later import or slice), remapping its strings.
    /// The present fields become the union; records of a source that lacked a field hold
    /// "missing" for it.
    pub fn append(&mut self, other: &RecordStore) {
        let remap: Vec<u32> = other
            .strings
            .texts()
            .map(|text| self.strings.intern(text))
            .collect();
        let map = |id: u32| {
            if id == NO_TEXT {
                NO_TEXT
            } else {
                remap[id as usize]
            }
        };
        let had_ids = self.present.contains(Field::Id);
        self.present = self.present.union(other.present);
        if !had_ids && self.present.contains(Field::Id) {
            // Earlier records had no id: give them empty ones so offsets stay aligned.
            self.id_ends
                .resize(self.agent.len(), self.id_text.len() as u32);
        }
        self.agent.extend(other.agent.iter().map(|&id| map(id)));
        self.team.extend(other.team.iter().map(|&id| map(id)));
        self.channel.extend(other.channel.iter().map(|&id| map(id)));
        self.topic.extend(other.topic.iter().map(|&id| map(id)));
        self.opened_at.extend_from_slice(&other.opened_at);
        self.answered.extend_from_slice(&other.answered);
        self.first_response_secs
            .extend_from_slice(&other.first_response_secs);
        self.handle_secs.extend_from_slice(&other.handle_secs);
        self.resolved.extend_from_slice(&other.resolved);
        self.resolution_secs
            .extend_from_slice(&other.resolution_secs);
        self.first_contact_resolved
            .extend_from_slice(&other.first_contact_resolved);
        self.reopen_count.extend_from_slice(&other.reopen_count);
        self.reassign_count.extend_from_slice(&other.reassign_count);
        self.complaint.extend_from_slice(&other.complaint);
        self.csat.extend_from_slice(&other.csat);
        self.sla_met.extend_from_slice(&other.sla_met);
        if self.present.contains(Field::Id) {
            for index in 0..other.len() {
                self.id_text.push_str(other.id(index).unwrap_or(""));
                self.id_ends.push(self.id_text.len() as u32);
            }
        }
    }

    /// Makes room for `additional` more records in every column (an import that can
    /// estimate its row count saves the columns' repeated regrowth).
    pub fn reserve(&mut self, additional: usize) {
        self.agent.reserve(additional);
        self.team.reserve(additional);
        self.channel.reserve(additional);
        self.topic.reserve(additional);
        self.opened_at.reserve(additional);
        self.answered.reserve(additional);
        self.first_response_secs.reserve(additional);
        self.handle_secs.reserve(additional);
        self.resolved.reserve(additional);
        self.resolution_secs.reserve(additional);
        self.first_contact_resolved.reserve(additional);
        self.reopen_count.reserve(additional);
        self.reassign_count.reserve(additional);
        self.complaint.reserve(additional);
        self.csat.reserve(additional);
        self.sla_met.reserve(additional);
        if self.present.contains(Field::Id) {
            self.id_ends.reserve(additional);
        }
    }

    /// Gives back the spare capacity the columns grew while importing.
    pub fn shrink_to_fit(&mut self) {
        self.agent.shrink_to_fit();
        self.team.shrink_to_fit();
        self.channel.shrink_to_fit();
        self.topic.shrink_to_fit();
        self.opened_at.shrink_to_fit();
        self.answered.shrink_to_fit();
        self.first_response_secs.shrink_to_fit();
        self.handle_secs.shrink_to_fit();
        self.resolved.shrink_to_fit();
        self.resolution_secs.shrink_to_fit();
        self.first_contact_resolved.shrink_to_fit();
        self.reopen_count.shrink_to_fit();
        self.reassign_count.shrink_to_fit();
        self.complaint.shrink_to_fit();
        self.csat.shrink_to_fit();
        self.sla_met.shrink_to_fit();
        self.id_text.shrink_to_fit();
        self.id_ends.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.agent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.agent.is_empty()
    }

    /// Whether the source had this field at all (derived fields count as present when
    /// their inputs were: `resolution_secs` with `resolved_at`).
    pub fn has_field(&self, field: Field) -> bool {
        self.present.contains(field)
    }

    pub fn present_fields(&self) -> FieldSet {
        self.present
    }

    /// Approximate heap bytes held by the columns (for the memory budget).
    pub fn heap_bytes(&self) -> usize {
        // 4 text ids, opened_at, 3 durations, 5 tri-states + csat, 2 counts.
        let per_record = 4 * 4 + 8 + 4 * 3 + 6 + 2 * 2;
        let strings: usize = self.strings.texts().map(|t| t.len() * 2 + 40).sum();
        self.agent.capacity() * per_record
            + self.id_text.capacity()
            + self.id_ends.capacity() * 4
            + strings
    }

    pub fn strings(&self) -> &StringTable {
        &self.strings
    }

    /// Text of an interned id (`None` for [`NO_TEXT`]).
    pub fn text(&self, id: u32) -> Option<&str> {
        self.strings.get(id)
    }

    /// Distinct agent names, sorted.
    pub fn agent_names(&self) -> Vec<&str> {
        self.distinct_names(&self.agent)
    }

    /// Distinct team names, sorted.
    pub fn team_names(&self) -> Vec<&str> {
        self.distinct_names(&self.team)
    }

    pub fn channel_names(&self) -> Vec<&str> {
        self.distinct_names(&self.channel)
    }

    pub fn topic_names(&self) -> Vec<&str> {
        self.distinct_names(&self.topic)
    }

    fn distinct_names(&self, column: &[u32]) -> Vec<&str> {
        let mut seen = vec![false; self.strings.len()];
        for &id in column {
            if id != NO_TEXT {
                seen[id as usize] = true;
            }
        }
        let mut names: Vec<&str> = seen
            .iter()
            .enumerate()
            .filter(|(_, seen)| **seen)
            .filter_map(|(id, _)| self.strings.get(id as u32))
            .collect();
        names.sort_unstable();
        names
    }

    /// The interned ids column of a text field (agent, team, channel, topic).
    pub fn text_column(&self, field: Field) -> Option<&[u32]> {
        match field {
            Field::Agent => Some(&self.agent),
            Field::Team => Some(&self.team),
            Field::Channel => Some(&self.channel),
            Field::Topic => Some(&self.topic),
            _ => None,
        }
    }

    pub fn agent_ids(&self) -> &[u32] {
        &self.agent
    }

    pub fn team_ids(&self) -> &[u32] {
        &self.team
    }

    /// Opening times, seconds since the epoch of the local wall time.
    pub fn opened_at_secs(&self) -> &[i64] {
        &self.opened_at
    }

    /// 1 = answered, 0 = not answered (missing was read as answered).
    pub fn answered_column(&self) -> &[u8] {
        &self.answered
    }

    /// The tri-state byte column of a boolean field.
    pub fn bool_column(&self, field: Field) -> Option<&[u8]> {
        match field {
            Field::Answered => Some(&self.answered),
            Field::Resolved => Some(&self.resolved),
            Field::FirstContactResolved => Some(&self.first_contact_resolved),
            Field::Complaint => Some(&self.complaint),
            Field::SlaMet => Some(&self.sla_met),
            _ => None,
        }
    }

    /// The NaN-for-missing column of a duration field.
    pub fn seconds_column(&self, field: Field) -> Option<&[f32]> {
        match field {
            Field::FirstResponseSecs => Some(&self.first_response_secs),
            Field::HandleSecs => Some(&self.handle_secs),
            Field::ResolutionSecs => Some(&self.resolution_secs),
            _ => None,
        }
    }

    /// The [`NO_COUNT`]-for-missing column of a count field.
    pub fn count_column(&self, field: Field) -> Option<&[u16]> {
        match field {
            Field::ReopenCount => Some(&self.reopen_count),
            Field::ReassignCount => Some(&self.reassign_count),
            _ => None,
        }
    }

    /// CSAT 1-5, 0 when missing.
    pub fn csat_column(&self) -> &[u8] {
        &self.csat
    }

    /// Rebuilds record `index` as plain values (for drill-down to the records behind a
    /// number). Panics when out of range.
    pub fn record(&self, index: usize) -> ContactRecord {
        let opened_at = self.opened_at[index];
        let text = |id: u32| self.text(id).map(str::to_string);
        let count = |code: u16| (code != NO_COUNT).then_some(u32::from(code));
        ContactRecord {
            id: self.id(index).map(str::to_string),
            agent: self.text(self.agent[index]).unwrap_or_default().to_string(),
            team: text(self.team[index]),
            channel: text(self.channel[index]),
            topic: text(self.topic[index]),
            opened_at: secs_to_naive(opened_at),
            answered: self.answered[index] != 0,
            first_response_secs: f32_opt(self.first_response_secs[index]),
            handle_secs: f32_opt(self.handle_secs[index]),
            resolved: from_tri(self.resolved[index]),
            resolved_at: self.resolved_at(index),
            first_contact_resolved: from_tri(self.first_contact_resolved[index]),
            reopen_count: count(self.reopen_count[index]),
            reassign_count: count(self.reassign_count[index]),
            complaint: from_tri(self.complaint[index]),
            csat: (self.csat[index] != 0).then_some(self.csat[index]),
            sla_met: from_tri(self.sla_met[index]),
        }
    }

    pub fn id(&self, index: usize) -> Option<&str> {
        if !self.present.contains(Field::Id) {
            return None;
        }
        let start = if index == 0 {
            0
        } else {
            self.id_ends[index - 1] as usize
        };
        let text = &self.id_text[start..self.id_ends[index] as usize];
        (!text.is_empty()).then_some(text)
    }

    pub fn agent(&self, index: usize) -> &str {
        self.text(self.agent[index]).unwrap_or_default()
    }

    pub fn opened_at(&self, index: usize) -> NaiveDateTime {
        secs_to_naive(self.opened_at[index])
    }

    pub fn resolved_at(&self, index: usize) -> Option<NaiveDateTime> {
        f32_opt(self.resolution_secs[index])
            .map(|secs| secs_to_naive(self.opened_at[index] + secs.round() as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2021, 3, 4)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn sample(agent: &str, team: &str) -> ContactRecord {
        ContactRecord {
            id: Some(format!("{agent}-1")),
            agent: agent.into(),
            team: Some(team.into()),
            opened_at: at(9),
            answered: true,
            first_response_secs: Some(12.5),
            resolved: Some(true),
            resolved_at: Some(at(11)),
            reopen_count: Some(70_000),
            csat: Some(4),
            ..ContactRecord::default()
        }
    }

    #[test]
    fn records_round_trip_through_the_columns() {
        let record = sample("Ann", "North");
        let store = RecordStore::from_records(std::slice::from_ref(&record), None);
        let back = store.record(0);
        assert_eq!(back.resolved_at, Some(at(11)));
        assert_eq!(
            back.reopen_count,
            Some(u32::from(NO_COUNT - 1)),
            "saturates"
        );
        assert_eq!(
            ContactRecord {
                reopen_count: record.reopen_count,
                ..back
            },
            record
        );
        assert_eq!(
            store.seconds_column(Field::ResolutionSecs).unwrap()[0],
            7200.0
        );
    }

    #[test]
    fn append_remaps_strings_and_keeps_ids_aligned() {
        let mut no_ids = FieldSet::default();
        no_ids.insert(Field::Agent);
        no_ids.insert(Field::OpenedAt);
        let mut first = RecordStore::from_records(&[sample("Bo", "South")], Some(no_ids));
        let second =
            RecordStore::from_records(&[sample("Ann", "North"), sample("Bo", "North")], None);
        first.append(&second);
        assert_eq!(first.len(), 3);
        assert_eq!(first.agent_names(), ["Ann", "Bo"]);
        assert_eq!(first.team_names(), ["North", "South"]);
        assert_eq!(first.agent(2), "Bo");
        assert_eq!(first.id(0), None);
        assert_eq!(first.id(1), Some("Ann-1"));
        assert_eq!(first.id(2), Some("Bo-1"));
        assert!(first.has_field(Field::Csat));
    }

    #[test]
    fn the_columns_stay_near_fifty_bytes_a_record() {
        let store = RecordStore::from_records(&vec![sample("Ann", "North"); 1000], None);
        // Without ids: 16 (texts) + 8 + 12 + 6 + 4 = 46 bytes.
        let per_record =
            (store.heap_bytes() - store.id_text.capacity() - store.id_ends.capacity() * 4) as f64
                / 1000.0;
        assert!(per_record < 60.0, "{per_record}");
    }
}
