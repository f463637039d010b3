//! Filling in one form: a generic renderer for any [`FormTemplate`] (every [`ItemInput`]),
//! the subject fields its kind needs, and "Save", which checks the answers with the
//! engine and shows each problem next to its item. Only a response the engine accepts is
//! stored.

mod answers;
mod inputs;
mod subject;

use std::collections::BTreeMap;

use carescore_engine::feedback::{FormKind, FormTemplate};
use leptos::prelude::*;

use crate::components::label_text;
use crate::i18n::{use_i18n, I18n};
use crate::state::{use_app_state, AppState};
use answers::build_response;
pub use answers::parse_answers;
use carescore_workspace::formats::form_file::{FilledResponse, FormSubject};
use carescore_workspace::measured::PERIOD_KIND;
use inputs::item_view;
use subject::{subject_fields, Subject};

/// Where a problem shows: next to an item (its id) or a subject field (`subject.*`).
type Slot = String;

/// A problem: a locale key of ours, or the engine's own sentence (shown inside ours).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Key(&'static str),
    Engine(String),
}

fn problem_text(i18n: I18n, problem: &Problem) -> String {
    match problem {
        Problem::Key(key) => i18n.t(key),
        Problem::Engine(why) => i18n.tf("forms.engine_problem", &[("why", why)]),
    }
}

/// A default date for a new response: the workspace's last day when it lies in the
/// period the pages show, else the period's first day.
fn default_date(state: AppState) -> String {
    let period = untrack(|| state.period());
    let last_day = state
        .workspace_untracked()
        .and_then(|ws| ws.summary.last_day.clone());
    match (period, last_day) {
        (Some(period), Some(day)) if day.starts_with(&period) => day,
        (Some(period), _) => PERIOD_KIND
            .start_of_label(&period)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        (None, day) => day.unwrap_or_default(),
    }
}

/// The problems of the form being filled, by slot.
#[derive(Clone, Copy)]
struct Problems(RwSignal<Vec<(Slot, Problem)>>);

impl Problems {
    fn view(self, i18n: I18n, slot: String) -> impl IntoView {
        move || {
            self.0.with(|list| {
                list.iter()
                    .filter(|(s, _)| *s == slot)
                    .map(|(_, p)| {
                        view! { <p class="form-problem" data-testid="form-problem">{problem_text(i18n, p)}</p> }
                    })
                    .collect_view()
            })
        }
    }

    fn has(self, slot: String) -> impl Fn() -> bool + Copy + 'static {
        let slot = StoredValue::new(slot);
        move || {
            self.0
                .with(|list| list.iter().any(|(s, _)| *s == slot.get_value()))
        }
    }
}

/// The form being filled in. `on_saved` runs with the form's id once a response is stored.
#[component]
pub fn FormFill(
    form: FormTemplate,
    #[prop(into)] on_saved: Callback<String>,
    #[prop(into)] on_cancel: Callback<()>,
    /// A form received as a file (see `exchange`): its subject is preset and locked.
    #[prop(optional)]
    received: Option<FormSubject>,
    /// With this, Save hands the checked response over (to be downloaded) instead of
    /// storing it in this browser.
    #[prop(optional)]
    on_answers: Option<Callback<FilledResponse>>,
) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let agents: Vec<String> = state
        .workspace_untracked()
        .map(|ws| {
            let mut names: Vec<String> = ws.agents.rows.iter().map(|r| r.group.clone()).collect();
            names.sort();
            names.dedup();
            names
        })
        .unwrap_or_default();
    let periods: Vec<String> = state
        .workspace_untracked()
        .map(|ws| ws.periods.clone())
        .unwrap_or_default();
    let date = default_date(state);
    let subject = Subject {
        agent: RwSignal::new(String::new()),
        date: RwSignal::new(date.clone()),
        reviewed_on: RwSignal::new(date),
        reference: RwSignal::new(String::new()),
        reviewer: RwSignal::new(String::new()),
        period: RwSignal::new(untrack(|| state.period()).unwrap_or_default()),
        comment: RwSignal::new(String::new()),
    };
    let locked = received.is_some();
    let (agents, periods) = match &received {
        Some(preset) => {
            subject.agent.set(preset.agent.clone());
            if let Some(period) = &preset.period {
                subject.period.set(period.clone());
            }
            if let Some(date) = preset.date {
                subject.date.set(date.to_string());
            }
            if let Some(reference) = &preset.reference {
                subject.reference.set(reference.clone());
            }
            (
                vec![preset.agent.clone()],
                preset.period.clone().into_iter().collect(),
            )
        }
        None => (agents, periods),
    };
    let raw: RwSignal<BTreeMap<String, String>> = RwSignal::new(BTreeMap::new());
    let problems = Problems(RwSignal::new(Vec::new()));
    let kind = form.kind;
    let form = StoredValue::new(form);

    let save = move |_| {
        let template = form.get_value();
        let (answers, mut found) = raw.with_untracked(|raw| parse_answers(&template, raw));
        match build_response(state, &template, subject, answers, &mut found) {
            Some(store) if found.is_empty() => {
                problems.0.set(Vec::new());
                match on_answers {
                    Some(hand_over) => {
                        if let Some(response) = FilledResponse::last_in(&store, template.kind) {
                            hand_over.run(response);
                        }
                    }
                    None => {
                        state.set_feedback(store);
                        on_saved.run(template.id.clone());
                    }
                }
            }
            _ => problems.0.set(found),
        }
    };

    let title = form.with_value(|f| f.title.clone());
    let sections = form.with_value(|f| f.sections.clone());
    view! {
        <section class="panel form-fill" data-testid="form-fill" data-form=form.with_value(|f| f.id.clone())>
            <h2 class="section-title">{move || label_text(i18n.locale(), &title).unwrap_or_default()}</h2>
            <div class="form-subject">
                {subject_fields(i18n, kind, subject, agents, periods, problems, locked)}
            </div>
            {sections
                .into_iter()
                .map(|section| {
                    let title = section.title.clone();
                    view! {
                        <fieldset class="form-section" data-section=section.id.clone()>
                            <legend>{move || label_text(i18n.locale(), &title).unwrap_or_default()}</legend>
                            {section.items.into_iter().map(|item| item_view(i18n, item, raw, problems)).collect_view()}
                        </fieldset>
                    }
                })
                .collect_view()}
            {(kind == FormKind::Qa).then(|| view! {
                <label class="field">
                    <span class="field-label">{move || i18n.t("forms.qa_comment")}</span>
                    <textarea data-subject="comment" prop:value=move || subject.comment.get()
                        on:input=move |ev| subject.comment.set(event_target_value(&ev))></textarea>
                </label>
            })}
            {problems.view(i18n, "form".to_string())}
            {move || (!problems.0.with(Vec::is_empty)).then(|| view! {
                <p class="form-problem" role="alert" data-testid="form-not-saved">{i18n.t("forms.not_saved")}</p>
            })}
            <div class="form-actions">
                <button type="button" class="button button-primary" data-testid="form-save" on:click=save>
                    {move || i18n.t(if on_answers.is_some() { "exchange.save_answers" } else { "forms.save" })}
                </button>
                <button type="button" class="button" data-testid="form-cancel" on:click=move |_| on_cancel.run(())>
                    {move || i18n.t("forms.cancel")}
                </button>
            </div>
        </section>
    }
}
