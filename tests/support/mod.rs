//! What the browser tests (`tests/web_*.rs`) share: a fresh container in the test page,
//! the app's state over memory storage in English, and DOM helpers that act as a user does
//! (set a value, then fire the event a browser would; click). Each test binary includes it
//! with `mod support;` and uses the part it needs.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::rc::Rc;

use carescore_engine::feedback::{builtin, Answer, Answers, ItemInput, QaReview};

use carescore_web::i18n::{I18n, Locale};
use carescore_web::state::AppState;
use carescore_web::storage::{memory::MemoryStore, StorageHandle, StorageMode};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// A new `<div>` at the end of the test page's body.
pub fn container() -> HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Memory storage, the English interface and the app state (with the demo workspace or
/// empty), all provided in the current reactive owner: call it inside the mount closure.
pub fn provide_state(with_demo: bool) -> (AppState, I18n) {
    let storage = StorageHandle::new(Rc::new(MemoryStore::new()), StorageMode::MemoryOnly);
    storage.provide();
    let i18n = I18n::provide(storage);
    i18n.set(Locale::En);
    let state = AppState::new(Some(storage), with_demo);
    provide_context(state);
    (state, i18n)
}

/// [`provide_state`] with the demo workspace.
pub fn provide_demo_state() -> AppState {
    provide_state(true).0
}

/// Mounts `page` into a new container over [`provide_state`] and lets it render once;
/// returns the root, the state and the language. The page lives as long as the test's
/// document.
pub async fn mount_app<V: IntoView + 'static>(
    with_demo: bool,
    page: impl FnOnce(AppState) -> V + 'static,
) -> (Element, AppState, I18n) {
    let root = container();
    let out = Rc::new(std::cell::Cell::new(None));
    let out_in = out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let (state, i18n) = provide_state(with_demo);
        out_in.set(Some((state, i18n)));
        page(state)
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    let (state, i18n) = out.get().expect("mounted");
    (root.unchecked_into(), state, i18n)
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// The first match; panics naming the selector when there is none.
pub fn one(root: &Element, selector: &str) -> Element {
    find(root, selector).unwrap_or_else(|| panic!("{selector} not found"))
}

pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

pub fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

/// Sets an input's, textarea's or select's value, then fires a bubbling `event`
/// (`"input"` as typing does, `"change"` as a select or a committed number does).
pub fn set_value(root: &Element, selector: &str, value: &str, event: &str) {
    let el = one(root, selector);
    js_sys::Reflect::set(&el, &JsValue::from_str("value"), &JsValue::from_str(value)).unwrap();
    let ev = document().create_event("Event").unwrap();
    ev.init_event_with_bubbles_and_cancelable(event, true, true);
    el.dispatch_event(&ev).unwrap();
}

/// Types `value` the way a user does: the value, then an `input` event.
pub fn type_into(root: &Element, selector: &str, value: &str) {
    set_value(root, selector, value, "input");
}

pub fn click(root: &Element, selector: &str) {
    one(root, selector).unchecked_into::<HtmlElement>().click();
}

/// Lets Leptos run the effects a change scheduled (a few ticks: an effect may schedule
/// another).
pub async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// Waits `ms` milliseconds on the browser's clock.
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Puts a file with `content` on the file input and fires `change`, as a user picking it.
pub fn pick_file(root: &Element, selector: &str, name: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    let items = js_sys::Reflect::get(&transfer, &JsValue::from_str("items")).unwrap();
    let add: js_sys::Function = js_sys::Reflect::get(&items, &JsValue::from_str("add"))
        .unwrap()
        .unchecked_into();
    add.call1(&items, &file).unwrap();
    let input: web_sys::HtmlInputElement = one(root, selector).unchecked_into();
    input.set_files(transfer.files().as_ref());
    let event = document().create_event("Event").unwrap();
    event.init_event_with_bubbles_and_cancelable("change", true, true);
    input.dispatch_event(&event).unwrap();
}

/// Waits (up to a second) until `selector` matches under `root`: a file read or a save is a
/// browser task, so its result appears after a few turns, not at once.
pub async fn wait_for(root: &Element, selector: &str) {
    for _ in 0..50 {
        if root.query_selector(selector).unwrap().is_some() {
            return;
        }
        sleep(20).await;
    }
    panic!("{selector} did not appear");
}

/// A QA review of `agent` with the built-in rubric, dated the second day of `period`: full
/// marks, or none on the non-critical items.
pub fn qa_review(id: &str, agent: &str, period: &str, full: bool) -> QaReview {
    let form = builtin::qa_after_sales_chat();
    let mut answers = Answers::new();
    for item in form.items() {
        if let ItemInput::QaCheck {
            points, critical, ..
        } = item.input
        {
            let mark = if full || critical { points } else { 0 };
            answers.insert(item.id.clone(), Answer::Number(f64::from(mark)));
        }
    }
    QaReview {
        id: id.into(),
        form_id: form.id.clone(),
        conversation_id: format!("QA-CONV-{id}"),
        agent: agent.into(),
        reviewer: "Lee".into(),
        reviewed_on: format!("{period}-02").parse().unwrap(),
        conversation_on: None,
        answers,
        item_comments: BTreeMap::new(),
        comment: None,
    }
}
