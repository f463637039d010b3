//! The radar: dimension scores (0-100) of one agent against the team average. plotters
//! has no radar, so the polar geometry is computed here and drawn as plain elements in
//! pixel coordinates: rings and spokes, one filled polygon per series, an outline that
//! breaks at an N/A dimension (a gap, not a dip to zero) and a marker per value.

use std::f64::consts::PI;

use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{text_width_em, Drawing, HAlign, Recording, Role, VAlign};
use super::cartesian::{text_style, LABEL_SIZE};
use super::data::{ticks, value_text, Axis, Series};
use super::figure::{ChartFigure, Table};
use super::palette;
use crate::i18n::{translate, use_i18n, Locale};

/// The image is this wide; its height follows the web's radius.
pub const WIDTH: u32 = 560;
/// Room above the web's labels for the value axis title, and at the image's edges.
const TOP: f64 = 28.0;
const EDGE: f64 = 6.0;
/// Gap between the outer ring and a dimension's name.
const LABEL_GAP: f64 = 10.0;
/// Radius limits: never so small the web is unreadable, never taller than a screen.
const MIN_RADIUS: f64 = 60.0;
const MAX_RADIUS: f64 = 150.0;
const GRID: RGBColor = RGBColor(0xc4, 0xcb, 0xd4);
const MARKER: i32 = 4;

/// The point of dimension `index` of `count` at `fraction` of the radius, in unit
/// coordinates with y down: the first dimension points up, the rest follow clockwise.
pub fn polar(index: usize, count: usize, fraction: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * index as f64 / count.max(1) as f64;
    (fraction * angle.cos(), fraction * angle.sin())
}

/// How a label at unit direction (x, y) is anchored so it sits outside the web: left of
/// the spoke on the left side, above it at the top, and so on.
pub fn label_anchor((x, y): (f64, f64)) -> (HAlign, VAlign) {
    let h = if x.abs() < 0.2 {
        HAlign::Middle
    } else if x > 0.0 {
        HAlign::Start
    } else {
        HAlign::End
    };
    let v = if y < -0.5 {
        VAlign::Bottom
    } else if y > 0.5 {
        VAlign::Top
    } else {
        VAlign::Center
    };
    (h, v)
}

fn pos((h, v): (HAlign, VAlign)) -> Pos {
    let h = match h {
        HAlign::Start => HPos::Left,
        HAlign::Middle => HPos::Center,
        HAlign::End => HPos::Right,
    };
    let v = match v {
        VAlign::Top => VPos::Top,
        VAlign::Center => VPos::Center,
        VAlign::Bottom => VPos::Bottom,
    };
    Pos::new(h, v)
}

/// The runs of adjacent present dimensions around the circle, each in drawing order; a
/// run that covers every dimension comes back closed (its first index repeated).
pub fn cyclic_runs(present: &[bool]) -> Vec<Vec<usize>> {
    let n = present.len();
    if n == 0 {
        return Vec::new();
    }
    if present.iter().all(|&p| p) {
        return vec![(0..n).chain([0]).collect()];
    }
    // Start just after a gap so no run is split across the end of the list.
    let start = (0..n).find(|&i| !present[i]).unwrap() + 1;
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for step in 0..n {
        let i = (start + step) % n;
        if present[i] {
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

/// The largest radius at which every dimension's name (`widths` in pixels, one per
/// dimension, in order) still fits across the image beside its spoke. (The height is
/// made to fit afterwards, see [`layout`].)
pub fn fit_radius(widths: &[f64]) -> f64 {
    let half_width = f64::from(WIDTH) / 2.0;
    let n = widths.len();
    let mut radius = MAX_RADIUS;
    for (i, &w) in widths.iter().enumerate() {
        let (x, y) = polar(i, n, 1.0);
        // How far the label reaches beyond its anchor, away from the centre.
        let reach = match label_anchor((x, y)).0 {
            HAlign::Middle => w / 2.0,
            _ => w,
        };
        let room = half_width - EDGE - reach;
        if x.abs() > 1e-9 {
            radius = radius.min(room / x.abs() - LABEL_GAP);
        } else if room < 0.0 {
            radius = MIN_RADIUS;
        }
    }
    radius.max(MIN_RADIUS)
}

/// The web's centre and the image height for a radius: the title, a line of labels
/// above and below the web, and the edges.
pub fn layout(radius: f64) -> ((f64, f64), u32) {
    let label_room = LABEL_GAP + LABEL_SIZE;
    let cy = TOP + label_room + radius;
    let height = cy + radius + label_room + EDGE;
    ((f64::from(WIDTH) / 2.0, cy), height.ceil() as u32)
}

pub fn draw(dimensions: &[String], series: &[Series], value_title: &str, max: f64) -> Drawing {
    let n = dimensions.len();
    let widths: Vec<f64> = dimensions
        .iter()
        .map(|d| text_width_em(d) * LABEL_SIZE)
        .collect();
    let radius = fit_radius(&widths);
    let ((cx, cy), height) = layout(radius);
    let recording = Recording::new(WIDTH, height);
    let root = recording.backend().into_drawing_area();
    let at = |i: usize, fraction: f64| {
        let (x, y) = polar(i, n, fraction);
        (
            (cx + x * radius).round() as i32,
            (cy + y * radius).round() as i32,
        )
    };

    recording.set_role(Role::Grid);
    let rings = ticks(0.0, max, 5);
    for &value in rings.iter().filter(|&&v| v > 0.0) {
        let ring: Vec<_> = (0..=n).map(|i| at(i % n.max(1), value / max)).collect();
        root.draw(&PathElement::new(ring, GRID.stroke_width(1)))
            .expect("recording never fails");
    }
    for i in 0..n {
        root.draw(&PathElement::new(
            vec![at(i, 0.0), at(i, 1.0)],
            GRID.stroke_width(1),
        ))
        .expect("recording never fails");
    }

    recording.set_role(Role::Frame);
    let small = text_style(10.0).pos(Pos::new(HPos::Left, VPos::Center));
    for &value in rings.iter().filter(|&&v| v > 0.0) {
        let (x, y) = at(0, value / max);
        root.draw(&Text::new(format!("{value}"), (x + 4, y), small.clone()))
            .expect("recording never fails");
    }
    for (i, name) in dimensions.iter().enumerate() {
        let style = text_style(LABEL_SIZE).pos(pos(label_anchor(polar(i, n, 1.0))));
        let (x, y) = polar(i, n, 1.0);
        let pos = (
            (cx + x * (radius + LABEL_GAP)).round() as i32,
            (cy + y * (radius + LABEL_GAP)).round() as i32,
        );
        root.draw(&Text::new(name.clone(), pos, style))
            .expect("recording never fails");
    }
    let title_style = text_style(13.0).pos(Pos::new(HPos::Left, VPos::Top));
    root.draw(&Text::new(value_title.to_string(), (8, 8), title_style))
        .expect("recording never fails");

    for (s_index, s) in series.iter().enumerate() {
        let color = palette::color(s_index);
        let value = |i: usize| s.value(i).map(|v| (v / max).clamp(0.0, 1.0));
        let present: Vec<bool> = (0..n).map(|i| value(i).is_some()).collect();
        let vertices: Vec<_> = (0..n).filter_map(|i| value(i).map(|f| at(i, f))).collect();
        if vertices.is_empty() {
            continue;
        }
        recording.set_role(Role::Series(s_index));
        root.draw(&Polygon::new(vertices, color.mix(0.15).filled()))
            .expect("recording never fails");
        for run in cyclic_runs(&present).into_iter().filter(|r| r.len() > 1) {
            let points: Vec<_> = run
                .into_iter()
                .map(|i| at(i, value(i).unwrap_or(0.0)))
                .collect();
            root.draw(&PathElement::new(points, color.stroke_width(2)))
                .expect("recording never fails");
        }
        recording.set_role(Role::Marker(s_index));
        let shape = palette::marker(s_index).outline(MARKER);
        for i in (0..n).filter(|&i| present[i]) {
            let c = at(i, value(i).unwrap_or(0.0));
            match &shape {
                None => root.draw(&Circle::new(c, MARKER, color.filled())),
                Some(outline) => {
                    let moved: Vec<_> = outline.iter().map(|(x, y)| (c.0 + x, c.1 + y)).collect();
                    root.draw(&Polygon::new(moved, color.filled()))
                }
            }
            .expect("recording never fails");
        }
    }
    recording.finish()
}

/// A row per dimension, a column per series.
pub fn table(locale: Locale, dimensions: &[String], series: &[Series], value_axis: &Axis) -> Table {
    Table {
        caption: value_axis.title(locale),
        category: translate(locale, "charts.dimension"),
        columns: series.iter().map(|s| s.name.clone()).collect(),
        rows: dimensions
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let cells = series
                    .iter()
                    .map(|s| (value_text(locale, s.value(i)), s.value(i).is_none()))
                    .collect();
                (name.clone(), cells)
            })
            .collect(),
    }
}

/// A radar of dimension scores: typically two series, the agent and the team average,
/// each with a value (or `None`) per dimension.
#[component]
pub fn RadarChart(
    title: String,
    dimensions: Vec<String>,
    series: Vec<Series>,
    /// What the values are and their unit ("Score", "points").
    value_axis: Axis,
    /// The outer ring's value; 100 by default.
    #[prop(optional)]
    max: Option<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let max = max.filter(|m| *m > 0.0).unwrap_or(100.0);
    move || {
        let locale = i18n.locale();
        let drawing = draw(&dimensions, &series, &value_axis.title(locale), max);
        let table = table(locale, &dimensions, &series, &value_axis);
        let legend = series.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        view! { <ChartFigure kind="radar" title=title.clone() drawing=drawing legend=legend table=table/> }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::backend::ShapeKind;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn the_first_dimension_points_up_and_the_rest_go_clockwise() {
        assert!(close(polar(0, 4, 1.0), (0.0, -1.0)));
        assert!(close(polar(1, 4, 1.0), (1.0, 0.0)));
        assert!(close(polar(2, 4, 0.5), (0.0, 0.5)));
        assert!(close(polar(3, 4, 1.0), (-1.0, 0.0)));
        assert!(close(polar(1, 3, 0.0), (0.0, 0.0)));
    }

    #[test]
    fn labels_are_anchored_away_from_the_centre() {
        assert_eq!(label_anchor((0.0, -1.0)), (HAlign::Middle, VAlign::Bottom));
        assert_eq!(label_anchor((1.0, 0.0)), (HAlign::Start, VAlign::Center));
        assert_eq!(label_anchor((-0.87, 0.5)), (HAlign::End, VAlign::Center));
        assert_eq!(label_anchor((0.0, 1.0)), (HAlign::Middle, VAlign::Top));
    }

    #[test]
    fn the_web_shrinks_so_long_side_labels_fit_and_never_below_the_minimum() {
        assert_eq!(fit_radius(&[40.0; 4]), MAX_RADIUS, "short names: full size");
        let long_side = fit_radius(&[40.0, 160.0, 40.0, 40.0]);
        assert!(long_side < MAX_RADIUS, "{long_side}");
        // The right label ends inside the image.
        assert!(
            f64::from(WIDTH) / 2.0 + long_side + LABEL_GAP + 160.0
                <= f64::from(WIDTH) - EDGE + 1e-9
        );
        // A long name at the top only needs half its width on each side.
        assert_eq!(fit_radius(&[160.0, 40.0, 40.0, 40.0]), MAX_RADIUS);
        assert_eq!(fit_radius(&[2000.0, 40.0, 40.0]), MIN_RADIUS);
        assert_eq!(fit_radius(&[]), MAX_RADIUS);
    }

    #[test]
    fn the_image_is_as_tall_as_the_web_and_its_labels() {
        let ((cx, cy), height) = layout(100.0);
        assert_eq!(cx, f64::from(WIDTH) / 2.0);
        assert!(
            cy - 100.0 - LABEL_GAP - LABEL_SIZE >= TOP,
            "top label under the title"
        );
        assert!(
            cy + 100.0 + LABEL_GAP + LABEL_SIZE <= f64::from(height),
            "bottom label inside"
        );
        assert!(layout(150.0).1 > height);
    }

    #[test]
    fn outlines_break_at_missing_dimensions_and_wrap_around() {
        assert_eq!(cyclic_runs(&[true; 3]), vec![vec![0, 1, 2, 0]]);
        assert_eq!(cyclic_runs(&[true, false, true, true]), vec![vec![2, 3, 0]]);
        assert_eq!(
            cyclic_runs(&[true, false, true, false]),
            vec![vec![2], vec![0]]
        );
        assert_eq!(cyclic_runs(&[false, false]), Vec::<Vec<usize>>::new());
        assert_eq!(cyclic_runs(&[]), Vec::<Vec<usize>>::new());
    }

    #[test]
    fn one_polygon_per_series_and_a_gap_at_na() {
        let dims: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
        let agent = Series::new("agent", vec![Some(80.0), None, Some(60.0), Some(90.0)]);
        let team = Series::new("team", vec![Some(70.0); 4]);
        let drawing = draw(&dims, &[agent, team], "Score (points)", 100.0);
        for j in 0..2 {
            let polygons: Vec<_> = drawing
                .shapes
                .iter()
                .filter(|s| s.role == Role::Series(j))
                .filter_map(|s| match &s.kind {
                    ShapeKind::Polygon { points, .. } => Some(points.len()),
                    _ => None,
                })
                .collect();
            assert_eq!(polygons, [if j == 0 { 3 } else { 4 }], "series {j}");
        }
        let outline_points: Vec<usize> = drawing
            .shapes
            .iter()
            .filter(|s| s.role == Role::Series(0))
            .filter_map(|s| match &s.kind {
                ShapeKind::Polyline { points, .. } => Some(points.len()),
                _ => None,
            })
            .collect();
        assert_eq!(outline_points, [3], "C-D-A, nothing through B");
        let markers = drawing
            .shapes
            .iter()
            .filter(|s| s.role == Role::Marker(0))
            .count();
        assert_eq!(markers, 3);
    }

    #[test]
    fn a_full_score_reaches_the_outer_ring() {
        let dims: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        let drawing = draw(
            &dims,
            &[Series::new("s", vec![Some(100.0), Some(0.0), Some(50.0)])],
            "",
            100.0,
        );
        let polygon = drawing
            .shapes
            .iter()
            .find_map(|s| match &s.kind {
                ShapeKind::Polygon { points, .. } if s.role == Role::Series(0) => {
                    Some(points.clone())
                }
                _ => None,
            })
            .unwrap();
        let (centre, _) = layout(MAX_RADIUS);
        let centre = (centre.0 as i32, centre.1 as i32);
        assert_eq!(polygon[1], centre, "zero sits at the centre");
        assert!(polygon[0].1 < centre.1 - 100, "100 is far up: {polygon:?}");
    }
}
