//! `carescore sql`: prints one SQL query (DuckDB or Spark) that computes, from a table of
//! contact records, the same metrics and scores as `carescore metrics` and `carescore
//! score`. The query is written by `carescore_engine::sql`; this file reads the options,
//! the scorecard and the mapping.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::args;

use carescore_engine::ingest::Mapping;
use carescore_engine::metrics::GroupBy;
use carescore_engine::period::PeriodKind;
use carescore_engine::scorecard::defaults::default_scorecard;
use carescore_engine::scorecard::{Scorecard, ScorecardHistory};
use carescore_engine::sql::{generate, Dialect, SqlRequest};

const HELP: &str = "usage: carescore sql --table NAME [--dialect duckdb|spark] \
[--scorecard CARD.json] [--mapping MAP.json] [--by agent|team|all] \
[--period all|day|week|month|quarter] [--metrics-only]

Prints one SQL query computing the metrics (and, unless --metrics-only, the metric,
dimension and total scores and grades) from a table whose columns are the mapping's
source headers (without --mapping: the canonical columns of `carescore demo`).

  --table NAME       the table, written after FROM as given (a qualified name, or in
                     DuckDB a table function such as read_parquet('contacts.parquet'))
  --dialect          duckdb (default) or spark
  --scorecard FILE   a scorecard or a scorecard history (JSON); the default card if omitted
  --mapping FILE     JSON mapping of the table's columns to canonical fields
  --by               agent (default), team or all
  --period           month (default), all, day, week or quarter
  --metrics-only     stop after the metrics: no scores";

struct Options {
    dialect: Dialect,
    table: String,
    scorecard: Option<PathBuf>,
    mapping: Option<PathBuf>,
    by: GroupBy,
    period: PeriodKind,
    metrics_only: bool,
}

/// Runs the command; the error is the one-line message for stderr.
pub fn run(args: Vec<OsString>) -> Result<(), String> {
    let Some(options) = parse_args(args)? else {
        println!("{HELP}");
        return Ok(());
    };
    let history = match &options.scorecard {
        Some(path) => read_scheme(path)?,
        None => ScorecardHistory::single(default_scorecard(), "CareScore default scheme"),
    };
    let mapping = options.mapping.as_deref().map(read_mapping).transpose()?;
    let request = SqlRequest {
        dialect: options.dialect,
        table: options.table,
        by: options.by,
        period: options.period,
        metrics_only: options.metrics_only,
    };
    let sql = generate(&history, mapping.as_ref(), &request).map_err(|error| {
        let source = options
            .mapping
            .as_ref()
            .or(options.scorecard.as_ref())
            .map_or(String::new(), |path| format!("{}: ", path.display()));
        format!("sql: {source}{error}")
    })?;
    print!("{sql}");
    Ok(())
}

fn read_mapping(path: &Path) -> Result<Mapping, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("{name}: cannot read the mapping: {error}"))?;
    Mapping::from_json(&text).map_err(|error| format!("{name}: {error}"))
}

/// A scorecard file: a history (has `versions`) or a single card, validated.
fn read_scheme(path: &Path) -> Result<ScorecardHistory, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("{name}: cannot read the scorecard: {error}"))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| format!("{name}: not JSON: {error}"))?;
    let history = if value.get("versions").is_some() {
        serde_json::from_value::<ScorecardHistory>(value)
            .map_err(|error| format!("{name}: bad scorecard history: {error}"))?
    } else {
        let card = serde_json::from_value::<Scorecard>(value)
            .map_err(|error| format!("{name}: bad scorecard: {error}"))?;
        ScorecardHistory::single(card, "scorecard file")
    };
    history
        .validated()
        .map_err(|error| format!("{name}: {error}"))
}

/// `None` when help was asked for.
fn parse_args(args: Vec<OsString>) -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut options = Options {
        dialect: Dialect::DuckDb,
        table: String::new(),
        scorecard: None,
        mapping: None,
        by: GroupBy::Agent,
        period: PeriodKind::Month,
        metrics_only: false,
    };
    while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
        match arg {
            Long("table") | Short('t') => options.table = args::text(&mut parser, "--table")?,
            Long("dialect") => {
                let value = args::text(&mut parser, "--dialect")?;
                options.dialect = Dialect::parse(&value)
                    .ok_or_else(|| format!("--dialect must be duckdb or spark, not {value:?}"))?;
            }
            Long("scorecard") | Short('s') => options.scorecard = Some(args::path(&mut parser)?),
            Long("mapping") | Short('m') => options.mapping = Some(args::path(&mut parser)?),
            Long("by") => options.by = args::group_by(&mut parser)?,
            Long("period") => options.period = args::period(&mut parser)?,
            Long("metrics-only") => options.metrics_only = true,
            Long("help") | Short('h') => return Ok(None),
            other => return Err(format!("sql: {}", other.unexpected())),
        }
    }
    if options.table.trim().is_empty() {
        return Err("sql: --table NAME is required (see carescore sql --help)".to_string());
    }
    Ok(Some(options))
}
