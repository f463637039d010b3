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
