//! `metric_scores` (the version in force, curves, small samples) and `dimension_scores`
//! (N/A metric weight spread within each dimension), as `scoring::compute` scores a row.

use crate::metric_def::{Direction, MetricDef};
use crate::scorecard::{Curve, Scorecard, ScorecardHistory, ScorecardMetric, SmallSamplePolicy};

use super::dialect::{double, Dialect};
use super::measures::sample_name;
use super::Cte;

/// The column of a card metric's score.
pub(crate) fn score_name(dimension: &str, metric: &str) -> String {
    format!("score__{dimension}__{metric}")
}

/// The column of a dimension's score.
pub(crate) fn dimension_name(dimension: &str) -> String {
    format!("dimension__{dimension}")
}

/// Score columns over every version, in order of first appearance: (dimension, metric).
pub(crate) fn score_columns(history: &ScorecardHistory) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String)> = Vec::new();
    for version in &history.versions {
        for dim in &version.scorecard.dimensions {
            for metric in &dim.metrics {
                let key = (dim.id.clone(), metric.metric_id.clone());
                if !columns.contains(&key) {
                    columns.push(key);
                }
            }
        }
    }
    columns
}

/// Dimension ids over every version, in order of first appearance.
pub(crate) fn dimension_columns(history: &ScorecardHistory) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for version in &history.versions {
        for dim in &version.scorecard.dimensions {
            if !columns.contains(&dim.id) {
                columns.push(dim.id.clone());
            }
        }
    }
    columns
}

/// One expression per version, chosen by the row's `version` (versions sorted by date);
/// NULL for a version without one.
pub(crate) fn by_version(
    history: &ScorecardHistory,
    each: impl Fn(&Scorecard) -> Option<String>,
) -> String {
    let parts: Vec<(usize, String)> = history
        .versions
        .iter()
        .enumerate()
        .filter_map(|(index, version)| each(&version.scorecard).map(|sql| (index, sql)))
        .collect();
    if history.versions.len() == 1 {
        return parts
            .into_iter()
            .next()
            .map_or("CAST(NULL AS DOUBLE)".to_string(), |(_, sql)| sql);
    }
    let whens: String = parts
        .iter()
        .map(|(index, sql)| format!(" WHEN {index} THEN {sql}"))
        .collect();
    format!("(CASE version{whens} END)")
}

/// The version in force at the period's start (the latest effective on or before it, else
/// the earliest); the whole-data period `all` has no start and takes the latest.
fn version_expr(history: &ScorecardHistory) -> String {
    let last = history.versions.len() - 1;
    let mut sql = format!("(CASE WHEN period_start IS NULL THEN {last}");
    for (index, version) in history.versions.iter().enumerate().skip(1).rev() {
        sql.push_str(&format!(
            " WHEN period_start >= DATE '{}' THEN {index}",
            version.effective_from.format("%Y-%m-%d")
        ));
    }
    sql.push_str(" ELSE 0 END)");
    sql
}

/// A value's 0-100 score on a card metric's curve; NULL for a NULL value.
fn curve_score(value: &str, metric: &ScorecardMetric, direction: Direction) -> String {
    let (floor, target) = (metric.floor, metric.target);
    match &metric.curve {
        Curve::Linear if floor == target => format!(
            "(CASE WHEN {value} IS NULL THEN NULL WHEN {value} = {} THEN 100e0 ELSE 0e0 END)",
            double(target)
        ),
        Curve::Linear => format!(
            "(CASE WHEN {value} IS NULL THEN NULL ELSE LEAST(GREATEST(100e0 * ({value} - {}) * {}, \
             0e0), 100e0) END)",
            double(floor),
            double(1.0 / (target - floor))
        ),
        Curve::Banded { bands } => {
            // Best threshold first: the first band the value reaches is its score.
            let mut sorted: Vec<_> = bands.iter().collect();
            let reaches = match direction {
                Direction::HigherIsBetter => {
                    sorted.sort_by(|a, b| b.threshold.total_cmp(&a.threshold));
                    ">="
                }
                Direction::LowerIsBetter => {
                    sorted.sort_by(|a, b| a.threshold.total_cmp(&b.threshold));
                    "<="
                }
            };
            let whens: String = sorted
                .iter()
                .map(|band| {
                    format!(
                        " WHEN {value} {reaches} {} THEN {}",
                        double(band.threshold),
                        double(band.score)
                    )
                })
                .collect();
            format!("(CASE WHEN {value} IS NULL THEN NULL{whens} ELSE 0e0 END)")
        }
    }
}

/// A card metric's score: its curve over the measure, NULL when N/A, not in the table, or
/// a small sample the card excludes.
pub(crate) fn metric_score(
    d: Dialect,
    card: &Scorecard,
    metric: &ScorecardMetric,
    defs: &[MetricDef],
) -> String {
    if !defs.iter().any(|def| def.id == metric.metric_id) {
        return "CAST(NULL AS DOUBLE)".to_string();
    }
    let direction = card.direction_of(metric).expect("the history is validated");
    let value = d.ident(&metric.metric_id);
    let score = curve_score(&value, metric, direction);
    if card.small_sample == SmallSamplePolicy::Exclude && metric.min_sample > 0 {
        format!(
            "(CASE WHEN {} < {} THEN NULL ELSE {score} END)",
            d.ident(&sample_name(&metric.metric_id)),
            metric.min_sample
        )
    } else {
        score
    }
}

/// `metric_scores` and `dimension_scores`.
pub(crate) fn ctes(d: Dialect, defs: &[MetricDef], history: &ScorecardHistory) -> Vec<Cte> {
    let mut select = vec!["*".to_string()];
    for (dim_id, metric_id) in score_columns(history) {
        let expr = by_version(history, |card| {
            let dim = card.dimensions.iter().find(|x| x.id == dim_id)?;
            let metric = dim.metrics.iter().find(|m| m.metric_id == metric_id)?;
            Some(metric_score(d, card, metric, defs))
        });
        select.push(format!(
            "{expr} AS {}",
            d.ident(&score_name(&dim_id, &metric_id))
        ));
    }
    let metric_scores = Cte {
        name: "metric_scores",
        comment: "The scorecard version in force for each period, and each card metric's \
                  0-100 score: linear from floor (0)\nto target (100), clamped, or the best \
                  band reached; NULL when N/A (or a small sample the card excludes)."
            .to_string(),
        body: format!(
            "  SELECT\n    {}\n  FROM (SELECT *, {} AS version FROM measures) AS versioned",
            select.join(",\n    "),
            version_expr(history)
        ),
    };

    let mut select = vec!["*".to_string()];
    for dim_id in dimension_columns(history) {
        let expr = by_version(history, |card| {
            let dim = card.dimensions.iter().find(|x| x.id == dim_id)?;
            if dim.metrics.is_empty() {
                return Some("CAST(NULL AS DOUBLE)".to_string());
            }
            let score = |m: &ScorecardMetric| d.ident(&score_name(&dim.id, &m.metric_id));
            let weighted: Vec<String> = dim
                .metrics
                .iter()
                .map(|m| {
                    format!(
                        "CASE WHEN {s} IS NULL THEN 0e0 ELSE {} * {s} END",
                        double(m.weight),
                        s = score(m)
                    )
                })
                .collect();
            let counted: Vec<String> = dim
                .metrics
                .iter()
                .map(|m| {
                    format!(
                        "CASE WHEN {} IS NULL THEN 0e0 ELSE {} END",
                        score(m),
                        double(m.weight)
                    )
                })
                .collect();
            Some(format!(
                "((0e0 + {}) / NULLIF(0e0 + {}, 0e0))",
                weighted.join(" + "),
                counted.join(" + ")
            ))
        });
        select.push(format!("{expr} AS {}", d.ident(&dimension_name(&dim_id))));
    }
    let dimension_scores = Cte {
        name: "dimension_scores",
        comment: "Each dimension's score: the weighted mean of its metrics that have a score; \
                  an N/A metric's weight is\nspread over the others in proportion to their \
                  weights. NULL when no metric with weight counted."
            .to_string(),
        body: format!(
            "  SELECT\n    {}\n  FROM metric_scores",
            select.join(",\n    ")
        ),
    };
    vec![metric_scores, dimension_scores]
}
