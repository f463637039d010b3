//! The dashboard's "Actions" panel: how many improvement actions are overdue and how many
//! are done but not verified, with links to the plans page and the weekly review.

use leptos::prelude::*;

use crate::components::actions::current_period;
use crate::i18n::use_i18n;
use crate::router::Route;
use crate::state::use_app_state;

#[component]
pub fn ActionsPanel() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let counts = move || state.actions().counts(&current_period(state));
    view! {
        <section class="panel dash-actions" data-testid="dash-actions">
            <h2 class="section-title">{move || i18n.t("plans.dash_title")}</h2>
            <div class="dash-actions-counts">
                <a class="dash-actions-count" href=Route::Plans.to_hash()>
                    <span class="num big-number" data-testid="dash-actions-overdue">{move || counts().overdue}</span>
                    <span class="muted small">{move || i18n.t("plans.dash_overdue")}</span>
                </a>
                <a class="dash-actions-count" href=Route::Plans.to_hash()>
                    <span class="num big-number" data-testid="dash-actions-unverified">{move || counts().unverified}</span>
                    <span class="muted small">{move || i18n.t("plans.dash_unverified")}</span>
                </a>
                <a class="dash-actions-count" href=Route::Plans.to_hash()>
                    <span class="num big-number" data-testid="dash-actions-open">{move || counts().open}</span>
                    <span class="muted small">{move || i18n.t("plans.dash_open")}</span>
                </a>
            </div>
            <p class="dash-actions-links">
                <a href=Route::Plans.to_hash()>{move || i18n.t("plans.dash_see_plans")}</a>
                " · "
                <a href=Route::WeeklyReview.to_hash()>{move || i18n.t("plans.review_open")}</a>
            </p>
        </section>
    }
}
