//! CSV ingestion: whole files ([`read_csv`]) or a slice of rows at a time ([`CsvIngester`]).

use std::io::Cursor;
use std::ops::Range;

use csv::ByteRecord;

use super::mapping::{Mapping, ResolvedMapping};
use super::plain_rows::{is_plain, PlainRows};
use super::row::RowDecoder;
use super::runaway_quote::runaway_quote;
use super::{IngestError, IngestResult, RejectKind};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a whole CSV file (UTF-8, with or without a BOM; delimiter from the mapping or
/// sniffed from the header line).
pub fn read_csv(bytes: &[u8], mapping: Option<&Mapping>) -> Result<IngestResult, IngestError> {
    Ok(CsvIngester::new(bytes, mapping)?.finish())
}

/// The delimiter the header line uses most among `,` `;` tab `|` (outside quotes); `,`
/// when none appears.
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let line_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &byte in &bytes[..line_end] {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(index) = candidates.iter().position(|&c| c == byte) {
                counts[index] += 1;
            }
        }
    }
    let best = (0..4)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// About how many lines `data` holds, from the line length of its first 64 KiB (a little
/// over, so the columns need not regrow near the end).
fn estimate_rows(data: &[u8]) -> usize {
    let sample = &data[..data.len().min(1 << 16)];
    let lines = sample.iter().filter(|&&byte| byte == b'\n').count().max(1);
    let estimate = data.len() / sample.len().div_ceil(lines).max(1);
    estimate + estimate / 32
}

/// How far an ingestion has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Data rows read so far (accepted and rejected).
    pub rows_read: usize,
    pub bytes_read: usize,
    pub total_bytes: usize,
    pub done: bool,
}

impl Progress {
    /// Share of the bytes read, 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.total_bytes == 0 {
            1.0
        } else {
            self.bytes_read as f64 / self.total_bytes as f64
        }
    }
}

/// A CSV import that proceeds a slice of rows per [`CsvIngester::step`] call. It owns (or
/// borrows, as `B` says) the file bytes, so it can live across event-loop turns.
pub struct CsvIngester<B: AsRef<[u8]>> {
    rows: RowSource<B>,
    decoder: RowDecoder,
    columns: usize,
    /// Bytes before the reader's start (a BOM).
    skipped: usize,
    total_bytes: usize,
    done: bool,
}

/// Where data rows come from.
enum RowSource<B: AsRef<[u8]>> {
    /// Any CSV: the csv crate (quotes, CR line ends).
    Csv {
        reader: csv::Reader<Cursor<B>>,
        record: ByteRecord,
        /// The file ends inside a quoted cell (its last row is then rejected).
        open_quote: bool,
    },
    /// A file with no quote and no CR at all: see [`super::plain_rows`].
    Plain(PlainRows<B>),
}

impl<B: AsRef<[u8]>> CsvIngester<B> {
    /// Reads the header and resolves the mapping; fails on mapping errors.
    pub fn new(bytes: B, mapping: Option<&Mapping>) -> Result<Self, IngestError> {
        Self::open(bytes, mapping, None)
    }

    /// [`CsvIngester::new`], or with `part` (lines of a file known to be plain, from
    /// [`csv_parts`]) only those lines, without rescanning the whole file.
    fn open(
        bytes: B,
        mapping: Option<&Mapping>,
        part: Option<Range<usize>>,
    ) -> Result<Self, IngestError> {
        let data = bytes.as_ref();
        let total_bytes = data.len();
        let skipped = if data.starts_with(BOM) { BOM.len() } else { 0 };
        let delimiter = match mapping.and_then(|m| m.delimiter) {
            Some(delimiter) if delimiter.is_ascii() => delimiter as u8,
            Some(delimiter) => {
                return Err(IngestError::BadMapping(format!(
                    "the delimiter must be one ASCII character, got {delimiter:?}"
                )))
            }
            None => sniff_delimiter(&data[skipped..]),
        };
        let expected_rows = match &part {
            Some(lines) => estimate_rows(&data[lines.clone()]),
            None => estimate_rows(&data[skipped..]),
        };
        if data[skipped..].iter().all(u8::is_ascii_whitespace) {
            return Err(IngestError::BadFile(
                "the file is empty: it has no header row and no data rows".into(),
            ));
        }
        let plain = part.is_some() || is_plain(&data[skipped..], delimiter);
        // An odd number of quote characters: a quoted cell is never closed, and the csv
        // crate would silently read the rest of the file into it.
        let open_quote = !plain && data[skipped..].iter().filter(|&&b| b == b'"').count() % 2 == 1;
        let mut cursor = Cursor::new(bytes);
        cursor.set_position(skipped as u64);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(cursor);
        let header_record = reader
            .byte_headers()
            .map_err(|error| IngestError::BadFile(format!("cannot read the header row: {error}")))?
            .clone();
        if header_record.is_empty() || header_record.iter().all(|h| h.is_empty()) {
            return Err(IngestError::BadFile("the file has no header row".into()));
        }
        let headers = header_record
            .iter()
            .map(|header| {
                std::str::from_utf8(header)
                    .map(str::to_string)
                    .map_err(|_| IngestError::BadFile("the header row is not valid UTF-8".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let resolved = ResolvedMapping::resolve(mapping, &headers)?;
        let mut decoder = RowDecoder::new(resolved, headers.clone());
        decoder.reserve(expected_rows);
        let rows = if plain {
            // The reader's position is where the record after the header starts.
            let position = skipped + reader.position().byte() as usize;
            let bytes = reader.into_inner().into_inner();
            let mut rows = PlainRows::new(bytes, delimiter, position, headers.len());
            if let Some(lines) = part {
                rows.limit_to(lines);
            }
            RowSource::Plain(rows)
        } else {
            RowSource::Csv {
                reader,
                record: ByteRecord::new(),
                open_quote,
            }
        };
        Ok(CsvIngester {
            rows,
            decoder,
            columns: headers.len(),
            skipped,
            total_bytes,
            done: false,
        })
    }

    /// Whether the file is read on the quote-free fast path (and so can be split).
    fn is_plain(&self) -> bool {
        matches!(self.rows, RowSource::Plain(_))
    }

    /// Where the data rows start (after the header line).
    fn data_start(&self) -> usize {
        match &self.rows {
            RowSource::Plain(plain) => plain.position(),
            RowSource::Csv { reader, .. } => self.skipped + reader.position().byte() as usize,
        }
    }

    /// Reads up to `max_rows` more data rows.
    pub fn step(&mut self, max_rows: usize) -> Progress {
        match &mut self.rows {
            RowSource::Csv {
                reader,
                record,
                open_quote,
            } => {
                let mut rows = 0;
                while rows < max_rows && !self.done {
                    // Row number: header is row 1, this is data row rows_read + 1.
                    let row_number = self.decoder.rows_read() + 2;
                    match reader.read_byte_record(record) {
                        Ok(false) => self.done = true,
                        Ok(true) => {
                            let data_bytes = self.total_bytes - self.skipped;
                            match runaway_quote(reader, record, *open_quote, data_bytes) {
                                Some(reason) => self.decoder.reject(
                                    row_number,
                                    "columns",
                                    RejectKind::Malformed,
                                    reason,
                                ),
                                None => decode_record(
                                    &mut self.decoder,
                                    self.columns,
                                    record,
                                    row_number,
                                ),
                            }
                            rows += 1;
                        }
                        Err(error) => {
                            self.decoder.reject(
                                row_number,
                                "columns",
                                RejectKind::Malformed,
                                format!("unreadable CSV row: {error}"),
                            );
                            rows += 1;
                        }
                    }
                }
            }
            RowSource::Plain(plain) => {
                let mut rows = 0;
                while rows < max_rows && !plain.is_done() {
                    rows += plain.step(&mut self.decoder, max_rows - rows);
                }
                self.done = plain.is_done();
            }
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        let bytes_read = match &self.rows {
            _ if self.done => self.total_bytes,
            RowSource::Csv { reader, .. } => self.skipped + reader.position().byte() as usize,
            RowSource::Plain(plain) => plain.position(),
        };
        Progress {
            rows_read: self.decoder.rows_read(),
            bytes_read: bytes_read.min(self.total_bytes),
            total_bytes: self.total_bytes,
            done: self.done,
        }
    }

    /// Reads whatever is left and returns the result.
    pub fn finish(mut self) -> IngestResult {
        while !self.done {
            self.step(usize::MAX);
        }
        self.decoder.finish()
    }
}

/// A slice of a CSV file's data lines that can be read on its own ([`read_csv_part`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvPart {
    /// Byte range of whole lines; `None`: all the data rows (a file that cannot be split).
    lines: Option<Range<usize>>,
}

/// Splits a CSV file into up to `parts` slices of about equal size, each of whole lines,
/// so that separate threads (the native CLI) can read them at once and
/// [`IngestResult::concat`] can join the results into exactly what [`read_csv`] gives.
/// Only a file on the quote-free fast path is split (a line break inside quotes would
/// make a cut ambiguous); any other file is one part. The engine itself never spawns
/// threads: it also runs in the browser.
pub fn csv_parts(
    bytes: &[u8],
    mapping: Option<&Mapping>,
    parts: usize,
) -> Result<Vec<CsvPart>, IngestError> {
    let ingester = CsvIngester::new(bytes, mapping)?;
    if !ingester.is_plain() || parts <= 1 {
        return Ok(vec![CsvPart { lines: None }]);
    }
    let start = ingester.data_start();
    let size = (bytes.len() - start).div_ceil(parts).max(1);
    let mut cuts = vec![start];
    while let Some(&last) = cuts.last() {
        let aim = last + size;
        if aim >= bytes.len() {
            break;
        }
        match bytes[aim..].iter().position(|&byte| byte == b'\n') {
            Some(offset) if aim + offset + 1 < bytes.len() => cuts.push(aim + offset + 1),
            _ => break,
        }
    }
    cuts.push(bytes.len());
    Ok(cuts
        .windows(2)
        .map(|pair| CsvPart {
            lines: Some(pair[0]..pair[1]),
        })
        .collect())
}

/// Reads one part from [`csv_parts`]. Its row numbers count from the part's first line as
/// if it followed the header; [`IngestResult::concat`] shifts them into place.
pub fn read_csv_part(
    bytes: &[u8],
    mapping: Option<&Mapping>,
    part: &CsvPart,
) -> Result<IngestResult, IngestError> {
    Ok(CsvIngester::open(bytes, mapping, part.lines.clone())?.finish())
}

fn decode_record(decoder: &mut RowDecoder, columns: usize, record: &ByteRecord, row: usize) {
    if record.len() != columns {
        reject_cell_count(decoder, row, columns, record.len());
        return;
    }
    // One UTF-8 check for the whole row, then each cell is a slice of it (valid when
    // its bounds are character boundaries).
    let text = std::str::from_utf8(record.as_slice()).ok();
    let bad_column = (0..record.len()).find(|&i| {
        !record.range(i).zip(text).is_some_and(|(range, text)| {
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end)
        })
    });
    let (Some(text), None) = (text, bad_column) else {
        let column = (0..record.len())
            .find(|&i| std::str::from_utf8(&record[i]).is_err())
            .or(bad_column)
            .unwrap_or(0);
        reject_bad_utf8(decoder, row, column);
        return;
    };
    decoder.decode(row, |column| record.range(column).map(|range| &text[range]));
}

pub(super) fn reject_cell_count(
    decoder: &mut RowDecoder,
    row: usize,
    expected: usize,
    found: usize,
) {
    let reason = format!("expected {expected} columns as in the header, found {found}");
    decoder.reject(row, "columns", RejectKind::Malformed, reason);
}

/// `column` counts from 0.
pub(super) fn reject_bad_utf8(decoder: &mut RowDecoder, row: usize, column: usize) {
    let reason = format!("column {} is not valid UTF-8", column + 1);
    decoder.reject(row, "columns", RejectKind::Unreadable, reason);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::Field;
    use crate::ingest::{IngestResult, RejectedRow};

    #[test]
    fn sniffs_the_delimiter_from_the_header() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter(b"agent"), b',');
    }

    #[test]
    fn reads_a_bom_semicolon_file_and_rejects_bad_rows_with_row_and_field() {
        let text = "\u{feff}agent;opened_at;csat;handle_secs\n\
                    Ann;2021-01-04 09:00;5;1:00\n\
                    Bo;not a date;4;30\n\
                    ;2021-01-04 10:00;4;30\n\
                    Cy;2021-01-04 11:00;7;30\n\
                    Di;2021-01-04 11:00;4\n\
                    Ed;2021-01-04 12:00;NA;-5\n\
                    Fa;2021-01-05;;\n";
        let result = read_csv(text.as_bytes(), None).unwrap();
        assert_eq!(result.rows_read, 7);
        assert_eq!(result.store.len(), 2);
        assert_eq!(result.store.agent_names(), ["Ann", "Fa"]);
        assert_eq!(
            result.store.seconds_column(Field::HandleSecs).unwrap()[0],
            60.0
        );
        let rows: Vec<(usize, &str)> = result
            .rejected
            .iter()
            .map(|r| (r.row, r.field.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (3, "opened_at"),
                (4, "agent"),
                (5, "csat"),
                (6, "columns"),
                (7, "handle_secs")
            ]
        );
        assert_eq!(
            result.rejected[0],
            RejectedRow {
                row: 3,
                field: "opened_at".into(),
                reason: "cannot read \"not a date\" in column \"opened_at\" as a date-time \
                         (e.g. 2021-01-31 09:05:00 or 31/01/2021 09:05)"
                    .into(),
                kind: crate::ingest::RejectKind::Unreadable,
                value: Some("not a date".into()),
            }
        );
        assert!(result.rejected[2].reason.contains("from 1 to 5"));
        assert!(result.rejected[4].reason.contains("negative"));
    }

    #[test]
    fn joins_date_and_time_columns_with_a_custom_format() {
        let mapping = Mapping::from_json(
            r#"{"columns": {"agent": "Who", "opened_at": ["Day", "At"], "resolved_at": "Done"},
                "datetime_format": "%d/%m/%Y %H:%M", "missing": ["?"]}"#,
        )
        .unwrap();
        let text = "Who,Day,At,Done\n\
                    Ann,03/02/2021,14:30,03/02/2021 15:00\n\
                    Bo,03/02/2021,14:30,?\n\
                    Cy,03/02/2021,14:30,03/02/2021 14:00\n";
        let result = read_csv(text.as_bytes(), Some(&mapping)).unwrap();
        let store = &result.store;
        assert_eq!(store.len(), 2);
        assert_eq!(store.opened_at(0).to_string(), "2021-02-03 14:30:00");
        assert_eq!(
            store.seconds_column(Field::ResolutionSecs).unwrap()[0],
            1800.0
        );
        // resolved is not mapped: derived from resolved_at.
        assert!(store.has_field(Field::Resolved));
        assert_eq!(store.record(0).resolved, Some(true));
        assert_eq!(store.record(1).resolved, Some(false));
        assert_eq!(result.rejected[0].row, 4);
        assert_eq!(result.rejected[0].field, "resolved_at");
        assert!(!store.has_field(Field::Csat));
    }

    #[test]
    fn derives_first_response_from_its_time_and_keeps_wall_times_with_offsets() {
        let mapping = Mapping::from_json(
            r#"{"columns": {"agent": "agent", "opened_at": "opened",
                "first_response_at": "replied", "answered": "ok"},
                "datetime_format": "%a %b %d %Y %H:%M:%S %z",
                "true_values": ["oui"], "false_values": ["non"]}"#,
        )
        .unwrap();
        let text = "agent\topened\treplied\tok\n\
                    Ann\tSun Jan 31 2021 09:05:00 +0800\tSun Jan 31 2021 09:06:30 +0800\toui\n\
                    Bo\tSun Jan 31 2021 09:05:00 -0500\tSun Jan 31 2021 09:00:00 -0500\tnon\n";
        let result = read_csv(text.as_bytes(), Some(&mapping)).unwrap();
        let store = &result.store;
        assert_eq!(store.len(), 1);
        assert_eq!(store.opened_at(0).to_string(), "2021-01-31 09:05:00");
        assert!(store.has_field(Field::FirstResponseSecs));
        assert_eq!(store.record(0).first_response_secs, Some(90.0));
        assert_eq!(
            result.rejected,
            [RejectedRow {
                row: 3,
                field: "first_response_at".into(),
                reason: "first_response_at is before opened_at".into(),
                kind: crate::ingest::RejectKind::Impossible,
                value: Some("Sun Jan 31 2021 09:00:00 -0500".into()),
            }]
        );
    }

    #[test]
    fn steps_through_a_file_in_slices() {
        let mut text = String::from("agent,opened_at\n");
        for i in 0..10 {
            text.push_str(&format!("A{i},2021-01-0{} 08:00:00\n", i % 9 + 1));
        }
        let mut ingester = CsvIngester::new(text.into_bytes(), None).unwrap();
        let first = ingester.step(4);
        assert_eq!(first.rows_read, 4);
        assert!(!first.done);
        assert!(
            first.fraction() > 0.3 && first.fraction() < 0.6,
            "{first:?}"
        );
        let second = ingester.step(100);
        assert!(second.done);
        assert_eq!(second.rows_read, 10);
        assert_eq!(second.fraction(), 1.0);
        let result = ingester.finish();
        assert_eq!(result.store.len(), 10);
        assert!(result.rejected.is_empty());
    }

    #[test]
    fn a_file_read_in_parts_and_joined_is_the_file_read_whole() {
        let mut plain = String::from("\u{feff}agent;opened_at;csat;team\n");
        for i in 0..500 {
            match i % 97 {
                13 => plain.push_str("Bo;not a date;4;T1\n"),
                14 => plain.push('\n'),
                15 => plain.push_str("Cy;2021-01-04 11:00;7;T2\n"),
                _ => plain.push_str(&format!(
                    "A{};2021-01-{:02} 09:00;{};T{}\n",
                    i % 7,
                    i % 28 + 1,
                    i % 5 + 1,
                    i % 3
                )),
            }
        }
        let quoted = "agent,opened_at\n\"Ann\",2021-01-04 09:00\nBo,2021-01-05 09:00\n";
        let text = |store: &crate::records::RecordStore| -> Vec<String> {
            (0..store.strings().len() as u32)
                .map(|id| store.text(id).unwrap().to_string())
                .collect()
        };
        for file in [plain.as_str(), quoted] {
            let whole = read_csv(file.as_bytes(), None).unwrap();
            for count in 1..6 {
                let parts = csv_parts(file.as_bytes(), None, count).unwrap();
                if file == quoted {
                    assert_eq!(parts.len(), 1, "a quoted file is never split");
                } else {
                    assert_eq!(parts.len(), count);
                }
                let joined = IngestResult::concat(
                    parts
                        .iter()
                        .map(|part| read_csv_part(file.as_bytes(), None, part).unwrap())
                        .collect(),
                );
                assert_eq!(joined.rows_read, whole.rows_read);
                assert_eq!(joined.rejected, whole.rejected);
                assert_eq!(text(&joined.store), text(&whole.store));
                assert_eq!(joined.store.len(), whole.store.len());
                for index in 0..whole.store.len() {
                    assert_eq!(joined.store.record(index), whole.store.record(index));
                }
            }
        }
    }

    #[test]
    fn mapping_errors_fail_the_whole_file() {
        let mapping =
            Mapping::from_json(r#"{"columns": {"agent": "Agent", "opened_at": "Date"}}"#).unwrap();
        let error = read_csv(b"Agent,Day\nAnn,2021-01-01\n", Some(&mapping)).unwrap_err();
        assert_eq!(error, IngestError::MissingHeader("Date".into()));
        assert!(read_csv(b"", None).is_err());
    }
}
