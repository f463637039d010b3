//! Where the workspace itself is saved: IndexedDB (localStorage holds only about 5 MB, and a
//! million records take about 60 MB), or memory when the browser blocks storage.
//!
//! The saved workspace is three values in one object store, always written together in one
//! transaction, so a failed write (quota exceeded, tab closed) leaves the previous state
//! whole:
//! - `meta`: the workspace's small part as JSON text (scorecards, mappings, origin);
//! - `records`: the records as one binary snapshot (`RecordStore::to_snapshot`);
//! - `revision`: a number every save increments. A save names the revision it started
//!   from and fails with [`SaveError::Conflict`] if another tab saved since, so neither
//!   tab silently overwrites the other's work.
//!
//! A saved state the app cannot read is never deleted: [`WorkspaceDb::keep_aside`] copies
//! it under a `corrupt:` key first.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

const DB_NAME: &str = "carescore";
const DB_VERSION: u32 = 1;
const STORE: &str = "workspace";
const META_KEY: &str = "meta";
const RECORDS_KEY: &str = "records";
const REVISION_KEY: &str = "revision";
/// Prefix of the keys under which unreadable saved states are kept.
pub const CORRUPT_PREFIX: &str = "corrupt:";

/// What a save does with the saved records.
#[derive(Clone, Copy, Debug)]
pub enum RecordsWrite<'a> {
    /// Leaves them as they are (only the small part changed).
    Keep,
    Replace(&'a [u8]),
    /// Deletes them (the workspace is empty or the regenerated demo).
    Remove,
}

/// The saved workspace as stored: text and bytes the state layer interprets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedBlobs {
    pub meta: String,
    pub records: Option<Vec<u8>>,
    pub revision: u64,
}

/// Why a save did not happen. The previous saved state is intact in every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser's quota for this site is used up.
    QuotaExceeded,
    /// Another tab saved the workspace since this tab loaded it (its revision is given).
    Conflict { theirs: u64 },
    /// Anything else the browser reported.
    Other(String),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::QuotaExceeded => write!(f, "storage quota exceeded"),
            SaveError::Conflict { theirs } => {
                write!(f, "another tab saved the workspace (revision {theirs})")
            }
            SaveError::Other(why) => write!(f, "{why}"),
        }
    }
}

/// The workspace store: the browser's IndexedDB, or memory.
#[derive(Clone)]
pub enum WorkspaceDb {
    IndexedDb(Rc<Database>),
    Memory(Rc<RefCell<BTreeMap<String, Stored>>>),
}

/// A value in the memory store.
#[derive(Clone, Debug)]
pub enum Stored {
    Text(String),
    Bytes(Vec<u8>),
    Number(u64),
}

impl WorkspaceDb {
    /// Opens (creating on first use) the IndexedDB database. Fails when the browser blocks
    /// IndexedDB (sandboxed or third-party frames, some private modes).
    pub async fn open() -> Result<WorkspaceDb, String> {
        let factory = Factory::new().map_err(|e| js_text(&e))?;
        let mut request = factory
            .open(DB_NAME, Some(DB_VERSION))
            .map_err(|e| js_text(&e))?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                if !db.store_names().iter().any(|name| name == STORE) {
                    let _ = db.create_object_store(STORE, ObjectStoreParams::new());
                }
            }
        });
        let db = request.await.map_err(|e| js_text(&e))?;
        Ok(WorkspaceDb::IndexedDb(Rc::new(db)))
    }

    /// An empty store in memory.
    pub fn memory() -> WorkspaceDb {
        WorkspaceDb::Memory(Rc::default())
    }

    pub fn is_memory(&self) -> bool {
        matches!(self, WorkspaceDb::Memory(_))
    }

    /// The saved workspace, or `None` when nothing was saved yet.
    pub async fn load(&self) -> Result<Option<SavedBlobs>, String> {
        let (meta, records, revision) = match self {
            WorkspaceDb::Memory(map) => {
                let map = map.borrow();
                let meta = match map.get(META_KEY) {
                    Some(Stored::Text(text)) => Some(text.clone()),
                    _ => None,
                };
                let records = match map.get(RECORDS_KEY) {
                    Some(Stored::Bytes(bytes)) => Some(bytes.clone()),
                    _ => None,
                };
                let revision = match map.get(REVISION_KEY) {
                    Some(Stored::Number(n)) => *n,
                    _ => 0,
                };
                (meta, records, revision)
            }
            WorkspaceDb::IndexedDb(db) => {
                let tx = db
                    .transaction(&[STORE], TransactionMode::ReadOnly)
                    .map_err(|e| js_text(&e))?;
                let store = tx.object_store(STORE).map_err(|e| js_text(&e))?;
                let get = |key: &str| store.get(JsValue::from_str(key)).map_err(|e| js_text(&e));
                let meta = get(META_KEY)?.await.map_err(|e| js_text(&e))?;
                let records = get(RECORDS_KEY)?.await.map_err(|e| js_text(&e))?;
                let revision = get(REVISION_KEY)?.await.map_err(|e| js_text(&e))?;
                (
                    meta.and_then(|v| v.as_string()),
                    records
                        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
                        .map(|array| array.to_vec()),
                    revision.and_then(|v| v.as_f64()).unwrap_or(0.0) as u64,
                )
            }
        };
        Ok(meta.map(|meta| SavedBlobs {
            meta,
            records,
            revision,
        }))
    }

    /// The revision saved now (0 when nothing was saved).
    pub async fn revision(&self) -> Result<u64, String> {
        match self {
            WorkspaceDb::Memory(map) => Ok(match map.borrow().get(REVISION_KEY) {
                Some(Stored::Number(n)) => *n,
                _ => 0,
            }),
            WorkspaceDb::IndexedDb(db) => {
                let tx = db
                    .transaction(&[STORE], TransactionMode::ReadOnly)
                    .map_err(|e| js_text(&e))?;
                let store = tx.object_store(STORE).map_err(|e| js_text(&e))?;
                let value = store
                    .get(JsValue::from_str(REVISION_KEY))
                    .map_err(|e| js_text(&e))?
                    .await
                    .map_err(|e| js_text(&e))?;
                Ok(value.and_then(|v| v.as_f64()).unwrap_or(0.0) as u64)
            }
        }
    }

    /// Saves `meta` (and writes the records as `records` says) as revision
    /// `expected + 1`, if the saved revision is still `expected`. One transaction: all of
    /// it lands or none. Returns the new revision.
    pub async fn save(
        &self,
        expected: u64,
        meta: &str,
        records: RecordsWrite<'_>,
    ) -> Result<u64, SaveError> {
        let next = expected + 1;
        match self {
            WorkspaceDb::Memory(map) => {
                let mut map = map.borrow_mut();
                let current = match map.get(REVISION_KEY) {
                    Some(Stored::Number(n)) => *n,
                    _ => 0,
                };
                if current != expected {
                    return Err(SaveError::Conflict { theirs: current });
                }
                map.insert(META_KEY.into(), Stored::Text(meta.to_string()));
                match records {
                    RecordsWrite::Keep => {}
                    RecordsWrite::Replace(bytes) => {
                        map.insert(RECORDS_KEY.into(), Stored::Bytes(bytes.to_vec()));
                    }
                    RecordsWrite::Remove => {
                        map.remove(RECORDS_KEY);
                    }
                }
                map.insert(REVISION_KEY.into(), Stored::Number(next));
                Ok(next)
            }
            WorkspaceDb::IndexedDb(db) => {
                let tx = db
                    .transaction(&[STORE], TransactionMode::ReadWrite)
                    .map_err(save_error)?;
                let store = tx.object_store(STORE).map_err(save_error)?;
                // Read and write in one readwrite transaction: IndexedDB runs such
                // transactions on one store one at a time, so this is a compare-and-swap.
                let current = store
                    .get(JsValue::from_str(REVISION_KEY))
                    .map_err(save_error)?
                    .await
                    .map_err(save_error)?
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0) as u64;
                if current != expected {
                    let _ = tx.abort();
                    return Err(SaveError::Conflict { theirs: current });
                }
                let put = |key: &str, value: &JsValue| {
                    store
                        .put(value, Some(&JsValue::from_str(key)))
                        .map_err(save_error)
                };
                put(META_KEY, &JsValue::from_str(meta))?;
                match records {
                    RecordsWrite::Keep => {}
                    RecordsWrite::Replace(bytes) => {
                        put(RECORDS_KEY, &Uint8Array::from(bytes).into())?;
                    }
                    RecordsWrite::Remove => {
                        store
                            .delete(JsValue::from_str(RECORDS_KEY))
                            .map_err(save_error)?;
                    }
                }
                put(REVISION_KEY, &JsValue::from_f64(next as f64))?;
                let outcome = tx.await.map_err(save_error)?;
                if outcome.is_committed() {
                    Ok(next)
                } else {
                    Err(SaveError::Other("the browser aborted the save".into()))
                }
            }
        }
    }

    /// Copies an unreadable saved state under `corrupt:<label>` (meta and records), so
    /// saving a new workspace never destroys it.
    pub async fn keep_aside(&self, label: &str, blobs: &SavedBlobs) -> Result<(), SaveError> {
        let meta_key = format!("{CORRUPT_PREFIX}{label}:meta");
        let records_key = format!("{CORRUPT_PREFIX}{label}:records");
        match self {
            WorkspaceDb::Memory(map) => {
                let mut map = map.borrow_mut();
                map.insert(meta_key, Stored::Text(blobs.meta.clone()));
                if let Some(bytes) = &blobs.records {
                    map.insert(records_key, Stored::Bytes(bytes.clone()));
                }
                Ok(())
            }
            WorkspaceDb::IndexedDb(db) => {
                let tx = db
                    .transaction(&[STORE], TransactionMode::ReadWrite)
                    .map_err(save_error)?;
                let store = tx.object_store(STORE).map_err(save_error)?;
                store
                    .put(
                        &JsValue::from_str(&blobs.meta),
                        Some(&JsValue::from_str(&meta_key)),
                    )
                    .map_err(save_error)?;
                if let Some(bytes) = &blobs.records {
                    store
                        .put(
                            &Uint8Array::from(bytes.as_slice()).into(),
                            Some(&JsValue::from_str(&records_key)),
                        )
                        .map_err(save_error)?;
                }
                tx.await.map_err(save_error)?;
                Ok(())
            }
        }
    }
}

/// Maps an IndexedDB failure to a [`SaveError`], recognising a full quota by the
/// DOMException's name anywhere in the error.
fn save_error(error: idb::Error) -> SaveError {
    let text = js_text(&error);
    if text.contains("QuotaExceeded") {
        SaveError::QuotaExceeded
    } else {
        SaveError::Other(text)
    }
}

fn js_text(error: &idb::Error) -> String {
    format!("{error:?}")
}
