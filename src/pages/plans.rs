//! Improvement plans (改进计划). They arrive in a later release; until then the page says
//! what a plan will hold.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::router::Route;

#[component]
pub fn PlansPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page page-plans" data-testid="page-plans">
            <header class="page-header">
                <h1>{move || i18n.t("plans.title")}</h1>
            </header>
            <div class="empty-state">
                <h2>{move || i18n.t("plans.coming")}</h2>
                <p>{move || i18n.t("plans.what")}</p>
                <p class="muted">{move || i18n.t("plans.meanwhile")}</p>
                <a class="button" href=Route::Dashboard.to_hash()>{move || i18n.t("plans.to_dashboard")}</a>
            </div>
        </section>
    }
}
