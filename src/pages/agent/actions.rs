//! Improvement actions on the agent card: each weakness can be turned into a planned
//! action (制定改进) pre-filled with this period's value as the baseline, the engine's
//! suggested target and next month as the due period; below, the agent's actions with
//! their status and follow-up.

use carescore_engine::feedback::plans::PlanSubject;
use carescore_engine::scoring::explain::Explanation;
use carescore_engine::scoring::insights::insights;
use leptos::prelude::*;

use crate::components::actions::{card_in_force, metric_title, table_for, ActionForm, ActionItem};
use crate::i18n::use_i18n;
use crate::router::Route;
use crate::state::use_app_state;
use carescore_workspace::plans::ActionDraft;

#[component]
pub fn AgentActions(ex: Explanation) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let subject = PlanSubject::Agent {
        agent: ex.group.clone(),
    };
    let period = ex.period.clone();
    let weak: Vec<String> = insights(&ex)
        .weaknesses
        .into_iter()
        .map(|w| w.metric_id)
        .collect();
    // The weakness whose form is open.
    let planning = RwSignal::new(None::<String>);

    let form_subject = subject.clone();
    let form = move || {
        let metric = planning.get()?;
        let ws = state.workspace_untracked()?;
        let history = state.history_untracked();
        let card = card_in_force(&history, &period);
        let draft = ActionDraft::prefilled(
            &card,
            table_for(&ws, &form_subject),
            form_subject.clone(),
            &metric,
            &period,
        );
        Some(view! {
            <ActionForm draft=draft on_close=Callback::new(move |_| planning.set(None))/>
        })
    };

    let buttons = weak
        .into_iter()
        .map(|metric| {
            let name = metric.clone();
            let pick = metric.clone();
            view! {
                <li class="plan-weakness">
                    <span>{move || metric_title(i18n, &state.history(), &name)}</span>
                    <button class="button plan-weakness-button" data-testid="plan-weakness" data-metric=metric
                        on:click=move |_| planning.set(Some(pick.clone()))>
                        {move || i18n.t("plans.plan_improvement")}
                    </button>
                </li>
            }
        })
        .collect_view();

    let ids = Memo::new(move |_| {
        state
            .actions()
            .about(&subject)
            .map(|a| a.id.clone())
            .collect::<Vec<_>>()
    });

    view! {
        <section class="panel" data-testid="agent-actions">
            <h2 class="section-title">{move || i18n.t("plans.agent_title")}</h2>
            <ul class="plan-weaknesses">{buttons}</ul>
            {form}
            {move || ids.with(Vec::is_empty).then(|| view! {
                <p class="muted small">{i18n.t("plans.agent_none")}</p>
            })}
            <ul class="plan-list" data-testid="agent-action-list">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <ActionItem id=id/>
                </For>
            </ul>
            <a class="small" href=Route::Plans.to_hash()>{move || i18n.t("plans.see_all")}</a>
        </section>
    }
}
