//! The fast path of CSV import: a file with no quote character and no carriage return at
//! all. There, CSV reduces to lines split on `\n` and cells split on the delimiter, so rows
//! are cut straight from the file bytes, eight bytes at a time, and checked as UTF-8 a
//! chunk of lines at a time. The csv crate reads every other file; both give the same
//! records and rejections (a test compares them).

use super::csv_reader::{reject_bad_utf8, reject_cell_count};
use super::row::RowDecoder;

/// Lines checked as UTF-8 together (a chunk then runs to the next line end).
const CHUNK: usize = 1 << 18;

/// Whether `data` (after any BOM) can be read on the fast path with `delimiter`.
pub(super) fn is_plain(data: &[u8], delimiter: u8) -> bool {
    if matches!(delimiter, b'"' | b'\r' | b'\n') {
        return false;
    }
    // Word at a time, a 4 KiB block between tests: the fold has no early exit, so it
    // compiles to straight-line (vectorised) code.
    let quote = ONES * u64::from(b'"');
    let carriage_return = ONES * u64::from(b'\r');
    let blocks = data.chunks(4096);
    !blocks.into_iter().any(|block| {
        let words = block.chunks_exact(8);
        let tail = words.remainder();
        let found = words.fold(0, |found, word| {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            found | equal_bytes(word, quote) | equal_bytes(word, carriage_return)
        });
        found != 0 || tail.iter().any(|&byte| byte == b'"' || byte == b'\r')
    })
}

/// Rows of a plain file, from `position` on.
pub(super) struct PlainRows<B> {
    bytes: B,
    delimiter: u8,
    /// Start of the next line.
    position: usize,
    /// Where these rows stop: the file's end, or a part's (a line start).
    end: usize,
    /// Header cell count: a row with another count is rejected.
    columns: usize,
}

impl<B: AsRef<[u8]>> PlainRows<B> {
    /// `position` is where the first data line starts.
    pub fn new(bytes: B, delimiter: u8, position: usize, columns: usize) -> PlainRows<B> {
        let end = bytes.as_ref().len();
        PlainRows {
            bytes,
            delimiter,
            position,
            end,
            columns,
        }
    }

    /// Restricts the rows to the lines of `part` (whole lines, from [`super::csv_parts`]).
    pub fn limit_to(&mut self, part: std::ops::Range<usize>) {
        self.position = part.start;
        self.end = part.end.min(self.bytes.as_ref().len());
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn is_done(&self) -> bool {
        self.position >= self.end
    }

    /// Decodes up to `max_rows` rows from the next chunk of lines; returns how many.
    pub fn step(&mut self, decoder: &mut RowDecoder, max_rows: usize) -> usize {
        let data = &self.bytes.as_ref()[..self.end];
        let start = self.position;
        let end = match data.get(start + CHUNK..) {
            Some(rest) => rest
                .iter()
                .position(|&byte| byte == b'\n')
                .map_or(data.len(), |i| start + CHUNK + i + 1),
            None => data.len(),
        };
        let chunk = &data[start..end];
        // A chunk that is not valid UTF-8 is checked cell by cell, to name the bad one.
        let text = std::str::from_utf8(chunk).ok();
        let columns = self.columns;
        let mut ends: Vec<usize> = Vec::with_capacity(columns);
        let mut cells: Vec<&str> = Vec::with_capacity(columns);
        let mut line_start = 0;
        let mut rows = 0;
        let mut hits = Hits::new(chunk, self.delimiter);
        loop {
            // The chunk's end closes a last line that has no `\n`.
            let hit = hits.next().unwrap_or(chunk.len());
            ends.push(hit);
            if hit < chunk.len() && chunk[hit] != b'\n' {
                continue;
            }
            // Blank lines are skipped and not counted, as by the csv crate.
            if hit > line_start {
                rows += 1;
                let row = decoder.rows_read() + 2;
                let line = Line {
                    row,
                    columns,
                    start: line_start,
                    ends: &ends,
                };
                match text {
                    Some(text) => line.decode(decoder, text, &mut cells),
                    None => line.decode_unchecked(decoder, chunk, &mut cells),
                }
            }
            ends.clear();
            line_start = (hit + 1).min(chunk.len());
            if hit == chunk.len() || rows == max_rows {
                break;
            }
        }
        self.position = start + line_start;
        rows
    }
}

/// One line of a chunk: its cells end at `ends` (the last at the line's end).
struct Line<'e> {
    /// Spreadsheet row number.
    row: usize,
    /// Expected cell count.
    columns: usize,
    start: usize,
    ends: &'e [usize],
}

impl Line<'_> {
    /// Decodes the line from the chunk's text.
    fn decode<'t>(&self, decoder: &mut RowDecoder, text: &'t str, cells: &mut Vec<&'t str>) {
        if self.ends.len() != self.columns {
            reject_cell_count(decoder, self.row, self.columns, self.ends.len());
            return;
        }
        cells.clear();
        let mut cell_start = self.start;
        for &end in self.ends {
            cells.push(&text[cell_start..end]);
            cell_start = end + 1;
        }
        decoder.decode(self.row, |column| cells.get(column).copied());
    }

    /// Decodes the line from a chunk that is not all valid UTF-8.
    fn decode_unchecked<'t>(
        &self,
        decoder: &mut RowDecoder,
        chunk: &'t [u8],
        cells: &mut Vec<&'t str>,
    ) {
        if self.ends.len() != self.columns {
            reject_cell_count(decoder, self.row, self.columns, self.ends.len());
            return;
        }
        cells.clear();
        let mut cell_start = self.start;
        for (column, &end) in self.ends.iter().enumerate() {
            match std::str::from_utf8(&chunk[cell_start..end]) {
                Ok(cell) => cells.push(cell),
                Err(_) => {
                    reject_bad_utf8(decoder, self.row, column);
                    return;
                }
            }
            cell_start = end + 1;
        }
        decoder.decode(self.row, |column| cells.get(column).copied());
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Positions of the delimiter and of `\n` in a slice, in order, found eight bytes at a time.
struct Hits<'a> {
    bytes: &'a [u8],
    /// The delimiter in every byte.
    delimiter: u64,
    /// Start of the word `mask` describes.
    word: usize,
    /// The high bit of each byte of that word that is a hit.
    mask: u64,
}

impl<'a> Hits<'a> {
    fn new(bytes: &'a [u8], delimiter: u8) -> Hits<'a> {
        let mut hits = Hits {
            bytes,
            delimiter: ONES * u64::from(delimiter),
            word: 0,
            mask: 0,
        };
        if !bytes.is_empty() {
            hits.mask = hits.mask_at(0);
        }
        hits
    }

    /// The hits among the (up to) eight bytes from `start`, which is in range.
    #[inline(always)]
    fn mask_at(&self, start: usize) -> u64 {
        let newline = ONES * u64::from(b'\n');
        let hits = |word: u64| equal_bytes(word, self.delimiter) | equal_bytes(word, newline);
        match self.bytes.get(start..start + 8) {
            Some(word) => hits(u64::from_le_bytes(word.try_into().expect("8 bytes"))),
            None => {
                let mut word = [0u8; 8];
                let available = self.bytes.len() - start;
                word[..available].copy_from_slice(&self.bytes[start..]);
                // Padding is never a hit, whatever the delimiter.
                hits(u64::from_le_bytes(word)) & ((1u64 << (available * 8)) - 1)
            }
        }
    }
}

/// The high bit of each byte of `word` equal to the byte repeated in `pattern` (exact: no
/// carry crosses a byte).
#[inline(always)]
fn equal_bytes(word: u64, pattern: u64) -> u64 {
    let diff = word ^ pattern;
    !(((diff & LOW7) + LOW7) | diff) & HIGH
}

impl Iterator for Hits<'_> {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.word += 8;
            if self.word >= self.bytes.len() {
                return None;
            }
            self.mask = self.mask_at(self.word);
        }
        let byte = self.mask.trailing_zeros() as usize / 8;
        self.mask &= self.mask - 1;
        Some(self.word + byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_csv, IngestResult, RejectedRow};
    use crate::records::ContactRecord;
    use proptest::prelude::*;

    const HEADER: &str = "agent,opened_at,csat,handle_secs,resolved,team";

    /// Everything a reader produced, comparable.
    fn outcome(result: IngestResult) -> (Vec<ContactRecord>, Vec<RejectedRow>, usize) {
        let store = &result.store;
        let records = (0..store.len()).map(|i| store.record(i)).collect();
        (records, result.rejected, result.rows_read)
    }

    /// Reads `body` after the header on the fast path, and again through the csv crate
    /// (a quoted header cell sends the whole file there).
    fn both_readers(body: &[u8]) -> [(Vec<ContactRecord>, Vec<RejectedRow>, usize); 2] {
        let plain = [HEADER.as_bytes(), b"\n", body].concat();
        let quoted = [b"\"agent\"", &HEADER.as_bytes()[5..], b"\n", body].concat();
        assert!(is_plain(&plain, b','));
        assert!(!is_plain(&quoted, b','));
        [&plain, &quoted].map(|bytes| outcome(read_csv(bytes, None).expect("header is fine")))
    }

    fn cell() -> impl Strategy<Value = Vec<u8>> {
        prop::sample::select(vec![
            &b"Ann"[..],
            b" Bo ",
            "售后一组".as_bytes(),
            "\u{3000}Cy".as_bytes(),
            b"",
            b"NA",
            b"2021-01-04 09:00:00",
            b"2021-01-04 9:00",
            b"not a date",
            b"5",
            b"7",
            b"1:00",
            b"-3",
            b"true",
            "否".as_bytes(),
            b"\xff",
            b"\xe5\x94",
        ])
        .prop_map(<[u8]>::to_vec)
    }

    fn line() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(cell(), 0..9).prop_map(|cells| cells.join(&b','))
    }

    proptest! {
        #[test]
        fn the_fast_path_reads_like_the_csv_crate(
            lines in prop::collection::vec(line(), 0..40),
            final_newline in any::<bool>(),
        ) {
            let mut body = lines.join(&b'\n');
            if final_newline {
                body.push(b'\n');
            }
            let [plain, general] = both_readers(&body);
            prop_assert_eq!(plain, general);
        }
    }

    #[test]
    fn rows_across_chunk_boundaries_read_like_the_csv_crate() {
        let mut body = Vec::new();
        for i in 0..40_000 {
            let agent = if i % 7 == 0 { "售后" } else { "Ann" };
            body.extend_from_slice(format!("{agent}{i},2021-01-04 09:00:00,").as_bytes());
            // Now and then a cell that is not UTF-8, so some chunks take the slow check.
            body.extend_from_slice(if i % 1000 == 999 { b"\xff" } else { b"4" });
            body.extend_from_slice(b",60,true,T\n");
        }
        body.extend_from_slice(&[0xff; 3]);
        let [plain, general] = both_readers(&body);
        assert!(plain.0.len() > 39_000, "{}", plain.0.len());
        assert_eq!(plain, general);
    }

    #[test]
    fn hits_are_every_delimiter_and_line_end_in_order() {
        let text = b"a;bb;;c\nddddddddd;e\n;";
        let expected: Vec<usize> = text
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b';' || b == b'\n')
            .map(|(i, _)| i)
            .collect();
        assert_eq!(Hits::new(text, b';').collect::<Vec<_>>(), expected);
        assert_eq!(Hits::new(b"", b',').count(), 0);
        // A zero delimiter finds no padding.
        assert_eq!(Hits::new(b"ab\0", 0).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn quotes_and_carriage_returns_take_the_general_reader() {
        assert!(is_plain(b"a,b\n1,2\n", b','));
        assert!(!is_plain(b"a,b\r\n1,2\r\n", b','));
        assert!(!is_plain(b"a,b\n\"1\",2\n", b','));
        assert!(!is_plain(b"a\"b\n", b'"'));
        let long = "x,y\n".repeat(5000);
        assert!(is_plain(long.as_bytes(), b','));
        for at in [0, 7, 4095, 4096, 19_999] {
            let mut bytes = long.clone().into_bytes();
            bytes[at] = b'"';
            assert!(!is_plain(&bytes, b','), "{at}");
        }
    }
}
