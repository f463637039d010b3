//! The list of actions: one item per action ([`ActionItem`]). Items are keyed by id, so an
//! edit updates its item in place and an open fold-out stays open.

use carescore_workspace::plans::PlanFilter;
use leptos::prelude::*;

use crate::components::actions::{current_period, ActionItem};
use crate::i18n::use_i18n;
use crate::state::use_app_state;

/// The actions the filter keeps, or a line saying there are none.
#[component]
pub(super) fn ActionList(filter: RwSignal<PlanFilter>) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let ids = Memo::new(move |_| {
        let today = current_period(state);
        let plans = state.actions();
        filter.with(|f| {
            plans
                .filtered(f, &today)
                .into_iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || ids.with(Vec::is_empty).then(|| view! {
            <p class="muted" data-testid="plans-empty">
                {move || if state.actions().0.is_empty() { i18n.t("plans.none") } else { i18n.t("plans.none_match") }}
            </p>
        })}
        <ul class="plan-list" data-testid="plan-list">
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <ActionItem id=id/>
            </For>
        </ul>
    }
}
