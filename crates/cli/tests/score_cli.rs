//! Runs the built `carescore` binary's `score` command.

mod common;
use common::carescore;

use carescore_engine::scorecard::defaults::default_scorecard;
use carescore_engine::scorecard::Scorecard;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

const RECORDS: &str =
    "agent,team,opened_at,answered,resolved,first_contact_resolved,complaint,csat\n\
    Ann,North,2021-01-04 09:00,true,true,true,false,5\n\
    Ann,North,2021-01-05 09:00,true,true,true,false,5\n\
    Ann,North,2021-02-01 09:00,true,true,false,false,4\n\
    Bo,South,2021-01-04 10:00,true,false,false,true,2\n\
    Bo,South,2021-02-02 10:00,true,true,true,false,5\n";

#[test]
fn the_fixture_scorecard_is_the_default_card() {
    let text = std::fs::read_to_string(fixture("scorecard.json")).unwrap();
    let card: Scorecard = serde_json::from_str(&text).unwrap();
    assert_eq!(card, default_scorecard());
    let printed = carescore(&["score", "--print-default"]);
    assert!(printed.status.success());
    let printed: Scorecard = serde_json::from_slice(&printed.stdout).unwrap();
    assert_eq!(printed, card);
}

#[test]
fn scores_with_explanations_as_json() {
    let dir = common::scratch("score", "json");
    let input = dir.join("records.csv");
    std::fs::write(&input, RECORDS).unwrap();
    let output = carescore(&[
        "score",
        "--input",
        input.to_str().unwrap(),
        "--scorecard",
        &fixture("scorecard.json"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let scores = json["scores"].as_array().unwrap();
    assert_eq!(scores.len(), 4, "2 agents x 2 months");
    let bo_jan = scores
        .iter()
        .find(|s| s["group"] == "Bo" && s["period"] == "2021-01")
        .unwrap();
    // One complaint in one contact: the complaint rail caps Bo's January.
    assert!(bo_jan["total"].as_f64().unwrap() <= 59.0);
    assert_eq!(bo_jan["grade"], "needs_improvement");
    assert_eq!(bo_jan["rank"], 2);
    let ann_feb = scores
        .iter()
        .find(|s| s["group"] == "Ann" && s["period"] == "2021-02")
        .unwrap();
    assert_eq!(ann_feb["previous_period"], "2021-01");
    assert!(ann_feb["change"].is_number());
    assert_eq!(ann_feb["team"], "North");
    assert!(ann_feb["dimensions"][0]["metrics"][0]["formula"]["kind"].is_string());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn csv_and_text_formats_and_team_grouping() {
    let dir = common::scratch("score", "csv");
    let input = dir.join("records.csv");
    std::fs::write(&input, RECORDS).unwrap();
    let input = input.to_str().unwrap();
    let output = carescore(&["score", "--input", input, "--by", "team", "--format", "csv"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("group,team,period,total,uncapped_total,grade,rank"));
    assert!(header.contains("service_quality.fcr_rate"));
    assert_eq!(lines.filter(|l| l.starts_with("North,")).count(), 2);

    let output = carescore(&[
        "score", "--input", input, "--period", "all", "--format", "text",
    ]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Ann (team North), period all"), "{text}");
    assert!(text.contains("fcr_rate = 2 / 3 = 0.667"), "{text}");
    std::fs::remove_dir_all(dir).ok();
}

/// `carescore score` on the test records with a scorecard file holding `card`: its exit
/// code and stderr.
fn score_with_card(name: &str, card: &str) -> (Option<i32>, String) {
    let dir = common::scratch("score", name);
    let input = dir.join("records.csv");
    let card_path = dir.join("card.json");
    std::fs::write(&input, RECORDS).unwrap();
    std::fs::write(&card_path, card).unwrap();
    let output = carescore(&[
        "score",
        "--input",
        input.to_str().unwrap(),
        "--scorecard",
        card_path.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(dir).ok();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

#[test]
fn a_bad_scorecard_is_a_one_line_error() {
    let (code, stderr) = score_with_card("bad", r#"{"schema_version": 1, "dimensions": []}"#);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no dimensions"), "{stderr}");
}

#[test]
fn a_scorecard_from_a_newer_carescore_says_so() {
    let card = r#"{"schema_version": 7, "dimensions": [], "shape": "new"}"#;
    let (code, stderr) = score_with_card("newer", card);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("card.json: saved by a newer version of CareScore (v7)"),
        "{stderr}"
    );
}

#[test]
fn results_go_to_a_workbook_or_a_csv_for_excel() {
    use carescore_engine::ingest::{xlsx_sheet_names, xlsx_sheet_to_csv};
    let dir = common::scratch("score", "out");
    let input = dir.join("records.csv");
    std::fs::write(&input, RECORDS).unwrap();
    let input = input.to_str().unwrap();
    let xlsx = dir.join("results.xlsx");
    let output = carescore(&["score", "--input", input, "--out", xlsx.to_str().unwrap()]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert!(output.stdout.is_empty(), "the results go to the file only");
    let bytes = std::fs::read(&xlsx).unwrap();
    let sheets = xlsx_sheet_names(&bytes).unwrap();
    assert_eq!(sheets[0], "results");
    assert!(sheets[1].starts_with("scorecard "), "{sheets:?}");
    let results = xlsx_sheet_to_csv(&bytes, None).unwrap();
    let text = String::from_utf8(results.csv).unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("agent,team,period,records,total,grade,rank"));
    assert_eq!(lines.count(), 4, "2 agents x 2 months");

    let csv = dir.join("results.csv");
    let output = carescore(&[
        "score",
        "--input",
        input,
        "--by",
        "team",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}team,team,period,"), "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("North,")).count(), 2);

    let output = carescore(&["score", "--input", input, "--out", "results.txt"]);
    assert!(!output.status.success());
    assert!(common::stderr(&output).contains("--out must name a .xlsx or .csv file"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn csv_on_stdout_guards_names_that_look_like_formulas() {
    let dir = common::scratch("score", "formula");
    let input = dir.join("records.csv");
    std::fs::write(
        &input,
        "agent,team,opened_at,csat\n\
         \"=HYPERLINK(\"\"x\"\")\",@North,2021-01-04 09:00,5\n\
         -Bo,+South,2021-01-04 10:00,4\n",
    )
    .unwrap();
    let output = carescore(&[
        "score",
        "--input",
        input.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            (record[0].to_string(), record[1].to_string())
        })
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.contains(&("'=HYPERLINK(\"x\")".to_string(), "'@North".to_string())));
    assert!(rows.contains(&("'-Bo".to_string(), "'+South".to_string())));
}
