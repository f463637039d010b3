//! Comparing two periods for the dashboard: which period to compare with, one period's
//! headline figures, the agents whose totals moved most, and the data-quality note of the
//! last import. Pure Rust, tested natively; the dashboard only lays the results out.

use std::cmp::Ordering;

use carescore_engine::measure::MeasureTable;
use carescore_engine::scorecard::Grade;

use crate::formats::saved_state::ImportLog;
use crate::measured::Measured;
use crate::scores::Scores;
use crate::scores::{rows_in_period, ScoredTable};

/// What the "compare with" picker holds. The default follows the selected period, so
/// moving the period picker keeps comparing with the month before.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CompareChoice {
    /// The period before the selected one (nothing when it is the first).
    #[default]
    Previous,
    /// No comparison.
    Off,
    /// A period the user picked.
    Period(String),
}

impl CompareChoice {
    /// The choice for a picked period: picking the previous one stays [`Previous`], so it
    /// keeps following the period picker.
    ///
    /// [`Previous`]: CompareChoice::Previous
    pub fn picked(periods: &[String], selected: &str, picked: &str) -> CompareChoice {
        if previous_period(periods, selected).as_deref() == Some(picked) {
            CompareChoice::Previous
        } else {
            CompareChoice::Period(picked.to_string())
        }
    }

    /// The period to compare `selected` with. A picked period that the data lacks, or that
    /// is the selected one itself, falls back to the previous period.
    pub fn resolve(&self, periods: &[String], selected: &str) -> Option<String> {
        match self {
            CompareChoice::Off => None,
            CompareChoice::Period(p) if p != selected && periods.contains(p) => Some(p.clone()),
            CompareChoice::Previous | CompareChoice::Period(_) => {
                previous_period(periods, selected)
            }
        }
    }
}

/// The period listed just before `period` (`periods` sorted oldest first).
pub fn previous_period(periods: &[String], period: &str) -> Option<String> {
    let at = periods.iter().position(|p| p == period)?;
    at.checked_sub(1).map(|i| periods[i].clone())
}

/// Agents per grade, best grade first, and how many had no grade.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GradeCounts {
    pub counts: [usize; 4],
    pub ungraded: usize,
}

impl GradeCounts {
    pub fn of(scored: &ScoredTable, rows: &[usize]) -> GradeCounts {
        let mut out = GradeCounts::default();
        for &row in rows {
            match scored.row(row).grade {
                Some(grade) => out.counts[grade_index(grade)] += 1,
                None => out.ungraded += 1,
            }
        }
        out
    }

    pub fn count(&self, grade: Grade) -> usize {
        self.counts[grade_index(grade)]
    }
}

fn grade_index(grade: Grade) -> usize {
    Grade::ALL.iter().position(|g| *g == grade).unwrap_or(3)
}

/// The dashboard's headline figures of one period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeriodSummary {
    pub period: String,
    pub agents: usize,
    pub contacts: u32,
    pub centre_total: Option<f64>,
    pub centre_grade: Option<Grade>,
    pub grades: GradeCounts,
}

impl PeriodSummary {
    pub fn of(ws: &Measured, scores: &Scores, period: &str) -> PeriodSummary {
        let agent_rows = rows_in_period(&ws.agents, period);
        let centre_row = rows_in_period(&ws.centre, period).first().copied();
        PeriodSummary {
            period: period.to_string(),
            agents: agent_rows.len(),
            contacts: centre_row.map_or(0, |row| ws.centre.rows[row].records),
            centre_total: centre_row.and_then(|row| scores.centre.row(row).total),
            centre_grade: centre_row.and_then(|row| scores.centre.row(row).grade),
            grades: GradeCounts::of(&scores.agents, &agent_rows),
        }
    }
}

/// `after - before` when both exist.
pub fn difference(after: Option<f64>, before: Option<f64>) -> Option<f64> {
    match (after, before) {
        (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some(a - b),
        _ => None,
    }
}

/// A difference of counts with an explicit sign: `+3`, `−2` (a real minus), `±0`.
pub fn signed_count(after: usize, before: usize) -> String {
    match after.cmp(&before) {
        Ordering::Greater => format!("+{}", after - before),
        Ordering::Less => format!("−{}", before - after),
        Ordering::Equal => "±0".to_string(),
    }
}

/// The total of a group (team, agent) in a period, if it was scored.
pub fn total_in(
    table: &MeasureTable,
    scored: &ScoredTable,
    group: &str,
    period: &str,
) -> Option<f64> {
    table
        .rows
        .iter()
        .position(|row| row.group == group && row.period == period)
        .and_then(|row| scored.row(row).total)
}

/// One agent's result in one period, as the movers compare them.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentPoint {
    pub agent: String,
    pub team: Option<String>,
    pub total: Option<f64>,
    pub grade: Option<Grade>,
}

/// Every agent of a period with its total and grade.
pub fn agent_points(agents: &MeasureTable, scored: &ScoredTable, period: &str) -> Vec<AgentPoint> {
    rows_in_period(agents, period)
        .into_iter()
        .map(|row| {
            let measured = &agents.rows[row];
            let score = scored.row(row);
            AgentPoint {
                agent: measured.group.clone(),
                team: measured.team.clone(),
                total: score.total,
                grade: score.grade,
            }
        })
        .collect()
}

/// An agent whose total changed between the compared period and the selected one.
#[derive(Clone, Debug, PartialEq)]
pub struct Mover {
    pub agent: String,
    /// The team in the selected period.
    pub team: Option<String>,
    pub before: f64,
    pub after: f64,
    /// `after - before`.
    pub change: f64,
    pub grade_before: Option<Grade>,
    pub grade_after: Option<Grade>,
}

/// The biggest risers (largest gain first) and fallers (largest loss first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Movers {
    pub up: Vec<Mover>,
    pub down: Vec<Mover>,
}

/// Changes smaller than this read `±0.0` at one decimal: not a move.
const STILL: f64 = 0.05;

/// Up to `limit` risers and `limit` fallers from `before` (the compared period) to `after`
/// (the selected one). Agents missing or unscored in either period are not movers: a new
/// joiner did not "rise" from nothing. Equal changes are ordered by name.
pub fn movers(before: &[AgentPoint], after: &[AgentPoint], limit: usize) -> Movers {
    let mut all: Vec<Mover> = after
        .iter()
        .filter_map(|now| {
            let then = before.iter().find(|b| b.agent == now.agent)?;
            let (b, a) = (then.total?, now.total?);
            let change = difference(Some(a), Some(b))?;
            Some(Mover {
                agent: now.agent.clone(),
                team: now.team.clone(),
                before: b,
                after: a,
                change,
                grade_before: then.grade,
                grade_after: now.grade,
            })
        })
        .filter(|m| m.change.abs() >= STILL)
        .collect();
    all.sort_by(|x, y| {
        y.change
            .total_cmp(&x.change)
            .then_with(|| x.agent.cmp(&y.agent))
    });
    let up: Vec<Mover> = all
        .iter()
        .filter(|m| m.change > 0.0)
        .take(limit)
        .cloned()
        .collect();
    let mut down: Vec<Mover> = all.into_iter().filter(|m| m.change < 0.0).collect();
    down.sort_by(|x, y| {
        x.change
            .total_cmp(&y.change)
            .then_with(|| x.agent.cmp(&y.agent))
    });
    down.truncate(limit);
    Movers { up, down }
}

/// What the dashboard says about the last import when it lost or merged rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportQuality {
    pub file: String,
    pub rejected: usize,
    pub duplicates: usize,
}

/// The newest import (`imports` is oldest first), when it had rejected or duplicate rows.
pub fn import_quality(imports: &[ImportLog]) -> Option<ImportQuality> {
    let last = imports.last()?;
    (last.rejected > 0 || last.duplicates > 0).then(|| ImportQuality {
        file: last.file.clone(),
        rejected: last.rejected,
        duplicates: last.duplicates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::scorecard::defaults::default_history;

    fn periods() -> Vec<String> {
        ["2026-04", "2026-05", "2026-06"].map(String::from).to_vec()
    }

    fn point(agent: &str, total: Option<f64>, grade: Option<Grade>) -> AgentPoint {
        AgentPoint {
            agent: agent.into(),
            team: Some("T".into()),
            total,
            grade,
        }
    }

    #[test]
    fn the_default_compares_with_the_period_before_the_selected_one() {
        let p = periods();
        let choice = CompareChoice::default();
        assert_eq!(choice.resolve(&p, "2026-06").as_deref(), Some("2026-05"));
        assert_eq!(choice.resolve(&p, "2026-05").as_deref(), Some("2026-04"));
        assert_eq!(
            choice.resolve(&p, "2026-04"),
            None,
            "the first has no previous"
        );
        assert_eq!(CompareChoice::Off.resolve(&p, "2026-06"), None);
    }

    #[test]
    fn a_picked_period_sticks_unless_it_is_missing_or_the_selected_one() {
        let p = periods();
        let picked = CompareChoice::picked(&p, "2026-06", "2026-04");
        assert_eq!(picked, CompareChoice::Period("2026-04".into()));
        assert_eq!(picked.resolve(&p, "2026-05").as_deref(), Some("2026-04"));
        // Picking the period itself (after moving the period picker) falls back.
        assert_eq!(picked.resolve(&p, "2026-04"), None);
        let gone = CompareChoice::Period("2025-01".into());
        assert_eq!(gone.resolve(&p, "2026-06").as_deref(), Some("2026-05"));
        // Picking the previous period keeps following the period picker.
        assert_eq!(
            CompareChoice::picked(&p, "2026-06", "2026-05"),
            CompareChoice::Previous
        );
    }

    #[test]
    fn counts_and_scores_differ_with_a_sign() {
        assert_eq!(signed_count(24, 21), "+3");
        assert_eq!(signed_count(19, 21), "−2");
        assert_eq!(signed_count(5, 5), "±0");
        assert_eq!(difference(Some(80.0), Some(75.5)), Some(4.5));
        assert_eq!(difference(Some(80.0), None), None);
        assert_eq!(difference(None, Some(80.0)), None);
    }

    #[test]
    fn movers_are_the_largest_changes_each_way_with_ties_by_name() {
        use Grade::*;
        let before = [
            point("Ann", Some(70.0), Some(Pass)),
            point("Bo", Some(80.0), Some(Good)),
            point("Cy", Some(60.0), Some(Pass)),
            point("Di", Some(88.0), Some(Good)),
            point("Ed", Some(50.0), Some(NeedsImprovement)),
            point("Fay", Some(75.0), Some(Good)),
        ];
        let after = [
            point("Cy", Some(65.0), Some(Pass)),              // +5
            point("Ann", Some(75.0), Some(Good)),             // +5, before Cy by name
            point("Bo", Some(70.0), Some(Pass)),              // -10
            point("Di", Some(91.0), Some(Excellent)),         // +3
            point("Ed", Some(50.02), Some(NeedsImprovement)), // still
            point("Fay", Some(74.0), Some(NeedsImprovement)), // -1
        ];
        let m = movers(&before, &after, 2);
        let names = |list: &[Mover]| list.iter().map(|m| m.agent.clone()).collect::<Vec<_>>();
        assert_eq!(names(&m.up), ["Ann", "Cy"]);
        assert_eq!(names(&m.down), ["Bo", "Fay"]);
        assert_eq!(m.up[0].grade_before, Some(Pass));
        assert_eq!(m.up[0].grade_after, Some(Good));
        assert!((m.down[0].change + 10.0).abs() < 1e-9);
        let all = movers(&before, &after, 5);
        assert_eq!(names(&all.up), ["Ann", "Cy", "Di"]);
        assert!(
            !names(&all.down).contains(&"Ed".to_string()),
            "±0.0 is no move"
        );
    }

    #[test]
    fn agents_missing_or_unscored_in_either_period_are_not_movers() {
        let before = [
            point("Leaver", Some(90.0), None),
            point("Unscored", None, None),
            point("Stayer", Some(60.0), None),
        ];
        let after = [
            point("Joiner", Some(95.0), None),
            point("Unscored", Some(99.0), None),
            point("Stayer", Some(40.0), None),
        ];
        let m = movers(&before, &after, 5);
        assert!(m.up.is_empty(), "{:?}", m.up);
        assert_eq!(m.down.len(), 1);
        assert_eq!(m.down[0].agent, "Stayer");
        assert_eq!(movers(&[], &after, 5), Movers::default());
    }

    #[test]
    fn the_demo_has_movers_between_its_last_two_periods_matching_engine_changes() {
        let history = default_history();
        let ws = Measured::demo(&history).unwrap();
        let scores = Scores::compute(&ws, &history).unwrap();
        let latest = ws.latest_period().unwrap();
        let before_period = previous_period(&ws.periods, latest).unwrap();
        let before = agent_points(&ws.agents, &scores.agents, &before_period);
        let after = agent_points(&ws.agents, &scores.agents, latest);
        let m = movers(&before, &after, 5);
        assert!(!m.up.is_empty() || !m.down.is_empty());
        assert!(m.up.len() <= 5 && m.down.len() <= 5);
        assert!(m.up.windows(2).all(|w| w[0].change >= w[1].change));
        assert!(m.down.windows(2).all(|w| w[0].change <= w[1].change));
        // The demo's months are consecutive, so the change is the engine's own.
        for mover in m.up.iter().chain(&m.down) {
            let row = crate::scores::row_index(&ws.agents, &mover.agent, latest).unwrap();
            let engine = scores.agents.row(row).change.unwrap();
            assert!((engine - mover.change).abs() < 1e-9, "{}", mover.agent);
        }
    }

    #[test]
    fn summaries_count_every_agent_once_by_grade() {
        let history = default_history();
        let ws = Measured::demo(&history).unwrap();
        let scores = Scores::compute(&ws, &history).unwrap();
        for period in &ws.periods {
            let s = PeriodSummary::of(&ws, &scores, period);
            assert_eq!(
                s.grades.counts.iter().sum::<usize>() + s.grades.ungraded,
                s.agents
            );
            assert!(s.contacts > 0 && s.centre_total.is_some(), "{period}");
        }
        let latest = ws.latest_period().unwrap();
        let team = &ws.teams.rows[rows_in_period(&ws.teams, latest)[0]].group;
        assert!(total_in(&ws.teams, &scores.teams, team, latest).is_some());
        assert_eq!(total_in(&ws.teams, &scores.teams, team, "1999-01"), None);
    }

    #[test]
    fn only_a_lossy_last_import_raises_a_quality_note() {
        let log = |file: &str, rejected, duplicates| ImportLog {
            file: file.into(),
            rows_read: 100,
            added: 100 - rejected - duplicates,
            updated: 0,
            duplicates,
            rejected,
        };
        assert_eq!(import_quality(&[]), None);
        assert_eq!(import_quality(&[log("a.csv", 0, 0)]), None);
        // Only the newest counts: an older lossy import was already seen.
        assert_eq!(
            import_quality(&[log("a.csv", 5, 0), log("b.csv", 0, 0)]),
            None
        );
        assert_eq!(
            import_quality(&[log("a.csv", 0, 0), log("b.csv", 12, 3)]),
            Some(ImportQuality {
                file: "b.csv".into(),
                rejected: 12,
                duplicates: 3
            })
        );
        assert!(import_quality(&[log("c.csv", 0, 1)]).is_some());
    }
}
