//! The plans page's "New action" picks its subject (an agent or a team with data in the
//! period) and the metric (one of the card in force).

use carescore_engine::feedback::plans::PlanSubject;
use carescore_workspace::plans::ActionDraft;
use leptos::prelude::*;

use super::{card_in_force, metric_title};
use crate::i18n::use_i18n;
use crate::state::use_app_state;

/// Which kind of subject the pickers offer.
const KIND_AGENT: &str = "agent";
const KIND_TEAM: &str = "team";

/// Subject kind, subject name and metric selects (the plans page's "New action").
pub(super) fn subject_pickers(
    draft: RwSignal<ActionDraft>,
    refill: impl Fn(Option<PlanSubject>, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let kind = RwSignal::new(match draft.with_untracked(|d| d.subject.clone()) {
        Some(PlanSubject::Team { .. }) => KIND_TEAM,
        _ => KIND_AGENT,
    });
    // Names with a row in the selected period, sorted.
    let names = move || {
        let (Some(ws), Some(period)) = (state.workspace(), state.period()) else {
            return Vec::new();
        };
        let table = if kind.get() == KIND_TEAM {
            &ws.teams
        } else {
            &ws.agents
        };
        let mut names: Vec<String> = table
            .rows
            .iter()
            .filter(|r| r.period == period)
            .map(|r| r.group.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let subject_of = move |kind: &str, name: String| -> Option<PlanSubject> {
        (!name.is_empty()).then(|| {
            if kind == KIND_TEAM {
                PlanSubject::Team { team: name }
            } else {
                PlanSubject::Agent { agent: name }
            }
        })
    };
    let metrics = move || {
        let period = state.period().unwrap_or_default();
        let history = state.history();
        let card = card_in_force(&history, &period);
        card.dimensions
            .iter()
            .flat_map(|d| d.metrics.iter())
            .map(|m| {
                (
                    m.metric_id.clone(),
                    metric_title(i18n, &history, &m.metric_id),
                )
            })
            .collect::<Vec<_>>()
    };
    let current_name = move || {
        draft.with(|d| {
            d.subject
                .as_ref()
                .map(|s| s.group().to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="plan-form-row">
            <label class="plan-field">
                <span>{move || i18n.t("plans.field.subject_kind")}</span>
                <select
                    data-testid="plan-kind"
                    prop:value=move || kind.get()
                    on:change=move |ev| {
                        let picked = if event_target_value(&ev) == KIND_TEAM { KIND_TEAM } else { KIND_AGENT };
                        kind.set(picked);
                        let metric = draft.with_untracked(|d| d.metric_id.clone());
                        refill(None, metric);
                    }
                >
                    <option value=KIND_AGENT>{move || i18n.t("plans.kind_agent")}</option>
                    <option value=KIND_TEAM>{move || i18n.t("plans.kind_team")}</option>
                </select>
            </label>
            <label class="plan-field">
                <span>{move || i18n.t("plans.field.subject")}</span>
                <select
                    data-testid="plan-subject"
                    prop:value=current_name
                    on:change=move |ev| {
                        let subject = subject_of(kind.get_untracked(), event_target_value(&ev));
                        let metric = draft.with_untracked(|d| d.metric_id.clone());
                        refill(subject, metric);
                    }
                >
                    <option value="">{move || i18n.t("plans.pick")}</option>
                    {move || {
                        let current = current_name();
                        names()
                            .into_iter()
                            .map(|n| {
                                let selected = n == current;
                                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="plan-field">
                <span>{move || i18n.t("plans.field.metric")}</span>
                <select
                    data-testid="plan-metric"
                    prop:value=move || draft.with(|d| d.metric_id.clone())
                    on:change=move |ev| {
                        let subject = draft.with_untracked(|d| d.subject.clone());
                        refill(subject, event_target_value(&ev));
                    }
                >
                    <option value="">{move || i18n.t("plans.pick")}</option>
                    {move || {
                        let current = draft.with(|d| d.metric_id.clone());
                        metrics()
                            .into_iter()
                            .map(|(id, name)| {
                                let selected = id == current;
                                view! { <option value=id selected=selected>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </div>
    }
}
