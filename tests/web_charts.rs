//! Browser tests of the charts (src/charts): each chart mounts as an accessible SVG image
//! named by its title, with Chinese labels and untrusted names as real text, markers,
//! hatching and N/A gaps, and a data table with the same numbers.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_charts`

#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use carescore_web::charts::{
    Axis, GroupedBarChart, HistogramChart, RadarChart, Series, TrendChart,
};
use carescore_web::i18n::{I18n, Locale};
use carescore_web::storage::{memory::MemoryStore, StorageHandle, StorageMode};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const EVIL: &str = "<script>alert(1)</script>";

/// Storage in memory and the interface language (English), the way the App provides them.
fn provide_english() -> I18n {
    let storage = StorageHandle::new(Rc::new(MemoryStore::new()), StorageMode::MemoryOnly);
    storage.provide();
    let i18n = I18n::provide(storage);
    i18n.set(Locale::En);
    i18n
}

/// Mounts a view after providing the language; returns the container and the language.
async fn mount<V: IntoView + 'static>(make: impl Fn() -> V + 'static) -> (Element, I18n) {
    let root = container();
    let i18n_out = Rc::new(Cell::new(None));
    let i18n_in = i18n_out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        i18n_in.set(Some(provide_english()));
        make()
    });
    std::mem::forget(handle);
    leptos::task::tick().await;
    (root.unchecked_into(), i18n_out.get().expect("mounted"))
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// The texts drawn in the chart's SVG.
fn svg_texts(root: &Element) -> Vec<String> {
    all(root, "svg.chart-svg text").iter().map(text).collect()
}

/// The data table as rows of cell texts (header cell first), body rows only.
fn table_rows(root: &Element) -> Vec<Vec<String>> {
    all(root, "table.chart-table tbody tr")
        .iter()
        .map(|tr| all(tr, "th, td").iter().map(text).collect())
        .collect()
}

fn score_axis() -> Axis {
    Axis::new("Score", Some("points".into()))
}

fn dimensions() -> Vec<String> {
    ["服务质量", "Efficiency", "Compliance", "Satisfaction"]
        .map(String::from)
        .to_vec()
}

/// The image is an SVG-namespace element with role img, named by the title, with a
/// `<title>`; the title is also the figure's caption.
fn assert_accessible_image(root: &Element, title: &str) {
    let svg = one(root, "figure.chart svg.chart-svg");
    assert_eq!(svg.namespace_uri().as_deref(), Some(SVG_NS));
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(svg.get_attribute("aria-label").as_deref(), Some(title));
    assert!(svg
        .get_attribute("viewBox")
        .is_some_and(|v| v.starts_with("0 0 ")));
    let svg_title = one(&svg, "title");
    assert_eq!(svg_title.namespace_uri().as_deref(), Some(SVG_NS));
    assert_eq!(text(&svg_title), title);
    assert_eq!(text(&one(root, "figure.chart > figcaption")), title);
    for t in all(&svg, "text") {
        assert_eq!(
            t.namespace_uri().as_deref(),
            Some(SVG_NS),
            "text is SVG text"
        );
    }
}

/// The evil name is shown as text (legend and table) and created no element.
fn assert_name_is_text(root: &Element) {
    assert!(all(root, "script").is_empty(), "no <script> element");
    assert!(all(&document().body().unwrap(), "script")
        .iter()
        .all(|s| !text(s).contains("alert(1)")));
    let legend: Vec<String> = all(root, ".chart-legend-name").iter().map(text).collect();
    assert!(legend.iter().any(|n| n == EVIL), "legend {legend:?}");
    let headers: Vec<String> = all(root, "table.chart-table thead th")
        .iter()
        .map(text)
        .collect();
    assert!(
        headers.iter().any(|n| n == EVIL),
        "table headers {headers:?}"
    );
}

#[wasm_bindgen_test]
async fn radar_is_an_accessible_image_with_one_polygon_per_series_and_na_gaps() {
    let (root, _) = mount(|| {
        view! {
            <RadarChart
                title="Dimension scores".to_string()
                dimensions=dimensions()
                series=vec![
                    Series::new(EVIL, vec![Some(82.0), None, Some(64.5), Some(90.0)]),
                    Series::new("Team average", vec![Some(75.0), Some(70.0), Some(0.0), Some(88.26)]),
                ]
                value_axis=score_axis()
            />
        }
    })
    .await;
    assert_eq!(
        one(&root, "figure").get_attribute("data-chart").as_deref(),
        Some("radar")
    );
    assert_accessible_image(&root, "Dimension scores");
    let texts = svg_texts(&root);
    assert!(
        texts.iter().any(|t| t == "服务质量"),
        "Chinese label as SVG text: {texts:?}"
    );
    assert!(
        texts.iter().any(|t| t == "Score (points)"),
        "value axis with unit: {texts:?}"
    );
    assert_name_is_text(&root);

    for series in ["0", "1"] {
        let polygons = all(
            &root,
            &format!("svg polygon.chart-series[data-series=\"{series}\"]"),
        );
        assert_eq!(polygons.len(), 1, "series {series}");
    }
    let agent_points = one(&root, "svg polygon.chart-series[data-series=\"0\"]")
        .get_attribute("points")
        .unwrap();
    assert_eq!(
        agent_points.split(' ').count(),
        3,
        "the N/A dimension has no vertex"
    );
    // The agent's outline breaks at the N/A dimension: one open run, not a closed ring.
    let outlines = all(&root, "svg polyline.chart-series[data-series=\"0\"]");
    assert_eq!(outlines.len(), 1);
    assert!(
        outlines[0].get_attribute("stroke-dasharray").is_none(),
        "series 0 is solid"
    );
    let team_outline = one(&root, "svg polyline.chart-series[data-series=\"1\"]");
    assert!(
        team_outline.get_attribute("stroke-dasharray").is_some(),
        "series 1 is dashed"
    );

    let rows = table_rows(&root);
    assert_eq!(rows.len(), 4, "a row per dimension");
    assert_eq!(rows[0], ["服务质量", "82.0", "75.0"]);
    assert_eq!(rows[1], ["Efficiency", "N/A", "70.0"]);
    assert_eq!(
        rows[2],
        ["Compliance", "64.5", "0.0"],
        "a real zero stays 0"
    );
    assert_eq!(rows[3][2], "88.3");
    assert_eq!(all(&root, "td[data-na]").len(), 1);
    assert_eq!(
        text(&one(&root, "details.chart-data > summary")),
        "Data table"
    );
    assert_eq!(
        text(&one(&root, "table.chart-table caption")),
        "Score (points)"
    );
}

#[wasm_bindgen_test]
async fn trend_lines_break_at_na_and_series_have_distinct_markers() {
    let periods: Vec<String> = ["2026-04", "2026-05", "2026-06", "2026-07"]
        .map(String::from)
        .to_vec();
    let periods_in = periods.clone();
    let (root, _) = mount(move || {
        view! {
            <TrendChart
                title="服务质量 trend".to_string()
                periods=periods_in.clone()
                series=vec![
                    Series::new(EVIL, vec![Some(80.0), Some(82.5), None, Some(91.0)]),
                    Series::new("团队平均", vec![Some(70.0), Some(71.0), Some(72.0), Some(73.0)]),
                ]
                x_axis=Axis::new("Period", None)
                y_axis=score_axis()
            />
        }
    })
    .await;
    assert_accessible_image(&root, "服务质量 trend");
    assert_name_is_text(&root);
    let texts = svg_texts(&root);
    for label in periods
        .iter()
        .map(String::as_str)
        .chain(["Period", "Score (points)", "0", "100"])
    {
        assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
    }
    assert_eq!(
        all(&root, "svg polyline.chart-series[data-series=\"0\"]").len(),
        1,
        "05-06 only; 07 stands alone"
    );
    assert_eq!(
        all(&root, "svg polyline.chart-series[data-series=\"1\"]").len(),
        1
    );
    // Series 0 has circles, series 1 squares (polygons): shapes, not only colours.
    assert_eq!(
        all(&root, "svg circle.chart-marker[data-series=\"0\"]").len(),
        3
    );
    assert_eq!(
        all(&root, "svg polygon.chart-marker[data-series=\"1\"]").len(),
        4
    );
    assert_eq!(all(&root, ".chart-legend li").len(), 2);
    assert!(all(&root, ".chart-legend .chart-swatch")
        .iter()
        .all(|s| s.namespace_uri().as_deref() == Some(SVG_NS)));

    let rows = table_rows(&root);
    assert_eq!(rows.len(), periods.len(), "a row per period");
    assert_eq!(rows[1], ["2026-05", "82.5", "71.0"]);
    assert_eq!(rows[2], ["2026-06", "N/A", "72.0"]);
    assert!(
        rows.iter().flatten().all(|c| c != "0.0" && c != "0"),
        "N/A is never 0: {rows:?}"
    );
}

#[wasm_bindgen_test]
async fn histogram_counts_scores_in_bins_of_ten_and_lists_na_apart() {
    let (root, _) = mount(|| {
        view! {
            <HistogramChart
                title="Total scores".to_string()
                scores=vec![Some(95.0), Some(100.0), Some(91.2), Some(74.0), Some(5.0), None]
            />
        }
    })
    .await;
    assert_accessible_image(&root, "Total scores");
    let texts = svg_texts(&root);
    for label in ["Score (points)", "Agents (people)", "0", "50", "100"] {
        assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
    }
    assert_eq!(
        all(&root, "svg rect.chart-series").len(),
        3,
        "bins 0-10, 70-80, 90-100"
    );
    let counts: Vec<String> = all(&root, "svg text.chart-marker")
        .iter()
        .map(text)
        .collect();
    assert_eq!(counts, ["1", "1", "3"]);

    let rows = table_rows(&root);
    assert_eq!(rows.len(), 11, "ten bins and the N/A row");
    assert_eq!(rows[0], ["0–10", "1"]);
    assert_eq!(rows[7], ["70–80", "1"]);
    assert_eq!(rows[8], ["80–90", "0"]);
    assert_eq!(rows[9], ["90–100", "3"]);
    assert_eq!(rows[10], ["N/A", "1"]);
}

#[wasm_bindgen_test]
async fn grouped_bars_are_hatched_and_leave_na_slots_empty() {
    let (root, _) = mount(|| {
        view! {
            <GroupedBarChart
                title="Teams by dimension".to_string()
                groups=dimensions()
                series=vec![
                    Series::new("售后一组", vec![Some(80.0), Some(75.0), Some(90.0), Some(60.0)]),
                    Series::new(EVIL, vec![Some(85.0), None, Some(70.0), Some(65.0)]),
                    Series::new("Team C", vec![Some(50.0), Some(55.0), Some(60.0), Some(0.0)]),
                ]
                x_axis=Axis::new("Dimension", None)
                y_axis=score_axis()
            />
        }
    })
    .await;
    assert_accessible_image(&root, "Teams by dimension");
    assert_name_is_text(&root);
    let texts = svg_texts(&root);
    assert!(texts.iter().any(|t| t == "服务质量"), "{texts:?}");
    assert_eq!(
        all(&root, "svg rect.chart-series[data-series=\"0\"]").len(),
        4
    );
    assert_eq!(
        all(&root, "svg rect.chart-series[data-series=\"1\"]").len(),
        3,
        "no bar for N/A"
    );
    assert_eq!(
        all(&root, "svg rect.chart-series[data-series=\"2\"]").len(),
        4,
        "a zero is a bar"
    );
    let na: Vec<String> = all(&root, "svg text.chart-marker[data-series=\"1\"]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(na, ["N/A"]);

    // Series 1 and 2 are hatched with their own pattern, defined in the same SVG.
    let svg = one(&root, "svg.chart-svg");
    for series in ["1", "2"] {
        let fill = one(
            &svg,
            &format!("rect.chart-series[data-series=\"{series}\"]"),
        )
        .get_attribute("fill")
        .unwrap();
        let id = fill.trim_start_matches("url(#").trim_end_matches(')');
        assert!(fill.starts_with("url(#"), "{fill}");
        let pattern = one(&svg, &format!("pattern[id=\"{id}\"]"));
        assert!(one(&pattern, "path").get_attribute("d").is_some());
    }
    let legend_swatches = all(&root, ".chart-legend .chart-swatch");
    assert_eq!(legend_swatches.len(), 3);
    assert!(
        one(&legend_swatches[1], "pattern")
            .get_attribute("id")
            .is_some(),
        "the key shows the hatching"
    );

    let rows = table_rows(&root);
    assert_eq!(rows.len(), 4, "a row per dimension");
    assert_eq!(rows[1], ["Efficiency", "75.0", "N/A", "55.0"]);
    assert_eq!(rows[3], ["Satisfaction", "60.0", "65.0", "0.0"]);
}

#[wasm_bindgen_test]
async fn charts_follow_the_interface_language() {
    let (root, i18n) = mount(|| {
        view! { <HistogramChart title="分布".to_string() scores=vec![Some(50.0), None]/> }
    })
    .await;
    assert_eq!(text(&one(&root, "summary")), "Data table");
    i18n.set(Locale::ZhCn);
    leptos::task::tick().await;
    assert_eq!(text(&one(&root, "summary")), "数据表");
    let texts = svg_texts(&root);
    assert!(texts.iter().any(|t| t == "得分（分）"), "{texts:?}");
    let rows = table_rows(&root);
    assert_eq!(rows.last().unwrap(), &["无数据", "1"]);
}

#[wasm_bindgen_test]
async fn a_label_with_markup_is_svg_text() {
    let (root, _) = mount(|| {
        view! {
            <GroupedBarChart
                title=EVIL.to_string()
                groups=vec![EVIL.to_string(), "<img src=x onerror=alert(2)>".to_string()]
                series=vec![Series::new("A", vec![Some(1.0), Some(2.0)])]
                x_axis=Axis::new("<i>x</i>", None)
                y_axis=Axis::new("y", Some("<u>u</u>".into()))
            />
        }
    })
    .await;
    assert_accessible_image(&root, EVIL);
    let texts = svg_texts(&root);
    for label in [
        EVIL,
        "<img src=x onerror=alert(2)>",
        "<i>x</i>",
        "y (<u>u</u>)",
    ] {
        assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
    }
    assert!(
        all(&root, "script, img, i, u").is_empty(),
        "no element from the text"
    );
}
