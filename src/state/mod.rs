//! The app's reactive state: the loaded workspace, the scorecard history in force, the
//! feedback filled in on the Forms page, the scores (a memo over the three, so a scheme or
//! feedback change only re-scores and never re-measures the records) and the period the
//! pages look at. Provided once by the App through context.
//!
//! The heavy values live behind [`Shared`] (an `Arc` compared by pointer), so signals and
//! memos hand them out without cloning tables.

pub mod persist;

use std::collections::BTreeSet;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use carescore_engine::awards::{default_awards, AwardRule};
use carescore_engine::records::RecordStore;
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scorecard::ScorecardHistory;
use carescore_workspace::formats::review_file::SavedMapping;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::storage::workspace_db::{RecordsWrite, SaveError};
use crate::storage::StorageHandle;
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::saved_state::{ImportLog, SavedMeta, SavedOrigin};
pub use carescore_workspace::measured::{Measured, Origin};
use carescore_workspace::plans::Plans;
use carescore_workspace::scheme_review::SchemeReview;
pub use carescore_workspace::scores::{ScoredTable, Scores};
use persist::{Loaded, Persistence};

/// Storage key of the "the user cleared the workspace" flag: a cleared workspace stays
/// empty after a reload instead of regenerating the demo.
pub const CLEARED_KEY: &str = "carescore.workspace.cleared";

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

/// What the workspace holds right now.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkspaceState {
    /// Nothing loaded (the user cleared it).
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
    workspace: RwSignal<WorkspaceState>,
    history: RwSignal<Shared<ScorecardHistory>>,
    scores: Memo<ScoresState>,
    /// The period the user picked; `None` means the latest with data.
    period: RwSignal<Option<String>>,
    storage: Option<StorageHandle>,
    /// Mappings the user confirmed, found again for the next file with the same headers.
    mappings: RwSignal<Vec<SavedMapping>>,
    /// The imports applied to this workspace, oldest first.
    imports: RwSignal<Vec<ImportLog>>,
    /// The award rules (评优), saved with the scorecards.
    awards: RwSignal<Vec<AwardRule>>,
    /// Surveys, QA reviews and 360 reviews filled in on the Forms page; scores follow.
    feedback: RwSignal<Shared<FeedbackStore>>,
    /// The improvement actions (改进计划), saved with the scorecards.
    actions: RwSignal<Plans>,
    /// The scheme's review cycle (定期审查) and the reviews held, saved with the scorecards.
    scheme_review: RwSignal<SchemeReview>,
    persistence: Persistence,
    started: StoredValue<bool>,
}

impl AppState {
    /// Builds the state and provides it to the component tree. Call once, in the App,
    /// after the storage handle is provided. Unless the user cleared the workspace earlier,
    /// the state starts [`WorkspaceState::Loading`] and the demo is generated right after
    /// the first paint (generating 20,000 contacts takes a noticeable moment).
    pub fn provide() -> AppState {
        let storage = use_context::<StorageHandle>();
        let state = AppState::new(storage, false);
        state.workspace.set(WorkspaceState::Loading);
        after_first_paint(move || state.start_loading());
        provide_context(state);
        state
    }

    /// Opens the saved workspace (once: [`after_first_paint`] may call twice) and puts it,
    /// the demo, or nothing in place.
    fn start_loading(&self) {
        if self.started.get_value() {
            return;
        }
        self.started.set_value(true);
        let state = *self;
        spawn_local(async move {
            let loaded = state.persistence.open_and_load().await;
            if !state.is_loading_untracked() {
                return;
            }
            let next = match loaded {
                Loaded::Nothing => {
                    state.pin_scheme_review();
                    // Version 0 of the saved state: only a "cleared" flag in localStorage.
                    let cleared = state
                        .storage
                        .and_then(|s| s.get(CLEARED_KEY).ok().flatten())
                        .is_some();
                    if cleared {
                        WorkspaceState::Empty
                    } else {
                        build_demo(&state.history.get_untracked(), BTreeSet::new())
                    }
                }
                Loaded::Saved(saved) => {
                    let persist::SavedWorkspace { meta, records } = *saved;
                    state.history.set(Shared::new(meta.scorecards.clone()));
                    state.mappings.set(meta.mappings.clone());
                    state.imports.set(meta.imports.clone());
                    state.awards.set(meta.awards.clone());
                    state.feedback.set(Shared::new(meta.feedback.clone()));
                    state.actions.set(meta.actions.clone());
                    state.scheme_review.set(meta.scheme_review.clone());
                    state.pin_scheme_review();
                    // Records of accepted appeals stay out of the tables.
                    let excluded = meta.feedback.excluded_record_keys();
                    match (meta.origin, records) {
                        (SavedOrigin::Imported, Some(store)) => {
                            WorkspaceState::Loaded(Shared::new(Measured::measure_excluding(
                                Origin::Imported,
                                Arc::new(store),
                                Vec::new(),
                                meta.imports.iter().map(|i| i.rows_read).sum(),
                                &meta.scorecards,
                                excluded,
                            )))
                        }
                        (SavedOrigin::Demo, _) => build_demo(&meta.scorecards, excluded),
                        _ => WorkspaceState::Empty,
                    }
                }
                Loaded::Corrupt => WorkspaceState::Empty,
            };
            state.workspace.set(next);
        });
    }

    /// The saved-state handle (save status, corrupt state, other tabs).
    pub fn persistence(&self) -> Persistence {
        self.persistence
    }

    /// The workspace's small part as saved now.
    fn meta(&self, origin: SavedOrigin) -> SavedMeta {
        SavedMeta {
            origin,
            imports: self.imports.get_untracked(),
            scorecards: (*self.history.get_untracked().0).clone(),
            mappings: self.mappings.get_untracked(),
            awards: self.awards.get_untracked(),
            feedback: (*self.feedback.get_untracked().0).clone(),
            actions: self.actions.get_untracked(),
            scheme_review: self.scheme_review.get_untracked(),
        }
    }

    fn saved_origin(&self) -> SavedOrigin {
        self.workspace.with_untracked(|ws| match ws {
            WorkspaceState::Loaded(ws) => match ws.origin {
                Origin::Demo => SavedOrigin::Demo,
                Origin::Imported => SavedOrigin::Imported,
            },
            _ => SavedOrigin::Empty,
        })
    }

    /// Replaces the records with `workspace`'s, saving first: if the save fails nothing
    /// changes, and the error says why.
    pub async fn apply_records(
        &self,
        workspace: Measured,
        log: Option<ImportLog>,
        mapping: Option<SavedMapping>,
    ) -> Result<(), SaveError> {
        let mut meta = self.meta(SavedOrigin::Imported);
        if let Some(log) = log {
            meta.imports.push(log);
        }
        if let Some(mapping) = mapping {
            upsert_mapping(&mut meta.mappings, mapping);
        }
        let snapshot = workspace.store.to_snapshot();
        self.persistence
            .save(&meta, RecordsWrite::Replace(&snapshot))
            .await?;
        self.imports.set(meta.imports);
        self.mappings.set(meta.mappings);
        self.period.set(None);
        let workspace = self.without_appealed_records(workspace, &meta.scorecards);
        self.workspace
            .set(WorkspaceState::Loaded(Shared::new(workspace)));
        Ok(())
    }

    /// Replaces the whole workspace with a merged review file's content (records,
    /// scorecards, mappings), saving first like [`AppState::apply_records`].
    pub async fn apply_document(
        &self,
        workspace: Measured,
        scorecards: ScorecardHistory,
        mappings: Vec<SavedMapping>,
    ) -> Result<(), SaveError> {
        let mut meta = self.meta(SavedOrigin::Imported);
        meta.scorecards = scorecards.clone();
        meta.mappings = mappings.clone();
        let snapshot = workspace.store.to_snapshot();
        self.persistence
            .save(&meta, RecordsWrite::Replace(&snapshot))
            .await?;
        let workspace = self.without_appealed_records(workspace, &scorecards);
        self.history.set(Shared::new(scorecards));
        self.mappings.set(mappings);
        self.period.set(None);
        self.workspace
            .set(WorkspaceState::Loaded(Shared::new(workspace)));
        Ok(())
    }

    /// `workspace` measured again without the records of accepted appeals, if any.
    fn without_appealed_records(
        &self,
        workspace: Measured,
        history: &ScorecardHistory,
    ) -> Measured {
        let excluded = self.feedback.with_untracked(|f| f.excluded_record_keys());
        workspace
            .with_exclusions(history, excluded)
            .unwrap_or(workspace)
    }

    /// The records in the workspace now (empty when none).
    pub fn records(&self) -> Arc<RecordStore> {
        self.workspace.with_untracked(|ws| match ws {
            WorkspaceState::Loaded(ws) => Arc::clone(&ws.store),
            _ => Arc::new(RecordStore::default()),
        })
    }

    /// Whether the records are the generated demo (an import then replaces them).
    pub fn is_demo(&self) -> bool {
        self.saved_origin() == SavedOrigin::Demo
    }

    /// Saved mappings (reactive).
    pub fn mappings(&self) -> Vec<SavedMapping> {
        self.mappings.get()
    }

    /// Saved mappings, not tracked (event handlers).
    pub fn mappings_untracked(&self) -> Vec<SavedMapping> {
        self.mappings.get_untracked()
    }

    /// Applied imports, oldest first (reactive).
    pub fn imports(&self) -> Vec<ImportLog> {
        self.imports.get()
    }

    /// Saves the small part after a change (scorecards, mappings); failures show in the
    /// save-status banner.
    fn save_meta_in_background(&self) {
        let state = *self;
        let meta = self.meta(self.saved_origin());
        spawn_local(async move {
            let _ = state.persistence.save(&meta, RecordsWrite::Keep).await;
        });
    }

    /// A state with (or without) the demo workspace, not yet in context. Tests use it.
    pub fn new(storage: Option<StorageHandle>, with_demo: bool) -> AppState {
        let history = RwSignal::new(Shared::new(default_history()));
        let initial = if with_demo {
            build_demo(&history.get_untracked(), BTreeSet::new())
        } else {
            WorkspaceState::Empty
        };
        let workspace = RwSignal::new(initial);
        let feedback = RwSignal::new(Shared::new(FeedbackStore::default()));
        let scores = Memo::new(move |_| {
            let history = history.get();
            let feedback = feedback.get();
            workspace.with(|ws| match ws {
                WorkspaceState::Loaded(ws) => match Scores::compute_with(ws, &history, &feedback) {
                    Ok(scores) => ScoresState::Ready(Shared::new(scores)),
                    Err(error) => ScoresState::Failed(error.to_string()),
                },
                WorkspaceState::Empty | WorkspaceState::Loading | WorkspaceState::Failed(_) => {
                    ScoresState::Empty
                }
            })
        });
        AppState {
            workspace,
            history,
            scores,
            period: RwSignal::new(None),
            storage,
            mappings: RwSignal::new(Vec::new()),
            imports: RwSignal::new(Vec::new()),
            awards: RwSignal::new(default_awards()),
            feedback,
            actions: RwSignal::new(Plans::default()),
            scheme_review: RwSignal::new(SchemeReview::default()),
            persistence: Persistence::new(),
            started: StoredValue::new(false),
        }
    }

    /// Replaces the workspace with a freshly generated demo centre.
    pub fn load_demo(&self) {
        if let Some(storage) = self.storage {
            // Failing to forget the flag only means the next reload starts empty.
            let _ = storage.remove(CLEARED_KEY);
        }
        self.period.set(None);
        let history = self.history.get_untracked();
        let excluded = self.feedback.with_untracked(|f| f.excluded_record_keys());
        self.workspace.set(build_demo(&history, excluded));
        self.imports.set(Vec::new());
        self.save_records_change(SavedOrigin::Demo);
    }

    /// Empties the workspace and remembers that, so a reload stays empty.
    pub fn clear_workspace(&self) {
        if let Some(storage) = self.storage {
            let _ = storage.set(CLEARED_KEY, "1");
        }
        self.period.set(None);
        self.workspace.set(WorkspaceState::Empty);
        self.imports.set(Vec::new());
        self.save_records_change(SavedOrigin::Empty);
    }

    fn save_records_change(&self, origin: SavedOrigin) {
        let state = *self;
        let meta = self.meta(origin);
        spawn_local(async move {
            let _ = state.persistence.save(&meta, RecordsWrite::Remove).await;
        });
    }

    /// The workspace state (reactive).
    pub fn workspace_state(&self) -> WorkspaceState {
        self.workspace.get()
    }

    /// Whether the first workspace is still being generated (reactive).
    pub fn is_loading(&self) -> bool {
        self.workspace.with(|ws| *ws == WorkspaceState::Loading)
    }

    fn is_loading_untracked(&self) -> bool {
        self.workspace
            .with_untracked(|ws| *ws == WorkspaceState::Loading)
    }

    /// The loaded workspace, if any (reactive).
    pub fn workspace(&self) -> Option<Shared<Measured>> {
        self.workspace.with(|ws| match ws {
            WorkspaceState::Loaded(ws) => Some(ws.clone()),
            _ => None,
        })
    }

    /// The loaded workspace, not tracked (event handlers).
    pub fn workspace_untracked(&self) -> Option<Shared<Measured>> {
        self.workspace.with_untracked(|ws| match ws {
            WorkspaceState::Loaded(ws) => Some(ws.clone()),
            _ => None,
        })
    }

    /// The scorecard history in force, not tracked (event handlers).
    pub fn history_untracked(&self) -> Shared<ScorecardHistory> {
        self.history.get_untracked()
    }

    /// The scorecard history in force (reactive).
    pub fn history(&self) -> Shared<ScorecardHistory> {
        self.history.get()
    }

    /// Replaces the scorecard history; scores follow, tables are not re-measured.
    pub fn set_history(&self, history: ScorecardHistory) {
        self.history.set(Shared::new(history));
        self.save_meta_in_background();
    }

    /// The award rules (reactive).
    pub fn awards(&self) -> Vec<AwardRule> {
        self.awards.get()
    }

    /// The award rules, not tracked (event handlers).
    pub fn awards_untracked(&self) -> Vec<AwardRule> {
        self.awards.get_untracked()
    }

    /// Replaces the award rules and saves them; the caller validates them first.
    pub fn set_awards(&self, awards: Vec<AwardRule>) {
        self.awards.set(awards);
        self.save_meta_in_background();
    }

    /// The feedback filled in on the Forms page (reactive).
    pub fn feedback(&self) -> Shared<FeedbackStore> {
        self.feedback.get()
    }

    /// The feedback, not tracked (event handlers).
    pub fn feedback_untracked(&self) -> Shared<FeedbackStore> {
        self.feedback.get_untracked()
    }

    /// Replaces the feedback and saves it; scores follow (only the feedback is
    /// aggregated again). The caller validates the responses first.
    pub fn set_feedback(&self, feedback: FeedbackStore) {
        // When accepted record appeals change, the records are measured again without
        // them (the one feedback change that re-measures).
        let excluded = feedback.excluded_record_keys();
        let remeasured = self
            .workspace_untracked()
            .and_then(|ws| ws.with_exclusions(&self.history.get_untracked(), excluded));
        self.feedback.set(Shared::new(feedback));
        if let Some(ws) = remeasured {
            self.workspace.set(WorkspaceState::Loaded(Shared::new(ws)));
        }
        self.save_meta_in_background();
    }

    /// The improvement actions (reactive).
    pub fn actions(&self) -> Plans {
        self.actions.get()
    }

    /// The improvement actions, not tracked (event handlers).
    pub fn actions_untracked(&self) -> Plans {
        self.actions.get_untracked()
    }

    /// Replaces the improvement actions and saves them.
    pub fn set_actions(&self, actions: Plans) {
        self.actions.set(actions);
        self.save_meta_in_background();
    }

    /// The scheme's review cycle and the reviews held (reactive).
    pub fn scheme_review(&self) -> SchemeReview {
        self.scheme_review.get()
    }

    /// The scheme review, not tracked (event handlers).
    pub fn scheme_review_untracked(&self) -> SchemeReview {
        self.scheme_review.get_untracked()
    }

    /// Replaces the scheme review and saves it; the caller validates it first.
    pub fn set_scheme_review(&self, review: SchemeReview) {
        self.scheme_review.set(review);
        self.save_meta_in_background();
    }

    /// Fixes a default review cycle on load, so one that starts today (the scheme's start
    /// is unknown) does not move with the clock; it is saved with the next change.
    fn pin_scheme_review(&self) {
        let history = self.history.get_untracked();
        let today = crate::download::today();
        self.scheme_review
            .update(|review| *review = std::mem::take(review).pinned(&history, today));
    }

    /// The scores state (reactive).
    pub fn scores_state(&self) -> ScoresState {
        self.scores.get()
    }

    /// Measured and scores together when both are ready (reactive).
    pub fn scored(&self) -> Option<(Shared<Measured>, Shared<Scores>)> {
        let workspace = self.workspace()?;
        match self.scores.get() {
            ScoresState::Ready(scores) => Some((workspace, scores)),
            _ => None,
        }
    }

    /// The period the pages show: the one picked if the data has it, else the latest.
    pub fn period(&self) -> Option<String> {
        let picked = self.period.get();
        self.workspace.with(|ws| match ws {
            WorkspaceState::Loaded(ws) => match picked {
                Some(p) if ws.periods.contains(&p) => Some(p),
                _ => ws.latest_period().map(str::to_string),
            },
            _ => None,
        })
    }

    /// Picks the period the pages show.
    pub fn set_period(&self, period: String) {
        self.period.set(Some(period));
    }
}

/// Replaces the mapping with the same signature, or adds it.
fn upsert_mapping(mappings: &mut Vec<SavedMapping>, mapping: SavedMapping) {
    mappings.retain(|m| m.signature != mapping.signature);
    mappings.push(mapping);
}

/// The state provided by the App.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// Runs `task` once the browser has painted the current frame: a requestAnimationFrame
/// callback runs just before the paint, and a zero timeout set there runs after it. Browsers
/// pause animation frames in hidden tabs and may throttle them in off-screen frames, so a
/// plain timeout runs `task` anyway; `task` must tolerate being called twice.
fn after_first_paint(task: impl Fn() + Clone + 'static) {
    let fallback = task.clone();
    request_animation_frame(move || set_timeout(task, Duration::ZERO));
    set_timeout(fallback, Duration::from_millis(FIRST_PAINT_FALLBACK_MS));
}

/// How long [`after_first_paint`] waits for an animation frame before running anyway.
const FIRST_PAINT_FALLBACK_MS: u64 = 500;

/// The demo, with the records of accepted appeals (`excluded`) left out of its tables.
fn build_demo(history: &ScorecardHistory, excluded: BTreeSet<String>) -> WorkspaceState {
    match Measured::demo(history) {
        Ok(ws) => {
            let ws = ws.with_exclusions(history, excluded).unwrap_or(ws);
            WorkspaceState::Loaded(Shared::new(ws))
        }
        Err(error) => WorkspaceState::Failed(error),
    }
}
