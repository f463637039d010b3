//! A quoted cell that runs away: one missing `"` makes the csv crate read every following
//! line into that cell, so thousands of rows become one record and nothing is rejected.

use csv::ByteRecord;

/// Lines one quoted cell may run over before its row is taken for a missing `"`.
const MAX_LINES_IN_A_ROW: u64 = 100;

/// Why the row just read is a quote that ran away, if it is: the file ends inside it (an
/// odd count of `"`), or it runs over more than [`MAX_LINES_IN_A_ROW`] lines. The csv crate
/// would read every following line into that one cell, so a single missing `"` would turn
/// thousands of rows into one record and reject nothing.
pub(super) fn runaway_quote<R: std::io::Read>(
    reader: &csv::Reader<R>,
    record: &ByteRecord,
    open_quote: bool,
    data_bytes: usize,
) -> Option<String> {
    let start = record.position()?.line();
    let end = reader.position().line();
    let at_end = reader.is_done() || reader.position().byte() as usize >= data_bytes;
    if open_quote && at_end {
        return Some(format!(
            "a quoted cell in this row is never closed (a \" is missing): it runs to the end of \
             the file ({} lines), which may be cut short",
            end.saturating_sub(start) + 1
        ));
    }
    let lines = end.saturating_sub(start);
    (lines > MAX_LINES_IN_A_ROW).then(|| {
        format!(
            "a quoted cell in this row runs over {lines} lines (lines {start} to {}), more than \
             {MAX_LINES_IN_A_ROW}: a \" is probably missing at its start or end",
            end.saturating_sub(1)
        )
    })
}
