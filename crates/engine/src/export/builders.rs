//! [`Table`]s built from a scorecard and from scoring results: the rows a person checks or
//! pastes into a report, with English identifier headers.

use super::{Cell, Table};
use crate::measure::MeasureTable;
use crate::metric_def::Direction;
use crate::metrics::GroupBy;
use crate::scorecard::{Curve, GuardRail, Scorecard, ScorecardMetric};
use crate::scoring::{flags, CompiledScheme, ScoreBoard};

/// Scores, totals, percentiles and changes are shown to 2 decimals (as the CLI does).
const SCORE_DECIMALS: i32 = 2;
/// Raw metric values (ratios such as 0.8523, seconds, ratings) keep 4 decimals.
const VALUE_DECIMALS: i32 = 4;

fn rounded(value: Option<f64>, decimals: i32) -> Cell {
    let scale = 10f64.powi(decimals);
    Cell::number(value.map(|v| (v * scale).round() / scale))
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn direction_id(direction: Direction) -> &'static str {
    match direction {
        Direction::HigherIsBetter => "higher_is_better",
        Direction::LowerIsBetter => "lower_is_better",
    }
}

/// `linear`, or the bands best first: `banded: >= 4.5 -> 100; >= 4 -> 80`.
pub(super) fn curve_text(curve: &Curve, direction: Option<Direction>) -> String {
    match curve {
        Curve::Linear => "linear".to_string(),
        Curve::Banded { bands } => {
            let (reaches, mut sorted) = (
                if direction == Some(Direction::LowerIsBetter) {
                    "<="
                } else {
                    ">="
                },
                bands.clone(),
            );
            sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
            let bands: Vec<String> = sorted
                .iter()
                .map(|band| format!("{reaches} {} -> {}", band.threshold, band.score))
                .collect();
            format!("banded: {}", bands.join("; "))
        }
    }
}

/// The guard rails that name this metric or its dimension, in words.
fn rails_text(card: &Scorecard, dimension: &str, metric: &ScorecardMetric) -> String {
    let rails: Vec<String> = card
        .guard_rails
        .iter()
        .filter_map(|rail| match rail {
            GuardRail::MetricCritical {
                metric_id,
                threshold,
                cap,
            } if *metric_id == metric.metric_id => Some(format!(
                "total capped at {cap} when {metric_id} is worse than {threshold}"
            )),
            GuardRail::DimensionFloor {
                dimension: name,
                below,
                cap,
            } if name == dimension => Some(format!(
                "total capped at {cap} when {name} scores below {below}"
            )),
            _ => None,
        })
        .collect();
    rails.join("; ")
}

/// The card, one row per metric: its dimension and the dimension's weight, the metric id and
/// name (the card's or custom definition's label; the id for standard metrics, which the UI
/// translates), weight within the dimension, direction, target, floor, curve, minimum
/// sample and the guard rails naming the metric or its dimension. Titled after the card's
/// label, else `scorecard`.
pub fn scorecard_table(card: &Scorecard) -> Table {
    let headers = [
        "dimension",
        "dimension_weight",
        "metric_id",
        "metric_name",
        "weight",
        "direction",
        "target",
        "floor",
        "curve",
        "min_sample",
        "guard_rails",
    ];
    let mut rows = Vec::new();
    for dimension in &card.dimensions {
        for metric in &dimension.metrics {
            let direction = card.direction_of(metric).ok();
            let name = metric
                .label
                .as_ref()
                .and_then(|label| label.english_or_any().map(str::to_string))
                .or_else(|| {
                    card.metric_def(&metric.metric_id)
                        .map(|def| def.label)
                        .filter(|label| !label.is_empty())
                })
                .unwrap_or_else(|| metric.metric_id.clone());
            rows.push(vec![
                text(&dimension.id),
                Cell::Number(dimension.weight),
                text(&metric.metric_id),
                text(name),
                Cell::Number(metric.weight),
                direction.map_or(Cell::Empty, |d| text(direction_id(d))),
                Cell::Number(metric.target),
                Cell::Number(metric.floor),
                text(curve_text(&metric.curve, direction)),
                Cell::Int(i64::from(metric.min_sample)),
                text(rails_text(card, &dimension.id, metric)),
            ]);
        }
    }
    Table {
        title: card
            .label
            .as_ref()
            .and_then(|label| label.english_or_any())
            .unwrap_or("scorecard")
            .to_string(),
        headers: headers.map(String::from).to_vec(),
        rows,
    }
}

/// Ids in order of first appearance.
fn push_new(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|known| known == id) {
        list.push(id.to_string());
    }
}

/// One row per (group, period) row of `table` as scored in `board` (from `scheme`):
/// `agent` (or `team`, or `group` for the whole centre), `team`, `period`, `records`,
/// `total`, `grade`, `rank`, `ranked`, `percentile`, `change` (against the previous
/// period), `small_sample` (`yes`/`no`), then `<dimension>_score` for every dimension, then
/// `<metric>_value` and `<metric>_score` for every metric. Dimensions and metrics are the
/// union over the scorecard versions used, in card order; an empty cell is N/A or not on
/// that row's card. Scores are rounded to 2 decimals, raw values to 4.
pub fn results_table(
    title: &str,
    by: GroupBy,
    table: &MeasureTable,
    scheme: &CompiledScheme,
    board: &ScoreBoard,
) -> Table {
    let versions = &scheme.history().versions;
    let mut dimensions: Vec<String> = Vec::new();
    let mut metrics: Vec<String> = Vec::new();
    let mut used = vec![false; versions.len()];
    for score in &board.rows {
        used[usize::from(score.version)] = true;
    }
    for (version, _) in versions.iter().zip(&used).filter(|(_, used)| **used) {
        for dimension in &version.scorecard.dimensions {
            push_new(&mut dimensions, &dimension.id);
            for metric in &dimension.metrics {
                push_new(&mut metrics, &metric.metric_id);
            }
        }
    }

    let group_header = match by {
        GroupBy::Agent => "agent",
        GroupBy::Team => "team",
        GroupBy::All => "group",
    };
    let mut headers: Vec<String> = [
        group_header,
        "team",
        "period",
        "records",
        "total",
        "grade",
        "rank",
        "ranked",
        "percentile",
        "change",
        "small_sample",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(dimensions.iter().map(|id| format!("{id}_score")));
    for id in &metrics {
        headers.push(format!("{id}_value"));
        headers.push(format!("{id}_score"));
    }

    let mut rows = Vec::with_capacity(table.rows.len());
    for (index, (row, score)) in table.rows.iter().zip(&board.rows).enumerate() {
        let card = &versions[usize::from(score.version)].scorecard;
        let mut cells = vec![
            text(&row.group),
            row.team.as_ref().map_or(Cell::Empty, text),
            text(&row.period),
            Cell::Int(i64::from(row.records)),
            rounded(score.total, SCORE_DECIMALS),
            score.grade.map_or(Cell::Empty, |grade| text(grade.id())),
            score
                .rank
                .map_or(Cell::Empty, |rank| Cell::Int(i64::from(rank))),
            Cell::Int(i64::from(score.ranked)),
            rounded(score.percentile, SCORE_DECIMALS),
            rounded(score.change, SCORE_DECIMALS),
            text(if score.has_flag(flags::SMALL_SAMPLE) {
                "yes"
            } else {
                "no"
            }),
        ];
        let mut dimension_scores = vec![Cell::Empty; dimensions.len()];
        let mut metric_cells = vec![Cell::Empty; metrics.len() * 2];
        let mut metric_iter = board.metrics(index).iter();
        for (dimension, cell) in card.dimensions.iter().zip(board.dimensions(index)) {
            let at = dimensions.iter().position(|id| *id == dimension.id);
            if let Some(at) = at {
                dimension_scores[at] = rounded(cell.score, SCORE_DECIMALS);
            }
            for (metric, cell) in dimension.metrics.iter().zip(metric_iter.by_ref()) {
                if let Some(at) = metrics.iter().position(|id| *id == metric.metric_id) {
                    metric_cells[2 * at] = rounded(cell.value, VALUE_DECIMALS);
                    metric_cells[2 * at + 1] = rounded(cell.score, SCORE_DECIMALS);
                }
            }
        }
        cells.extend(dimension_scores);
        cells.extend(metric_cells);
        rows.push(cells);
    }
    Table {
        title: title.to_string(),
        headers,
        rows,
    }
}
