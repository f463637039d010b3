//! The draft's bar: whether it differs from the saved version, Discard, its problem, and
//! "Save as new version" with its form; and the notice once a version is saved.

use carescore_engine::scorecard::ScorecardError;
use carescore_workspace::draft::{Draft, PeriodProblem, SaveErrors};
use leptos::html::P;
use leptos::prelude::*;

use super::Saved;
use crate::components::metric_name;
use crate::i18n::{use_i18n, I18n};
use crate::state::use_app_state;

/// "Version N saved", focused when it appears so a keyboard user lands somewhere sensible
/// after the editor is rebuilt on the new history.
#[component]
pub(super) fn SavedNotice(saved: RwSignal<Option<Saved>>) -> impl IntoView {
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
pub(super) fn DraftBar(
    draft: RwSignal<Draft>,
    dirty: Memo<bool>,
    problem: Memo<Option<ScorecardError>>,
    discard: impl Fn() + Clone + Send + Sync + 'static,
    saved: RwSignal<Option<Saved>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    // Kept while the form is closed, so reopening it shows what was typed.
    let fields = SaveFields {
        from: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
        errors: RwSignal::new(None::<SaveErrors>),
    };
    let close = move || {
        open.set(false);
        fields.errors.set(None);
    };
    let on_discard = {
        let discard = discard.clone();
        move |_| {
            discard();
            close();
        }
    };
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
            <SaveVersionForm draft saved fields on_close=Callback::new(move |_| close()) />
        </Show>
    }
}

/// What the save form keeps between openings: the typed period and reason, and the
/// problems of the last attempt.
#[derive(Clone, Copy)]
struct SaveFields {
    from: RwSignal<String>,
    reason: RwSignal<String>,
    errors: RwSignal<Option<SaveErrors>>,
}

/// "Save as new version": the effective period and the reason, each with its problem.
#[component]
fn SaveVersionForm(
    draft: RwSignal<Draft>,
    saved: RwSignal<Option<Saved>>,
    fields: SaveFields,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let SaveFields {
        from,
        reason,
        errors,
    } = fields;
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
                <button type="button" data-testid="save-version-cancel" on:click=move |_| on_close.run(())>
                    {move || i18n.t("editor.cancel")}
                </button>
            </div>
        </form>
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
