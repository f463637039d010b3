//! The two sides of the SQL tests: the engine's metrics and scores of a file, and the rows
//! DuckDB returns for `carescore sql` over the same file; and their comparison.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use carescore_engine::ingest::{self, InputFormat, Mapping};
use carescore_engine::metrics::{compute, GroupBy};
use carescore_engine::period::PeriodKind;
use carescore_engine::scorecard::defaults::default_scorecard;
use carescore_engine::scorecard::{Scorecard, ScorecardHistory};
use carescore_engine::scoring::score_table;
use carescore_engine::sql::metric_defs;
use serde_json::{json, Value};

/// One output row: column -> value (`null` for N/A).
pub type Row = BTreeMap<String, Value>;

/// Relative tolerance between the engine's numbers and the SQL's.
const TOLERANCE: f64 = 1e-9;

/// A file, how to read it, and how to group and score it.
pub struct Case<'a> {
    pub records: &'a Path,
    pub mapping: Option<&'a Path>,
    pub scorecard: Option<&'a Path>,
    pub by: &'a str,
    pub period: &'a str,
    pub metrics_only: bool,
    /// DuckDB reads the file with the column types it detects, not as text.
    pub typed: bool,
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sql")
        .join(name)
}

/// The PwC call-centre file beside the clone (never copied into the repository).
pub fn pwc_file() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/pwc_call_center/Call-Center-Dataset.csv");
    assert!(
        path.exists(),
        "{} is missing: the tests read ../shared/data beside the clone",
        path.display()
    );
    path
}

fn history(scorecard: Option<&Path>) -> ScorecardHistory {
    let Some(path) = scorecard else {
        return ScorecardHistory::single(default_scorecard(), "CareScore default scheme");
    };
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let history = if value.get("versions").is_some() {
        serde_json::from_value(value).unwrap()
    } else {
        ScorecardHistory::single(serde_json::from_value::<Scorecard>(value).unwrap(), "file")
    };
    history.validated().unwrap()
}

fn number(value: Option<f64>) -> Value {
    value.map_or(Value::Null, |v| json!(v))
}

/// The engine's rows for a case, keyed as the SQL names its columns.
pub fn engine_rows(case: &Case) -> Vec<Row> {
    let bytes = std::fs::read(case.records).unwrap();
    let text = ingest::decode_to_utf8(&bytes).unwrap();
    let mapping = case
        .mapping
        .map(|path| Mapping::from_json(&std::fs::read_to_string(path).unwrap()).unwrap());
    let result = ingest::read(InputFormat::Csv, &text, mapping.as_ref()).unwrap();
    let history = history(case.scorecard);
    let by = GroupBy::parse(case.by).unwrap();
    let period = PeriodKind::parse(case.period).unwrap();
    let table = compute(&result.store, &metric_defs(&history), by, period);
    let (scheme, board) = score_table(&table, &history).unwrap();
    let mut rows = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let mut out = Row::new();
        out.insert("group".into(), json!(row.group));
        out.insert(
            "team".into(),
            row.team.as_ref().map_or(Value::Null, |t| json!(t)),
        );
        out.insert("period".into(), json!(row.period));
        out.insert("records".into(), json!(row.records));
        for (id, measure) in table.metric_ids.iter().zip(&row.values) {
            out.insert(id.clone(), number(measure.value));
        }
        if !case.metrics_only {
            let score = &board.rows[index];
            let card = &scheme.history().versions[score.version as usize].scorecard;
            out.insert("version".into(), json!(score.version));
            let cells = board.metrics(index);
            let ids = card
                .dimensions
                .iter()
                .flat_map(|d| d.metrics.iter().map(move |m| (&d.id, &m.metric_id)));
            for ((dim, metric), cell) in ids.zip(cells) {
                out.insert(format!("score__{dim}__{metric}"), number(cell.score));
            }
            for (dim, cell) in card.dimensions.iter().zip(board.dimensions(index)) {
                out.insert(format!("dimension__{}", dim.id), number(cell.score));
            }
            out.insert("uncapped_total".into(), number(score.uncapped_total));
            out.insert("total".into(), number(score.total));
            out.insert(
                "grade".into(),
                score.grade.map_or(Value::Null, |g| json!(g.id())),
            );
            out.insert("rank".into(), score.rank.map_or(Value::Null, |r| json!(r)));
        }
        rows.push(out);
    }
    rows
}

/// The rows of `carescore sql --dialect duckdb` run by DuckDB over the case's file.
pub fn duckdb_rows(case: &Case, scratch: &Path) -> Vec<Row> {
    let mut args = vec!["sql", "--dialect", "duckdb", "--table", "contacts"];
    args.extend(["--by", case.by, "--period", case.period]);
    let paths: Vec<String> = [case.mapping, case.scorecard]
        .iter()
        .map(|p| p.map(|p| p.display().to_string()).unwrap_or_default())
        .collect();
    if case.mapping.is_some() {
        args.extend(["--mapping", &paths[0]]);
    }
    if case.scorecard.is_some() {
        args.extend(["--scorecard", &paths[1]]);
    }
    if case.metrics_only {
        args.push("--metrics-only");
    }
    let generated = super::common::carescore(&args);
    assert!(
        generated.status.success(),
        "carescore sql failed: {}",
        super::common::stderr(&generated)
    );
    let query = scratch.join(format!("{}-{}.sql", case.by, case.period));
    std::fs::write(&query, &generated.stdout).unwrap();
    let output = Command::new("python3")
        .arg(fixture("run_duckdb.py"))
        .arg(case.records)
        .arg(&query)
        .args(case.typed.then_some("--typed"))
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.code() != Some(3),
        "DuckDB is needed for this test and is missing: {stderr}"
    );
    assert!(
        output.status.success(),
        "DuckDB failed on {}: {stderr}",
        query.display()
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn same(expected: &Value, actual: &Value) -> bool {
    match (expected.as_f64(), actual.as_f64()) {
        (Some(e), Some(a)) => (e - a).abs() <= TOLERANCE * e.abs().max(a.abs()).max(1e-300),
        _ => expected == actual,
    }
}

/// Every row and column equal (numbers within [`TOLERANCE`], N/A as NULL); a SQL column the
/// engine has no value for (a score of another version's card) must be NULL.
pub fn assert_same(expected: &[Row], actual: &[Row]) {
    let key = |row: &Row| (row["group"].clone().to_string(), row["period"].to_string());
    let actual: BTreeMap<_, &Row> = actual.iter().map(|row| (key(row), row)).collect();
    assert_eq!(expected.len(), actual.len(), "row counts differ");
    let mut compared = 0;
    for row in expected {
        let sql = actual
            .get(&key(row))
            .unwrap_or_else(|| panic!("SQL has no row for {:?}", key(row)));
        for (column, value) in *sql {
            let wanted = row.get(column).unwrap_or(&Value::Null);
            assert!(
                same(wanted, value),
                "{:?} {column}: engine {wanted}, SQL {value}",
                key(row)
            );
            compared += 1;
        }
        for column in row.keys() {
            assert!(sql.contains_key(column), "SQL lacks column {column}");
        }
    }
    assert!(compared > expected.len() * 10, "too little was compared");
}

/// Generates, runs and compares one case.
pub fn check(case: &Case, scratch: &Path) -> Vec<Row> {
    let expected = engine_rows(case);
    assert!(!expected.is_empty(), "the engine measured nothing");
    assert_same(&expected, &duckdb_rows(case, scratch));
    expected
}
