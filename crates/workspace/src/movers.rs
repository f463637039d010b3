//! Who moves when the scheme changes: the rows of one period scored by the saved version
//! against the same rows scored by the draft. Pure Rust over two score boards of the same
//! table (row indices shared), so it is tested natively and costs one pass over the period.

use std::cmp::Ordering;

use carescore_engine::scorecard::Grade;
use carescore_engine::scoring::ScoreBoard;

/// Totals closer than this count as unchanged: they print the same (one decimal).
pub const TOTAL_EPSILON: f64 = 0.05;

/// One row whose rank, total or grade changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mover {
    /// Row index in the table (and both boards).
    pub row: usize,
    pub old_total: Option<f64>,
    pub new_total: Option<f64>,
    pub old_rank: Option<u32>,
    pub new_rank: Option<u32>,
    pub old_grade: Option<Grade>,
    pub new_grade: Option<Grade>,
}

/// Which way a row moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Level,
}

impl Mover {
    /// New total minus old; a row gaining or losing its total counts from 0.
    pub fn delta(&self) -> f64 {
        match (self.old_total, self.new_total) {
            (None, None) => 0.0,
            (old, new) => new.unwrap_or(0.0) - old.unwrap_or(0.0),
        }
    }

    /// Places gained (positive: better rank); an unranked row sits below every rank.
    pub fn places(&self) -> i64 {
        let place = |r: Option<u32>| r.map_or(i64::from(u32::MAX), i64::from);
        place(self.old_rank) - place(self.new_rank)
    }

    /// Up or down by rank; by total when the rank holds.
    pub fn trend(&self) -> Trend {
        let by_total = || {
            let d = self.delta();
            if d >= TOTAL_EPSILON {
                Trend::Up
            } else if d <= -TOTAL_EPSILON {
                Trend::Down
            } else {
                Trend::Level
            }
        };
        match self.places().cmp(&0) {
            Ordering::Greater => Trend::Up,
            Ordering::Less => Trend::Down,
            Ordering::Equal => by_total(),
        }
    }

    pub fn grade_changed(&self) -> bool {
        self.old_grade != self.new_grade
    }
}

/// The movers of a period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Movers {
    /// The biggest movers, at most the limit asked for: largest total change first, then
    /// most places, then table order.
    pub top: Vec<Mover>,
    /// Rows whose rank, total or grade changes.
    pub moved: usize,
    pub up: usize,
    pub down: usize,
    pub grade_changes: usize,
    /// Mean total of the period's scored rows, before and after.
    pub mean_before: Option<f64>,
    pub mean_after: Option<f64>,
}

/// Compares `rows` (one period's row indices) between the saved and the draft board and
/// keeps the `limit` biggest movers.
pub fn movers(before: &ScoreBoard, after: &ScoreBoard, rows: &[usize], limit: usize) -> Movers {
    let mut all = Vec::new();
    let mut out = Movers::default();
    let (mut sum_before, mut n_before, mut sum_after, mut n_after) = (0.0, 0usize, 0.0, 0usize);
    for &row in rows {
        let (Some(old), Some(new)) = (before.rows.get(row), after.rows.get(row)) else {
            continue;
        };
        if let Some(t) = old.total {
            sum_before += t;
            n_before += 1;
        }
        if let Some(t) = new.total {
            sum_after += t;
            n_after += 1;
        }
        let mover = Mover {
            row,
            old_total: old.total,
            new_total: new.total,
            old_rank: old.rank,
            new_rank: new.rank,
            old_grade: old.grade,
            new_grade: new.grade,
        };
        let total_changed =
            old.total.is_some() != new.total.is_some() || mover.delta().abs() >= TOTAL_EPSILON;
        let grade_changed = mover.grade_changed();
        if !(total_changed || grade_changed || old.rank != new.rank) {
            continue;
        }
        out.moved += 1;
        out.grade_changes += usize::from(grade_changed);
        match mover.trend() {
            Trend::Up => out.up += 1,
            Trend::Down => out.down += 1,
            Trend::Level => {}
        }
        all.push(mover);
    }
    out.mean_before = (n_before > 0).then(|| sum_before / n_before as f64);
    out.mean_after = (n_after > 0).then(|| sum_after / n_after as f64);
    let biggest_first = |a: &Mover, b: &Mover| {
        b.delta()
            .abs()
            .total_cmp(&a.delta().abs())
            .then_with(|| b.places().abs().cmp(&a.places().abs()))
            .then_with(|| a.row.cmp(&b.row))
    };
    // Only the top few are shown: partition first so a 2,000-row period sorts ~10 rows.
    if all.len() > limit && limit > 0 {
        all.select_nth_unstable_by(limit - 1, biggest_first);
        all.truncate(limit);
    } else if limit == 0 {
        all.clear();
    }
    all.sort_by(biggest_first);
    out.top = all;
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use carescore_engine::measure::{Measure, MeasureRow, MeasureTable};
    use carescore_engine::scorecard::defaults::default_history;
    use carescore_engine::scoring::CompiledScheme;

    /// A synthetic agent table: `agents` agents x `periods` months, values spread so
    /// totals differ. Built directly, not from records, so large sizes are quick.
    pub(crate) fn table(agents: usize, periods: usize) -> MeasureTable {
        let metric_ids: Vec<String> = [
            "fcr_rate",
            "resolved_rate",
            "complaint_rate",
            "first_response_secs_median",
            "handle_secs_mean",
            "contacts",
            "reassign_rate",
            "csat_mean",
            "csat_top2_rate",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut rows = Vec::with_capacity(agents * periods);
        // A small deterministic generator (xorshift) so the test needs no crate.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for p in 0..periods {
            for a in 0..agents {
                let m = |v: f64| Measure {
                    value: Some(v),
                    sample: 200,
                    numerator: None,
                    excluded: vec![],
                };
                let values = vec![
                    m(0.55 + 0.4 * next()),
                    m(0.65 + 0.32 * next()),
                    m(0.035 * next()),
                    m(20.0 + 200.0 * next()),
                    m(200.0 + 450.0 * next()),
                    m(80.0 + 450.0 * next()),
                    m(0.35 * next()),
                    m(2.8 + 1.9 * next()),
                    m(0.45 + 0.5 * next()),
                ];
                rows.push(MeasureRow {
                    group: format!("agent-{a:04}"),
                    team: Some(format!("team-{}", a % 5)),
                    period: format!("2026-{:02}", 7 + p),
                    records: 200,
                    values,
                });
            }
        }
        MeasureTable { metric_ids, rows }
    }

    fn period_rows(table: &MeasureTable, period: &str) -> Vec<usize> {
        (0..table.rows.len())
            .filter(|&i| table.rows[i].period == period)
            .collect()
    }

    #[test]
    fn the_same_board_has_no_movers() {
        let t = table(50, 2);
        let scheme = CompiledScheme::compile(&default_history(), &t).unwrap();
        let board = scheme.score();
        let m = movers(&board, &board, &period_rows(&t, "2026-08"), 10);
        assert_eq!(m.moved, 0);
        assert!(m.top.is_empty());
        assert_eq!(m.mean_before, m.mean_after);
        assert!(m.mean_before.is_some());
    }

    #[test]
    fn a_weight_change_lists_the_biggest_movers_first_with_ranks_and_grades() {
        let t = table(200, 2);
        let scheme = CompiledScheme::compile(&default_history(), &t).unwrap();
        let before = scheme.score();
        let mut draft = scheme.clone();
        // Everything on customer satisfaction: ranks reshuffle.
        for d in 0..3 {
            draft.set_dimension_weight(0, d, 0.0).unwrap();
        }
        let mut after = before.clone();
        draft.score_into(&mut after);
        let rows = period_rows(&t, "2026-08");
        let m = movers(&before, &after, &rows, 10);
        assert_eq!(m.top.len(), 10);
        assert!(m.moved > 100, "{} moved", m.moved);
        assert!(m.up + m.down <= m.moved);
        assert!(m.up > 0 && m.down > 0);
        let deltas: Vec<f64> = m.top.iter().map(|x| x.delta().abs()).collect();
        assert!(deltas.windows(2).all(|w| w[0] >= w[1]), "{deltas:?}");
        // The top mover is the biggest of all rows of the period.
        let biggest = rows
            .iter()
            .map(|&r| (after.rows[r].total.unwrap() - before.rows[r].total.unwrap()).abs())
            .fold(0.0, f64::max);
        assert!((deltas[0] - biggest).abs() < 1e-9);
        for x in &m.top {
            assert!(rows.contains(&x.row), "only rows of the period");
            assert_eq!(x.old_total, before.rows[x.row].total);
            assert_eq!(x.new_rank, after.rows[x.row].rank);
        }
        let grade_changes = rows
            .iter()
            .filter(|&&r| before.rows[r].grade != after.rows[r].grade)
            .count();
        assert_eq!(m.grade_changes, grade_changes);
        assert!(grade_changes > 0);
    }

    #[test]
    fn trend_follows_rank_then_total() {
        let base = Mover {
            row: 0,
            old_total: Some(80.0),
            new_total: Some(82.0),
            old_rank: Some(5),
            new_rank: Some(5),
            old_grade: None,
            new_grade: None,
        };
        assert_eq!(base.trend(), Trend::Up);
        assert_eq!(
            Mover {
                new_rank: Some(7),
                ..base
            }
            .trend(),
            Trend::Down,
            "dropping places is down even when the total rose"
        );
        assert_eq!(
            Mover {
                new_total: Some(80.01),
                ..base
            }
            .trend(),
            Trend::Level
        );
        let lost = Mover {
            new_total: None,
            new_rank: None,
            ..base
        };
        assert!(lost.places() < 0 && lost.trend() == Trend::Down);
    }
}
