//! Explanations: everything behind one row's score, as structured data the UI renders in
//! either language, plus a plain-English [`Explanation::to_text`] for the CLI. Built on
//! demand for one row; the scoring pass never builds them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::compile::{CompiledRail, CompiledScheme, NO_ROW};
use super::{guard_rails, MetricStatus, ScoreBoard};
use crate::measure::{Exclusion, MeasureTable};
use crate::metric_def::{Direction, Unit};
use crate::scorecard::{Curve, CurvePosition, Grade, GradeScheme, GuardRail, Label};

/// How a metric's value was computed from the records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Formula {
    /// `value = numerator / denominator`: a rate (complaints / handled) or a mean
    /// (sum / count).
    Quotient {
        numerator: f64,
        denominator: u32,
        value: f64,
    },
    /// A value with no numerator (median, percentile, count) over `observations`.
    Direct { value: f64, observations: u32 },
    /// No value: N/A.
    NotAvailable { observations: u32 },
    /// The table has no such metric.
    NotInTable,
}

/// One metric's part in the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricExplanation {
    pub metric_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    pub direction: Direction,
    pub formula: Formula,
    /// Records of the group left out of this metric, and why.
    pub excluded: Vec<Exclusion>,
    pub curve: Curve,
    pub floor: f64,
    pub target: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<CurvePosition>,
    pub score: Option<f64>,
    pub status: MetricStatus,
    pub small_sample: bool,
    pub min_sample: u32,
    /// Configured share of the dimension (before N/A redistribution).
    pub configured_weight: f64,
    /// Share of the dimension after redistribution.
    pub weight_in_dimension: f64,
    /// Share of the total after redistribution at both levels.
    pub weight_in_total: f64,
}

/// One dimension's part in the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionExplanation {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    pub score: Option<f64>,
    /// Configured share of the total (before redistribution).
    pub configured_weight: f64,
    /// Share of the total after redistribution.
    pub weight_in_total: f64,
    pub metrics: Vec<MetricExplanation>,
}

/// A guard rail checked against this row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuardRailCheck {
    pub rail: GuardRail,
    /// The metric value or dimension score the rail looked at (None: N/A).
    pub observed: Option<f64>,
    pub fired: bool,
    /// Fired and actually lowered the total (the lowest cap that fired binds).
    pub binding: bool,
}

/// Why the card reads as it does, in order of relevance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum Note {
    /// The metric had no value; its weight went to the rest of its dimension.
    MetricNotAvailable {
        dimension: String,
        metric_id: String,
        status: MetricStatus,
    },
    /// No metric of the dimension counted; its weight went to the other dimensions.
    DimensionNotAvailable { dimension: String },
    /// Fewer observations than the card's minimum.
    SmallSample {
        metric_id: String,
        sample: u32,
        min_sample: u32,
        counted: bool,
    },
    /// A guard rail capped the total.
    Capped {
        rail: GuardRail,
        uncapped_total: f64,
        total: f64,
    },
    /// No dimension had data: no total, grade or rank.
    NoScore,
}

/// The scheme version a row was scored with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionUsed {
    pub index: usize,
    pub effective_from: NaiveDate,
    pub reason: String,
}

/// Everything behind one group's score in one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    pub period: String,
    /// Valid records of the group in the period.
    pub records: u32,
    pub version: VersionUsed,
    pub total: Option<f64>,
    pub uncapped_total: Option<f64>,
    pub grade: Option<Grade>,
    pub grading: GradeScheme,
    pub rank: Option<u32>,
    pub ranked: u32,
    pub percentile: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_period: Option<String>,
    pub previous_total: Option<f64>,
    pub change: Option<f64>,
    pub dimensions: Vec<DimensionExplanation>,
    pub guard_rails: Vec<GuardRailCheck>,
    pub notes: Vec<Note>,
}

fn share(weight: f64, total: f64) -> f64 {
    if total > 0.0 {
        weight / total
    } else {
        0.0
    }
}

impl CompiledScheme {
    /// Explains one row of `board` (scored from this scheme and `table`). None when the
    /// table has no row for the group and period.
    pub fn explain(
        &self,
        table: &MeasureTable,
        board: &ScoreBoard,
        group: &str,
        period: &str,
    ) -> Option<Explanation> {
        let index = table
            .rows
            .iter()
            .position(|r| r.group == group && r.period == period)?;
        let row = &table.rows[index];
        let score = board.rows.get(index)?;
        let version = score.version as usize;
        let card = &self.cards[version];
        let scorecard = &self.history.versions[version].scorecard;
        let metric_cells = board.metrics(index);
        let metric_weights = self.metric_weights(board, index);
        let dimension_cells = board.dimensions(index);
        let mut notes = Vec::new();

        let dim_weight_total: f64 = scorecard.dimensions.iter().map(|d| d.weight).sum();
        let mut dimensions = Vec::with_capacity(scorecard.dimensions.len());
        let mut flat = 0;
        for (d, dim) in scorecard.dimensions.iter().enumerate() {
            let metric_weight_total: f64 = dim.metrics.iter().map(|m| m.weight).sum();
            let mut metrics = Vec::with_capacity(dim.metrics.len());
            for m in &dim.metrics {
                let compiled = &card.metrics[flat];
                let cell = &metric_cells[flat];
                flat += 1;
                let measure = compiled.column.and_then(|c| row.values.get(c as usize));
                let formula = match (measure, cell.value) {
                    (None, _) => Formula::NotInTable,
                    (Some(me), None) => Formula::NotAvailable {
                        observations: me.sample,
                    },
                    (Some(me), Some(value)) => match me.numerator {
                        // Only when the value really is numerator / sample (rates, means;
                        // a count's numerator is the count itself).
                        Some(numerator)
                            if me.sample > 0
                                && (numerator / f64::from(me.sample) - value).abs()
                                    <= 1e-9 * value.abs().max(1.0) =>
                        {
                            Formula::Quotient {
                                numerator,
                                denominator: me.sample,
                                value,
                            }
                        }
                        _ => Formula::Direct {
                            value,
                            observations: me.sample,
                        },
                    },
                };
                let def = scorecard.metric_def(&m.metric_id);
                if cell.score.is_none() {
                    notes.push(Note::MetricNotAvailable {
                        dimension: dim.id.clone(),
                        metric_id: m.metric_id.clone(),
                        status: cell.status,
                    });
                }
                if cell.small_sample {
                    notes.push(Note::SmallSample {
                        metric_id: m.metric_id.clone(),
                        sample: measure.map_or(0, |me| me.sample),
                        min_sample: m.min_sample,
                        counted: cell.score.is_some(),
                    });
                }
                metrics.push(MetricExplanation {
                    metric_id: m.metric_id.clone(),
                    label: m.label.clone().or_else(|| {
                        def.as_ref().filter(|d| !d.label.is_empty()).map(|d| Label {
                            en: Some(d.label.clone()),
                            zh: None,
                        })
                    }),
                    unit: def.as_ref().map(|d| d.unit),
                    direction: compiled.direction,
                    formula,
                    excluded: measure.map(|me| me.excluded.clone()).unwrap_or_default(),
                    curve: m.curve.clone(),
                    floor: m.floor,
                    target: m.target,
                    position: cell.value.map(|v| compiled.curve.position(v)),
                    score: cell.score,
                    status: cell.status,
                    small_sample: cell.small_sample,
                    min_sample: m.min_sample,
                    configured_weight: share(m.weight, metric_weight_total),
                    weight_in_dimension: metric_weights[flat - 1].in_dimension,
                    weight_in_total: metric_weights[flat - 1].in_total,
                });
            }
            if dimension_cells[d].score.is_none() {
                notes.push(Note::DimensionNotAvailable {
                    dimension: dim.id.clone(),
                });
            }
            dimensions.push(DimensionExplanation {
                id: dim.id.clone(),
                label: dim.label.clone(),
                score: dimension_cells[d].score,
                configured_weight: share(dim.weight, dim_weight_total),
                weight_in_total: dimension_cells[d].weight_in_total,
                metrics,
            });
        }

        let binding_cap = score.total.filter(|t| Some(*t) != score.uncapped_total);
        let mut rails = Vec::with_capacity(card.rails.len());
        for (rail, compiled) in scorecard.guard_rails.iter().zip(&card.rails) {
            let observed = match *compiled {
                CompiledRail::DimensionFloor { dimension, .. } => {
                    dimension_cells[dimension as usize].score
                }
                CompiledRail::MetricCritical { metric, .. } => metric_cells[metric as usize].value,
            };
            let fired = guard_rails::fires(compiled, metric_cells, dimension_cells);
            let binding = fired && binding_cap == Some(guard_rails::cap_of(compiled));
            if binding {
                notes.push(Note::Capped {
                    rail: rail.clone(),
                    uncapped_total: score.uncapped_total.unwrap_or_default(),
                    total: score.total.unwrap_or_default(),
                });
            }
            rails.push(GuardRailCheck {
                rail: rail.clone(),
                observed,
                fired,
                binding,
            });
        }
        if score.total.is_none() {
            notes.push(Note::NoScore);
        }

        let previous = self.previous_row[index];
        let (previous_period, previous_total) = if previous != NO_ROW {
            (
                Some(table.rows[previous as usize].period.clone()),
                board.rows[previous as usize].total,
            )
        } else {
            (None, None)
        };
        let version_info = &self.history.versions[version];
        Some(Explanation {
            group: row.group.clone(),
            team: row.team.clone(),
            period: row.period.clone(),
            records: row.records,
            version: VersionUsed {
                index: version,
                effective_from: version_info.effective_from,
                reason: version_info.reason.clone(),
            },
            total: score.total,
            uncapped_total: score.uncapped_total,
            grade: score.grade,
            grading: card.grading.clone(),
            rank: score.rank,
            ranked: score.ranked,
            percentile: score.percentile,
            previous_period,
            previous_total,
            change: score.change,
            dimensions,
            guard_rails: rails,
            notes,
        })
    }
}

fn number(value: f64) -> String {
    if value == value.trunc() && value.abs() < 1e12 {
        format!("{value:.0}")
    } else if value.abs() >= 100.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.3}")
    }
}

fn opt(value: Option<f64>) -> String {
    value.map_or_else(|| "N/A".to_string(), |v| format!("{v:.1}"))
}

fn name(id: &str, label: &Option<Label>) -> String {
    match label.as_ref().and_then(Label::english_or_any) {
        Some(text) => format!("{text} ({id})"),
        None => id.to_string(),
    }
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

impl Explanation {
    /// A plain-English rendering for the command line.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let team = self
            .team
            .as_deref()
            .map(|t| format!(" (team {t})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{team}, period {}: {} valid records",
            self.group, self.period, self.records
        );
        let _ = writeln!(
            out,
            "Scheme version {} (from {}): {}",
            self.version.index + 1,
            self.version.effective_from,
            self.version.reason
        );
        let grade = self.grade.map_or("none", Grade::english);
        let _ = write!(out, "Total {} -> grade {grade}", opt(self.total));
        if self.total != self.uncapped_total {
            let _ = write!(out, " (capped from {})", opt(self.uncapped_total));
        }
        if let Some(rank) = self.rank {
            let _ = write!(out, "; rank {rank} of {}", self.ranked);
        }
        if let Some(p) = self.percentile {
            let _ = write!(out, ", percentile {p:.0}");
        }
        let _ = writeln!(out);
        match (&self.previous_period, self.change) {
            (Some(p), Some(c)) => {
                let _ = writeln!(out, "Change against {p}: {c:+.1}");
            }
            _ => {
                let _ = writeln!(out, "Change against the previous period: N/A (no score)");
            }
        }
        for dim in &self.dimensions {
            let _ = writeln!(
                out,
                "- {}: {} (weight {} configured, {} after redistribution)",
                name(&dim.id, &dim.label),
                opt(dim.score),
                percent(dim.configured_weight),
                percent(dim.weight_in_total)
            );
            for m in &dim.metrics {
                let formula = match &m.formula {
                    Formula::Quotient {
                        numerator,
                        denominator,
                        value,
                    } => format!(
                        "{} = {} / {} = {}",
                        m.metric_id,
                        number(*numerator),
                        denominator,
                        number(*value)
                    ),
                    Formula::Direct {
                        value,
                        observations,
                    } => format!(
                        "{} = {} ({observations} observations)",
                        m.metric_id,
                        number(*value)
                    ),
                    Formula::NotAvailable { observations } => {
                        format!("{} = N/A ({observations} observations)", m.metric_id)
                    }
                    Formula::NotInTable => format!("{} = N/A (not in the data)", m.metric_id),
                };
                let curve = match &m.curve {
                    Curve::Linear => format!(
                        "linear, floor {} -> 0, target {} -> 100",
                        number(m.floor),
                        number(m.target)
                    ),
                    Curve::Banded { bands } => format!("banded, {} bands", bands.len()),
                };
                let position = match m.position {
                    Some(CurvePosition::AtOrBelowFloor) => ", at or worse than the floor".into(),
                    Some(CurvePosition::AtOrAboveTarget) => ", at or better than the target".into(),
                    Some(CurvePosition::Between { fraction }) => {
                        format!(", {:.0}% of the way from floor to target", fraction * 100.0)
                    }
                    Some(CurvePosition::Band { threshold }) => {
                        format!(", reached the band at {}", number(threshold))
                    }
                    Some(CurvePosition::NoBand) => ", reached no band".into(),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "    {}: {formula}; {curve}{position}; score {}; weight {} configured, {} of dimension, {} of total",
                    name(&m.metric_id, &m.label),
                    opt(m.score),
                    percent(m.configured_weight),
                    percent(m.weight_in_dimension),
                    percent(m.weight_in_total)
                );
                for ex in &m.excluded {
                    let reason = serde_json::to_value(ex.reason)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    let _ = writeln!(out, "      excluded: {} records ({reason})", ex.count);
                }
            }
        }
        for check in &self.guard_rails {
            let rule = match &check.rail {
                GuardRail::DimensionFloor {
                    dimension,
                    below,
                    cap,
                } => format!(
                    "{dimension} below {} caps the total at {}",
                    number(*below),
                    number(*cap)
                ),
                GuardRail::MetricCritical {
                    metric_id,
                    threshold,
                    cap,
                } => format!(
                    "{metric_id} worse than {} caps the total at {}",
                    number(*threshold),
                    number(*cap)
                ),
            };
            let state = if check.binding {
                "APPLIED"
            } else if check.fired {
                "fired (a lower cap binds)"
            } else {
                "not triggered"
            };
            let _ = writeln!(
                out,
                "Guard rail: {rule}: {state} (observed {})",
                check.observed.map_or("N/A".to_string(), number)
            );
        }
        for note in &self.notes {
            let text = match note {
                Note::MetricNotAvailable {
                    dimension,
                    metric_id,
                    ..
                } => format!(
                    "{metric_id} is N/A: its weight was spread over the rest of {dimension}, not counted as zero"
                ),
                Note::DimensionNotAvailable { dimension } => format!(
                    "{dimension} has no data: its weight was spread over the other dimensions"
                ),
                Note::SmallSample {
                    metric_id,
                    sample,
                    min_sample,
                    counted,
                } => format!(
                    "{metric_id}: small sample ({sample} < {min_sample}); {}",
                    if *counted { "counted, flagged" } else { "left out" }
                ),
                Note::Capped {
                    uncapped_total,
                    total,
                    ..
                } => format!("a guard rail capped the total from {uncapped_total:.1} to {total:.1}"),
                Note::NoScore => "no dimension has data: no total".to_string(),
            };
            let _ = writeln!(out, "Note: {text}");
        }
        out
    }
}
