//! The team cards: each team's total, grade, rank and dimension bars, with its difference
//! against the compared period.

use carescore_engine::scorecard::Scorecard;
use leptos::prelude::*;

use super::tiles::{compare_note, direction};
use crate::components::{dimension_name, GradeBadge};
use crate::i18n::I18n;
use crate::router::Route;
use crate::state::{Measured, Scores};
use carescore_workspace::compare::{difference, total_in};
use carescore_workspace::display;
use carescore_workspace::scores::{ranked, rows_in_period};

/// The teams best first; each card's difference is against the compared period when there
/// is one, else the engine's change against the calendar-previous month.
pub(super) fn team_cards(
    i18n: I18n,
    ws: &Measured,
    scores: &Scores,
    period: &str,
    compared: Option<&str>,
) -> impl IntoView {
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
                            <span class="num">{display::score(cell.score)}</span>
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
            let change = match compared {
                Some(p) => {
                    let before = total_in(&ws.teams, &scores.teams, &name, p);
                    let diff = difference(score.total, before);
                    compare_note(i18n, p, display::score(before), display::change(diff), direction(diff))
                        .into_any()
                }
                None => view! {
                    <div class="team-change muted">
                        {i18n.t("common.change")} " " <span class="num">{display::change(score.change)}</span>
                    </div>
                }
                .into_any(),
            };
            view! {
                <article class="team-card" data-testid="team-card">
                    <header>
                        <a class="team-name" href=Route::Team(name.clone()).to_hash()>{name.clone()}</a>
                        <span class="muted">{rank}</span>
                    </header>
                    <div class="team-total">
                        <span class="big-number num">{display::score(score.total)}</span>
                        <GradeBadge grade=score.grade/>
                    </div>
                    {change}
                    <ul class="dim-list">{dims}</ul>
                </article>
            }
        })
        .collect_view();
    view! { <div class="team-cards">{cards}</div> }.into_any()
}
