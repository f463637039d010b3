//! The metrics and scores of [`crate::metrics`] and [`crate::scoring`] as one SQL query, for
//! a warehouse that keeps the contact records in a table (DuckDB or Spark SQL).
//!
//! The query is a chain of CTEs named after the engine's steps:
//! `trimmed` -> `cells` -> `parts` -> `parsed` -> `records` (the readers: trimming, missing
//! markers, value parsing, rejected rows dropped), `measures` (the metric contract), then,
//! unless only metrics are asked for, `metric_scores` (curves, small samples, the version in
//! force), `dimension_scores` (N/A weight spread within a dimension), `totals` (spread across
//! dimensions, guard-rail caps) and `grades` (thresholds or forced distribution, ranks).
//!
//! # The source table
//! Columns are the mapping's source headers (a list of headers is joined with single
//! spaces, as the readers do); without a mapping, the canonical CSV columns of `carescore
//! demo` (every mappable field but `first_response_at`). Every value is cast to text and
//! parsed as the readers parse a file, so a typed table (Parquet, a warehouse table) gives
//! the same numbers as its CSV export. A row the readers reject (no agent, an unreadable
//! `opened_at`, any unreadable or impossible value) is left out by the `records` filter.
//! A mapping's `datetime_format` is refused: the SQL reads only the common date-time shapes
//! of [`crate::ingest::values::parse_datetime_auto`].
//!
//! # Output
//! One row per (group, period), sorted: `group`, `team` (an agent's most frequent team),
//! `period`, `records`, every metric by id (NULL when N/A), then `version` (index of the
//! scorecard version in force, versions sorted by `effective_from`), `score__<dimension>__
//! <metric>`, `dimension__<dimension>` (columns are the union over versions; NULL where the
//! row's version lacks them), `uncapped_total`, `total`, `grade` and `rank`.

mod dialect;
mod measures;
mod records;
mod scores;
mod source;
mod totals;
mod values;

use crate::ingest::Mapping;
use crate::metric_def::{MetricDef, Source};
use crate::metrics::standard::definitions;
use crate::metrics::GroupBy;
use crate::period::PeriodKind;
use crate::scorecard::ScorecardHistory;

pub use dialect::Dialect;

/// What the query computes and from where.
#[derive(Clone, Debug)]
pub struct SqlRequest {
    pub dialect: Dialect,
    /// Inserted as written after `FROM`: a table name, a qualified name, or (DuckDB) a
    /// table function such as `read_parquet('contacts.parquet')`.
    pub table: String,
    pub by: GroupBy,
    pub period: PeriodKind,
    /// Stop after `measures`: no scores.
    pub metrics_only: bool,
}

/// Why no query can be written.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlError {
    /// A mapping feature the SQL does not reproduce.
    Unsupported(String),
    /// The mapping or scorecard is invalid.
    Invalid(String),
}

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SqlError::Unsupported(what) => write!(f, "not supported in SQL: {what}"),
            SqlError::Invalid(what) => write!(f, "{what}"),
        }
    }
}

impl std::error::Error for SqlError {}

/// One step of the query.
pub(crate) struct Cte {
    pub name: &'static str,
    /// What the step does, written above it.
    pub comment: String,
    pub body: String,
}

/// The standard metrics plus every contact-sourced custom metric of any version (what
/// `carescore score` measures).
pub fn metric_defs(history: &ScorecardHistory) -> Vec<MetricDef> {
    let mut defs = definitions();
    for version in &history.versions {
        for def in &version.scorecard.custom_metrics {
            if def.source == Source::Contacts && !defs.iter().any(|d| d.id == def.id) {
                defs.push(def.clone());
            }
        }
    }
    defs
}

/// Writes the query. `history` is validated here; its versions are sorted by date.
pub fn generate(
    history: &ScorecardHistory,
    mapping: Option<&Mapping>,
    request: &SqlRequest,
) -> Result<String, SqlError> {
    let history = history
        .clone()
        .validated()
        .map_err(|error| SqlError::Invalid(error.to_string()))?;
    let d = request.dialect;
    let (mut ctes, present) = source::ctes(d, &request.table, mapping, request)?;
    let defs = metric_defs(&history);
    ctes.extend(measures::ctes(d, &defs, &present, &history, request));
    let mut columns: Vec<String> = ["group", "team", "period", "records"]
        .iter()
        .map(|c| d.ident(c))
        .collect();
    columns.extend(defs.iter().map(|def| d.ident(&def.id)));
    let last = if request.metrics_only {
        "measures"
    } else {
        ctes.extend(scores::ctes(d, &defs, &history));
        ctes.extend(totals::ctes(d, &history));
        columns.push("version".to_string());
        for (dim, metric) in scores::score_columns(&history) {
            columns.push(d.ident(&scores::score_name(&dim, &metric)));
        }
        for dim in scores::dimension_columns(&history) {
            columns.push(d.ident(&scores::dimension_name(&dim)));
        }
        columns.extend(["uncapped_total", "total", "grade", "rank"].map(String::from));
        "grades"
    };
    Ok(assemble(d, &ctes, last, &columns, request))
}

fn assemble(
    d: Dialect,
    ctes: &[Cte],
    last: &str,
    columns: &[String],
    request: &SqlRequest,
) -> String {
    let mut sql = format!(
        "-- CareScore metrics{} for {}, by {}, period {} ({} dialect).\n-- Generated by \
         `carescore sql`: each CTE is one step of the engine.\nWITH\n",
        if request.metrics_only {
            ""
        } else {
            " and scores"
        },
        request.table,
        request.by.as_str(),
        request.period.as_str(),
        d.as_str()
    );
    for (index, cte) in ctes.iter().enumerate() {
        for line in cte.comment.lines() {
            sql.push_str(&format!("-- {line}\n"));
        }
        let comma = if index + 1 < ctes.len() { "," } else { "" };
        sql.push_str(&format!("{} AS (\n{}\n){comma}\n", cte.name, cte.body));
    }
    sql.push_str(&format!(
        "SELECT\n  {}\nFROM {last}\nORDER BY {}, {};\n",
        columns.join(",\n  "),
        d.ident("group"),
        d.ident("period")
    ));
    sql
}

#[cfg(test)]
mod tests;
