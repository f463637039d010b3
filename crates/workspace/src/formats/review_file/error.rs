//! Why a review file cannot be opened, in words a manager can act on: every problem inside
//! the file names its place (`record 13 (records[12], key T-1), field csat`).

use carescore_engine::versioning::newer_message;

/// A review file that cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// The bytes are not text CareScore can read (not UTF-8, no UTF-16 byte-order mark).
    NotText(String),
    /// Not JSON at all, or cut short. Line and column are 1-based.
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but not a CareScore review file (another tool's file, a scorecard, a data file).
    WrongFormat(String),
    /// Written by a newer CareScore (its `schema_version` is above [`super::SCHEMA_VERSION`]):
    /// the file is fine, this build is old. Not an unreadable file: the UI offers a reload
    /// (a deployed update) rather than "ask for the file again".
    FutureVersion { found: u64 },
    /// A value at `location` is wrong (a JSON path with 1-based item numbers for users).
    Invalid { location: String, reason: String },
}

impl DocumentError {
    /// True for a file from a newer CareScore, which is not a broken file.
    pub fn is_newer_version(&self) -> bool {
        matches!(self, DocumentError::FutureVersion { .. })
    }

    pub(crate) fn invalid(location: impl Into<String>, reason: impl Into<String>) -> Self {
        DocumentError::Invalid {
            location: location.into(),
            reason: reason.into(),
        }
    }

    /// From serde_json's error on the whole text.
    pub(crate) fn from_json_error(error: &serde_json::Error) -> Self {
        let reason = error.to_string();
        // serde_json appends " at line L column C"; the fields say it already.
        let reason = reason
            .rsplit_once(" at line ")
            .map_or(reason.as_str(), |(head, _)| head)
            .to_string();
        DocumentError::NotJson {
            line: error.line(),
            column: error.column(),
            reason,
        }
    }
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocumentError::NotText(reason) => {
                write!(f, "this file is not readable text: {reason}")
            }
            DocumentError::NotJson {
                line,
                column,
                reason,
            } if reason.starts_with("EOF") => write!(
                f,
                "this review file ends too early (line {line}, column {column}): it was cut \
                 short while saving or sending; ask for it again"
            ),
            DocumentError::NotJson {
                line,
                column,
                reason,
            } => write!(
                f,
                "this is not a review file: it is not valid JSON (line {line}, column {column}: \
                 {reason})"
            ),
            DocumentError::WrongFormat(reason) => write!(f, "{reason}"),
            DocumentError::FutureVersion { found } => f.write_str(&newer_message(*found)),
            DocumentError::Invalid { location, reason } => write!(f, "{location}: {reason}"),
        }
    }
}

impl std::error::Error for DocumentError {}

/// A JSON value shown inside a message: its JSON text, cut to 40 characters.
pub(crate) fn shown(value: &serde_json::Value) -> String {
    let text = value.to_string();
    cut(&text, 40)
}

/// `text` cut to `max` characters, with an ellipsis when cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(max).collect();
        short.push('…');
        short
    }
}
