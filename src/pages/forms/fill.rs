//! Filling in one form: a generic renderer for any [`FormTemplate`] (every [`ItemInput`]),
//! the subject fields its kind needs, and "Save", which checks the answers with the
//! engine and shows each problem next to its item. Only a response the engine accepts is
//! stored.

use std::collections::BTreeMap;

use carescore_engine::feedback::form::ChoiceOption;
use carescore_engine::feedback::response::NOT_APPLICABLE;
use carescore_engine::feedback::validate::{check_qa_review, check_review360, check_survey};
use carescore_engine::feedback::{
    Answer, Answers, FormKind, FormTemplate, Item, ItemInput, QaReview, RaterRole, Review360,
    SurveyResponse,
};
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::label_text;
use crate::i18n::{use_i18n, I18n};
use crate::state::{use_app_state, AppState};
use carescore_workspace::draft::parse_number;
use carescore_workspace::formats::form_file::{FilledResponse, FormSubject};
use carescore_workspace::measured::PERIOD_KIND;

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

/// The typed answers: raw text per item id (a number, an option id, free text or `n/a`).
/// Blank answers are left out; a required item without one, and a number that does not
/// read, become problems here (the engine checks ranges and kinds afterwards).
pub fn parse_answers(
    form: &FormTemplate,
    raw: &BTreeMap<String, String>,
) -> (Answers, Vec<(Slot, Problem)>) {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    for item in form.items() {
        let text = raw.get(&item.id).map(|t| t.trim()).unwrap_or("");
        if text.is_empty() {
            if item.required {
                problems.push((item.id.clone(), Problem::Key("forms.required")));
            }
            continue;
        }
        let answer = match &item.input {
            ItemInput::FreeText | ItemInput::SingleChoice { .. } => Answer::Text(text.to_string()),
            ItemInput::QaCheck { .. } if text.eq_ignore_ascii_case(NOT_APPLICABLE) => {
                Answer::Text(NOT_APPLICABLE.to_string())
            }
            _ => match parse_number(text) {
                Some(value) => Answer::Number(value),
                None => {
                    problems.push((item.id.clone(), Problem::Key("forms.not_a_number")));
                    continue;
                }
            },
        };
        answers.insert(item.id.clone(), answer);
    }
    (answers, problems)
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

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The subject of a response, as typed.
#[derive(Clone, Copy)]
struct Subject {
    agent: RwSignal<String>,
    date: RwSignal<String>,
    reviewed_on: RwSignal<String>,
    reference: RwSignal<String>,
    reviewer: RwSignal<String>,
    period: RwSignal<String>,
    comment: RwSignal<String>,
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

/// The new store with the response added, if the subject and the engine accept it; every
/// problem found is added to `found`.
fn build_response(
    state: AppState,
    form: &FormTemplate,
    subject: Subject,
    answers: Answers,
    found: &mut Vec<(Slot, Problem)>,
) -> Option<carescore_workspace::feedback::FeedbackStore> {
    let mut store = (*state.feedback_untracked().0).clone();
    let text = |signal: RwSignal<String>| signal.get_untracked().trim().to_string();
    let agent = text(subject.agent);
    if agent.is_empty() {
        found.push(("subject.agent".into(), Problem::Key("forms.need_agent")));
    }
    let mut need = |slot: &str, value: Option<String>, key: &'static str| {
        if value.is_none() {
            found.push((slot.to_string(), Problem::Key(key)));
        }
        value
    };
    let engine = match form.kind {
        FormKind::Survey | FormKind::SchemeFeedback => {
            let date = need(
                "subject.date",
                parse_date(&text(subject.date)).map(|d| d.to_string()),
                "forms.need_date",
            );
            let reference = text(subject.reference);
            let response = SurveyResponse {
                id: store.next_id("survey"),
                form_id: form.id.clone(),
                contact_id: (!reference.is_empty()).then_some(reference),
                agent,
                submitted_at: parse_date(&date?)?.and_hms_opt(12, 0, 0)?,
                answers,
            };
            let problems = check_survey(form, &response);
            store.surveys.push(response);
            problems
        }
        FormKind::Qa => {
            let reference = text(subject.reference);
            let conversation = need(
                "subject.reference",
                (!reference.is_empty()).then_some(reference),
                "forms.need_conversation",
            );
            let reviewer = text(subject.reviewer);
            let reviewer = need(
                "subject.reviewer",
                (!reviewer.is_empty()).then_some(reviewer),
                "forms.need_reviewer",
            );
            let conversation_on = need(
                "subject.date",
                parse_date(&text(subject.date)).map(|d| d.to_string()),
                "forms.need_date",
            );
            let reviewed_on = need(
                "subject.reviewed_on",
                parse_date(&text(subject.reviewed_on)).map(|d| d.to_string()),
                "forms.need_date",
            );
            let comment = text(subject.comment);
            let review = QaReview {
                id: store.next_id("qa"),
                form_id: form.id.clone(),
                conversation_id: conversation?,
                agent,
                reviewer: reviewer?,
                reviewed_on: parse_date(&reviewed_on?)?,
                conversation_on: Some(parse_date(&conversation_on?)?),
                answers,
                item_comments: BTreeMap::new(),
                comment: (!comment.is_empty()).then_some(comment),
            };
            let problems = check_qa_review(form, &review);
            store.qa_reviews.push(review);
            problems
        }
        FormKind::Review360 { role } => {
            let rater = if role == RaterRole::SelfReview {
                agent.clone()
            } else {
                text(subject.reviewer)
            };
            let rater = need(
                "subject.reviewer",
                (!rater.is_empty()).then_some(rater),
                "forms.need_rater",
            );
            let period = text(subject.period);
            let period = need(
                "subject.period",
                (!period.is_empty()).then_some(period),
                "forms.need_period",
            );
            let review = Review360 {
                id: store.next_id("r360"),
                form_id: form.id.clone(),
                subject: agent,
                rater: rater?,
                role,
                period: period?,
                answers,
                comment: None,
            };
            let problems = check_review360(form, &review);
            store.reviews360.push(review);
            problems
        }
    };
    for problem in engine {
        let slot = problem
            .item_id
            .clone()
            .unwrap_or_else(|| "form".to_string());
        // Our own sentence for an item says it already (a required item left blank).
        if !found.iter().any(|(s, _)| *s == slot) {
            found.push((slot, Problem::Engine(problem.message)));
        }
    }
    Some(store)
}

/// The fields that say who and what a response is about, for the form's kind.
fn subject_fields(
    i18n: I18n,
    kind: FormKind,
    subject: Subject,
    agents: Vec<String>,
    periods: Vec<String>,
    problems: Problems,
    locked: bool,
) -> impl IntoView {
    let agent_key = match kind {
        FormKind::Review360 { .. } => "forms.subject_agent",
        FormKind::SchemeFeedback => "forms.respondent",
        _ => "common.agent",
    };
    let agent = view! {
        <label class="field" class:invalid=problems.has("subject.agent".into())>
            <span class="field-label">{move || i18n.t(agent_key)}</span>
            <select data-subject="agent" prop:disabled=locked on:change=move |ev| subject.agent.set(event_target_value(&ev))>
                <option value="">{move || i18n.t("forms.pick_agent")}</option>
                {agents.into_iter().map(|name| {
                    let value = name.clone();
                    view! { <option value=name.clone() prop:selected=move || subject.agent.get() == value>{name.clone()}</option> }
                }).collect_view()}
            </select>
            {problems.view(i18n, "subject.agent".into())}
        </label>
    };
    let text_field = move |slot: &'static str,
                           key: &'static str,
                           signal: RwSignal<String>,
                           input_type: &'static str| {
        view! {
            <label class="field" class:invalid=problems.has(format!("subject.{slot}"))>
                <span class="field-label">{move || i18n.t(key)}</span>
                <input type=input_type data-subject=slot prop:value=move || signal.get()
                    on:input=move |ev| signal.set(event_target_value(&ev))/>
                {problems.view(i18n, format!("subject.{slot}"))}
            </label>
        }
    };
    let rest = match kind {
        FormKind::Survey => view! {
            {text_field("date", "forms.submitted_on", subject.date, "date")}
            {text_field("reference", "forms.contact_id", subject.reference, "text")}
        }
        .into_any(),
        FormKind::SchemeFeedback => {
            text_field("date", "forms.submitted_on", subject.date, "date").into_any()
        }
        FormKind::Qa => view! {
            {text_field("reference", "forms.conversation_id", subject.reference, "text")}
            {text_field("date", "forms.conversation_on", subject.date, "date")}
            {text_field("reviewer", "forms.reviewer", subject.reviewer, "text")}
            {text_field("reviewed_on", "forms.reviewed_on", subject.reviewed_on, "date")}
        }
        .into_any(),
        FormKind::Review360 { role } => {
            let period = view! {
                <label class="field" class:invalid=problems.has("subject.period".into())>
                    <span class="field-label">{move || i18n.t("common.period")}</span>
                    <select data-subject="period" prop:disabled=locked on:change=move |ev| subject.period.set(event_target_value(&ev))>
                        {periods.into_iter().map(|p| {
                            let value = p.clone();
                            view! { <option value=p.clone() prop:selected=move || subject.period.get() == value>{p.clone()}</option> }
                        }).collect_view()}
                    </select>
                    {problems.view(i18n, "subject.period".into())}
                </label>
            };
            let rater = (role != RaterRole::SelfReview)
                .then(|| text_field("reviewer", "forms.rater", subject.reviewer, "text"));
            let role_key = match role {
                RaterRole::SelfReview => "forms.role_self",
                RaterRole::Peer => "forms.role_peer",
                RaterRole::Manager => "forms.role_manager",
            };
            view! {
                {period}
                {rater}
                <p class="muted small form-role">{move || i18n.t(role_key)}</p>
            }
            .into_any()
        }
    };
    view! { {agent} {rest} }
}

/// One item: its label, the input its kind takes, and its problems.
fn item_view(
    i18n: I18n,
    item: Item,
    raw: RwSignal<BTreeMap<String, String>>,
    problems: Problems,
) -> impl IntoView {
    let id = item.id.clone();
    let label = item.label.clone();
    let required = item.required;
    let value = {
        let id = id.clone();
        move || raw.with(|r| r.get(&id).cloned().unwrap_or_default())
    };
    let set = {
        let id = id.clone();
        move |text: String| {
            raw.update(|r| {
                r.insert(id.clone(), text);
            })
        }
    };
    let input = match item.input.clone() {
        ItemInput::Csat | ItemInput::Nps | ItemInput::Effort | ItemInput::Rating { .. } => {
            let (min, max) = item.input.range().unwrap_or((1.0, 5.0));
            scale(min as i32, max as i32, value, set).into_any()
        }
        ItemInput::FreeText => view! {
            <textarea data-input="text" prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        ItemInput::SingleChoice { options } => choice(i18n, options, value, set).into_any(),
        ItemInput::QaCheck { points, critical, allow_na } => qa_check(i18n, points, critical, allow_na, value, set).into_any(),
    };
    let invalid = problems.has(id.clone());
    let slot = id.clone();
    view! {
        <div class="form-item" data-item=id.clone() class:invalid=invalid>
            <div class="form-item-label">
                {move || label_text(i18n.locale(), &label).unwrap_or_default()}
                {required.then(|| view! { <span class="form-required" title=move || i18n.t("forms.required_mark")>"*"</span> })}
            </div>
            {input}
            {problems.view(i18n, slot)}
        </div>
    }
}

/// Whole numbers from `min` to `max` as a row of buttons; the picked one is pressed.
fn scale(
    min: i32,
    max: i32,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    set: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="scale" role="group">
            {(min..=max).map(|n| {
                let text = n.to_string();
                let pressed = {
                    let value = value.clone();
                    let text = text.clone();
                    move || value() == text
                };
                let set = set.clone();
                let picked = text.clone();
                view! {
                    <button type="button" class="scale-option" data-value=text.clone()
                        class:selected=pressed.clone() aria-pressed=move || pressed().to_string()
                        on:click=move |_| set(picked.clone())>
                        {text.clone()}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

fn choice(
    i18n: I18n,
    options: Vec<ChoiceOption>,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    set: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <select data-input="choice" on:change=move |ev| set(event_target_value(&ev))>
            <option value="">{move || i18n.t("forms.no_answer")}</option>
            {options.into_iter().map(|option| {
                let value = value.clone();
                let id = option.id.clone();
                let fallback = option.id.clone();
                let label = option.label.clone();
                view! {
                    <option value=option.id prop:selected=move || value() == id>
                        {move || label_text(i18n.locale(), &label).unwrap_or_else(|| fallback.clone())}
                    </option>
                }
            }).collect_view()}
        </select>
    }
}

/// A QA line: points earned out of `points`, "n/a" where allowed, and a mark on critical
/// lines (less than full points fails the review).
fn qa_check(
    i18n: I18n,
    points: u32,
    critical: bool,
    allow_na: bool,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    set: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let is_na = {
        let value = value.clone();
        move || value().eq_ignore_ascii_case(NOT_APPLICABLE)
    };
    let shown = {
        let value = value.clone();
        let is_na = is_na.clone();
        move || if is_na() { String::new() } else { value() }
    };
    let set_points = set.clone();
    view! {
        <div class="qa-check">
            <input type="number" class="qa-points" data-input="points" min="0" max=points.to_string() step="0.5"
                prop:value=shown prop:disabled=is_na.clone()
                on:input=move |ev| set_points(event_target_value(&ev))/>
            <span class="muted">{move || i18n.tf("forms.of_points", &[("points", &points.to_string())])}</span>
            {allow_na.then(|| {
                let is_na = is_na.clone();
                view! {
                    <label class="qa-na">
                        <input type="checkbox" data-input="na" prop:checked=is_na
                            on:change=move |ev| set(if event_target_checked(&ev) { NOT_APPLICABLE.to_string() } else { String::new() })/>
                        {move || i18n.t("forms.not_applicable")}
                    </label>
                }
            })}
            {critical.then(|| view! {
                <span class="badge badge-critical" title=move || i18n.t("forms.critical_help")>{move || i18n.t("forms.critical")}</span>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::feedback::builtin;

    #[test]
    fn answers_are_typed_by_item_and_blank_required_items_are_problems() {
        let form = builtin::qa_after_sales_chat();
        let mut raw = BTreeMap::new();
        raw.insert("greeting".to_string(), " 4,5 ".to_string());
        raw.insert("identity_check".to_string(), "N/A".to_string());
        raw.insert("tone".to_string(), "lots".to_string());
        let (answers, problems) = parse_answers(&form, &raw);
        assert_eq!(answers["greeting"], Answer::Number(4.5));
        assert!(answers["identity_check"].is_not_applicable());
        assert!(!answers.contains_key("tone"));
        let slots: Vec<&str> = problems.iter().map(|(s, _)| s.as_str()).collect();
        assert!(slots.contains(&"tone"), "{slots:?}");
        assert!(problems.contains(&("tone".to_string(), Problem::Key("forms.not_a_number"))));
        let required = form.items().filter(|i| i.required).count();
        // Every required item but the two answered, plus the unreadable number.
        assert_eq!(problems.len(), required - 2);

        let survey = builtin::customer_survey();
        let mut raw = BTreeMap::new();
        raw.insert("csat".to_string(), "5".to_string());
        raw.insert("comment".to_string(), "  ".to_string());
        let (answers, problems) = parse_answers(&survey, &raw);
        assert_eq!(answers.len(), 1);
        assert!(problems.is_empty());
        let (_, problems) = parse_answers(&survey, &BTreeMap::new());
        assert_eq!(
            problems,
            [("csat".to_string(), Problem::Key("forms.required"))]
        );
    }
}
