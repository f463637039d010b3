//! The draft scorecard: a copy of the version in force that the editor changes field by
//! field, how its weights add up, and turning it into a new version of the history. Pure
//! Rust (no Leptos), so every rule here is tested natively.

use carescore_engine::metric_def::Direction;
use carescore_engine::period::PeriodKind;
use carescore_engine::scorecard::{
    Band, Curve, Dimension, Grade, GradeScheme, GuardRail, Scorecard, ScorecardError,
    ScorecardHistory, ScorecardMetric, ScorecardVersion, SmallSamplePolicy,
};
use chrono::NaiveDate;

/// One change the user makes in the editor. Indices follow the card's order: dimension,
/// metric within its dimension, band within the metric's curve, rail within the card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Edit {
    DimensionWeight {
        dimension: usize,
        weight: f64,
    },
    MetricWeight {
        dimension: usize,
        metric: usize,
        weight: f64,
    },
    Target {
        dimension: usize,
        metric: usize,
        value: f64,
    },
    Floor {
        dimension: usize,
        metric: usize,
        value: f64,
    },
    MinSample {
        dimension: usize,
        metric: usize,
        value: u32,
    },
    /// `None`: the metric definition's direction (what the card does when it says nothing).
    Direction {
        dimension: usize,
        metric: usize,
        direction: Option<Direction>,
    },
    Curve {
        dimension: usize,
        metric: usize,
        kind: CurveKind,
    },
    BandThreshold {
        dimension: usize,
        metric: usize,
        band: usize,
        value: f64,
    },
    BandScore {
        dimension: usize,
        metric: usize,
        band: usize,
        value: f64,
    },
    AddBand {
        dimension: usize,
        metric: usize,
    },
    RemoveBand {
        dimension: usize,
        metric: usize,
        band: usize,
    },
    RailCap {
        rail: usize,
        cap: f64,
    },
    /// A dimension floor's `below`, or a metric rule's `threshold`.
    RailLimit {
        rail: usize,
        value: f64,
    },
    Grading(GradingKind),
    /// The lower bound of a grade (a total under thresholds, a 0-1 share under forced
    /// distribution). `NeedsImprovement` has none and is ignored.
    GradeBound {
        grade: Grade,
        value: f64,
    },
    SmallSample(SmallSamplePolicy),
}

impl Edit {
    /// Whether the engine can apply the edit to a compiled scheme in O(1)
    /// (`CompiledScheme::set_*_weight`): only weights, everything else recompiles the card.
    pub fn is_weight_only(&self) -> bool {
        matches!(
            self,
            Edit::DimensionWeight { .. } | Edit::MetricWeight { .. }
        )
    }
}

/// The two curve shapes the engine scores with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveKind {
    Linear,
    Banded,
}

impl CurveKind {
    pub fn of(curve: &Curve) -> CurveKind {
        match curve {
            Curve::Linear => CurveKind::Linear,
            Curve::Banded { .. } => CurveKind::Banded,
        }
    }

    /// The `<select>` value.
    pub fn id(self) -> &'static str {
        match self {
            CurveKind::Linear => "linear",
            CurveKind::Banded => "banded",
        }
    }

    pub fn from_id(id: &str) -> Option<CurveKind> {
        [CurveKind::Linear, CurveKind::Banded]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// The two ways totals become grades.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradingKind {
    Thresholds,
    ForcedDistribution,
}

impl GradingKind {
    pub fn of(grading: &GradeScheme) -> GradingKind {
        match grading {
            GradeScheme::Thresholds { .. } => GradingKind::Thresholds,
            GradeScheme::ForcedDistribution { .. } => GradingKind::ForcedDistribution,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            GradingKind::Thresholds => "thresholds",
            GradingKind::ForcedDistribution => "forced_distribution",
        }
    }

    pub fn from_id(id: &str) -> Option<GradingKind> {
        [GradingKind::Thresholds, GradingKind::ForcedDistribution]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// A direction override as a `<select>` value: `""` means "from the metric definition".
pub fn direction_id(direction: Option<Direction>) -> &'static str {
    match direction {
        None => "",
        Some(Direction::HigherIsBetter) => "higher_is_better",
        Some(Direction::LowerIsBetter) => "lower_is_better",
    }
}

pub fn direction_from_id(id: &str) -> Option<Direction> {
    match id {
        "higher_is_better" => Some(Direction::HigherIsBetter),
        "lower_is_better" => Some(Direction::LowerIsBetter),
        _ => None,
    }
}

/// A number typed by the user: trimmed, a decimal comma accepted; None unless finite.
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A number as an input shows it: the shortest text that reads back the same (`0.005`, `35`).
pub fn input_text(value: f64) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        String::new()
    }
}

/// The version being edited and its draft. `base` is the version as saved, so the draft
/// knows whether it changed and can be discarded.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Index of the edited version in the (sorted) history.
    pub version: usize,
    pub base: Scorecard,
    pub card: Scorecard,
}

impl Draft {
    pub fn new(version: usize, base: Scorecard) -> Draft {
        Draft {
            version,
            card: base.clone(),
            base,
        }
    }

    /// Whether the draft differs from the saved version.
    pub fn is_dirty(&self) -> bool {
        self.card != self.base
    }

    /// Back to the saved version.
    pub fn discard(&mut self) {
        self.card = self.base.clone();
    }

    /// Applies one edit; false when it changed nothing (same value, or an index the card
    /// does not have). Values are taken as typed: the engine's validation says what is
    /// wrong with them (see [`Draft::problem`]), so the user sees the reason.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.card.clone();
        apply_to(&mut self.card, &self.base, edit);
        self.card != before
    }

    /// Why the draft cannot be scored, if it cannot (the engine's own check).
    pub fn problem(&self) -> Option<ScorecardError> {
        self.card.validate().err()
    }

    /// The history with the draft appended as a new version, sorted by date and validated.
    /// Every field is checked, so the form can show all problems at once.
    pub fn save_into(
        &self,
        history: &ScorecardHistory,
        effective_from: &str,
        reason: &str,
    ) -> Result<ScorecardHistory, SaveErrors> {
        let mut errors = SaveErrors::default();
        let date = match parse_effective_from(effective_from) {
            Ok(date) => {
                if let Some(i) = history
                    .versions
                    .iter()
                    .position(|v| v.effective_from == date)
                {
                    errors.period = Some(PeriodProblem::Taken { version: i + 1 });
                }
                Some(date)
            }
            Err(problem) => {
                errors.period = Some(problem);
                None
            }
        };
        if reason.trim().is_empty() {
            errors.reason_missing = true;
        }
        errors.unchanged = !self.is_dirty();
        errors.card = self.problem();
        let Some(date) = date.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        let mut next = history.clone();
        next.versions.push(ScorecardVersion {
            effective_from: date,
            reason: reason.trim().to_string(),
            scorecard: self.card.clone(),
        });
        next.validated().map_err(|error| SaveErrors {
            card: Some(error),
            ..SaveErrors::default()
        })
    }
}

fn apply_to(card: &mut Scorecard, base: &Scorecard, edit: Edit) {
    match edit {
        Edit::DimensionWeight { dimension, weight } => {
            if let Some(dim) = card.dimensions.get_mut(dimension) {
                dim.weight = weight;
            }
        }
        Edit::MetricWeight {
            dimension, metric, ..
        }
        | Edit::Target {
            dimension, metric, ..
        }
        | Edit::Floor {
            dimension, metric, ..
        }
        | Edit::MinSample {
            dimension, metric, ..
        }
        | Edit::Direction {
            dimension, metric, ..
        }
        | Edit::Curve {
            dimension, metric, ..
        }
        | Edit::BandThreshold {
            dimension, metric, ..
        }
        | Edit::BandScore {
            dimension, metric, ..
        }
        | Edit::AddBand { dimension, metric }
        | Edit::RemoveBand {
            dimension, metric, ..
        } => {
            if let Some(m) = card
                .dimensions
                .get_mut(dimension)
                .and_then(|dim| dim.metrics.get_mut(metric))
            {
                apply_to_metric(m, edit);
            }
        }
        Edit::RailCap { rail, .. } | Edit::RailLimit { rail, .. } => {
            if let Some(r) = card.guard_rails.get_mut(rail) {
                apply_to_rail(r, edit);
            }
        }
        Edit::Grading(kind) => {
            if GradingKind::of(&card.grading) != kind {
                card.grading = grading_of_kind(base, kind);
            }
        }
        Edit::GradeBound { grade, value } => set_grade_bound(&mut card.grading, grade, value),
        Edit::SmallSample(policy) => card.small_sample = policy,
    }
}

/// An edit of one metric of the card (its weight, numbers, direction or curve).
fn apply_to_metric(m: &mut ScorecardMetric, edit: Edit) {
    match edit {
        Edit::MetricWeight { weight, .. } => m.weight = weight,
        Edit::Target { value, .. } => m.target = value,
        Edit::Floor { value, .. } => m.floor = value,
        Edit::MinSample { value, .. } => m.min_sample = value,
        Edit::Direction { direction, .. } => m.direction = direction,
        Edit::Curve { kind, .. } if CurveKind::of(&m.curve) != kind => {
            m.curve = match kind {
                CurveKind::Linear => Curve::Linear,
                CurveKind::Banded => Curve::Banded {
                    bands: default_bands(m.floor, m.target),
                },
            };
        }
        Edit::BandThreshold { band, value, .. } => {
            if let Some(b) = band_mut(m, band) {
                b.threshold = value;
            }
        }
        Edit::BandScore { band, value, .. } => {
            if let Some(b) = band_mut(m, band) {
                b.score = value;
            }
        }
        Edit::AddBand { .. } => {
            let floor = m.floor;
            if let Curve::Banded { bands } = &mut m.curve {
                // A new lowest step: halfway from the worst band to the floor, scoring
                // half of that band, so the curve stays monotone.
                let (threshold, score) = match bands.last() {
                    Some(last) => (round6((last.threshold + floor) / 2.0), last.score / 2.0),
                    None => (floor, 50.0),
                };
                bands.push(Band { threshold, score });
            }
        }
        Edit::RemoveBand { band, .. } => {
            if let Curve::Banded { bands } = &mut m.curve {
                // A banded curve needs one band; removing the last is refused.
                if band < bands.len() && bands.len() > 1 {
                    bands.remove(band);
                }
            }
        }
        _ => {}
    }
}

/// An edit of one guard rail (its cap or its limit).
fn apply_to_rail(rail: &mut GuardRail, edit: Edit) {
    match (rail, edit) {
        (
            GuardRail::DimensionFloor { cap: c, .. } | GuardRail::MetricCritical { cap: c, .. },
            Edit::RailCap { cap, .. },
        ) => *c = cap,
        (GuardRail::DimensionFloor { below, .. }, Edit::RailLimit { value, .. }) => *below = value,
        (GuardRail::MetricCritical { threshold, .. }, Edit::RailLimit { value, .. }) => {
            *threshold = value
        }
        _ => {}
    }
}

/// The grading of `kind`: back to the saved kind, its saved bounds; else the usual
/// defaults.
fn grading_of_kind(base: &Scorecard, kind: GradingKind) -> GradeScheme {
    if GradingKind::of(&base.grading) == kind {
        return base.grading.clone();
    }
    match kind {
        GradingKind::Thresholds => GradeScheme::default(),
        GradingKind::ForcedDistribution => GradeScheme::ForcedDistribution {
            excellent: 0.1,
            good: 0.3,
            pass: 0.5,
        },
    }
}

fn set_grade_bound(grading: &mut GradeScheme, grade: Grade, value: f64) {
    match grading {
        GradeScheme::Thresholds {
            excellent,
            good,
            pass,
        }
        | GradeScheme::ForcedDistribution {
            excellent,
            good,
            pass,
        } => match grade {
            Grade::Excellent => *excellent = value,
            Grade::Good => *good = value,
            Grade::Pass => *pass = value,
            Grade::NeedsImprovement => {}
        },
    }
}

fn band_mut(m: &mut ScorecardMetric, b: usize) -> Option<&mut Band> {
    match &mut m.curve {
        Curve::Banded { bands } => bands.get_mut(b),
        Curve::Linear => None,
    }
}

fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// Three steps between floor and target when a metric switches to banded: reaching the
/// target scores 100, two thirds of the way 70, one third 40. A starting point the user
/// then edits; it scores close to the linear curve it replaces.
pub fn default_bands(floor: f64, target: f64) -> Vec<Band> {
    let at = |fraction: f64| round6(floor + fraction * (target - floor));
    vec![
        Band {
            threshold: at(1.0),
            score: 100.0,
        },
        Band {
            threshold: at(2.0 / 3.0),
            score: 70.0,
        },
        Band {
            threshold: at(1.0 / 3.0),
            score: 40.0,
        },
    ]
}

/// How a set of relative weights adds up. The engine does not need them to add to 100:
/// each weight counts as its share of the sum (and N/A items' weight is spread over the
/// rest), so the editor shows the shares and says when the sum is not 100.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeightSum {
    pub sum: f64,
}

impl WeightSum {
    pub fn of(weights: impl IntoIterator<Item = f64>) -> WeightSum {
        WeightSum {
            sum: weights.into_iter().sum(),
        }
    }

    /// Whether the weights add up to 100 (to display precision).
    pub fn adds_to_100(&self) -> bool {
        (self.sum - 100.0).abs() < 0.005
    }

    /// All weights zero: the engine gives no score at this level.
    pub fn is_zero(&self) -> bool {
        self.sum <= 0.0
    }

    /// The share (0-1) a weight really counts for.
    pub fn share(&self, weight: f64) -> f64 {
        if self.sum > 0.0 {
            weight / self.sum
        } else {
            0.0
        }
    }
}

/// The dimension weights of a card.
pub fn dimension_weights(card: &Scorecard) -> WeightSum {
    WeightSum::of(card.dimensions.iter().map(|d| d.weight))
}

/// The metric weights of one dimension.
pub fn metric_weights(dimension: &Dimension) -> WeightSum {
    WeightSum::of(dimension.metrics.iter().map(|m| m.weight))
}

/// What is wrong with the effective-from field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodProblem {
    Missing,
    /// Neither a date nor a period label.
    Unreadable,
    /// Another version starts the same day (1-based version number).
    Taken {
        version: usize,
    },
}

/// Everything wrong with a save, field by field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveErrors {
    pub period: Option<PeriodProblem>,
    pub reason_missing: bool,
    /// The draft equals the version it started from.
    pub unchanged: bool,
    /// The draft does not validate.
    pub card: Option<ScorecardError>,
}

impl SaveErrors {
    pub fn is_empty(&self) -> bool {
        self.period.is_none() && !self.reason_missing && !self.unchanged && self.card.is_none()
    }
}

/// The first day of the period a version takes effect: a period label (`2026-10`,
/// `2026-Q4`, `2026-W40`) or a date (`2026-10-15`), as the history's JSON accepts.
pub fn parse_effective_from(text: &str) -> Result<NaiveDate, PeriodProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PeriodProblem::Missing);
    }
    PeriodKind::of_label(text)
        .filter(|kind| *kind != PeriodKind::All)
        .and_then(|kind| kind.start_of_label(text))
        .ok_or(PeriodProblem::Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::scorecard::defaults::{default_history, default_scorecard};

    fn draft() -> Draft {
        Draft::new(0, default_scorecard())
    }

    #[test]
    fn edits_change_the_draft_and_discard_restores_it() {
        let mut d = draft();
        assert!(!d.is_dirty());
        assert!(d.apply(Edit::MetricWeight {
            dimension: 0,
            metric: 1,
            weight: 55.0
        }));
        assert_eq!(d.card.dimensions[0].metrics[1].weight, 55.0);
        assert!(d.is_dirty());
        assert!(
            !d.apply(Edit::MetricWeight {
                dimension: 0,
                metric: 1,
                weight: 55.0
            }),
            "same value: no change"
        );
        assert!(
            !d.apply(Edit::Target {
                dimension: 9,
                metric: 0,
                value: 1.0
            }),
            "unknown index: no change"
        );
        assert!(d.apply(Edit::Target {
            dimension: 1,
            metric: 0,
            value: 20.0
        }));
        assert!(d.apply(Edit::RailCap { rail: 0, cap: 50.0 }));
        assert_eq!(d.card.guard_rails[0].cap(), 50.0);
        d.discard();
        assert!(!d.is_dirty());
        assert_eq!(d.card, default_scorecard());
    }

    #[test]
    fn only_weight_edits_take_the_engines_o1_path() {
        assert!(Edit::DimensionWeight {
            dimension: 0,
            weight: 1.0
        }
        .is_weight_only());
        assert!(!Edit::Floor {
            dimension: 0,
            metric: 0,
            value: 1.0
        }
        .is_weight_only());
    }

    #[test]
    fn a_bad_value_is_kept_and_the_engine_says_why() {
        let mut d = draft();
        // complaint_rate: lower is better; a target above the floor contradicts it.
        d.apply(Edit::Target {
            dimension: 0,
            metric: 2,
            value: 0.05,
        });
        assert!(matches!(
            d.problem(),
            Some(ScorecardError::DirectionConflict { .. })
        ));
        d.apply(Edit::Direction {
            dimension: 0,
            metric: 2,
            direction: Some(Direction::HigherIsBetter),
        });
        assert_eq!(d.problem(), None, "the override resolves the conflict");
        d.apply(Edit::DimensionWeight {
            dimension: 0,
            weight: -1.0,
        });
        assert!(matches!(
            d.problem(),
            Some(ScorecardError::BadWeight { .. })
        ));
    }

    #[test]
    fn switching_to_banded_builds_valid_bands_and_back_restores_linear() {
        let mut d = draft();
        // Lower is better (first response): bands must still validate.
        for (dimension, metric) in [(0, 0), (1, 0)] {
            d.apply(Edit::Curve {
                dimension,
                metric,
                kind: CurveKind::Banded,
            });
            let m = &d.card.dimensions[dimension].metrics[metric];
            let Curve::Banded { bands } = &m.curve else {
                panic!("banded")
            };
            assert_eq!(bands.len(), 3);
            assert_eq!(bands[0].threshold, m.target);
        }
        assert_eq!(d.problem(), None);
        assert_eq!(d.card.dimensions[1].metrics[0].curve, {
            Curve::Banded {
                bands: default_bands(180.0, 30.0),
            }
        });
        d.apply(Edit::AddBand {
            dimension: 1,
            metric: 0,
        });
        d.apply(Edit::BandScore {
            dimension: 1,
            metric: 0,
            band: 3,
            value: 10.0,
        });
        assert_eq!(d.problem(), None);
        d.apply(Edit::BandScore {
            dimension: 1,
            metric: 0,
            band: 0,
            value: 20.0,
        });
        assert!(
            matches!(d.problem(), Some(ScorecardError::BadCurve { .. })),
            "a better band scoring less punishes improvement"
        );
        d.apply(Edit::RemoveBand {
            dimension: 1,
            metric: 0,
            band: 0,
        });
        assert_eq!(d.problem(), None);
        d.apply(Edit::Curve {
            dimension: 1,
            metric: 0,
            kind: CurveKind::Linear,
        });
        assert_eq!(d.card.dimensions[1].metrics[0].curve, Curve::Linear);
    }

    #[test]
    fn the_last_band_cannot_be_removed() {
        let mut d = draft();
        d.apply(Edit::Curve {
            dimension: 0,
            metric: 0,
            kind: CurveKind::Banded,
        });
        for _ in 0..5 {
            d.apply(Edit::RemoveBand {
                dimension: 0,
                metric: 0,
                band: 0,
            });
        }
        let Curve::Banded { bands } = &d.card.dimensions[0].metrics[0].curve else {
            panic!("banded")
        };
        assert_eq!(bands.len(), 1);
    }

    #[test]
    fn grading_kind_switches_and_bounds_edit() {
        let mut d = draft();
        d.apply(Edit::Grading(GradingKind::ForcedDistribution));
        assert!(matches!(
            d.card.grading,
            GradeScheme::ForcedDistribution { excellent, .. } if excellent == 0.1
        ));
        assert_eq!(d.problem(), None);
        d.apply(Edit::GradeBound {
            grade: Grade::Good,
            value: 0.95,
        });
        assert_eq!(d.problem(), Some(ScorecardError::BadGrading));
        d.apply(Edit::Grading(GradingKind::Thresholds));
        assert_eq!(d.card.grading, default_scorecard().grading);
        d.apply(Edit::GradeBound {
            grade: Grade::Pass,
            value: 65.0,
        });
        assert!(matches!(d.card.grading, GradeScheme::Thresholds { pass, .. } if pass == 65.0));
    }

    #[test]
    fn weight_sums_say_whether_they_add_to_100_and_give_real_shares() {
        let card = default_scorecard();
        let dims = dimension_weights(&card);
        assert!(dims.adds_to_100(), "35+25+15+25");
        let mut d = draft();
        d.apply(Edit::DimensionWeight {
            dimension: 0,
            weight: 30.0,
        });
        let dims = dimension_weights(&d.card);
        assert_eq!(dims.sum, 95.0);
        assert!(!dims.adds_to_100());
        assert!((dims.share(30.0) - 30.0 / 95.0).abs() < 1e-12);
        let zero = WeightSum::of([0.0, 0.0]);
        assert!(zero.is_zero());
        assert_eq!(zero.share(0.0), 0.0);
        assert_eq!(metric_weights(&card.dimensions[2]).sum, 100.0);
    }

    #[test]
    fn effective_from_takes_period_labels_and_dates() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_effective_from(" 2026-10 "), Ok(day(2026, 10, 1)));
        assert_eq!(parse_effective_from("2026-Q4"), Ok(day(2026, 10, 1)));
        assert_eq!(parse_effective_from("2026-10-15"), Ok(day(2026, 10, 15)));
        assert_eq!(parse_effective_from(""), Err(PeriodProblem::Missing));
        assert_eq!(parse_effective_from("all"), Err(PeriodProblem::Unreadable));
        assert_eq!(parse_effective_from("soon"), Err(PeriodProblem::Unreadable));
    }

    #[test]
    fn saving_appends_a_sorted_version_and_checks_every_field() {
        let history = default_history();
        let mut d = draft();
        let errors = d.save_into(&history, "", " ").unwrap_err();
        assert_eq!(errors.period, Some(PeriodProblem::Missing));
        assert!(errors.reason_missing);
        assert!(errors.unchanged);
        assert_eq!(errors.card, None);

        d.apply(Edit::DimensionWeight {
            dimension: 2,
            weight: 20.0,
        });
        let errors = d.save_into(&history, "1970-01-01", "r").unwrap_err();
        assert_eq!(errors.period, Some(PeriodProblem::Taken { version: 1 }));

        let saved = d
            .save_into(&history, "2026-09", "  more teamwork  ")
            .unwrap();
        assert_eq!(saved.versions.len(), 2);
        let new = &saved.versions[1];
        assert_eq!(new.reason, "more teamwork");
        assert_eq!(
            new.effective_from,
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
        );
        assert_eq!(new.scorecard.dimensions[2].weight, 20.0);
        assert_eq!(saved.index_for_period("2026-08"), Some(0));
        assert_eq!(saved.index_for_period("2026-09"), Some(1));

        // An earlier date sorts first.
        let earlier = d.save_into(&saved, "1960-01", "older").unwrap();
        assert_eq!(earlier.versions[0].reason, "older");

        d.apply(Edit::Floor {
            dimension: 0,
            metric: 0,
            value: f64::NAN,
        });
        let errors = d.save_into(&history, "2026-10", "r").unwrap_err();
        assert!(matches!(
            errors.card,
            Some(ScorecardError::BadTargetOrFloor { .. })
        ));
    }

    #[test]
    fn inputs_read_and_write_numbers() {
        assert_eq!(parse_number(" 0,5 "), Some(0.5));
        assert_eq!(parse_number("35"), Some(35.0));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(input_text(0.005), "0.005");
        assert_eq!(input_text(35.0), "35");
        assert_eq!(
            direction_from_id(direction_id(Some(Direction::LowerIsBetter))),
            Some(Direction::LowerIsBetter)
        );
        assert_eq!(direction_from_id(direction_id(None)), None);
        assert_eq!(CurveKind::from_id("banded"), Some(CurveKind::Banded));
        assert_eq!(
            GradingKind::from_id(GradingKind::ForcedDistribution.id()),
            Some(GradingKind::ForcedDistribution)
        );
    }
}
