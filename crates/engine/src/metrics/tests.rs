use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::standard::definitions;
use super::*;
use crate::field::Field;
use crate::ingest::read_csv;
use crate::measure::{Exclusion, ExclusionReason};
use crate::metric_def::{Aggregate, Direction, FieldFilter, MetricDef, Population, Source, Unit};
use crate::period::PeriodKind;
use crate::records::{ContactRecord, FieldSet, RecordStore};

fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2021, month, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

fn value(table: &MeasureTable, group: &str, period: &str, metric: &str) -> Option<f64> {
    let column = table.column(metric).unwrap();
    table.row(group, period).unwrap().values[column].value
}

/// Ann: 4 contacts in January (one unanswered), 1 in February. Bo: 1 in January.
const SMALL: &str = "agent,team,opened_at,answered,resolved,first_response_secs,handle_secs,csat,resolved_at,reopen_count\n\
    Ann,North,2021-01-04 09:00,Y,Y,10,100,5,2021-01-04 10:00,0\n\
    Ann,North,2021-01-05 09:00,Y,N,20,200,3,,\n\
    Ann,South,2021-01-06 09:00,N,N,,,,,\n\
    Ann,North,2021-01-07 09:00,Y,Y,40,,4,2021-01-07 12:00,2\n\
    Ann,North,2021-02-01 09:00,Y,Y,30,300,,2021-02-01 09:30,0\n\
    Bo,South,2021-01-04 09:00,Y,,50,500,1,,\n";

#[test]
fn standard_metrics_by_agent_and_month_by_hand() {
    let result = read_csv(SMALL.as_bytes(), None).unwrap();
    assert!(result.rejected.is_empty(), "{:?}", result.rejected);
    let table = compute(
        &result.store,
        &definitions(),
        GroupBy::Agent,
        PeriodKind::Month,
    );
    let keys: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|row| (row.group.as_str(), row.period.as_str()))
        .collect();
    assert_eq!(
        keys,
        [("Ann", "2021-01"), ("Ann", "2021-02"), ("Bo", "2021-01")]
    );
    let ann = |metric| value(&table, "Ann", "2021-01", metric);
    assert_eq!(ann("contacts"), Some(4.0));
    assert_eq!(ann("answered_rate"), Some(0.75));
    // Answered: Y, N, Y -> 2 / 3.
    assert_eq!(ann("resolved_rate"), Some(2.0 / 3.0));
    assert_eq!(ann("first_response_secs_mean"), Some(70.0 / 3.0));
    assert_eq!(ann("first_response_secs_median"), Some(20.0));
    // 10 20 40: h = 2 * 0.9 = 1.8 -> 20 + 0.8 * 20 = 36.
    assert!((ann("first_response_secs_p90").unwrap() - 36.0).abs() < 1e-9);
    assert_eq!(ann("handle_secs_mean"), Some(150.0));
    assert_eq!(ann("resolution_secs_mean"), Some((3600.0 + 10800.0) / 2.0));
    assert_eq!(ann("resolution_secs_median"), Some(7200.0));
    assert_eq!(ann("csat_mean"), Some(4.0));
    assert_eq!(ann("csat_top2_rate"), Some(2.0 / 3.0));
    assert_eq!(ann("csat_rated_rate"), Some(1.0));
    assert_eq!(ann("reopen_rate"), Some(0.5));
    // Fields absent from the file are N/A, never 0.
    for metric in [
        "fcr_rate",
        "complaint_rate",
        "reassign_rate",
        "sla_met_rate",
    ] {
        assert_eq!(ann(metric), None, "{metric}");
    }
    // Bo's resolved is unknown: an empty denominator is N/A too.
    assert_eq!(value(&table, "Bo", "2021-01", "resolved_rate"), None);
    assert_eq!(value(&table, "Bo", "2021-01", "csat_top2_rate"), Some(0.0));
    assert_eq!(
        value(&table, "Ann", "2021-02", "csat_rated_rate"),
        Some(0.0)
    );
    // Ann's main team is North (4 of 5 records).
    assert_eq!(table.rows[0].team.as_deref(), Some("North"));
    assert_eq!(table.rows[2].team.as_deref(), Some("South"));
}

#[test]
fn every_row_traces_back_to_its_records() {
    let store = read_csv(SMALL.as_bytes(), None).unwrap().store;
    let table = compute(&store, &definitions(), GroupBy::Team, PeriodKind::Month);
    for row in &table.rows {
        let records = record_indices(
            &store,
            GroupBy::Team,
            PeriodKind::Month,
            &row.group,
            &row.period,
        );
        assert_eq!(
            records.len() as u32,
            row.records,
            "{} {}",
            row.group,
            row.period
        );
    }
    assert_eq!(
        record_indices(&store, GroupBy::Team, PeriodKind::Month, "South", "2021-01"),
        [2, 5]
    );
    assert!(record_indices(&store, GroupBy::Agent, PeriodKind::Month, "Zed", "2021-01").is_empty());
}

#[test]
fn measures_carry_sample_numerator_and_exclusions() {
    let result = read_csv(SMALL.as_bytes(), None).unwrap();
    let table = compute(
        &result.store,
        &definitions(),
        GroupBy::Agent,
        PeriodKind::All,
    );
    let row = table.row("Ann", "all").unwrap();
    let handle = &row.values[table.column("handle_secs_mean").unwrap()];
    assert_eq!(handle.sample, 3);
    assert_eq!(handle.numerator, Some(600.0));
    assert_eq!(
        handle.excluded,
        [
            Exclusion {
                reason: ExclusionReason::NotAnswered,
                count: 1
            },
            Exclusion {
                reason: ExclusionReason::ValueMissing,
                count: 1
            },
        ]
    );
    let reopen = &row.values[table.column("reopen_rate").unwrap()];
    assert_eq!((reopen.sample, reopen.numerator), (3, Some(1.0)));
    assert_eq!(
        reopen.excluded[0],
        Exclusion {
            reason: ExclusionReason::NotResolved,
            count: 2
        }
    );
    let median = &row.values[table.column("first_response_secs_median").unwrap()];
    assert_eq!(median.numerator, None);
    let absent = &row.values[table.column("sla_met_rate").unwrap()];
    assert_eq!(absent, &Measure::not_available());
}

#[test]
fn groups_by_team_and_all_with_period_labels() {
    let result = read_csv(SMALL.as_bytes(), None).unwrap();
    let by_team = compute(
        &result.store,
        &definitions(),
        GroupBy::Team,
        PeriodKind::Week,
    );
    let keys: Vec<(&str, &str)> = by_team
        .rows
        .iter()
        .map(|row| (row.group.as_str(), row.period.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("North", "2021-W01"),
            ("North", "2021-W05"),
            ("South", "2021-W01")
        ]
    );
    assert!(by_team.rows.iter().all(|row| row.team.is_none()));
    let all = compute(
        &result.store,
        &definitions(),
        GroupBy::All,
        PeriodKind::Quarter,
    );
    assert_eq!(all.rows.len(), 1);
    assert_eq!(all.rows[0].group, "all");
    assert_eq!(all.rows[0].period, "2021-Q1");
    assert_eq!(all.rows[0].records, 6);
}

#[test]
fn records_without_a_team_form_their_own_group() {
    let text = "agent,team,opened_at\nAnn,,2021-01-04 09:00\nBo,North,2021-01-04 09:00\n";
    let store = read_csv(text.as_bytes(), None).unwrap().store;
    let table = compute(&store, &definitions(), GroupBy::Team, PeriodKind::All);
    let groups: Vec<&str> = table.rows.iter().map(|row| row.group.as_str()).collect();
    assert_eq!(groups, [NO_TEAM_GROUP, "North"]);
}

fn custom(
    id: &str,
    aggregate: Aggregate,
    field: Option<Field>,
    filters: Vec<FieldFilter>,
) -> MetricDef {
    MetricDef {
        id: id.into(),
        label: String::new(),
        source: Source::Contacts,
        aggregate,
        field,
        population: Population::All,
        filters,
        unit: Unit::Number,
        direction: Direction::HigherIsBetter,
    }
}

#[test]
fn user_defined_metrics_with_filters_and_shares() {
    let store = read_csv(SMALL.as_bytes(), None).unwrap().store;
    let south = FieldFilter {
        field: Field::Team,
        values: vec!["South".into()],
    };
    let defs = vec![
        custom(
            "south_contacts",
            Aggregate::Count,
            None,
            vec![south.clone()],
        ),
        custom(
            "fast_share",
            Aggregate::ShareWithin {
                min: None,
                max: Some(20.0),
            },
            Some(Field::FirstResponseSecs),
            vec![],
        ),
        custom(
            "handle_total",
            Aggregate::Sum,
            Some(Field::HandleSecs),
            vec![],
        ),
        custom(
            "resolved_mean",
            Aggregate::Mean,
            Some(Field::Resolved),
            vec![],
        ),
        custom(
            "channel_count",
            Aggregate::Count,
            None,
            vec![FieldFilter {
                field: Field::Channel,
                values: vec!["chat".into()],
            }],
        ),
        custom("other_source", Aggregate::Count, None, vec![]),
    ];
    let mut defs = defs;
    defs[5].source = Source::Surveys;
    let table = compute(&store, &defs, GroupBy::All, PeriodKind::All);
    assert_eq!(
        table.metric_ids.len(),
        5,
        "only contact metrics are computed here"
    );
    let get = |metric| value(&table, "all", "all", metric);
    assert_eq!(get("south_contacts"), Some(2.0));
    let south_row = &table.rows[0].values[0];
    assert_eq!(
        south_row.excluded,
        [Exclusion {
            reason: ExclusionReason::FilteredOut,
            count: 4
        }]
    );
    // 10 20 40 30 50 -> 2 of 5 within 20 s.
    assert_eq!(get("fast_share"), Some(0.4));
    assert_eq!(get("handle_total"), Some(1100.0));
    // Resolved known for 5 records, 3 true: a flag's mean is its rate.
    assert_eq!(get("resolved_mean"), Some(0.6));
    assert_eq!(get("channel_count"), None, "channel is not in the file");
}

#[test]
fn resolved_population_needs_the_resolved_field() {
    let text = "agent,opened_at,reopen_count\nAnn,2021-01-04 09:00,1\n";
    let store = read_csv(text.as_bytes(), None).unwrap().store;
    let table = compute(&store, &definitions(), GroupBy::Agent, PeriodKind::All);
    assert_eq!(value(&table, "Ann", "all", "reopen_rate"), None);
    assert_eq!(
        value(&table, "Ann", "all", "answered_rate"),
        Some(1.0),
        "missing answered is true"
    );
}

#[test]
fn an_empty_store_gives_an_empty_table() {
    let store = RecordStore::with_fields(FieldSet::default());
    let table = compute(&store, &definitions(), GroupBy::Agent, PeriodKind::Month);
    assert!(table.rows.is_empty());
    assert_eq!(table.metric_ids.len(), 17);
}

#[test]
fn merging_tables_aligns_rows_and_columns() {
    let store = read_csv(SMALL.as_bytes(), None).unwrap().store;
    let contacts = compute(&store, &definitions()[..2], GroupBy::Agent, PeriodKind::All);
    let survey_measure = Measure {
        value: Some(9.0),
        sample: 3,
        numerator: None,
        excluded: vec![],
    };
    let surveys = MeasureTable {
        metric_ids: vec!["nps".into(), "contacts".into()],
        rows: vec![
            MeasureRow {
                group: "Ann".into(),
                team: None,
                period: "all".into(),
                records: 3,
                values: vec![survey_measure.clone(), survey_measure.clone()],
            },
            MeasureRow {
                group: "Cy".into(),
                team: Some("West".into()),
                period: "all".into(),
                records: 1,
                values: vec![survey_measure.clone(), Measure::not_available()],
            },
        ],
    };
    let merged = merge_tables(contacts, surveys);
    assert_eq!(merged.metric_ids, ["contacts", "answered_rate", "nps"]);
    let groups: Vec<&str> = merged.rows.iter().map(|row| row.group.as_str()).collect();
    assert_eq!(groups, ["Ann", "Bo", "Cy"]);
    let ann = &merged.rows[0];
    assert_eq!(ann.records, 5);
    assert_eq!(ann.team.as_deref(), Some("North"));
    assert_eq!(
        ann.values[0].value,
        Some(9.0),
        "the second table wins on a shared id"
    );
    assert_eq!(ann.values[1].value, Some(0.8));
    assert_eq!(ann.values[2].value, Some(9.0));
    assert_eq!(merged.rows[1].values[2], Measure::not_available());
    assert_eq!(merged.rows[2].values[1], Measure::not_available());
    assert_eq!(merged.rows[2].team.as_deref(), Some("West"));
}

/// A record from small generated parts; durations are whole seconds so sums are exact.
fn arbitrary_record() -> impl Strategy<Value = ContactRecord> {
    (
        0usize..4,
        0usize..3,
        (1u32..=3, 1u32..=28, 0u32..24),
        any::<bool>(),
        prop::option::of(any::<bool>()),
        prop::option::of(0u32..600),
        prop::option::of(1u8..=5),
        prop::option::of(0u32..3),
        prop::option::of(0u32..100_000),
    )
        .prop_map(
            |(
                agent,
                team,
                (month, day, hour),
                answered,
                resolved,
                response,
                csat,
                reopen,
                resolve_secs,
            )| {
                let opened_at = at(month, day, hour);
                ContactRecord {
                    agent: ["Ann", "Bo", "Cy", "Di"][agent].into(),
                    team: Some(["North", "South", "East"][team].into()),
                    opened_at,
                    answered,
                    resolved,
                    first_response_secs: response.map(f64::from),
                    handle_secs: response.map(|r| f64::from(r) * 3.0),
                    resolved_at: resolve_secs
                        .map(|secs| opened_at + chrono::Duration::seconds(i64::from(secs))),
                    csat,
                    reopen_count: reopen,
                    complaint: resolved.map(|r| !r),
                    ..ContactRecord::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn record_order_never_changes_results(
        (records, shuffled) in prop::collection::vec(arbitrary_record(), 0..80)
            .prop_flat_map(|records| {
                let shuffled = Just(records.clone()).prop_shuffle();
                (Just(records), shuffled)
            }),
        by in prop::sample::select(vec![GroupBy::Agent, GroupBy::Team, GroupBy::All]),
        period in prop::sample::select(PeriodKind::ALL.to_vec()),
    ) {
        let defs = definitions();
        let original = compute(&RecordStore::from_records(&records, None), &defs, by, period);
        let reordered = compute(&RecordStore::from_records(&shuffled, None), &defs, by, period);
        prop_assert_eq!(original, reordered);
    }
}
