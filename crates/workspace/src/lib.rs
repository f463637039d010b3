//! CareScore's workspace: the whole of a user's work, its operations and its formats. Pure
//! Rust with no web crate in its tree, so the app, the CLI and native tests share it.
//!
//! - [`measured`]: the records and the metric tables measured from them once;
//!   [`scores`] scores them under a scorecard history with the feedback's columns.
//! - [`feedback`], [`appeals`], [`plans`], [`scheme_review`]: the forms and their answers,
//!   appeals (申诉), improvement actions (改进计划) and the scheme's review cycle (方案审查).
//! - [`draft`], [`movers`], [`preview`]: the scorecard editor's draft and who it moves;
//!   [`version_diff`]: two versions side by side.
//! - [`compare`]: one period against another.
//! - [`display`]: numbers as people read them (percentages, durations, counts, scores),
//!   a card metric's label and unit.
//! - [`formats`]: every file the work is saved or shared in, versioned, with migrations.

pub mod appeals;
pub mod compare;
pub mod display;
pub mod draft;
pub mod feedback;
pub mod formats;
pub mod measured;
pub mod movers;
pub mod plans;
pub mod preview;
pub mod scheme_review;
pub mod scores;
pub mod version_diff;
mod workspace;

pub use workspace::Workspace;
