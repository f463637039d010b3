//! The one rule deciding which peer (360) figures may be shown, for every table (agent,
//! team, centre), the agent card's [`super::PeerSummary`] and the list of saved reviews.
//!
//! **Rule.** A *subject* (the agent reviewed) in a period is *shown* when every peer
//! figure of theirs rests on 0 or at least `k` distinct peers (`k` never below
//! [`MIN_PEER_THRESHOLD`]); a rater reviewing several agents counts once per agent, never
//! once per (agent, rater) pair across a team. A group's peer figure (agent, team or
//! centre, one period) is shown only when **every** subject with peer reviews inside it
//! is shown; otherwise each peer column of that row is N/A.
//!
//! **Why subtraction recovers nothing.** A group's peer figure is a weighted mean of its
//! subjects' per-rater means. If it is shown, every subject inside it is shown too, so
//! every term of that mean is already visible: no hidden subject's figure is part of any
//! shown figure, and no difference or combination of shown figures (a team minus its
//! visible agents, the centre minus its teams) can isolate one.

use std::collections::{BTreeMap, BTreeSet};

use crate::measure::MeasureTable;
use crate::metrics::GroupBy;

use super::anonymity::MIN_PEER_THRESHOLD;
use super::appeals::Exclusions;
use super::form::{FormTemplate, ItemInput, RaterRole};
use super::measures::{review360_table, Grouping};
use super::response::Review360;

/// The rule for one subject: `raters` holds the distinct peers behind each of their peer
/// figures; all must be 0 or at least `k`.
pub fn subject_shown(raters: impl IntoIterator<Item = u32>, k: u32) -> bool {
    let k = k.max(MIN_PEER_THRESHOLD);
    raters.into_iter().all(|n| n == 0 || n >= k)
}

fn is_peer_column(metric_id: &str) -> bool {
    metric_id
        .strip_prefix(RaterRole::Peer.as_str())
        .is_some_and(|rest| rest.starts_with('_'))
}

/// (subject, period) pairs whose peer figures are hidden, with the table's period buckets.
fn hidden_subjects(
    grouping: &Grouping<'_>,
    forms: &[FormTemplate],
    reviews: &[Review360],
    exclusions: &Exclusions,
    k: u32,
) -> Vec<(String, String)> {
    let by_agent = Grouping {
        by: GroupBy::Agent,
        ..*grouping
    };
    let table = review360_table(&by_agent, forms, reviews, exclusions);
    let peer_columns: Vec<usize> = peer_columns(&table);
    table
        .rows
        .iter()
        .filter(|row| !subject_shown(peer_columns.iter().map(|&c| row.values[c].sample), k))
        .map(|row| (row.group.clone(), row.period.clone()))
        .collect()
}

fn peer_columns(table: &MeasureTable) -> Vec<usize> {
    let columns = table.metric_ids.iter().enumerate();
    columns
        .filter(|(_, id)| is_peer_column(id))
        .map(|(i, _)| i)
        .collect()
}

/// Applies the rule to a table grouped by `grouping` (its rows named as
/// [`Grouping::group_of`] names them): every peer column of a row holding a hidden
/// subject becomes N/A (value and numerator; the sample stays, it names no one). The
/// reviews, exclusions and `k` must be those the table was computed from.
pub fn withhold_peer_figures(
    table: &mut MeasureTable,
    grouping: &Grouping<'_>,
    forms: &[FormTemplate],
    reviews: &[Review360],
    exclusions: &Exclusions,
    k: u32,
) {
    let hidden: BTreeSet<(String, String)> =
        hidden_subjects(grouping, forms, reviews, exclusions, k)
            .into_iter()
            .map(|(subject, period)| (grouping.group_of(&subject), period))
            .collect();
    let columns = peer_columns(table);
    for row in &mut table.rows {
        if !hidden.contains(&(row.group.clone(), row.period.clone())) {
            continue;
        }
        for &column in &columns {
            if let Some(measure) = row.values.get_mut(column) {
                measure.value = None;
                measure.numerator = None;
            }
        }
    }
}

/// One line of the list of saved 360 reviews.
#[derive(Clone, Debug, PartialEq)]
pub enum Listed360<'a> {
    /// A self, manager or shown peer review, with its rating mean (see [`rating_mean`]).
    Review {
        review: &'a Review360,
        rating_mean: Option<f64>,
    },
    /// The peer reviews of a hidden subject and period label: a count, no rater, no
    /// rating, no id.
    PeersWithheld {
        subject: &'a str,
        period: &'a str,
        reviews: usize,
    },
}

/// The saved 360 reviews as they may be listed, in their order; a hidden subject's peer
/// reviews of one period label collapse into one [`Listed360::PeersWithheld`] where the
/// first of them stood. Hidden or shown is what [`super::PeerSummary`] decides for that
/// subject and label, so the list never shows what the agent card withholds.
pub fn list_reviews360<'a>(
    forms: &[FormTemplate],
    reviews: &'a [Review360],
    exclusions: &Exclusions,
    k: u32,
) -> Vec<Listed360<'a>> {
    // Per (subject, period label): None when shown, else the peer reviews to count.
    let mut decided: BTreeMap<(&str, &str), Option<usize>> = BTreeMap::new();
    for review in reviews.iter().filter(|r| r.role == RaterRole::Peer) {
        let key = (review.subject.as_str(), review.period.as_str());
        let count = decided.entry(key).or_insert_with(|| {
            let summary =
                super::PeerSummary::from_reviews(key.0, key.1, forms, reviews, exclusions, k);
            (!summary.figures_shown()).then_some(0)
        });
        if let Some(count) = count {
            *count += 1;
        }
    }
    let withheld: BTreeMap<(&str, &str), usize> = decided
        .into_iter()
        .filter_map(|(key, count)| Some((key, count?)))
        .collect();
    let mut listed = Vec::new();
    let mut placed: BTreeSet<(&str, &str)> = BTreeSet::new();
    for review in reviews {
        let key = (review.subject.as_str(), review.period.as_str());
        match withheld.get(&key) {
            Some(&count) if review.role == RaterRole::Peer => {
                if placed.insert(key) {
                    listed.push(Listed360::PeersWithheld {
                        subject: key.0,
                        period: key.1,
                        reviews: count,
                    });
                }
            }
            _ => listed.push(Listed360::Review {
                review,
                rating_mean: rating_mean(forms, review),
            }),
        }
    }
    listed
}

/// The mean of a 360 review's ratings, on their own scale (1-5 on the built-in forms).
pub fn rating_mean(forms: &[FormTemplate], review: &Review360) -> Option<f64> {
    let form = forms.iter().find(|f| f.id == review.form_id)?;
    let ratings: Vec<f64> = form
        .items()
        .filter(|item| matches!(item.input, ItemInput::Rating { .. }))
        .filter_map(|item| review.answers.get(&item.id)?.number())
        .collect();
    (!ratings.is_empty()).then(|| ratings.iter().sum::<f64>() / ratings.len() as f64)
}

#[cfg(test)]
mod tests;
