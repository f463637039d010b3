//! `carescore metrics`: the standard metrics of a contact-record file, per group and period.
//!
//! JSON output: `{"groups":[{"group":"Ann","period":"2021-01","metrics":{"contacts":12,
//! ...}}],"rejected_rows":[{"row":3,"field":"csat","reason":"..."}]}`; groups sorted by
//! name then period, every standard metric present in the standard order (null when N/A).
//! CSV output: `group,period,<metric ids...>`, empty cells for N/A; rejected rows are then
//! listed on stderr.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::args;

use carescore_engine::export::guard_formula;
use carescore_engine::ingest::RejectedRow;
use carescore_engine::measure::MeasureTable;
use carescore_engine::metrics::{compute, standard::definitions, GroupBy};
use carescore_engine::period::PeriodKind;

const HELP: &str = "usage: carescore metrics --input FILE [--sheet NAME] [--mapping MAP.json] \
[--by agent|team|all] [--period all|day|week|month|quarter] [--format json|csv]

  --input FILE     contact records, .csv, .json or an Excel .xlsx/.xlsm workbook (format
                   by extension), or a review file (recognised by its content: its
                   records, less those of accepted appeals)
  --sheet NAME     the workbook's sheet to read (default: the first)
  --mapping FILE   JSON mapping of the file's headers to canonical fields
  --by             group rows by agent (default), team or all
  --period         all (default), day, week, month or quarter
  --format         json (default) or csv";

#[derive(Clone, Copy, PartialEq)]
enum OutputFormat {
    Json,
    Csv,
}

struct Options {
    input: PathBuf,
    mapping: Option<PathBuf>,
    sheet: Option<String>,
    by: GroupBy,
    period: PeriodKind,
    format: OutputFormat,
}

/// Runs the command; the error is the one-line message for stderr.
pub fn run(args: Vec<OsString>) -> Result<(), String> {
    let Some(options) = parse_args(args)? else {
        println!("{HELP}");
        return Ok(());
    };
    let input_name = options.input.display().to_string();
    let result = crate::input::load_records(
        &options.input,
        options.mapping.as_deref(),
        options.sheet.as_deref(),
    )?
    .result;
    let table = compute(&result.store, &definitions(), options.by, options.period);

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match options.format {
        OutputFormat::Json => write_json(&mut out, &table, &result.rejected),
        OutputFormat::Csv => {
            for rejected in &result.rejected {
                eprintln!(
                    "{input_name}: row {}, field {}: {} (row skipped)",
                    rejected.row, rejected.field, rejected.reason
                );
            }
            write_csv(&mut out, &table)
        }
    };
    written
        .and_then(|()| out.flush())
        .map_err(|error| format!("cannot write the output: {error}"))
}

/// `None` when help was asked for.
fn parse_args(args: Vec<OsString>) -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut input = None;
    let mut mapping = None;
    let mut sheet = None;
    let mut by = GroupBy::Agent;
    let mut period = PeriodKind::All;
    let mut format = OutputFormat::Json;
    while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
        match arg {
            Long("input") | Short('i') => input = Some(args::path(&mut parser)?),
            Long("mapping") | Short('m') => mapping = Some(args::path(&mut parser)?),
            Long("sheet") => sheet = Some(args::text(&mut parser, "--sheet")?),
            Long("by") => by = args::group_by(&mut parser)?,
            Long("period") => period = args::period(&mut parser)?,
            Long("format") => {
                format = match args::text(&mut parser, "--format")?.as_str() {
                    "json" => OutputFormat::Json,
                    "csv" => OutputFormat::Csv,
                    other => return Err(format!("--format must be json or csv, not {other:?}")),
                };
            }
            Long("help") | Short('h') => return Ok(None),
            other => return Err(format!("metrics: {}", other.unexpected())),
        }
    }
    let input = input.ok_or("metrics: --input FILE is required (see carescore metrics --help)")?;
    Ok(Some(Options {
        input,
        mapping,
        sheet,
        by,
        period,
        format,
    }))
}

/// A number as JSON/CSV text: whole numbers without a fraction (`12`, not `12.0`).
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings always serialize")
}

/// Written by hand so metrics keep their standard order (a JSON map would sort them).
fn write_json(
    out: &mut impl Write,
    table: &MeasureTable,
    rejected: &[RejectedRow],
) -> std::io::Result<()> {
    write!(out, "{{\"groups\":[")?;
    for (index, row) in table.rows.iter().enumerate() {
        if index > 0 {
            write!(out, ",")?;
        }
        write!(
            out,
            "{{\"group\":{},\"period\":{},\"metrics\":{{",
            json_string(&row.group),
            json_string(&row.period)
        )?;
        for (column, (id, measure)) in table.metric_ids.iter().zip(&row.values).enumerate() {
            // A value JSON cannot hold (inf, NaN) prints as null, never as bare text.
            let finite = measure.value.filter(|value| value.is_finite());
            let value = finite.map_or("null".to_string(), number);
            let comma = if column > 0 { "," } else { "" };
            write!(out, "{comma}{}:{value}", json_string(id))?;
        }
        write!(out, "}}}}")?;
    }
    write!(out, "],\"rejected_rows\":")?;
    serde_json::to_writer(&mut *out, rejected)?;
    writeln!(out, "}}")
}

fn write_csv(out: &mut impl Write, table: &MeasureTable) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header = ["group", "period"]
        .into_iter()
        .chain(table.metric_ids.iter().map(String::as_str))
        .map(|text| guard_formula(text.to_string()));
    writer.write_record(header)?;
    for row in &table.rows {
        let values = row.values.iter().map(|measure| {
            let finite = measure.value.filter(|value| value.is_finite());
            finite.map(number).unwrap_or_default()
        });
        writer.write_record(
            // Names come from the file: guarded as `--out x.csv` guards them.
            [row.group.clone(), row.period.clone()]
                .into_iter()
                .map(guard_formula)
                .chain(values),
        )?;
    }
    writer.flush()
}
