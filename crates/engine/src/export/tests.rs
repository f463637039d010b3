use super::*;
use crate::demo::{self, DemoConfig};
use crate::metrics::{compute, standard::definitions, GroupBy};
use crate::period::PeriodKind;
use crate::scorecard::defaults::{default_history, default_scorecard};
use crate::scoring::score_table;

fn sample() -> Table {
    Table {
        title: "Scores".into(),
        headers: vec!["agent".into(), "total".into(), "rank".into(), "note".into()],
        rows: vec![
            vec![
                Cell::Text("王芳".into()),
                Cell::Number(87.25),
                Cell::Int(1),
                Cell::Text("said \"hi\", then left".into()),
            ],
            vec![
                Cell::Text("=HYPERLINK(\"http://x\")".into()),
                Cell::Number(f64::NAN),
                Cell::Empty,
                Cell::Text("-2+3".into()),
            ],
            vec![
                Cell::Text("@SUM(A1)".into()),
                Cell::Number(-0.5),
                Cell::Int(-3),
                Cell::Text("\tcmd".into()),
            ],
            vec![Cell::Text("+1".into()), Cell::Number(1e21)],
        ],
    }
}

#[test]
fn csv_has_a_bom_quotes_and_a_formula_guard() {
    let csv = table_to_csv(&sample());
    assert_eq!(
        csv,
        "\u{feff}agent,total,rank,note\n\
         王芳,87.25,1,\"said \"\"hi\"\", then left\"\n\
         \"'=HYPERLINK(\"\"http://x\"\")\",,,'-2+3\n\
         '@SUM(A1),-0.5,-3,'\tcmd\n\
         '+1,1000000000000000000000,,\n"
    );
    // What a reader (and Excel) sees: the apostrophe keeps the text a text.
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches(UTF8_BOM).as_bytes());
    let first: Vec<String> = reader
        .records()
        .nth(2)
        .unwrap()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(first[0], "'@SUM(A1)");
    assert!(!looks_like_formula("王=芳"));
    assert!(looks_like_formula("\rx"));
}

fn scored_demo(by: GroupBy) -> (crate::measure::MeasureTable, Table) {
    let store = demo::record_store(&DemoConfig {
        contacts: 3_000,
        ..DemoConfig::default()
    })
    .unwrap();
    let table = compute(&store, &definitions(), by, PeriodKind::Month);
    let (scheme, board) = score_table(&table, &default_history()).unwrap();
    let results = results_table("Agents by month", by, &table, &scheme, &board);
    (table, results)
}

#[test]
fn results_have_one_row_per_agent_and_period() {
    let (table, results) = scored_demo(GroupBy::Agent);
    let card = default_scorecard();
    let metric_count: usize = card.dimensions.iter().map(|d| d.metrics.len()).sum();
    assert_eq!(
        results.headers.len(),
        11 + card.dimensions.len() + 2 * metric_count
    );
    assert_eq!(
        &results.headers[..4],
        ["agent", "team", "period", "records"]
    );
    assert_eq!(
        results.headers[11],
        format!("{}_score", card.dimensions[0].id)
    );
    let first_metric = &card.dimensions[0].metrics[0].metric_id;
    assert!(results.headers.contains(&format!("{first_metric}_value")));
    assert_eq!(results.rows.len(), table.rows.len());
    // 24 agents over 3 months.
    assert_eq!(results.rows.len(), 24 * 3);
    let mut keys: Vec<(String, String)> = results
        .rows
        .iter()
        .map(|row| match (&row[0], &row[2]) {
            (Cell::Text(agent), Cell::Text(period)) => (agent.clone(), period.clone()),
            other => panic!("agent and period are texts: {other:?}"),
        })
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), results.rows.len(), "one row per agent-period");
    for row in &results.rows {
        assert_eq!(row.len(), results.headers.len());
        match &row[4] {
            Cell::Number(total) => assert!((0.0..=100.0).contains(total)),
            other => panic!("every demo row has a total: {other:?}"),
        }
        assert!(matches!(&row[6], Cell::Int(rank) if *rank >= 1));
    }
    // Someone ranks first in every period, and the first period has no change.
    assert!(results.rows.iter().any(|row| row[6] == Cell::Int(1)));
    let first_period = results
        .rows
        .iter()
        .map(|r| r[2].clone())
        .min_by_key(|c| format!("{c:?}"));
    let first_period_row = results
        .rows
        .iter()
        .find(|r| Some(&r[2]) == first_period.as_ref())
        .unwrap();
    assert_eq!(first_period_row[9], Cell::Empty);
}

#[test]
fn team_results_name_the_group_column_team() {
    let (_, results) = scored_demo(GroupBy::Team);
    assert_eq!(results.headers[0], "team");
    assert_eq!(results.rows.len(), 3 * 3);
}

#[test]
fn the_scorecard_table_lists_every_metric() {
    let card = default_scorecard();
    let table = scorecard_table(&card);
    let metric_count: usize = card.dimensions.iter().map(|d| d.metrics.len()).sum();
    assert_eq!(table.rows.len(), metric_count);
    assert_eq!(table.headers[0], "dimension");
    assert_eq!(table.headers.len(), 11);
    let first = &table.rows[0];
    assert_eq!(first[0], Cell::Text(card.dimensions[0].id.clone()));
    assert_eq!(first[1], Cell::Number(card.dimensions[0].weight));
    assert!(matches!(&first[5], Cell::Text(d) if d.ends_with("_is_better")));
    assert!(matches!(&first[8], Cell::Text(c) if c == "linear" || c.starts_with("banded: ")));
    // Rails appear on the rows of what they name.
    for rail in &card.guard_rails {
        let named = match rail {
            GuardRail::MetricCritical { metric_id, .. } => metric_id,
            GuardRail::DimensionFloor { dimension, .. } => dimension,
        };
        assert!(table.rows.iter().any(|row| {
            (row[0] == Cell::Text(named.clone()) || row[2] == Cell::Text(named.clone()))
                && matches!(&row[10], Cell::Text(t) if t.contains(&format!("when {named}")))
        }));
    }
}

#[test]
fn banded_curves_are_spelled_best_first() {
    let curve = Curve::Banded {
        bands: vec![
            crate::scorecard::Band {
                threshold: 60.0,
                score: 50.0,
            },
            crate::scorecard::Band {
                threshold: 30.0,
                score: 100.0,
            },
        ],
    };
    assert_eq!(
        builders_curve_text(&curve, Some(Direction::LowerIsBetter)),
        "banded: <= 30 -> 100; <= 60 -> 50"
    );
}

use crate::metric_def::Direction;
use crate::scorecard::{Curve, GuardRail};

fn builders_curve_text(curve: &Curve, direction: Option<Direction>) -> String {
    builders::curve_text(curve, direction)
}

#[cfg(feature = "xlsx-write")]
#[test]
fn workbooks_round_trip_through_the_xlsx_reader() {
    use crate::ingest::{xlsx_sheet_names, xlsx_sheet_to_csv};
    let (_, results) = scored_demo(GroupBy::Agent);
    let mut other = sample();
    other.title = "Scores".into();
    let tables = [
        other,
        scorecard_table(&default_scorecard()),
        results.clone(),
        sample(),
    ];
    let bytes = tables_to_xlsx(&tables).unwrap();
    let names = xlsx_sheet_names(&bytes).unwrap();
    assert_eq!(
        names,
        [
            "Scores",
            "CareScore default scheme",
            "Agents by month",
            "Scores (2)"
        ]
    );
    // Texts come back unchanged (no apostrophe in a workbook), numbers as numbers.
    let first = xlsx_sheet_to_csv(&bytes, None).unwrap();
    assert_eq!(first.header_row, 1);
    assert_eq!(
        String::from_utf8(first.csv).unwrap(),
        "agent,total,rank,note\n\
         王芳,87.25,1,\"said \"\"hi\"\", then left\"\n\
         \"=HYPERLINK(\"\"http://x\"\")\",,,-2+3\n\
         @SUM(A1),-0.5,-3,\tcmd\n\
         +1,1000000000000000000000,,\n"
    );
    // The results sheet reads back as the same CSV the CSV writer gives (minus the BOM).
    let sheet = xlsx_sheet_to_csv(&bytes, Some(&names[2])).unwrap();
    assert_eq!(
        String::from_utf8(sheet.csv).unwrap(),
        table_to_csv(&results).trim_start_matches(UTF8_BOM)
    );
}
