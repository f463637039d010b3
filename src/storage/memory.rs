//! The in-memory fallback: used when the browser blocks storage, and in tests.

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
