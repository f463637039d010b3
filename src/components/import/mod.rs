//! Importing a file: pick or drop it, map its columns, check it (a data-quality report
//! before anything changes), then apply it in one save, or discard it.
//!
//! Nothing touches the workspace until "Apply": checking reads the file into a separate
//! store, and applying saves the merged workspace first and shows it only once saved, so
//! an import lands whole or not at all.
//!
//! - [`panel`]: the panel's state, the worker and what the buttons do
//! - [`steps`], [`mapping`], [`report`]: what each step shows
//! - [`run`]: measuring the checked records, and the browser's clock and turns
//! - [`apply`]: Apply (refused when no row was accepted, confirmed when it replaces
//!   records) and Discard

mod apply;
mod mapping;
mod panel;
mod report;
mod run;
mod steps;

use carescore_workspace::display;
use carescore_workspace::formats::saved_state::ImportLog;
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::state::use_app_state;
pub use apply::ApplyControls;
pub use mapping::MappingEditor;
use panel::Panel;
pub use run::{now_ms, yield_to_browser};
use steps::{CheckedView, ProgressView, SourceLine};

/// Where the import is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Step {
    Idle,
    Reading(String),
    Mapping,
    Checking,
    Checked,
    Applying,
    Done(ImportLog),
    Failed(String),
}

/// The import panel of the Data page.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let panel = Panel::new(use_app_state());
    let Panel { opened, draft, .. } = panel;
    on_cleanup(move || panel.stop_worker());

    // Every edit of the mapping previews again (answers to older drafts are dropped).
    Effect::new(move |_| {
        let mapping = draft.get();
        if opened.with_untracked(Option::is_some) {
            panel.send_preview(mapping);
        }
    });

    let on_input = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            panel.open_file(file);
        }
        // Picking the same file again must fire `change` again.
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0))
        {
            panel.open_file(file);
        }
    };

    view! {
        <section class="panel import-panel" data-testid="import-panel">
            <h2 class="section-title">{move || i18n.t("import.title")}</h2>
            <p class="help">{move || i18n.t("import.help")}</p>
            <label
                class="drop-zone"
                data-testid="import-drop"
                on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <span>{move || i18n.t("import.pick")}</span>
                <input
                    type="file"
                    data-testid="import-file"
                    accept=".csv,.tsv,.txt,.json,.xlsx,.xlsm"
                    on:change=on_input
                />
            </label>
            {move || step_view(i18n, panel, panel.step.get())}
        </section>
    }
}

/// The panel under the file picker at `step`.
fn step_view(i18n: I18n, panel: Panel, step: Step) -> AnyView {
    let discard_button = move || {
        view! {
            <button type="button" class="button" data-testid="import-discard" on:click=move |_| panel.discard()>
                {i18n.t("import.discard")}
            </button>
        }
    };
    match step {
        Step::Idle => ().into_any(),
        Step::Reading(name) => view! {
            <p role="status">{i18n.tf("import.reading", &[("file", &name)])}</p>
        }
        .into_any(),
        Step::Mapping => {
            let Some(file) = panel.opened.get() else {
                return ().into_any();
            };
            let on_sheet = move |ev: web_sys::Event| panel.open_sheet(event_target_value(&ev));
            view! {
                <SourceLine opened=file.clone() on_sheet />
                <MappingEditor headers=file.headers draft=panel.draft preview=panel.preview />
                <div class="button-row">
                    <button type="button" class="button button-primary" data-testid="import-check" on:click=move |_| panel.start_check()>
                        {i18n.t("import.check")}
                    </button>
                    {discard_button()}
                </div>
            }
            .into_any()
        }
        Step::Checking => view! {
            <ProgressView phase=panel.phase on_cancel=Callback::new(move |_| panel.cancel()) />
        }
        .into_any(),
        Step::Checked => {
            let Some(result) = panel.checked.get_value() else {
                return ().into_any();
            };
            view! {
                <CheckedView result=result.clone() />
                <ApplyControls
                    accepted=result.summary.report.accepted
                    merged=result.summary.merged
                    on_apply=Callback::new(move |_| panel.apply(i18n))
                    on_discard=Callback::new(move |_| panel.discard())
                />
            }
            .into_any()
        }
        Step::Applying => view! {
            <p role="status" data-testid="import-applying">{i18n.t("import.applying")}</p>
        }
        .into_any(),
        Step::Done(log) => view! {
            <p class="notice notice-ok" role="status" data-testid="import-done">
                {i18n.tf("import.done", &[
                    ("file", &log.file),
                    ("added", &display::count(log.added as u64)),
                    ("updated", &display::count(log.updated as u64)),
                    ("duplicates", &display::count(log.duplicates as u64)),
                    ("rejected", &display::count(log.rejected as u64)),
                ])}
            </p>
        }
        .into_any(),
        Step::Failed(message) => view! {
            <p class="notice notice-error" role="alert" data-testid="import-error">{message}</p>
        }
        .into_any(),
    }
}
