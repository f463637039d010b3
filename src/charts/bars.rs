//! Grouped bars: per group (a dimension), one bar per series (a team). Bars differ by
//! colour and by hatching, with a dark outline, so they survive greyscale print; a
//! missing value leaves an empty slot marked N/A, never a zero-height bar.

use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{Drawing, Recording, Role};
use super::cartesian::{frame, XAxis, HEIGHT, INK, WIDTH};
use super::data::{value_range, value_text, Axis, Series};
use super::figure::{ChartFigure, Table};
use super::palette;
use super::svg::KeyKind;
use crate::i18n::{translate, use_i18n, Locale};

/// Share of a group's slot the bars take; the rest separates the groups.
const GROUP_FILL: f64 = 0.8;
const NA_SIZE: f64 = 10.0;

/// The x extent of bar `j` of `k` in the group centred at `group`.
pub fn bar_span(group: usize, j: usize, k: usize) -> (f64, f64) {
    let width = GROUP_FILL / k.max(1) as f64;
    let left = group as f64 - GROUP_FILL / 2.0 + j as f64 * width;
    (left, left + width)
}

pub fn draw(
    groups: &[String],
    series: &[Series],
    x_title: &str,
    y_title: &str,
    range: Option<(f64, f64)>,
    na: &str,
) -> Drawing {
    let recording = Recording::new(WIDTH, HEIGHT);
    let root = recording.backend().into_drawing_area();
    let range = range.unwrap_or_else(|| value_range(series));
    let mut chart = frame(
        &root,
        &recording,
        XAxis::Categories(groups),
        range,
        x_title,
        y_title,
    );
    let k = series.len();
    for (j, s) in series.iter().enumerate() {
        recording.set_role(Role::Series(j));
        let bars = (0..groups.len()).filter_map(|g| {
            let v = s.value(g)?;
            let (x0, x1) = bar_span(g, j, k);
            Some(Rectangle::new(
                [(x0, range.0.max(0.0).min(range.1)), (x1, v)],
                palette::color(j).filled(),
            ))
        });
        chart.draw_series(bars).expect("recording never fails");
    }
    // "N/A" in an empty slot, written upwards at the baseline, when it fits.
    let slot_px =
        f64::from(WIDTH - 100) / groups.len().max(1) as f64 * GROUP_FILL / k.max(1) as f64;
    if slot_px >= NA_SIZE {
        let style = TextStyle::from(("sans-serif", NA_SIZE).into_font())
            .color(&INK)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (j, s) in series.iter().enumerate() {
            recording.set_role(Role::Marker(j));
            let marks = (0..groups.len())
                .filter(|&g| s.value(g).is_none())
                .map(|g| {
                    let (x0, x1) = bar_span(g, j, k);
                    Text::new(
                        na.to_string(),
                        ((x0 + x1) / 2.0, range.0.max(0.0)),
                        style.clone(),
                    )
                });
            chart.draw_series(marks).expect("recording never fails");
        }
    }
    recording.finish()
}

/// The table: a row per group, a column per series.
pub fn table(locale: Locale, groups: &[String], series: &[Series], x: &Axis, y: &Axis) -> Table {
    Table {
        caption: y.title(locale),
        category: x.title(locale),
        columns: series.iter().map(|s| s.name.clone()).collect(),
        rows: groups
            .iter()
            .enumerate()
            .map(|(g, name)| {
                let cells = series
                    .iter()
                    .map(|s| (value_text(locale, s.value(g)), s.value(g).is_none()))
                    .collect();
                (name.clone(), cells)
            })
            .collect(),
    }
}

/// Grouped bars: `groups` on the x axis (dimensions), a bar per series (team) in each.
#[component]
pub fn GroupedBarChart(
    title: String,
    groups: Vec<String>,
    series: Vec<Series>,
    x_axis: Axis,
    y_axis: Axis,
    /// The value axis range; by default from 0 to a round number above the data.
    #[prop(optional)]
    range: Option<(f64, f64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let na = translate(locale, "charts.na");
        let drawing = draw(
            &groups,
            &series,
            &x_axis.title(locale),
            &y_axis.title(locale),
            range,
            &na,
        );
        let table = table(locale, &groups, &series, &x_axis, &y_axis);
        let legend = series.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        view! {
            <ChartFigure kind="bars" title=title.clone() drawing=drawing legend=legend key=KeyKind::Bar table=table/>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::backend::ShapeKind;

    #[test]
    fn bars_of_a_group_sit_side_by_side_around_its_centre() {
        let (a0, a1) = bar_span(2, 0, 4);
        let (d0, d1) = bar_span(2, 3, 4);
        assert!((a0 - 1.6).abs() < 1e-9 && (a1 - 1.8).abs() < 1e-9);
        assert!((d1 - 2.4).abs() < 1e-9 && (d0 - 2.2).abs() < 1e-9);
    }

    #[test]
    fn a_missing_value_is_an_empty_slot_marked_na() {
        let groups: Vec<String> = ["Quality", "Speed"].map(String::from).to_vec();
        let a = Series::new("A", vec![Some(80.0), None]);
        let b = Series::new("B", vec![Some(60.0), Some(0.0)]);
        let drawing = draw(
            &groups,
            &[a, b],
            "Dimension",
            "Score",
            Some((0.0, 100.0)),
            "N/A",
        );
        let bars = |j| {
            drawing
                .shapes
                .iter()
                .filter(|s| {
                    s.role == Role::Series(j)
                        && matches!(s.kind, ShapeKind::Rect { fill: true, .. })
                })
                .count()
        };
        assert_eq!(
            (bars(0), bars(1)),
            (1, 2),
            "a real zero is a bar, N/A is not"
        );
        let na: Vec<_> = drawing
            .shapes
            .iter()
            .filter(|s| matches!(&s.kind, ShapeKind::Text { text, .. } if text == "N/A"))
            .collect();
        assert_eq!(na.len(), 1);
        assert_eq!(na[0].role, Role::Marker(0));
    }
}
