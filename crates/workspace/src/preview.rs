//! The draft's scores: a copy of the saved compiled scheme with the draft put in place of
//! the edited version, and a score board re-scored in place after every edit. Only
//! re-scores, never re-measures: the measured table is the one the saved scores came from.
//! Pure Rust, tested (and timed) natively.

use carescore_engine::measure::MeasureTable;
use carescore_engine::scorecard::{Scorecard, ScorecardError};
use carescore_engine::scoring::{CompiledScheme, ScoreBoard};

use crate::draft::Edit;

/// The draft scored over the whole table (every period: ranks and changes need them).
#[derive(Clone, Debug)]
pub struct Preview {
    version: usize,
    scheme: CompiledScheme,
    board: ScoreBoard,
    /// Whether the scheme holds the draft as it is now. False after an edit the engine
    /// refused: the board then shows the last valid draft, and the next edit recompiles.
    in_step: bool,
}

impl Preview {
    /// Starts from the saved scores of `version`. Copies the compiled scheme and board
    /// once (the saved ones are shared and stay as they are); every edit after that
    /// re-scores into the same buffers.
    pub fn new(scheme: &CompiledScheme, board: &ScoreBoard, version: usize) -> Preview {
        Preview {
            version,
            scheme: scheme.clone(),
            board: board.clone(),
            in_step: true,
        }
    }

    pub fn board(&self) -> &ScoreBoard {
        &self.board
    }

    /// Brings the scores in step with `draft` after `edit`. A weight edit takes the
    /// engine's O(1) path and keeps every metric score; any other edit recompiles the
    /// one card (no table work). On error the board keeps the last valid draft's scores.
    pub fn update(
        &mut self,
        draft: &Scorecard,
        edit: Edit,
        table: &MeasureTable,
    ) -> Result<(), ScorecardError> {
        let result = match edit {
            Edit::DimensionWeight { dimension, weight } if self.in_step => self
                .scheme
                .set_dimension_weight(self.version, dimension, weight),
            Edit::MetricWeight {
                dimension,
                metric,
                weight,
            } if self.in_step => {
                self.scheme
                    .set_metric_weight(self.version, dimension, metric, weight)
            }
            _ => self
                .scheme
                .replace_scorecard(self.version, draft.clone(), table),
        };
        self.in_step = result.is_ok();
        result?;
        self.scheme.score_into(&mut self.board);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Draft;
    use crate::movers::{movers, tests::table};
    use carescore_engine::scorecard::defaults::default_history;

    fn setup(agents: usize) -> (MeasureTable, CompiledScheme, ScoreBoard) {
        let t = table(agents, 3);
        let scheme = CompiledScheme::compile(&default_history(), &t).unwrap();
        let board = scheme.score();
        (t, scheme, board)
    }

    /// The preview of every edit equals scoring the draft from scratch.
    #[test]
    fn the_preview_matches_a_full_rescore_of_the_draft() {
        let (t, scheme, saved) = setup(60);
        let mut draft = Draft::new(0, scheme.history().versions[0].scorecard.clone());
        let mut preview = Preview::new(&scheme, &saved, 0);
        let edits = [
            Edit::DimensionWeight {
                dimension: 1,
                weight: 60.0,
            },
            Edit::MetricWeight {
                dimension: 0,
                metric: 2,
                weight: 5.0,
            },
            Edit::Target {
                dimension: 3,
                metric: 0,
                value: 4.2,
            },
            Edit::RailCap { rail: 1, cap: 60.0 },
        ];
        for edit in edits {
            draft.apply(edit);
            preview.update(&draft.card, edit, &t).unwrap();
            let mut history = default_history();
            history.versions[0].scorecard = draft.card.clone();
            let fresh = CompiledScheme::compile(&history, &t).unwrap().score();
            assert_eq!(preview.board().rows, fresh.rows, "after {edit:?}");
        }
        assert_ne!(preview.board().rows, saved.rows);
    }

    #[test]
    fn a_refused_edit_keeps_the_last_valid_scores_and_the_next_valid_one_recovers() {
        let (t, scheme, saved) = setup(30);
        let mut draft = Draft::new(0, scheme.history().versions[0].scorecard.clone());
        let mut preview = Preview::new(&scheme, &saved, 0);
        let bad = Edit::MetricWeight {
            dimension: 0,
            metric: 0,
            weight: -3.0,
        };
        draft.apply(bad);
        assert!(matches!(
            preview.update(&draft.card, bad, &t),
            Err(ScorecardError::BadWeight { .. })
        ));
        assert_eq!(preview.board().rows, saved.rows, "unchanged");
        let floor = Edit::Floor {
            dimension: 0,
            metric: 0,
            value: 0.5,
        };
        draft.apply(floor);
        assert!(
            preview.update(&draft.card, floor, &t).is_err(),
            "the draft still has the bad weight"
        );
        let fix = Edit::MetricWeight {
            dimension: 0,
            metric: 0,
            weight: 40.0,
        };
        draft.apply(fix);
        preview.update(&draft.card, fix, &t).unwrap();
        let mut history = default_history();
        history.versions[0].scorecard = draft.card.clone();
        let fresh = CompiledScheme::compile(&history, &t).unwrap().score();
        assert_eq!(
            preview.board().rows,
            fresh.rows,
            "the fix recompiled the whole draft, floor included"
        );
    }

    /// The live budget: 2,000 agents x 3 periods re-scored and compared within 16 ms.
    /// Debug builds are ~10x slower, so this asserts a loose bound; run
    /// `cargo test --release --lib rescore_budget -- --nocapture` for the real figure.
    #[test]
    fn rescore_budget_2000_agents_x_3_periods() {
        let (t, scheme, saved) = setup(2000);
        let mut draft = Draft::new(0, scheme.history().versions[0].scorecard.clone());
        let mut preview = Preview::new(&scheme, &saved, 0);
        let rows: Vec<usize> = (0..t.rows.len())
            .filter(|&i| t.rows[i].period == "2026-09")
            .collect();
        let run = |draft: &mut Draft, preview: &mut Preview, edit: Edit| {
            let start = std::time::Instant::now();
            draft.apply(edit);
            preview.update(&draft.card, edit, &t).unwrap();
            let m = movers(&saved, preview.board(), &rows, 10);
            (start.elapsed(), m)
        };
        let mut weight_worst = std::time::Duration::ZERO;
        for step in 0..20 {
            let edit = Edit::DimensionWeight {
                dimension: 0,
                weight: 10.0 + f64::from(step),
            };
            let (took, m) = run(&mut draft, &mut preview, edit);
            assert!(m.moved > 0);
            weight_worst = weight_worst.max(took);
        }
        let mut target_worst = std::time::Duration::ZERO;
        for step in 0..5 {
            let edit = Edit::Target {
                dimension: 0,
                metric: 0,
                value: 0.85 + 0.01 * f64::from(step),
            };
            target_worst = target_worst.max(run(&mut draft, &mut preview, edit).0);
        }
        println!(
            "6,000 rows: weight edit + rescore + movers worst {weight_worst:?}; \
             target edit (recompile card) worst {target_worst:?}"
        );
        let budget = if cfg!(debug_assertions) { 400 } else { 16 };
        assert!(weight_worst.as_millis() < budget, "{weight_worst:?}");
        assert!(target_worst.as_millis() < budget, "{target_worst:?}");
    }
}
