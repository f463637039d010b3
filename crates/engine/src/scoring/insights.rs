//! Strengths and weaknesses: the few metrics a manager should talk about in a one-to-one,
//! picked from an [`Explanation`]. Strengths are the best metrics that meet their target;
//! weaknesses are the metrics below target that cost the total the most points, because
//! "what would move the score" is the useful question, not "which score is lowest".
//!
//! Metrics that did not count (N/A) say nothing about the agent, and a small sample says
//! little, so both are left out of the lists; small samples are named in
//! [`Insights::uncertain`] so the card can say why a metric is missing.

use serde::{Deserialize, Serialize};

use super::explain::{Explanation, Formula, MetricExplanation};
use crate::metric_def::{Direction, Unit};
use crate::scorecard::Label;

/// At most this many strengths and this many weaknesses: more is a table, not a talk.
pub const MAX_ITEMS: usize = 3;

/// One metric worth mentioning, with everything needed to say it in a sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    pub metric_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Which way is better: the sentence says "above" or "below" its target accordingly.
    pub direction: Direction,
    pub dimension_id: String,
    /// The raw metric value (a ratio 0-1, seconds, a rating...).
    pub value: f64,
    pub target: f64,
    /// The metric's 0-100 score.
    pub score: f64,
    /// Share (0-1) of the total after N/A redistribution.
    pub weight_in_total: f64,
    /// Points of the (uncapped) total lost to this metric: `weight_in_total * (100 - score)`.
    pub points_lost: f64,
}

/// What went well, what to work on, and which metrics are too thin to judge.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    /// Metrics at or better than target, strongest first (by score, then weight).
    pub strengths: Vec<Insight>,
    /// Metrics short of target, the one costing the most points first.
    pub weaknesses: Vec<Insight>,
    /// Metric ids with a sample below the card's minimum, in card order.
    pub uncertain: Vec<String>,
}

/// Whether `value` reaches `target` in the metric's direction (equal counts as reached).
pub fn meets_target(value: f64, target: f64, direction: Direction) -> bool {
    match direction {
        Direction::HigherIsBetter => value >= target,
        Direction::LowerIsBetter => value <= target,
    }
}

fn raw_value(m: &MetricExplanation) -> Option<f64> {
    match m.formula {
        Formula::Quotient { value, .. } | Formula::Direct { value, .. } => Some(value),
        Formula::NotAvailable { .. } | Formula::NotInTable => None,
    }
}

/// Strengths, weaknesses and uncertain metrics of one explained row.
pub fn insights(ex: &Explanation) -> Insights {
    let mut strengths = Vec::new();
    let mut weaknesses = Vec::new();
    let mut uncertain = Vec::new();
    for dim in &ex.dimensions {
        for m in &dim.metrics {
            if m.small_sample {
                uncertain.push(m.metric_id.clone());
                continue;
            }
            // A metric with no weight does not touch the total: nothing to discuss.
            let (Some(score), Some(value)) = (m.score, raw_value(m)) else {
                continue;
            };
            if m.weight_in_total <= 0.0 || !value.is_finite() || !score.is_finite() {
                continue;
            }
            let insight = Insight {
                metric_id: m.metric_id.clone(),
                label: m.label.clone(),
                unit: m.unit,
                direction: m.direction,
                dimension_id: dim.id.clone(),
                value,
                target: m.target,
                score,
                weight_in_total: m.weight_in_total,
                points_lost: m.weight_in_total * (100.0 - score).max(0.0),
            };
            if meets_target(value, m.target, m.direction) {
                strengths.push(insight);
            } else {
                weaknesses.push(insight);
            }
        }
    }
    // Ties fall back to the metric id so the order never depends on the card's layout.
    strengths.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.weight_in_total.total_cmp(&a.weight_in_total))
            .then_with(|| a.metric_id.cmp(&b.metric_id))
    });
    weaknesses.sort_by(|a, b| {
        b.points_lost
            .total_cmp(&a.points_lost)
            .then(a.score.total_cmp(&b.score))
            .then_with(|| a.metric_id.cmp(&b.metric_id))
    });
    strengths.truncate(MAX_ITEMS);
    weaknesses.truncate(MAX_ITEMS);
    Insights {
        strengths,
        weaknesses,
        uncertain,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::scorecard::{Curve, GradeScheme};
    use crate::scoring::explain::{DimensionExplanation, VersionUsed};
    use crate::scoring::MetricStatus;

    /// A scored metric: `value` against `target`, `score` 0-100, `weight` of the total.
    fn metric(id: &str, value: f64, target: f64, score: f64, weight: f64) -> MetricExplanation {
        MetricExplanation {
            metric_id: id.to_string(),
            label: None,
            unit: Some(Unit::Ratio),
            direction: Direction::HigherIsBetter,
            formula: Formula::Direct {
                value,
                observations: 100,
            },
            excluded: Vec::new(),
            curve: Curve::Linear,
            floor: 0.0,
            target,
            position: None,
            score: Some(score),
            status: MetricStatus::Scored,
            small_sample: false,
            min_sample: 10,
            configured_weight: weight,
            weight_in_dimension: weight,
            weight_in_total: weight,
        }
    }

    fn not_available(id: &str) -> MetricExplanation {
        MetricExplanation {
            formula: Formula::NotAvailable { observations: 0 },
            score: None,
            status: MetricStatus::NotAvailable,
            weight_in_dimension: 0.0,
            weight_in_total: 0.0,
            ..metric(id, 0.0, 0.5, 0.0, 0.0)
        }
    }

    fn explanation(metrics: Vec<MetricExplanation>) -> Explanation {
        Explanation {
            group: "Ann".into(),
            team: None,
            period: "2024-01".into(),
            records: 100,
            version: VersionUsed {
                index: 0,
                effective_from: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                reason: "test".into(),
            },
            total: Some(80.0),
            uncapped_total: Some(80.0),
            grade: None,
            grading: GradeScheme::default(),
            rank: None,
            ranked: 0,
            percentile: None,
            previous_period: None,
            previous_total: None,
            change: None,
            dimensions: vec![DimensionExplanation {
                id: "quality".into(),
                label: None,
                score: Some(80.0),
                configured_weight: 1.0,
                weight_in_total: 1.0,
                metrics,
            }],
            guard_rails: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn ids(items: &[Insight]) -> Vec<&str> {
        items.iter().map(|i| i.metric_id.as_str()).collect()
    }

    #[test]
    fn strengths_are_ordered_by_score_then_weight() {
        let ex = explanation(vec![
            metric("a", 0.80, 0.75, 100.0, 0.10),
            metric("b", 0.90, 0.75, 100.0, 0.30),
            metric("c", 0.76, 0.75, 95.0, 0.40),
            metric("d", 0.50, 0.75, 60.0, 0.20),
        ]);
        let found = insights(&ex);
        assert_eq!(ids(&found.strengths), ["b", "a", "c"]);
        assert_eq!(ids(&found.weaknesses), ["d"]);
        assert_eq!(found.strengths[0].dimension_id, "quality");
        assert_eq!(found.strengths[0].value, 0.90);
        assert_eq!(found.strengths[0].target, 0.75);
    }

    #[test]
    fn weaknesses_are_ordered_by_points_lost_not_by_score() {
        // "low" has the worst score but little weight; "heavy" costs the most.
        let ex = explanation(vec![
            metric("low", 0.10, 0.75, 10.0, 0.05),    // 4.5 points
            metric("heavy", 0.60, 0.75, 70.0, 0.50),  // 15 points
            metric("middle", 0.50, 0.75, 60.0, 0.20), // 8 points
        ]);
        let found = insights(&ex);
        assert_eq!(ids(&found.weaknesses), ["heavy", "middle", "low"]);
        assert!((found.weaknesses[0].points_lost - 15.0).abs() < 1e-9);
        assert!((found.weaknesses[2].points_lost - 4.5).abs() < 1e-9);
        assert!(found.strengths.is_empty());
    }

    #[test]
    fn each_list_is_capped_at_three() {
        let mut metrics: Vec<_> = (0..5)
            .map(|i| {
                metric(
                    &format!("s{i}"),
                    0.9,
                    0.75,
                    100.0,
                    0.1 + f64::from(i) * 0.01,
                )
            })
            .collect();
        metrics.extend((0..5).map(|i| metric(&format!("w{i}"), 0.5, 0.75, 50.0, 0.1)));
        let found = insights(&explanation(metrics));
        assert_eq!(ids(&found.strengths), ["s4", "s3", "s2"]);
        assert_eq!(ids(&found.weaknesses), ["w0", "w1", "w2"]);
    }

    #[test]
    fn not_available_metrics_are_skipped() {
        let ex = explanation(vec![
            not_available("na"),
            metric("ok", 0.8, 0.75, 100.0, 1.0),
        ]);
        let found = insights(&ex);
        assert_eq!(ids(&found.strengths), ["ok"]);
        assert!(found.weaknesses.is_empty());
        assert!(found.uncertain.is_empty());
    }

    #[test]
    fn small_samples_go_to_uncertain_not_to_the_lists() {
        let counted = MetricExplanation {
            small_sample: true,
            ..metric("thin", 0.2, 0.75, 20.0, 0.5)
        };
        let excluded = MetricExplanation {
            small_sample: true,
            status: MetricStatus::SmallSampleExcluded,
            score: None,
            ..metric("thinner", 0.9, 0.75, 100.0, 0.0)
        };
        let ex = explanation(vec![
            counted,
            metric("solid", 0.5, 0.75, 50.0, 0.5),
            excluded,
        ]);
        let found = insights(&ex);
        assert_eq!(ids(&found.weaknesses), ["solid"]);
        assert!(found.strengths.is_empty());
        assert_eq!(found.uncertain, ["thin", "thinner"]);
    }

    #[test]
    fn an_agent_above_every_target_has_no_weaknesses() {
        let ex = explanation(vec![
            metric("a", 0.80, 0.75, 100.0, 0.5),
            metric("b", 0.75, 0.75, 100.0, 0.5),
        ]);
        let found = insights(&ex);
        assert!(found.weaknesses.is_empty());
        assert_eq!(ids(&found.strengths), ["a", "b"]);
        assert_eq!(found.strengths[1].points_lost, 0.0);
    }

    #[test]
    fn lower_is_better_metrics_meet_their_target_from_below() {
        let fast = MetricExplanation {
            direction: Direction::LowerIsBetter,
            unit: Some(Unit::Seconds),
            ..metric("aht_fast", 300.0, 420.0, 100.0, 0.3)
        };
        let slow = MetricExplanation {
            direction: Direction::LowerIsBetter,
            unit: Some(Unit::Seconds),
            ..metric("aht_slow", 552.0, 420.0, 68.0, 0.1)
        };
        let found = insights(&explanation(vec![fast, slow]));
        assert_eq!(ids(&found.strengths), ["aht_fast"]);
        assert_eq!(ids(&found.weaknesses), ["aht_slow"]);
        assert!((found.weaknesses[0].points_lost - 3.2).abs() < 1e-9);
    }

    #[test]
    fn metrics_with_no_weight_are_not_discussed() {
        let ex = explanation(vec![
            metric("weightless", 0.1, 0.75, 10.0, 0.0),
            metric("counts", 0.8, 0.75, 100.0, 1.0),
        ]);
        let found = insights(&ex);
        assert!(found.weaknesses.is_empty());
        assert_eq!(ids(&found.strengths), ["counts"]);
    }

    #[test]
    fn a_real_explanation_yields_consistent_lists() {
        use crate::measure::{Measure, MeasureRow, MeasureTable};
        use crate::scorecard::defaults::default_history;

        let m = |v: f64, n: u32| Measure {
            value: Some(v),
            sample: n,
            numerator: None,
            excluded: vec![],
        };
        let table = MeasureTable {
            metric_ids: vec!["fcr_rate".into(), "csat_mean".into()],
            rows: vec![MeasureRow {
                group: "Ann".into(),
                team: None,
                period: "2021-01".into(),
                records: 500,
                values: vec![m(0.99, 500), m(2.0, 400)],
            }],
        };
        let ex = super::super::explain(&table, &default_history(), "Ann", "2021-01")
            .unwrap()
            .unwrap();
        let found = insights(&ex);
        assert_eq!(ids(&found.strengths), ["fcr_rate"]);
        assert_eq!(ids(&found.weaknesses), ["csat_mean"]);
        let lost: f64 = found.weaknesses.iter().map(|w| w.points_lost).sum();
        let uncapped = ex.uncapped_total.unwrap();
        // Here every counted metric is listed, so the points lost add up to 100 - total.
        assert!(
            (uncapped + lost - 100.0).abs() < 1e-6,
            "{uncapped} + {lost}"
        );
    }
}
