//! The list of actions: one item per action with its numbers and follow-up, and a fold-out
//! to change status, owner and due period or add a dated note. Items are keyed by id, so an
//! edit updates its item in place and an open fold-out stays open.

use carescore_engine::feedback::plans::{is_overdue, DatedNote, ImprovementAction};
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_app_state;
use carescore_workspace::plans::{status_from_token, status_token, PlanFilter, STATUSES};

use super::follow::{range_text, status_label, subject_link, verdict_view};
use super::{current_period, metric_title, metric_unit, today};

/// The actions the filter keeps, or a line saying there are none.
#[component]
pub(super) fn ActionList(filter: RwSignal<PlanFilter>) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let ids = Memo::new(move |_| {
        let today = current_period(state);
        let plans = state.actions();
        filter.with(|f| {
            plans
                .filtered(f, &today)
                .into_iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || ids.with(Vec::is_empty).then(|| view! {
            <p class="muted" data-testid="plans-empty">
                {move || if state.actions().0.is_empty() { i18n.t("plans.none") } else { i18n.t("plans.none_match") }}
            </p>
        })}
        <ul class="plan-list" data-testid="plan-list">
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <ActionItem id=id/>
            </For>
        </ul>
    }
}

/// One action, kept in step with the saved list.
#[component]
pub fn ActionItem(id: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let lookup = id.clone();
    let action = Memo::new(move |_| state.actions().get(&lookup).cloned());
    let summary = move || {
        let a = action.get()?;
        let history = state.history();
        let unit = metric_unit(&history, &a.metric_id);
        let overdue = is_overdue(&a, &current_period(state));
        let verdict = state
            .workspace()
            .map(|ws| verdict_view(i18n, &ws, &a, unit));
        Some(view! {
            <div class="plan-head">
                {subject_link(&a)}
                <span class="plan-title">{a.title.clone()}</span>
                <span class=format!("plan-status plan-status-{}", status_token(a.status)) data-testid="plan-status">
                    {status_label(i18n, a.status)}
                </span>
                {overdue.then(|| view! {
                    <span class="plan-overdue" data-testid="plan-overdue">{i18n.t("plans.overdue")}</span>
                })}
            </div>
            <dl class="plan-facts">
                <dt>{i18n.t("plans.field.metric")}</dt>
                <dd data-testid="plan-metric-name">{metric_title(i18n, &history, &a.metric_id)}</dd>
                <dt>{i18n.t("plans.baseline_target")}</dt>
                <dd class="num" data-testid="plan-range">{range_text(&a, unit)}</dd>
                <dt>{i18n.t("plans.field.due")}</dt>
                <dd data-testid="plan-due-text">{a.due_period.clone()}</dd>
                <dt>{i18n.t("plans.field.owner")}</dt>
                <dd>{if a.owner.is_empty() { "—".to_string() } else { a.owner.clone() }}</dd>
            </dl>
            {verdict}
            {notes_view(&a)}
        })
    };
    let editor_id = id.clone();
    view! {
        <li class="plan-item" data-testid="plan-item" data-action=id>
            {summary}
            <details class="plan-edit">
                <summary>{move || i18n.t("plans.edit")}</summary>
                <ActionEditor id=editor_id/>
            </details>
        </li>
    }
}

fn notes_view(action: &ImprovementAction) -> Option<impl IntoView> {
    (!action.notes.is_empty()).then(|| {
        let items = action
            .notes
            .iter()
            .map(|note| {
                let by = (!note.by.is_empty()).then(|| format!(" · {}", note.by));
                view! {
                    <li>
                        <span class="muted small">{note.on.to_string()}{by}</span>
                        " "
                        <span class="plan-note-text">{note.text.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plan-notes" data-testid="plan-notes">{items}</ul> }
    })
}

/// Status, owner and due period of one action, saved together; and a new dated note.
#[component]
fn ActionEditor(id: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let start = state.actions_untracked().get(&id).cloned();
    let status = RwSignal::new(start.as_ref().map(|a| a.status).unwrap_or(STATUSES[0]));
    let owner = RwSignal::new(start.as_ref().map(|a| a.owner.clone()).unwrap_or_default());
    let due = RwSignal::new(
        start
            .as_ref()
            .map(|a| a.due_period.clone())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let bad_due = RwSignal::new(false);
    let id = StoredValue::new(id);

    // The fold-out follows changes made elsewhere (the review view, the agent card).
    Effect::new(move |_| {
        if let Some(a) = state.actions().get(&id.get_value()) {
            status.set(a.status);
            owner.set(a.owner.clone());
            due.set(a.due_period.clone());
        }
    });

    let save = move |_| {
        let due_text = due.get_untracked().trim().to_string();
        if carescore_workspace::measured::PERIOD_KIND
            .start_of_label(&due_text)
            .is_none()
        {
            bad_due.set(true);
            return;
        }
        bad_due.set(false);
        let mut plans = state.actions_untracked();
        plans.update(&id.get_value(), |a| {
            a.status = status.get_untracked();
            a.owner = owner.get_untracked().trim().to_string();
            a.due_period = due_text;
        });
        state.set_actions(plans);
    };
    let add_note = move |_| {
        let text = note.get_untracked().trim().to_string();
        if text.is_empty() {
            return;
        }
        let mut plans = state.actions_untracked();
        plans.update(&id.get_value(), |a| {
            a.notes.push(DatedNote {
                on: today(),
                by: by.get_untracked().trim().to_string(),
                text,
            })
        });
        state.set_actions(plans);
        note.set(String::new());
    };

    view! {
        <div class="plan-form plan-editor">
            <div class="plan-form-row">
                <label class="plan-field">
                    <span>{move || i18n.t("plans.field.status")}</span>
                    <select
                        data-testid="plan-edit-status"
                        prop:value=move || status_token(status.get())
                        on:change=move |ev| {
                            if let Some(s) = status_from_token(&event_target_value(&ev)) {
                                status.set(s);
                            }
                        }
                    >
                        {STATUSES
                            .into_iter()
                            .map(|s| view! {
                                <option value=status_token(s) selected=move || status.get() == s>
                                    {move || status_label(i18n, s)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="plan-field">
                    <span>{move || i18n.t("plans.field.owner")}</span>
                    <input type="text" data-testid="plan-edit-owner" prop:value=move || owner.get()
                        on:input=move |ev| owner.set(event_target_value(&ev))/>
                </label>
                <label class="plan-field">
                    <span>{move || i18n.t("plans.field.due")}</span>
                    <input type="month" data-testid="plan-edit-due" prop:value=move || due.get()
                        on:input=move |ev| due.set(event_target_value(&ev))/>
                </label>
                <button class="button" data-testid="plan-edit-save" on:click=save>
                    {move || i18n.t("plans.save_changes")}
                </button>
            </div>
            {move || bad_due.get().then(|| view! {
                <p class="field-error" role="alert">{i18n.t("plans.error.due")}</p>
            })}
            <div class="plan-form-row">
                <label class="plan-field plan-note-field">
                    <span>{move || i18n.t("plans.field.note")}</span>
                    <textarea rows="2" data-testid="plan-edit-note" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </label>
                <label class="plan-field">
                    <span>{move || i18n.t("plans.field.by")}</span>
                    <input type="text" data-testid="plan-edit-by" prop:value=move || by.get()
                        on:input=move |ev| by.set(event_target_value(&ev))/>
                </label>
                <button class="button" data-testid="plan-add-note" on:click=add_note>
                    {move || i18n.t("plans.add_note")}
                </button>
            </div>
        </div>
    }
}
