//! Improvement plans (改进计划): actions that address a weak metric of an agent or team,
//! with a baseline, a target and a due period, followed up until the metric is measured
//! again ([`verify`]) so no measure is announced and forgotten.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::measure::MeasureTable;
use crate::metric_def::{Direction, MetricDef};

use super::periods::is_after;

/// Who an action is about. JSON: `{"kind": "agent", "agent": "张三"}` or
/// `{"kind": "team", "team": "华东一组"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanSubject {
    Agent { agent: String },
    Team { team: String },
}

impl PlanSubject {
    /// The group name in a measure table grouped by agent or by team respectively.
    pub fn group(&self) -> &str {
        match self {
            PlanSubject::Agent { agent } => agent,
            PlanSubject::Team { team } => team,
        }
    }
}

/// Where an action stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Planned,
    InProgress,
    /// Carried out; the result is not yet confirmed by a measurement.
    Done,
    /// The follow-up measurement confirmed it.
    Verified,
    Dropped,
}

/// A dated remark (复盘 notes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedNote {
    pub on: NaiveDate,
    pub by: String,
    pub text: String,
}

/// One improvement action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImprovementAction {
    /// Stable id.
    pub id: String,
    /// What will be done ("coach on the refund policy").
    pub title: String,
    pub subject: PlanSubject,
    /// The metric the action should move.
    pub metric_id: String,
    /// The metric's value when the action was planned.
    pub baseline: f64,
    /// The value that counts as achieved.
    pub target: f64,
    /// Which way is better, from the metric definition.
    pub direction: Direction,
    /// Who is responsible.
    pub owner: String,
    /// Period label ([`crate::period`]) in which the result is measured.
    pub due_period: String,
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<DatedNote>,
}

impl ImprovementAction {
    /// A planned action on `metric`, its direction taken from the definition.
    #[allow(clippy::too_many_arguments)]
    pub fn planned(
        id: &str,
        title: &str,
        subject: PlanSubject,
        metric: &MetricDef,
        baseline: f64,
        target: f64,
        owner: &str,
        due_period: &str,
    ) -> ImprovementAction {
        ImprovementAction {
            id: id.to_string(),
            title: title.to_string(),
            subject,
            metric_id: metric.id.clone(),
            baseline,
            target,
            direction: metric.direction,
            owner: owner.to_string(),
            due_period: due_period.to_string(),
            status: ActionStatus::Planned,
            notes: Vec::new(),
        }
    }

    /// Whether `value` meets the target in the action's direction.
    pub fn meets_target(&self, value: f64) -> bool {
        match self.direction {
            Direction::HigherIsBetter => value >= self.target,
            Direction::LowerIsBetter => value <= self.target,
        }
    }
}

/// The follow-up measurement of an action. JSON: `{"outcome": "achieved", ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Verification {
    Achieved {
        baseline: f64,
        target: f64,
        result: f64,
        /// Observations behind `result` (small samples deserve caution).
        sample: u32,
    },
    NotAchieved {
        baseline: f64,
        target: f64,
        result: f64,
        sample: u32,
    },
    /// The due period has no value for the subject yet (not over, or no data).
    NoDataYet,
    /// Nothing to verify: the action was dropped, or the table never measures the metric.
    NotApplicable { reason: String },
}

/// Re-measures the action's metric for its subject in its due period. `table` must be
/// grouped like the subject (by agent for an agent, by team for a team) and bucketed by
/// the due period's kind.
pub fn verify(action: &ImprovementAction, table: &MeasureTable) -> Verification {
    if action.status == ActionStatus::Dropped {
        return Verification::NotApplicable {
            reason: format!("action `{}` was dropped", action.id),
        };
    }
    let Some(column) = table.column(&action.metric_id) else {
        return Verification::NotApplicable {
            reason: format!(
                "metric `{}` is not measured in this table",
                action.metric_id
            ),
        };
    };
    let measure = table
        .row(action.subject.group(), &action.due_period)
        .map(|row| &row.values[column]);
    let Some((result, sample)) = measure.and_then(|m| Some((m.value?, m.sample))) else {
        return Verification::NoDataYet;
    };
    let (baseline, target) = (action.baseline, action.target);
    if action.meets_target(result) {
        Verification::Achieved {
            baseline,
            target,
            result,
            sample,
        }
    } else {
        Verification::NotAchieved {
            baseline,
            target,
            result,
            sample,
        }
    }
}

/// Share of the gap between baseline and the scorecard's target that a suggested
/// target closes: one period's realistic step (80% -> 90% suggests 85%).
pub const TARGET_GAP_SHARE: f64 = 0.5;

/// A target to propose for an action: [`TARGET_GAP_SHARE`] of the way from `baseline`
/// to the metric's scorecard target; when the baseline already meets that target, the
/// baseline itself (hold the level).
pub fn suggest_target(baseline: f64, metric_target: f64, direction: Direction) -> f64 {
    let already = match direction {
        Direction::HigherIsBetter => baseline >= metric_target,
        Direction::LowerIsBetter => baseline <= metric_target,
    };
    if already {
        baseline
    } else {
        baseline + TARGET_GAP_SHARE * (metric_target - baseline)
    }
}

/// Whether an action is still open (planned or in progress) after its due period ended.
/// `today_period` is the label of the current period, of any kind (`2026-04`).
pub fn is_overdue(action: &ImprovementAction, today_period: &str) -> bool {
    matches!(
        action.status,
        ActionStatus::Planned | ActionStatus::InProgress
    ) && is_after(today_period, &action.due_period)
}

/// What a review meeting should do with an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    /// Planned or in progress, not yet due.
    Open,
    /// Planned or in progress past its due period.
    Overdue,
    /// Done but not yet verified: run [`verify`].
    AwaitingVerification,
    /// Verified or dropped.
    Closed,
}

/// The follow-up an action needs in `today_period`.
pub fn follow_up(action: &ImprovementAction, today_period: &str) -> FollowUp {
    match action.status {
        ActionStatus::Verified | ActionStatus::Dropped => FollowUp::Closed,
        ActionStatus::Done => FollowUp::AwaitingVerification,
        ActionStatus::Planned | ActionStatus::InProgress => {
            if is_overdue(action, today_period) {
                FollowUp::Overdue
            } else {
                FollowUp::Open
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::{Measure, MeasureRow};

    fn action(metric: &MetricDef, baseline: f64, target: f64) -> ImprovementAction {
        ImprovementAction::planned(
            "act-1",
            "Coach on first response",
            PlanSubject::Agent {
                agent: "Ann".into(),
            },
            metric,
            baseline,
            target,
            "Lee",
            "2026-04",
        )
    }

    fn def(id: &str) -> MetricDef {
        crate::metrics::standard::definitions()
            .into_iter()
            .find(|d| d.id == id)
            .unwrap()
    }

    fn table(metric: &str, rows: &[(&str, &str, Option<f64>)]) -> MeasureTable {
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
                        value,
                        sample: 10,
                        numerator: None,
                        excluded: vec![],
                    }],
                })
                .collect(),
        }
    }

    #[test]
    fn verification_respects_direction() {
        let frt = def("first_response_secs_median");
        let plan = action(&frt, 60.0, 45.0);
        assert_eq!(plan.direction, Direction::LowerIsBetter);
        let measured = table(
            "first_response_secs_median",
            &[
                ("Ann", "2026-03", Some(58.0)),
                ("Ann", "2026-04", Some(44.0)),
            ],
        );
        assert_eq!(
            verify(&plan, &measured),
            Verification::Achieved {
                baseline: 60.0,
                target: 45.0,
                result: 44.0,
                sample: 10
            }
        );
        let worse = table(
            "first_response_secs_median",
            &[("Ann", "2026-04", Some(46.0))],
        );
        assert!(matches!(
            verify(&plan, &worse),
            Verification::NotAchieved { result, .. } if result == 46.0
        ));
        let fcr = def("fcr_rate");
        let up = action(&fcr, 0.8, 0.85);
        let measured = table("fcr_rate", &[("Ann", "2026-04", Some(0.85))]);
        assert!(matches!(
            verify(&up, &measured),
            Verification::Achieved { .. }
        ));
    }

    #[test]
    fn missing_data_and_dropped_actions() {
        let frt = def("first_response_secs_median");
        let mut plan = action(&frt, 60.0, 45.0);
        let only_march = table(
            "first_response_secs_median",
            &[("Ann", "2026-03", Some(40.0))],
        );
        assert_eq!(verify(&plan, &only_march), Verification::NoDataYet);
        let na = table("first_response_secs_median", &[("Ann", "2026-04", None)]);
        assert_eq!(verify(&plan, &na), Verification::NoDataYet);
        let other = table("fcr_rate", &[("Ann", "2026-04", Some(0.9))]);
        assert!(matches!(
            verify(&plan, &other),
            Verification::NotApplicable { .. }
        ));
        plan.status = ActionStatus::Dropped;
        assert_eq!(
            verify(&plan, &only_march),
            Verification::NotApplicable {
                reason: "action `act-1` was dropped".into()
            }
        );
    }

    #[test]
    fn suggested_targets_close_half_the_gap() {
        assert!((suggest_target(0.80, 0.90, Direction::HigherIsBetter) - 0.85).abs() < 1e-12);
        assert!((suggest_target(4.0, 4.5, Direction::HigherIsBetter) - 4.25).abs() < 1e-12);
        assert_eq!(suggest_target(60.0, 30.0, Direction::LowerIsBetter), 45.0);
        // Already better than the card's target: hold the level.
        assert_eq!(suggest_target(25.0, 30.0, Direction::LowerIsBetter), 25.0);
        assert_eq!(suggest_target(0.95, 0.9, Direction::HigherIsBetter), 0.95);
    }

    #[test]
    fn overdue_and_follow_up() {
        let mut plan = action(&def("fcr_rate"), 0.8, 0.85);
        assert!(!is_overdue(&plan, "2026-04"));
        assert!(is_overdue(&plan, "2026-05"));
        assert!(is_overdue(&plan, "2026-Q3"));
        assert!(
            !is_overdue(&plan, "2026-Q2"),
            "Q2 has not ended before itself"
        );
        assert_eq!(follow_up(&plan, "2026-05"), FollowUp::Overdue);
        plan.status = ActionStatus::InProgress;
        assert_eq!(follow_up(&plan, "2026-03"), FollowUp::Open);
        plan.status = ActionStatus::Done;
        assert!(!is_overdue(&plan, "2026-05"));
        assert_eq!(follow_up(&plan, "2026-05"), FollowUp::AwaitingVerification);
        plan.status = ActionStatus::Verified;
        assert_eq!(follow_up(&plan, "2026-05"), FollowUp::Closed);
    }

    #[test]
    fn actions_round_trip_through_json() {
        let mut plan = action(&def("fcr_rate"), 0.8, 0.85);
        plan.notes.push(DatedNote {
            on: NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(),
            by: "Lee".into(),
            text: "复盘：已完成两次辅导".into(),
        });
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(
            json["subject"],
            serde_json::json!({"kind": "agent", "agent": "Ann"})
        );
        assert_eq!(json["status"], "planned");
        assert_eq!(json["direction"], "higher_is_better");
        assert_eq!(
            serde_json::from_value::<ImprovementAction>(json).unwrap(),
            plan
        );
    }
}
