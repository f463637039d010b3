//! A team in one month: its total, and its agents ranked, with their dimension scores,
//! change against the previous month and flags. Clicking a column header sorts by it.

mod charts;

use std::cmp::Ordering;

use carescore_engine::scoring::{flags, RowScore};
use leptos::prelude::*;

use crate::components::{dimension_short_name, DetailHeader, GradeBadge, NoWorkspace};
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{use_app_state, Measured, Scores, Shared};
use carescore_workspace::display;
use carescore_workspace::scores::{ranked, row_index, team_member_rows};
use charts::team_charts;

/// A sortable column of the team table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Rank,
    Agent,
    Total,
    /// A dimension, by its position on the card.
    Dimension(usize),
    Change,
}

impl SortKey {
    /// `data-testid` suffix of the column's header button.
    fn id(self) -> String {
        match self {
            SortKey::Rank => "rank".into(),
            SortKey::Agent => "agent".into(),
            SortKey::Total => "total".into(),
            SortKey::Dimension(i) => format!("dimension-{i}"),
            SortKey::Change => "change".into(),
        }
    }

    /// The natural first direction: best first for scores, A-Z for names, 1 first for ranks.
    fn starts_descending(self) -> bool {
        !matches!(self, SortKey::Rank | SortKey::Agent)
    }
}

/// The table's sort: a column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// Clicking the sorted column flips it; clicking another starts it in its natural order.
    fn clicked(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                descending: !self.descending,
            }
        } else {
            Sort {
                key,
                descending: key.starts_descending(),
            }
        }
    }
}

#[component]
pub fn TeamPage(name: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let sort = RwSignal::new(Sort {
        key: SortKey::Rank,
        descending: false,
    });
    let title = name.clone();
    view! {
        <section class="page page-team" data-testid="page-team">
            <DetailHeader kicker_key="team.kicker" title=title/>
            {move || match (state.scored(), state.period()) {
                (Some((ws, scores)), Some(period)) => {
                    team_body(i18n, ws, scores, name.clone(), period, sort).into_any()
                }
                _ => view! { <NoWorkspace/> }.into_any(),
            }}
        </section>
    }
}

fn team_body(
    i18n: I18n,
    ws: Shared<Measured>,
    scores: Shared<Scores>,
    team: String,
    period: String,
    sort: RwSignal<Sort>,
) -> impl IntoView {
    let members = team_member_rows(&ws.agents, &team, &period);
    let team_row = row_index(&ws.teams, &team, &period);
    if members.is_empty() && team_row.is_none() {
        let known = ws.teams.rows.iter().any(|r| r.group == team);
        let key = if known {
            "team.no_data_in_period"
        } else {
            "team.unknown"
        };
        return view! {
            <div class="empty-state" data-testid="team-empty">
                <p>{i18n.tf(key, &[("team", &team), ("period", &period)])}</p>
                <a class="button" href=Route::Dashboard.to_hash()>{i18n.t("common.back_to_dashboard")}</a>
            </div>
        }
        .into_any();
    }
    let team_score = team_row
        .map(|row| *scores.teams.row(row))
        .unwrap_or_default();
    let records = team_row.map_or(0, |row| ws.teams.rows[row].records);
    let rank_text = team_score.rank.map(|r| {
        i18n.tf(
            "common.rank_of",
            &[
                ("rank", &r.to_string()),
                ("of", &team_score.ranked.to_string()),
            ],
        )
    });
    // The table takes the rows; the charts read them first.
    let charts = team_charts(i18n, &ws, &scores, &team, &members, &period);

    view! {
        <div class="stat-row">
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("team.total")}</div>
                <div class="stat-value num" data-testid="team-total">{display::score(team_score.total)}</div>
                <GradeBadge grade=team_score.grade/>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("team.rank")}</div>
                <div class="stat-value">{rank_text.unwrap_or_else(|| "—".into())}</div>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("common.change")}</div>
                <div class="stat-value num">{display::change(team_score.change)}</div>
            </div>
            <div class="stat-tile">
                <div class="stat-caption">{i18n.t("team.agents_contacts")}</div>
                <div class="stat-value num">
                    {members.len()} " / " {display::count(u64::from(records))}
                </div>
            </div>
        </div>
        <TeamTable ws=ws scores=scores rows=members sort=sort/>
        {charts}
    }
    .into_any()
}

/// The ranked agent table of one team and period. `rows` index the agent table.
#[component]
pub fn TeamTable(
    ws: Shared<Measured>,
    scores: Shared<Scores>,
    rows: Vec<usize>,
    /// The sort, kept by the page so it survives a period change.
    sort: RwSignal<Sort>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dims: Vec<(String, Option<carescore_engine::scorecard::Label>)> = rows
        .first()
        .map(|&row| {
            scores
                .agents
                .card_of(row)
                .dimensions
                .iter()
                .map(|d| (d.id.clone(), d.label.clone()))
                .collect()
        })
        .unwrap_or_default();
    let rows = ranked(&ws.agents, &scores.agents, rows);

    let header = {
        let dims = dims.clone();
        move || {
            let current = sort.get();
            let button = |key: SortKey, text: String, numeric: bool| {
                let marker = if current.key == key {
                    if current.descending {
                        " ▼"
                    } else {
                        " ▲"
                    }
                } else {
                    ""
                };
                let aria = if current.key == key {
                    if current.descending {
                        "descending"
                    } else {
                        "ascending"
                    }
                } else {
                    "none"
                };
                view! {
                    <th class:num=numeric aria-sort=aria>
                        <button
                            class="sort-button"
                            data-testid=format!("sort-{}", key.id())
                            on:click=move |_| sort.update(|s| *s = s.clicked(key))
                        >
                            {text}
                            <span class="sort-marker" aria-hidden="true">{marker}</span>
                        </button>
                    </th>
                }
            };
            view! {
                <tr>
                    {button(SortKey::Rank, i18n.t("common.rank"), true)}
                    {button(SortKey::Agent, i18n.t("common.agent"), false)}
                    {button(SortKey::Total, i18n.t("common.total"), true)}
                    <th>{i18n.t("common.grade")}</th>
                    {dims
                        .iter()
                        .enumerate()
                        .map(|(i, (id, label))| {
                            button(SortKey::Dimension(i), dimension_short_name(i18n, id, label.as_ref()), true)
                        })
                        .collect_view()}
                    {button(SortKey::Change, i18n.t("common.change"), true)}
                    <th>{i18n.t("team.flags")}</th>
                </tr>
            }
        }
    };

    let body = move || {
        let mut order = rows.clone();
        let current = sort.get();
        sort_rows(&mut order, current, &ws, &scores);
        order
            .into_iter()
            .map(|row| {
                let name = ws.agents.rows[row].group.clone();
                let score: RowScore = *scores.agents.row(row);
                let dims = scores
                    .agents
                    .dimensions(row)
                    .iter()
                    .map(|cell| view! { <td class="num">{display::score(cell.score)}</td> })
                    .collect_view();
                let change_class = match score.change {
                    Some(c) if c >= 0.05 => "num change up",
                    Some(c) if c <= -0.05 => "num change down",
                    _ => "num change",
                };
                view! {
                    <tr data-testid="team-row">
                        <td class="num rank">{score.rank.map(|r| r.to_string()).unwrap_or_default()}</td>
                        <td><a href=Route::Agent(name.clone()).to_hash()>{name.clone()}</a></td>
                        <td class="num total" data-testid="row-total">{display::score(score.total)}</td>
                        <td><GradeBadge grade=score.grade/></td>
                        {dims}
                        <td class=change_class>{display::change(score.change)}</td>
                        <td class="flags">{flag_chips(i18n, &score)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div class="table-scroll">
            <table class="data-table team-table" data-testid="team-table">
                <thead>{header}</thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// Orders agent rows by the chosen column; unscored values always go last, then by name.
pub fn sort_rows(rows: &mut [usize], sort: Sort, ws: &Measured, scores: &Scores) {
    let value = |row: usize| -> Option<f64> {
        let score = scores.agents.row(row);
        match sort.key {
            SortKey::Rank => score.rank.map(f64::from),
            SortKey::Agent => None,
            SortKey::Total => score.total,
            SortKey::Dimension(i) => scores.agents.dimensions(row).get(i).and_then(|c| c.score),
            SortKey::Change => score.change,
        }
    };
    let name = |row: usize| ws.agents.rows[row].group.as_str();
    rows.sort_by(|&a, &b| {
        let primary = if sort.key == SortKey::Agent {
            name(a).cmp(name(b))
        } else {
            match (value(a), value(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        let primary = if sort.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| name(a).cmp(name(b)))
    });
}

/// Short chips for a row's flags; each has a tooltip sentence.
fn flag_chips(i18n: I18n, score: &RowScore) -> impl IntoView {
    [
        (flags::CAPPED, "flag.capped"),
        (flags::SMALL_SAMPLE, "flag.small_sample"),
        (flags::METRIC_NOT_AVAILABLE, "flag.metric_na"),
        (flags::DIMENSION_NOT_AVAILABLE, "flag.dimension_na"),
    ]
    .into_iter()
    .filter(|(flag, _)| score.has_flag(*flag))
    .map(|(_, key)| {
        let help = i18n.t(&format!("{key}_help"));
        view! { <span class="flag-chip" title=help>{i18n.t(key)}</span> }
    })
    .collect_view()
}
