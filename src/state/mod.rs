//! The app's reactive state: one handle over the user's work ([`Workspace`], from the pure
//! workspace crate), the tables measured from its records, the scores (a memo over the
//! tables, the scorecards and the feedback, so a scheme or feedback change only re-scores
//! and never re-measures) and the period the pages look at. Provided once by the App
//! through context.
//!
//! Every part of the work lives in the one `Workspace` signal; the per-part accessors below
//! are memos over it that keep their value (the same `Arc`) while that part is unchanged,
//! so editing a plan does not re-score and editing a weight does not redraw the plans.

mod changes;
mod lifecycle;
pub mod persist;

use std::ops::Deref;
use std::sync::Arc;

use carescore_engine::awards::AwardRule;
use carescore_engine::records::RecordStore;
use carescore_engine::scorecard::ScorecardHistory;
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::review_file::SavedMapping;
use carescore_workspace::formats::saved_state::{ImportLog, SavedOrigin};
pub use carescore_workspace::measured::{Measured, Origin};
use carescore_workspace::plans::Plans;
use carescore_workspace::scheme_review::SchemeReview;
pub use carescore_workspace::scores::{ScoredTable, Scores};
pub use carescore_workspace::Workspace;
use leptos::prelude::*;

use crate::storage::StorageHandle;
pub use lifecycle::CLEARED_KEY;
use persist::Persistence;

/// An `Arc` whose equality is identity: a memo holding one changes only when a new value
/// is computed, and comparing never walks a table.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What the workspace's records give right now.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkspaceState {
    /// No records (the user cleared them).
    Empty,
    /// The demo is being generated: on first open it is built after the shell's first
    /// paint, so the visitor sees the app at once instead of a blank page.
    Loading,
    Loaded(Shared<Measured>),
    /// Loading failed; the message is the engine's.
    Failed(String),
}

/// The scores of the workspace under the history in force.
#[derive(Clone, Debug, PartialEq)]
pub enum ScoresState {
    /// No workspace, so nothing to score.
    Empty,
    Ready(Shared<Scores>),
    /// The scheme does not compile against the data (the engine's message).
    Failed(String),
}

/// The app's state: `Copy` handles to signals, shared through context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The user's work: every part of it, one value.
    work: RwSignal<Workspace>,
    /// The work's records measured per agent, team and centre.
    measured: RwSignal<WorkspaceState>,
    history: Memo<Shared<ScorecardHistory>>,
    feedback: Memo<Shared<FeedbackStore>>,
    scores: Memo<ScoresState>,
    /// The period the user picked; `None` means the latest with data.
    period: RwSignal<Option<String>>,
    storage: Option<StorageHandle>,
    persistence: Persistence,
    started: StoredValue<bool>,
}

/// A memo over one part of the work that hands out the same `Arc` while the part is equal,
/// so its readers (and [`Shared`]'s pointer equality) see no change.
fn part_memo<T>(work: RwSignal<Workspace>, part: fn(&Workspace) -> &T) -> Memo<Shared<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&Shared<T>>| {
        work.with(|w| match previous {
            Some(previous) if **previous == *part(w) => previous.clone(),
            _ => Shared::new(part(w).clone()),
        })
    })
}

impl AppState {
    /// A state with (or without) the demo workspace, not yet in context. Tests use it.
    pub fn new(storage: Option<StorageHandle>, with_demo: bool) -> AppState {
        let work = RwSignal::new(Workspace::default());
        let measured = RwSignal::new(WorkspaceState::Empty);
        let history = part_memo(work, |w| &w.scorecards);
        let feedback = part_memo(work, |w| &w.feedback);
        let scores = Memo::new(move |_| {
            let history = history.get();
            let feedback = feedback.get();
            measured.with(|m| match m {
                WorkspaceState::Loaded(m) => match Scores::compute_with(m, &history, &feedback) {
                    Ok(scores) => ScoresState::Ready(Shared::new(scores)),
                    Err(error) => ScoresState::Failed(error.to_string()),
                },
                WorkspaceState::Empty | WorkspaceState::Loading | WorkspaceState::Failed(_) => {
                    ScoresState::Empty
                }
            })
        });
        let state = AppState {
            work,
            measured,
            history,
            feedback,
            scores,
            period: RwSignal::new(None),
            storage,
            persistence: Persistence::new(),
            started: StoredValue::new(false),
        };
        if with_demo {
            state.put_demo(Workspace::default());
        }
        state
    }

    /// The saved-state handle (save status, corrupt state, other tabs).
    pub fn persistence(&self) -> Persistence {
        self.persistence
    }

    /// The whole work, not tracked (event handlers, exports).
    pub fn work_untracked(&self) -> Workspace {
        self.work.get_untracked()
    }

    /// The records in the workspace now (empty when none).
    pub fn records(&self) -> Arc<RecordStore> {
        self.work.with_untracked(|w| Arc::clone(&w.records))
    }

    /// Whether the records are the generated demo (an import then replaces them).
    pub fn is_demo(&self) -> bool {
        self.work.with_untracked(|w| w.origin == SavedOrigin::Demo)
    }

    /// Saved mappings (reactive).
    pub fn mappings(&self) -> Vec<SavedMapping> {
        self.work.with(|w| w.mappings.clone())
    }

    /// Saved mappings, not tracked (event handlers).
    pub fn mappings_untracked(&self) -> Vec<SavedMapping> {
        self.work.with_untracked(|w| w.mappings.clone())
    }

    /// Applied imports, oldest first (reactive).
    pub fn imports(&self) -> Vec<ImportLog> {
        self.work.with(|w| w.imports.clone())
    }

    /// The measured records' state (reactive).
    pub fn workspace_state(&self) -> WorkspaceState {
        self.measured.get()
    }

    /// Whether the first workspace is still being generated (reactive).
    pub fn is_loading(&self) -> bool {
        self.measured.with(|m| *m == WorkspaceState::Loading)
    }

    fn is_loading_untracked(&self) -> bool {
        self.measured
            .with_untracked(|m| *m == WorkspaceState::Loading)
    }

    /// The measured records, if any (reactive).
    pub fn workspace(&self) -> Option<Shared<Measured>> {
        self.measured.with(|m| match m {
            WorkspaceState::Loaded(m) => Some(m.clone()),
            _ => None,
        })
    }

    /// The measured records, not tracked (event handlers).
    pub fn workspace_untracked(&self) -> Option<Shared<Measured>> {
        self.measured.with_untracked(|m| match m {
            WorkspaceState::Loaded(m) => Some(m.clone()),
            _ => None,
        })
    }

    /// The scorecard history in force (reactive).
    pub fn history(&self) -> Shared<ScorecardHistory> {
        self.history.get()
    }

    /// The scorecard history in force, not tracked (event handlers).
    pub fn history_untracked(&self) -> Shared<ScorecardHistory> {
        self.history.get_untracked()
    }

    /// The award rules (reactive).
    pub fn awards(&self) -> Vec<AwardRule> {
        self.work.with(|w| w.awards.clone())
    }

    /// The award rules, not tracked (event handlers).
    pub fn awards_untracked(&self) -> Vec<AwardRule> {
        self.work.with_untracked(|w| w.awards.clone())
    }

    /// The feedback filled in on the Forms page (reactive).
    pub fn feedback(&self) -> Shared<FeedbackStore> {
        self.feedback.get()
    }

    /// The feedback, not tracked (event handlers).
    pub fn feedback_untracked(&self) -> Shared<FeedbackStore> {
        self.feedback.get_untracked()
    }

    /// The improvement actions (reactive).
    pub fn actions(&self) -> Plans {
        self.work.with(|w| w.actions.clone())
    }

    /// The improvement actions, not tracked (event handlers).
    pub fn actions_untracked(&self) -> Plans {
        self.work.with_untracked(|w| w.actions.clone())
    }

    /// The scheme's review cycle and the reviews held (reactive).
    pub fn scheme_review(&self) -> SchemeReview {
        self.work.with(|w| w.scheme_review.clone())
    }

    /// The scheme review, not tracked (event handlers).
    pub fn scheme_review_untracked(&self) -> SchemeReview {
        self.work.with_untracked(|w| w.scheme_review.clone())
    }

    /// The scores state (reactive).
    pub fn scores_state(&self) -> ScoresState {
        self.scores.get()
    }

    /// Measured records and scores together when both are ready (reactive).
    pub fn scored(&self) -> Option<(Shared<Measured>, Shared<Scores>)> {
        let measured = self.workspace()?;
        match self.scores.get() {
            ScoresState::Ready(scores) => Some((measured, scores)),
            _ => None,
        }
    }

    /// The period the pages show: the one picked if the data has it, else the latest.
    pub fn period(&self) -> Option<String> {
        let picked = self.period.get();
        self.measured.with(|m| match m {
            WorkspaceState::Loaded(m) => match picked {
                Some(p) if m.periods.contains(&p) => Some(p),
                _ => m.latest_period().map(str::to_string),
            },
            _ => None,
        })
    }

    /// Picks the period the pages show.
    pub fn set_period(&self, period: String) {
        self.period.set(Some(period));
    }
}

/// The state provided by the App.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
