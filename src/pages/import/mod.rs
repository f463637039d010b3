//! Importing a file: pick or drop it, map its columns, check it (a data-quality report
//! before anything changes), then apply it in one save, or discard it.
//!
//! Nothing touches the workspace until "Apply": checking reads the file into a separate
//! store, and applying saves the merged workspace first and shows it only once saved, so
//! an import lands whole or not at all.

mod mapping;
mod report;
mod run;
mod source;

use std::rc::Rc;

use carescore_engine::document::SavedMapping;
use carescore_engine::ingest::{self, InputFormat, Mapping};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{use_i18n, I18n};
use crate::pages::format;
use crate::state::saved::ImportLog;
use crate::state::use_app_state;
use crate::storage::workspace_db::SaveError;
use mapping::MappingEditor;
use report::QualityReportView;
pub use run::{now_ms, yield_to_browser};
use run::{Checked, Phase};
use source::Source;

/// Where the import is.
#[derive(Clone, Debug, PartialEq)]
enum Step {
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
    let state = use_app_state();
    let step = RwSignal::new(Step::Idle);
    let source = StoredValue::new_local(None::<Source>);
    let headers = StoredValue::new(Vec::<String>::new());
    let draft = RwSignal::new(Mapping::default());
    let phase = RwSignal::new(None::<Phase>);
    let cancelled = StoredValue::new(false);
    let checked = StoredValue::new_local(None::<Rc<Checked>>);

    let open_file = move |file: web_sys::File| {
        let name = file.name();
        step.set(Step::Reading(name.clone()));
        spawn_local(async move {
            let file = gloo_file::File::from(file);
            let raw = match gloo_file::futures::read_as_bytes(&file).await {
                Ok(raw) => raw,
                Err(error) => {
                    step.set(Step::Failed(format!("{name}: {error}")));
                    return;
                }
            };
            yield_to_browser().await;
            match prepare_mapping(&name, raw.into(), &state.mappings()) {
                Ok((prepared, file_headers, suggested)) => {
                    source.set_value(Some(prepared));
                    headers.set_value(file_headers);
                    draft.set(suggested);
                    step.set(Step::Mapping);
                }
                Err(message) => step.set(Step::Failed(message)),
            }
        });
    };
    let on_input = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            open_file(file);
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
            open_file(file);
        }
    };

    let start_check = move |_| {
        let Some(src) = source.get_value() else {
            return;
        };
        cancelled.set_value(false);
        phase.set(None);
        step.set(Step::Checking);
        let existing =
            (!state.is_demo() && state.workspace_untracked().is_some()).then(|| state.records());
        let history = state.history_untracked();
        let mapping = draft.get_untracked();
        spawn_local(async move {
            let request = run::CheckRequest {
                file: src.name.clone(),
                format: src.text_format(),
                text: src.text.clone(),
                mapping,
                existing,
                history: history.0.clone(),
            };
            let outcome = run::check(request, phase, cancelled).await;
            match outcome {
                None => step.set(Step::Mapping),
                Some(Ok(result)) => {
                    checked.set_value(Some(Rc::new(result)));
                    step.set(Step::Checked);
                }
                Some(Err(message)) => step.set(Step::Failed(message)),
            }
        });
    };
    let apply = move |_| {
        let (Some(result), Some(src)) = (checked.get_value(), source.get_value()) else {
            return;
        };
        step.set(Step::Applying);
        checked.set_value(None);
        let Ok(result) = Rc::try_unwrap(result) else {
            return;
        };
        let log = ImportLog {
            file: result.file.clone(),
            rows_read: result.rows_read,
            added: result.merged.added,
            updated: result.merged.updated,
            duplicates: result.merged.duplicates + result.merged.duplicates_in_file,
            rejected: result.rejected,
        };
        let saved_mapping = SavedMapping {
            signature: ingest::header_signature(&headers.get_value()),
            headers: headers.get_value(),
            mapping: result.mapping.clone(),
        };
        let _ = src;
        spawn_local(async move {
            match state
                .apply_records(result.workspace, Some(log.clone()), Some(saved_mapping))
                .await
            {
                Ok(()) => step.set(Step::Done(log)),
                Err(error) => step.set(Step::Failed(save_failure(i18n, &error))),
            }
        });
    };
    let discard = move |_| {
        cancelled.set_value(true);
        checked.set_value(None);
        source.set_value(None);
        step.set(Step::Idle);
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
                    accept=".csv,.tsv,.txt,.json"
                    on:change=on_input
                />
            </label>
            {move || match step.get() {
                Step::Idle => ().into_any(),
                Step::Reading(name) => view! {
                    <p role="status">{i18n.tf("import.reading", &[("file", &name)])}</p>
                }.into_any(),
                Step::Mapping => {
                    let Some(src) = source.get_value() else { return ().into_any() };
                    view! {
                        <SourceLine source=src.clone() />
                        <MappingEditor source=src headers=headers.get_value() draft />
                        <div class="button-row">
                            <button type="button" class="button button-primary" data-testid="import-check" on:click=start_check>
                                {i18n.t("import.check")}
                            </button>
                            <button type="button" class="button" data-testid="import-discard" on:click=discard>
                                {i18n.t("import.discard")}
                            </button>
                        </div>
                    }.into_any()
                }
                Step::Checking => view! { <ProgressView phase cancelled /> }.into_any(),
                Step::Checked => {
                    let Some(result) = checked.get_value() else { return ().into_any() };
                    view! {
                        <CheckedView result=result.clone() />
                        <div class="button-row">
                            <button type="button" class="button button-primary" data-testid="import-apply" on:click=apply>
                                {i18n.t("import.apply")}
                            </button>
                            <button type="button" class="button" data-testid="import-discard" on:click=discard>
                                {i18n.t("import.discard")}
                            </button>
                        </div>
                    }.into_any()
                }
                Step::Applying => view! {
                    <p role="status" data-testid="import-applying">{i18n.t("import.applying")}</p>
                }.into_any(),
                Step::Done(log) => view! {
                    <p class="notice notice-ok" role="status" data-testid="import-done">
                        {i18n.tf("import.done", &[
                            ("file", &log.file),
                            ("added", &format::count(log.added as u64)),
                            ("updated", &format::count(log.updated as u64)),
                            ("duplicates", &format::count(log.duplicates as u64)),
                            ("rejected", &format::count(log.rejected as u64)),
                        ])}
                    </p>
                }.into_any(),
                Step::Failed(message) => view! {
                    <p class="notice notice-error" role="alert" data-testid="import-error">{message}</p>
                }.into_any(),
            }}
        </section>
    }
}

/// Reads the headers and picks the mapping: the one saved for the same headers, else the
/// suggestion from their names.
fn prepare_mapping(
    name: &str,
    raw: Rc<[u8]>,
    saved: &[SavedMapping],
) -> Result<(Source, Vec<String>, Mapping), String> {
    let source = source::prepare(name, raw)?;
    let headers = match source.text_format() {
        InputFormat::Json => json_headers(&source.text),
        _ => ingest::read_headers(&source.text, None).map_err(|e| e.to_string()),
    }
    .map_err(|e| format!("{name}: {e}"))?;
    let signature = ingest::header_signature(&headers);
    let mapping = saved
        .iter()
        .find(|m| m.signature == signature)
        .map(|m| m.mapping.clone())
        .unwrap_or_else(|| ingest::suggest_mapping(&headers).mapping);
    Ok((source, headers, mapping))
}

/// The keys of a JSON file's first record (sorted), as its "headers".
fn json_headers(text: &[u8]) -> Result<Vec<String>, String> {
    let value: serde_json::Value = serde_json::from_slice(text).map_err(|e| e.to_string())?;
    let first = value
        .as_array()
        .and_then(|rows| rows.first())
        .and_then(|row| row.as_object())
        .ok_or("a JSON import is an array of objects, one per record")?;
    Ok(first.keys().cloned().collect())
}

fn save_failure(i18n: I18n, error: &SaveError) -> String {
    match error {
        SaveError::QuotaExceeded => i18n.t("import.failed_quota"),
        SaveError::Conflict { .. } => i18n.t("import.failed_conflict"),
        SaveError::Other(why) => i18n.tf("import.failed_other", &[("why", why)]),
    }
}

#[component]
fn SourceLine(source: Source) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="muted" data-testid="import-source">
            {i18n.tf("import.source", &[
                ("file", &source.name),
                ("encoding", source.encoding),
                ("bytes", &format::count(source.raw.len() as u64)),
            ])}
        </p>
    }
}

#[component]
fn ProgressView(phase: RwSignal<Option<Phase>>, cancelled: StoredValue<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let fraction = move || match phase.get() {
        Some(Phase::Reading { fraction, .. }) => fraction,
        Some(_) => 1.0,
        None => 0.0,
    };
    let label = move || match phase.get() {
        Some(Phase::Reading { rows, .. }) => i18n.tf(
            "import.progress_reading",
            &[("rows", &format::count(rows as u64))],
        ),
        Some(Phase::Checking) => i18n.t("import.progress_checking"),
        Some(Phase::Measuring) => i18n.t("import.progress_measuring"),
        None => i18n.t("import.progress_starting"),
    };
    view! {
        <div class="import-progress" data-testid="import-progress">
            <progress max="1" prop:value=fraction aria-label=move || i18n.t("import.progress")></progress>
            <span role="status">{label}</span>
            <button
                type="button"
                class="button"
                data-testid="import-cancel"
                on:click=move |_| cancelled.set_value(true)
            >
                {move || i18n.t("import.cancel")}
            </button>
        </div>
    }
}

#[component]
fn CheckedView(result: Rc<Checked>) -> impl IntoView {
    let i18n = use_i18n();
    let m = result.merged;
    let summary = if m.replaces_demo {
        i18n.tf(
            "import.will_replace_demo",
            &[("records", &format::count(m.total as u64))],
        )
    } else {
        i18n.tf(
            "import.will_add",
            &[
                ("added", &format::count(m.added as u64)),
                ("updated", &format::count(m.updated as u64)),
                ("total", &format::count(m.total as u64)),
            ],
        )
    };
    view! {
        <div class="import-checked" data-testid="import-checked" data-elapsed-ms=format!("{:.0}", result.elapsed_ms)>
            <p class="notice" data-testid="import-summary">{summary}</p>
            <QualityReportView report=result.report.clone() file=result.file.clone() />
        </div>
    }
}
