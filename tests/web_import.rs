//! Browser tests of the import panel's last step (the data worker cannot run here, so the
//! check's result is given to the step directly): a check that accepted no row cannot be
//! applied and says why; applying over the demo, or over records it would update, asks
//! first and says how many records it replaces; an import into an empty workspace applies
//! at once. The mapping step takes the file's own missing-value markers.
//! Run: see tests/web_pages.rs (same runner), with `--test web_import`.

#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use carescore_engine::ingest::Mapping;
use carescore_web::components::import::{ApplyControls, MappingEditor};
use carescore_web::i18n::{I18n, Locale};
use carescore_workspace::display;
use carescore_workspace::formats::worker_protocol::MergedCounts;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

fn merged(added: usize, updated: usize, total: usize, replaces_demo: bool) -> MergedCounts {
    MergedCounts {
        added,
        updated,
        duplicates: 0,
        duplicates_in_file: 0,
        total,
        replaces_demo,
    }
}

/// Mounts the step over the demo or an empty workspace; returns the root, how many times
/// "apply" ran, the records in the workspace and the language.
async fn mount_step(
    with_demo: bool,
    accepted: usize,
    counts: MergedCounts,
) -> (Element, Arc<AtomicUsize>, usize, I18n) {
    let applied = Arc::new(AtomicUsize::new(0));
    let counter = applied.clone();
    let (root, state, i18n) = mount_app(with_demo, move |_| {
        view! {
            <ApplyControls
                accepted
                merged=counts
                on_apply=Callback::new(move |_| {
                    counter.fetch_add(1, Ordering::SeqCst);
                })
                on_discard=Callback::new(|_| {})
            />
        }
    })
    .await;
    settle().await;
    let records = state.records().len();
    (root, applied, records, i18n)
}

fn apply_button(root: &Element) -> HtmlButtonElement {
    one(root, "[data-testid=import-apply]").unchecked_into()
}

#[wasm_bindgen_test]
async fn a_check_that_accepted_no_row_cannot_be_applied_and_says_why() {
    let (root, applied, records, _) = mount_step(true, 0, merged(0, 0, 0, true)).await;
    assert!(records > 0, "the demo is there");
    let button = apply_button(&root);
    assert!(button.disabled(), "nothing to apply");
    assert!(
        text(&root, "[data-testid=import-nothing-accepted]").contains("accepted no row"),
        "a sentence says why"
    );
    button.click();
    settle().await;
    assert_eq!(applied.load(Ordering::SeqCst), 0);
    assert!(find(&root, "[data-testid=import-confirm]").is_none());
}

#[wasm_bindgen_test]
async fn replacing_the_demo_says_how_many_records_and_asks_first() {
    let (root, applied, records, _) = mount_step(true, 120, merged(120, 0, 120, true)).await;
    assert!(!apply_button(&root).disabled());
    click(&root, "[data-testid=import-apply]");
    settle().await;
    assert_eq!(applied.load(Ordering::SeqCst), 0, "not before the answer");
    let question = text(&root, "[data-testid=import-confirm]");
    assert!(
        question.contains(&display::count(records as u64)),
        "{question}"
    );
    assert!(question.contains("120"), "{question}");

    // Going back keeps everything; confirming applies once.
    click(&root, "[data-testid=import-confirm-back]");
    settle().await;
    assert!(find(&root, "[data-testid=import-confirm]").is_none());
    assert_eq!(applied.load(Ordering::SeqCst), 0);
    click(&root, "[data-testid=import-apply]");
    settle().await;
    click(&root, "[data-testid=import-confirm-apply]");
    settle().await;
    assert_eq!(applied.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn updating_records_asks_in_chinese_and_an_empty_workspace_applies_at_once() {
    let (root, applied, _, i18n) = mount_step(false, 40, merged(30, 10, 530, false)).await;
    i18n.set(Locale::ZhCn);
    settle().await;
    click(&root, "[data-testid=import-apply]");
    settle().await;
    assert_eq!(applied.load(Ordering::SeqCst), 0);
    let question = text(&root, "[data-testid=import-confirm]");
    assert!(question.contains("10 条"), "{question}");

    let (root, applied, records, _) = mount_step(false, 40, merged(40, 0, 40, true)).await;
    assert_eq!(records, 0);
    click(&root, "[data-testid=import-apply]");
    settle().await;
    assert_eq!(applied.load(Ordering::SeqCst), 1, "nothing to replace");
    assert!(find(&root, "[data-testid=import-confirm]").is_none());
}

#[wasm_bindgen_test]
async fn extra_missing_markers_are_typed_with_the_mapping() {
    let out = std::rc::Rc::new(std::cell::Cell::new(None));
    let out_in = out.clone();
    let (root, _, _) = mount_app(false, move |_| {
        let draft = RwSignal::new(Mapping {
            missing: vec!["?".to_string()],
            ..Mapping::default()
        });
        out_in.set(Some(draft));
        view! {
            <MappingEditor
                headers=vec!["Agent".to_string(), "Date".to_string()]
                draft
                preview=RwSignal::new(None)
            />
        }
    })
    .await;
    let draft = out.get().expect("mounted");
    let input: HtmlInputElement = one(&root, "[data-testid=mapping-missing]").unchecked_into();
    assert_eq!(input.value(), "?", "a saved mapping's markers show");

    // Commas (a Chinese keyboard's too) separate them; blanks and repeats go.
    set_value(
        &root,
        "[data-testid=mapping-missing]",
        " ?, 未知，unknown ,, ? ",
        "change",
    );
    settle().await;
    assert_eq!(
        draft.get_untracked().missing,
        vec!["?".to_string(), "未知".to_string(), "unknown".to_string()]
    );
    assert_eq!(input.value(), "?, 未知, unknown");
    set_value(&root, "[data-testid=mapping-missing]", "", "change");
    settle().await;
    assert!(draft.get_untracked().missing.is_empty());
}
