//! A metric as data: what it aggregates, over which records, in which unit, and which way
//! is better. The standard metrics are definitions like any user-defined one.

use serde::{Deserialize, Serialize};

use crate::field::Field;

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// How a value is shown and what its numbers mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A plain count (contacts handled).
    Count,
    /// A share from 0 to 1, shown as a percentage.
    Ratio,
    Seconds,
    /// A 1-5 rating (CSAT).
    Rating,
    /// A 0-100 score (QA, 360).
    Points,
    /// Anything else; shown as a plain number.
    Number,
}

/// Where a metric's observations come from. Every source produces the same
/// [`crate::measure::MeasureTable`], so the scorer treats them alike.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Contact records (chats, calls, emails, tickets).
    #[default]
    Contacts,
    /// Customer survey answers (CSAT, NPS, effort).
    Surveys,
    /// QA rubric reviews of conversations.
    QaReviews,
    /// Self, peer and manager reviews.
    Reviews360,
    /// Values a manager typed in per agent and period.
    Manual,
}

/// Which records a metric looks at before its field filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Population {
    /// Every valid record.
    #[default]
    All,
    /// Answered records only.
    Answered,
    /// Resolved records only.
    Resolved,
}

/// The aggregate applied to the field over the population.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Aggregate {
    /// Records in the population (no field needed).
    Count,
    /// Share of records whose boolean field is true, among those where it is known.
    /// For count fields, share of records with a count above zero.
    Rate,
    Mean,
    Median,
    /// Linear interpolation between closest ranks (numpy default, Excel PERCENTILE.INC);
    /// `p` from 0 to 100.
    Percentile {
        p: f64,
    },
    Sum,
    /// Share of known values within the bounds (inclusive), e.g. first response <= 30 s.
    ShareWithin {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
}

/// Keeps only records whose text field is one of `values` (case-sensitive, as imported).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldFilter {
    pub field: Field,
    pub values: Vec<String>,
}

/// A metric definition. Standard metrics (see `metrics::standard`) use the same type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricDef {
    /// Stable id used by scorecards and files (`first_response_secs_mean`).
    pub id: String,
    /// Display name; standard metrics are translated by the UI from their id instead.
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub source: Source,
    pub aggregate: Aggregate,
    /// The field aggregated; `None` only for [`Aggregate::Count`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    #[serde(default)]
    pub population: Population,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<FieldFilter>,
    pub unit: Unit,
    pub direction: Direction,
}
