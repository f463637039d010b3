//! The scoring pass: every row, every metric, into a reused [`ScoreBoard`].
//!
//! Two phases. Metric scores (curves) depend only on values and curves; weights,
//! redistribution, caps, grades and ranks depend on weights. A weight drag changes only
//! the second, so a board remembers which compiled curves filled its metric cells and the
//! first phase is skipped when they are unchanged.

use std::sync::atomic::{AtomicU64, Ordering};

use super::compile::{CompiledScheme, NO_ROW};
use super::{flags, guard_rails, rank, redistribute, MetricStatus, RowScore, ScoreBoard};
use super::{DimensionCell, MetricCell, MetricWeight};

/// Flags the metric phase sets; the aggregation phase keeps them.
const METRIC_PHASE_FLAGS: u8 = flags::SMALL_SAMPLE | flags::METRIC_NOT_AVAILABLE;

static NEXT_CURVES_ID: AtomicU64 = AtomicU64::new(1);

/// A process-unique id for a set of compiled curves (never 0, the id of an empty board).
pub(crate) fn next_curves_id() -> u64 {
    NEXT_CURVES_ID.fetch_add(1, Ordering::Relaxed)
}

impl CompiledScheme {
    /// Scores every row into a new board.
    pub fn score(&self) -> ScoreBoard {
        let mut board = ScoreBoard::default();
        self.score_into(&mut board);
        board
    }

    /// Rescores every row into `board`, reusing its buffers: no allocation once the board
    /// has been filled for this table, and after a weight-only change the metric scores
    /// are kept and only weights, totals, caps, grades and ranks are redone.
    pub fn score_into(&self, board: &mut ScoreBoard) {
        if board.curves_id != self.curves_id || board.rows.len() != self.row_count() {
            self.score_metrics(board);
            board.curves_id = self.curves_id;
        }
        self.aggregate(board);
        rank::rank_periods(self, board);
        self.set_changes(board);
    }

    /// Phase 1: the 0-100 score of every metric of every row, and the row layout.
    fn score_metrics(&self, board: &mut ScoreBoard) {
        let rows = self.row_count();
        board.rows.clear();
        board.metric_cells.clear();
        board.dimension_cells.clear();
        board.scores.clear();
        board.rows.reserve(rows);
        for row in 0..rows {
            let version = self.row_version[row];
            let card = &self.cards[version as usize];
            let metric_start = board.metric_cells.len();
            let dimension_start = board.dimension_cells.len();
            let mut row_flags = 0u8;
            let values = &self.values[row * self.columns..(row + 1) * self.columns];
            let samples = &self.samples[row * self.columns..(row + 1) * self.columns];
            for metric in &card.metrics {
                let mut cell = MetricCell::default();
                match metric.column {
                    None => cell.status = MetricStatus::NotInTable,
                    Some(c) => {
                        let value = values[c as usize];
                        if !value.is_nan() {
                            cell.value = Some(value);
                            cell.small_sample = samples[c as usize] < metric.min_sample;
                            if cell.small_sample && card.exclude_small_samples {
                                cell.status = MetricStatus::SmallSampleExcluded;
                            } else {
                                cell.status = MetricStatus::Scored;
                                cell.score = Some(metric.curve.score(value));
                            }
                        }
                    }
                }
                if cell.small_sample {
                    row_flags |= flags::SMALL_SAMPLE;
                }
                if cell.score.is_none() {
                    row_flags |= flags::METRIC_NOT_AVAILABLE;
                }
                board.scores.push(cell.score.unwrap_or(f64::NAN));
                board.metric_cells.push(cell);
            }
            board.dimension_cells.extend(std::iter::repeat_n(
                DimensionCell::default(),
                card.dimensions.len(),
            ));
            let metric_rails =
                guard_rails::metric_rails_fired(card, &board.metric_cells[metric_start..]);
            board.rows.push(RowScore {
                version,
                flags: row_flags,
                metric_rails,
                metric_start: metric_start as u32,
                dimension_start: dimension_start as u32,
                ..RowScore::default()
            });
        }
    }

    /// Phase 2: redistribution, dimension scores, totals, caps and threshold grades.
    /// Reads only the dense metric scores (and the cells of guard-rail metrics).
    fn aggregate(&self, board: &mut ScoreBoard) {
        board.totals.clear();
        for row in &mut board.rows {
            let card = &self.cards[row.version as usize];
            let metric_start = row.metric_start as usize;
            let dimension_start = row.dimension_start as usize;
            let scores = &board.scores[metric_start..metric_start + card.metrics.len()];
            let dimension_cells = &mut board.dimension_cells
                [dimension_start..dimension_start + card.dimensions.len()];
            let mut row_flags = row.flags & METRIC_PHASE_FLAGS;

            // Dimension scores, spreading N/A metric weight within each dimension.
            for (dim, dim_cell) in card.dimensions.iter().zip(dimension_cells.iter_mut()) {
                let range = dim.first_metric as usize..dim.end_metric as usize;
                let (score, counted_weight) = redistribute::spread_within_dimension(
                    &card.metrics[range.clone()],
                    &scores[range],
                );
                dim_cell.score = score;
                dim_cell.counted_metric_weight = counted_weight;
                if score.is_none() {
                    row_flags |= flags::DIMENSION_NOT_AVAILABLE;
                }
            }

            // Total, spreading N/A dimension weight over the others.
            let uncapped =
                redistribute::spread_across_dimensions(&card.dimensions, dimension_cells);

            row.uncapped_total = uncapped;
            row.total = None;
            row.rails_fired = 0;
            row.grade = None;
            row.rank = None;
            row.ranked = 0;
            row.percentile = None;
            row.change = None;
            if let Some(total) = uncapped {
                let (capped, fired) =
                    guard_rails::apply(card, total, row.metric_rails, dimension_cells);
                if capped < total {
                    row_flags |= flags::CAPPED;
                }
                row.total = Some(capped);
                row.rails_fired = fired;
                row.grade = card.grading.by_threshold(capped);
            }
            row.flags = row_flags;
            board.totals.push(row.total.unwrap_or(f64::NAN));
        }
    }

    /// The weights of a row's metrics after N/A redistribution, in card order (aligned
    /// with [`ScoreBoard::metrics`]). `board` must come from this scheme.
    pub fn metric_weights(&self, board: &ScoreBoard, row: usize) -> Vec<MetricWeight> {
        let card = &self.cards[board.rows[row].version as usize];
        let cells = board.metrics(row);
        let dims = board.dimensions(row);
        let mut out = Vec::with_capacity(cells.len());
        for (dim, dim_cell) in card.dimensions.iter().zip(dims) {
            let range = dim.first_metric as usize..dim.end_metric as usize;
            for (metric, cell) in card.metrics[range.clone()].iter().zip(&cells[range]) {
                let in_dimension =
                    redistribute::share_of_dimension(metric.weight, cell.score.is_some(), dim_cell);
                out.push(MetricWeight {
                    in_dimension,
                    in_total: in_dimension * dim_cell.weight_in_total,
                });
            }
        }
        out
    }

    /// Change of total against the same group's calendar-previous period.
    fn set_changes(&self, board: &mut ScoreBoard) {
        for row in 0..board.rows.len() {
            let previous = self.previous_row[row];
            if previous != NO_ROW {
                let now = board.rows[row].total;
                let before = board.rows[previous as usize].total;
                board.rows[row].change = now.zip(before).map(|(a, b)| a - b);
            }
        }
    }
}
