//! Browser tests of the pages with the demo workspace: the agent card shows its numbers,
//! the team table ranks agents and re-sorts when a header is clicked.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_pages`

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use carescore_web::pages::{AgentPage, DashboardPage, TeamPage};
use carescore_web::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// The latest period's best-ranked agent and its team, read from the state.
fn latest_agent_and_team(state: AppState) -> (String, String) {
    let ws = state.workspace().expect("the demo workspace loads");
    let period = state.period().expect("the demo has periods");
    let row = ws
        .agents
        .rows
        .iter()
        .find(|r| r.period == period && r.team.is_some())
        .expect("an agent with a team in the latest period");
    (row.group.clone(), row.team.clone().unwrap())
}

/// The number in a score cell (`87.4`), or None for `—`.
fn score_of(cell_text: &str) -> Option<f64> {
    cell_text.trim().parse().ok()
}

#[wasm_bindgen_test]
async fn agent_card_shows_total_rank_dimensions_metrics_and_explanation() {
    let root = container();
    let picked = Rc::new(RefCell::new(String::new()));
    let picked_in = picked.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        let (agent, _) = latest_agent_and_team(state);
        *picked_in.borrow_mut() = agent.clone();
        view! { <AgentPage name=agent/> }
    });
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();

    assert_eq!(all(&root, "[data-testid=page-agent]").len(), 1);
    let total = score_of(&text(&root, "[data-testid=agent-total]"))
        .expect("the demo agent has a numeric total");
    assert!((0.0..=100.0).contains(&total), "total {total}");
    let rank = text(&root, "[data-testid=agent-rank]");
    assert!(
        rank.chars().any(|c| c.is_ascii_digit()),
        "rank text {rank:?}"
    );
    assert_eq!(all(&root, "[data-testid=agent-dimensions] li").len(), 4);

    let metric_rows = all(&root, "[data-testid=metric-row]");
    assert!(metric_rows.len() >= 9, "{} metric rows", metric_rows.len());
    let fcr = root
        .query_selector("[data-testid=metric-row][data-metric=fcr_rate]")
        .unwrap()
        .expect("first-contact resolution row");
    assert!(
        fcr.text_content().unwrap().contains('%'),
        "ratios read as percentages"
    );
    let response = root
        .query_selector("[data-testid=metric-row][data-metric=first_response_secs_median]")
        .unwrap()
        .expect("first response row");
    assert!(
        response.text_content().unwrap().contains(':'),
        "seconds read as m:ss"
    );

    let formula = text(&root, "[data-testid=total-formula]");
    assert!(
        formula.contains('×') && formula.contains('='),
        "formula {formula:?}"
    );
    assert!(root
        .query_selector("details[data-testid=agent-explanation]")
        .unwrap()
        .is_some());
    assert!(!picked.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn team_table_ranks_agents_and_clicking_a_header_re_sorts() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        let (_, team) = latest_agent_and_team(state);
        view! { <TeamPage name=team/> }
    });
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();

    let totals = |root: &Element| -> Vec<Option<f64>> {
        all(root, "[data-testid=team-row] [data-testid=row-total]")
            .iter()
            .map(|cell| score_of(&cell.text_content().unwrap_or_default()))
            .collect()
    };
    let names = |root: &Element| -> Vec<String> {
        all(root, "[data-testid=team-row] td:nth-child(2)")
            .iter()
            .map(|cell| cell.text_content().unwrap_or_default())
            .collect()
    };

    // Default: by rank, best first.
    let ranked = totals(&root);
    assert!(ranked.len() >= 3, "{} rows", ranked.len());
    assert!(
        ranked.iter().all(Option::is_some),
        "every demo agent is scored: {ranked:?}"
    );
    let ranked: Vec<f64> = ranked.into_iter().flatten().collect();
    assert!(
        ranked.windows(2).all(|w| w[0] >= w[1]),
        "rank order {ranked:?}"
    );

    // Agent header: names A to Z.
    let header: HtmlElement = root
        .query_selector("[data-testid=sort-agent]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    header.click();
    leptos::task::tick().await;
    let by_name = names(&root);
    let mut sorted = by_name.clone();
    sorted.sort();
    assert_eq!(by_name, sorted);
    assert_ne!(
        totals(&root).into_iter().flatten().collect::<Vec<_>>(),
        ranked,
        "sorting by name changed the order"
    );

    // Total header: highest first, then a second click flips to lowest first.
    let total_header: HtmlElement = root
        .query_selector("[data-testid=sort-total]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    total_header.click();
    leptos::task::tick().await;
    let descending: Vec<f64> = totals(&root).into_iter().flatten().collect();
    assert!(
        descending.windows(2).all(|w| w[0] >= w[1]),
        "{descending:?}"
    );
    total_header.click();
    leptos::task::tick().await;
    let ascending: Vec<f64> = totals(&root).into_iter().flatten().collect();
    assert!(ascending.windows(2).all(|w| w[0] <= w[1]), "{ascending:?}");
    assert!(
        root.query_selector("th[aria-sort=ascending] [data-testid=sort-total]")
            .unwrap()
            .is_some(),
        "the sorted header says so to screen readers"
    );
}

#[wasm_bindgen_test]
async fn dashboard_shows_centre_total_teams_and_grade_counts() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_demo_state();
        view! { <DashboardPage/> }
    });
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();

    assert!(score_of(&text(&root, "[data-testid=centre-total]")).is_some());
    assert_eq!(all(&root, "[data-testid=team-card]").len(), 3);
    let counted: u32 = all(&root, "[data-testid=grade-distribution] .grade-count")
        .iter()
        .map(|c| c.text_content().unwrap().trim().parse::<u32>().unwrap())
        .sum();
    assert!(
        counted >= 20,
        "grade counts add up to the agents: {counted}"
    );
    assert!(root
        .query_selector("[data-testid=alerts]")
        .unwrap()
        .is_some());
    let periods = all(&root, "[data-testid=period-select] option");
    assert_eq!(periods.len(), 3, "three demo months");
}

#[wasm_bindgen_test]
async fn a_cleared_workspace_shows_the_empty_state_and_loads_the_demo_again() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        state.clear_workspace();
        view! { <DashboardPage/> }
    });
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();
    assert!(root
        .query_selector("[data-testid=empty-workspace]")
        .unwrap()
        .is_some());
    assert!(root
        .query_selector("[data-testid=centre-total]")
        .unwrap()
        .is_none());

    let load: HtmlElement = root
        .query_selector("[data-testid=empty-load-demo]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    load.click();
    leptos::task::tick().await;
    assert!(score_of(&text(&root, "[data-testid=centre-total]")).is_some());
}
