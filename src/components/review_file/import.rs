//! Importing a review file: read it, preview what it brings to each part of the work,
//! choose per conflicting item, merge. Nothing changes until "Merge" is pressed and the
//! merged work is saved; a file that replaces the demo says so, and how many records, first.

use std::rc::Rc;

use carescore_workspace::display;
use carescore_workspace::formats::review_file::{
    apply_merge, preview_merge, Choices, Document, MergePreview,
};
use carescore_workspace::formats::saved_state::SavedOrigin;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::preview::MergePreviewView;
use crate::i18n::use_i18n;
use crate::state::use_app_state;

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
            let bytes = match gloo_file::futures::read_as_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    step.set(ImportStep::Failed(format!("{name}: {error}")));
                    return;
                }
            };
            match Document::from_bytes(&bytes) {
                Ok(incoming) => {
                    let work = state.work_untracked();
                    let preview = preview_merge(&work, &incoming);
                    // Over the demo or an emptied workspace only defaults are at stake:
                    // the file's side of each conflict is preselected (and shown).
                    let nothing_of_mine =
                        preview.replaces_demo || work.origin == SavedOrigin::Empty;
                    choices.set(if nothing_of_mine {
                        Choices::take_all_theirs()
                    } else {
                        Choices::default()
                    });
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
        let merged = apply_merge(
            &state.work_untracked(),
            &pending.0,
            &choices.get_untracked(),
        );
        let records = merged.records.len();
        spawn_local(async move {
            match state.apply_workspace(merged).await {
                Ok(()) => step.set(ImportStep::Done(i18n.tf(
                    "review_file.merged",
                    &[("records", &display::count(records as u64))],
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
                    <MergePreviewView preview=pending.1.clone() current_records=state.records().len() choices />
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
