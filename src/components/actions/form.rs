//! The form that plans a new improvement action: pre-filled from the metric's value in the
//! period (baseline), the engine's suggested target and a due period not yet past
//! ([`due_for_new`]). Baseline and target are shown and typed as the card writes them
//! (`76.3%`, `10:22`). On the agent card the subject and metric are fixed; on the plans
//! page they are picked.

use carescore_engine::feedback::plans::PlanSubject;
use carescore_engine::metric_def::Unit;
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::state::{use_app_state, AppState};
use carescore_workspace::plans::{ActionDraft, DraftError};

use super::pickers::subject_pickers;
use super::{card_in_force, due_for_new, metric_title, table_for, today};

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
    let draft = RwSignal::new(ActionDraft {
        due_period: due_for_new(state, &draft.due_period),
        ..draft
    });
    let error = RwSignal::new(None::<DraftError>);
    let save = move |_| save_action(state, i18n, draft, error, on_close);

    let pickers = choose.then(|| {
        subject_pickers(draft, move |subject, metric| {
            refill(state, draft, subject, metric)
        })
    });
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
            {text_field(i18n, draft, "plans.field.title", "plan-title", |d| d.title.clone(), |d, v| d.title = v)}
            <div class="plan-form-row">
                {number_field(i18n, draft, "plans.field.baseline", "plan-baseline", |d| d.baseline.clone(), |d, v| d.baseline = v)}
                {number_field(i18n, draft, "plans.field.target", "plan-target", |d| d.target.clone(), |d, v| d.target = v)}
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
            {text_field(i18n, draft, "plans.field.owner", "plan-owner", |d| d.owner.clone(), |d, v| d.owner = v)}
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

/// Re-fills baseline, target and due from the data when the subject or metric changes;
/// what the user typed elsewhere stays.
fn refill(
    state: AppState,
    draft: RwSignal<ActionDraft>,
    subject: Option<PlanSubject>,
    metric_id: String,
) {
    let (Some(ws), Some(period)) = (state.workspace_untracked(), untrack(|| state.period())) else {
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
            d.due_period = due_for_new(state, &fresh.due_period);
        }
    });
}

/// Adds the drafted action to the plans and closes the form, or shows why it cannot.
fn save_action(
    state: AppState,
    i18n: I18n,
    draft: RwSignal<ActionDraft>,
    error: RwSignal<Option<DraftError>>,
    on_close: Callback<()>,
) {
    let current = draft.get_untracked();
    let Some(period) = untrack(|| state.period()) else {
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
}

/// A labelled text input bound to one field of the draft.
fn text_field(
    i18n: I18n,
    draft: RwSignal<ActionDraft>,
    label: &'static str,
    testid: &'static str,
    get: fn(&ActionDraft) -> String,
    set: fn(&mut ActionDraft, String),
) -> impl IntoView {
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
}

/// A labelled number of the draft (kept as typed, parsed on save), with the shape it is
/// typed in as a hint.
fn number_field(
    i18n: I18n,
    draft: RwSignal<ActionDraft>,
    label: &'static str,
    testid: &'static str,
    get: fn(&ActionDraft) -> String,
    set: fn(&mut ActionDraft, String),
) -> impl IntoView {
    let unit_hint = move || match draft.with(|d| d.unit) {
        Some(Unit::Ratio) => i18n.t("plans.unit_percent"),
        Some(Unit::Seconds) => i18n.t("plans.unit_duration"),
        _ => String::new(),
    };
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
}
