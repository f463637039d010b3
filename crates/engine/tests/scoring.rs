//! Scoring behaviour on hand-built measure tables.

use carescore_engine::measure::{Exclusion, ExclusionReason, Measure, MeasureRow, MeasureTable};
use carescore_engine::scorecard::defaults::{default_history, default_scorecard};
use carescore_engine::scorecard::{
    Curve, Dimension, Grade, GradeScheme, GuardRail, Scorecard, ScorecardError, ScorecardHistory,
    ScorecardMetric, ScorecardVersion, SmallSamplePolicy, SCHEMA_VERSION,
};
use carescore_engine::scoring::{
    explain, flags, score_table, CompiledScheme, Formula, MetricStatus, Note, ScoreBoard,
};
use chrono::NaiveDate;

fn m(value: f64, sample: u32) -> Measure {
    Measure {
        value: Some(value),
        sample,
        numerator: None,
        excluded: vec![],
    }
}

fn na() -> Measure {
    Measure::not_available()
}

fn metric(id: &str, weight: f64, target: f64, floor: f64) -> ScorecardMetric {
    ScorecardMetric {
        metric_id: id.to_string(),
        label: None,
        weight,
        target,
        floor,
        direction: None,
        curve: Curve::Linear,
        min_sample: 0,
    }
}

/// Two dimensions: quality (a 0-1 rate "a" weight 3, rate "b" weight 1) weight 1, and
/// speed ("secs", lower is better, 30 -> 100, 130 -> 0) weight 1.
fn small_card() -> Scorecard {
    Scorecard {
        schema_version: SCHEMA_VERSION,
        label: None,
        dimensions: vec![
            Dimension {
                id: "quality".into(),
                label: None,
                weight: 1.0,
                metrics: vec![metric("a", 3.0, 1.0, 0.0), metric("b", 1.0, 1.0, 0.0)],
            },
            Dimension {
                id: "speed".into(),
                label: None,
                weight: 1.0,
                metrics: vec![metric("secs", 1.0, 30.0, 130.0)],
            },
        ],
        custom_metrics: vec![],
        guard_rails: vec![],
        grading: GradeScheme::default(),
        small_sample: SmallSamplePolicy::CountAndFlag,
    }
}

fn row(group: &str, period: &str, values: Vec<Measure>) -> MeasureRow {
    MeasureRow {
        group: group.into(),
        team: None,
        period: period.into(),
        records: 100,
        values,
    }
}

fn table(rows: Vec<MeasureRow>) -> MeasureTable {
    MeasureTable {
        metric_ids: vec!["a".into(), "b".into(), "secs".into()],
        rows,
    }
}

fn score(card: Scorecard, t: &MeasureTable) -> (CompiledScheme, ScoreBoard) {
    score_table(t, &ScorecardHistory::single(card, "test")).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn totals_roll_up_metric_and_dimension_weights() {
    // a = 0.5 -> 50, b = 1.0 -> 100: quality = (3*50 + 100)/4 = 62.5; secs 80 -> 50.
    let t = table(vec![row(
        "Ann",
        "2021-01",
        vec![m(0.5, 50), m(1.0, 50), m(80.0, 50)],
    )]);
    let (_, board) = score(small_card(), &t);
    let dims = board.dimensions(0);
    assert!(close(dims[0].score.unwrap(), 62.5));
    assert!(close(dims[1].score.unwrap(), 50.0));
    assert!(close(board.rows[0].total.unwrap(), 56.25));
    assert_eq!(board.rows[0].grade, Some(Grade::NeedsImprovement));
    assert_eq!(board.rows[0].flags, 0);
}

#[test]
fn an_na_metric_spreads_its_weight_within_its_dimension_never_counting_zero() {
    let t = table(vec![row(
        "Ann",
        "2021-01",
        vec![m(0.5, 50), na(), m(80.0, 50)],
    )]);
    let (scheme, board) = score(small_card(), &t);
    let cells = board.metrics(0);
    let weights = scheme.metric_weights(&board, 0);
    assert_eq!(cells[1].status, MetricStatus::NotAvailable);
    assert_eq!(cells[1].score, None);
    assert_eq!(weights[1].in_total, 0.0);
    // Quality is a's score alone, not (3*50 + 1*0)/4.
    assert!(close(board.dimensions(0)[0].score.unwrap(), 50.0));
    assert!(close(weights[0].in_dimension, 1.0));
    // Speed keeps its half; a takes all of quality's half.
    assert!(close(weights[0].in_total, 0.5));
    let sum: f64 = weights.iter().map(|w| w.in_total).sum();
    assert!(close(sum, 1.0));
    assert!(board.rows[0].has_flag(flags::METRIC_NOT_AVAILABLE));
    assert!(!board.rows[0].has_flag(flags::DIMENSION_NOT_AVAILABLE));
}

#[test]
fn a_dimension_without_data_spreads_its_weight_over_the_others() {
    let t = table(vec![row(
        "Ann",
        "2021-01",
        vec![m(0.5, 50), m(1.0, 50), na()],
    )]);
    let (scheme, board) = score(small_card(), &t);
    assert_eq!(board.dimensions(0)[1].score, None);
    assert!(close(board.dimensions(0)[0].weight_in_total, 1.0));
    assert!(close(board.rows[0].total.unwrap(), 62.5));
    assert!(board.rows[0].has_flag(flags::DIMENSION_NOT_AVAILABLE));
    let why = scheme.explain(&t, &board, "Ann", "2021-01").unwrap();
    assert!(why.notes.contains(&Note::DimensionNotAvailable {
        dimension: "speed".into()
    }));
    assert!(why.to_text().contains("speed has no data"));
}

#[test]
fn a_row_without_any_data_has_no_total_grade_or_rank() {
    let t = table(vec![
        row("Ann", "2021-01", vec![na(), na(), na()]),
        row("Bob", "2021-01", vec![m(1.0, 9), m(1.0, 9), m(30.0, 9)]),
    ]);
    let (scheme, board) = score(small_card(), &t);
    assert_eq!(board.rows[0].total, None);
    assert_eq!(board.rows[0].grade, None);
    assert_eq!(board.rows[0].rank, None);
    assert_eq!(board.rows[1].rank, Some(1));
    assert_eq!(board.rows[1].ranked, 1);
    let sum: f64 = scheme
        .metric_weights(&board, 0)
        .iter()
        .map(|w| w.in_total)
        .sum();
    assert_eq!(sum, 0.0);
    let why = scheme.explain(&t, &board, "Ann", "2021-01").unwrap();
    assert!(why.notes.contains(&Note::NoScore));
}

#[test]
fn a_missing_column_is_na_not_an_error() {
    let mut t = table(vec![row("Ann", "2021-01", vec![m(0.5, 50), m(80.0, 50)])]);
    t.metric_ids = vec!["a".into(), "secs".into()];
    let (_, board) = score(small_card(), &t);
    assert_eq!(board.metrics(0)[1].status, MetricStatus::NotInTable);
    assert!(close(board.dimensions(0)[0].score.unwrap(), 50.0));
}

#[test]
fn peer_review_without_data_is_na_and_teamwork_weight_moves_in_the_default_card() {
    let t = MeasureTable {
        metric_ids: vec!["reassign_rate".into(), "fcr_rate".into()],
        rows: vec![row("Ann", "2021-01", vec![m(0.05, 200), m(0.9, 200)])],
    };
    let (scheme, board) = score_table(&t, &default_history()).unwrap();
    let why = scheme.explain(&t, &board, "Ann", "2021-01").unwrap();
    let teamwork = why.dimensions.iter().find(|d| d.id == "teamwork").unwrap();
    let peer = &teamwork.metrics[1];
    assert_eq!(peer.metric_id, "peer_review_score");
    assert_eq!(peer.formula, Formula::NotInTable);
    assert!(close(teamwork.metrics[0].weight_in_dimension, 1.0));
    assert!(close(teamwork.score.unwrap(), 100.0));
    // Efficiency and customer satisfaction have no data: their weight moved too.
    let total_weight: f64 = why.dimensions.iter().map(|d| d.weight_in_total).sum();
    assert!(close(total_weight, 1.0));
    assert!(close(teamwork.configured_weight, 0.15));
    assert!(close(teamwork.weight_in_total, 15.0 / 50.0));
}

#[test]
fn a_critical_metric_caps_the_total() {
    let mut card = small_card();
    card.guard_rails.push(GuardRail::MetricCritical {
        metric_id: "secs".into(),
        threshold: 60.0,
        cap: 59.0,
    });
    let t = table(vec![
        // Perfect quality, slow: 100 and 30 -> 65 uncapped, capped at 59.
        row("Slow", "2021-01", vec![m(1.0, 9), m(1.0, 9), m(100.0, 9)]),
        // Exactly at the threshold does not fire (worse than means strictly worse).
        row("Edge", "2021-01", vec![m(1.0, 9), m(1.0, 9), m(60.0, 9)]),
    ]);
    let (scheme, board) = score(card, &t);
    assert!(close(board.rows[0].uncapped_total.unwrap(), 65.0));
    assert_eq!(board.rows[0].total, Some(59.0));
    assert_eq!(board.rows[0].rails_fired, 1);
    assert!(board.rows[0].has_flag(flags::CAPPED));
    assert_eq!(board.rows[1].rails_fired, 0);
    assert_eq!(board.rows[1].total, board.rows[1].uncapped_total);
    let why = scheme.explain(&t, &board, "Slow", "2021-01").unwrap();
    assert!(why.guard_rails[0].binding);
    assert!(why.to_text().contains("APPLIED"));
}

#[test]
fn default_card_caps_a_high_complaint_rate_at_59() {
    let t = MeasureTable {
        metric_ids: vec![
            "fcr_rate".into(),
            "complaint_rate".into(),
            "csat_mean".into(),
        ],
        rows: vec![
            row(
                "Ann",
                "2021-01",
                vec![m(0.95, 500), m(0.02, 500), m(4.8, 300)],
            ),
            row(
                "Bob",
                "2021-01",
                vec![m(0.95, 500), m(0.004, 500), m(4.8, 300)],
            ),
        ],
    };
    let (_, board) = score_table(&t, &default_history()).unwrap();
    assert_eq!(board.rows[0].total, Some(59.0));
    assert_eq!(board.rows[0].grade, Some(Grade::NeedsImprovement));
    assert!(board.rows[1].total.unwrap() > 59.0);
}

#[test]
fn a_dimension_floor_caps_the_total_and_the_lowest_cap_binds() {
    let mut card = small_card();
    card.guard_rails = vec![
        GuardRail::DimensionFloor {
            dimension: "quality".into(),
            below: 50.0,
            cap: 70.0,
        },
        GuardRail::DimensionFloor {
            dimension: "quality".into(),
            below: 30.0,
            cap: 40.0,
        },
    ];
    let t = table(vec![
        row("Low", "2021-01", vec![m(0.2, 9), m(0.2, 9), m(30.0, 9)]),
        row("Mid", "2021-01", vec![m(0.45, 9), m(0.45, 9), m(30.0, 9)]),
    ]);
    let (scheme, board) = score(card, &t);
    // Low: quality 20, speed 100 -> 60, both rails fire, 40 binds.
    assert_eq!(board.rows[0].total, Some(40.0));
    assert_eq!(board.rows[0].rails_fired, 0b11);
    // Mid: quality 45, speed 100 -> 72.5, capped at 70.
    assert_eq!(board.rows[1].total, Some(70.0));
    let why = scheme.explain(&t, &board, "Low", "2021-01").unwrap();
    assert!(why.guard_rails[0].fired && !why.guard_rails[0].binding);
    assert!(why.guard_rails[1].binding);
}

#[test]
fn ranks_share_ties_and_skip_percentiles_count_groups_below() {
    let same = || vec![m(1.0, 9), m(1.0, 9), m(30.0, 9)];
    let t = table(vec![
        row("A", "2021-01", same()),
        row("B", "2021-01", same()),
        row("C", "2021-01", vec![m(0.0, 9), m(0.0, 9), m(30.0, 9)]),
        row("D", "2021-01", vec![m(0.0, 9), m(0.0, 9), m(130.0, 9)]),
        // Another period is ranked on its own.
        row("A", "2021-02", vec![m(0.0, 9), m(0.0, 9), m(130.0, 9)]),
    ]);
    let (_, board) = score(small_card(), &t);
    let ranks: Vec<Option<u32>> = board.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [Some(1), Some(1), Some(3), Some(4), Some(1)]);
    let pct: Vec<f64> = board.rows.iter().map(|r| r.percentile.unwrap()).collect();
    // A and B beat 2 of the 3 others; C beats 1; D none; alone in its period: 100.
    assert!(close(pct[0], 200.0 / 3.0) && close(pct[1], 200.0 / 3.0));
    assert!(close(pct[2], 100.0 / 3.0));
    assert_eq!(pct[3], 0.0);
    assert_eq!(pct[4], 100.0);
    assert_eq!(board.rows[0].ranked, 4);
}

#[test]
fn forced_distribution_grades_by_rank() {
    let mut card = small_card();
    card.grading = GradeScheme::ForcedDistribution {
        excellent: 0.2,
        good: 0.4,
        pass: 0.2,
    };
    let rows = (0..5)
        .map(|i| {
            let v = f64::from(i) / 4.0;
            row(
                &format!("G{i}"),
                "2021-01",
                vec![m(v, 9), m(v, 9), m(30.0, 9)],
            )
        })
        .collect();
    let (_, board) = score(card, &table(rows));
    let grades: Vec<Grade> = board.rows.iter().map(|r| r.grade.unwrap()).collect();
    // G4 is best.
    assert_eq!(
        grades,
        [
            Grade::NeedsImprovement,
            Grade::Pass,
            Grade::Good,
            Grade::Good,
            Grade::Excellent
        ]
    );
}

#[test]
fn change_is_against_the_calendar_previous_period_and_none_without_it() {
    let t = table(vec![
        row("A", "2021-01", vec![m(0.5, 9), m(0.5, 9), m(80.0, 9)]),
        row("A", "2021-02", vec![m(1.0, 9), m(1.0, 9), m(80.0, 9)]),
        // March is missing: April has no previous score.
        row("A", "2021-04", vec![m(1.0, 9), m(1.0, 9), m(30.0, 9)]),
        row("B", "2021-02", vec![m(1.0, 9), m(1.0, 9), m(80.0, 9)]),
    ]);
    let (scheme, board) = score(small_card(), &t);
    assert_eq!(board.rows[0].change, None);
    assert!(close(board.rows[1].change.unwrap(), 25.0));
    assert_eq!(board.rows[2].change, None);
    assert_eq!(board.rows[3].change, None);
    let why = scheme.explain(&t, &board, "A", "2021-02").unwrap();
    assert_eq!(why.previous_period.as_deref(), Some("2021-01"));
    assert!(close(why.previous_total.unwrap(), 50.0));
}

#[test]
fn each_period_is_scored_with_the_version_in_force_at_its_start() {
    let mut speed_heavy = small_card();
    speed_heavy.dimensions[1].weight = 3.0;
    let history = ScorecardHistory {
        schema_version: SCHEMA_VERSION,
        versions: vec![
            ScorecardVersion {
                effective_from: NaiveDate::from_ymd_opt(2021, 2, 10).unwrap(),
                reason: "speed matters more".into(),
                scorecard: speed_heavy,
            },
            ScorecardVersion {
                effective_from: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
                reason: "first".into(),
                scorecard: small_card(),
            },
        ],
    };
    let values = || vec![m(1.0, 9), m(1.0, 9), m(130.0, 9)];
    let t = table(vec![
        row("A", "2021-01", values()),
        row("A", "2021-02", values()),
        row("A", "2021-03", values()),
    ]);
    let (scheme, board) = score_table(&t, &history).unwrap();
    let totals: Vec<f64> = board.rows.iter().map(|r| r.total.unwrap()).collect();
    // Quality 100, speed 0: 50 under equal weights, 25 under 1:3.
    assert!(close(totals[0], 50.0));
    assert!(close(totals[1], 50.0), "February started before the change");
    assert!(close(totals[2], 25.0));
    let why = scheme.explain(&t, &board, "A", "2021-03").unwrap();
    assert_eq!(why.version.reason, "speed matters more");
    assert_eq!(board.rows[2].version, 1);
}

#[test]
fn small_samples_are_flagged_and_counted_or_excluded_by_policy() {
    let mut card = small_card();
    card.dimensions[0].metrics[0].min_sample = 30;
    let t = table(vec![row(
        "A",
        "2021-01",
        vec![m(0.0, 5), m(1.0, 50), m(30.0, 50)],
    )]);
    let (_, board) = score(card.clone(), &t);
    assert!(board.metrics(0)[0].small_sample);
    assert_eq!(board.metrics(0)[0].status, MetricStatus::Scored);
    assert!(board.rows[0].has_flag(flags::SMALL_SAMPLE));
    assert!(close(board.dimensions(0)[0].score.unwrap(), 25.0));

    card.small_sample = SmallSamplePolicy::Exclude;
    let (scheme, board) = score(card, &t);
    assert_eq!(
        board.metrics(0)[0].status,
        MetricStatus::SmallSampleExcluded
    );
    assert!(close(board.dimensions(0)[0].score.unwrap(), 100.0));
    let why = scheme.explain(&t, &board, "A", "2021-01").unwrap();
    assert!(why.notes.contains(&Note::SmallSample {
        metric_id: "a".into(),
        sample: 5,
        min_sample: 30,
        counted: false
    }));
}

#[test]
fn explanation_traces_values_to_records_and_weights() {
    let t = MeasureTable {
        metric_ids: vec!["fcr_rate".into(), "complaint_rate".into()],
        rows: vec![MeasureRow {
            group: "Ann".into(),
            team: Some("North".into()),
            period: "2021-01".into(),
            records: 1100,
            values: vec![
                Measure {
                    value: Some(812.0 / 1020.0),
                    sample: 1020,
                    numerator: Some(812.0),
                    excluded: vec![Exclusion {
                        reason: ExclusionReason::ValueMissing,
                        count: 80,
                    }],
                },
                na(),
            ],
        }],
    };
    let why = explain(&t, &default_history(), "Ann", "2021-01")
        .unwrap()
        .unwrap();
    let fcr = &why.dimensions[0].metrics[0];
    assert_eq!(
        fcr.formula,
        Formula::Quotient {
            numerator: 812.0,
            denominator: 1020,
            value: 812.0 / 1020.0
        }
    );
    assert_eq!(fcr.excluded[0].count, 80);
    assert!(close(fcr.configured_weight, 0.4));
    assert!(close(fcr.weight_in_dimension, 1.0));
    assert!(close(fcr.weight_in_total, 1.0));
    let text = why.to_text();
    assert!(text.contains("fcr_rate = 812 / 1020 = 0.796"), "{text}");
    assert!(text.contains("excluded: 80 records"));
    assert!(text.contains("team North"));
    // Structured and serialisable for the UI.
    let json = serde_json::to_value(&why).unwrap();
    assert_eq!(
        json["dimensions"][0]["metrics"][0]["formula"]["kind"],
        "quotient"
    );
    assert!(explain(&t, &default_history(), "Nobody", "2021-01")
        .unwrap()
        .is_none());
}

#[test]
fn team_tables_are_scored_by_the_same_function() {
    let t = table(vec![
        row(
            "North",
            "2021-01",
            vec![m(0.8, 900), m(0.9, 900), m(50.0, 900)],
        ),
        row(
            "South",
            "2021-01",
            vec![m(0.6, 700), m(0.7, 700), m(40.0, 700)],
        ),
    ]);
    let (_, board) = score(small_card(), &t);
    assert_eq!(board.rows[0].rank, Some(1));
    assert_eq!(board.rows[1].rank, Some(2));
}

#[test]
fn weight_edits_rescore_in_place() {
    let t = table(vec![row(
        "A",
        "2021-01",
        vec![m(1.0, 9), m(1.0, 9), m(130.0, 9)],
    )]);
    let (mut scheme, mut board) = score(small_card(), &t);
    assert!(close(board.rows[0].total.unwrap(), 50.0));
    scheme.set_dimension_weight(0, 1, 3.0).unwrap();
    scheme.score_into(&mut board);
    assert!(close(board.rows[0].total.unwrap(), 25.0));
    scheme.set_metric_weight(0, 0, 1, 0.0).unwrap();
    scheme.score_into(&mut board);
    assert_eq!(scheme.metric_weights(&board, 0)[1].in_total, 0.0);
    // The board kept its metric scores through the weight edits and still matches a
    // fresh scoring.
    assert_eq!(board.rows, scheme.score().rows);
    assert!(scheme.set_metric_weight(0, 0, 0, -1.0).is_err());
    // Out-of-range edits are errors, not panics, and change nothing.
    assert!(matches!(
        scheme.set_dimension_weight(0, 9, 1.0),
        Err(ScorecardError::NoSuchItem { dimension: 9, .. })
    ));
    assert!(scheme.set_metric_weight(0, 0, 7, 1.0).is_err());
    assert!(scheme.set_metric_weight(5, 0, 0, 1.0).is_err());
    assert_eq!(board.rows, scheme.score().rows);
    assert_eq!(
        scheme.history().versions[0].scorecard.dimensions[1].weight,
        3.0
    );
    let mut edited = scheme.history().versions[0].scorecard.clone();
    edited.dimensions[1].metrics[0].floor = 230.0;
    scheme.replace_scorecard(0, edited, &t).unwrap();
    scheme.score_into(&mut board);
    // secs 130 is now halfway between 230 and 30: speed 50, total (100 + 3*50)/4.
    assert!(close(board.rows[0].total.unwrap(), 62.5));
}

#[test]
fn invalid_cards_are_rejected_with_a_reason() {
    let mut card = small_card();
    card.guard_rails.push(GuardRail::MetricCritical {
        metric_id: "nope".into(),
        threshold: 1.0,
        cap: 50.0,
    });
    let t = table(vec![]);
    let err = CompiledScheme::compile(&ScorecardHistory::single(card, "x"), &t).unwrap_err();
    assert!(err.to_string().contains("nope"));
    let mut conflict = small_card();
    conflict.dimensions[1].metrics[0].direction =
        Some(carescore_engine::metric_def::Direction::HigherIsBetter);
    assert!(conflict.validate().is_err());
    let _ = default_scorecard();
}

#[test]
fn the_pwc_call_centre_scores_end_to_end_with_the_default_scheme() {
    use carescore_engine::ingest::{read_csv, Mapping};
    use carescore_engine::metrics::{compute, standard::definitions, GroupBy};
    use carescore_engine::period::PeriodKind;

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/pwc_call_center/Call-Center-Dataset.csv"
    );
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        panic!("test data missing: {path} ({e}); CI keeps ../shared beside the clone")
    });
    let mapping = Mapping::from_json(
        r#"{"columns": {"id": "Call Id", "agent": "Agent", "opened_at": ["Date", "Time"],
        "answered": "Answered (Y/N)", "resolved": "Resolved",
        "first_response_secs": "Speed of answer in seconds", "handle_secs": "AvgTalkDuration",
        "csat": "Satisfaction rating"}}"#,
    )
    .unwrap();
    let store = read_csv(&bytes, Some(&mapping)).unwrap().store;
    let table = compute(&store, &definitions(), GroupBy::Agent, PeriodKind::Month);
    let (scheme, board) = score_table(&table, &default_history()).unwrap();
    assert_eq!(board.rows.len(), 8 * 3, "8 agents x 3 months");
    for (i, row) in board.rows.iter().enumerate() {
        let total = row.total.expect("every agent-month has data");
        assert!((0.0..=100.0).contains(&total));
        assert_eq!(row.ranked, 8);
        // The file has no complaints, FCR, reassignments or peer reviews: teamwork is N/A
        // and its weight moved; nothing is counted as zero.
        assert!(row.has_flag(flags::DIMENSION_NOT_AVAILABLE));
        let teamwork = board.dimensions(i)[2];
        assert_eq!(teamwork.score, None);
        let weights: f64 = scheme
            .metric_weights(&board, i)
            .iter()
            .map(|w| w.in_total)
            .sum();
        assert!(close(weights, 1.0));
    }
    // Ranks in a month are a permutation-with-ties of 1..=8 starting at 1.
    let january: Vec<u32> = board
        .rows
        .iter()
        .zip(&table.rows)
        .filter(|(_, r)| r.period == "2021-01")
        .map(|(s, _)| s.rank.unwrap())
        .collect();
    assert!(january.contains(&1) && january.iter().all(|&r| (1..=8).contains(&r)));
    let why = scheme.explain(&table, &board, "Diane", "2021-02").unwrap();
    assert_eq!(why.previous_period.as_deref(), Some("2021-01"));
    assert!(why.change.is_some());
    assert!(why.to_text().contains("csat_mean = "));
}
