//! Tables for people who live in Excel: scorecards and score results as plain rows, written
//! as CSV (any build) or as an `.xlsx` workbook (the `xlsx` feature).
//!
//! Headers are English identifiers (`total`, `fcr_rate_score`); the UI may translate them.
//! Cells keep numbers as numbers, so a spreadsheet can sort and sum them.
//!
//! Names and comments come from untrusted files: a text cell starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return would be run as a formula when a CSV is opened in Excel
//! ("CSV injection"), so [`table_to_csv`] puts an apostrophe before it, as OWASP advises.
//! The workbook writer stores every text as a text cell, which Excel never evaluates, so it
//! writes texts unchanged (see [`xlsx`]).

mod builders;
#[cfg(feature = "xlsx-write")]
pub mod xlsx;

pub use builders::{results_table, scorecard_table};
#[cfg(feature = "xlsx-write")]
pub use xlsx::tables_to_xlsx;

/// One sheet of output: a title (the sheet name in a workbook), a header row, data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    /// Each row as long as `headers` (shorter rows are padded with empty cells).
    pub rows: Vec<Vec<Cell>>,
}

/// One value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// NaN and infinities are written as empty cells.
    Number(f64),
    Int(i64),
    Empty,
}

impl Cell {
    /// A number, or an empty cell for `None`.
    pub fn number(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }

    /// The text a CSV holds for this cell, before any formula guard.
    fn plain_text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(value) if value.is_finite() => value.to_string(),
            Cell::Int(value) => value.to_string(),
            Cell::Number(_) | Cell::Empty => String::new(),
        }
    }
}

/// The UTF-8 byte order mark: without it Excel opens a UTF-8 CSV in the system's legacy
/// code page, and Chinese names turn to mojibake.
pub const UTF8_BOM: &str = "\u{feff}";

/// Whether Excel would read `text`, typed into a cell, as a formula.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `text` made safe to open in Excel (see the module documentation): every CSV writer of
/// names (this one, the CLI's stdout) goes through it.
pub fn guard_formula(text: String) -> String {
    if looks_like_formula(&text) {
        format!("'{text}")
    } else {
        text
    }
}

/// The table as CSV for Excel: a BOM, the header row, then the rows (comma-separated,
/// quoted where needed, `\n` line ends). Texts that Excel would run as formulas get a
/// leading apostrophe; numbers are written in their shortest exact form.
pub fn table_to_csv(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(UTF8_BOM.as_bytes().to_vec());
    let write = |writer: &mut csv::Writer<Vec<u8>>, record: Vec<String>| {
        writer
            .write_record(record)
            .expect("writing CSV to memory cannot fail");
    };
    write(
        &mut writer,
        table.headers.iter().cloned().map(guard_formula).collect(),
    );
    for row in &table.rows {
        let mut record: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) => guard_formula(text.clone()),
                other => other.plain_text(),
            })
            .collect();
        if record.len() < table.headers.len() {
            record.resize(table.headers.len(), String::new());
        }
        write(&mut writer, record);
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("the CSV writer keeps UTF-8 text whole")
}

#[cfg(test)]
mod tests;
