//! Peer anonymity in 360 reviews: what a subject, their manager, or an exported review
//! file may see of the peer reviews about one agent in one period.
//!
//! A [`PeerSummary`] holds aggregates only: per-dimension peer means (0-100, computed as
//! the 360 measures are), the number of distinct peers, and the peers' comments **only
//! when at least `k` distinct peers answered** (default [`DEFAULT_PEER_THRESHOLD`]).
//! Below `k` the comments are withheld and the summary says how many more peers are
//! needed. It keeps no rater names, review ids or single answers, and its fields are
//! private, so no code path reaches a raw peer answer through it; the comments it shows
//! are sorted alphabetically, so their order does not tell who wrote them. Reading one
//! back from a file re-checks the rule.
//!
//! The means follow [`super::peer_rule`], the rule every peer figure follows: they are
//! withheld (no dimension, no overall) unless each rests on 0 or at least `k` distinct
//! peers, so the summary never shows what the tables withhold.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::appeals::Exclusions;
use super::form::{FormTemplate, ItemInput, RaterRole};
use super::measures::{mean_over_raters, review_scores, Tally};
use super::response::Review360;

/// Distinct peers needed before peer comments are shown.
pub const DEFAULT_PEER_THRESHOLD: u32 = 3;
/// The lowest threshold accepted: a single peer's comment is never anonymous.
pub const MIN_PEER_THRESHOLD: u32 = 2;

/// A peer mean for one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerMean {
    /// 0-100 (see [`super::measures::review360_table`]).
    pub mean: f64,
    /// Distinct peers behind it.
    pub peers: u32,
}

/// The peers' comments, or why they are withheld. JSON: `{"state": "shown", "comments":
/// [...]}` or `{"state": "withheld", "more_peers_needed": 2}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum PeerComments {
    Shown { comments: Vec<String> },
    Withheld { more_peers_needed: u32 },
}

/// Aggregated peer results for one agent and period; see the module documentation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PeerSummaryFile")]
pub struct PeerSummary {
    subject: String,
    period: String,
    threshold: u32,
    peers: u32,
    dimensions: BTreeMap<String, PeerMean>,
    overall: Option<f64>,
    figures_withheld: bool,
    comments: PeerComments,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeerSummaryFile {
    subject: String,
    period: String,
    threshold: u32,
    peers: u32,
    dimensions: BTreeMap<String, PeerMean>,
    overall: Option<f64>,
    figures_withheld: bool,
    comments: PeerComments,
}

impl TryFrom<PeerSummaryFile> for PeerSummary {
    type Error = String;

    fn try_from(file: PeerSummaryFile) -> Result<PeerSummary, String> {
        let who = format!("peer summary of `{}` for {}", file.subject, file.period);
        if file.threshold < MIN_PEER_THRESHOLD {
            return Err(format!(
                "{who}: the anonymity threshold must be at least {MIN_PEER_THRESHOLD}"
            ));
        }
        let expected_withheld = file.peers < file.threshold;
        let counts = file.dimensions.values().map(|mean| mean.peers);
        let hidden = !super::peer_rule::subject_shown(counts, file.threshold);
        let figures = !file.dimensions.is_empty() || file.overall.is_some();
        if figures && (file.figures_withheld || expected_withheld || hidden) {
            return Err(format!(
                "{who}: peer means cannot be shown when {} peer(s) answered ({} needed each)",
                file.peers, file.threshold
            ));
        }
        match &file.comments {
            PeerComments::Shown { .. } if expected_withheld => {
                return Err(format!(
                    "{who}: comments cannot be shown when {} peer(s) answered ({} needed)",
                    file.peers, file.threshold
                ));
            }
            PeerComments::Withheld { more_peers_needed }
                if *more_peers_needed != file.threshold.saturating_sub(file.peers) =>
            {
                return Err(format!(
                    "{who}: `more_peers_needed` does not match the counts"
                ));
            }
            _ => {}
        }
        Ok(PeerSummary {
            subject: file.subject,
            period: file.period,
            threshold: file.threshold,
            peers: file.peers,
            dimensions: file.dimensions,
            overall: file.overall,
            figures_withheld: file.figures_withheld,
            comments: file.comments,
        })
    }
}

impl PeerSummary {
    /// Summarises the peer reviews of `subject` for the period label `period` (exactly as
    /// the reviews name it). Other subjects, periods and roles, and reviews excluded by
    /// an accepted appeal, are ignored. `threshold` below [`MIN_PEER_THRESHOLD`] is raised
    /// to it. Comments are the reviews' `comment` and their free-text answers.
    pub fn from_reviews(
        subject: &str,
        period: &str,
        forms: &[FormTemplate],
        reviews: &[Review360],
        exclusions: &Exclusions,
        threshold: u32,
    ) -> PeerSummary {
        let threshold = threshold.max(MIN_PEER_THRESHOLD);
        let mut peers: BTreeSet<&str> = BTreeSet::new();
        let mut dimensions: BTreeMap<String, BTreeMap<(String, String), Tally>> = BTreeMap::new();
        let mut overall: BTreeMap<(String, String), Tally> = BTreeMap::new();
        let mut comments: Vec<String> = Vec::new();
        let peer_reviews = reviews.iter().filter(|review| {
            review.role == RaterRole::Peer
                && review.subject == subject
                && review.period == period
                && !exclusions.excludes_review(&review.id)
        });
        for review in peer_reviews {
            peers.insert(&review.rater);
            comments.extend(review.comment.iter().cloned());
            let rater = (review.subject.clone(), review.rater.clone());
            let Some(form) = forms.iter().find(|form| form.id == review.form_id) else {
                continue;
            };
            let scores = review_scores(form, review);
            for (dimension, score) in scores.by_dimension {
                let by_rater = dimensions.entry(dimension).or_default();
                by_rater.entry(rater.clone()).or_default().add(score);
            }
            if let Some(score) = scores.overall {
                overall.entry(rater).or_default().add(score);
            }
            let free_text = form
                .items()
                .filter(|item| item.input == ItemInput::FreeText)
                .filter_map(|item| review.answers.get(&item.id)?.text());
            comments.extend(free_text.map(str::to_string));
        }
        let peers = peers.len() as u32;
        let comments = if peers >= threshold {
            let mut comments: Vec<String> = comments
                .into_iter()
                .map(|comment| comment.trim().to_string())
                .filter(|comment| !comment.is_empty())
                .collect();
            comments.sort();
            PeerComments::Shown { comments }
        } else {
            PeerComments::Withheld {
                more_peers_needed: threshold - peers,
            }
        };
        let mut dimensions: BTreeMap<String, PeerMean> = dimensions
            .into_iter()
            .filter_map(|(dimension, by_rater)| {
                let (mean, peers) = mean_over_raters(&by_rater);
                Some((dimension, PeerMean { mean: mean?, peers }))
            })
            .collect();
        let (mut overall, overall_peers) = mean_over_raters(&overall);
        let counts = dimensions.values().map(|mean| mean.peers);
        let figures_withheld = peers < threshold
            || !super::peer_rule::subject_shown(counts.chain([overall_peers]), threshold);
        if figures_withheld {
            dimensions.clear();
            overall = None;
        }
        PeerSummary {
            subject: subject.to_string(),
            period: period.to_string(),
            threshold,
            peers,
            dimensions,
            overall,
            figures_withheld,
            comments,
        }
    }

    pub fn subject(&self) -> &str {
        &self.subject
    }

    pub fn period(&self) -> &str {
        &self.period
    }

    /// The `k` in force.
    pub fn threshold(&self) -> u32 {
        self.threshold
    }

    /// Distinct peers who answered.
    pub fn peers(&self) -> u32 {
        self.peers
    }

    /// Whether the peer means may be shown ([`super::peer_rule`]); when not, there are
    /// none.
    pub fn figures_shown(&self) -> bool {
        !self.figures_withheld
    }

    /// Peer mean per dimension (0-100), by dimension id; empty while withheld.
    pub fn dimension_means(&self) -> &BTreeMap<String, PeerMean> {
        &self.dimensions
    }

    /// Peer mean over every dimension-tagged rating (0-100): `peer_review_score`; none
    /// while withheld.
    pub fn overall(&self) -> Option<f64> {
        self.overall
    }

    /// The comments, or how many more peers are needed to show them.
    pub fn comments(&self) -> &PeerComments {
        &self.comments
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::builtin;
    use crate::feedback::response::{Answer, Answers};

    fn peer(id: &str, rater: &str, helps: f64, comment: Option<&str>) -> Review360 {
        let mut answers = Answers::new();
        answers.insert("tw_helps".into(), Answer::Number(helps));
        answers.insert("sq_accuracy".into(), Answer::Number(5.0));
        if let Some(text) = comment {
            answers.insert("comment".into(), Answer::Text(text.into()));
        }
        Review360 {
            id: id.into(),
            form_id: builtin::review360_id(RaterRole::Peer),
            subject: "Ann".into(),
            rater: rater.into(),
            role: RaterRole::Peer,
            period: "2026-Q1".into(),
            answers,
            comment: None,
        }
    }

    #[test]
    fn comments_appear_only_from_k_distinct_peers() {
        let forms = builtin::all();
        let mut reviews = vec![
            peer("r1", "Bo", 5.0, Some("always helps")),
            // Bo again: still one peer; his two reviews average (5 and 3 -> 100 and 50 -> 75).
            peer("r2", "Bo", 3.0, Some("  ")),
            peer("r3", "Cy", 2.0, Some("could share more")),
        ];
        let none = Exclusions::none();
        let two = PeerSummary::from_reviews("Ann", "2026-Q1", &forms, &reviews, &none, 3);
        assert_eq!(two.peers(), 2);
        assert_eq!(
            two.comments(),
            &PeerComments::Withheld {
                more_peers_needed: 1
            }
        );
        // Below k the means go with the comments: two peers' teamwork mean (Bo 75, Cy 25)
        // is not shown.
        assert!(!two.figures_shown());
        assert!(two.dimension_means().is_empty() && two.overall().is_none());
        reviews.push(peer("r4", "Di", 4.0, None));
        let three = PeerSummary::from_reviews("Ann", "2026-Q1", &forms, &reviews, &none, 3);
        assert_eq!(
            three.comments(),
            &PeerComments::Shown {
                comments: vec!["always helps".into(), "could share more".into()]
            }
        );
        // Teamwork: Bo 75, Cy 25, Di 75 -> 58.33.
        let teamwork = three.dimension_means()["teamwork"].mean;
        assert!((teamwork - 175.0 / 3.0).abs() < 1e-9, "{teamwork}");
        // Overall per rater: Bo (100+100)/2=100 and (50+100)/2=75 -> 87.5; Cy 62.5; Di 87.5.
        assert!((three.overall().unwrap() - 237.5 / 3.0).abs() < 1e-9);
        // An accepted appeal removes Di's review: below k again.
        let mut exclusions = Exclusions::none();
        exclusions.review_ids.insert("r4".into());
        let appealed =
            PeerSummary::from_reviews("Ann", "2026-Q1", &forms, &reviews, &exclusions, 3);
        assert_eq!(appealed.peers(), 2);
        // A threshold of 1 would name the only peer: it is raised to 2.
        let one = PeerSummary::from_reviews("Ann", "2026-Q1", &forms, &reviews[..1], &none, 1);
        assert_eq!(one.threshold(), 2);
        assert!(matches!(one.comments(), PeerComments::Withheld { .. }));
    }

    #[test]
    fn the_export_holds_no_rater_and_refuses_forged_comments() {
        let forms = builtin::all();
        let reviews = vec![peer("r1", "Bo", 5.0, Some("secret"))];
        let summary =
            PeerSummary::from_reviews("Ann", "2026-Q1", &forms, &reviews, &Exclusions::none(), 3);
        let json = serde_json::to_string(&summary).unwrap();
        assert!(
            !json.contains("Bo") && !json.contains("r1") && !json.contains("secret"),
            "{json}"
        );
        let back: PeerSummary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, summary);
        let forged = json.replace(
            r#"{"state":"withheld","more_peers_needed":2}"#,
            r#"{"state":"shown","comments":["secret"]}"#,
        );
        assert_ne!(forged, json);
        let error = serde_json::from_str::<PeerSummary>(&forged)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("comments cannot be shown when 1 peer(s) answered (3 needed)"),
            "{error}"
        );
    }
}
