//! The page's half of a check: the data worker reads, checks and merges the file (see
//! `crate::data_worker`); the page measures the merged records, so applying is one save.

use std::sync::Arc;

use carescore_engine::ingest::Mapping;
use carescore_engine::records::RecordStore;
use carescore_engine::scorecard::ScorecardHistory;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::data_worker::protocol::{CheckPhase, CheckSummary};
use crate::state::{Measured, Origin};

/// Where a check run is: in the worker, or measuring on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    Worker(CheckPhase),
    Measuring,
}

/// What a completed check found, ready to apply.
pub struct Checked {
    pub summary: CheckSummary,
    pub workspace: Measured,
    pub mapping: Mapping,
    /// Milliseconds from "Check" to a measured workspace.
    pub elapsed_ms: f64,
}

/// Builds the workspace the import would give from the worker's snapshot of the merged
/// records. `started` is when the check was asked for (`now_ms`).
pub fn measure(
    mut summary: CheckSummary,
    snapshot: &[u8],
    mapping: Mapping,
    history: &ScorecardHistory,
    started: f64,
) -> Result<Checked, String> {
    let store = RecordStore::from_snapshot(snapshot).map_err(|error| {
        format!(
            "{}: the checked records could not be read back: {error}",
            summary.file
        )
    })?;
    let rejected = std::mem::take(&mut summary.rejected);
    let rows_read = summary.rows_read;
    let workspace = Measured::measure(
        Origin::Imported,
        Arc::new(store),
        rejected.clone(),
        rows_read,
        history,
    );
    summary.rejected = rejected;
    Ok(Checked {
        summary,
        workspace,
        mapping,
        elapsed_ms: now_ms() - started,
    })
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
