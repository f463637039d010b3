//! Metrics: [`MetricDef`]s evaluated per group and period into a [`MeasureTable`].
//!
//! # Semantics of a contact metric
//! For each (group, period) bucket, a record goes through, in order:
//! 1. the population (`all`, `answered`, `resolved`; a record whose `resolved` is unknown
//!    is left out of a resolved population as "value missing");
//! 2. the filters (text fields: the value is one of the listed texts; booleans: `true` /
//!    `false` spellings; numbers: equal to one listed number; id: the exact id);
//! 3. the field's value; records without one are excluded as "value missing".
//!
//! Aggregates: `count` counts the records left after 1-2 (with a field: those having a
//! value); `rate` is, for a boolean field, true among known; for a count field, above zero
//! among known; for any other field, *has a value* among the whole population (this is how
//! `csat_rated_rate` = rated / answered is expressed as data: `rate` of `csat` over the
//! answered population). `mean`, `sum`, `median`, `percentile` (linear interpolation, see
//! [`crate::stats`]) and `share_within` read numbers; booleans read as 1/0.
//!
//! A value is N/A (`None`) when its denominator is empty, or everywhere when a field the
//! metric needs (its field, `resolved` for a resolved population, a filter's field) is
//! absent from the source. `answered` is never absent: a missing answered reads as true.
//!
//! # Sources
//! Contact records are one source ([`Source::Contacts`], computed by [`compute`]). Any
//! other source (surveys, QA reviews, 360 reviews, manual entries) is "something that
//! produces a [`MeasureTable`] for given defs, [`GroupBy`] and [`PeriodKind`]", with the
//! same group names (agent, team, `all`) and period labels ([`crate::period`]). Tables of
//! several sources are combined with [`merge_tables`].
//!
//! [`Source::Contacts`]: crate::metric_def::Source::Contacts
//! [`MetricDef`]: crate::metric_def::MetricDef
//! [`PeriodKind`]: crate::period::PeriodKind

mod buckets;
mod compute;
pub mod standard;

use serde::{Deserialize, Serialize};

use crate::measure::{Measure, MeasureRow, MeasureTable};

pub use compute::{compute, record_indices, NO_TEAM_GROUP};

/// What a row of the table is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// One row per agent (with the agent's most frequent team).
    #[default]
    Agent,
    /// One row per team; records without a team form the group [`NO_TEAM_GROUP`].
    Team,
    /// One row for the whole centre, group `all`.
    All,
}

impl GroupBy {
    pub fn parse(text: &str) -> Option<GroupBy> {
        match text {
            "agent" => Some(GroupBy::Agent),
            "team" => Some(GroupBy::Team),
            "all" => Some(GroupBy::All),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Agent => "agent",
            GroupBy::Team => "team",
            GroupBy::All => "all",
        }
    }
}

/// Combines the tables of two sources by (group, period). Metric columns are `first`'s then
/// `second`'s new ones; when both have a metric id, `second`'s measure wins where it has
/// the row. A row present in one table only gets N/A for the other's metrics. `records` is
/// the larger of the two, `team` the first known.
pub fn merge_tables(first: MeasureTable, second: MeasureTable) -> MeasureTable {
    let mut metric_ids = first.metric_ids.clone();
    for id in &second.metric_ids {
        if !metric_ids.contains(id) {
            metric_ids.push(id.clone());
        }
    }
    let column_of = |id: &String| {
        metric_ids
            .iter()
            .position(|known| known == id)
            .expect("every id was added")
    };
    let first_columns: Vec<usize> = first.metric_ids.iter().map(column_of).collect();
    let second_columns: Vec<usize> = second.metric_ids.iter().map(column_of).collect();
    let width = metric_ids.len();

    let mut rows: Vec<MeasureRow> = Vec::with_capacity(first.rows.len().max(second.rows.len()));
    let mut firsts = first.rows.into_iter().peekable();
    let mut seconds = second.rows.into_iter().peekable();
    let key = |row: &MeasureRow| (row.group.clone(), row.period.clone());
    let widen = |row: MeasureRow, columns: &[usize]| {
        let mut values = vec![Measure::not_available(); width];
        for (measure, &column) in row.values.into_iter().zip(columns) {
            values[column] = measure;
        }
        MeasureRow { values, ..row }
    };
    loop {
        let order = match (firsts.peek(), seconds.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(a), Some(b)) => key(a).cmp(&key(b)),
        };
        let row = match order {
            std::cmp::Ordering::Less => widen(firsts.next().expect("peeked"), &first_columns),
            std::cmp::Ordering::Greater => widen(seconds.next().expect("peeked"), &second_columns),
            std::cmp::Ordering::Equal => {
                let mut row = widen(firsts.next().expect("peeked"), &first_columns);
                let other = seconds.next().expect("peeked");
                row.records = row.records.max(other.records);
                row.team = row.team.or(other.team);
                for (measure, &column) in other.values.into_iter().zip(&second_columns) {
                    row.values[column] = measure;
                }
                row
            }
        };
        rows.push(row);
    }
    MeasureTable { metric_ids, rows }
}

#[cfg(test)]
mod tests;
