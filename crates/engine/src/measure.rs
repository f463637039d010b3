//! The boundary between measuring and scoring: a table of metric values per group and
//! period. Metric sources (contact records today; surveys, QA reviews, 360 reviews and
//! manual entries later) fill it; the scorer reads it and never sees a record.

use serde::{Deserialize, Serialize};

/// Why a record in a group did not count towards a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// The metric is over answered records and this one was not answered.
    NotAnswered,
    /// The metric is over resolved records and this one was not resolved.
    NotResolved,
    /// The record has no value (or an unknown one) for a field the metric needs.
    ValueMissing,
    /// The metric's filter (channel, topic, ...) left the record out.
    FilteredOut,
    /// An accepted appeal or a manager excluded the record from scoring.
    Excluded,
}

/// Records left out of one metric, by reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exclusion {
    pub reason: ExclusionReason,
    pub count: u32,
}

/// One metric's value for one group and period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// `None` is N/A: an empty denominator, or a field the metric needs is absent from the
    /// data altogether. Never 0 in those cases.
    pub value: Option<f64>,
    /// Observations behind the value: the denominator of a rate, the count of a mean or
    /// percentile. Drives the small-sample flag.
    pub sample: u32,
    /// The numerator of a rate, or the sum behind a mean; `None` where it has no meaning
    /// (medians, percentiles).
    pub numerator: Option<f64>,
    /// Records of the group that did not count, and why.
    pub excluded: Vec<Exclusion>,
}

impl Measure {
    pub fn not_available() -> Measure {
        Measure::default()
    }
}

/// Metric values per (group, period). `metric_ids` fixes the column order, so scoring can
/// resolve each scorecard metric to a column once and then index, not hash, per group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureTable {
    pub metric_ids: Vec<String>,
    /// Sorted by group name, then period label.
    pub rows: Vec<MeasureRow>,
}

/// The measures of one group in one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureRow {
    /// Agent name, team name, or `all` for the whole centre.
    pub group: String,
    /// The team of an agent group (the team with most of the agent's records), if known.
    pub team: Option<String>,
    /// Period label, see [`crate::period`].
    pub period: String,
    /// Valid records of the group in the period.
    pub records: u32,
    /// Aligned with [`MeasureTable::metric_ids`].
    pub values: Vec<Measure>,
}

impl MeasureTable {
    /// The column of a metric, if the table has it.
    pub fn column(&self, metric_id: &str) -> Option<usize> {
        self.metric_ids.iter().position(|id| id == metric_id)
    }

    /// The row of a group and period, if present.
    pub fn row(&self, group: &str, period: &str) -> Option<&MeasureRow> {
        self.rows
            .iter()
            .find(|row| row.group == group && row.period == period)
    }
}
