//! Where the app keeps small string values (the workspace JSON, the chosen language).
//!
//! One small synchronous interface, [`KeyValueStore`], with two implementations: the
//! browser's `localStorage` ([`browser::BrowserStore`]) and an in-memory map
//! ([`memory::MemoryStore`]) used when storage is blocked (sandboxed or third-party iframe,
//! some private modes). [`open_storage`] probes and picks one; the app never panics on
//! storage, it runs in memory and says so.
//!
//! Bulk records will later go to an asynchronous store (IndexedDB) behind a separate trait;
//! this interface stays for small values and is what the bulk store falls back to.

pub mod browser;
pub mod workspace_db;

use std::fmt;
use std::rc::Rc;

use leptos::prelude::*;

/// Every key the app writes starts with this, so the app's data is recognisable among other
/// apps' keys on the same origin and can be listed or cleared as one.
pub const KEY_PREFIX: &str = "carescore.";

/// Why a storage operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refuses access (blocked by settings, sandbox, private mode).
    Unavailable(String),
    /// The value does not fit: the origin's quota (about 5 MB of UTF-16 for localStorage)
    /// is used up.
    QuotaExceeded,
    /// Any other failure reported by the browser, with its message.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(f, "storage unavailable: {why}"),
            StorageError::QuotaExceeded => write!(f, "storage quota exceeded"),
            StorageError::Other(why) => write!(f, "storage error: {why}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// A store of string values by string key. Implementations never panic.
pub trait KeyValueStore {
    /// The value stored under `key`, or `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`, replacing any previous value.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key`; removing a missing key is not an error.
    fn remove(&self, key: &str) -> Result<(), StorageError>;
}

/// Whether what the user does survives closing the tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageMode {
    /// Saved in the browser's `localStorage` for this origin.
    Persistent,
    /// Kept in memory only: lost when the tab closes. The app shows a banner.
    MemoryOnly,
}

/// Opens `localStorage` if the browser allows it, else an in-memory store.
pub fn open_storage() -> (Rc<dyn KeyValueStore>, StorageMode) {
    match browser::BrowserStore::open() {
        Ok(store) => (Rc::new(store), StorageMode::Persistent),
        Err(_) => (Rc::new(memory::MemoryStore::new()), StorageMode::MemoryOnly),
    }
}

/// The app's store as shared through Leptos context: `Copy`, so components and event
/// handlers take it freely. Remembers the last failed write so the banner can report it.
#[derive(Clone, Copy)]
pub struct StorageHandle {
    store: StoredValue<Rc<dyn KeyValueStore>, LocalStorage>,
    mode: StorageMode,
    last_error: RwSignal<Option<StorageError>>,
}

impl StorageHandle {
    pub fn new(store: Rc<dyn KeyValueStore>, mode: StorageMode) -> Self {
        StorageHandle {
            store: StoredValue::new_local(store),
            mode,
            last_error: RwSignal::new(None),
        }
    }

    /// Probes the browser and wraps whatever [`open_storage`] picked.
    pub fn open() -> Self {
        let (store, mode) = open_storage();
        Self::new(store, mode)
    }

    pub fn mode(&self) -> StorageMode {
        self.mode
    }

    /// The last write that failed (reactive); cleared by the next successful write.
    pub fn last_error(&self) -> Option<StorageError> {
        self.last_error.get()
    }

    pub fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.store.with_value(|store| store.get(key))
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let result = self.store.with_value(|store| store.set(key, value));
        let error = result.as_ref().err().cloned();
        // Only notify the banner when the state changes, not on every save.
        if self.last_error.with_untracked(|last| *last != error) {
            self.last_error.set(error);
        }
        result
    }

    pub fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.store.with_value(|store| store.remove(key))
    }

    /// Makes this store available to the component tree through [`use_storage`].
    pub fn provide(self) {
        provide_context(self);
    }
}

/// The store provided by the App.
pub fn use_storage() -> StorageHandle {
    expect_context::<StorageHandle>()
}

/// The in-memory fallback: used when the browser blocks storage, and in tests.
/// It lives beside the interface because it is the browser storage's own fallback.
pub mod memory {
    use std::cell::{Cell, RefCell};
    use std::collections::HashMap;

    use super::{KeyValueStore, StorageError};

    /// Values kept in a map for the life of the page. An optional quota (in bytes of keys plus
    /// values) lets tests exercise the "storage full" path the browser store can report.
    #[derive(Debug, Default)]
    pub struct MemoryStore {
        values: RefCell<HashMap<String, String>>,
        quota_bytes: Cell<Option<usize>>,
    }

    impl MemoryStore {
        pub fn new() -> Self {
            Self::default()
        }

        /// A store that refuses writes once keys plus values would exceed `bytes`.
        pub fn with_quota(bytes: usize) -> Self {
            let store = Self::new();
            store.quota_bytes.set(Some(bytes));
            store
        }

        fn used_bytes_without(&self, key: &str) -> usize {
            self.values
                .borrow()
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum()
        }
    }

    impl KeyValueStore for MemoryStore {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            Ok(self.values.borrow().get(key).cloned())
        }

        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            if let Some(quota) = self.quota_bytes.get() {
                if self.used_bytes_without(key) + key.len() + value.len() > quota {
                    return Err(StorageError::QuotaExceeded);
                }
            }
            self.values
                .borrow_mut()
                .insert(key.to_string(), value.to_string());
            Ok(())
        }

        fn remove(&self, key: &str) -> Result<(), StorageError> {
            self.values.borrow_mut().remove(key);
            Ok(())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn set_get_and_remove_round_trip() {
            let store = MemoryStore::new();
            assert_eq!(store.get("carescore.a"), Ok(None));
            store.set("carescore.a", "一").unwrap();
            store.set("carescore.a", "二").unwrap();
            assert_eq!(store.get("carescore.a"), Ok(Some("二".to_string())));
            store.remove("carescore.a").unwrap();
            store.remove("carescore.a").unwrap();
            assert_eq!(store.get("carescore.a"), Ok(None));
        }

        #[test]
        fn writes_beyond_the_quota_fail_and_keep_the_old_value() {
            let store = MemoryStore::with_quota(10);
            store.set("k", "12345").unwrap();
            assert_eq!(
                store.set("k", "1234567890"),
                Err(StorageError::QuotaExceeded)
            );
            assert_eq!(store.get("k"), Ok(Some("12345".to_string())));
            // Replacing a value counts only the new size, not old plus new.
            store.set("k", "123456789").unwrap();
        }
    }
}
