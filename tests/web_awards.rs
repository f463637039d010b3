//! Browser tests of the Awards page with the demo workspace: the service star has three
//! winners with reasons, editing its eligibility re-decides it live (and saves through the
//! state), an invalid edit is refused with a message, and the page follows the language.
//! Run: see tests/web_pages.rs (same runner), with `--test web_awards`.

#![cfg(target_arch = "wasm32")]

use carescore_engine::awards::{default_awards, SERVICE_STAR};
use carescore_web::i18n::{I18n, Locale};
use carescore_web::pages::AwardsPage;
use carescore_web::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

const STAR: &str = "[data-award=service_star]";

/// Mounts the page; returns its root, the state and the language it uses.
async fn mount_awards() -> (Element, AppState, I18n) {
    mount_app(true, |_| view! { <AwardsPage/> }).await
}

/// Agents scored in the period the page shows.
fn scored_agents(state: AppState) -> usize {
    let (ws, scores) = state.scored().expect("the demo is scored");
    let period = state.period().unwrap();
    ws.agents
        .rows
        .iter()
        .enumerate()
        .filter(|(i, r)| r.period == period && scores.agents.row(*i).total.is_some())
        .count()
}

#[wasm_bindgen_test]
async fn the_demo_service_star_has_three_winners_each_with_a_reason() {
    let (root, state, _) = mount_awards().await;
    assert_eq!(all(&root, "[data-testid=page-awards]").len(), 1);
    assert_eq!(
        all(&root, "[data-testid=award]").len(),
        default_awards().len()
    );
    assert_eq!(
        text(&root, &format!("{STAR} [data-testid=award-title]")),
        "Service star"
    );
    let rule = text(&root, &format!("{STAR} [data-testid=award-rule]"));
    assert_eq!(
        rule,
        "Top 3 by total, at least 100 contacts, no critical QA error, no guard rail hit"
    );
    let winners = all(&root, &format!("{STAR} [data-testid=award-winner]"));
    assert_eq!(winners.len(), 3);
    for winner in &winners {
        let reasons = all(winner, "[data-testid=winner-reasons] li");
        assert!(reasons.len() >= 2, "{} reasons", reasons.len());
        let first = reasons[0].text_content().unwrap();
        assert!(first.starts_with("No. "), "{first:?}");
        let all_text = winner.text_content().unwrap();
        assert!(all_text.contains("no QA reviews"), "{all_text:?}");
        assert!(one(winner, "a[href^='#/agent/']").text_content().is_some());
    }
    assert!(state.awards_untracked()[0].id == SERVICE_STAR);
}

#[wasm_bindgen_test]
async fn raising_min_contacts_above_everyone_empties_the_award_and_lists_them() {
    let (root, state, _) = mount_awards().await;
    type_into(
        &root,
        &format!("{STAR} [data-testid=award-min-contacts]"),
        "1000000",
    );
    leptos::task::tick().await;
    assert_eq!(
        all(&root, &format!("{STAR} [data-testid=award-winner]")).len(),
        0
    );
    assert_eq!(
        all(&root, &format!("{STAR} [data-testid=award-no-winner]")).len(),
        1
    );
    let excluded = all(&root, &format!("{STAR} [data-testid=ineligible-row]"));
    assert_eq!(excluded.len(), scored_agents(state));
    let why = text(&root, &format!("{STAR} [data-testid=ineligible-why]"));
    assert!(why.contains("needs 1,000,000"), "{why:?}");
    assert!(text(&root, &format!("{STAR} [data-testid=award-rule]"))
        .contains("at least 1,000,000 contacts"));
    // Saved through the state.
    assert_eq!(
        state.awards_untracked()[0].eligibility.min_contacts,
        1_000_000
    );

    // Reset brings the three winners back.
    click(&root, "[data-testid=awards-reset]");
    leptos::task::tick().await;
    assert_eq!(
        all(&root, &format!("{STAR} [data-testid=award-winner]")).len(),
        3
    );
    let input: HtmlInputElement =
        one(&root, &format!("{STAR} [data-testid=award-min-contacts]")).unchecked_into();
    assert_eq!(input.value(), "100");
}

#[wasm_bindgen_test]
async fn an_invalid_top_n_is_refused_with_a_message_and_not_saved() {
    let (root, state, _) = mount_awards().await;
    type_into(&root, &format!("{STAR} [data-testid=award-top-n]"), "0");
    leptos::task::tick().await;
    let error = text(&root, &format!("{STAR} [data-testid=award-error]"));
    assert!(error.contains("at least 1"), "{error:?}");
    assert_eq!(
        state.awards_untracked()[0].selection,
        carescore_engine::awards::Selection::TopN { n: 3 }
    );
    assert_eq!(
        all(&root, &format!("{STAR} [data-testid=award-winner]")).len(),
        3
    );
    type_into(&root, &format!("{STAR} [data-testid=award-top-n]"), "1");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, &format!("{STAR} [data-testid=award-error]")),
        ""
    );
    assert_eq!(
        all(&root, &format!("{STAR} [data-testid=award-winner]")).len(),
        1
    );
}

#[wasm_bindgen_test]
async fn awards_can_be_added_and_removed() {
    let (root, state, _) = mount_awards().await;
    let before = all(&root, "[data-testid=award]").len();
    click(&root, "[data-testid=awards-add]");
    leptos::task::tick().await;
    assert_eq!(all(&root, "[data-testid=award]").len(), before + 1);
    assert_eq!(
        text(&root, "[data-award=custom_1] [data-testid=award-title]"),
        "New award"
    );
    assert_eq!(
        all(&root, "[data-award=custom_1] [data-testid=award-winner]").len(),
        1
    );
    click(&root, "[data-award=custom_1] [data-testid=award-remove]");
    leptos::task::tick().await;
    assert_eq!(all(&root, "[data-testid=award]").len(), before);
    assert_eq!(state.awards_untracked(), default_awards());
}

#[wasm_bindgen_test]
async fn the_chinese_title_shows_in_chinese() {
    let (root, _, i18n) = mount_awards().await;
    i18n.set(Locale::ZhCn);
    leptos::task::tick().await;
    assert_eq!(
        text(&root, &format!("{STAR} [data-testid=award-title]")),
        "服务之星"
    );
    let rule = text(&root, &format!("{STAR} [data-testid=award-rule]"));
    assert!(rule.starts_with("按总分取前 3 名"), "{rule:?}");
    let reasons = text(&root, &format!("{STAR} [data-testid=winner-reasons]"));
    assert!(reasons.contains("本周期无质检记录"), "{reasons:?}");
}
