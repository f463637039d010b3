//! QA calibration (校准): several reviewers mark the same conversations with the same
//! rubric, and the report shows where and who disagrees.
//!
//! A *unit* is one (conversation, rubric item). Per unit: the spread of the marks in
//! points (min, max, population SD). Per reviewer: on each unit they marked that someone
//! else marked too, the deviation from the *other* reviewers' mean, in % of the item's
//! points (so a 5-point and a 25-point item weigh alike); the signed mean (negative:
//! harsher than colleagues) and the mean absolute deviation, which flags drift above a
//! threshold. Agreement overall is Krippendorff's alpha over reviewers x units
//! ([`super::alpha`]): interval on the % values, nominal on the raw marks. `"n/a"`, an
//! unmarked item and an invalid mark are missing values.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::alpha::{krippendorff_alpha, AlphaMetric};
use super::form::{FormTemplate, ItemInput};
use super::response::QaReview;

/// Default drift threshold: a reviewer off their colleagues by more than 10% of the
/// item's points on average is flagged.
pub const DEFAULT_DRIFT_THRESHOLD: f64 = 10.0;

/// The spread of the marks on one unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemSpread {
    pub conversation_id: String,
    pub item_id: String,
    /// Reviewers who gave a mark.
    pub marks: u32,
    pub min: f64,
    pub max: f64,
    /// Population standard deviation (divides by the number of marks).
    pub sd: f64,
}

/// How one reviewer compares with the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewerDeviation {
    pub reviewer: String,
    /// Units compared (marked by this reviewer and at least one other).
    pub compared: u32,
    /// Mean of (own mark - others' mean), % of item points; `None` when nothing compared.
    pub mean_deviation: Option<f64>,
    /// Mean of |own mark - others' mean|, % of item points.
    pub mean_abs_deviation: Option<f64>,
    /// `mean_abs_deviation` is above the threshold.
    pub drift: bool,
}

/// The calibration of one rubric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    pub form_id: String,
    /// Reviewers, sorted.
    pub reviewers: Vec<String>,
    /// Units with at least one mark, by conversation then rubric order.
    pub items: Vec<ItemSpread>,
    /// In `reviewers` order.
    pub deviations: Vec<ReviewerDeviation>,
    /// Krippendorff's alpha, interval, on % of item points.
    pub alpha_interval: Option<f64>,
    /// Krippendorff's alpha, nominal, on the raw marks.
    pub alpha_nominal: Option<f64>,
    /// The threshold used for `drift`.
    pub drift_threshold: f64,
}

/// Calibrates the reviews of `form` (reviews of other forms are ignored; when a reviewer
/// marked a conversation twice, the later review in the slice counts).
pub fn calibrate(
    form: &FormTemplate,
    reviews: &[QaReview],
    drift_threshold: f64,
) -> CalibrationReport {
    let reviews: Vec<&QaReview> = reviews.iter().filter(|r| r.form_id == form.id).collect();
    let reviewers: Vec<String> = reviews
        .iter()
        .map(|r| r.reviewer.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let conversations: BTreeSet<&str> =
        reviews.iter().map(|r| r.conversation_id.as_str()).collect();
    let qa_items: Vec<(&str, f64)> = form
        .items()
        .filter_map(|item| match item.input {
            ItemInput::QaCheck { points, .. } => Some((item.id.as_str(), f64::from(points))),
            _ => None,
        })
        .collect();
    // (conversation, reviewer) -> review; later ones replace earlier ones.
    let by_pair: BTreeMap<(&str, &str), &QaReview> = reviews
        .iter()
        .map(|r| ((r.conversation_id.as_str(), r.reviewer.as_str()), *r))
        .collect();

    // marks[reviewer][unit]: the raw mark, None when missing.
    let mut marks: Vec<Vec<Option<f64>>> = vec![Vec::new(); reviewers.len()];
    let mut unit_points: Vec<f64> = Vec::new();
    let mut items = Vec::new();
    for conversation in &conversations {
        for &(item_id, points) in &qa_items {
            let column: Vec<Option<f64>> = reviewers
                .iter()
                .map(|reviewer| {
                    let review = by_pair.get(&(*conversation, reviewer.as_str()))?;
                    let mark = review.answers.get(item_id)?.number()?;
                    (0.0..=points).contains(&mark).then_some(mark)
                })
                .collect();
            let given: Vec<f64> = column.iter().flatten().copied().collect();
            if given.is_empty() {
                continue;
            }
            items.push(spread(conversation, item_id, &given));
            for (row, mark) in marks.iter_mut().zip(column) {
                row.push(mark);
            }
            unit_points.push(points);
        }
    }

    let deviations = reviewers
        .iter()
        .enumerate()
        .map(|(r, reviewer)| deviation(reviewer, r, &marks, &unit_points, drift_threshold))
        .collect();
    let percent: Vec<Vec<Option<f64>>> = marks
        .iter()
        .map(|row| {
            row.iter()
                .zip(&unit_points)
                .map(|(mark, points)| mark.map(|m| m / points * 100.0))
                .collect()
        })
        .collect();
    CalibrationReport {
        form_id: form.id.clone(),
        reviewers,
        items,
        deviations,
        alpha_interval: krippendorff_alpha(&percent, AlphaMetric::Interval),
        alpha_nominal: krippendorff_alpha(&marks, AlphaMetric::Nominal),
        drift_threshold,
    }
}

fn spread(conversation: &str, item_id: &str, given: &[f64]) -> ItemSpread {
    let n = given.len() as f64;
    let mean = given.iter().sum::<f64>() / n;
    let variance = given.iter().map(|m| (m - mean) * (m - mean)).sum::<f64>() / n;
    ItemSpread {
        conversation_id: conversation.to_string(),
        item_id: item_id.to_string(),
        marks: given.len() as u32,
        min: given.iter().copied().fold(f64::INFINITY, f64::min),
        max: given.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        sd: variance.sqrt(),
    }
}

fn deviation(
    reviewer: &str,
    r: usize,
    marks: &[Vec<Option<f64>>],
    unit_points: &[f64],
    threshold: f64,
) -> ReviewerDeviation {
    let mut signed = 0.0;
    let mut absolute = 0.0;
    let mut compared = 0u32;
    for (unit, points) in unit_points.iter().enumerate() {
        let Some(own) = marks[r][unit] else {
            continue;
        };
        let others: Vec<f64> = marks
            .iter()
            .enumerate()
            .filter(|&(other, _)| other != r)
            .filter_map(|(_, row)| row[unit])
            .collect();
        if others.is_empty() {
            continue;
        }
        let others_mean = others.iter().sum::<f64>() / others.len() as f64;
        let d = (own - others_mean) / points * 100.0;
        signed += d;
        absolute += d.abs();
        compared += 1;
    }
    let mean = |sum: f64| (compared > 0).then(|| sum / f64::from(compared));
    let mean_abs_deviation = mean(absolute);
    ReviewerDeviation {
        reviewer: reviewer.to_string(),
        compared,
        mean_deviation: mean(signed),
        mean_abs_deviation,
        drift: mean_abs_deviation.is_some_and(|mad| mad > threshold),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::form::{FormKind, Item, Section};
    use crate::feedback::response::{Answer, Answers};
    use crate::scorecard::Label;

    fn rubric() -> FormTemplate {
        let qa_item = |id: &str| Item {
            id: id.into(),
            label: Label::new(id, id),
            input: ItemInput::QaCheck {
                points: 10,
                critical: false,
                allow_na: true,
            },
            required: true,
            dimension: None,
        };
        FormTemplate {
            id: "rubric".into(),
            kind: FormKind::Qa,
            title: Label::default(),
            sections: vec![Section {
                id: "s".into(),
                title: Label::default(),
                items: vec![qa_item("a"), qa_item("b")],
            }],
        }
    }

    fn review(reviewer: &str, a: Answer, b: Answer) -> QaReview {
        let answers: Answers = [("a".to_string(), a), ("b".to_string(), b)].into();
        QaReview {
            id: format!("qa-{reviewer}"),
            form_id: "rubric".into(),
            conversation_id: "C1".into(),
            agent: "Ann".into(),
            reviewer: reviewer.into(),
            reviewed_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            conversation_on: None,
            answers,
            item_comments: BTreeMap::new(),
            comment: None,
        }
    }

    #[test]
    fn spread_deviation_and_drift_by_hand() {
        use Answer::{Number as N, Text as T};
        let reviews = [
            review("R1", N(10.0), N(8.0)),
            review("R2", N(8.0), N(8.0)),
            review("R3", N(6.0), T("n/a".into())),
        ];
        let report = calibrate(&rubric(), &reviews, 20.0);
        assert_eq!(report.reviewers, ["R1", "R2", "R3"]);
        // Item a: 10, 8, 6 -> mean 8, population SD sqrt(8/3).
        let a = &report.items[0];
        assert_eq!(
            (a.item_id.as_str(), a.marks, a.min, a.max),
            ("a", 3, 6.0, 10.0)
        );
        assert!((a.sd - (8.0f64 / 3.0).sqrt()).abs() < 1e-12);
        // Item b: 8, 8 (R3 n/a) -> SD 0.
        assert_eq!((report.items[1].marks, report.items[1].sd), (2, 0.0));
        // R1: a 10 - mean(8, 6) = +3 points = +30%; b 8 - 8 = 0 -> mean +15, MAD 15.
        let r1 = &report.deviations[0];
        assert_eq!(
            (r1.compared, r1.mean_deviation, r1.mean_abs_deviation),
            (2, Some(15.0), Some(15.0))
        );
        assert!(!r1.drift);
        // R2: a 8 - mean(10, 6) = 0; b 0 -> 0.
        assert_eq!(report.deviations[1].mean_abs_deviation, Some(0.0));
        // R3: a 6 - mean(10, 8) = -3 points = -30%; b n/a -> one unit, MAD 30 > 20: drift.
        let r3 = &report.deviations[2];
        assert_eq!((r3.compared, r3.mean_deviation), (1, Some(-30.0)));
        assert!(r3.drift);
        // Alpha by hand (interval, % values): unit a {100, 80, 60}, unit b {80, 80}.
        // Pair sums: a 2*3*800 = 4800, /(3-1) = 2400; b 0. n = 5, D_o = 480.
        // All five {100,80,60,80,80}: mean 80, squares 800 -> 2*5*800 = 8000 / 20 = 400.
        // alpha = 1 - 480 / 400 = -0.2.
        let alpha = report.alpha_interval.unwrap();
        assert!((alpha + 0.2).abs() < 1e-12, "{alpha}");
        assert!(report.alpha_nominal.is_some());
    }

    #[test]
    fn a_single_reviewer_compares_with_nobody() {
        let reviews = [review("R1", Answer::Number(10.0), Answer::Number(8.0))];
        let report = calibrate(&rubric(), &reviews, DEFAULT_DRIFT_THRESHOLD);
        assert_eq!(report.deviations[0].compared, 0);
        assert_eq!(report.deviations[0].mean_abs_deviation, None);
        assert!(!report.deviations[0].drift);
        assert_eq!(report.alpha_interval, None);
    }
}
