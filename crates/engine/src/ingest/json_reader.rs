//! JSON ingestion: an array of flat objects, keys as headers.

use serde_json::{Map, Value};

use super::mapping::{Mapping, ResolvedMapping};
use super::row::RowDecoder;
use super::{IngestError, IngestResult};

/// Reads a JSON array of objects. Headers are every key seen, in order of first
/// appearance; a missing key or `null` is a missing value; numbers and booleans are read
/// from their JSON text (`true`, `42.5`). A nested array or object rejects its row.
pub fn read_json(bytes: &[u8], mapping: Option<&Mapping>) -> Result<IngestResult, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let rows: Vec<Value> = serde_json::from_slice(bytes)
        .map_err(|error| IngestError::BadFile(format!("not a JSON array of objects: {error}")))?;
    let mut headers: Vec<String> = Vec::new();
    for value in &rows {
        if let Value::Object(object) = value {
            for key in object.keys() {
                if !headers.contains(key) {
                    headers.push(key.clone());
                }
            }
        }
    }
    let resolved = ResolvedMapping::resolve(mapping, &headers)?;
    let mut decoder = RowDecoder::new(resolved, headers.clone());
    let mut cells: Vec<Option<String>> = Vec::with_capacity(headers.len());
    for (index, value) in rows.iter().enumerate() {
        let row = index + 1;
        let Value::Object(object) = value else {
            decoder.reject(row, "columns", "this element is not an object".into());
            continue;
        };
        match object_cells(object, &headers, &mut cells) {
            Ok(()) => decoder.decode(row, |column| cells[column].as_deref()),
            Err(key) => decoder.reject(
                row,
                "columns",
                format!("key \"{key}\" holds a nested array or object"),
            ),
        }
    }
    Ok(decoder.finish())
}

/// Fills `cells` with the text of each header's value; the offending key on nesting.
fn object_cells(
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
