//! N/A weight redistribution. A metric with no data is never scored as zero: its weight
//! is spread over the metrics of its dimension that have data, in proportion to their own
//! weights; a dimension with no data has its weight spread over the other dimensions the
//! same way. After spreading, the weights of what counted sum to 1 at each level.

use super::compile::{CompiledDimension, CompiledMetric};
use super::DimensionCell;

/// Scores one dimension from its metrics' scores (NaN: N/A). Returns the dimension score
/// (None when nothing with a positive weight counted) and the configured weight of what
/// counted, the denominator of each counted metric's share of the dimension.
#[inline]
pub(crate) fn spread_within_dimension(
    metrics: &[CompiledMetric],
    scores: &[f64],
) -> (Option<f64>, f64) {
    let mut available = 0.0;
    let mut weighted = 0.0;
    for (metric, &score) in metrics.iter().zip(scores) {
        // Branch-free: N/A (NaN) contributes nothing.
        let counted = !score.is_nan();
        let weight = if counted { metric.weight } else { 0.0 };
        available += weight;
        weighted += weight * if counted { score } else { 0.0 };
    }
    ((available > 0.0).then(|| weighted / available), available)
}

/// A counted metric's share of its dimension.
#[inline]
pub(crate) fn share_of_dimension(weight: f64, counted: bool, dimension: &DimensionCell) -> f64 {
    if counted && dimension.counted_metric_weight > 0.0 {
        weight / dimension.counted_metric_weight
    } else {
        0.0
    }
}

/// Weights the dimensions (cells with `score` set count) and returns the total before
/// caps, None when no dimension with a positive weight had data.
#[inline]
pub(crate) fn spread_across_dimensions(
    dimensions: &[CompiledDimension],
    cells: &mut [DimensionCell],
) -> Option<f64> {
    let mut available = 0.0;
    let mut weighted = 0.0;
    for (dim, cell) in dimensions.iter().zip(cells.iter()) {
        if let Some(score) = cell.score {
            available += dim.weight;
            weighted += dim.weight * score;
        }
    }
    let has_weight = available > 0.0;
    // One division per row, not per dimension: this runs on every slider move.
    let inverse = if has_weight { 1.0 / available } else { 0.0 };
    for (dim, cell) in dimensions.iter().zip(cells.iter_mut()) {
        cell.weight_in_total = if cell.score.is_some() {
            dim.weight * inverse
        } else {
            0.0
        };
    }
    has_weight.then_some(weighted * inverse)
}

/// Spreads plain weights the same way (for explanations and callers outside the scoring
/// pass): `out[i]` is `configured[i]`'s share among the available entries, 0 for the
/// others. Returns false, leaving `out` all zero, when no available entry has weight.
pub fn redistribute(configured: &[f64], available: &[bool], out: &mut [f64]) -> bool {
    let total: f64 = configured
        .iter()
        .zip(available)
        .filter(|(_, &a)| a)
        .map(|(w, _)| *w)
        .sum();
    for ((o, w), &a) in out.iter_mut().zip(configured).zip(available) {
        *o = if a && total > 0.0 { w / total } else { 0.0 };
    }
    total > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn available_weights_sum_to_one_and_na_gets_nothing() {
        let mut out = [0.0; 4];
        assert!(redistribute(
            &[40.0, 30.0, 30.0, 0.0],
            &[true, false, true, true],
            &mut out
        ));
        assert!((out.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(out[1], 0.0);
        // Proportional: 40 : 30 keeps its ratio.
        assert!((out[0] / out[2] - 40.0 / 30.0).abs() < 1e-12);
        assert!(!redistribute(&[1.0, 2.0], &[false, false], &mut out[..2]));
        assert_eq!(&out[..2], &[0.0, 0.0]);
    }
}
