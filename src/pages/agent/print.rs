//! The one-to-one print view (`#/print/<agent>`): one agent in the app's selected period
//! on one A4 page, printed (or saved as PDF) through the browser's own print dialog.
//!
//! It carries what a manager and an agent go through together: the headline figures, the
//! dimension and metric tables, the strengths and weaknesses in words, the radar, the
//! guard rails hit, a ruled notes box and signature lines. It must read in black and
//! white: every figure has its words next to it (grade badges carry their name), nothing
//! is told by colour alone, and the print rules in style/pages.css ("Print view") force
//! dark text on white and hide the app's header, banners and buttons.

use carescore_engine::scoring::explain::Explanation;
use leptos::prelude::*;

use super::explain::rail_check;
use super::insights::insights_view;
use super::metrics::metric_table;
use super::{explain_agent, no_row, radar_chart};
use crate::components::{dimension_name, GradeBadge, NoWorkspace, PeriodSelect};
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{use_app_state, Measured, Scores, Shared};
use carescore_workspace::display;

/// Ruled lines in the notes box: as many as fit under the tables on one A4 page.
const NOTE_LINES: usize = 5;

#[component]
pub fn PrintPage(name: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let back = Route::Agent(name.clone()).to_hash();
    view! {
        <section class="page page-print" data-testid="page-print">
            <div class="print-toolbar no-print">
                <a class="button" href=back data-testid="print-back">{move || i18n.t("print.back")}</a>
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="print-button"
                    on:click=|_| {
                        // Fails only where printing is blocked (a sandboxed frame): then
                        // the browser's own menu still prints the page.
                        let _ = window().print();
                    }
                >
                    {move || i18n.t("print.print")}
                </button>
                {move || state.scored().is_some().then(|| view! { <PeriodSelect/> })}
                <span class="muted small print-hint">{move || i18n.t("print.hint")}</span>
            </div>
            {move || match (state.scored(), state.period()) {
                (Some((ws, scores)), Some(period)) => {
                    view! { <PrintSheet ws=ws scores=scores agent=name.clone() period=period/> }.into_any()
                }
                _ => view! { <NoWorkspace/> }.into_any(),
            }}
        </section>
    }
}

/// The sheet of one agent in one period.
#[component]
pub fn PrintSheet(
    ws: Shared<Measured>,
    scores: Shared<Scores>,
    agent: String,
    period: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some((ex, team)) = explain_agent(&ws, &scores, &agent, &period) else {
        return no_row(i18n, &ws, agent, period).into_any();
    };
    // A closure, so the sheet follows the interface language.
    (move || sheet_view(i18n, &ex, team.as_ref())).into_any()
}

fn sheet_view(i18n: I18n, ex: &Explanation, team: Option<&Explanation>) -> impl IntoView {
    view! {
        <article class="print-sheet" data-testid="print-sheet">
            {sheet_header(i18n, ex)}
            {headline(i18n, ex)}
            <div class="print-columns">
                <div>
                    <section class="print-block">
                        <h2>{i18n.t("agent.dimensions")}</h2>
                        {dimension_table(i18n, ex)}
                    </section>
                    <section class="print-block print-rails">
                        <h2>{i18n.t("print.rails")}</h2>
                        {rails_hit(i18n, ex)}
                    </section>
                </div>
                <section class="print-block print-radar">{radar_chart(i18n, ex, team)}</section>
            </div>
            <section class="print-block">
                <h2>{i18n.t("agent.metrics")}</h2>
                {metric_table(i18n, ex, true)}
            </section>
            <section class="print-block print-insights">
                <h2>{i18n.t("insights.title")}</h2>
                {insights_view(i18n, ex)}
            </section>
            <section class="print-block print-notes">
                <h2>{i18n.t("print.notes")}</h2>
                <div class="print-lines" data-testid="print-notes">
                    {(0..NOTE_LINES).map(|_| view! { <div class="print-line"></div> }).collect_view()}
                </div>
            </section>
            <div class="print-signatures" data-testid="print-signatures">
                {signature(i18n.t("print.sign_agent"), i18n.t("print.date"))}
                {signature(i18n.t("print.sign_manager"), i18n.t("print.date"))}
            </div>
        </article>
    }
}

/// Title, team, contacts and the scorecard version the row was scored with.
fn sheet_header(i18n: I18n, ex: &Explanation) -> impl IntoView {
    let version = (ex.version.index + 1).to_string();
    let from = ex.version.effective_from.to_string();
    // The default history starts at the epoch: "from the start" reads better.
    let version_text = if from.as_str() <= "1970-01-01" {
        i18n.tf("print.version_start", &[("version", &version)])
    } else {
        i18n.tf("print.version", &[("version", &version), ("from", &from)])
    };
    let reason = ex.version.reason.trim();
    let reason = (!reason.is_empty()).then(|| i18n.tf("print.reason", &[("reason", reason)]));
    view! {
        <header class="print-head">
            <h1 tabindex="-1" data-testid="print-title">
                {i18n.tf("print.title", &[("agent", &ex.group), ("period", &ex.period)])}
            </h1>
            <p class="print-meta">
                {ex.team.as_ref().map(|team| view! {
                    <span data-testid="print-team">{i18n.tf("print.team", &[("team", team)])}</span>
                    " · "
                })}
                <span>{i18n.tf("print.contacts", &[("count", &display::count(u64::from(ex.records)))])}</span>
                " · "
                <span data-testid="print-version">{version_text} {reason.map(|r| view! { " " {r} })}</span>
            </p>
        </header>
    }
}

/// Total with grade, rank with percentile, change against the previous period.
fn headline(i18n: I18n, ex: &Explanation) -> impl IntoView {
    let rank = ex.rank.map_or_else(
        || "—".to_string(),
        |r| {
            i18n.tf(
                "common.rank_of",
                &[("rank", &r.to_string()), ("of", &ex.ranked.to_string())],
            )
        },
    );
    let percentile = ex.percentile.map(|p| {
        i18n.tf(
            "agent.percentile",
            &[("p", &display::weight_percent(p / 100.0))],
        )
    });
    let change_caption = match &ex.previous_period {
        Some(p) => i18n.tf("agent.change_since", &[("period", p)]),
        None => i18n.t("common.change"),
    };
    let previous = ex.previous_total.map(|t| {
        i18n.tf(
            "agent.previous_total",
            &[("total", &display::score(Some(t)))],
        )
    });
    view! {
        <div class="print-headline">
            <div class="print-figure">
                <div class="print-caption">{i18n.t("common.total")}</div>
                <div class="print-value num" data-testid="print-total">{display::score(ex.total)}</div>
                <GradeBadge grade=ex.grade/>
            </div>
            <div class="print-figure">
                <div class="print-caption">{i18n.t("agent.rank")}</div>
                <div class="print-value" data-testid="print-rank">{rank}</div>
                <div class="small">{percentile}</div>
            </div>
            <div class="print-figure">
                <div class="print-caption">{change_caption}</div>
                <div class="print-value num" data-testid="print-change">{display::change(ex.change)}</div>
                <div class="small">{previous}</div>
            </div>
        </div>
    }
}

/// Dimension, score and share of the total after N/A redistribution.
fn dimension_table(i18n: I18n, ex: &Explanation) -> impl IntoView {
    let rows = ex
        .dimensions
        .iter()
        .map(|dim| {
            let weight = if dim.score.is_some() {
                display::weight_percent(dim.weight_in_total)
            } else {
                "—".to_string()
            };
            view! {
                <tr>
                    <td>{dimension_name(i18n, &dim.id, dim.label.as_ref())}</td>
                    <td class="num score">{display::score(dim.score)}</td>
                    <td class="num">{weight}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact print-dimensions" data-testid="print-dimensions">
            <thead>
                <tr>
                    <th>{i18n.t("print.dimension")}</th>
                    <th class="num">{i18n.t("agent.score")}</th>
                    <th class="num" title=i18n.t("agent.weight_help")>{i18n.t("agent.weight")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The guard rails that fired, each saying whether it lowered the total.
fn rails_hit(i18n: I18n, ex: &Explanation) -> AnyView {
    let fired: Vec<_> = ex.guard_rails.iter().filter(|c| c.fired).collect();
    if fired.is_empty() {
        return view! { <p data-testid="print-no-rails">{i18n.t("print.no_rails")}</p> }.into_any();
    }
    view! {
        <ul class="explain-rails" data-testid="print-rails">
            {fired.into_iter().map(|check| rail_check(i18n, ex, check)).collect_view()}
        </ul>
    }
    .into_any()
}

/// A signature line and a date line, each with its caption under it.
fn signature(who: String, date: String) -> impl IntoView {
    view! {
        <div class="signature">
            <div class="signature-field signature-name">
                <span class="signature-line"></span>
                <span class="signature-caption">{who}</span>
            </div>
            <div class="signature-field signature-date">
                <span class="signature-line"></span>
                <span class="signature-caption">{date}</span>
            </div>
        </div>
    }
}
