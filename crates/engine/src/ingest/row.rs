//! One row's cell texts -> one encoded record or one [`RejectedRow`]. Shared by the CSV and
//! JSON readers; keeps its buffers between rows so accepted rows allocate nothing.

use crate::field::Field;
use crate::records::{naive_to_secs, tri, EncodedRow, FieldSet, RecordStore, NO_COUNT, NO_TEXT};

use super::mapping::ResolvedMapping;
use super::values::{
    is_missing, parse_bool, parse_count, parse_datetime_auto, parse_number, parse_seconds,
};
use super::{IngestResult, RejectKind, RejectedRow};

/// Characters of a cell's text quoted in a rejection: a 1 MB cell must not make a 1 MB
/// message.
pub(crate) const VALUE_SHOWN: usize = 80;

/// Why a row was rejected: the field, the kind of problem, the cell's text when one is to
/// blame, and a sentence saying what was wrong.
struct Rejection {
    field: &'static str,
    kind: RejectKind,
    value: Option<String>,
    reason: String,
}

impl Rejection {
    fn new(field: Field, kind: RejectKind, value: Option<&str>, reason: String) -> Rejection {
        Rejection {
            field: field.name(),
            kind,
            value: value.map(shorten),
            reason,
        }
    }
}

/// `text`, cut to [`VALUE_SHOWN`] characters with an ellipsis when longer.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(VALUE_SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

pub(crate) struct RowDecoder {
    mapping: ResolvedMapping,
    /// For each field (by discriminant), its entry in `mapping.columns`.
    slots: [Option<u8>; 19],
    /// For each field, its column when it is read from exactly one (most fields).
    single: [Option<u32>; 19],
    headers: Vec<String>,
    join_buffer: String,
    store: RecordStore,
    rejected: Vec<RejectedRow>,
    rows_read: usize,
}

impl RowDecoder {
    pub fn new(mapping: ResolvedMapping, headers: Vec<String>) -> RowDecoder {
        let mut slots = [None; 19];
        let mut single = [None; 19];
        let mut present = FieldSet::default();
        for (index, (field, columns)) in mapping.columns.iter().enumerate() {
            slots[*field as usize] = Some(index as u8);
            if let [column] = columns[..] {
                single[*field as usize] = Some(column as u32);
            }
            present.insert(*field);
        }
        // Derived fields are present when their inputs are.
        if present.contains(Field::FirstResponseAt) {
            present.insert(Field::FirstResponseSecs);
        }
        if present.contains(Field::ResolvedAt) {
            present.insert(Field::Resolved);
            present.insert(Field::ResolutionSecs);
        }
        RowDecoder {
            mapping,
            slots,
            single,
            headers,
            join_buffer: String::new(),
            store: RecordStore::with_fields(present),
            rejected: Vec::new(),
            rows_read: 0,
        }
    }

    /// Makes room for about `rows` more records.
    pub fn reserve(&mut self, rows: usize) {
        self.store.reserve(rows);
    }

    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    pub fn reject(&mut self, row: usize, field: &str, kind: RejectKind, reason: String) {
        self.rows_read += 1;
        self.rejected.push(RejectedRow {
            row,
            field: field.to_string(),
            reason,
            kind,
            value: None,
        });
    }

    pub fn finish(mut self) -> IngestResult {
        self.store.shrink_to_fit();
        IngestResult {
            store: self.store,
            rejected: self.rejected,
            rows_read: self.rows_read,
            first_row: 2,
        }
    }

    /// Decodes row number `row` (as reported to the user); `cell(i)` is the raw text of
    /// column `i`, `None` when the row has no such cell.
    pub fn decode<'r>(&mut self, row: usize, cell: impl Fn(usize) -> Option<&'r str>) {
        self.rows_read += 1;
        if let Err(rejection) = self.try_decode(&cell) {
            self.rejected.push(RejectedRow {
                row,
                field: rejection.field.to_string(),
                reason: rejection.reason,
                kind: rejection.kind,
                value: rejection.value,
            });
        }
    }

    fn try_decode<'r>(
        &mut self,
        cell: &impl Fn(usize) -> Option<&'r str>,
    ) -> Result<(), Rejection> {
        let RowDecoder {
            mapping,
            slots,
            single,
            headers,
            join_buffer,
            store,
            ..
        } = self;
        let cells = Cells {
            mapping,
            slots,
            single,
            headers,
            cell,
        };
        let mut buffer = std::mem::take(join_buffer);
        let result = decode_fields(&cells, &mut buffer, store);
        *join_buffer = buffer;
        result
    }
}

/// `text.trim()`, decided from the first and last bytes alone when they cannot belong to
/// a whitespace character (most cells, CJK text included).
#[inline(always)]
fn trim_cell(text: &str) -> &str {
    match text.as_bytes() {
        [] => text,
        [first, .., last] | [first @ last]
            if cannot_start_whitespace(*first) && cannot_end_whitespace(*last) =>
        {
            text
        }
        _ => text.trim(),
    }
}

/// False for the first byte of every whitespace character (`char::is_whitespace`): ASCII
/// blanks and controls, and the lead bytes of U+0085, U+00A0 (C2), U+1680 (E1), U+2000 to
/// U+205F (E2) and U+3000 (E3).
fn cannot_start_whitespace(byte: u8) -> bool {
    byte.is_ascii_graphic() || (byte >= 0x80 && !matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3))
}

/// False for the last byte of every whitespace character: ASCII blanks and controls, and
/// the final bytes of U+0085 (85), U+00A0 (A0), U+1680, U+2000 to U+200A and U+3000 (80 to
/// 8A), U+2028, U+2029 (A8, A9), U+202F (AF) and U+205F (9F).
fn cannot_end_whitespace(byte: u8) -> bool {
    byte.is_ascii_graphic()
        || (byte >= 0x80 && !matches!(byte, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF))
}

/// Access to one row's values by field.
struct Cells<'m, F> {
    mapping: &'m ResolvedMapping,
    slots: &'m [Option<u8>; 19],
    single: &'m [Option<u32>; 19],
    headers: &'m [String],
    cell: &'m F,
}

impl<'m, 'r, F: Fn(usize) -> Option<&'r str>> Cells<'m, F> {
    fn columns(&self, field: Field) -> Option<&'m [usize]> {
        let slot = self.slots[field as usize]?;
        Some(&self.mapping.columns[slot as usize].1)
    }

    /// The trimmed text of `field`, `None` when unmapped or missing. Joined columns are
    /// assembled in `buffer`.
    #[inline(always)]
    fn text<'b>(&self, field: Field, buffer: &'b mut String) -> Option<&'b str>
    where
        'r: 'b,
    {
        let text: &'b str = if let Some(column) = self.single[field as usize] {
            trim_cell((self.cell)(column as usize).unwrap_or(""))
        } else {
            let columns = self.columns(field)?;
            buffer.clear();
            for &column in columns {
                let part = (self.cell)(column).unwrap_or("").trim();
                if !part.is_empty() && !is_missing(part, &self.mapping.missing) {
                    if !buffer.is_empty() {
                        buffer.push(' ');
                    }
                    buffer.push_str(part);
                }
            }
            buffer.as_str()
        };
        (!is_missing(text, &self.mapping.missing)).then_some(text)
    }

    fn header_of(&self, field: Field) -> String {
        self.columns(field)
            .map(|columns| {
                columns
                    .iter()
                    .map(|&column| self.headers[column].as_str())
                    .collect::<Vec<_>>()
                    .join("\" + \"")
            })
            .unwrap_or_default()
    }

    fn unreadable(&self, field: Field, text: &str, expected: &str) -> Rejection {
        let reason = format!(
            "cannot read \"{}\" in column \"{}\" as {expected}",
            shorten(text),
            self.header_of(field)
        );
        Rejection::new(field, RejectKind::Unreadable, Some(text), reason)
    }

    fn negative(&self, field: Field, text: &str) -> Rejection {
        let reason = format!(
            "{} cannot be negative, got \"{}\"",
            field.name(),
            shorten(text)
        );
        Rejection::new(field, RejectKind::Impossible, Some(text), reason)
    }

    fn too_large(&self, field: Field, text: &str) -> Rejection {
        let reason = format!(
            "{} is too large to store (more than {:e} seconds), got \"{}\"",
            field.name(),
            f32::MAX,
            shorten(text)
        );
        Rejection::new(field, RejectKind::Impossible, Some(text), reason)
    }

    /// `field`'s time is before opened_at.
    fn before_opened(&self, field: Field, buffer: &mut String) -> Rejection {
        let value = self.text(field, buffer).map(str::to_string);
        let reason = format!("{} is before opened_at", field.name());
        Rejection::new(field, RejectKind::Impossible, value.as_deref(), reason)
    }

    fn bool(&self, field: Field, buffer: &mut String) -> Result<Option<bool>, Rejection> {
        let Some(text) = self.text(field, buffer) else {
            return Ok(None);
        };
        match parse_bool(text, &self.mapping.true_values, &self.mapping.false_values) {
            Some(value) => Ok(Some(value)),
            None => Err(self.unreadable(field, text, "yes/no")),
        }
    }

    fn seconds(&self, field: Field, buffer: &mut String) -> Result<Option<f64>, Rejection> {
        let Some(text) = self.text(field, buffer) else {
            return Ok(None);
        };
        match parse_seconds(text) {
            Some(value) if value < 0.0 => Err(self.negative(field, text)),
            // The store keeps durations as f32: beyond it the value would become inf.
            Some(value) if value > f64::from(f32::MAX) => Err(self.too_large(field, text)),
            Some(value) => Ok(Some(value)),
            None => Err(self.unreadable(field, text, "a duration (seconds, mm:ss or h:mm:ss)")),
        }
    }

    fn count(&self, field: Field, buffer: &mut String) -> Result<u16, Rejection> {
        let Some(text) = self.text(field, buffer) else {
            return Ok(NO_COUNT);
        };
        match parse_count(text) {
            Some(value) if value < 0.0 => Err(self.negative(field, text)),
            // Absurdly large counts saturate at the largest storable one.
            Some(value) => Ok(value.min(f64::from(NO_COUNT - 1)) as u16),
            None => Err(self.unreadable(field, text, "a whole number")),
        }
    }

    fn datetime(&self, field: Field, buffer: &mut String) -> Result<Option<i64>, Rejection> {
        let Some(text) = self.text(field, buffer) else {
            return Ok(None);
        };
        let parsed = match &self.mapping.datetime_format {
            Some(format) => format.parse(text).map(naive_to_secs),
            None => parse_datetime_auto(text),
        };
        match parsed {
            Some(secs) => Ok(Some(secs)),
            None => Err(self.unreadable(
                field,
                text,
                match &self.mapping.datetime_format {
                    Some(_) => "a date-time in the mapping's datetime_format",
                    None => "a date-time (e.g. 2021-01-31 09:05:00 or 31/01/2021 09:05)",
                },
            )),
        }
    }

    fn text_id(&self, field: Field, buffer: &mut String, store: &mut RecordStore) -> u32 {
        self.text(field, buffer)
            .map_or(NO_TEXT, |text| store.strings_mut().intern(text))
    }
}

fn decode_fields<'r, F: Fn(usize) -> Option<&'r str>>(
    cells: &Cells<'_, F>,
    buffer: &mut String,
    store: &mut RecordStore,
) -> Result<(), Rejection> {
    let agent = match cells.text(Field::Agent, buffer) {
        Some(text) if is_excel_error(text) => {
            let reason = format!(
                "\"{text}\" in agent is an Excel error value (a formula that failed), not a name"
            );
            return Err(Rejection::new(
                Field::Agent,
                RejectKind::Unreadable,
                Some(text),
                reason,
            ));
        }
        Some(text) => store.strings_mut().intern(text),
        None => return Err(missing(Field::Agent)),
    };
    let opened_at = cells
        .datetime(Field::OpenedAt, buffer)?
        .ok_or_else(|| missing(Field::OpenedAt))?;
    let answered = cells.bool(Field::Answered, buffer)?.unwrap_or(true);

    let mut first_response_secs = cells.seconds(Field::FirstResponseSecs, buffer)?;
    if first_response_secs.is_none() {
        if let Some(at) = cells.datetime(Field::FirstResponseAt, buffer)? {
            if at < opened_at {
                return Err(cells.before_opened(Field::FirstResponseAt, buffer));
            }
            first_response_secs = Some((at - opened_at) as f64);
        }
    }
    let handle_secs = cells.seconds(Field::HandleSecs, buffer)?;

    let resolved_at = cells.datetime(Field::ResolvedAt, buffer)?;
    let resolution_secs = match resolved_at {
        Some(at) if at < opened_at => return Err(cells.before_opened(Field::ResolvedAt, buffer)),
        Some(at) => (at - opened_at) as f32,
        None => f32::NAN,
    };
    // A resolution time says the contact was resolved, whether or not a resolved column
    // exists; without a resolved column, no resolution time means not resolved.
    let resolved = match cells.bool(Field::Resolved, buffer)? {
        Some(value) => Some(value),
        None if resolved_at.is_some() => Some(true),
        None if cells.columns(Field::Resolved).is_none()
            && cells.columns(Field::ResolvedAt).is_some() =>
        {
            Some(false)
        }
        None => None,
    };

    let csat = match cells.text(Field::Csat, buffer) {
        None => 0,
        Some(text) => match parse_number(text) {
            Some(value) if value.fract() == 0.0 && (1.0..=5.0).contains(&value) => value as u8,
            Some(_) => {
                let reason = format!(
                    "csat must be a whole number from 1 to 5, got \"{}\"",
                    shorten(text)
                );
                return Err(Rejection::new(
                    Field::Csat,
                    RejectKind::Impossible,
                    Some(text),
                    reason,
                ));
            }
            None => return Err(cells.unreadable(Field::Csat, text, "a rating from 1 to 5")),
        },
    };

    let row = EncodedRow {
        id: None,
        agent,
        team: cells.text_id(Field::Team, buffer, store),
        channel: cells.text_id(Field::Channel, buffer, store),
        topic: cells.text_id(Field::Topic, buffer, store),
        opened_at,
        answered,
        first_response_secs: first_response_secs.map_or(f32::NAN, |v| v as f32),
        handle_secs: handle_secs.map_or(f32::NAN, |v| v as f32),
        resolved: tri(resolved),
        resolution_secs,
        first_contact_resolved: tri(cells.bool(Field::FirstContactResolved, buffer)?),
        reopen_count: cells.count(Field::ReopenCount, buffer)?,
        reassign_count: cells.count(Field::ReassignCount, buffer)?,
        complaint: tri(cells.bool(Field::Complaint, buffer)?),
        csat,
        sla_met: tri(cells.bool(Field::SlaMet, buffer)?),
    };
    // The id is read last: it is the only text that may live in the join buffer here.
    let id = cells.text(Field::Id, buffer);
    store.push_encoded(EncodedRow { id, ..row });
    Ok(())
}

/// Excel's error values: what a sheet shows where a formula failed (a lookup of an agent's
/// name that found nothing shows `#N/A`). Never a name, so never scored as one.
fn is_excel_error(text: &str) -> bool {
    matches!(
        text,
        "#N/A"
            | "#REF!"
            | "#VALUE!"
            | "#DIV/0!"
            | "#NAME?"
            | "#NULL!"
            | "#NUM!"
            | "#SPILL!"
            | "#CALC!"
    )
}

/// A required field with no value.
fn missing(field: Field) -> Rejection {
    let reason = format!("{} is missing", field.name());
    Rejection::new(field, RejectKind::MissingRequired, None, reason)
}

#[cfg(test)]
mod tests {
    use super::trim_cell;
    use crate::field::Field;

    #[test]
    fn an_excel_error_value_is_never_an_agent_name() {
        let csv = "agent,opened_at\n#N/A,2026-09-01 09:00\n张三,2026-09-01 10:00\n";
        let result = crate::ingest::read_csv(csv.as_bytes(), None).unwrap();
        assert_eq!(result.store.len(), 1);
        let rejected = &result.rejected[0];
        assert_eq!((rejected.row, rejected.field.as_str()), (2, "agent"));
        assert!(
            rejected.reason.contains("Excel error value"),
            "{}",
            rejected.reason
        );
    }

    #[test]
    fn durations_the_store_cannot_hold_are_rejected_per_row() {
        let csv = "agent,opened_at,handle_secs,first_response_secs\n\
                   Ann,2026-09-01 09:00,1e39,5\n\
                   Bo,2026-09-01 09:00,30,3.5e38\n\
                   Cy,2026-09-01 09:00,99999999999999999999:00:00,5\n\
                   Di,2026-09-01 09:00,-0,-0.0\n";
        let result = crate::ingest::read_csv(csv.as_bytes(), None).unwrap();
        let rows: Vec<(usize, &str)> = result
            .rejected
            .iter()
            .map(|r| (r.row, r.field.as_str()))
            .collect();
        assert_eq!(rows, [(2, "handle_secs"), (3, "first_response_secs")]);
        assert!(
            result.rejected[0].reason.contains("too large"),
            "{}",
            result.rejected[0].reason
        );
        // 3.6e23 s fits an f32; -0 is read as 0, never as a negative zero.
        assert_eq!(result.store.agent_names(), ["Cy", "Di"]);
        let handle = result.store.seconds_column(Field::HandleSecs).unwrap();
        assert!(handle.iter().all(|v| v.is_finite()), "{handle:?}");
        assert!(handle[1] == 0.0 && handle[1].is_sign_positive());
        let first = result
            .store
            .seconds_column(Field::FirstResponseSecs)
            .unwrap();
        assert!(first[1].is_sign_positive());
    }

    #[test]
    fn trimming_agrees_with_str_trim_for_every_whitespace_character() {
        let whitespace: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(whitespace.len(), 25, "{whitespace:?}");
        for &blank in &whitespace {
            for core in ["a", "售后", "x y", "\u{3001}", "\u{00A1}", "7"] {
                for text in [
                    format!("{blank}{core}"),
                    format!("{core}{blank}"),
                    format!("{blank}{core}{blank}"),
                    core.to_string(),
                    blank.to_string(),
                ] {
                    assert_eq!(trim_cell(&text), text.trim(), "{text:?}");
                }
            }
        }
    }
}
