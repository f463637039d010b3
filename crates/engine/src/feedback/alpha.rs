//! Krippendorff's alpha: agreement between observers (QA reviewers) beyond chance, for
//! any number of observers, with missing values (Krippendorff 2011, "Computing
//! Krippendorff's Alpha-Reliability").
//!
//! `alpha = 1 - D_o / D_e`. Only units with at least two values are pairable; `n` is
//! the number of pairable values. With `d(a, b)` the metric's difference (nominal: 0 when
//! equal, else 1; interval: `(a - b)^2`):
//! - observed `D_o = (1/n) * sum over units u of (1/(m_u - 1)) * sum over ordered pairs of
//!   distinct values in u of d`, `m_u` the values in unit u;
//! - expected `D_e = 1/(n (n - 1)) * sum over ordered pairs of distinct pairable values
//!   of d`.
//!
//! Sums over pairs use closed forms, so the cost is linear (nominal: `m^2 - sum of
//! squared category counts`; interval: `2 m sum(x^2) - 2 (sum x)^2`).

use serde::{Deserialize, Serialize};

/// Level of measurement, choosing the difference function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlphaMetric {
    /// Values are categories: equal or not.
    Nominal,
    /// Values are numbers: the squared difference.
    Interval,
}

/// Sum of `d` over ordered pairs of distinct positions of `values`.
fn pair_sum(values: &mut [f64], metric: AlphaMetric) -> f64 {
    let m = values.len() as f64;
    match metric {
        AlphaMetric::Interval => {
            // Centre first: the closed form subtracts two large numbers otherwise.
            let mean = values.iter().sum::<f64>() / m;
            let squares: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
            2.0 * m * squares
        }
        AlphaMetric::Nominal => {
            values.sort_by(f64::total_cmp);
            let same: f64 = values
                .chunk_by(|a, b| a == b)
                .map(|run| (run.len() * run.len()) as f64)
                .sum();
            m * m - same
        }
    }
}

/// Alpha of `data[observer][unit]` (`None` = missing; rows may differ in length, a
/// missing tail is missing; NaN counts as missing). `None` when fewer than two values
/// are pairable or the pairable values do not vary (`D_e = 0`: alpha is undefined).
pub fn krippendorff_alpha(data: &[Vec<Option<f64>>], metric: AlphaMetric) -> Option<f64> {
    let units = data.iter().map(Vec::len).max().unwrap_or(0);
    let mut pairable: Vec<f64> = Vec::new();
    let mut observed = 0.0;
    let mut unit_values: Vec<f64> = Vec::new();
    for unit in 0..units {
        unit_values.clear();
        unit_values.extend(
            data.iter()
                .filter_map(|row| row.get(unit).copied().flatten())
                .filter(|value| !value.is_nan()),
        );
        let m = unit_values.len();
        if m < 2 {
            continue;
        }
        pairable.extend_from_slice(&unit_values);
        observed += pair_sum(&mut unit_values, metric) / (m - 1) as f64;
    }
    let n = pairable.len() as f64;
    if pairable.len() < 2 {
        return None;
    }
    let expected = pair_sum(&mut pairable, metric) / (n * (n - 1.0));
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (observed / n) / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), section C: 4 observers (A-D) x 12 units with missing data.
    /// Transcribed from the paper's reliability data matrix as reproduced by the Python
    /// `krippendorff` examples and R's `irr::kripp.alpha` ("C" data); the paper gives
    /// nominal alpha = 0.743 and interval alpha = 0.849.
    fn krippendorff_2011() -> Vec<Vec<Option<f64>>> {
        let rows: [[i8; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        // 0 marks a missing value (the data use 1-5).
        rows.iter()
            .map(|row| {
                row.iter()
                    .map(|&v| (v != 0).then_some(f64::from(v)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn matches_the_worked_example() {
        let data = krippendorff_2011();
        let nominal = krippendorff_alpha(&data, AlphaMetric::Nominal).unwrap();
        let interval = krippendorff_alpha(&data, AlphaMetric::Interval).unwrap();
        assert_eq!((nominal * 1000.0).round() / 1000.0, 0.743, "{nominal}");
        assert_eq!((interval * 1000.0).round() / 1000.0, 0.849, "{interval}");
    }

    #[test]
    fn perfect_agreement_is_one_and_no_variation_is_undefined() {
        let agree = vec![
            vec![Some(1.0), Some(2.0), Some(3.0)],
            vec![Some(1.0), Some(2.0), Some(3.0), Some(9.0)],
        ];
        assert_eq!(krippendorff_alpha(&agree, AlphaMetric::Interval), Some(1.0));
        assert_eq!(krippendorff_alpha(&agree, AlphaMetric::Nominal), Some(1.0));
        let constant = vec![vec![Some(4.0), Some(4.0)], vec![Some(4.0), None]];
        assert_eq!(krippendorff_alpha(&constant, AlphaMetric::Nominal), None);
        let lonely = vec![vec![Some(4.0), None], vec![None, Some(5.0)]];
        assert_eq!(krippendorff_alpha(&lonely, AlphaMetric::Interval), None);
        assert_eq!(krippendorff_alpha(&[], AlphaMetric::Interval), None);
    }

    #[test]
    fn systematic_disagreement_is_negative() {
        // Two observers always a category apart across two units: D_o = 1 (nominal),
        // values {1,2,2,1}: D_e = (16 - 8) / 12 = 2/3, alpha = 1 - 1.5 = -0.5.
        let data = vec![vec![Some(1.0), Some(2.0)], vec![Some(2.0), Some(1.0)]];
        let alpha = krippendorff_alpha(&data, AlphaMetric::Nominal).unwrap();
        assert!((alpha + 0.5).abs() < 1e-12, "{alpha}");
    }
}
