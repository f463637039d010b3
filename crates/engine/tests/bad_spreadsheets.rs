//! Every file in `tests/bad_inputs/spreadsheets/` is read as a workbook (`ingest::read` with
//! the XLSX format and no mapping), and what happens must match its entry in
//! `expected.json`: either `{"error": [substrings of the message]}` for a file refused
//! whole, or `{"accepted": N, "rejected": [[sheet row, field, substring of the reason]]}`.
//! Every file needs an entry and every entry a file, so the corpus cannot drift.
use carescore_engine::ingest::{read, InputFormat};

#[cfg(not(feature = "xlsx"))]
#[test]
fn builds_without_the_feature_say_so() {
    let error = read(InputFormat::Xlsx, b"PK\x03\x04", None).unwrap_err();
    assert_eq!(
        error,
        carescore_engine::ingest::IngestError::BadFile("this build does not read XLSX".to_string())
    );
}

#[cfg(feature = "xlsx")]
#[derive(serde::Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum Expected {
    Error {
        error: Vec<String>,
    },
    Rows {
        accepted: usize,
        rejected: Vec<(usize, String, String)>,
    },
}

#[cfg(feature = "xlsx")]
const DIR: &str = "../../tests/bad_inputs/spreadsheets";

#[cfg(feature = "xlsx")]
#[test]
fn every_bad_spreadsheet_fails_as_expected() {
    use std::collections::BTreeMap;
    use std::path::Path;

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let expected: BTreeMap<String, Expected> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json is valid");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.json")
        .collect();
    files.sort();
    assert!(files.len() >= 4, "the corpus has {} files", files.len());
    assert_eq!(
        files,
        expected.keys().cloned().collect::<Vec<_>>(),
        "files and expected.json entries differ"
    );
    let mut failures = Vec::new();
    for name in &files {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let outcome = read(InputFormat::Xlsx, &bytes, None);
        let problem = match (&expected[name], outcome) {
            (Expected::Error { error }, Err(actual)) => {
                let message = actual.to_string();
                error
                    .iter()
                    .find(|part| !message.contains(part.as_str()))
                    .map(|part| format!("message {message:?} lacks {part:?}"))
            }
            (Expected::Rows { accepted, rejected }, Ok(result)) => {
                let actual: Vec<(usize, &str, &str)> = result
                    .rejected
                    .iter()
                    .map(|r| (r.row, r.field.as_str(), r.reason.as_str()))
                    .collect();
                let matches = result.store.len() == *accepted
                    && actual.len() == rejected.len()
                    && actual
                        .iter()
                        .zip(rejected)
                        .all(|(a, e)| a.0 == e.0 && a.1 == e.1 && a.2.contains(e.2.as_str()));
                (!matches).then(|| format!("accepted {}, rejected {actual:?}", result.store.len()))
            }
            (Expected::Error { .. }, Ok(result)) => Some(format!(
                "read {} records, rejected {:?}",
                result.store.len(),
                result.rejected
            )),
            (Expected::Rows { .. }, Err(error)) => Some(format!("refused: {error}")),
        };
        if let Some(problem) = problem {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A workbook with `header` in A1 and `(row, col, text)` strings.
#[cfg(feature = "xlsx")]
fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Calls").unwrap();
    for (col, header) in ["agent", "opened_at"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    for &(row, col, text) in cells {
        sheet.write_string(row, col, text).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// `bytes` with the zip entry `part` rewritten by `edit`, as a hostile file would be made.
#[cfg(feature = "xlsx")]
fn rewrite(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        if name == part {
            text = edit(text);
        }
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[cfg(feature = "xlsx")]
fn refusal(bytes: &[u8]) -> String {
    match read(InputFormat::Xlsx, bytes, None) {
        Ok(result) => panic!("read {} records instead of refusing", result.store.len()),
        Err(error) => error.to_string(),
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn a_sheet_spanning_the_whole_grid_is_refused_by_its_extent() {
    let bytes = workbook(&[(1, 0, "Ann"), (1_048_575, 16_383, "x")]);
    assert!(bytes.len() < 8_000, "{} bytes", bytes.len());
    let message = refusal(&bytes);
    for part in [
        "\"Calls\"",
        "1,048,576 rows",
        "16,384 columns",
        "67,108,864 cells",
    ] {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn a_malformed_cell_reference_is_an_error_not_a_panic() {
    let bytes = rewrite(
        &workbook(&[(1, 0, "Ann")]),
        "xl/worksheets/sheet1.xml",
        |xml| xml.replacen("r=\"A2\"", "r=\"ZZZZZZ4000000000\"", 1),
    );
    let message = refusal(&bytes);
    for part in ["\"Calls\"", "ZZZZZZ4000000000", "XFD1048576"] {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn one_huge_shared_string_reused_is_refused_by_its_expanded_size() {
    let cells: Vec<(u32, u16, &str)> = (1..=500).map(|row| (row, 0, "big")).collect();
    let huge = "y".repeat(1_100_000);
    let bytes = rewrite(&workbook(&cells), "xl/sharedStrings.xml", |xml| {
        xml.replacen("<t>big</t>", &format!("<t>{huge}</t>"), 1)
    });
    assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
    let message = refusal(&bytes);
    for part in ["\"Calls\"", "512 MB"] {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
}

/// Error cells Excel 365 writes (`#SPILL!`, `#CALC!`) and date serials outside 1900-01-01
/// to 9999-12-31 are bad values of their row and field, never the whole workbook.
#[cfg(feature = "xlsx")]
#[test]
fn error_cells_and_impossible_dates_reject_their_rows_only() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = book.add_worksheet().set_name("Calls").unwrap();
    for (col, header) in ["agent", "opened_at", "csat"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    let rows = [
        ("Ann", 45_356.5, 4.0),
        ("Bob", 45_356.5, 5.0),
        ("Cy", 45_356.5, 3.0),
    ];
    let rows = rows
        .iter()
        .chain(&[("Di", 3_000_000.0, 4.0), ("Ed", -5.0, 4.0)]);
    for (row, (agent, opened, csat)) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, *agent).unwrap();
        sheet
            .write_number_with_format(row, 1, *opened, &date)
            .unwrap();
        sheet.write_number(row, 2, *csat).unwrap();
    }
    let bytes = rewrite(
        &book.save_to_buffer().unwrap(),
        "xl/worksheets/sheet1.xml",
        |xml| {
            xml.replacen(
                r#"<c r="C3"><v>5</v>"#,
                r#"<c r="C3" t="e"><v>#SPILL!</v>"#,
                1,
            )
            .replacen(
                r#"<c r="C4"><v>3</v>"#,
                r#"<c r="C4" t="e"><v>#CALC!</v>"#,
                1,
            )
        },
    );
    let result = read(InputFormat::Xlsx, &bytes, None).expect("the workbook is read");
    let rejected: Vec<(usize, &str, &str)> = result
        .rejected
        .iter()
        .map(|r| (r.row, r.field.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(result.store.len(), 1, "{rejected:?}");
    let expected = [
        (3, "csat", "#SPILL!"),
        (4, "csat", "#CALC!"),
        (5, "opened_at", "3000000"),
        (6, "opened_at", "-5"),
    ];
    assert_eq!(rejected.len(), expected.len(), "{rejected:?}");
    for (actual, wanted) in rejected.iter().zip(expected) {
        assert!(
            actual.0 == wanted.0 && actual.1 == wanted.1 && actual.2.contains(wanted.2),
            "{actual:?} is not {wanted:?}"
        );
    }
}
