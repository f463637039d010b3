//! What every chart shares: its series, value ranges with round ends, tick positions and
//! label thinning.

/// One named line, area or set of bars: a value per category, `None` where there is no
/// value (N/A), which charts draw as a gap, never as zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Shown as text (untrusted: agent and team names).
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Series {
        Series {
            name: name.into(),
            values,
        }
    }

    /// The value at `index`, if there is a finite one.
    pub fn value(&self, index: usize) -> Option<f64> {
        self.values
            .get(index)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }
}

/// The value range of a chart: from zero (or the lowest value, if negative) to a round
/// number at or above the highest value; 0-100 when there is no value at all.
pub fn value_range(series: &[Series]) -> (f64, f64) {
    let values = series
        .iter()
        .flat_map(|s| s.values.iter().copied().flatten())
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0.0f64, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if hi == f64::NEG_INFINITY {
        return (0.0, 100.0);
    }
    let lo = if lo < 0.0 { -nice_ceiling(-lo) } else { 0.0 };
    let hi = if hi <= 0.0 { 0.0 } else { nice_ceiling(hi) };
    if hi - lo <= 0.0 {
        (lo, lo + 1.0)
    } else {
        (lo, hi)
    }
}

/// The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least `x` (> 0).
pub fn nice_ceiling(x: f64) -> f64 {
    let magnitude = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&v| v >= x * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// About `target` evenly spaced round ticks from `lo` to `hi` inclusive.
pub fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if hi <= lo || target == 0 {
        return vec![lo];
    }
    let step = nice_ceiling((hi - lo) / target as f64);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Every how many categories to write a label so labels `label_width` pixels wide do
/// not overlap on an axis `axis_width` pixels long (1 = every one).
pub fn label_stride(categories: usize, label_width: f64, axis_width: f64) -> usize {
    if categories == 0 || axis_width <= 0.0 {
        return 1;
    }
    let slot = axis_width / categories as f64;
    ((label_width + 8.0) / slot).ceil().max(1.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_start_at_zero_and_end_on_a_round_number() {
        let s = |v: Vec<Option<f64>>| vec![Series::new("a", v)];
        assert_eq!(
            value_range(&s(vec![Some(87.0), None, Some(42.0)])),
            (0.0, 100.0)
        );
        assert_eq!(value_range(&s(vec![Some(3.2)])), (0.0, 5.0));
        assert_eq!(value_range(&s(vec![Some(120.0)])), (0.0, 200.0));
        assert_eq!(value_range(&s(vec![Some(-3.0), Some(7.0)])), (-5.0, 10.0));
        assert_eq!(value_range(&s(vec![None, Some(f64::NAN)])), (0.0, 100.0));
        assert_eq!(value_range(&s(vec![Some(0.0)])), (0.0, 1.0));
    }

    #[test]
    fn ticks_are_round_and_inside_the_range() {
        assert_eq!(
            ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(ticks(0.0, 4.0, 5), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(ticks(-5.0, 10.0, 3), vec![-5.0, 0.0, 5.0, 10.0]);
    }

    #[test]
    fn long_labels_on_a_crowded_axis_are_thinned() {
        assert_eq!(label_stride(6, 40.0, 600.0), 1);
        assert_eq!(label_stride(24, 40.0, 600.0), 2);
        assert_eq!(label_stride(0, 40.0, 600.0), 1);
    }

    #[test]
    fn a_series_has_no_value_where_it_is_missing_or_not_finite() {
        let s = Series::new("a", vec![Some(1.0), None, Some(f64::NAN)]);
        assert_eq!(
            (s.value(0), s.value(1), s.value(2), s.value(9)),
            (Some(1.0), None, None, None)
        );
    }
}
