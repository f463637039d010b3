//! 360 measures: per role (self, peer, manager) and dimension, the mean of the reviews'
//! ratings on a 0-100 scale.
//!
//! Ratings are put on 0-100 first, `(answer - min) / (max - min) x 100` (on a 1-5 scale:
//! 1 -> 0, 3 -> 50, 5 -> 100), so items on different scales average and the result
//! compares with a 0-100 target. Each review gives one value per dimension (the mean of
//! its rated items there); a rater's value is the mean of their reviews of that agent
//! (a duplicate submission counts once), and a group's value is the mean over raters:
//! every rater weighs the same however many items they answered. The sample is the
//! number of raters (distinct agent-rater pairs in a team row).
//! [`PEER_REVIEW_SCORE`] is the same over every dimension-tagged peer rating.
//!
//! A review names its own period label. It lands in the table's period containing it
//! (a `2026-03` review in `2026-Q1`); a review whose period spans several of the table's
//! periods (a quarter review in a monthly table) cannot be placed and is left out:
//! [`unplaced_reviews`] lists them for the UI.

use std::collections::{BTreeMap, BTreeSet};

use crate::measure::{Measure, MeasureTable};
use crate::period::PeriodKind;

use super::super::appeals::Exclusions;
use super::super::form::{FormTemplate, ItemInput, RaterRole};
use super::super::periods::place_period;
use super::super::response::Review360;
use super::{
    forms_by_id, measure, review360_metric_id, table_from_buckets, Grouping, Tally,
    PEER_REVIEW_SCORE,
};

/// One review's 0-100 scores: per dimension, and over all its dimension-tagged ratings.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ReviewScores {
    pub by_dimension: BTreeMap<String, f64>,
    pub overall: Option<f64>,
}

/// Scores one review against its form (unknown items, text and out-of-range ratings
/// do not count).
pub(crate) fn review_scores(form: &FormTemplate, review: &Review360) -> ReviewScores {
    let mut by_dimension: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    for item in form.items() {
        let (ItemInput::Rating { min, max }, Some(dimension)) = (&item.input, &item.dimension)
        else {
            continue;
        };
        let Some(answer) = review.answers.get(&item.id).and_then(|a| a.number()) else {
            continue;
        };
        let (min, max) = (f64::from(*min), f64::from(*max));
        if max <= min || !(min..=max).contains(&answer) {
            continue;
        }
        let points = (answer - min) / (max - min) * 100.0;
        by_dimension.entry(dimension).or_default().add(points);
        overall.add(points);
    }
    ReviewScores {
        by_dimension: by_dimension
            .into_iter()
            .filter_map(|(dimension, tally)| Some((dimension.to_string(), tally.mean()?)))
            .collect(),
        overall: overall.mean(),
    }
}

/// Ids of reviews whose period cannot be placed in `period` buckets (see the module doc).
pub fn unplaced_reviews(reviews: &[Review360], period: PeriodKind) -> Vec<&str> {
    reviews
        .iter()
        .filter(|review| place_period(period, &review.period).is_none())
        .map(|review| review.id.as_str())
        .collect()
}

/// Per (subject, rater): the tally of that rater's reviews of that subject, so a rater
/// who answered twice counts once (their reviews averaged).
type ByRater = BTreeMap<(String, String), Tally>;

/// The mean over raters of each rater's mean, and the number of raters.
pub(crate) fn mean_over_raters(by_rater: &ByRater) -> (Option<f64>, u32) {
    let mut over = Tally::default();
    for tally in by_rater.values() {
        if let Some(mean) = tally.mean() {
            over.add(mean);
        }
    }
    (over.mean(), over.count)
}

#[derive(Default)]
struct Bucket360 {
    /// (role, dimension) -> per-rater scores.
    dimensions: BTreeMap<(RaterRole, String), ByRater>,
    peer_overall: ByRater,
    /// Raters per role, to count those that gave no value for a column.
    raters: BTreeMap<RaterRole, BTreeSet<(String, String)>>,
    excluded: u32,
}

/// The 360 table: a column `{role}_{dimension}_mean` for every role and dimension with
/// data (roles self, peer, manager; dimensions sorted), then [`PEER_REVIEW_SCORE`].
/// The sample is the number of distinct (agent, rater) pairs; `numerator` is `None`.
pub fn review360_table(
    grouping: &Grouping<'_>,
    forms: &[FormTemplate],
    reviews: &[Review360],
    exclusions: &Exclusions,
) -> MeasureTable {
    let forms = forms_by_id(forms);
    let mut buckets: BTreeMap<(String, String), Bucket360> = BTreeMap::new();
    let mut columns: Vec<(RaterRole, String)> = Vec::new();
    for review in reviews {
        let Some(period) = place_period(grouping.period, &review.period) else {
            continue;
        };
        let bucket = buckets
            .entry((grouping.group_of(&review.subject), period))
            .or_default();
        if exclusions.excludes_review(&review.id) {
            bucket.excluded += 1;
            continue;
        }
        let rater = (review.subject.clone(), review.rater.clone());
        bucket
            .raters
            .entry(review.role)
            .or_default()
            .insert(rater.clone());
        let Some(form) = forms.get(review.form_id.as_str()) else {
            continue;
        };
        let scores = review_scores(form, review);
        for (dimension, score) in scores.by_dimension {
            let column = (review.role, dimension);
            if !columns.contains(&column) {
                columns.push(column.clone());
            }
            let by_rater = bucket.dimensions.entry(column).or_default();
            by_rater.entry(rater.clone()).or_default().add(score);
        }
        if review.role == RaterRole::Peer {
            if let Some(overall) = scores.overall {
                bucket.peer_overall.entry(rater).or_default().add(overall);
            }
        }
    }
    columns.sort();
    let mut metric_ids: Vec<String> = columns
        .iter()
        .map(|(role, dimension)| review360_metric_id(*role, dimension))
        .collect();
    metric_ids.push(PEER_REVIEW_SCORE.to_string());
    table_from_buckets(grouping, metric_ids, &buckets, |b| {
        let rater_measure = |by_rater: Option<&ByRater>, role: RaterRole| -> Measure {
            let (mean, raters) = by_rater.map_or((None, 0), mean_over_raters);
            let all = b.raters.get(&role).map_or(0, |set| set.len() as u32);
            measure(mean, raters, None, all.saturating_sub(raters), b.excluded)
        };
        let mut values: Vec<Measure> = columns
            .iter()
            .map(|column| rater_measure(b.dimensions.get(column), column.0))
            .collect();
        values.push(rater_measure(Some(&b.peer_overall), RaterRole::Peer));
        values
    })
}
