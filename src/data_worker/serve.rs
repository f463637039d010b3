//! The worker's side: answers the page's requests one at a time. A check runs to the end
//! once started; the page cancels by terminating the worker.

use std::cell::RefCell;

use carescore_engine::records::RecordStore;
use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::envelope::{pack, unpack};
use super::job::{self, OpenFile};
use super::protocol::{Reply, Request, PROTOCOL_VERSION};

thread_local! {
    /// The file being imported, kept between requests so previews and the check do not
    /// send it again.
    static OPEN_FILE: RefCell<Option<OpenFile>> = const { RefCell::new(None) };
}

/// Starts answering messages and tells the page the worker is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match unpack(&event.data()) {
                Ok((json, bytes)) => handle(&json, bytes),
                Err(message) => send(&Reply::Failed { message }, None),
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it; so does its handler.
    on_message.forget();
    send(
        &Reply::Ready {
            protocol: PROTOCOL_VERSION,
        },
        None,
    );
}

fn handle(json: &str, bytes: Option<Uint8Array>) {
    let request = match Request::from_json(json) {
        Ok(request) => request,
        Err(message) => return send(&Reply::Failed { message }, None),
    };
    match request {
        Request::Open { name, sheet, saved } => {
            let raw = bytes.map(|b| b.to_vec()).unwrap_or_default();
            match job::open(&name, &raw, sheet.as_deref(), &saved, &decode) {
                Ok((file, opened)) => {
                    OPEN_FILE.with(|f| *f.borrow_mut() = Some(file));
                    send(&Reply::Opened(opened), None);
                }
                Err(message) => send(&Reply::Failed { message }, None),
            }
        }
        Request::Preview { id, mapping, rows } => {
            let result = with_file(|file| job::preview(file, &mapping, rows));
            send(&Reply::Previewed { id, result }, None);
        }
        Request::Check {
            mapping,
            against_existing,
        } => {
            let started = now_ms();
            let existing = match (against_existing, bytes) {
                (true, Some(bytes)) => match RecordStore::from_snapshot(&bytes.to_vec()) {
                    Ok(store) => Some(store),
                    Err(error) => {
                        let message = format!("the workspace's records could not be read: {error}");
                        return send(&Reply::Failed { message }, None);
                    }
                },
                _ => None,
            };
            let outcome = with_file(|file| {
                job::check(file, &mapping, existing.as_ref(), &mut |phase| {
                    send(&Reply::Progress(phase), None)
                })
            });
            match outcome {
                Ok((mut summary, store)) => {
                    let snapshot = Uint8Array::from(&store.to_snapshot()[..]);
                    drop(store);
                    summary.worker_ms = now_ms() - started;
                    send(&Reply::Checked(summary), Some(&snapshot));
                }
                Err(message) => send(&Reply::Failed { message }, None),
            }
        }
    }
}

fn with_file<T>(work: impl FnOnce(&OpenFile) -> Result<T, String>) -> Result<T, String> {
    OPEN_FILE.with(|f| match f.borrow().as_ref() {
        Some(file) => work(file),
        None => Err("no file is open: pick it again".to_string()),
    })
}

fn send(reply: &Reply, bytes: Option<&Uint8Array>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let (message, transfer) = pack(&reply.to_json(), bytes, true);
    let _ = scope.post_message_with_transfer(&message, &transfer);
}

/// The browser's TextDecoder: GB18030 and UTF-16 without tables in the app.
fn decode(raw: &[u8], label: &str) -> Result<String, String> {
    let decoder = web_sys::TextDecoder::new_with_label(label)
        .map_err(|_| format!("this browser cannot decode {label}"))?;
    decoder
        .decode_with_u8_array(raw)
        .map_err(|_| format!("the file is not readable as {label}"))
}

fn now_ms() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map(|p| p.now())
        .unwrap_or(0.0)
}
