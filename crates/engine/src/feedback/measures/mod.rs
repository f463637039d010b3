//! Feedback as measures: survey responses, QA reviews and 360 reviews aggregated per
//! group and period into [`MeasureTable`]s, the same form contact metrics take, so the
//! scorer treats `qa_score_mean` like `fcr_rate`.
//!
//! # How the UI merges them
//! 1. Compute the contact table with [`crate::metrics::compute`] for a [`GroupBy`] and
//!    [`PeriodKind`].
//! 2. Compute the feedback tables with the **same** `by` and `period` ([`Grouping`]), the
//!    forms, the roster (agent -> team) and the appeals' [`Exclusions`]:
//!    [`survey_table`], [`qa_table`], [`review360_table`] (or all three at once with
//!    [`feedback_table`]).
//! 3. Fold them in with [`crate::metrics::merge_tables`]: rows meet on (group, period),
//!    metric ids never collide with contact ids (every id here is new, except
//!    [`PEER_REVIEW_SCORE`], which the default card already expects from 360 reviews).
//!    Feedback rows carry `records = 0`, so a merged row keeps its contact count.
//! 4. For a scorecard to score these ids it needs their definitions (direction, unit):
//!    add [`definitions`] and [`review360_definitions`] to the card's `custom_metrics`
//!    (or look ids up with [`definition`]).
//!
//! Group names follow the contact tables: the agent name, the roster's team (agents
//! missing from the roster form [`NO_TEAM_GROUP`]), or `all`. An agent row's `team` is
//! the roster's team.
//!
//! # What counts
//! Items appealed successfully ([`Exclusions`]) are left out and counted under
//! [`ExclusionReason::Excluded`]; items without a usable answer for a metric (no answer,
//! out of range, an unknown form) are counted under [`ExclusionReason::ValueMissing`].
//! A metric with no observations is N/A, never 0.
//!
//! [`ExclusionReason::Excluded`]: crate::measure::ExclusionReason::Excluded
//! [`ExclusionReason::ValueMissing`]: crate::measure::ExclusionReason::ValueMissing

mod qa;
mod review360;
mod survey;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::measure::{Exclusion, ExclusionReason, Measure, MeasureRow, MeasureTable};
use crate::metric_def::{Aggregate, Direction, MetricDef, Population, Source, Unit};
use crate::metrics::{merge_tables, GroupBy, NO_TEAM_GROUP};
use crate::period::PeriodKind;

use super::appeals::Exclusions;
use super::form::{FormTemplate, RaterRole};
use super::response::{QaReview, Review360, SurveyResponse};

pub use crate::scorecard::defaults::PEER_REVIEW_SCORE;
pub use qa::{qa_review_score, qa_table, QaScore};
pub(crate) use review360::{mean_over_raters, review_scores};
pub use review360::{review360_table, unplaced_reviews};
pub use survey::survey_table;

/// CSAT 1-5 mean over survey responses.
pub const SURVEY_CSAT_MEAN: &str = "survey_csat_mean";
/// Share (0-1) of survey CSAT answers that are 4 or 5.
pub const SURVEY_CSAT_TOP2_RATE: &str = "survey_csat_top2_rate";
/// Net promoter score, -100 to 100: % promoters (9-10) minus % detractors (0-6).
pub const SURVEY_NPS: &str = "survey_nps";
/// Customer effort score 1-7 mean (agreement that it was easy: higher is better).
pub const SURVEY_CES_MEAN: &str = "survey_ces_mean";
/// Mean QA review score, 0-100 (a review with a critical failure scores 0).
pub const QA_SCORE_MEAN: &str = "qa_score_mean";
/// QA reviews with a critical failure (a count, for a guard rail).
pub const QA_CRITICAL_FAIL_COUNT: &str = "qa_critical_fail_count";
/// Share (0-1) of QA reviews with a critical failure.
pub const QA_CRITICAL_FAIL_RATE: &str = "qa_critical_fail_rate";

/// The survey metric ids, in table column order.
pub const SURVEY_IDS: [&str; 4] = [
    SURVEY_CSAT_MEAN,
    SURVEY_CSAT_TOP2_RATE,
    SURVEY_NPS,
    SURVEY_CES_MEAN,
];
/// The QA metric ids, in table column order.
pub const QA_IDS: [&str; 3] = [QA_SCORE_MEAN, QA_CRITICAL_FAIL_COUNT, QA_CRITICAL_FAIL_RATE];

/// The 360 metric id of a role and dimension: `peer_teamwork_mean`, `self_teamwork_mean`,
/// `manager_service_quality_mean`. Values are 0-100 (see [`review360_table`]).
pub fn review360_metric_id(role: RaterRole, dimension: &str) -> String {
    format!("{}_{dimension}_mean", role.as_str())
}

/// How feedback rows are grouped and bucketed in time: the same `by` and `period` as
/// the contact table they merge into, and the roster that gives each agent a team.
#[derive(Clone, Copy, Debug)]
pub struct Grouping<'a> {
    pub by: GroupBy,
    pub period: PeriodKind,
    /// Agent name -> team name.
    pub roster: &'a BTreeMap<String, String>,
}

impl Grouping<'_> {
    /// The group an agent's feedback belongs to.
    pub fn group_of(&self, agent: &str) -> String {
        match self.by {
            GroupBy::Agent => agent.to_string(),
            GroupBy::Team => self
                .roster
                .get(agent)
                .cloned()
                .unwrap_or_else(|| NO_TEAM_GROUP.to_string()),
            GroupBy::All => "all".to_string(),
        }
    }

    /// The `team` of a row: the roster's team of an agent group, else none.
    fn team_of_group(&self, group: &str) -> Option<String> {
        (self.by == GroupBy::Agent)
            .then(|| self.roster.get(group).cloned())
            .flatten()
    }
}

/// The definitions of the survey and QA metrics (source, unit, direction), for a card's
/// `custom_metrics`. Aggregates describe the formula: NPS is the mean of +100 per
/// promoter, 0 per passive and -100 per detractor.
pub fn definitions() -> Vec<MetricDef> {
    use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};
    vec![
        def(
            SURVEY_CSAT_MEAN,
            "Survey CSAT, mean",
            Source::Surveys,
            Aggregate::Mean,
            Unit::Rating,
            Higher,
        ),
        def(
            SURVEY_CSAT_TOP2_RATE,
            "Survey CSAT 4-5 share",
            Source::Surveys,
            Aggregate::ShareWithin {
                min: Some(4.0),
                max: Some(5.0),
            },
            Unit::Ratio,
            Higher,
        ),
        def(
            SURVEY_NPS,
            "Net promoter score",
            Source::Surveys,
            Aggregate::Mean,
            Unit::Number,
            Higher,
        ),
        def(
            SURVEY_CES_MEAN,
            "Customer effort score, mean",
            Source::Surveys,
            Aggregate::Mean,
            Unit::Number,
            Higher,
        ),
        def(
            QA_SCORE_MEAN,
            "QA score, mean",
            Source::QaReviews,
            Aggregate::Mean,
            Unit::Points,
            Higher,
        ),
        def(
            QA_CRITICAL_FAIL_COUNT,
            "QA critical failures",
            Source::QaReviews,
            Aggregate::Count,
            Unit::Count,
            Lower,
        ),
        def(
            QA_CRITICAL_FAIL_RATE,
            "QA critical failure rate",
            Source::QaReviews,
            Aggregate::Rate,
            Unit::Ratio,
            Lower,
        ),
    ]
}

/// The definitions of the 360 metrics for these dimensions: every role's
/// `{role}_{dimension}_mean`, then [`PEER_REVIEW_SCORE`] (all 0-100, higher is better).
pub fn review360_definitions(dimensions: &[&str]) -> Vec<MetricDef> {
    let mut defs = Vec::new();
    for role in RaterRole::ALL {
        for dimension in dimensions {
            let label = format!("360 {} review, {dimension}", role.as_str());
            defs.push(review360_def(&review360_metric_id(role, dimension), &label));
        }
    }
    defs.push(crate::scorecard::defaults::peer_review_def());
    defs
}

/// The definition of any feedback metric id, including `{role}_{dimension}_mean` for any
/// dimension.
pub fn definition(metric_id: &str) -> Option<MetricDef> {
    if let Some(def) = definitions().into_iter().find(|def| def.id == metric_id) {
        return Some(def);
    }
    if metric_id == PEER_REVIEW_SCORE {
        return Some(crate::scorecard::defaults::peer_review_def());
    }
    let rest = metric_id.strip_suffix("_mean")?;
    RaterRole::ALL.into_iter().find_map(|role| {
        let dimension = rest.strip_prefix(role.as_str())?.strip_prefix('_')?;
        (!dimension.is_empty()).then(|| {
            let label = format!("360 {} review, {dimension}", role.as_str());
            review360_def(metric_id, &label)
        })
    })
}

fn def(
    id: &str,
    label: &str,
    source: Source,
    aggregate: Aggregate,
    unit: Unit,
    direction: Direction,
) -> MetricDef {
    MetricDef {
        id: id.to_string(),
        label: label.to_string(),
        source,
        aggregate,
        field: None,
        population: Population::All,
        filters: Vec::new(),
        unit,
        direction,
    }
}

fn review360_def(id: &str, label: &str) -> MetricDef {
    def(
        id,
        label,
        Source::Reviews360,
        Aggregate::Mean,
        Unit::Points,
        Direction::HigherIsBetter,
    )
}

/// Survey, QA and 360 tables merged into one (columns: survey, QA, then 360 ids).
pub fn feedback_table(
    grouping: &Grouping<'_>,
    forms: &[FormTemplate],
    surveys: &[SurveyResponse],
    qa_reviews: &[QaReview],
    reviews360: &[Review360],
    exclusions: &Exclusions,
) -> MeasureTable {
    let surveys = survey_table(grouping, forms, surveys, exclusions);
    let qa = qa_table(grouping, forms, qa_reviews, exclusions);
    let reviews = review360_table(grouping, forms, reviews360, exclusions);
    merge_tables(merge_tables(surveys, qa), reviews)
}

/// Observations of one metric in one bucket, and what did not count.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    pub sum: f64,
    pub count: u32,
    /// Items of the bucket without a usable value for this metric.
    pub missing: u32,
}

impl Tally {
    pub fn add(&mut self, value: f64) {
        self.sum += value;
        self.count += 1;
    }

    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum / f64::from(self.count))
    }
}

/// A measure from a value over `sample` observations, with the bucket's exclusions.
fn measure(
    value: Option<f64>,
    sample: u32,
    numerator: Option<f64>,
    missing: u32,
    excluded: u32,
) -> Measure {
    let mut exclusions = Vec::new();
    if missing > 0 {
        exclusions.push(Exclusion {
            reason: ExclusionReason::ValueMissing,
            count: missing,
        });
    }
    if excluded > 0 {
        exclusions.push(Exclusion {
            reason: ExclusionReason::Excluded,
            count: excluded,
        });
    }
    Measure {
        value: if sample == 0 { None } else { value },
        sample,
        numerator: if sample == 0 { None } else { numerator },
        excluded: exclusions,
    }
}

/// Rows from per-(group, period) buckets, sorted by group then period as contact tables
/// are (a `BTreeMap` keeps that order).
fn table_from_buckets<B>(
    grouping: &Grouping<'_>,
    metric_ids: Vec<String>,
    buckets: &BTreeMap<(String, String), B>,
    values: impl Fn(&B) -> Vec<Measure>,
) -> MeasureTable {
    let rows = buckets
        .iter()
        .map(|((group, period), bucket)| MeasureRow {
            group: group.clone(),
            team: grouping.team_of_group(group),
            period: period.clone(),
            records: 0,
            values: values(bucket),
        })
        .collect();
    MeasureTable { metric_ids, rows }
}

/// Forms by id, for the aggregations.
fn forms_by_id(forms: &[FormTemplate]) -> BTreeMap<&str, &FormTemplate> {
    forms.iter().map(|form| (form.id.as_str(), form)).collect()
}
