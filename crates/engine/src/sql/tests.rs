use super::*;
use crate::scorecard::defaults::default_history;

fn request(dialect: Dialect) -> SqlRequest {
    SqlRequest {
        dialect,
        table: "contacts".to_string(),
        by: GroupBy::Agent,
        period: PeriodKind::Month,
        metrics_only: false,
    }
}

#[test]
fn the_query_names_every_step_and_metric() {
    for dialect in [Dialect::DuckDb, Dialect::Spark] {
        let sql = generate(&default_history(), None, &request(dialect)).unwrap();
        for step in [
            "trimmed AS (",
            "cells AS (",
            "parts AS (",
            "parsed AS (",
            "records AS (",
            "agent_teams AS (",
            "measures AS (",
            "metric_scores AS (",
            "dimension_scores AS (",
            "totals AS (",
            "ranks AS (",
            "grades AS (",
        ] {
            assert!(sql.contains(step), "{dialect:?} lacks {step}");
        }
        for id in crate::metrics::standard::STANDARD_IDS {
            assert!(sql.contains(&dialect.ident(id)), "{id}");
        }
    }
}

fn mapping(json: &str) -> Mapping {
    Mapping::from_json(json).unwrap()
}

const PWC: &str = r#"{"columns": {"agent": "Agent", "opened_at": ["Date", "Time"],
    "answered": "Answered (Y/N)", "csat": "Satisfaction rating"}}"#;

#[test]
fn percentiles_interpolate_linearly_in_both_dialects() {
    let duck = generate(&default_history(), None, &request(Dialect::DuckDb)).unwrap();
    assert!(duck.contains("quantile_cont("));
    let spark = generate(&default_history(), None, &request(Dialect::Spark)).unwrap();
    assert!(spark.contains("percentile("));
    for sql in [&duck, &spark] {
        assert!(!sql.contains("approx"), "an approximate percentile");
        assert!(!sql.contains("quantile_disc"));
    }
}

#[test]
fn joined_headers_are_quoted_and_joined_with_spaces() {
    let pwc = mapping(PWC);
    let sql = generate(&default_history(), Some(&pwc), &request(Dialect::DuckDb)).unwrap();
    assert!(sql.contains("CAST(\"Date\" AS VARCHAR)"), "{sql}");
    assert!(sql.contains("CAST(\"Answered (Y/N)\" AS VARCHAR)"));
    assert!(sql.contains("concat_ws(' ', "));
    let spark = generate(&default_history(), Some(&pwc), &request(Dialect::Spark)).unwrap();
    assert!(spark.contains("CAST(`Time` AS STRING)"));
}

#[test]
fn metrics_over_fields_the_source_lacks_are_null_not_zero() {
    let pwc = mapping(PWC);
    let sql = generate(&default_history(), Some(&pwc), &request(Dialect::DuckDb)).unwrap();
    for id in [
        "fcr_rate",
        "complaint_rate",
        "resolution_secs_mean",
        "reopen_rate",
    ] {
        assert!(
            sql.contains(&format!("CAST(NULL AS DOUBLE) AS \"{id}\"")),
            "{id} is not N/A"
        );
    }
    // csat is mapped: its mean is measured.
    assert!(!sql.contains("CAST(NULL AS DOUBLE) AS \"csat_mean\""));
}

#[test]
fn unsupported_and_invalid_mappings_are_refused_by_name() {
    let with_format =
        mapping(r#"{"columns": {"agent": "A", "opened_at": "T"}, "datetime_format": "%d.%m.%Y"}"#);
    let error = generate(
        &default_history(),
        Some(&with_format),
        &request(Dialect::Spark),
    );
    match error {
        Err(SqlError::Unsupported(what)) => assert!(what.contains("datetime_format"), "{what}"),
        other => panic!("{other:?}"),
    }
    let no_agent = mapping(r#"{"columns": {"opened_at": "T"}}"#);
    let error = generate(
        &default_history(),
        Some(&no_agent),
        &request(Dialect::DuckDb),
    );
    assert!(
        matches!(error, Err(SqlError::Invalid(ref m)) if m.contains("agent")),
        "{error:?}"
    );
}

#[test]
fn each_period_is_scored_with_the_version_in_force_at_its_start() {
    let mut history = default_history();
    let mut later = history.versions[0].clone();
    later.effective_from = chrono::NaiveDate::from_ymd_opt(2021, 2, 1).unwrap();
    later.scorecard.dimensions[0].weight = 80.0;
    history.versions.push(later);
    let sql = generate(&history, None, &request(Dialect::DuckDb)).unwrap();
    assert!(
        sql.contains(
            "(CASE WHEN period_start IS NULL THEN 1 WHEN period_start >= DATE '2021-02-01' \
             THEN 1 ELSE 0 END)"
        ),
        "{sql}"
    );
    assert!(sql.contains("(CASE version WHEN 0 THEN"));
}

#[test]
fn metrics_only_stops_after_the_measures_and_labels_periods() {
    let week = SqlRequest {
        metrics_only: true,
        period: PeriodKind::Week,
        ..request(Dialect::Spark)
    };
    let sql = generate(&default_history(), None, &week).unwrap();
    assert!(!sql.contains("metric_scores"));
    assert!(sql.contains("FROM measures\nORDER BY `group`, `period`;"));
    assert!(sql.contains("printf('%04d-W%02d', extract(YEAROFWEEK FROM "));
}
