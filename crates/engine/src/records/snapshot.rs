//! Saving a [`RecordStore`] as one binary blob and loading it back: the app keeps the
//! imported records in the browser (IndexedDB) this way, so a million records reopen in a
//! fraction of a second instead of being parsed again from the user's file.
//!
//! Format: the magic bytes `CSRS`, a little-endian `u32` format version ([`FORMAT_VERSION`]),
//! then [`Body`] encoded with postcard (varints for ids, counts and times, 4 raw bytes per
//! float, byte columns as byte strings).
//! The body lists the columns in a fixed order that is spelled out here rather than derived
//! from [`RecordStore`]'s fields, so reordering the store's fields cannot silently change
//! the format; adding or changing a column must bump [`FORMAT_VERSION`].
//!
//! A blob read back is checked whole (every invariant the rest of the engine relies on)
//! before it becomes a store: a corrupt or tampered blob is an [`SnapshotError`] here, never
//! an index panic in a metric later.

use std::borrow::Cow;
use std::fmt;

use chrono::DateTime;
use serde::{Deserialize, Serialize};

use super::{FieldSet, RecordStore, StringTable, NO_TEXT, TRI_FALSE, TRI_TRUE, TRI_UNKNOWN};
use crate::field::Field;

/// First bytes of every snapshot.
const MAGIC: &[u8; 4] = b"CSRS";
/// The format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// Magic plus version.
const HEADER_LEN: usize = 8;

/// Why saved records could not be loaded. The message is for the user: the app shows it and
/// offers to import the file again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// The blob is not a snapshot, is cut short, or breaks an invariant; says what.
    Corrupt(String),
    /// Written by a later CareScore whose format this build does not know.
    NewerFormat(u32),
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::Corrupt(what) => write!(f, "saved records are corrupt: {what}"),
            SnapshotError::NewerFormat(version) => write!(
                f,
                "saved records are from a newer CareScore (format {version})"
            ),
        }
    }
}

impl std::error::Error for SnapshotError {}

fn corrupt(what: impl Into<String>) -> SnapshotError {
    SnapshotError::Corrupt(what.into())
}

/// The encoded columns, in format order. Borrowed when saving (no copy of the columns),
/// owned when loading. Byte columns go as byte strings (one copy, not a varint per byte).
#[derive(Serialize, Deserialize)]
struct Body<'a> {
    texts: Vec<Cow<'a, str>>,
    present: u32,
    agent: Cow<'a, [u32]>,
    team: Cow<'a, [u32]>,
    channel: Cow<'a, [u32]>,
    topic: Cow<'a, [u32]>,
    opened_at: Cow<'a, [i64]>,
    #[serde(with = "serde_bytes", borrow)]
    answered: Cow<'a, [u8]>,
    first_response_secs: Cow<'a, [f32]>,
    handle_secs: Cow<'a, [f32]>,
    #[serde(with = "serde_bytes", borrow)]
    resolved: Cow<'a, [u8]>,
    resolution_secs: Cow<'a, [f32]>,
    #[serde(with = "serde_bytes", borrow)]
    first_contact_resolved: Cow<'a, [u8]>,
    reopen_count: Cow<'a, [u16]>,
    reassign_count: Cow<'a, [u16]>,
    #[serde(with = "serde_bytes", borrow)]
    complaint: Cow<'a, [u8]>,
    #[serde(with = "serde_bytes", borrow)]
    csat: Cow<'a, [u8]>,
    #[serde(with = "serde_bytes", borrow)]
    sla_met: Cow<'a, [u8]>,
    id_text: Cow<'a, str>,
    id_ends: Cow<'a, [u32]>,
}

impl RecordStore {
    /// The store as one binary blob for [`RecordStore::from_snapshot`] (see the module
    /// documentation for the format). Spare column capacity is not saved.
    pub fn to_snapshot(&self) -> Vec<u8> {
        let body = Body {
            texts: self.strings.texts().map(Cow::Borrowed).collect(),
            present: self.present.0,
            agent: Cow::Borrowed(&self.agent),
            team: Cow::Borrowed(&self.team),
            channel: Cow::Borrowed(&self.channel),
            topic: Cow::Borrowed(&self.topic),
            opened_at: Cow::Borrowed(&self.opened_at),
            answered: Cow::Borrowed(&self.answered),
            first_response_secs: Cow::Borrowed(&self.first_response_secs),
            handle_secs: Cow::Borrowed(&self.handle_secs),
            resolved: Cow::Borrowed(&self.resolved),
            resolution_secs: Cow::Borrowed(&self.resolution_secs),
            first_contact_resolved: Cow::Borrowed(&self.first_contact_resolved),
            reopen_count: Cow::Borrowed(&self.reopen_count),
            reassign_count: Cow::Borrowed(&self.reassign_count),
            complaint: Cow::Borrowed(&self.complaint),
            csat: Cow::Borrowed(&self.csat),
            sla_met: Cow::Borrowed(&self.sla_met),
            id_text: Cow::Borrowed(&self.id_text),
            id_ends: Cow::Borrowed(&self.id_ends),
        };
        // The header goes through the encoder as a fixed array (raw bytes, no length), so
        // the body is written straight after it into one buffer.
        let mut header = [0u8; HEADER_LEN];
        header[..4].copy_from_slice(MAGIC);
        header[4..].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        postcard::to_allocvec(&(header, body)).expect("encoding into memory cannot fail")
    }

    /// Loads a blob written by [`RecordStore::to_snapshot`], checking every column, so the
    /// store it returns is as sound as one built by an import.
    pub fn from_snapshot(bytes: &[u8]) -> Result<RecordStore, SnapshotError> {
        if bytes.len() < HEADER_LEN {
            return Err(corrupt(format!(
                "{} bytes are too short to be saved records",
                bytes.len()
            )));
        }
        if &bytes[..4] != MAGIC {
            return Err(corrupt("these bytes are not CareScore saved records"));
        }
        let version = u32::from_le_bytes(bytes[4..HEADER_LEN].try_into().expect("4 bytes"));
        if version > FORMAT_VERSION {
            return Err(SnapshotError::NewerFormat(version));
        }
        if version != FORMAT_VERSION {
            return Err(corrupt(format!("unknown format {version}")));
        }
        let (body, rest) =
            postcard::take_from_bytes::<Body>(&bytes[HEADER_LEN..]).map_err(decode_error)?;
        if !rest.is_empty() {
            return Err(corrupt(format!(
                "{} unexpected bytes after the records",
                rest.len()
            )));
        }
        store_from_body(body).map_err(SnapshotError::Corrupt)
    }
}

fn decode_error(error: postcard::Error) -> SnapshotError {
    match error {
        postcard::Error::DeserializeUnexpectedEnd => corrupt("the data ends early (cut short?)"),
        postcard::Error::DeserializeBadUtf8 => corrupt("a text is not valid UTF-8"),
        other => corrupt(format!("the data cannot be decoded ({other})")),
    }
}

/// Every field a store can hold, as a [`FieldSet`] bitmask.
fn known_fields() -> u32 {
    let mut all = FieldSet::default();
    for field in Field::MAPPABLE.into_iter().chain([Field::ResolutionSecs]) {
        all.insert(field);
    }
    all.0
}

/// Checks `body` and builds the store; the error says what is wrong.
fn store_from_body(body: Body<'_>) -> Result<RecordStore, String> {
    if body.present & !known_fields() != 0 {
        return Err(format!(
            "unknown fields in the field list ({:#x})",
            body.present
        ));
    }
    let present = FieldSet(body.present);
    let texts = body
        .texts
        .into_iter()
        .map(|text| text.into_owned().into_boxed_str())
        .collect();
    let strings = StringTable::from_texts(texts)?;
    let len = body.agent.len();

    let lengths = [
        ("team", body.team.len()),
        ("channel", body.channel.len()),
        ("topic", body.topic.len()),
        ("opened_at", body.opened_at.len()),
        ("answered", body.answered.len()),
        ("first_response_secs", body.first_response_secs.len()),
        ("handle_secs", body.handle_secs.len()),
        ("resolved", body.resolved.len()),
        ("resolution_secs", body.resolution_secs.len()),
        ("first_contact_resolved", body.first_contact_resolved.len()),
        ("reopen_count", body.reopen_count.len()),
        ("reassign_count", body.reassign_count.len()),
        ("complaint", body.complaint.len()),
        ("csat", body.csat.len()),
        ("sla_met", body.sla_met.len()),
    ];
    if let Some((name, column_len)) = lengths.iter().find(|(_, column_len)| *column_len != len) {
        return Err(format!(
            "the {name} column has {column_len} entries for {len} records"
        ));
    }

    for (name, column) in [
        ("agent", &body.agent),
        ("team", &body.team),
        ("channel", &body.channel),
        ("topic", &body.topic),
    ] {
        check_text_ids(name, column, strings.len())?;
    }
    check_bytes("answered", &body.answered, |byte| byte <= 1, "0 or 1")?;
    for (name, column) in [
        ("resolved", &body.resolved),
        ("first_contact_resolved", &body.first_contact_resolved),
        ("complaint", &body.complaint),
        ("sla_met", &body.sla_met),
    ] {
        check_bytes(
            name,
            column,
            |byte| matches!(byte, TRI_FALSE | TRI_TRUE | TRI_UNKNOWN),
            "yes, no or unknown",
        )?;
    }
    check_bytes("csat", &body.csat, |byte| byte <= 5, "0 (missing) to 5")?;
    for (name, column) in [
        ("first_response_secs", &body.first_response_secs),
        ("handle_secs", &body.handle_secs),
        ("resolution_secs", &body.resolution_secs),
    ] {
        if let Some(index) = column.iter().position(|secs| secs.is_infinite()) {
            return Err(format!("record {index} has an infinite {name}"));
        }
    }
    check_times(&body.opened_at, &body.resolution_secs)?;
    check_ids(present, len, &body.id_text, &body.id_ends)?;

    Ok(RecordStore {
        strings,
        present,
        agent: body.agent.into_owned(),
        team: body.team.into_owned(),
        channel: body.channel.into_owned(),
        topic: body.topic.into_owned(),
        opened_at: body.opened_at.into_owned(),
        answered: body.answered.into_owned(),
        first_response_secs: body.first_response_secs.into_owned(),
        handle_secs: body.handle_secs.into_owned(),
        resolved: body.resolved.into_owned(),
        resolution_secs: body.resolution_secs.into_owned(),
        first_contact_resolved: body.first_contact_resolved.into_owned(),
        reopen_count: body.reopen_count.into_owned(),
        reassign_count: body.reassign_count.into_owned(),
        complaint: body.complaint.into_owned(),
        csat: body.csat.into_owned(),
        sla_met: body.sla_met.into_owned(),
        id_text: body.id_text.into_owned(),
        id_ends: body.id_ends.into_owned(),
    })
}

fn check_text_ids(name: &str, column: &[u32], texts: usize) -> Result<(), String> {
    match column
        .iter()
        .position(|&id| id != NO_TEXT && id as usize >= texts)
    {
        Some(index) => Err(format!(
            "record {index} names {name} text {} of only {texts}",
            column[index]
        )),
        None => Ok(()),
    }
}

fn check_bytes(
    name: &str,
    column: &[u8],
    valid: impl Fn(u8) -> bool,
    expected: &str,
) -> Result<(), String> {
    match column.iter().position(|&byte| !valid(byte)) {
        Some(index) => Err(format!(
            "record {index} has {name} {} (expected {expected})",
            column[index]
        )),
        None => Ok(()),
    }
}

/// Opening and resolution times must be dates the calendar code can show.
fn check_times(opened_at: &[i64], resolution_secs: &[f32]) -> Result<(), String> {
    let min = DateTime::<chrono::Utc>::MIN_UTC.timestamp();
    let max = DateTime::<chrono::Utc>::MAX_UTC.timestamp();
    for (index, (&opened, &resolution)) in opened_at.iter().zip(resolution_secs).enumerate() {
        if !(min..=max).contains(&opened) {
            return Err(format!("record {index} opens at an impossible time"));
        }
        if !resolution.is_nan() {
            let resolved = opened as f64 + f64::from(resolution).round();
            if !(min as f64..=max as f64).contains(&resolved) {
                return Err(format!("record {index} is resolved at an impossible time"));
            }
        }
    }
    Ok(())
}

/// Record ids are one text plus end offsets, present exactly when the id field is.
fn check_ids(present: FieldSet, len: usize, text: &str, ends: &[u32]) -> Result<(), String> {
    if !present.contains(Field::Id) {
        return if text.is_empty() && ends.is_empty() {
            Ok(())
        } else {
            Err("record ids are saved but the id field is not".to_string())
        };
    }
    if ends.len() != len {
        return Err(format!(
            "the id column has {} entries for {len} records",
            ends.len()
        ));
    }
    let mut start = 0usize;
    for (index, &end) in ends.iter().enumerate() {
        let end = end as usize;
        if end < start || end > text.len() || !text.is_char_boundary(end) {
            return Err(format!("record {index} has a broken id"));
        }
        start = end;
    }
    if start != text.len() {
        return Err("the id text runs past the last record".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
