//! Every problem of a review file the library refuses, as far as that is cheap and safe.
//! The library stops at the first problem; here the file is read again with that problem
//! taken out, until it reads or nothing more can be taken out safely:
//!
//! - an unknown top-level key is removed (nothing else is read differently without it);
//! - a bad record: every record is read on its own (with the file's `record_fields`), so
//!   each bad one is listed; then the records are left out;
//! - a problem in another section: that section is replaced by an empty one (`scope` by
//!   the workspace, `scorecards` by none, a list by `[]`, an optional section left out).
//!
//! This relies on the reader checking each section on its own (only the records depend on
//! `record_fields`), as it does: no section refers to another. A problem in `format`,
//! `schema_version`, `record_fields` or the text itself ends the list, and so does one
//! about a section already emptied, so no listed problem is made up by the recovery.

use std::collections::BTreeSet;

use carescore_engine::ingest::decode_to_utf8;
use carescore_workspace::formats::review_file::{Document, DocumentError};
use serde_json::{Map, Value};

use crate::review_read::{problem_of, Problem};

/// Re-reads at most: each takes out one key or section.
const MAX_ROUNDS: usize = 64;

/// Reads a review file, or lists its problems (see the module documentation).
pub fn read_all_problems(bytes: &[u8]) -> Result<Document, Vec<Problem>> {
    let first = match Document::from_bytes(bytes) {
        Ok(document) => return Ok(document),
        Err(error) => error,
    };
    let mut current = problem_of(&first);
    // Text and JSON were fine when a value is at fault, so the file parses again here.
    let value = match (&first, json_value(bytes)) {
        (DocumentError::Invalid { .. }, Some(value)) => value,
        _ => return Err(vec![current]),
    };
    let Value::Object(mut object) = value else {
        return Err(vec![current]);
    };
    let mut found = Vec::new();
    let mut emptied = BTreeSet::new();
    for _ in 0..MAX_ROUNDS {
        let section = section_of(&current.path).to_string();
        if current.reason.starts_with("unknown key at the top level")
            && object.remove(&current.path).is_some()
        {
            found.push(current);
        } else if current.path.starts_with("records[") {
            let records = record_problems(&object);
            // A problem between records (two with one key) is not seen one record at a time.
            if !records.iter().any(|problem| problem.path == current.path) {
                found.push(current);
            }
            found.extend(records);
            object.insert("records".into(), Value::Array(Vec::new()));
            emptied.insert(section);
        } else {
            found.push(current);
            if !empty_section(&mut object, &section) {
                break;
            }
            emptied.insert(section);
        }
        match Document::from_value(Value::Object(object.clone())) {
            Ok(_) => break,
            Err(error) => current = problem_of(&error),
        }
        if emptied.contains(section_of(&current.path)) {
            break;
        }
    }
    Err(found)
}

/// The top-level key a JSON path starts with (`$` for the whole file).
fn section_of(path: &str) -> &str {
    let end = path.find(['.', '[']).unwrap_or(path.len());
    &path[..end]
}

/// Replaces a section by one that reads without problems, if that is safe.
fn empty_section(object: &mut Map<String, Value>, section: &str) -> bool {
    let empty = match (section, object.get(section)) {
        ("format" | "schema_version" | "record_fields" | "$", _) | (_, None) => return false,
        ("scope", _) => serde_json::json!({"kind": "workspace"}),
        ("scorecards", _) => Value::Null,
        ("records", _) | (_, Some(Value::Array(_))) => Value::Array(Vec::new()),
        _ => {
            object.remove(section);
            return true;
        }
    };
    object.insert(section.to_string(), empty);
    true
}

fn json_value(bytes: &[u8]) -> Option<Value> {
    let text = decode_to_utf8(bytes).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Every record that fails on its own, each read in a copy of the file holding only it and
/// what records are read with (format, version, scope, `record_fields`): list sections are
/// emptied, the scorecards left out and optional sections dropped, so a good record costs
/// little and a problem elsewhere is not mistaken for the record's (only problems placed
/// in `records[0]` count).
fn record_problems(file: &Map<String, Value>) -> Vec<Problem> {
    let Some(Value::Array(items)) = file.get("records") else {
        return Vec::new();
    };
    let mut shell = Map::new();
    for (key, value) in file {
        let kept = match (key.as_str(), value) {
            ("records", _) => continue,
            ("format" | "schema_version" | "scope" | "record_fields", _) => value.clone(),
            ("scorecards", _) => Value::Null,
            (_, Value::Array(_)) => Value::Array(Vec::new()),
            _ => continue,
        };
        shell.insert(key.clone(), kept);
    }
    let mut problems = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let mut alone = shell.clone();
        alone.insert("records".into(), Value::Array(vec![item.clone()]));
        let Err(error) = Document::from_value(Value::Object(alone)) else {
            continue;
        };
        let problem = problem_of(&error);
        if let Some(rest) = problem.path.strip_prefix("records[0]") {
            let note = problem
                .note
                .map(|note| match note.strip_prefix("record 1") {
                    Some(tail) if tail.is_empty() || tail.starts_with(',') => {
                        format!("record {}{tail}", index + 1)
                    }
                    _ => note,
                });
            problems.push(Problem {
                path: format!("records[{index}]{rest}"),
                reason: problem.reason,
                note,
            });
        }
    }
    problems
}
