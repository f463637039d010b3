//! Reading an Excel workbook (`.xlsx`, `.xlsm`) by turning one sheet into CSV text, so
//! everything after it (preview, mapping, the chunked [`super::CsvIngester`]) reads a
//! spreadsheet exactly like a CSV file and reports the same rejected rows.
//!
//! Cells become the text a person sees in Excel, in the shapes [`super::values`] reads:
//! strings as they are; whole numbers without `.0`, other numbers in their shortest exact
//! form; booleans `true`/`false`; dates `YYYY-MM-DD`, date-times `YYYY-MM-DD HH:MM:SS`;
//! times of day and durations `h:mm:ss` (hours past 24 for long durations); error cells as
//! their code (`#DIV/0!`, and `#SPILL!` or `#CALC!` through [`error_cells`]), which the reader
//! then rejects with the row and field; date serials Excel cannot show are rejected alike.
//!
//! The CSV starts at the sheet's first non-empty row, which is taken as the header; its
//! sheet row is [`SheetCsv::header_row`], so a UI can turn the reader's row numbers (header
//! = 1) back into sheet rows. Empty rows inside the data stay in (as empty cells), so the
//! numbering never drifts; empty rows at the end are dropped.
//!
//! The sheet is streamed cell by cell (never as calamine's dense range, which a few KB can
//! size at gigabytes) and bounded by [`limits`]: a malformed reference, an extent past
//! 1,048,576 rows × 64 columns' worth of cells or more than 512 MB of text is refused with
//! the sheet's name and the limit.
//!
//! Only the `xlsx` feature builds this (calamine is a large dependency for the browser).
//! Legacy `.xls` files (and password-protected workbooks, which are the same kind of
//! container) are refused with advice to save as `.xlsx` or CSV.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Reader, SheetType, Xlsx, XlsxError};

use super::IngestError;

/// One sheet as CSV text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetCsv {
    /// The sheet's name as the workbook gives it.
    pub sheet: String,
    /// UTF-8 CSV (comma-separated, quoted where needed), header first.
    pub csv: Vec<u8>,
    /// The 1-based sheet row of the header: CSV row `n` (header = 1) is sheet row
    /// `n + header_row - 1`.
    pub header_row: usize,
}

/// The names of the workbook's worksheets, in tab order (chart sheets left out).
pub fn xlsx_sheet_names(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let workbook = open(bytes)?;
    Ok(worksheet_names(&workbook))
}

/// The sheet named `sheet` (the first worksheet when `None`) as CSV.
pub fn xlsx_sheet_to_csv(bytes: &[u8], sheet: Option<&str>) -> Result<SheetCsv, IngestError> {
    let mut workbook = open(bytes)?;
    let names = worksheet_names(&workbook);
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|name| name.as_str() == wanted)
            .ok_or_else(|| {
                bad_file(format!(
                    "the workbook has no sheet \"{wanted}\" (its sheets: {})",
                    quoted_list(&names)
                ))
            })?
            .clone(),
        None => names
            .first()
            .ok_or_else(|| bad_file("the workbook has no worksheet"))?
            .clone(),
    };
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(|error| {
        bad_file(format!(
            "sheet \"{name}\" cannot be read; the workbook may be damaged ({error})"
        ))
    })?;
    let cells = limits::read_cells(bytes, &name, &mut reader)?;
    // Rows whose cells are all blank at the end are dropped; the extent is what is left.
    let Some(last) = cells
        .iter()
        .rposition(|(_, _, text)| !text.trim().is_empty())
    else {
        return Err(empty_sheet(&name));
    };
    let cells = &cells[..=last];
    let last_row = cells[last].0;
    let first_row = cells[0].0;
    let first_col = cells.iter().map(|cell| cell.1).min().unwrap_or(0);
    let last_col = cells.iter().map(|cell| cell.1).max().unwrap_or(0);
    limits::check_extent(&name, (first_row, last_row), (first_col, last_col))?;
    let csv = grid_csv(cells, first_row..=last_row, first_col, last_col);
    Ok(SheetCsv {
        sheet: name,
        csv,
        header_row: first_row as usize + 1,
    })
}

/// The cells (sorted by row and column) as CSV rows, each from `first_col` to `last_col`.
fn grid_csv(
    cells: &[limits::SheetCell],
    rows: std::ops::RangeInclusive<u32>,
    first_col: u32,
    last_col: u32,
) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let width = (last_col - first_col + 1) as usize;
    let mut texts: Vec<&str> = Vec::with_capacity(width);
    let mut next = cells.iter().peekable();
    for row in rows {
        texts.clear();
        texts.resize(width, "");
        while let Some((_, col, text)) = next.next_if(|cell| cell.0 == row) {
            texts[(col - first_col) as usize] = text;
        }
        writer
            .write_record(&texts)
            .expect("writing CSV to memory cannot fail");
    }
    writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail")
}

fn bad_file(message: impl Into<String>) -> IngestError {
    IngestError::BadFile(message.into())
}

fn empty_sheet(name: &str) -> IngestError {
    bad_file(format!("sheet \"{name}\" is empty: there is no header row"))
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Opens the workbook, telling the common wrong files apart for the message.
fn open(bytes: &[u8]) -> Result<Xlsx<Cursor<&[u8]>>, IngestError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.is_empty() {
        return Err(bad_file("the file is empty (0 bytes)"));
    }
    if bytes.starts_with(OLE) {
        return Err(bad_file(
            "this is an old Excel .xls workbook or a password-protected one, which CareScore \
             cannot read: open it in Excel and save it as .xlsx (without a password) or CSV",
        ));
    }
    if !bytes.starts_with(ZIP) {
        return Err(bad_file(
            "this file is not an Excel .xlsx workbook (those are zip archives); if it is a CSV \
             or text file, give it a .csv name",
        ));
    }
    limits::check_parts(bytes)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|error| match error {
        XlsxError::Zip(_) => bad_file(format!(
            "the workbook cannot be opened: it is damaged or cut short ({error})"
        )),
        XlsxError::FileNotFound(_) => bad_file(format!(
            "this zip archive is not an Excel workbook ({error})"
        )),
        other => bad_file(format!(
            "the workbook cannot be opened; it may be damaged ({other})"
        )),
    })
}

fn worksheet_names(workbook: &Xlsx<Cursor<&[u8]>>) -> Vec<String> {
    workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect()
}

/// The text of one cell (see the module documentation).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(value) => value.to_string(),
        // Display gives the shortest text that reads back as the same f64, and no ".0".
        Data::Float(value) => value.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(value) => date_time_text(value),
        Data::DateTimeIso(text) => text.replacen('T', " ", 1),
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => error.to_string(),
    }
}

/// The serial of 10000-01-01, the first day Excel cannot show.
const LAST_DATE_SERIAL: f64 = 2_958_466.0;

fn date_time_text(value: &ExcelDateTime) -> String {
    let serial = value.as_f64();
    if value.is_duration() || (0.0..1.0).contains(&serial) {
        return duration_text(serial);
    }
    // Calamine clamps these to 1899-12-31 or 9999-12-31; the text keeps them unreadable
    // as a date, so the row is rejected with the serial in its reason.
    if !(1.0..LAST_DATE_SERIAL).contains(&serial) {
        return format!("{serial} (a date serial outside 1900-01-01 to 9999-12-31)");
    }
    let (year, month, day, hour, min, sec, milli) = value.to_ymd_hms_milli();
    if (hour, min, sec, milli) == (0, 0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        // The ingest reads whole seconds; Excel keeps milliseconds from formulas only.
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{min:02}:{sec:02}")
    }
}

/// `h:mm:ss` of a fraction of days (milliseconds kept when there are any).
fn duration_text(days: f64) -> String {
    let millis = (days * 86_400_000.0).round();
    let sign = if millis < 0.0 { "-" } else { "" };
    let millis = millis.abs() as u64;
    let (secs, milli) = (millis / 1000, millis % 1000);
    let (hours, min, sec) = (secs / 3600, secs / 60 % 60, secs % 60);
    if milli == 0 {
        format!("{sign}{hours}:{min:02}:{sec:02}")
    } else {
        format!("{sign}{hours}:{min:02}:{sec:02}.{milli:03}")
    }
}

mod error_cells;
mod limits;
#[cfg(test)]
mod tests;
