//! CareScore's scoring engine. Pure Rust: no web crate, so it is tested natively, backs the
//! `carescore` CLI, and compiles unchanged to wasm for the app.
//!
//! Flow: a file + [`ingest`] mapping -> [`records::RecordStore`] (column-wise) ->
//! [`metrics`] -> [`measure::MeasureTable`] -> [`scoring`] with a [`scorecard`] ->
//! scores with explanations.

pub mod awards;
pub mod demo;
pub mod export;
pub mod feedback;
pub mod field;
pub mod ingest;
pub mod measure;
pub mod metric_def;
pub mod metrics;
pub mod period;
pub mod records;
pub mod scorecard;
pub mod scoring;
pub mod sql;
pub mod stats;
pub mod versioning;
