//! The fold-out under an action: status, owner and due period saved together, and a new
//! dated note.

use carescore_engine::feedback::plans::DatedNote;
use carescore_workspace::plans::{status_from_token, status_token, STATUSES};
use leptos::prelude::*;

use super::follow::status_label;
use super::today;
use crate::i18n::use_i18n;
use crate::state::use_app_state;

/// Status, owner and due period of one action, saved together; and a new dated note.
#[component]
pub(super) fn ActionEditor(id: String) -> impl IntoView {
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

    // The fold-out follows changes made elsewhere (the weekly review, the agent card).
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
