//! Appeals (申诉) on the agent card: the agent's reviews in the period, each of which can
//! be contested (360 peer reviews never appear: peers are anonymous), a contact record
//! contested by its id, and the appeals about the agent with their status and full audit
//! trail, decided, reopened or commented on in place. An accepted appeal takes its review
//! or record out of scoring (see [`carescore_workspace::appeals`]).

mod item;
mod text;

use carescore_engine::feedback::appeals::AppealStatus;
use carescore_engine::feedback::{Appeal, AppealTarget};
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::state::use_app_state;
use carescore_workspace::appeals::{record_of_agent, AppealProblem, ContestableReview, ReviewKind};
use carescore_workspace::display;
use item::AppealItem;
use text::{kind_text, problem_text, status_text, status_token, target_text};

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

/// What is being contested in the open form.
#[derive(Clone, Debug, PartialEq)]
enum Contest {
    /// A QA review, a survey answer or a self or manager 360 review, by id.
    Feedback(String),
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
            Contest::Feedback(id) => AppealTarget::Review { id },
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
    let contestable = move || {
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
                    contestable_row(i18n, review, appeal, open_form)
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
            {contestable}
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

/// One contestable piece of feedback: what, by whom, when, its score; "Contest", or the standing appeal.
fn contestable_row(
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
                on:click=move |_| open_form(Contest::Feedback(id.clone()))>
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

/// A labelled one-line text input bound to `value`.
pub(super) fn text_field(
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
pub(super) fn text_area(
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
