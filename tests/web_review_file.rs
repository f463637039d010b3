//! Browser tests of importing a review file over the demo workspace: the preview lists
//! every part the file speaks about, says how many demo records the file's replace, shows a
//! conflicting award rule field by field with the file's side preselected, and the choice
//! made there is what the merge keeps; a file from a newer CareScore is named as such.
//! Run: see tests/web_pages.rs (same runner), with `--test web_review_file`.

#![cfg(target_arch = "wasm32")]

use carescore_engine::awards::Selection as AwardCut;
use carescore_web::components::review_file::ReviewFileImport;
use carescore_web::state::AppState;
use carescore_workspace::formats::review_file::Document;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// A colleague's file: this workspace's records, its first award cut at the top 5 instead
/// of 3, and one QA review more.
fn colleagues_file(state: &AppState) -> String {
    let mut work = state.work_untracked();
    work.awards[0].selection = AwardCut::TopN { n: 5 };
    let agent = state.workspace_untracked().expect("demo").agents.rows[0]
        .group
        .clone();
    let period = state.period().expect("a period");
    work.feedback
        .qa_reviews
        .push(qa_review("qa-1", &agent, &period, true));
    Document::from_workspace(&work).to_json()
}

fn checked(root: &Element, selector: &str) -> bool {
    one(root, selector)
        .unchecked_into::<HtmlInputElement>()
        .checked()
}

#[wasm_bindgen_test]
async fn a_file_over_the_demo_replaces_it_and_the_choice_per_item_is_kept() {
    let (root, state, _) = mount_app(true, |_| view! { <ReviewFileImport/> }).await;
    let demo_records = state.records().len();
    let file = colleagues_file(&state);
    pick_file(
        &root,
        "[data-testid=review-import-file]",
        "team.json",
        &file,
    );
    wait_for(&root, "[data-testid=merge-preview]").await;

    let replaces = text(&root, "[data-testid=merge-replaces-demo]");
    let counted = carescore_workspace::display::count(demo_records as u64);
    assert!(
        replaces.contains(&format!("demo's {counted}")),
        "{replaces}"
    );
    let parts = all(&root, "[data-testid=merge-sections] tbody tr");
    assert_eq!(
        parts.len(),
        13,
        "every part a version 2 file holds is listed"
    );
    let award = "[data-testid=merge-conflict][data-section=awards]";
    let fields = text(&root, &format!("{award} .conflict-fields"));
    assert!(
        fields.contains("selection.n") && fields.contains('3') && fields.contains('5'),
        "{fields}"
    );
    assert!(
        checked(&root, &format!("{award} [data-testid=merge-take-theirs]")),
        "over the demo the file's side is preselected"
    );

    // Keep this workspace's rule after all, then merge.
    click(&root, "[data-testid=merge-keep-all-mine]");
    settle().await;
    assert!(checked(
        &root,
        &format!("{award} [data-testid=merge-keep-mine]")
    ));
    click(&root, "[data-testid=review-merge]");
    wait_for(&root, "[data-testid=review-import-done]").await;

    let work = state.work_untracked();
    assert_eq!(
        work.awards[0].selection,
        AwardCut::TopN { n: 3 },
        "mine was kept"
    );
    assert_eq!(
        work.feedback.qa_reviews.len(),
        1,
        "the file's QA review was added"
    );
    assert_eq!(
        state.records().len(),
        demo_records,
        "the file's records, not both"
    );
    assert!(!state.is_demo(), "the demo is gone");
}

#[wasm_bindgen_test]
async fn a_file_from_a_newer_carescore_is_named_as_such_and_changes_nothing() {
    let (root, state, _) = mount_app(true, |_| view! { <ReviewFileImport/> }).await;
    let newer = r#"{"format": "carescore.review-file", "schema_version": 9, "records": []}"#;
    pick_file(&root, "[data-testid=review-import-file]", "new.json", newer);
    wait_for(&root, "[data-testid=review-import-error]").await;
    let message = text(&root, "[data-testid=review-import-error]");
    assert!(
        message.contains("new.json")
            && message.contains("saved by a newer version of CareScore (v9)"),
        "{message}"
    );
    assert!(state.is_demo(), "nothing changed");
}
