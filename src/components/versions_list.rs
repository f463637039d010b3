//! The saved scorecard versions as a table: the scorecard page and the scheme review.

use carescore_engine::scorecard::ScorecardHistory;
use leptos::prelude::*;

use crate::components::labels::effective_from_text;
use crate::i18n::I18n;

/// The saved versions, newest first, with the one in force marked.
pub fn versions_list(i18n: I18n, history: &ScorecardHistory, in_force: usize) -> impl IntoView {
    let rows = history
        .versions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, v)| {
            let date = v.effective_from.to_string();
            let marker = (i == in_force).then(|| {
                view! { <span class="pill">{move || i18n.t("scorecard.in_force")}</span> }
            });
            view! {
                <tr data-testid="scheme-version">
                    <td class="num">{i + 1}</td>
                    <td class="num">{move || effective_from_text(i18n, &date)}</td>
                    <td>{v.reason.clone()} " " {marker}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact">
            <thead>
                <tr>
                    <th class="num">{move || i18n.t("scorecard.version")}</th>
                    <th class="num">{move || i18n.t("scorecard.effective_from")}</th>
                    <th>{move || i18n.t("scorecard.reason")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
