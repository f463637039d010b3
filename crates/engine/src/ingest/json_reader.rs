//! JSON ingestion: an array of flat objects, keys as headers.

use serde_json::{Map, Value};

use super::mapping::{Mapping, ResolvedMapping};
use super::row::RowDecoder;
use super::{IngestError, IngestResult, RejectKind};

/// Reads a JSON array of objects. Headers are every key seen, in order of first
/// appearance; a missing key or `null` is a missing value; numbers and booleans are read
/// from their JSON text (`true`, `42.5`). A nested array or object rejects its row.
pub fn read_json(bytes: &[u8], mapping: Option<&Mapping>) -> Result<IngestResult, IngestError> {
    let (rows, headers) = parse_rows(bytes)?;
    decode_rows(&rows, headers, mapping)
}

/// The file's elements and its headers (every key seen, in order of first appearance).
pub(super) fn parse_rows(bytes: &[u8]) -> Result<(Vec<Value>, Vec<String>), IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|error| {
        IngestError::BadFile(format!(
            "the JSON file cannot be read (it should be an array of records like \
             [{{\"agent\": ...}}, ...]): {error}"
        ))
    })?;
    let rows = match value {
        Value::Array(rows) => rows,
        other => {
            let what = match other {
                Value::Object(_) => "an object",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Err(IngestError::BadFile(format!(
                "the JSON file holds {what}, not an array of records like \
                 [{{\"agent\": ...}}, ...]: it has no data rows"
            )));
        }
    };
    if rows.is_empty() {
        return Err(IngestError::BadFile(
            "the JSON array is empty: the file has no data rows".into(),
        ));
    }
    let mut headers: Vec<String> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    for value in &rows {
        if let Value::Object(object) = value {
            for key in object.keys() {
                if seen.insert(key.as_str()) {
                    headers.push(key.clone());
                }
            }
        }
    }
    Ok((rows, headers))
}

/// Reads `rows` (elements of a file with these headers) through the mapping; row numbers
/// are positions in `rows`, 1-based.
pub(super) fn decode_rows(
    rows: &[Value],
    headers: Vec<String>,
    mapping: Option<&Mapping>,
) -> Result<IngestResult, IngestError> {
    let resolved = ResolvedMapping::resolve(mapping, &headers)?;
    let mut decoder = RowDecoder::new(resolved, headers.clone());
    let mut cells: Vec<Option<String>> = Vec::with_capacity(headers.len());
    for (index, value) in rows.iter().enumerate() {
        let row = index + 1;
        let Value::Object(object) = value else {
            decoder.reject(
                row,
                "columns",
                RejectKind::Malformed,
                "this element is not an object".into(),
            );
            continue;
        };
        match object_cells(object, &headers, &mut cells) {
            Ok(()) => decoder.decode(row, |column| cells[column].as_deref()),
            Err(key) => decoder.reject(
                row,
                "columns",
                RejectKind::Malformed,
                format!("key \"{key}\" holds a nested array or object"),
            ),
        }
    }
    Ok(IngestResult {
        first_row: 1,
        ..decoder.finish()
    })
}

/// Fills `cells` with the text of each header's value; the offending key on nesting.
pub(super) fn object_cells(
    object: &Map<String, Value>,
    headers: &[String],
    cells: &mut Vec<Option<String>>,
) -> Result<(), String> {
    cells.clear();
    for header in headers {
        let cell = match object.get(header) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Bool(flag)) => Some(flag.to_string()),
            Some(Value::Number(number)) => Some(number.to_string()),
            Some(Value::Array(_) | Value::Object(_)) => return Err(header.clone()),
        };
        cells.push(cell);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::Field;

    #[test]
    fn reads_objects_with_numbers_booleans_and_nulls() {
        let json = r#"[
            {"agent": "Ann", "opened_at": "2021-01-04T09:00:00Z", "answered": true, "csat": 5,
             "first_response_secs": 12.5},
            {"agent": "Bo", "opened_at": "2021-01-04 10:00", "answered": false, "csat": null},
            {"agent": "Cy", "opened_at": "2021-01-04 10:00", "csat": 9},
            {"agent": "Di", "opened_at": "2021-01-04 10:00", "team": ["x"]},
            "not an object"
        ]"#;
        let result = read_json(json.as_bytes(), None).unwrap();
        assert_eq!(result.rows_read, 5);
        assert_eq!(result.store.len(), 2);
        let first = result.store.record(0);
        assert_eq!(first.csat, Some(5));
        assert_eq!(first.first_response_secs, Some(12.5));
        assert!(!result.store.record(1).answered);
        // `team` appears only in a rejected row, but it is a key of the file.
        assert!(result.store.has_field(Field::Team));
        let rejected: Vec<(usize, &str)> = result
            .rejected
            .iter()
            .map(|r| (r.row, r.field.as_str()))
            .collect();
        assert_eq!(rejected, [(3, "csat"), (4, "columns"), (5, "columns")]);
    }

    #[test]
    fn a_non_array_is_a_file_error() {
        assert!(matches!(
            read_json(b"{\"agent\": 1}", None),
            Err(IngestError::BadFile(_))
        ));
    }
}
