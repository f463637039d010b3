//! The frame every chart shares: a `<figure>` with the title as `<figcaption>`, the
//! drawing, a legend of text names, and the numbers as a table in a `<details>` (for
//! screen readers, print and anyone who wants exact values).

use leptos::prelude::*;

use super::backend::Drawing;
use super::svg::{ChartSvg, KeyKind, Swatch};
use crate::i18n::use_i18n;

/// The fallback table: one row per category, one column per series, texts already
/// formatted (`N/A` for missing values).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// What the numbers are, with their unit ("Score (points)").
    pub caption: String,
    /// The header of the first column (what the rows are).
    pub category: String,
    pub columns: Vec<String>,
    /// (row label, a cell per column, which cells are N/A).
    pub rows: Vec<(String, Vec<(String, bool)>)>,
}

/// One chart: `kind` names it for CSS and tests (`data-chart`); `legend` lists series
/// names and how they are drawn (empty for a single unnamed series).
#[component]
pub fn ChartFigure(
    kind: &'static str,
    title: String,
    drawing: Drawing,
    #[prop(optional)] legend: Vec<String>,
    #[prop(optional)] key: Option<KeyKind>,
    table: Table,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = key.unwrap_or(KeyKind::Line);
    let legend = (!legend.is_empty()).then(|| {
        let items = legend
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                view! {
                    <li data-series=i>
                        <Swatch kind=key index=i/>
                        <span class="chart-legend-name">{name}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="chart-legend" aria-label=move || i18n.t("charts.legend")>{items}</ul> }
    });
    view! {
        <figure class=format!("chart chart-{kind}") data-chart=kind>
            <figcaption class="chart-title">{title.clone()}</figcaption>
            <ChartSvg drawing=drawing title=title/>
            {legend}
            <details class="chart-data">
                <summary>{move || i18n.t("charts.data_table")}</summary>
                <DataTable table=table/>
            </details>
        </figure>
    }
}

#[component]
fn DataTable(table: Table) -> impl IntoView {
    let Table {
        caption,
        category,
        columns,
        rows,
    } = table;
    let headers = columns
        .into_iter()
        .map(|name| view! { <th scope="col">{name}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|(label, cells)| {
            let cells = cells
                .into_iter()
                .map(|(text, na)| {
                    view! { <td class:chart-na=na data-na=na.then_some("true")>{text}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{label}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="chart-table" data-testid="chart-table">
            <caption>{caption}</caption>
            <thead><tr><th scope="col">{category}</th>{headers}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}
