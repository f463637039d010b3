//! The default scheme: service quality, efficiency, teamwork and customer satisfaction
//! over the standard metric ids, with targets and floors at common after-sales levels.
//!
//! Targets assume a **monthly** period for the volume metric (`contacts`: 500 handled
//! scores 100, 100 scores 0); a manager scoring by week should lower them. Everything else
//! is a rate, mean or median and does not depend on the period length.

use crate::metric_def::{Aggregate, Direction, MetricDef, Population, Source, Unit};

use super::{
    Curve, Dimension, GradeScheme, GuardRail, Label, Scorecard, ScorecardHistory, ScorecardMetric,
    SmallSamplePolicy, SCHEMA_VERSION,
};

/// The 360 peer-review metric: no importer fills it yet, so it is N/A and its weight is
/// spread over the rest of teamwork (or, with no teamwork data at all, over the other
/// dimensions). Carried as a custom metric so the card is self-contained.
pub const PEER_REVIEW_SCORE: &str = "peer_review_score";

fn metric(id: &str, weight: f64, target: f64, floor: f64, min_sample: u32) -> ScorecardMetric {
    ScorecardMetric {
        metric_id: id.to_string(),
        label: None,
        weight,
        target,
        floor,
        direction: None,
        curve: Curve::Linear,
        min_sample,
    }
}

fn dimension(id: &str, weight: f64, metrics: Vec<ScorecardMetric>) -> Dimension {
    Dimension {
        id: id.to_string(),
        label: None,
        weight,
        metrics,
    }
}

/// The peer-review metric definition (source: 360 reviews, 0-100 points).
pub fn peer_review_def() -> MetricDef {
    MetricDef {
        id: PEER_REVIEW_SCORE.to_string(),
        label: "Peer review score (360)".to_string(),
        source: Source::Reviews360,
        aggregate: Aggregate::Mean,
        field: None,
        population: Population::All,
        filters: vec![],
        unit: Unit::Points,
        direction: Direction::HigherIsBetter,
    }
}

/// The default scorecard: service quality 35, efficiency 25, teamwork 15, customer
/// satisfaction 25; complaint rate above 1% caps the total at 59 (合格 at best is out of
/// reach), and a service-quality score below 40 caps it at 74 (no 良好 or better).
pub fn default_scorecard() -> Scorecard {
    Scorecard {
        schema_version: SCHEMA_VERSION,
        label: Some(Label::new("CareScore default scheme", "CareScore 默认方案")),
        dimensions: vec![
            dimension(
                "service_quality",
                35.0,
                vec![
                    metric("fcr_rate", 40.0, 0.9, 0.6, 30),
                    metric("resolved_rate", 30.0, 0.95, 0.7, 30),
                    metric("complaint_rate", 30.0, 0.005, 0.03, 100),
                ],
            ),
            dimension(
                "efficiency",
                25.0,
                vec![
                    metric("first_response_secs_median", 40.0, 30.0, 180.0, 30),
                    metric("handle_secs_mean", 35.0, 240.0, 600.0, 30),
                    metric("contacts", 25.0, 500.0, 100.0, 0),
                ],
            ),
            dimension(
                "teamwork",
                15.0,
                vec![
                    metric("reassign_rate", 50.0, 0.05, 0.3, 30),
                    metric(PEER_REVIEW_SCORE, 50.0, 90.0, 60.0, 3),
                ],
            ),
            dimension(
                "customer_satisfaction",
                25.0,
                vec![
                    metric("csat_mean", 60.0, 4.5, 3.0, 20),
                    metric("csat_top2_rate", 40.0, 0.9, 0.5, 20),
                ],
            ),
        ],
        custom_metrics: vec![peer_review_def()],
        guard_rails: vec![
            GuardRail::MetricCritical {
                metric_id: "complaint_rate".to_string(),
                threshold: 0.01,
                cap: 59.0,
            },
            GuardRail::DimensionFloor {
                dimension: "service_quality".to_string(),
                below: 40.0,
                cap: 74.0,
            },
        ],
        grading: GradeScheme::default(),
        small_sample: SmallSamplePolicy::CountAndFlag,
    }
}

/// The default history: the default card, in force from the start.
pub fn default_history() -> ScorecardHistory {
    ScorecardHistory::single(default_scorecard(), "CareScore default scheme")
}

/// The standard catalogue's definition of a metric id (see `metrics::standard`).
pub(crate) fn standard_metric(metric_id: &str) -> Option<MetricDef> {
    crate::metrics::standard::definitions()
        .into_iter()
        .find(|def| def.id == metric_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_card_is_valid_and_has_the_four_dimensions() {
        let card = default_scorecard();
        card.validate().unwrap();
        let ids: Vec<&str> = card.dimensions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "service_quality",
                "efficiency",
                "teamwork",
                "customer_satisfaction"
            ]
        );
        let (_, complaint) = card.find_metric("complaint_rate").unwrap();
        assert_eq!(card.direction_of(complaint), Ok(Direction::LowerIsBetter));
        let (_, fcr) = card.find_metric("fcr_rate").unwrap();
        assert_eq!(card.direction_of(fcr), Ok(Direction::HigherIsBetter));
        assert_eq!(
            card.metric_def(PEER_REVIEW_SCORE).unwrap().source,
            Source::Reviews360
        );
    }

    #[test]
    fn default_history_round_trips_through_json() {
        let history = default_history();
        let json = serde_json::to_string_pretty(&history).unwrap();
        let back: ScorecardHistory = serde_json::from_str(&json).unwrap();
        assert_eq!(back, history);
        let card_json = serde_json::to_string(&default_scorecard()).unwrap();
        let card_back: Scorecard = serde_json::from_str(&card_json).unwrap();
        assert_eq!(card_back, default_scorecard());
        assert!(back.validated().is_ok());
    }
}
