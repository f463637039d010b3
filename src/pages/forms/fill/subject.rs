//! Who and what a response is about: the subject fields each kind of form needs.

use carescore_engine::feedback::{FormKind, RaterRole};
use leptos::prelude::*;

use super::Problems;
use crate::i18n::I18n;

/// The subject of a response, as typed.
#[derive(Clone, Copy)]
pub(super) struct Subject {
    pub(super) agent: RwSignal<String>,
    pub(super) date: RwSignal<String>,
    pub(super) reviewed_on: RwSignal<String>,
    pub(super) reference: RwSignal<String>,
    pub(super) reviewer: RwSignal<String>,
    pub(super) period: RwSignal<String>,
    pub(super) comment: RwSignal<String>,
}

/// The fields that say who and what a response is about, for the form's kind.
pub(super) fn subject_fields(
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
