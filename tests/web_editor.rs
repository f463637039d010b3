//! Browser tests of the Scorecard editor with the demo workspace: a weight edit re-scores
//! live and fills the movers panel, saving appends a version to the history, the
//! comparison marks differences, and every control is labelled and reachable by Tab.
//! Run: see tests/web_pages.rs (same runner), with `--test web_editor`.

#![cfg(target_arch = "wasm32")]

use carescore_web::pages::scorecard::COMPARE_SETTLE_MS;
use carescore_web::pages::ScorecardPage;
use carescore_web::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// Mounts the page; returns its root and the state it uses.
async fn mount_editor() -> (Element, AppState) {
    let (root, state, _) = mount_app(true, |_| view! { <ScorecardPage/> }).await;
    (root, state)
}

fn input_value(root: &Element, selector: &str) -> String {
    one(root, selector)
        .unchecked_into::<HtmlInputElement>()
        .value()
}

/// `a → b` of a mover cell.
fn sides(cell: &str) -> (String, String) {
    let (a, b) = cell.split_once('→').expect("an arrow");
    (a.trim().to_string(), b.trim().to_string())
}

#[wasm_bindgen_test]
async fn a_weight_edit_rescores_live_and_lists_the_movers() {
    let (root, state) = mount_editor().await;
    assert_eq!(all(&root, "[data-testid=scheme-dimension]").len(), 4);
    assert!(root
        .query_selector("[data-testid=movers-empty]")
        .unwrap()
        .is_some());
    assert_eq!(
        one(&root, "[data-testid=dimension-weight-sum]")
            .get_attribute("data-ok")
            .as_deref(),
        Some("true")
    );
    let saved_total = {
        let (_, scores) = state.scored().unwrap();
        scores
            .agents
            .board
            .rows
            .iter()
            .filter_map(|r| r.total)
            .sum::<f64>()
    };

    // Service quality from 35 down to 5: its agents' totals move.
    type_into(&root, "[data-testid=weight-dim-0]", "5");
    leptos::task::tick().await;

    assert_eq!(
        one(&root, "[data-testid=draft-status]")
            .get_attribute("data-dirty")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        input_value(&root, "[data-testid=weight-dim-0-slider]"),
        "5",
        "the slider follows the number"
    );
    let sum = one(&root, "[data-testid=dimension-weight-sum]");
    assert_eq!(sum.get_attribute("data-ok").as_deref(), Some("false"));
    assert!(sum.text_content().unwrap().contains("70"), "5+25+15+25");
    assert!(
        text(&root, "[data-testid=weight-dim-0-share]").contains("7.1%"),
        "5/70"
    );

    let movers = all(&root, "[data-testid=mover]");
    assert!(
        !movers.is_empty() && movers.len() <= 10,
        "{} movers",
        movers.len()
    );
    let changed = all(&root, "[data-testid=mover-total]")
        .iter()
        .map(|cell| sides(&cell.text_content().unwrap()))
        .filter(|(a, b)| a != b)
        .count();
    assert!(changed > 0, "some total changes");
    assert!(text(&root, "[data-testid=movers-summary]")
        .chars()
        .any(|c| c.is_ascii_digit()));
    assert!(root
        .query_selector("[data-testid=grade-changes]")
        .unwrap()
        .is_some());
    // The saved scores are untouched: the draft is a preview.
    let (_, scores) = state.scored().unwrap();
    let still = scores
        .agents
        .board
        .rows
        .iter()
        .filter_map(|r| r.total)
        .sum::<f64>();
    assert_eq!(still, saved_total);

    // A second edit moves the panel again; the slider drives the number too.
    let first_list = text(&root, "[data-testid=movers-list]");
    type_into(&root, "[data-testid=weight-dim-0-slider]", "90");
    leptos::task::tick().await;
    assert_eq!(input_value(&root, "[data-testid=weight-dim-0]"), "90");
    assert_ne!(text(&root, "[data-testid=movers-list]"), first_list);

    // Discard: back to the saved version, no movers.
    click(&root, "[data-testid=discard-draft]");
    leptos::task::tick().await;
    assert_eq!(input_value(&root, "[data-testid=weight-dim-0]"), "35");
    assert!(root
        .query_selector("[data-testid=movers-empty]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn an_invalid_value_shows_the_problem_and_keeps_the_last_valid_scores() {
    let (root, _) = mount_editor().await;
    type_into(&root, "[data-testid=weight-0-0]", "-4");
    leptos::task::tick().await;
    assert!(!text(&root, "[data-testid=draft-problem]").is_empty());
    type_into(&root, "[data-testid=weight-0-0]", "10");
    leptos::task::tick().await;
    assert!(root
        .query_selector("[data-testid=draft-problem]")
        .unwrap()
        .is_none());
    assert!(!all(&root, "[data-testid=mover]").is_empty());
}

#[wasm_bindgen_test]
async fn saving_needs_a_period_and_a_reason_and_appends_a_version() {
    let (root, state) = mount_editor().await;
    assert_eq!(state.history_untracked().versions.len(), 1);
    type_into(&root, "[data-testid=target-0-0]", "0.85");
    leptos::task::tick().await;

    click(&root, "[data-testid=save-version-open]");
    leptos::task::tick().await;
    assert_eq!(
        one(&root, "[data-testid=save-version-open]")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    click(&root, "[data-testid=save-version-submit]");
    leptos::task::tick().await;
    assert!(!text(&root, "[data-testid=save-period-error]").is_empty());
    assert!(!text(&root, "[data-testid=save-reason-error]").is_empty());
    assert_eq!(
        one(&root, "[data-testid=save-effective-from]")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(state.history_untracked().versions.len(), 1, "nothing saved");

    type_into(&root, "[data-testid=save-effective-from]", "next month");
    type_into(
        &root,
        "[data-testid=save-reason]",
        "Raise the bar on first-contact resolution",
    );
    click(&root, "[data-testid=save-version-submit]");
    leptos::task::tick().await;
    assert!(!text(&root, "[data-testid=save-period-error]").is_empty());
    assert_eq!(state.history_untracked().versions.len(), 1);

    type_into(&root, "[data-testid=save-effective-from]", "2026-10");
    click(&root, "[data-testid=save-version-submit]");
    leptos::task::tick().await;

    let history = state.history_untracked();
    assert_eq!(history.versions.len(), 2, "one more version");
    let new = &history.versions[1];
    assert_eq!(new.effective_from.to_string(), "2026-10-01");
    assert_eq!(new.reason, "Raise the bar on first-contact resolution");
    assert_eq!(new.scorecard.dimensions[0].metrics[0].target, 0.85);
    assert_eq!(
        history.versions[0].scorecard.dimensions[0].metrics[0].target,
        0.9
    );
    assert!(text(&root, "[data-testid=version-saved]").contains("2026-10-01"));
    assert_eq!(all(&root, "[data-testid=scheme-version]").len(), 2);
    // The editor re-opened clean on the version in force for the period on screen.
    assert_eq!(
        one(&root, "[data-testid=draft-status]")
            .get_attribute("data-dirty")
            .as_deref(),
        Some("false")
    );

    // Compare: version 1 against version 2 by default; the target differs.
    let summary = one(&root, "[data-testid=compare-summary]");
    assert_eq!(summary.get_attribute("data-changed").as_deref(), Some("1"));
    let changed = all(&root, "[data-testid=compare-row][data-changed=true]");
    assert_eq!(changed.len(), 1);
    let row = changed[0].text_content().unwrap();
    assert!(row.contains("90.0%") && row.contains("85.0%"), "{row}");
    assert_eq!(
        all(&changed[0], ".cell-changed").len(),
        2,
        "the target cell of A and B"
    );
}

#[wasm_bindgen_test]
async fn the_draft_compares_against_the_saved_version_live() {
    let (root, _) = mount_editor().await;
    // One version: A is it, B the draft.
    assert_eq!(
        one(&root, "[data-testid=compare-summary]")
            .get_attribute("data-changed")
            .as_deref(),
        Some("0")
    );
    type_into(&root, "[data-testid=floor-3-1]", "0.4");
    leptos::task::tick().await;
    // The comparison follows once the edits pause.
    assert_eq!(
        all(&root, "[data-testid=compare-row][data-changed=true]").len(),
        0
    );
    sleep(COMPARE_SETTLE_MS + 100).await;
    assert_eq!(
        all(&root, "[data-testid=compare-row][data-changed=true]").len(),
        1
    );
}

#[wasm_bindgen_test]
async fn every_control_is_labelled_and_in_the_tab_order() {
    let (root, _) = mount_editor().await;
    click(&root, "[data-testid=save-version-open]");
    type_into(&root, "[data-testid=weight-2-0]", "20");
    leptos::task::tick().await;
    let page = one(&root, "[data-testid=page-scorecard]");
    let controls = all(&page, "input, select, textarea, button, a[href]");
    assert!(controls.len() > 60, "{} controls", controls.len());
    for control in controls {
        let html = control.outer_html();
        let tabindex = control.get_attribute("tabindex");
        assert!(tabindex.as_deref() != Some("-1"), "not reachable: {html}");
        let has_text = |el: &Element| !el.text_content().unwrap_or_default().trim().is_empty();
        let aria = control
            .get_attribute("aria-label")
            .is_some_and(|l| !l.trim().is_empty());
        let id = control.id();
        let label_for = !id.is_empty()
            && page
                .query_selector(&format!("label[for=\"{id}\"]"))
                .unwrap()
                .is_some_and(|l| has_text(&l));
        let own_text = matches!(control.tag_name().as_str(), "BUTTON" | "A") && has_text(&control);
        let named = aria || label_for || own_text;
        assert!(named, "no accessible name: {html}");
    }
}
