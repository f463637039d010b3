//! The first rows of a file, raw and as the import would read them through a mapping, so
//! the import dialog can show "your file says / CareScore reads" side by side before
//! anything is applied. The parsed side goes through the same readers as the import
//! ([`CsvIngester`], the JSON reader) on just those rows, so it cannot disagree with it.

use serde::{Deserialize, Serialize};

use crate::field::Field;
use crate::records::{ContactRecord, FieldSet, RecordStore};

use super::csv_reader::{sniff_delimiter, CsvIngester};
use super::json_reader::{decode_rows, object_cells, parse_rows};
use super::mapping::Mapping;
use super::{IngestError, IngestResult, RejectedRow};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The first rows of a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub headers: Vec<String>,
    /// Each previewed row's cells as written (invalid UTF-8 shown with U+FFFD; JSON values
    /// as their text, in header order).
    pub raw: Vec<Vec<String>>,
    /// The same rows as read through the mapping; empty when the mapping does not fit the
    /// file (see `mapping_error`).
    pub parsed: Vec<PreviewRow>,
    /// Why the mapping cannot read this file (a mapped header is missing, agent or
    /// opened_at has no column), in plain English; `None` when it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping_error: Option<String>,
}

/// One previewed row as the engine read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// Spreadsheet row number (header = 1); JSON: position in the array, 1-based.
    pub row: usize,
    /// Each field the file provides, in canonical order, as read: date-times as
    /// `YYYY-MM-DD HH:MM:SS`, seconds as numbers, yes/no as `true`/`false`, missing as "".
    /// Empty for a rejected row.
    pub values: Vec<(Field, String)>,
    pub rejected: Option<RejectedRow>,
}

/// The header row of a CSV file (UTF-8, with or without a BOM; delimiter sniffed when
/// `None`).
pub fn read_headers(bytes: &[u8], delimiter: Option<char>) -> Result<Vec<String>, IngestError> {
    let data = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = csv_reader(data, delimiter)?;
    let headers = reader
        .byte_headers()
        .map_err(|error| IngestError::BadFile(format!("cannot read the header row: {error}")))?;
    if headers.iter().all(<[u8]>::is_empty) {
        return Err(IngestError::BadFile(
            "the file is empty: it has no header row and no data rows".into(),
        ));
    }
    headers
        .iter()
        .map(|header| {
            std::str::from_utf8(header)
                .map(str::to_string)
                .map_err(|_| IngestError::BadFile("the header row is not valid UTF-8".into()))
        })
        .collect()
}

/// The first `rows` data rows of a CSV file, raw and read through `mapping` (`None`:
/// headers named like the canonical fields). Fails only when the file has no readable
/// header; a mapping that does not fit is reported in [`Preview::mapping_error`].
pub fn preview_csv(
    bytes: &[u8],
    mapping: Option<&Mapping>,
    rows: usize,
) -> Result<Preview, IngestError> {
    let delimiter = mapping.and_then(|m| m.delimiter);
    let headers = read_headers(bytes, delimiter)?;
    let data = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = csv_reader(data, delimiter)?;
    let mut raw = Vec::new();
    let mut record = csv::ByteRecord::new();
    // Records are read one by one, so a quoted line break never cuts a row in two.
    while raw.len() < rows {
        match reader.read_byte_record(&mut record) {
            Ok(true) => raw.push(
                record
                    .iter()
                    .map(|cell| String::from_utf8_lossy(cell).into_owned())
                    .collect(),
            ),
            Ok(false) => break,
            // The import rejects this row too; show what can be shown and stop.
            Err(_) => break,
        }
    }
    let end = (reader.position().byte() as usize).min(data.len());
    let parsed = CsvIngester::new(&data[..end], mapping).map(|ingester| {
        let mut ingester = ingester;
        ingester.step(rows);
        ingester.finish()
    });
    Ok(with_parsed(headers, raw, parsed, rows))
}

/// The first `rows` elements of a JSON array of objects, raw and read through `mapping`.
/// Headers are those of the whole file, as in the import.
pub fn preview_json(
    bytes: &[u8],
    mapping: Option<&Mapping>,
    rows: usize,
) -> Result<Preview, IngestError> {
    let (values, headers) = parse_rows(bytes)?;
    let first = &values[..values.len().min(rows)];
    let mut cells = Vec::new();
    let raw = first
        .iter()
        .map(|value| match value {
            serde_json::Value::Object(object) => match object_cells(object, &headers, &mut cells) {
                Ok(()) => cells
                    .iter()
                    .map(|c| c.clone().unwrap_or_default())
                    .collect(),
                Err(_) => vec![value.to_string()],
            },
            other => vec![other.to_string()],
        })
        .collect();
    let parsed = decode_rows(first, headers.clone(), mapping);
    Ok(with_parsed(headers, raw, parsed, rows))
}

fn csv_reader(data: &[u8], delimiter: Option<char>) -> Result<csv::Reader<&[u8]>, IngestError> {
    let delimiter = match delimiter {
        Some(delimiter) if delimiter.is_ascii() => delimiter as u8,
        Some(delimiter) => {
            return Err(IngestError::BadMapping(format!(
                "the delimiter must be one ASCII character, got {delimiter:?}"
            )))
        }
        None => sniff_delimiter(data),
    };
    Ok(csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(data))
}

fn with_parsed(
    headers: Vec<String>,
    raw: Vec<Vec<String>>,
    parsed: Result<IngestResult, IngestError>,
    rows: usize,
) -> Preview {
    match parsed {
        Ok(result) => Preview {
            headers,
            raw,
            parsed: preview_rows(&result, rows),
            mapping_error: None,
        },
        Err(error) => Preview {
            headers,
            raw,
            parsed: Vec::new(),
            mapping_error: Some(error.to_string()),
        },
    }
}

/// Accepted and rejected rows back in file order.
fn preview_rows(result: &IngestResult, rows: usize) -> Vec<PreviewRow> {
    let first_row = match result.first_row {
        0 => 2,
        first => first,
    };
    let fields = shown_fields(result.store.present_fields());
    let mut rejected = result.rejected.iter().peekable();
    let mut accepted = 0;
    (first_row..first_row + result.rows_read.min(rows))
        .map(|row| match rejected.next_if(|r| r.row == row) {
            Some(rejection) => PreviewRow {
                row,
                values: Vec::new(),
                rejected: Some(rejection.clone()),
            },
            None => {
                let values = record_values(&result.store, accepted, &fields);
                accepted += 1;
                PreviewRow {
                    row,
                    values,
                    rejected: None,
                }
            }
        })
        .collect()
}

/// The fields a store holds values for, in canonical order (`first_response_at` is read
/// into `first_response_secs`; `resolution_secs` is derived from `resolved_at`).
pub(crate) fn shown_fields(present: FieldSet) -> Vec<Field> {
    present
        .iter()
        .filter(|field| *field != Field::FirstResponseAt)
        .collect()
}

/// Record `index`'s values for `fields`, as text.
fn record_values(store: &RecordStore, index: usize, fields: &[Field]) -> Vec<(Field, String)> {
    let record = store.record(index);
    fields
        .iter()
        .map(|&field| (field, field_text(&record, field)))
        .collect()
}

/// One field of a record as the preview shows it.
pub(crate) fn field_text(record: &ContactRecord, field: Field) -> String {
    fn opt<T: ToString>(value: Option<T>) -> String {
        value.map(|v| v.to_string()).unwrap_or_default()
    }
    let at = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
    match field {
        Field::Id => opt(record.id.as_deref()),
        Field::Agent => record.agent.clone(),
        Field::Team => opt(record.team.as_deref()),
        Field::Channel => opt(record.channel.as_deref()),
        Field::Topic => opt(record.topic.as_deref()),
        Field::OpenedAt => at(record.opened_at),
        Field::Answered => record.answered.to_string(),
        Field::FirstResponseSecs => opt(record.first_response_secs),
        Field::FirstResponseAt => record
            .first_response_secs
            .map(|secs| at(record.opened_at + chrono::Duration::seconds(secs as i64)))
            .unwrap_or_default(),
        Field::HandleSecs => opt(record.handle_secs),
        Field::Resolved => opt(record.resolved),
        Field::ResolvedAt => opt(record.resolved_at.map(at)),
        Field::FirstContactResolved => opt(record.first_contact_resolved),
        Field::ReopenCount => opt(record.reopen_count),
        Field::ReassignCount => opt(record.reassign_count),
        Field::Complaint => opt(record.complaint),
        Field::Csat => opt(record.csat),
        Field::SlaMet => opt(record.sla_met),
        Field::ResolutionSecs => opt(record
            .resolved_at
            .map(|done| (done - record.opened_at).num_seconds())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RejectKind;

    const CSV: &str = "\u{feff}Agent;When;Talk;OK;Score\n\
                       Ann;31/01/2021 09:05;1:30;Y;5\n\
                       \"Bo\nB\";2021-01-31;-5;N;4\n\
                       Cy;2021-02-01 10:00;45;;\n\
                       Di;2021-02-01 11:00;20;Y;3\n";

    fn mapping() -> Mapping {
        Mapping::from_json(
            r#"{"columns": {"agent": "Agent", "opened_at": "When", "handle_secs": "Talk",
                "answered": "OK", "csat": "Score"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn headers_with_a_bom_and_a_sniffed_delimiter() {
        let headers = read_headers(CSV.as_bytes(), None).unwrap();
        assert_eq!(headers, ["Agent", "When", "Talk", "OK", "Score"]);
        assert_eq!(read_headers(b"a,b;c", Some(';')).unwrap(), ["a,b", "c"]);
        let error = read_headers(b"", None).unwrap_err().to_string();
        assert!(error.contains("no data rows"), "{error}");
    }

    #[test]
    fn the_preview_reads_as_the_import_does() {
        let preview = preview_csv(CSV.as_bytes(), Some(&mapping()), 3).unwrap();
        assert_eq!(preview.raw.len(), 3);
        assert_eq!(
            preview.raw[1][0], "Bo\nB",
            "a quoted line break stays in its cell"
        );
        assert_eq!(preview.parsed.len(), 3);
        let rows: Vec<usize> = preview.parsed.iter().map(|r| r.row).collect();
        assert_eq!(rows, [2, 3, 4]);
        assert_eq!(
            preview.parsed[0].values,
            [
                (Field::Agent, "Ann".to_string()),
                (Field::OpenedAt, "2021-01-31 09:05:00".to_string()),
                (Field::Answered, "true".to_string()),
                (Field::HandleSecs, "90".to_string()),
                (Field::Csat, "5".to_string()),
            ]
        );
        let rejected = preview.parsed[1].rejected.as_ref().unwrap();
        assert_eq!((rejected.row, rejected.field.as_str()), (3, "handle_secs"));
        assert_eq!(rejected.kind, RejectKind::Impossible);
        assert!(preview.parsed[1].values.is_empty());
        // Missing values are empty; a missing answered reads as answered.
        assert_eq!(preview.parsed[2].values[4], (Field::Csat, String::new()));
        assert_eq!(
            preview.parsed[2].values[2],
            (Field::Answered, "true".into())
        );
        // The whole file gives the same first rows.
        let whole = crate::ingest::read_csv(CSV.as_bytes(), Some(&mapping())).unwrap();
        assert_eq!(whole.rejected[0], *rejected);
    }

    #[test]
    fn a_mapping_that_does_not_fit_still_shows_the_raw_rows() {
        let preview = preview_csv(CSV.as_bytes(), None, 10).unwrap();
        assert_eq!(preview.raw.len(), 4);
        assert!(preview.parsed.is_empty());
        let error = preview.mapping_error.unwrap();
        assert!(error.contains("opened_at"), "{error}");
    }

    #[test]
    fn json_previews_number_rows_from_one() {
        let json = br#"[{"agent": "Ann", "opened_at": "2021-01-04 09:00", "csat": 9},
                        {"agent": "Bo", "opened_at": "2021-01-04 10:00", "csat": 4},
                        {"agent": "Cy", "opened_at": "2021-01-04 11:00", "team": "T"}]"#;
        let preview = preview_json(json, None, 2).unwrap();
        // serde_json keeps an object's keys sorted.
        assert_eq!(preview.headers, ["agent", "csat", "opened_at", "team"]);
        assert_eq!(preview.raw[0], ["Ann", "9", "2021-01-04 09:00", ""]);
        assert_eq!(preview.parsed.len(), 2);
        assert_eq!(preview.parsed[0].row, 1);
        assert_eq!(preview.parsed[0].rejected.as_ref().unwrap().field, "csat");
        assert_eq!(preview.parsed[1].values[0], (Field::Agent, "Bo".into()));
    }
}
