use super::*;
use crate::demo::{self, DemoConfig};
use crate::feedback::measures::QA_CRITICAL_FAIL_COUNT;
use crate::measure::{Measure, MeasureRow, MeasureTable};
use crate::metrics::{self, standard, GroupBy};
use crate::period::PeriodKind;
use crate::scorecard::defaults::{default_history, default_scorecard, peer_review_def};
use crate::scorecard::{
    Curve, Dimension, GradeScheme, GuardRail, ScorecardHistory, ScorecardMetric, SmallSamplePolicy,
    SCHEMA_VERSION,
};
use crate::scoring::{score_table, CompiledScheme, ScoreBoard};

fn metric(id: &str, target: f64, floor: f64) -> ScorecardMetric {
    ScorecardMetric {
        metric_id: id.to_string(),
        label: None,
        weight: 1.0,
        target,
        floor,
        direction: None,
        curve: Curve::Linear,
        min_sample: 0,
    }
}

fn dimension(id: &str, metric: ScorecardMetric) -> Dimension {
    Dimension {
        id: id.to_string(),
        label: None,
        weight: 1.0,
        metrics: vec![metric],
    }
}

/// Three equal dimensions, one metric each: total = mean of 100*fcr, 20*csat and
/// 100 - 1000*complaint. A complaint rate above 2% fires a rail whose cap (95) is above
/// every total here, so it disqualifies without lowering anything.
fn card() -> Scorecard {
    Scorecard {
        schema_version: SCHEMA_VERSION,
        label: None,
        dimensions: vec![
            dimension("quality", metric("fcr_rate", 1.0, 0.0)),
            dimension("satisfaction", metric("csat_mean", 5.0, 0.0)),
            dimension("compliance", metric("complaint_rate", 0.0, 0.1)),
        ],
        custom_metrics: vec![],
        guard_rails: vec![GuardRail::MetricCritical {
            metric_id: "complaint_rate".to_string(),
            threshold: 0.02,
            cap: 95.0,
        }],
        grading: GradeScheme::default(),
        small_sample: SmallSamplePolicy::CountAndFlag,
    }
}

struct Agent {
    name: &'static str,
    team: &'static str,
    period: &'static str,
    records: u32,
    fcr: f64,
    csat: f64,
    complaint: f64,
    /// Critical QA failures and reviews; None: no QA reviews.
    qa: Option<(f64, u32)>,
}

fn agent(
    name: &'static str,
    team: &'static str,
    records: u32,
    fcr: f64,
    csat: f64,
    complaint: f64,
) -> Agent {
    Agent {
        name,
        team,
        period: "2026-02",
        records,
        fcr,
        csat,
        complaint,
        qa: Some((0.0, 5)),
    }
}

fn value(v: f64) -> Measure {
    Measure {
        value: Some(v),
        sample: 100,
        numerator: None,
        excluded: vec![],
    }
}

/// Totals in 2026-02 (see [`card`]): Dan 98.3 (50 contacts), Ann 93.3, Eve 90 (guard
/// rail), Bob 86.7 (no QA reviews), Cat 86.7, Fay 80 (a critical QA error), Gus 70; Hal
/// has no data and no total. January: Ann 70, Bob 90, Gus 56.7.
fn agents() -> Vec<Agent> {
    let mut list = vec![
        agent("Ann", "T1", 200, 0.9, 4.5, 0.0),
        Agent {
            qa: None,
            ..agent("Bob", "T1", 200, 0.8, 4.0, 0.0)
        },
        agent("Cat", "T2", 200, 0.8, 4.0, 0.0),
        agent("Dan", "T2", 50, 0.95, 5.0, 0.0),
        agent("Eve", "T2", 200, 1.0, 5.0, 0.03),
        Agent {
            qa: Some((1.0, 4)),
            ..agent("Fay", "T1", 200, 0.7, 3.5, 0.0)
        },
        agent("Gus", "T1", 200, 0.5, 3.0, 0.0),
        Agent {
            period: "2026-01",
            ..agent("Ann", "T1", 200, 0.5, 3.0, 0.0)
        },
        Agent {
            period: "2026-01",
            ..agent("Bob", "T1", 200, 0.85, 4.25, 0.0)
        },
        Agent {
            period: "2026-01",
            ..agent("Gus", "T1", 200, 0.3, 2.0, 0.0)
        },
    ];
    list.sort_by_key(|a| (a.name, a.period));
    list
}

fn table() -> MeasureTable {
    let mut rows: Vec<MeasureRow> = agents()
        .into_iter()
        .map(|a| MeasureRow {
            group: a.name.to_string(),
            team: Some(a.team.to_string()),
            period: a.period.to_string(),
            records: a.records,
            values: vec![
                value(a.fcr),
                value(a.csat),
                value(a.complaint),
                a.qa.map_or_else(Measure::not_available, |(count, reviews)| Measure {
                    sample: reviews,
                    ..value(count)
                }),
            ],
        })
        .collect();
    rows.push(MeasureRow {
        group: "Hal".to_string(),
        team: Some("T1".to_string()),
        period: "2026-02".to_string(),
        records: 300,
        values: vec![Measure::not_available(); 4],
    });
    MeasureTable {
        metric_ids: vec![
            "fcr_rate".into(),
            "csat_mean".into(),
            "complaint_rate".into(),
            QA_CRITICAL_FAIL_COUNT.into(),
        ],
        rows,
    }
}

fn scored() -> (MeasureTable, CompiledScheme, ScoreBoard) {
    let table = table();
    let (scheme, board) =
        score_table(&table, &ScorecardHistory::single(card(), "test")).expect("valid card");
    (table, scheme, board)
}

fn rule(ranked_by: RankedBy, selection: Selection, eligibility: Eligibility) -> AwardRule {
    AwardRule {
        id: "test".to_string(),
        label: None,
        ranked_by,
        scope: Scope::Centre,
        selection,
        eligibility,
        enabled: true,
    }
}

fn strict() -> Eligibility {
    Eligibility {
        min_contacts: 100,
        no_critical_qa: true,
        no_guard_rail: true,
        min_grade: None,
    }
}

fn run(rule: &AwardRule, period: &str) -> AwardOutcome {
    let (table, scheme, board) = scored();
    decide(rule, &table, &scheme, &board, period)
}

fn names(winners: &[Winner]) -> Vec<&str> {
    winners.iter().map(|w| w.group.as_str()).collect()
}

fn excluded(outcome: &AwardOutcome) -> Vec<&str> {
    outcome
        .ineligible
        .iter()
        .map(|i| i.group.as_str())
        .collect()
}

#[test]
fn the_hand_built_table_scores_as_the_tests_assume() {
    let (table, _, board) = scored();
    let total = |name: &str, period: &str| {
        let row = table
            .rows
            .iter()
            .position(|r| r.group == name && r.period == period)
            .unwrap();
        board.rows[row].total
    };
    let close = |a: Option<f64>, b: f64| assert!((a.unwrap() - b).abs() < 1e-9, "{a:?} {b}");
    close(total("Ann", "2026-02"), 280.0 / 3.0);
    close(total("Eve", "2026-02"), 90.0);
    assert_eq!(total("Bob", "2026-02"), total("Cat", "2026-02"));
    assert_eq!(total("Hal", "2026-02"), None);
}

#[test]
fn winners_come_with_their_reasons_and_the_excluded_best_with_why() {
    let outcome = run(
        &rule(RankedBy::Total, Selection::TopN { n: 3 }, strict()),
        "2026-02",
    );
    assert_eq!(names(&outcome.winners), ["Ann", "Bob", "Cat"]);
    let ann = &outcome.winners[0];
    assert_eq!(ann.rank_in_award, 1);
    assert_eq!(ann.team.as_deref(), Some("T1"));
    assert!((ann.value - 280.0 / 3.0).abs() < 1e-9);
    // Eligible: Ann, Bob, Cat, Gus (Dan has too few contacts, Eve hit a rail, Fay a QA error).
    assert_eq!(
        ann.reasons,
        [
            Reason::Ranked {
                position: 1,
                of: 4,
                value: ann.value
            },
            Reason::Contacts {
                records: 200,
                min: 100
            },
            Reason::NoCriticalQa { reviews: Some(5) },
            Reason::NoGuardRail,
        ]
    );
    let bob = &outcome.winners[1];
    assert!(
        bob.reasons
            .contains(&Reason::NoCriticalQa { reviews: None }),
        "no QA data does not disqualify, and says so: {:?}",
        bob.reasons
    );
    assert_eq!(bob.reasons[1..].len(), 3);
    assert_eq!(bob.reasons[1].to_string(), "200 contacts (at least 100)");
    assert_eq!(bob.reasons[2].to_string(), "no QA reviews");

    // Dan had the best total and Eve the third best, but neither may win; Fay (80) would
    // not have reached the cut (Cat's 86.7) and is not listed; Hal has no total.
    assert_eq!(excluded(&outcome), ["Dan", "Eve"]);
    let dan = &outcome.ineligible[0];
    assert_eq!(dan.position, 1);
    assert_eq!(
        dan.failures,
        [Failure::TooFewContacts {
            records: 50,
            min: 100
        }]
    );
    let eve = &outcome.ineligible[1];
    assert_eq!(eve.position, 3);
    assert!(matches!(&eve.failures[..], [Failure::GuardRail { rails }] if rails.len() == 1));
    assert_eq!(
        eve.failures[0].to_string(),
        "hit a guard rail (`complaint_rate` limit)"
    );
}

#[test]
fn without_eligibility_rules_the_best_totals_win() {
    let outcome = run(
        &rule(
            RankedBy::Total,
            Selection::TopN { n: 3 },
            Eligibility::default(),
        ),
        "2026-02",
    );
    assert_eq!(names(&outcome.winners), ["Dan", "Ann", "Eve"]);
    assert!(outcome.ineligible.is_empty());
    assert_eq!(outcome.winners[0].reasons.len(), 1, "only the rank");
}

#[test]
fn a_tie_at_the_cut_takes_everyone_tied() {
    let outcome = run(
        &rule(RankedBy::Total, Selection::TopN { n: 2 }, strict()),
        "2026-02",
    );
    assert_eq!(names(&outcome.winners), ["Ann", "Bob", "Cat"]);
    let ranks: Vec<u32> = outcome.winners.iter().map(|w| w.rank_in_award).collect();
    assert_eq!(ranks, [1, 2, 2]);

    // Satisfaction: Dan and Eve both score 100 and share the single place.
    let outcome = run(
        &rule(
            RankedBy::Dimension("satisfaction".into()),
            Selection::TopN { n: 1 },
            Eligibility::default(),
        ),
        "2026-02",
    );
    assert_eq!(names(&outcome.winners), ["Dan", "Eve"]);
    assert!(outcome.winners.iter().all(|w| w.rank_in_award == 1));
}

#[test]
fn min_contacts_above_everyone_empties_the_award_and_lists_everyone() {
    let outcome = run(
        &rule(
            RankedBy::Total,
            Selection::TopN { n: 3 },
            Eligibility {
                min_contacts: 10_000,
                ..Eligibility::default()
            },
        ),
        "2026-02",
    );
    assert!(outcome.winners.is_empty());
    // Fewer than 3 eligible: every scored candidate would have won (Hal has no total).
    assert_eq!(
        excluded(&outcome),
        ["Dan", "Ann", "Eve", "Bob", "Cat", "Fay", "Gus"]
    );
}

#[test]
fn per_team_scope_ranks_within_each_team() {
    let mut per_team = rule(RankedBy::Total, Selection::TopN { n: 1 }, strict());
    per_team.scope = Scope::PerTeam;
    let outcome = run(&per_team, "2026-02");
    assert_eq!(names(&outcome.winners), ["Ann", "Cat"]);
    assert_eq!(outcome.winners[1].team.as_deref(), Some("T2"));
    // Cat is first of the one eligible candidate of T2.
    assert!(matches!(
        outcome.winners[1].reasons[0],
        Reason::Ranked {
            position: 1,
            of: 1,
            ..
        }
    ));
    assert_eq!(excluded(&outcome), ["Dan", "Eve"]);
    assert!(outcome
        .ineligible
        .iter()
        .all(|i| i.team.as_deref() == Some("T2")));
}

#[test]
fn a_threshold_takes_everyone_at_or_above_it() {
    let outcome = run(
        &rule(
            RankedBy::Total,
            Selection::Threshold { min: 75.0 },
            strict(),
        ),
        "2026-02",
    );
    assert_eq!(names(&outcome.winners), ["Ann", "Bob", "Cat"]);
    assert!(matches!(
        outcome.winners[0].reasons[0],
        Reason::AtLeastThreshold { threshold, .. } if threshold == 75.0
    ));
    assert_eq!(excluded(&outcome), ["Dan", "Eve", "Fay"]);
    assert_eq!(
        outcome.ineligible[2].failures,
        [Failure::CriticalQa {
            count: 1,
            reviews: 4
        }]
    );
}

#[test]
fn a_metric_award_ranks_by_the_metric_score() {
    let outcome = run(
        &rule(
            RankedBy::Metric("complaint_rate".into()),
            Selection::Threshold { min: 100.0 },
            Eligibility::default(),
        ),
        "2026-02",
    );
    // Lower is better: every agent without complaints scores 100, Eve (3%) does not.
    assert_eq!(
        names(&outcome.winners),
        ["Ann", "Bob", "Cat", "Dan", "Fay", "Gus"]
    );
}

#[test]
fn a_minimum_grade_excludes_lower_grades() {
    let outcome = run(
        &rule(
            RankedBy::Total,
            Selection::TopN { n: 3 },
            Eligibility {
                min_grade: Some(Grade::Excellent),
                ..Eligibility::default()
            },
        ),
        "2026-02",
    );
    // Excellent is 90 or more: Dan, Ann, Eve.
    assert_eq!(names(&outcome.winners), ["Dan", "Ann", "Eve"]);
    assert!(outcome.winners[1].reasons.contains(&Reason::GradeAtLeast {
        grade: Grade::Excellent,
        min: Grade::Excellent
    }));
    // Three are eligible and nobody excluded reaches the cut (Eve's 90).
    assert!(outcome.ineligible.is_empty());
}

#[test]
fn most_improved_uses_change_and_skips_rows_without_a_previous_period() {
    let mut improved = rule(RankedBy::Change, Selection::TopN { n: 3 }, strict());
    improved.eligibility.no_critical_qa = false;
    let outcome = run(&improved, "2026-02");
    // Only Ann, Bob and Gus have January rows: +23.3, -3.3, +13.3.
    assert_eq!(names(&outcome.winners), ["Ann", "Gus", "Bob"]);
    assert!((outcome.winners[0].value - (280.0 / 3.0 - 70.0)).abs() < 1e-9);
    assert!(outcome.winners[2].value < 0.0);
    assert!(outcome.ineligible.is_empty());
    // January has no previous period at all: nobody is a candidate.
    let january = run(&improved, "2026-01");
    assert!(january.winners.is_empty() && january.ineligible.is_empty());
}

#[test]
fn disabled_rules_still_decide_and_the_caller_skips_them() {
    let mut off = rule(RankedBy::Total, Selection::TopN { n: 1 }, strict());
    off.enabled = false;
    assert_eq!(names(&run(&off, "2026-02").winners), ["Ann"]);
}

#[test]
fn validation_names_the_field() {
    let card = card();
    let top0 = rule(RankedBy::Total, Selection::TopN { n: 0 }, strict());
    assert!(top0.validate().unwrap_err().starts_with("selection:"));
    assert!(
        run(&top0, "2026-02").winners.is_empty(),
        "no panic, no winner"
    );
    let nan = rule(
        RankedBy::Total,
        Selection::Threshold { min: f64::NAN },
        strict(),
    );
    assert!(nan.validate().unwrap_err().contains("threshold"));
    let mut no_id = rule(RankedBy::Total, Selection::TopN { n: 1 }, strict());
    no_id.id = " ".into();
    assert!(no_id.validate().unwrap_err().starts_with("id:"));
    let unknown_dim = rule(
        RankedBy::Dimension("teamwork".into()),
        Selection::TopN { n: 1 },
        strict(),
    );
    assert!(unknown_dim.validate().is_ok());
    let why = unknown_dim.validate_for(&card).unwrap_err();
    assert!(
        why.starts_with("ranked_by:") && why.contains("teamwork"),
        "{why}"
    );
    let unknown_metric = rule(
        RankedBy::Metric("nps".into()),
        Selection::TopN { n: 1 },
        strict(),
    );
    assert!(unknown_metric
        .validate_for(&card)
        .unwrap_err()
        .contains("metric `nps`"));
    let known = rule(
        RankedBy::Metric("csat_mean".into()),
        Selection::TopN { n: 1 },
        strict(),
    );
    assert_eq!(known.validate_for(&card), Ok(()));
}

#[test]
fn the_defaults_are_valid_for_the_default_card_and_round_trip() {
    let defaults = default_awards();
    let ids: Vec<&str> = defaults.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            SERVICE_STAR,
            SATISFACTION_STAR,
            EFFICIENCY_STAR,
            MOST_IMPROVED
        ]
    );
    for award in &defaults {
        award.validate_for(&default_scorecard()).unwrap();
    }
    assert_eq!(
        defaults[0].describe(),
        "top 3 by total, at least 100 contacts, no critical QA error, no guard rail hit"
    );
    let json = serde_json::to_string(&defaults).unwrap();
    let back: Vec<AwardRule> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, defaults);
    assert!(json.contains(r#""ranked_by":{"kind":"dimension","id":"efficiency"}"#));
    assert!(json.contains(r#""selection":{"kind":"top_n","n":3}"#));
}

#[test]
fn unknown_fields_are_refused_on_read() {
    let good = r#"{"id": "x", "ranked_by": {"kind": "total"},
                   "selection": {"kind": "threshold", "min": 80}}"#;
    let rule: AwardRule = serde_json::from_str(good).unwrap();
    assert_eq!(rule.eligibility, Eligibility::default());
    assert!(rule.enabled);
    let typo = r#"{"id": "x", "ranked_by": {"kind": "total"},
                   "selection": {"kind": "top_n", "n": 1}, "enabeld": false}"#;
    assert!(serde_json::from_str::<AwardRule>(typo).is_err());
    let bad_rule = r#"{"id": "x", "ranked_by": {"kind": "total"},
                       "selection": {"kind": "top_n", "n": 1},
                       "eligibility": {"min_contact": 5}}"#;
    assert!(serde_json::from_str::<AwardRule>(bad_rule).is_err());
}

#[test]
fn the_demo_service_star_has_three_winners_with_reasons() {
    let store = demo::record_store(&DemoConfig::default()).unwrap();
    let mut defs = standard::definitions();
    defs.push(peer_review_def());
    let table = metrics::compute(&store, &defs, GroupBy::Agent, PeriodKind::Month);
    let (scheme, board) = score_table(&table, &default_history()).unwrap();
    let latest = table.rows.iter().map(|r| r.period.as_str()).max().unwrap();
    let star = &default_awards()[0];
    let outcome = decide(star, &table, &scheme, &board, latest);
    assert_eq!(outcome.winners.len(), 3, "{outcome:#?}");
    for winner in &outcome.winners {
        assert!(matches!(winner.reasons[0], Reason::Ranked { of, .. } if of >= 10));
        assert!(winner.reasons.contains(&Reason::NoGuardRail));
        // The demo has no QA reviews.
        assert!(winner
            .reasons
            .contains(&Reason::NoCriticalQa { reviews: None }));
        assert!(winner.team.is_some());
    }
    let values: Vec<f64> = outcome.winners.iter().map(|w| w.value).collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    // Every default award decides on the demo; most improved has candidates in the
    // latest month (it has a previous one).
    for award in default_awards() {
        let outcome = decide(&award, &table, &scheme, &board, latest);
        assert!(!outcome.winners.is_empty(), "{} has no winner", award.id);
    }
}
