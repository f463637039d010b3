//! One contact record as a review file writes it: canonical field names, missing values
//! left out, and its `key`. Its own type (rather than serde on [`ContactRecord`]) so the
//! file format does not drift when the in-memory record changes.

use chrono::NaiveDateTime;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use carescore_engine::field::Field;
use carescore_engine::records::ContactRecord;

use super::error::shown;

/// How review files write date-times: local wall time, no zone (the records' own clock).
pub const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// One record of a review file.
///
/// Durations come from `f32` columns: they are written as the exact `f64` of that `f32`
/// (whole numbers without a fraction), so reading them back gives the same bits.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordEntry {
    /// [`carescore_engine::records::keys::record_key`]: the id, or `#` and the content hash.
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub agent: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(serialize_with = "write_datetime")]
    pub opened_at: NaiveDateTime,
    pub answered: bool,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "write_seconds"
    )]
    pub first_response_secs: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "write_seconds"
    )]
    pub handle_secs: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "write_opt_datetime"
    )]
    pub resolved_at: Option<NaiveDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_contact_resolved: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reopen_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reassign_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_met: Option<bool>,
}

/// Every key a record object may have, in the order files write them.
pub const RECORD_KEYS: [&str; 18] = [
    "key",
    "id",
    "agent",
    "team",
    "channel",
    "topic",
    "opened_at",
    "answered",
    "first_response_secs",
    "handle_secs",
    "resolved",
    "resolved_at",
    "first_contact_resolved",
    "reopen_count",
    "reassign_count",
    "complaint",
    "csat",
    "sla_met",
];

impl RecordEntry {
    pub fn new(key: String, record: &ContactRecord) -> RecordEntry {
        let record = record.clone();
        RecordEntry {
            key,
            id: record.id,
            agent: record.agent,
            team: record.team,
            channel: record.channel,
            topic: record.topic,
            opened_at: record.opened_at,
            answered: record.answered,
            first_response_secs: record.first_response_secs,
            handle_secs: record.handle_secs,
            resolved: record.resolved,
            resolved_at: record.resolved_at,
            first_contact_resolved: record.first_contact_resolved,
            reopen_count: record.reopen_count,
            reassign_count: record.reassign_count,
            complaint: record.complaint,
            csat: record.csat,
            sla_met: record.sla_met,
        }
    }

    /// The record as plain values (its key is not part of it).
    pub fn to_record(&self) -> ContactRecord {
        ContactRecord {
            id: self.id.clone(),
            agent: self.agent.clone(),
            team: self.team.clone(),
            channel: self.channel.clone(),
            topic: self.topic.clone(),
            opened_at: self.opened_at,
            answered: self.answered,
            first_response_secs: self.first_response_secs,
            handle_secs: self.handle_secs,
            resolved: self.resolved,
            resolved_at: self.resolved_at,
            first_contact_resolved: self.first_contact_resolved,
            reopen_count: self.reopen_count,
            reassign_count: self.reassign_count,
            complaint: self.complaint,
            csat: self.csat,
            sla_met: self.sla_met,
        }
    }

    /// The fields this record holds a value for. `answered: true` is what a missing
    /// `answered` means, so only `false` counts as a value.
    pub fn fields_with_values(&self) -> impl Iterator<Item = Field> + '_ {
        [
            (Field::Id, self.id.is_some()),
            (Field::Agent, true),
            (Field::Team, self.team.is_some()),
            (Field::Channel, self.channel.is_some()),
            (Field::Topic, self.topic.is_some()),
            (Field::OpenedAt, true),
            (Field::Answered, !self.answered),
            (Field::FirstResponseSecs, self.first_response_secs.is_some()),
            (Field::HandleSecs, self.handle_secs.is_some()),
            (Field::Resolved, self.resolved.is_some()),
            (Field::ResolvedAt, self.resolved_at.is_some()),
            (
                Field::FirstContactResolved,
                self.first_contact_resolved.is_some(),
            ),
            (Field::ReopenCount, self.reopen_count.is_some()),
            (Field::ReassignCount, self.reassign_count.is_some()),
            (Field::Complaint, self.complaint.is_some()),
            (Field::Csat, self.csat.is_some()),
            (Field::SlaMet, self.sla_met.is_some()),
        ]
        .into_iter()
        .filter_map(|(field, has)| has.then_some(field))
    }
}

fn write_datetime<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&at.format(DATETIME_FORMAT))
}

fn write_opt_datetime<S: Serializer>(at: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => write_datetime(at, s),
        None => s.serialize_none(),
    }
}

/// Whole seconds as integers (`300`, not `300.0`: people read these files), others as the
/// shortest text that reads back to the same `f64`.
fn write_seconds<S: Serializer>(secs: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *secs {
        Some(secs) if secs.fract() == 0.0 && (0.0..9.0e15).contains(&secs) => {
            s.serialize_u64(secs as u64)
        }
        Some(secs) => s.serialize_f64(secs),
        None => s.serialize_none(),
    }
}

/// A record read from a file, before the store has normalised it and its key was checked.
#[derive(Debug)]
pub(crate) struct ParsedRecord {
    /// The file's `key`, when it has one.
    pub key: Option<String>,
    pub record: ContactRecord,
}

/// What is wrong with one record: the field (None: the record as a whole) and why.
#[derive(Debug)]
pub(crate) struct RecordProblem {
    pub field: Option<String>,
    pub reason: String,
}

impl RecordProblem {
    fn field(field: &str, reason: String) -> RecordProblem {
        RecordProblem {
            field: Some(field.to_string()),
            reason,
        }
    }
}

/// The key to name a record by in messages: its `key`, else its `id`.
pub(crate) fn key_hint(value: &Value) -> Option<&str> {
    let object = value.as_object()?;
    ["key", "id"]
        .into_iter()
        .find_map(|name| object.get(name).and_then(Value::as_str))
        .filter(|text| !text.is_empty())
}

/// Reads one record object strictly: unknown keys, wrong types and impossible values are
/// problems (the same values an import rejects), never silently dropped.
pub(crate) fn parse_record(value: &Value) -> Result<ParsedRecord, RecordProblem> {
    let Value::Object(object) = value else {
        return Err(RecordProblem {
            field: None,
            reason: format!("must be an object, found {}", shown(value)),
        });
    };
    if let Some(unknown) = object
        .keys()
        .find(|key| !RECORD_KEYS.contains(&key.as_str()))
    {
        return Err(RecordProblem::field(
            unknown,
            format!(
                "unknown key \"{unknown}\" (a record has: {})",
                RECORD_KEYS.join(", ")
            ),
        ));
    }
    let reader = Reader(object);
    let agent = reader.text("agent")?.ok_or_else(|| {
        RecordProblem::field("agent", "is missing: every record names its agent".into())
    })?;
    if agent.trim().is_empty() {
        return Err(RecordProblem::field(
            "agent",
            "is empty: every record names its agent".into(),
        ));
    }
    let opened_at = reader.datetime("opened_at")?.ok_or_else(|| {
        RecordProblem::field(
            "opened_at",
            "is missing: every record has the time it was opened".into(),
        )
    })?;
    let resolved_at = reader.datetime("resolved_at")?;
    if resolved_at.is_some_and(|at| at < opened_at) {
        return Err(RecordProblem::field(
            "resolved_at",
            "is before opened_at".into(),
        ));
    }
    let record = ContactRecord {
        // An empty id is no id (the store keeps no empty ids).
        id: reader.text("id")?.filter(|id| !id.is_empty()),
        agent,
        team: reader.text("team")?,
        channel: reader.text("channel")?,
        topic: reader.text("topic")?,
        opened_at,
        answered: reader.bool("answered")?.unwrap_or(true),
        first_response_secs: reader.seconds("first_response_secs")?,
        handle_secs: reader.seconds("handle_secs")?,
        resolved: reader.bool("resolved")?,
        resolved_at,
        first_contact_resolved: reader.bool("first_contact_resolved")?,
        reopen_count: reader.count("reopen_count")?,
        reassign_count: reader.count("reassign_count")?,
        complaint: reader.bool("complaint")?,
        csat: reader.csat()?,
        sla_met: reader.bool("sla_met")?,
    };
    Ok(ParsedRecord {
        key: reader.text("key")?,
        record,
    })
}

/// Typed reads of one record object's values; absent and `null` are both "missing".
struct Reader<'a>(&'a Map<String, Value>);

impl Reader<'_> {
    fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|value| !value.is_null())
    }

    fn wrong(name: &str, wanted: &str, value: &Value) -> RecordProblem {
        RecordProblem::field(name, format!("must be {wanted}, found {}", shown(value)))
    }

    fn text(&self, name: &str) -> Result<Option<String>, RecordProblem> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(Self::wrong(name, "text", other)),
        }
    }

    fn bool(&self, name: &str) -> Result<Option<bool>, RecordProblem> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(other) => Err(Self::wrong(name, "true or false", other)),
        }
    }

    fn datetime(&self, name: &str) -> Result<Option<NaiveDateTime>, RecordProblem> {
        const WANTED: &str = "a local date-time written YYYY-MM-DDTHH:MM:SS";
        match self.get(name) {
            None => Ok(None),
            Some(value @ Value::String(text)) => {
                NaiveDateTime::parse_from_str(text, DATETIME_FORMAT)
                    .map(Some)
                    .map_err(|_| Self::wrong(name, WANTED, value))
            }
            Some(other) => Err(Self::wrong(name, WANTED, other)),
        }
    }

    /// Seconds: a number >= 0 that fits the store's `f32` column.
    fn seconds(&self, name: &str) -> Result<Option<f64>, RecordProblem> {
        const WANTED: &str = "a number of seconds (0 or more)";
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        match value.as_f64() {
            Some(secs) if secs >= 0.0 && (secs as f32).is_finite() => Ok(Some(secs)),
            _ => Err(Self::wrong(name, WANTED, value)),
        }
    }

    /// A whole number >= 0 (the store saturates very large counts, as imports do).
    fn count(&self, name: &str) -> Result<Option<u32>, RecordProblem> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        match value.as_u64() {
            Some(count) => Ok(Some(u32::try_from(count).unwrap_or(u32::MAX))),
            None => Err(Self::wrong(name, "a whole number (0 or more)", value)),
        }
    }

    fn csat(&self) -> Result<Option<u8>, RecordProblem> {
        let Some(value) = self.get("csat") else {
            return Ok(None);
        };
        match value.as_u64() {
            Some(score @ 1..=5) => Ok(Some(score as u8)),
            _ => Err(Self::wrong("csat", "a whole number from 1 to 5", value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn seconds_are_written_as_integers_when_whole() {
        let record = ContactRecord {
            agent: "A".into(),
            first_response_secs: Some(30.0),
            handle_secs: Some(f64::from(0.1f32)),
            ..ContactRecord::default()
        };
        let text = serde_json::to_string(&RecordEntry::new("k".into(), &record)).unwrap();
        assert!(text.contains("\"first_response_secs\":30,"), "{text}");
        assert!(
            text.contains("\"handle_secs\":0.10000000149011612"),
            "{text}"
        );
        assert!(
            !text.contains("team"),
            "missing values are left out: {text}"
        );
    }

    #[test]
    fn values_an_import_rejects_are_problems_naming_the_field() {
        let base = json!({"agent": "A", "opened_at": "2026-07-01T09:00:00"});
        let with = |key: &str, value: Value| {
            let mut object = base.clone();
            object[key] = value;
            parse_record(&object).unwrap_err()
        };
        let problem = with("csat", json!("five"));
        assert_eq!(problem.field.as_deref(), Some("csat"));
        assert!(problem.reason.contains("\"five\""), "{}", problem.reason);
        assert!(with("csat", json!(6)).reason.contains("1 to 5"));
        assert!(with("handle_secs", json!(-1)).reason.contains("0 or more"));
        assert!(with("handle_secs", json!(1e300)).reason.contains("seconds"));
        assert!(with("opened_at", json!("2026-07-01 09:00"))
            .reason
            .contains("YYYY"));
        assert!(with("resolved_at", json!("2026-06-30T09:00:00"))
            .reason
            .contains("before"));
        assert!(with("bogus", json!(1)).reason.contains("unknown key"));
        assert!(with("agent", json!("  ")).reason.contains("empty"));
        let parsed = parse_record(&base).unwrap();
        assert!(parsed.record.answered, "missing answered means answered");
        assert_eq!(parsed.key, None);
    }
}
