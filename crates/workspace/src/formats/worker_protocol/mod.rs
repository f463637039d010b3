//! What the page and the data worker say to each other. Every message is JSON text,
//! optionally with one byte buffer beside it (a file, or a record snapshot). Pure serde
//! types: the web app's `src/data_worker/` sends them, [`job`] does the work.
//!
//! # Versions
//!
//! The page and the worker are built together and never mixed on purpose, so there is no
//! migration: a page meeting a worker of another [`PROTOCOL_VERSION`] (a static host or
//! cache serving a stale worker beside a new page, or the other way round) stops and says
//! so ([`check_worker`]) instead of misreading. The worker's first message,
//! `{"Ready":{"protocol":N}}`, is the one shape that never changes, so every build can read
//! every other build's version; `tests/fixtures/worker_protocol/ready-v1.json` pins it.

use crate::formats::review_file::SavedMapping;
use carescore_engine::ingest::{InputFormat, Mapping, Preview, QualityReport, RejectedRow};
use serde::{Deserialize, Serialize};

pub mod job;

/// Bumped when a message changes shape. A page and a worker from different builds (a
/// static host serving a stale cached worker) refuse each other instead of misreading.
pub const PROTOCOL_VERSION: u32 = 1;

/// Whether the page can talk to a worker that said `Ready { protocol }`; otherwise what
/// to tell the user (both sides come from one build, so a reload mends it).
pub fn check_worker(protocol: u32) -> Result<(), String> {
    use std::cmp::Ordering;
    let (which, why) = match protocol.cmp(&PROTOCOL_VERSION) {
        Ordering::Equal => return Ok(()),
        Ordering::Greater => ("a newer", "this page is a stale copy"),
        Ordering::Less => ("an older", "the worker is a stale copy"),
    };
    Err(format!(
        "the import worker is from {which} version of CareScore (protocol v{protocol}, this \
         page speaks v{PROTOCOL_VERSION}; {why}): reload the page"
    ))
}

/// The worker's entry script, relative to the page so the app works under any sub-path.
/// Trunk names worker files after the binary, without a content hash.
pub const WORKER_SCRIPT: &str = "./data_worker_loader.js";

/// Page -> worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Bytes: the file as picked. Decodes it, finds its headers and the mapping to start
    /// from: the one saved for the same headers, else the suggestion from their names.
    Open {
        name: String,
        /// A workbook's sheet to read; the first worksheet when `None`.
        sheet: Option<String>,
        saved: Vec<SavedMapping>,
    },
    /// The first rows of the open file, read with `mapping`.
    Preview {
        /// Echoed in the reply, so the page can drop answers to older drafts.
        id: u64,
        mapping: Mapping,
        rows: usize,
    },
    /// Reads the whole open file and checks it. Bytes: a snapshot of the workspace's
    /// records when `against_existing` (the import adds to them), else none (the import
    /// replaces the demo).
    Check {
        mapping: Mapping,
        against_existing: bool,
    },
}

/// Worker -> page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// Sent once the worker runs; a different version means a stale cached worker.
    Ready {
        protocol: u32,
    },
    Opened(Opened),
    Previewed {
        id: u64,
        result: Result<Preview, String>,
    },
    Progress(CheckPhase),
    /// Bytes: the snapshot of the records the workspace would hold after applying.
    Checked(CheckSummary),
    /// The message names the file, and the row and field where there is one.
    Failed {
        message: String,
    },
}

/// An opened file, ready to map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    pub name: String,
    pub format: InputFormat,
    /// The WHATWG label of the encoding the text was in ("utf-8", "gb18030", ...).
    pub encoding: String,
    pub bytes: usize,
    /// A workbook's worksheets (empty for text files) and the one being read.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    /// Identifies the header row, so the mapping is saved for the next such file.
    pub signature: String,
    pub mapping: Mapping,
    /// Whether `mapping` is one saved earlier for the same headers.
    pub mapping_saved: bool,
}

/// Where a check is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum CheckPhase {
    Reading { fraction: f64, rows: usize },
    Checking,
    Merging,
}

/// What a check found. The merged records travel beside it as a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckSummary {
    pub file: String,
    pub rows_read: usize,
    pub rejected: Vec<RejectedRow>,
    pub report: QualityReport,
    pub merged: MergedCounts,
    /// Milliseconds the worker spent, from the first byte read to the merged snapshot.
    pub worker_ms: f64,
}

/// What applying would do to the records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedCounts {
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub duplicates_in_file: usize,
    /// Records in the workspace after applying.
    pub total: usize,
    /// Whether the demo records are replaced rather than added to.
    pub replaces_demo: bool,
}

impl Request {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("requests always serialise")
    }
    pub fn from_json(text: &str) -> Result<Request, String> {
        serde_json::from_str(text).map_err(|e| format!("unreadable request: {e}"))
    }
}

impl Reply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("replies always serialise")
    }
    pub fn from_json(text: &str) -> Result<Reply, String> {
        serde_json::from_str(text).map_err(|e| format!("unreadable reply: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ready_message_keeps_its_shape_for_every_version() {
        let fixture = include_str!("../../../tests/fixtures/worker_protocol/ready-v1.json");
        let ready = Reply::from_json(fixture.trim()).unwrap();
        assert_eq!(ready, Reply::Ready { protocol: 1 });
        assert_eq!(ready.to_json(), fixture.trim());
        let future = Reply::from_json(r#"{"Ready":{"protocol":7}}"#).unwrap();
        assert_eq!(future, Reply::Ready { protocol: 7 });
    }

    #[test]
    fn a_worker_of_another_version_is_refused_saying_which_is_stale() {
        assert_eq!(check_worker(PROTOCOL_VERSION), Ok(()));
        let newer = check_worker(PROTOCOL_VERSION + 1).unwrap_err();
        assert!(newer.contains("from a newer version"), "{newer}");
        assert!(newer.contains("this page is a stale copy"), "{newer}");
        assert!(newer.ends_with("reload the page"), "{newer}");
        let older = check_worker(0).unwrap_err();
        assert!(older.contains("from an older version"), "{older}");
        assert!(older.contains("the worker is a stale copy"), "{older}");
    }

    #[test]
    fn a_message_from_another_build_is_unreadable_not_misread() {
        let why = Reply::from_json(r#"{"Checked":{"file":"a.csv"}}"#).unwrap_err();
        assert!(why.starts_with("unreadable reply:"), "{why}");
        let why = Request::from_json(r#"{"Open":{"name":"a.csv"}}"#).unwrap_err();
        assert!(why.starts_with("unreadable request:"), "{why}");
    }
}
