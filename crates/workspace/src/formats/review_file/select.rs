//! Cutting a slice out of a workspace to send: one team, one agent, one period, or a mix.
//! The slice keeps every scorecard version (the receiver scores the slice the same way)
//! and `record_fields` (a field the source had stays present even if the slice has no
//! value for it). Saved mappings describe the sender's files, not the slice, so only a
//! selection of everything keeps them.

use carescore_engine::period::PeriodKind;

use super::{Document, Scope};

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

impl Document {
    /// The records matching `selection`, with every scorecard version and the same
    /// `record_fields`; mappings only when the selection is everything.
    pub fn select(&self, selection: &Selection) -> Document {
        let period = selection
            .period
            .as_ref()
            .filter(|(kind, _)| *kind != PeriodKind::All);
        let records = self
            .records
            .iter()
            .filter(|record| {
                selection
                    .team
                    .as_ref()
                    .is_none_or(|team| record.team.as_ref() == Some(team))
                    && selection
                        .agent
                        .as_ref()
                        .is_none_or(|agent| &record.agent == agent)
                    && period.is_none_or(|(kind, label)| {
                        kind.label_of(record.opened_at.date()) == *label
                    })
            })
            .cloned()
            .collect();
        let everything = selection.is_everything();
        Document {
            format: self.format.clone(),
            schema_version: self.schema_version,
            scope: if everything {
                self.scope.clone()
            } else {
                selection.scope()
            },
            record_fields: self.record_fields.clone(),
            records,
            scorecards: self.scorecards.clone(),
            mappings: if everything {
                self.mappings.clone()
            } else {
                Vec::new()
            },
        }
    }
}
