//! "How this total was calculated": the engine's explanation of one row in words (guard
//! rails and grade bands in the sentences of [`crate::components::rails`]).

use carescore_engine::measure::ExclusionReason;
use carescore_engine::metric_def::{Direction, Unit};
use carescore_engine::scorecard::Curve;
use carescore_engine::scoring::explain::{
    Explanation, Formula, GuardRailCheck, MetricExplanation, Note,
};
use leptos::prelude::*;

use super::metrics::{explain_anchor, value_text};
use crate::components::rails::{grading_text, rail_text, RailNames};
use crate::components::{dimension_name, effective_from_text, metric_name};
use crate::i18n::I18n;
use carescore_workspace::display;

pub(super) fn explanation_body(i18n: I18n, ex: &Explanation) -> impl IntoView {
    // The total as the weighted sum the engine computed.
    let terms: Vec<String> = ex
        .dimensions
        .iter()
        .filter(|d| d.score.is_some())
        .map(|d| {
            format!(
                "{} × {}",
                display::score(d.score),
                display::weight_percent(d.weight_in_total)
            )
        })
        .collect();
    let formula = format!(
        "{} = {}",
        terms.join(" + "),
        display::score(ex.uncapped_total)
    );
    let capped = ex.total != ex.uncapped_total;
    view! {
        <div class="explain-grid">
            <p>
                {i18n.tf("explain.records", &[("records", &display::count(u64::from(ex.records))), ("period", &ex.period)])}
                " "
                {i18n.tf("explain.version", &[
                    ("from", &effective_from_text(
                        i18n,
                        &ex.version.effective_from.to_string(),
                    )),
                    ("reason", &ex.version.reason),
                ])}
            </p>
            <h3>{i18n.t("explain.total_heading")}</h3>
            <p class="formula" data-testid="total-formula"><code>{formula}</code></p>
            {capped.then(|| view! {
                <p class="alert alert-rail">
                    {i18n.tf("explain.capped_total", &[
                        ("uncapped", &display::score(ex.uncapped_total)),
                        ("total", &display::score(ex.total)),
                    ])}
                </p>
            })}
            <p class="muted">{i18n.t("explain.redistribution")}</p>

            <h3>{i18n.t("explain.metrics_heading")}</h3>
            <ul class="explain-metrics">
                {ex.dimensions.iter().flat_map(|d| d.metrics.iter()).map(|m| metric_explanation(i18n, m)).collect_view()}
            </ul>

            <h3>{i18n.t("explain.rails_heading")}</h3>
            <ul class="explain-rails">
                {ex.guard_rails.iter().map(|check| rail_check(i18n, ex, check)).collect_view()}
            </ul>

            <h3>{i18n.t("explain.grade_heading")}</h3>
            <p>{grading_text(i18n, &ex.grading)}</p>

            {(!ex.notes.is_empty()).then(|| view! {
                <h3>{i18n.t("explain.notes_heading")}</h3>
                <ul class="explain-notes">
                    {ex.notes.iter().map(|n| view! { <li>{note_text(i18n, ex, n)}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

fn metric_explanation(i18n: I18n, m: &MetricExplanation) -> impl IntoView {
    let name = metric_name(i18n, &m.metric_id, m.label.as_ref());
    let input = match &m.formula {
        Formula::Quotient {
            numerator,
            denominator,
            value,
        } => {
            if m.unit == Some(Unit::Ratio) || m.unit.is_none() {
                format!(
                    "{} / {} = {}",
                    display::count(numerator.round().max(0.0) as u64),
                    display::count(u64::from(*denominator)),
                    value_text(*value, m.unit)
                )
            } else {
                // A mean: the sum over the count.
                i18n.tf(
                    "explain.mean_of",
                    &[
                        ("value", &value_text(*value, m.unit)),
                        ("n", &display::count(u64::from(*denominator))),
                    ],
                )
            }
        }
        Formula::Direct {
            value,
            observations,
        } => i18n.tf(
            "explain.direct",
            &[
                ("value", &value_text(*value, m.unit)),
                ("n", &display::count(u64::from(*observations))),
            ],
        ),
        Formula::NotAvailable { observations } => i18n.tf(
            "explain.not_available",
            &[("n", &display::count(u64::from(*observations)))],
        ),
        Formula::NotInTable => i18n.t("explain.not_in_table"),
    };
    let curve = match &m.curve {
        Curve::Linear => i18n.tf(
            "explain.linear",
            &[
                ("floor", &value_text(m.floor, m.unit)),
                ("target", &value_text(m.target, m.unit)),
            ],
        ),
        Curve::Banded { bands } => {
            let steps: Vec<String> = bands
                .iter()
                .map(|b| {
                    format!(
                        "{} → {}",
                        value_text(b.threshold, m.unit),
                        display::score(Some(b.score))
                    )
                })
                .collect();
            i18n.tf("explain.banded", &[("bands", &steps.join(", "))])
        }
    };
    let direction = match m.direction {
        Direction::HigherIsBetter => i18n.t("direction.higher"),
        Direction::LowerIsBetter => i18n.t("direction.lower"),
    };
    let excluded: Vec<String> = m
        .excluded
        .iter()
        .filter(|e| e.count > 0)
        .map(|e| {
            format!(
                "{} {}",
                display::count(u64::from(e.count)),
                exclusion_text(i18n, e.reason)
            )
        })
        .collect();
    view! {
        <li id=explain_anchor(&m.metric_id) tabindex="-1" data-testid="explain-entry">
            <strong>{name}</strong> ": " {input} " · " {direction} " · " {curve}
            " → " <span class="num">{display::score(m.score)}</span>
            {(m.score.is_some()).then(|| view! {
                <span class="muted">" · " {i18n.tf("explain.weights", &[
                    ("configured", &display::weight_percent(m.configured_weight)),
                    ("in_dimension", &display::weight_percent(m.weight_in_dimension)),
                    ("in_total", &display::weight_percent(m.weight_in_total)),
                ])}</span>
            })}
            {(!excluded.is_empty()).then(|| view! {
                <div class="muted small">{i18n.tf("explain.excluded", &[("list", &excluded.join(", "))])}</div>
            })}
        </li>
    }
}

fn exclusion_text(i18n: I18n, reason: ExclusionReason) -> String {
    let key = match reason {
        ExclusionReason::NotAnswered => "exclusion.not_answered",
        ExclusionReason::NotResolved => "exclusion.not_resolved",
        ExclusionReason::ValueMissing => "exclusion.value_missing",
        ExclusionReason::FilteredOut => "exclusion.filtered_out",
        ExclusionReason::Excluded => "exclusion.excluded",
    };
    i18n.t(key)
}

/// Rail names read from an agent's explanation.
struct ExplanationNames<'a> {
    i18n: I18n,
    ex: &'a Explanation,
}

impl RailNames for ExplanationNames<'_> {
    fn name(&self, id: &str) -> String {
        display_name(self.i18n, self.ex, id)
    }
    fn value(&self, metric_id: &str, value: f64) -> String {
        unit_value(self.ex, metric_id, value)
    }
    fn higher_is_better(&self, metric_id: &str) -> bool {
        self.ex
            .dimensions
            .iter()
            .flat_map(|d| d.metrics.iter())
            .find(|m| m.metric_id == metric_id)
            .is_some_and(|m| m.direction == Direction::HigherIsBetter)
    }
}

pub(super) fn rail_check(i18n: I18n, ex: &Explanation, check: &GuardRailCheck) -> impl IntoView {
    let text = rail_text(i18n, &check.rail, &ExplanationNames { i18n, ex });
    let status = if check.binding {
        i18n.t("explain.rail_binding")
    } else if check.fired {
        i18n.t("explain.rail_fired")
    } else {
        i18n.t("explain.rail_clear")
    };
    let class = if check.fired { "rail fired" } else { "rail" };
    view! { <li class=class>{text} " — " <strong>{status}</strong></li> }
}

/// A metric's or dimension's display name by id, looked up in the explanation.
fn display_name(i18n: I18n, ex: &Explanation, id: &str) -> String {
    if let Some(dim) = ex.dimensions.iter().find(|d| d.id == id) {
        return dimension_name(i18n, id, dim.label.as_ref());
    }
    let label = ex
        .dimensions
        .iter()
        .flat_map(|d| d.metrics.iter())
        .find(|m| m.metric_id == id)
        .and_then(|m| m.label.clone());
    metric_name(i18n, id, label.as_ref())
}

/// A value of metric `id` in the metric's unit, looked up in the explanation.
fn unit_value(ex: &Explanation, id: &str, value: f64) -> String {
    let unit = ex
        .dimensions
        .iter()
        .flat_map(|d| d.metrics.iter())
        .find(|m| m.metric_id == id)
        .and_then(|m| m.unit);
    value_text(value, unit)
}

fn note_text(i18n: I18n, ex: &Explanation, note: &Note) -> String {
    match note {
        Note::MetricNotAvailable { metric_id, .. } => i18n.tf(
            "note.metric_na",
            &[("metric", &display_name(i18n, ex, metric_id))],
        ),
        Note::DimensionNotAvailable { dimension } => i18n.tf(
            "note.dimension_na",
            &[("dimension", &display_name(i18n, ex, dimension))],
        ),
        Note::SmallSample {
            metric_id,
            sample,
            min_sample,
            counted,
        } => i18n.tf(
            if *counted {
                "note.small_sample_counted"
            } else {
                "note.small_sample_excluded"
            },
            &[
                ("metric", &display_name(i18n, ex, metric_id)),
                ("sample", &sample.to_string()),
                ("min", &min_sample.to_string()),
            ],
        ),
        Note::Capped {
            rail,
            uncapped_total,
            total,
        } => i18n.tf(
            "note.capped",
            &[
                (
                    "rail",
                    &rail_text(i18n, rail, &ExplanationNames { i18n, ex }),
                ),
                ("uncapped", &display::score(Some(*uncapped_total))),
                ("total", &display::score(Some(*total))),
            ],
        ),
        Note::NoScore => i18n.t("note.no_score"),
    }
}
