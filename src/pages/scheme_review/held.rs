//! The reviews held: recording one held today (who and the outcome), and their log.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_app_state;
use carescore_workspace::scheme_review::HeldReview;

/// "Record a review held today": who and the outcome; appends to the log and moves the
/// cycle.
#[component]
pub(super) fn RecordForm(on: NaiveDate) -> impl IntoView {
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
pub(super) fn HeldLog() -> impl IntoView {
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
