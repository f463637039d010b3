//! Browser tests of the QA calibration page: empty until two reviewers marked the same
//! conversation; then alpha with its verdict, one row per reviewer with the drifting one
//! flagged, and the disputed item first. It follows the saved reviews and the threshold.
//! Run: see tests/web_pages.rs (same runner), with `--test web_calibration`.

#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use carescore_engine::feedback::builtin;
use carescore_engine::feedback::response::{Answer, Answers, QaReview};
use carescore_engine::feedback::ItemInput;
use carescore_web::pages::CalibrationPage;
use carescore_web::state::AppState;
use carescore_workspace::feedback::FeedbackStore;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// A review of conversation C-1 with full points, except `greeting`.
fn review(reviewer: &str, greeting: f64) -> QaReview {
    let form = builtin::qa_after_sales_chat();
    let mut answers = Answers::new();
    for item in form.items() {
        if let ItemInput::QaCheck { points, .. } = item.input {
            let mark = if item.id == "greeting" {
                greeting
            } else {
                f64::from(points)
            };
            answers.insert(item.id.clone(), Answer::Number(mark));
        }
    }
    QaReview {
        id: format!("qa-{reviewer}"),
        form_id: form.id,
        conversation_id: "C-1".into(),
        agent: "Ann".into(),
        reviewer: reviewer.into(),
        reviewed_on: chrono::NaiveDate::from_ymd_opt(2026, 9, 3).unwrap(),
        conversation_on: None,
        answers,
        item_comments: BTreeMap::new(),
        comment: None,
    }
}

async fn mount() -> (Element, AppState) {
    let (root, state, _) = mount_app(false, |_| view! { <CalibrationPage/> }).await;
    (root, state)
}

fn drift(root: &Element, reviewer: &str) -> String {
    find(root, &format!("tr[data-reviewer='{reviewer}']"))
        .unwrap_or_else(|| panic!("no row for {reviewer}"))
        .get_attribute("data-drift")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn one_reviewer_is_no_calibration_three_show_who_drifts() {
    let (root, state) = mount().await;
    assert!(find(&root, "[data-testid=calibration-empty]").is_some());

    state.set_feedback(FeedbackStore {
        qa_reviews: vec![review("Li", 5.0)],
        ..FeedbackStore::default()
    });
    leptos::task::tick().await;
    assert!(
        find(&root, "[data-testid=calibration-empty]").is_some(),
        "one reviewer compares with nobody"
    );

    state.set_feedback(FeedbackStore {
        qa_reviews: vec![review("Li", 5.0), review("Wang", 5.0), review("Zhao", 0.0)],
        ..FeedbackStore::default()
    });
    leptos::task::tick().await;
    assert!(find(&root, "[data-testid=calibration-empty]").is_none());
    assert!(text(&root, "[data-testid=calibration-formula]").contains("1 − Dₒ / Dₑ"));
    let alpha = text(&root, "[data-testid=alpha-interval]");
    assert!(alpha.parse::<f64>().is_ok(), "alpha is a number: {alpha}");
    assert_eq!(drift(&root, "Zhao"), "true");
    assert_eq!(drift(&root, "Li"), "false");
    let first_unit = find(&root, "[data-testid=calibration-items] tbody tr")
        .and_then(|row| row.get_attribute("data-unit"));
    assert_eq!(first_unit.as_deref(), Some("C-1/greeting"));

    // 5% flags Li and Wang as well (7.1% each).
    let threshold: HtmlInputElement = find(&root, "[data-testid=calibration-threshold]")
        .unwrap()
        .unchecked_into();
    threshold.set_value("5");
    threshold
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(drift(&root, "Li"), "true");
    assert_eq!(drift(&root, "Wang"), "true");
}
