//! The form that plans a new improvement action: pre-filled from the metric's value in the
//! period (baseline), the engine's suggested target and next month as the due period. On
//! the agent card the subject and metric are fixed; on the plans page they are picked.

use carescore_engine::feedback::plans::PlanSubject;
use carescore_engine::metric_def::Unit;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_app_state;
use carescore_workspace::plans::{ActionDraft, DraftError};

use super::{card_in_force, metric_title, table_for, today};

/// Which kind of subject the pickers offer.
const KIND_AGENT: &str = "agent";
const KIND_TEAM: &str = "team";

/// The new-action form. `draft` is the starting point; with `choose` the user picks the
/// subject (agent or team) and the metric. `on_close` runs after a save or a cancel.
#[component]
pub fn ActionForm(
    draft: ActionDraft,
    #[prop(optional)] choose: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let draft = RwSignal::new(draft);
    let error = RwSignal::new(None::<DraftError>);
    let period = move || untrack(|| state.period());

    // Re-fills baseline, target and due from the data when the subject or metric changes;
    // what the user typed elsewhere stays.
    let refill = move |subject: Option<PlanSubject>, metric_id: String| {
        let (Some(ws), Some(period)) = (state.workspace_untracked(), period()) else {
            return;
        };
        let history = state.history_untracked();
        let card = card_in_force(&history, &period);
        draft.update(|d| {
            let fresh = match &subject {
                Some(s) => {
                    ActionDraft::prefilled(&card, table_for(&ws, s), s.clone(), &metric_id, &period)
                }
                None => ActionDraft {
                    metric_id: metric_id.clone(),
                    unit: card.metric_def(&metric_id).map(|def| def.unit),
                    ..ActionDraft::default()
                },
            };
            d.subject = subject.clone();
            d.metric_id = fresh.metric_id;
            d.unit = fresh.unit;
            d.baseline = fresh.baseline;
            d.target = fresh.target;
            if d.due_period.is_empty() {
                d.due_period = fresh.due_period;
            }
        });
    };

    let save = move |_| {
        let current = draft.get_untracked();
        let Some(period) = period() else {
            return;
        };
        let history = state.history_untracked();
        let card = card_in_force(&history, &period);
        let default_title = i18n.tf(
            "plans.default_title",
            &[("metric", &metric_title(i18n, &history, &current.metric_id))],
        );
        match current.to_action(&card, &default_title, today()) {
            Ok(action) => {
                let mut plans = state.actions_untracked();
                plans.add(action);
                state.set_actions(plans);
                error.set(None);
                on_close.run(());
            }
            Err(why) => error.set(Some(why)),
        }
    };

    let text_field = move |label: &'static str,
                           testid: &'static str,
                           get: fn(&ActionDraft) -> String,
                           set: fn(&mut ActionDraft, String)| {
        view! {
            <label class="plan-field">
                <span>{move || i18n.t(label)}</span>
                <input
                    type="text"
                    data-testid=testid
                    prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                />
            </label>
        }
    };
    let unit_hint = move || match draft.with(|d| d.unit) {
        Some(Unit::Ratio) => i18n.t("plans.unit_percent"),
        Some(Unit::Seconds) => i18n.t("plans.unit_seconds"),
        _ => String::new(),
    };
    let number_field = move |label: &'static str,
                             testid: &'static str,
                             get: fn(&ActionDraft) -> String,
                             set: fn(&mut ActionDraft, String)| {
        view! {
            <label class="plan-field plan-number">
                <span>{move || i18n.t(label)}</span>
                <span class="plan-input-unit">
                    <input
                        type="text"
                        inputmode="decimal"
                        data-testid=testid
                        prop:value=move || draft.with(get)
                        on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                    />
                    <span class="muted small">{unit_hint}</span>
                </span>
            </label>
        }
    };

    let pickers = choose.then(|| subject_pickers(draft, refill));
    let fixed = (!choose).then(|| {
        view! {
            <p class="plan-form-metric" data-testid="plan-form-metric">
                {move || {
                    let id = draft.with(|d| d.metric_id.clone());
                    metric_title(i18n, &state.history(), &id)
                }}
            </p>
        }
    });

    view! {
        <div class="plan-form" data-testid="plan-form">
            {fixed}
            {pickers}
            {text_field("plans.field.title", "plan-title", |d| d.title.clone(), |d, v| d.title = v)}
            <div class="plan-form-row">
                {number_field("plans.field.baseline", "plan-baseline", |d| d.baseline.clone(), |d, v| d.baseline = v)}
                {number_field("plans.field.target", "plan-target", |d| d.target.clone(), |d, v| d.target = v)}
                <label class="plan-field">
                    <span>{move || i18n.t("plans.field.due")}</span>
                    <input
                        type="month"
                        data-testid="plan-due"
                        prop:value=move || draft.with(|d| d.due_period.clone())
                        on:input=move |ev| draft.update(|d| d.due_period = event_target_value(&ev))
                    />
                </label>
            </div>
            {text_field("plans.field.owner", "plan-owner", |d| d.owner.clone(), |d, v| d.owner = v)}
            <label class="plan-field">
                <span>{move || i18n.t("plans.field.first_note")}</span>
                <textarea
                    rows="2"
                    data-testid="plan-note"
                    prop:value=move || draft.with(|d| d.note.clone())
                    on:input=move |ev| draft.update(|d| d.note = event_target_value(&ev))
                ></textarea>
            </label>
            {move || error.get().map(|why| view! {
                <p class="field-error" role="alert" data-testid="plan-error">{i18n.t(why.key())}</p>
            })}
            <div class="plan-form-actions">
                <button class="button button-primary" data-testid="plan-save" on:click=save>
                    {move || i18n.t("plans.save")}
                </button>
                <button class="button" data-testid="plan-cancel" on:click=move |_| on_close.run(())>
                    {move || i18n.t("plans.cancel")}
                </button>
            </div>
        </div>
    }
}

/// Subject kind, subject name and metric selects (the plans page's "New action").
fn subject_pickers(
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
        let card = super::card_in_force(&history, &period);
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
