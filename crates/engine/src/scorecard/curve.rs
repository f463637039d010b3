//! How a metric value becomes a 0-100 score.

use serde::{Deserialize, Serialize};

use crate::metric_def::Direction;

/// One step of a banded curve: values at least as good as `threshold` score `score`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub threshold: f64,
    pub score: f64,
}

/// The shape that turns a value into a score.
///
/// JSON: `{"kind": "linear"}` or
/// `{"kind": "banded", "bands": [{"threshold": 0.9, "score": 100}, {"threshold": 0.8, "score": 70}]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Curve {
    /// Floor scores 0, target scores 100, straight line between, clamped outside.
    #[default]
    Linear,
    /// A step function: the best band whose threshold the value reaches ("reaches" means
    /// `>=` when higher is better, `<=` when lower is better); 0 when it reaches none.
    /// Scores must not get worse as thresholds get better (checked when compiling).
    Banded { bands: Vec<Band> },
}

/// Where a value fell on its curve; used by explanations.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum CurvePosition {
    /// At or worse than the floor: 0 on a linear curve.
    AtOrBelowFloor,
    /// Between floor and target; `fraction` of the way (0-1).
    Between { fraction: f64 },
    /// At or better than the target: 100 on a linear curve.
    AtOrAboveTarget,
    /// Reached the band with this threshold.
    Band { threshold: f64 },
    /// Reached no band.
    NoBand,
}

/// A curve ready for fast evaluation: bands sorted best-first, direction resolved.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CompiledCurve {
    /// `inv_span` is `1 / (target - floor)`, precomputed so scoring multiplies.
    Linear {
        floor: f64,
        target: f64,
        inv_span: f64,
    },
    /// `thresholds` sorted from best to worst, `scores` aligned.
    Banded {
        thresholds: Vec<f64>,
        scores: Vec<f64>,
        direction: Direction,
    },
}

/// Why a banded curve cannot be compiled.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CurveProblem {
    NoBands,
    NotFinite,
    ScoreOutOfRange,
    /// A better threshold has a lower score: the curve would punish improvement.
    NotMonotone,
}

impl CompiledCurve {
    pub(crate) fn compile(
        curve: &Curve,
        floor: f64,
        target: f64,
        direction: Direction,
    ) -> Result<CompiledCurve, CurveProblem> {
        match curve {
            Curve::Linear => {
                if !floor.is_finite() || !target.is_finite() {
                    return Err(CurveProblem::NotFinite);
                }
                Ok(CompiledCurve::Linear {
                    floor,
                    target,
                    inv_span: 1.0 / (target - floor),
                })
            }
            Curve::Banded { bands } => {
                if bands.is_empty() {
                    return Err(CurveProblem::NoBands);
                }
                let mut sorted: Vec<&Band> = bands.iter().collect();
                if sorted
                    .iter()
                    .any(|b| !b.threshold.is_finite() || !b.score.is_finite())
                {
                    return Err(CurveProblem::NotFinite);
                }
                if sorted.iter().any(|b| !(0.0..=100.0).contains(&b.score)) {
                    return Err(CurveProblem::ScoreOutOfRange);
                }
                // Best threshold first.
                match direction {
                    Direction::HigherIsBetter => {
                        sorted.sort_by(|a, b| b.threshold.total_cmp(&a.threshold))
                    }
                    Direction::LowerIsBetter => {
                        sorted.sort_by(|a, b| a.threshold.total_cmp(&b.threshold))
                    }
                }
                if sorted.windows(2).any(|w| w[1].score > w[0].score) {
                    return Err(CurveProblem::NotMonotone);
                }
                Ok(CompiledCurve::Banded {
                    thresholds: sorted.iter().map(|b| b.threshold).collect(),
                    scores: sorted.iter().map(|b| b.score).collect(),
                    direction,
                })
            }
        }
    }

    /// The 0-100 score of a value.
    #[inline]
    pub(crate) fn score(&self, value: f64) -> f64 {
        match self {
            CompiledCurve::Linear {
                floor,
                target,
                inv_span,
            } => {
                if floor == target {
                    linear_score(value, *floor, *target)
                } else {
                    (100.0 * (value - floor) * inv_span).clamp(0.0, 100.0)
                }
            }
            CompiledCurve::Banded {
                thresholds,
                scores,
                direction,
            } => match band_index(thresholds, *direction, value) {
                Some(i) => scores[i],
                None => 0.0,
            },
        }
    }

    pub(crate) fn position(&self, value: f64) -> CurvePosition {
        match self {
            CompiledCurve::Linear { floor, target, .. } => {
                let fraction = linear_fraction(value, *floor, *target);
                if fraction <= 0.0 {
                    CurvePosition::AtOrBelowFloor
                } else if fraction >= 1.0 {
                    CurvePosition::AtOrAboveTarget
                } else {
                    CurvePosition::Between { fraction }
                }
            }
            CompiledCurve::Banded {
                thresholds,
                direction,
                ..
            } => match band_index(thresholds, *direction, value) {
                Some(i) => CurvePosition::Band {
                    threshold: thresholds[i],
                },
                None => CurvePosition::NoBand,
            },
        }
    }
}

/// Fraction of the way from floor to target, clamped to 0-1. Works for both directions:
/// when the target is below the floor (lower is better) the fraction grows as value falls.
#[inline]
fn linear_fraction(value: f64, floor: f64, target: f64) -> f64 {
    let span = target - floor;
    if span == 0.0 {
        // Degenerate card: reaching the target is all or nothing.
        return if value == target { 1.0 } else { 0.0 };
    }
    ((value - floor) / span).clamp(0.0, 1.0)
}

/// Linear 0-100 score between floor (0) and target (100), clamped.
#[inline]
pub fn linear_score(value: f64, floor: f64, target: f64) -> f64 {
    100.0 * linear_fraction(value, floor, target)
}

/// Index of the best band the value reaches (thresholds sorted best-first).
#[inline]
fn band_index(thresholds: &[f64], direction: Direction, value: f64) -> Option<usize> {
    thresholds.iter().position(|&t| match direction {
        Direction::HigherIsBetter => value >= t,
        Direction::LowerIsBetter => value <= t,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn banded(pairs: &[(f64, f64)], direction: Direction) -> CompiledCurve {
        let bands = pairs
            .iter()
            .map(|&(threshold, score)| Band { threshold, score })
            .collect();
        CompiledCurve::compile(&Curve::Banded { bands }, 0.0, 0.0, direction).unwrap()
    }

    #[test]
    fn linear_higher_is_better_maps_floor_to_0_and_target_to_100() {
        let c =
            CompiledCurve::compile(&Curve::Linear, 0.6, 0.9, Direction::HigherIsBetter).unwrap();
        assert_eq!(c.score(0.6), 0.0);
        assert_eq!(c.score(0.9), 100.0);
        assert!((c.score(0.75) - 50.0).abs() < 1e-9);
    }

    #[test]
    fn linear_lower_is_better_scores_falling_values_higher() {
        // Complaint rate: floor 3%, target 0.5%.
        let c =
            CompiledCurve::compile(&Curve::Linear, 0.03, 0.005, Direction::LowerIsBetter).unwrap();
        assert_eq!(c.score(0.03), 0.0);
        assert_eq!(c.score(0.005), 100.0);
        assert!((c.score(0.0175) - 50.0).abs() < 1e-9);
        assert!(c.score(0.01) > c.score(0.02));
    }

    #[test]
    fn linear_clamps_outside_floor_and_target() {
        let up =
            CompiledCurve::compile(&Curve::Linear, 3.0, 4.5, Direction::HigherIsBetter).unwrap();
        assert_eq!(up.score(1.0), 0.0);
        assert_eq!(up.score(5.0), 100.0);
        let down =
            CompiledCurve::compile(&Curve::Linear, 180.0, 30.0, Direction::LowerIsBetter).unwrap();
        assert_eq!(down.score(500.0), 0.0);
        assert_eq!(down.score(5.0), 100.0);
        assert_eq!(down.position(5.0), CurvePosition::AtOrAboveTarget);
        assert_eq!(down.position(500.0), CurvePosition::AtOrBelowFloor);
    }

    #[test]
    fn banded_is_a_step_function() {
        let c = banded(
            &[(0.7, 60.0), (0.9, 100.0), (0.8, 80.0)],
            Direction::HigherIsBetter,
        );
        assert_eq!(c.score(0.69), 0.0);
        assert_eq!(c.score(0.7), 60.0);
        assert_eq!(c.score(0.79), 60.0);
        assert_eq!(c.score(0.8), 80.0);
        assert_eq!(c.score(0.95), 100.0);
        assert_eq!(c.position(0.85), CurvePosition::Band { threshold: 0.8 });
    }

    #[test]
    fn banded_lower_is_better_reaches_bands_from_below() {
        let c = banded(&[(30.0, 100.0), (60.0, 70.0)], Direction::LowerIsBetter);
        assert_eq!(c.score(20.0), 100.0);
        assert_eq!(c.score(30.0), 100.0);
        assert_eq!(c.score(45.0), 70.0);
        assert_eq!(c.score(61.0), 0.0);
        assert_eq!(c.position(61.0), CurvePosition::NoBand);
    }

    #[test]
    fn banded_rejects_curves_that_punish_improvement() {
        let bands = vec![
            Band {
                threshold: 0.9,
                score: 50.0,
            },
            Band {
                threshold: 0.8,
                score: 80.0,
            },
        ];
        assert_eq!(
            CompiledCurve::compile(
                &Curve::Banded { bands },
                0.0,
                0.0,
                Direction::HigherIsBetter
            ),
            Err(CurveProblem::NotMonotone)
        );
        assert_eq!(
            CompiledCurve::compile(
                &Curve::Banded { bands: vec![] },
                0.0,
                0.0,
                Direction::HigherIsBetter
            ),
            Err(CurveProblem::NoBands)
        );
    }
}
