//! Review files for the CLI tests, written by the library's own writer from demo records.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use carescore_engine::demo::{record_store, DemoConfig};
use carescore_workspace::formats::review_file::Document;
use carescore_workspace::Workspace;
use serde_json::Value;

/// A small demo workspace: 60 contacts of 4 agents in 2 teams over one month.
pub fn demo_workspace() -> Workspace {
    let config = DemoConfig {
        contacts: 60,
        agents: 4,
        teams: 2,
        months: 1,
        ..DemoConfig::default()
    };
    Workspace {
        records: Arc::new(record_store(&config).expect("a valid demo config")),
        ..Workspace::default()
    }
}

/// The demo workspace as a review file.
pub fn demo_document() -> Document {
    Document::from_workspace(&demo_workspace())
}

/// Writes `document` as CareScore does; returns the path as text.
pub fn write(dir: &Path, name: &str, document: &Document) -> String {
    write_text(dir, name, &document.to_json())
}

/// Writes `document` after `edit` changed its JSON (for files CareScore would never write).
pub fn write_edited(
    dir: &Path,
    name: &str,
    document: &Document,
    edit: impl FnOnce(&mut Value),
) -> String {
    let mut value: Value = serde_json::from_str(&document.to_json()).unwrap();
    edit(&mut value);
    write_text(dir, name, &serde_json::to_string_pretty(&value).unwrap())
}

pub fn write_text(dir: &Path, name: &str, text: &str) -> String {
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}
