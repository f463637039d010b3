//! The bad-input corpus for records files (`tests/bad_inputs/records/`): every file is read
//! as an import reads it (decode to UTF-8, read by extension, the quality report) and
//! checked against `expected.json`, which must describe every file in the folder (and no
//! file that is not there), so no case goes unchecked.
//!
//! Entry keys: `error` (texts a whole-file error must contain), or `records` (how many
//! load), `rejected` (exactly the `[row, field]` pairs rejected, in order), `verbatim`
//! (texts per text field that must be kept exactly), `notes` (texts among the quality
//! report's notes); `mapping` is a mapping object or `"suggest"` (the suggested one).
//! Every message must say where: a row (or that the file has no data rows, or a JSON
//! line), and no reason may grow with the bad cell's size.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use carescore_engine::field::Field;
use carescore_engine::ingest::{
    self, decode_to_utf8, quality_report, read_headers, suggest_mapping, IngestError, IngestResult,
    InputFormat, Mapping,
};
use serde_json::Value;

const LONGEST_REASON: usize = 400;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad_inputs/records")
}

/// Reads a file as the import does.
fn import(name: &str, bytes: &[u8], mapping: &Value) -> Result<IngestResult, IngestError> {
    let format = InputFormat::from_file_name(name).expect("a .csv or .json file");
    let text = decode_to_utf8(bytes)?;
    let mapping: Option<Mapping> = match mapping {
        Value::Null => None,
        Value::String(how) if how == "suggest" => {
            Some(suggest_mapping(&read_headers(&text, None)?).mapping)
        }
        other => Some(Mapping::from_json(&other.to_string())?),
    };
    ingest::read(format, &text, mapping.as_ref())
}

fn says_where(message: &str) -> bool {
    ["row", "no data rows", "line "]
        .iter()
        .any(|place| message.contains(place))
}

fn texts_of(result: &IngestResult, field: Field) -> Vec<String> {
    let store = &result.store;
    (0..store.len())
        .filter_map(|i| {
            let record = store.record(i);
            match field {
                Field::Id => record.id,
                Field::Agent => Some(record.agent),
                Field::Team => record.team,
                Field::Channel => record.channel,
                Field::Topic => record.topic,
                other => panic!("{} is not a text field", other.name()),
            }
        })
        .collect()
}

/// Checks one file; returns what is wrong with it, if anything.
fn check(name: &str, expected: &Value) -> Vec<String> {
    let bytes = std::fs::read(corpus().join(name)).expect("listed file");
    let mut problems = Vec::new();
    let mut fail = |problem: String| problems.push(format!("{name}: {problem}"));
    let outcome = import(name, &bytes, &expected["mapping"]);
    if let Some(parts) = expected["error"].as_array() {
        match outcome {
            Ok(result) => fail(format!(
                "loaded {} records, expected an error",
                result.store.len()
            )),
            Err(error) => {
                let message = error.to_string();
                for part in parts {
                    let part = part.as_str().expect("error texts are strings");
                    if !message.contains(part) {
                        fail(format!("error {message:?} lacks {part:?}"));
                    }
                }
                if !says_where(&message) {
                    fail(format!("error {message:?} does not say where"));
                }
                if message.len() > LONGEST_REASON {
                    fail(format!("error is {} bytes long", message.len()));
                }
            }
        }
        return problems;
    }
    let result = match outcome {
        Ok(result) => result,
        Err(error) => {
            fail(format!("failed: {error}"));
            return problems;
        }
    };
    if let Some(records) = expected["records"].as_u64() {
        if result.store.len() as u64 != records {
            fail(format!(
                "{} records, expected {records}",
                result.store.len()
            ));
        }
    } else {
        fail("no \"records\" or \"error\" in its entry".into());
    }
    let rejected: Vec<(u64, String)> = result
        .rejected
        .iter()
        .map(|r| (r.row as u64, r.field.clone()))
        .collect();
    let wanted: Vec<(u64, String)> = expected["rejected"]
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .map(|pair| {
                    (
                        pair[0].as_u64().expect("row number"),
                        pair[1].as_str().expect("field").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if rejected != wanted {
        fail(format!("rejected {rejected:?}, expected {wanted:?}"));
    }
    for row in &result.rejected {
        if row.reason.is_empty() || row.reason.len() > LONGEST_REASON {
            fail(format!(
                "row {}: reason of {} bytes",
                row.row,
                row.reason.len()
            ));
        }
        if row.field.is_empty() {
            fail(format!("row {}: no field named", row.row));
        }
    }
    if let Some(verbatim) = expected["verbatim"].as_object() {
        for (field, texts) in verbatim {
            let field = Field::from_name(field).expect("a field name");
            let kept = texts_of(&result, field);
            for text in texts.as_array().expect("a list of texts") {
                let text = text.as_str().expect("a text");
                if !kept.iter().any(|k| k == text) {
                    fail(format!("{} {text:?} not kept; kept {kept:?}", field.name()));
                }
            }
        }
    }
    if let Some(lengths) = expected["verbatim_lengths"].as_object() {
        for (field, length) in lengths {
            let field = Field::from_name(field).expect("a field name");
            let length = length.as_u64().expect("a length") as usize;
            if !texts_of(&result, field)
                .iter()
                .any(|t| t.chars().count() == length)
            {
                fail(format!("no {} of {length} characters kept", field.name()));
            }
        }
    }
    let report = quality_report(&result, None);
    for note in expected["notes"].as_array().into_iter().flatten() {
        let note = note.as_str().expect("a text");
        if !report.notes.iter().any(|n| n.contains(note)) {
            fail(format!("notes {:?} lack {note:?}", report.notes));
        }
    }
    // The download of the report never carries a live formula.
    let csv = report.to_csv();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        let record = record.expect("the report CSV reads back");
        if record
            .iter()
            .any(|cell| cell.starts_with(['=', '+', '-', '@']))
        {
            fail(format!("report CSV has a formula-like cell: {record:?}"));
        }
    }
    problems
}

#[test]
fn every_bad_records_file_fails_or_loads_as_expected() {
    let folder = corpus();
    let expected: BTreeMap<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(folder.join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json is a JSON object");
    let files: Vec<String> = std::fs::read_dir(&folder)
        .expect("the corpus folder")
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "expected.json")
        .collect();
    assert!(files.len() >= 22, "only {} files", files.len());
    let mut problems = Vec::new();
    for name in &files {
        match expected.get(name) {
            Some(entry) => problems.extend(check(name, entry)),
            None => problems.push(format!("{name}: no entry in expected.json")),
        }
    }
    for name in expected.keys() {
        if !files.contains(name) {
            problems.push(format!("{name}: in expected.json but not in the folder"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
