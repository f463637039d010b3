//! Applying an [`AwardRule`] to one period of a scored table: candidates, eligibility,
//! ranking with ties, winners with their reasons, and the excluded candidates who would
//! otherwise have won.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{AwardRule, RankedBy, Scope, Selection};
use crate::feedback::measures::QA_CRITICAL_FAIL_COUNT;
use crate::measure::{MeasureRow, MeasureTable};
use crate::scorecard::{Grade, GuardRail, Scorecard};
use crate::scoring::{CompiledScheme, RowScore, ScoreBoard};

/// Why a winner qualified, one entry per rule it met. Structured so the UI can translate;
/// [`fmt::Display`] gives plain English.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// `position` of `of` eligible candidates (in the team for a per-team award).
    Ranked {
        position: u32,
        of: u32,
        value: f64,
    },
    AtLeastThreshold {
        value: f64,
        threshold: f64,
    },
    Contacts {
        records: u32,
        min: u32,
    },
    /// No QA review with a critical failure; `reviews: None` means there were no QA
    /// reviews at all (which does not disqualify).
    NoCriticalQa {
        reviews: Option<u32>,
    },
    NoGuardRail,
    GradeAtLeast {
        grade: Grade,
        min: Grade,
    },
}

/// Why an otherwise winning candidate was excluded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Failure {
    TooFewContacts {
        records: u32,
        min: u32,
    },
    /// `count` QA reviews with a critical failure out of `reviews`.
    CriticalQa {
        count: u32,
        reviews: u32,
    },
    /// The card's guard rails that fired for the candidate in the period.
    GuardRail {
        rails: Vec<GuardRail>,
    },
    /// `grade: None` when the candidate has no grade.
    GradeBelow {
        grade: Option<Grade>,
        min: Grade,
    },
}

/// One winner of an award.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Winner {
    pub group: String,
    pub team: Option<String>,
    /// The value the award ranks by (total, score, or change in points).
    pub value: f64,
    /// Competition rank among the eligible candidates of its scope (ties share it).
    pub rank_in_award: u32,
    pub reasons: Vec<Reason>,
}

/// A candidate who would have won had it been eligible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ineligible {
    pub group: String,
    pub team: Option<String>,
    pub value: f64,
    /// Competition rank among every candidate of its scope, eligible or not: "had the
    /// best total" is position 1.
    pub position: u32,
    /// Every condition it failed (at least one).
    pub failures: Vec<Failure>,
}

/// The result of one award for one period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AwardOutcome {
    /// Scope by scope (centre, or team by team in name order), best first.
    pub winners: Vec<Winner>,
    /// Excluded candidates who would have won, best first within each scope.
    pub ineligible: Vec<Ineligible>,
}

struct Candidate<'a> {
    measured: &'a MeasureRow,
    value: f64,
    met: Vec<Reason>,
    failed: Vec<Failure>,
}

/// Decides one award for one period of `table` (agent rows), scored by `scheme` into
/// `board` (both built from `table`).
///
/// Candidates are the period's rows with a total (unscored rows never win) and a value for
/// what the award ranks by: a dimension or metric that was N/A, or a change with no
/// previous period, leaves the row out. Among the eligible candidates of a scope, positions
/// are competition ranks: equal values share a position and the next skips (1, 1, 3).
/// **A top-N award includes everyone tied at the cut**, so it may have more than N
/// winners; a threshold award takes everyone at or above the threshold.
///
/// An excluded candidate is listed in [`AwardOutcome::ineligible`] when it would have won
/// had it been eligible: its value reaches the cut (the N-th eligible value, or the
/// threshold), or fewer than N candidates are eligible.
pub fn decide(
    rule: &AwardRule,
    table: &MeasureTable,
    scheme: &CompiledScheme,
    board: &ScoreBoard,
    period: &str,
) -> AwardOutcome {
    let qa_column = table.column(QA_CRITICAL_FAIL_COUNT);
    let versions = &scheme.history().versions;
    let mut scopes: BTreeMap<Option<&str>, Vec<Candidate>> = BTreeMap::new();
    for (row, measured) in table.rows.iter().enumerate() {
        if measured.period != period {
            continue;
        }
        let Some(score) = board.rows.get(row) else {
            continue;
        };
        if score.total.is_none() {
            continue;
        }
        let card = &versions[usize::from(score.version)].scorecard;
        let Some(value) = value_of(&rule.ranked_by, card, board, row, score) else {
            continue;
        };
        let (met, failed) = check(rule, card, measured, score, qa_column);
        let key = match rule.scope {
            Scope::Centre => None,
            Scope::PerTeam => measured.team.as_deref(),
        };
        scopes.entry(key).or_default().push(Candidate {
            measured,
            value,
            met,
            failed,
        });
    }
    let mut outcome = AwardOutcome::default();
    for (_, mut candidates) in scopes {
        candidates.sort_by(|a, b| {
            b.value
                .total_cmp(&a.value)
                .then_with(|| a.measured.group.cmp(&b.measured.group))
        });
        decide_scope(rule, candidates, &mut outcome);
    }
    outcome
}

/// Winners and would-be winners of one scope; `candidates` sorted best first.
fn decide_scope(rule: &AwardRule, candidates: Vec<Candidate>, outcome: &mut AwardOutcome) {
    let eligible: Vec<f64> = candidates
        .iter()
        .filter(|c| c.failed.is_empty())
        .map(|c| c.value)
        .collect();
    let of = eligible.len() as u32;
    // Competition rank of a value among `values` (sorted descending).
    let position = |values: &[f64], value: f64| values.partition_point(|v| *v > value) as u32 + 1;
    let would_win = |value: f64| match rule.selection {
        // A top 0 (an invalid rule) picks nobody rather than everybody.
        Selection::TopN { n: 0 } => false,
        Selection::TopN { n } => eligible.get(n as usize - 1).is_none_or(|&cut| value >= cut),
        Selection::Threshold { min } => value >= min,
    };
    let all: Vec<f64> = candidates.iter().map(|c| c.value).collect();
    for candidate in candidates {
        let Candidate {
            measured,
            value,
            met,
            failed,
        } = candidate;
        if !would_win(value) {
            continue;
        }
        if failed.is_empty() {
            let rank = position(&eligible, value);
            let first = match rule.selection {
                Selection::TopN { .. } => Reason::Ranked {
                    position: rank,
                    of,
                    value,
                },
                Selection::Threshold { min } => Reason::AtLeastThreshold {
                    value,
                    threshold: min,
                },
            };
            let mut reasons = vec![first];
            reasons.extend(met);
            outcome.winners.push(Winner {
                group: measured.group.clone(),
                team: measured.team.clone(),
                value,
                rank_in_award: rank,
                reasons,
            });
        } else {
            outcome.ineligible.push(Ineligible {
                group: measured.group.clone(),
                team: measured.team.clone(),
                value,
                position: position(&all, value),
                failures: failed,
            });
        }
    }
}

/// The value a row is ranked by, if it has one.
fn value_of(
    by: &RankedBy,
    card: &Scorecard,
    board: &ScoreBoard,
    row: usize,
    score: &RowScore,
) -> Option<f64> {
    let value = match by {
        RankedBy::Total => score.total,
        RankedBy::Change => score.change,
        RankedBy::Dimension(id) => {
            let index = card.dimensions.iter().position(|d| &d.id == id)?;
            board.dimensions(row).get(index)?.score
        }
        RankedBy::Metric(id) => {
            let index = card.metric_ids().position(|m| m == id)?;
            board.metrics(row).get(index)?.score
        }
    };
    value.filter(|v| v.is_finite())
}

/// The eligibility conditions a row meets and fails.
fn check(
    rule: &AwardRule,
    card: &Scorecard,
    measured: &MeasureRow,
    score: &RowScore,
    qa_column: Option<usize>,
) -> (Vec<Reason>, Vec<Failure>) {
    let rules = &rule.eligibility;
    let mut met = Vec::new();
    let mut failed = Vec::new();
    if rules.min_contacts > 0 {
        let (records, min) = (measured.records, rules.min_contacts);
        if records >= min {
            met.push(Reason::Contacts { records, min });
        } else {
            failed.push(Failure::TooFewContacts { records, min });
        }
    }
    if rules.no_critical_qa {
        let qa = qa_column.and_then(|c| measured.values.get(c));
        match qa.and_then(|m| m.value.map(|v| (v, m.sample))) {
            Some((count, reviews)) if count > 0.0 => failed.push(Failure::CriticalQa {
                count: count.round() as u32,
                reviews,
            }),
            Some((_, reviews)) => met.push(Reason::NoCriticalQa {
                reviews: Some(reviews),
            }),
            None => met.push(Reason::NoCriticalQa { reviews: None }),
        }
    }
    if rules.no_guard_rail {
        if score.rails_fired == 0 {
            met.push(Reason::NoGuardRail);
        } else {
            let rails = card
                .guard_rails
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < 32 && score.rails_fired & (1 << i) != 0)
                .map(|(_, rail)| rail.clone())
                .collect();
            failed.push(Failure::GuardRail { rails });
        }
    }
    if let Some(min) = rules.min_grade {
        // Grades order best first: "at least good" is excellent or good.
        match score.grade {
            Some(grade) if grade <= min => met.push(Reason::GradeAtLeast { grade, min }),
            grade => failed.push(Failure::GradeBelow { grade, min }),
        }
    }
    (met, failed)
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Ranked {
                position,
                of,
                value,
            } => write!(f, "ranked {position} of {of} ({value:.1})"),
            Reason::AtLeastThreshold { value, threshold } => {
                write!(f, "{value:.1} is at least {threshold}")
            }
            Reason::Contacts { records, min } => {
                write!(f, "{records} contacts (at least {min})")
            }
            Reason::NoCriticalQa { reviews: Some(n) } => {
                write!(f, "no critical QA error in {n} reviews")
            }
            Reason::NoCriticalQa { reviews: None } => write!(f, "no QA reviews"),
            Reason::NoGuardRail => write!(f, "no guard rail hit"),
            Reason::GradeAtLeast { grade, min } => {
                write!(f, "grade {} (at least {})", grade.english(), min.english())
            }
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::TooFewContacts { records, min } => {
                write!(f, "only {records} contacts (needs {min})")
            }
            Failure::CriticalQa { count, reviews } => {
                write!(f, "{count} critical QA errors in {reviews} reviews")
            }
            Failure::GuardRail { rails } => {
                let names: Vec<String> = rails
                    .iter()
                    .map(|rail| match rail {
                        GuardRail::DimensionFloor { dimension, .. } => {
                            format!("`{dimension}` floor")
                        }
                        GuardRail::MetricCritical { metric_id, .. } => {
                            format!("`{metric_id}` limit")
                        }
                    })
                    .collect();
                write!(f, "hit a guard rail ({})", names.join(", "))
            }
            Failure::GradeBelow { grade, min } => match grade {
                Some(g) => write!(f, "grade {} (needs {})", g.english(), min.english()),
                None => write!(f, "no grade (needs {})", min.english()),
            },
        }
    }
}
