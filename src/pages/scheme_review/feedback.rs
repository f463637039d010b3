//! Agents' feedback on the scheme, summarised per question, optionally only since the last
//! review held.

use carescore_engine::feedback::builtin::scheme_feedback;
use leptos::prelude::*;

use super::cycle_now;
use crate::components::labels::label_text;
use crate::download::today;
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::use_app_state;
use carescore_workspace::scheme_review::{summarise, FeedbackSummary};

/// Agents' feedback on the scheme: rating means with counts, choice counts, comments.
#[component]
pub(super) fn FeedbackPanel() -> impl IntoView {
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
