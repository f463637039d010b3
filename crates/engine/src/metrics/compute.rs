//! Contact metrics over a [`RecordStore`]: one pass buckets record indices by (group,
//! period), then each bucket is aggregated per metric with reused buffers.

use crate::field::{Field, FieldKind};
use crate::ingest::values::{parse_bool, parse_number};
use crate::measure::{Exclusion, ExclusionReason, Measure, MeasureRow, MeasureTable};
use crate::metric_def::{Aggregate, MetricDef, Population, Source};
use crate::period::PeriodKind;
use crate::records::{RecordStore, NO_COUNT, NO_TEXT, TRI_FALSE, TRI_TRUE};
use crate::stats;

use super::buckets::{main_team_per_group, Buckets, Groups, Periods};
use super::GroupBy;

/// The group name of records without a team when grouping by team.
pub const NO_TEAM_GROUP: &str = "(no team)";

/// Computes `defs` whose source is [`Source::Contacts`] (others are left out of the
/// table; their sources fill their own tables, see [`super::merge_tables`]).
pub fn compute(
    store: &RecordStore,
    defs: &[MetricDef],
    by: GroupBy,
    period: PeriodKind,
) -> MeasureTable {
    let defs: Vec<&MetricDef> = defs
        .iter()
        .filter(|d| d.source == Source::Contacts)
        .collect();
    let metric_ids = defs.iter().map(|def| def.id.clone()).collect();
    let groups = Groups::new(store, by);
    let periods = Periods::new(store, period);
    let buckets = Buckets::new(
        &groups.of_record,
        &periods.of_record,
        groups.names.len(),
        periods.labels.len(),
    );
    let teams = (by == GroupBy::Agent).then(|| main_team_per_group(store, &groups));

    // Metric by metric, each a sequential pass over the columns (records of a bucket are
    // scattered through the file; visiting them bucket by bucket would miss the cache).
    let mut scratch = Scratch::default();
    let mut columns: Vec<std::vec::IntoIter<Measure>> = defs
        .iter()
        .map(|def| {
            Prepared::new(store, def)
                .measure_buckets(store, &buckets, &mut scratch)
                .into_iter()
        })
        .collect();
    let rows = buckets
        .runs
        .iter()
        .map(|run| MeasureRow {
            group: groups.names[run.group as usize].clone(),
            team: teams
                .as_ref()
                .and_then(|teams| teams[run.group as usize].clone()),
            period: periods.labels[run.period as usize].clone(),
            records: (run.end - run.start) as u32,
            values: columns
                .iter_mut()
                .map(|column| column.next().expect("one measure per bucket"))
                .collect(),
        })
        .collect();
    MeasureTable { metric_ids, rows }
}

/// The records behind one row of a table from [`compute`] (same `by` and `period`), in
/// file order: what a drill-down from a number to its records lists. Empty when the group
/// or period has no records.
pub fn record_indices(
    store: &RecordStore,
    by: GroupBy,
    period: PeriodKind,
    group: &str,
    period_label: &str,
) -> Vec<u32> {
    let groups = Groups::new(store, by);
    let periods = Periods::new(store, period);
    let (Ok(group), Ok(period)) = (
        groups
            .names
            .binary_search_by(|name| name.as_str().cmp(group)),
        periods
            .labels
            .binary_search_by(|label| label.as_str().cmp(period_label)),
    ) else {
        return Vec::new();
    };
    (0..store.len() as u32)
        .filter(|&i| {
            groups.of_record[i as usize] == group as u32
                && periods.of_record[i as usize] == period as u32
        })
        .collect()
}

/// One record's value of a metric's field.
#[derive(Clone, Copy, PartialEq)]
enum Value {
    Missing,
    Bool(bool),
    Number(f64),
    /// A text value (its interned id); texts have no number.
    Text(u32),
}

/// Where a field's values live in the store.
#[derive(Clone, Copy)]
enum Column<'s> {
    Bool(&'s [u8]),
    Seconds(&'s [f32]),
    Count(&'s [u16]),
    Csat(&'s [u8]),
    Text(&'s [u32]),
    Time(&'s [i64]),
    Id,
}

impl<'s> Column<'s> {
    fn of(store: &'s RecordStore, field: Field) -> Column<'s> {
        match field {
            Field::Agent | Field::Team | Field::Channel | Field::Topic => {
                Column::Text(store.text_column(field).expect("text field"))
            }
            Field::Id => Column::Id,
            Field::OpenedAt => Column::Time(store.opened_at_secs()),
            // Times of later events are stored as durations from opening; their presence
            // is what a metric over them can use.
            Field::FirstResponseAt => Column::Seconds(
                store
                    .seconds_column(Field::FirstResponseSecs)
                    .expect("seconds"),
            ),
            Field::ResolvedAt => Column::Seconds(
                store
                    .seconds_column(Field::ResolutionSecs)
                    .expect("seconds"),
            ),
            Field::FirstResponseSecs | Field::HandleSecs | Field::ResolutionSecs => {
                Column::Seconds(store.seconds_column(field).expect("seconds"))
            }
            Field::ReopenCount | Field::ReassignCount => {
                Column::Count(store.count_column(field).expect("count"))
            }
            Field::Csat => Column::Csat(store.csat_column()),
            Field::Answered
            | Field::Resolved
            | Field::FirstContactResolved
            | Field::Complaint
            | Field::SlaMet => Column::Bool(store.bool_column(field).expect("bool")),
        }
    }

    #[inline(always)]
    fn value(self, store: &RecordStore, index: usize) -> Value {
        match self {
            Column::Bool(column) => match column[index] {
                TRI_TRUE => Value::Bool(true),
                TRI_FALSE => Value::Bool(false),
                _ => Value::Missing,
            },
            Column::Seconds(column) => {
                let value = column[index];
                if value.is_nan() {
                    Value::Missing
                } else {
                    Value::Number(f64::from(value))
                }
            }
            Column::Count(column) => match column[index] {
                NO_COUNT => Value::Missing,
                count => Value::Number(f64::from(count)),
            },
            Column::Csat(column) => match column[index] {
                0 => Value::Missing,
                rating => Value::Number(f64::from(rating)),
            },
            Column::Text(column) => match column[index] {
                NO_TEXT => Value::Missing,
                id => Value::Text(id),
            },
            Column::Time(column) => Value::Number(column[index] as f64),
            Column::Id => match store.id(index) {
                Some(_) => Value::Text(NO_TEXT),
                None => Value::Missing,
            },
        }
    }
}

/// A metric filter resolved against the store.
struct Filter<'s> {
    column: Column<'s>,
    field: Field,
    /// Interned ids of the accepted texts (texts never imported cannot match).
    texts: Vec<u32>,
    bools: Vec<bool>,
    numbers: Vec<f64>,
    id_texts: &'s [String],
}

impl Filter<'_> {
    fn keeps(&self, store: &RecordStore, index: usize) -> bool {
        if self.field == Field::Id {
            return store
                .id(index)
                .is_some_and(|id| self.id_texts.iter().any(|text| text == id));
        }
        match self.column.value(store, index) {
            Value::Missing => false,
            Value::Text(id) => self.texts.contains(&id),
            Value::Bool(flag) => self.bools.contains(&flag),
            Value::Number(number) => self.numbers.contains(&number),
        }
    }
}

/// How a rate counts its numerator.
#[derive(Clone, Copy)]
enum RateKind {
    /// Boolean field: true among known.
    True,
    /// Count field: above zero among known.
    AboveZero,
    /// Any other field: has a value among the whole population.
    HasValue,
}

/// A metric definition tied to the store's columns; `None` column set = N/A.
struct Prepared<'s> {
    def: &'s MetricDef,
    /// False when a needed field is absent from the source: the metric is N/A everywhere.
    available: bool,
    column: Option<Column<'s>>,
    rate: RateKind,
    filters: Vec<Filter<'s>>,
    answered: &'s [u8],
    resolved: Option<&'s [u8]>,
}

impl<'s> Prepared<'s> {
    fn new(store: &'s RecordStore, def: &'s MetricDef) -> Prepared<'s> {
        // `answered` is never absent: a record without it reads as answered.
        let known = |field: Field| field == Field::Answered || store.has_field(field);
        let field_ok = def.field.is_none_or(known);
        let population_ok = def.population != Population::Resolved || known(Field::Resolved);
        let filters_ok = def.filters.iter().all(|filter| known(filter.field));
        let numeric_needs_field =
            !matches!(def.aggregate, Aggregate::Count | Aggregate::Rate) && def.field.is_none();
        let rate = match def.field.map(Field::kind) {
            Some(FieldKind::Bool) => RateKind::True,
            Some(FieldKind::Count) => RateKind::AboveZero,
            _ => RateKind::HasValue,
        };
        let filters = def
            .filters
            .iter()
            .map(|filter| Filter {
                column: if filter.field == Field::Id {
                    Column::Id
                } else {
                    Column::of(store, filter.field)
                },
                field: filter.field,
                texts: filter
                    .values
                    .iter()
                    .filter_map(|text| store.strings().lookup(text))
                    .collect(),
                bools: filter
                    .values
                    .iter()
                    .filter_map(|text| parse_bool(text.trim(), &[], &[]))
                    .collect(),
                numbers: filter
                    .values
                    .iter()
                    .filter_map(|text| parse_number(text.trim()))
                    .collect(),
                id_texts: &filter.values,
            })
            .collect();
        Prepared {
            def,
            available: field_ok
                && population_ok
                && filters_ok
                && !numeric_needs_field
                && !(def.aggregate == Aggregate::Rate && def.field.is_none()),
            column: def.field.map(|field| Column::of(store, field)),
            rate,
            filters,
            answered: store.answered_column(),
            resolved: store.bool_column(Field::Resolved),
        }
    }

    /// One measure per bucket, in `buckets.runs` order.
    fn measure_buckets(
        &self,
        store: &RecordStore,
        buckets: &Buckets,
        scratch: &mut Scratch,
    ) -> Vec<Measure> {
        if !self.available {
            return vec![Measure::not_available(); buckets.runs.len()];
        }
        let keeps_values = matches!(
            self.def.aggregate,
            Aggregate::Median | Aggregate::Percentile { .. }
        );
        let accumulators = &mut scratch.accumulators;
        accumulators.clear();
        accumulators.resize(buckets.runs.len(), Accumulator::default());
        if keeps_values {
            scratch.values.resize(buckets.bucket_of.len(), 0.0);
        }
        let range = match self.def.aggregate {
            Aggregate::ShareWithin { min, max } => (
                min.unwrap_or(f64::NEG_INFINITY),
                max.unwrap_or(f64::INFINITY),
            ),
            _ => (f64::NEG_INFINITY, f64::INFINITY),
        };
        // One copy of the record loop per kind of column, so reading a value compiles to
        // a plain load and test instead of a dispatch per record.
        let scan = Scan {
            buckets,
            keeps_values,
            range,
        };
        match self.column {
            None => self.accumulate(&scan, scratch, store, |_| None),
            Some(Column::Bool(c)) => self.accumulate(&scan, scratch, store, |i| {
                Some(Column::Bool(c).value(store, i))
            }),
            Some(Column::Seconds(c)) => self.accumulate(&scan, scratch, store, |i| {
                Some(Column::Seconds(c).value(store, i))
            }),
            Some(Column::Count(c)) => self.accumulate(&scan, scratch, store, |i| {
                Some(Column::Count(c).value(store, i))
            }),
            Some(Column::Csat(c)) => self.accumulate(&scan, scratch, store, |i| {
                Some(Column::Csat(c).value(store, i))
            }),
            Some(column) => {
                self.accumulate(&scan, scratch, store, |i| Some(column.value(store, i)))
            }
        }
        let accumulators = &scratch.accumulators;
        buckets
            .runs
            .iter()
            .zip(accumulators.iter())
            .map(|(run, acc)| {
                let values = keeps_values
                    .then(|| &mut scratch.values[run.start..run.start + acc.known as usize]);
                self.finish(acc, values)
            })
            .collect()
    }

    /// Adds every record to its bucket's accumulator; `value_of(i)` is record `i`'s value
    /// of the metric's field, `None` when the metric has no field.
    #[inline(always)]
    fn accumulate(
        &self,
        scan: &Scan<'_>,
        scratch: &mut Scratch,
        store: &RecordStore,
        value_of: impl Fn(usize) -> Option<Value>,
    ) {
        let Scan {
            buckets,
            keeps_values,
            range: (min, max),
        } = *scan;
        let accumulators = &mut scratch.accumulators;
        for (index, &bucket) in buckets.bucket_of.iter().enumerate() {
            let acc = &mut accumulators[bucket as usize];
            let Some(value) = self.observe(store, index, acc, &value_of) else {
                continue;
            };
            acc.known += 1;
            match (self.def.aggregate, value) {
                (Aggregate::Rate, Value::Bool(flag)) => acc.hits += u32::from(flag),
                (Aggregate::Rate, Value::Number(number)) => match self.rate {
                    RateKind::AboveZero => acc.hits += u32::from(number > 0.0),
                    _ => acc.hits += 1,
                },
                (Aggregate::Rate, Value::Text(_)) => acc.hits += 1,
                (Aggregate::Count, _) => {}
                (_, Value::Number(number)) => {
                    acc.sum += number;
                    if number >= min && number <= max {
                        acc.hits += 1;
                    }
                    if keeps_values {
                        let run = &buckets.runs[bucket as usize];
                        scratch.values[run.start + acc.known as usize - 1] = number;
                    }
                }
                // Texts have no number: they count as missing for numeric aggregates.
                (_, _) => {
                    acc.known -= 1;
                    acc.excluded[VALUE_MISSING] += 1;
                }
            }
        }
    }

    /// Runs a record through the population and filters, counting exclusions; its value
    /// when it has one (booleans as 1/0 for numeric aggregates).
    #[inline(always)]
    fn observe(
        &self,
        store: &RecordStore,
        index: usize,
        acc: &mut Accumulator,
        value_of: &impl Fn(usize) -> Option<Value>,
    ) -> Option<Value> {
        match self.def.population {
            Population::All => {}
            Population::Answered => {
                if self.answered[index] == 0 {
                    acc.excluded[NOT_ANSWERED] += 1;
                    return None;
                }
            }
            Population::Resolved => match self.resolved.map(|column| column[index]) {
                Some(TRI_TRUE) => {}
                Some(TRI_FALSE) => {
                    acc.excluded[NOT_RESOLVED] += 1;
                    return None;
                }
                _ => {
                    acc.excluded[VALUE_MISSING] += 1;
                    return None;
                }
            },
        }
        if !self.filters.is_empty() && !self.filters.iter().all(|filter| filter.keeps(store, index))
        {
            acc.excluded[FILTERED_OUT] += 1;
            return None;
        }
        acc.population += 1;
        let value = value_of(index)?;
        match (self.def.aggregate, value) {
            (_, Value::Missing) => {
                acc.excluded[VALUE_MISSING] += 1;
                None
            }
            (Aggregate::Rate | Aggregate::Count, _) => Some(value),
            (_, Value::Bool(flag)) => Some(Value::Number(f64::from(u8::from(flag)))),
            _ => Some(value),
        }
    }

    fn finish(&self, acc: &Accumulator, values: Option<&mut [f64]>) -> Measure {
        let mut excluded = acc.excluded;
        let (known, hits, sum) = (acc.known, acc.hits, acc.sum);
        let ratio = |numerator: u32, denominator: u32| {
            (denominator > 0).then(|| f64::from(numerator) / f64::from(denominator))
        };
        let (value, sample, numerator) = match self.def.aggregate {
            Aggregate::Count => {
                // With a field, a count is of the records that have a value.
                let count = if self.column.is_some() {
                    known
                } else {
                    acc.population
                };
                (Some(f64::from(count)), count, Some(f64::from(count)))
            }
            Aggregate::Rate => match self.rate {
                RateKind::HasValue => {
                    // Missing values are part of this denominator, not exclusions.
                    excluded[VALUE_MISSING] = 0;
                    (
                        ratio(hits, acc.population),
                        acc.population,
                        Some(f64::from(hits)),
                    )
                }
                _ => (ratio(hits, known), known, Some(f64::from(hits))),
            },
            Aggregate::ShareWithin { .. } => (ratio(hits, known), known, Some(f64::from(hits))),
            Aggregate::Mean => (
                (known > 0).then(|| sum / f64::from(known)),
                known,
                Some(sum),
            ),
            Aggregate::Sum => ((known > 0).then_some(sum), known, Some(sum)),
            Aggregate::Median => (values.and_then(stats::median), known, None),
            Aggregate::Percentile { p } => {
                (values.and_then(|v| stats::percentile(v, p)), known, None)
            }
        };
        let reasons = [
            ExclusionReason::NotAnswered,
            ExclusionReason::NotResolved,
            ExclusionReason::ValueMissing,
            ExclusionReason::FilteredOut,
        ];
        Measure {
            value,
            sample,
            numerator,
            excluded: reasons
                .into_iter()
                .zip(excluded)
                .filter(|(_, count)| *count > 0)
                .map(|(reason, count)| Exclusion { reason, count })
                .collect(),
        }
    }
}

const NOT_ANSWERED: usize = 0;
const NOT_RESOLVED: usize = 1;
const VALUE_MISSING: usize = 2;
const FILTERED_OUT: usize = 3;

/// Running totals of one metric in one bucket.
#[derive(Clone, Copy, Default)]
struct Accumulator {
    /// By reason: not answered, not resolved, value missing, filtered out.
    excluded: [u32; 4],
    /// Records in the population after filters (the denominator of a has-value rate).
    population: u32,
    /// Known values: the denominator of rates and shares, the count of means.
    known: u32,
    hits: u32,
    sum: f64,
}

/// What every record loop of one metric shares.
#[derive(Clone, Copy)]
struct Scan<'b> {
    buckets: &'b Buckets,
    /// Medians and percentiles keep each value.
    keeps_values: bool,
    /// `share_within`'s bounds (infinite otherwise).
    range: (f64, f64),
}

/// Buffers reused from metric to metric.
#[derive(Default)]
struct Scratch {
    accumulators: Vec<Accumulator>,
    /// Every bucket's values for medians and percentiles, bucket after bucket.
    values: Vec<f64>,
}
