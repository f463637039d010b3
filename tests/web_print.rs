//! Browser tests of the one-to-one print view and of the agent card's strengths and
//! weaknesses, with the demo workspace, in English and in Chinese.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_print`

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use carescore_web::i18n::{I18n, Locale};
use carescore_web::pages::{AgentPage, PrintPage};
use carescore_web::router::Route;
use carescore_web::state::AppState;
use carescore_web::storage::{memory::MemoryStore, StorageHandle, StorageMode};
use carescore_workspace::scores::rows_in_period;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// Provides storage (in memory), language and the demo state, the way the App does.
fn provide_demo_state(locale: Locale) -> AppState {
    let storage = StorageHandle::new(Rc::new(MemoryStore::new()), StorageMode::MemoryOnly);
    storage.provide();
    I18n::provide(storage).set(locale);
    let state = AppState::new(Some(storage), true);
    provide_context(state);
    state
}

/// The latest period's top-ranked agent and the period, read from the state.
fn top_agent(state: AppState) -> (String, String) {
    let (ws, scores) = state.scored().expect("the demo workspace is scored");
    let period = state.period().expect("the demo has periods");
    let row = rows_in_period(&ws.agents, &period)
        .into_iter()
        .find(|&row| scores.agents.row(row).rank == Some(1))
        .expect("an agent ranked first in the latest period");
    (ws.agents.rows[row].group.clone(), period)
}

/// Mounts the agent card and the print view of the demo's top agent side by side, in
/// `locale`; returns (card, print view, agent, period).
async fn mount_card_and_print(locale: Locale) -> (Element, Element, String, String) {
    let root = container();
    let picked = Rc::new(RefCell::new((String::new(), String::new())));
    let picked_in = picked.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state(locale);
        // Read once to pick the agent: no need to track.
        let (agent, period) = untrack(|| top_agent(state));
        *picked_in.borrow_mut() = (agent.clone(), period);
        view! {
            <div class="test-card"><AgentPage name=agent.clone()/></div>
            <div class="test-print"><PrintPage name=agent/></div>
        }
    });
    // The mount lives as long as the page: the test reads it after returning.
    std::mem::forget(handle);
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();
    let (agent, period) = picked.borrow().clone();
    assert!(!agent.is_empty());
    (
        one(&root, ".test-card"),
        one(&root, ".test-print"),
        agent,
        period,
    )
}

/// Strength and weakness sentences inside `root`.
fn sentences(root: &Element) -> Vec<String> {
    all(
        root,
        "[data-testid=insight-strength], [data-testid=insight-weakness]",
    )
    .iter()
    .map(|li| li.text_content().unwrap_or_default())
    .collect()
}

#[wasm_bindgen_test]
async fn print_view_of_the_top_agent_has_the_cards_figures_words_and_signature_lines() {
    let (card, print, agent, period) = mount_card_and_print(Locale::En).await;

    assert_eq!(all(&print, "[data-testid=page-print]").len(), 1);
    let title = text(&print, "[data-testid=print-title]");
    assert!(title.starts_with("One-to-one review"), "{title:?}");
    assert!(
        title.contains(&agent) && title.contains(&period),
        "{title:?}"
    );

    // The same total as the card, a rank, a grade with its name in words.
    let card_total = text(&card, "[data-testid=agent-total]");
    let print_total = text(&print, "[data-testid=print-total]");
    assert!(card_total.trim().parse::<f64>().is_ok(), "{card_total:?}");
    assert_eq!(print_total, card_total);
    assert!(text(&print, "[data-testid=print-rank]").contains("#1"));
    let badge = text(&print, ".print-headline .grade-badge");
    assert!(
        badge.chars().any(char::is_alphabetic),
        "the grade is named, not only coloured: {badge:?}"
    );
    assert!(text(&print, "[data-testid=print-version]").contains("Scorecard version"));

    // Tables, chart, words.
    assert_eq!(
        all(&print, "[data-testid=print-dimensions] tbody tr").len(),
        4
    );
    assert!(all(&print, "[data-testid=metric-row]").len() >= 9);
    assert_eq!(
        all(&print, ".print-sheet .chart-radar svg.chart-svg").len(),
        1
    );
    let words = sentences(&print);
    assert!(!words.is_empty(), "at least one strength or weakness");
    assert!(
        words.iter().all(|s| s.contains("target of")),
        "every sentence names the target: {words:?}"
    );
    assert!(
        all(
            &print,
            "[data-testid=print-rails], [data-testid=print-no-rails]"
        )
        .len()
            == 1,
        "the guard rails section says what was hit, or that none was"
    );

    // Room to write and to sign.
    assert!(all(&print, "[data-testid=print-notes] .print-line").len() >= 4);
    let signatures = text(&print, "[data-testid=print-signatures]");
    assert!(
        signatures.contains("Agent signature") && signatures.contains("Manager signature"),
        "{signatures:?}"
    );
    assert_eq!(
        all(&print, "[data-testid=print-signatures] .signature-line").len(),
        4
    );

    // The controls: print, back to the card; the card links here.
    assert_eq!(text(&print, "[data-testid=print-button]"), "Print");
    let back = one(&print, "[data-testid=print-back]");
    assert_eq!(
        back.get_attribute("href").unwrap(),
        Route::Agent(agent.clone()).to_hash()
    );
    assert!(back.closest(".no-print").unwrap().is_some());
    let link = one(&card, "[data-testid=print-link]");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        Route::Print(agent).to_hash()
    );
}

#[wasm_bindgen_test]
async fn the_agent_card_lists_strengths_and_weaknesses_in_sentences() {
    let (card, print, _, _) = mount_card_and_print(Locale::En).await;
    let section = one(&card, "[data-testid=agent-insights]");
    assert!(text(&card, "[data-testid=agent-insights] h2").contains("Strengths and weaknesses"));
    let words = sentences(&section);
    assert!(!words.is_empty());
    assert!(words.len() <= 6, "at most three of each: {words:?}");
    // A weakness says what it costs; a strength says it beats its target.
    for li in all(&section, "[data-testid=insight-weakness]") {
        let s = li.text_content().unwrap();
        assert!(
            s.contains("short of its target") && s.contains("points of the total"),
            "{s:?}"
        );
    }
    for li in all(&section, "[data-testid=insight-strength]") {
        let s = li.text_content().unwrap();
        assert!(s.contains("its target of"), "{s:?}");
    }
    // The print view says the same things.
    assert_eq!(sentences(&print), words);
}

#[wasm_bindgen_test]
async fn in_chinese_the_print_view_and_the_sentences_are_chinese() {
    let (card, print, agent, period) = mount_card_and_print(Locale::ZhCn).await;
    let title = text(&print, "[data-testid=print-title]");
    assert!(title.starts_with("一对一绩效面谈"), "{title:?}");
    assert!(title.contains(&agent) && title.contains(&period));
    let words = sentences(&print);
    assert!(!words.is_empty());
    assert!(
        words
            .iter()
            .all(|s| s.contains("目标") && !s.contains("target")),
        "{words:?}"
    );
    let signatures = text(&print, "[data-testid=print-signatures]");
    assert!(signatures.contains("客服签字") && signatures.contains("主管签字"));
    assert_eq!(text(&print, "[data-testid=print-button]"), "打印");
    assert!(text(&card, "[data-testid=agent-insights] h2").contains("优势与待改进"));
    assert_eq!(
        text(&print, "[data-testid=print-total]"),
        text(&card, "[data-testid=agent-total]")
    );
}

#[wasm_bindgen_test]
async fn the_print_view_of_an_unknown_agent_says_so() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_demo_state(Locale::En);
        view! { <PrintPage name="Nobody At All".to_string()/> }
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();
    assert!(text(&root, "[data-testid=agent-empty]").contains("Nobody At All"));
    assert!(all(&root, "[data-testid=print-sheet]").is_empty());
}
