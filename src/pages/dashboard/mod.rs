//! The dashboard: the centre at a glance for one month, compared with another. Headline
//! figures and grade distribution of both periods, the teams side by side, the best and
//! weakest agents, the biggest movers, and what needs a manager's attention.

mod actions;
mod alerts;
mod movers;
mod teams;
mod tiles;

use leptos::prelude::*;

use crate::components::{GradeBadge, NoWorkspace, PeriodSelect, StatTile};
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{use_app_state, Measured, Scores, Shared};
use carescore_workspace::compare::{
    difference, import_quality, signed_count, CompareChoice, ImportQuality, PeriodSummary,
};
use carescore_workspace::display;
use carescore_workspace::scores::{alerts, ranked, rows_in_period};

pub use alerts::import_text;

/// How many agents the top and bottom lists show.
const LIST_LENGTH: usize = 5;

/// The compare picker's value for "no comparison" (periods are `YYYY-MM` and similar).
const COMPARE_NONE: &str = "none";

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    // Page-local: the comparison is a way of reading the dashboard, not app state.
    let compare = RwSignal::new(CompareChoice::default());
    view! {
        <section class="page page-dashboard" data-testid="page-dashboard">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("dashboard.title")}</h1>
                {move || state.scored().is_some().then(|| view! {
                    <div class="dash-pickers">
                        <PeriodSelect/>
                        <CompareSelect choice=compare/>
                    </div>
                })}
            </header>
            {move || match (state.scored(), state.period()) {
                (Some((ws, scores)), Some(period)) => {
                    let compared = compare.get().resolve(&ws.periods, &period);
                    let import = import_quality(&state.imports());
                    dashboard_body(i18n, ws, scores, period, compared, import).into_any()
                }
                _ => view! { <NoWorkspace/> }.into_any(),
            }}
        </section>
    }
}

/// "Compare with": "none" or any period but the selected one; by default the previous.
#[component]
fn CompareSelect(choice: RwSignal<CompareChoice>) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let periods = move || {
        state
            .workspace()
            .map(|ws| ws.periods.clone())
            .unwrap_or_default()
    };
    let resolved = move || {
        let selected = state.period()?;
        choice.get().resolve(&periods(), &selected)
    };
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        let next = if value == COMPARE_NONE {
            CompareChoice::Off
        } else {
            untrack(|| {
                let selected = state.period().unwrap_or_default();
                CompareChoice::picked(&periods(), &selected, &value)
            })
        };
        choice.set(next);
    };
    view! {
        <label class="period-picker compare-picker">
            <span class="period-picker-label">{move || i18n.t("dashboard.compare_with")}</span>
            <select
                data-testid="compare-select"
                on:change=on_change
                prop:value=move || resolved().unwrap_or_else(|| COMPARE_NONE.into())
            >
                {move || {
                    let current = resolved();
                    let selected = state.period();
                    let none = view! {
                        <option value=COMPARE_NONE selected=current.is_none()>
                            {i18n.t("dashboard.compare_none")}
                        </option>
                    };
                    let options = periods()
                        .into_iter()
                        .rev()
                        .filter(|p| Some(p) != selected.as_ref())
                        .map(|p| {
                            let is_current = current.as_deref() == Some(p.as_str());
                            view! { <option value=p.clone() selected=is_current>{p.clone()}</option> }
                        })
                        .collect_view();
                    view! { {none} {options} }
                }}
            </select>
        </label>
    }
}

fn dashboard_body(
    i18n: I18n,
    ws: Shared<Measured>,
    scores: Shared<Scores>,
    period: String,
    compared: Option<String>,
    import: Option<ImportQuality>,
) -> impl IntoView {
    let now = PeriodSummary::of(&ws, &scores, &period);
    let then = compared
        .as_deref()
        .map(|p| PeriodSummary::of(&ws, &scores, p));
    let agent_rows = rows_in_period(&ws.agents, &period);
    let best_first = ranked(&ws.agents, &scores.agents, agent_rows);
    let scored_count = best_first
        .iter()
        .filter(|&&row| scores.agents.row(row).total.is_some())
        .count();
    let top: Vec<usize> = best_first.iter().copied().take(LIST_LENGTH).collect();
    let bottom: Vec<usize> = best_first[..scored_count]
        .iter()
        .rev()
        .copied()
        .take(LIST_LENGTH)
        .collect();
    let alert_list = alerts(&ws.agents, &scores.agents, &period);

    let agents_note = then.as_ref().map(|t| {
        tiles::compare_note(
            i18n,
            &t.period,
            display::count(t.agents as u64),
            signed_count(now.agents, t.agents),
            now.agents.cmp(&t.agents),
        )
    });
    let contacts_note = then.as_ref().map(|t| {
        tiles::compare_note(
            i18n,
            &t.period,
            display::count(u64::from(t.contacts)),
            signed_count(now.contacts as usize, t.contacts as usize),
            now.contacts.cmp(&t.contacts),
        )
    });
    let total_note = then.as_ref().map(|t| {
        let diff = difference(now.centre_total, t.centre_total);
        tiles::compare_note(
            i18n,
            &t.period,
            display::score(t.centre_total),
            display::change(diff),
            tiles::direction(diff),
        )
    });

    view! {
        <div class="stat-row">
            <StatTile caption="dashboard.agents" value=display::count(now.agents as u64)>
                {agents_note}
            </StatTile>
            <StatTile caption="dashboard.contacts" value=display::count(u64::from(now.contacts))>
                {contacts_note}
            </StatTile>
            <StatTile caption="dashboard.centre_total" value=display::score(now.centre_total) testid="centre-total">
                <GradeBadge grade=now.centre_grade/>
                {total_note}
            </StatTile>
            {tiles::grade_tile(i18n, &now, then.as_ref())}
        </div>

        <h2 class="section-title">{i18n.t("dashboard.teams")}</h2>
        {teams::team_cards(i18n, &ws, &scores, &period, compared.as_deref())}

        <div class="two-columns dash-columns">
            <section class="panel">
                <h2 class="section-title">{i18n.t("dashboard.top_agents")}</h2>
                {agent_list(i18n, &ws, &scores, &top, "top-agents")}
            </section>
            <section class="panel">
                <h2 class="section-title">{i18n.t("dashboard.bottom_agents")}</h2>
                {agent_list(i18n, &ws, &scores, &bottom, "bottom-agents")}
            </section>
        </div>

        <section class="panel" data-testid="movers">
            <h2 class="section-title">{i18n.t("dashboard.movers")}</h2>
            {movers::movers_panel(i18n, &ws, &scores, &period, compared.as_deref())}
        </section>

        <actions::ActionsPanel/>

        <section class="panel">
            <h2 class="section-title">{i18n.t("dashboard.alerts")}</h2>
            {alerts::alerts_view(i18n, &scores, &period, alert_list, import)}
        </section>
    }
}

fn agent_list(
    i18n: I18n,
    ws: &Measured,
    scores: &Scores,
    rows: &[usize],
    testid: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">{i18n.t("dashboard.no_agents")}</p> }.into_any();
    }
    let items = rows
        .iter()
        .map(|&row| {
            let measured = &ws.agents.rows[row];
            let score = *scores.agents.row(row);
            view! {
                <tr>
                    <td class="num rank">{score.rank.map(|r| r.to_string()).unwrap_or_default()}</td>
                    <td>
                        <a href=Route::Agent(measured.group.clone()).to_hash()>{measured.group.clone()}</a>
                        <div class="muted small">{measured.team.clone().unwrap_or_default()}</div>
                    </td>
                    <td class="num">{display::score(score.total)}</td>
                    <td><GradeBadge grade=score.grade/></td>
                    <td class="num change">{display::change(score.change)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Scrolls sideways on its own when a phone is narrower than the table.
        <div class="table-scroll">
            <table class="data-table compact" data-testid=testid>
                <thead>
                    <tr>
                        <th class="num">{i18n.t("common.rank")}</th>
                        <th>{i18n.t("common.agent")}</th>
                        <th class="num">{i18n.t("common.total")}</th>
                        <th>{i18n.t("common.grade")}</th>
                        <th class="num">{i18n.t("common.change")}</th>
                    </tr>
                </thead>
                <tbody>{items}</tbody>
            </table>
        </div>
    }
    .into_any()
}
