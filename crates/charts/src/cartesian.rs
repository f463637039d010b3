//! The x/y frame the trend, histogram and bar charts share, laid out by plotters'
//! `ChartBuilder` and mesh: axes, round value ticks with light grid lines, tick labels
//! and axis titles with units. Categories (periods, dimensions) sit at x = 0, 1, 2, ….

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, ValueFormatter};
use plotters::prelude::*;

use crate::backend::{text_width_em, Recorder, Recording, Role};
use crate::scale::{label_stride, ticks};

/// Size of the cartesian charts in viewBox units; the SVG scales to its box.
pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 360;
/// Font sizes of tick labels and axis titles, in viewBox units.
pub const LABEL_SIZE: f64 = 13.0;
const TITLE_SIZE: f64 = 14.0;
/// Left label area: room for the rotated axis title and the value labels.
const LEFT: u32 = 64;
const BOTTOM: u32 = 52;
const MARGIN: u32 = 14;

/// The app's text colour (`--text`) and grid colour (`--border`).
pub const INK: RGBColor = RGBColor(0x1c, 0x24, 0x30);
const GRID: RGBColor = RGBColor(0xd9, 0xde, 0xe5);

pub type Frame<'a> = ChartContext<'a, Recorder, Cartesian2d<Ticked, Ticked>>;

/// A linear axis whose ticks are exactly the given values. (plotters' own
/// `with_key_points` wrapper loses the f64 label formatter the mesh needs.)
pub struct Ticked {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        let share = if span == 0.0 {
            0.5
        } else {
            (value - self.range.start) / span
        };
        limit.0 + (share * f64::from(limit.1 - limit.0)).round() as i32
    }

    /// The ticks for the bold grid and labels; no light grid.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

impl ValueFormatter<f64> for Ticked {
    fn format_ext(&self, value: &f64) -> String {
        number_label(*value)
    }
}

pub fn text_style(size: f64) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// What goes on the x axis.
pub enum XAxis<'t> {
    /// Named categories at 0, 1, …; labels thinned out when they would overlap.
    Categories(&'t [String]),
    /// A numeric range with labels at the given positions.
    Numbers { range: (f64, f64), at: Vec<f64> },
}

/// Draws the frame on `root` and returns the chart to draw series on.
pub fn frame<'a>(
    root: &'a DrawingArea<Recorder, plotters::coord::Shift>,
    recording: &Recording,
    x: XAxis<'_>,
    y_range: (f64, f64),
    x_title: &str,
    y_title: &str,
) -> Frame<'a> {
    recording.set_role(Role::Frame);
    let plot_width = f64::from(WIDTH - LEFT - 2 * MARGIN);
    let (x_range, x_points, labels): (_, _, Vec<String>) = match x {
        XAxis::Categories(names) => {
            let widest = names
                .iter()
                .map(|n| text_width_em(n) * LABEL_SIZE)
                .fold(0.0, f64::max);
            let stride = label_stride(names.len(), widest, plot_width);
            let at = (0..names.len()).step_by(stride).map(|i| i as f64).collect();
            let end = names.len().max(1) as f64 - 0.5;
            ((-0.5, end), at, names.to_vec())
        }
        XAxis::Numbers { range, at } => (range, at, Vec::new()),
    };
    let y_points = ticks(y_range.0, y_range.1, 5);
    let mut chart = ChartBuilder::on(root)
        .margin(MARGIN)
        .x_label_area_size(BOTTOM)
        .y_label_area_size(LEFT)
        .build_cartesian_2d(
            Ticked {
                range: x_range.0..x_range.1,
                ticks: x_points,
            },
            Ticked {
                range: y_range.0..y_range.1,
                ticks: y_points,
            },
        )
        .expect("recording never fails");
    let x_label = |v: &f64| {
        if labels.is_empty() {
            number_label(*v)
        } else {
            let i = v.round();
            (i >= 0.0)
                .then(|| labels.get(i as usize).cloned())
                .flatten()
                .unwrap_or_default()
        }
    };
    let y_label = |v: &f64| number_label(*v);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(INK.stroke_width(1))
        .label_style(text_style(LABEL_SIZE))
        .axis_desc_style(text_style(TITLE_SIZE))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_desc(x_title)
        .y_desc(y_title)
        .draw()
        .expect("recording never fails");
    chart
}

/// A tick value without trailing zeros: `80`, `2.5`.
fn number_label(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::ShapeKind;

    fn texts(recording: &Recording) -> Vec<String> {
        recording
            .finish()
            .shapes
            .into_iter()
            .filter_map(|s| match s.kind {
                ShapeKind::Text { text, .. } => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_frame_labels_categories_values_and_both_axes() {
        let recording = Recording::new(WIDTH, HEIGHT);
        let root = recording.backend().into_drawing_area();
        let names = vec!["2026-05".to_string(), "2026-06".into(), "2026-07".into()];
        frame(
            &root,
            &recording,
            XAxis::Categories(&names),
            (0.0, 100.0),
            "Period",
            "Score (points)",
        );
        let texts = texts(&recording);
        for expected in [
            "2026-05",
            "2026-06",
            "2026-07",
            "0",
            "100",
            "Period",
            "Score (points)",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{expected} in {texts:?}"
            );
        }
        assert!(
            !texts.iter().any(|t| t.contains('.')),
            "no fractional ticks: {texts:?}"
        );
    }

    #[test]
    fn crowded_categories_get_every_other_label() {
        let recording = Recording::new(WIDTH, HEIGHT);
        let root = recording.backend().into_drawing_area();
        let names: Vec<String> = (0..30).map(|i| format!("2026-{i:02}")).collect();
        frame(
            &root,
            &recording,
            XAxis::Categories(&names),
            (0.0, 10.0),
            "x",
            "y",
        );
        let texts = texts(&recording);
        let shown = names.iter().filter(|n| texts.contains(n)).count();
        assert!((5..30).contains(&shown), "{shown} of 30 labels");
    }

    #[test]
    fn tick_labels_drop_trailing_zeros() {
        assert_eq!(number_label(80.0), "80");
        assert_eq!(number_label(2.5), "2.5");
        assert_eq!(number_label(-5.0), "-5");
    }
}
