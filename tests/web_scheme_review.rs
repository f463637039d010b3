//! Browser tests of the scheme review page (方案审查) with the demo workspace: the status
//! line of a cycle that is due or overdue, recording a review (logged, next due date moved
//! a cycle from today), the feedback summary and the dashboard reminder.
//! Run: see tests/web_pages.rs (same runner), with `--test web_scheme_review`.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carescore_engine::feedback::builtin::SCHEME_FEEDBACK;
use carescore_engine::feedback::response::{Answer, SurveyResponse};
use carescore_engine::feedback::review_cycle::SchemeReviewCycle;
use carescore_web::download::today;
use carescore_web::i18n::{I18n, Locale};
use carescore_web::pages::scheme_review::SchemeReviewPage;
use carescore_web::pages::DashboardPage;
use carescore_web::state::AppState;
use carescore_web::storage::{memory::MemoryStore, StorageHandle, StorageMode};
use carescore_workspace::scheme_review::SchemeReview;
use chrono::{Months, NaiveDate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// A cycle that started `months` (and `days` more) before today.
fn cycle_started(months: u32, days: u64, every_months: u32) -> SchemeReview {
    let start = today()
        .checked_sub_months(Months::new(months))
        .unwrap()
        .checked_sub_days(chrono::Days::new(days))
        .unwrap();
    SchemeReview {
        cycle: Some(SchemeReviewCycle {
            start,
            every_months,
            last_review: None,
        }),
        log: Vec::new(),
    }
}

/// Mounts `page` with the demo state, its scheme review set to `review`.
async fn mount<V: IntoView + 'static>(
    review: SchemeReview,
    page: impl Fn() -> V + 'static,
) -> (Element, AppState) {
    let root = container();
    let out = Rc::new(std::cell::RefCell::new(None));
    let out_in = out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let storage = StorageHandle::new(Rc::new(MemoryStore::new()), StorageMode::MemoryOnly);
        storage.provide();
        let i18n = I18n::provide(storage);
        i18n.set(Locale::En);
        let state = AppState::new(Some(storage), true);
        provide_context(state);
        state.set_scheme_review(review.clone());
        *out_in.borrow_mut() = Some(state);
        page()
    });
    std::mem::forget(handle);
    settle().await;
    let state = out.borrow().unwrap();
    (root.unchecked_into(), state)
}

#[wasm_bindgen_test]
async fn a_cycle_due_today_and_an_overdue_one_say_so() {
    let (root, _) = mount(cycle_started(12, 0, 12), || view! { <SchemeReviewPage/> }).await;
    let status = one(&root, "[data-testid=review-status]");
    assert_eq!(status.get_attribute("data-due").as_deref(), Some("due"));
    let line = status.text_content().unwrap();
    assert!(line.contains("due today"), "{line}");
    assert!(line.contains(&today().to_string()), "{line}");

    let (root, _) = mount(cycle_started(12, 10, 12), || view! { <SchemeReviewPage/> }).await;
    let status = one(&root, "[data-testid=review-status]");
    assert_eq!(status.get_attribute("data-due").as_deref(), Some("overdue"));
    let line = status.text_content().unwrap();
    assert!(line.contains("overdue by 10 days"), "{line}");
}

#[wasm_bindgen_test]
async fn recording_a_review_logs_it_and_moves_the_next_due_date() {
    let (root, state) = mount(cycle_started(14, 0, 12), || view! { <SchemeReviewPage/> }).await;
    let page = one(&root, "[data-testid=page-scheme-review]");
    assert_eq!(
        one(&page, "[data-testid=review-status]")
            .get_attribute("data-due")
            .as_deref(),
        Some("overdue")
    );
    // Who is required.
    click(&page, "[data-testid=review-record]");
    settle().await;
    assert!(page
        .query_selector("[data-testid=review-record-problem]")
        .unwrap()
        .is_some());
    assert!(state.scheme_review_untracked().log.is_empty());

    set_value(&page, "[data-testid=review-by]", "李经理", "input");
    set_value(
        &page,
        "[data-testid=review-note]",
        "<b>效率</b>权重 25 → 20",
        "input",
    );
    click(&page, "[data-testid=review-record]");
    settle().await;

    let next: NaiveDate = today().checked_add_months(Months::new(12)).unwrap();
    assert_eq!(
        text(&page, "[data-testid=review-next-due]"),
        next.to_string()
    );
    assert_eq!(
        text(&page, "[data-testid=review-last]"),
        today().to_string()
    );
    let status = one(&page, "[data-testid=review-status]");
    assert_eq!(status.get_attribute("data-due").as_deref(), Some("ok"));
    assert!(status.text_content().unwrap().contains(&next.to_string()));
    let rows = all(&page, "[data-testid=review-log-row]");
    assert_eq!(rows.len(), 1);
    let row = rows[0].text_content().unwrap();
    assert!(
        row.contains("李经理") && row.contains(&today().to_string()),
        "{row}"
    );
    // The note is text, not markup.
    assert!(row.contains("<b>效率</b>"), "{row}");
    assert!(rows[0].query_selector("b").unwrap().is_none());
    assert_eq!(state.scheme_review_untracked().log.len(), 1);

    // A half-yearly cycle counts from the review held today.
    click(&page, "[data-testid=review-every-6]");
    settle().await;
    let half = today().checked_add_months(Months::new(6)).unwrap();
    assert_eq!(
        text(&page, "[data-testid=review-next-due]"),
        half.to_string()
    );
    set_value(&page, "[data-testid=review-every]", "0", "change");
    settle().await;
    assert!(page
        .query_selector("[data-testid=review-every-problem]")
        .unwrap()
        .is_some());
    assert_eq!(
        text(&page, "[data-testid=review-next-due]"),
        half.to_string()
    );
}

#[wasm_bindgen_test]
async fn the_feedback_summary_counts_answers_and_shows_comments_as_text() {
    let (root, state) = mount(SchemeReview::default(), || view! { <SchemeReviewPage/> }).await;
    let summary = one(&root, "[data-testid=scheme-feedback-summary]");
    assert_eq!(
        one(&summary, "[data-testid=review-feedback-count]")
            .get_attribute("data-count")
            .as_deref(),
        Some("0")
    );
    let mut feedback = (*state.feedback_untracked().0).clone();
    for (i, (score, weights)) in [(4.0, "partly"), (5.0, "partly"), (3.0, "no")]
        .into_iter()
        .enumerate()
    {
        let mut answers = std::collections::BTreeMap::new();
        answers.insert("understand_score".to_string(), Answer::Number(score));
        answers.insert("measures_fairly".to_string(), Answer::Number(3.0));
        answers.insert("weights_fair".to_string(), Answer::Text(weights.into()));
        if i == 0 {
            answers.insert(
                "suggestion".to_string(),
                Answer::Text("<img src=x onerror=alert(1)>多看质检".into()),
            );
        }
        feedback.surveys.push(SurveyResponse {
            id: format!("survey-sr-{i}"),
            form_id: SCHEME_FEEDBACK.into(),
            contact_id: None,
            agent: "张三".into(),
            submitted_at: today().and_hms_opt(12, 0, 0).unwrap(),
            answers,
        });
    }
    state.set_feedback(feedback);
    settle().await;
    assert_eq!(
        one(&summary, "[data-testid=review-feedback-count]")
            .get_attribute("data-count")
            .as_deref(),
        Some("3")
    );
    let understand = one(&summary, "[data-item=understand_score]");
    assert_eq!(
        text(&understand, "[data-testid=review-rating-mean]"),
        "4.0 / 5"
    );
    assert_eq!(text(&understand, "[data-testid=review-rating-count]"), "3");
    let partly = one(&summary, "[data-option=partly]")
        .text_content()
        .unwrap();
    assert!(partly.contains('2'), "{partly}");
    let comments = all(&summary, "[data-testid=review-comment]");
    assert_eq!(comments.len(), 1);
    assert!(comments[0]
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>多看质检"));
    assert!(comments[0].query_selector("img").unwrap().is_none());
    // Names are left out of the summary.
    assert!(!summary.text_content().unwrap().contains("张三"));
}

#[wasm_bindgen_test]
async fn the_dashboard_reminds_of_an_overdue_review_only() {
    let (root, _) = mount(cycle_started(13, 0, 12), || view! { <DashboardPage/> }).await;
    let reminder = one(&root, "[data-testid=dashboard-scheme-review]");
    assert_eq!(
        reminder.get_attribute("data-due").as_deref(),
        Some("overdue")
    );
    assert_eq!(
        one(&reminder, "a").get_attribute("href").as_deref(),
        Some("#/scorecard/review")
    );
    let (root, _) = mount(cycle_started(1, 0, 12), || view! { <DashboardPage/> }).await;
    assert!(root
        .query_selector("[data-testid=dashboard-scheme-review]")
        .unwrap()
        .is_none());
}
