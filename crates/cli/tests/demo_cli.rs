//! Runs the built `carescore` binary's `demo` command, and reads its output back with
//! `carescore metrics` and no mapping.

mod common;
use common::{carescore, stderr};

use serde_json::Value;

#[test]
fn stdout_is_canonical_csv_with_the_asked_row_count_and_repeats_per_seed() {
    let first = carescore(&["demo", "--contacts", "500", "--seed", "3"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let text = String::from_utf8(first.stdout.clone()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,agent,team,channel,topic,opened_at,answered,first_response_secs,handle_secs,\
             resolved,resolved_at,first_contact_resolved,reopen_count,reassign_count,complaint,\
             csat,sla_met"
        )
    );
    assert_eq!(lines.count(), 500);
    let again = carescore(&["demo", "--contacts", "500", "--seed", "3"]);
    assert_eq!(first.stdout, again.stdout);
    let other = carescore(&["demo", "--contacts", "500", "--seed", "4"]);
    assert_ne!(first.stdout, other.stdout);
}

#[test]
fn out_file_holds_the_same_bytes_and_metrics_read_it_without_mapping() {
    let dir = common::scratch("demo", "roundtrip");
    let path = dir.join("demo.csv");
    let file = path.display().to_string();
    let written = carescore(&[
        "demo",
        "--contacts",
        "3000",
        "--agents",
        "9",
        "--out",
        &file,
    ]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(written.stdout.is_empty());
    let stdout = carescore(&["demo", "--contacts", "3000", "--agents", "9"]);
    assert_eq!(std::fs::read(&path).unwrap(), stdout.stdout);

    let metrics = carescore(&[
        "metrics", "--input", &file, "--by", "team", "--period", "month",
    ]);
    assert!(metrics.status.success(), "{}", stderr(&metrics));
    let json: Value = serde_json::from_slice(&metrics.stdout).unwrap();
    assert_eq!(json["rejected_rows"].as_array().unwrap().len(), 0);
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3 * 3, "3 teams x 3 months");
    let contacts: f64 = groups
        .iter()
        .map(|group| group["metrics"]["contacts"].as_f64().unwrap())
        .sum();
    assert_eq!(contacts, 3000.0);
    for group in groups {
        let answered = group["metrics"]["answered_rate"].as_f64().unwrap();
        assert!((0.8..1.0).contains(&answered), "{group}");
        assert!(group["metrics"]["csat_mean"].as_f64().is_some(), "{group}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_arguments_give_one_line_and_exit_code_2() {
    for args in [
        &["demo", "--contacts", "many"][..],
        &["demo", "--agents", "0"],
        &["demo", "--agents", "4", "--teams", "5"],
        &["demo", "--start", "July"],
        &["demo", "--colour"],
    ] {
        let output = carescore(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let message = stderr(&output);
        assert_eq!(message.trim_end().lines().count(), 1, "{args:?}: {message}");
        assert!(message.starts_with("carescore: "), "{message}");
    }
}

#[test]
fn few_agents_shrink_the_default_teams_and_help_exits_zero() {
    let output = carescore(&["demo", "--contacts", "50", "--agents", "2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let teams: std::collections::BTreeSet<&str> = text
        .lines()
        .skip(1)
        .map(|line| line.split(',').nth(2).unwrap())
        .collect();
    assert!(teams.len() <= 2 && !teams.is_empty());
    let help = carescore(&["demo", "--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--contacts"));
}
