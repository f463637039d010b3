//! Browser tests of the app shell: switching the language re-renders the navigation and
//! sets `<html lang>`; the router follows hash changes; the storage banner appears only
//! when storage is memory-only; the real localStorage opens and round-trips; on first open
//! the shell shows before the demo, which is generated after the first paint.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_shell`

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carescore_web::app::AppWithStorage;
use carescore_web::i18n::LOCALE_STORAGE_KEY;
use carescore_web::state::CLEARED_KEY;
use carescore_web::storage::browser::BrowserStore;
use carescore_web::storage::memory::MemoryStore;
use carescore_web::storage::{KeyValueStore, StorageHandle, StorageMode};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// An in-memory store that starts in English with an empty workspace (no demo to build).
fn english_empty_store() -> Rc<MemoryStore> {
    let store = Rc::new(MemoryStore::new());
    store.set(LOCALE_STORAGE_KEY, "en").unwrap();
    store.set(CLEARED_KEY, "1").unwrap();
    store
}

fn by_test_id(root: &Element, id: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
}

fn text_of(root: &Element, id: &str) -> String {
    by_test_id(root, id)
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .text_content()
        .unwrap_or_default()
}

/// Waits for queued browser tasks (such as `hashchange`), not only microtasks.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn choose_language(root: &Element, code: &str) {
    let select: HtmlSelectElement = by_test_id(root, "language-select")
        .unwrap()
        .unchecked_into();
    select.set_value(code);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn choosing_a_language_translates_the_header_and_sets_html_lang() {
    let store = english_empty_store();
    let storage = StorageHandle::new(store.clone(), StorageMode::Persistent);
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || view! { <AppWithStorage storage /> });
    leptos::task::tick().await;

    assert_eq!(text_of(&root, "nav-dashboard").trim(), "Dashboard");
    assert_eq!(text_of(&root, "nav-settings").trim(), "Settings");

    choose_language(&root, "zh-CN");
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "nav-dashboard").trim(), "总览");
    assert_eq!(text_of(&root, "nav-settings").trim(), "设置");
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert_eq!(store.get(LOCALE_STORAGE_KEY), Ok(Some("zh-CN".to_string())));
    let select: HtmlSelectElement = by_test_id(&root, "language-select")
        .unwrap()
        .unchecked_into();
    assert_eq!(select.value(), "zh-CN");

    choose_language(&root, "en");
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "nav-dashboard").trim(), "Dashboard");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn the_router_follows_hash_changes_and_marks_the_current_section() {
    let storage = StorageHandle::new(english_empty_store(), StorageMode::Persistent);
    let root = container();
    window().location().set_hash("").unwrap();
    sleep(20).await;
    let _app = leptos::mount::mount_to(root.clone(), move || view! { <AppWithStorage storage /> });
    leptos::task::tick().await;
    assert!(by_test_id(&root, "page-dashboard").is_some());

    window().location().set_hash("#/settings").unwrap();
    sleep(20).await;
    assert!(by_test_id(&root, "page-settings").is_some());
    assert!(by_test_id(&root, "page-dashboard").is_none());
    let settings_link = by_test_id(&root, "nav-settings").unwrap();
    assert_eq!(
        settings_link.get_attribute("aria-current").as_deref(),
        Some("page")
    );
    let dashboard_link = by_test_id(&root, "nav-dashboard").unwrap();
    assert_eq!(dashboard_link.get_attribute("aria-current"), None);

    // A Chinese team name travels percent-encoded; the dashboard section stays current.
    window()
        .location()
        .set_hash("#/team/%E5%94%AE%E5%90%8E%E4%B8%80%E7%BB%84")
        .unwrap();
    sleep(20).await;
    assert!(by_test_id(&root, "page-team").is_some());
    assert_eq!(
        dashboard_link.get_attribute("aria-current").as_deref(),
        Some("page")
    );

    window().location().set_hash("#/no-such-page").unwrap();
    sleep(20).await;
    assert!(by_test_id(&root, "page-not-found").is_some());

    // Back goes to the previous hash.
    window().history().unwrap().back().unwrap();
    sleep(100).await;
    assert!(by_test_id(&root, "page-team").is_some());

    window().location().set_hash("").unwrap();
    sleep(20).await;
}

#[wasm_bindgen_test]
async fn the_storage_banner_shows_only_when_storage_is_memory_only() {
    let memory = StorageHandle::new(english_empty_store(), StorageMode::MemoryOnly);
    let root = container();
    let _app = leptos::mount::mount_to(
        root.clone(),
        move || view! { <AppWithStorage storage=memory /> },
    );
    leptos::task::tick().await;
    let banner = text_of(&root, "storage-banner");
    assert!(banner.contains("memory only"), "{banner}");

    let persistent = StorageHandle::new(english_empty_store(), StorageMode::Persistent);
    let root = container();
    let _app2 = leptos::mount::mount_to(
        root.clone(),
        move || view! { <AppWithStorage storage=persistent /> },
    );
    leptos::task::tick().await;
    assert!(by_test_id(&root, "storage-banner").is_none());
}

#[wasm_bindgen_test]
async fn a_failed_save_shows_the_quota_banner() {
    let store = Rc::new(MemoryStore::with_quota(64));
    store.set(LOCALE_STORAGE_KEY, "en").unwrap();
    store.set(CLEARED_KEY, "1").unwrap();
    let storage = StorageHandle::new(store, StorageMode::Persistent);
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), move || view! { <AppWithStorage storage /> });
    leptos::task::tick().await;
    assert!(by_test_id(&root, "storage-error-banner").is_none());

    assert!(storage.set("carescore.big", &"x".repeat(100)).is_err());
    leptos::task::tick().await;
    let banner = text_of(&root, "storage-error-banner");
    assert!(banner.contains("full"), "{banner}");
}

#[wasm_bindgen_test]
async fn first_open_shows_the_shell_then_builds_the_demo_after_the_first_paint() {
    let store = Rc::new(MemoryStore::new());
    store.set(LOCALE_STORAGE_KEY, "en").unwrap();
    let storage = StorageHandle::new(store, StorageMode::Persistent);
    let root = container();
    window().location().set_hash("").unwrap();
    let body = document().body().unwrap();
    body.remove_attribute("data-ready").unwrap();
    let _app = leptos::mount::mount_to(root.clone(), move || view! { <AppWithStorage storage /> });
    leptos::task::tick().await;
    // Mounted, the demo not generated yet: the header and a loading note, no empty state,
    // and not yet ready.
    assert!(by_test_id(&root, "app-header").is_some());
    assert_eq!(body.get_attribute("data-ready"), None);
    let loading = text_of(&root, "workspace-loading");
    assert!(loading.contains("demo"), "{loading}");
    assert!(by_test_id(&root, "empty-workspace").is_none());

    // A debug build generates the demo slowly: poll for the dashboard's headline.
    for _ in 0..600 {
        if by_test_id(&root, "centre-total").is_some() {
            break;
        }
        sleep(50).await;
    }
    assert!(
        by_test_id(&root, "centre-total").is_some(),
        "the demo never loaded"
    );
    assert!(by_test_id(&root, "workspace-loading").is_none());
    leptos::task::tick().await;
    assert_eq!(body.get_attribute("data-ready").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn local_storage_opens_after_probing_and_round_trips() {
    let store = BrowserStore::open().expect("headless Chromium allows localStorage");
    let key = "carescore.test.web_shell";
    store.set(key, "售后 ✓").unwrap();
    assert_eq!(store.get(key), Ok(Some("售后 ✓".to_string())));
    store.remove(key).unwrap();
    assert_eq!(store.get(key), Ok(None));
    assert_eq!(
        store.get("carescore.probe"),
        Ok(None),
        "the probe key is cleaned up"
    );
}
