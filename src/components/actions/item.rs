//! One action in a list: its subject, numbers, status and follow-up, its dated notes, and a
//! fold-out to edit it. Kept in step with the saved list by id.

use carescore_engine::feedback::plans::{is_overdue, ImprovementAction};
use carescore_workspace::plans::status_token;
use leptos::prelude::*;

use super::follow::{range_text, status_label, subject_link, verdict_view};
use super::item_editor::ActionEditor;
use super::{current_period, metric_title, metric_unit};
use crate::i18n::use_i18n;
use crate::state::use_app_state;

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
