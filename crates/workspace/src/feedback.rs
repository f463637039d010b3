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
use carescore_engine::feedback::peer_rule::{self, withhold_peer_figures, Listed360};
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
        let (forms, exclusions) = (Self::forms(), excluded_by_appeals(&self.appeals));
        let mut table = feedback_table(
            &grouping,
            &forms,
            &self.surveys,
            &self.qa_reviews,
            &self.reviews360,
            &exclusions,
        );
        // The engine's one peer rule, so no group figure uncovers a hidden agent's.
        withhold_peer_figures(
            &mut table,
            &grouping,
            &forms,
            &self.reviews360,
            &exclusions,
            self.anonymity_k,
        );
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

    /// The saved 360 reviews as the Forms page lists them: a hidden agent's peer reviews
    /// only as a count ([`peer_rule::list_reviews360`]).
    pub fn listed_reviews360(&self) -> Vec<Listed360<'_>> {
        let exclusions = excluded_by_appeals(&self.appeals);
        peer_rule::list_reviews360(
            &Self::forms(),
            &self.reviews360,
            &exclusions,
            self.anonymity_k,
        )
    }

    /// What may be shown of the peer reviews of `agent` in `period` (k from the store),
    /// under the same rule as the tables ([`peer_rule`]).
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

#[cfg(test)]
mod tests;
