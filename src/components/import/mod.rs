//! Importing a file: pick or drop it, map its columns, check it (a data-quality report
//! before anything changes), then apply it in one save, or discard it.
//!
//! Nothing touches the workspace until "Apply": checking reads the file into a separate
//! store, and applying saves the merged workspace first and shows it only once saved, so
//! an import lands whole or not at all.

mod mapping;
mod report;
mod run;

use std::rc::Rc;

use carescore_engine::ingest::{Mapping, Preview};
use carescore_workspace::formats::review_file::SavedMapping;
use js_sys::Uint8Array;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::data_worker::client::{DataWorker, Delivery};
use crate::data_worker::protocol::{CheckPhase, Opened, Reply, Request};
use crate::i18n::{use_i18n, I18n};
use crate::state::{use_app_state, AppState};
use crate::storage::workspace_db::SaveError;
use carescore_workspace::display;
use carescore_workspace::formats::saved_state::ImportLog;
use mapping::MappingEditor;
use report::QualityReportView;
pub use run::{now_ms, yield_to_browser};
use run::{Checked, Phase};

/// Rows the mapping preview shows.
const PREVIEW_ROWS: usize = 8;

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

/// The import panel's state, shared by its handlers (all `Copy`).
#[derive(Clone, Copy)]
struct Panel {
    state: AppState,
    step: RwSignal<Step>,
    worker: StoredValue<Option<Rc<DataWorker>>, LocalStorage>,
    /// The picked file, kept in the page's JS heap (not wasm memory) to re-send it to a
    /// restarted worker.
    file: StoredValue<Option<(String, Uint8Array)>, LocalStorage>,
    opened: RwSignal<Option<Opened>>,
    draft: RwSignal<Mapping>,
    preview: RwSignal<Option<Result<Preview, String>>>,
    preview_id: StoredValue<u64>,
    /// Re-opening after a cancel keeps the draft mapping.
    keep_draft: StoredValue<bool>,
    phase: RwSignal<Option<Phase>>,
    check_started: StoredValue<f64>,
    checked: StoredValue<Option<Rc<Checked>>, LocalStorage>,
}

impl Panel {
    fn new(state: AppState) -> Panel {
        Panel {
            state,
            step: RwSignal::new(Step::Idle),
            worker: StoredValue::new_local(None),
            file: StoredValue::new_local(None),
            opened: RwSignal::new(None),
            draft: RwSignal::new(Mapping::default()),
            preview: RwSignal::new(None),
            preview_id: StoredValue::new(0),
            keep_draft: StoredValue::new(false),
            phase: RwSignal::new(None),
            check_started: StoredValue::new(0.0),
            checked: StoredValue::new_local(None),
        }
    }

    /// The running worker, started on first use (its module downloads only then).
    fn worker(self) -> Option<Rc<DataWorker>> {
        if let Some(worker) = self.worker.get_value() {
            return Some(worker);
        }
        match DataWorker::start(move |delivery| self.on_reply(delivery)) {
            Ok(worker) => {
                let worker = Rc::new(worker);
                self.worker.set_value(Some(worker.clone()));
                Some(worker)
            }
            Err(message) => {
                self.step.set(Step::Failed(message));
                None
            }
        }
    }

    /// Terminates the worker (cancelling whatever it does) and frees its memory.
    fn stop_worker(self) {
        self.worker.set_value(None);
    }

    fn open(self, sheet: Option<String>) {
        let Some((name, bytes)) = self.file.get_value() else {
            return;
        };
        let saved = self.state.mappings_untracked();
        if let Some(worker) = self.worker() {
            worker.send(&Request::Open { name, sheet, saved }, Some(&bytes));
        }
    }

    fn send_preview(self, mapping: Mapping) {
        let Some(worker) = self.worker.get_value() else {
            return;
        };
        let id = self.preview_id.get_value() + 1;
        self.preview_id.set_value(id);
        worker.send(
            &Request::Preview {
                id,
                mapping,
                rows: PREVIEW_ROWS,
            },
            None,
        );
    }

    fn on_reply(self, delivery: Delivery) {
        match delivery {
            Ok((Reply::Opened(opened), _)) => {
                if !self.keep_draft.get_value() {
                    self.preview.set(None);
                    self.draft.set(opened.mapping.clone());
                }
                self.keep_draft.set_value(false);
                self.opened.set(Some(opened));
                self.step.set(Step::Mapping);
                self.send_preview(self.draft.get_untracked());
            }
            Ok((Reply::Previewed { id, result }, _)) => {
                if id == self.preview_id.get_value() {
                    self.preview.set(Some(result));
                }
            }
            Ok((Reply::Progress(phase), _)) => self.phase.set(Some(Phase::Worker(phase))),
            Ok((Reply::Checked(summary), Some(snapshot))) => {
                spawn_local(async move {
                    self.phase.set(Some(Phase::Measuring));
                    yield_to_browser().await;
                    let history = self.state.history_untracked();
                    let mapping = self.draft.get_untracked();
                    let started = self.check_started.get_value();
                    match run::measure(summary, &snapshot.to_vec(), mapping, &history, started) {
                        Ok(result) => {
                            self.checked.set_value(Some(Rc::new(result)));
                            self.step.set(Step::Checked);
                        }
                        Err(message) => self.step.set(Step::Failed(message)),
                    }
                });
            }
            Ok((Reply::Checked(_), None)) => self
                .step
                .set(Step::Failed("the check sent no records".to_string())),
            Ok((Reply::Failed { message }, _)) => self.step.set(Step::Failed(message)),
            Ok((Reply::Ready { .. }, _)) => {}
            Err(message) => {
                self.stop_worker();
                self.step.set(Step::Failed(message));
            }
        }
    }
}

/// The import panel of the Data page.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let panel = Panel::new(state);
    let Panel {
        step,
        opened,
        draft,
        preview,
        phase,
        checked,
        ..
    } = panel;
    on_cleanup(move || panel.stop_worker());

    // Every edit of the mapping previews again (answers to older drafts are dropped).
    Effect::new(move |_| {
        let mapping = draft.get();
        if opened.with_untracked(Option::is_some) {
            panel.send_preview(mapping);
        }
    });

    let open_file = move |file: web_sys::File| {
        let name = file.name();
        step.set(Step::Reading(name.clone()));
        opened.set(None);
        spawn_local(async move {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            match buffer {
                Ok(buffer) => {
                    panel.file.set_value(Some((name, Uint8Array::new(&buffer))));
                    panel.keep_draft.set_value(false);
                    panel.open(None);
                }
                Err(_) => step.set(Step::Failed(format!(
                    "{name}: the browser could not read the file"
                ))),
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
    let on_sheet = move |ev: web_sys::Event| {
        step.set(Step::Reading(event_target_value(&ev)));
        panel.keep_draft.set_value(false);
        panel.open(Some(event_target_value(&ev)));
    };

    let start_check = move |_| {
        let Some(worker) = panel.worker() else {
            return;
        };
        phase.set(None);
        step.set(Step::Checking);
        panel.check_started.set_value(now_ms());
        let against_existing = !state.is_demo() && state.workspace_untracked().is_some();
        let existing =
            against_existing.then(|| Uint8Array::from(&state.records().to_snapshot()[..]));
        let request = Request::Check {
            mapping: draft.get_untracked(),
            against_existing,
        };
        worker.send(&request, existing.as_ref());
    };
    let cancel = move || {
        // Terminating is the only way to stop a worker mid-file; a fresh one gets the
        // file again and the mapping stays as it was.
        panel.stop_worker();
        let sheet = opened.get_untracked().and_then(|o| o.sheet);
        panel.keep_draft.set_value(true);
        step.set(Step::Mapping);
        panel.open(sheet);
    };
    let apply = move |_| {
        let Some(result) = checked.get_value() else {
            return;
        };
        step.set(Step::Applying);
        checked.set_value(None);
        panel.stop_worker();
        let Ok(result) = Rc::try_unwrap(result) else {
            return;
        };
        let summary = &result.summary;
        let log = ImportLog {
            file: summary.file.clone(),
            rows_read: summary.rows_read,
            added: summary.merged.added,
            updated: summary.merged.updated,
            duplicates: summary.merged.duplicates + summary.merged.duplicates_in_file,
            rejected: summary.rejected.len(),
        };
        let saved_mapping = opened.get_untracked().map(|o| SavedMapping {
            signature: o.signature,
            headers: o.headers,
            mapping: result.mapping.clone(),
        });
        spawn_local(async move {
            match state
                .apply_records(result.workspace, Some(log.clone()), saved_mapping)
                .await
            {
                Ok(()) => step.set(Step::Done(log)),
                Err(error) => step.set(Step::Failed(save_failure(i18n, &error))),
            }
        });
    };
    let discard = move |_| {
        panel.stop_worker();
        checked.set_value(None);
        panel.file.set_value(None);
        opened.set(None);
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
                    accept=".csv,.tsv,.txt,.json,.xlsx,.xlsm"
                    on:change=on_input
                />
            </label>
            {move || match step.get() {
                Step::Idle => ().into_any(),
                Step::Reading(name) => view! {
                    <p role="status">{i18n.tf("import.reading", &[("file", &name)])}</p>
                }.into_any(),
                Step::Mapping => {
                    let Some(file) = opened.get() else { return ().into_any() };
                    view! {
                        <SourceLine opened=file.clone() on_sheet />
                        <MappingEditor headers=file.headers draft preview />
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
                Step::Checking => view! { <ProgressView phase on_cancel=Callback::new(move |_| cancel()) /> }.into_any(),
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
                            ("added", &display::count(log.added as u64)),
                            ("updated", &display::count(log.updated as u64)),
                            ("duplicates", &display::count(log.duplicates as u64)),
                            ("rejected", &display::count(log.rejected as u64)),
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

fn save_failure(i18n: I18n, error: &SaveError) -> String {
    match error {
        SaveError::QuotaExceeded => i18n.t("import.failed_quota"),
        SaveError::Conflict { .. } => i18n.t("import.failed_conflict"),
        SaveError::Other(why) => i18n.tf("import.failed_other", &[("why", why)]),
    }
}

#[component]
fn SourceLine(opened: Opened, on_sheet: impl Fn(web_sys::Event) + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let sheets = (opened.sheets.len() > 1).then(|| {
        let current = opened.sheet.clone().unwrap_or_default();
        let options = opened
            .sheets
            .iter()
            .map(|name| {
                let selected = *name == current;
                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
            })
            .collect_view();
        view! {
            <label class="field field-inline">
                <span class="field-label">{i18n.t("import.sheet")}</span>
                <select data-testid="import-sheet" on:change=on_sheet>{options}</select>
            </label>
        }
    });
    let encoding = match &opened.sheet {
        Some(sheet) => format!("{} · {sheet}", opened.encoding),
        None => opened.encoding.clone(),
    };
    view! {
        <p class="muted" data-testid="import-source">
            {i18n.tf("import.source", &[
                ("file", &opened.name),
                ("encoding", &encoding),
                ("bytes", &display::count(opened.bytes as u64)),
            ])}
        </p>
        {sheets}
    }
}

#[component]
fn ProgressView(phase: RwSignal<Option<Phase>>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let fraction = move || match phase.get() {
        Some(Phase::Worker(CheckPhase::Reading { fraction, .. })) => fraction,
        Some(_) => 1.0,
        None => 0.0,
    };
    let label = move || match phase.get() {
        Some(Phase::Worker(CheckPhase::Reading { rows, .. })) => i18n.tf(
            "import.progress_reading",
            &[("rows", &display::count(rows as u64))],
        ),
        Some(Phase::Worker(CheckPhase::Checking)) => i18n.t("import.progress_checking"),
        Some(Phase::Worker(CheckPhase::Merging)) => i18n.t("import.progress_merging"),
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
                on:click=move |_| on_cancel.run(())
            >
                {move || i18n.t("import.cancel")}
            </button>
        </div>
    }
}

#[component]
fn CheckedView(result: Rc<Checked>) -> impl IntoView {
    let i18n = use_i18n();
    let m = result.summary.merged;
    let summary = if m.replaces_demo {
        i18n.tf(
            "import.will_replace_demo",
            &[("records", &display::count(m.total as u64))],
        )
    } else {
        i18n.tf(
            "import.will_add",
            &[
                ("added", &display::count(m.added as u64)),
                ("updated", &display::count(m.updated as u64)),
                ("total", &display::count(m.total as u64)),
            ],
        )
    };
    view! {
        <div class="import-checked" data-testid="import-checked" data-elapsed-ms=format!("{:.0}", result.elapsed_ms) data-worker-ms=format!("{:.0}", result.summary.worker_ms)>
            <p class="notice" data-testid="import-summary">{summary}</p>
            <QualityReportView report=result.summary.report.clone() file=result.summary.file.clone() />
        </div>
    }
}
