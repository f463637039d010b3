//! The scheme in force: dimensions and their weights, metrics with weight, target, floor,
//! direction and curve, guard rails, grade bands, and the version history. Read-only for
//! now; the page says so.

use carescore_engine::metric_def::{Direction, Unit};
use carescore_engine::scorecard::{Curve, Scorecard, ScorecardHistory, SmallSamplePolicy};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::pages::agent::{grading_text, rail_text};
use crate::pages::format;
use crate::pages::widgets::{dimension_name, effective_from_text, label_text, metric_name};
use crate::state::use_app_state;

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    view! {
        <section class="page page-scorecard" data-testid="page-scorecard">
            <header class="page-header">
                <h1>{move || i18n.t("scorecard.title")}</h1>
            </header>
            <p class="notice" data-testid="scorecard-read-only">{move || i18n.t("scorecard.read_only")}</p>
            {move || {
                let history = state.history();
                // The version scoring the period on screen; the latest when nothing is loaded.
                let in_force = state
                    .period()
                    .and_then(|p| history.index_for_period(&p))
                    .unwrap_or_else(|| history.versions.len().saturating_sub(1));
                scheme_view(i18n, &history, in_force, state.period())
            }}
        </section>
    }
}

fn scheme_view(
    i18n: I18n,
    history: &ScorecardHistory,
    in_force: usize,
    period: Option<String>,
) -> impl IntoView {
    let Some(version) = history.versions.get(in_force) else {
        return view! { <p class="muted">{i18n.t("scorecard.no_versions")}</p> }.into_any();
    };
    let card = &version.scorecard;
    let title = card
        .label
        .as_ref()
        .and_then(|l| label_text(i18n.locale(), l))
        .unwrap_or_else(|| i18n.t("scorecard.unnamed"));
    let in_force_text = match &period {
        Some(p) => i18n.tf("scorecard.in_force_for", &[("period", p)]),
        None => i18n.t("scorecard.latest_version"),
    };
    view! {
        <div class="scheme-title">
            <h2>{title}</h2>
            <span class="muted">{in_force_text}</span>
        </div>
        {dimensions_view(i18n, card)}
        <div class="two-columns">
            <section class="panel">
                <h2 class="section-title">{i18n.t("scorecard.guard_rails")}</h2>
                {guard_rails_view(i18n, card)}
            </section>
            <section class="panel">
                <h2 class="section-title">{i18n.t("scorecard.grades")}</h2>
                <p data-testid="grade-bands">{grading_text(i18n, &card.grading)}</p>
                <p class="muted small">{match card.small_sample {
                    SmallSamplePolicy::CountAndFlag => i18n.t("scorecard.small_sample_count_and_flag"),
                    SmallSamplePolicy::Exclude => i18n.t("scorecard.small_sample_exclude"),
                }}</p>
            </section>
        </div>
        <section class="panel">
            <h2 class="section-title">{i18n.t("scorecard.versions")}</h2>
            {versions_view(i18n, history, in_force)}
        </section>
    }
    .into_any()
}

fn unit_of(card: &Scorecard, metric_id: &str) -> Unit {
    card.metric_def(metric_id)
        .map(|d| d.unit)
        .or_else(|| standard_unit(metric_id))
        .unwrap_or(Unit::Number)
}

/// Units of the standard catalogue (the card only stores custom definitions).
fn standard_unit(metric_id: &str) -> Option<Unit> {
    carescore_engine::metrics::standard::definitions()
        .into_iter()
        .find(|d| d.id == metric_id)
        .map(|d| d.unit)
}

fn dimensions_view(i18n: I18n, card: &Scorecard) -> impl IntoView {
    let dim_total: f64 = card.dimensions.iter().map(|d| d.weight).sum();
    card.dimensions
        .iter()
        .map(|dim| {
            let share = if dim_total > 0.0 { dim.weight / dim_total } else { 0.0 };
            let metric_total: f64 = dim.metrics.iter().map(|m| m.weight).sum();
            let rows = dim
                .metrics
                .iter()
                .map(|m| {
                    let unit = unit_of(card, &m.metric_id);
                    let direction = match card.direction_of(m) {
                        Ok(Direction::HigherIsBetter) => i18n.t("direction.higher"),
                        Ok(Direction::LowerIsBetter) => i18n.t("direction.lower"),
                        Err(_) => "—".to_string(),
                    };
                    let curve = match &m.curve {
                        Curve::Linear => i18n.t("curve.linear"),
                        Curve::Banded { bands } => {
                            i18n.tf("curve.banded", &[("count", &bands.len().to_string())])
                        }
                    };
                    let weight = if metric_total > 0.0 { m.weight / metric_total } else { 0.0 };
                    let label = m.label.clone().or_else(|| {
                        card.custom_metrics
                            .iter()
                            .find(|d| d.id == m.metric_id && !d.label.is_empty())
                            .map(|d| carescore_engine::scorecard::Label {
                                en: Some(d.label.clone()),
                                zh: None,
                            })
                    });
                    view! {
                        <tr data-testid="scheme-metric">
                            <td>{metric_name(i18n, &m.metric_id, label.as_ref())}</td>
                            <td class="num">{format::weight_percent(weight)}</td>
                            <td class="num">{format::metric_value(m.target, unit)}</td>
                            <td class="num">{format::metric_value(m.floor, unit)}</td>
                            <td>{direction}</td>
                            <td>{curve}</td>
                            <td class="num">{m.min_sample}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="panel scheme-dimension" data-testid="scheme-dimension">
                    <header class="scheme-dimension-header">
                        <h2 class="section-title">{dimension_name(i18n, &dim.id, dim.label.as_ref())}</h2>
                        <span class="weight-pill num">{format::weight_percent(share)}</span>
                    </header>
                    <div class="table-scroll">
                        <table class="data-table scheme-table">
                            <thead>
                                <tr>
                                    <th>{i18n.t("agent.metric")}</th>
                                    <th class="num">{i18n.t("scorecard.weight_in_dimension")}</th>
                                    <th class="num">{i18n.t("agent.target")}</th>
                                    <th class="num">{i18n.t("agent.floor")}</th>
                                    <th>{i18n.t("scorecard.direction")}</th>
                                    <th>{i18n.t("scorecard.curve")}</th>
                                    <th class="num">{i18n.t("scorecard.min_sample")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
        .collect_view()
}

fn guard_rails_view(i18n: I18n, card: &Scorecard) -> impl IntoView {
    if card.guard_rails.is_empty() {
        return view! { <p class="muted">{i18n.t("scorecard.no_guard_rails")}</p> }.into_any();
    }
    let names = |id: &str| match card.dimensions.iter().find(|d| d.id == id) {
        Some(dim) => dimension_name(i18n, id, dim.label.as_ref()),
        None => {
            let label = card.find_metric(id).and_then(|(_, m)| m.label.clone());
            metric_name(i18n, id, label.as_ref())
        }
    };
    let threshold = |id: &str, value: f64| format::metric_value(value, unit_of(card, id));
    view! {
        <ul class="rail-list" data-testid="guard-rails">
            {card
                .guard_rails
                .iter()
                .map(|rail| view! { <li>{rail_text(i18n, rail, names, threshold)}</li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

fn versions_view(i18n: I18n, history: &ScorecardHistory, in_force: usize) -> impl IntoView {
    let rows = history
        .versions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, v)| {
            let from = effective_from_text(i18n, &v.effective_from.to_string());
            let marker = (i == in_force).then(|| {
                view! {
                    <span class="pill">{i18n.t("scorecard.in_force")}</span>
                }
            });
            view! {
                <tr data-testid="scheme-version">
                    <td class="num">{i + 1}</td>
                    <td class="num">{from}</td>
                    <td>{v.reason.clone()} " " {marker}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact">
            <thead>
                <tr>
                    <th class="num">{i18n.t("scorecard.version")}</th>
                    <th class="num">{i18n.t("scorecard.effective_from")}</th>
                    <th>{i18n.t("scorecard.reason")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
