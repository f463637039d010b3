//! The dashboard: the centre at a glance for one month. Headline figures, the teams side
//! by side, the best and weakest agents, and what needs a manager's attention.

use carescore_engine::scorecard::{Grade, GuardRail, Scorecard};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::pages::format;
use crate::pages::widgets::{
    dimension_name, metric_name, GradeBadge, NoWorkspace, PeriodSelect, StatTile,
};
use crate::router::Route;
use crate::state::scores::{alerts, ranked, rows_in_period, Alert, AlertKind};
use crate::state::{use_app_state, Scores, Shared, Workspace};

/// How many agents the top and bottom lists show.
const LIST_LENGTH: usize = 5;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    view! {
        <section class="page page-dashboard" data-testid="page-dashboard">
            <header class="page-header">
                <h1>{move || i18n.t("dashboard.title")}</h1>
                {move || state.scored().is_some().then(|| view! { <PeriodSelect/> })}
            </header>
            {move || match (state.scored(), state.period()) {
                (Some((ws, scores)), Some(period)) => {
                    dashboard_body(i18n, ws, scores, period).into_any()
                }
                _ => view! { <NoWorkspace/> }.into_any(),
            }}
        </section>
    }
}

fn dashboard_body(
    i18n: I18n,
    ws: Shared<Workspace>,
    scores: Shared<Scores>,
    period: String,
) -> impl IntoView {
    let agent_rows = rows_in_period(&ws.agents, &period);
    let centre_row = rows_in_period(&ws.centre, &period).first().copied();
    let contacts = centre_row.map_or(0, |row| ws.centre.rows[row].records);
    let centre_total = centre_row.and_then(|row| scores.centre.row(row).total);
    let centre_grade = centre_row.and_then(|row| scores.centre.row(row).grade);

    let mut grade_counts = [0usize; 4];
    let mut ungraded = 0usize;
    for &row in &agent_rows {
        match scores.agents.row(row).grade {
            Some(grade) => {
                grade_counts[Grade::ALL.iter().position(|g| *g == grade).unwrap_or(3)] += 1
            }
            None => ungraded += 1,
        }
    }
    let best_first = ranked(&ws.agents, &scores.agents, agent_rows.clone());
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

    view! {
        <div class="stat-row">
            <StatTile caption="dashboard.agents" value=format::count(agent_rows.len() as u64)/>
            <StatTile caption="dashboard.contacts" value=format::count(u64::from(contacts))/>
            <StatTile caption="dashboard.centre_total" value=format::score(centre_total) testid="centre-total">
                <GradeBadge grade=centre_grade/>
            </StatTile>
            <div class="stat-tile stat-grades">
                <div class="stat-caption">{i18n.t("dashboard.grade_distribution")}</div>
                <ul class="grade-distribution" data-testid="grade-distribution">
                    {Grade::ALL
                        .into_iter()
                        .zip(grade_counts)
                        .map(|(grade, n)| {
                            view! {
                                <li data-grade=grade.id()>
                                    <GradeBadge grade=Some(grade)/>
                                    <span class="num grade-count">{n}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                    {(ungraded > 0).then(|| view! {
                        <li data-grade="none">
                            <span class="grade-badge grade-none">{i18n.t("common.no_grade")}</span>
                            <span class="num grade-count">{ungraded}</span>
                        </li>
                    })}
                </ul>
            </div>
        </div>

        <h2 class="section-title">{i18n.t("dashboard.teams")}</h2>
        {team_cards(i18n, &ws, &scores, &period)}

        <div class="two-columns">
            <section class="panel">
                <h2 class="section-title">{i18n.t("dashboard.top_agents")}</h2>
                {agent_list(i18n, &ws, &scores, &top, "top-agents")}
            </section>
            <section class="panel">
                <h2 class="section-title">{i18n.t("dashboard.bottom_agents")}</h2>
                {agent_list(i18n, &ws, &scores, &bottom, "bottom-agents")}
            </section>
        </div>

        <section class="panel">
            <h2 class="section-title">{i18n.t("dashboard.alerts")}</h2>
            {alerts_view(i18n, &scores, &period, alert_list)}
        </section>
    }
}

fn team_cards(i18n: I18n, ws: &Workspace, scores: &Scores, period: &str) -> impl IntoView {
    let teams = ranked(&ws.teams, &scores.teams, rows_in_period(&ws.teams, period));
    if teams.is_empty() {
        return view! { <p class="muted">{i18n.t("dashboard.no_teams")}</p> }.into_any();
    }
    let cards = teams
        .into_iter()
        .map(|row| {
            let name = ws.teams.rows[row].group.clone();
            let score = *scores.teams.row(row);
            let card: &Scorecard = scores.teams.card_of(row);
            let dims = card
                .dimensions
                .iter()
                .zip(scores.teams.dimensions(row))
                .map(|(dim, cell)| {
                    let width = format!("{:.0}%", cell.score.unwrap_or(0.0).clamp(0.0, 100.0));
                    view! {
                        <li>
                            <span class="dim-name">{dimension_name(i18n, &dim.id, dim.label.as_ref())}</span>
                            <span class="dim-bar" aria-hidden="true"><span class="dim-bar-fill" style:width=width></span></span>
                            <span class="num">{format::score(cell.score)}</span>
                        </li>
                    }
                })
                .collect_view();
            let rank = score.rank.map(|r| {
                i18n.tf(
                    "common.rank_of",
                    &[("rank", &r.to_string()), ("of", &score.ranked.to_string())],
                )
            });
            view! {
                <article class="team-card" data-testid="team-card">
                    <header>
                        <a class="team-name" href=Route::Team(name.clone()).to_hash()>{name.clone()}</a>
                        <span class="muted">{rank}</span>
                    </header>
                    <div class="team-total">
                        <span class="big-number num">{format::score(score.total)}</span>
                        <GradeBadge grade=score.grade/>
                    </div>
                    <div class="team-change muted">
                        {i18n.t("common.change")} " " <span class="num">{format::change(score.change)}</span>
                    </div>
                    <ul class="dim-list">{dims}</ul>
                </article>
            }
        })
        .collect_view();
    view! { <div class="team-cards">{cards}</div> }.into_any()
}

fn agent_list(
    i18n: I18n,
    ws: &Workspace,
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
                    <td class="num">{format::score(score.total)}</td>
                    <td><GradeBadge grade=score.grade/></td>
                    <td class="num change">{format::change(score.change)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
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
    }
    .into_any()
}

fn alerts_view(i18n: I18n, scores: &Scores, period: &str, list: Vec<Alert>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="muted" data-testid="alerts">{i18n.t("dashboard.no_alerts")}</p>
        }
        .into_any();
    }
    // Names of metrics and dimensions come from the card in force for the period.
    let card = scores
        .agents
        .scheme
        .history()
        .for_period(period)
        .map(|v| v.scorecard.clone());
    let items = list
        .into_iter()
        .map(|alert| {
            let (class, text) = alert_text(i18n, card.as_ref(), &alert.kind);
            view! {
                <li class=class>
                    <a href=Route::Agent(alert.agent.clone()).to_hash()>{alert.agent.clone()}</a>
                    <span class="muted small">{alert.team.clone().unwrap_or_default()}</span>
                    <span class="alert-text">{text}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="alert-list" data-testid="alerts">{items}</ul> }.into_any()
}

/// The CSS class and sentence of one alert.
fn alert_text(i18n: I18n, card: Option<&Scorecard>, kind: &AlertKind) -> (&'static str, String) {
    let metric = |id: &str| {
        let label = card
            .and_then(|c| c.find_metric(id))
            .and_then(|(_, m)| m.label.clone());
        metric_name(i18n, id, label.as_ref())
    };
    let dimension = |id: &str| {
        let label = card
            .and_then(|c| c.dimensions.iter().find(|d| d.id == id))
            .and_then(|d| d.label.clone());
        dimension_name(i18n, id, label.as_ref())
    };
    match kind {
        AlertKind::GuardRail { rail, capped } => {
            let cap = format::score(Some(rail.cap()));
            let what = match rail {
                GuardRail::MetricCritical { metric_id, .. } => i18n.tf(
                    "alert.metric_critical",
                    &[("metric", &metric(metric_id)), ("cap", &cap)],
                ),
                GuardRail::DimensionFloor {
                    dimension: d,
                    below,
                    ..
                } => i18n.tf(
                    "alert.dimension_floor",
                    &[
                        ("dimension", &dimension(d)),
                        ("below", &format::score(Some(*below))),
                        ("cap", &cap),
                    ],
                ),
            };
            let suffix = if *capped {
                i18n.t("alert.capped")
            } else {
                String::new()
            };
            ("alert alert-rail", format!("{what}{suffix}"))
        }
        AlertKind::NoScore => ("alert alert-missing", i18n.t("alert.no_score")),
        AlertKind::SmallSample { metric_ids } => {
            let names: Vec<String> = metric_ids.iter().map(|id| metric(id)).collect();
            (
                "alert alert-sample",
                i18n.tf("alert.small_sample", &[("metrics", &names.join(", "))]),
            )
        }
    }
}
