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
