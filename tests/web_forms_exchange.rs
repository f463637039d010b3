//! Browser tests of forms by file (issue 6) with the demo workspace: "Send blank form"
//! downloads a named file; a received blank 360 form opens locked to its agent and saves
//! to a file, not to this browser's store; an answers file previews, adds once (a second
//! import is refused) and a bad file names itself and changes nothing.
//! Run: see tests/web_pages.rs (same runner), with `--test web_forms_exchange`.

#![cfg(target_arch = "wasm32")]

use carescore_engine::feedback::{builtin, Answer, Answers, RaterRole, Review360};
use carescore_web::pages::FormsPage;
use carescore_web::state::AppState;
use carescore_workspace::formats::form_file::{FilledResponse, FormFile, FormSubject};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

async fn mount() -> (Element, AppState, String, String) {
    let (root, state, _) = mount_app(true, |_| view! { <FormsPage/> }).await;
    let period = state.period().expect("the demo has periods");
    let agent = state
        .workspace()
        .expect("demo")
        .agents
        .rows
        .iter()
        .find(|r| r.period == period)
        .expect("an agent")
        .group
        .clone();
    (root, state, agent, period)
}

fn peer_subject(agent: &str, period: &str) -> FormSubject {
    FormSubject {
        agent: agent.into(),
        period: Some(period.into()),
        reviewer_role: Some(RaterRole::Peer),
        ..FormSubject::default()
    }
}

fn peer_answers(agent: &str, period: &str) -> FormFile {
    let form = builtin::review360(RaterRole::Peer);
    let mut answers = Answers::new();
    for item in form.items() {
        if item.dimension.is_some() {
            answers.insert(item.id.clone(), Answer::Number(4.0));
        }
    }
    let review = Review360 {
        id: "r360-recv-7".into(),
        form_id: form.id.clone(),
        subject: agent.into(),
        rater: "Bo".into(),
        role: RaterRole::Peer,
        period: period.into(),
        answers,
        comment: None,
    };
    FormFile::answers(
        form,
        peer_subject(agent, period),
        FilledResponse::Review360(review),
    )
}

#[wasm_bindgen_test]
async fn send_blank_downloads_a_named_form_file() {
    let (root, _state, agent, period) = mount().await;
    click(&root, "[data-send-blank='builtin.review360_peer']");
    leptos::task::tick().await;
    click(&root, "[data-testid=export-blank]");
    leptos::task::tick().await;
    assert!(text(&root, "[data-testid=export-blank-status]").contains("Pick the agent"));
    set_value(&root, "[data-testid=export-blank-agent]", &agent, "change");
    leptos::task::tick().await;
    click(&root, "[data-testid=export-blank]");
    leptos::task::tick().await;
    let status = text(&root, "[data-testid=export-blank-status]");
    assert!(
        status.contains(&format!("-{period}.carescore-form.json")),
        "{status}"
    );
}

#[wasm_bindgen_test]
async fn a_received_blank_form_opens_locked_and_saves_to_a_file() {
    let (root, state, agent, period) = mount().await;
    let blank = FormFile::blank(
        builtin::review360(RaterRole::Peer),
        peer_subject(&agent, &period),
    );
    pick_file(
        &root,
        "[data-testid=open-form-file]",
        "blank.json",
        &blank.to_json(),
    );
    wait_for(&root, "[data-testid=received-form]").await;
    let select: HtmlSelectElement = one(
        &root,
        "[data-testid=received-form] select[data-subject=agent]",
    )
    .unchecked_into();
    assert!(select.disabled());
    assert_eq!(select.value(), agent);
    set_value(
        &root,
        "[data-testid=received-form] input[data-subject=reviewer]",
        "Bo",
        "input",
    );
    let scales = root
        .query_selector_all("[data-testid=received-form] .scale [data-value='4']")
        .unwrap();
    for i in 0..scales.length() {
        scales
            .item(i)
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .click();
    }
    leptos::task::tick().await;
    assert_eq!(
        text(&root, "[data-testid=form-save]").trim(),
        "Save answers file"
    );
    click(&root, "[data-testid=form-save]");
    leptos::task::tick().await;
    assert!(root
        .query_selector("[data-testid=received-form]")
        .unwrap()
        .is_none());
    let status = text(&root, "[data-testid=exchange-status]");
    assert!(status.contains(".answers.carescore-form.json"), "{status}");
    assert!(
        state.feedback_untracked().0.reviews360.is_empty(),
        "not saved in this browser"
    );
}

#[wasm_bindgen_test]
async fn answers_import_once_and_a_bad_file_changes_nothing() {
    let (root, state, agent, period) = mount().await;
    let file = peer_answers(&agent, &period);
    pick_file(
        &root,
        "[data-testid=import-answers-file]",
        "a.json",
        &file.to_json(),
    );
    wait_for(&root, "[data-testid=import-answers-preview]").await;
    let line = text(&root, "[data-testid=import-answers-preview]");
    assert!(
        line.contains(&agent) && line.contains("peer") && line.contains(&period),
        "{line}"
    );
    click(&root, "[data-testid=import-answers-apply]");
    leptos::task::tick().await;
    assert_eq!(state.feedback_untracked().0.reviews360.len(), 1);

    pick_file(
        &root,
        "[data-testid=import-answers-file]",
        "a.json",
        &file.to_json(),
    );
    wait_for(&root, "[data-testid=import-answers-preview]").await;
    click(&root, "[data-testid=import-answers-apply]");
    leptos::task::tick().await;
    assert!(text(&root, "[data-testid=exchange-error]").contains("already saved"));
    assert_eq!(state.feedback_untracked().0.reviews360.len(), 1);

    let bad = file.to_json().replace("\"version\": 1", "\"version\": 9");
    pick_file(&root, "[data-testid=import-answers-file]", "bad.json", &bad);
    wait_for(&root, "[data-testid=exchange-error]").await;
    for _ in 0..50 {
        if text(&root, "[data-testid=exchange-error]").contains("bad.json") {
            break;
        }
        sleep(20).await;
    }
    let error = text(&root, "[data-testid=exchange-error]");
    assert!(
        error.contains("bad.json") && error.contains("version"),
        "{error}"
    );
    assert!(root
        .query_selector("[data-testid=import-answers-preview]")
        .unwrap()
        .is_none());
    assert_eq!(state.feedback_untracked().0.reviews360.len(), 1);
}
