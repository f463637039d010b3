//! Appeals (申诉) on the agent card: the agent's reviews in the period, each of which can
//! be contested (360 peer reviews never appear: peers are anonymous), a contact record
//! contested by its id, and the appeals about the agent with their status and full audit
//! trail, decided, reopened or commented on in place. An accepted appeal takes its review
//! or record out of scoring (see [`carescore_workspace::appeals`]).

use carescore_engine::feedback::appeals::{AppealAction, AppealError, AppealStatus};
use carescore_engine::feedback::{Appeal, AppealTarget};
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::state::use_app_state;
use carescore_workspace::appeals::{record_of_agent, AppealProblem, ContestableReview, ReviewKind};
use carescore_workspace::display;
use carescore_workspace::feedback::FeedbackStore;

/// Now by the browser's clock (std's clock panics on wasm32).
fn now() -> NaiveDateTime {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .and_then(|day| day.and_hms_opt(now.get_hours(), now.get_minutes(), now.get_seconds()))
    .unwrap_or_default()
}

/// The message of a refused step, in the interface language.
fn problem_text(i18n: I18n, problem: &AppealProblem) -> String {
    match problem {
        AppealProblem::Appeal(AppealError::NotOpen { id, status }) => i18n.tf(
            "appeals.error_not_open",
            &[("id", id), ("status", &status_text(i18n, *status))],
        ),
        AppealProblem::Appeal(AppealError::AlreadyOpen { id }) => {
            i18n.tf("appeals.error_already_open", &[("id", id)])
        }
        AppealProblem::Appeal(AppealError::ReasonRequired { .. }) => i18n.t("appeals.error_reason"),
        AppealProblem::Appeal(AppealError::BeforeLastStep { .. }) => i18n.t("appeals.error_clock"),
        AppealProblem::Appeal(AppealError::BadTrail { id }) | AppealProblem::Unknown { id } => {
            i18n.tf("appeals.error_unknown", &[("id", id)])
        }
        AppealProblem::NameRequired => i18n.t("appeals.error_name"),
        AppealProblem::UnknownRecord { key } => {
            i18n.tf("appeals.error_unknown_record", &[("key", key)])
        }
    }
}

fn status_text(i18n: I18n, status: AppealStatus) -> String {
    match status {
        AppealStatus::Open => i18n.t("appeals.status_open"),
        AppealStatus::Accepted => i18n.t("appeals.status_accepted"),
        AppealStatus::Rejected => i18n.t("appeals.status_rejected"),
    }
}

fn status_token(status: AppealStatus) -> &'static str {
    match status {
        AppealStatus::Open => "open",
        AppealStatus::Accepted => "accepted",
        AppealStatus::Rejected => "rejected",
    }
}

fn kind_text(i18n: I18n, kind: ReviewKind) -> String {
    match kind {
        ReviewKind::Qa => i18n.t("appeals.kind_qa"),
        ReviewKind::Survey => i18n.t("appeals.kind_survey"),
        ReviewKind::SelfReview => i18n.t("appeals.kind_self"),
        ReviewKind::ManagerReview => i18n.t("appeals.kind_manager"),
    }
}

/// What the appeal is about, in words. A peer review is never identified (anonymity).
fn target_text(i18n: I18n, store: &FeedbackStore, target: &AppealTarget) -> String {
    match target {
        AppealTarget::Record { key } => i18n.tf("appeals.target_record", &[("key", key)]),
        AppealTarget::Review { id } if store.is_peer_review(id) => i18n.t("appeals.target_peer"),
        AppealTarget::Review { id } => {
            if let Some(q) = store.qa_reviews.iter().find(|q| &q.id == id) {
                return i18n.tf(
                    "appeals.target_qa",
                    &[
                        ("conversation", &q.conversation_id),
                        ("reviewer", &q.reviewer),
                    ],
                );
            }
            let kind = store
                .qa_reviews
                .iter()
                .any(|q| &q.id == id)
                .then_some(ReviewKind::Qa)
                .or_else(|| {
                    store
                        .surveys
                        .iter()
                        .any(|s| &s.id == id)
                        .then_some(ReviewKind::Survey)
                })
                .or_else(|| {
                    store.reviews360.iter().find(|r| &r.id == id).map(|r| {
                        if r.role == carescore_engine::feedback::RaterRole::Manager {
                            ReviewKind::ManagerReview
                        } else {
                            ReviewKind::SelfReview
                        }
                    })
                });
            match kind {
                Some(kind) => i18n.tf(
                    "appeals.target_review",
                    &[("kind", &kind_text(i18n, kind)), ("id", id)],
                ),
                None => i18n.tf("appeals.target_gone", &[("id", id)]),
            }
        }
    }
}

/// What is being contested in the open form.
#[derive(Clone, Debug, PartialEq)]
enum Contest {
    Review(String),
    Record,
}

#[component]
pub fn AgentAppeals(agent: String, period: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let contesting = RwSignal::new(None::<Contest>);
    let raised_by = RwSignal::new(agent.clone());
    let reason = RwSignal::new(String::new());
    let record_key = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppealProblem>);

    let open_form = move |contest: Contest| {
        error.set(None);
        reason.set(String::new());
        contesting.set(Some(contest));
    };

    let submit_agent = agent.clone();
    let submit = move |_| {
        let Some(contest) = contesting.get_untracked() else {
            return;
        };
        let target = match contest {
            Contest::Review(id) => AppealTarget::Review { id },
            Contest::Record => {
                let key = record_key.get_untracked().trim().to_string();
                if !record_of_agent(&state.records(), &submit_agent, &key) {
                    error.set(Some(AppealProblem::UnknownRecord { key }));
                    return;
                }
                AppealTarget::Record { key }
            }
        };
        let mut store = (*state.feedback_untracked().0).clone();
        match store.open_appeal(
            target,
            &raised_by.get_untracked(),
            now(),
            &reason.get_untracked(),
        ) {
            Ok(_) => {
                contesting.set(None);
                error.set(None);
                state.set_feedback(store);
            }
            Err(problem) => error.set(Some(problem)),
        }
    };

    let form = move || {
        let contest = contesting.get()?;
        let submit = submit.clone();
        let record_field = (contest == Contest::Record)
            .then(|| text_field(i18n, "appeals.record_id", "appeal-record-key", record_key));
        Some(view! {
            <div class="appeal-form" data-testid="appeal-form">
                {record_field}
                {text_field(i18n, "appeals.raised_by", "appeal-raised-by", raised_by)}
                {text_area(i18n, "appeals.reason", "appeal-reason", reason)}
                {move || error.get().map(|p| view! {
                    <p class="field-error" role="alert" data-testid="appeal-error">{problem_text(i18n, &p)}</p>
                })}
                <div class="appeal-form-actions">
                    <button class="button button-primary" data-testid="appeal-submit" on:click=submit>
                        {move || i18n.t("appeals.submit")}
                    </button>
                    <button class="button" data-testid="appeal-cancel" on:click=move |_| contesting.set(None)>
                        {move || i18n.t("appeals.cancel")}
                    </button>
                </div>
            </div>
        })
    };

    let list_agent = agent.clone();
    let list_period = period.clone();
    let reviews = move || {
        let store = state.feedback();
        let reviews = store.contestable_reviews(&list_agent, &list_period);
        if reviews.is_empty() {
            return view! {
                <p class="muted small" data-testid="appeal-no-reviews">
                    {i18n.tf("appeals.no_reviews", &[("period", &list_period)])}
                </p>
            }
            .into_any();
        }
        view! {
            <ul class="plain-list appeal-reviews" data-testid="appeal-reviews">
                {reviews.into_iter().map(|review| {
                    let appeal = store
                        .appeal_on(&AppealTarget::Review { id: review.id.clone() })
                        .map(Appeal::status);
                    review_row(i18n, review, appeal, open_form)
                }).collect_view()}
            </ul>
        }
        .into_any()
    };

    let about_agent = agent.clone();
    let appeals = move || {
        let store = state.feedback();
        let records = state.records();
        let about: Vec<Appeal> = store
            .appeals_about(&about_agent, &records)
            .into_iter()
            .cloned()
            .collect();
        if about.is_empty() {
            return view! { <p class="muted small" data-testid="appeal-none">{i18n.t("appeals.none")}</p> }
                .into_any();
        }
        view! {
            <ul class="plain-list appeal-list" data-testid="appeal-list">
                {about.into_iter().map(|appeal| {
                    let target = target_text(i18n, &store, appeal.target());
                    view! { <AppealItem appeal=appeal target=target/> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <section class="panel appeals-panel" data-testid="agent-appeals">
            <h2 class="section-title">{move || i18n.t("appeals.title")}</h2>
            <p class="muted small">{move || i18n.t("appeals.intro")}</p>
            <h3 class="forms-subtitle">{move || i18n.tf("appeals.reviews_title", &[("period", &period)])}</h3>
            {reviews}
            <p class="appeal-record-line">
                <button class="button" data-testid="appeal-contest-record"
                    on:click=move |_| open_form(Contest::Record)>
                    {move || i18n.t("appeals.contest_record")}
                </button>
                " "
                <span class="muted small">{move || i18n.t("appeals.record_note")}</span>
            </p>
            {form}
            <h3 class="forms-subtitle">{move || i18n.t("appeals.list_title")}</h3>
            {appeals}
        </section>
    }
}

/// One review: what, by whom, when, its score; "Contest", or the standing appeal.
fn review_row(
    i18n: I18n,
    review: ContestableReview,
    appeal: Option<AppealStatus>,
    open_form: impl Fn(Contest) + Copy + 'static,
) -> impl IntoView {
    let score = review.score.map(|s| match review.kind {
        ReviewKind::Survey => i18n.tf("appeals.csat", &[("score", &format!("{s:.0}"))]),
        _ => i18n.tf("appeals.qa_score", &[("score", &display::score(Some(s)))]),
    });
    let details = [
        review.by.map(|by| i18n.tf("appeals.by", &[("name", &by)])),
        // A QA review is of a conversation; a survey answers a contact.
        review.contact.map(|c| {
            let key = match review.kind {
                ReviewKind::Qa => "appeals.conversation",
                _ => "appeals.contact",
            };
            i18n.tf(key, &[("key", &c)])
        }),
        review.on.map(|d| d.to_string()),
        score,
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let id = review.id.clone();
    let action = match appeal {
        Some(status) => view! {
            <span class="appeal-status" data-status=status_token(status)>
                {i18n.tf("appeals.contested", &[("status", &status_text(i18n, status))])}
            </span>
        }
        .into_any(),
        None => view! {
            <button class="button appeal-contest" data-testid="appeal-contest" data-review=id.clone()
                on:click=move |_| open_form(Contest::Review(id.clone()))>
                {i18n.t("appeals.contest")}
            </button>
        }
        .into_any(),
    };
    view! {
        <li class="appeal-review" data-testid="appeal-review" data-review=review.id.clone()>
            <span class="appeal-review-kind">{kind_text(i18n, review.kind)}</span>
            <span class="appeal-review-details">{details}</span>
            {review.excluded.then(|| view! {
                <span class="appeal-excluded" data-testid="appeal-excluded">{i18n.t("appeals.excluded")}</span>
            })}
            {action}
        </li>
    }
}

/// One appeal: status, target, trail oldest first, and the next steps it allows.
#[component]
fn AppealItem(appeal: Appeal, target: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let status = appeal.status();
    let id = appeal.id().to_string();
    let by = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppealProblem>);

    // Every step goes through the store's rules; a refused one says why.
    let step = move |id: String, what: Step| {
        let mut store = (*state.feedback_untracked().0).clone();
        let (who, why) = (by.get_untracked(), reason.get_untracked());
        let done = match what {
            Step::Accept => store.decide_appeal(&id, true, &who, now(), &why),
            Step::Reject => store.decide_appeal(&id, false, &who, now(), &why),
            Step::Reopen => store.reopen_appeal(&id, &who, now(), &why),
            Step::Comment => store.comment_appeal(&id, &who, now(), &why),
        };
        match done {
            Ok(()) => {
                error.set(None);
                reason.set(String::new());
                state.set_feedback(store);
            }
            Err(problem) => error.set(Some(problem)),
        }
    };
    let button = move |what: Step, testid: &'static str, key: &'static str, primary: bool| {
        let id = id.clone();
        let class = if primary {
            "button button-primary"
        } else {
            "button"
        };
        view! {
            <button class=class data-testid=testid on:click=move |_| step(id.clone(), what)>
                {move || i18n.t(key)}
            </button>
        }
    };
    let buttons = if status == AppealStatus::Open {
        view! {
            {button(Step::Accept, "appeal-accept", "appeals.accept", true)}
            {button(Step::Reject, "appeal-reject", "appeals.reject", false)}
            {button(Step::Comment, "appeal-comment", "appeals.comment", false)}
        }
        .into_any()
    } else {
        view! {
            {button(Step::Reopen, "appeal-reopen", "appeals.reopen", false)}
            {button(Step::Comment, "appeal-comment", "appeals.comment", false)}
        }
        .into_any()
    };
    let trail = appeal
        .trail()
        .iter()
        .map(|entry| {
            let (action, text) = match &entry.action {
                AppealAction::Opened { reason } => ("appeals.step_opened", reason),
                AppealAction::Commented { text } => ("appeals.step_commented", text),
                AppealAction::Accepted { reason } => ("appeals.step_accepted", reason),
                AppealAction::Rejected { reason } => ("appeals.step_rejected", reason),
                AppealAction::Reopened { reason } => ("appeals.step_reopened", reason),
            };
            view! {
                <li class="appeal-step">
                    <span class="appeal-step-at num">{entry.at.format("%Y-%m-%d %H:%M").to_string()}</span>
                    " "
                    <span class="appeal-step-by">{entry.by.clone()}</span>
                    " "
                    <span class="appeal-step-action">{move || i18n.t(action)}</span>
                    ": "
                    <span class="appeal-step-text">{text.clone()}</span>
                </li>
            }
        })
        .collect_view();
    let reason_label = if status == AppealStatus::Open {
        "appeals.decision_reason"
    } else {
        "appeals.reopen_reason"
    };
    view! {
        <li class="appeal-item" data-testid="appeal-item" data-status=status_token(status)
            data-appeal=appeal.id().to_string()>
            <div class="appeal-head">
                <span class="appeal-status" data-testid="appeal-status" data-status=status_token(status)>
                    {move || status_text(i18n, status)}
                </span>
                " "
                <span class="appeal-target">{target}</span>
            </div>
            <ol class="appeal-trail" data-testid="appeal-trail">{trail}</ol>
            <div class="appeal-step-form">
                {text_field(i18n, "appeals.decided_by", "appeal-decided-by", by)}
                {text_area(i18n, reason_label, "appeal-decision-reason", reason)}
                {move || error.get().map(|p| view! {
                    <p class="field-error" role="alert" data-testid="appeal-step-error">{problem_text(i18n, &p)}</p>
                })}
                <div class="appeal-form-actions">{buttons}</div>
            </div>
        </li>
    }
}

#[derive(Clone, Copy)]
enum Step {
    Accept,
    Reject,
    Reopen,
    Comment,
}

/// A labelled one-line text input bound to `value`.
fn text_field(
    i18n: I18n,
    label_key: &'static str,
    testid: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="appeal-field">
            <span>{move || i18n.t(label_key)}</span>
            <input type="text" data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// A labelled two-line text area bound to `value` (reasons and remarks).
fn text_area(
    i18n: I18n,
    label_key: &'static str,
    testid: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="appeal-field">
            <span>{move || i18n.t(label_key)}</span>
            <textarea rows="2" data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </label>
    }
}
