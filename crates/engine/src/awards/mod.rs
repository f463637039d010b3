//! Awards (评优): monthly 服务之星 "service star" and friends. An [`AwardRule`] says what
//! ranks the candidates (total, a dimension, a metric, or the change against the previous
//! period), where they compete (the whole centre or each team), how winners are chosen
//! (top N or a threshold) and who may win at all ([`Eligibility`]: a minimum volume, no
//! critical QA error, no guard rail hit, a minimum grade). [`decide`] applies a rule to a
//! scored table and says, in structured [`Reason`]s and [`Failure`]s the UI translates,
//! why each winner qualified and why the best excluded candidates did not.
//!
//! # JSON format
//!
//! ```
//! use carescore_engine::awards::{AwardRule, RankedBy, Selection};
//!
//! let json = r#"{
//!   "id": "learning_star",
//!   "label": {"en": "Learning star", "zh": "学习之星"},
//!   "ranked_by": {"kind": "dimension", "id": "teamwork"},
//!   "scope": "per_team",
//!   "selection": {"kind": "top_n", "n": 1},
//!   "eligibility": {"min_contacts": 50, "no_guard_rail": true, "min_grade": "good"}
//! }"#;
//! let rule: AwardRule = serde_json::from_str(json).unwrap();
//! assert_eq!(rule.ranked_by, RankedBy::Dimension("teamwork".into()));
//! assert_eq!(rule.selection, Selection::TopN { n: 1 });
//! assert!(rule.enabled && rule.validate().is_ok());
//! ```

mod decide;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use decide::{decide, AwardOutcome, Failure, Ineligible, Reason, Winner};

use crate::scorecard::{Grade, Label, Scorecard};

/// Ids of the built-in awards; the UI translates them (`awards.name.<id>`).
pub const SERVICE_STAR: &str = "service_star";
pub const SATISFACTION_STAR: &str = "satisfaction_star";
pub const EFFICIENCY_STAR: &str = "efficiency_star";
pub const MOST_IMPROVED: &str = "most_improved";

/// What orders the candidates of an award. Higher is always better: dimension and metric
/// scores are the card's 0-100 scores, which already respect the metric's direction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum RankedBy {
    /// The total after guard-rail caps.
    Total,
    /// One dimension's score (a dimension id of the card).
    Dimension(String),
    /// One metric's 0-100 score (a metric id of the card), not its raw value, so "lower
    /// is better" metrics rank the right way round.
    Metric(String),
    /// "Most improved": the total minus the same agent's total in the previous period.
    /// Rows without a previous period are not candidates.
    Change,
}

/// Where candidates compete.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every agent of the centre against every other.
    #[default]
    Centre,
    /// Each team has its own winners (agents without a team compete together).
    PerTeam,
}

/// How winners are picked among the eligible candidates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Selection {
    /// The best `n`; everyone tied at the cut also wins (so there may be more than `n`).
    TopN { n: u32 },
    /// Everyone whose value is at least `min`.
    Threshold { min: f64 },
}

/// Who may win. Every condition is checked for the award's period only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Eligibility {
    /// Fewer contact records in the period disqualify (0: no minimum).
    pub min_contacts: u32,
    /// A QA review with a critical failure in the period disqualifies. No QA data at all
    /// does not: the winner's reason then says there were no QA reviews.
    pub no_critical_qa: bool,
    /// Any guard rail of the card firing in the period disqualifies, whether or not it
    /// lowered the total.
    pub no_guard_rail: bool,
    /// A grade below this (or no grade) disqualifies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_grade: Option<Grade>,
}

/// One award and its rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRule {
    /// Stable id; the built-in ids are translated by the UI.
    pub id: String,
    /// The name of a user-defined award in both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    pub ranked_by: RankedBy,
    #[serde(default)]
    pub scope: Scope,
    pub selection: Selection,
    #[serde(default)]
    pub eligibility: Eligibility,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

impl AwardRule {
    /// Checks what does not depend on a scorecard: an id, a top N of at least 1, a finite
    /// threshold, a named dimension or metric. The message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("id: an award needs an id".to_string());
        }
        match &self.ranked_by {
            RankedBy::Dimension(id) if id.trim().is_empty() => {
                return Err(format!("ranked_by: award `{}` names no dimension", self.id))
            }
            RankedBy::Metric(id) if id.trim().is_empty() => {
                return Err(format!("ranked_by: award `{}` names no metric", self.id))
            }
            _ => {}
        }
        match self.selection {
            Selection::TopN { n: 0 } => Err(format!(
                "selection: award `{}` must pick at least the top 1",
                self.id
            )),
            Selection::Threshold { min } if !min.is_finite() => Err(format!(
                "selection: the threshold of award `{}` must be a number",
                self.id
            )),
            _ => Ok(()),
        }
    }

    /// [`AwardRule::validate`], and the dimension or metric it ranks by must be on `card`.
    pub fn validate_for(&self, card: &Scorecard) -> Result<(), String> {
        self.validate()?;
        match &self.ranked_by {
            RankedBy::Dimension(id) if !card.dimensions.iter().any(|d| &d.id == id) => {
                Err(format!(
                    "ranked_by: dimension `{id}` of award `{}` is not on the scorecard",
                    self.id
                ))
            }
            RankedBy::Metric(id) if card.find_metric(id).is_none() => Err(format!(
                "ranked_by: metric `{id}` of award `{}` is not on the scorecard",
                self.id
            )),
            _ => Ok(()),
        }
    }

    /// The rule in plain English, for the CLI and logs ("top 3 by total, at least 100
    /// contacts, no critical QA error, no guard rail hit").
    pub fn describe(&self) -> String {
        let by = match &self.ranked_by {
            RankedBy::Total => "total".to_string(),
            RankedBy::Dimension(id) => format!("dimension `{id}`"),
            RankedBy::Metric(id) => format!("metric `{id}`"),
            RankedBy::Change => "change against the previous period".to_string(),
        };
        let mut parts = vec![match self.selection {
            Selection::TopN { n } => format!("top {n} by {by}"),
            Selection::Threshold { min } => format!("{by} at least {min}"),
        }];
        if self.scope == Scope::PerTeam {
            parts[0].push_str(" in each team");
        }
        let e = &self.eligibility;
        if e.min_contacts > 0 {
            parts.push(format!("at least {} contacts", e.min_contacts));
        }
        if e.no_critical_qa {
            parts.push("no critical QA error".to_string());
        }
        if e.no_guard_rail {
            parts.push("no guard rail hit".to_string());
        }
        if let Some(grade) = e.min_grade {
            parts.push(format!("grade {} or better", grade.english()));
        }
        parts.join(", ")
    }
}

/// A built-in award: centre-wide top 3, enabled.
fn builtin(id: &str, ranked_by: RankedBy, eligibility: Eligibility) -> AwardRule {
    AwardRule {
        id: id.to_string(),
        label: None,
        ranked_by,
        scope: Scope::Centre,
        selection: Selection::TopN { n: 3 },
        eligibility,
        enabled: true,
    }
}

/// The awards a new workspace starts with (dimension ids of the default card):
/// - 服务之星 service star: top 3 by total, at least 100 contacts, no critical QA error,
///   no guard rail hit;
/// - 满意之星 satisfaction star: top 3 by customer satisfaction, at least 100 contacts
///   (a handful of ratings is noise);
/// - 效率之星 efficiency star: top 3 by efficiency, at least 100 contacts and no guard
///   rail hit, so speed bought with complaints (the fast-but-sloppy pattern) never wins;
/// - 进步之星 most improved: top 3 by change of total, at least 100 contacts.
pub fn default_awards() -> Vec<AwardRule> {
    let volume = Eligibility {
        min_contacts: 100,
        ..Eligibility::default()
    };
    vec![
        builtin(
            SERVICE_STAR,
            RankedBy::Total,
            Eligibility {
                min_contacts: 100,
                no_critical_qa: true,
                no_guard_rail: true,
                min_grade: None,
            },
        ),
        builtin(
            SATISFACTION_STAR,
            RankedBy::Dimension("customer_satisfaction".to_string()),
            volume.clone(),
        ),
        builtin(
            EFFICIENCY_STAR,
            RankedBy::Dimension("efficiency".to_string()),
            Eligibility {
                no_guard_rail: true,
                ..volume.clone()
            },
        ),
        builtin(MOST_IMPROVED, RankedBy::Change, volume),
    ]
}
