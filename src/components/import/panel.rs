//! The import panel's state and what its buttons do: the worker (started on first use),
//! its replies, and open, check, cancel, apply and discard.

use std::rc::Rc;

use carescore_engine::ingest::{Mapping, Preview};
use carescore_workspace::formats::review_file::SavedMapping;
use carescore_workspace::formats::saved_state::ImportLog;
use js_sys::Uint8Array;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::run::{self, now_ms, yield_to_browser, Checked, Phase};
use super::Step;
use crate::data_worker::client::{DataWorker, Delivery};
use crate::data_worker::protocol::{Opened, Reply, Request};
use crate::i18n::I18n;
use crate::state::AppState;
use crate::storage::workspace_db::SaveError;

/// Rows the mapping preview shows.
const PREVIEW_ROWS: usize = 8;

/// The import panel's state, shared by its handlers (all `Copy`).
#[derive(Clone, Copy)]
pub(super) struct Panel {
    pub(super) state: AppState,
    pub(super) step: RwSignal<Step>,
    pub(super) worker: StoredValue<Option<Rc<DataWorker>>, LocalStorage>,
    /// The picked file, kept in the page's JS heap (not wasm memory) to re-send it to a
    /// restarted worker.
    pub(super) file: StoredValue<Option<(String, Uint8Array)>, LocalStorage>,
    pub(super) opened: RwSignal<Option<Opened>>,
    pub(super) draft: RwSignal<Mapping>,
    pub(super) preview: RwSignal<Option<Result<Preview, String>>>,
    pub(super) preview_id: StoredValue<u64>,
    /// Re-opening after a cancel keeps the draft mapping.
    pub(super) keep_draft: StoredValue<bool>,
    pub(super) phase: RwSignal<Option<Phase>>,
    pub(super) check_started: StoredValue<f64>,
    pub(super) checked: StoredValue<Option<Rc<Checked>>, LocalStorage>,
}

impl Panel {
    pub(super) fn new(state: AppState) -> Panel {
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
    pub(super) fn stop_worker(self) {
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

    pub(super) fn send_preview(self, mapping: Mapping) {
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

    /// Reads a picked or dropped file into the page's heap and opens it in the worker.
    pub(super) fn open_file(self, file: web_sys::File) {
        let name = file.name();
        self.step.set(Step::Reading(name.clone()));
        self.opened.set(None);
        spawn_local(async move {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            match buffer {
                Ok(buffer) => {
                    self.file.set_value(Some((name, Uint8Array::new(&buffer))));
                    self.keep_draft.set_value(false);
                    self.open(None);
                }
                Err(_) => self.step.set(Step::Failed(format!(
                    "{name}: the browser could not read the file"
                ))),
            }
        });
    }

    /// Another sheet of the open workbook.
    pub(super) fn open_sheet(self, sheet: String) {
        self.step.set(Step::Reading(sheet.clone()));
        self.keep_draft.set_value(false);
        self.open(Some(sheet));
    }

    /// Checks the file with the draft mapping, against the workspace's records unless
    /// they are the demo's.
    pub(super) fn start_check(self) {
        let Some(worker) = self.worker() else {
            return;
        };
        let state = self.state;
        self.phase.set(None);
        self.step.set(Step::Checking);
        self.check_started.set_value(now_ms());
        let against_existing = !state.is_demo() && state.workspace_untracked().is_some();
        let existing =
            against_existing.then(|| Uint8Array::from(&state.records().to_snapshot()[..]));
        let request = Request::Check {
            mapping: self.draft.get_untracked(),
            against_existing,
        };
        worker.send(&request, existing.as_ref());
    }

    pub(super) fn cancel(self) {
        // Terminating is the only way to stop a worker mid-file; a fresh one gets the
        // file again and the mapping stays as it was.
        self.stop_worker();
        let sheet = self.opened.get_untracked().and_then(|o| o.sheet);
        self.keep_draft.set_value(true);
        self.step.set(Step::Mapping);
        self.open(sheet);
    }

    /// Saves the checked import in one go; the page shows it only once saved.
    pub(super) fn apply(self, i18n: I18n) {
        let Some(result) = self.checked.get_value() else {
            return;
        };
        let step = self.step;
        step.set(Step::Applying);
        self.checked.set_value(None);
        self.stop_worker();
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
        let saved_mapping = self.opened.get_untracked().map(|o| SavedMapping {
            signature: o.signature,
            headers: o.headers,
            mapping: result.mapping.clone(),
        });
        let state = self.state;
        spawn_local(async move {
            match state
                .apply_records(result.workspace, Some(log.clone()), saved_mapping)
                .await
            {
                Ok(()) => step.set(Step::Done(log)),
                Err(error) => step.set(Step::Failed(save_failure(i18n, &error))),
            }
        });
    }

    pub(super) fn discard(self) {
        self.stop_worker();
        self.checked.set_value(None);
        self.file.set_value(None);
        self.opened.set(None);
        self.step.set(Step::Idle);
    }
}

fn save_failure(i18n: I18n, error: &SaveError) -> String {
    match error {
        SaveError::QuotaExceeded => i18n.t("import.failed_quota"),
        SaveError::Conflict { .. } => i18n.t("import.failed_conflict"),
        SaveError::Other(why) => i18n.tf("import.failed_other", &[("why", why)]),
    }
}
