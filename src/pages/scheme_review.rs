//! The scheme review (方案审查, the PDCA cycle's 定期审查): when the scheme must next be
//! reviewed and whether that is overdue, a form to record a review held today, the log of
//! reviews, the scheme's versions with their reasons (the record of why it changed) and a
//! summary of agents' feedback on the scheme. The logic is in
//! [`carescore_workspace::scheme_review`]; this page shows it.

use carescore_engine::feedback::builtin::scheme_feedback;
use carescore_engine::feedback::review_cycle::SchemeReviewCycle;
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::labels::label_text;
use crate::components::scheme_due::status_text;
use crate::components::versions_list::versions_list;
use crate::download::today;
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{use_app_state, AppState};
use carescore_workspace::scheme_review::{
    parse_every, summarise, DueStatus, FeedbackSummary, HeldReview,
};

/// The cycle in force today (reactive).
fn cycle_now(state: AppState, on: NaiveDate) -> SchemeReviewCycle {
    state.scheme_review().cycle(&state.history(), on)
}

#[component]
pub fn SchemeReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page page-scheme-review" data-testid="page-scheme-review">
            <header class="page-header">
                <div>
                    <div class="breadcrumb">
                        <a href=Route::Scorecard.to_hash()>{move || i18n.t("scorecard.title")}</a>
                        " / " {move || i18n.t("scheme_review.title")}
                    </div>
                    <h1>{move || i18n.t("scheme_review.title")}</h1>
                </div>
            </header>
            <p class="muted sr-intro">{move || i18n.t("scheme_review.intro")}</p>
            <CyclePanel/>
            <ReviewLog/>
            <VersionsPanel/>
            <FeedbackPanel/>
        </section>
    }
}

/// The cycle, its status line, the length editor and the "review held today" form.
#[component]
fn CyclePanel() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let on = today();
    let cycle = Memo::new(move |_| cycle_now(state, on));
    let bad_every = RwSignal::new(false);
    let set_every = move |months: u32| {
        let mut review = state.scheme_review_untracked();
        review.set_every(months, &state.history_untracked(), on);
        state.set_scheme_review(review);
        bad_every.set(false);
    };
    let status = move || DueStatus::of(&cycle.get(), on);
    let date_or = move |date: Option<NaiveDate>, key: &str| {
        date.map_or_else(|| i18n.t(key), |d| d.to_string())
    };
    view! {
        <section class="panel sr-cycle">
            <h2 class="section-title">{move || i18n.t("scheme_review.cycle")}</h2>
            <p
                class="sr-status"
                role="status"
                data-testid="review-status"
                data-due=move || status().token()
            >
                {move || status_text(i18n, status(), cycle.get().next_due())}
            </p>
            <dl class="sr-facts">
                <div>
                    <dt>{move || i18n.t("scheme_review.every")}</dt>
                    <dd data-testid="review-every-text">
                        {move || i18n.tf(
                            "scheme_review.every_months",
                            &[("n", &cycle.get().every_months.to_string())],
                        )}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("scheme_review.start")}</dt>
                    <dd data-testid="review-start">{move || cycle.get().start.to_string()}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t("scheme_review.last_review")}</dt>
                    <dd data-testid="review-last">
                        {move || date_or(cycle.get().last_review, "scheme_review.none_yet")}
                    </dd>
                </div>
                <div>
                    <dt>{move || i18n.t("scheme_review.next_due")}</dt>
                    <dd data-testid="review-next-due">
                        {move || date_or(cycle.get().next_due(), "scheme_review.no_due")}
                    </dd>
                </div>
            </dl>
            <div class="sr-every">
                <label class="field" class:invalid=move || bad_every.get()>
                    <span class="field-label">{move || i18n.t("scheme_review.every_label")}</span>
                    <input
                        type="number"
                        min="1"
                        max="120"
                        step="1"
                        data-testid="review-every"
                        prop:value=move || cycle.get().every_months.to_string()
                        on:change=move |ev| match parse_every(&event_target_value(&ev)) {
                            Some(months) => set_every(months),
                            None => bad_every.set(true),
                        }
                    />
                </label>
                <button class="button" data-testid="review-every-6" on:click=move |_| set_every(6)>
                    {move || i18n.t("scheme_review.every_6")}
                </button>
                <button class="button" data-testid="review-every-12" on:click=move |_| set_every(12)>
                    {move || i18n.t("scheme_review.every_12")}
                </button>
            </div>
            {move || bad_every.get().then(|| view! {
                <p class="notice notice-error" role="alert" data-testid="review-every-problem">
                    {i18n.t("scheme_review.every_invalid")}
                </p>
            })}
            <RecordForm on=on/>
        </section>
    }
}

/// "Record a review held today": who and the outcome; appends to the log and moves the
/// cycle.
#[component]
fn RecordForm(on: NaiveDate) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let by = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let missing_by = RwSignal::new(false);
    let recorded = RwSignal::new(false);
    let record = move |_| {
        let who = by.get_untracked().trim().to_string();
        if who.is_empty() {
            missing_by.set(true);
            recorded.set(false);
            return;
        }
        let mut review = state.scheme_review_untracked();
        review.record(
            HeldReview {
                on,
                by: who,
                note: note.get_untracked().trim().to_string(),
            },
            &state.history_untracked(),
        );
        state.set_scheme_review(review);
        by.set(String::new());
        note.set(String::new());
        missing_by.set(false);
        recorded.set(true);
    };
    view! {
        <div class="sr-record">
            <h3>{move || i18n.tf("scheme_review.record_title", &[("date", &on.to_string())])}</h3>
            <label class="field" class:invalid=move || missing_by.get()>
                <span class="field-label">{move || i18n.t("scheme_review.by")}</span>
                <input
                    type="text"
                    data-testid="review-by"
                    prop:value=move || by.get()
                    on:input=move |ev| by.set(event_target_value(&ev))
                />
            </label>
            <label class="field sr-note">
                <span class="field-label">{move || i18n.t("scheme_review.note")}</span>
                <textarea
                    rows="3"
                    data-testid="review-note"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </label>
            <button class="button button-primary" data-testid="review-record" on:click=record>
                {move || i18n.t("scheme_review.record")}
            </button>
            {move || missing_by.get().then(|| view! {
                <p class="notice notice-error" role="alert" data-testid="review-record-problem">
                    {i18n.t("scheme_review.need_by")}
                </p>
            })}
            {move || recorded.get().then(|| view! {
                <p class="notice notice-ok" role="status" data-testid="review-recorded">
                    {i18n.t("scheme_review.recorded")}
                </p>
            })}
        </div>
    }
}

/// The reviews held, newest first. Names and notes are user text, rendered as text.
#[component]
fn ReviewLog() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    view! {
        <section class="panel" data-testid="review-log">
            <h2 class="section-title">{move || i18n.t("scheme_review.log")}</h2>
            {move || {
                let log = state.scheme_review().newest_first();
                if log.is_empty() {
                    return view! { <p class="muted">{i18n.t("scheme_review.log_empty")}</p> }
                        .into_any();
                }
                let rows = log
                    .into_iter()
                    .map(|r| view! {
                        <tr data-testid="review-log-row">
                            <td class="num">{r.on.to_string()}</td>
                            <td>{r.by}</td>
                            <td class="sr-log-note">{r.note}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <table class="data-table compact">
                        <thead>
                            <tr>
                                <th class="num">{i18n.t("scheme_review.log_on")}</th>
                                <th>{i18n.t("scheme_review.log_by")}</th>
                                <th>{i18n.t("scheme_review.log_note")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}

/// The scheme's versions with their effective-from dates and reasons, newest first.
#[component]
fn VersionsPanel() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let on = today();
    view! {
        <section class="panel" data-testid="scheme-versions">
            <div class="sr-panel-head">
                <h2 class="section-title">{move || i18n.t("scheme_review.versions")}</h2>
                <a class="button" data-testid="review-edit-scheme" href=Route::Scorecard.to_hash()>
                    {move || i18n.t("scheme_review.edit_scheme")}
                </a>
            </div>
            <p class="muted small">{move || i18n.t("scheme_review.versions_why")}</p>
            {move || {
                let mut history = (*state.history().0).clone();
                history.versions.sort_by_key(|v| v.effective_from);
                let in_force = history.index_in_force_on(on).unwrap_or(0);
                versions_list(i18n, &history, in_force)
            }}
        </section>
    }
}

/// Agents' feedback on the scheme: rating means with counts, choice counts, comments.
#[component]
fn FeedbackPanel() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let on = today();
    let since_last = RwSignal::new(false);
    let form = StoredValue::new(scheme_feedback());
    let summary = Memo::new(move |_| {
        let since = if since_last.get() {
            cycle_now(state, on).last_review
        } else {
            None
        };
        let feedback = state.feedback();
        form.with_value(|form| summarise(form, &feedback.surveys, since))
    });
    view! {
        <section class="panel" data-testid="scheme-feedback-summary">
            <div class="sr-panel-head">
                <h2 class="section-title">{move || i18n.t("scheme_review.feedback")}</h2>
                <a class="button" data-testid="review-collect" href=Route::Forms.to_hash()>
                    {move || i18n.t("scheme_review.collect")}
                </a>
            </div>
            <p class="muted small">
                {move || i18n.tf(
                    "scheme_review.feedback_hint",
                    &[("form", &form.with_value(|f| label_text(i18n.locale(), &f.title)).unwrap_or_default())],
                )}
            </p>
            <label class="plan-check">
                <input
                    type="checkbox"
                    data-testid="review-feedback-since"
                    prop:checked=move || since_last.get()
                    on:change=move |ev| since_last.set(event_target_checked(&ev))
                />
                {move || i18n.t("scheme_review.since_last")}
            </label>
            {move || summary_view(i18n, summary.get())}
        </section>
    }
}

fn summary_view(i18n: I18n, summary: FeedbackSummary) -> impl IntoView {
    let locale = i18n.locale();
    if summary.responses == 0 {
        return view! {
            <p class="muted" data-testid="review-feedback-count" data-count="0">
                {i18n.t("scheme_review.feedback_none")}
            </p>
        }
        .into_any();
    }
    let count = summary.responses;
    let ratings = summary
        .ratings
        .into_iter()
        .map(|r| {
            let mean = r
                .mean
                .map_or_else(|| "—".to_string(), |m| format!("{m:.1} / {}", r.max));
            let name = label_text(locale, &r.label).unwrap_or_else(|| r.item_id.clone());
            view! {
                <tr data-testid="review-rating" data-item=r.item_id>
                    <td>{name}</td>
                    <td class="num" data-testid="review-rating-mean">{mean}</td>
                    <td class="num" data-testid="review-rating-count">{r.count}</td>
                </tr>
            }
        })
        .collect_view();
    let choices = summary
        .choices
        .into_iter()
        .map(|c| {
            let options = c
                .options
                .into_iter()
                .map(|(option, n)| {
                    let name =
                        label_text(locale, &option.label).unwrap_or_else(|| option.id.clone());
                    view! {
                    <li data-testid="review-choice" data-option=option.id>
                        <span>{name}</span>
                        " " <span class="num sr-choice-count">{n}</span>
                    </li>
                    }
                })
                .collect_view();
            let name = label_text(locale, &c.label).unwrap_or_else(|| c.item_id.clone());
            view! {
                <div class="sr-choice" data-item=c.item_id>
                    <h3>{name}</h3>
                    <ul class="sr-choice-list">{options}</ul>
                </div>
            }
        })
        .collect_view();
    let comments = if summary.comments.is_empty() {
        view! { <p class="muted">{i18n.t("scheme_review.comments_none")}</p> }.into_any()
    } else {
        let items = summary
            .comments
            .into_iter()
            .map(|c| view! {
                // Untrusted text: a text node, never markup.
                <li class="sr-comment" data-testid="review-comment">
                    <span class="muted small">
                        {c.on.to_string()} " · " {label_text(locale, &c.label).unwrap_or(c.item_id)}
                    </span>
                    <p>{c.text}</p>
                </li>
            })
            .collect_view();
        view! { <ul class="sr-comments">{items}</ul> }.into_any()
    };
    view! {
        <p data-testid="review-feedback-count" data-count=count.to_string()>
            {i18n.tf("scheme_review.feedback_count", &[("n", &count.to_string())])}
        </p>
        <table class="data-table compact sr-ratings">
            <thead>
                <tr>
                    <th>{i18n.t("scheme_review.question")}</th>
                    <th class="num">{i18n.t("scheme_review.mean")}</th>
                    <th class="num">{i18n.t("scheme_review.answers")}</th>
                </tr>
            </thead>
            <tbody>{ratings}</tbody>
        </table>
        {choices}
        <h3>{i18n.t("scheme_review.comments")}</h3>
        {comments}
    }
    .into_any()
}
