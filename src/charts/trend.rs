//! Trend lines: a value per period for a few series (an agent against its team). Lines
//! break where a value is N/A; every point carries its series' marker shape, and every
//! line its dash pattern, so the series tell apart without colour.

use leptos::prelude::*;
use plotters::prelude::*;

use super::backend::{Drawing, Recording, Role};
use super::cartesian::{frame, XAxis, HEIGHT, WIDTH};
use super::data::{value_range, value_text, Axis, Series};
use super::figure::{ChartFigure, Table};
use super::palette;
use crate::i18n::{use_i18n, Locale};

/// Marker radius in viewBox units.
const MARKER: i32 = 4;

/// The runs of consecutive indexes that have a value: where a line is drawn unbroken.
pub fn runs(values: &[Option<f64>]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if v.is_some_and(f64::is_finite) {
            current.push(i);
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Draws the chart; `range` defaults to zero up to a round number above the data.
pub fn draw(
    periods: &[String],
    series: &[Series],
    x_title: &str,
    y_title: &str,
    range: Option<(f64, f64)>,
) -> Drawing {
    let recording = Recording::new(WIDTH, HEIGHT);
    let root = recording.backend().into_drawing_area();
    let range = range.unwrap_or_else(|| value_range(series));
    let mut chart = frame(
        &root,
        &recording,
        XAxis::Categories(periods),
        range,
        x_title,
        y_title,
    );
    for (i, s) in series.iter().enumerate() {
        let color = palette::color(i);
        let point = |k: usize| (k as f64, s.value(k).unwrap_or_default());
        recording.set_role(Role::Series(i));
        let lines = runs(&s.values[..s.values.len().min(periods.len())])
            .into_iter()
            .filter(|run| run.len() > 1)
            .map(|run| {
                PathElement::new(
                    run.into_iter().map(point).collect::<Vec<_>>(),
                    color.stroke_width(2),
                )
            });
        chart.draw_series(lines).expect("recording never fails");
        recording.set_role(Role::Marker(i));
        let present = (0..periods.len()).filter(|&k| s.value(k).is_some());
        match palette::marker(i).outline(MARKER) {
            None => {
                chart.draw_series(present.map(|k| Circle::new(point(k), MARKER, color.filled())))
            }
            Some(outline) => chart.draw_series(present.map(|k| {
                EmptyElement::at(point(k)) + Polygon::new(outline.clone(), color.filled())
            })),
        }
        .expect("recording never fails");
    }
    recording.finish()
}

/// The table: a row per period, a column per series.
pub fn table(locale: Locale, periods: &[String], series: &[Series], x: &Axis, y: &Axis) -> Table {
    Table {
        caption: y.title(locale),
        category: x.title(locale),
        columns: series.iter().map(|s| s.name.clone()).collect(),
        rows: periods
            .iter()
            .enumerate()
            .map(|(k, period)| {
                let cells = series
                    .iter()
                    .map(|s| (value_text(locale, s.value(k)), s.value(k).is_none()))
                    .collect();
                (period.clone(), cells)
            })
            .collect(),
    }
}

/// A trend chart. `periods` are the x categories in order (`2026-07`); each series has
/// a value (or `None`) per period.
#[component]
pub fn TrendChart(
    title: String,
    periods: Vec<String>,
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
        let drawing = draw(
            &periods,
            &series,
            &x_axis.title(locale),
            &y_axis.title(locale),
            range,
        );
        let table = table(locale, &periods, &series, &x_axis, &y_axis);
        let legend = series.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        view! { <ChartFigure kind="trend" title=title.clone() drawing=drawing legend=legend table=table/> }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::backend::ShapeKind;

    #[test]
    fn lines_break_at_missing_values() {
        assert_eq!(
            runs(&[Some(1.0), Some(2.0), None, Some(3.0)]),
            vec![vec![0, 1], vec![3]]
        );
        assert_eq!(runs(&[None, None]), Vec::<Vec<usize>>::new());
        assert_eq!(runs(&[Some(f64::NAN), Some(1.0)]), vec![vec![1]]);
    }

    #[test]
    fn a_gap_splits_the_line_and_keeps_the_lone_point_as_a_marker() {
        let periods: Vec<String> = ["05", "06", "07", "08"].map(String::from).to_vec();
        let agent = Series::new("a", vec![Some(80.0), Some(82.0), None, Some(90.0)]);
        let team = Series::new("t", vec![Some(70.0); 4]);
        let drawing = draw(&periods, &[agent, team], "x", "y", None);
        let lines = |i| {
            drawing
                .shapes
                .iter()
                .filter(|s| {
                    s.role == Role::Series(i) && matches!(s.kind, ShapeKind::Polyline { .. })
                })
                .count()
        };
        let markers = |i| {
            drawing
                .shapes
                .iter()
                .filter(|s| s.role == Role::Marker(i))
                .count()
        };
        assert_eq!(
            (lines(0), markers(0)),
            (1, 3),
            "one line 05-06, markers at 05 06 08"
        );
        assert_eq!((lines(1), markers(1)), (1, 4));
    }

    #[test]
    fn higher_values_are_drawn_higher() {
        let periods: Vec<String> = ["a", "b"].map(String::from).to_vec();
        let drawing = draw(
            &periods,
            &[Series::new("s", vec![Some(10.0), Some(90.0)])],
            "x",
            "y",
            None,
        );
        let line = drawing
            .shapes
            .iter()
            .find_map(|s| match &s.kind {
                ShapeKind::Polyline { points, .. } if s.role == Role::Series(0) => {
                    Some(points.clone())
                }
                _ => None,
            })
            .unwrap();
        assert!(line[0].0 < line[1].0 && line[0].1 > line[1].1, "{line:?}");
    }
}
