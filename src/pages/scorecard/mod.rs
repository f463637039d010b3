//! The Scorecard editor: the version in force for the period on screen, editable as a
//! draft. Every edit re-scores the workspace live with the engine's compiled scheme (only
//! re-scoring, never re-measuring) and the movers panel shows who moves up or down against
//! the saved version. "Save as new version" appends the draft to the history with an
//! effective-from period and a reason; versions can be compared side by side.
//!
//! The pure parts are in `carescore_workspace`: the draft and its edits (`draft`), its
//! scores re-scored in place (`preview`), who moves (`movers`), two versions side by side
//! (`version_diff`). Here:
//!
//! - [`editor`]: the form
//! - [`draft_bar`]: the draft's state, Discard and "Save as new version"
//! - [`movers_panel`]: who moves under the draft
//! - [`versions`]: the comparison of two versions

mod draft_bar;
mod editor;
mod movers_panel;
mod versions;

use carescore_engine::scorecard::ScorecardHistory;
use std::time::Duration;

use leptos::prelude::*;

use crate::components::label_text;
use crate::components::versions_list::versions_list;
use crate::i18n::use_i18n;
use crate::router::Route;
use crate::state::{use_app_state, Measured, Scores, Shared};
use carescore_workspace::draft::{Draft, Edit};
use carescore_workspace::movers::{movers, Movers};
use carescore_workspace::preview::Preview;
use carescore_workspace::scores::rows_in_period;
use draft_bar::{DraftBar, SavedNotice};
use editor::{DraftEditor, EditorCtx};
use movers_panel::MoversPanel;
use versions::CompareVersions;

/// Movers listed in the panel.
pub const MOVERS_SHOWN: usize = 10;

/// How long the draft must stay unchanged before the version comparison follows it. The
/// comparison sits below the editor and rebuilding its table on every keystroke or slider
/// step cost more than the frame the live movers need (measured with
/// tests/e2e/bench/what_if.bench.mjs); it catches up as soon as the edits pause.
pub const COMPARE_SETTLE_MS: u64 = 250;

/// What the last save did, shown after the editor re-opens on the new history.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Saved {
    pub(super) version: usize,
    pub(super) from: String,
}

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    // Outlives the editor, which is rebuilt when the history changes.
    let saved = RwSignal::new(None::<Saved>);
    view! {
        <section class="page page-scorecard" data-testid="page-scorecard">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("scorecard.title")}</h1>
                <a class="button" data-testid="scheme-review-link" href=Route::SchemeReview.to_hash()>
                    {move || i18n.t("scheme_review.open")}
                </a>
            </header>
            {move || {
                // A new history (a save), other data or another period: a fresh draft.
                let history = state.history();
                let scored = state.scored();
                let period = state.period();
                view! { <Editor history=history scored=scored period=period saved=saved/> }
            }}
        </section>
    }
}

#[component]
fn Editor(
    history: Shared<ScorecardHistory>,
    scored: Option<(Shared<Measured>, Shared<Scores>)>,
    period: Option<String>,
    saved: RwSignal<Option<Saved>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Version indices as the scores use them: the compiled (validated, sorted) history.
    let sorted: ScorecardHistory = match &scored {
        Some((_, scores)) => scores.agents.scheme.history().clone(),
        None => (*history)
            .clone()
            .validated()
            .unwrap_or_else(|_| (*history).clone()),
    };
    if sorted.versions.is_empty() {
        return view! { <p class="muted">{move || i18n.t("scorecard.no_versions")}</p> }.into_any();
    }
    let version = period
        .as_deref()
        .and_then(|p| sorted.index_for_period(p))
        .unwrap_or(sorted.versions.len() - 1);
    let base = sorted.versions[version].scorecard.clone();
    let title = base.label.clone();
    let draft = RwSignal::new(Draft::new(version, base));
    let preview = RwSignal::new(None::<Preview>);
    let rows: Vec<usize> = match (&scored, &period) {
        (Some((ws, _)), Some(p)) => rows_in_period(&ws.agents, p),
        _ => Vec::new(),
    };

    let scored_for_apply = scored.clone();
    let apply = Callback::new(move |edit: Edit| {
        let mut changed = false;
        draft.maybe_update(|d| {
            changed = d.apply(edit);
            changed
        });
        if !changed {
            return;
        }
        let Some((_, scores)) = &scored_for_apply else {
            return;
        };
        preview.update(|p| {
            let p = p.get_or_insert_with(|| {
                Preview::new(&scores.agents.scheme, &scores.agents.board, version)
            });
            // A refused draft shows its problem from `Draft::problem`; the scores keep
            // the last valid draft meanwhile.
            draft.with_untracked(|d| {
                let _ = p.update(&d.card, edit, &scores.agents.table);
            });
        });
    });
    let ctx = EditorCtx { draft, apply };

    let scored_for_movers = scored.clone();
    let movers = Memo::new(move |_| {
        preview.with(|p| match (p, &scored_for_movers) {
            (Some(p), Some((_, scores))) => {
                movers(&scores.agents.board, p.board(), &rows, MOVERS_SHOWN)
            }
            _ => Movers::default(),
        })
    });
    let problem = Memo::new(move |_| draft.with(|d| d.problem()));
    let dirty = Memo::new(move |_| draft.with(|d| d.is_dirty()));
    let discard = move || {
        draft.update(|d| d.discard());
        preview.set(None);
    };

    let title = move || {
        title
            .as_ref()
            .and_then(|l| label_text(i18n.locale(), l))
            .unwrap_or_else(|| i18n.t("scorecard.unnamed"))
    };
    let editing_text = {
        let period = period.clone();
        move || {
            let number = (version + 1).to_string();
            match &period {
                Some(p) => i18n.tf("editor.editing_for", &[("version", &number), ("period", p)]),
                None => i18n.tf("editor.editing_latest", &[("version", &number)]),
            }
        }
    };
    let names = scored.as_ref().map(|(ws, _)| ws.clone());
    let has_data = scored.is_some() && period.is_some();
    let compare_history = sorted.clone();
    let settled = settled_draft(draft);
    view! {
        <div class="scheme-title">
            <h2>{title}</h2>
            <span class="muted" data-testid="editing-version">{editing_text}</span>
        </div>
        <SavedNotice saved=saved/>
        <DraftBar draft=draft dirty=dirty problem=problem discard=discard saved=saved/>
        <div class="editor-layout">
            <div class="editor-main" data-testid="scorecard-editor">
                <DraftEditor ctx=ctx/>
            </div>
            <aside class="editor-side">
                <MoversPanel movers=movers names=names has_data=has_data dirty=dirty/>
            </aside>
        </div>
        <section class="panel">
            <h2 class="section-title">{move || i18n.t("scorecard.versions")}</h2>
            {versions_list(i18n, &sorted, version)}
        </section>
        <section class="panel compare-panel" data-testid="compare-versions">
            <h2 class="section-title">{move || i18n.t("editor.compare_title")}</h2>
            <CompareVersions history=compare_history draft=settled/>
        </section>
    }
    .into_any()
}

/// A copy of the draft that follows it [`COMPARE_SETTLE_MS`] after the last edit.
fn settled_draft(draft: RwSignal<Draft>) -> RwSignal<Draft> {
    let settled = RwSignal::new(draft.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        draft.track();
        if first.is_none() {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let follow = move || {
            // The editor may have been replaced (a save, another period) meanwhile.
            if let Some(now) = draft.try_get_untracked() {
                settled.try_set(now);
            }
        };
        let handle = set_timeout_with_handle(follow, Duration::from_millis(COMPARE_SETTLE_MS)).ok();
        pending.set_value(handle);
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    settled
}
