//! Cutting a slice out of a workspace to send: one team, one agent, one period, or a mix,
//! applied to every section:
//!
//! - records of the team / agent, opened in the period;
//! - surveys and QA reviews of agents in scope, submitted (QA: the conversation's date,
//!   else the review's) in the period; 360 reviews whose subject is in scope and whose
//!   period starts in the selected one (whole peer groups, never part of one);
//! - appeals whose record or review is in the slice;
//! - actions about an agent in scope (and, without an agent selected, about the selected
//!   team) due in a period that starts in the selected one;
//! - every scorecard version (the receiver scores the slice as the sender did), every
//!   award rule (they are centre-wide), the scheme review, the anonymity threshold and
//!   `record_fields` (a field the source had stays present even without values);
//! - no saved mappings (`[]`) and no import log (absent): they describe the sender's
//!   files, not the slice, so only a selection of everything keeps them.
//!
//! "In scope" for a team means an agent with a record in that team.

use std::collections::BTreeSet;

use carescore_engine::feedback::plans::PlanSubject;
use carescore_engine::feedback::{AppealTarget, ImprovementAction};
use carescore_engine::period::PeriodKind;
use chrono::NaiveDate;

use crate::plans::Plans;

use super::{Document, FeedbackSection, RecordEntry, Scope};

/// Which records to keep; `None` keeps all. A period is a kind and a label of it
/// (`(PeriodKind::Month, "2026-09")`), as in [`carescore_engine::period`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub team: Option<String>,
    pub agent: Option<String>,
    pub period: Option<(PeriodKind, String)>,
}

impl Selection {
    /// Everything: the whole workspace.
    pub fn everything() -> Selection {
        Selection::default()
    }

    /// True when nothing is filtered (the period `all` filters nothing).
    pub fn is_everything(&self) -> bool {
        self.team.is_none() && self.agent.is_none() && self.period_label().is_none()
    }

    /// The period label, unless it is the whole-data period.
    fn period_label(&self) -> Option<&str> {
        self.period
            .as_ref()
            .filter(|(kind, _)| *kind != PeriodKind::All)
            .map(|(_, label)| label.as_str())
    }

    /// The scope a file of this selection has: the most specific of agent, team, period.
    pub fn scope(&self) -> Scope {
        let period = self.period_label().map(str::to_string);
        match (&self.agent, &self.team, period) {
            (Some(agent), _, period) => Scope::Agent {
                agent: agent.clone(),
                period,
            },
            (None, Some(team), period) => Scope::Team {
                team: team.clone(),
                period,
            },
            (None, None, Some(period)) => Scope::Period { period },
            (None, None, None) => Scope::Workspace,
        }
    }
}

/// The tests a selection applies to every kind of item.
struct Cut<'a> {
    selection: &'a Selection,
    period: Option<(PeriodKind, &'a str)>,
    /// The agents with a record in the selected team (`None`: no team selected).
    team_agents: Option<BTreeSet<&'a str>>,
}

impl<'a> Cut<'a> {
    fn new(selection: &'a Selection, records: &'a [RecordEntry]) -> Cut<'a> {
        let team_agents = selection.team.as_ref().map(|team| {
            records
                .iter()
                .filter(|r| r.team.as_ref() == Some(team))
                .map(|r| r.agent.as_str())
                .collect()
        });
        Cut {
            selection,
            period: selection
                .period
                .as_ref()
                .filter(|(kind, _)| *kind != PeriodKind::All)
                .map(|(kind, label)| (*kind, label.as_str())),
            team_agents,
        }
    }

    fn on(&self, date: NaiveDate) -> bool {
        self.period
            .is_none_or(|(kind, label)| kind.label_of(date) == label)
    }

    /// A period label (of any kind) is in the selected period when it starts in it.
    fn starts_in(&self, label: &str) -> bool {
        self.period.is_none_or(|(kind, selected)| {
            PeriodKind::of_label(label)
                .and_then(|of| of.start_of_label(label))
                .is_some_and(|start| kind.label_of(start) == selected)
        })
    }

    fn agent(&self, agent: &str) -> bool {
        self.selection.agent.as_ref().is_none_or(|a| a == agent)
            && self
                .team_agents
                .as_ref()
                .is_none_or(|set| set.contains(agent))
    }

    fn record(&self, record: &RecordEntry) -> bool {
        self.selection
            .team
            .as_ref()
            .is_none_or(|team| record.team.as_ref() == Some(team))
            && self
                .selection
                .agent
                .as_ref()
                .is_none_or(|a| &record.agent == a)
            && self.on(record.opened_at.date())
    }

    fn action(&self, action: &ImprovementAction) -> bool {
        let about = match &action.subject {
            PlanSubject::Agent { agent } => self.agent(agent),
            // A team's action is the team's business, not one agent's.
            PlanSubject::Team { team } => {
                self.selection.agent.is_none()
                    && self.selection.team.as_ref().is_none_or(|t| t == team)
            }
        };
        about && self.starts_in(&action.due_period)
    }

    fn feedback(&self, section: &FeedbackSection, records: &[RecordEntry]) -> FeedbackSection {
        let surveys: Vec<_> = section
            .surveys
            .iter()
            .filter(|s| self.agent(&s.agent) && self.on(s.submitted_at.date()))
            .cloned()
            .collect();
        let qa_reviews: Vec<_> = section
            .qa_reviews
            .iter()
            .filter(|q| self.agent(&q.agent) && self.on(q.period_date()))
            .cloned()
            .collect();
        // Whole (subject, period) groups go or stay, so a slice never breaks up a peer
        // group that met the anonymity threshold.
        let reviews360: Vec<_> = section
            .reviews360
            .iter()
            .filter(|r| self.agent(&r.subject) && self.starts_in(&r.period))
            .cloned()
            .collect();
        let reviews: BTreeSet<&str> = surveys
            .iter()
            .map(|s| s.id.as_str())
            .chain(qa_reviews.iter().map(|q| q.id.as_str()))
            .chain(reviews360.iter().map(|r| r.id.as_str()))
            .collect();
        let keys: BTreeSet<&str> = records.iter().map(|r| r.key.as_str()).collect();
        let appeals = section
            .appeals
            .iter()
            .filter(|appeal| match appeal.target() {
                AppealTarget::Record { key } => keys.contains(key.as_str()),
                AppealTarget::Review { id } => reviews.contains(id.as_str()),
            })
            .cloned()
            .collect();
        FeedbackSection {
            surveys,
            qa_reviews,
            reviews360,
            anonymity_k: section.anonymity_k,
            appeals,
        }
    }
}

impl Document {
    /// The part of the file matching `selection` (see the module documentation).
    pub fn select(&self, selection: &Selection) -> Document {
        if selection.is_everything() {
            return self.clone();
        }
        let cut = Cut::new(selection, &self.records);
        let records: Vec<RecordEntry> = self
            .records
            .iter()
            .filter(|r| cut.record(r))
            .cloned()
            .collect();
        let feedback = self
            .feedback
            .as_ref()
            .map(|section| cut.feedback(section, &records));
        let actions = self
            .actions
            .as_ref()
            .map(|plans| Plans(plans.0.iter().filter(|a| cut.action(a)).cloned().collect()));
        Document {
            format: self.format.clone(),
            schema_version: self.schema_version,
            scope: selection.scope(),
            record_fields: self.record_fields.clone(),
            records,
            scorecards: self.scorecards.clone(),
            mappings: Vec::new(),
            imports: None,
            awards: self.awards.clone(),
            feedback,
            actions,
            scheme_review: self.scheme_review.clone(),
        }
    }
}
