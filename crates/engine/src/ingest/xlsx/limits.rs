//! What a workbook may claim before CareScore reads it. A few KB of zip can claim cells at
//! A1 and XFD1048576, or one long shared string used in every row; reading either as a
//! dense grid or as copied text takes gigabytes, so both are bounded from what the file
//! claims (its zip directory, its cell positions, its strings' lengths) before anything
//! that size is allocated.

use std::io::Cursor;

use calamine::{Cell, Data, DataRef, XlsxCellReader, XlsxError};

use super::error_cells::unknown_error_cells;
use super::{bad_file, cell_text};
use crate::ingest::IngestError;

/// Excel's own grid: a position past it is a malformed reference.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;
/// The sheet's extent (first to last used row, times first to last used column): every
/// row of Excel at 64 columns, or fewer rows at more columns. Each position becomes at
/// least a comma of the CSV, so this bounds the grid at 64 MB of text.
pub(super) const MAX_CELLS: u64 = 1_048_576 * 64;
/// The text of all cells together, and the workbook's parts unpacked.
pub(super) const MAX_TEXT_BYTES: u64 = 512 * 1_000_000;

/// One non-empty cell: 0-based sheet row and column, and its text.
pub(super) type SheetCell = (u32, u32, String);

/// Refuses a workbook whose zip parts claim to unpack to more than [`MAX_TEXT_BYTES`].
pub(super) fn check_parts(bytes: &[u8]) -> Result<(), IngestError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
        bad_file(format!(
            "the workbook cannot be opened: it is damaged or cut short ({error})"
        ))
    })?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|error| {
            bad_file(format!(
                "the workbook cannot be opened: part {} is damaged ({error})",
                index + 1
            ))
        })?;
        total = total.saturating_add(entry.size());
        if total > MAX_TEXT_BYTES {
            return Err(bad_file(format!(
                "the workbook unpacks to more than {} (its part \"{}\" alone claims {}); \
                 CareScore reads workbooks up to that size: save the sheet as CSV or split it",
                megabytes(MAX_TEXT_BYTES),
                entry.name().unwrap_or_default(),
                megabytes(entry.size()),
            )));
        }
    }
    Ok(())
}

/// Every non-empty cell of the sheet, in sheet order, refusing a malformed reference or
/// more text than [`MAX_TEXT_BYTES`] as soon as it is met.
pub(super) fn read_cells(
    bytes: &[u8],
    sheet: &str,
    reader: &mut XlsxCellReader<'_, Cursor<&[u8]>>,
) -> Result<Vec<SheetCell>, IngestError> {
    let mut cells = Vec::new();
    let mut text_bytes: u64 = 0;
    let mut unknown_errors = None;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            // Calamine stops at an error code it does not know, before the cell's end; the
            // next call goes on with the next cell, so the code is taken from the XML.
            Err(XlsxError::CellError(code)) => {
                let found = match &mut unknown_errors {
                    Some(found) => found,
                    None => unknown_errors.insert(unknown_error_cells(bytes, sheet)?),
                };
                let ((row, col), code) = found.pop_front().ok_or_else(|| {
                    damaged(
                        sheet,
                        &format!("an error cell {code:?} that cannot be located"),
                    )
                })?;
                check_position(sheet, row, col)?;
                cells.push((row, col, code));
                continue;
            }
            Err(error) => return Err(damaged(sheet, &error.to_string())),
        };
        let (row, col) = cell.get_position();
        check_position(sheet, row, col)?;
        text_bytes += claimed_len(&cell);
        if text_bytes > MAX_TEXT_BYTES {
            return Err(bad_file(format!(
                "sheet \"{sheet}\" holds more than {} of text (reached at cell {}); CareScore \
                 reads sheets up to that size: save the sheet as CSV or split it",
                megabytes(MAX_TEXT_BYTES),
                cell_name(row, col)
            )));
        }
        let value = Data::from(cell.get_value().clone());
        if value != Data::Empty {
            cells.push((row, col, cell_text(&value)));
        }
    }
    // Excel writes cells in order; a hand-made file may not.
    cells.sort_by_key(|&(row, col, _)| (row, col));
    Ok(cells)
}

fn check_position(sheet: &str, row: u32, col: u32) -> Result<(), IngestError> {
    if row >= EXCEL_ROWS || col >= EXCEL_COLUMNS {
        return Err(bad_file(format!(
            "sheet \"{sheet}\" has a cell at {}, outside Excel's grid (A1:XFD1048576): \
             the workbook is damaged",
            cell_name(row, col)
        )));
    }
    Ok(())
}

fn damaged(sheet: &str, what: &str) -> IngestError {
    bad_file(format!(
        "sheet \"{sheet}\" cannot be read; the workbook may be damaged ({what})"
    ))
}

/// Refuses a sheet whose extent (the used rows times the used columns) passes
/// [`MAX_CELLS`]. `rows` and `columns` are inclusive 0-based spans.
pub(super) fn check_extent(
    sheet: &str,
    rows: (u32, u32),
    columns: (u32, u32),
) -> Result<(), IngestError> {
    let height = u64::from(rows.1 - rows.0) + 1;
    let width = u64::from(columns.1 - columns.0) + 1;
    if height * width <= MAX_CELLS {
        return Ok(());
    }
    Err(bad_file(format!(
        "sheet \"{sheet}\" spans {} rows × {} columns ({}:{}); CareScore reads at most {} \
         cells ({} rows × 64 columns): delete the stray cells far from the table, or save \
         the table as CSV",
        thousands(height),
        thousands(width),
        cell_name(rows.0, columns.0),
        cell_name(rows.1, columns.1),
        thousands(MAX_CELLS),
        thousands(u64::from(EXCEL_ROWS)),
    )))
}

/// The bytes a cell's text takes, known before any copy (a shared string is borrowed).
fn claimed_len(cell: &Cell<DataRef<'_>>) -> u64 {
    let len = match cell.get_value() {
        DataRef::SharedString(text) => text.len(),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            text.len()
        }
        _ => 24,
    };
    len as u64
}

/// `A1`-style name of a 0-based position.
pub(super) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        u64::from(row) + 1
    )
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", thousands(bytes.div_ceil(1_000_000)))
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells_and_numbers_as_people_read_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_name(9, 26), "AA10");
        assert_eq!(thousands(67_108_864), "67,108,864");
        assert_eq!(thousands(512), "512");
        assert_eq!(megabytes(MAX_TEXT_BYTES), "512 MB");
    }
}
