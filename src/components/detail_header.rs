//! The header of a team or agent page.

use leptos::prelude::*;

use crate::components::period_select::PeriodSelect;
use crate::i18n::use_i18n;
use crate::router::Route;
use crate::state::use_app_state;

/// The header of a team or agent page: a breadcrumb back to the dashboard, the name
/// (untrusted text, rendered as text), and the period picker once there are scores.
#[component]
pub fn DetailHeader(kicker_key: &'static str, title: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <div>
                <div class="breadcrumb">
                    <a href=Route::Dashboard.to_hash()>{move || i18n.t("nav.dashboard")}</a>
                    " / " {move || i18n.t(kicker_key)}
                </div>
                <h1 tabindex="-1">{title}</h1>
            </div>
            {move || state.scored().is_some().then(|| view! { <PeriodSelect/> })}
        </header>
    }
}
