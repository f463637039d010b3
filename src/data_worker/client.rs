//! The page's side: starts the data worker, queues requests until it says it is ready,
//! and hands every reply to one callback. Dropping the client terminates the worker,
//! which is also how a running check is cancelled.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::envelope::{pack, unpack};
use super::protocol::{check_worker, Reply, Request, WORKER_SCRIPT};

/// How long the worker may take to load (its module is fetched on first use).
const START_TIMEOUT_MS: i32 = 30_000;

/// A reply with its bytes, or why the worker failed.
pub type Delivery = Result<(Reply, Option<Uint8Array>), String>;

type Queued = (String, Option<Uint8Array>);

pub struct DataWorker {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<Queued>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
    timeout: Option<i32>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl DataWorker {
    /// Starts the worker. Fails where workers cannot start, for example in a sandboxed
    /// frame without an origin of its own.
    pub fn start(on_reply: impl Fn(Delivery) + 'static) -> Result<DataWorker, String> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(|error| {
            let why = error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "blocked".to_string());
            format!("the import worker could not start here ({why}); open CareScore in a tab of its own to import files")
        })?;
        let on_reply = Rc::new(on_reply);
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<Queued>>> = Rc::default();

        let on_message = {
            let (on_reply, ready, queue, worker) = (
                on_reply.clone(),
                ready.clone(),
                queue.clone(),
                worker.clone(),
            );
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let delivery = unpack(&event.data())
                    .and_then(|(json, bytes)| Ok((Reply::from_json(&json)?, bytes)));
                match delivery {
                    Ok((Reply::Ready { protocol }, _)) => match check_worker(protocol) {
                        Ok(()) => {
                            ready.set(true);
                            for (json, bytes) in queue.borrow_mut().drain(..) {
                                post(&worker, &json, bytes.as_ref());
                            }
                        }
                        Err(why) => on_reply(Err(why)),
                    },
                    other => on_reply(other),
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let on_error = {
            let on_reply = on_reply.clone();
            Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
                event.prevent_default();
                on_reply(Err(format!(
                    "the import worker stopped: {}",
                    event.message()
                )));
            })
        };
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        let on_timeout = {
            let (on_reply, ready) = (on_reply.clone(), ready.clone());
            Closure::<dyn FnMut()>::new(move || {
                if !ready.get() {
                    on_reply(Err(
                        "the import worker did not start (its files could not be loaded); reload the page and try again".to_string(),
                    ));
                }
            })
        };
        let timeout = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                START_TIMEOUT_MS,
            )
            .ok()
        });

        Ok(DataWorker {
            worker,
            ready,
            queue,
            _on_message: on_message,
            _on_error: on_error,
            timeout,
            _on_timeout: on_timeout,
        })
    }

    /// Sends a request; `bytes` are copied, so the page keeps its own (a file is sent
    /// again if the worker is restarted).
    pub fn send(&self, request: &Request, bytes: Option<&Uint8Array>) {
        let json = request.to_json();
        if self.ready.get() {
            post(&self.worker, &json, bytes);
        } else {
            self.queue.borrow_mut().push((json, bytes.cloned()));
        }
    }
}

fn post(worker: &Worker, json: &str, bytes: Option<&Uint8Array>) {
    let (message, _) = pack(json, bytes, false);
    let _ = worker.post_message(&message);
}

impl Drop for DataWorker {
    fn drop(&mut self) {
        self.worker.terminate();
        if let (Some(id), Some(window)) = (self.timeout, web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}
