//! Reading imported files off the page's thread, in a second wasm module that loads only
//! when the user imports something.
//!
//! Decoding, sniffing, previewing, reading a million rows, the data-quality report and the
//! de-duplicating merge are most of the engine's code and all of its heavy work. Running
//! them in a Web Worker keeps the first visit small (the dashboard never downloads them)
//! and the page responsive while they run: the progress bar moves, Cancel terminates the
//! worker at once, and nothing of the half-read file stays in the page's memory.
//!
//! - [`protocol`]: the messages, shared by both sides (JSON text plus an optional byte
//!   buffer, so files and record snapshots cross without a JSON detour), and [`job`], the
//!   work itself: both pure Rust, in carescore-workspace (`formats::worker_protocol`),
//!   tested natively there
//! - [`serve`]: the worker's side, started by `src/bin/data_worker.rs`
//! - [`client`]: the page's side, used by the Data page's import panel

mod envelope;

pub use carescore_workspace::formats::worker_protocol as protocol;
pub use carescore_workspace::formats::worker_protocol::job;

pub mod client;
pub mod serve;
