//! Compiling a scorecard history against one table: columns resolved, values copied into a
//! dense row-major matrix, each row's version, period group and previous-period row found.
//! Everything string-based happens here, once; scoring then only indexes.

use std::collections::HashMap;

use crate::measure::MeasureTable;
use crate::metric_def::Direction;
use crate::period::PeriodKind;
use crate::scorecard::curve::CompiledCurve;
use crate::scorecard::{
    GradeScheme, GuardRail, Scorecard, ScorecardError, ScorecardHistory, SmallSamplePolicy,
};

/// Row index meaning "none" in compact u32 links.
pub(crate) const NO_ROW: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub(crate) struct CompiledMetric {
    /// Table column, None when the table lacks the metric (always N/A).
    pub column: Option<u32>,
    pub weight: f64,
    pub curve: CompiledCurve,
    pub direction: Direction,
    pub min_sample: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct CompiledDimension {
    pub weight: f64,
    /// Range of this dimension's metrics in `CompiledCard::metrics`.
    pub first_metric: u32,
    pub end_metric: u32,
}

#[derive(Clone, Debug)]
pub(crate) enum CompiledRail {
    DimensionFloor {
        dimension: u32,
        below: f64,
        cap: f64,
    },
    MetricCritical {
        /// Index into `CompiledCard::metrics`.
        metric: u32,
        threshold: f64,
        direction: Direction,
        cap: f64,
    },
}

/// One scorecard version, resolved against the table's columns.
#[derive(Clone, Debug)]
pub(crate) struct CompiledCard {
    pub metrics: Vec<CompiledMetric>,
    pub dimensions: Vec<CompiledDimension>,
    pub rails: Vec<CompiledRail>,
    pub grading: GradeScheme,
    pub exclude_small_samples: bool,
}

impl CompiledCard {
    fn compile(card: &Scorecard, table: &MeasureTable) -> Result<CompiledCard, ScorecardError> {
        card.validate()?;
        let mut metrics = Vec::new();
        let mut dimensions = Vec::with_capacity(card.dimensions.len());
        for dim in &card.dimensions {
            let first_metric = metrics.len() as u32;
            for m in &dim.metrics {
                let direction = card.direction_of(m)?;
                let curve = CompiledCurve::compile(&m.curve, m.floor, m.target, direction)
                    .map_err(|problem| ScorecardError::BadCurve {
                        metric_id: m.metric_id.clone(),
                        reason: format!("{problem:?}"),
                    })?;
                metrics.push(CompiledMetric {
                    column: table.column(&m.metric_id).map(|c| c as u32),
                    weight: m.weight,
                    curve,
                    direction,
                    min_sample: m.min_sample,
                });
            }
            dimensions.push(CompiledDimension {
                weight: dim.weight,
                first_metric,
                end_metric: metrics.len() as u32,
            });
        }
        let rails = card
            .guard_rails
            .iter()
            .map(|rail| match rail {
                GuardRail::DimensionFloor {
                    dimension,
                    below,
                    cap,
                } => CompiledRail::DimensionFloor {
                    dimension: card
                        .dimensions
                        .iter()
                        .position(|d| &d.id == dimension)
                        .expect("validated") as u32,
                    below: *below,
                    cap: *cap,
                },
                GuardRail::MetricCritical {
                    metric_id,
                    threshold,
                    cap,
                } => {
                    let index = card
                        .metric_ids()
                        .position(|id| id == metric_id)
                        .expect("validated");
                    CompiledRail::MetricCritical {
                        metric: index as u32,
                        threshold: *threshold,
                        direction: metrics[index].direction,
                        cap: *cap,
                    }
                }
            })
            .collect();
        Ok(CompiledCard {
            metrics,
            dimensions,
            rails,
            grading: card.grading.clone(),
            exclude_small_samples: card.small_sample == SmallSamplePolicy::Exclude,
        })
    }
}

/// The rows of one period, for ranking.
#[derive(Clone, Debug)]
pub(crate) struct PeriodGroup {
    /// Range into `CompiledScheme::period_rows`.
    pub start: u32,
    pub end: u32,
}

/// A scorecard history compiled against one [`MeasureTable`]. Keep it while the table is
/// unchanged; rebuild it when the data changes.
#[derive(Clone, Debug)]
pub struct CompiledScheme {
    pub(crate) history: ScorecardHistory,
    pub(crate) cards: Vec<CompiledCard>,
    /// Table columns, row-major: `values[row * columns + column]`; NaN is N/A.
    pub(crate) values: Vec<f64>,
    pub(crate) samples: Vec<u32>,
    pub(crate) columns: usize,
    /// Per table row: the version index that scores it.
    pub(crate) row_version: Vec<u16>,
    /// Per table row: the same group's row in the calendar-previous period, or NO_ROW.
    pub(crate) previous_row: Vec<u32>,
    /// Row indices grouped by period.
    pub(crate) period_rows: Vec<u32>,
    pub(crate) periods: Vec<PeriodGroup>,
    /// Identifies the compiled curves, targets and metric lists: boards filled with
    /// another id redo their metric scores. Weight edits keep it.
    pub(crate) curves_id: u64,
}

impl CompiledScheme {
    /// Validates and compiles every version of `history` against `table`. Rows whose
    /// period label has no known shape are scored with the latest version.
    pub fn compile(
        history: &ScorecardHistory,
        table: &MeasureTable,
    ) -> Result<CompiledScheme, ScorecardError> {
        let history = history.clone().validated()?;
        let cards = history
            .versions
            .iter()
            .map(|v| CompiledCard::compile(&v.scorecard, table))
            .collect::<Result<Vec<_>, _>>()?;

        let columns = table.metric_ids.len();
        let mut values = Vec::with_capacity(table.rows.len() * columns);
        let mut samples = Vec::with_capacity(table.rows.len() * columns);
        for row in &table.rows {
            for c in 0..columns {
                let measure = row.values.get(c);
                values.push(measure.and_then(|m| m.value).unwrap_or(f64::NAN));
                samples.push(measure.map_or(0, |m| m.sample));
            }
        }

        // Version and period grouping are per distinct label: parse each label once.
        let latest = history.versions.len() - 1;
        let mut version_of_label: HashMap<&str, u16> = HashMap::new();
        let mut period_index: HashMap<&str, usize> = HashMap::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut row_version = Vec::with_capacity(table.rows.len());
        for (i, row) in table.rows.iter().enumerate() {
            let version = *version_of_label
                .entry(row.period.as_str())
                .or_insert_with(|| history.index_for_period(&row.period).unwrap_or(latest) as u16);
            row_version.push(version);
            let p = *period_index.entry(row.period.as_str()).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
            members[p].push(i as u32);
        }
        let mut period_rows = Vec::with_capacity(table.rows.len());
        let mut periods = Vec::with_capacity(members.len());
        for rows in members {
            let start = period_rows.len() as u32;
            period_rows.extend(rows);
            periods.push(PeriodGroup {
                start,
                end: period_rows.len() as u32,
            });
        }

        let row_of: HashMap<(&str, &str), u32> = table
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.group.as_str(), r.period.as_str()), i as u32))
            .collect();
        let mut previous_of_label: HashMap<&str, Option<String>> = HashMap::new();
        let previous_row = table
            .rows
            .iter()
            .map(|row| {
                let previous = previous_of_label
                    .entry(row.period.as_str())
                    .or_insert_with(|| {
                        PeriodKind::of_label(&row.period)
                            .and_then(|kind| kind.previous_label(&row.period))
                    });
                previous
                    .as_deref()
                    .and_then(|p| row_of.get(&(row.group.as_str(), p)).copied())
                    .unwrap_or(NO_ROW)
            })
            .collect();

        Ok(CompiledScheme {
            history,
            cards,
            values,
            samples,
            columns,
            row_version,
            previous_row,
            period_rows,
            periods,
            curves_id: super::compute::next_curves_id(),
        })
    }

    /// The validated history (versions sorted by `effective_from`), with any weight edits.
    pub fn history(&self) -> &ScorecardHistory {
        &self.history
    }

    /// Sets a dimension's relative weight in one version. O(1): rescore to see the effect.
    pub fn set_dimension_weight(
        &mut self,
        version: usize,
        dimension: usize,
        weight: f64,
    ) -> Result<(), ScorecardError> {
        let missing = ScorecardError::NoSuchItem {
            version,
            dimension,
            metric: None,
        };
        let dim = self
            .history
            .versions
            .get_mut(version)
            .and_then(|v| v.scorecard.dimensions.get_mut(dimension))
            .ok_or(missing)?;
        if !weight.is_finite() || weight < 0.0 {
            return Err(ScorecardError::BadWeight {
                dimension: dim.id.clone(),
                metric_id: None,
            });
        }
        dim.weight = weight;
        self.cards[version].dimensions[dimension].weight = weight;
        Ok(())
    }

    /// Sets the relative weight of metric `metric` (index within its dimension) in one
    /// version. O(1): rescore to see the effect.
    pub fn set_metric_weight(
        &mut self,
        version: usize,
        dimension: usize,
        metric: usize,
        weight: f64,
    ) -> Result<(), ScorecardError> {
        let missing = ScorecardError::NoSuchItem {
            version,
            dimension,
            metric: Some(metric),
        };
        let dim = self
            .history
            .versions
            .get_mut(version)
            .and_then(|v| v.scorecard.dimensions.get_mut(dimension))
            .filter(|d| metric < d.metrics.len())
            .ok_or(missing)?;
        if !weight.is_finite() || weight < 0.0 {
            return Err(ScorecardError::BadWeight {
                dimension: dim.id.clone(),
                metric_id: Some(dim.metrics[metric].metric_id.clone()),
            });
        }
        dim.metrics[metric].weight = weight;
        let card = &mut self.cards[version];
        let index = card.dimensions[dimension].first_metric as usize + metric;
        card.metrics[index].weight = weight;
        Ok(())
    }

    /// Replaces one version's scorecard (targets, curves, metrics, rails...) without
    /// redoing the table work. The table must be the one compiled against.
    pub fn replace_scorecard(
        &mut self,
        version: usize,
        scorecard: crate::scorecard::Scorecard,
        table: &MeasureTable,
    ) -> Result<(), ScorecardError> {
        let card = CompiledCard::compile(&scorecard, table)?;
        self.cards[version] = card;
        self.history.versions[version].scorecard = scorecard;
        self.curves_id = super::compute::next_curves_id();
        Ok(())
    }

    /// Number of table rows compiled against.
    pub fn row_count(&self) -> usize {
        self.row_version.len()
    }
}
