//! A scorecard as data: dimensions with weights, metrics with targets, floors and curves,
//! guard rails and grade bands. Scorecards are versioned ([`versions`]) so an old period is
//! scored the way it was; [`defaults`] holds the default four-dimension card (quality,
//! efficiency, teamwork, satisfaction).
//!
//! # JSON format (`schema_version` 1)
//!
//! Weights are relative: they need not sum to 1 or 100, scoring normalises them (and
//! spreads the weight of N/A metrics and dimensions over the rest). `direction` may be
//! left out: it then comes from the metric definition (a `custom_metrics` entry or the
//! standard catalogue), else from target vs floor. Labels are optional for the standard
//! dimensions and metrics (the UI translates their ids) and give user-defined ones their
//! names in both languages.
//!
//! ```
//! use carescore_engine::scorecard::Scorecard;
//!
//! let json = r#"{
//!   "schema_version": 1,
//!   "dimensions": [
//!     {
//!       "id": "service_quality",
//!       "weight": 40,
//!       "metrics": [
//!         {"metric_id": "fcr_rate", "weight": 60, "target": 0.9, "floor": 0.6, "min_sample": 30},
//!         {"metric_id": "complaint_rate", "weight": 40, "target": 0.005, "floor": 0.03,
//!          "direction": "lower_is_better"}
//!       ]
//!     },
//!     {
//!       "id": "empathy",
//!       "label": {"en": "Empathy", "zh": "共情"},
//!       "weight": 20,
//!       "metrics": [
//!         {"metric_id": "csat_mean", "weight": 1, "target": 4.5, "floor": 3.0,
//!          "curve": {"kind": "banded", "bands": [
//!             {"threshold": 4.5, "score": 100}, {"threshold": 4.0, "score": 80},
//!             {"threshold": 3.5, "score": 60}]}}
//!       ]
//!     }
//!   ],
//!   "guard_rails": [
//!     {"kind": "metric_critical", "metric_id": "complaint_rate", "threshold": 0.01, "cap": 59},
//!     {"kind": "dimension_floor", "dimension": "service_quality", "below": 40, "cap": 69}
//!   ],
//!   "grading": {"kind": "thresholds", "excellent": 90, "good": 75, "pass": 60},
//!   "small_sample": "count_and_flag"
//! }"#;
//! let card: Scorecard = serde_json::from_str(json).unwrap();
//! assert_eq!(card.dimensions.len(), 2);
//! assert!(card.validate().is_ok());
//! ```

pub mod curve;
pub mod defaults;
pub mod grade;
pub mod migrate;
mod validate;
pub mod versions;

use serde::{Deserialize, Serialize};

pub use curve::{Band, Curve, CurvePosition};
pub use grade::{Grade, GradeScheme};
pub use versions::{ScorecardHistory, ScorecardVersion};

use crate::metric_def::{Direction, MetricDef};

/// Guard rails per card (a row records which fired in a 32-bit set).
pub const MAX_GUARD_RAILS: usize = 32;

/// The JSON format version written by this build, and the newest it reads: one more than
/// the steps of [`migrate::CHAIN`].
pub const SCHEMA_VERSION: u32 = migrate::CHAIN.current();

/// A name in both UI languages. Standard ids need none (the locale files name them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

impl Label {
    pub fn new(en: &str, zh: &str) -> Label {
        Label {
            en: Some(en.to_string()),
            zh: Some(zh.to_string()),
        }
    }

    /// The English name, else the Chinese one.
    pub fn english_or_any(&self) -> Option<&str> {
        self.en.as_deref().or(self.zh.as_deref())
    }
}

/// What happens to a metric whose sample is below its `min_sample`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmallSamplePolicy {
    /// It counts, and the card flags it (default: a small team's real month still counts).
    #[default]
    CountAndFlag,
    /// It is treated as N/A (its weight is spread over the rest) and flagged.
    Exclude,
}

/// A complete scorecard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Format version of this JSON ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Optional display name of the scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    pub dimensions: Vec<Dimension>,
    /// Metric definitions used by this card that are not in the standard catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_metrics: Vec<MetricDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guard_rails: Vec<GuardRail>,
    #[serde(default)]
    pub grading: GradeScheme,
    #[serde(default)]
    pub small_sample: SmallSamplePolicy,
}

/// An evaluation dimension (评价维度) and its metrics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    /// Stable id (`service_quality`); the UI translates standard ids.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    /// Relative weight of the dimension in the total.
    pub weight: f64,
    pub metrics: Vec<ScorecardMetric>,
}

/// A metric on the card: which measure, its weight in the dimension and how it scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorecardMetric {
    /// A standard metric id or the id of one of the card's `custom_metrics`.
    pub metric_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    /// Relative weight within the dimension.
    pub weight: f64,
    /// The value that scores 100.
    pub target: f64,
    /// The value that scores 0.
    pub floor: f64,
    /// Overrides the metric definition's direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub curve: Curve,
    /// Fewer observations than this flag the metric as a small sample (0: never).
    #[serde(default)]
    pub min_sample: u32,
}

/// A rule that caps the total so no single metric can buy a high score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GuardRail {
    /// When the dimension scores below `below`, the total is at most `cap`.
    DimensionFloor {
        dimension: String,
        below: f64,
        cap: f64,
    },
    /// When the metric's value is worse than `threshold` (above it when lower is better,
    /// below it when higher is better), the total is at most `cap`. The metric must be on
    /// the card; an N/A value never fires the rule.
    MetricCritical {
        metric_id: String,
        threshold: f64,
        cap: f64,
    },
}

impl GuardRail {
    pub fn cap(&self) -> f64 {
        match self {
            GuardRail::DimensionFloor { cap, .. } | GuardRail::MetricCritical { cap, .. } => *cap,
        }
    }
}

/// Why a scorecard cannot be used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ScorecardError {
    UnsupportedSchemaVersion {
        found: u32,
    },
    NoDimensions,
    DuplicateDimension {
        dimension: String,
    },
    DuplicateMetric {
        dimension: String,
        metric_id: String,
    },
    /// A weight is not 0 and not within 1e-6..=1e6 (negative, NaN, inf, or so large or
    /// small that normalising overflows).
    BadWeight {
        dimension: String,
        metric_id: Option<String>,
    },
    /// A target or floor is not a finite number.
    BadTargetOrFloor {
        metric_id: String,
    },
    /// The card's direction disagrees with target vs floor (e.g. lower is better but the
    /// target is above the floor).
    DirectionConflict {
        metric_id: String,
    },
    /// Target equals floor and nothing says which way is better.
    UnknownDirection {
        metric_id: String,
    },
    /// A banded curve is empty, not finite, outside 0-100 or punishes improvement.
    BadCurve {
        metric_id: String,
        reason: String,
    },
    UnknownGuardRailDimension {
        dimension: String,
    },
    UnknownGuardRailMetric {
        metric_id: String,
    },
    /// A cap or threshold is not a finite number.
    BadGuardRail,
    /// More than [`MAX_GUARD_RAILS`] rails.
    TooManyGuardRails,
    BadGrading,
    /// No weight above 0 in a dimension's metrics (`dimension`) or across the
    /// dimensions (`None`): nothing would carry the score.
    NoPositiveWeight {
        dimension: Option<String>,
    },
    /// A history needs at least one version.
    EmptyHistory,
    /// An edit names a version, dimension or metric index the scheme does not have.
    NoSuchItem {
        version: usize,
        dimension: usize,
        metric: Option<usize>,
    },
}

impl std::fmt::Display for ScorecardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScorecardError::UnsupportedSchemaVersion { found } if *found > SCHEMA_VERSION => {
                write!(f, "{}", crate::versioning::newer_message(u64::from(*found)))
            }
            ScorecardError::UnsupportedSchemaVersion { found } => write!(
                f,
                "scorecard schema_version {found} is not supported (expected {SCHEMA_VERSION})"
            ),
            ScorecardError::NoDimensions => write!(f, "the scorecard has no dimensions"),
            ScorecardError::NoSuchItem {
                version,
                dimension,
                metric,
            } => match metric {
                Some(m) => write!(
                    f,
                    "version {version} has no metric {m} in dimension {dimension}"
                ),
                None => write!(f, "version {version} has no dimension {dimension}"),
            },
            ScorecardError::DuplicateDimension { dimension } => {
                write!(f, "dimension `{dimension}` appears twice")
            }
            ScorecardError::DuplicateMetric {
                dimension,
                metric_id,
            } => write!(f, "metric `{metric_id}` appears twice in `{dimension}`"),
            ScorecardError::BadWeight {
                dimension,
                metric_id,
            } => match metric_id {
                Some(m) => write!(
                    f,
                    "metric `{m}` in `{dimension}` has a negative or non-numeric weight, \
                     or one outside 1e-6 to 1e6 (0 leaves it out)"
                ),
                None => write!(
                    f,
                    "dimension `{dimension}` has a negative or non-numeric weight, \
                     or one outside 1e-6 to 1e6 (0 leaves it out)"
                ),
            },
            ScorecardError::BadTargetOrFloor { metric_id } => {
                write!(f, "metric `{metric_id}` needs a numeric target and floor")
            }
            ScorecardError::DirectionConflict { metric_id } => write!(
                f,
                "metric `{metric_id}`: its direction disagrees with target vs floor"
            ),
            ScorecardError::UnknownDirection { metric_id } => write!(
                f,
                "metric `{metric_id}`: target equals floor and no direction is given"
            ),
            ScorecardError::BadCurve { metric_id, reason } => {
                write!(f, "metric `{metric_id}`: bad curve: {reason}")
            }
            ScorecardError::UnknownGuardRailDimension { dimension } => {
                write!(f, "guard rail names unknown dimension `{dimension}`")
            }
            ScorecardError::UnknownGuardRailMetric { metric_id } => {
                write!(
                    f,
                    "guard rail names metric `{metric_id}`, which is not on the card"
                )
            }
            ScorecardError::BadGuardRail => write!(f, "a guard rail needs numeric limits"),
            ScorecardError::TooManyGuardRails => {
                write!(f, "a scorecard has at most {MAX_GUARD_RAILS} guard rails")
            }
            ScorecardError::BadGrading => {
                write!(f, "grade thresholds must descend (excellent >= good >= pass) and shares lie in 0-1")
            }
            ScorecardError::NoPositiveWeight { dimension } => match dimension {
                Some(d) => write!(
                    f,
                    "dimension `{d}`: every metric weighs 0, one must weigh more"
                ),
                None => write!(f, "every dimension weighs 0, one must weigh more"),
            },
            ScorecardError::EmptyHistory => write!(f, "the scorecard history has no version"),
        }
    }
}

impl std::error::Error for ScorecardError {}

impl Scorecard {
    /// The metric definition behind a card metric: a custom one, else a standard one.
    pub fn metric_def(&self, metric_id: &str) -> Option<MetricDef> {
        self.custom_metrics
            .iter()
            .find(|def| def.id == metric_id)
            .cloned()
            .or_else(|| standard_metric_def(metric_id))
    }

    /// The direction a card metric is scored in: its own, else its definition's, else
    /// target vs floor.
    pub fn direction_of(&self, metric: &ScorecardMetric) -> Result<Direction, ScorecardError> {
        let custom = self
            .custom_metrics
            .iter()
            .find(|def| def.id == metric.metric_id)
            .map(|def| def.direction);
        validate::resolve_direction(metric, custom)
    }

    /// The first card metric with this id, with the index of its dimension.
    pub fn find_metric(&self, metric_id: &str) -> Option<(usize, &ScorecardMetric)> {
        self.dimensions.iter().enumerate().find_map(|(d, dim)| {
            dim.metrics
                .iter()
                .find(|m| m.metric_id == metric_id)
                .map(|m| (d, m))
        })
    }

    /// Every metric id the card reads, in card order (dimensions, then metrics).
    pub fn metric_ids(&self) -> impl Iterator<Item = &str> {
        self.dimensions
            .iter()
            .flat_map(|d| d.metrics.iter().map(|m| m.metric_id.as_str()))
    }
}

/// The standard catalogue's definition of a metric id, when the catalogue knows it.
fn standard_metric_def(metric_id: &str) -> Option<MetricDef> {
    defaults::standard_metric(metric_id)
}
