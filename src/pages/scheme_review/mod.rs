//! The scheme review (方案审查, the PDCA cycle's 定期审查): when the scheme must next be
//! reviewed and whether that is overdue, a form to record a review held today, the log of
//! reviews, the scheme's versions with their reasons (the record of why it changed) and a
//! summary of agents' feedback on the scheme. The logic is in
//! [`carescore_workspace::scheme_review`]; this page shows it.

mod feedback;
mod held;

use carescore_engine::feedback::review_cycle::SchemeReviewCycle;
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::scheme_due::status_text;
use crate::components::versions_list::versions_list;
use crate::download::today;
use crate::i18n::use_i18n;
use crate::router::Route;
use crate::state::{use_app_state, AppState};
use carescore_workspace::scheme_review::{parse_every, DueStatus};
use feedback::FeedbackPanel;
use held::{HeldLog, RecordForm};

/// The cycle in force today (reactive).
fn cycle_now(state: AppState, on: NaiveDate) -> SchemeReviewCycle {
    state.scheme_review().cycle(&state.history(), on)
}

#[component]
pub fn SchemeReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page page-scheme-review" data-testid="page-scheme-review">
            <header class="page-header">
                <div>
                    <div class="breadcrumb">
                        <a href=Route::Scorecard.to_hash()>{move || i18n.t("scorecard.title")}</a>
                        " / " {move || i18n.t("scheme_review.title")}
                    </div>
                    <h1 tabindex="-1">{move || i18n.t("scheme_review.title")}</h1>
                </div>
            </header>
            <p class="muted sr-intro">{move || i18n.t("scheme_review.intro")}</p>
            <CyclePanel/>
            <HeldLog/>
            <VersionsPanel/>
            <FeedbackPanel/>
        </section>
    }
}

/// The cycle, its status line, the length editor and the "review held today" form.
#[component]
fn CyclePanel() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let on = today();
    let cycle = Memo::new(move |_| cycle_now(state, on));
    let bad_every = RwSignal::new(false);
    let set_every = move |months: u32| {
        let mut review = state.scheme_review_untracked();
        review.set_every(months, &state.history_untracked(), on);
        state.set_scheme_review(review);
        bad_every.set(false);
    };
    let status = move || DueStatus::of(&cycle.get(), on);
    let date_or = move |date: Option<NaiveDate>, key: &str| {
        date.map_or_else(|| i18n.t(key), |d| d.to_string())
    };
    view! {
        <section class="panel sr-cycle">
            <h2 class="section-title">{move || i18n.t("scheme_review.cycle")}</h2>
            <p
                class="sr-status"
                role="status"
                data-testid="review-status"
                data-due=move || status().token()
            >
                {move || status_text(i18n, status(), cycle.get().next_due())}
            </p>
            <dl class="sr-facts">
                <div>
                    <dt>{move || i18n.t("scheme_review.every")}</dt>
                    <dd data-testid="review-every-text">
                        {move || i18n.tf(
                            "scheme_review.every_months",
                            &[("n", &cycle.get().every_months.to_string())],
                        )}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("scheme_review.start")}</dt>
                    <dd data-testid="review-start">{move || cycle.get().start.to_string()}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t("scheme_review.last_review")}</dt>
                    <dd data-testid="review-last">
                        {move || date_or(cycle.get().last_review, "scheme_review.none_yet")}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("scheme_review.next_due")}</dt>
                    <dd data-testid="review-next-due">
                        {move || date_or(cycle.get().next_due(), "scheme_review.no_due")}
                    </dd>
                </div>
            </dl>
            <div class="sr-every">
                <label class="field" class:invalid=move || bad_every.get()>
                    <span class="field-label">{move || i18n.t("scheme_review.every_label")}</span>
                    <input
                        type="number"
                        min="1"
                        max="120"
                        step="1"
                        data-testid="review-every"
                        prop:value=move || cycle.get().every_months.to_string()
                        on:change=move |ev| match parse_every(&event_target_value(&ev)) {
                            Some(months) => set_every(months),
                            None => bad_every.set(true),
                        }
                    />
                </label>
                <button class="button" data-testid="review-every-6" on:click=move |_| set_every(6)>
                    {move || i18n.t("scheme_review.every_6")}
                </button>
                <button class="button" data-testid="review-every-12" on:click=move |_| set_every(12)>
                    {move || i18n.t("scheme_review.every_12")}
                </button>
            </div>
            {move || bad_every.get().then(|| view! {
                <p class="notice notice-error" role="alert" data-testid="review-every-problem">
                    {i18n.t("scheme_review.every_invalid")}
                </p>
            })}
            <RecordForm on=on/>
        </section>
    }
}

/// The scheme's versions with their effective-from dates and reasons, newest first.
#[component]
fn VersionsPanel() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let on = today();
    view! {
        <section class="panel" data-testid="scheme-versions">
            <div class="sr-panel-head">
                <h2 class="section-title">{move || i18n.t("scheme_review.versions")}</h2>
                <a class="button" data-testid="review-edit-scheme" href=Route::Scorecard.to_hash()>
                    {move || i18n.t("scheme_review.edit_scheme")}
                </a>
            </div>
            <p class="muted small">{move || i18n.t("scheme_review.versions_why")}</p>
            {move || {
                let mut history = (*state.history().0).clone();
                history.versions.sort_by_key(|v| v.effective_from);
                let in_force = history.index_in_force_on(on).unwrap_or(0);
                versions_list(i18n, &history, in_force)
            }}
        </section>
    }
}
