//! Exporting a review file: the whole work, or the part of it one team, agent or period
//! touches.

use carescore_workspace::formats::review_file::{file_name, Document, Selection};
use carescore_workspace::measured::PERIOD_KIND;
use leptos::prelude::*;

use crate::download::{save_file, today};
use crate::i18n::use_i18n;
use crate::state::{use_app_state, AppState};

/// The whole work as a review file.
fn current_document(state: &AppState) -> Document {
    Document::from_workspace(&state.work_untracked())
}

/// Export buttons: everything, or one team / agent / period.
#[component]
pub fn ReviewFileExport() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let team = RwSignal::new(String::new());
    let agent = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let names = move || {
        state
            .workspace()
            .map(|ws| {
                let store = &ws.store;
                let mut teams: Vec<String> =
                    store.team_names().into_iter().map(str::to_string).collect();
                let mut agents: Vec<String> = store
                    .agent_names()
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                teams.sort();
                agents.sort();
                (teams, agents, ws.periods.clone())
            })
            .unwrap_or_default()
    };
    let export = move |_| {
        let document = current_document(&state);
        let selection = Selection {
            team: Some(team.get_untracked()).filter(|t| !t.is_empty()),
            agent: Some(agent.get_untracked()).filter(|a| !a.is_empty()),
            period: Some(period.get_untracked())
                .filter(|p| !p.is_empty())
                .map(|p| (PERIOD_KIND, p)),
        };
        let document = if selection.team.is_none()
            && selection.agent.is_none()
            && selection.period.is_none()
        {
            document
        } else {
            document.select(&selection)
        };
        let name = file_name(&document.scope, today());
        let outcome = save_file(&name, "application/json", document.to_json().as_bytes());
        status.set(Some(match outcome {
            Ok(()) => i18n.tf("review_file.exported", &[("file", &name)]),
            Err(why) => why,
        }));
    };
    let options = |values: Vec<String>, selected: RwSignal<String>| {
        values
            .into_iter()
            .map(|v| {
                let value = v.clone();
                view! { <option value=v.clone() prop:selected=move || selected.get() == value>{v.clone()}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="review-export" data-testid="review-export">
            <div class="filter-row">
                <label class="field">
                    <span class="field-label">{move || i18n.t("common.team")}</span>
                    <select data-testid="export-team" on:change=move |ev| team.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t("review_file.all")}</option>
                        {move || options(names().0, team)}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || i18n.t("common.agent")}</span>
                    <select data-testid="export-agent" on:change=move |ev| agent.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t("review_file.all")}</option>
                        {move || options(names().1, agent)}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || i18n.t("common.period")}</span>
                    <select data-testid="export-period" on:change=move |ev| period.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t("review_file.all")}</option>
                        {move || options(names().2, period)}
                    </select>
                </label>
            </div>
            <button type="button" class="button" data-testid="review-export-button" on:click=export>
                {move || i18n.t("review_file.export")}
            </button>
            <p class="status" role="status" data-testid="review-export-status">{move || status.get()}</p>
        </div>
    }
}
