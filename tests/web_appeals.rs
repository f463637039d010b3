//! Browser tests of appeals (申诉) on the agent card, with the demo workspace: a QA review
//! contested, accepted with a reason, leaves the Feedback panel's QA figure and shows as
//! excluded, with its status and audit trail; reopened, it counts again. A contact record
//! contested by its id and accepted leaves the card's contact count. 360 peer reviews are
//! never listed. Run: see tests/web_pages.rs (same runner), with `--test web_appeals`.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carescore_engine::feedback::{builtin, Answers, RaterRole};
use carescore_engine::records::keys::record_key;
use carescore_web::pages::AgentPage;
use carescore_web::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// Mounts one agent's card in the latest period, with two QA reviews (100 and less) and
/// one peer review saved; returns the root, the state, the agent and the period.
async fn mount() -> (Element, AppState, String, String) {
    let root = container();
    let out = Rc::new(std::cell::RefCell::new(None));
    let out_in = out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        let ws = state.workspace().expect("the demo loads");
        let period = state.period().expect("a period");
        let agent = ws
            .agents
            .rows
            .iter()
            .find(|r| r.period == period)
            .unwrap()
            .group
            .clone();
        let mut store = (*state.feedback_untracked().0).clone();
        store
            .qa_reviews
            .push(qa_review("qa-1", &agent, &period, true));
        store
            .qa_reviews
            .push(qa_review("qa-2", &agent, &period, false));
        store
            .reviews360
            .push(carescore_engine::feedback::Review360 {
                id: "r360-1".into(),
                form_id: builtin::review360_id(RaterRole::Peer),
                subject: agent.clone(),
                rater: "SecretPeer".into(),
                role: RaterRole::Peer,
                period: period.clone(),
                answers: Answers::new(),
                comment: None,
            });
        state.set_feedback(store);
        *out_in.borrow_mut() = Some((state, agent.clone(), period));
        view! { <AgentPage name=agent/> }
    });
    std::mem::forget(handle);
    settle().await;
    let (state, agent, period) = out.borrow_mut().take().expect("mounted");
    (root.unchecked_into(), state, agent, period)
}

fn qa_figure(root: &Element) -> String {
    text(root, "[data-figure=qa] .feedback-value")
}

#[wasm_bindgen_test]
async fn a_contested_qa_review_accepted_leaves_the_qa_figure_with_its_trail() {
    let (root, state, agent, _period) = mount().await;
    let panel = one(&root, "[data-testid=agent-appeals]");
    let before = qa_figure(&root);
    assert_ne!(before, "100.0", "two reviews, one below 100");

    // Peers are anonymous: only the two QA reviews are listed, never the peer.
    let listed = all(&panel, "[data-testid=appeal-review]");
    assert_eq!(listed.len(), 2);
    assert!(!panel.text_content().unwrap().contains("SecretPeer"));

    click(&panel, "[data-testid=appeal-contest][data-review=qa-2]");
    settle().await;
    // A reason is required.
    click(&panel, "[data-testid=appeal-submit]");
    settle().await;
    assert!(text(&panel, "[data-testid=appeal-error]").contains("reason"));
    type_into(
        &panel,
        "[data-testid=appeal-reason]",
        "Wrong rubric applied",
    );
    click(&panel, "[data-testid=appeal-submit]");
    settle().await;

    let panel = one(&root, "[data-testid=agent-appeals]");
    let item = one(&panel, "[data-testid=appeal-item]");
    assert_eq!(item.get_attribute("data-status").as_deref(), Some("open"));
    assert_eq!(qa_figure(&root), before, "an open appeal changes nothing");

    // Accepting needs a reason and a name.
    click(&item, "[data-testid=appeal-accept]");
    settle().await;
    assert!(!text(&item, "[data-testid=appeal-step-error]").is_empty());
    type_into(&item, "[data-testid=appeal-decided-by]", "Manager Mo");
    type_into(
        &item,
        "[data-testid=appeal-decision-reason]",
        "Rubric misapplied",
    );
    click(&item, "[data-testid=appeal-accept]");
    settle().await;

    let panel = one(&root, "[data-testid=agent-appeals]");
    let item = one(&panel, "[data-testid=appeal-item]");
    assert_eq!(
        item.get_attribute("data-status").as_deref(),
        Some("accepted")
    );
    let steps = all(&item, "[data-testid=appeal-trail] li");
    assert_eq!(steps.len(), 2);
    let first = steps[0].text_content().unwrap();
    assert!(
        first.contains(&agent) && first.contains("Wrong rubric applied"),
        "{first}"
    );
    let second = steps[1].text_content().unwrap();
    assert!(
        second.contains("Manager Mo") && second.contains("Rubric misapplied"),
        "{second}"
    );
    assert_eq!(
        qa_figure(&root),
        "100.0",
        "only the full-marks review counts"
    );
    let excluded = one(&panel, "[data-testid=appeal-review][data-review=qa-2]");
    assert!(excluded
        .query_selector("[data-testid=appeal-excluded]")
        .unwrap()
        .is_some());
    let saved = state.feedback_untracked();
    assert_eq!(saved.appeals.len(), 1);

    // Reopened, the review counts again.
    type_into(&item, "[data-testid=appeal-decided-by]", "Auditor");
    type_into(
        &item,
        "[data-testid=appeal-decision-reason]",
        "New evidence",
    );
    click(&item, "[data-testid=appeal-reopen]");
    settle().await;
    let item = one(&root, "[data-testid=appeal-item]");
    assert_eq!(item.get_attribute("data-status").as_deref(), Some("open"));
    assert_eq!(all(&item, "[data-testid=appeal-trail] li").len(), 3);
    assert_eq!(qa_figure(&root), before);
}

#[wasm_bindgen_test]
async fn an_accepted_contact_record_appeal_leaves_the_contact_count() {
    let (root, state, agent, period) = mount().await;
    let ws = state.workspace_untracked().unwrap();
    let index = (0..ws.store.len())
        .find(|&i| {
            ws.store.agent(i) == agent
                && ws.store.opened_at(i).format("%Y-%m").to_string() == period
        })
        .unwrap();
    let key = record_key(&ws.store, index);
    let before = ws.agents.row(&agent, &period).unwrap().records;

    let panel = one(&root, "[data-testid=agent-appeals]");
    click(&panel, "[data-testid=appeal-contest-record]");
    settle().await;
    type_into(&panel, "[data-testid=appeal-record-key]", "NO-SUCH-RECORD");
    type_into(&panel, "[data-testid=appeal-reason]", "Test call");
    click(&panel, "[data-testid=appeal-submit]");
    settle().await;
    assert!(text(&panel, "[data-testid=appeal-error]").contains("NO-SUCH-RECORD"));
    type_into(&panel, "[data-testid=appeal-record-key]", &key);
    click(&panel, "[data-testid=appeal-submit]");
    settle().await;

    let item = one(&root, "[data-testid=appeal-item]");
    assert!(item.text_content().unwrap().contains(&key));
    type_into(&item, "[data-testid=appeal-decided-by]", "Mo");
    type_into(
        &item,
        "[data-testid=appeal-decision-reason]",
        "It was a test call",
    );
    click(&item, "[data-testid=appeal-accept]");
    settle().await;
    let ws = state.workspace_untracked().unwrap();
    assert_eq!(ws.agents.row(&agent, &period).unwrap().records, before - 1);
    assert!(ws.excluded_records.contains(&key));
}
