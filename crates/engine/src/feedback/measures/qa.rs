//! QA measures. A review's score is earned / possible x 100 over the rubric items that
//! were marked (an item marked `"n/a"` is out of both); a critical item that earns less
//! than its full points is a critical failure and makes the review score 0. An item left
//! unmarked, or marked outside 0..=points, is not counted (validation reports it). A
//! review is bucketed by its conversation's date when known, else its review date.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::measure::MeasureTable;

use super::super::appeals::Exclusions;
use super::super::form::{FormTemplate, ItemInput};
use super::super::response::QaReview;
use super::{forms_by_id, measure, table_from_buckets, Grouping, Tally, QA_IDS};

/// One QA review scored against its rubric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QaScore {
    /// Points earned on the counted items (before a critical failure zeroes the score).
    pub earned: f64,
    /// Points of the counted items.
    pub possible: f64,
    /// Ids of the critical items that failed, in rubric order.
    pub critical_failures: Vec<String>,
    /// 0-100; 0 on a critical failure; `None` when no item counted (all n/a).
    pub score: Option<f64>,
}

/// Scores one review against its rubric (the caller matches `review.form_id`).
pub fn qa_review_score(form: &FormTemplate, review: &QaReview) -> QaScore {
    let mut earned = 0.0;
    let mut possible = 0.0;
    let mut critical_failures = Vec::new();
    for item in form.items() {
        let ItemInput::QaCheck {
            points, critical, ..
        } = item.input
        else {
            continue;
        };
        let Some(mark) = review.answers.get(&item.id).and_then(|a| a.number()) else {
            continue;
        };
        let points = f64::from(points);
        if !(0.0..=points).contains(&mark) {
            continue;
        }
        earned += mark;
        possible += points;
        if critical && mark < points {
            critical_failures.push(item.id.clone());
        }
    }
    let score = (possible > 0.0).then(|| {
        if critical_failures.is_empty() {
            100.0 * earned / possible
        } else {
            0.0
        }
    });
    QaScore {
        earned,
        possible,
        critical_failures,
        score,
    }
}

#[derive(Default)]
struct QaBucket {
    scores: Tally,
    critical_failed: u32,
    excluded: u32,
}

/// The QA table: columns [`QA_IDS`]. `qa_score_mean` is the mean of review scores (each
/// review weighs the same), `qa_critical_fail_count` the reviews with a critical failure
/// and `qa_critical_fail_rate` their share; the sample of all three is the scored reviews.
pub fn qa_table(
    grouping: &Grouping<'_>,
    forms: &[FormTemplate],
    reviews: &[QaReview],
    exclusions: &Exclusions,
) -> MeasureTable {
    let forms = forms_by_id(forms);
    let mut buckets: BTreeMap<(String, String), QaBucket> = BTreeMap::new();
    for review in reviews {
        let key = (
            grouping.group_of(&review.agent),
            grouping.period.label_of(review.period_date()),
        );
        let bucket = buckets.entry(key).or_default();
        if exclusions.excludes_qa_review(review) {
            bucket.excluded += 1;
            continue;
        }
        let scored = forms
            .get(review.form_id.as_str())
            .map(|form| qa_review_score(form, review));
        match scored {
            Some(QaScore {
                score: Some(score),
                critical_failures,
                ..
            }) => {
                bucket.scores.add(score);
                bucket.critical_failed += u32::from(!critical_failures.is_empty());
            }
            _ => bucket.scores.missing += 1,
        }
    }
    let metric_ids = QA_IDS.iter().map(|id| id.to_string()).collect();
    table_from_buckets(grouping, metric_ids, &buckets, |b| {
        let n = b.scores.count;
        let failed = f64::from(b.critical_failed);
        let (missing, excluded) = (b.scores.missing, b.excluded);
        vec![
            measure(b.scores.mean(), n, Some(b.scores.sum), missing, excluded),
            measure(Some(failed), n, Some(failed), missing, excluded),
            measure(
                Some(failed / f64::from(n.max(1))),
                n,
                Some(failed),
                missing,
                excluded,
            ),
        ]
    })
}
