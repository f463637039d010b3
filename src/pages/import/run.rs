//! Reading a file in slices that yield to the browser, so a million rows import with a
//! live progress bar and a working cancel button instead of a frozen page.

use std::sync::Arc;

use carescore_engine::ingest::{
    self, CsvIngester, IngestResult, InputFormat, Mapping, QualityReport,
};
use carescore_engine::records::dedupe::{merge_import, MergedImport};
use carescore_engine::records::RecordStore;
use carescore_engine::scorecard::ScorecardHistory;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::state::{Origin, Workspace};

/// Longest stretch of work between two yields: short enough that clicks and the progress
/// bar stay live, long enough that yielding costs little.
const SLICE_MS: f64 = 40.0;
/// Rows read between two clock checks.
const ROWS_PER_CHECK: usize = 4_000;

/// Where a check run is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    Reading { fraction: f64, rows: usize },
    Checking,
    Measuring,
}

/// What a completed check run found, ready to apply.
pub struct Checked {
    pub file: String,
    pub rows_read: usize,
    pub rejected: usize,
    pub report: QualityReport,
    pub merged: MergedCounts,
    pub workspace: Workspace,
    pub mapping: Mapping,
    /// Milliseconds from the start of reading to a measured workspace.
    pub elapsed_ms: f64,
}

/// What applying would do to the records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergedCounts {
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
    pub duplicates_in_file: usize,
    /// Records in the workspace after applying.
    pub total: usize,
    /// Whether the demo records are replaced rather than added to.
    pub replaces_demo: bool,
}

/// What to check: a file's text read with a mapping, against the workspace's records
/// (`None` when the import replaces the demo).
pub struct CheckRequest {
    pub file: String,
    pub format: InputFormat,
    pub text: Arc<[u8]>,
    pub mapping: Mapping,
    pub existing: Option<Arc<RecordStore>>,
    pub history: Arc<ScorecardHistory>,
}

/// Reads the file, checks it against the records and measures the result, reporting the
/// phase as it goes. `cancelled` is read between slices; `None` is returned when it was set.
pub async fn check(
    request: CheckRequest,
    phase: RwSignal<Option<Phase>>,
    cancelled: StoredValue<bool>,
) -> Option<Result<Checked, String>> {
    let CheckRequest {
        file,
        format,
        text,
        mapping,
        existing,
        history,
    } = request;
    let started = now_ms();
    let result = match format {
        InputFormat::Json => ingest::read_json(&text, Some(&mapping)),
        _ => read_csv_in_slices(&text, &mapping, phase, cancelled).await?,
    };
    let result = match result {
        Ok(result) => result,
        Err(error) => return Some(Err(format!("{file}: {error}"))),
    };
    if result.store.is_empty() && result.rejected.is_empty() {
        return Some(Err(format!("{file}: the file has no data rows")));
    }
    phase.set(Some(Phase::Checking));
    yield_to_browser().await;
    if cancelled.get_value() {
        return None;
    }
    let report = ingest::quality_report(&result, existing.as_deref());
    let replaces_demo = existing.is_none();
    let IngestResult {
        store,
        rejected,
        rows_read,
        ..
    } = result;
    let (store, counts) = match existing {
        Some(existing) => {
            let MergedImport {
                store,
                added,
                updated,
                duplicates,
                duplicates_in_file,
            } = merge_import(&existing, &store);
            let total = store.len();
            (
                store,
                MergedCounts {
                    added,
                    updated,
                    duplicates,
                    duplicates_in_file,
                    total,
                    replaces_demo,
                },
            )
        }
        None => {
            // Replacing the demo: still drop duplicates within the file.
            let merged = merge_import(&RecordStore::default(), &store);
            let total = merged.store.len();
            (
                merged.store,
                MergedCounts {
                    added: merged.added,
                    updated: 0,
                    duplicates: 0,
                    duplicates_in_file: merged.duplicates_in_file,
                    total,
                    replaces_demo,
                },
            )
        }
    };
    phase.set(Some(Phase::Measuring));
    yield_to_browser().await;
    if cancelled.get_value() {
        return None;
    }
    let rejected_count = rejected.len();
    let workspace = Workspace::measure(
        Origin::Imported,
        Arc::new(store),
        rejected,
        rows_read,
        &history,
    );
    Some(Ok(Checked {
        file,
        rows_read,
        rejected: rejected_count,
        report,
        merged: counts,
        workspace,
        mapping,
        elapsed_ms: now_ms() - started,
    }))
}

/// `None` when cancelled.
async fn read_csv_in_slices(
    text: &Arc<[u8]>,
    mapping: &Mapping,
    phase: RwSignal<Option<Phase>>,
    cancelled: StoredValue<bool>,
) -> Option<Result<IngestResult, ingest::IngestError>> {
    let mut ingester = match CsvIngester::new(Arc::clone(text), Some(mapping)) {
        Ok(ingester) => ingester,
        Err(error) => return Some(Err(error)),
    };
    loop {
        let slice_start = now_ms();
        let mut progress = ingester.step(ROWS_PER_CHECK);
        while !progress.done && now_ms() - slice_start < SLICE_MS {
            progress = ingester.step(ROWS_PER_CHECK);
        }
        phase.set(Some(Phase::Reading {
            fraction: progress.fraction(),
            rows: progress.rows_read,
        }));
        if progress.done {
            break;
        }
        yield_to_browser().await;
        if cancelled.get_value() {
            return None;
        }
    }
    Some(Ok(ingester.finish()))
}

pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Lets the browser handle input and paint, then resumes. A MessageChannel message runs
/// as soon as the event loop is free; a zero timeout would be clamped to 4 ms once nested.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            return;
        };
        let on_message = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.unchecked_ref()));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
