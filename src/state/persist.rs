//! Saving and loading the workspace: the state layer's side of [`WorkspaceDb`].
//!
//! - Every change the user makes is saved at once; a change that must land whole (an
//!   import, a merge) is saved first and shown only once saved.
//! - A failed save (quota) leaves the previous saved state and says so in a banner.
//! - A save that finds another tab's newer revision is refused ([`SaveError::Conflict`]);
//!   tabs also tell each other through a `BroadcastChannel`, so the banner appears as soon
//!   as another tab saves, not only at this tab's next save.
//! - A saved state that cannot be read is kept aside (never deleted), reported, and can be
//!   downloaded as it is.
//! - A saved state written by a newer CareScore (this page is a stale copy) is left where
//!   it is and the page works in memory, so nothing overwrites it; the banner says to
//!   reload.

use carescore_engine::records::RecordStore;
use carescore_engine::records::SnapshotError;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::storage::workspace_db::{RecordsWrite, SaveError, SavedBlobs, WorkspaceDb};
use carescore_workspace::formats::saved_state::{self, SavedOrigin, SavedStateError};
use carescore_workspace::Workspace;

/// Name of the channel tabs announce their saves on.
const CHANNEL: &str = "carescore.workspace";

/// How the last save went.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved,
    Failed(SaveError),
}

/// A saved state the app could not read: kept aside under `label`, downloadable.
#[derive(Clone, Debug, PartialEq)]
pub struct CorruptState {
    pub reason: String,
    pub label: String,
    pub blobs: SavedBlobs,
    /// Written by a newer CareScore (the format version it wrote): not damaged, left in
    /// place for a reload to open.
    pub newer: Option<u64>,
}

/// What was loaded at start.
pub enum Loaded {
    /// Nothing saved yet.
    Nothing,
    Saved(Box<SavedWorkspace>),
    /// Saved but unreadable (already kept aside).
    Corrupt,
}

/// A saved workspace as read back.
pub struct SavedWorkspace {
    /// Everything but the records.
    work: Workspace,
    /// The records, when they were imported (the demo is generated again instead).
    records: Option<RecordStore>,
}

impl SavedWorkspace {
    /// The workspace with its saved records (none for the demo, generated again instead).
    pub fn into_workspace(self) -> Workspace {
        let mut work = self.work;
        if let Some(records) = self.records {
            work.records = std::sync::Arc::new(records);
        }
        work
    }
}

/// The state's handle on the workspace store (`Copy`).
#[derive(Clone, Copy)]
pub struct Persistence {
    db: StoredValue<Option<WorkspaceDb>, LocalStorage>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    /// The revision this tab last loaded or saved.
    revision: StoredValue<u64>,
    status: RwSignal<SaveStatus>,
    corrupt: RwSignal<Option<CorruptState>>,
    /// Another tab saved since this tab loaded (reactive).
    changed_elsewhere: RwSignal<bool>,
    memory_only: RwSignal<bool>,
}

/// `<body data-saved-revision="N">` after each save, so a journey that reloads the page can
/// wait for the save its last action started instead of sleeping.
fn mark_saved_revision(revision: u64) {
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body());
    if let Some(body) = body {
        let _ = body.set_attribute("data-saved-revision", &revision.to_string());
    }
}

impl Persistence {
    /// A handle with no store yet (tests keep it: saving is then a no-op that succeeds).
    pub fn new() -> Persistence {
        Persistence {
            db: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            revision: StoredValue::new(0),
            status: RwSignal::new(SaveStatus::Idle),
            corrupt: RwSignal::new(None),
            changed_elsewhere: RwSignal::new(false),
            memory_only: RwSignal::new(false),
        }
    }

    /// Opens IndexedDB (memory when blocked) and reads the saved workspace.
    pub async fn open_and_load(&self) -> Loaded {
        let db = match WorkspaceDb::open().await {
            Ok(db) => db,
            Err(_) => {
                self.memory_only.set(true);
                WorkspaceDb::memory()
            }
        };
        self.db.set_value(Some(db.clone()));
        self.listen_to_other_tabs();
        let blobs = match db.load().await {
            Ok(Some(blobs)) => blobs,
            Ok(None) => return Loaded::Nothing,
            Err(reason) => {
                // Readable neither now nor later: run in memory rather than overwrite.
                self.memory_only.set(true);
                self.db.set_value(Some(WorkspaceDb::memory()));
                self.corrupt.set(Some(CorruptState {
                    reason,
                    label: String::new(),
                    blobs: SavedBlobs::default(),
                    newer: None,
                }));
                return Loaded::Corrupt;
            }
        };
        self.revision.set_value(blobs.revision);
        match decode(&blobs) {
            Ok((work, records)) => Loaded::Saved(Box::new(SavedWorkspace { work, records })),
            Err(Unread::Newer(version, reason)) => {
                // Left in place for the newer build a reload brings; memory keeps this
                // page from overwriting it.
                self.memory_only.set(true);
                self.db.set_value(Some(WorkspaceDb::memory()));
                self.corrupt.set(Some(CorruptState {
                    reason,
                    label: String::new(),
                    blobs,
                    newer: Some(version),
                }));
                Loaded::Corrupt
            }
            Err(Unread::Unreadable(reason)) => {
                let label = js_sys::Date::new_0()
                    .to_iso_string()
                    .as_string()
                    .unwrap_or_default();
                let _ = db.keep_aside(&label, &blobs).await;
                self.corrupt.set(Some(CorruptState {
                    reason,
                    label,
                    blobs,
                    newer: None,
                }));
                Loaded::Corrupt
            }
        }
    }

    /// Saves the workspace: its saved state, and the records as `records` says. On success
    /// the revision moves on and other tabs are told.
    pub async fn save_work(
        &self,
        work: &Workspace,
        records: RecordsWrite<'_>,
    ) -> Result<(), SaveError> {
        let Some(db) = self.db.get_value() else {
            return Ok(());
        };
        self.status.set(SaveStatus::Saving);
        let expected = self.revision.get_value();
        match db
            .save(expected, &saved_state::to_json(work), records)
            .await
        {
            Ok(revision) => {
                self.revision.set_value(revision);
                mark_saved_revision(revision);
                self.status.set(SaveStatus::Saved);
                self.announce(revision);
                Ok(())
            }
            Err(error) => {
                self.status.set(SaveStatus::Failed(error.clone()));
                Err(error)
            }
        }
    }

    /// Takes the other tab's revision as the base, so the next save overwrites it (the
    /// user chose "keep mine").
    pub async fn adopt_saved_revision(&self) {
        if let Some(db) = self.db.get_value() {
            if let Ok(revision) = db.revision().await {
                self.revision.set_value(revision);
            }
        }
        self.changed_elsewhere.set(false);
    }

    pub fn status(&self) -> SaveStatus {
        self.status.get()
    }

    pub fn clear_status(&self) {
        self.status.set(SaveStatus::Idle);
    }

    pub fn corrupt(&self) -> Option<CorruptState> {
        self.corrupt.get()
    }

    pub fn dismiss_corrupt(&self) {
        self.corrupt.set(None);
    }

    pub fn changed_elsewhere(&self) -> bool {
        self.changed_elsewhere.get()
    }

    /// Whether the workspace lives in memory only (reactive).
    pub fn memory_only(&self) -> bool {
        self.memory_only.get()
    }

    fn announce(&self, revision: u64) {
        self.channel.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel.post_message(&(revision as f64).into());
            }
        });
    }

    fn listen_to_other_tabs(&self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let this = *self;
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let theirs = event.data().as_f64().unwrap_or(0.0) as u64;
                if theirs > this.revision.get_value() {
                    this.changed_elsewhere.set(true);
                }
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The listener lives as long as the page.
        on_message.forget();
        self.channel.set_value(Some(channel));
    }
}

impl Default for Persistence {
    fn default() -> Self {
        Persistence::new()
    }
}

/// Why saved blobs were not read.
enum Unread {
    /// Written by a newer CareScore (the version it wrote, and the reader's words): left
    /// as it is.
    Newer(u64, String),
    /// Kept aside as damaged.
    Unreadable(String),
}

/// Reads saved blobs: the workspace without records, and the records when imported.
fn decode(blobs: &SavedBlobs) -> Result<(Workspace, Option<RecordStore>), Unread> {
    let work = saved_state::from_json(&blobs.meta).map_err(|error| match error {
        SavedStateError::Newer { version } => Unread::Newer(version, error.to_string()),
        SavedStateError::Unreadable(reason) => Unread::Unreadable(reason),
    })?;
    let records = match (work.origin, &blobs.records) {
        (SavedOrigin::Imported, Some(bytes)) => Some(RecordStore::from_snapshot(bytes).map_err(
            |error| match error {
                SnapshotError::NewerFormat(version) => {
                    Unread::Newer(u64::from(version), error.to_string())
                }
                SnapshotError::Corrupt(_) => Unread::Unreadable(error.to_string()),
            },
        )?),
        (SavedOrigin::Imported, None) => {
            return Err(Unread::Unreadable("the saved records are missing".into()))
        }
        (SavedOrigin::Demo | SavedOrigin::Empty, _) => None,
    };
    Ok((work, records))
}
