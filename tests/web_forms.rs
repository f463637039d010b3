//! Browser tests of the Forms page and the agent card's Feedback panel with the demo
//! workspace: a customer survey with CSAT 5 shows on the card; peer comments stay hidden
//! until k = 3 peers answered (and three peers fill the teamwork dimension's peer review
//! score); a QA review with a critical miss scores 0; an unanswered required question is
//! refused next to its item.
//! Run: see tests/web_pages.rs (same runner), with `--test web_forms`.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carescore_web::pages::{AgentPage, FormsPage};
use carescore_web::state::AppState;
use carescore_workspace::scores::row_index;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

const SURVEY: &str = "[data-fill='builtin.customer_survey']";
const PEER_360: &str = "[data-fill='builtin.review360_peer']";

/// An agent with a row in the period the pages show.
fn some_agent(state: AppState) -> String {
    let ws = state.workspace().expect("the demo workspace loads");
    let period = state.period().expect("the demo has periods");
    ws.agents
        .rows
        .iter()
        .find(|r| r.period == period)
        .expect("an agent in the period")
        .group
        .clone()
}

/// Mounts the Forms page and the card of one agent side by side; returns the root, the
/// state and the agent.
async fn mount() -> (Element, AppState, String) {
    let root = container();
    let out = Rc::new(std::cell::RefCell::new(None));
    let out_in = out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        let agent = some_agent(state);
        *out_in.borrow_mut() = Some((state, agent.clone()));
        view! {
            <FormsPage/>
            <AgentPage name=agent/>
        }
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    let (state, agent) = out.borrow_mut().take().expect("mounted");
    (root.unchecked_into(), state, agent)
}

async fn open_form(root: &Element, fill_button: &str, agent: &str) {
    click(root, fill_button);
    leptos::task::tick().await;
    set_value(
        root,
        "[data-testid=form-fill] select[data-subject=agent]",
        agent,
        "change",
    );
    leptos::task::tick().await;
}

/// Fills and saves one peer review of `agent` by `rater`, every statement rated 4.
async fn save_peer_review(root: &Element, agent: &str, rater: &str, comment: &str) {
    open_form(root, PEER_360, agent).await;
    set_value(
        root,
        "[data-testid=form-fill] input[data-subject=reviewer]",
        rater,
        "input",
    );
    for scale in all(root, "[data-testid=form-fill] .scale") {
        one(&scale, "[data-value='4']")
            .unchecked_into::<HtmlElement>()
            .click();
    }
    set_value(root, "[data-item=comment] textarea", comment, "input");
    leptos::task::tick().await;
    click(root, "[data-testid=form-save]");
    leptos::task::tick().await;
    assert!(
        root.query_selector("[data-testid=form-fill]")
            .unwrap()
            .is_none(),
        "the form closes once saved: {}",
        all(root, "[data-testid=form-problem]")
            .iter()
            .map(|p| p.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" | ")
    );
}

#[wasm_bindgen_test]
async fn a_survey_with_csat_5_shows_on_the_agent_card() {
    let (root, state, agent) = mount().await;
    assert!(text(&root, "[data-testid=agent-feedback]").contains("No surveys or reviews"));
    open_form(&root, SURVEY, &agent).await;
    click(&root, "[data-item=csat] [data-value='5']");
    leptos::task::tick().await;
    assert!(one(&root, "[data-item=csat] [data-value='5']")
        .class_list()
        .contains("selected"));
    click(&root, "[data-testid=form-save]");
    leptos::task::tick().await;

    let store = state.feedback_untracked();
    assert_eq!(store.surveys.len(), 1);
    assert_eq!(store.surveys[0].agent, agent);
    assert!(text(&root, "[data-testid=forms-status]").contains("Customer survey"));
    let csat = text(&root, "[data-testid=agent-feedback] [data-figure=csat]");
    assert!(csat.contains("5.0"), "{csat}");
    assert!(csat.contains("(1 response)"), "{csat}");
    let rows = all(&root, "[data-testid=saved-surveys] tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].text_content().unwrap().contains(&agent));

    // Delete empties the list and the panel.
    click(&root, "[data-testid=saved-surveys] [data-delete]");
    leptos::task::tick().await;
    assert!(state.feedback_untracked().surveys.is_empty());
    assert!(root
        .query_selector("[data-testid=agent-feedback] [data-figure=csat]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn peer_comments_stay_hidden_until_three_peers_answered() {
    let (root, state, agent) = mount().await;
    save_peer_review(&root, &agent, "Peer One", "Always shares tips").await;
    save_peer_review(&root, &agent, "Peer Two", "Great at handovers").await;
    assert_eq!(state.feedback_untracked().reviews360.len(), 2);

    let panel = one(&root, "[data-testid=agent-feedback]");
    let peer = text(&panel, "[data-figure=peer]");
    assert!(
        !peer.contains("75.0"),
        "the mean of two peers is withheld: {peer}"
    );
    assert!(peer.contains("(2 peers)"), "{peer}");
    let hidden = text(&panel, "[data-testid=peer-comments-hidden]");
    assert!(hidden.contains("hidden until 3 peers"), "{hidden}");
    assert!(panel
        .query_selector("[data-testid=peer-comments]")
        .unwrap()
        .is_none());
    let panel_text = panel.text_content().unwrap();
    assert!(!panel_text.contains("Always shares tips"));
    assert!(!panel_text.contains("Peer One"));
    // The saved list does not name peers either.
    assert!(!text(&root, "[data-testid=saved-360]").contains("Peer One"));

    save_peer_review(&root, &agent, "Peer Three", "Calm with angry customers").await;
    let panel = one(&root, "[data-testid=agent-feedback]");
    assert!(panel
        .query_selector("[data-testid=peer-comments-hidden]")
        .unwrap()
        .is_none());
    let comments: Vec<String> = all(&panel, "[data-testid=peer-comments] li")
        .iter()
        .map(|li| li.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        comments,
        [
            "Always shares tips",
            "Calm with angry customers",
            "Great at handovers"
        ]
    );
    let peer = text(&panel, "[data-figure=peer]");
    assert!(
        peer.contains("(3 peers)") && peer.contains("75.0"),
        "{peer}"
    );
    assert!(!panel.text_content().unwrap().contains("Peer Three"));

    // Three peers reach the minimum sample: the teamwork dimension scores them.
    let (ws, scores) = state.scored().unwrap();
    let period = state.period().unwrap();
    let row = row_index(&ws.agents, &agent, &period).unwrap();
    let ex = scores.agents.explain(&ws.agents, row).unwrap();
    let peer_metric = ex
        .dimensions
        .iter()
        .flat_map(|d| &d.metrics)
        .find(|m| m.metric_id == "peer_review_score")
        .expect("the default card has the peer review score");
    assert!(peer_metric.score.is_some(), "{peer_metric:?}");
    assert!(!peer_metric.small_sample);
}

#[wasm_bindgen_test]
async fn a_qa_review_with_a_critical_miss_scores_zero_and_counts_the_failure() {
    let (root, state, agent) = mount().await;
    open_form(&root, "[data-fill='builtin.qa_after_sales_chat']", &agent).await;
    set_value(&root, "input[data-subject=reference]", "CHAT-7", "input");
    set_value(&root, "input[data-subject=reviewer]", "Rita", "input");
    for (item, points) in [
        ("greeting", "5"),
        ("identity_check", "10"),
        ("problem_understanding", "10"),
        ("policy_accuracy", "20"),
        ("tone", "15"),
        ("closing", "10"),
    ] {
        set_value(
            &root,
            &format!("[data-item={item}] input[data-input=points]"),
            points,
            "input",
        );
    }
    let na: HtmlInputElement = one(
        &root,
        "[data-item=refund_return_handling] input[data-input=na]",
    )
    .unchecked_into();
    na.set_checked(true);
    let event = document().create_event("Event").unwrap();
    event.init_event_with_bubbles_and_cancelable("change", true, true);
    na.dispatch_event(&event).unwrap();
    leptos::task::tick().await;
    assert!(one(
        &root,
        "[data-item=refund_return_handling] input[data-input=points]"
    )
    .unchecked_into::<HtmlInputElement>()
    .disabled());
    assert!(text(&root, "[data-item=policy_accuracy]").contains("Critical"));
    click(&root, "[data-testid=form-save]");
    leptos::task::tick().await;

    let store = state.feedback_untracked();
    assert_eq!(store.qa_reviews.len(), 1, "saved");
    assert!(store.qa_reviews[0].answers["refund_return_handling"].is_not_applicable());
    let saved = text(&root, "[data-testid=saved-qa] tbody tr");
    assert!(saved.contains("CHAT-7") && saved.contains("0.0"), "{saved}");
    assert!(saved.contains("critical error"), "{saved}");
    let panel = one(&root, "[data-testid=agent-feedback]");
    let qa = text(&panel, "[data-figure=qa]");
    assert!(qa.contains("0.0") && qa.contains("(1 review)"), "{qa}");
    assert_eq!(text(&panel, "[data-figure=qa_critical] dd"), "1");
}

#[wasm_bindgen_test]
async fn an_unanswered_required_question_is_refused_next_to_it() {
    let (root, state, agent) = mount().await;
    open_form(&root, SURVEY, &agent).await;
    click(&root, "[data-item=nps] [data-value='9']");
    click(&root, "[data-testid=form-save]");
    leptos::task::tick().await;
    assert!(state.feedback_untracked().surveys.is_empty());
    let problem = text(&root, "[data-item=csat] [data-testid=form-problem]");
    assert!(problem.contains("needs an answer"), "{problem}");
    assert!(root
        .query_selector("[data-item=nps] [data-testid=form-problem]")
        .unwrap()
        .is_none());
    assert!(one(&root, "[data-testid=form-not-saved]").is_connected());
}
