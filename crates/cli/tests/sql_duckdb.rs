//! `carescore sql --dialect duckdb` run by DuckDB (its Python package, installed by
//! `scripts/setup.sh all`) gives the engine's metrics, metric scores, dimension scores,
//! totals, grades and ranks, row by row, within 1e-9 relative and with N/A as NULL.

mod common;
#[path = "sql/support.rs"]
mod support;

use std::path::Path;

use serde_json::Value;
use support::{check, fixture, pwc_file, Case};

fn demo_file(scratch: &Path) -> std::path::PathBuf {
    let path = scratch.join("demo.csv");
    let file = std::fs::File::create(&path).unwrap();
    let config = carescore_engine::demo::DemoConfig::default();
    assert_eq!(config.contacts, 20_000);
    carescore_engine::demo::write_csv(&config, std::io::BufWriter::new(file)).unwrap();
    path
}

fn case<'a>(records: &'a Path, by: &'a str, period: &'a str) -> Case<'a> {
    Case {
        records,
        mapping: None,
        scorecard: None,
        by,
        period,
        metrics_only: false,
        typed: false,
    }
}

fn count(rows: &[support::Row], column: &str, wanted: impl Fn(&Value) -> bool) -> usize {
    rows.iter().filter(|row| wanted(&row[column])).count()
}

#[test]
fn pwc_call_centre_with_the_readme_mapping_and_the_default_card() {
    let scratch = common::scratch("sql", "pwc");
    let records = pwc_file();
    let mapping = fixture("pwc_mapping.json");
    for (by, period) in [
        ("agent", "month"),
        ("team", "month"),
        ("agent", "week"),
        ("all", "all"),
    ] {
        let rows = check(
            &Case {
                mapping: Some(&mapping),
                ..case(&records, by, period)
            },
            &scratch,
        );
        // No FCR, complaint or reassign data: N/A, spread over the rest, never 0.
        assert_eq!(count(&rows, "fcr_rate", Value::is_null), rows.len());
        assert_eq!(
            count(&rows, "dimension__teamwork", Value::is_null),
            rows.len()
        );
        assert_eq!(count(&rows, "total", Value::is_number), rows.len());
    }
}

#[test]
fn demo_with_a_versioned_history_by_agent_and_team_per_month() {
    let scratch = common::scratch("sql", "demo-history");
    let records = demo_file(&scratch);
    let history = fixture("history.json");
    for by in ["agent", "team"] {
        let rows = check(
            &Case {
                scorecard: Some(&history),
                ..case(&records, by, "month")
            },
            &scratch,
        );
        // July is scored with the first version, August and September with the second
        // (forced distribution: every grade is given).
        let versions: Vec<&Value> = rows.iter().map(|row| &row["version"]).collect();
        assert!(versions.contains(&&Value::from(0)) && versions.contains(&&Value::from(1)));
        if by == "agent" {
            for grade in ["excellent", "good", "pass", "needs_improvement"] {
                assert!(count(&rows, "grade", |g| g == grade) > 0, "{grade}");
            }
        }
    }
}

#[test]
fn demo_with_the_default_card_by_week_month_and_all() {
    let scratch = common::scratch("sql", "demo-default");
    let records = demo_file(&scratch);
    for (by, period) in [
        ("agent", "month"),
        ("team", "month"),
        ("agent", "week"),
        ("all", "all"),
    ] {
        let rows = check(&case(&records, by, period), &scratch);
        assert!(count(&rows, "total", Value::is_number) > 0);
    }
}

#[test]
fn a_typed_table_gives_the_same_numbers_as_its_text() {
    // As a warehouse or Parquet table has them: timestamps, booleans and integers, which the
    // query casts to text and reads as the engine reads the CSV.
    let scratch = common::scratch("sql", "typed");
    let records = demo_file(&scratch);
    let history = fixture("history.json");
    check(
        &Case {
            scorecard: Some(&history),
            typed: true,
            ..case(&records, "agent", "month")
        },
        &scratch,
    );
}

#[test]
fn odd_values_are_read_and_bad_rows_dropped_as_the_readers_do() {
    let scratch = common::scratch("sql", "odd-values");
    let records = fixture("tricky.csv");
    let mapping = fixture("tricky_mapping.json");
    let history = fixture("history.json");
    for (by, period) in [("agent", "month"), ("team", "day"), ("all", "quarter")] {
        let rows = check(
            &Case {
                mapping: Some(&mapping),
                scorecard: Some(&history),
                ..case(&records, by, period)
            },
            &scratch,
        );
        // 38 rows, of which the readers reject 22.
        let kept: f64 = rows
            .iter()
            .map(|row| row["records"].as_f64().unwrap())
            .sum();
        assert_eq!(kept, 16.0, "{by} {period}");
    }
}

#[test]
fn metrics_only_stops_after_the_measures() {
    let scratch = common::scratch("sql", "metrics-only");
    let records = pwc_file();
    let mapping = fixture("pwc_mapping.json");
    let rows = check(
        &Case {
            mapping: Some(&mapping),
            metrics_only: true,
            ..case(&records, "agent", "quarter")
        },
        &scratch,
    );
    assert!(rows.iter().all(|row| !row.contains_key("total")));
}

#[test]
fn a_datetime_format_is_refused_by_name() {
    let scratch = common::scratch("sql", "refused");
    let mapping = scratch.join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"columns": {"agent": "A", "opened_at": "T"}, "datetime_format": "%d.%m.%Y %H.%M"}"#,
    )
    .unwrap();
    let output = common::carescore(&[
        "sql",
        "--table",
        "contacts",
        "--mapping",
        &mapping.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = common::stderr(&output);
    assert!(message.contains("not supported in SQL"), "{message}");
    assert!(message.contains("datetime_format"), "{message}");
}
