//! Hand-computed aggregations over the built-in forms.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::feedback::builtin;
use crate::feedback::response::{Answer, Answers};
use crate::measure::ExclusionReason;
use crate::scorecard::Scorecard;

fn roster() -> BTreeMap<String, String> {
    [("Ann", "North"), ("Bo", "North"), ("Cy", "South")]
        .into_iter()
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .collect()
}

fn numbers(pairs: &[(&str, f64)]) -> Answers {
    pairs
        .iter()
        .map(|&(id, v)| (id.to_string(), Answer::Number(v)))
        .collect()
}

fn at(month: u32, day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn survey(id: &str, agent: &str, when: NaiveDateTime, answers: &[(&str, f64)]) -> SurveyResponse {
    SurveyResponse {
        id: id.into(),
        form_id: builtin::CUSTOMER_SURVEY.into(),
        contact_id: None,
        agent: agent.into(),
        submitted_at: when,
        answers: numbers(answers),
    }
}

fn value(table: &MeasureTable, group: &str, period: &str, metric: &str) -> Option<f64> {
    let column = table.column(metric).expect("metric in table");
    table.row(group, period).expect("row").values[column].value
}

fn cell<'t>(table: &'t MeasureTable, group: &str, period: &str, metric: &str) -> &'t Measure {
    let column = table.column(metric).expect("metric in table");
    &table.row(group, period).expect("row").values[column]
}

fn excluded(measure: &Measure, reason: ExclusionReason) -> u32 {
    measure
        .excluded
        .iter()
        .find(|e| e.reason == reason)
        .map_or(0, |e| e.count)
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

fn surveys() -> Vec<SurveyResponse> {
    let mut appealed = survey("s6", "Bo", at(3, 5), &[("csat", 5.0), ("nps", 0.0)]);
    appealed.contact_id = Some("C9".into());
    vec![
        survey(
            "s1",
            "Ann",
            at(3, 1),
            &[("csat", 5.0), ("nps", 10.0), ("ces", 7.0)],
        ),
        survey(
            "s2",
            "Ann",
            at(3, 2),
            &[("csat", 4.0), ("nps", 7.0), ("ces", 5.0)],
        ),
        survey("s3", "Ann", at(3, 3), &[("csat", 2.0), ("nps", 3.0)]),
        // CSAT 6 is out of range: it does not count, the NPS does.
        survey("s4", "Ann", at(3, 4), &[("csat", 6.0), ("nps", 9.0)]),
        survey("s5", "Ann", at(4, 1), &[("csat", 3.0)]),
        appealed,
        survey(
            "s7",
            "Cy",
            at(3, 9),
            &[("csat", 1.0), ("nps", 10.0), ("ces", 1.0)],
        ),
    ]
}

fn appeals() -> Exclusions {
    let mut exclusions = Exclusions::none();
    exclusions.record_keys.insert("C9".into());
    exclusions.review_ids.insert("q4".into());
    exclusions.review_ids.insert("p-ed".into());
    exclusions
}

#[test]
fn survey_measures_by_agent() {
    let roster = roster();
    let grouping = Grouping {
        by: GroupBy::Agent,
        period: PeriodKind::Month,
        roster: &roster,
    };
    let table = survey_table(&grouping, &builtin::all(), &surveys(), &appeals());
    assert_eq!(table.metric_ids, SURVEY_IDS);
    let keys: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|r| (r.group.as_str(), r.period.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("Ann", "2026-03"),
            ("Ann", "2026-04"),
            ("Bo", "2026-03"),
            ("Cy", "2026-03")
        ]
    );
    assert_eq!(table.rows[0].team.as_deref(), Some("North"));
    assert_eq!(table.rows[0].records, 0);

    // Ann, March: CSAT 5, 4, 2 (6 is out of range) -> 11/3; 4-5 share 2/3.
    let csat = cell(&table, "Ann", "2026-03", SURVEY_CSAT_MEAN);
    close(csat.value, 11.0 / 3.0);
    assert_eq!((csat.sample, csat.numerator), (3, Some(11.0)));
    assert_eq!(excluded(csat, ExclusionReason::ValueMissing), 1);
    close(
        value(&table, "Ann", "2026-03", SURVEY_CSAT_TOP2_RATE),
        2.0 / 3.0,
    );
    // NPS 10, 7, 3, 9: promoters 2, detractors 1 of 4 -> 100 * (2 - 1) / 4 = 25.
    let nps = cell(&table, "Ann", "2026-03", SURVEY_NPS);
    close(nps.value, 25.0);
    assert_eq!(nps.sample, 4);
    // CES 7, 5 -> 6 over 2; two responses had none.
    let ces = cell(&table, "Ann", "2026-03", SURVEY_CES_MEAN);
    close(ces.value, 6.0);
    assert_eq!(
        (ces.sample, excluded(ces, ExclusionReason::ValueMissing)),
        (2, 2)
    );
    // Bo's only survey is on an appealed contact: a row of N/A, one exclusion.
    let bo = cell(&table, "Bo", "2026-03", SURVEY_CSAT_MEAN);
    assert_eq!((bo.value, bo.sample), (None, 0));
    assert_eq!(excluded(bo, ExclusionReason::Excluded), 1);
    // Cy: one promoter of one -> 100.
    close(value(&table, "Cy", "2026-03", SURVEY_NPS), 100.0);
}

#[test]
fn survey_measures_by_team_and_for_all() {
    let roster = roster();
    let mut grouping = Grouping {
        by: GroupBy::Team,
        period: PeriodKind::Quarter,
        roster: &roster,
    };
    let table = survey_table(&grouping, &builtin::all(), &surveys(), &appeals());
    // North Q1: Ann's CSAT 5, 4, 2 (her April 3 is in Q2; Bo's is appealed) -> 11/3.
    close(
        value(&table, "North", "2026-Q1", SURVEY_CSAT_MEAN),
        11.0 / 3.0,
    );
    close(value(&table, "North", "2026-Q2", SURVEY_CSAT_MEAN), 3.0);
    assert_eq!(table.rows[0].team, None, "team rows carry no team");
    // South: Cy alone.
    close(value(&table, "South", "2026-Q1", SURVEY_CES_MEAN), 1.0);
    grouping.by = GroupBy::All;
    let all = survey_table(&grouping, &builtin::all(), &surveys(), &Exclusions::none());
    // Everyone in Q1, nothing excluded: CSAT 5, 4, 2, 5, 1 -> 17/5.
    close(value(&all, "all", "2026-Q1", SURVEY_CSAT_MEAN), 3.4);
    // NPS 10, 7, 3, 9, 0, 10: promoters 3, detractors 2 of 6 -> 16.67.
    close(value(&all, "all", "2026-Q1", SURVEY_NPS), 100.0 / 6.0);
    // Scheme feedback shares the response type but is not a customer survey.
    let mut feedback = survey("f1", "Ann", at(3, 1), &[("understand_score", 2.0)]);
    feedback.form_id = builtin::SCHEME_FEEDBACK.into();
    let table = survey_table(&grouping, &builtin::all(), &[feedback], &Exclusions::none());
    assert!(table.rows.is_empty());
    // An agent missing from the roster is in the no-team group.
    grouping.by = GroupBy::Team;
    let stranger = [survey("x", "Zed", at(3, 1), &[("csat", 4.0)])];
    let table = survey_table(&grouping, &builtin::all(), &stranger, &Exclusions::none());
    assert_eq!(table.rows[0].group, crate::metrics::NO_TEAM_GROUP);
}

fn qa(id: &str, agent: &str, reviewed: NaiveDate, marks: &[(&str, Answer)]) -> QaReview {
    QaReview {
        id: id.into(),
        form_id: builtin::QA_AFTER_SALES_CHAT.into(),
        conversation_id: format!("conv-{id}"),
        agent: agent.into(),
        reviewer: "Rita".into(),
        reviewed_on: reviewed,
        conversation_on: None,
        answers: marks
            .iter()
            .map(|(item, answer)| (item.to_string(), answer.clone()))
            .collect(),
        item_comments: BTreeMap::new(),
        comment: None,
    }
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn qa_reviews() -> Vec<QaReview> {
    use Answer::{Number as N, Text as T};
    let na = || T("n/a".into());
    // 85 of 90 (identity n/a) -> 94.44.
    let good = qa(
        "q1",
        "Ann",
        day(3, 10),
        &[
            ("greeting", N(5.0)),
            ("identity_check", na()),
            ("problem_understanding", N(10.0)),
            ("policy_accuracy", N(25.0)),
            ("refund_return_handling", N(25.0)),
            ("tone", N(10.0)),
            ("closing", N(10.0)),
        ],
    );
    // Policy 20 of 25: a critical failure, score 0. Reviewed in April about a March chat.
    let mut failed = qa(
        "q2",
        "Ann",
        day(4, 2),
        &[
            ("greeting", N(5.0)),
            ("identity_check", N(10.0)),
            ("problem_understanding", N(10.0)),
            ("policy_accuracy", N(20.0)),
            ("refund_return_handling", na()),
            ("tone", N(15.0)),
            ("closing", N(10.0)),
        ],
    );
    failed.conversation_on = Some(day(3, 30));
    let mut unknown_form = qa("q3", "Ann", day(3, 11), &[("greeting", N(5.0))]);
    unknown_form.form_id = "retired-rubric".into();
    let appealed = qa("q4", "Ann", day(3, 12), &[("greeting", N(0.0))]);
    vec![good, failed, unknown_form, appealed]
}

#[test]
fn qa_scores_and_critical_failures() {
    let rubric = builtin::qa_after_sales_chat();
    let reviews = qa_reviews();
    let first = qa_review_score(&rubric, &reviews[0]);
    assert_eq!((first.earned, first.possible), (85.0, 90.0));
    close(first.score, 8500.0 / 90.0);
    let second = qa_review_score(&rubric, &reviews[1]);
    assert_eq!(second.critical_failures, ["policy_accuracy"]);
    assert_eq!(
        (second.earned, second.possible, second.score),
        (70.0, 75.0, Some(0.0))
    );

    let roster = roster();
    let grouping = Grouping {
        by: GroupBy::Agent,
        period: PeriodKind::Month,
        roster: &roster,
    };
    let table = qa_table(&grouping, &builtin::all(), &reviews, &appeals());
    assert_eq!(table.metric_ids, QA_IDS);
    assert_eq!(
        table.rows.len(),
        1,
        "q2 is bucketed by its conversation's March date"
    );
    // Mean of 94.44 and 0 = 47.22 over two scored reviews; q3's form is unknown (value
    // missing), q4 is appealed (excluded).
    let score = cell(&table, "Ann", "2026-03", QA_SCORE_MEAN);
    close(score.value, 8500.0 / 180.0);
    assert_eq!(score.sample, 2);
    assert_eq!(excluded(score, ExclusionReason::ValueMissing), 1);
    assert_eq!(excluded(score, ExclusionReason::Excluded), 1);
    close(value(&table, "Ann", "2026-03", QA_CRITICAL_FAIL_COUNT), 1.0);
    close(value(&table, "Ann", "2026-03", QA_CRITICAL_FAIL_RATE), 0.5);
}

fn review(
    id: &str,
    rater: &str,
    role: RaterRole,
    period: &str,
    marks: &[(&str, f64)],
) -> Review360 {
    Review360 {
        id: id.into(),
        form_id: builtin::review360_id(role),
        subject: "Ann".into(),
        rater: rater.into(),
        role,
        period: period.into(),
        answers: numbers(marks),
        comment: None,
    }
}

fn reviews360() -> Vec<Review360> {
    use RaterRole::{Manager, Peer, SelfReview};
    let teamwork = |v: f64| [("tw_helps", v), ("tw_knowledge", v), ("tw_handover", v)];
    vec![
        // Teamwork (100 + 75 + 50) / 3 = 75; service quality 100; overall 425 / 5 = 85.
        review(
            "p-bo",
            "Bo",
            Peer,
            "2026-Q1",
            &[
                ("tw_helps", 5.0),
                ("tw_knowledge", 4.0),
                ("tw_handover", 3.0),
                ("sq_accuracy", 5.0),
                ("sq_ownership", 5.0),
            ],
        ),
        review("p-cy", "Cy", Peer, "2026-Q1", &teamwork(3.0)),
        // A monthly review lands in its quarter: teamwork 0.
        review("p-di", "Di", Peer, "2026-02", &teamwork(1.0)),
        // Appealed: excluded.
        review("p-ed", "Ed", Peer, "2026-Q1", &teamwork(5.0)),
        review("s-ann", "Ann", SelfReview, "2026-Q1", &teamwork(5.0)),
        review("m-lee", "Lee", Manager, "2026-Q1", &teamwork(4.0)),
    ]
}

#[test]
fn review360_means_per_role_and_dimension() {
    let roster = roster();
    let grouping = Grouping {
        by: GroupBy::Agent,
        period: PeriodKind::Quarter,
        roster: &roster,
    };
    let table = review360_table(&grouping, &builtin::all(), &reviews360(), &appeals());
    assert_eq!(
        table.metric_ids,
        [
            "self_teamwork_mean",
            "peer_service_quality_mean",
            "peer_teamwork_mean",
            "manager_teamwork_mean",
            PEER_REVIEW_SCORE
        ]
    );
    // Peers Bo 75, Cy 50, Di 0 -> 125 / 3.
    let peer = cell(&table, "Ann", "2026-Q1", "peer_teamwork_mean");
    close(peer.value, 125.0 / 3.0);
    assert_eq!(peer.sample, 3);
    assert_eq!(excluded(peer, ExclusionReason::Excluded), 1);
    close(value(&table, "Ann", "2026-Q1", "self_teamwork_mean"), 100.0);
    close(
        value(&table, "Ann", "2026-Q1", "manager_teamwork_mean"),
        75.0,
    );
    // Only Bo rated service quality: the two other peers count as value missing.
    let quality = cell(&table, "Ann", "2026-Q1", "peer_service_quality_mean");
    close(quality.value, 100.0);
    assert_eq!(excluded(quality, ExclusionReason::ValueMissing), 2);
    // Overall peer score: Bo 85, Cy 50, Di 0 -> 45.
    close(value(&table, "Ann", "2026-Q1", PEER_REVIEW_SCORE), 45.0);

    // By month, only Di's February review can be placed; the quarter reviews are listed.
    let monthly = Grouping {
        period: PeriodKind::Month,
        ..grouping
    };
    let table = review360_table(&monthly, &builtin::all(), &reviews360(), &appeals());
    assert_eq!(table.rows.len(), 1);
    close(value(&table, "Ann", "2026-02", "peer_teamwork_mean"), 0.0);
    assert_eq!(
        unplaced_reviews(&reviews360(), PeriodKind::Month),
        ["p-bo", "p-cy", "p-ed", "s-ann", "m-lee"]
    );
}

#[test]
fn definitions_cover_every_produced_id() {
    for id in SURVEY_IDS.iter().chain(&QA_IDS) {
        let def = definition(id).expect(id);
        assert_eq!(def.id, *id);
    }
    let teamwork = definition("peer_teamwork_mean").unwrap();
    assert_eq!(teamwork.source, Source::Reviews360);
    assert_eq!(teamwork.unit, Unit::Points);
    assert_eq!(
        definition("manager_service_quality_mean")
            .unwrap()
            .direction,
        Direction::HigherIsBetter
    );
    assert_eq!(
        definition("qa_critical_fail_count").unwrap().direction,
        Direction::LowerIsBetter
    );
    assert!(definition("peer__mean").is_none());
    assert!(definition("fcr_rate").is_none());
    let defs = review360_definitions(&["teamwork"]);
    let ids: Vec<&str> = defs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "self_teamwork_mean",
            "peer_teamwork_mean",
            "manager_teamwork_mean",
            PEER_REVIEW_SCORE
        ]
    );
}

/// The merged table scores like any other: the default card picks up the peer review
/// score, and a QA critical failure trips a guard rail.
#[test]
fn merged_feedback_is_scored_like_any_metric() {
    let roster = roster();
    let grouping = Grouping {
        by: GroupBy::Agent,
        period: PeriodKind::Quarter,
        roster: &roster,
    };
    let feedback = feedback_table(
        &grouping,
        &builtin::all(),
        &surveys(),
        &qa_reviews(),
        &reviews360(),
        &appeals(),
    );
    let contacts = MeasureTable {
        metric_ids: vec!["reassign_rate".into()],
        rows: vec![MeasureRow {
            group: "Ann".into(),
            team: Some("North".into()),
            period: "2026-Q1".into(),
            records: 120,
            values: vec![Measure {
                value: Some(0.05),
                sample: 120,
                numerator: Some(6.0),
                excluded: vec![],
            }],
        }],
    };
    let merged = merge_tables(contacts, feedback);
    let ann = merged.row("Ann", "2026-Q1").unwrap();
    assert_eq!(ann.records, 120, "feedback rows keep the contact count");
    let history = crate::scorecard::defaults::default_history();
    let (_, board) = crate::scoring::score_table(&merged, &history).unwrap();
    let row = merged.rows.iter().position(|r| r.group == "Ann").unwrap();
    // Teamwork: reassign_rate, then peer_review_score (metrics 6 and 7 of the card).
    let peer_cell = board.metrics(row)[7];
    assert_eq!(peer_cell.value, Some(45.0));
    assert_eq!(peer_cell.status, crate::scoring::MetricStatus::Scored);

    let mut custom = definitions();
    custom.retain(|d| d.source == Source::QaReviews);
    let card: Scorecard = serde_json::from_value(serde_json::json!({
        "schema_version": 1,
        "dimensions": [{"id": "service_quality", "weight": 1, "metrics": [
            {"metric_id": "qa_score_mean", "weight": 1, "target": 90, "floor": 0},
            {"metric_id": "qa_critical_fail_count", "weight": 0, "target": 0, "floor": 3}
        ]}],
        "custom_metrics": custom,
        "guard_rails": [{"kind": "metric_critical", "metric_id": "qa_critical_fail_count",
                         "threshold": 0, "cap": 40}]
    }))
    .unwrap();
    let history = crate::scorecard::ScorecardHistory::single(card, "QA only");
    let (_, board) = crate::scoring::score_table(&merged, &history).unwrap();
    let scored = board.rows[row];
    // qa_score_mean 47.22 of target 90 -> 52.47 uncapped; one critical failure caps at 40.
    close(scored.uncapped_total, 8500.0 / 180.0 / 90.0 * 100.0);
    assert_eq!(scored.total, Some(40.0));
    assert_eq!(scored.rails_fired, 1);
}
