//! Guard rails: caps on the total that no amount of excellence elsewhere can lift, so a
//! single metric cannot buy a high score (e.g. complaint rate above 1% caps at 59).

use super::compile::{CompiledCard, CompiledRail};
use super::{DimensionCell, MetricCell};
use crate::metric_def::Direction;

/// Whether a rail fires for a row. An N/A metric or dimension never fires a rail.
#[inline]
pub(crate) fn fires(rail: &CompiledRail, metrics: &[MetricCell], dims: &[DimensionCell]) -> bool {
    match *rail {
        CompiledRail::DimensionFloor {
            dimension, below, ..
        } => dims[dimension as usize].score.is_some_and(|s| s < below),
        CompiledRail::MetricCritical {
            metric,
            threshold,
            direction,
            ..
        } => {
            let cell = &metrics[metric as usize];
            // A metric excluded for a small sample does not fire either: it did not count.
            cell.score.is_some()
                && cell.value.is_some_and(|v| match direction {
                    Direction::LowerIsBetter => v > threshold,
                    Direction::HigherIsBetter => v < threshold,
                })
        }
    }
}

pub(crate) fn cap_of(rail: &CompiledRail) -> f64 {
    match *rail {
        CompiledRail::DimensionFloor { cap, .. } | CompiledRail::MetricCritical { cap, .. } => cap,
    }
}

/// Bits of the metric rails that fire for a row's metric cells. They depend on values
/// only, not weights, so the scoring pass computes them once per curve change.
#[inline]
pub(crate) fn metric_rails_fired(card: &CompiledCard, metrics: &[MetricCell]) -> u32 {
    let mut fired = 0u32;
    for (i, rail) in card.rails.iter().enumerate().take(32) {
        if matches!(rail, CompiledRail::MetricCritical { .. }) && fires(rail, metrics, &[]) {
            fired |= 1 << i;
        }
    }
    fired
}

/// Applies the card's rails to an uncapped total: returns the capped total and the bit set
/// of rails that fired (bit i = rail i; a card has at most 32 rails, see validation).
/// `metric_fired` comes from [`metric_rails_fired`].
#[inline]
pub(crate) fn apply(
    card: &CompiledCard,
    total: f64,
    metric_fired: u32,
    dims: &[DimensionCell],
) -> (f64, u32) {
    let mut capped = total;
    let mut fired = metric_fired;
    for (i, rail) in card.rails.iter().enumerate() {
        let fires_now = match rail {
            CompiledRail::DimensionFloor { .. } => fires(rail, &[], dims),
            CompiledRail::MetricCritical { .. } => metric_fired & (1 << i) != 0,
        };
        if fires_now {
            fired |= 1 << i;
            capped = capped.min(cap_of(rail));
        }
    }
    (capped, fired)
}
