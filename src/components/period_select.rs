//! The period picker every scored page shows in its header.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_app_state;

/// The period picker: every month with data, latest selected by default. Changing it
/// changes the period on every page.
#[component]
pub fn PeriodSelect() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let periods = move || {
        state
            .workspace()
            .map(|ws| ws.periods.clone())
            .unwrap_or_default()
    };
    view! {
        <label class="period-picker">
            <span class="period-picker-label">{move || i18n.t("common.period")}</span>
            <select
                data-testid="period-select"
                on:change=move |ev| state.set_period(event_target_value(&ev))
                prop:value=move || state.period().unwrap_or_default()
            >
                {move || {
                    let current = state.period();
                    periods()
                        .into_iter()
                        .rev()
                        .map(|p| {
                            let selected = current.as_deref() == Some(p.as_str());
                            view! { <option value=p.clone() selected=selected>{p.clone()}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
