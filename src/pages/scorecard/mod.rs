//! The Scorecard editor: the version in force for the period on screen, editable as a
//! draft. Every edit re-scores the workspace live with the engine's compiled scheme (only
//! re-scoring, never re-measuring) and the movers panel shows who moves up or down against
//! the saved version. "Save as new version" appends the draft to the history with an
//! effective-from period and a reason; versions can be compared side by side.
//!
//! - [`draft`]: the draft and its edits, weight sums, saving (pure)
//! - [`preview`]: the draft's scores, re-scored in place (pure)
//! - [`movers`]: saved against draft scores of one period (pure)
//! - [`editor`]: the form
//! - [`versions`]: the version list and the comparison

pub mod editor;
pub mod versions;

use carescore_engine::scorecard::{ScorecardError, ScorecardHistory};
use std::time::Duration;

use leptos::html::P;
use leptos::prelude::*;

use crate::components::versions_list::versions_list;
use crate::components::{label_text, metric_name, GradeBadge};
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{use_app_state, Measured, Scores, Shared};
use carescore_workspace::display;
use carescore_workspace::draft::{Draft, Edit, PeriodProblem, SaveErrors};
use carescore_workspace::movers::{movers, Mover, Movers, Trend};
use carescore_workspace::preview::Preview;
use carescore_workspace::scores::rows_in_period;
use editor::{DraftEditor, EditorCtx};
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
struct Saved {
    version: usize,
    from: String,
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
                <h1>{move || i18n.t("scorecard.title")}</h1>
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

/// "Version N saved", focused when it appears so a keyboard user lands somewhere sensible
/// after the editor is rebuilt on the new history.
#[component]
fn SavedNotice(saved: RwSignal<Option<Saved>>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<P>::new();
    Effect::new(move |_| {
        if let (Some(p), Some(_)) = (node.get(), saved.get_untracked()) {
            let _ = p.focus();
        }
    });
    move || {
        saved.get().map(|s| {
            view! {
                <p class="notice notice-success" role="status" tabindex="-1" node_ref=node data-testid="version-saved">
                    {move || i18n.tf("editor.saved", &[("version", &s.version.to_string()), ("from", &s.from)])}
                </p>
            }
        })
    }
}

/// Draft state, Discard, and "Save as new version" with its inline form.
#[component]
fn DraftBar(
    draft: RwSignal<Draft>,
    dirty: Memo<bool>,
    problem: Memo<Option<ScorecardError>>,
    discard: impl Fn() + Clone + Send + Sync + 'static,
    saved: RwSignal<Option<Saved>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let open = RwSignal::new(false);
    let from = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<SaveErrors>);
    let close = move || {
        open.set(false);
        errors.set(None);
    };
    let on_discard = {
        let discard = discard.clone();
        move |_| {
            discard();
            close();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let history = state.history_untracked();
        let result = draft.with_untracked(|d| {
            d.save_into(&history, &from.get_untracked(), &reason.get_untracked())
        });
        match result {
            Ok(next) => {
                let date = carescore_workspace::draft::parse_effective_from(&from.get_untracked())
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                let version = next
                    .versions
                    .iter()
                    .position(|v| v.effective_from.to_string() == date)
                    .map_or(next.versions.len(), |i| i + 1);
                saved.set(Some(Saved {
                    version,
                    from: date,
                }));
                errors.set(None);
                state.set_history(next);
            }
            Err(e) => errors.set(Some(e)),
        }
    };
    let period_error = move || {
        errors.with(|e| {
            e.as_ref().and_then(|e| e.period).map(|p| match p {
                PeriodProblem::Missing => i18n.t("editor.period_missing"),
                PeriodProblem::Unreadable => i18n.t("editor.period_unreadable"),
                PeriodProblem::Taken { version } => {
                    i18n.tf("editor.period_taken", &[("version", &version.to_string())])
                }
            })
        })
    };
    let reason_error = move || {
        errors
            .with(|e| e.as_ref().is_some_and(|e| e.reason_missing))
            .then(|| i18n.t("editor.reason_missing"))
    };
    let form_error = move || {
        errors.with(|e| {
            let e = e.as_ref()?;
            if let Some(card) = &e.card {
                Some(problem_text(i18n, card))
            } else if e.unchanged {
                Some(i18n.t("editor.unchanged"))
            } else {
                None
            }
        })
    };
    let example = move || state.period().unwrap_or_else(|| "2026-10".to_string());
    view! {
        <div class="draft-bar" data-testid="draft-bar">
            <p class="draft-status" role="status" data-testid="draft-status" data-dirty=move || dirty.get().to_string()>
                {move || if dirty.get() { i18n.t("editor.draft_dirty") } else { i18n.t("editor.draft_clean") }}
            </p>
            <div class="button-row">
                <button type="button" data-testid="discard-draft" on:click=on_discard>
                    {move || i18n.t("editor.discard")}
                </button>
                <button
                    type="button"
                    class="button-primary"
                    data-testid="save-version-open"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="save-version-form"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || i18n.t("editor.save_as_new")}
                </button>
            </div>
        </div>
        {move || problem.get().map(|p| view! {
            <p class="notice notice-error" role="alert" data-testid="draft-problem">
                {problem_text(i18n, &p)}
            </p>
        })}
        <Show when=move || open.get()>
            <form
                id="save-version-form"
                class="panel save-form"
                data-testid="save-version-form"
                novalidate=true
                on:submit=submit
            >
                <h2 class="section-title">{move || i18n.t("editor.save_title")}</h2>
                <div class="field">
                    <label class="field-label" for="save-effective-from">{move || i18n.t("editor.effective_from")}</label>
                    <input
                        id="save-effective-from"
                        data-testid="save-effective-from"
                        type="text"
                        required=true
                        autocomplete="off"
                        aria-describedby="save-effective-from-help save-effective-from-error"
                        aria-invalid=move || period_error().is_some().to_string()
                        placeholder=example
                        prop:value=move || from.get()
                        on:input=move |ev| from.set(event_target_value(&ev))
                    />
                    <span class="help small" id="save-effective-from-help">
                        {move || i18n.tf("editor.effective_from_help", &[("example", &example())])}
                    </span>
                    <span class="field-error" id="save-effective-from-error" data-testid="save-period-error">
                        {period_error}
                    </span>
                </div>
                <div class="field">
                    <label class="field-label" for="save-reason">{move || i18n.t("editor.reason")}</label>
                    <textarea
                        id="save-reason"
                        data-testid="save-reason"
                        required=true
                        rows="2"
                        aria-describedby="save-reason-error"
                        aria-invalid=move || reason_error().is_some().to_string()
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                    <span class="field-error" id="save-reason-error" data-testid="save-reason-error">
                        {reason_error}
                    </span>
                </div>
                <p class="field-error" role="alert" data-testid="save-error">{form_error}</p>
                <div class="button-row">
                    <button type="submit" class="button-primary" data-testid="save-version-submit">
                        {move || i18n.t("editor.save_submit")}
                    </button>
                    <button type="button" data-testid="save-version-cancel" on:click=move |_| close()>
                        {move || i18n.t("editor.cancel")}
                    </button>
                </div>
            </form>
        </Show>
    }
}

/// The engine's problem with a draft, in the interface language where the editor can
/// cause it; the engine's English sentence otherwise.
fn problem_text(i18n: I18n, problem: &ScorecardError) -> String {
    let name = |id: &str| metric_name(i18n, id, None);
    match problem {
        ScorecardError::BadWeight { .. } => i18n.t("editor.problem_weight"),
        ScorecardError::BadTargetOrFloor { metric_id } => {
            i18n.tf("editor.problem_target", &[("metric", &name(metric_id))])
        }
        ScorecardError::DirectionConflict { metric_id } => {
            i18n.tf("editor.problem_direction", &[("metric", &name(metric_id))])
        }
        ScorecardError::UnknownDirection { metric_id } => {
            i18n.tf("editor.problem_equal", &[("metric", &name(metric_id))])
        }
        ScorecardError::BadCurve { metric_id, .. } => {
            i18n.tf("editor.problem_curve", &[("metric", &name(metric_id))])
        }
        ScorecardError::BadGuardRail => i18n.t("editor.problem_rail"),
        ScorecardError::BadGrading => i18n.t("editor.problem_grading"),
        other => other.to_string(),
    }
}

/// Who moves up or down under the draft, biggest first.
///
/// Built to be cheap on every edit (a slider drag re-scores at each step): the list is keyed
/// by agent, so an agent who stays among the movers keeps its element and only its texts
/// change; only the agents entering or leaving the list touch the DOM's structure.
#[component]
fn MoversPanel(
    movers: Memo<Movers>,
    names: Option<Shared<Measured>>,
    has_data: bool,
    dirty: Memo<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let nobody = Memo::new(move |_| movers.with(|m| m.moved == 0));
    let top = Memo::new(move |_| movers.with(|m| m.top.clone()));
    let body = move || {
        if !has_data {
            return view! { <p class="muted">{move || i18n.t("editor.movers_no_data")}</p> }
                .into_any();
        }
        if nobody.get() {
            let key = move || {
                if dirty.get() {
                    "editor.movers_none"
                } else {
                    "editor.movers_idle"
                }
            };
            return view! { <p class="muted" data-testid="movers-empty">{move || i18n.t(key())}</p> }
                .into_any();
        }
        let count = move |read: fn(&Movers) -> usize| move || movers.with(read).to_string();
        let (moved, up, down, grades) = (
            count(|m| m.moved),
            count(|m| m.up),
            count(|m| m.down),
            count(|m| m.grade_changes),
        );
        let means = move || {
            movers.with(|m| {
                format!(
                    "{} → {}",
                    display::score(m.mean_before),
                    display::score(m.mean_after)
                )
            })
        };
        let names = names.clone();
        view! {
            <p class="movers-summary" data-testid="movers-summary" aria-live="polite">
                {move || i18n.tf("editor.movers_summary", &[("moved", &moved()), ("up", &up()), ("down", &down())])}
            </p>
            <p class="small" data-testid="grade-changes" data-count=grades>
                {move || i18n.tf("editor.grade_changes", &[("count", &grades())])}
            </p>
            <p class="small muted" data-testid="mean-total">
                {move || i18n.tf("editor.mean_total", &[("means", &means())])}
            </p>
            <ol class="movers-list" data-testid="movers-list">
                <For
                    each=move || top.get()
                    key=|x| x.row
                    children=move |x| mover_item(i18n, names.as_ref(), top, x.row)
                />
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="panel movers-panel" data-testid="movers">
            <h2 class="section-title">{move || i18n.t("editor.movers_title")}</h2>
            <p class="muted small">{move || i18n.t("editor.movers_help")}</p>
            {body}
        </section>
    }
}

/// One agent of the movers list; its numbers follow `top` for as long as it stays listed.
fn mover_item(
    i18n: I18n,
    names: Option<&Shared<Measured>>,
    top: Memo<Vec<Mover>>,
    row: usize,
) -> impl IntoView {
    let (name, team) = names
        .and_then(|ws| ws.agents.rows.get(row))
        .map(|r| (r.group.clone(), r.team.clone()))
        .unwrap_or_default();
    let now = move || top.with(|t| t.iter().find(|x| x.row == row).copied());
    let trend = move || now().map_or(Trend::Level, |x| x.trend());
    let look = move || match trend() {
        Trend::Up => ("▲", "change up", "editor.up"),
        Trend::Down => ("▼", "change down", "editor.down"),
        Trend::Level => ("■", "change", "editor.level"),
    };
    let rank = |r: Option<u32>| r.map_or_else(|| "—".to_string(), |r| format!("#{r}"));
    let ranks = move || now().map(|x| format!("{} → {}", rank(x.old_rank), rank(x.new_rank)));
    let totals = move || {
        now().map(|x| {
            format!(
                "{} → {}",
                display::score(x.old_total),
                display::score(x.new_total)
            )
        })
    };
    let delta = move || now().map(|x| display::change(Some(x.delta())));
    let grades = move || {
        now().filter(|x| x.grade_changed()).map(|x| {
            view! {
                <span class="mover-grades">
                    <GradeBadge grade=x.old_grade/> " → " <GradeBadge grade=x.new_grade/>
                </span>
            }
        })
    };
    let href = Route::Agent(name.clone()).to_hash();
    let agent = name.clone();
    view! {
        <li class="mover" data-testid="mover" data-agent=agent>
            <span class=move || format!("mover-arrow {}", look().1)>
                <span aria-hidden="true">{move || look().0}</span>
                <span class="visually-hidden">{move || i18n.t(look().2)}</span>
            </span>
            <a class="mover-name" href=href>{name}</a>
            <span class="muted small mover-team">{team}</span>
            <span class="num mover-total" data-testid="mover-total">{totals}</span>
            <span class="num mover-rank" data-testid="mover-rank">{ranks}</span>
            <span class=move || format!("num {}", look().1)>{delta}</span>
            {grades}
        </li>
    }
}
