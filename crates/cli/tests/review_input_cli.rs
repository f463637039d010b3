//! `carescore score` and `carescore metrics` read a review file given as `--input`:
//! recognised by its content, with its records and (for `score`) its scorecard history.

mod common;
use common::review::{demo_document, demo_workspace, write, write_edited};
use common::{carescore, stderr, stdout};

use carescore_engine::feedback::appeals::AppealTarget;
use carescore_engine::scorecard::defaults::default_scorecard;
use carescore_engine::scorecard::ScorecardHistory;
use carescore_workspace::formats::review_file::Document;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The default card with its first dimension weighing three times as much.
fn heavier_first_dimension() -> ScorecardHistory {
    let mut card = default_scorecard();
    card.dimensions[0].weight *= 3.0;
    ScorecardHistory::single(card, "service first")
}

fn totals(output: &std::process::Output) -> Vec<Option<f64>> {
    assert!(output.status.success(), "{}", stderr(output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|score| score["total"].as_f64())
        .collect()
}

#[test]
fn score_uses_the_review_files_records_and_history_unless_a_scorecard_is_given() {
    let dir = common::scratch("review-input", "score");
    let mut document = demo_document();
    document.scorecards = Some(heavier_first_dimension());
    // Named without .json: a review file is known by its content.
    let review = write(&dir, "team-review.txt", &document);
    let history = dir.join("history.json");
    std::fs::write(
        &history,
        serde_json::to_string(&heavier_first_dimension()).unwrap(),
    )
    .unwrap();

    let own = totals(&carescore(&["score", "--input", &review]));
    assert_eq!(own.len(), 4, "4 agents x 1 month");
    let same = totals(&carescore(&[
        "score",
        "--input",
        &review,
        "--scorecard",
        history.to_str().unwrap(),
    ]));
    assert_eq!(own, same, "the file's history is the one used");
    let default = totals(&carescore(&[
        "score",
        "--input",
        &review,
        "--scorecard",
        &fixture("scorecard.json"),
    ]));
    assert_ne!(own, default, "--scorecard wins over the file's history");

    // A review file without a history is scored with the default card.
    document.scorecards = None;
    let bare = write(&dir, "bare.json", &document);
    assert_eq!(totals(&carescore(&["score", "--input", &bare])), default);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn metrics_count_the_review_files_records() {
    let dir = common::scratch("review-input", "metrics");
    let review = write(&dir, "review.json", &demo_document());
    let output = carescore(&["metrics", "--input", &review, "--by", "all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["groups"][0]["group"], "all");
    assert_eq!(json["groups"][0]["metrics"]["contacts"], 60);
    assert_eq!(json["rejected_rows"], json!([]));
    // JSON records files (a list) are still read as records.
    let records = dir.join("records.json");
    std::fs::write(
        &records,
        r#"[{"agent": "Ann", "opened_at": "2021-01-04 09:00"}]"#,
    )
    .unwrap();
    let output = carescore(&["metrics", "--input", records.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("\"group\":\"Ann\""));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_records_of_accepted_appeals_are_left_out_as_in_the_app() {
    let dir = common::scratch("review-input", "appeals");
    let first = demo_document().records[0].clone();
    let mut workspace = demo_workspace();
    let target = AppealTarget::Record {
        key: first.key.clone(),
    };
    let at = first.opened_at;
    let id = workspace
        .feedback
        .open_appeal(target, "agent", at, "not my contact")
        .unwrap();
    workspace
        .feedback
        .decide_appeal(&id, true, "lead", at, "routed wrongly")
        .unwrap();
    let review = write(&dir, "review.json", &Document::from_workspace(&workspace));
    let output = carescore(&["metrics", "--input", &review, "--by", "all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["groups"][0]["metrics"]["contacts"], 59);
    assert_eq!(
        stderr(&output).trim(),
        format!("{review}: 1 record left out of the figures: their appeals were accepted")
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_bad_review_file_as_input_is_one_line_naming_the_place() {
    let dir = common::scratch("review-input", "bad");
    let review = write_edited(&dir, "review.json", &demo_document(), |value| {
        value["records"][0]["csat"] = json!(9);
    });
    let output = carescore(&["score", "--input", &review]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with(&format!("carescore: {review}: records[0].csat: ")),
        "{message}"
    );

    let good = write(&dir, "good.json", &demo_document());
    let output = carescore(&["metrics", "--input", &good, "--mapping", &fixture("x.json")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--mapping does not apply"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn help_says_input_takes_a_review_file() {
    for command in ["score", "metrics"] {
        let text = stdout(&carescore(&[command, "--help"]));
        assert!(text.contains("or a review"), "{command}: {text}");
    }
}
