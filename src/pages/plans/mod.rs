//! Improvement plans (改进计划): every action with its subject, metric, baseline and
//! target, due period, owner, status and follow-up (the engine's verdict from the due
//! period's data); filters by status and overdue; a form for a new action by hand; edits
//! of status, owner and due period; dated notes. The weekly review (复盘) walks through
//! what needs a decision ([`weekly`]). The pieces an action is shown and edited with are
//! shared with the agent card: [`crate::components::actions`].

mod list;
mod weekly;

use leptos::prelude::*;

pub use weekly::WeeklyReviewPage;

use crate::components::actions::{follow, ActionForm};
use crate::components::NoWorkspace;
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::use_app_state;
use carescore_workspace::plans::{
    status_from_token, status_token, ActionDraft, PlanFilter, STATUSES,
};

/// The filter select's value for "any status".
const ANY_STATUS: &str = "any";

#[component]
pub fn PlansPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let filter = RwSignal::new(PlanFilter::default());
    let adding = RwSignal::new(false);
    view! {
        <section class="page page-plans" data-testid="page-plans">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("plans.title")}</h1>
                <div class="plans-toolbar">
                    <a class="button" data-testid="plans-review-link" href=Route::WeeklyReview.to_hash()>
                        {move || i18n.t("plans.review_open")}
                    </a>
                    <button
                        class="button button-primary"
                        data-testid="plans-new"
                        on:click=move |_| adding.set(true)
                        prop:disabled=move || state.workspace().is_none()
                    >
                        {move || i18n.t("plans.new")}
                    </button>
                </div>
            </header>
            <p class="muted plans-intro">{move || i18n.t("plans.intro")}</p>
            {move || match state.workspace() {
                None => view! { <NoWorkspace/> }.into_any(),
                Some(_) => view! {
                    {move || adding.get().then(|| view! {
                        <section class="panel plan-new" data-testid="plan-new">
                            <h2 class="section-title">{move || i18n.t("plans.new")}</h2>
                            <ActionForm
                                // The form gives it a due period not yet past.
                                draft=ActionDraft::default()
                                choose=true
                                on_close=Callback::new(move |_| adding.set(false))
                            />
                        </section>
                    })}
                    {filters(i18n, filter)}
                    <list::ActionList filter=filter/>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The status select and the "overdue only" box.
fn filters(i18n: I18n, filter: RwSignal<PlanFilter>) -> impl IntoView {
    view! {
        <div class="plans-filters">
            <label class="plan-field">
                <span>{move || i18n.t("plans.filter_status")}</span>
                <select
                    data-testid="plans-filter-status"
                    on:change=move |ev| {
                        let status = status_from_token(&event_target_value(&ev));
                        filter.update(|f| f.status = status);
                    }
                >
                    <option value=ANY_STATUS>{move || i18n.t("plans.filter_any")}</option>
                    {STATUSES
                        .into_iter()
                        .map(|s| view! {
                            <option value=status_token(s)>{move || follow::status_label(i18n, s)}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="plan-check">
                <input
                    type="checkbox"
                    data-testid="plans-filter-overdue"
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        filter.update(|f| f.overdue_only = on);
                    }
                />
                <span>{move || i18n.t("plans.filter_overdue")}</span>
            </label>
        </div>
    }
}
