//! `carescore score`: scores a contact-record file with a scorecard, per group and period.
//!
//! The scorecard file holds either one scorecard or a versioned history
//! (`{"schema_version":1,"versions":[{"effective_from":"2021-02","reason":"...",
//! "scorecard":{...}}]}`); see `carescore_engine::scorecard` for the format, and
//! `carescore score --print-default` for the default card to start from. A review file
//! given as `--input` brings its own history, used unless `--scorecard` is given.
//!
//! JSON output: `{"scores":[<explanation>...],"rejected_rows":[...]}`, one explanation per
//! (group, period) in table order: total, grade, rank, percentile, change, every dimension
//! and metric with value, formula, curve, score and weights, guard rails and notes.
//! CSV output: one line per row with totals and every dimension and metric score.
//! Text output: the plain-English explanations.
//! `--out FILE.xlsx|FILE.csv`: the results table of `carescore_engine::export` (one row per
//! group and period, every dimension and metric) written to a file instead: a workbook with
//! a results sheet and one sheet per scorecard version, or a CSV for Excel (BOM, formula
//! guard).

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::args;

use carescore_engine::export::{
    guard_formula, results_table, scorecard_table, table_to_csv, tables_to_xlsx,
};
use carescore_engine::ingest::RejectedRow;
use carescore_engine::metric_def::{MetricDef, Source};
use carescore_engine::metrics::{compute, standard::definitions, GroupBy};
use carescore_engine::period::PeriodKind;
use carescore_engine::scorecard::defaults::default_scorecard;
use carescore_engine::scorecard::ScorecardHistory;
use carescore_engine::scoring::{score_table, Explanation};

const HELP: &str = "usage: carescore score --input FILE [--sheet NAME] [--mapping MAP.json] \
[--scorecard CARD.json] [--by agent|team|all] [--period all|day|week|month|quarter] \
[--format json|csv|text] [--out FILE.xlsx|FILE.csv]
       carescore score --print-default

  --input FILE       contact records, .csv, .json or an Excel .xlsx/.xlsm workbook
                     (format by extension), or a review file (recognised by its content:
                     its records, less those of accepted appeals, and its scorecard history)
  --sheet NAME       the workbook's sheet to read (default: the first)
  --mapping FILE     JSON mapping of the file's headers to canonical fields
  --scorecard FILE   a scorecard or a scorecard history (JSON); if omitted, the review
                     file's history, else the default card
  --by               score agents (default), teams or the whole centre (all)
  --period           month (default), all, day, week or quarter
  --format           json (default: scores with explanations), csv or text
  --out FILE         write the results table to FILE instead: .xlsx (results and scorecard
                     sheets) or .csv (for Excel)
  --print-default    print the default scorecard as JSON and exit";

#[derive(Clone, Copy, PartialEq)]
enum OutputFormat {
    Json,
    Csv,
    Text,
}

struct Options {
    input: PathBuf,
    mapping: Option<PathBuf>,
    sheet: Option<String>,
    scorecard: Option<PathBuf>,
    by: GroupBy,
    period: PeriodKind,
    format: OutputFormat,
    out: Option<PathBuf>,
}

enum Request {
    Help,
    PrintDefault,
    Score(Options),
}

/// Runs the command; the error is the one-line message for stderr.
pub fn run(args: Vec<OsString>) -> Result<(), String> {
    let options = match parse_args(args)? {
        Request::Help => {
            println!("{HELP}");
            return Ok(());
        }
        Request::PrintDefault => {
            let json = serde_json::to_string_pretty(&default_scorecard())
                .map_err(|error| error.to_string())?;
            println!("{json}");
            return Ok(());
        }
        Request::Score(options) => options,
    };
    let chosen = options.scorecard.as_ref().map(read_scheme).transpose()?;
    let input_name = options.input.display().to_string();
    let loaded = crate::input::load_records(
        &options.input,
        options.mapping.as_deref(),
        options.sheet.as_deref(),
    )?;
    let result = loaded.result;
    // --scorecard wins over a review file's own history; the default card comes last.
    let history = chosen.or(loaded.scorecards).unwrap_or_else(|| {
        ScorecardHistory::single(default_scorecard(), "CareScore default scheme")
    });

    let table = compute(
        &result.store,
        &metric_defs(&history),
        options.by,
        options.period,
    );
    let (scheme, board) = score_table(&table, &history).map_err(|error| error.to_string())?;
    if let Some(out) = &options.out {
        for rejected in &result.rejected {
            eprintln!(
                "{input_name}: row {}, field {}: {} (row skipped)",
                rejected.row, rejected.field, rejected.reason
            );
        }
        let results = results_table("results", options.by, &table, &scheme, &board);
        return write_out(out, results, scheme.history());
    }
    let explanations: Vec<Explanation> = table
        .rows
        .iter()
        .filter_map(|row| scheme.explain(&table, &board, &row.group, &row.period))
        .collect();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if options.format != OutputFormat::Json {
        for rejected in &result.rejected {
            eprintln!(
                "{input_name}: row {}, field {}: {} (row skipped)",
                rejected.row, rejected.field, rejected.reason
            );
        }
    }
    let written = match options.format {
        OutputFormat::Json => write_json(&mut out, &explanations, &result.rejected),
        OutputFormat::Csv => write_csv(&mut out, &explanations),
        OutputFormat::Text => explanations
            .iter()
            .try_for_each(|e| writeln!(out, "{}", e.to_text())),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|error| format!("cannot write the output: {error}"))
}

/// Writes the results table (and, in a workbook, each scorecard version) to `path`.
fn write_out(
    path: &std::path::Path,
    results: carescore_engine::export::Table,
    history: &ScorecardHistory,
) -> Result<(), String> {
    let name = path.display();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let bytes = match extension.as_deref() {
        Some("xlsx") => {
            let mut tables = vec![results];
            for version in &history.versions {
                let mut card = scorecard_table(&version.scorecard);
                card.title = format!("scorecard {}", version.effective_from);
                tables.push(card);
            }
            tables_to_xlsx(&tables).map_err(|error| format!("{name}: {error}"))?
        }
        Some("csv") => table_to_csv(&results).into_bytes(),
        _ => return Err(format!("{name}: --out must name a .xlsx or .csv file")),
    };
    std::fs::write(path, bytes).map_err(|error| format!("{name}: cannot write: {error}"))
}

/// A scorecard file: a history (has `versions`) or a single card.
fn read_scheme(path: &PathBuf) -> Result<ScorecardHistory, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("{name}: cannot read the scorecard: {error}"))?;
    // Through the scorecard's version chain, as the app reads one: a newer card says so.
    carescore_engine::scorecard::migrate::read_json(&text)
        .map_err(|error| format!("{name}: {error}"))
}

/// The standard metrics plus every contact-sourced custom metric of any version.
fn metric_defs(history: &ScorecardHistory) -> Vec<MetricDef> {
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

/// `None` when help was asked for.
fn parse_args(args: Vec<OsString>) -> Result<Request, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut input = None;
    let mut mapping = None;
    let mut sheet = None;
    let mut scorecard = None;
    let mut by = GroupBy::Agent;
    let mut period = PeriodKind::Month;
    let mut format = OutputFormat::Json;
    let mut out = None;
    while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
        match arg {
            Long("input") | Short('i') => input = Some(args::path(&mut parser)?),
            Long("mapping") | Short('m') => mapping = Some(args::path(&mut parser)?),
            Long("sheet") => sheet = Some(args::text(&mut parser, "--sheet")?),
            Long("scorecard") | Short('s') => scorecard = Some(args::path(&mut parser)?),
            Long("by") => by = args::group_by(&mut parser)?,
            Long("period") => period = args::period(&mut parser)?,
            Long("format") => {
                format = match args::text(&mut parser, "--format")?.as_str() {
                    "json" => OutputFormat::Json,
                    "csv" => OutputFormat::Csv,
                    "text" => OutputFormat::Text,
                    other => {
                        return Err(format!("--format must be json, csv or text, not {other:?}"))
                    }
                };
            }
            Long("out") | Short('o') => out = Some(args::path(&mut parser)?),
            Long("print-default") => return Ok(Request::PrintDefault),
            Long("help") | Short('h') => return Ok(Request::Help),
            other => return Err(format!("score: {}", other.unexpected())),
        }
    }
    let input = input.ok_or("score: --input FILE is required (see carescore score --help)")?;
    Ok(Request::Score(Options {
        input,
        mapping,
        sheet,
        scorecard,
        by,
        period,
        format,
        out,
    }))
}

fn write_json(
    out: &mut impl Write,
    explanations: &[Explanation],
    rejected: &[RejectedRow],
) -> std::io::Result<()> {
    let document = serde_json::json!({
        "scores": explanations,
        "rejected_rows": rejected,
    });
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)
}

fn cell(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.2}")).unwrap_or_default()
}

/// One line per row. Dimension and metric columns are the union over scheme versions,
/// in order of first appearance; empty cells are N/A or not on that row's card.
fn write_csv(out: &mut impl Write, explanations: &[Explanation]) -> std::io::Result<()> {
    let mut dimensions: Vec<&str> = Vec::new();
    let mut metrics: Vec<(&str, &str)> = Vec::new();
    for e in explanations {
        for d in &e.dimensions {
            if !dimensions.contains(&d.id.as_str()) {
                dimensions.push(&d.id);
            }
            for m in &d.metrics {
                if !metrics.contains(&(d.id.as_str(), m.metric_id.as_str())) {
                    metrics.push((&d.id, &m.metric_id));
                }
            }
        }
    }
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<String> = [
        "group",
        "team",
        "period",
        "total",
        "uncapped_total",
        "grade",
        "rank",
        "ranked",
        "percentile",
        "change",
        "notes",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(dimensions.iter().map(|d| d.to_string()));
    header.extend(metrics.iter().map(|(d, m)| format!("{d}.{m}")));
    writer.write_record(header.into_iter().map(guard_formula))?;
    for e in explanations {
        // Names come from the file: guarded as `--out x.csv` guards them.
        let mut record = vec![
            guard_formula(e.group.clone()),
            guard_formula(e.team.clone().unwrap_or_default()),
            guard_formula(e.period.clone()),
            cell(e.total),
            cell(e.uncapped_total),
            e.grade.map(|g| g.id().to_string()).unwrap_or_default(),
            e.rank.map(|r| r.to_string()).unwrap_or_default(),
            e.ranked.to_string(),
            cell(e.percentile),
            cell(e.change),
            e.notes.len().to_string(),
        ];
        for id in &dimensions {
            let score = e
                .dimensions
                .iter()
                .find(|d| d.id == *id)
                .and_then(|d| d.score);
            record.push(cell(score));
        }
        for (dim, metric) in &metrics {
            let score = e
                .dimensions
                .iter()
                .find(|d| d.id == *dim)
                .and_then(|d| d.metrics.iter().find(|m| m.metric_id == *metric))
                .and_then(|m| m.score);
            record.push(cell(score));
        }
        writer.write_record(&record)?;
    }
    writer.flush()
}
