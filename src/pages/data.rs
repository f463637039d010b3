//! What is loaded: records, agents, teams, channels, the date range, the fields the file
//! had, and the rows the last import rejected.

use leptos::prelude::*;

use crate::components::export_panel::ExportPanel;
use crate::components::import::ImportPanel;
use crate::components::NoWorkspace;
use crate::i18n::{use_i18n, I18n};
use crate::state::use_app_state;
use carescore_workspace::display;
use carescore_workspace::measured::{Measured, Origin};

/// Rejected rows shown in the table; the rest are counted.
const REJECTED_SHOWN: usize = 200;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    view! {
        <section class="page page-data" data-testid="page-data">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("data.title")}</h1>
            </header>
            <ImportPanel />
            {move || match state.workspace() {
                Some(ws) => view! { {data_view(i18n, &ws)} <ExportPanel /> }.into_any(),
                None => view! { <NoWorkspace/> }.into_any(),
            }}
        </section>
    }
}

fn data_view(i18n: I18n, ws: &Measured) -> impl IntoView {
    let s = &ws.summary;
    let origin = match ws.origin {
        Origin::Demo => i18n.t("data.origin_demo"),
        Origin::Imported => i18n.t("data.origin_imported"),
    };
    let range = match (&s.first_day, &s.last_day) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "—".to_string(),
    };
    let fields = s
        .fields
        .iter()
        .map(|f| view! { <li class="chip"><code>{f.name()}</code></li> })
        .collect_view();
    view! {
        <section class="panel">
            <h2 class="section-title">{i18n.t("data.loaded")}</h2>
            <p class="muted">{origin}</p>
            <dl class="facts" data-testid="data-summary">
                <dt>{i18n.t("data.records")}</dt>
                <dd class="num" data-testid="data-records">{display::count(s.records as u64)}</dd>
                <dt>{i18n.t("data.rows_read")}</dt>
                <dd class="num">{display::count(s.rows_read as u64)}</dd>
                <dt>{i18n.t("data.agents")}</dt>
                <dd class="num">{s.agents}</dd>
                <dt>{i18n.t("data.teams")}</dt>
                <dd class="num">{s.teams}</dd>
                <dt>{i18n.t("data.channels")}</dt>
                <dd>{if s.channels.is_empty() { "—".to_string() } else { s.channels.join(", ") }}</dd>
                <dt>{i18n.t("data.date_range")}</dt>
                <dd class="num">{range}</dd>
                <dt>{i18n.t("data.periods")}</dt>
                <dd>{ws.periods.join(", ")}</dd>
            </dl>
        </section>
        <section class="panel">
            <h2 class="section-title">{i18n.t("data.fields")}</h2>
            <ul class="chip-list" data-testid="data-fields">{fields}</ul>
        </section>
        <section class="panel">
            <h2 class="section-title">
                {i18n.tf("data.rejected", &[("count", &display::count(ws.rejected.len() as u64))])}
            </h2>
            {rejected_view(i18n, ws)}
        </section>
    }
}

fn rejected_view(i18n: I18n, ws: &Measured) -> impl IntoView {
    if ws.rejected.is_empty() {
        return view! { <p class="muted" data-testid="rejected-none">{i18n.t("data.rejected_none")}</p> }
            .into_any();
    }
    let more = ws.rejected.len().saturating_sub(REJECTED_SHOWN);
    let rows = ws
        .rejected
        .iter()
        .take(REJECTED_SHOWN)
        .map(|r| {
            view! {
                <tr>
                    <td class="num">{r.row}</td>
                    <td><code>{r.field.clone()}</code></td>
                    <td>{r.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact" data-testid="rejected-table">
            <thead>
                <tr>
                    <th class="num">{i18n.t("data.row")}</th>
                    <th>{i18n.t("data.field")}</th>
                    <th>{i18n.t("data.reason")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {(more > 0).then(|| view! {
            <p class="muted">{i18n.tf("data.rejected_more", &[("count", &display::count(more as u64))])}</p>
        })}
    }
    .into_any()
}
