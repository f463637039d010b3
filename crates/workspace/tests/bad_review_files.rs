//! Every file in `tests/bad_inputs/review_files/` is opened as the app opens a review file
//! (`Document::from_bytes`) and must do what `expected.json` there says: fail with a
//! message containing each listed text (the place and the reason), or load with the given
//! number of records, keeping the listed strings verbatim. A file without an entry (or an
//! entry without a file) fails the test, so the corpus and its expectations stay in step.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use carescore_workspace::formats::review_file::Document;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Outcome {
    /// Texts the error message must contain.
    Error(Vec<String>),
    Loads(Loaded),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Loaded {
    records: usize,
    /// Strings that must be in the loaded document exactly as written.
    #[serde(default)]
    verbatim: Vec<String>,
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad_inputs/review_files")
}

fn strings_of(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::String(text) => {
            out.insert(text.clone());
        }
        Value::Array(items) => items.iter().for_each(|item| strings_of(item, out)),
        Value::Object(object) => {
            for (key, item) in object {
                out.insert(key.clone());
                strings_of(item, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_bad_review_file_does_what_expected_json_says() {
    let dir = corpus();
    let expected: BTreeMap<String, Outcome> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
            .expect("expected.json maps file names to outcomes");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "expected.json")
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus has {} files", files.len());
    let listed: Vec<&String> = expected.keys().collect();
    assert_eq!(
        files.iter().collect::<Vec<_>>(),
        listed,
        "every file needs an entry in expected.json and every entry a file"
    );

    let mut failures = Vec::new();
    for name in &files {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let result = Document::from_bytes(&bytes);
        match (&expected[name], result) {
            (Outcome::Error(texts), Err(error)) => {
                let message = error.to_string();
                for text in texts {
                    if !message.contains(text.as_str()) {
                        failures.push(format!("{name}: message {message:?} lacks {text:?}"));
                    }
                }
            }
            (Outcome::Error(_), Ok(_)) => {
                failures.push(format!("{name}: loaded, expected an error"))
            }
            (Outcome::Loads(_), Err(error)) => {
                failures.push(format!("{name}: expected to load, got: {error}"))
            }
            (Outcome::Loads(loaded), Ok(document)) => {
                if document.records.len() != loaded.records {
                    failures.push(format!(
                        "{name}: {} records, expected {}",
                        document.records.len(),
                        loaded.records
                    ));
                }
                let mut strings = BTreeSet::new();
                strings_of(&serde_json::to_value(&document).unwrap(), &mut strings);
                for text in &loaded.verbatim {
                    if !strings.contains(text) {
                        failures.push(format!("{name}: {text:?} was not kept verbatim"));
                    }
                }
                // What loads also writes back and reads again unchanged.
                let again = Document::from_json(&document.to_json()).unwrap();
                if again != document {
                    failures.push(format!("{name}: changed on a second round trip"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
