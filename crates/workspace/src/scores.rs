//! Scores of the workspace under the scheme in force: one compiled scheme and score board
//! per measured table (agents, teams, centre), plus the look-ups the pages need. Pure Rust.

use carescore_engine::measure::{MeasureRow, MeasureTable};
use carescore_engine::scorecard::{GuardRail, Scorecard, ScorecardError, ScorecardHistory};
use carescore_engine::scoring::{
    flags, CompiledScheme, DimensionCell, Explanation, MetricCell, RowScore, ScoreBoard,
};

use crate::feedback::FeedbackStore;
use crate::measured::Measured;

/// One measured table with its scores. Row indices are shared by `table.rows`, the
/// workspace's table of the same grouping, and `board.rows`.
#[derive(Clone, Debug)]
pub struct ScoredTable {
    /// The table scored: the workspace's contact table with the feedback columns appended
    /// (same rows, same order; see [`crate::feedback`]).
    pub table: MeasureTable,
    pub scheme: CompiledScheme,
    pub board: ScoreBoard,
}

impl ScoredTable {
    fn score(table: MeasureTable, history: &ScorecardHistory) -> Result<Self, ScorecardError> {
        let scheme = CompiledScheme::compile(history, &table)?;
        let board = scheme.score();
        Ok(ScoredTable {
            table,
            scheme,
            board,
        })
    }

    /// The scorecard that scored a row (the version in force for its period).
    pub fn card_of(&self, row: usize) -> &Scorecard {
        let version = usize::from(self.board.rows[row].version);
        &self.scheme.history().versions[version].scorecard
    }

    pub fn row(&self, row: usize) -> &RowScore {
        &self.board.rows[row]
    }

    pub fn dimensions(&self, row: usize) -> &[DimensionCell] {
        self.board.dimensions(row)
    }

    pub fn metrics(&self, row: usize) -> &[MetricCell] {
        self.board.metrics(row)
    }

    /// The engine's explanation of one row's total. `table` is the workspace table the
    /// row index refers to; the values explained are the scored table's (with feedback).
    pub fn explain(&self, table: &MeasureTable, row: usize) -> Option<Explanation> {
        let measured = &table.rows[row];
        self.scheme
            .explain(&self.table, &self.board, &measured.group, &measured.period)
    }
}

/// Scores for every table of a workspace.
#[derive(Clone, Debug)]
pub struct Scores {
    pub agents: ScoredTable,
    pub teams: ScoredTable,
    pub centre: ScoredTable,
}

impl Scores {
    /// Scores of the contact tables alone.
    pub fn compute(
        workspace: &Measured,
        history: &ScorecardHistory,
    ) -> Result<Self, ScorecardError> {
        Scores::compute_with(workspace, history, &FeedbackStore::default())
    }

    /// Scores of the contact tables with the feedback's measures joined in. Only the
    /// feedback is aggregated; the records are never measured again.
    pub fn compute_with(
        workspace: &Measured,
        history: &ScorecardHistory,
        feedback: &FeedbackStore,
    ) -> Result<Self, ScorecardError> {
        let tables = feedback.scored_tables(workspace);
        Ok(Scores {
            agents: ScoredTable::score(tables.agents, history)?,
            teams: ScoredTable::score(tables.teams, history)?,
            centre: ScoredTable::score(tables.centre, history)?,
        })
    }
}

/// Indices of the rows of one period, in table order.
pub fn rows_in_period(table: &MeasureTable, period: &str) -> Vec<usize> {
    table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.period == period)
        .map(|(i, _)| i)
        .collect()
}

/// The row of a group in a period.
pub fn row_index(table: &MeasureTable, group: &str, period: &str) -> Option<usize> {
    table
        .rows
        .iter()
        .position(|row| row.group == group && row.period == period)
}

/// Agent rows of one team in a period.
pub fn team_member_rows(agents: &MeasureTable, team: &str, period: &str) -> Vec<usize> {
    agents
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.period == period && row.team.as_deref() == Some(team))
        .map(|(i, _)| i)
        .collect()
}

/// Rows sorted best first: by total (unscored last), then by name for a stable order.
pub fn ranked(table: &MeasureTable, scored: &ScoredTable, mut rows: Vec<usize>) -> Vec<usize> {
    rows.sort_by(|&a, &b| {
        let (ta, tb) = (scored.row(a).total, scored.row(b).total);
        match (ta, tb) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| table.rows[a].group.cmp(&table.rows[b].group))
    });
    rows
}

/// Something a manager should look at for one agent in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub agent: String,
    pub team: Option<String>,
    pub kind: AlertKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AlertKind {
    /// A guard rail of the card fired; `capped` when it lowered the total.
    GuardRail { rail: GuardRail, capped: bool },
    /// Some metric's sample is below the card's minimum; the ids of those metrics.
    SmallSample { metric_ids: Vec<String> },
    /// No dimension had data: no total.
    NoScore,
}

/// The alerts of one period's agent rows: guard rails first, then missing scores, then
/// small samples; agents by name within a kind.
pub fn alerts(agents: &MeasureTable, scored: &ScoredTable, period: &str) -> Vec<Alert> {
    let mut rails = Vec::new();
    let mut missing = Vec::new();
    let mut small = Vec::new();
    for row in rows_in_period(agents, period) {
        let measured: &MeasureRow = &agents.rows[row];
        let score = scored.row(row);
        let card = scored.card_of(row);
        let alert = |kind| Alert {
            agent: measured.group.clone(),
            team: measured.team.clone(),
            kind,
        };
        for (i, rail) in card.guard_rails.iter().enumerate() {
            if i < 32 && score.rails_fired & (1 << i) != 0 {
                rails.push(alert(AlertKind::GuardRail {
                    rail: rail.clone(),
                    capped: score.has_flag(flags::CAPPED),
                }));
            }
        }
        if score.total.is_none() {
            missing.push(alert(AlertKind::NoScore));
        }
        if score.has_flag(flags::SMALL_SAMPLE) {
            let metric_ids = card
                .metric_ids()
                .zip(scored.metrics(row))
                .filter(|(_, cell)| cell.small_sample && cell.score.is_some())
                .map(|(id, _)| id.to_string())
                .collect();
            small.push(alert(AlertKind::SmallSample { metric_ids }));
        }
    }
    let by_agent = |a: &Alert, b: &Alert| a.agent.cmp(&b.agent);
    rails.sort_by(by_agent);
    missing.sort_by(by_agent);
    small.sort_by(by_agent);
    rails.into_iter().chain(missing).chain(small).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::scorecard::defaults::default_history;
    use std::collections::BTreeSet;

    fn demo() -> (Measured, Scores) {
        let history = default_history();
        let ws = Measured::demo(&history).expect("the demo ingests");
        let scores = Scores::compute(&ws, &history).expect("the default scheme compiles");
        (ws, scores)
    }

    #[test]
    fn the_demo_workspace_is_measured_by_agent_team_and_centre_and_fully_scored() {
        let (ws, scores) = demo();
        assert_eq!(ws.periods.len(), 3, "{:?}", ws.periods);
        assert_eq!(ws.summary.teams, 3);
        assert!(ws.summary.agents >= 20, "{} agents", ws.summary.agents);
        assert!(
            ws.rejected.is_empty(),
            "{:?}",
            &ws.rejected[..ws.rejected.len().min(3)]
        );
        assert_eq!(ws.summary.records, ws.summary.rows_read);
        let latest = ws.latest_period().unwrap();
        assert_eq!(rows_in_period(&ws.centre, latest).len(), 1);
        assert_eq!(rows_in_period(&ws.teams, latest).len(), 3);
        assert_eq!(scores.agents.board.rows.len(), ws.agents.rows.len());
        for (i, row) in ws.agents.rows.iter().enumerate() {
            let score = scores.agents.row(i);
            let total = score
                .total
                .unwrap_or_else(|| panic!("{} {} has no total", row.group, row.period));
            assert!((0.0..=100.0).contains(&total));
            assert_eq!(scores.agents.dimensions(i).len(), 4);
        }
    }

    #[test]
    fn team_members_partition_the_agents_of_a_period() {
        let (ws, _) = demo();
        let latest = ws.latest_period().unwrap();
        let mut seen = BTreeSet::new();
        for team in rows_in_period(&ws.teams, latest) {
            let name = &ws.teams.rows[team].group;
            for row in team_member_rows(&ws.agents, name, latest) {
                assert!(seen.insert(row), "agent row {row} in two teams");
            }
        }
        assert_eq!(seen.len(), rows_in_period(&ws.agents, latest).len());
    }

    #[test]
    fn ranked_puts_the_best_total_first_and_agrees_with_engine_ranks() {
        let (ws, scores) = demo();
        let latest = ws.latest_period().unwrap();
        let order = ranked(
            &ws.agents,
            &scores.agents,
            rows_in_period(&ws.agents, latest),
        );
        let totals: Vec<f64> = order
            .iter()
            .map(|&r| scores.agents.row(r).total.unwrap())
            .collect();
        assert!(totals.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(scores.agents.row(order[0]).rank, Some(1));
        let ranks: Vec<u32> = order
            .iter()
            .map(|&r| scores.agents.row(r).rank.unwrap())
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    }

    #[test]
    fn alerts_name_agents_of_the_period_and_fired_rails_come_first() {
        let (ws, scores) = demo();
        let latest = ws.latest_period().unwrap();
        let list = alerts(&ws.agents, &scores.agents, latest);
        let agents: BTreeSet<&str> = rows_in_period(&ws.agents, latest)
            .into_iter()
            .map(|r| ws.agents.rows[r].group.as_str())
            .collect();
        for alert in &list {
            assert!(agents.contains(alert.agent.as_str()));
        }
        let first_other = list
            .iter()
            .position(|a| !matches!(a.kind, AlertKind::GuardRail { .. }))
            .unwrap_or(list.len());
        assert!(list[first_other..]
            .iter()
            .all(|a| !matches!(a.kind, AlertKind::GuardRail { .. })));
    }

    #[test]
    fn every_agent_row_has_an_explanation_matching_its_total() {
        let (ws, scores) = demo();
        for row in rows_in_period(&ws.agents, ws.latest_period().unwrap()) {
            let ex = scores
                .agents
                .explain(&ws.agents, row)
                .expect("an explanation");
            assert_eq!(ex.total, scores.agents.row(row).total);
            assert_eq!(ex.group, ws.agents.rows[row].group);
        }
    }

    /// Prints how long the demo takes natively (generate, ingest, measure x3, score x3).
    /// `cargo test --release --lib demo_timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn demo_timing() {
        let history = default_history();
        for _ in 0..3 {
            let start = std::time::Instant::now();
            let ws = Measured::demo(&history).unwrap();
            let measured = start.elapsed();
            let scores = Scores::compute(&ws, &history).unwrap();
            println!(
                "demo: {} records, {} agent rows; load+measure {:?}, score {:?}",
                ws.summary.records,
                ws.agents.rows.len(),
                measured,
                start.elapsed() - measured
            );
            assert!(!scores.agents.board.rows.is_empty());
        }
    }
}
