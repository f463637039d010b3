//! The "biggest movers" panel: agents whose total rose or fell most since the compared
//! period, with their grade change. The choosing is `state::compare::movers`.

use leptos::prelude::*;

use crate::components::GradeBadge;
use crate::i18n::I18n;
use crate::router::Route;
use crate::state::{Measured, Scores};
use carescore_workspace::compare::{agent_points, movers, Mover};
use carescore_workspace::display;

/// How many risers and how many fallers the panel lists.
const MOVERS: usize = 5;

pub(super) fn movers_panel(
    i18n: I18n,
    ws: &Measured,
    scores: &Scores,
    period: &str,
    compared: Option<&str>,
) -> impl IntoView {
    let Some(compared) = compared else {
        return view! {
            <p class="muted" data-testid="movers-off">{i18n.t("dashboard.movers_off")}</p>
        }
        .into_any();
    };
    let before = agent_points(&ws.agents, &scores.agents, compared);
    let after = agent_points(&ws.agents, &scores.agents, period);
    let found = movers(&before, &after, MOVERS);
    view! {
        <p class="muted small">{i18n.tf("dashboard.movers_since", &[("period", compared)])}</p>
        <div class="dash-movers">
            <div>
                <h3 class="dash-movers-heading">{i18n.t("dashboard.movers_up")}</h3>
                {mover_list(i18n, found.up, "movers-up", "dashboard.movers_none_up")}
            </div>
            <div>
                <h3 class="dash-movers-heading">{i18n.t("dashboard.movers_down")}</h3>
                {mover_list(i18n, found.down, "movers-down", "dashboard.movers_none_down")}
            </div>
        </div>
    }
    .into_any()
}

fn mover_list(
    i18n: I18n,
    list: Vec<Mover>,
    testid: &'static str,
    empty_key: &'static str,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted small" data-testid=testid>{i18n.t(empty_key)}</p> }
            .into_any();
    }
    let items = list
        .into_iter()
        .map(|m| {
            let direction = if m.change > 0.0 { "up" } else { "down" };
            let grades = if m.grade_before == m.grade_after {
                view! { <GradeBadge grade=m.grade_after/> }.into_any()
            } else {
                view! {
                    <GradeBadge grade=m.grade_before/>
                    <span aria-hidden="true">" → "</span>
                    <GradeBadge grade=m.grade_after/>
                }
                .into_any()
            };
            let totals = i18n.tf(
                "dashboard.mover_totals",
                &[
                    ("before", &display::score(Some(m.before))),
                    ("after", &display::score(Some(m.after))),
                ],
            );
            view! {
                <li class="dash-mover" data-testid="mover">
                    <span class="dash-mover-who">
                        <a href=Route::Agent(m.agent.clone()).to_hash()>{m.agent.clone()}</a>
                        <span class="muted small">{m.team.clone().unwrap_or_default()}</span>
                    </span>
                    <span class="dash-mover-grades">{grades}</span>
                    <span class="dash-mover-totals muted small num">{totals}</span>
                    <span class=format!("num change {direction}") data-testid="mover-change">
                        {display::change(Some(m.change))}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="dash-mover-list" data-testid=testid>{items}</ul> }.into_any()
}
