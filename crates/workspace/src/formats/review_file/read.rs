//! Reading a review file: text, then `format`, then `schema_version` (refuse newer, upgrade
//! older), then every section. The first problem stops the read and names its place;
//! record numbers are 1-based, as users count (`record 13 (records[12], key T-1)`).

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use carescore_engine::field::Field;
use carescore_engine::period::PeriodKind;
use carescore_engine::records::keys::record_key;
use carescore_engine::records::{FieldSet, RecordStore};
use carescore_engine::scorecard::ScorecardHistory;

use super::error::{cut, shown, DocumentError};
use super::record::{key_hint, parse_record, ParsedRecord, RecordEntry};
use super::{
    decode, migrate, read_slices, with_derived, Document, SavedMapping, Scope, FORMAT,
    SCHEMA_VERSION,
};

/// Every top-level key of a version 2 file.
pub const TOP_LEVEL_KEYS: [&str; 12] = [
    "format",
    "schema_version",
    "scope",
    "record_fields",
    "records",
    "scorecards",
    "mappings",
    "imports",
    "awards",
    "feedback",
    "actions",
    "scheme_review",
];

pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Document, DocumentError> {
    from_text(&decode::decode(bytes)?)
}

pub(crate) fn from_text(text: &str) -> Result<Document, DocumentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value =
        serde_json::from_str(text).map_err(|error| DocumentError::from_json_error(&error))?;
    from_value(value)
}

pub(crate) fn from_value(value: Value) -> Result<Document, DocumentError> {
    let version = check_format_and_version(&value)?;
    let value = migrate::to_current(value, version)?;
    let Value::Object(mut object) = value else {
        unreachable!("checked to be an object")
    };
    if let Some(unknown) = object
        .keys()
        .find(|key| !TOP_LEVEL_KEYS.contains(&key.as_str()))
    {
        return Err(DocumentError::invalid(
            cut(unknown, 60),
            format!(
                "unknown key at the top level; a version {SCHEMA_VERSION} review file has: {}",
                TOP_LEVEL_KEYS.join(", ")
            ),
        ));
    }
    if let Some(scope) = object.get("scope") {
        check_scope_keys(scope)?;
    }
    let scope: Scope = section(&mut object, "scope")?;
    check_scope(&scope)?;
    let fields = read_fields(&mut object)?;
    let records = read_records(object.remove("records"), fields)?;
    let scorecards = read_scorecards(object.remove("scorecards"))?;
    let mut mappings: Vec<SavedMapping> = section(&mut object, "mappings")?;
    check_unique(
        mappings.iter().map(|m| m.signature.as_str()),
        "mappings",
        "signature",
    )?;
    mappings.sort_by(|a, b| a.signature.cmp(&b.signature));
    let slices = read_slices::read(&mut object)?;
    Ok(Document {
        format: FORMAT.to_string(),
        schema_version: SCHEMA_VERSION,
        scope,
        record_fields: fields.iter().collect(),
        records,
        scorecards,
        mappings,
        imports: slices.imports,
        awards: slices.awards,
        feedback: slices.feedback,
        actions: slices.actions,
        scheme_review: slices.scheme_review,
    })
}

/// The file's version, once it is known to be a review file this build can read.
fn check_format_and_version(value: &Value) -> Result<u32, DocumentError> {
    let not_ours = |what: String| {
        DocumentError::WrongFormat(format!("this is not a CareScore review file: {what}"))
    };
    let object = match value {
        Value::Object(object) => object,
        Value::Array(_) => {
            return Err(not_ours(
                "it is a list, as a file of contact records is; import it as data instead".into(),
            ))
        }
        other => return Err(not_ours(format!("it holds {}", shown(other)))),
    };
    match object.get("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(other) => {
            return Err(not_ours(format!(
                "its \"format\" is {}, not \"{FORMAT}\"",
                shown(other)
            )))
        }
        None if object.contains_key("versions") || object.contains_key("dimensions") => {
            return Err(not_ours(
                "it looks like a scorecard; open it on the scorecard page instead".into(),
            ))
        }
        None => return Err(not_ours(format!("it has no \"format\": \"{FORMAT}\""))),
    }
    let Some(found) = object.get("schema_version") else {
        return Err(DocumentError::invalid(
            "schema_version",
            "is missing: every review file says its version",
        ));
    };
    match found.as_u64() {
        Some(version) if version > u64::from(SCHEMA_VERSION) => {
            Err(DocumentError::FutureVersion { found: version })
        }
        Some(version @ 1..) => Ok(version as u32),
        _ => Err(DocumentError::invalid(
            "schema_version",
            format!(
                "must be a whole number from 1 to {SCHEMA_VERSION}, found {}",
                shown(found)
            ),
        )),
    }
}

/// Deserialises a required section, naming the exact place of a bad value.
fn section<T: DeserializeOwned>(
    object: &mut Map<String, Value>,
    name: &str,
) -> Result<T, DocumentError> {
    let value = object
        .remove(name)
        .ok_or_else(|| DocumentError::invalid(name, "is missing"))?;
    typed(value, name)
}

pub(crate) fn typed<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, DocumentError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let location = if path == "." {
            prefix.to_string()
        } else if path.starts_with('[') {
            format!("{prefix}{path}")
        } else {
            format!("{prefix}.{path}")
        };
        DocumentError::invalid(location, plain_words(&error.into_inner().to_string()))
    })
}

/// serde's type names in words users know.
fn plain_words(reason: &str) -> String {
    [
        ("expected f64", "expected a number"),
        ("expected u32", "expected a whole number (0 or more)"),
        ("expected u64", "expected a whole number (0 or more)"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected an object"),
    ]
    .iter()
    .fold(reason.to_string(), |text, (from, to)| {
        text.replace(from, to)
    })
}

/// serde ignores extra keys beside the tag of a unit variant (`workspace`), so the keys of
/// every kind are checked here.
fn check_scope_keys(scope: &Value) -> Result<(), DocumentError> {
    let Some(object) = scope.as_object() else {
        return Ok(()); // serde names the type error
    };
    let allowed: &[&str] = match object.get("kind").and_then(Value::as_str) {
        Some("workspace") => &["kind"],
        Some("team") => &["kind", "team", "period"],
        Some("agent") => &["kind", "agent", "period"],
        Some("period") => &["kind", "period"],
        _ => return Ok(()), // serde names the unknown kind
    };
    match object.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(unknown) => Err(DocumentError::invalid(
            "scope",
            format!(
                "unknown field `{}`, expected one of {}",
                cut(unknown, 40),
                allowed.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

fn check_scope(scope: &Scope) -> Result<(), DocumentError> {
    match scope.period() {
        Some(label) if PeriodKind::of_label(label).is_none_or(|k| k == PeriodKind::All) => {
            Err(DocumentError::invalid(
                "scope.period",
                format!(
                    "\"{}\" is not a period label (2026-09-30, 2026-W40, 2026-09 or 2026-Q3)",
                    cut(label, 40)
                ),
            ))
        }
        _ => Ok(()),
    }
}

fn read_fields(object: &mut Map<String, Value>) -> Result<FieldSet, DocumentError> {
    let names: Vec<Value> = section(object, "record_fields")?;
    let mut fields = FieldSet::default();
    for (index, name) in names.iter().enumerate() {
        let field = name.as_str().and_then(Field::from_name).ok_or_else(|| {
            DocumentError::invalid(
                format!("record_fields[{index}]"),
                format!("{} is not a record field name", shown(name)),
            )
        })?;
        fields.insert(field);
    }
    for required in [Field::Agent, Field::OpenedAt] {
        if !fields.contains(required) {
            return Err(DocumentError::invalid(
                "record_fields",
                format!("must list {}: every record has it", required.name()),
            ));
        }
    }
    Ok(with_derived(fields))
}

/// Where a record is, as users and JSON paths count.
fn record_place(index: usize, key: Option<&str>) -> String {
    match key {
        Some(key) => format!(
            "record {} (records[{index}], key {})",
            index + 1,
            cut(key, 40)
        ),
        None => format!("record {} (records[{index}])", index + 1),
    }
}

fn read_records(value: Option<Value>, fields: FieldSet) -> Result<Vec<RecordEntry>, DocumentError> {
    let items = match value {
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(DocumentError::invalid(
                "records",
                format!("must be a list, found {}", shown(&other)),
            ))
        }
        None => return Err(DocumentError::invalid("records", "is missing")),
    };
    let mut parsed: Vec<ParsedRecord> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let place = || record_place(index, key_hint(item));
        let record = parse_record(item).map_err(|problem| match problem.field {
            Some(field) => {
                DocumentError::invalid(format!("{}, field {field}", place()), problem.reason)
            }
            None => DocumentError::invalid(place(), problem.reason),
        })?;
        let entry = RecordEntry::new(String::new(), &record.record);
        if let Some(field) = entry.fields_with_values().find(|f| !fields.contains(*f)) {
            return Err(DocumentError::invalid(
                format!("{}, field {}", place(), field.name()),
                format!(
                    "has a value, but record_fields does not list {}; list it, or its \
                     metrics would wrongly be N/A",
                    field.name()
                ),
            ));
        }
        parsed.push(record);
    }
    // The store normalises values as any import would; keys come from it.
    let plain: Vec<_> = parsed.iter().map(|p| p.record.clone()).collect();
    let store = RecordStore::from_records(&plain, Some(fields));
    let mut first_of_key: HashMap<String, usize> = HashMap::with_capacity(items.len());
    let mut records = Vec::with_capacity(items.len());
    for (index, parsed) in parsed.into_iter().enumerate() {
        let key = record_key(&store, index);
        if let Some(written) = parsed.key.as_deref() {
            if written != key {
                let why = if parsed.record.id.is_some() {
                    "a record with an id is keyed by its id".to_string()
                } else {
                    format!(
                        "its values hash to {key}: the record was changed after export (remove \
                         \"key\" to accept the change as a new record)"
                    )
                };
                return Err(DocumentError::invalid(
                    format!("{}, field key", record_place(index, Some(written))),
                    format!("does not match the record: {why}"),
                ));
            }
        }
        if let Some(first) = first_of_key.insert(key.clone(), index) {
            return Err(DocumentError::invalid(
                record_place(index, Some(&key)),
                format!(
                    "has the same key as record {}; a review file holds each record once",
                    first + 1
                ),
            ));
        }
        records.push(RecordEntry::new(key, &store.record(index)));
    }
    records.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(records)
}

fn read_scorecards(value: Option<Value>) -> Result<Option<ScorecardHistory>, DocumentError> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let history: ScorecardHistory = typed(value, "scorecards")?;
    if history.schema_version != carescore_engine::scorecard::SCHEMA_VERSION {
        return Err(DocumentError::invalid(
            "scorecards.schema_version",
            format!(
                "scorecard version {} is not supported (expected {})",
                history.schema_version,
                carescore_engine::scorecard::SCHEMA_VERSION
            ),
        ));
    }
    for (index, version) in history.versions.iter().enumerate() {
        let place = || {
            format!(
                "scorecards.versions[{index}] (version {}, effective from {})",
                index + 1,
                version.effective_from
            )
        };
        version
            .scorecard
            .validate()
            .map_err(|error| DocumentError::invalid(place(), error.to_string()))?;
        if let Some(first) = history.versions[..index]
            .iter()
            .position(|v| v.effective_from == version.effective_from)
        {
            return Err(DocumentError::invalid(
                place(),
                format!(
                    "version {} takes effect on the same day; keep one",
                    first + 1
                ),
            ));
        }
    }
    history
        .validated()
        .map(Some)
        .map_err(|error| DocumentError::invalid("scorecards", error.to_string()))
}

pub(crate) fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    section: &str,
    what: &str,
) -> Result<(), DocumentError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, index) {
            return Err(DocumentError::invalid(
                format!("{section}[{index}] ({what} {})", cut(id, 40)),
                format!("has the same {what} as {section}[{first}]; keep one"),
            ));
        }
    }
    Ok(())
}
