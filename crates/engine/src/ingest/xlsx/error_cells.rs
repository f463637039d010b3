//! Error cells calamine cannot represent. Excel 365 writes codes calamine does not know
//! (`#SPILL!`, `#CALC!`, `#FIELD!`, ...), and calamine's cell reader then fails without
//! saying which cell. The sheet's XML is scanned for those cells, in order, so each such
//! failure becomes that cell's code and the row is rejected like any other bad value.

use std::collections::VecDeque;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::bad_file;
use crate::ingest::IngestError;

/// The codes calamine reads itself; every other `t="e"` cell makes it fail.
const KNOWN: [&str; 7] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
];

/// A position (0-based row, column) and the cell's error code.
pub(super) type ErrorCell = ((u32, u32), String);

/// The error cells of sheet `sheet` whose code calamine does not know, in sheet order.
pub(super) fn unknown_error_cells(
    bytes: &[u8],
    sheet: &str,
) -> Result<VecDeque<ErrorCell>, IngestError> {
    let damaged = |what: &str| {
        bad_file(format!(
            "sheet \"{sheet}\" cannot be read; the workbook may be damaged ({what})"
        ))
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| damaged(&error.to_string()))?;
    let mut part = |name: &str| -> Result<String, IngestError> {
        let mut text = String::new();
        archive
            .by_name(name)
            .map_err(|error| damaged(&format!("{name}: {error}")))?
            .read_to_string(&mut text)
            .map_err(|error| damaged(&format!("{name}: {error}")))?;
        Ok(text)
    };
    let workbook = part("xl/workbook.xml")?;
    let id = find_attr(&workbook, "sheet", ("name", sheet), "id")
        .ok_or_else(|| damaged("the sheet is not in xl/workbook.xml"))?;
    let rels = part("xl/_rels/workbook.xml.rels")?;
    let target = find_attr(&rels, "Relationship", ("Id", &id), "Target")
        .ok_or_else(|| damaged("the sheet has no part in the workbook's relationships"))?;
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    let xml = part(&path)?;
    Ok(scan(&xml))
}

/// The value of attribute `wanted` of the first `element` whose attribute `key.0` is `key.1`.
fn find_attr(xml: &str, element: &str, key: (&str, &str), wanted: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == element
                    && attr(&e, key.0).as_deref() == Some(key.1) =>
            {
                return attr(&e, wanted);
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// An attribute by its local name (`r:id` is `id`), unescaped.
fn attr(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == name).then(|| a.value.into_owned()))
}

/// Cells with `t="e"` and an unknown code, in document order.
fn scan(xml: &str) -> VecDeque<ErrorCell> {
    let mut found = VecDeque::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(u32, u32)> = None;
    let mut in_value = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "c" => {
                current = (attr(&e, "t").as_deref() == Some("e"))
                    .then(|| attr(&e, "r").and_then(|r| position(&r)))
                    .flatten();
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == "v" => in_value = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == "v" => in_value = false,
            Ok(Event::Text(text)) if in_value => {
                // Error codes hold no XML entities, so the raw text is the code.
                if let Some(pos) = current.take() {
                    let code = text.trim();
                    if !KNOWN.contains(&code) {
                        found.push_back((pos, code.chars().take(40).collect()));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return found,
            _ => {}
        }
    }
}

/// `A1` -> (0, 0); `None` for anything outside Excel's grid.
fn position(reference: &str) -> Option<(u32, u32)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || letters.len() > 3 || digits.len() > 7 {
        return None;
    }
    let mut col: u32 = 0;
    for letter in letters.bytes() {
        if !letter.is_ascii_alphabetic() {
            return None;
        }
        col = col * 26 + u32::from(letter.to_ascii_uppercase() - b'A') + 1;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unknown_codes_with_their_cells() {
        let xml = r#"<worksheet><sheetData><row r="2"><c r="B2" t="e"><v>#SPILL!</v></c>
            <c r="C2" t="e"><v>#N/A</v></c><c r="AA10" t="e"><f>X()</f><v>#CALC!</v></c>
            <c r="D2" t="s"><v>3</v></c></row></sheetData></worksheet>"#;
        let found: Vec<ErrorCell> = scan(xml).into();
        assert_eq!(
            found,
            vec![
                ((1, 1), "#SPILL!".to_string()),
                ((9, 26), "#CALC!".to_string())
            ]
        );
        assert_eq!(position("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(position("A0"), None);
        assert_eq!(position("ZZZZ1"), None);
    }
}
