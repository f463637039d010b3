//! The rule on tables grouped by agent, team and centre, and on the saved-review list.

use std::collections::BTreeMap;

use super::*;
use crate::feedback::builtin;
use crate::feedback::measures::PEER_REVIEW_SCORE;
use crate::feedback::response::{Answer, Answers};
use crate::period::PeriodKind;

fn review(id: &str, subject: &str, rater: &str, role: RaterRole, rating: f64) -> Review360 {
    let form = builtin::review360(role);
    let answers: Answers = form
        .items()
        .filter(|item| item.dimension.is_some())
        .map(|item| (item.id.clone(), Answer::Number(rating)))
        .collect();
    Review360 {
        id: id.into(),
        form_id: form.id.clone(),
        subject: subject.into(),
        rater: rater.into(),
        role,
        period: "2026-03".into(),
        answers,
        comment: None,
    }
}

fn peer(id: &str, subject: &str, rater: &str, rating: f64) -> Review360 {
    review(id, subject, rater, RaterRole::Peer, rating)
}

fn roster() -> BTreeMap<String, String> {
    [("Ann", "North"), ("Bo", "North"), ("Cy", "South")]
        .into_iter()
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .collect()
}

/// The peer review score of `group` in a table grouped by `by`, the rule applied.
fn shown(by: GroupBy, reviews: &[Review360], group: &str) -> Option<f64> {
    let roster = roster();
    let grouping = Grouping {
        by,
        period: PeriodKind::Month,
        roster: &roster,
    };
    let forms = builtin::all();
    let none = Exclusions::none();
    let mut table = review360_table(&grouping, &forms, reviews, &none);
    withhold_peer_figures(&mut table, &grouping, &forms, reviews, &none, 3);
    let column = table.column(PEER_REVIEW_SCORE).unwrap();
    table.row(group, "2026-03")?.values[column].value
}

#[test]
fn one_peer_reviewing_three_teammates_shows_no_team_mean() {
    let reviews = vec![
        peer("r1", "Ann", "Zed", 5.0),
        peer("r2", "Bo", "Zed", 5.0),
        peer("r3", "Cy", "Zed", 5.0),
    ];
    // Three (agent, rater) pairs in North and in the centre, but one rater per agent.
    assert_eq!(shown(GroupBy::Team, &reviews, "North"), None);
    assert_eq!(shown(GroupBy::All, &reviews, "all"), None);
    assert_eq!(shown(GroupBy::Agent, &reviews, "Ann"), None);
}

#[test]
fn a_group_with_a_hidden_agent_hides_so_subtraction_finds_nothing() {
    let mut reviews = vec![
        peer("r1", "Ann", "Bo", 5.0),
        peer("r2", "Ann", "Cy", 5.0),
        peer("r3", "Ann", "Di", 5.0),
        // Bo's only peer: his mean would be North x 4 - Ann x 3.
        peer("r4", "Bo", "Ann", 1.0),
    ];
    assert_eq!(shown(GroupBy::Agent, &reviews, "Ann"), Some(100.0));
    assert_eq!(shown(GroupBy::Agent, &reviews, "Bo"), None);
    assert_eq!(shown(GroupBy::Team, &reviews, "North"), None);
    assert_eq!(shown(GroupBy::All, &reviews, "all"), None);
    // Cy, in the other team, reaching k does not reveal North.
    for (i, rater) in ["Ann", "Bo", "Di"].into_iter().enumerate() {
        reviews.push(peer(&format!("c{i}"), "Cy", rater, 5.0));
    }
    assert_eq!(shown(GroupBy::Team, &reviews, "South"), Some(100.0));
    assert_eq!(shown(GroupBy::Team, &reviews, "North"), None);
    // Bo reaching k shows North and the centre.
    reviews.push(peer("r5", "Bo", "Cy", 1.0));
    reviews.push(peer("r6", "Bo", "Di", 1.0));
    assert_eq!(shown(GroupBy::Agent, &reviews, "Bo"), Some(0.0));
    assert_eq!(shown(GroupBy::Team, &reviews, "North"), Some(50.0));
    assert!(shown(GroupBy::All, &reviews, "all").is_some());
}

#[test]
fn the_rule_counts_figures_of_zero_raters_as_nothing_to_hide() {
    assert!(subject_shown([0, 3, 4], 3));
    assert!(!subject_shown([3, 2], 3));
    // k = 1 is raised to 2: one peer is never anonymous.
    assert!(!subject_shown([1], 1));
}

#[test]
fn the_list_counts_peers_below_k_and_never_rates_them() {
    let forms = builtin::all();
    let none = Exclusions::none();
    let mut reviews = vec![
        peer("r1", "Ann", "Bo", 5.0),
        review("m1", "Ann", "Mo", RaterRole::Manager, 4.0),
        peer("r2", "Ann", "Cy", 1.0),
    ];
    let listed = list_reviews360(&forms, &reviews, &none, 3);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(
        listed[0],
        Listed360::PeersWithheld {
            subject: "Ann",
            period: "2026-03",
            reviews: 2
        }
    );
    assert!(matches!(
        listed[1],
        Listed360::Review { review, rating_mean: Some(m) } if review.id == "m1" && m == 4.0
    ));
    // A third peer reaches k: each review lists.
    reviews.push(peer("r3", "Ann", "Di", 3.0));
    let listed = list_reviews360(&forms, &reviews, &none, 3);
    assert_eq!(listed.len(), 4);
    assert!(listed
        .iter()
        .all(|line| matches!(line, Listed360::Review { .. })));
    // An accepted appeal takes one away: withheld again, the appealed one counted.
    let mut appealed = Exclusions::none();
    appealed.review_ids.insert("r3".into());
    let listed = list_reviews360(&forms, &reviews, &appealed, 3);
    assert!(listed.contains(&Listed360::PeersWithheld {
        subject: "Ann",
        period: "2026-03",
        reviews: 3
    }));
}
