//! Small statistics used by metrics: mean, median and percentiles.
//!
//! Percentiles use linear interpolation between closest ranks (numpy's default, Excel's
//! PERCENTILE.INC): for `n` sorted values and `p` in 0..=100, the rank is
//! `h = (n - 1) * p / 100`, and the result is `x[floor(h)] + (h - floor(h)) *
//! (x[floor(h) + 1] - x[floor(h)])`.

/// Arithmetic mean; `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The `p`-th percentile (0 to 100, clamped) of `sorted` values in ascending order.
pub fn percentile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || p.is_nan() {
        return None;
    }
    let rank = (n - 1) as f64 * p.clamp(0.0, 100.0) / 100.0;
    let lower = rank.floor() as usize;
    let upper = (lower + 1).min(n - 1);
    let weight = rank - lower as f64;
    Some(sorted[lower] + weight * (sorted[upper] - sorted[lower]))
}

/// The `p`-th percentile of `values` in any order. Reorders `values` (partial selection,
/// no full sort) so callers can reuse one buffer. NaNs must not be present.
pub fn percentile(values: &mut [f64], p: f64) -> Option<f64> {
    let n = values.len();
    if n == 0 || p.is_nan() {
        return None;
    }
    let rank = (n - 1) as f64 * p.clamp(0.0, 100.0) / 100.0;
    let lower = rank.floor() as usize;
    let weight = rank - lower as f64;
    let (_, &mut low, above) = values.select_nth_unstable_by(lower, f64::total_cmp);
    if weight == 0.0 || above.is_empty() {
        return Some(low);
    }
    // The next rank is the smallest value above the selected one.
    let high = above.iter().copied().min_by(f64::total_cmp).unwrap_or(low);
    Some(low + weight * (high - low))
}

/// The median (50th percentile); reorders `values`.
pub fn median(values: &mut [f64]) -> Option<f64> {
    percentile(values, 50.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hand_worked_percentiles() {
        // Sorted: 15 20 35 40 50. p40: h = 4 * 0.4 = 1.6 -> 20 + 0.6 * (35 - 20) = 29.
        let mut values = vec![40.0, 15.0, 50.0, 35.0, 20.0];
        assert_eq!(percentile(&mut values, 40.0), Some(29.0));
        // p90: h = 3.6 -> 40 + 0.6 * 10 = 46.
        assert!((percentile(&mut values, 90.0).unwrap() - 46.0).abs() < 1e-12);
        assert_eq!(percentile(&mut values, 0.0), Some(15.0));
        assert_eq!(percentile(&mut values, 100.0), Some(50.0));
        assert_eq!(median(&mut values), Some(35.0));
        // Even count: median of 1 2 3 4 is 2.5 (h = 1.5).
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
        // Excel PERCENTILE.INC({1,2,3,4,5,6,7,8,9,10}, 0.9) = 9.1.
        let mut ten: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert!((percentile(&mut ten, 90.0).unwrap() - 9.1).abs() < 1e-12);
        assert_eq!(percentile(&mut [7.0], 90.0), Some(7.0));
        assert_eq!(percentile(&mut [], 50.0), None);
        assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn selection_agrees_with_sorting() {
        let mut values = vec![9.0, 1.0, 8.0, 2.0, 7.0, 3.0, 3.0, 6.0];
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        for p in [0.0, 12.5, 33.0, 50.0, 75.0, 90.0, 99.0, 100.0] {
            assert_eq!(
                percentile(&mut values, p),
                percentile_sorted(&sorted, p),
                "{p}"
            );
        }
    }

    proptest! {
        #[test]
        fn percentile_is_monotone_and_bounded(
            values in prop::collection::vec(-1.0e6f64..1.0e6, 1..60),
            p1 in 0.0f64..=100.0,
            p2 in 0.0f64..=100.0,
        ) {
            let (low_p, high_p) = if p1 <= p2 { (p1, p2) } else { (p2, p1) };
            let mut buffer = values.clone();
            let low = percentile(&mut buffer, low_p).unwrap();
            let high = percentile(&mut buffer, high_p).unwrap();
            let min = values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(low <= high + 1e-9 * (1.0 + high.abs()), "{low} > {high}");
            // Interpolation may round one ulp past a bound.
            let slack = 1e-9 * (1.0 + min.abs().max(max.abs()));
            prop_assert!(low >= min - slack && high <= max + slack);
        }
    }
}
