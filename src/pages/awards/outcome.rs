//! One award's panel: the rule in words, the winners with their reasons, the candidates
//! left out and why, and the rule form.

use carescore_engine::awards::{decide, AwardOutcome, AwardRule, Ineligible, RankedBy, Winner};
use carescore_engine::scorecard::Scorecard;
use leptos::prelude::*;

use crate::i18n::I18n;
use crate::router::Route;
use crate::state::AppState;

use super::card_for;
use super::editor::award_editor;
use super::text::{award_name, failure_text, reason_text, rule_text, value_text};

pub(super) fn award_panel(i18n: I18n, state: AppState, id: String) -> impl IntoView {
    let rule = {
        let id = id.clone();
        Memo::new(move |_| state.awards().into_iter().find(|a| a.id == id))
    };
    let card = Memo::new(move |_| card_for(&state.history(), state.period().as_deref()));
    let title = move || rule.get().map(|r| award_name(i18n, &r)).unwrap_or_default();
    let words = move || {
        rule.get()
            .map(|r| card.with(|c| rule_text(i18n, &r, c)))
            .unwrap_or_default()
    };
    let results = move || {
        let rule = rule.get()?;
        if !rule.enabled {
            return Some(
                view! { <p class="muted" data-testid="award-off">{i18n.t("awards.off")}</p> }
                    .into_any(),
            );
        }
        let (_, scores) = state.scored()?;
        let period = state.period()?;
        let table = &scores.agents;
        let outcome = decide(&rule, &table.table, &table.scheme, &table.board, &period);
        Some(
            card.with(|c| outcome_view(i18n, &rule, c, outcome))
                .into_any(),
        )
    };
    let enabled = move || rule.get().is_some_and(|r| r.enabled);
    let initial = rule.get_untracked();
    let data_award = id.clone();
    view! {
        <section
            class="panel award-panel"
            class:award-off=move || !enabled()
            data-testid="award"
            data-award=data_award
        >
            <h2 class="section-title award-title" data-testid="award-title">{title}</h2>
            <p class="award-rule" data-testid="award-rule">{words}</p>
            {results}
            {initial.map(|initial| award_editor(i18n, state, id, initial, card))}
        </section>
    }
}

fn outcome_view(
    i18n: I18n,
    rule: &AwardRule,
    card: &Scorecard,
    outcome: AwardOutcome,
) -> impl IntoView {
    let AwardOutcome {
        winners,
        ineligible,
    } = outcome;
    let winners_view = if winners.is_empty() {
        view! { <p class="muted" data-testid="award-no-winner">{i18n.t("awards.no_winners")}</p> }
            .into_any()
    } else {
        let rows = winners
            .iter()
            .map(|w| winner_row(i18n, &rule.ranked_by, w))
            .collect_view();
        view! {
            <table class="data-table compact award-winners">
                <thead>
                    <tr>
                        <th class="num">{i18n.t("awards.col.rank")}</th>
                        <th>{i18n.t("awards.col.agent")}</th>
                        <th>{i18n.t("awards.col.team")}</th>
                        <th class="num">{i18n.t("awards.col.value")}</th>
                        <th>{i18n.t("awards.col.reasons")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let count = ineligible.len();
    let excluded = ineligible
        .iter()
        .map(|x| ineligible_item(i18n, &rule.ranked_by, card, x))
        .collect_view();
    view! {
        {winners_view}
        <details class="award-ineligible" data-testid="award-ineligible">
            <summary>{i18n.tf("awards.ineligible", &[("count", &count.to_string())])}</summary>
            {(count == 0).then(|| view! { <p class="muted">{i18n.t("awards.ineligible_none")}</p> })}
            <ul class="award-ineligible-list">{excluded}</ul>
        </details>
    }
}

fn agent_link(name: &str) -> impl IntoView {
    view! { <a href=Route::Agent(name.to_string()).to_hash()>{name.to_string()}</a> }
}

fn winner_row(i18n: I18n, by: &RankedBy, winner: &Winner) -> impl IntoView {
    let reasons = winner
        .reasons
        .iter()
        .map(|r| view! { <li>{reason_text(i18n, by, r)}</li> })
        .collect_view();
    view! {
        <tr data-testid="award-winner">
            <td class="num">{winner.rank_in_award}</td>
            <td>{agent_link(&winner.group)}</td>
            <td>{winner.team.clone().unwrap_or_default()}</td>
            <td class="num score">{value_text(by, winner.value)}</td>
            <td><ul class="award-reasons" data-testid="winner-reasons">{reasons}</ul></td>
        </tr>
    }
}

fn ineligible_item(i18n: I18n, by: &RankedBy, card: &Scorecard, x: &Ineligible) -> impl IntoView {
    let why: Vec<String> = x
        .failures
        .iter()
        .map(|f| failure_text(i18n, f, card))
        .collect();
    view! {
        <li data-testid="ineligible-row">
            {agent_link(&x.group)}
            " "
            <span class="muted">{x.team.clone().unwrap_or_default()}</span>
            " · "
            <span class="num">{value_text(by, x.value)}</span>
            " · "
            {i18n.tf("awards.would_rank", &[("position", &x.position.to_string())])}
            ": "
            <span class="award-why" data-testid="ineligible-why">
                {why.join(&i18n.t("awards.rule.separator"))}
            </span>
        </li>
    }
}
