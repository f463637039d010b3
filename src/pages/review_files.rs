//! Review files (the versioned JSON colleagues exchange): export the whole workspace or a
//! selection, and import one with a preview of what it adds and changes, choosing per
//! conflicting item whose version to keep.

use std::rc::Rc;
use std::sync::Arc;

use carescore_workspace::formats::review_file::merge::Section;
use carescore_workspace::formats::review_file::{
    apply_merge, file_name, preview_merge, Choice, Choices, Document, MergePreview, Selection,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::download::{save_file, today};
use crate::i18n::use_i18n;
use crate::pages::format;
use crate::state::{use_app_state, AppState, Measured, Origin};
use carescore_workspace::measured::PERIOD_KIND;

/// The workspace as a review file (records, scorecards, mappings).
fn current_document(state: &AppState) -> Document {
    let records = state.records();
    Document::from_workspace(
        &records,
        Some(&state.history_untracked()),
        &state.mappings_untracked(),
    )
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

/// What the import of a review file is doing.
#[derive(Clone)]
enum ImportStep {
    Idle,
    Preview(Rc<(Document, MergePreview)>),
    Done(String),
    Failed(String),
}

/// Import a colleague's review file: preview, choose per conflict, merge.
#[component]
pub fn ReviewFileImport() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let step = RwSignal::new_local(ImportStep::Idle);
    let choices = RwSignal::new(Choices::default());

    let on_input = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        spawn_local(async move {
            let file = gloo_file::File::from(file);
            let text = match gloo_file::futures::read_as_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    step.set(ImportStep::Failed(format!("{name}: {error}")));
                    return;
                }
            };
            let text = match String::from_utf8(text) {
                Ok(text) => text,
                Err(_) => {
                    step.set(ImportStep::Failed(
                        i18n.tf("review_file.not_utf8", &[("file", &name)]),
                    ));
                    return;
                }
            };
            match Document::from_json(&text) {
                Ok(incoming) => {
                    let preview = preview_merge(&current_document(&state), &incoming);
                    choices.set(Choices::default());
                    step.set(ImportStep::Preview(Rc::new((incoming, preview))));
                }
                Err(error) => step.set(ImportStep::Failed(format!("{name}: {error}"))),
            }
        });
    };
    let merge = move |_| {
        let ImportStep::Preview(pending) = step.get_untracked() else {
            return;
        };
        let current = current_document(&state);
        let merged = apply_merge(&current, &pending.0, &choices.get_untracked());
        let store = merged.record_store();
        let history = merged
            .scorecards
            .clone()
            .unwrap_or_else(|| (*state.history_untracked().0).clone());
        let rows = store.len();
        let workspace = Measured::measure(
            Origin::Imported,
            Arc::new(store),
            Vec::new(),
            rows,
            &history,
        );
        let mappings = merged.mappings.clone();
        spawn_local(async move {
            match state.apply_document(workspace, history, mappings).await {
                Ok(()) => step.set(ImportStep::Done(i18n.tf(
                    "review_file.merged",
                    &[("records", &format::count(rows as u64))],
                ))),
                Err(error) => step.set(ImportStep::Failed(error.to_string())),
            }
        });
    };

    view! {
        <div class="review-import" data-testid="review-import">
            <label class="button">
                {move || i18n.t("review_file.import")}
                <input type="file" class="visually-hidden" accept=".json" data-testid="review-import-file" on:change=on_input />
            </label>
            {move || match step.get() {
                ImportStep::Idle => ().into_any(),
                ImportStep::Failed(message) => view! {
                    <p class="notice notice-error" role="alert" data-testid="review-import-error">{message}</p>
                }.into_any(),
                ImportStep::Done(message) => view! {
                    <p class="notice notice-ok" role="status" data-testid="review-import-done">{message}</p>
                }.into_any(),
                ImportStep::Preview(pending) => view! {
                    <MergePreviewView preview=pending.1.clone() choices />
                    <div class="button-row">
                        <button type="button" class="button button-primary" data-testid="review-merge" on:click=merge>
                            {i18n.t("review_file.merge")}
                        </button>
                        <button type="button" class="button" data-testid="review-cancel" on:click=move |_| step.set(ImportStep::Idle)>
                            {i18n.t("settings.cancel")}
                        </button>
                    </div>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
fn MergePreviewView(preview: MergePreview, choices: RwSignal<Choices>) -> impl IntoView {
    let i18n = use_i18n();
    let sections = SECTIONS
        .into_iter()
        .map(|(id, key)| {
            let section = preview.section(id);
            let name = i18n.t(key);
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num">{section.added.len()}</td>
                    <td class="num">{section.unchanged}</td>
                    <td class="num">{section.conflicts.len()}</td>
                </tr>
            }
        })
        .collect_view();
    let conflicts = preview
        .conflicts()
        .take(200)
        .map(|conflict| {
            let key = (conflict.section, conflict.id.clone());
            let key_theirs = key.clone();
            let key_checked = key.clone();
            let theirs = move || choices.with(|c| c.choice_for(key_checked.0, &key_checked.1) == Choice::TakeTheirs);
            view! {
                <li class="conflict" data-testid="merge-conflict">
                    <p><code>{conflict.id.clone()}</code></p>
                    <div class="conflict-sides">
                        <pre class="side">{conflict.ours.clone()}</pre>
                        <pre class="side">{conflict.theirs.clone()}</pre>
                    </div>
                    <label>
                        <input
                            type="checkbox"
                            data-testid="merge-take-theirs"
                            prop:checked=theirs
                            on:change=move |ev| {
                                let take = event_target_checked(&ev);
                                let (section, id) = key_theirs.clone();
                                choices.update(|c| {
                                    c.set(section, id, if take { Choice::TakeTheirs } else { Choice::KeepOurs });
                                });
                            }
                        />
                        {i18n.t("review_file.take_theirs")}
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact" data-testid="merge-preview">
            <thead>
                <tr>
                    <th></th>
                    <th class="num">{i18n.t("review_file.added")}</th>
                    <th class="num">{i18n.t("review_file.unchanged")}</th>
                    <th class="num">{i18n.t("review_file.conflicts")}</th>
                </tr>
            </thead>
            <tbody>{sections}</tbody>
        </table>
        <ul class="conflicts">{conflicts}</ul>
    }
}

/// The merged sections and their names' keys, in display order.
const SECTIONS: [(Section, &str); 3] = [
    (Section::Records, "review_file.section_records"),
    (Section::ScorecardVersions, "review_file.section_scorecards"),
    (Section::Mappings, "review_file.section_mappings"),
];
