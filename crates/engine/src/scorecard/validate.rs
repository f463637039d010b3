//! Checking a scorecard before it is compiled, in time linear in its size (ids are
//! checked for repeats with hash sets, custom metrics looked up in a map).
//!
//! Weights: each is 0 (left out) or within [[`MIN_WEIGHT`], [`MAX_WEIGHT`]], and at least
//! one metric of every dimension, and one dimension, weighs more than 0. Normalising
//! weights divides by their sum; outside that range the quotient overflows to inf or the
//! sum is 0, and a total of NaN or inf would be graded and ranked as if it were a score.

use std::collections::{HashMap, HashSet};

use crate::metric_def::Direction;

use super::{curve, standard_metric_def, GradeScheme, GuardRail, Scorecard, ScorecardError};
use super::{ScorecardMetric, MAX_GUARD_RAILS, SCHEMA_VERSION};

/// The smallest weight above 0.
pub const MIN_WEIGHT: f64 = 1e-6;
/// The largest weight.
pub const MAX_WEIGHT: f64 = 1e6;

/// 0 (either sign) or within [`MIN_WEIGHT`]..=[`MAX_WEIGHT`].
fn good_weight(weight: f64) -> bool {
    weight == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&weight)
}

/// The direction a metric scores in, its definition's direction (`defined`, for a custom
/// metric) already looked up: its own, else the definition's, else target vs floor.
pub(super) fn resolve_direction(
    metric: &ScorecardMetric,
    defined: Option<Direction>,
) -> Result<Direction, ScorecardError> {
    let implied = if metric.target > metric.floor {
        Some(Direction::HigherIsBetter)
    } else if metric.target < metric.floor {
        Some(Direction::LowerIsBetter)
    } else {
        None
    };
    let declared = metric
        .direction
        .or(defined)
        .or_else(|| standard_metric_def(&metric.metric_id).map(|def| def.direction));
    match (declared, implied) {
        (Some(d), Some(i)) if d != i && matches!(metric.curve, curve::Curve::Linear) => {
            Err(ScorecardError::DirectionConflict {
                metric_id: metric.metric_id.clone(),
            })
        }
        (Some(d), _) => Ok(d),
        (None, Some(i)) => Ok(i),
        (None, None) => Err(ScorecardError::UnknownDirection {
            metric_id: metric.metric_id.clone(),
        }),
    }
}

impl Scorecard {
    /// Checks everything compiling needs; the scorer compiles only valid cards.
    pub fn validate(&self) -> Result<(), ScorecardError> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(ScorecardError::UnsupportedSchemaVersion {
                found: self.schema_version,
            });
        }
        if self.dimensions.is_empty() {
            return Err(ScorecardError::NoDimensions);
        }
        let custom: HashMap<&str, Direction> = self
            .custom_metrics
            .iter()
            .rev() // the first definition of an id wins, as in `direction_of`
            .map(|def| (def.id.as_str(), def.direction))
            .collect();
        let mut dimension_ids = HashSet::new();
        for dim in &self.dimensions {
            if !dimension_ids.insert(dim.id.as_str()) {
                return Err(ScorecardError::DuplicateDimension {
                    dimension: dim.id.clone(),
                });
            }
            if !good_weight(dim.weight) {
                return Err(ScorecardError::BadWeight {
                    dimension: dim.id.clone(),
                    metric_id: None,
                });
            }
            let mut metric_ids = HashSet::new();
            for metric in &dim.metrics {
                if !metric_ids.insert(metric.metric_id.as_str()) {
                    return Err(ScorecardError::DuplicateMetric {
                        dimension: dim.id.clone(),
                        metric_id: metric.metric_id.clone(),
                    });
                }
                self.check_metric(&dim.id, metric, custom.get(metric.metric_id.as_str()))?;
            }
            if !dim.metrics.iter().any(|metric| metric.weight > 0.0) {
                return Err(ScorecardError::NoPositiveWeight {
                    dimension: Some(dim.id.clone()),
                });
            }
        }
        if !self.dimensions.iter().any(|dim| dim.weight > 0.0) {
            return Err(ScorecardError::NoPositiveWeight { dimension: None });
        }
        self.check_guard_rails(&dimension_ids)?;
        self.check_grading()
    }

    fn check_metric(
        &self,
        dimension: &str,
        metric: &ScorecardMetric,
        defined: Option<&Direction>,
    ) -> Result<(), ScorecardError> {
        if !good_weight(metric.weight) {
            return Err(ScorecardError::BadWeight {
                dimension: dimension.to_string(),
                metric_id: Some(metric.metric_id.clone()),
            });
        }
        if !metric.target.is_finite() || !metric.floor.is_finite() {
            return Err(ScorecardError::BadTargetOrFloor {
                metric_id: metric.metric_id.clone(),
            });
        }
        let direction = resolve_direction(metric, defined.copied())?;
        curve::CompiledCurve::compile(&metric.curve, metric.floor, metric.target, direction)
            .map_err(|problem| ScorecardError::BadCurve {
                metric_id: metric.metric_id.clone(),
                reason: format!("{problem:?}"),
            })?;
        Ok(())
    }

    fn check_guard_rails(&self, dimension_ids: &HashSet<&str>) -> Result<(), ScorecardError> {
        if self.guard_rails.len() > MAX_GUARD_RAILS {
            return Err(ScorecardError::TooManyGuardRails);
        }
        for rail in &self.guard_rails {
            if !rail.cap().is_finite() {
                return Err(ScorecardError::BadGuardRail);
            }
            match rail {
                GuardRail::DimensionFloor { dimension, .. } => {
                    if !dimension_ids.contains(dimension.as_str()) {
                        return Err(ScorecardError::UnknownGuardRailDimension {
                            dimension: dimension.clone(),
                        });
                    }
                }
                GuardRail::MetricCritical { metric_id, .. } => {
                    if self.find_metric(metric_id).is_none() {
                        return Err(ScorecardError::UnknownGuardRailMetric {
                            metric_id: metric_id.clone(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    fn check_grading(&self) -> Result<(), ScorecardError> {
        let grading_ok = match self.grading {
            GradeScheme::Thresholds {
                excellent,
                good,
                pass,
            } => excellent >= good && good >= pass && pass.is_finite() && excellent.is_finite(),
            GradeScheme::ForcedDistribution {
                excellent,
                good,
                pass,
            } => {
                [excellent, good, pass]
                    .iter()
                    .all(|s| (0.0..=1.0).contains(s))
                    && excellent + good + pass <= 1.0 + 1e-9
            }
        };
        if grading_ok {
            Ok(())
        } else {
            Err(ScorecardError::BadGrading)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scorecard::defaults::default_scorecard;
    use crate::scorecard::{Scorecard, ScorecardError, ScorecardMetric};

    fn problem(card: &Scorecard) -> String {
        card.validate()
            .expect_err("the card is refused")
            .to_string()
    }

    #[test]
    fn weights_that_overflow_or_underflow_the_normalisation_are_refused() {
        let mut card = default_scorecard();
        let (dimension, metric) = {
            let dim = &card.dimensions[1];
            (dim.id.clone(), dim.metrics[0].metric_id.clone())
        };
        card.dimensions[1].weight = 1e308;
        let message = problem(&card);
        assert!(message.contains(&format!("`{dimension}`")), "{message}");

        let mut card = default_scorecard();
        card.dimensions[1].metrics[0].weight = 5e-324;
        let message = problem(&card);
        assert!(message.contains(&format!("`{metric}`")), "{message}");
        assert!(
            message.contains("1e-6") && message.contains("1e6"),
            "{message}"
        );

        for bad in [-1.0, f64::NAN, f64::INFINITY, 2e6] {
            let mut card = default_scorecard();
            card.dimensions[0].metrics[0].weight = bad;
            assert!(card.validate().is_err(), "{bad}");
        }
        // -0 is 0: the metric is left out, the others carry the dimension.
        let mut card = default_scorecard();
        card.dimensions[1].metrics[0].weight = -0.0;
        card.dimensions[0].weight = 1e-6;
        assert_eq!(card.validate(), Ok(()));
    }

    #[test]
    fn a_dimension_or_a_card_weighing_nothing_is_refused_by_name() {
        let mut card = default_scorecard();
        let dimension = card.dimensions[2].id.clone();
        for metric in &mut card.dimensions[2].metrics {
            metric.weight = -0.0;
        }
        assert_eq!(
            card.validate(),
            Err(ScorecardError::NoPositiveWeight {
                dimension: Some(dimension.clone())
            })
        );
        assert!(problem(&card).contains(&format!("`{dimension}`")));

        let mut card = default_scorecard();
        for dim in &mut card.dimensions {
            dim.weight = 0.0;
        }
        assert_eq!(
            card.validate(),
            Err(ScorecardError::NoPositiveWeight { dimension: None })
        );
    }

    #[test]
    fn a_card_of_100_000_metrics_is_checked_and_a_late_duplicate_found() {
        let mut card = default_scorecard();
        card.guard_rails.clear();
        card.dimensions.truncate(1);
        let template = card.dimensions[0].metrics[0].clone();
        card.dimensions[0].metrics = (0..100_000)
            .map(|i| ScorecardMetric {
                metric_id: format!("m{i}"),
                weight: 1.0,
                target: 1.0,
                floor: 0.0,
                direction: None,
                ..template.clone()
            })
            .collect();
        assert_eq!(card.validate(), Ok(()));
        let last = card.dimensions[0].metrics.len() - 1;
        card.dimensions[0].metrics[last].metric_id = "m7".into();
        assert!(matches!(
            card.validate(),
            Err(ScorecardError::DuplicateMetric { metric_id, .. }) if metric_id == "m7"
        ));
    }
}
