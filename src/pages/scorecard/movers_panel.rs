//! The movers panel: who goes up or down under the draft against the saved version.

use carescore_workspace::display;
use carescore_workspace::movers::{Mover, Movers, Trend};
use leptos::prelude::*;

use crate::components::GradeBadge;
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{Measured, Shared};

/// Who moves up or down under the draft, biggest first.
///
/// Built to be cheap on every edit (a slider drag re-scores at each step): the list is keyed
/// by agent, so an agent who stays among the movers keeps its element and only its texts
/// change; only the agents entering or leaving the list touch the DOM's structure.
#[component]
pub(super) fn MoversPanel(
    movers: Memo<Movers>,
    names: Option<Shared<Measured>>,
    has_data: bool,
    dirty: Memo<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let nobody = Memo::new(move |_| movers.with(|m| m.moved == 0));
    let top = Memo::new(move |_| movers.with(|m| m.top.clone()));
    let body = move || {
        if !has_data {
            return view! { <p class="muted">{move || i18n.t("editor.movers_no_data")}</p> }
                .into_any();
        }
        if nobody.get() {
            let key = move || {
                if dirty.get() {
                    "editor.movers_none"
                } else {
                    "editor.movers_idle"
                }
            };
            return view! { <p class="muted" data-testid="movers-empty">{move || i18n.t(key())}</p> }
                .into_any();
        }
        let count = move |read: fn(&Movers) -> usize| move || movers.with(read).to_string();
        let (moved, up, down, grades) = (
            count(|m| m.moved),
            count(|m| m.up),
            count(|m| m.down),
            count(|m| m.grade_changes),
        );
        let means = move || {
            movers.with(|m| {
                format!(
                    "{} → {}",
                    display::score(m.mean_before),
                    display::score(m.mean_after)
                )
            })
        };
        let names = names.clone();
        view! {
            <p class="movers-summary" data-testid="movers-summary" aria-live="polite">
                {move || i18n.tf("editor.movers_summary", &[("moved", &moved()), ("up", &up()), ("down", &down())])}
            </p>
            <p class="small" data-testid="grade-changes" data-count=grades>
                {move || i18n.tf("editor.grade_changes", &[("count", &grades())])}
            </p>
            <p class="small muted" data-testid="mean-total">
                {move || i18n.tf("editor.mean_total", &[("means", &means())])}
            </p>
            <ol class="movers-list" data-testid="movers-list">
                <For
                    each=move || top.get()
                    key=|x| x.row
                    children=move |x| mover_item(i18n, names.as_ref(), top, x.row)
                />
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="panel movers-panel" data-testid="movers">
            <h2 class="section-title">{move || i18n.t("editor.movers_title")}</h2>
            <p class="muted small">{move || i18n.t("editor.movers_help")}</p>
            {body}
        </section>
    }
}

/// One agent of the movers list; its numbers follow `top` for as long as it stays listed.
fn mover_item(
    i18n: I18n,
    names: Option<&Shared<Measured>>,
    top: Memo<Vec<Mover>>,
    row: usize,
) -> impl IntoView {
    let (name, team) = names
        .and_then(|ws| ws.agents.rows.get(row))
        .map(|r| (r.group.clone(), r.team.clone()))
        .unwrap_or_default();
    let now = move || top.with(|t| t.iter().find(|x| x.row == row).copied());
    let trend = move || now().map_or(Trend::Level, |x| x.trend());
    let look = move || match trend() {
        Trend::Up => ("▲", "change up", "editor.up"),
        Trend::Down => ("▼", "change down", "editor.down"),
        Trend::Level => ("■", "change", "editor.level"),
    };
    let rank = |r: Option<u32>| r.map_or_else(|| "—".to_string(), |r| format!("#{r}"));
    let ranks = move || now().map(|x| format!("{} → {}", rank(x.old_rank), rank(x.new_rank)));
    let totals = move || {
        now().map(|x| {
            format!(
                "{} → {}",
                display::score(x.old_total),
                display::score(x.new_total)
            )
        })
    };
    let delta = move || now().map(|x| display::change(Some(x.delta())));
    let grades = move || {
        now().filter(|x| x.grade_changed()).map(|x| {
            view! {
                <span class="mover-grades">
                    <GradeBadge grade=x.old_grade/> " → " <GradeBadge grade=x.new_grade/>
                </span>
            }
        })
    };
    let href = Route::Agent(name.clone()).to_hash();
    let agent = name.clone();
    view! {
        <li class="mover" data-testid="mover" data-agent=agent>
            <span class=move || format!("mover-arrow {}", look().1)>
                <span aria-hidden="true">{move || look().0}</span>
                <span class="visually-hidden">{move || i18n.t(look().2)}</span>
            </span>
            <a class="mover-name" href=href>{name}</a>
            <span class="muted small mover-team">{team}</span>
            <span class="num mover-total" data-testid="mover-total">{totals}</span>
            <span class="num mover-rank" data-testid="mover-rank">{ranks}</span>
            <span class=move || format!("num {}", look().1)>{delta}</span>
            {grades}
        </li>
    }
}
