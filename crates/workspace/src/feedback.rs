//! The feedback collected in the app (customer surveys, QA reviews, 360 reviews), saved with
//! the workspace, and how it joins the contact tables for scoring. Pure Rust, tested
//! natively.
//!
//! The contact tables in [`Measured`] stay as measured; scoring reads
//! [`FeedbackStore::scored_tables`], the same rows in the same order with the feedback
//! columns appended, so row indices of the workspace tables and of the score boards keep
//! matching. Feedback for an agent or period without contacts has no row to land in and
//! is not scored (the agent card's Feedback panel still shows it).

use std::collections::{BTreeMap, HashMap};

use carescore_engine::feedback::anonymity::DEFAULT_PEER_THRESHOLD;
use carescore_engine::feedback::measures::{
    feedback_table, Grouping, QA_CRITICAL_FAIL_COUNT, QA_SCORE_MEAN, SURVEY_CES_MEAN,
    SURVEY_CSAT_MEAN, SURVEY_NPS,
};
use carescore_engine::feedback::{
    builtin, excluded_by_appeals, Appeal, FormTemplate, PeerSummary, QaReview, RaterRole,
    Review360, SurveyResponse,
};
use carescore_engine::measure::{Measure, MeasureRow, MeasureTable};
use carescore_engine::metrics::GroupBy;
use serde::{Deserialize, Serialize};

use crate::measured::{Measured, PERIOD_KIND};

/// Everything filled in on the Forms page. Absent fields read as empty (and `k` as 3), so
/// the saved state can grow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedbackStore {
    pub surveys: Vec<SurveyResponse>,
    pub qa_reviews: Vec<QaReview>,
    pub reviews360: Vec<Review360>,
    /// Distinct peers needed before peer comments are shown (the engine never goes
    /// below 2).
    pub anonymity_k: u32,
    /// Appeals (申诉) of reviews and contact records, with their audit trails; accepted
    /// ones are taken out of scoring (see [`crate::appeals`]).
    pub appeals: Vec<Appeal>,
}

impl Default for FeedbackStore {
    fn default() -> Self {
        FeedbackStore {
            surveys: Vec::new(),
            qa_reviews: Vec::new(),
            reviews360: Vec::new(),
            anonymity_k: DEFAULT_PEER_THRESHOLD,
            appeals: Vec::new(),
        }
    }
}

/// The three tables that are scored: agents, teams and the centre.
#[derive(Clone, Debug)]
pub struct ScoredTables {
    pub agents: MeasureTable,
    pub teams: MeasureTable,
    pub centre: MeasureTable,
}

impl FeedbackStore {
    /// The forms the app offers (the engine's built-in templates).
    pub fn forms() -> Vec<FormTemplate> {
        builtin::all()
    }

    /// No responses (appeals alone add no feedback column: there is nothing to exclude).
    pub fn is_empty(&self) -> bool {
        self.surveys.is_empty() && self.qa_reviews.is_empty() && self.reviews360.is_empty()
    }

    /// An id not used by any saved response yet: `prefix-1`, `prefix-2`, ...
    pub fn next_id(&self, prefix: &str) -> String {
        let ids = self
            .surveys
            .iter()
            .map(|s| s.id.as_str())
            .chain(self.qa_reviews.iter().map(|q| q.id.as_str()))
            .chain(self.reviews360.iter().map(|r| r.id.as_str()));
        let highest = ids
            .filter_map(|id| {
                id.strip_prefix(prefix)?
                    .strip_prefix('-')?
                    .parse::<u64>()
                    .ok()
            })
            .max()
            .unwrap_or(0);
        format!("{prefix}-{}", highest + 1)
    }

    /// Removes the response with this id, whatever its kind.
    pub fn remove(&mut self, id: &str) {
        self.surveys.retain(|s| s.id != id);
        self.qa_reviews.retain(|q| q.id != id);
        self.reviews360.retain(|r| r.id != id);
    }

    /// The feedback table for one grouping of the workspace's agents.
    pub fn table(&self, by: GroupBy, roster: &BTreeMap<String, String>) -> MeasureTable {
        let grouping = Grouping {
            by,
            period: PERIOD_KIND,
            roster,
        };
        let mut table = feedback_table(
            &grouping,
            &Self::forms(),
            &self.surveys,
            &self.qa_reviews,
            &self.reviews360,
            &excluded_by_appeals(&self.appeals),
        );
        withhold_small_peer_groups(&mut table, self.anonymity_k);
        table
    }

    /// The workspace's tables with the feedback columns appended (see the module doc).
    /// Without feedback they are the contact tables themselves.
    pub fn scored_tables(&self, ws: &Measured) -> ScoredTables {
        if self.is_empty() {
            return ScoredTables {
                agents: ws.agents.clone(),
                teams: ws.teams.clone(),
                centre: ws.centre.clone(),
            };
        }
        let roster = roster(ws);
        ScoredTables {
            agents: append_columns(&ws.agents, &self.table(GroupBy::Agent, &roster)),
            teams: append_columns(&ws.teams, &self.table(GroupBy::Team, &roster)),
            centre: append_columns(&ws.centre, &self.table(GroupBy::All, &roster)),
        }
    }

    /// What may be shown of the peer reviews of `agent` in `period` (k from the store).
    pub fn peer_summary(&self, agent: &str, period: &str) -> PeerSummary {
        PeerSummary::from_reviews(
            agent,
            period,
            &Self::forms(),
            &self.reviews360,
            &excluded_by_appeals(&self.appeals),
            self.anonymity_k,
        )
    }
}

/// A measured value and the number of observations behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    pub value: Option<f64>,
    pub sample: u32,
}

/// What the agent card's Feedback panel shows for one agent and period (peers apart:
/// they go through [`FeedbackStore::peer_summary`] only).
#[derive(Clone, Debug, PartialEq)]
pub struct AgentFeedback {
    /// CSAT 1-5 mean, NPS (-100 to 100), CES 1-7 mean.
    pub csat: Figure,
    pub nps: Figure,
    pub ces: Figure,
    /// QA score 0-100 mean (sample: reviews) and the critical failures among them.
    pub qa_score: Figure,
    pub qa_critical_failures: u32,
    /// 360 self and manager reviews: the mean of the role's dimension means (0-100),
    /// sample = raters.
    pub self_review: Figure,
    pub manager_review: Figure,
}

impl FeedbackStore {
    /// The agent's feedback figures in a period (the engine's feedback measures).
    pub fn agent_feedback(&self, agent: &str, period: &str) -> AgentFeedback {
        let table = self.table(GroupBy::Agent, &BTreeMap::new());
        let row = table
            .rows
            .iter()
            .find(|row| row.group == agent && row.period == period);
        let figure = |id: &str| {
            let measure = table
                .column(id)
                .and_then(|c| row.and_then(|r| r.values.get(c)));
            Figure {
                value: measure.and_then(|m| m.value),
                sample: measure.map_or(0, |m| m.sample),
            }
        };
        let role_mean = |role: RaterRole| {
            let prefix = format!("{}_", role.as_str());
            let figures: Vec<Figure> = table
                .metric_ids
                .iter()
                .filter(|id| id.starts_with(&prefix) && id.ends_with("_mean"))
                .map(|id| figure(id))
                .filter(|f| f.value.is_some())
                .collect();
            let values: Vec<f64> = figures.iter().filter_map(|f| f.value).collect();
            Figure {
                value: (!values.is_empty())
                    .then(|| values.iter().sum::<f64>() / values.len() as f64),
                sample: figures.iter().map(|f| f.sample).max().unwrap_or(0),
            }
        };
        AgentFeedback {
            csat: figure(SURVEY_CSAT_MEAN),
            nps: figure(SURVEY_NPS),
            ces: figure(SURVEY_CES_MEAN),
            qa_score: figure(QA_SCORE_MEAN),
            qa_critical_failures: figure(QA_CRITICAL_FAIL_COUNT)
                .value
                .map_or(0, |v| v.round() as u32),
            self_review: role_mean(RaterRole::SelfReview),
            manager_review: role_mean(RaterRole::Manager),
        }
    }
}

/// Agent -> team, from the agent rows of the contact table.
pub fn roster(ws: &Measured) -> BTreeMap<String, String> {
    ws.agents
        .rows
        .iter()
        .filter_map(|row| Some((row.group.clone(), row.team.clone()?)))
        .collect()
}

/// `contact`'s rows, in its order, with `feedback`'s columns appended (those whose ids the
/// contact table lacks); feedback rows without a contact row are dropped. A contact
/// column of the same id (none in practice) wins.
pub fn append_columns(contact: &MeasureTable, feedback: &MeasureTable) -> MeasureTable {
    let added: Vec<(usize, &String)> = feedback
        .metric_ids
        .iter()
        .enumerate()
        .filter(|(_, id)| !contact.metric_ids.contains(id))
        .collect();
    let mut metric_ids = contact.metric_ids.clone();
    metric_ids.extend(added.iter().map(|(_, id)| (*id).clone()));
    let by_key: HashMap<(&str, &str), &MeasureRow> = feedback
        .rows
        .iter()
        .map(|row| ((row.group.as_str(), row.period.as_str()), row))
        .collect();
    let width = contact.metric_ids.len();
    let rows = contact
        .rows
        .iter()
        .map(|row| {
            let mut values = row.values.clone();
            values.resize(width, Measure::not_available());
            let other = by_key.get(&(row.group.as_str(), row.period.as_str()));
            values.extend(added.iter().map(|&(column, _)| {
                other
                    .and_then(|o| o.values.get(column).cloned())
                    .unwrap_or_else(Measure::not_available)
            }));
            MeasureRow {
                values,
                ..row.clone()
            }
        })
        .collect();
    MeasureTable { metric_ids, rows }
}

/// Peer figures from fewer than k raters are withheld everywhere (the card, the scores,
/// the exports), not only the comments: the mean of one or two peers is, near enough, one
/// colleague's own rating. They become N/A, so scoring spreads their weight as for any
/// missing metric whatever the small-sample policy.
fn withhold_small_peer_groups(table: &mut MeasureTable, k: u32) {
    let prefix = format!("{}_", RaterRole::Peer.as_str());
    let peer_columns: Vec<usize> = table
        .metric_ids
        .iter()
        .enumerate()
        .filter(|(_, id)| id.starts_with(&prefix))
        .map(|(i, _)| i)
        .collect();
    for row in &mut table.rows {
        for &column in &peer_columns {
            let measure = &mut row.values[column];
            if measure.sample < k {
                measure.value = None;
                measure.numerator = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scores::{row_index, Scores};
    use carescore_engine::demo::DemoConfig;
    use carescore_engine::feedback::measures::PEER_REVIEW_SCORE;
    use carescore_engine::feedback::response::{Answer, Answers};
    use carescore_engine::feedback::PeerComments;
    use carescore_engine::scorecard::defaults::default_history;

    fn peer(id: &str, subject: &str, rater: &str, period: &str, comment: &str) -> Review360 {
        let form = builtin::review360(RaterRole::Peer);
        let mut answers = Answers::new();
        for item in form.items() {
            if item.dimension.is_some() {
                answers.insert(item.id.clone(), Answer::Number(4.0));
            }
        }
        answers.insert("comment".into(), Answer::Text(comment.into()));
        Review360 {
            id: id.into(),
            form_id: form.id.clone(),
            subject: subject.into(),
            rater: rater.into(),
            role: RaterRole::Peer,
            period: period.into(),
            answers,
            comment: None,
        }
    }

    fn small_demo() -> Measured {
        let config = DemoConfig::default();
        Measured::demo_with(&config, &default_history()).unwrap()
    }

    #[test]
    fn an_empty_store_reads_from_nothing_and_defaults_k_to_3() {
        let store: FeedbackStore = serde_json::from_str("{}").unwrap();
        assert_eq!(store, FeedbackStore::default());
        assert_eq!(store.anonymity_k, 3);
        assert!(store.is_empty());
        assert!(serde_json::from_str::<FeedbackStore>(r#"{"surveyz": []}"#).is_err());
    }

    #[test]
    fn a_filled_store_round_trips_and_ids_do_not_repeat() {
        let mut store = FeedbackStore {
            anonymity_k: 4,
            ..FeedbackStore::default()
        };
        store
            .reviews360
            .push(peer("r360-1", "Ann", "Bo", "2026-03", "kind"));
        store
            .reviews360
            .push(peer("r360-7", "Ann", "Cy", "2026-03", ""));
        let mut answers = Answers::new();
        answers.insert("csat".into(), Answer::Number(5.0));
        store.surveys.push(SurveyResponse {
            id: "survey-1".into(),
            form_id: builtin::CUSTOMER_SURVEY.into(),
            contact_id: Some("C-9".into()),
            agent: "Ann".into(),
            submitted_at: "2026-03-02T10:00:00".parse().unwrap(),
            answers,
        });
        let text = serde_json::to_string(&store).unwrap();
        let back: FeedbackStore = serde_json::from_str(&text).unwrap();
        assert_eq!(back, store);
        assert_eq!(store.next_id("r360"), "r360-8");
        assert_eq!(store.next_id("survey"), "survey-2");
        assert_eq!(store.next_id("qa"), "qa-1");
        store.remove("r360-7");
        assert_eq!(store.reviews360.len(), 1);
    }

    #[test]
    fn agent_feedback_reads_survey_and_360_figures_for_the_period() {
        let mut store = FeedbackStore::default();
        for (i, csat) in [5.0, 3.0].into_iter().enumerate() {
            let mut answers = Answers::new();
            answers.insert("csat".into(), Answer::Number(csat));
            answers.insert("nps".into(), Answer::Number(10.0));
            store.surveys.push(SurveyResponse {
                id: format!("survey-{i}"),
                form_id: builtin::CUSTOMER_SURVEY.into(),
                contact_id: None,
                agent: "Ann".into(),
                submitted_at: "2026-03-02T10:00:00".parse().unwrap(),
                answers,
            });
        }
        let mut manager = peer("r360-1", "Ann", "Mo", "2026-03", "");
        manager.role = RaterRole::Manager;
        manager.form_id = builtin::review360_id(RaterRole::Manager);
        store.reviews360.push(manager);
        let figures = store.agent_feedback("Ann", "2026-03");
        assert_eq!(
            figures.csat,
            Figure {
                value: Some(4.0),
                sample: 2
            }
        );
        assert_eq!(figures.nps.value, Some(100.0));
        assert_eq!(figures.ces.sample, 0);
        assert_eq!(figures.qa_score.value, None);
        assert_eq!(
            figures.manager_review,
            Figure {
                value: Some(75.0),
                sample: 1
            }
        );
        assert_eq!(figures.self_review.value, None);
        assert_eq!(store.agent_feedback("Ann", "2026-02").csat.sample, 0);
        assert_eq!(store.agent_feedback("Bo", "2026-03").csat.value, None);
    }

    #[test]
    fn feedback_columns_follow_the_contact_rows() {
        let ws = small_demo();
        let agent_row = &ws.agents.rows[0];
        let (agent, period) = (agent_row.group.clone(), agent_row.period.clone());
        let mut store = FeedbackStore::default();
        let mut answers = Answers::new();
        answers.insert("csat".into(), Answer::Number(4.0));
        let date = PERIOD_KIND.start_of_label(&period).unwrap();
        store.surveys.push(SurveyResponse {
            id: "survey-1".into(),
            form_id: builtin::CUSTOMER_SURVEY.into(),
            contact_id: None,
            agent: agent.clone(),
            submitted_at: date.and_hms_opt(9, 0, 0).unwrap(),
            answers: answers.clone(),
        });
        // An agent without contacts: no row to land in.
        store.surveys.push(SurveyResponse {
            agent: "Nobody".into(),
            id: "survey-2".into(),
            ..store.surveys[0].clone()
        });
        let tables = store.scored_tables(&ws);
        assert_eq!(tables.agents.rows.len(), ws.agents.rows.len());
        assert_eq!(tables.teams.rows.len(), ws.teams.rows.len());
        for (merged, contact) in tables.agents.rows.iter().zip(&ws.agents.rows) {
            assert_eq!(
                (&merged.group, &merged.period),
                (&contact.group, &contact.period)
            );
            assert_eq!(merged.records, contact.records);
            assert_eq!(merged.values[..contact.values.len()], contact.values[..]);
        }
        let column = tables.agents.column(SURVEY_CSAT_MEAN).unwrap();
        assert!(column >= ws.agents.metric_ids.len());
        let value = |table: &MeasureTable, group: &str| {
            let row = row_index(table, group, &period).unwrap();
            table.rows[row].values[column].value
        };
        assert_eq!(value(&tables.agents, &agent), Some(4.0));
        assert_eq!(value(&tables.centre, "all"), Some(4.0));
        let team = agent_row.team.clone().unwrap();
        let team_column = tables.teams.column(SURVEY_CSAT_MEAN).unwrap();
        let team_row = row_index(&tables.teams, &team, &period).unwrap();
        assert_eq!(
            tables.teams.rows[team_row].values[team_column].value,
            Some(4.0)
        );
        let other = tables
            .agents
            .rows
            .iter()
            .find(|r| r.group != agent)
            .unwrap();
        assert_eq!(other.values[column].value, None);
    }

    #[test]
    fn three_peer_reviews_fill_the_teamwork_peer_review_score() {
        let history = default_history();
        let ws = small_demo();
        let period = ws.latest_period().unwrap().to_string();
        let agent = ws
            .agents
            .rows
            .iter()
            .find(|r| r.period == period)
            .unwrap()
            .group
            .clone();
        let peer_cell = |scores: &Scores| {
            let row = row_index(&ws.agents, &agent, &period).unwrap();
            let ex = scores.agents.explain(&ws.agents, row).unwrap();
            let teamwork = ex.dimensions.iter().find(|d| d.id == "teamwork").unwrap();
            let metric = teamwork
                .metrics
                .iter()
                .find(|m| m.metric_id == PEER_REVIEW_SCORE)
                .unwrap();
            (metric.score, metric.small_sample, teamwork.score)
        };
        let none = Scores::compute(&ws, &history).unwrap();
        assert_eq!(peer_cell(&none).0, None);

        let mut store = FeedbackStore::default();
        for (i, rater) in ["Bo", "Cy"].iter().enumerate() {
            let id = format!("r360-{i}");
            store
                .reviews360
                .push(peer(&id, &agent, rater, &period, "good"));
        }
        let two = Scores::compute_with(&ws, &history, &store).unwrap();
        assert_eq!(
            peer_cell(&two).0,
            None,
            "two peers are below k = 3: withheld"
        );
        let peer_value = |table: &MeasureTable| {
            let column = table
                .metric_ids
                .iter()
                .position(|id| id == PEER_REVIEW_SCORE)
                .unwrap();
            let row = row_index(table, &agent, &period).unwrap();
            table.rows[row].values[column].value
        };
        assert_eq!(peer_value(&two.agents.table), None, "not even in the table");

        store
            .reviews360
            .push(peer("r360-9", &agent, "Di", &period, "helpful"));
        let three = Scores::compute_with(&ws, &history, &store).unwrap();
        let (score, small, teamwork) = peer_cell(&three);
        assert!(!small);
        // Every statement answered 4 of 1-5: 75 points before the metric's curve.
        assert!(score.is_some(), "peer_review_score counts with 3 peers");
        assert!(teamwork.is_some());
        assert_eq!(
            three.agents.table.rows.len(),
            ws.agents.rows.len(),
            "rows stay aligned"
        );

        let summary = store.peer_summary(&agent, &period);
        assert_eq!(summary.peers(), 3);
        assert!(matches!(summary.comments(), PeerComments::Shown { .. }));
        store.reviews360.pop();
        assert!(matches!(
            store.peer_summary(&agent, &period).comments(),
            PeerComments::Withheld {
                more_peers_needed: 1
            }
        ));
    }
}
