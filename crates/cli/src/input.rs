//! The records file a command reads (`--input`, `--mapping`), with every core: a
//! quote-free CSV is cut into parts of whole lines that threads read at once, then joined
//! into exactly what one reader gives. The threads live here, not in the engine, which
//! also runs single-threaded in the browser.
//!
//! A review file (`carescore.review-file`) is recognised by its content, whatever its
//! extension, and gives its records (less those of accepted appeals) and its scorecard
//! history.

use std::num::NonZeroUsize;
use std::path::Path;

use carescore_engine::ingest::{
    self, csv_parts, read_csv_part, IngestError, IngestResult, InputFormat, Mapping,
};
use carescore_engine::scorecard::ScorecardHistory;
use carescore_workspace::formats::review_file::Document;

use crate::review_read::{is_review_file, problem_of};
use crate::review_summary::counted;

/// Parts per core at most; more parts than cores only add joining work.
const MAX_THREADS: usize = 8;

/// What `--input` gave.
pub struct Loaded {
    pub result: IngestResult,
    /// A review file's scorecard history (`None` for a records file, or a review file
    /// without one).
    pub scorecards: Option<ScorecardHistory>,
}

/// Reads `input` (a review file, records in the format of the extension, or the sheet
/// named `sheet` of a workbook, else its first) through the mapping file, if any. Errors
/// are the one-line messages for stderr, naming the file.
pub fn load_records(
    input: &Path,
    mapping: Option<&Path>,
    sheet: Option<&str>,
) -> Result<Loaded, String> {
    let input_name = input.display().to_string();
    let bytes =
        std::fs::read(input).map_err(|error| format!("{input_name}: cannot read: {error}"))?;
    let format = InputFormat::from_file_name(&input_name);
    if format == Some(InputFormat::Xlsx) {
        // A workbook is a ZIP archive: never decoded as text.
        let mapping = read_mapping(mapping)?;
        let result = ingest::read_xlsx(&bytes, sheet, mapping.as_ref())
            .map_err(|error| format!("{input_name}: {error}"))?;
        return Ok(Loaded {
            result,
            scorecards: None,
        });
    }
    if sheet.is_some() {
        return Err(format!(
            "{input_name}: --sheet applies to an Excel workbook (.xlsx, .xlsm) only"
        ));
    }
    // GBK/GB18030 (Chinese Excel's "CSV") and UTF-16 files are decoded to UTF-8 first.
    let text = ingest::decode_to_utf8(&bytes);
    if text.as_deref().is_ok_and(is_review_file) {
        if mapping.is_some() {
            return Err(format!(
                "{input_name}: is a review file, whose records are already in canonical \
                 fields; --mapping does not apply to it"
            ));
        }
        return load_review_file(&input_name, &bytes);
    }
    let format = format.ok_or_else(|| {
        format!(
            "{input_name}: unknown input format (expected a .csv, .json or .xlsx file, or a \
             review file)"
        )
    })?;
    let mapping = read_mapping(mapping)?;
    let text = text.map_err(|error| format!("{input_name}: {error}"))?;
    let result = read_records(format, &text, mapping.as_ref())
        .map_err(|error| format!("{input_name}: {error}"))?;
    Ok(Loaded {
        result,
        scorecards: None,
    })
}

fn read_mapping(mapping: Option<&Path>) -> Result<Option<Mapping>, String> {
    mapping
        .map(|path| {
            let name = path.display();
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("{name}: cannot read the mapping: {error}"))?;
            Mapping::from_json(&text).map_err(|error| format!("{name}: {error}"))
        })
        .transpose()
}

/// The review file's own reader, so its messages are the ones `review validate` gives.
/// As in the app, the records of accepted appeals are left out of every figure (said on
/// stderr, so the figures are not mistaken for the whole file's).
fn load_review_file(name: &str, bytes: &[u8]) -> Result<Loaded, String> {
    let mut document =
        Document::from_bytes(bytes).map_err(|error| problem_of(&error).line(name))?;
    let excluded = document
        .feedback
        .as_ref()
        .map(|feedback| feedback.to_store().excluded_record_keys())
        .unwrap_or_default();
    let before = document.records.len();
    document
        .records
        .retain(|record| !excluded.contains(&record.key));
    let left_out = before - document.records.len();
    if left_out > 0 {
        eprintln!(
            "{name}: {} left out of the figures: their appeals were accepted",
            counted(left_out, "records")
        );
    }
    let store = document.record_store();
    Ok(Loaded {
        result: IngestResult {
            rows_read: store.len(),
            first_row: 1,
            store,
            rejected: Vec::new(),
        },
        scorecards: document.scorecards,
    })
}

fn read_records(
    format: InputFormat,
    bytes: &[u8],
    mapping: Option<&Mapping>,
) -> Result<IngestResult, IngestError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS);
    if format != InputFormat::Csv || threads == 1 {
        return ingest::read(format, bytes, mapping);
    }
    let parts = csv_parts(bytes, mapping, threads)?;
    if parts.len() == 1 {
        return ingest::read(format, bytes, mapping);
    }
    let results = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .map(|part| scope.spawn(move || read_csv_part(bytes, mapping, part)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a reading thread panicked"))
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(IngestResult::concat(results))
}
