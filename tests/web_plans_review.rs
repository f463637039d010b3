//! Browser tests of the weekly review (复盘) with the demo workspace: with nothing due it
//! says so; with two overdue actions Previous and Next walk between them.
//! Run: see tests/web_pages.rs (same runner), with `--test web_plans_review`.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carescore_engine::feedback::plans::{ImprovementAction, PlanSubject};
use carescore_web::i18n::{I18n, Locale};
use carescore_web::pages::WeeklyReviewPage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// A month of the demo, before any month the review runs in.
const FIRST: &str = "2026-07";

#[wasm_bindgen_test]
async fn the_review_with_nothing_due_says_so_in_chinese() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_demo_state();
        expect_context::<I18n>().set(Locale::ZhCn);
        view! { <WeeklyReviewPage/> }
    });
    std::mem::forget(handle);
    settle().await;
    let root: Element = root.unchecked_into();
    assert_eq!(text(&root, "h1"), "复盘");
    assert!(text(&root, "[data-testid=review-empty]").contains("暂无需要复盘的措施"));
}

#[wasm_bindgen_test]
async fn the_review_steps_forward_and_back_through_its_queue() {
    let root = container();
    let out = Rc::new(std::cell::Cell::new(None));
    let out_in = out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        // Two actions past their due month, so the walk has two stops.
        let ws = state.workspace_untracked().expect("the demo");
        let agent = ws.agents.rows[0].group.clone();
        let history = state.history_untracked();
        let def = history.versions[0]
            .scorecard
            .metric_def("fcr_rate")
            .unwrap();
        let mut plans = state.actions_untracked();
        for title in ["First", "Second"] {
            plans.add(ImprovementAction::planned(
                "",
                title,
                PlanSubject::Agent {
                    agent: agent.clone(),
                },
                &def,
                0.5,
                0.6,
                "Lee",
                FIRST,
            ));
        }
        state.set_actions(plans);
        out_in.set(Some(state));
        view! { <WeeklyReviewPage/> }
    });
    std::mem::forget(handle);
    settle().await;
    let root: Element = root.unchecked_into();
    let ids: Vec<String> = out
        .get()
        .unwrap()
        .actions_untracked()
        .0
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let button = |id: &str| -> web_sys::HtmlButtonElement {
        one(&root, &format!("[data-testid={id}]")).unchecked_into()
    };
    let current = || {
        one(&root, "[data-testid=review-walk] [data-testid=plan-item]")
            .get_attribute("data-action")
            .unwrap()
    };

    assert_eq!(text(&root, "[data-testid=review-position]"), "1 of 2");
    assert_eq!(text(&root, "[data-testid=review-next]").trim(), "Next");
    assert_eq!(
        text(&root, ".review-nav"),
        "Previous1 of 2Next",
        "no stray text"
    );
    assert!(button("review-prev").disabled());
    assert!(!button("review-next").disabled(), "a second action waits");
    assert_eq!(current(), ids[0]);

    click(&root, "[data-testid=review-next]");
    settle().await;
    assert_eq!(text(&root, "[data-testid=review-position]"), "2 of 2");
    assert_eq!(current(), ids[1]);
    assert!(button("review-next").disabled(), "the last one");
    assert!(!button("review-prev").disabled());

    click(&root, "[data-testid=review-prev]");
    settle().await;
    assert_eq!(text(&root, "[data-testid=review-position]"), "1 of 2");
    assert_eq!(current(), ids[0]);
}
