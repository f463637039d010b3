//! One agent in one month: total, grade, rank and percentile, strengths and weaknesses in
//! words, dimension scores, every metric against its target, and the engine's explanation
//! of how the total was built. The one-to-one print view ([`print`]) shows the same row on
//! one A4 page.

mod actions;
mod appeals;
mod explain;
mod feedback;
mod insights;
mod metrics;
mod print;

use carescore_engine::measure::MeasureTable;
use carescore_engine::scoring::explain::{DimensionExplanation, Explanation};
use leptos::prelude::*;

pub use print::PrintPage;

use crate::charts::{Axis, RadarChart, Series, TrendChart};
use crate::components::{dimension_name, DetailHeader, GradeBadge, NoWorkspace};
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{use_app_state, Measured, ScoredTable, Scores, Shared};
use carescore_workspace::display;
use carescore_workspace::scores::row_index;

#[component]
pub fn AgentPage(name: String) -> impl IntoView {
    let state = use_app_state();
    let title = name.clone();
    view! {
        <section class="page page-agent" data-testid="page-agent">
            <DetailHeader kicker_key="agent.kicker" title=title/>
            {move || match (state.scored(), state.period()) {
                (Some((ws, scores)), Some(period)) => {
                    view! { <AgentCard ws=ws scores=scores agent=name.clone() period=period/> }.into_any()
                }
                _ => view! { <NoWorkspace/> }.into_any(),
            }}
        </section>
    }
}

/// The scorecard of one agent in one period.
#[component]
pub fn AgentCard(
    ws: Shared<Measured>,
    scores: Shared<Scores>,
    agent: String,
    period: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some((ex, team)) = explain_agent(&ws, &scores, &agent, &period) else {
        return no_row(i18n, &ws, agent, period).into_any();
    };
    let trend = trend_points(&ws, &scores, &agent, ex.team.as_deref());
    // A closure, so the card follows the interface language (component bodies are untracked).
    (move || agent_view(i18n, &ex, team.as_ref(), &trend)).into_any()
}

/// The explanation of the agent's row in the period, and of its team's row (for the
/// radar's comparison). None when the agent has no row in the period.
fn explain_agent(
    ws: &Measured,
    scores: &Scores,
    agent: &str,
    period: &str,
) -> Option<(Explanation, Option<Explanation>)> {
    let ex = row_index(&ws.agents, agent, period)
        .and_then(|row| scores.agents.explain(&ws.agents, row))?;
    let team = ex
        .team
        .as_ref()
        .and_then(|team| row_index(&ws.teams, team, period))
        .and_then(|row| scores.teams.explain(&ws.teams, row));
    Some((ex, team))
}

/// Why there is no card: the agent is unknown, or has no records in the period.
fn no_row(i18n: I18n, ws: &Measured, agent: String, period: String) -> impl IntoView {
    let known = ws.agents.rows.iter().any(|r| r.group == agent);
    let key = if known {
        "agent.no_data_in_period"
    } else {
        "agent.unknown"
    };
    view! {
        <div class="empty-state" data-testid="agent-empty">
            <p>{move || i18n.tf(key, &[("agent", &agent), ("period", &period)])}</p>
            <a class="button" href=Route::Dashboard.to_hash()>{move || i18n.t("common.back_to_dashboard")}</a>
        </div>
    }
}

/// The agent's total and its team's, period by period.
struct TrendPoints {
    periods: Vec<String>,
    agent: Vec<Option<f64>>,
    team: Vec<Option<f64>>,
}

fn trend_points(ws: &Measured, scores: &Scores, agent: &str, team: Option<&str>) -> TrendPoints {
    let total = |table: &MeasureTable, scored: &ScoredTable, group: &str, period: &str| {
        row_index(table, group, period).and_then(|row| scored.row(row).total)
    };
    TrendPoints {
        periods: ws.periods.clone(),
        agent: ws
            .periods
            .iter()
            .map(|p| total(&ws.agents, &scores.agents, agent, p))
            .collect(),
        team: ws
            .periods
            .iter()
            .map(|p| team.and_then(|t| total(&ws.teams, &scores.teams, t, p)))
            .collect(),
    }
}

/// The radar of dimension scores: the agent against its team. Shared with the print view.
fn radar_chart(i18n: I18n, ex: &Explanation, team: Option<&Explanation>) -> impl IntoView {
    let dimensions: Vec<String> = ex
        .dimensions
        .iter()
        .map(|d| dimension_name(i18n, &d.id, d.label.as_ref()))
        .collect();
    let mut radar = vec![Series::new(
        ex.group.clone(),
        ex.dimensions.iter().map(|d| d.score).collect(),
    )];
    if let (Some(team_ex), Some(name)) = (team, ex.team.as_ref()) {
        let team_scores = ex
            .dimensions
            .iter()
            .map(|d| {
                team_ex
                    .dimensions
                    .iter()
                    .find(|t| t.id == d.id)
                    .and_then(|t| t.score)
            })
            .collect();
        radar.push(Series::new(team_label(i18n, name), team_scores));
    }
    view! {
        <RadarChart
            title=i18n.t("agent.radar_title")
            dimensions=dimensions
            series=radar
            value_axis=score_axis(i18n)
        />
    }
}

fn score_axis(i18n: I18n) -> Axis {
    Axis::new(i18n.t("charts.score"), Some(i18n.t("charts.unit_points")))
}

fn team_label(i18n: I18n, team: &str) -> String {
    i18n.tf("agent.team_series", &[("team", team)])
}

/// The radar (the agent against its team) and the trend of totals.
fn agent_charts(
    i18n: I18n,
    ex: &Explanation,
    team: Option<&Explanation>,
    trend: &TrendPoints,
) -> impl IntoView {
    let mut lines = vec![Series::new(ex.group.clone(), trend.agent.clone())];
    if let (Some(_), Some(name)) = (team, ex.team.as_ref()) {
        lines.push(Series::new(team_label(i18n, name), trend.team.clone()));
    }
    view! {
        <div class="chart-pair">
            {radar_chart(i18n, ex, team)}
            <TrendChart
                title=i18n.t("agent.trend_title")
                periods=trend.periods.clone()
                series=lines
                x_axis=Axis::new(i18n.t("common.period"), None)
                y_axis=score_axis(i18n)
                range=(0.0, 100.0)
            />
        </div>
    }
}

fn agent_view(
    i18n: I18n,
    ex: &Explanation,
    team: Option<&Explanation>,
    trend: &TrendPoints,
) -> impl IntoView {
    let rank = ex.rank.map(|r| {
        i18n.tf(
            "common.rank_of",
            &[("rank", &r.to_string()), ("of", &ex.ranked.to_string())],
        )
    });
    let change_caption = match &ex.previous_period {
        Some(p) => i18n.tf("agent.change_since", &[("period", p)]),
        None => i18n.t("common.change"),
    };
    view! {
        <div class="agent-toolbar">
            <div class="agent-team muted">
                {ex.team.clone().map(|team| view! {
                    {i18n.t("common.team")} " " <a href=Route::Team(team.clone()).to_hash()>{team.clone()}</a>
                })}
            </div>
            <a class="button" data-testid="print-link" href=Route::Print(ex.group.clone()).to_hash()>
                {i18n.t("print.open")}
            </a>
        </div>
        <div class="stat-row">
            <div class="stat-tile stat-main">
                <div class="stat-caption">{i18n.t("common.total")}</div>
                <div class="stat-value num big-number" data-testid="agent-total">{display::score(ex.total)}</div>
                <GradeBadge grade=ex.grade/>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("agent.rank")}</div>
                <div class="stat-value" data-testid="agent-rank">{rank.unwrap_or_else(|| "—".into())}</div>
                <div class="muted small">
                    {ex.percentile.map(|p| i18n.tf("agent.percentile", &[("p", &display::weight_percent(p / 100.0))]))}
                </div>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{change_caption}</div>
                <div class="stat-value num">{display::change(ex.change)}</div>
                <div class="muted small">
                    {ex.previous_total.map(|t| i18n.tf("agent.previous_total", &[("total", &display::score(Some(t)))]))}
                </div>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("agent.contacts")}</div>
                <div class="stat-value num">{display::count(u64::from(ex.records))}</div>
            </div>
        </div>

        <section class="panel" data-testid="agent-insights">
            <h2 class="section-title">{i18n.t("insights.title")}</h2>
            {insights::insights_view(i18n, ex)}
        </section>
        <actions::AgentActions ex=ex.clone()/>

        <section class="panel">
            <h2 class="section-title">{i18n.t("agent.dimensions")}</h2>
            <ul class="dim-list wide" data-testid="agent-dimensions">
                {ex.dimensions.iter().map(|dim| dimension_row(i18n, dim)).collect_view()}
            </ul>
            {agent_charts(i18n, ex, team, trend)}
        </section>

        <section class="panel">
            <h2 class="section-title">{i18n.t("agent.metrics")}</h2>
            {metrics::metric_table(i18n, ex, false)}
        </section>
        <feedback::FeedbackPanel agent=ex.group.clone() period=ex.period.clone()/>
        <appeals::AgentAppeals agent=ex.group.clone() period=ex.period.clone()/>

        <details class="panel explanation" data-testid="agent-explanation">
            <summary>{i18n.t("agent.explain_summary")}</summary>
            {explain::explanation_body(i18n, ex)}
        </details>
    }
}

fn dimension_row(i18n: I18n, dim: &DimensionExplanation) -> impl IntoView {
    let width = format!("{:.0}%", dim.score.unwrap_or(0.0).clamp(0.0, 100.0));
    let weight = if dim.score.is_some() {
        i18n.tf(
            "agent.weight_in_total",
            &[("weight", &display::weight_percent(dim.weight_in_total))],
        )
    } else {
        i18n.t("agent.dimension_na")
    };
    view! {
        <li>
            <span class="dim-name">{dimension_name(i18n, &dim.id, dim.label.as_ref())}</span>
            <span class="dim-bar" aria-hidden="true"><span class="dim-bar-fill" style:width=width></span></span>
            <span class="num dim-score">{display::score(dim.score)}</span>
            <span class="muted small dim-weight">{weight}</span>
        </li>
    }
}
