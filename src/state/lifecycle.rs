//! How the workspace comes to be: opened from storage after the first paint, the demo
//! generated, or nothing (the user cleared it).

use std::sync::Arc;
use std::time::Duration;

use carescore_engine::demo::{self, DemoConfig};
use carescore_workspace::formats::saved_state::SavedOrigin;
use carescore_workspace::Workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::persist::Loaded;
use super::{AppState, Shared, WorkspaceState};

/// Storage key of the "the user cleared the workspace" flag: a cleared workspace stays
/// empty after a reload instead of regenerating the demo.
pub const CLEARED_KEY: &str = "carescore.workspace.cleared";

/// How long [`after_first_paint`] waits for an animation frame before running anyway.
const FIRST_PAINT_FALLBACK_MS: u64 = 500;

impl AppState {
    /// Builds the state and provides it to the component tree. Call once, in the App,
    /// after the storage handle is provided. Unless the user cleared the workspace earlier,
    /// the state starts [`WorkspaceState::Loading`] and the demo is generated right after
    /// the first paint (generating 20,000 contacts takes a noticeable moment).
    pub fn provide() -> AppState {
        let storage = use_context::<crate::storage::StorageHandle>();
        let state = AppState::new(storage, false);
        state.measured.set(WorkspaceState::Loading);
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
            match loaded {
                Loaded::Nothing => {
                    // Version 0 of the saved state: only a "cleared" flag in localStorage.
                    let cleared = state
                        .storage
                        .and_then(|s| s.get(CLEARED_KEY).ok().flatten())
                        .is_some();
                    let work = state.pinned(Workspace::default());
                    if cleared {
                        state.put(work);
                    } else {
                        state.put_demo(work);
                    }
                }
                Loaded::Saved(saved) => {
                    let work = state.pinned(saved.into_workspace());
                    match work.origin {
                        SavedOrigin::Demo => state.put_demo(work),
                        SavedOrigin::Imported | SavedOrigin::Empty => state.put(work),
                    }
                }
                Loaded::Corrupt => state.put(Workspace::default()),
            }
        });
    }

    /// Puts `work` in place and measures its records (nothing when it has none).
    pub(super) fn put(&self, work: Workspace) {
        let measured = match work.measure() {
            Some(measured) => WorkspaceState::Loaded(Shared::new(measured)),
            None => WorkspaceState::Empty,
        };
        self.work.set(work);
        self.measured.set(measured);
    }

    /// Puts `work` in place with a freshly generated demo centre as its records.
    pub(super) fn put_demo(&self, work: Workspace) {
        match demo::record_store(&DemoConfig::default()) {
            Ok(store) => self.put(Workspace {
                origin: SavedOrigin::Demo,
                records: Arc::new(store),
                ..work
            }),
            Err(error) => {
                self.work.set(work);
                self.measured.set(WorkspaceState::Failed(error));
            }
        }
    }

    /// Fixes a default review cycle on load, so one that starts today (the scheme's start
    /// is unknown) does not move with the clock; it is saved with the next change.
    fn pinned(&self, mut work: Workspace) -> Workspace {
        let today = crate::download::today();
        work.scheme_review =
            std::mem::take(&mut work.scheme_review).pinned(&work.scorecards, today);
        work
    }

    /// Replaces the records with a freshly generated demo centre; the rest of the work
    /// stays.
    pub fn load_demo(&self) {
        if let Some(storage) = self.storage {
            // Failing to forget the flag only means the next reload starts empty.
            let _ = storage.remove(CLEARED_KEY);
        }
        self.period.set(None);
        let mut work = self.work.get_untracked();
        work.imports.clear();
        self.put_demo(work);
        self.save_records_removed();
    }

    /// Empties the records and remembers that, so a reload stays empty.
    pub fn clear_workspace(&self) {
        if let Some(storage) = self.storage {
            let _ = storage.set(CLEARED_KEY, "1");
        }
        self.period.set(None);
        let work = self.work.get_untracked();
        self.put(Workspace {
            origin: SavedOrigin::Empty,
            records: Arc::default(),
            imports: Vec::new(),
            ..work
        });
        self.save_records_removed();
    }
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
