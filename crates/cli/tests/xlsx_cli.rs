//! `--input` takes an Excel workbook, as the app's Data page does: the first sheet, or the
//! one `--sheet` names.

mod common;
use common::{carescore, stderr};

use rust_xlsxwriter::Workbook;
use serde_json::Value;

/// A workbook whose first sheet holds Ann's two contacts (one rejected: csat 9) below an
/// empty first row, and whose second sheet, `Later`, holds one contact of Bo's.
fn workbook(path: &std::path::Path) {
    let mut workbook = Workbook::new();
    let first = workbook.add_worksheet().set_name("Contacts").unwrap();
    for (col, header) in ["agent", "opened_at", "handle_secs", "csat"]
        .iter()
        .enumerate()
    {
        first.write_string(1, col as u16, *header).unwrap();
    }
    for (row, (csat, handle)) in [(5.0, 120.0), (9.0, 60.0)].into_iter().enumerate() {
        let row = row as u32 + 2;
        first.write_string(row, 0, "Ann").unwrap();
        first.write_string(row, 1, "2026-03-02 09:00:00").unwrap();
        first.write_number(row, 2, handle).unwrap();
        first.write_number(row, 3, csat).unwrap();
    }
    let later = workbook.add_worksheet().set_name("Later").unwrap();
    for (col, header) in ["agent", "opened_at"].iter().enumerate() {
        later.write_string(0, col as u16, *header).unwrap();
    }
    later.write_string(1, 0, "Bo").unwrap();
    later.write_string(1, 1, "2026-04-01 10:00:00").unwrap();
    workbook.save(path).unwrap();
}

fn metrics(args: &[&str]) -> Value {
    let output = carescore(&[&["metrics"], args].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn metrics_read_the_first_sheet_or_the_named_one() {
    let dir = common::scratch("xlsx", "sheets");
    let path = dir.join("contacts.xlsx");
    workbook(&path);
    let input = path.display().to_string();

    let json = metrics(&["--input", &input]);
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{json}");
    assert_eq!(groups[0]["group"], "Ann");
    assert_eq!(groups[0]["metrics"]["contacts"], 1);
    assert_eq!(groups[0]["metrics"]["handle_secs_mean"], 120);
    // The rejected row is numbered as in Excel: the header is on sheet row 2.
    let rejected = json["rejected_rows"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{json}");
    assert_eq!(rejected[0]["row"], 4);
    assert_eq!(rejected[0]["field"], "csat");

    let json = metrics(&["--input", &input, "--sheet", "Later"]);
    assert_eq!(json["groups"][0]["group"], "Bo");

    let missing = carescore(&["metrics", "--input", &input, "--sheet", "Nope"]);
    assert_eq!(missing.status.code(), Some(2));
    let message = stderr(&missing);
    assert!(
        message.contains("Nope") && message.contains(&input),
        "{message}"
    );
}

#[test]
fn sheet_is_refused_for_a_file_that_is_not_a_workbook() {
    let dir = common::scratch("xlsx", "not-a-workbook");
    let path = dir.join("records.csv");
    std::fs::write(&path, "agent,opened_at\nAnn,2026-03-02 09:00\n").unwrap();
    let input = path.display().to_string();
    let output = carescore(&["metrics", "--input", &input, "--sheet", "Later"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--sheet"), "{}", stderr(&output));
}
