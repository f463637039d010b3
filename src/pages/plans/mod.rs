//! Improvement plans (改进计划): every action with its subject, metric, baseline and
//! target, due period, owner, status and follow-up (the engine's verdict from the due
//! period's data); filters by status and overdue; a form for a new action by hand; edits
//! of status, owner and due period; dated notes. The weekly review (复盘) walks through
//! what needs a decision ([`review`]).

pub mod follow;
pub mod form;
pub mod list;
pub mod review;

use carescore_engine::feedback::plans::PlanSubject;
use carescore_engine::measure::MeasureTable;
use carescore_engine::metric_def::Unit;
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scorecard::{Scorecard, ScorecardHistory};
use chrono::NaiveDate;
use leptos::prelude::*;

pub use form::ActionForm;
pub use list::ActionItem;
pub use review::PlansReviewPage;

use crate::i18n::{use_i18n, I18n};
use crate::pages::scorecard::editor::metric_label;
use crate::pages::widgets::{metric_name, NoWorkspace};
use crate::router::Route;
use crate::state::{use_app_state, AppState, Measured};
use carescore_workspace::plans::{
    status_from_token, status_token, today_period, ActionDraft, PlanFilter, STATUSES,
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
                <h1>{move || i18n.t("plans.title")}</h1>
                <div class="plans-toolbar">
                    <a class="button" data-testid="plans-review-link" href=Route::PlansReview.to_hash()>
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
                                draft=ActionDraft {
                                    due_period: untrack(|| state.period())
                                        .and_then(|p| carescore_workspace::plans::next_period(&p))
                                        .unwrap_or_default(),
                                    ..ActionDraft::default()
                                }
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

/// Today's date by the browser's clock (notes are dated with it).
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// The period follow-ups are judged in: this month, or the latest with data if later
/// (reactive).
pub fn current_period(state: AppState) -> String {
    let latest = state
        .workspace()
        .and_then(|ws| ws.latest_period().map(str::to_string));
    today_period(today(), latest.as_deref())
}

/// The measured table an action's subject is verified against.
pub fn table_for<'a>(ws: &'a Measured, subject: &PlanSubject) -> &'a MeasureTable {
    match subject {
        PlanSubject::Agent { .. } => &ws.agents,
        PlanSubject::Team { .. } => &ws.teams,
    }
}

/// The scorecard in force for `period` (the latest version when none covers it).
pub fn card_in_force(history: &ScorecardHistory, period: &str) -> Scorecard {
    history
        .for_period(period)
        .or(history.versions.last())
        .map(|v| v.scorecard.clone())
        // A history is never empty once validated; the default card keeps this total.
        .unwrap_or_else(|| default_history().versions[0].scorecard.clone())
}

/// A metric's unit, from the newest card that knows it.
pub fn metric_unit(history: &ScorecardHistory, metric_id: &str) -> Option<Unit> {
    history
        .versions
        .iter()
        .rev()
        .find_map(|v| v.scorecard.metric_def(metric_id))
        .map(|def| def.unit)
}

/// A metric's display name, with the newest card's label for custom metrics.
pub fn metric_title(i18n: I18n, history: &ScorecardHistory, metric_id: &str) -> String {
    let label = history.versions.iter().rev().find_map(|v| {
        v.scorecard
            .find_metric(metric_id)
            .and_then(|(_, m)| metric_label(&v.scorecard, m))
    });
    metric_name(i18n, metric_id, label.as_ref())
}
