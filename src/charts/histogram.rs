//! The distribution of total scores: how many agents scored 0-10, 10-20, … 90-100.
//! Agents without a score (N/A) are in no bin; the table counts them on their own row.

use leptos::prelude::*;
use plotters::prelude::*;

use super::backend::{Drawing, Recording, Role};
use super::cartesian::{frame, XAxis, HEIGHT, INK, WIDTH};
use super::data::{nice_ceiling, Axis};
use super::figure::{ChartFigure, Table};
use super::palette;
use super::svg::KeyKind;
use crate::i18n::{translate, use_i18n, Locale};

/// Bin width in points; ten bins cover 0-100.
pub const BIN: f64 = 10.0;
pub const BINS: usize = 10;

/// Agents per bin, and how many had no score. 100 goes in the last bin; values outside
/// 0-100 go in the nearest end bin.
pub fn bin_counts(scores: &[Option<f64>]) -> ([usize; BINS], usize) {
    let mut counts = [0; BINS];
    let mut missing = 0;
    for score in scores {
        match score.filter(|s| s.is_finite()) {
            Some(s) => {
                let bin = (s / BIN).floor().clamp(0.0, (BINS - 1) as f64) as usize;
                counts[bin] += 1;
            }
            None => missing += 1,
        }
    }
    (counts, missing)
}

/// "0–10" … "90–100".
pub fn bin_label(bin: usize) -> String {
    let lo = bin as f64 * BIN;
    format!("{}–{}", lo, lo + BIN)
}

pub fn draw(counts: &[usize; BINS], x_title: &str, y_title: &str) -> Drawing {
    let recording = Recording::new(WIDTH, HEIGHT);
    let root = recording.backend().into_drawing_area();
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let top = if top <= 5.0 {
        top.max(1.0).ceil()
    } else {
        nice_ceiling(top)
    };
    let x = XAxis::Numbers {
        range: (0.0, 100.0),
        at: (0..=BINS).map(|b| b as f64 * BIN).collect(),
    };
    let mut chart = frame(&root, &recording, x, (0.0, top), x_title, y_title);
    recording.set_role(Role::Series(0));
    let bars = counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(b, &n)| {
            let lo = b as f64 * BIN;
            Rectangle::new(
                [(lo + 0.4, 0.0), (lo + BIN - 0.4, n as f64)],
                palette::color(0).filled(),
            )
        });
    chart.draw_series(bars).expect("recording never fails");
    // The count above each bar: exact numbers without the table.
    recording.set_role(Role::Marker(0));
    let style = TextStyle::from(("sans-serif", 12.0).into_font())
        .color(&INK)
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Bottom,
        ));
    let labels = counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(b, &n)| {
            Text::new(
                n.to_string(),
                (b as f64 * BIN + BIN / 2.0, n as f64),
                style.clone(),
            )
        });
    chart.draw_series(labels).expect("recording never fails");
    recording.finish()
}

/// A row per bin with its count, and an N/A row when some agents had no score.
pub fn table(locale: Locale, counts: &[usize; BINS], missing: usize, x: &Axis, y: &Axis) -> Table {
    let mut rows: Vec<(String, Vec<(String, bool)>)> = counts
        .iter()
        .enumerate()
        .map(|(b, n)| (bin_label(b), vec![(n.to_string(), false)]))
        .collect();
    if missing > 0 {
        rows.push((
            translate(locale, "charts.na"),
            vec![(missing.to_string(), false)],
        ));
    }
    Table {
        caption: y.title(locale),
        category: x.title(locale),
        columns: vec![y.name.clone()],
        rows,
    }
}

/// How a group's total scores (0-100) spread, in bins of ten points.
#[component]
pub fn HistogramChart(title: String, scores: Vec<Option<f64>>) -> impl IntoView {
    let i18n = use_i18n();
    let (counts, missing) = bin_counts(&scores);
    move || {
        let locale = i18n.locale();
        let x = Axis::new(i18n.t("charts.score"), Some(i18n.t("charts.unit_points")));
        let y = Axis::new(i18n.t("charts.agents"), Some(i18n.t("charts.unit_people")));
        let drawing = draw(&counts, &x.title(locale), &y.title(locale));
        let table = table(locale, &counts, missing, &x, &y);
        view! {
            <ChartFigure kind="histogram" title=title.clone() drawing=drawing key=KeyKind::Bar table=table/>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::backend::ShapeKind;

    #[test]
    fn scores_fall_in_bins_of_ten_with_100_in_the_last() {
        let scores = [
            Some(0.0),
            Some(9.99),
            Some(10.0),
            Some(55.5),
            Some(100.0),
            Some(95.0),
            None,
            Some(f64::NAN),
        ];
        let (counts, missing) = bin_counts(&scores);
        assert_eq!(counts, [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
        assert_eq!(missing, 2);
        let (counts, _) = bin_counts(&[Some(-3.0), Some(104.0)]);
        assert_eq!((counts[0], counts[9]), (1, 1));
    }

    #[test]
    fn bins_are_labelled_by_their_range() {
        assert_eq!(bin_label(0), "0–10");
        assert_eq!(bin_label(9), "90–100");
    }

    #[test]
    fn one_bar_and_one_count_label_per_non_empty_bin() {
        let (counts, _) = bin_counts(&[Some(12.0), Some(15.0), Some(88.0)]);
        let drawing = draw(&counts, "Score (points)", "Agents");
        let bars = drawing
            .shapes
            .iter()
            .filter(|s| {
                s.role == Role::Series(0) && matches!(s.kind, ShapeKind::Rect { fill: true, .. })
            })
            .count();
        assert_eq!(bars, 2);
        let texts = |role: Role| -> Vec<&str> {
            drawing
                .shapes
                .iter()
                .filter(|s| s.role == role)
                .filter_map(|s| match &s.kind {
                    ShapeKind::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect()
        };
        let frame = texts(Role::Frame);
        assert!(
            frame.contains(&"Agents") && frame.contains(&"Score (points)"),
            "{frame:?}"
        );
        assert_eq!(texts(Role::Marker(0)), ["2", "1"]);
    }

    #[test]
    fn the_table_has_a_row_per_bin_and_counts_na_apart() {
        let (counts, missing) = bin_counts(&[Some(12.0), None]);
        let x = Axis::new("Score", None);
        let y = Axis::new("Agents", None);
        let t = table(Locale::En, &counts, missing, &x, &y);
        assert_eq!(t.rows.len(), BINS + 1);
        assert_eq!(t.rows[1].1[0].0, "1");
        assert_eq!(t.rows[BINS].0, "N/A");
        assert_eq!(t.rows[BINS].1[0].0, "1");
    }
}
