//! One agent in one month: total, grade, rank and percentile, dimension scores, every
//! metric against its target, and the engine's explanation of how the total was built.

use carescore_engine::measure::ExclusionReason;
use carescore_engine::metric_def::{Direction, Unit};
use carescore_engine::scorecard::{Curve, GradeScheme, GuardRail};
use carescore_engine::scoring::explain::{
    DimensionExplanation, Explanation, Formula, GuardRailCheck, MetricExplanation, Note,
};
use carescore_engine::scoring::MetricStatus;
use leptos::prelude::*;

use crate::charts::{Axis, RadarChart, Series, TrendChart};
use crate::i18n::{use_i18n, I18n};
use crate::pages::format;
use crate::pages::widgets::{
    dimension_name, effective_from_text, metric_name, DetailHeader, GradeBadge, NoWorkspace,
};
use crate::router::Route;
use crate::state::scores::row_index;
use crate::state::{use_app_state, ScoredTable, Scores, Shared, Workspace};
use carescore_engine::measure::MeasureTable;

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
    ws: Shared<Workspace>,
    scores: Shared<Scores>,
    agent: String,
    period: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let explanation = row_index(&ws.agents, &agent, &period)
        .and_then(|row| scores.agents.explain(&ws.agents, row));
    let Some(ex) = explanation else {
        let known = ws.agents.rows.iter().any(|r| r.group == agent);
        let key = if known {
            "agent.no_data_in_period"
        } else {
            "agent.unknown"
        };
        return view! {
            <div class="empty-state" data-testid="agent-empty">
                <p>{move || i18n.tf(key, &[("agent", &agent), ("period", &period)])}</p>
                <a class="button" href=Route::Dashboard.to_hash()>{move || i18n.t("common.back_to_dashboard")}</a>
            </div>
        }
        .into_any();
    };
    let team = ex
        .team
        .as_ref()
        .and_then(|team| row_index(&ws.teams, team, &period))
        .and_then(|row| scores.teams.explain(&ws.teams, row));
    let trend = trend_points(&ws, &scores, &agent, ex.team.as_deref());
    // A closure, so the card follows the interface language (component bodies are untracked).
    (move || agent_view(i18n, &ex, team.as_ref(), &trend)).into_any()
}

/// The agent's total and its team's, period by period.
struct TrendPoints {
    periods: Vec<String>,
    agent: Vec<Option<f64>>,
    team: Vec<Option<f64>>,
}

fn trend_points(ws: &Workspace, scores: &Scores, agent: &str, team: Option<&str>) -> TrendPoints {
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

/// The radar of dimension scores (the agent against its team) and the trend of totals.
fn agent_charts(
    i18n: I18n,
    ex: &Explanation,
    team: Option<&Explanation>,
    trend: &TrendPoints,
) -> impl IntoView {
    let score_axis = Axis::new(i18n.t("charts.score"), Some(i18n.t("charts.unit_points")));
    let dimensions: Vec<String> = ex
        .dimensions
        .iter()
        .map(|d| dimension_name(i18n, &d.id, d.label.as_ref()))
        .collect();
    let mut radar = vec![Series::new(
        ex.group.clone(),
        ex.dimensions.iter().map(|d| d.score).collect(),
    )];
    let mut lines = vec![Series::new(ex.group.clone(), trend.agent.clone())];
    if let (Some(team_ex), Some(name)) = (team, ex.team.as_ref()) {
        let label = i18n.tf("agent.team_series", &[("team", name)]);
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
        radar.push(Series::new(label.clone(), team_scores));
        lines.push(Series::new(label, trend.team.clone()));
    }
    view! {
        <div class="chart-pair">
            <RadarChart
                title=i18n.t("agent.radar_title")
                dimensions=dimensions
                series=radar
                value_axis=score_axis.clone()
            />
            <TrendChart
                title=i18n.t("agent.trend_title")
                periods=trend.periods.clone()
                series=lines
                x_axis=Axis::new(i18n.t("common.period"), None)
                y_axis=score_axis
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
        <div class="agent-team muted">
            {ex.team.clone().map(|team| view! {
                {i18n.t("common.team")} " " <a href=Route::Team(team.clone()).to_hash()>{team.clone()}</a>
            })}
        </div>
        <div class="stat-row">
            <div class="stat-tile stat-main">
                <div class="stat-caption">{i18n.t("common.total")}</div>
                <div class="stat-value num big-number" data-testid="agent-total">{format::score(ex.total)}</div>
                <GradeBadge grade=ex.grade/>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("agent.rank")}</div>
                <div class="stat-value" data-testid="agent-rank">{rank.unwrap_or_else(|| "—".into())}</div>
                <div class="muted small">
                    {ex.percentile.map(|p| i18n.tf("agent.percentile", &[("p", &format::weight_percent(p / 100.0))]))}
                </div>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{change_caption}</div>
                <div class="stat-value num">{format::change(ex.change)}</div>
                <div class="muted small">
                    {ex.previous_total.map(|t| i18n.tf("agent.previous_total", &[("total", &format::score(Some(t)))]))}
                </div>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("agent.contacts")}</div>
                <div class="stat-value num">{format::count(u64::from(ex.records))}</div>
            </div>
        </div>

        <section class="panel">
            <h2 class="section-title">{i18n.t("agent.dimensions")}</h2>
            <ul class="dim-list wide" data-testid="agent-dimensions">
                {ex.dimensions.iter().map(|dim| dimension_row(i18n, dim)).collect_view()}
            </ul>
            {agent_charts(i18n, ex, team, trend)}
        </section>

        <section class="panel">
            <h2 class="section-title">{i18n.t("agent.metrics")}</h2>
            {metric_table(i18n, ex)}
        </section>

        <details class="panel explanation" data-testid="agent-explanation">
            <summary>{i18n.t("agent.explain_summary")}</summary>
            {explanation_body(i18n, ex)}
        </details>
    }
}

fn dimension_row(i18n: I18n, dim: &DimensionExplanation) -> impl IntoView {
    let width = format!("{:.0}%", dim.score.unwrap_or(0.0).clamp(0.0, 100.0));
    let weight = if dim.score.is_some() {
        i18n.tf(
            "agent.weight_in_total",
            &[("weight", &format::weight_percent(dim.weight_in_total))],
        )
    } else {
        i18n.t("agent.dimension_na")
    };
    view! {
        <li>
            <span class="dim-name">{dimension_name(i18n, &dim.id, dim.label.as_ref())}</span>
            <span class="dim-bar" aria-hidden="true"><span class="dim-bar-fill" style:width=width></span></span>
            <span class="num dim-score">{format::score(dim.score)}</span>
            <span class="muted small dim-weight">{weight}</span>
        </li>
    }
}

/// A value in the metric's unit (plain number when the unit is unknown).
fn value_text(value: f64, unit: Option<Unit>) -> String {
    format::metric_value(value, unit.unwrap_or(Unit::Number))
}

fn metric_table(i18n: I18n, ex: &Explanation) -> impl IntoView {
    let rows = ex
        .dimensions
        .iter()
        .map(|dim| {
            let metrics = dim
                .metrics
                .iter()
                .map(|m| {
                    let value = match &m.formula {
                        Formula::Quotient { value, .. } | Formula::Direct { value, .. } => {
                            value_text(*value, m.unit)
                        }
                        Formula::NotAvailable { .. } | Formula::NotInTable => "—".to_string(),
                    };
                    let weight = if m.score.is_some() {
                        format::weight_percent(m.weight_in_total)
                    } else {
                        "—".to_string()
                    };
                    view! {
                        <tr data-testid="metric-row" data-metric=m.metric_id.clone()>
                            <td>{metric_name(i18n, &m.metric_id, m.label.as_ref())}</td>
                            <td class="num">{value}</td>
                            <td class="num muted">{value_text(m.target, m.unit)}</td>
                            <td class="num muted">{value_text(m.floor, m.unit)}</td>
                            <td class="num score">{format::score(m.score)}</td>
                            <td class="num">{weight}</td>
                            <td class="small">{metric_status(i18n, m)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tr class="group-row">
                    <th colspan="7">
                        {dimension_name(i18n, &dim.id, dim.label.as_ref())}
                        <span class="muted small">" · " {format::score(dim.score)}</span>
                    </th>
                </tr>
                {metrics}
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table metric-table" data-testid="metric-table">
                <thead>
                    <tr>
                        <th>{i18n.t("agent.metric")}</th>
                        <th class="num">{i18n.t("agent.value")}</th>
                        <th class="num">{i18n.t("agent.target")}</th>
                        <th class="num">{i18n.t("agent.floor")}</th>
                        <th class="num">{i18n.t("agent.score")}</th>
                        <th class="num" title=i18n.t("agent.weight_help")>{i18n.t("agent.weight")}</th>
                        <th>{i18n.t("agent.note")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Why a metric did not count, or that its sample is small.
fn metric_status(i18n: I18n, m: &MetricExplanation) -> Option<String> {
    let text = match m.status {
        MetricStatus::Scored if m.small_sample => i18n.tf(
            "agent.status_small_sample",
            &[("min", &m.min_sample.to_string())],
        ),
        MetricStatus::Scored => return None,
        MetricStatus::NotAvailable => i18n.t("agent.status_not_available"),
        MetricStatus::NotInTable => i18n.t("agent.status_not_in_table"),
        MetricStatus::SmallSampleExcluded => i18n.tf(
            "agent.status_small_sample_excluded",
            &[("min", &m.min_sample.to_string())],
        ),
    };
    Some(text)
}

fn explanation_body(i18n: I18n, ex: &Explanation) -> impl IntoView {
    // The total as the weighted sum the engine computed.
    let terms: Vec<String> = ex
        .dimensions
        .iter()
        .filter(|d| d.score.is_some())
        .map(|d| {
            format!(
                "{} × {}",
                format::score(d.score),
                format::weight_percent(d.weight_in_total)
            )
        })
        .collect();
    let formula = format!(
        "{} = {}",
        terms.join(" + "),
        format::score(ex.uncapped_total)
    );
    let capped = ex.total != ex.uncapped_total;
    view! {
        <div class="explain-grid">
            <p>
                {i18n.tf("explain.records", &[("records", &format::count(u64::from(ex.records))), ("period", &ex.period)])}
                " "
                {i18n.tf("explain.version", &[
                    ("from", &effective_from_text(
                        i18n,
                        &ex.version.effective_from.to_string(),
                    )),
                    ("reason", &ex.version.reason),
                ])}
            </p>
            <h3>{i18n.t("explain.total_heading")}</h3>
            <p class="formula" data-testid="total-formula"><code>{formula}</code></p>
            {capped.then(|| view! {
                <p class="alert alert-rail">
                    {i18n.tf("explain.capped_total", &[
                        ("uncapped", &format::score(ex.uncapped_total)),
                        ("total", &format::score(ex.total)),
                    ])}
                </p>
            })}
            <p class="muted">{i18n.t("explain.redistribution")}</p>

            <h3>{i18n.t("explain.metrics_heading")}</h3>
            <ul class="explain-metrics">
                {ex.dimensions.iter().flat_map(|d| d.metrics.iter()).map(|m| metric_explanation(i18n, m)).collect_view()}
            </ul>

            <h3>{i18n.t("explain.rails_heading")}</h3>
            <ul class="explain-rails">
                {ex.guard_rails.iter().map(|check| rail_check(i18n, ex, check)).collect_view()}
            </ul>

            <h3>{i18n.t("explain.grade_heading")}</h3>
            <p>{grading_text(i18n, &ex.grading)}</p>

            {(!ex.notes.is_empty()).then(|| view! {
                <h3>{i18n.t("explain.notes_heading")}</h3>
                <ul class="explain-notes">
                    {ex.notes.iter().map(|n| view! { <li>{note_text(i18n, ex, n)}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

fn metric_explanation(i18n: I18n, m: &MetricExplanation) -> impl IntoView {
    let name = metric_name(i18n, &m.metric_id, m.label.as_ref());
    let input = match &m.formula {
        Formula::Quotient {
            numerator,
            denominator,
            value,
        } => {
            if m.unit == Some(Unit::Ratio) || m.unit.is_none() {
                format!(
                    "{} / {} = {}",
                    format::count(numerator.round().max(0.0) as u64),
                    format::count(u64::from(*denominator)),
                    value_text(*value, m.unit)
                )
            } else {
                // A mean: the sum over the count.
                i18n.tf(
                    "explain.mean_of",
                    &[
                        ("value", &value_text(*value, m.unit)),
                        ("n", &format::count(u64::from(*denominator))),
                    ],
                )
            }
        }
        Formula::Direct {
            value,
            observations,
        } => i18n.tf(
            "explain.direct",
            &[
                ("value", &value_text(*value, m.unit)),
                ("n", &format::count(u64::from(*observations))),
            ],
        ),
        Formula::NotAvailable { observations } => i18n.tf(
            "explain.not_available",
            &[("n", &format::count(u64::from(*observations)))],
        ),
        Formula::NotInTable => i18n.t("explain.not_in_table"),
    };
    let curve = match &m.curve {
        Curve::Linear => i18n.tf(
            "explain.linear",
            &[
                ("floor", &value_text(m.floor, m.unit)),
                ("target", &value_text(m.target, m.unit)),
            ],
        ),
        Curve::Banded { bands } => {
            let steps: Vec<String> = bands
                .iter()
                .map(|b| {
                    format!(
                        "{} → {}",
                        value_text(b.threshold, m.unit),
                        format::score(Some(b.score))
                    )
                })
                .collect();
            i18n.tf("explain.banded", &[("bands", &steps.join(", "))])
        }
    };
    let direction = match m.direction {
        Direction::HigherIsBetter => i18n.t("direction.higher"),
        Direction::LowerIsBetter => i18n.t("direction.lower"),
    };
    let excluded: Vec<String> = m
        .excluded
        .iter()
        .filter(|e| e.count > 0)
        .map(|e| {
            format!(
                "{} {}",
                format::count(u64::from(e.count)),
                exclusion_text(i18n, e.reason)
            )
        })
        .collect();
    view! {
        <li>
            <strong>{name}</strong> ": " {input} " · " {direction} " · " {curve}
            " → " <span class="num">{format::score(m.score)}</span>
            {(m.score.is_some()).then(|| view! {
                <span class="muted">" · " {i18n.tf("explain.weights", &[
                    ("configured", &format::weight_percent(m.configured_weight)),
                    ("in_dimension", &format::weight_percent(m.weight_in_dimension)),
                    ("in_total", &format::weight_percent(m.weight_in_total)),
                ])}</span>
            })}
            {(!excluded.is_empty()).then(|| view! {
                <div class="muted small">{i18n.tf("explain.excluded", &[("list", &excluded.join(", "))])}</div>
            })}
        </li>
    }
}

fn exclusion_text(i18n: I18n, reason: ExclusionReason) -> String {
    let key = match reason {
        ExclusionReason::NotAnswered => "exclusion.not_answered",
        ExclusionReason::NotResolved => "exclusion.not_resolved",
        ExclusionReason::ValueMissing => "exclusion.value_missing",
        ExclusionReason::FilteredOut => "exclusion.filtered_out",
        ExclusionReason::Excluded => "exclusion.excluded",
    };
    i18n.t(key)
}

/// One guard rail as a sentence, for the explanation and the scorecard page.
/// `names` gives a metric's or dimension's display name, `threshold` writes a metric
/// threshold in that metric's unit.
pub fn rail_text(
    i18n: I18n,
    rail: &GuardRail,
    names: impl Fn(&str) -> String,
    threshold: impl Fn(&str, f64) -> String,
) -> String {
    match rail {
        GuardRail::MetricCritical {
            metric_id,
            threshold: value,
            cap,
        } => i18n.tf(
            "rail.metric_critical",
            &[
                ("metric", &names(metric_id)),
                ("threshold", &threshold(metric_id, *value)),
                ("cap", &format::score(Some(*cap))),
            ],
        ),
        GuardRail::DimensionFloor {
            dimension,
            below,
            cap,
        } => i18n.tf(
            "rail.dimension_floor",
            &[
                ("dimension", &names(dimension)),
                ("below", &format::score(Some(*below))),
                ("cap", &format::score(Some(*cap))),
            ],
        ),
    }
}

fn rail_check(i18n: I18n, ex: &Explanation, check: &GuardRailCheck) -> impl IntoView {
    let text = rail_text(
        i18n,
        &check.rail,
        |id| display_name(i18n, ex, id),
        |id, v| unit_value(ex, id, v),
    );
    let status = if check.binding {
        i18n.t("explain.rail_binding")
    } else if check.fired {
        i18n.t("explain.rail_fired")
    } else {
        i18n.t("explain.rail_clear")
    };
    let class = if check.fired { "rail fired" } else { "rail" };
    view! { <li class=class>{text} " — " <strong>{status}</strong></li> }
}

/// A metric's or dimension's display name by id, looked up in the explanation.
fn display_name(i18n: I18n, ex: &Explanation, id: &str) -> String {
    if let Some(dim) = ex.dimensions.iter().find(|d| d.id == id) {
        return dimension_name(i18n, id, dim.label.as_ref());
    }
    let label = ex
        .dimensions
        .iter()
        .flat_map(|d| d.metrics.iter())
        .find(|m| m.metric_id == id)
        .and_then(|m| m.label.clone());
    metric_name(i18n, id, label.as_ref())
}

/// A value of metric `id` in the metric's unit, looked up in the explanation.
fn unit_value(ex: &Explanation, id: &str, value: f64) -> String {
    let unit = ex
        .dimensions
        .iter()
        .flat_map(|d| d.metrics.iter())
        .find(|m| m.metric_id == id)
        .and_then(|m| m.unit);
    value_text(value, unit)
}

/// The grade bands as a sentence.
pub fn grading_text(i18n: I18n, grading: &GradeScheme) -> String {
    match *grading {
        GradeScheme::Thresholds {
            excellent,
            good,
            pass,
        } => i18n.tf(
            "grading.thresholds",
            &[
                ("excellent", &format::score(Some(excellent))),
                ("good", &format::score(Some(good))),
                ("pass", &format::score(Some(pass))),
            ],
        ),
        GradeScheme::ForcedDistribution {
            excellent,
            good,
            pass,
        } => i18n.tf(
            "grading.forced",
            &[
                ("excellent", &format::weight_percent(excellent)),
                ("good", &format::weight_percent(good)),
                ("pass", &format::weight_percent(pass)),
            ],
        ),
    }
}

fn note_text(i18n: I18n, ex: &Explanation, note: &Note) -> String {
    match note {
        Note::MetricNotAvailable { metric_id, .. } => i18n.tf(
            "note.metric_na",
            &[("metric", &display_name(i18n, ex, metric_id))],
        ),
        Note::DimensionNotAvailable { dimension } => i18n.tf(
            "note.dimension_na",
            &[("dimension", &display_name(i18n, ex, dimension))],
        ),
        Note::SmallSample {
            metric_id,
            sample,
            min_sample,
            counted,
        } => i18n.tf(
            if *counted {
                "note.small_sample_counted"
            } else {
                "note.small_sample_excluded"
            },
            &[
                ("metric", &display_name(i18n, ex, metric_id)),
                ("sample", &sample.to_string()),
                ("min", &min_sample.to_string()),
            ],
        ),
        Note::Capped {
            rail,
            uncapped_total,
            total,
        } => i18n.tf(
            "note.capped",
            &[
                (
                    "rail",
                    &rail_text(
                        i18n,
                        rail,
                        |id| display_name(i18n, ex, id),
                        |id, v| unit_value(ex, id, v),
                    ),
                ),
                ("uncapped", &format::score(Some(*uncapped_total))),
                ("total", &format::score(Some(*total))),
            ],
        ),
        Note::NoScore => i18n.t("note.no_score"),
    }
}
