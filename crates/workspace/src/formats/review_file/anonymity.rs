//! Peer anonymity in review files, a rule of the workspace and not of any screen: no file
//! lets its recipient learn who reviewed a colleague as a peer, nor read one peer's answers
//! where fewer than `k` distinct peers answered for that subject and period.
//!
//! - A peer review is written without its rater, under a pseudonym (`peer-1`, `peer-2`,
//!   ...) numbered per subject and period in the order of the peers' first review ids
//!   (compared with their numbers as numbers: `r360-9` before `r360-10`). The order of ids
//!   is the order reviews were filled in, not anything about the raters, so the numbers
//!   cannot be recomputed from a list of names the way a hash of a name could; a later
//!   review gets a later number, so earlier pseudonyms stay put and merges of two exports
//!   see the same review under the same pseudonym.
//! - The peer reviews of a subject and period from fewer than `k` distinct peers (not
//!   counting reviews taken out by accepted appeals, as scoring does) are left out of the
//!   file entirely, with the appeals on them. Their figures are withheld everywhere below
//!   `k` anyway, so the recipient's scores do not change.
//! - `k` is the workspace's `anonymity_k`, never below the engine's
//!   [`MIN_PEER_THRESHOLD`]. Self and manager reviews keep their rater.
//!
//! Reading checks the same rule (a file with a smaller peer group is refused), so a file
//! CareScore would never write cannot slip peers' answers in.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use carescore_engine::feedback::anonymity::MIN_PEER_THRESHOLD;
use carescore_engine::feedback::{excluded_by_appeals, AppealTarget, RaterRole, Review360};

use crate::feedback::FeedbackStore;

use super::slices::{FeedbackSection, ReviewEntry};

/// The `k` in force for a stored threshold.
pub fn threshold(anonymity_k: u32) -> u32 {
    anonymity_k.max(MIN_PEER_THRESHOLD)
}

/// A review id's sort key with its trailing number compared as a number.
fn natural(id: &str) -> (&str, u64, &str) {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = id.split_at(id.len() - digits);
    (prefix, number.parse().unwrap_or(0), id)
}

/// Subject and period of a peer review.
type Group<'a> = (&'a str, &'a str);

/// Peer groups with at least `k` distinct peers once accepted appeals are applied.
fn groups_shown<'a>(
    reviews: impl Iterator<Item = (&'a str, Group<'a>, &'a str)>,
    excluded: impl Fn(&str) -> bool,
    k: u32,
) -> (BTreeSet<Group<'a>>, BTreeMap<Group<'a>, usize>) {
    let mut peers: BTreeMap<Group<'a>, BTreeSet<&'a str>> = BTreeMap::new();
    for (id, group, rater) in reviews {
        let counted = peers.entry(group).or_default();
        if !excluded(id) {
            counted.insert(rater);
        }
    }
    let small = peers
        .iter()
        .filter(|(_, raters)| (raters.len() as u32) < k)
        .map(|(group, raters)| (*group, raters.len()))
        .collect();
    let shown = peers
        .into_iter()
        .filter(|(_, raters)| raters.len() as u32 >= k)
        .map(|(group, _)| group)
        .collect();
    (shown, small)
}

/// What a file carries of `store` (unsorted): every survey and QA review, self and manager
/// reviews with their rater, peer reviews of groups of at least `k` peers under pseudonyms,
/// and the appeals on anything written.
pub(crate) fn written(store: &FeedbackStore) -> FeedbackSection {
    let k = threshold(store.anonymity_k);
    let exclusions = excluded_by_appeals(&store.appeals);
    let mut peers: Vec<&Review360> = store
        .reviews360
        .iter()
        .filter(|r| r.role == RaterRole::Peer)
        .collect();
    peers.sort_by(|a, b| natural(&a.id).cmp(&natural(&b.id)));
    let (shown, _) = groups_shown(
        peers.iter().map(|r| {
            (
                r.id.as_str(),
                (r.subject.as_str(), r.period.as_str()),
                r.rater.as_str(),
            )
        }),
        |id| exclusions.excludes_review(id),
        k,
    );
    let mut pseudonyms: HashMap<(&str, &str, &str), String> = HashMap::new();
    let mut numbered: HashMap<Group, usize> = HashMap::new();
    for review in &peers {
        let group = (review.subject.as_str(), review.period.as_str());
        if shown.contains(&group) {
            let key = (group.0, group.1, review.rater.as_str());
            pseudonyms.entry(key).or_insert_with(|| {
                let n = numbered.entry(group).or_default();
                *n += 1;
                format!("peer-{n}")
            });
        }
    }
    let reviews360: Vec<ReviewEntry> = store
        .reviews360
        .iter()
        .filter_map(|review| match review.role {
            RaterRole::Peer => {
                let key = (
                    review.subject.as_str(),
                    review.period.as_str(),
                    review.rater.as_str(),
                );
                let pseudonym = pseudonyms.get(&key)?;
                Some(ReviewEntry::of(review, Some(pseudonym.clone())))
            }
            _ => Some(ReviewEntry::of(review, None)),
        })
        .collect();
    let left_out: BTreeSet<&str> = store
        .reviews360
        .iter()
        .filter(|r| r.role == RaterRole::Peer)
        .map(|r| r.id.as_str())
        .filter(|id| !reviews360.iter().any(|w| w.id == *id))
        .collect();
    let appeals = store
        .appeals
        .iter()
        .filter(|appeal| match appeal.target() {
            AppealTarget::Review { id } => !left_out.contains(id.as_str()),
            AppealTarget::Record { .. } => true,
        })
        .cloned()
        .collect();
    FeedbackSection {
        surveys: store.surveys.clone(),
        qa_reviews: store.qa_reviews.clone(),
        reviews360,
        anonymity_k: store.anonymity_k,
        appeals,
    }
}

/// The first peer group of a file below `k`, as (subject, period, distinct peers).
pub(crate) fn first_small_group(section: &FeedbackSection) -> Option<(String, String, usize)> {
    let exclusions = excluded_by_appeals(&section.appeals);
    let (_, small) = groups_shown(
        section
            .reviews360
            .iter()
            .filter(|r| r.role == RaterRole::Peer)
            .map(|r| {
                let peer = r.peer.as_deref().unwrap_or_default();
                (r.id.as_str(), (r.subject.as_str(), r.period.as_str()), peer)
            }),
        |id| exclusions.excludes_review(id),
        threshold(section.anonymity_k),
    );
    small
        .into_iter()
        .next()
        .map(|((subject, period), peers)| (subject.to_string(), period.to_string(), peers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_with_their_numbers_as_numbers() {
        let mut ids = ["r360-10", "r360-9", "r360-1", "x", "r360-02"];
        ids.sort_by(|a, b| natural(a).cmp(&natural(b)));
        assert_eq!(ids, ["r360-1", "r360-02", "r360-9", "r360-10", "x"]);
        assert_eq!(threshold(1), 2);
        assert_eq!(threshold(4), 4);
    }
}
