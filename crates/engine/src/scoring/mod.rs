//! Scoring a [`MeasureTable`] with a [`ScorecardHistory`]: metric scores, dimension scores,
//! totals, guard-rail caps, grades, ranks, percentiles and change against the previous
//! period, per (group, period) row. Agent tables and team tables go through the same code.
//!
//! Built for the what-if slider: [`CompiledScheme::compile`] resolves every card metric to
//! a table column and copies the values into a dense matrix once; [`CompiledScheme::score_into`]
//! then rescores every row into a reused [`ScoreBoard`] without allocating; weight edits
//! ([`CompiledScheme::set_metric_weight`], [`CompiledScheme::set_dimension_weight`]) are O(1).
//! The heavy, human-readable [`Explanation`] is built only on demand for one row.
//!
//! ```
//! use carescore_engine::measure::{Measure, MeasureRow, MeasureTable};
//! use carescore_engine::scorecard::defaults::default_history;
//! use carescore_engine::scoring::CompiledScheme;
//!
//! let m = |v: f64, n: u32| Measure { value: Some(v), sample: n, numerator: None, excluded: vec![] };
//! let table = MeasureTable {
//!     metric_ids: vec!["fcr_rate".into(), "csat_mean".into()],
//!     rows: vec![MeasureRow { group: "Ann".into(), team: None, period: "2021-01".into(),
//!                             records: 100, values: vec![m(0.75, 100), m(4.5, 80)] }],
//! };
//! let mut scheme = CompiledScheme::compile(&default_history(), &table).unwrap();
//! let mut board = scheme.score();
//! let before = board.rows[0].total.unwrap();
//! // The user drags the service-quality weight up: rescore in place.
//! scheme.set_dimension_weight(0, 0, 80.0).unwrap();
//! scheme.score_into(&mut board);
//! assert!(board.rows[0].total.unwrap() < before);
//! let why = scheme.explain(&table, &board, "Ann", "2021-01").unwrap();
//! assert!(why.to_text().contains("fcr_rate"));
//! ```

mod compile;
mod compute;
pub mod explain;
mod guard_rails;
pub mod insights;
mod rank;
pub mod redistribute;

use serde::{Deserialize, Serialize};

pub use compile::CompiledScheme;
pub use explain::{Explanation, Formula, Note};

use crate::measure::MeasureTable;
use crate::scorecard::{Grade, ScorecardError, ScorecardHistory};

/// How a metric took part in a row's score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricStatus {
    /// Scored and weighted.
    Scored,
    /// No value (empty denominator, or no such data): N/A, its weight spread over the rest.
    #[default]
    NotAvailable,
    /// The table has no column for the metric at all: N/A.
    NotInTable,
    /// Below `min_sample` under [`crate::scorecard::SmallSamplePolicy::Exclude`]: N/A.
    SmallSampleExcluded,
}

/// One metric of one row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricCell {
    pub value: Option<f64>,
    /// 0-100, None when the metric did not count.
    pub score: Option<f64>,
    pub status: MetricStatus,
    /// Sample below the card's `min_sample` (whether or not it counted).
    pub small_sample: bool,
}

/// A metric's weight after N/A redistribution (see [`CompiledScheme::metric_weights`]).
/// Not stored in [`MetricCell`]: a weight drag would have to rewrite every cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricWeight {
    /// Share of the dimension (0 when the metric did not count).
    pub in_dimension: f64,
    /// Share of the total; a row's sum is 1 when it has a total.
    pub in_total: f64,
}

/// One dimension of one row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DimensionCell {
    /// 0-100, None when no metric of the dimension counted.
    pub score: Option<f64>,
    /// Share of the total after redistribution (0 when N/A).
    pub weight_in_total: f64,
    /// Sum of the configured weights of the dimension's metrics that counted (the
    /// denominator of their shares).
    pub counted_metric_weight: f64,
}

/// Row flag bits, see [`RowScore::flags`].
pub mod flags {
    /// Some counted metric has a sample below its `min_sample`.
    pub const SMALL_SAMPLE: u8 = 1;
    /// Some metric was N/A and its weight was spread within its dimension.
    pub const METRIC_NOT_AVAILABLE: u8 = 2;
    /// Some dimension had no data and its weight was spread over the other dimensions.
    pub const DIMENSION_NOT_AVAILABLE: u8 = 4;
    /// A guard rail lowered the total.
    pub const CAPPED: u8 = 8;
}

/// The score of one (group, period) row of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RowScore {
    /// Index of the scorecard version used (into the history's sorted versions).
    pub version: u16,
    /// Total after guard-rail caps, 0-100; None when no dimension had data.
    pub total: Option<f64>,
    /// Total before caps.
    pub uncapped_total: Option<f64>,
    /// Bit i set: guard rail i of the card fired (whether or not it lowered the total).
    pub rails_fired: u32,
    pub grade: Option<Grade>,
    /// Competition rank among the period's scored groups (1 = best; ties share: 1, 1, 3).
    pub rank: Option<u32>,
    /// Scored groups in the period.
    pub ranked: u32,
    /// Share (0-100) of the period's other scored groups this one scores strictly above.
    pub percentile: Option<f64>,
    /// Total minus the same group's total in the calendar-previous period.
    pub change: Option<f64>,
    /// See [`flags`].
    pub flags: u8,
    pub(crate) metric_start: u32,
    pub(crate) dimension_start: u32,
    /// Metric guard rails that fire (values only; see `guard_rails::metric_rails_fired`).
    #[serde(skip)]
    pub(crate) metric_rails: u32,
}

impl RowScore {
    pub fn has_flag(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Scores of every row of a table, aligned with `MeasureTable::rows`. Reused across
/// rescoring so a weight drag allocates nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreBoard {
    pub rows: Vec<RowScore>,
    pub metric_cells: Vec<MetricCell>,
    pub dimension_cells: Vec<DimensionCell>,
    /// Metric scores aligned with `metric_cells`, NaN where N/A: the only metric data
    /// the weight pass reads, kept dense so a rescore streams little memory.
    #[serde(skip)]
    scores: Vec<f64>,
    /// (total, row) pairs reused by the ranking pass.
    #[serde(skip)]
    rank_scratch: Vec<(f64, u32)>,
    /// Totals aligned with `rows`, NaN where none: what the ranking pass sorts.
    #[serde(skip)]
    totals: Vec<f64>,
    /// Per-row rank results reused by the ranking pass.
    #[serde(skip)]
    rank_by_row: Vec<rank::RankCell>,
    /// Bucket counts reused by the ranking pass.
    #[serde(skip)]
    rank_buckets: Vec<u32>,
    /// Which compiled curves filled `metric_cells` (0: none yet).
    #[serde(skip)]
    curves_id: u64,
}

impl ScoreBoard {
    /// The metric cells of a row, in card order (dimension by dimension).
    pub fn metrics(&self, row: usize) -> &[MetricCell] {
        let start = self.rows[row].metric_start as usize;
        let end = self
            .rows
            .get(row + 1)
            .map_or(self.metric_cells.len(), |next| next.metric_start as usize);
        &self.metric_cells[start..end]
    }

    /// The dimension cells of a row, in card order.
    pub fn dimensions(&self, row: usize) -> &[DimensionCell] {
        let start = self.rows[row].dimension_start as usize;
        let end = self
            .rows
            .get(row + 1)
            .map_or(self.dimension_cells.len(), |next| {
                next.dimension_start as usize
            });
        &self.dimension_cells[start..end]
    }
}

/// Compiles and scores in one call (for the CLI and tests; the UI keeps the scheme).
pub fn score_table(
    table: &MeasureTable,
    history: &ScorecardHistory,
) -> Result<(CompiledScheme, ScoreBoard), ScorecardError> {
    let scheme = CompiledScheme::compile(history, table)?;
    let board = scheme.score();
    Ok((scheme, board))
}

/// The explanation of one group's score in one period, compiling and scoring the whole
/// table (ranks need every group). Ok(None) when the table has no such row.
pub fn explain(
    table: &MeasureTable,
    history: &ScorecardHistory,
    group: &str,
    period: &str,
) -> Result<Option<Explanation>, ScorecardError> {
    let (scheme, board) = score_table(table, history)?;
    Ok(scheme.explain(table, &board, group, period))
}
