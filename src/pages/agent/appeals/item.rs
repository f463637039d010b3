//! One appeal about the agent: its status, target and trail, and the steps it allows
//! (accept, reject, reopen, comment), each checked by the store's rules.

use carescore_engine::feedback::appeals::{AppealAction, AppealStatus};
use carescore_engine::feedback::Appeal;
use carescore_workspace::appeals::AppealProblem;
use leptos::prelude::*;

use super::text::{problem_text, status_text, status_token};
use super::{now, text_area, text_field};
use crate::i18n::use_i18n;
use crate::state::use_app_state;

/// One appeal: status, target, trail oldest first, and the next steps it allows.
#[component]
pub(super) fn AppealItem(appeal: Appeal, target: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let status = appeal.status();
    let id = appeal.id().to_string();
    let by = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppealProblem>);

    // Every step goes through the store's rules; a refused one says why.
    let step = move |id: String, what: Step| {
        let mut store = (*state.feedback_untracked().0).clone();
        let (who, why) = (by.get_untracked(), reason.get_untracked());
        let done = match what {
            Step::Accept => store.decide_appeal(&id, true, &who, now(), &why),
            Step::Reject => store.decide_appeal(&id, false, &who, now(), &why),
            Step::Reopen => store.reopen_appeal(&id, &who, now(), &why),
            Step::Comment => store.comment_appeal(&id, &who, now(), &why),
        };
        match done {
            Ok(()) => {
                error.set(None);
                reason.set(String::new());
                state.set_feedback(store);
            }
            Err(problem) => error.set(Some(problem)),
        }
    };
    let button = move |what: Step, testid: &'static str, key: &'static str, primary: bool| {
        let id = id.clone();
        let class = if primary {
            "button button-primary"
        } else {
            "button"
        };
        view! {
            <button class=class data-testid=testid on:click=move |_| step(id.clone(), what)>
                {move || i18n.t(key)}
            </button>
        }
    };
    let buttons = if status == AppealStatus::Open {
        view! {
            {button(Step::Accept, "appeal-accept", "appeals.accept", true)}
            {button(Step::Reject, "appeal-reject", "appeals.reject", false)}
            {button(Step::Comment, "appeal-comment", "appeals.comment", false)}
        }
        .into_any()
    } else {
        view! {
            {button(Step::Reopen, "appeal-reopen", "appeals.reopen", false)}
            {button(Step::Comment, "appeal-comment", "appeals.comment", false)}
        }
        .into_any()
    };
    let trail = appeal
        .trail()
        .iter()
        .map(|entry| {
            let (action, text) = match &entry.action {
                AppealAction::Opened { reason } => ("appeals.step_opened", reason),
                AppealAction::Commented { text } => ("appeals.step_commented", text),
                AppealAction::Accepted { reason } => ("appeals.step_accepted", reason),
                AppealAction::Rejected { reason } => ("appeals.step_rejected", reason),
                AppealAction::Reopened { reason } => ("appeals.step_reopened", reason),
            };
            view! {
                <li class="appeal-step">
                    <span class="appeal-step-at num">{entry.at.format("%Y-%m-%d %H:%M").to_string()}</span>
                    " "
                    <span class="appeal-step-by">{entry.by.clone()}</span>
                    " "
                    <span class="appeal-step-action">{move || i18n.t(action)}</span>
                    ": "
                    <span class="appeal-step-text">{text.clone()}</span>
                </li>
            }
        })
        .collect_view();
    let reason_label = if status == AppealStatus::Open {
        "appeals.decision_reason"
    } else {
        "appeals.reopen_reason"
    };
    view! {
        <li class="appeal-item" data-testid="appeal-item" data-status=status_token(status)
            data-appeal=appeal.id().to_string()>
            <div class="appeal-head">
                <span class="appeal-status" data-testid="appeal-status" data-status=status_token(status)>
                    {move || status_text(i18n, status)}
                </span>
                " "
                <span class="appeal-target">{target}</span>
            </div>
            <ol class="appeal-trail" data-testid="appeal-trail">{trail}</ol>
            <div class="appeal-step-form">
                {text_field(i18n, "appeals.decided_by", "appeal-decided-by", by)}
                {text_area(i18n, reason_label, "appeal-decision-reason", reason)}
                {move || error.get().map(|p| view! {
                    <p class="field-error" role="alert" data-testid="appeal-step-error">{problem_text(i18n, &p)}</p>
                })}
                <div class="appeal-form-actions">{buttons}</div>
            </div>
        </li>
    }
}

#[derive(Clone, Copy)]
enum Step {
    Accept,
    Reject,
    Reopen,
    Comment,
}
