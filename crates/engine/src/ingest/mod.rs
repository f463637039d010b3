//! Reading contact records from CSV or JSON files with a [`Mapping`].
//!
//! - [`read_csv`] / [`read_json`] read a whole file; [`CsvIngester`] reads a CSV in slices of
//!   rows, so the browser can yield to its event loop and show progress.
//! - A row that cannot be read becomes a [`RejectedRow`] (never aborts the rest, never
//!   silently dropped). Mapping problems (a mapped header not in the file, no column for
//!   `agent` or `opened_at`) fail the whole file with an [`IngestError`] naming the header.
//!
//! Row numbers are what a user sees in a spreadsheet: the header is row 1, so the first
//! data row is row 2 (blank lines, which CSV readers skip, are not counted). In JSON, the
//! row is the 1-based position of the object in the array.
//!
//! Rejected (impossible) values: a missing or unreadable agent or opened_at; any value that
//! cannot be read as its field's kind; csat not a whole number from 1 to 5; negative
//! durations or counts; resolved_at or first_response_at before opened_at; a CSV row with a
//! different number of cells than the header.
//!
//! Defaults and derivations: a missing `answered` means answered; `first_response_secs`
//! missing but `first_response_at` present gives their difference; with `resolved_at`
//! mapped, a resolution time means resolved, and if `resolved` is not mapped at all, no
//! resolution time means not resolved.

mod csv_reader;
pub mod encoding;
mod json_reader;
pub mod mapping;
mod plain_rows;
pub mod preview;
pub mod quality;
mod row;
mod runaway_quote;
pub mod suggest;
pub mod values;
#[cfg(feature = "xlsx-read")]
pub mod xlsx;

use serde::{Deserialize, Serialize};

use crate::records::RecordStore;

pub use csv_reader::{
    csv_parts, read_csv, read_csv_part, sniff_delimiter, CsvIngester, CsvPart, Progress,
};
#[cfg(feature = "encodings")]
pub use encoding::decode_to_utf8;
pub use encoding::{binary_kind, detect_encoding, TextEncoding};
pub use json_reader::read_json;
pub use mapping::{ColumnSpec, Mapping};
pub use preview::{preview_csv, preview_json, read_headers, Preview, PreviewRow};
pub use quality::{quality_report, QualityReport};
pub use suggest::{header_signature, suggest_mapping, Confidence, FieldMatch, Suggestion};
#[cfg(feature = "xlsx-read")]
pub use xlsx::{xlsx_sheet_names, xlsx_sheet_to_csv, SheetCsv};

/// What kind of problem rejected a row (for grouping in the data-quality report).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectKind {
    /// A value that cannot be read as its field's kind: text in a number column, an
    /// unparseable date, a cell that is not valid UTF-8.
    #[default]
    Unreadable,
    /// A value that was read but cannot be true: a negative duration or count, resolved or
    /// first response before opened, CSAT outside 1 to 5.
    Impossible,
    /// The row itself is broken: a wrong number of cells, an unreadable CSV row, a JSON
    /// element that is not a flat object.
    Malformed,
    /// `agent` or `opened_at` is empty.
    MissingRequired,
}

/// A row that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// Spreadsheet row number (header = 1, first data row = 2); JSON: object position, 1-based.
    pub row: usize,
    /// The canonical field name, or `columns` when the row has the wrong number of cells.
    pub field: String,
    pub reason: String,
    /// Older saved rejections have no kind: they read as [`RejectKind::Unreadable`].
    #[serde(default)]
    pub kind: RejectKind,
    /// The offending cell's text (shortened to 80 characters), when one
    /// cell is to blame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// What a file gave.
#[derive(Clone, Debug, Default)]
pub struct IngestResult {
    pub store: RecordStore,
    pub rejected: Vec<RejectedRow>,
    /// Data rows seen: accepted plus rejected.
    pub rows_read: usize,
    /// Row number of the first data row: 2 in CSV (after the header), 1 in JSON (0 in a
    /// default result: read as 2). Lets the quality report number accepted rows.
    pub first_row: usize,
}

impl IngestResult {
    /// Joins the results of consecutive parts of one file ([`csv_parts`]) in order: the
    /// same store, strings and rejections (row numbers shifted) as reading it whole.
    pub fn concat(parts: Vec<IngestResult>) -> IngestResult {
        let mut parts = parts.into_iter();
        let Some(mut whole) = parts.next() else {
            return IngestResult::default();
        };
        for part in parts {
            let offset = whole.rows_read;
            whole.store.append(&part.store);
            whole
                .rejected
                .extend(part.rejected.into_iter().map(|rejected| RejectedRow {
                    row: rejected.row + offset,
                    ..rejected
                }));
            whole.rows_read += part.rows_read;
        }
        whole
    }
}

/// A problem with the whole file or its mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IngestError {
    /// A header the mapping names is not in the file.
    MissingHeader(String),
    /// A required field (`agent`, `opened_at`) has no column.
    UnmappedField(String),
    /// The mapping itself is invalid (bad JSON, unknown key, bad datetime_format).
    BadMapping(String),
    /// The file cannot be read at all (no header, not a JSON array of objects).
    BadFile(String),
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IngestError::MissingHeader(header) => {
                write!(
                    f,
                    "the mapping names column \"{header}\", which is not in the header row \
                     (row 1) of the file"
                )
            }
            IngestError::UnmappedField(field) => write!(
                f,
                "the header row (row 1) has no column for required field {field}: map it or \
                 name a column \"{field}\""
            ),
            IngestError::BadMapping(message) => write!(f, "bad mapping: {message}"),
            IngestError::BadFile(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for IngestError {}

/// The file formats read, chosen by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputFormat {
    Csv,
    Json,
    /// An Excel workbook; read with the `xlsx` feature only.
    Xlsx,
}

impl InputFormat {
    /// `.csv`, `.tsv`, `.txt` -> CSV; `.json` -> JSON; `.xlsx`, `.xlsm` -> XLSX
    /// (case-insensitive).
    pub fn from_file_name(name: &str) -> Option<InputFormat> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "csv" | "tsv" | "txt" => Some(InputFormat::Csv),
            "json" => Some(InputFormat::Json),
            "xlsx" | "xlsm" => Some(InputFormat::Xlsx),
            _ => None,
        }
    }
}

/// Reads `bytes` in the given format. A workbook's first sheet is read, and its rejected rows
/// are numbered as sheet rows (the header need not be on row 1).
pub fn read(
    format: InputFormat,
    bytes: &[u8],
    mapping: Option<&Mapping>,
) -> Result<IngestResult, IngestError> {
    match format {
        InputFormat::Csv => read_csv(bytes, mapping),
        InputFormat::Json => read_json(bytes, mapping),
        InputFormat::Xlsx => read_first_sheet(bytes, mapping),
    }
}

#[cfg(feature = "xlsx-read")]
fn read_first_sheet(bytes: &[u8], mapping: Option<&Mapping>) -> Result<IngestResult, IngestError> {
    read_xlsx(bytes, None, mapping)
}

/// Reads one sheet of a workbook (the first when `sheet` is `None`; a missing one is
/// named in the error), its rejected rows numbered as sheet rows.
#[cfg(feature = "xlsx-read")]
pub fn read_xlsx(
    bytes: &[u8],
    sheet: Option<&str>,
    mapping: Option<&Mapping>,
) -> Result<IngestResult, IngestError> {
    let sheet = xlsx_sheet_to_csv(bytes, sheet)?;
    let mut result = read_csv(&sheet.csv, mapping)?;
    for rejected in &mut result.rejected {
        rejected.row += sheet.header_row - 1;
    }
    Ok(result)
}

#[cfg(not(feature = "xlsx-read"))]
fn read_first_sheet(_: &[u8], _: Option<&Mapping>) -> Result<IngestResult, IngestError> {
    Err(IngestError::BadFile(
        "this build does not read XLSX".to_string(),
    ))
}
