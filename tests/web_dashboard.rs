//! Browser tests of the dashboard's period comparison (compare-with picker, differences,
//! biggest movers) and of the team page's charts, with the demo workspace.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_dashboard`

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carescore_web::pages::{DashboardPage, TeamPage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

/// Picks `value` in a select the way a user does: value, then a `change` event.
fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = one(root, selector).unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn compare_value(root: &Element) -> String {
    one(root, "[data-testid=compare-select]")
        .unchecked_into::<HtmlSelectElement>()
        .value()
}

/// Mounts the dashboard with the demo; returns the root and the demo's periods.
async fn mount_dashboard() -> (Element, Vec<String>) {
    let root = container();
    let periods = Rc::new(std::cell::RefCell::new(Vec::new()));
    let periods_in = periods.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        *periods_in.borrow_mut() = state.workspace().expect("the demo loads").periods.clone();
        view! { <DashboardPage/> }
    });
    // Keep the page mounted for the rest of the test.
    std::mem::forget(handle);
    leptos::task::tick().await;
    let periods = periods.borrow().clone();
    (root.unchecked_into(), periods)
}

#[wasm_bindgen_test]
async fn the_compare_select_defaults_to_the_previous_period_and_movers_show_signed_changes() {
    let (root, periods) = mount_dashboard().await;
    assert_eq!(periods.len(), 3);
    let previous = &periods[periods.len() - 2];
    assert_eq!(&compare_value(&root), previous);
    // The selected period itself is not offered; "none" and the two others are.
    let options: Vec<String> = all(&root, "[data-testid=compare-select] option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap_or_default())
        .collect();
    assert_eq!(options.len(), 3, "{options:?}");
    assert!(options.contains(&"none".to_string()));
    assert!(!options.contains(periods.last().unwrap()));

    // Three tiles and three team cards read "vs <previous>".
    let deltas = all(&root, "[data-testid=compare-delta]");
    assert_eq!(deltas.len(), 3 + 3, "tiles and team cards");
    for delta in &deltas {
        assert!(text(delta).contains(previous.as_str()), "{}", text(delta));
    }
    assert_eq!(all(&root, "[data-testid=grade-compared]").len(), 4);

    let movers = all(&root, "[data-testid=mover]");
    assert!(!movers.is_empty(), "the demo's agents move between months");
    assert!(movers.len() <= 10);
    for change in all(&root, "[data-testid=mover-change]") {
        let t = text(&change);
        assert!(
            t.starts_with('+') || t.starts_with('−'),
            "signed change {t:?}"
        );
    }
    for up in all(&root, "[data-testid=movers-up] [data-testid=mover-change]") {
        assert!(text(&up).starts_with('+'));
    }
    // Each mover links to its agent card.
    let link = one(&root, "[data-testid=mover] a");
    assert!(link
        .get_attribute("href")
        .unwrap_or_default()
        .starts_with("#/agent/"));
}

#[wasm_bindgen_test]
async fn choosing_none_hides_the_differences_and_another_period_brings_them_back() {
    let (root, periods) = mount_dashboard().await;
    choose(&root, "[data-testid=compare-select]", "none");
    leptos::task::tick().await;
    assert_eq!(compare_value(&root), "none");
    assert!(all(&root, "[data-testid=compare-delta]").is_empty());
    assert!(all(&root, "[data-testid=grade-compared]").is_empty());
    assert!(all(&root, "[data-testid=mover]").is_empty());
    assert!(root
        .query_selector("[data-testid=movers-off]")
        .unwrap()
        .is_some());
    // Team cards fall back to the engine's change against the previous month.
    assert_eq!(all(&root, ".team-card .team-change").len(), 3);

    let first = &periods[0];
    choose(&root, "[data-testid=compare-select]", first);
    leptos::task::tick().await;
    assert_eq!(&compare_value(&root), first);
    let deltas = all(&root, "[data-testid=compare-delta]");
    assert_eq!(deltas.len(), 6);
    assert!(text(&deltas[0]).contains(first.as_str()));
    assert!(text(&one(&root, "[data-testid=movers]")).contains(first.as_str()));
}

#[wasm_bindgen_test]
async fn the_team_page_shows_a_histogram_of_its_agents_and_bars_per_dimension() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        let ws = state.workspace().unwrap();
        let period = state.period().unwrap();
        let team = ws
            .teams
            .rows
            .iter()
            .find(|r| r.period == period)
            .unwrap()
            .group
            .clone();
        view! { <TeamPage name=team/> }
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();

    let scored = all(&root, "[data-testid=team-row] [data-testid=row-total]")
        .iter()
        .filter(|cell| text(cell).parse::<f64>().is_ok())
        .count();
    assert!(scored >= 3, "{scored} scored agents");

    let histogram = one(
        &root,
        "[data-testid=team-charts] figure[data-chart=histogram]",
    );
    assert!(histogram.query_selector("svg[role=img]").unwrap().is_some());
    let rows = all(&histogram, "[data-testid=chart-table] tbody tr");
    let counted: usize = rows
        .iter()
        .filter(|row| row.query_selector("td[data-na]").unwrap().is_none())
        .filter(|row| text(&one(row, "th")) != "N/A")
        .map(|row| text(&one(row, "td")).parse::<usize>().unwrap())
        .sum();
    assert_eq!(counted, scored, "the bins count every scored agent once");
    assert!(text(&one(&root, "[data-testid=grade-bands]")).contains("90"));

    let bars = one(&root, "[data-testid=team-charts] figure[data-chart=bars]");
    assert!(bars.query_selector("svg[role=img]").unwrap().is_some());
    let dimensions = all(&root, "[data-testid^=sort-dimension-]").len();
    assert_eq!(dimensions, 4);
    let groups = all(&bars, "[data-testid=chart-table] tbody tr");
    assert_eq!(groups.len(), dimensions, "one group per dimension");
    // This team, the two other demo teams and the centre.
    let series = all(&bars, "[data-testid=chart-table] thead th").len() - 1;
    assert_eq!(series, 4);
    assert_eq!(all(&bars, ".chart-legend li").len(), 4);
}

/// Elements of `root` wider than their box (content cut off or overflowing sideways).
fn overflowing(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector)
        .iter()
        .filter(|el| el.scroll_width() > el.client_width() + 1)
        .map(|el| {
            let heading: String = text(el).chars().take(30).collect();
            format!(
                "{} \"{heading}\" ({} > {})",
                el.class_name(),
                el.scroll_width(),
                el.client_width()
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_dashboard_and_the_team_page_fit_a_phone_width() {
    // The app's own style sheets, in a column as wide as a 390 px phone screen.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(concat!(
        include_str!("../style/main.css"),
        include_str!("../style/pages.css")
    )));
    document().head().unwrap().append_child(&style).unwrap();
    let root = container();
    root.set_attribute("style", "width: 390px; box-sizing: border-box")
        .unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        let ws = state.workspace().unwrap();
        let period = state.period().unwrap();
        let team = ws
            .teams
            .rows
            .iter()
            .find(|r| r.period == period)
            .unwrap()
            .group
            .clone();
        view! { <DashboardPage/> <TeamPage name=team/> }
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    let root: Element = root.unchecked_into();
    let boxes = ".stat-tile, .team-card, .panel, .dash-mover, .dash-movers, .team-charts, .chart, .page-header";
    let wide = overflowing(&root, boxes);
    assert!(wide.is_empty(), "overflowing at 390 px: {wide:?}");
    assert!(
        root.scroll_width() <= 390,
        "page width {}",
        root.scroll_width()
    );
    style.remove();
}
