//! Runs the built `carescore` binary's `metrics` command on small files.

mod common;
use common::{carescore, stderr};

use serde_json::Value;

const STANDARD_METRICS: usize = 17;

const RECORDS: &str = "Who,Day,At,Answered,CSAT\n\
    Bo,2021-02-01,10:00,Y,4\n\
    Ann,2021-01-04,09:00,Y,5\n\
    Ann,2021-01-05,09:00,N,\n\
    Ann,2021-02-01,09:00,Y,9\n";

const MAPPING: &str = r#"{"columns": {"agent": "Who", "opened_at": ["Day", "At"],
    "answered": "Answered", "csat": "CSAT"}}"#;

fn write_inputs(dir: &std::path::Path) -> (String, String) {
    let input = dir.join("records.csv");
    let mapping = dir.join("mapping.json");
    std::fs::write(&input, RECORDS).unwrap();
    std::fs::write(&mapping, MAPPING).unwrap();
    (input.display().to_string(), mapping.display().to_string())
}

#[test]
fn json_output_lists_groups_in_order_with_every_metric_and_rejected_rows() {
    let dir = common::scratch("metrics", "json");
    let (input, mapping) = write_inputs(&dir);
    let output = carescore(&[
        "metrics",
        "--input",
        &input,
        "--mapping",
        &mapping,
        "--period",
        "month",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let groups = json["groups"].as_array().unwrap();
    let keys: Vec<(&str, &str)> = groups
        .iter()
        .map(|g| (g["group"].as_str().unwrap(), g["period"].as_str().unwrap()))
        .collect();
    // Ann's February call is rejected (csat 9), so she has no February row.
    assert_eq!(keys, [("Ann", "2021-01"), ("Bo", "2021-02")]);
    let ann = groups[0]["metrics"].as_object().unwrap();
    assert_eq!(ann.len(), STANDARD_METRICS);
    assert_eq!(ann["contacts"], 2);
    assert_eq!(ann["answered_rate"], 0.5);
    assert_eq!(ann["csat_mean"], 5);
    assert!(ann["fcr_rate"].is_null(), "absent field is null");
    // Metrics keep the standard order in the text.
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.find("\"contacts\"").unwrap() < text.find("\"sla_met_rate\"").unwrap());
    let rejected = json["rejected_rows"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["row"], 5);
    assert_eq!(rejected[0]["field"], "csat");
    assert!(rejected[0]["reason"].as_str().unwrap().contains("1 to 5"));
}

#[test]
fn csv_output_has_one_row_per_group_and_period() {
    let dir = common::scratch("metrics", "csv");
    let (input, mapping) = write_inputs(&dir);
    let output = carescore(&[
        "metrics",
        "--input",
        &input,
        "--mapping",
        &mapping,
        "--by",
        "all",
        "--format",
        "csv",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("group,period,contacts,answered_rate,resolved_rate,"));
    assert_eq!(lines[0].split(',').count(), 2 + STANDARD_METRICS);
    assert!(lines[1].starts_with("all,all,3,"), "{}", lines[1]);
    assert!(stderr(&output).contains("row 5, field csat"));
}

#[test]
fn json_input_without_a_mapping_uses_canonical_headers() {
    let dir = common::scratch("metrics", "json-input");
    let input = dir.join("records.json");
    std::fs::write(
        &input,
        r#"[{"agent": "Ann", "team": "North", "opened_at": "2021-01-04T09:00:00+08:00"},
            {"agent": "Bo", "team": "North", "opened_at": "2021-01-04 10:00"}]"#,
    )
    .unwrap();
    let output = carescore(&[
        "metrics",
        "--input",
        input.to_str().unwrap(),
        "--by",
        "team",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["groups"][0]["group"], "North");
    assert_eq!(json["groups"][0]["metrics"]["contacts"], 2);
    assert_eq!(json["rejected_rows"], Value::Array(vec![]));
}

fn assert_fails_naming(output: &std::process::Output, needles: &[&str]) {
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(output);
    assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
    for needle in needles {
        assert!(message.contains(needle), "{needle:?} not in {message}");
    }
}

#[test]
fn bad_arguments_and_files_exit_2_with_one_line() {
    let dir = common::scratch("metrics", "errors");
    let (input, _) = write_inputs(&dir);
    assert_fails_naming(&carescore(&["metrics"]), &["--input"]);
    assert_fails_naming(
        &carescore(&["metrics", "--input", &input, "--by", "desk"]),
        &["--by", "desk"],
    );
    assert_fails_naming(
        &carescore(&["metrics", "--input", &input, "--period", "year"]),
        &["--period"],
    );
    assert_fails_naming(
        &carescore(&["metrics", "--input", &input, "--bogus"]),
        &["bogus"],
    );
    assert_fails_naming(&carescore(&["frobnicate"]), &["frobnicate"]);
    let missing = dir.join("nope.csv").display().to_string();
    assert_fails_naming(&carescore(&["metrics", "--input", &missing]), &["nope.csv"]);
    let text_file = dir.join("records.ods").display().to_string();
    std::fs::write(&text_file, "x").unwrap();
    assert_fails_naming(
        &carescore(&["metrics", "--input", &text_file]),
        &["records.ods", "format"],
    );
    // Without a mapping, the headers are not canonical: the required field is named.
    assert_fails_naming(
        &carescore(&["metrics", "--input", &input]),
        &["records.csv", "agent"],
    );
    let bad_mapping = dir.join("bad.json");
    std::fs::write(
        &bad_mapping,
        r#"{"columns": {"agent": "Agent", "opened_at": "Day"}}"#,
    )
    .unwrap();
    assert_fails_naming(
        &carescore(&[
            "metrics",
            "--input",
            &input,
            "--mapping",
            bad_mapping.to_str().unwrap(),
        ]),
        &["records.csv", "\"Agent\""],
    );
}

#[test]
fn values_the_store_cannot_hold_are_rejected_and_the_json_stays_json() {
    let dir = common::scratch("metrics", "too-large");
    let input = dir.join("records.csv");
    std::fs::write(
        &input,
        "agent,opened_at,handle_secs\n\
         Ann,2026-03-01 10:00:00,1e39\n\
         Ann,2026-03-01 11:00:00,60\n\
         Bo,2026-03-01 11:00:00,-0\n",
    )
    .unwrap();
    let output = carescore(&["metrics", "--input", &input.display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    let rejected = json["rejected_rows"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0]["row"], 2);
    assert_eq!(rejected[0]["field"], "handle_secs");
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups[0]["metrics"]["handle_secs_mean"], 60);
    assert_eq!(groups[1]["metrics"]["handle_secs_mean"], 0);
}

/// Names that Excel would run as formulas, as `--out x.csv` writes them.
const FORMULA_RECORDS: &str = "agent,team,opened_at,csat\n\
    \"=HYPERLINK(\"\"x\"\")\",@North,2021-01-04 09:00,5\n\
    -Bo,+South,2021-01-04 10:00,4\n";

#[test]
fn csv_on_stdout_guards_names_that_look_like_formulas() {
    let dir = common::scratch("metrics", "formula");
    let input = dir.join("records.csv");
    std::fs::write(&input, FORMULA_RECORDS).unwrap();
    let input = input.display().to_string();
    for by in ["agent", "team"] {
        let output = carescore(&["metrics", "--input", &input, "--by", by, "--format", "csv"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
        let groups: Vec<String> = reader
            .records()
            .map(|record| record.unwrap()[0].to_string())
            .collect();
        assert!(!groups.is_empty());
        for group in &groups {
            assert!(group.starts_with('\''), "{by}: {group:?} is unguarded");
        }
    }
}
