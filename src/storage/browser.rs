//! `localStorage`, reached through `web_sys` with every call's `Result` kept.
//!
//! `gloo_storage::LocalStorage` is not used here on purpose: it unwraps
//! `window.localStorage`, which throws (and so panics the app) when storage is blocked,
//! and it stores values JSON-encoded, which would escape an already-JSON workspace a
//! second time and waste quota.

use wasm_bindgen::JsValue;

use super::{KeyValueStore, StorageError, KEY_PREFIX};

/// Written and removed once at start to learn whether writes are allowed.
const PROBE_KEY: &str = "carescore.probe";

/// The origin's `localStorage`, known to be readable.
pub struct BrowserStore {
    storage: web_sys::Storage,
}

impl BrowserStore {
    /// Opens `localStorage` after probing it with a test write and remove. Fails when the
    /// browser blocks access (sandboxed iframe, storage disabled, some private modes).
    ///
    /// A full store (quota exceeded on the probe) still opens: what is saved can be read,
    /// and failed writes are reported one by one.
    pub fn open() -> Result<Self, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        let storage = window
            .local_storage()
            .map_err(|err| StorageError::Unavailable(js_error_text(&err)))?
            .ok_or_else(|| StorageError::Unavailable("no localStorage".into()))?;
        match storage.set_item(PROBE_KEY, "1").map_err(classify) {
            Ok(()) => storage.remove_item(PROBE_KEY).map_err(classify)?,
            Err(StorageError::QuotaExceeded) => {}
            Err(err) => return Err(err),
        }
        debug_assert!(PROBE_KEY.starts_with(KEY_PREFIX));
        Ok(BrowserStore { storage })
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(classify)
    }
}

/// Maps a thrown `DOMException` to a [`StorageError`] by its `name`.
fn classify(err: JsValue) -> StorageError {
    match js_error_name(&err).as_deref() {
        // Chromium and WebKit say QuotaExceededError; old Firefox used its own name.
        Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => {
            StorageError::QuotaExceeded
        }
        Some("SecurityError") => StorageError::Unavailable(js_error_text(&err)),
        _ => StorageError::Other(js_error_text(&err)),
    }
}

fn js_error_name(err: &JsValue) -> Option<String> {
    js_sys::Reflect::get(err, &JsValue::from_str("name"))
        .ok()?
        .as_string()
}

fn js_error_text(err: &JsValue) -> String {
    let message = js_sys::Reflect::get(err, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string());
    match (js_error_name(err), message) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (Some(name), None) => name,
        (None, Some(message)) => message,
        (None, None) => format!("{err:?}"),
    }
}
