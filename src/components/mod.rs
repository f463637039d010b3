//! The pieces pages share; a page never imports another page, it imports from here.
//!
//! - [`labels`]: display names of metrics, dimensions and grades; a card metric's label
//!   and unit
//! - [`rails`]: guard rails and grade bands as sentences
//! - [`grade_badge`], [`stat_tile`], [`period_select`], [`detail_header`],
//!   [`no_workspace`]: the small widgets of a page's frame
//! - [`number_input`]: a number input bound to a memo, kept in step while not typed in
//! - [`versions_list`], [`scheme_due`]: the scorecard's versions and when the scheme is
//!   next due for review
//! - [`actions`]: improvement actions (the form, an item, its follow-up), on the plans
//!   page, the weekly review, the agent card and the dashboard
//! - [`import`], [`export_panel`]: the data page's import panel and CSV exports
//! - [`review_file`]: exporting a review file and importing one with a merge preview

pub mod actions;
pub mod detail_header;
pub mod export_panel;
pub mod grade_badge;
pub mod import;
pub mod labels;
pub mod no_workspace;
pub mod number_input;
pub mod period_select;
pub mod rails;
pub mod review_file;
pub mod scheme_due;
pub mod stat_tile;
pub mod versions_list;

pub use detail_header::DetailHeader;
pub use grade_badge::GradeBadge;
pub use labels::{
    dimension_name, dimension_short_name, effective_from_text, grade_name, label_text,
    metric_label, metric_name, unit_of,
};
pub use no_workspace::NoWorkspace;
pub use period_select::PeriodSelect;
pub use stat_tile::StatTile;
