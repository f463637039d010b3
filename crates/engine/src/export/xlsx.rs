//! Writing [`Table`]s as one `.xlsx` workbook, one sheet per table, with rust_xlsxwriter.
//!
//! Each sheet has a bold, frozen header row with filter buttons, columns wide enough for
//! their contents (within limits), numbers as numbers, and texts as text cells. Text cells
//! are never evaluated by Excel, so unlike [`super::table_to_csv`] no apostrophe is added:
//! the workbook holds exactly the names from the file (an agent called `-Li` sorts and
//! filters as `-Li`).
//!
//! In the browser, rust_xlsxwriter reads the clock for the workbook's creation date, which
//! `wasm32-unknown-unknown` only has through its `wasm` feature (js-sys): the web crate,
//! not this engine, must enable `rust_xlsxwriter/wasm`.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Table};

/// Excel's longest sheet name, in characters.
const MAX_SHEET_NAME: usize = 31;
/// Column widths, in characters of the default font.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;
/// Rows looked at to size a column: enough to see typical values, bounded for big tables.
const WIDTH_SAMPLE_ROWS: usize = 1000;

/// The tables as an `.xlsx` file, one sheet per table named after its title (made valid
/// and unique, see [`sheet_names`]). An error (no tables, a table past Excel's 1,048,576
/// rows or 16,384 columns) is a plain-English message.
pub fn tables_to_xlsx(tables: &[Table]) -> Result<Vec<u8>, String> {
    if tables.is_empty() {
        return Err("there is nothing to export".to_string());
    }
    let titles: Vec<&str> = tables.iter().map(|table| table.title.as_str()).collect();
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    for (table, name) in tables.iter().zip(sheet_names(&titles)) {
        let sheet = book.add_worksheet();
        sheet.set_name(&name).map_err(|e| describe(&name, e))?;
        write_table(sheet, table, &header).map_err(|e| describe(&name, e))?;
    }
    book.save_to_buffer()
        .map_err(|error| format!("the workbook cannot be written: {error}"))
}

fn describe(sheet: &str, error: XlsxError) -> String {
    format!("sheet \"{sheet}\" cannot be written: {error}")
}

fn write_table(sheet: &mut Worksheet, table: &Table, header: &Format) -> Result<(), XlsxError> {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(table.headers.len());
    if columns > usize::from(u16::MAX) {
        return Err(XlsxError::RowColumnLimitError);
    }
    for (col, text) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, text, header)?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let row_number = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(row_number, col, text)?;
                }
                Cell::Number(value) if value.is_finite() => {
                    sheet.write_number(row_number, col, *value)?;
                }
                Cell::Int(value) => {
                    sheet.write_number(row_number, col, *value as f64)?;
                }
                Cell::Number(_) | Cell::Empty => {}
            }
        }
    }
    if columns > 0 {
        let last_col = (columns - 1) as u16;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
        for (col, width) in column_widths(table, columns).into_iter().enumerate() {
            sheet.set_column_width(col as u16, width as f64)?;
        }
    }
    Ok(())
}

/// Display width of a text: wide (CJK) characters take two columns.
fn text_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Each column's width: its widest header or sampled cell, plus room for the filter button.
fn column_widths(table: &Table, columns: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = (0..columns)
        .map(|col| table.headers.get(col).map_or(0, |h| text_width(h)) + 3)
        .collect();
    for row in table.rows.iter().take(WIDTH_SAMPLE_ROWS) {
        for (col, cell) in row.iter().enumerate() {
            let width = match cell {
                Cell::Text(text) => text_width(text),
                // Excel's General format shows at most 11 characters of a number.
                Cell::Number(_) | Cell::Int(_) => cell.plain_text().len().min(11),
                Cell::Empty => 0,
            } + 1;
            widths[col] = widths[col].max(width);
        }
    }
    widths
        .into_iter()
        .map(|width| width.clamp(MIN_WIDTH, MAX_WIDTH))
        .collect()
}

/// Valid, distinct sheet names for `titles`, by Excel's rules: 1 to 31 characters, none of
/// `[ ] : * ? / \` (each becomes `_`), not starting or ending with an apostrophe, not the
/// reserved `History`, unique without regard to case (later ones get ` (2)`, ` (3)`...).
/// An empty title becomes `Sheet<n>`.
pub fn sheet_names(titles: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(titles.len());
    for (index, title) in titles.iter().enumerate() {
        let cleaned: String = title
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let cleaned = cleaned.trim().trim_matches('\'').trim();
        let mut base: String = cleaned.chars().take(MAX_SHEET_NAME).collect();
        base = base.trim_end().trim_end_matches('\'').to_string();
        if base.is_empty() {
            base = format!("Sheet{}", index + 1);
        }
        if base.eq_ignore_ascii_case("history") {
            base.push('_');
        }
        let taken = |name: &str| {
            names
                .iter()
                .any(|n| n.to_lowercase() == name.to_lowercase())
        };
        let mut name = base.clone();
        let mut copy = 2;
        while taken(&name) {
            let suffix = format!(" ({copy})");
            let room = MAX_SHEET_NAME - suffix.chars().count();
            let stem: String = base.chars().take(room).collect();
            name = format!("{}{suffix}", stem.trim_end_matches('\''));
            copy += 1;
        }
        names.push(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel_rules() {
        let long = "A very long title for a sheet that Excel would refuse";
        let names = sheet_names(&[
            "Scores 2024/03: [team]?",
            "",
            "history",
            long,
            long,
            "scores 2024_03_ _team__",
            "'quoted'",
            "客服成绩",
        ]);
        assert_eq!(
            names,
            [
                "Scores 2024_03_ _team__",
                "Sheet2",
                "history_",
                "A very long title for a sheet t",
                "A very long title for a she (2)",
                "scores 2024_03_ _team__ (2)",
                "quoted",
                "客服成绩",
            ]
        );
        for name in &names {
            assert!(name.chars().count() <= MAX_SHEET_NAME, "{name}");
        }
    }

    #[test]
    fn no_tables_is_an_error() {
        assert_eq!(
            tables_to_xlsx(&[]).unwrap_err(),
            "there is nothing to export"
        );
    }

    #[test]
    fn widths_count_wide_characters_twice() {
        assert_eq!(text_width("ab"), 2);
        assert_eq!(text_width("王芳"), 4);
    }
}
