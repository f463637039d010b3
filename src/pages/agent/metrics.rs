//! The agent card's metric table: every metric's value against its target and floor, its
//! score and its weight after N/A redistribution.

use carescore_engine::metric_def::Unit;
use carescore_engine::scoring::explain::{Explanation, Formula, MetricExplanation};
use carescore_engine::scoring::MetricStatus;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{dimension_name, metric_name};
use crate::i18n::I18n;
use carescore_workspace::display;

/// A value in the metric's unit (plain number when the unit is unknown).
pub(super) fn value_text(value: f64, unit: Option<Unit>) -> String {
    display::metric_value(value, unit.unwrap_or(Unit::Number))
}

/// "How?": opens the card's explanation at this metric's entry (records, formula, curve,
/// weights), so every number leads to the engine's reasoning behind it.
fn explain_button(i18n: I18n, m: &MetricExplanation) -> impl IntoView {
    let target = explain_anchor(&m.metric_id);
    let name = metric_name(i18n, &m.metric_id, m.label.as_ref());
    let on_click = move |_| {
        let Some(entry) = document().get_element_by_id(&target) else {
            return;
        };
        if let Ok(Some(details)) = entry.closest("details") {
            let _ = details.set_attribute("open", "");
        }
        entry.scroll_into_view();
        if let Some(entry) = entry.dyn_ref::<web_sys::HtmlElement>() {
            let _ = entry.focus();
        }
    };
    view! {
        <button
            type="button"
            class="link-button explain-link"
            data-testid="explain-metric"
            aria-label=i18n.tf("agent.explain_metric_of", &[("metric", &name)])
            on:click=on_click
        >
            {i18n.t("agent.explain_metric")}
        </button>
    }
}

/// The id of a metric's entry in the explanation.
pub(super) fn explain_anchor(metric_id: &str) -> String {
    format!("explain-{metric_id}")
}

/// The metric table, grouped by dimension. `compact` tightens the rows (the print view).
pub(super) fn metric_table(i18n: I18n, ex: &Explanation, compact: bool) -> impl IntoView {
    let class = if compact {
        "data-table metric-table compact"
    } else {
        "data-table metric-table"
    };
    let rows = ex
        .dimensions
        .iter()
        .map(|dim| {
            let metrics = dim
                .metrics
                .iter()
                .map(|m| {
                    let value = match &m.formula {
                        Formula::Quotient { value, .. } | Formula::Direct { value, .. } => {
                            value_text(*value, m.unit)
                        }
                        Formula::NotAvailable { .. } | Formula::NotInTable => "—".to_string(),
                    };
                    let weight = if m.score.is_some() {
                        display::weight_percent(m.weight_in_total)
                    } else {
                        "—".to_string()
                    };
                    view! {
                        <tr data-testid="metric-row" data-metric=m.metric_id.clone()>
                            <td>
                                {metric_name(i18n, &m.metric_id, m.label.as_ref())}
                                {(!compact).then(|| explain_button(i18n, m))}
                            </td>
                            <td class="num">{value}</td>
                            <td class="num muted">{value_text(m.target, m.unit)}</td>
                            <td class="num muted">{value_text(m.floor, m.unit)}</td>
                            <td class="num score">{display::score(m.score)}</td>
                            <td class="num">{weight}</td>
                            <td class="small">{metric_status(i18n, m)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tr class="group-row">
                    <th colspan="7">
                        {dimension_name(i18n, &dim.id, dim.label.as_ref())}
                        <span class="muted small">" · " {display::score(dim.score)}</span>
                    </th>
                </tr>
                {metrics}
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class=class data-testid="metric-table">
                <thead>
                    <tr>
                        <th>{i18n.t("agent.metric")}</th>
                        <th class="num">{i18n.t("agent.value")}</th>
                        <th class="num">{i18n.t("agent.target")}</th>
                        <th class="num">{i18n.t("agent.floor")}</th>
                        <th class="num">{i18n.t("agent.score")}</th>
                        <th class="num" title=i18n.t("agent.weight_help")>{i18n.t("agent.weight")}</th>
                        <th>{i18n.t("agent.note")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Why a metric did not count, or that its sample is small.
fn metric_status(i18n: I18n, m: &MetricExplanation) -> Option<String> {
    let text = match m.status {
        MetricStatus::Scored if m.small_sample => i18n.tf(
            "agent.status_small_sample",
            &[("min", &m.min_sample.to_string())],
        ),
        MetricStatus::Scored => return None,
        MetricStatus::NotAvailable => i18n.t("agent.status_not_available"),
        MetricStatus::NotInTable => i18n.t("agent.status_not_in_table"),
        MetricStatus::SmallSampleExcluded => i18n.tf(
            "agent.status_small_sample_excluded",
            &[("min", &m.min_sample.to_string())],
        ),
    };
    Some(text)
}
