//! The data worker's work, pure Rust: open a file, preview it with a mapping, and check it
//! (read every row, report on its quality, merge it with the workspace's records). The
//! web app's worker only adds the messaging; these run and are tested natively too. It
//! sits beside the protocol because it produces the protocol's replies.

use std::sync::Arc;

use crate::formats::review_file::SavedMapping;
use carescore_engine::ingest::{
    self, CsvIngester, IngestResult, InputFormat, Mapping, Preview, TextEncoding,
};
use carescore_engine::records::dedupe::{merge_import, MergedImport};
use carescore_engine::records::RecordStore;

use super::{CheckPhase, CheckSummary, MergedCounts, Opened};

/// Rows read between two progress messages (a few per second on a million rows).
const ROWS_PER_PROGRESS: usize = 50_000;

/// Decodes text in a non-UTF-8 encoding, given its WHATWG label. The worker uses the
/// browser's TextDecoder, so the app carries no encoding tables.
pub type Decode<'a> = &'a dyn Fn(&[u8], &str) -> Result<String, String>;

/// A file the worker holds between requests, as the engine reads it.
#[derive(Debug)]
pub struct OpenFile {
    pub name: String,
    /// CSV or JSON: a workbook's sheet is held as CSV.
    pub format: InputFormat,
    pub text: Arc<[u8]>,
    /// Added to the engine's row numbers so messages name the row the user sees: a
    /// sheet's header need not be on row 1.
    pub row_offset: usize,
}

/// Decodes `raw` and finds its headers and the mapping to start from.
pub fn open(
    name: &str,
    raw: &[u8],
    sheet: Option<&str>,
    saved: &[SavedMapping],
    decode: Decode,
) -> Result<(OpenFile, Opened), String> {
    let format = InputFormat::from_file_name(name).ok_or_else(|| {
        format!("{name}: not a file CareScore reads (use .csv, .tsv, .txt, .json or .xlsx)")
    })?;
    let (file, encoding, sheets, sheet) = match format {
        InputFormat::Xlsx => open_workbook(name, raw, sheet)?,
        text_format => {
            if let Some(kind) = ingest::binary_kind(raw) {
                return Err(format!(
                    "{name}: this is {kind}, not a CSV or JSON text file"
                ));
            }
            let encoding = ingest::detect_encoding(raw);
            let text: Arc<[u8]> = match encoding {
                TextEncoding::Utf8 | TextEncoding::Utf8Bom => Arc::from(raw),
                other => decode_checked(name, raw, other.label(), decode)?
                    .into_bytes()
                    .into(),
            };
            let file = OpenFile {
                name: name.to_string(),
                format: text_format,
                text,
                row_offset: 0,
            };
            (file, encoding.label().to_string(), Vec::new(), None)
        }
    };
    let headers = match file.format {
        InputFormat::Json => json_headers(&file.text),
        _ => ingest::read_headers(&file.text, None).map_err(|e| e.to_string()),
    }
    .map_err(|e| format!("{name}: {e}"))?;
    let signature = ingest::header_signature(&headers);
    let saved_mapping = saved.iter().find(|m| m.signature == signature);
    let mapping = saved_mapping
        .map(|m| m.mapping.clone())
        .unwrap_or_else(|| ingest::suggest_mapping(&headers).mapping);
    let opened = Opened {
        name: name.to_string(),
        format,
        encoding,
        bytes: raw.len(),
        sheets,
        sheet,
        headers,
        signature,
        mapping,
        mapping_saved: saved_mapping.is_some(),
    };
    Ok((file, opened))
}

/// A workbook's chosen (or first) sheet as CSV text.
fn open_workbook(
    name: &str,
    raw: &[u8],
    sheet: Option<&str>,
) -> Result<(OpenFile, String, Vec<String>, Option<String>), String> {
    let sheets = ingest::xlsx_sheet_names(raw).map_err(|e| format!("{name}: {e}"))?;
    let csv = ingest::xlsx_sheet_to_csv(raw, sheet).map_err(|e| format!("{name}: {e}"))?;
    let file = OpenFile {
        name: name.to_string(),
        format: InputFormat::Csv,
        text: csv.csv.into(),
        row_offset: csv.header_row - 1,
    };
    Ok((file, "xlsx".to_string(), sheets, Some(csv.sheet)))
}

/// Decodes with `decode`. A replacement character means the bytes were not in that
/// encoding either: say on which row, rather than import mojibake.
fn decode_checked(name: &str, raw: &[u8], label: &str, decode: Decode) -> Result<String, String> {
    let text = decode(raw, label).map_err(|why| format!("{name}: {why}"))?;
    if let Some(at) = text.find('\u{FFFD}') {
        let row = text[..at].matches('\n').count() + 1;
        return Err(format!(
            "{name}: row {row}: the file is not text in UTF-8, UTF-16 or GB18030 (GBK); save it as CSV UTF-8 and try again"
        ));
    }
    Ok(text)
}

/// The keys of a JSON file's first record, as its "headers".
fn json_headers(text: &[u8]) -> Result<Vec<String>, String> {
    let value: serde_json::Value = serde_json::from_slice(text).map_err(|e| e.to_string())?;
    let first = value
        .as_array()
        .and_then(|rows| rows.first())
        .and_then(|row| row.as_object())
        .ok_or("a JSON import is an array of objects, one per record")?;
    Ok(first.keys().cloned().collect())
}

/// The first `rows` rows as the import would read them with `mapping`.
pub fn preview(file: &OpenFile, mapping: &Mapping, rows: usize) -> Result<Preview, String> {
    let mut preview = match file.format {
        InputFormat::Json => ingest::preview_json(&file.text, Some(mapping), rows),
        _ => ingest::preview_csv(&file.text, Some(mapping), rows),
    }
    .map_err(|e| e.to_string())?;
    for row in &mut preview.parsed {
        row.row += file.row_offset;
        if let Some(rejected) = &mut row.rejected {
            rejected.row += file.row_offset;
        }
    }
    Ok(preview)
}

/// Reads the whole file with `mapping`, reports on its quality against `existing` (the
/// records it adds to; `None` when it replaces the demo) and merges. Returns the summary
/// and the records the workspace would hold after applying.
pub fn check(
    file: &OpenFile,
    mapping: &Mapping,
    existing: Option<&RecordStore>,
    on_phase: &mut dyn FnMut(CheckPhase),
) -> Result<(CheckSummary, RecordStore), String> {
    let name = &file.name;
    let mut result = match file.format {
        InputFormat::Json => ingest::read_json(&file.text, Some(mapping)),
        _ => read_csv_reporting(&file.text, mapping, on_phase),
    }
    .map_err(|e| format!("{name}: {e}"))?;
    if result.store.is_empty() && result.rejected.is_empty() {
        return Err(format!("{name}: the file has no data rows"));
    }
    if file.row_offset > 0 {
        for rejected in &mut result.rejected {
            rejected.row += file.row_offset;
        }
        result.first_row = result.first_row.max(2) + file.row_offset;
    }
    on_phase(CheckPhase::Checking);
    let report = ingest::quality_report(&result, existing);
    on_phase(CheckPhase::Merging);
    let IngestResult {
        store,
        rejected,
        rows_read,
        ..
    } = result;
    let replaces_demo = existing.is_none();
    // Replacing the demo still drops duplicates within the file.
    let empty = RecordStore::default();
    let MergedImport {
        store,
        added,
        updated,
        duplicates,
        duplicates_in_file,
    } = merge_import(existing.unwrap_or(&empty), &store);
    let merged = MergedCounts {
        added,
        updated,
        duplicates,
        duplicates_in_file,
        total: store.len(),
        replaces_demo,
    };
    let summary = CheckSummary {
        file: name.clone(),
        rows_read,
        rejected,
        report,
        merged,
        worker_ms: 0.0,
    };
    Ok((summary, store))
}

fn read_csv_reporting(
    text: &Arc<[u8]>,
    mapping: &Mapping,
    on_phase: &mut dyn FnMut(CheckPhase),
) -> Result<IngestResult, ingest::IngestError> {
    let mut ingester = CsvIngester::new(Arc::clone(text), Some(mapping))?;
    loop {
        let progress = ingester.step(ROWS_PER_PROGRESS);
        on_phase(CheckPhase::Reading {
            fraction: progress.fraction(),
            rows: progress.rows_read,
        });
        if progress.done {
            return Ok(ingester.finish());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::field::Field;

    fn no_decoder(_: &[u8], label: &str) -> Result<String, String> {
        Err(format!("cannot decode {label} in this test"))
    }

    const CSV: &str = "工单编号,客服,创建时间,满意度\nT1,张三,2026-09-01 09:00,5\nT2,李四,2026-09-01 10:00,9\nT3,张三,2026-09-02 11:00,4\n";

    fn opened(csv: &str) -> (OpenFile, Opened) {
        open("工单.csv", csv.as_bytes(), None, &[], &no_decoder).expect("opens")
    }

    #[test]
    fn open_suggests_a_mapping_from_chinese_headers() {
        let (_, opened) = opened(CSV);
        assert_eq!(opened.headers, ["工单编号", "客服", "创建时间", "满意度"]);
        assert!(!opened.mapping_saved);
        assert!(opened.mapping.columns.contains_key(&Field::Agent));
        assert!(opened.mapping.columns.contains_key(&Field::Csat));
        assert_eq!(opened.encoding, "utf-8");
    }

    #[test]
    fn open_prefers_the_mapping_saved_for_the_same_headers() {
        let (_, first) = opened(CSV);
        let mut mapping = first.mapping.clone();
        mapping.columns.remove(&Field::Csat);
        let saved = vec![SavedMapping {
            signature: first.signature.clone(),
            headers: first.headers.clone(),
            mapping: mapping.clone(),
        }];
        let (_, again) = open("next.csv", CSV.as_bytes(), None, &saved, &no_decoder).unwrap();
        assert!(again.mapping_saved);
        assert_eq!(again.mapping, mapping);
    }

    #[test]
    fn open_refuses_binary_files_and_unknown_extensions_naming_the_file() {
        let zip = b"PK\x03\x04 not really a workbook";
        let error = open("data.csv", zip, None, &[], &no_decoder).unwrap_err();
        assert!(error.starts_with("data.csv: this is"), "{error}");
        let error = open("notes.docx", b"x", None, &[], &no_decoder).unwrap_err();
        assert!(error.starts_with("notes.docx: not a file"), "{error}");
    }

    #[test]
    fn a_failed_decode_names_the_file_and_mojibake_names_the_row() {
        let gbk = b"\xbf\xcd\xb7\xfe,\xca\xb1\xbc\xe4\n\xd5\xc5\xc8\xfd,2026-09-01\n";
        let error = open("gbk.csv", gbk, None, &[], &no_decoder).unwrap_err();
        assert_eq!(error, "gbk.csv: cannot decode gb18030 in this test");
        let lossy = |_: &[u8], _: &str| Ok("客服,时间\n\u{FFFD},2026-09-01\n".to_string());
        let error = open("gbk.csv", gbk, None, &[], &lossy).unwrap_err();
        assert!(error.starts_with("gbk.csv: row 2: "), "{error}");
    }

    #[test]
    fn check_reports_the_bad_row_and_merges_against_existing_records() {
        let (file, opened) = opened(CSV);
        let mut phases = Vec::new();
        let (summary, store) =
            check(&file, &opened.mapping, None, &mut |p| phases.push(p)).unwrap();
        assert_eq!(summary.rows_read, 3);
        assert_eq!(summary.rejected.len(), 1, "CSAT 9 is outside 1-5");
        assert_eq!(summary.rejected[0].row, 3);
        assert_eq!(store.len(), 2);
        assert!(summary.merged.replaces_demo);
        assert!(matches!(phases[0], CheckPhase::Reading { .. }));
        assert_eq!(phases.last(), Some(&CheckPhase::Merging));

        // The same file again, against what it produced: nothing new.
        let (again, merged) = check(&file, &opened.mapping, Some(&store), &mut |_| {}).unwrap();
        assert_eq!(again.merged.added, 0);
        assert_eq!(again.merged.duplicates, 2);
        assert_eq!(merged.len(), 2);
        assert!(!again.merged.replaces_demo);
    }

    #[test]
    fn a_summary_survives_the_trip_through_json() {
        use super::super::Reply;
        let (file, opened) = opened(CSV);
        let (summary, _) = check(&file, &opened.mapping, None, &mut |_| {}).unwrap();
        let reply = Reply::Checked(summary);
        assert_eq!(Reply::from_json(&reply.to_json()).unwrap(), reply);
        let preview = preview(&file, &opened.mapping, 5).unwrap();
        let reply = Reply::Previewed {
            id: 7,
            result: Ok(preview),
        };
        assert_eq!(Reply::from_json(&reply.to_json()).unwrap(), reply);
    }

    #[test]
    fn the_pwc_call_centre_file_checks_and_its_report_crosses_as_json() {
        use super::super::Reply;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/pwc_call_center/Call-Center-Dataset.csv"
        );
        let Ok(raw) = std::fs::read(path) else {
            panic!("{path} is missing: tests read ../shared beside the clone");
        };
        let (file, opened) = open("Call-Center-Dataset.csv", &raw, None, &[], &no_decoder).unwrap();
        let (summary, store) = check(&file, &opened.mapping, None, &mut |_| {}).unwrap();
        assert_eq!(summary.rows_read, 5000);
        assert_eq!(store.len() + summary.rejected.len(), 5000);
        let reply = Reply::Checked(summary);
        assert_eq!(Reply::from_json(&reply.to_json()).unwrap(), reply);
    }
}
