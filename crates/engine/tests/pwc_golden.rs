//! Golden test on the real PwC call-centre file (../shared/data, never copied here).
//!
//! The expected numbers below were computed INDEPENDENTLY by `golden/pwc_expected.py`,
//! which reads the file with Python's stdlib `csv` module only (run
//! `python3 crates/engine/tests/golden/pwc_expected.py` to reprint them). Columns of each
//! array: contacts, answered_rate, resolved_rate, first_response_secs_mean,
//! handle_secs_mean, csat_mean, csat_top2_rate.
//!
//! The file's quirks: a UTF-8 BOM; the date and the time are in separate columns (time
//! without a leading zero, `9:12:58`); talk duration is `h:mm:ss`; the 946 unanswered
//! calls have no speed, talk time or rating, and `Resolved` = N. What `resolved` means
//! for them does not matter to the metrics: `resolved_rate` is over answered calls only,
//! so an unanswered call's "N" is excluded as not answered, never counted as unresolved.

use carescore_engine::ingest::{read_csv, Mapping};
use carescore_engine::metrics::{compute, standard::definitions, GroupBy};
use carescore_engine::period::PeriodKind;

const FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/pwc_call_center/Call-Center-Dataset.csv"
);

const MAPPING: &str = r#"{"columns": {
    "agent": "Agent", "opened_at": ["Date", "Time"], "answered": "Answered (Y/N)",
    "resolved": "Resolved", "first_response_secs": "Speed of answer in seconds",
    "handle_secs": "AvgTalkDuration", "csat": "Satisfaction rating", "topic": "Topic",
    "id": "Call Id"}}"#;

const METRICS: [&str; 7] = [
    "contacts",
    "answered_rate",
    "resolved_rate",
    "first_response_secs_mean",
    "handle_secs_mean",
    "csat_mean",
    "csat_top2_rate",
];

// Printed by golden/pwc_expected.py.
const ALL_PERIODS: [(&str, [f64; 7]); 8] = [
    (
        "Becky",
        [
            631.0,
            0.8193343898573693,
            0.8936170212765957,
            65.33075435203095,
            220.00967117988395,
            3.37137330754352,
            0.504835589941973,
        ],
    ),
    (
        "Dan",
        [
            633.0,
            0.8262243285939969,
            0.9005736137667304,
            67.282982791587,
            231.18929254302103,
            3.447418738049713,
            0.49904397705544934,
        ],
    ),
    (
        "Diane",
        [
            633.0,
            0.7914691943127962,
            0.9021956087824351,
            66.26746506986028,
            218.95409181636725,
            3.405189620758483,
            0.49101796407185627,
        ],
    ),
    (
        "Greg",
        [
            624.0,
            0.8044871794871795,
            0.9063745019920318,
            68.44422310756973,
            226.80278884462152,
            3.404382470119522,
            0.4800796812749004,
        ],
    ),
    (
        "Jim",
        [
            666.0,
            0.8048048048048048,
            0.9048507462686567,
            66.34328358208955,
            228.11380597014926,
            3.3936567164179103,
            0.5,
        ],
    ),
    (
        "Joe",
        [
            593.0,
            0.8161888701517707,
            0.9008264462809917,
            70.98760330578513,
            224.1012396694215,
            3.330578512396694,
            0.47520661157024796,
        ],
    ),
    (
        "Martha",
        [
            638.0,
            0.8056426332288401,
            0.896887159533074,
            69.48832684824903,
            223.72568093385215,
            3.470817120622568,
            0.5272373540856031,
        ],
    ),
    (
        "Stewart",
        [
            582.0,
            0.8195876288659794,
            0.8888888888888888,
            66.18448637316561,
            226.20545073375263,
            3.40041928721174,
            0.5136268343815513,
        ],
    ),
];
const JANUARY: [(&str, [f64; 7]); 8] = [
    (
        "Becky",
        [
            216.0,
            0.8194444444444444,
            0.8700564971751412,
            64.35028248587571,
            220.33333333333334,
            3.384180790960452,
            0.4689265536723164,
        ],
    ),
    (
        "Dan",
        [
            227.0,
            0.8370044052863436,
            0.9315789473684211,
            66.95263157894736,
            237.40526315789472,
            3.4894736842105263,
            0.5,
        ],
    ),
    (
        "Diane",
        [
            222.0,
            0.8333333333333334,
            0.9081081081081082,
            63.935135135135134,
            220.8918918918919,
            3.427027027027027,
            0.5135135135135135,
        ],
    ),
    (
        "Greg",
        [
            208.0,
            0.8317307692307693,
            0.8959537572254336,
            67.19653179190752,
            228.14450867052022,
            3.5260115606936417,
            0.4913294797687861,
        ],
    ),
    (
        "Jim",
        [
            228.0,
            0.8201754385964912,
            0.9251336898395722,
            66.66310160427807,
            231.27272727272728,
            3.4331550802139037,
            0.4919786096256685,
        ],
    ),
    (
        "Joe",
        [
            221.0,
            0.8416289592760181,
            0.9086021505376344,
            71.15591397849462,
            226.05913978494624,
            3.3548387096774195,
            0.478494623655914,
        ],
    ),
    (
        "Martha",
        [
            220.0,
            0.7772727272727272,
            0.8888888888888888,
            71.45614035087719,
            225.8187134502924,
            3.543859649122807,
            0.5672514619883041,
        ],
    ),
    (
        "Stewart",
        [
            230.0,
            0.808695652173913,
            0.8763440860215054,
            66.24193548387096,
            218.60752688172042,
            3.4838709677419355,
            0.510752688172043,
        ],
    ),
];

fn check(
    table: &carescore_engine::measure::MeasureTable,
    period: &str,
    expected: &[(&str, [f64; 7])],
) {
    assert_eq!(
        table.rows.iter().filter(|row| row.period == period).count(),
        expected.len(),
        "one row per agent in {period}"
    );
    for (agent, values) in expected {
        let row = table
            .row(agent, period)
            .unwrap_or_else(|| panic!("no row for {agent} in {period}"));
        for (metric, want) in METRICS.iter().zip(values) {
            let got = row.values[table.column(metric).unwrap()]
                .value
                .unwrap_or_else(|| panic!("{agent} {period} {metric} is N/A"));
            assert!(
                (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                "{agent} {period} {metric}: got {got}, expected {want}"
            );
        }
    }
}

#[test]
fn pwc_per_agent_metrics_match_the_independent_script() {
    let bytes = std::fs::read(FILE).unwrap_or_else(|error| {
        panic!("the PwC golden file must be at {FILE} (../shared beside the clone): {error}")
    });
    let mapping = Mapping::from_json(MAPPING).unwrap();
    let result = read_csv(&bytes, Some(&mapping)).unwrap();
    assert_eq!(result.rows_read, 5000);
    assert!(
        result.rejected.is_empty(),
        "{:?}",
        &result.rejected[..3.min(result.rejected.len())]
    );
    let store = &result.store;
    assert_eq!(
        store.agent_names(),
        ["Becky", "Dan", "Diane", "Greg", "Jim", "Joe", "Martha", "Stewart"]
    );
    assert_eq!(store.id(0), Some("ID0001"));
    assert_eq!(store.opened_at(0).to_string(), "2021-01-01 09:12:58");
    assert_eq!(store.topic_names().len(), 5);

    let defs = definitions();
    check(
        &compute(store, &defs, GroupBy::Agent, PeriodKind::All),
        "all",
        &ALL_PERIODS,
    );
    let monthly = compute(store, &defs, GroupBy::Agent, PeriodKind::Month);
    check(&monthly, "2021-01", &JANUARY);
    let months: std::collections::BTreeSet<&str> =
        monthly.rows.iter().map(|row| row.period.as_str()).collect();
    assert_eq!(
        months.into_iter().collect::<Vec<_>>(),
        ["2021-01", "2021-02", "2021-03"]
    );

    // Fields the file lacks are N/A, not 0.
    let table = compute(store, &defs, GroupBy::All, PeriodKind::All);
    let all = table.row("all", "all").unwrap();
    for metric in [
        "fcr_rate",
        "complaint_rate",
        "resolution_secs_mean",
        "sla_met_rate",
    ] {
        assert_eq!(
            all.values[table.column(metric).unwrap()].value,
            None,
            "{metric}"
        );
    }
    assert_eq!(all.records, 5000);
}
