//! Improvement actions (改进计划) as the pages show them: the form that plans one
//! ([`ActionForm`]), one action with its follow-up and edits ([`ActionItem`]), how an
//! action reads ([`follow`]), and the lookups they share (the period follow-ups are judged
//! in, the table and card an action is measured against, a metric's name and unit). The
//! plans page, the weekly review, the agent card and the dashboard use them.

pub mod follow;
mod form;
mod item;
mod item_editor;
mod pickers;

use carescore_engine::feedback::plans::PlanSubject;
use carescore_engine::measure::MeasureTable;
use carescore_engine::metric_def::Unit;
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scorecard::{Scorecard, ScorecardHistory};
use carescore_workspace::plans::{new_action_due, today_period};
use chrono::NaiveDate;

pub use form::ActionForm;
pub use item::ActionItem;

use crate::components::labels::{metric_label, metric_name};
use crate::i18n::I18n;
use crate::state::{AppState, Measured};

/// Today's date by the browser's clock (notes are dated with it).
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// The period follow-ups are judged in: this month, or the latest with data if later
/// (reactive).
pub fn current_period(state: AppState) -> String {
    let latest = state
        .workspace()
        .and_then(|ws| ws.latest_period().map(str::to_string));
    today_period(today(), latest.as_deref())
}

/// The due period a new action starts with: `proposed`, unless it is already past or
/// before the month after the latest data ([`new_action_due`]).
pub fn due_for_new(state: AppState, proposed: &str) -> String {
    let latest = state
        .workspace_untracked()
        .and_then(|ws| ws.latest_period().map(str::to_string));
    new_action_due(proposed, today(), latest.as_deref())
}

/// The measured table an action's subject is verified against.
pub fn table_for<'a>(ws: &'a Measured, subject: &PlanSubject) -> &'a MeasureTable {
    match subject {
        PlanSubject::Agent { .. } => &ws.agents,
        PlanSubject::Team { .. } => &ws.teams,
    }
}

/// The scorecard in force for `period` (the latest version when none covers it).
pub fn card_in_force(history: &ScorecardHistory, period: &str) -> Scorecard {
    history
        .for_period(period)
        .or(history.versions.last())
        .map(|v| v.scorecard.clone())
        // A history is never empty once validated; the default card keeps this total.
        .unwrap_or_else(|| default_history().versions[0].scorecard.clone())
}

/// A metric's unit, from the newest card that knows it.
pub fn metric_unit(history: &ScorecardHistory, metric_id: &str) -> Option<Unit> {
    history
        .versions
        .iter()
        .rev()
        .find_map(|v| v.scorecard.metric_def(metric_id))
        .map(|def| def.unit)
}

/// A metric's display name, with the newest card's label for custom metrics.
pub fn metric_title(i18n: I18n, history: &ScorecardHistory, metric_id: &str) -> String {
    let label = history.versions.iter().rev().find_map(|v| {
        v.scorecard
            .find_metric(metric_id)
            .and_then(|(_, m)| metric_label(&v.scorecard, m))
    });
    metric_name(i18n, metric_id, label.as_ref())
}
