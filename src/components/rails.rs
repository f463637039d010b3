//! Guard rails and grade bands as sentences, for the agent's explanation, the scorecard
//! editor and the awards; [`CardNames`] reads the names from a scorecard.

use carescore_engine::metric_def::Direction;
use carescore_engine::scorecard::{GradeScheme, GuardRail, Scorecard};
use carescore_workspace::display;

use crate::components::labels::{dimension_name, metric_label, metric_name, unit_of};
use crate::i18n::I18n;

/// What a guard rail's sentence needs to know about the metrics and dimensions it names.
pub trait RailNames {
    /// The display name of a metric or dimension id.
    fn name(&self, id: &str) -> String;
    /// A threshold of metric `id`, in the metric's unit.
    fn value(&self, metric_id: &str, value: f64) -> String;
    /// Whether metric `id` is better high, so its critical rail fires below the threshold
    /// (the engine's rule, `scoring::guard_rails`).
    fn higher_is_better(&self, metric_id: &str) -> bool;
}

/// One guard rail as a sentence, for the explanation, the scorecard page and awards.
pub fn rail_text(i18n: I18n, rail: &GuardRail, names: &impl RailNames) -> String {
    match rail {
        GuardRail::MetricCritical {
            metric_id,
            threshold: value,
            cap,
        } => i18n.tf(
            if names.higher_is_better(metric_id) {
                "rail.metric_critical_below"
            } else {
                "rail.metric_critical"
            },
            &[
                ("metric", &names.name(metric_id)),
                ("threshold", &names.value(metric_id, *value)),
                ("cap", &display::score(Some(*cap))),
            ],
        ),
        GuardRail::DimensionFloor {
            dimension,
            below,
            cap,
        } => i18n.tf(
            "rail.dimension_floor",
            &[
                ("dimension", &names.name(dimension)),
                ("below", &display::score(Some(*below))),
                ("cap", &display::score(Some(*cap))),
            ],
        ),
    }
}

/// Rail names read from a scorecard (the editor's draft, an award's card).
pub struct CardNames<'a> {
    pub i18n: I18n,
    pub card: &'a Scorecard,
}

impl RailNames for CardNames<'_> {
    fn name(&self, id: &str) -> String {
        let (i18n, card) = (self.i18n, self.card);
        match card.dimensions.iter().find(|x| x.id == id) {
            Some(dim) => dimension_name(i18n, id, dim.label.as_ref()),
            None => {
                let label = card
                    .find_metric(id)
                    .and_then(|(_, m)| metric_label(card, m));
                metric_name(i18n, id, label.as_ref())
            }
        }
    }
    fn value(&self, metric_id: &str, value: f64) -> String {
        display::metric_value(value, unit_of(self.card, metric_id))
    }
    fn higher_is_better(&self, metric_id: &str) -> bool {
        self.card
            .find_metric(metric_id)
            .and_then(|(_, m)| self.card.direction_of(m).ok())
            == Some(Direction::HigherIsBetter)
    }
}

/// The grade bands as a sentence.
pub fn grading_text(i18n: I18n, grading: &GradeScheme) -> String {
    match *grading {
        GradeScheme::Thresholds {
            excellent,
            good,
            pass,
        } => i18n.tf(
            "grading.thresholds",
            &[
                ("excellent", &display::score(Some(excellent))),
                ("good", &display::score(Some(good))),
                ("pass", &display::score(Some(pass))),
            ],
        ),
        GradeScheme::ForcedDistribution {
            excellent,
            good,
            pass,
        } => i18n.tf(
            "grading.forced",
            &[
                ("excellent", &display::weight_percent(excellent)),
                ("good", &display::weight_percent(good)),
                ("pass", &display::weight_percent(pass)),
            ],
        ),
    }
}
