//! Improvement actions (改进计划) as the app keeps them: the list saved with the workspace,
//! plus the pure selections the pages need (an agent's actions, the filters, the review
//! queue, the dashboard counts) and the draft a form edits. The engine decides verdicts
//! ([`carescore_engine::feedback::plans`]); this module only picks and prepares. Pure Rust,
//! tested natively.

use carescore_engine::feedback::plans::{
    follow_up, is_overdue, suggest_target, ActionStatus, DatedNote, FollowUp, ImprovementAction,
    PlanSubject,
};
use carescore_engine::measure::MeasureTable;
use carescore_engine::metric_def::Unit;
use carescore_engine::period::PeriodKind;
use carescore_engine::scorecard::Scorecard;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::display;
use crate::measured::PERIOD_KIND;

/// Every status, in the order a filter or a select lists them.
pub const STATUSES: [ActionStatus; 5] = [
    ActionStatus::Planned,
    ActionStatus::InProgress,
    ActionStatus::Done,
    ActionStatus::Verified,
    ActionStatus::Dropped,
];

/// The stable token of a status (its serde name): `<select>` values and locale keys
/// (`plans.status.in_progress`).
pub fn status_token(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Planned => "planned",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Done => "done",
        ActionStatus::Verified => "verified",
        ActionStatus::Dropped => "dropped",
    }
}

/// The status a [`status_token`] names.
pub fn status_from_token(token: &str) -> Option<ActionStatus> {
    STATUSES.into_iter().find(|s| status_token(*s) == token)
}

/// The saved list of improvement actions, in the order they were planned.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Plans(pub Vec<ImprovementAction>);

impl Plans {
    /// Checks what a saved list must hold: unique, non-empty ids and finite numbers.
    pub fn validate(&self) -> Result<(), String> {
        let mut seen = std::collections::BTreeSet::new();
        for action in &self.0 {
            if action.id.trim().is_empty() {
                return Err("an action has no id".into());
            }
            if !seen.insert(action.id.as_str()) {
                return Err(format!("action id `{}` is used twice", action.id));
            }
            if !action.baseline.is_finite() || !action.target.is_finite() {
                return Err(format!(
                    "action `{}`: baseline and target must be numbers",
                    action.id
                ));
            }
        }
        Ok(())
    }

    /// A fresh id: `act-<n>`, one past the highest number in use, so ids never repeat
    /// within a workspace even after deletions.
    pub fn next_id(&self) -> String {
        let highest = self
            .0
            .iter()
            .filter_map(|a| a.id.strip_prefix("act-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("act-{}", highest + 1)
    }

    /// Adds `action` under a fresh id; returns the id.
    pub fn add(&mut self, mut action: ImprovementAction) -> String {
        action.id = self.next_id();
        let id = action.id.clone();
        self.0.push(action);
        id
    }

    pub fn get(&self, id: &str) -> Option<&ImprovementAction> {
        self.0.iter().find(|a| a.id == id)
    }

    /// Applies `edit` to the action with `id`; false when there is none.
    pub fn update(&mut self, id: &str, edit: impl FnOnce(&mut ImprovementAction)) -> bool {
        match self.0.iter_mut().find(|a| a.id == id) {
            Some(action) => {
                edit(action);
                true
            }
            None => false,
        }
    }

    /// The actions about one subject, in planned order.
    pub fn about<'a>(
        &'a self,
        subject: &'a PlanSubject,
    ) -> impl Iterator<Item = &'a ImprovementAction> {
        self.0.iter().filter(move |a| &a.subject == subject)
    }

    /// The actions a filter keeps, in planned order.
    pub fn filtered(&self, filter: &PlanFilter, today: &str) -> Vec<&ImprovementAction> {
        self.0.iter().filter(|a| filter.keeps(a, today)).collect()
    }

    /// The 复盘 queue: the actions a review meeting must decide on (open past their due
    /// period, or done and not yet verified), overdue ones first, each group by due period.
    pub fn review_queue(&self, today: &str) -> Vec<String> {
        let mut queue: Vec<(u8, &ImprovementAction)> = self
            .0
            .iter()
            .filter_map(|a| match follow_up(a, today) {
                FollowUp::Overdue => Some((0, a)),
                FollowUp::AwaitingVerification => Some((1, a)),
                FollowUp::Open | FollowUp::Closed => None,
            })
            .collect();
        // Stable sort: equal keys keep the planned order.
        queue.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.due_period.cmp(&b.due_period)));
        queue.into_iter().map(|(_, a)| a.id.clone()).collect()
    }

    /// What the dashboard shows: actions overdue, and actions done but not verified.
    pub fn counts(&self, today: &str) -> PlanCounts {
        let mut counts = PlanCounts::default();
        for action in &self.0 {
            match follow_up(action, today) {
                FollowUp::Overdue => counts.overdue += 1,
                FollowUp::AwaitingVerification => counts.unverified += 1,
                FollowUp::Open => counts.open += 1,
                FollowUp::Closed => {}
            }
        }
        counts
    }
}

/// The dashboard's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanCounts {
    pub open: usize,
    pub overdue: usize,
    pub unverified: usize,
}

/// The plans page's filters: one status (or any), and "overdue only".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanFilter {
    pub status: Option<ActionStatus>,
    pub overdue_only: bool,
}

impl PlanFilter {
    pub fn keeps(&self, action: &ImprovementAction, today: &str) -> bool {
        self.status.is_none_or(|s| action.status == s)
            && (!self.overdue_only || is_overdue(action, today))
    }
}

/// The period "today" falls in for follow-ups: the calendar month of `clock`, or the
/// latest period with data if that is later (demo or imported data may lie ahead of the
/// computer's clock; a period with data has begun, so the ones before it are over).
pub fn today_period(clock: NaiveDate, latest_data: Option<&str>) -> String {
    let month = PERIOD_KIND.label_of(clock);
    match latest_data {
        Some(latest) if PERIOD_KIND.start_of_label(latest) > PERIOD_KIND.start_of_label(&month) => {
            latest.to_string()
        }
        _ => month,
    }
}

/// The period after `label`, of the same kind (`2026-12` -> `2027-01`).
pub fn next_period(label: &str) -> Option<String> {
    PeriodKind::of_label(label)?.next_label(label)
}

/// The due period a new action starts with: `proposed`, unless it is earlier than the
/// month after the latest period with data or the clock's month, whichever is later (a
/// new action is never overdue on the day it is planned, and is due once new data can
/// verify it).
pub fn new_action_due(proposed: &str, clock: NaiveDate, latest_data: Option<&str>) -> String {
    let this_month = PERIOD_KIND.label_of(clock);
    let earliest = match latest_data.and_then(next_period) {
        Some(after)
            if PERIOD_KIND.start_of_label(&after) > PERIOD_KIND.start_of_label(&this_month) =>
        {
            after
        }
        _ => this_month,
    };
    match PERIOD_KIND.start_of_label(proposed.trim()) {
        Some(start)
            if PERIOD_KIND
                .start_of_label(&earliest)
                .is_none_or(|e| start >= e) =>
        {
            proposed.trim().to_string()
        }
        _ => earliest,
    }
}

/// A stored value as a form shows it: as the card writes it (`76.3%`, `10:22`).
pub fn to_input(value: f64, unit: Option<Unit>) -> String {
    if !value.is_finite() {
        return String::new();
    }
    display::metric_value(value, unit.unwrap_or(Unit::Number))
}

/// A typed value back in stored units ([`display::parse_metric_value`]); None unless it
/// is a finite number.
pub fn from_input(text: &str, unit: Option<Unit>) -> Option<f64> {
    display::parse_metric_value(text, unit.unwrap_or(Unit::Number))
}

/// What a form field got wrong; the page shows `plans.error.<token>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftError {
    NoSubject,
    UnknownMetric,
    BadBaseline,
    BadTarget,
    BadDue,
}

impl DraftError {
    pub fn key(self) -> &'static str {
        match self {
            DraftError::NoSubject => "plans.error.no_subject",
            DraftError::UnknownMetric => "plans.error.unknown_metric",
            DraftError::BadBaseline => "plans.error.baseline",
            DraftError::BadTarget => "plans.error.target",
            DraftError::BadDue => "plans.error.due",
        }
    }
}

/// A new action as its form holds it: texts, checked by [`ActionDraft::to_action`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActionDraft {
    pub title: String,
    pub subject: Option<PlanSubject>,
    pub metric_id: String,
    pub unit: Option<Unit>,
    /// Typed as the card shows them ([`to_input`]).
    pub baseline: String,
    pub target: String,
    pub due_period: String,
    pub owner: String,
    pub note: String,
}

impl ActionDraft {
    /// A draft pre-filled for `subject`'s `metric_id`: the baseline is its value in
    /// `period` (from `table`, grouped like the subject), the target the engine's
    /// suggestion towards the card's target, due the next period.
    pub fn prefilled(
        card: &Scorecard,
        table: &MeasureTable,
        subject: PlanSubject,
        metric_id: &str,
        period: &str,
    ) -> ActionDraft {
        let def = card.metric_def(metric_id);
        let unit = def.as_ref().map(|d| d.unit);
        let baseline = table
            .column(metric_id)
            .and_then(|col| table.row(subject.group(), period)?.values[col].value);
        let target = match (baseline, card.find_metric(metric_id)) {
            (Some(base), Some((_, metric))) => card
                .direction_of(metric)
                .ok()
                .map(|direction| suggest_target(base, metric.target, direction)),
            _ => None,
        };
        ActionDraft {
            title: String::new(),
            subject: Some(subject),
            metric_id: metric_id.to_string(),
            unit,
            baseline: baseline.map(|v| to_input(v, unit)).unwrap_or_default(),
            target: target.map(|v| to_input(v, unit)).unwrap_or_default(),
            due_period: next_period(period).unwrap_or_default(),
            owner: String::new(),
            note: String::new(),
        }
    }

    /// The action this draft describes (id left empty: [`Plans::add`] gives one). An
    /// empty title falls back to `default_title`; a non-empty note becomes the first
    /// dated note, written `on` by the owner.
    pub fn to_action(
        &self,
        card: &Scorecard,
        default_title: &str,
        on: NaiveDate,
    ) -> Result<ImprovementAction, DraftError> {
        let subject = self
            .subject
            .clone()
            .filter(|s| !s.group().trim().is_empty())
            .ok_or(DraftError::NoSubject)?;
        let def = card
            .metric_def(&self.metric_id)
            .ok_or(DraftError::UnknownMetric)?;
        let baseline = from_input(&self.baseline, Some(def.unit)).ok_or(DraftError::BadBaseline)?;
        let target = from_input(&self.target, Some(def.unit)).ok_or(DraftError::BadTarget)?;
        let due = self.due_period.trim();
        if PERIOD_KIND.start_of_label(due).is_none() {
            return Err(DraftError::BadDue);
        }
        let title = match self.title.trim() {
            "" => default_title.trim(),
            typed => typed,
        };
        let mut action = ImprovementAction::planned(
            "",
            title,
            subject,
            &def,
            baseline,
            target,
            self.owner.trim(),
            due,
        );
        // The card may score the metric in its own direction.
        if let Some((_, metric)) = card.find_metric(&self.metric_id) {
            if let Ok(direction) = card.direction_of(metric) {
                action.direction = direction;
            }
        }
        if !self.note.trim().is_empty() {
            action.notes.push(DatedNote {
                on,
                by: self.owner.trim().to_string(),
                text: self.note.trim().to_string(),
            });
        }
        Ok(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::measure::{Measure, MeasureRow};
    use carescore_engine::scorecard::defaults::default_history;

    fn card() -> Scorecard {
        default_history().versions[0].scorecard.clone()
    }

    fn agent(name: &str) -> PlanSubject {
        PlanSubject::Agent { agent: name.into() }
    }

    fn table(metric: &str, rows: &[(&str, &str, f64)]) -> MeasureTable {
        MeasureTable {
            metric_ids: vec![metric.into()],
            rows: rows
                .iter()
                .map(|&(group, period, value)| MeasureRow {
                    group: group.into(),
                    team: None,
                    period: period.into(),
                    records: 10,
                    values: vec![Measure {
                        value: Some(value),
                        sample: 10,
                        numerator: None,
                        excluded: vec![],
                    }],
                })
                .collect(),
        }
    }

    fn action(due: &str, status: ActionStatus) -> ImprovementAction {
        let def = card().metric_def("fcr_rate").unwrap();
        let mut a =
            ImprovementAction::planned("", "Coach", agent("Ann"), &def, 0.7, 0.75, "Lee", due);
        a.status = status;
        a
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ids_are_fresh_and_the_list_round_trips_as_a_json_array() {
        let mut plans = Plans::default();
        assert_eq!(plans.add(action("2026-08", ActionStatus::Planned)), "act-1");
        assert_eq!(plans.add(action("2026-09", ActionStatus::Done)), "act-2");
        plans.0.remove(0);
        assert_eq!(plans.next_id(), "act-3", "a removed id is not reused");
        let json = serde_json::to_value(&plans).unwrap();
        assert!(json.is_array());
        assert_eq!(json[0]["id"], "act-2");
        assert_eq!(serde_json::from_value::<Plans>(json).unwrap(), plans);
        assert!(plans.update("act-2", |a| a.owner = "Mei".into()));
        assert_eq!(plans.get("act-2").unwrap().owner, "Mei");
        assert!(!plans.update("act-9", |_| {}));
    }

    #[test]
    fn validation_refuses_duplicate_ids_and_non_numbers() {
        let mut plans = Plans::default();
        plans.add(action("2026-08", ActionStatus::Planned));
        assert_eq!(plans.validate(), Ok(()));
        let mut twice = plans.clone();
        twice.0.push(twice.0[0].clone());
        assert!(twice.validate().unwrap_err().contains("used twice"));
        plans.0[0].target = f64::NAN;
        assert!(plans.validate().unwrap_err().contains("numbers"));
    }

    #[test]
    fn review_queue_holds_overdue_then_unverified_actions() {
        let mut plans = Plans::default();
        let open = plans.add(action("2026-12", ActionStatus::Planned));
        let late = plans.add(action("2026-09", ActionStatus::InProgress));
        let later = plans.add(action("2026-08", ActionStatus::Planned));
        let done = plans.add(action("2026-07", ActionStatus::Done));
        let closed = plans.add(action("2026-07", ActionStatus::Verified));
        plans.add(action("2026-07", ActionStatus::Dropped));
        let queue = plans.review_queue("2026-10");
        assert_eq!(queue, vec![later.clone(), late.clone(), done.clone()]);
        assert!(!queue.contains(&open) && !queue.contains(&closed));
        assert_eq!(
            plans.counts("2026-10"),
            PlanCounts {
                open: 1,
                overdue: 2,
                unverified: 1
            }
        );
        // In its own due month an action is not overdue yet.
        assert!(!plans.review_queue("2026-09").contains(&late));
    }

    #[test]
    fn filters_by_status_and_overdue() {
        let mut plans = Plans::default();
        plans.add(action("2026-08", ActionStatus::Planned));
        plans.add(action("2026-12", ActionStatus::Planned));
        plans.add(action("2026-08", ActionStatus::Done));
        let planned = PlanFilter {
            status: Some(ActionStatus::Planned),
            overdue_only: false,
        };
        assert_eq!(plans.filtered(&planned, "2026-10").len(), 2);
        let overdue = PlanFilter {
            status: None,
            overdue_only: true,
        };
        let late = plans.filtered(&overdue, "2026-10");
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].due_period, "2026-08");
        assert_eq!(plans.filtered(&PlanFilter::default(), "2026-10").len(), 3);
        assert_eq!(plans.about(&agent("Ann")).count(), 3);
        assert_eq!(plans.about(&agent("Bo")).count(), 0);
    }

    #[test]
    fn today_is_the_clock_month_or_the_latest_data_if_later() {
        assert_eq!(today_period(day(2026, 11, 23), Some("2026-09")), "2026-11");
        assert_eq!(today_period(day(2026, 5, 2), Some("2026-09")), "2026-09");
        assert_eq!(today_period(day(2026, 5, 2), None), "2026-05");
        assert_eq!(next_period("2026-07").as_deref(), Some("2026-08"));
        assert_eq!(next_period("2026-12").as_deref(), Some("2027-01"));
        assert_eq!(next_period("2026-Q4").as_deref(), Some("2027-Q1"));
        assert_eq!(next_period("nonsense"), None);
    }

    #[test]
    fn numbers_are_typed_as_the_card_shows_them() {
        assert_eq!(to_input(0.85, Some(Unit::Ratio)), "85.0%");
        assert_eq!(to_input(0.8125, Some(Unit::Ratio)), "81.2%");
        assert_eq!(to_input(621.686, Some(Unit::Seconds)), "10:22");
        assert_eq!(to_input(f64::NAN, Some(Unit::Seconds)), "");
        assert_eq!(from_input("10:22", Some(Unit::Seconds)), Some(622.0));
        assert_eq!(from_input("45", Some(Unit::Seconds)), Some(45.0));
        assert_eq!(from_input("85", Some(Unit::Ratio)), Some(0.85));
        assert_eq!(from_input(" 85 % ", Some(Unit::Ratio)), Some(0.85));
        assert_eq!(from_input("4,5", Some(Unit::Rating)), Some(4.5));
        assert_eq!(from_input("abc", None), None);
    }

    #[test]
    fn a_new_action_is_due_after_the_data_and_never_in_a_past_month() {
        let data = Some("2026-09");
        // The clock is past the data: this month.
        assert_eq!(new_action_due("2026-08", day(2026, 12, 6), data), "2026-12");
        assert_eq!(new_action_due("", day(2026, 12, 6), data), "2026-12");
        // The data runs ahead of the clock: the month after it.
        assert_eq!(new_action_due("2026-08", day(2026, 5, 2), data), "2026-10");
        assert_eq!(new_action_due("2026-10", day(2026, 10, 1), data), "2026-10");
        // A later month the caller chose stays; no data: this month.
        assert_eq!(
            new_action_due(" 2027-03 ", day(2026, 12, 6), data),
            "2027-03"
        );
        assert_eq!(new_action_due("soon", day(2026, 12, 6), None), "2026-12");
    }

    #[test]
    fn a_draft_is_prefilled_from_the_table_and_the_card() {
        let card = card();
        let (_, fcr) = card
            .find_metric("fcr_rate")
            .expect("fcr on the default card");
        let measured = table(
            "fcr_rate",
            &[("Ann", "2026-07", 0.5), ("Ann", "2026-08", 0.9)],
        );
        let draft = ActionDraft::prefilled(&card, &measured, agent("Ann"), "fcr_rate", "2026-07");
        assert_eq!(draft.baseline, "50.0%");
        let expected = suggest_target(0.5, fcr.target, card.direction_of(fcr).unwrap());
        assert_eq!(draft.target, to_input(expected, Some(Unit::Ratio)));
        assert_eq!(draft.due_period, "2026-08");
        // No value in the period: nothing to pre-fill, the user types it.
        let empty = ActionDraft::prefilled(&card, &measured, agent("Bo"), "fcr_rate", "2026-07");
        assert_eq!((empty.baseline.as_str(), empty.target.as_str()), ("", ""));
    }

    #[test]
    fn a_draft_becomes_an_action_or_says_which_field_is_wrong() {
        let card = card();
        let measured = table("fcr_rate", &[("Ann", "2026-07", 0.5)]);
        let mut draft =
            ActionDraft::prefilled(&card, &measured, agent("Ann"), "fcr_rate", "2026-07");
        draft.owner = " Lee ".into();
        draft.note = "每周辅导一次".into();
        let made = draft
            .to_action(&card, "Improve FCR", day(2026, 8, 3))
            .unwrap();
        assert_eq!(made.title, "Improve FCR");
        assert_eq!(made.baseline, 0.5);
        assert_eq!(made.owner, "Lee");
        assert_eq!(made.due_period, "2026-08");
        assert_eq!(made.status, ActionStatus::Planned);
        assert_eq!(made.notes[0].on, day(2026, 8, 3));
        assert_eq!(made.notes[0].text, "每周辅导一次");

        let broken = |edit: fn(&mut ActionDraft)| {
            let mut d = draft.clone();
            edit(&mut d);
            d.to_action(&card, "t", day(2026, 8, 3)).unwrap_err()
        };
        assert_eq!(broken(|d| d.baseline = "x".into()), DraftError::BadBaseline);
        assert_eq!(broken(|d| d.target = String::new()), DraftError::BadTarget);
        assert_eq!(broken(|d| d.due_period = "soon".into()), DraftError::BadDue);
        assert_eq!(
            broken(|d| d.metric_id = "nope".into()),
            DraftError::UnknownMetric
        );
        assert_eq!(broken(|d| d.subject = None), DraftError::NoSubject);
    }

    #[test]
    fn status_tokens_round_trip_and_match_serde() {
        for status in STATUSES {
            assert_eq!(status_from_token(status_token(status)), Some(status));
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::Value::from(status_token(status))
            );
        }
    }
}
