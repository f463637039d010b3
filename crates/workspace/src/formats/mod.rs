//! Every format CareScore writes, each versioned, read through a migration chain and kept
//! honest by committed fixtures of every version released. This table is the one place
//! that lists them; each format's module says what its versions changed.
//!
//! | format | what | version | reads older through | fixtures |
//! | --- | --- | --- | --- | --- |
//! | review file | a workspace or a slice, exchanged and exported | [`review_file::SCHEMA_VERSION`] (2) | [`review_file::migrate`] (1 to 2) | `tests/fixtures/review_file/` (`v1-workspace.json`, `v2-workspace.json`) |
//! | saved state | IndexedDB's `meta`: the workspace but its records | [`saved_state::SAVED_STATE_VERSION`] (2) | [`saved_state::CHAIN`] (1 to 2) | `tests/fixtures/saved_state/` (every shape of v1, v2 in full) |
//! | form and answers files | a blank form, or its answers, between browsers | [`form_file::VERSION`] (1) | [`form_file::CHAIN`] (empty) | `tests/fixtures/form_file/` |
//! | worker protocol | the page and the data worker's messages | [`worker_protocol::PROTOCOL_VERSION`] (1) | none: never mixed, a stale worker is refused | `tests/fixtures/worker_protocol/` (the `Ready` message) |
//! | scorecard | a scheme or its history (also inside the files above) | `carescore_engine::scorecard::SCHEMA_VERSION` (1) | `carescore_engine::scorecard::migrate` (empty) | `crates/engine/tests/fixtures/scorecard/` |
//! | record snapshot | IndexedDB's `records`: binary, postcard | `FORMAT_VERSION` in `crates/engine/src/records/snapshot.rs` (1) | none: a newer one is refused, the file imported again | the engine's snapshot tests |
//! | IndexedDB schema | the database and its object store | `DB_VERSION` in the web app's `src/storage/workspace_db.rs` (1) | the browser's upgrade event | none (one store, unchanged) |
//!
//! The JSON formats share [`versioning`]: the version key checked first, a newer document
//! refused in one sentence ("saved by a newer version of CareScore (v3): reload the page or
//! update"), and the chain of upgrade steps on plain JSON walked from the version found.
//! Each format's current version is its number of steps plus one.
//!
//! Policy for every format: a change to the written shape, however small and however deep
//! (a nested type gaining a field), bumps its version, adds a step and commits a fixture of
//! the old version that the tests load through the chain.

pub mod form_file;
pub mod review_file;
pub mod saved_state;
pub mod versioning;
pub mod worker_protocol;
