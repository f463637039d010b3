//! The data-quality report shown before an import is applied: counts, missing values per
//! field, the outlier rule and fences, and the first rows of each kind of issue;
//! downloadable as CSV. Every value from the file is rendered as text.

use carescore_engine::ingest::quality::IssueGroup;
use carescore_engine::ingest::QualityReport;
use leptos::prelude::*;

use crate::download::save_file;
use crate::i18n::use_i18n;
use carescore_workspace::display;

#[component]
pub fn QualityReportView(report: QualityReport, file: String) -> impl IntoView {
    let i18n = use_i18n();
    let csv = report.to_csv();
    let stem = file
        .rsplit_once('.')
        .map_or(file.as_str(), |(stem, _)| stem)
        .to_string();
    let download = move |_| {
        let _ = save_file(
            &format!("{stem}-quality-report.csv"),
            "text/csv;charset=utf-8",
            csv.as_bytes(),
        );
    };
    let groups = report.groups.iter().map(group_view).collect_view();
    let missing = report
        .missing
        .iter()
        .filter(|m| m.missing > 0)
        .map(|m| {
            let field = m.field;
            view! {
                <tr>
                    <th scope="row">{move || i18n.t(&format!("field.{}", field.name()))}</th>
                    <td class="num">{display::count(m.missing as u64)}</td>
                    <td class="num">{format!("{:.1}%", m.share * 100.0)}</td>
                </tr>
            }
        })
        .collect_view();
    let fences = report
        .outliers
        .iter()
        .map(|o| {
            let field = o.field;
            view! {
                <tr>
                    <th scope="row">{move || i18n.t(&format!("field.{}", field.name()))}</th>
                    <td class="num">{format!("{:.0} s", o.upper_fence)}</td>
                    <td class="num">{display::count(o.count as u64)}</td>
                </tr>
            }
        })
        .collect_view();
    let clean = report.groups.is_empty();
    let notes = report
        .notes
        .iter()
        .map(|note| view! { <li>{note.clone()}</li> })
        .collect_view();
    view! {
        <section class="quality-report" data-testid="quality-report">
            <h3 class="section-title">{move || i18n.t("quality.title")}</h3>
            <dl class="facts">
                <dt>{move || i18n.t("quality.rows_read")}</dt>
                <dd class="num" data-testid="quality-rows-read">{display::count(report.rows_read as u64)}</dd>
                <dt>{move || i18n.t("quality.accepted")}</dt>
                <dd class="num" data-testid="quality-accepted">{display::count(report.accepted as u64)}</dd>
                <dt>{move || i18n.t("quality.rejected")}</dt>
                <dd class="num" data-testid="quality-rejected">{display::count(report.rejected as u64)}</dd>
            </dl>
            <ul class="notes">{notes}</ul>
            {clean.then(|| view! { <p class="muted">{move || i18n.t("quality.clean")}</p> })}
            <div class="quality-groups">{groups}</div>
            <h4>{move || i18n.t("quality.missing")}</h4>
            <table class="data-table compact" data-testid="quality-missing">
                <thead>
                    <tr>
                        <th>{move || i18n.t("import.field")}</th>
                        <th class="num">{move || i18n.t("quality.count")}</th>
                        <th class="num">{move || i18n.t("quality.share")}</th>
                    </tr>
                </thead>
                <tbody>{missing}</tbody>
            </table>
            <p class="help">{report.outlier_rule.clone()}</p>
            <table class="data-table compact" data-testid="quality-outliers">
                <tbody>{fences}</tbody>
            </table>
            <button type="button" class="button" data-testid="quality-download" on:click=download>
                {move || i18n.t("quality.download")}
            </button>
        </section>
    }
}

fn group_view(group: &IssueGroup) -> impl IntoView {
    let i18n = use_i18n();
    let kind = group.kind;
    let rows = group
        .examples
        .iter()
        .map(|issue| {
            view! {
                <tr>
                    <td class="num">{issue.row}</td>
                    <td><code>{issue.field.clone()}</code></td>
                    <td>{issue.value.clone().unwrap_or_default()}</td>
                    <td>{issue.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="quality-group" data-testid=format!("quality-{}", kind.name())>
            <summary>
                {move || i18n.t(&format!("quality.kind_{}", kind.name()))}
                ": "
                <span class="num">{display::count(group.count as u64)}</span>
            </summary>
            <table class="data-table compact">
                <thead>
                    <tr>
                        <th class="num">{move || i18n.t("data.row")}</th>
                        <th>{move || i18n.t("data.field")}</th>
                        <th>{move || i18n.t("quality.value")}</th>
                        <th>{move || i18n.t("data.reason")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
