//! Properties of scoring that must hold for any data.

use carescore_engine::measure::{Measure, MeasureRow, MeasureTable};
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scorecard::{Band, Curve, ScorecardHistory};
use carescore_engine::scoring::score_table;
use proptest::prelude::*;

/// The default card's metric ids present in generated tables (peer_review_score is not:
/// it stays N/A as in real data).
const IDS: [&str; 9] = [
    "fcr_rate",
    "resolved_rate",
    "complaint_rate",
    "first_response_secs_median",
    "handle_secs_mean",
    "contacts",
    "reassign_rate",
    "csat_mean",
    "csat_top2_rate",
];

fn value_strategy(id: &str) -> BoxedStrategy<Option<f64>> {
    let range = match id {
        "first_response_secs_median" => 0.0..400.0,
        "handle_secs_mean" => 0.0..1500.0,
        "contacts" => 0.0..900.0,
        "csat_mean" => 1.0..5.0,
        _ => 0.0..1.0,
    };
    prop_oneof![1 => Just(None), 4 => range.prop_map(Some)].boxed()
}

fn row_strategy() -> impl Strategy<Value = Vec<(Option<f64>, u32)>> {
    IDS.iter()
        .map(|id| (value_strategy(id), 0u32..200))
        .collect::<Vec<_>>()
}

fn build(rows: Vec<Vec<(Option<f64>, u32)>>) -> MeasureTable {
    let periods = ["2021-01", "2021-02", "2021-03"];
    MeasureTable {
        metric_ids: IDS.iter().map(|s| s.to_string()).collect(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, values)| MeasureRow {
                group: format!("agent{}", i / 3),
                team: None,
                period: periods[i % 3].to_string(),
                records: 100,
                values: values
                    .into_iter()
                    .map(|(value, sample)| Measure {
                        value,
                        sample,
                        numerator: None,
                        excluded: vec![],
                    })
                    .collect(),
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_score_is_within_0_and_100(rows in prop::collection::vec(row_strategy(), 1..12)) {
        let (_, board) = score_table(&build(rows), &default_history()).unwrap();
        for cell in &board.metric_cells {
            if let Some(s) = cell.score { prop_assert!((0.0..=100.0).contains(&s)); }
        }
        for cell in &board.dimension_cells {
            if let Some(s) = cell.score { prop_assert!((0.0..=100.0).contains(&s)); }
        }
        for row in &board.rows {
            if let Some(t) = row.total { prop_assert!((0.0..=100.0).contains(&t)); }
            if let Some(p) = row.percentile { prop_assert!((0.0..=100.0).contains(&p)); }
        }
    }

    #[test]
    fn weights_after_redistribution_sum_to_one(rows in prop::collection::vec(row_strategy(), 1..12)) {
        let (scheme, board) = score_table(&build(rows), &default_history()).unwrap();
        for (i, row) in board.rows.iter().enumerate() {
            let weights = scheme.metric_weights(&board, i);
            let metric_sum: f64 = weights.iter().map(|w| w.in_total).sum();
            let dim_sum: f64 = board.dimensions(i).iter().map(|c| c.weight_in_total).sum();
            if row.total.is_some() {
                prop_assert!((metric_sum - 1.0).abs() < 1e-9, "{}", metric_sum);
                prop_assert!((dim_sum - 1.0).abs() < 1e-9);
            } else {
                prop_assert_eq!(metric_sum, 0.0);
            }
            // N/A never carries weight.
            for (cell, weight) in board.metrics(i).iter().zip(&weights) {
                if cell.score.is_none() { prop_assert_eq!(weight.in_total, 0.0); }
            }
        }
    }

    #[test]
    fn improving_a_metric_never_lowers_the_total(
        values in row_strategy(),
        metric in 0usize..IDS.len(),
        step in 0.0f64..300.0,
    ) {
        let mut better = values.clone();
        let Some(v) = values[metric].0 else { return Ok(()); };
        let history = default_history();
        let card = &history.versions[0].scorecard;
        let (_, m) = card.find_metric(IDS[metric]).unwrap();
        let improved = match card.direction_of(m).unwrap() {
            carescore_engine::metric_def::Direction::HigherIsBetter => v + step,
            carescore_engine::metric_def::Direction::LowerIsBetter => v - step,
        };
        better[metric].0 = Some(improved);
        let (_, before) = score_table(&build(vec![values]), &history).unwrap();
        let (_, after) = score_table(&build(vec![better]), &history).unwrap();
        let (b, a) = (before.rows[0].total.unwrap(), after.rows[0].total.unwrap());
        prop_assert!(a >= b - 1e-9, "{} -> {}", b, a);
    }

    #[test]
    fn row_order_never_changes_results(
        rows in prop::collection::vec(row_strategy(), 1..15),
        seed in any::<u64>(),
    ) {
        let table = build(rows);
        let mut shuffled = table.clone();
        // A deterministic shuffle driven by the seed.
        let n = shuffled.rows.len();
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.rows.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let history = default_history();
        let (_, a) = score_table(&table, &history).unwrap();
        let (_, b) = score_table(&shuffled, &history).unwrap();
        for (i, row) in table.rows.iter().enumerate() {
            let j = shuffled.rows.iter().position(|r| r.group == row.group && r.period == row.period).unwrap();
            prop_assert_eq!(a.rows[i].total, b.rows[j].total);
            prop_assert_eq!(a.rows[i].rank, b.rows[j].rank);
            prop_assert_eq!(a.rows[i].percentile, b.rows[j].percentile);
            prop_assert_eq!(a.rows[i].change, b.rows[j].change);
            prop_assert_eq!(a.rows[i].grade, b.rows[j].grade);
            prop_assert_eq!(a.metrics(i), b.metrics(j));
        }
    }

    #[test]
    fn a_banded_curve_is_a_step_function(
        mut thresholds in prop::collection::btree_set(0u32..1000, 1..6),
        x in 0u32..1100,
        dx in 0u32..50,
    ) {
        // Ascending thresholds with ascending scores for a higher-is-better metric.
        let thresholds: Vec<u32> = std::mem::take(&mut thresholds).into_iter().collect();
        let bands: Vec<Band> = thresholds.iter().enumerate().map(|(i, &t)| Band {
            threshold: f64::from(t) / 1000.0,
            score: 100.0 * (i + 1) as f64 / thresholds.len() as f64,
        }).collect();
        let mut history = default_history();
        let card = &mut history.versions[0].scorecard;
        card.dimensions[0].metrics[0].curve = Curve::Banded { bands: bands.clone() };
        let score_of = |v: f64| {
            let t = MeasureTable {
                metric_ids: vec!["fcr_rate".into()],
                rows: vec![MeasureRow { group: "a".into(), team: None, period: "2021-01".into(),
                    records: 1, values: vec![Measure { value: Some(v), sample: 100, numerator: None, excluded: vec![] }] }],
            };
            let (_, board) = score_table(&t, &history).unwrap();
            board.metrics(0)[0].score.unwrap()
        };
        let v = f64::from(x) / 1000.0;
        let s = score_of(v);
        // Only band scores (or 0) are ever produced.
        prop_assert!(s == 0.0 || bands.iter().any(|b| b.score == s));
        // The score equals the score of the highest threshold reached: flat between steps.
        let expected = bands.iter().filter(|b| v >= b.threshold).map(|b| b.score).fold(0.0, f64::max);
        prop_assert_eq!(s, expected);
        // And it never decreases.
        prop_assert!(score_of(v + f64::from(dx) / 1000.0) >= s);
        let _ = ScorecardHistory::single;
    }
}
