//! Reading review files for the commands. A problem is printed as
//! `<file>: <json.path>: <reason>`: the library names places as people count
//! (`record 13 (records[12], key T-1), field csat`), and here that becomes the JSON path
//! `records[12].csat` with the people's numbering kept at the end of the reason.
//!
//! The library stops at the first problem; `review_problems` goes on from there.

use std::path::Path;

use carescore_workspace::formats::review_file::{Document, DocumentError, FORMAT};
use serde_json::Value;

/// One problem of a file: where (a JSON path, `$` for the file as a whole) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub reason: String,
    /// The place as people count it (`record 13, key T-1`), when the library gave one.
    pub note: Option<String>,
}

impl Problem {
    /// The line for stderr.
    pub fn line(&self, file: &str) -> String {
        match &self.note {
            Some(note) => format!("{file}: {}: {} ({note})", self.path, self.reason),
            None => format!("{file}: {}: {}", self.path, self.reason),
        }
    }
}

/// The library's error as a problem with a JSON path.
pub fn problem_of(error: &DocumentError) -> Problem {
    let whole = |path: &str| Problem {
        path: path.to_string(),
        reason: error.to_string(),
        note: None,
    };
    match error {
        DocumentError::Invalid { location, reason } => {
            let (path, note) = split_location(location);
            Problem {
                path,
                reason: reason.clone(),
                note,
            }
        }
        DocumentError::FutureVersion { .. } => whole("schema_version"),
        DocumentError::WrongFormat(message) if message.contains("\"format\"") => whole("format"),
        _ => whole("$"),
    }
}

/// `record 13 (records[12], key T-1), field csat` -> (`records[12].csat`,
/// `record 13, key T-1`); `feedback.surveys[2] (id S-1), answers.csat` ->
/// (`feedback.surveys[2].answers.csat`, `id S-1`). A place of another shape is kept whole.
fn split_location(location: &str) -> (String, Option<String>) {
    let whole = || (location.to_string(), None);
    let Some((base, rest)) = location.split_once(" (") else {
        return match location.rsplit_once(", ") {
            Some((head, tail)) if is_path(head) => match sub_place(tail) {
                Some(sub) => (joined(head, sub), None),
                None => whole(),
            },
            _ => whole(),
        };
    };
    // The note closes at the last parenthesis followed by nothing or by a sub-place.
    let split = rest.rmatch_indices(')').find_map(|(end, _)| {
        let tail = &rest[end + 1..];
        match tail.strip_prefix(", ") {
            _ if tail.is_empty() => Some((&rest[..end], None)),
            Some(tail) => sub_place(tail).map(|sub| (&rest[..end], Some(sub))),
            None => None,
        }
    });
    let Some((inner, sub)) = split else {
        return whole();
    };
    let (path, note) = if is_path(base) {
        (base, inner.to_string())
    } else {
        // `record 13 (records[12], key T-1)`: the path leads the note.
        let (first, others) = inner.split_once(", ").unwrap_or((inner, ""));
        if !is_path(first) {
            return whole();
        }
        let note = if others.is_empty() {
            base.to_string()
        } else {
            format!("{base}, {others}")
        };
        (first, note)
    };
    let path = sub.map_or_else(|| path.to_string(), |sub| joined(path, sub));
    (path, Some(note))
}

fn is_path(text: &str) -> bool {
    !text.is_empty() && !text.contains(' ')
}

/// `field csat` or `answers.csat` after an item's place.
fn sub_place(tail: &str) -> Option<&str> {
    let tail = tail.strip_prefix("field ").unwrap_or(tail);
    is_path(tail).then_some(tail)
}

fn joined(path: &str, sub: &str) -> String {
    if sub.starts_with('[') {
        format!("{path}{sub}")
    } else {
        format!("{path}.{sub}")
    }
}

/// Reads a review file, or says why not (the first problem).
pub fn read_document(path: &Path) -> Result<Document, Problem> {
    let bytes = std::fs::read(path).map_err(|error| Problem {
        path: "$".into(),
        reason: format!("cannot read: {error}"),
        note: None,
    })?;
    Document::from_bytes(&bytes).map_err(|error| problem_of(&error))
}

/// What a records file holds: a review file (recognised by its `format`, whatever the
/// file's extension) or contact records.
pub fn is_review_file(text: &[u8]) -> bool {
    let start = text.iter().position(|b| !b.is_ascii_whitespace());
    if start.is_none_or(|start| text[start] != b'{') {
        return false; // a JSON records file is a list; a CSV file is not JSON at all
    }
    // CareScore writes `format` first: a file cut short is still recognised by its start
    // (and then refused with the review file's own words).
    let head = &text[..text.len().min(4096)];
    let tag = format!("\"{FORMAT}\"");
    if head
        .windows(tag.len())
        .any(|window| window == tag.as_bytes())
    {
        return true;
    }
    #[derive(serde::Deserialize)]
    struct Tag {
        format: Option<Value>,
    }
    serde_json::from_slice::<Tag>(text)
        .ok()
        .and_then(|tag| tag.format)
        .is_some_and(|format| format == FORMAT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_become_json_paths_with_the_people_numbering_kept() {
        let cases = [
            (
                "record 13 (records[12], key T-1), field csat",
                "records[12].csat",
                Some("record 13, key T-1"),
            ),
            ("record 2 (records[1])", "records[1]", Some("record 2")),
            (
                "scorecards.versions[0] (version 1, effective from 1970-01-01)",
                "scorecards.versions[0]",
                Some("version 1, effective from 1970-01-01"),
            ),
            (
                "scorecards.versions[0].scorecard.dimensions[1].weight",
                "scorecards.versions[0].scorecard.dimensions[1].weight",
                None,
            ),
            (
                "mappings[1] (signature ab)",
                "mappings[1]",
                Some("signature ab"),
            ),
            ("comments", "comments", None),
            ("a place in words", "a place in words", None),
        ];
        for (location, path, note) in cases {
            let (found_path, found_note) = split_location(location);
            assert_eq!(found_path, path, "{location}");
            assert_eq!(found_note.as_deref(), note, "{location}");
        }
    }

    #[test]
    fn review_files_are_told_from_records_files_by_content() {
        assert!(is_review_file(
            b" {\"format\": \"carescore.review-file\", \"schema_version\": 1"
        ));
        let late = format!(
            "{{\"records\": [], \"x\": \"{}\", \"format\": \"{FORMAT}\"}}",
            "y".repeat(5000)
        );
        assert!(is_review_file(late.as_bytes()));
        assert!(!is_review_file(b"[{\"agent\": \"Ann\"}]"));
        assert!(!is_review_file(b"agent,opened_at\nAnn,2021-01-01 09:00\n"));
        assert!(!is_review_file(b"{\"format\": \"carescore.scorecard\"}"));
    }
}
