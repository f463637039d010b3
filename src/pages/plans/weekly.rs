//! The weekly review (复盘, `#/plans/review`): the actions that need a decision (open past
//! their due period, or done and not yet verified), one at a time with the engine's
//! verdict, and buttons to mark each verified, dropped or still in progress, with a note.
//! The queue is fixed when the view opens, so deciding on an action does not make the walk
//! skip the next one.

use carescore_engine::feedback::plans::{ActionStatus, DatedNote};
use leptos::prelude::*;

use crate::components::actions::{current_period, today, ActionItem};
use crate::components::NoWorkspace;
use crate::i18n::use_i18n;
use crate::router::Route;
use crate::state::use_app_state;

#[component]
pub fn WeeklyReviewPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    view! {
        <section class="page page-plans-review" data-testid="page-plans-review">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("plans.review_title")}</h1>
                <a class="button" href=Route::Plans.to_hash()>{move || i18n.t("plans.back_to_plans")}</a>
            </header>
            <p class="muted">{move || i18n.t("plans.review_intro")}</p>
            // Only the workspace's arrival rebuilds the walk, not each decision.
            {move || match state.workspace() {
                Some(_) => view! { <WeeklyWalk/> }.into_any(),
                None => view! { <NoWorkspace/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn WeeklyWalk() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let queue = untrack(|| {
        let today = current_period(state);
        state.actions_untracked().review_queue(&today)
    });
    if queue.is_empty() {
        return view! {
            <div class="empty-state" data-testid="review-empty">
                <p>{move || i18n.t("plans.review_nothing")}</p>
                <a class="button" href=Route::Plans.to_hash()>{move || i18n.t("plans.back_to_plans")}</a>
            </div>
        }
        .into_any();
    }
    let total = queue.len();
    let queue = StoredValue::new(queue);
    let index = RwSignal::new(0usize);
    let note = RwSignal::new(String::new());
    let current = move || queue.with_value(|q| q[index.get().min(total - 1)].clone());

    let decide = move |status: ActionStatus| {
        let id = untrack(current);
        let text = note.get_untracked().trim().to_string();
        let mut plans = state.actions_untracked();
        plans.update(&id, |a| {
            a.status = status;
            if !text.is_empty() {
                a.notes.push(DatedNote {
                    on: today(),
                    by: String::new(),
                    text,
                });
            }
        });
        state.set_actions(plans);
        note.set(String::new());
    };
    let step = move |delta: isize| {
        index.update(|i| *i = i.saturating_add_signed(delta).min(total - 1));
        note.set(String::new());
    };
    // Named outside the view: inside an attribute the macro reads a bare `>` (as in
    // `>=`) as the end of the tag, which once left Next disabled for good.
    let at_first = move || index.get() == 0;
    let at_last = move || index.get() + 1 >= total;

    view! {
        <div class="review-walk" data-testid="review-walk">
            <div class="review-nav">
                <button class="button" data-testid="review-prev" on:click=move |_| step(-1)
                    prop:disabled=at_first>
                    {move || i18n.t("plans.review_prev")}
                </button>
                <span class="review-position" data-testid="review-position">
                    {move || i18n.tf("plans.review_position", &[
                        ("n", &(index.get() + 1).to_string()),
                        ("m", &total.to_string()),
                    ])}
                </span>
                <button class="button" data-testid="review-next" on:click=move |_| step(1)
                    prop:disabled=at_last>
                    {move || i18n.t("plans.review_next")}
                </button>
            </div>
            <ul class="plan-list review-current">
                {move || {
                    let id = current();
                    view! { <ActionItem id=id/> }
                }}
            </ul>
            <div class="plan-form review-decide">
                <label class="plan-field">
                    <span>{move || i18n.t("plans.field.note")}</span>
                    <textarea rows="2" data-testid="review-note" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </label>
                <div class="plan-form-actions">
                    <button class="button button-primary" data-testid="review-verified"
                        on:click=move |_| decide(ActionStatus::Verified)>
                        {move || i18n.t("plans.review_mark_verified")}
                    </button>
                    <button class="button" data-testid="review-in-progress"
                        on:click=move |_| decide(ActionStatus::InProgress)>
                        {move || i18n.t("plans.review_mark_in_progress")}
                    </button>
                    <button class="button button-danger" data-testid="review-dropped"
                        on:click=move |_| decide(ActionStatus::Dropped)>
                        {move || i18n.t("plans.review_mark_dropped")}
                    </button>
                </div>
            </div>
        </div>
    }
    .into_any()
}
