//! CareScore's web app: a Leptos client-side app. `main.rs` only mounts it, so the
//! browser tests can mount the same components.
//!
//! - [`app`]: the App (header, navigation, banners, the routed page)
//! - [`router`]: hash routing (`#/team/<name>`)
//! - [`i18n`]: interface language; texts in `locales/*.yml`
//! - [`storage`]: where small values are kept (localStorage, or memory when blocked)
//! - [`state`]: the workspace and its scores
//! - [`pages`]: one file per page
//! - [`charts`]: accessible SVG charts laid out by plotters
//! - [`data_worker`]: imports in a Web Worker (a second wasm module)

// Compiles every locales/*.yml into the app; `i18n::translate` looks texts up.
rust_i18n::i18n!("locales", fallback = "en");

pub mod app;
pub mod charts;
pub mod data_worker;
pub mod download;
pub mod i18n;
pub mod pages;
pub mod router;
pub mod state;
pub mod storage;

/// Mounts the App into `<body>`; the App marks the body `data-ready="true"` once its first
/// workspace is in place (see `app::AppWithStorage`).
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
