//! The responses saved so far, one table per kind (who, when, score), each with Delete.
//! Peer raters are not named: a peer review lists as "peer" only, and while the engine's
//! peer rule hides an agent's peer figures their peer reviews list as a count alone.

use carescore_engine::feedback::measures::qa_review_score;
/// The engine's (it used to live here), for this module's old importers.
pub use carescore_engine::feedback::peer_rule::rating_mean;
use carescore_engine::feedback::peer_rule::Listed360;
use carescore_engine::feedback::{FormKind, FormTemplate, RaterRole};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::state::{use_app_state, AppState};
use carescore_workspace::display;
use carescore_workspace::feedback::FeedbackStore;

fn delete_button(i18n: I18n, state: AppState, id: String) -> impl IntoView {
    let label = id.clone();
    view! {
        <button type="button" class="button button-danger small-button" data-delete=label
            on:click=move |_| {
                let mut store = (*state.feedback_untracked().0).clone();
                store.remove(&id);
                state.set_feedback(store);
            }>
            {move || i18n.t("forms.delete")}
        </button>
    }
}

fn form_title(i18n: I18n, forms: &[FormTemplate], id: &str) -> String {
    forms
        .iter()
        .find(|f| f.id == id)
        .and_then(|f| crate::components::label_text(i18n.locale(), &f.title))
        .unwrap_or_else(|| id.to_string())
}

/// The saved responses (reactive: follows the store and the language).
#[component]
pub fn SavedResponses() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    move || {
        let store = state.feedback();
        let forms = FeedbackStore::forms();
        if store.is_empty() {
            return view! { <p class="muted" data-testid="no-responses">{i18n.t("forms.none_saved")}</p> }.into_any();
        }
        view! {
            {surveys(i18n, state, &store, &forms)}
            {qa_reviews(i18n, state, &store, &forms)}
            {reviews360(i18n, state, &store)}
        }
        .into_any()
    }
}

fn surveys(
    i18n: I18n,
    state: AppState,
    store: &FeedbackStore,
    forms: &[FormTemplate],
) -> impl IntoView {
    (!store.surveys.is_empty()).then(|| {
        let rows = store
            .surveys
            .iter()
            .map(|s| {
                let is_survey = forms
                    .iter()
                    .any(|f| f.id == s.form_id && f.kind == FormKind::Survey);
                let csat = s.answers.get("csat").and_then(|a| a.number());
                let score = if is_survey {
                    csat.map_or_else(|| "—".to_string(), |v| format!("{v:.0} / 5"))
                } else {
                    "—".to_string()
                };
                view! {
                    <tr data-response=s.id.clone()>
                        <td>{form_title(i18n, forms, &s.form_id)}</td>
                        <td>{s.agent.clone()}</td>
                        <td>{s.submitted_at.date().to_string()}</td>
                        <td class="num">{score}</td>
                        <td>{delete_button(i18n, state, s.id.clone())}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3 class="forms-subtitle">{i18n.t("forms.kind_survey")}</h3>
            <table class="data-table compact" data-testid="saved-surveys">
                <thead><tr>
                    <th>{i18n.t("forms.form")}</th><th>{i18n.t("common.agent")}</th>
                    <th>{i18n.t("forms.date")}</th><th class="num">{i18n.t("forms.csat")}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

fn qa_reviews(
    i18n: I18n,
    state: AppState,
    store: &FeedbackStore,
    forms: &[FormTemplate],
) -> impl IntoView {
    (!store.qa_reviews.is_empty()).then(|| {
        let rows = store
            .qa_reviews
            .iter()
            .map(|q| {
                let score = forms
                    .iter()
                    .find(|f| f.id == q.form_id)
                    .map(|form| qa_review_score(form, q));
                let failed = score.as_ref().is_some_and(|s| !s.critical_failures.is_empty());
                view! {
                    <tr data-response=q.id.clone()>
                        <td>{q.agent.clone()}</td>
                        <td>{q.conversation_id.clone()}</td>
                        <td>{q.period_date().to_string()}</td>
                        <td class="num">
                            {display::score(score.and_then(|s| s.score))}
                            {failed.then(|| view! { " " <span class="badge badge-critical">{i18n.t("forms.critical_failed")}</span> })}
                        </td>
                        <td>{delete_button(i18n, state, q.id.clone())}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3 class="forms-subtitle">{i18n.t("forms.kind_qa")}</h3>
            <table class="data-table compact" data-testid="saved-qa">
                <thead><tr>
                    <th>{i18n.t("common.agent")}</th><th>{i18n.t("forms.conversation_id")}</th>
                    <th>{i18n.t("forms.date")}</th><th class="num">{i18n.t("forms.qa_score")}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

fn reviews360(i18n: I18n, state: AppState, store: &FeedbackStore) -> impl IntoView {
    (!store.reviews360.is_empty()).then(|| {
        let rows = store
            .listed_reviews360()
            .into_iter()
            .map(|line| match line {
                Listed360::Review { review: r, rating_mean } => {
                    let role = match r.role {
                        RaterRole::SelfReview => i18n.t("forms.role_self"),
                        RaterRole::Peer => i18n.t("forms.role_peer"),
                        RaterRole::Manager => i18n.tf("forms.role_manager_named", &[("name", &r.rater)]),
                    };
                    let mean = rating_mean.map_or_else(|| "—".to_string(), |v| format!("{v:.1} / 5"));
                    view! {
                        <tr data-response=r.id.clone()>
                            <td>{r.subject.clone()}</td>
                            <td>{role}</td>
                            <td>{r.period.clone()}</td>
                            <td class="num">{mean}</td>
                            <td>{delete_button(i18n, state, r.id.clone())}</td>
                        </tr>
                    }
                    .into_any()
                }
                Listed360::PeersWithheld { subject, period, reviews } => {
                    let key = if reviews == 1 { "feedback.peers_one" } else { "feedback.peers" };
                    let count = i18n.tf(key, &[("n", &reviews.to_string())]);
                    view! {
                        <tr data-peers-withheld="">
                            <td>{subject.to_string()}</td>
                            <td>{i18n.t("forms.role_peer")} " " {count}</td>
                            <td>{period.to_string()}</td>
                            <td class="num">"—"</td>
                            <td></td>
                        </tr>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! {
            <h3 class="forms-subtitle">{i18n.t("forms.kind_360")}</h3>
            <table class="data-table compact" data-testid="saved-360">
                <thead><tr>
                    <th>{i18n.t("common.agent")}</th><th>{i18n.t("forms.rater")}</th>
                    <th>{i18n.t("common.period")}</th><th class="num">{i18n.t("forms.rating_mean")}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}
